//! Prints sentences and quotation pairs of a text file (development aid).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let layer = sitrep_text::TextLayer::new(&text);
    for s in &layer.sentences {
        println!("S {:?}", &text[s.start..s.end]);
    }
    if std::env::var("TOKS").is_ok() {
        for t in &layer.tokens {
            print!("[{}]", t.text(&text));
        }
        println!();
    }
    for q in &layer.quotes {
        println!(
            "Q open {} close {} {:?}",
            q.open,
            q.close,
            &text[q.content.clone()]
        );
    }
}
