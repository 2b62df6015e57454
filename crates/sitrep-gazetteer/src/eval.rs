//! Gazetteer coverage on the geoparsing gold sets: for every gold toponym (surface form +
//! coordinates), does the gazetteer know the name, does it hold a record within 161 km of the
//! gold point (the ceiling of any resolver using this gazetteer), and is the first candidate
//! (population order) within 161 km (the population baseline)?
//!
//! Dev sets: LGL, TR-News. Test sets (report only): GeoWebNews, GeoVirus.

use crate::{haversine_km, Error, Gazetteer};
use sitrep_eval::{EvalReport, Split};
use std::path::{Path, PathBuf};

/// A geoparsing gold set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corpus {
    /// LGL (local US news), dev.
    Lgl,
    /// TR-News, dev.
    TrNews,
    /// GeoWebNews, test.
    GeoWebNews,
    /// GeoVirus, test.
    GeoVirus,
}

impl Corpus {
    /// Every corpus.
    pub const ALL: [Corpus; 4] = [
        Corpus::Lgl,
        Corpus::TrNews,
        Corpus::GeoWebNews,
        Corpus::GeoVirus,
    ];

    /// Parses a corpus name (`lgl`, `trnews`, `geowebnews`, `geovirus`).
    pub fn parse(s: &str) -> Option<Corpus> {
        match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "lgl" => Some(Corpus::Lgl),
            "trnews" => Some(Corpus::TrNews),
            "geowebnews" | "gwn" => Some(Corpus::GeoWebNews),
            "geovirus" => Some(Corpus::GeoVirus),
            _ => None,
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Corpus::Lgl => "LGL",
            Corpus::TrNews => "TR-News",
            Corpus::GeoWebNews => "GeoWebNews",
            Corpus::GeoVirus => "GeoVirus",
        }
    }

    /// Dev or test.
    pub fn split(self) -> Split {
        match self {
            Corpus::Lgl | Corpus::TrNews => Split::Dev,
            Corpus::GeoWebNews | Corpus::GeoVirus => Split::Test,
        }
    }

    fn file(self) -> &'static str {
        match self {
            Corpus::Lgl => "lgl.xml",
            Corpus::TrNews => "TR-News.xml",
            Corpus::GeoWebNews => "GeoWebNews.xml",
            Corpus::GeoVirus => "GeoVirus.xml",
        }
    }

    /// (block tag, name tag, latitude tag, longitude tag)
    fn tags(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Corpus::Lgl | Corpus::TrNews => ("toponym", "phrase", "lat", "lon"),
            Corpus::GeoWebNews => ("toponym", "extractedName", "latitude", "longitude"),
            Corpus::GeoVirus => ("location", "name", "lat", "lon"),
        }
    }
}

/// One gold toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    /// Surface form in the text.
    pub surface: String,
    /// Gold latitude.
    pub lat: f64,
    /// Gold longitude.
    pub lon: f64,
}

