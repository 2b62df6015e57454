//! Who's On First reader: a repository directory or its `.tar.gz` (`data/…/*.geojson`).

use crate::geonames::keep_alt_name;
use crate::{Error, Record};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One WOF feature, reduced to what the gazetteer keeps.
#[derive(Debug, Clone)]
pub(crate) struct Feature {
    pub record: Record,
    pub names: Vec<String>,
    region_id: Option<u64>,
    county_id: Option<u64>,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    properties: serde_json::Map<String, Value>,
}

/// GeoNames class and code for a WOF placetype (`None`: not imported).
fn placetype_code(pt: &str) -> Option<(char, &'static str)> {
    Some(match pt {
        "locality" => ('P', "PPL"),
        "neighbourhood" | "microhood" | "macrohood" => ('P', "PPLX"),
        "localadmin" => ('A', "ADM3"),
        "county" => ('A', "ADM2"),
        "region" => ('A', "ADM1"),
        "country" => ('A', "PCLI"),
        _ => return None,
    })
}

fn as_u64(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse::<f64>().ok().map(|f| f as u64),
        _ => None,
    }
}

fn as_f64(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|f: &f64| f.is_finite())
}

fn is_live(p: &serde_json::Map<String, Value>) -> bool {
    let superseded = p
        .get("wof:superseded_by")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    let deprecated = p
        .get("edtf:deprecated")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty() && s != "uuuu");
    !superseded && !deprecated
}

