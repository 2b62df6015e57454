//! Dev-corpus review: classifies every sentence of a JSONL corpus (a dev set, e.g.
//! `../shared/data/corpus/guardian-syria-2019.jsonl`) and prints counts and samples per type,
//! for reading false positives. Never point it at a test set.
//!
//! `cargo run --release -p sitrep-events --example review -- FILE.jsonl [SAMPLES]`

use sitrep_events::classify_code;
use sitrep_text::TextLayer;
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: review FILE.jsonl [SAMPLES]");
        std::process::exit(2);
    };
    let k: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(4);
    let raw = std::fs::read_to_string(path).unwrap_or_default();
    let mut by: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut n = 0;
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v["text"].as_str() else {
            continue;
        };
        let layer = TextLayer::new(text);
        for s in &layer.sentences {
            n += 1;
            let st = layer.sentence_text(s);
            if let Some(c) = classify_code(st) {
                by.entry(c).or_default().push(st.to_string());
            }
        }
    }
    println!("{n} sentences");
    for (c, v) in &by {
        println!("\n== {c}: {}", v.len());
        let step = (v.len() / k).max(1);
        for s in v.iter().step_by(step).take(k) {
            println!("  - {}", s.chars().take(220).collect::<String>());
        }
    }
}
