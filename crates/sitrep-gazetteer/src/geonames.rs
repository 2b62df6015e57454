//! GeoNames readers: the dump format (allCountries.txt, XX.txt, their .zip) and the admin
//! code files (admin1CodesASCII.txt, admin2Codes.txt).

use crate::{Error, Record};
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;
use std::sync::OnceLock;

/// Whether an alternate name is worth indexing: Latin, Arabic or Cyrillic script only (the
/// languages news about conflict is written or transliterated from), not an automatic
/// lowercase transliteration ("surudeu") nor a short all-caps code ("DXB"), at most 80 bytes.
pub(crate) fn keep_alt_name(n: &str) -> bool {
    let n = n.trim();
    if n.is_empty() || n.len() > 80 {
        return false;
    }
    let mut letters = 0;
    let mut upper = false;
    for c in n.chars() {
        if c.is_alphabetic() {
            letters += 1;
            let cp = c as u32;
            let ok = cp <= 0x024F
                || (0x1E00..=0x1EFF).contains(&cp)
                || (0x0400..=0x052F).contains(&cp)
                || (0x0600..=0x06FF).contains(&cp)
                || (0x0750..=0x077F).contains(&cp)
                || (0x02B0..=0x02FF).contains(&cp);
            if !ok {
                return false;
            }
            if c.is_uppercase() {
                upper = true;
            }
        }
    }
    if letters == 0 {
        return false;
    }
    let first = n.chars().next().unwrap_or(' ');
    if first.is_ascii_lowercase() && !upper {
        return false;
    }
    let all_caps_code = n.len() <= 4 && n.chars().all(|c| c.is_ascii_uppercase());
    !all_caps_code
}

/// Feature codes imported besides classes P and A (`data/geonames_features.tsv`).
fn wanted_features() -> &'static HashSet<(char, String)> {
    static SET: OnceLock<HashSet<(char, String)>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/geonames_features.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut it = l.split('\t');
                let class = it.next()?.chars().next()?;
                let code = it.next()?.trim().to_string();
                Some((class, code))
            })
            .collect()
    })
}

/// Whether a dump row of this class/code is imported.
pub(crate) fn wanted(class: char, code: &str) -> bool {
    class == 'P' || class == 'A' || wanted_features().contains(&(class, code.to_string()))
}

/// First- and second-level division names by GeoNames code ("NL.07", "NL.07.0363").
#[derive(Debug, Default)]
pub(crate) struct AdminNames {
    pub admin1: HashMap<String, (String, u64)>,
    pub admin2: HashMap<String, (String, u64)>,
}

impl AdminNames {
    /// Reads an admin code file (`code<TAB>name<TAB>asciiname<TAB>geonameid`).
    pub fn read(path: &Path, into_admin2: bool, admin: &mut AdminNames) -> Result<(), Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let map = if into_admin2 {
            &mut admin.admin2
        } else {
            &mut admin.admin1
        };
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() >= 4 {
                let gid = f[3].trim().parse().unwrap_or(0);
                map.insert(f[0].to_string(), (f[1].to_string(), gid));
            }
        }
        Ok(())
    }
}

/// One parsed dump row: the record and its names.
pub(crate) struct Row {
    pub record: Record,
    pub names: Vec<String>,
    /// "NL.07" for ADM1 rows (to meet the division derived at setup).
    pub admin1_code: Option<String>,
}

/// Parses one dump line; `None` for malformed or unwanted rows.
pub(crate) fn parse_line(line: &str, admin: &AdminNames) -> Option<Row> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 15 {
        return None;
    }
    let class = f[6].chars().next()?;
    let code = f[7];
    if !wanted(class, code) {
        return None;
    }
    let gid: u64 = f[0].parse().ok()?;
    let lat: f64 = f[4].parse().ok()?;
    let lon: f64 = f[5].parse().ok()?;
    if !(lat.is_finite() && lon.is_finite()) {
        return None;
    }
    let cc = f[8].to_string();
    let a1 = format!("{cc}.{}", f[10]);
    let admin1 = admin.admin1.get(&a1).map(|x| x.0.clone());
    let admin2 = admin
        .admin2
        .get(&format!("{a1}.{}", f[11]))
        .map(|x| x.0.clone());
    let mut names = vec![f[1].to_string()];
    if f[2] != f[1] && !f[2].is_empty() {
        names.push(f[2].to_string());
    }
    names.extend(
        f[3].split(',')
            .filter(|n| keep_alt_name(n))
            .map(str::to_string),
    );
    let record = Record {
        id: format!("geonames:{gid}"),
        name: f[1].to_string(),
        country: cc,
        admin1,
        admin2,
        feature_class: class,
        feature: code.to_string(),
        population: f[14].parse().unwrap_or(0),
        lat,
        lon,
        geonames_id: Some(gid),
        wof_id: None,
    };
    let admin1_code = (code == "ADM1").then_some(a1);
    Some(Row {
        record,
        names,
        admin1_code,
    })
}

/// Reads every wanted row of a dump stream.
pub(crate) fn read_dump(
    reader: impl BufRead,
    path: &Path,
    admin: &AdminNames,
    mut each: impl FnMut(Row),
) -> Result<usize, Error> {
    let mut n = 0;
    for line in reader.lines() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if let Some(row) = parse_line(&line, admin) {
            n += 1;
            each(row);
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_names_are_filtered_by_script_and_shape() {
        let table = [
            ("Amsterdam", true),
            ("Ámsterdam", true),
            ("Амстердам", true),
            ("أمستردام", true),
            ("アムステルダム", false),
            ("阿姆斯特丹", false),
            ("amusuterudamu", false),
            ("al-Mayadin", true),
            ("AMS", false),
            ("USA", false),
            ("Deir ez-Zor", true),
            ("", false),
            ("1234", false),
        ];
        for (n, want) in table {
            assert_eq!(keep_alt_name(n), want, "{n:?}");
        }
    }

    #[test]
    fn dump_line_becomes_a_record_with_admin_names() {
        let mut admin = AdminNames::default();
        admin
            .admin1
            .insert("NL.07".into(), ("North Holland".into(), 2749879));
        admin
            .admin2
            .insert("NL.07.0363".into(), ("Gemeente Amsterdam".into(), 0));
        let line = "2759794\tAmsterdam\tAmsterdam\tAMS,Amsterdam,Amsterdao,Ámsterdam,アムステルダム\t52.37403\t4.88969\tP\tPPLC\tNL\t\t07\t0363\t\t\t741636\t\t13\tEurope/Amsterdam\t2022-01-01";
        let row = parse_line(line, &admin).expect("row");
        assert_eq!(row.record.feature, "PPLC");
        assert_eq!(row.record.admin1.as_deref(), Some("North Holland"));
        assert_eq!(row.record.admin2.as_deref(), Some("Gemeente Amsterdam"));
        assert_eq!(row.record.population, 741636);
        assert!(row.names.contains(&"Ámsterdam".to_string()));
        assert!(!row.names.iter().any(|n| n == "AMS" || n.contains('ア')));
        // A hotel is not imported.
        let hotel = "1\tHotel X\tHotel X\t\t52.3\t4.8\tS\tHTL\tNL\t\t07\t\t\t\t0\t\t\t\t";
        assert!(parse_line(hotel, &admin).is_none());
        assert!(parse_line("garbage", &admin).is_none());
    }
}
