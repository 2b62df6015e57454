//! Prints the CASE 2021 Task 2 evaluation of `sitrep_events::classify` (test split), with
//! `--set own-dev` the evaluation on the crate's own dev set (`data/dev.tsv`; `--set own-dev2` for
//! `data/dev2.tsv`, `--set own-dev3` for `data/dev3.tsv`; add `--errors` to
//! list the misclassified snippets, `--file F.tsv` to score another file in that format), or with `--throughput FILE.jsonl` the throughput of
//! `extract` and `classify` on a corpus.
//!
//! `cargo run --release -p sitrep-events --example eval [-- --set own-dev|own-dev2|own-dev3|case2021] [--errors] [--file F.tsv] [--json] [--throughput FILE]`

use sitrep_events::{classify, extract, Context};
use sitrep_text::TextLayer;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--throughput") {
        let Some(path) = args.get(i + 1) else {
            eprintln!("--throughput needs a JSONL file");
            std::process::exit(2);
        };
        throughput(path);
        return;
    }
    let set = args
        .iter()
        .position(|a| a == "--set")
        .and_then(|i| args.get(i + 1))
        .map_or("case2021", String::as_str);
    let result = match set {
        "own-dev" => {
            let errors = args.iter().any(|a| a == "--errors");
            match args
                .iter()
                .position(|a| a == "--file")
                .and_then(|i| args.get(i + 1))
            {
                Some(f) => sitrep_events::eval::run_dev_file(std::path::Path::new(f), errors),
                None => sitrep_events::eval::run_own("own-dev", errors),
            }
        }
        "own-dev2" | "own-dev3" => {
            sitrep_events::eval::run_own(set, args.iter().any(|a| a == "--errors"))
        }
        "case2021" => {
            let Some(shared) = sitrep_eval::shared_dir() else {
                eprintln!("shared data not found (set SITREP_SHARED)");
                std::process::exit(2);
            };
            sitrep_events::eval::run(&shared)
        }
        other => {
            eprintln!("unknown set {other:?} (own-dev | own-dev2 | own-dev3 | case2021)");
            std::process::exit(2);
        }
    };
    match result {
        Ok(r) if args.iter().any(|a| a == "--json") => println!("{:#}", r.metrics),
        Ok(r) => println!("{}", r.markdown),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

fn throughput(path: &str) {
    let raw = match std::fs::read_to_string(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // extract() with an empty context (no other stage): segmentation + clauses + triggers.
    let t0 = Instant::now();
    let mut n_events = 0;
    for t in &texts {
        let layer = TextLayer::new(t);
        let ctx = Context {
            layer: &layer,
            published: None,
            entities: &[],
            places: &[],
            times: &[],
            actors: &[],
            quotes: &[],
        };
        n_events += extract(&ctx).len();
    }
    let e = t0.elapsed().as_secs_f64();
    // extract() with a dense synthetic context: every capitalised word is both an actor and a
    // place (far more mentions than the real stages produce: a pessimistic load).
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let layer = TextLayer::new(t);
            let mut actors = Vec::new();
            let mut places = Vec::new();
            for (k, tok) in layer.tokens.iter().enumerate() {
                let w = tok.text(t);
                if !w.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                actors.push(sitrep_model::Actor {
                    text: w.to_string(),
                    start: tok.start,
                    end: tok.end,
                    name: w.to_string(),
                    kind: ["state_forces", "rebel_group", "civilians"][k % 3].into(),
                    country: None,
                });
                places.push(sitrep_model::Place {
                    text: w.to_string(),
                    start: tok.start,
                    end: tok.end,
                    name: Some(w.to_string()),
                    id: None,
                    country: None,
                    admin1: None,
                    feature: None,
                    lat: None,
                    lon: None,
                    confidence: 0.5,
                });
            }
            (actors, places)
        })
        .collect();
    let t2 = Instant::now();
    let mut n_dense = 0;
    for (t, (actors, places)) in texts.iter().zip(&prepared) {
        let layer = TextLayer::new(t);
        let ctx = Context {
            layer: &layer,
            published: None,
            entities: &[],
            places,
            times: &[],
            actors,
            quotes: &[],
        };
        n_dense += extract(&ctx).len();
    }
    let d = t2.elapsed().as_secs_f64();
    println!(
        "extract (incl. TextLayer, dense synthetic context): {:.2} MB/s ({} events)",
        bytes as f64 / 1e6 / d,
        n_dense
    );
    let t1 = Instant::now();
    let mut n_class = 0;
    for t in &texts {
        n_class += usize::from(classify(t).is_some());
    }
    let c = t1.elapsed().as_secs_f64();
    println!(
        "{} docs, {:.2} MB: extract (incl. TextLayer, empty context) {:.2} MB/s ({} events); classify {:.2} MB/s ({} docs typed)",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / e,
        n_events,
        bytes as f64 / 1e6 / c,
        n_class
    );
}
