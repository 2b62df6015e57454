//! Prints every entity found in JSONL corpora, one per line (`doc\tstart\tend\tlabel\ttext`),
//! to check that a change leaves the output byte for byte the same:
//! `cargo run --release -p sitrep-ner --example ner-digest -- ../shared/data/corpus/*.jsonl > a.tsv`.
use sitrep_ner::Recognizer;
use sitrep_text::TextLayer;
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rec = Recognizer::new();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for f in std::env::args().skip(1) {
        for (n, line) in std::fs::read_to_string(&f)?.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
                continue;
            };
            let layer = TextLayer::new(text);
            for e in rec.recognize(&layer) {
                writeln!(
                    out,
                    "{f}:{n}\t{}\t{}\t{}\t{}",
                    e.start, e.end, e.label, e.text
                )?;
            }
        }
    }
    Ok(())
}
