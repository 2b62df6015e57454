//! CoNLL-2003 evaluation: `cargo run --release -p sitrep-ner --example eval -- testa|testb`
//! (`testa` = dev, `testb` = test, report only). Add `--json` for the metrics.
use sitrep_eval::{shared_dir, Split};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = match args.first().map(String::as_str) {
        Some("testb") | Some("test") => Split::Test,
        Some("testa") | Some("dev") | None => Split::Dev,
        Some(other) => return Err(format!("unknown split {other}: use testa or testb").into()),
    };
    let shared = shared_dir()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let report = sitrep_ner::eval::run(&shared, split)?;
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&report.metrics)?);
    } else {
        println!("{}", report.markdown);
    }
    Ok(())
}
