//! Lists the most frequent coverage misses on a DEV gold set (for writing rules):
//! `cargo run --release -p sitrep-gazetteer --example misses -- [--dir DIR] lgl|trnews`
use sitrep_gazetteer::eval::{read_gold, Corpus};
use sitrep_gazetteer::{haversine_km, Gazetteer};
use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    let mut dir = sitrep_gazetteer::default_dir();
    let mut corpus = Corpus::Lgl;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--dir" {
            dir = PathBuf::from(args.next().unwrap_or_default());
        } else if let Some(c) = Corpus::parse(&a) {
            corpus = c;
        }
    }
    if corpus.split() != sitrep_eval::Split::Dev {
        eprintln!("misses are listed for dev sets only");
        std::process::exit(2);
    }
    let shared = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/eval/geoparsing"
    ));
    let file = if corpus == Corpus::Lgl {
        "lgl.xml"
    } else {
        "TR-News.xml"
    };
    let g = Gazetteer::open(&dir).expect("open");
    let gold = read_gold(corpus, &shared.join(file)).expect("gold");
    let mut unknown: HashMap<String, usize> = HashMap::new();
    let mut far: HashMap<String, usize> = HashMap::new();
    for t in &gold {
        let ids = g.candidates(&t.surface);
        if ids.is_empty() {
            *unknown.entry(t.surface.clone()).or_default() += 1;
        } else if !ids
            .iter()
            .any(|&i| haversine_km(t.lat, t.lon, g.record(i).lat, g.record(i).lon) <= 161.0)
        {
            let best = ids
                .iter()
                .map(|&i| haversine_km(t.lat, t.lon, g.record(i).lat, g.record(i).lon))
                .fold(f64::MAX, f64::min);
            *far.entry(format!(
                "{} ({:.2},{:.2}) nearest {:.0} km",
                t.surface, t.lat, t.lon, best
            ))
            .or_default() += 1;
        }
    }
    for (title, m) in [("unknown", unknown), ("known but far", far)] {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        println!("== {title}: {} distinct", v.len());
        for (s, n) in v.iter().take(60) {
            println!("{n:4} {s}");
        }
    }
}
