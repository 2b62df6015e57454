//! Prints the actors and quotes of a text file (development aid).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let layer = sitrep_text::TextLayer::new(&text);
    let actors = sitrep_actors::actors(&layer, &[]);
    for a in &actors {
        println!("A {:?} -> {} [{}] {:?}", a.text, a.name, a.kind, a.country);
    }
    for q in sitrep_actors::quotes(&layer, &[], &actors) {
        println!(
            "Q direct={} cue={:?} src={:?} via={:?}\n   {:?}",
            q.direct,
            q.cue.map(|c| c.text),
            q.source.map(|s| format!("{} => {}", s.text, s.name)),
            q.via.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
            q.content.text
        );
    }
}
