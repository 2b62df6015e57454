//! Runs the temporal-expression evaluation and prints the Markdown report.
//!
//! `cargo run --release -p sitrep-time --example eval -- te3-platinum`
//! `cargo run --release -p sitrep-time --example eval -- tbaq --errors 200` (dev splits only)

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map_or("te3-platinum", String::as_str);
    let max_errors = args
        .iter()
        .position(|a| a == "--errors")
        .and_then(|p| args.get(p + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let Some(shared) = sitrep_eval::shared_dir() else {
        eprintln!("shared data directory not found (set SITREP_SHARED)");
        std::process::exit(2);
    };
    match sitrep_time::eval::run_with_errors(&shared, which, max_errors) {
        Ok(r) => print!("{}", r.markdown),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
