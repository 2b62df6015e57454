//! The gazetteer as the geoparser sees it: the [`Gazetteer`] plus a small overlay of records
//! it may lack — second-level divisions aggregated from the places that name them ("Laurel
//! County": median position of its places) and the world regions of `data/regions.tsv`
//! ("Middle East", "West Bank"). Overlay ids follow the gazetteer's (`gaz.len() + i`).
//!
//! Both belong in the gazetteer itself; the overlay adds nothing the gazetteer already has
//! (an ADM2 of that name in that country and division, a record named like a region).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sitrep_gazetteer::{name_key, Gazetteer, Record, RecordId};
use std::borrow::Cow;

/// Records the gazetteer lacks, with their name index.
#[derive(Debug, Default)]
pub(crate) struct Overlay {
    records: Vec<Record>,
    names: Vec<Vec<String>>,
    by_key: HashMap<String, Vec<u32>>,
}

/// Latitudes, longitudes and total population of the places of one division.
type Members = (Vec<f64>, Vec<f64>, u64);

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

impl Overlay {
    /// Builds the overlay for `gaz` (one pass over its records).
    pub(crate) fn build(gaz: &Gazetteer) -> Overlay {
        let mut ov = Overlay::default();
        // second-level divisions named by places but absent as records
        // (keys borrowed from the records; the groups are taken in key order, as a sorted
        // map of owned keys would give them)
        let mut have: HashSet<(&str, &str)> = HashSet::default();
        let mut groups: HashMap<(&str, &str, &str), Members> = HashMap::default();
        for r in gaz.records() {
            if r.feature == "ADM2" {
                have.insert((&r.country, &r.name));
            }
            if r.feature_class != 'P' {
                continue;
            }
            if let Some(a2) = r.admin2.as_deref().filter(|a| !a.is_empty()) {
                let e = groups
                    .entry((&r.country, r.admin1.as_deref().unwrap_or_default(), a2))
                    .or_default();
                e.0.push(r.lat);
                e.1.push(r.lon);
                e.2 += r.population;
            }
        }
        let mut groups: Vec<_> = groups
            .into_iter()
            .filter(|((cc, _, a2), _)| !have.contains(&(*cc, *a2)))
            .collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for ((cc, a1, a2), (mut la, mut lo, pop)) in groups {
            let rec = Record {
                id: format!("admin2:{cc}:{a1}:{a2}"),
                name: a2.to_string(),
                country: cc.to_string(),
                admin1: (!a1.is_empty()).then(|| a1.to_string()),
                admin2: Some(a2.to_string()),
                feature_class: 'A',
                feature: "ADM2".into(),
                population: pop,
                lat: median(&mut la),
                lon: median(&mut lo),
                geonames_id: None,
                wof_id: None,
            };
            ov.push(rec, vec![a2.to_string()]);
        }
        // world regions
        for l in include_str!("../data/regions.tsv").lines() {
            if l.starts_with('#') || l.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = l.split('\t').collect();
            let (Some(names), Some(lat), Some(lon), Some(feature)) = (
                f.first(),
                f.get(1).and_then(|x| x.trim().parse::<f64>().ok()),
                f.get(2).and_then(|x| x.trim().parse::<f64>().ok()),
                f.get(3),
            ) else {
                continue;
            };
            let names: Vec<String> = names.split('|').map(|n| n.trim().to_string()).collect();
            let Some(first) = names.first().cloned() else {
                continue;
            };
            // (known: a record of the same kind — water for a sea or a river, a region or
            // a country for a region; the Egyptian governorate "Red Sea" is not the sea)
            let water = feature.trim() == "H";
            // (and carrying the name as its own: the Turkish province Antalya, whose key and
            // an alternate name are Anatolia's, is not Anatolia)
            let known = names.iter().any(|n| {
                let folded = sitrep_text::fold(n);
                gaz.candidates(n).iter().any(|&c| {
                    let r = gaz.record(c);
                    let kind = if water {
                        r.feature_class == 'H'
                    } else {
                        r.feature_class != 'P' && r.feature != "ADM2"
                    };
                    kind && sitrep_text::fold(&r.name) == folded
                })
            });
            if known {
                continue;
            }
            let cc = f.get(4).map(|c| c.trim().to_string()).unwrap_or_default();
            let rec = Record {
                id: format!("region:{}", first.to_lowercase().replace(' ', "-")),
                name: first,
                country: cc,
                feature_class: if feature.trim() == "H" { 'H' } else { 'L' },
                feature: feature.trim().to_string(),
                population: 0,
                lat,
                lon,
                ..Record::default()
            };
            ov.push(rec, names);
        }
        ov
    }

    fn push(&mut self, rec: Record, names: Vec<String>) {
        let i = self.records.len() as u32;
        for n in &names {
            let k = name_key(n);
            if !k.is_empty() {
                let v = self.by_key.entry(k).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        self.records.push(rec);
        self.names.push(names);
    }

    /// Number of overlay records.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }
}

/// Gazetteer + overlay, with the gazetteer's lookup methods.
#[derive(Clone, Copy)]
pub(crate) struct Db<'a> {
    pub gaz: &'a Gazetteer,
    pub ov: &'a Overlay,
}

impl<'a> Db<'a> {
    /// The record `id` (gazetteer or overlay).
    pub fn record(&self, id: RecordId) -> &'a Record {
        let n = self.gaz.len();
        match (id as usize).checked_sub(n) {
            Some(i) => &self.ov.records[i],
            None => self.gaz.record(id),
        }
    }

    /// Candidates by name, population-descending.
    pub fn candidates(&self, surface: &str) -> Cow<'a, [RecordId]> {
        let g = self.gaz.candidates(surface);
        if self.ov.by_key.is_empty() {
            return Cow::Borrowed(g);
        }
        match sitrep_gazetteer::with_name_key(surface, |key| self.ov.by_key.get(key)) {
            None => Cow::Borrowed(g),
            Some(extra) => {
                let n = self.gaz.len() as RecordId;
                let mut v: Vec<RecordId> = g.to_vec();
                v.extend(extra.iter().map(|&i| n + i));
                v.sort_by_key(|&id| std::cmp::Reverse(self.record(id).population));
                Cow::Owned(v)
            }
        }
    }

    /// Every name of record `id`.
    pub fn names(&self, id: RecordId) -> Vec<&'a str> {
        let n = self.gaz.len();
        match (id as usize).checked_sub(n) {
            Some(i) => self.ov.names[i].iter().map(String::as_str).collect(),
            None => self.gaz.names(id),
        }
    }

    /// Gazetteer records within `km` of a point, nearest first.
    pub fn within_km(&self, lat: f64, lon: f64, km: f64) -> Vec<RecordId> {
        self.gaz.within_km(lat, lon, km)
    }

    /// The country record of `iso2`.
    pub fn country(&self, iso2: &str) -> Option<RecordId> {
        self.gaz.country(iso2)
    }

    /// The first-level division `name` of `iso2`.
    pub fn admin1_record(&self, iso2: &str, name: &str) -> Option<RecordId> {
        self.gaz.admin1_record(iso2, name)
    }

    /// Longest gazetteer name, in words.
    pub fn max_name_tokens(&self) -> usize {
        self.gaz.max_name_tokens().max(3)
    }
}