fn unescape(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("<![CDATA[")
        .and_then(|x| x.strip_suffix("]]>"))
        .unwrap_or(s);
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(j) = tail.find(';').filter(|&j| j <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        match sitrep_eval::xml_entity(&tail[1..j]) {
            Some(c) => {
                out.push(c);
                rest = &tail[j + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text of the first `<tag …>…</tag>` in `block`.
fn tag<'a>(block: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut from = 0;
    while let Some(i) = block[from..].find(&open) {
        let s = from + i;
        let after = &block[s + open.len()..];
        // `<lat>` must not match `<latitude>`.
        if after.starts_with('>') || after.starts_with(' ') {
            let gt = after.find('>')?;
            let body = &after[gt + 1..];
            let e = body.find(&close)?;
            return Some(&body[..e]);
        }
        from = s + open.len();
    }
    None
}

/// Reads the gold toponyms with coordinates of a corpus file.
pub fn read_gold(corpus: Corpus, path: &Path) -> Result<Vec<GoldToponym>, Error> {
    let xml = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let (block, name, lat, lon) = corpus.tags();
    let open = format!("<{block}>");
    let close = format!("</{block}>");
    let mut out = Vec::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find(&open) {
        let body = &rest[i + open.len()..];
        let Some(e) = body.find(&close) else { break };
        let b = &body[..e];
        rest = &body[e + close.len()..];
        let surface = tag(b, name).map(unescape).unwrap_or_default();
        let la = tag(b, lat).and_then(|x| unescape(x).parse::<f64>().ok());
        let lo = tag(b, lon).and_then(|x| unescape(x).parse::<f64>().ok());
        if let (false, Some(lat), Some(lon)) = (surface.is_empty(), la, lo) {
            out.push(GoldToponym { surface, lat, lon });
        }
    }
    Ok(out)
}

/// Coverage figures of one corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Coverage {
    /// Gold toponyms with coordinates.
    pub toponyms: usize,
    /// Toponyms whose surface has at least one candidate.
    pub known: usize,
    /// Toponyms with a candidate within 161 km of the gold point.
    pub within_161: usize,
    /// Toponyms whose first candidate is within 161 km.
    pub top1_161: usize,
    /// Sum of candidate counts (for the mean ambiguity).
    pub candidates: usize,
}

/// Scores the gazetteer on `gold`.
pub fn coverage(g: &Gazetteer, gold: &[GoldToponym]) -> Coverage {
    let mut c = Coverage {
        toponyms: gold.len(),
        ..Coverage::default()
    };
    for t in gold {
        let ids = g.candidates(&t.surface);
        if ids.is_empty() {
            continue;
        }
        c.known += 1;
        c.candidates += ids.len();
        let near = |&i: &u32| {
            let r = g.record(i);
            haversine_km(t.lat, t.lon, r.lat, r.lon) <= 161.0
        };
        if ids.iter().any(near) {
            c.within_161 += 1;
        }
        if ids.first().is_some_and(near) {
            c.top1_161 += 1;
        }
    }
    c
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Runs the coverage evaluation on `corpora` (the data under `shared/data/eval/geoparsing`).
pub fn run(g: &Gazetteer, shared: &Path, corpora: &[Corpus]) -> Result<EvalReport, Error> {
    let dir: PathBuf = shared.join("data/eval/geoparsing");
    let mut md = String::from(
        "## Gazetteer coverage (gold toponyms with coordinates)\n\n\
         | corpus | split | toponyms | name known % | a candidate ≤161 km % | first candidate ≤161 km % | mean candidates |\n\
         |---|---|---:|---:|---:|---:|---:|\n",
    );
    let mut metrics = serde_json::Map::new();
    for &c in corpora {
        let gold = read_gold(c, &dir.join(c.file()))?;
        let cov = coverage(g, &gold);
        md.push_str(&format!(
            "| {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} |\n",
            c.name(),
            match c.split() {
                Split::Dev => "dev",
                Split::Test => "test",
            },
            cov.toponyms,
            pct(cov.known, cov.toponyms),
            pct(cov.within_161, cov.toponyms),
            pct(cov.top1_161, cov.toponyms),
            if cov.known == 0 {
                0.0
            } else {
                cov.candidates as f64 / cov.known as f64
            },
        ));
        metrics.insert(
            c.name().to_string(),
            serde_json::json!({ "split": c.split(), "coverage": cov }),
        );
    }
    md.push_str(&format!(
        "\nGazetteer: {} records, {} name keys.\n",
        g.len(),
        g.key_count()
    ));
    Ok(EvalReport {
        markdown: md,
        metrics: serde_json::Value::Object(metrics),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Builder, Record};

    #[test]
    fn tags_and_entities() {
        let b = "<gaztag id=\"1\"><lat>31.3</lat><latitude>9</latitude><phrase>A &amp; B&#39;s</phrase>";
        assert_eq!(tag(b, "lat"), Some("31.3"));
        assert_eq!(tag(b, "latitude"), Some("9"));
        assert_eq!(unescape(tag(b, "phrase").unwrap_or("")), "A & B's");
        assert_eq!(unescape("<![CDATA[x < y]]>"), "x < y");
        assert_eq!(tag(b, "lon"), None);
    }

    #[test]
    fn coverage_counts_candidates_near_gold() {
        let mut b = Builder::new();
        for (name, lat, lon, pop) in [
            ("Paris", 48.85, 2.35, 2_000_000),
            ("Paris", 33.66, -95.55, 25_000),
        ] {
            b.add(
                Record {
                    id: name.into(),
                    name: name.into(),
                    lat,
                    lon,
                    population: pop,
                    feature_class: 'P',
                    feature: "PPL".into(),
                    ..Record::default()
                },
                &[],
            );
        }
        let g = b.build();
        let gold = vec![
            GoldToponym {
                surface: "Paris".into(),
                lat: 33.7,
                lon: -95.5,
            },
            GoldToponym {
                surface: "Paris".into(),
                lat: 48.8,
                lon: 2.3,
            },
            GoldToponym {
                surface: "Lyon".into(),
                lat: 45.7,
                lon: 4.8,
            },
        ];
        let c = coverage(&g, &gold);
        assert_eq!(
            (c.toponyms, c.known, c.within_161, c.top1_161, c.candidates),
            (3, 2, 2, 1, 4)
        );
    }

    #[test]
    fn reads_the_dev_gold_sets() {
        let dir = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/eval/geoparsing"
        ));
        let lgl = read_gold(Corpus::Lgl, &dir.join("lgl.xml")).expect("lgl");
        assert!(lgl.len() > 4000, "{}", lgl.len());
        assert_eq!(lgl[0].surface, "Alexandria");
        assert!((lgl[0].lat - 31.3113).abs() < 1e-9);
        let tr = read_gold(Corpus::TrNews, &dir.join("TR-News.xml")).expect("tr");
        assert!(tr.len() > 1000, "{}", tr.len());
    }
}
