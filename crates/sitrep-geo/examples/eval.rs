//! Geoparsing evaluation: `cargo run --release -p sitrep-geo --example eval -- <dataset>...`
//! with datasets `lgl`, `trnews` (dev), `geowebnews`, `geovirus` (test: report only), `all`,
//! or `throughput`; `--text FILE` prints the places of a text file. Opens the gazetteer at `--gazetteer DIR` (default:
//! `sitrep_gazetteer::default_dir()`); `--import PATH` adds a GeoNames dump or a Who's On
//! First archive into a scratch copy first (e.g. the WOF Syria file), `--setup` builds the
//! gazetteer at DIR when missing (`sitrep_gazetteer::setup`), `--json` prints metrics.
use sitrep_gazetteer::Gazetteer;
use std::path::PathBuf;

fn main() {
    let mut dir = sitrep_gazetteer::default_dir();
    let mut json = false;
    let mut setup = false;
    let mut texts: Vec<PathBuf> = Vec::new();
    let mut names = Vec::new();
    let mut imports: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gazetteer" => dir = args.next().map(PathBuf::from).unwrap_or(dir),
            "--import" => imports.extend(args.next().map(PathBuf::from)),
            "--json" => json = true,
            "--setup" => setup = true,
            "--text" => texts.extend(args.next().map(PathBuf::from)),
            _ => names.push(a),
        }
    }
    if names.is_empty() && texts.is_empty() {
        names.push("all".into());
    }
    names = names
        .into_iter()
        .flat_map(|n| {
            if n == "all" {
                ["lgl", "trnews", "geowebnews", "geovirus"]
                    .map(String::from)
                    .to_vec()
            } else {
                vec![n]
            }
        })
        .collect();
    let Some(shared) = sitrep_eval::shared_dir() else {
        eprintln!("shared/ not found (set SITREP_SHARED)");
        std::process::exit(2);
    };
    let t = std::time::Instant::now();
    if setup {
        if let Err(e) = sitrep_gazetteer::setup(&dir, &|m| eprintln!("setup: {m}")) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    let gaz: Result<Gazetteer, String> = if imports.is_empty() {
        Gazetteer::open(&dir).map_err(|e| e.to_string())
    } else {
        // import into a scratch copy so the default gazetteer is left as it is
        let tmp = std::env::temp_dir().join(format!("sitrep-geo-eval-gaz-{}", std::process::id()));
        let r = (|| {
            std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
            let g = Gazetteer::open(&dir).map_err(|e| e.to_string())?;
            g.write(&tmp).map_err(|e| e.to_string())?;
            sitrep_gazetteer::import(&tmp, &imports, &|_| {}).map_err(|e| e.to_string())?;
            Gazetteer::open(&tmp).map_err(|e| e.to_string())
        })();
        std::fs::remove_dir_all(&tmp).ok();
        r
    };
    let gaz = match gaz {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "gazetteer: {} records, {:.2} s",
        gaz.len(),
        t.elapsed().as_secs_f64()
    );
    let gaz = std::sync::Arc::new(gaz);
    for t in &texts {
        let text = std::fs::read_to_string(t).unwrap_or_default();
        let layer = sitrep_text::TextLayer::new(&text);
        let geo = sitrep_geo::Geoparser::new(gaz.clone());
        for p in geo.parse(&layer, &[], &[]) {
            println!(
                "{}\t{}\t{:?}\t{:?}\t{:?}\t{:?}\t{:.4?}\t{:.4?}\t{:.2}",
                p.start, p.text, p.name, p.id, p.country, p.feature, p.lat, p.lon, p.confidence
            );
        }
    }
    for n in names {
        let t = std::time::Instant::now();
        let r = if n == "throughput" {
            sitrep_geo::eval::throughput(&shared, &gaz)
        } else {
            sitrep_geo::eval::run(&shared, &n, &gaz, None)
        };
        match r {
            Ok(r) => {
                if json {
                    println!("{}", r.metrics);
                } else {
                    println!("{}", r.markdown);
                }
                eprintln!("{n}: {:.1} s", t.elapsed().as_secs_f64());
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
}
