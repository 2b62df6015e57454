//! Throughput of `Recognizer::recognize` (one thread) over the texts of the shared corpora:
//! `cargo run --release -p sitrep-ner --example bench [-- FILE.jsonl ...]`.
//! Text-layer segmentation is timed separately and not counted in the NER figure.
use sitrep_ner::Recognizer;
use sitrep_text::TextLayer;
use std::time::Instant;

/// Passes over each corpus (the figure is their mean).
const PASSES: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let files = sitrep_eval::corpus_files(std::env::args().skip(1).collect())?;
    let t = Instant::now();
    let rec = Recognizer::new();
    println!(
        "model: {} features, {} bytes embedded, loaded in {:.1} ms",
        rec.feature_count(),
        include_bytes!("../model/ner.bin").len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let (mut all_bytes, mut all_secs, mut all_cpu) = (0usize, 0f64, 0f64);
    for f in &files {
        let mut texts = Vec::new();
        for line in std::fs::read_to_string(f)?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                texts.push(t.to_string());
            }
        }
        let bytes: usize = texts.iter().map(String::len).sum();
        let t0 = Instant::now();
        let layers: Vec<TextLayer> = texts.iter().map(|t| TextLayer::new(t)).collect();
        let seg = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let c1 = sitrep_eval::cpu_seconds();
        let mut ents = 0;
        for _ in 0..PASSES {
            for l in &layers {
                ents += rec.recognize(l).len();
            }
        }
        let secs = t1.elapsed().as_secs_f64() / PASSES as f64;
        all_cpu += (sitrep_eval::cpu_seconds() - c1) / PASSES as f64;
        ents /= PASSES;
        all_bytes += bytes;
        all_secs += secs;
        println!(
            "{f}: {} docs, {:.2} MB, {ents} entities; recognize {:.2}s = {:.2} MB/s (text layer {:.2} MB/s)",
            texts.len(),
            bytes as f64 / 1e6,
            secs,
            bytes as f64 / 1e6 / secs,
            bytes as f64 / 1e6 / seg
        );
    }
    println!(
        "overall: {:.2} MB in {:.2}s wall = {:.2} MB/s; {:.2}s CPU = {:.2} MB/s per core (recognize only, mean of {PASSES} passes)",
        all_bytes as f64 / 1e6,
        all_secs,
        all_bytes as f64 / 1e6 / all_secs,
        all_cpu,
        all_bytes as f64 / 1e6 / all_cpu.max(1e-9)
    );
    Ok(())
}
