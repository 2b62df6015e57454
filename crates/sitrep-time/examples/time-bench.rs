//! Throughput of [`sitrep_time::extract`] (one thread) over the texts of the shared corpora,
//! in CPU time (steadier than wall time on a shared machine):
//! `cargo run --release -p sitrep-time --example time-bench [-- FILE.jsonl ...]`.
//! Text-layer segmentation is done first and not counted.
use std::time::Instant;

/// Passes over the corpora (the figure is their mean).
const PASSES: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let files = sitrep_eval::corpus_files(std::env::args().skip(1).collect())?;
    let mut docs = Vec::new();
    for f in &files {
        for line in std::fs::read_to_string(f)?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                let published = v
                    .get("published")
                    .and_then(|p| p.as_str())
                    .and_then(|p| p.get(..10))
                    .and_then(|p| p.parse::<jiff::civil::Date>().ok());
                docs.push((t.to_string(), published));
            }
        }
    }
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let layers: Vec<_> = docs
        .iter()
        .map(|(t, p)| (sitrep_text::TextLayer::new(t), *p))
        .collect();
    let (t0, c0) = (Instant::now(), sitrep_eval::cpu_seconds());
    let mut found = 0;
    for _ in 0..PASSES {
        for (layer, published) in &layers {
            found += sitrep_time::extract(layer, *published).len();
        }
    }
    let wall = t0.elapsed().as_secs_f64() / PASSES as f64;
    let cpu = (sitrep_eval::cpu_seconds() - c0) / PASSES as f64;
    println!(
        "{} docs, {:.2} MB, {} timexes: {:.3}s wall = {:.1} MB/s; {:.3}s CPU = {:.1} MB/s per core (extract only, mean of {PASSES} passes)",
        docs.len(),
        bytes as f64 / 1e6,
        found / PASSES,
        wall,
        bytes as f64 / 1e6 / wall,
        cpu,
        bytes as f64 / 1e6 / cpu.max(1e-9)
    );
    Ok(())
}
