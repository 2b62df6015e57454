//! Runs the PolNeAR evaluation: `cargo run --release -p sitrep-actors --example eval -- dev`.
fn main() {
    let split = std::env::args().nth(1).unwrap_or_else(|| "dev".into());
    let Some(shared) = sitrep_eval::shared_dir() else {
        eprintln!("shared data not found (set SITREP_SHARED)");
        std::process::exit(2);
    };
    match sitrep_actors::eval::run(&shared, &split) {
        Ok(r) => println!("{}", r.markdown),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
