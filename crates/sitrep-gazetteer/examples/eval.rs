//! Gazetteer coverage on the geoparsing gold sets:
//! `cargo run --release -p sitrep-gazetteer --example eval -- [--dir GAZETTEER_DIR] [lgl trnews geowebnews geovirus]`
//! (default: the dev sets LGL and TR-News; `--json` prints the metrics).
use sitrep_gazetteer::eval::{run, Corpus};
use sitrep_gazetteer::Gazetteer;
use std::path::PathBuf;

fn main() {
    let mut dir = sitrep_gazetteer::default_dir();
    let mut corpora = Vec::new();
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dir" => dir = PathBuf::from(args.next().unwrap_or_default()),
            "--json" => json = true,
            other => match Corpus::parse(other) {
                Some(c) => corpora.push(c),
                None => {
                    eprintln!("unknown corpus {other:?} (lgl, trnews, geowebnews, geovirus)");
                    std::process::exit(2);
                }
            },
        }
    }
    if corpora.is_empty() {
        corpora = vec![Corpus::Lgl, Corpus::TrNews];
    }
    let shared = sitrep_eval::shared_dir()
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    let g = match Gazetteer::open(&dir) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    match run(&g, &shared, &corpora) {
        Ok(r) if json => println!("{}", r.metrics),
        Ok(r) => println!("{}", r.markdown),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
