//! Imports sources: `cargo run --release -p sitrep-gazetteer --example import -- DIR PATH...`.
use std::path::PathBuf;

fn main() {
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let Some((dir, paths)) = args.split_first() else {
        eprintln!("usage: import DIR PATH...");
        std::process::exit(2);
    };
    match sitrep_gazetteer::import(dir, paths, &|m: &str| eprintln!("{m}")) {
        Ok(r) => println!("{r:?}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