/// Parses one GeoJSON feature; `None` when not a kept placetype, deprecated or malformed.
pub(crate) fn parse_feature(bytes: &[u8]) -> Option<Feature> {
    let raw: Raw = serde_json::from_slice(bytes).ok()?;
    let p = raw.properties;
    let pt = p.get("wof:placetype")?.as_str()?;
    let (class, code) = placetype_code(pt)?;
    if !is_live(&p) {
        return None;
    }
    let wof_id = p.get("wof:id").and_then(as_u64)?;
    let lat = as_f64(p.get("lbl:latitude")).or_else(|| as_f64(p.get("geom:latitude")))?;
    let lon = as_f64(p.get("lbl:longitude")).or_else(|| as_f64(p.get("geom:longitude")))?;
    let mut name = p.get("wof:name")?.as_str()?.trim().to_string();
    if name.is_empty() {
        return None;
    }
    // A `wof:name` that no `name:*` list repeats is often a typo ("Days Az Zawr"): the English
    // preferred name is displayed instead, as for a non-Latin `wof:name` ("حمص"); the WOF name
    // stays a name. "Homs (Hims)" displays as "Homs".
    let listed = |n: &str| {
        p.iter()
            .filter(|(k, _)| k.starts_with("name:"))
            .filter_map(|(_, v)| v.as_array())
            .flatten()
            .any(|v| v.as_str() == Some(n))
    };
    let first_of = |k: &str| {
        p.get(k)
            .and_then(|v| match v {
                Value::Array(a) => a.first().and_then(Value::as_str),
                v => v.as_str(),
            })
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let eng = first_of("name:eng_x_preferred")
        .or_else(|| first_of("name:eng_x_variant"))
        .or_else(|| first_of("gn:asciiname"));
    let wof_name = name.clone();
    let latin = wof_name.chars().any(|c| c.is_ascii_alphabetic());
    if let Some(eng) = eng.filter(|_| !latin || !listed(&wof_name)) {
        name = eng.to_string();
    }
    if let (Some(o), true) = (name.find('('), name.ends_with(')')) {
        let outer = name[..o].trim();
        if !outer.is_empty() {
            name = outer.to_string();
        }
    }
    let mut names = vec![name.clone(), wof_name];
    for key in ["gn:name", "gn:asciiname"] {
        if let Some(s) = p.get(key).and_then(Value::as_str) {
            names.push(s.to_string());
        }
    }
    let mut keys: Vec<&String> = p.keys().filter(|k| k.starts_with("name:")).collect();
    keys.sort();
    for k in keys {
        if let Some(arr) = p.get(k).and_then(Value::as_array) {
            for n in arr.iter().filter_map(Value::as_str) {
                if keep_alt_name(n) || n.chars().next().is_some_and(char::is_uppercase) {
                    names.push(n.to_string());
                }
            }
        }
    }
    // "Homs (Hims)", "Hasaka (Al Haksa)": both parts are names too.
    let mut parts = Vec::new();
    for n in &names {
        if let (Some(o), Some(c)) = (n.find('('), n.rfind(')')) {
            if o < c {
                parts.push(n[..o].trim().to_string());
                parts.push(n[o + 1..c].trim().to_string());
            }
        }
    }
    names.extend(parts.into_iter().filter(|n| !n.is_empty()));
    let geonames_id = p
        .get("wof:concordances")
        .and_then(|c| c.get("gn:id"))
        .and_then(as_u64)
        .filter(|&g| g > 0);
    let hier = p
        .get("wof:hierarchy")
        .and_then(Value::as_array)
        .and_then(|a| a.first());
    let hid = |k: &str| {
        hier.and_then(|h| h.get(k))
            .and_then(as_u64)
            .filter(|&i| i > 0)
    };
    let population = p
        .get("wof:population")
        .and_then(as_u64)
        .or_else(|| p.get("gn:population").and_then(as_u64))
        .unwrap_or(0);
    let country = p
        .get("wof:country")
        .or_else(|| p.get("iso:country"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_uppercase();
    let record = Record {
        id: format!("wof:{wof_id}"),
        name,
        country,
        admin1: None,
        admin2: None,
        feature_class: class,
        feature: code.to_string(),
        population,
        lat,
        lon,
        geonames_id,
        wof_id: Some(wof_id),
    };
    Some(Feature {
        record,
        names,
        region_id: hid("region_id"),
        county_id: hid("county_id"),
    })
}

/// Reads every kept feature of a WOF repository (directory or `.tar.gz`/`.tgz`/`.tar`) and
/// fills admin1/admin2 names from the region/county of each feature's hierarchy.
pub(crate) fn read_repository(path: &Path) -> Result<Vec<Feature>, Error> {
    let mut feats = Vec::new();
    if path.is_dir() {
        let mut stack = vec![path.to_path_buf()];
        while let Some(d) = stack.pop() {
            let rd = std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))?;
            for e in rd {
                let e = e.map_err(|e| Error::io(&d, e))?;
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "geojson") {
                    let b = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
                    feats.extend(parse_feature(&b));
                }
            }
        }
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let name = path.to_string_lossy();
        let reader: Box<dyn Read> = if name.ends_with(".gz") || name.ends_with(".tgz") {
            Box::new(flate2::read::GzDecoder::new(std::io::BufReader::new(f)))
        } else {
            Box::new(std::io::BufReader::new(f))
        };
        let mut ar = tar::Archive::new(reader);
        let entries = ar
            .entries()
            .map_err(|e| Error::source(path, e.to_string()))?;
        for e in entries {
            let mut e = e.map_err(|e| Error::source(path, e.to_string()))?;
            let is_geojson = e
                .path()
                .map(|p| p.extension().is_some_and(|x| x == "geojson"))
                .unwrap_or(false);
            if !is_geojson {
                continue;
            }
            let mut b = Vec::with_capacity(e.size() as usize);
            e.read_to_end(&mut b)
                .map_err(|err| Error::source(path, err.to_string()))?;
            feats.extend(parse_feature(&b));
        }
    }
    let names: HashMap<u64, String> = feats
        .iter()
        .filter(|f| matches!(f.record.feature.as_str(), "ADM1" | "ADM2"))
        .filter_map(|f| Some((f.record.wof_id?, f.record.name.clone())))
        .collect();
    for f in &mut feats {
        if f.record.feature == "ADM1" {
            f.record.admin1 = Some(f.record.name.clone());
        } else {
            f.record.admin1 = f.region_id.and_then(|r| names.get(&r).cloned());
        }
        if f.record.feature == "ADM2" {
            f.record.admin2 = Some(f.record.name.clone());
        } else if f.record.feature != "ADM1" {
            f.record.admin2 = f.county_id.and_then(|c| names.get(&c).cloned());
        }
    }
    feats.sort_by_key(|f| f.record.wof_id);
    Ok(feats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_keeps_names_concordance_and_hierarchy() {
        let json = r#"{"type":"Feature","properties":{
            "wof:id":1277071427,"wof:name":"As Sayyal","wof:placetype":"locality",
            "wof:country":"SY","geom:latitude":34.57262,"geom:longitude":40.90551,
            "name:ara_x_preferred":["السيال"],"name:und_x_variant":["Saïyâl","As Sayyāl"],
            "wof:concordances":{"gn:id":172451},"wof:superseded_by":[],
            "wof:hierarchy":[{"region_id":85678381,"county_id":1108779185}]},
            "geometry":{"type":"Point","coordinates":[40.90551,34.57262]}}"#;
        let f = parse_feature(json.as_bytes()).expect("feature");
        assert_eq!(f.record.geonames_id, Some(172451));
        assert_eq!(f.record.feature, "PPL");
        assert_eq!(f.region_id, Some(85678381));
        assert!(f.names.iter().any(|n| n == "السيال"));
        assert!(f.names.iter().any(|n| n == "As Sayyāl"));
        let homs = json.replace(
            "\"As Sayyal\",\"wof:placetype\"",
            "\"Homs (Hims)\",\"wof:placetype\"",
        );
        let h = parse_feature(homs.as_bytes()).expect("homs");
        assert_eq!(h.record.name, "Homs");
        let typo = json.replace(
            "\"As Sayyal\",\"wof:placetype\"",
            "\"Days Az Zawr\",\"name:eng_x_preferred\":[\"Dayr az Zawr\"],\"wof:placetype\"",
        );
        let t = parse_feature(typo.as_bytes()).expect("typo");
        assert_eq!(t.record.name, "Dayr az Zawr");
        assert!(t.names.iter().any(|n| n == "Days Az Zawr"));
        let arabic = typo.replace("\"Days Az Zawr\"", "\"السيال\"");
        let a = parse_feature(arabic.as_bytes()).expect("arabic");
        assert_eq!(a.record.name, "Dayr az Zawr", "a Latin display name");
        assert!(h.names.iter().any(|n| n == "Homs") && h.names.iter().any(|n| n == "Hims"));
        let venue = json.replace("\"locality\"", "\"venue\"");
        assert!(parse_feature(venue.as_bytes()).is_none());
        let gone = json.replace("\"wof:superseded_by\":[]", "\"wof:superseded_by\":[1]");
        assert!(parse_feature(gone.as_bytes()).is_none());
        assert!(parse_feature(b"{not json").is_none());
    }
}
