//! Prints the entities of a text file: `cargo run -p sitrep-ner --example show -- FILE`.
use sitrep_ner::Recognizer;
use sitrep_text::TextLayer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: show FILE")?;
    let text = std::fs::read_to_string(path)?;
    let layer = TextLayer::new(&text);
    for e in Recognizer::new().recognize(&layer) {
        println!("{}\t{}\t{}\t{}", e.start, e.end, e.label, e.text);
    }
    Ok(())
}
