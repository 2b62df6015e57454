//! Segments the `text` field of JSONL files and prints throughput; with `--show N`, prints the
//! first N sentences of each document for review.
//! `cargo run --release -p sitrep-text --example segment -- ../shared/data/corpus/*.jsonl`

use sitrep_text::TextLayer;
use std::time::Instant;

fn main() {
    let mut show = 0usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--show" {
            show = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
        } else {
            files.push(a);
        }
    }
    let mut texts = Vec::new();
    for f in &files {
        let data = std::fs::read_to_string(f).expect("read corpus");
        for line in data.lines() {
            let start = line
                .find("\"text\": \"")
                .map(|i| i + 9)
                .or_else(|| line.find("\"text\":\"").map(|i| i + 8));
            if let Some(s) = start {
                // Cheap unescape of the common escapes; enough for a segmentation benchmark.
                let body = &line[s..line.len().saturating_sub(2)];
                texts.push(body.replace("\\n", "\n").replace("\\\"", "\""));
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = Instant::now();
    let mut sentences = 0;
    for (i, text) in texts.iter().enumerate() {
        let l = TextLayer::new(text);
        sentences += l.sentences.len();
        if i < 20 {
            for s in l.sentences.iter().take(show) {
                println!("| {}", l.sentence_text(s));
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} docs, {:.2} MB, {} sentences, {:.3} s, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        sentences,
        secs,
        bytes as f64 / 1e6 / secs
    );
}
