//! Trains the NER model from CoNLL-2003 `eng.train` and writes `model/ner.bin`.
//!
//! `cargo run --release -p sitrep-ner --example train -- <eng.train> [--out FILE]
//! [--epochs N] [--prune X] [--dev eng.testa]`
use sitrep_ner::{eval, read_conll, train_with, Recognizer, TrainOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut train_path = None;
    let mut out = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin"));
    let mut dev = None;
    let mut opts = TrainOptions::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(args.next().ok_or("--out FILE")?),
            "--dev" => dev = Some(PathBuf::from(args.next().ok_or("--dev FILE")?)),
            "--epochs" => opts.epochs = args.next().ok_or("--epochs N")?.parse()?,
            "--prune" => opts.prune_below = args.next().ok_or("--prune X")?.parse()?,
            _ => train_path = Some(PathBuf::from(a)),
        }
    }
    let train_path = train_path.ok_or("usage: train <eng.train> [--out FILE] [--dev FILE]")?;
    let report = train_with(&train_path, &out, opts, &mut |line| eprintln!("{line}"))?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    if let Some(dev) = dev {
        let rec = Recognizer::from_model_file(&out)?;
        let docs = read_conll(&dev)?;
        let sc = eval::evaluate(&rec, &docs);
        println!("{}", eval::markdown(&dev.display().to_string(), &sc));
    }
    Ok(())
}
