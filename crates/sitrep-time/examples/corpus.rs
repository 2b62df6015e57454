//! Throughput and robustness over a JSONL corpus (`text`, optional `published`):
//! `cargo run --release -p sitrep-time --example corpus -- ../shared/data/corpus/reuters-2017q4.jsonl [--show N]`
//! prints the extraction throughput (segmentation excluded), counts by type and, with
//! `--show N`, the first N mentions with their values.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: corpus <file.jsonl> [--show N]");
        std::process::exit(2);
    };
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|p| args.get(p + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let data = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let (mut bytes, mut docs, mut shown) = (0usize, 0usize, 0usize);
    let mut stage = Duration::ZERO;
    let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let published = v
            .get("published")
            .and_then(|p| p.as_str())
            .and_then(|p| p.get(..10))
            .and_then(|p| p.parse::<jiff::civil::Date>().ok());
        let layer = sitrep_text::TextLayer::new(text);
        let t0 = Instant::now();
        let ms = sitrep_time::extract(&layer, published);
        stage += t0.elapsed();
        bytes += text.len();
        docs += 1;
        for m in ms {
            assert_eq!(&text[m.start..m.end], m.text);
            *by_type.entry(m.kind.clone()).or_default() += 1;
            if shown < show {
                shown += 1;
                let p = published.map_or_else(|| "-".to_string(), |p| p.to_string());
                println!(
                    "{p}\t{:?}\t{}\t{}\t{:?}",
                    m.text, m.kind, m.value, m.modifier
                );
            }
        }
    }
    println!(
        "{docs} documents, {bytes} bytes: extraction {:.1} MB/s (one core); {by_type:?}",
        bytes as f64 / 1e6 / stage.as_secs_f64().max(1e-9)
    );
}
