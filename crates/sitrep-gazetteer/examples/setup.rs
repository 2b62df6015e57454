//! Builds the default gazetteer: `cargo run --release -p sitrep-gazetteer --example setup -- [DIR] [--force]`.
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let force = args.iter().any(|a| a == "--force");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(sitrep_gazetteer::default_dir);
    let progress = |m: &str| eprintln!("{m}");
    let r = if force {
        sitrep_gazetteer::setup_force(&dir, &progress)
    } else {
        sitrep_gazetteer::setup(&dir, &progress)
    };
    match r {
        Ok(r) => println!("{r:?}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
