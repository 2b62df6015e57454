//! Prints the temporal expressions of a text file: `dump <file> [YYYY-MM-DD]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: dump <file> [published YYYY-MM-DD]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let published = args.get(1).and_then(|d| d.parse().ok());
    let layer = sitrep_text::TextLayer::new(&text);
    for m in sitrep_time::extract(&layer, published) {
        let range = m
            .range
            .map(|[a, b]| format!("{a}..{b}"))
            .unwrap_or_default();
        println!(
            "{}..{}\t{:?}\t{}\t{}\t{}\t{}",
            m.start,
            m.end,
            m.text,
            m.kind,
            m.value,
            m.modifier.unwrap_or_default(),
            range
        );
    }
}
