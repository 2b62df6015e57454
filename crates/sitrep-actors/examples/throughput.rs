//! Throughput of `actors` and `quotes` on the corpora, one thread:
//! `cargo run --release -p sitrep-actors --example throughput [-- <jsonl>...]`.
use std::time::{Duration, Instant};

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/corpus/");
        files = [
            "guardian-syria-2019.jsonl",
            "reuters-2017q4.jsonl",
            "insightcrime.jsonl",
        ]
        .iter()
        .map(|f| format!("{dir}{f}"))
        .collect();
    }
    // Build the dictionaries before timing.
    let warm = sitrep_text::TextLayer::new("Warm-up: ISIS said.");
    let _ = sitrep_actors::actors(&warm, &[]);
    println!("| corpus | docs | MB | actors MB/s | quotes MB/s | both MB/s | actors | quotes |");
    println!("|---|---|---|---|---|---|---|---|");
    for f in files {
        let Ok(data) = std::fs::read_to_string(&f) else {
            eprintln!("cannot read {f}");
            continue;
        };
        let texts: Vec<String> = data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(String::from))
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let (mut ta, mut tq) = (Duration::ZERO, Duration::ZERO);
        let (mut na, mut nq) = (0, 0);
        for t in &texts {
            let layer = sitrep_text::TextLayer::new(t);
            let t0 = Instant::now();
            let a = sitrep_actors::actors(&layer, &[]);
            let t1 = Instant::now();
            let q = sitrep_actors::quotes(&layer, &[], &a);
            let t2 = Instant::now();
            ta += t1 - t0;
            tq += t2 - t1;
            na += a.len();
            nq += q.len();
        }
        let mb = bytes as f64 / 1e6;
        let name = f.rsplit('/').next().unwrap_or(&f);
        println!(
            "| {name} | {} | {mb:.2} | {:.1} | {:.1} | {:.1} | {na} | {nq} |",
            texts.len(),
            mb / ta.as_secs_f64(),
            mb / tq.as_secs_f64(),
            mb / (ta + tq).as_secs_f64()
        );
    }
}
