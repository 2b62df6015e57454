//! Prints every temporal expression found in JSONL corpora, one per line, to check that a
//! change leaves the output byte for byte the same:
//! `cargo run --release -p sitrep-time --example time-digest -- ../shared/data/corpus/*.jsonl > a.tsv`.
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for f in std::env::args().skip(1) {
        for (n, line) in std::fs::read_to_string(&f)?.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
                continue;
            };
            let published = v
                .get("published")
                .and_then(|p| p.as_str())
                .and_then(|p| p.get(..10))
                .and_then(|p| p.parse::<jiff::civil::Date>().ok());
            let layer = sitrep_text::TextLayer::new(text);
            for m in sitrep_time::extract(&layer, published) {
                writeln!(
                    out,
                    "{f}:{n}\t{}\t{}\t{}\t{}\t{:?}\t{:?}\t{}",
                    m.start, m.end, m.kind, m.value, m.modifier, m.range, m.text
                )?;
            }
        }
    }
    Ok(())
}
