//! Opens a gazetteer and looks names up, timing both:
//! `cargo run --release -p sitrep-gazetteer --example lookup -- [--dir DIR] [--near LAT,LON] NAME...`
//! With `--near` and `--fuzzy N`, also lists names within 50 km and N edits.
//! With `--bench`, also measures lookup throughput over every record's preferred name.
use sitrep_gazetteer::{haversine_km, Gazetteer};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut dir = sitrep_gazetteer::default_dir();
    let mut near: Option<(f64, f64)> = None;
    let mut bench = false;
    let mut fuzzy: Option<usize> = None;
    let mut names = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dir" => dir = PathBuf::from(args.next().unwrap_or_default()),
            "--near" => {
                let v = args.next().unwrap_or_default();
                let mut it = v.split(',').filter_map(|x| x.trim().parse::<f64>().ok());
                if let (Some(a), Some(b)) = (it.next(), it.next()) {
                    near = Some((a, b));
                }
            }
            "--bench" => bench = true,
            "--fuzzy" => fuzzy = args.next().and_then(|x| x.parse().ok()),
            _ => names.push(a),
        }
    }
    let t = Instant::now();
    let g = match Gazetteer::open(&dir) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "opened {} ({} records, {} keys) in {:.3} s",
        dir.display(),
        g.len(),
        g.key_count(),
        t.elapsed().as_secs_f64()
    );
    for n in &names {
        let ids = g.candidates(n);
        println!(
            "{n:?} (key {:?}): {} candidates",
            sitrep_gazetteer::name_key(n),
            ids.len()
        );
        let mut shown: Vec<u32> = ids.to_vec();
        if let Some((la, lo)) = near {
            shown.sort_by(|&a, &b| {
                let (ra, rb) = (g.record(a), g.record(b));
                haversine_km(la, lo, ra.lat, ra.lon)
                    .total_cmp(&haversine_km(la, lo, rb.lat, rb.lon))
            });
        }
        for &id in shown.iter().take(8) {
            let r = g.record(id);
            let dist = near
                .map(|(la, lo)| format!(" {:.1} km away", haversine_km(la, lo, r.lat, r.lon)))
                .unwrap_or_default();
            println!(
                "  {:<22} {:<28} {} {}/{} adm1={:?} {:.5},{:.5} pop={}{}",
                r.id,
                r.name,
                r.country,
                r.feature_class,
                r.feature,
                r.admin1.as_deref().unwrap_or("-"),
                r.lat,
                r.lon,
                r.population,
                dist
            );
        }
    }
    if let (Some(edits), Some((la, lo))) = (fuzzy, near) {
        for n in &names {
            let hits = g.fuzzy_near(n, la, lo, 50.0, edits);
            println!("{n:?}: {} within 50 km and {edits} edits", hits.len());
            for (id, e) in hits.iter().take(5) {
                let r = g.record(*id);
                let d = haversine_km(la, lo, r.lat, r.lon);
                println!("  {e} edits  {:<22} {:<24} {:.1} km", r.id, r.name, d);
            }
        }
    }
    if bench {
        let probes: Vec<String> = g.records().iter().map(|r| r.name.clone()).collect();
        let t = Instant::now();
        let mut hits = 0usize;
        for p in &probes {
            hits += g.candidates(p).len();
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "lookup throughput: {} surface lookups (name_key + fst) in {:.3} s = {:.0}/s ({} candidates)",
            probes.len(),
            s,
            probes.len() as f64 / s,
            hits
        );
        let keys: Vec<String> = probes
            .iter()
            .map(|p| sitrep_gazetteer::name_key(p))
            .collect();
        let unstable: Vec<&String> = keys
            .iter()
            .filter(|k| sitrep_gazetteer::name_key(k) != **k)
            .collect();
        println!(
            "keys that are not fixed points of name_key: {} of {} (e.g. {:?})",
            unstable.len(),
            keys.len(),
            unstable.iter().take(8).collect::<Vec<_>>()
        );
        let t = Instant::now();
        let mut hits = 0usize;
        for k in &keys {
            hits += g.candidates_by_key(k).len();
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "key lookup throughput: {} in {:.3} s = {:.0}/s ({hits})",
            keys.len(),
            s,
            keys.len() as f64 / s
        );
        let t = Instant::now();
        let mut n = 0usize;
        for r in g.records().iter().take(10_000) {
            n += g.within_km(r.lat, r.lon, 25.0).len();
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "within_km(25 km): 10000 queries in {s:.3} s = {:.0}/s ({n} results)",
            10_000.0 / s
        );
    }
}
