//! Records, the in-memory builder, the opened gazetteer, its on-disk format and spatial index.

use crate::key::{name_key, name_tokens};
use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Index of a record in a [`Gazetteer`] (stable for one built gazetteer only).
pub type RecordId = u32;

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Record {
    /// Source-qualified identifier: `geonames:172965` or `wof:1243551453`.
    pub id: String,
    /// Preferred (English/ASCII where available) name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code, "" when none (oceans, continents).
    pub country: String,
    /// First-level division NAME (e.g. "Deir ez-Zor"), not its code.
    pub admin1: Option<String>,
    /// Second-level division name.
    pub admin2: Option<String>,
    /// GeoNames feature class: 'P' populated place, 'A' administrative, 'H', 'T', 'L', 'S',
    /// 'V', 'R', 'U'.
    pub feature_class: char,
    /// GeoNames feature code (PPL, PPLA, PPLC, ADM1, PCLI, CONT…); WOF placetypes are mapped to
    /// the nearest code (locality → PPL, neighbourhood → PPLX, region → ADM1, county → ADM2,
    /// localadmin → ADM3, country → PCLI).
    pub feature: String,
    /// Population (0 when unknown).
    pub population: u64,
    /// Latitude (WGS84 degrees).
    pub lat: f64,
    /// Longitude (WGS84 degrees).
    pub lon: f64,
    /// GeoNames id, when known (also for WOF records with a GeoNames concordance).
    pub geonames_id: Option<u64>,
    /// Who's On First id, when known.
    pub wof_id: Option<u64>,
}

impl Record {
    /// Rank of the feature for ordering candidates of equal population (lower first).
    fn feature_rank(&self) -> u8 {
        match self.feature.as_str() {
            "PCLI" => 0,
            f if f.starts_with("PCL") => 1,
            "CONT" | "RGN" => 2,
            "PPLC" => 3,
            "PPLA" => 4,
            "PPLA2" => 5,
            f if f.starts_with("PPL") => 6,
            "ADM1" => 7,
            "ADM2" => 8,
            _ => 9,
        }
    }
}

/// Great-circle distance in kilometres (mean Earth radius 6371.0088 km).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// Builds a gazetteer in memory (tests, `setup`, `import`).
#[derive(Debug, Clone, Default)]
pub struct Builder {
    records: Vec<Record>,
    names: Vec<Vec<String>>,
    by_geonames: HashMap<u64, RecordId>,
    by_wof: HashMap<u64, RecordId>,
    by_key: HashMap<String, RecordId>,
}

/// Separator of names inside the names blob (never part of a stored name).
const NAME_SEP: char = '\u{1f}';

fn clean_name(n: &str) -> Option<String> {
    let s: String = n
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Number of records added so far.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no record was added.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Adds a record known by `names` (its `name` is always indexed too) and returns its id.
    /// Always adds a new record; see [`Builder::merge`] to merge by GeoNames/WOF id.
    pub fn add(&mut self, rec: Record, names: &[&str]) -> RecordId {
        let id = self.records.len() as RecordId;
        if let Some(g) = rec.geonames_id {
            self.by_geonames.entry(g).or_insert(id);
        }
        if let Some(w) = rec.wof_id {
            self.by_wof.entry(w).or_insert(id);
        }
        self.by_key.entry(rec.id.clone()).or_insert(id);
        let mut ns: Vec<String> = Vec::with_capacity(names.len() + 1);
        for n in std::iter::once(rec.name.as_str()).chain(names.iter().copied()) {
            if let Some(n) = clean_name(n) {
                if !ns.contains(&n) {
                    ns.push(n);
                }
            }
        }
        self.records.push(rec);
        self.names.push(ns);
        id
    }

    /// Adds more names to record `id` (ignored when `id` is out of range).
    pub fn add_names(&mut self, id: RecordId, names: &[&str]) {
        if let Some(ns) = self.names.get_mut(id as usize) {
            for n in names {
                if let Some(n) = clean_name(n) {
                    if !ns.contains(&n) {
                        ns.push(n);
                    }
                }
            }
        }
    }

    /// The record with GeoNames id `gid`, if one was added.
    pub fn by_geonames_id(&self, gid: u64) -> Option<RecordId> {
        self.by_geonames.get(&gid).copied()
    }

    /// The record with Who's On First id `wid`, if one was added.
    pub fn by_wof_id(&self, wid: u64) -> Option<RecordId> {
        self.by_wof.get(&wid).copied()
    }

    /// The record whose [`Record::id`] is `key` ("geonames:172965"), if one was added.
    pub fn by_record_key(&self, key: &str) -> Option<RecordId> {
        self.by_key.get(key).copied()
    }

    /// The record `id`, if in range.
    pub fn record(&self, id: RecordId) -> Option<&Record> {
        self.records.get(id as usize)
    }

    /// Every record added so far, in id order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The names of record `id` (empty when out of range).
    pub fn names(&self, id: RecordId) -> &[String] {
        self.names
            .get(id as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Replaces the fields of record `id` by those of `rec` (a more authoritative source, e.g.
    /// a GeoNames dump over the cities500 extract), keeping the ids `rec` lacks and admin names
    /// it lacks, and adds `names`.
    pub fn replace(&mut self, id: RecordId, rec: Record, names: &[&str]) {
        let mut all: Vec<&str> = vec![rec.name.as_str()];
        all.extend_from_slice(names);
        self.add_names(id, &all);
        let Some(old) = self.records.get_mut(id as usize) else {
            return;
        };
        let mut rec = rec;
        rec.wof_id = rec.wof_id.or(old.wof_id);
        rec.geonames_id = rec.geonames_id.or(old.geonames_id);
        if rec.admin1.is_none() {
            rec.admin1 = old.admin1.take();
        }
        if rec.admin2.is_none() {
            rec.admin2 = old.admin2.take();
        }
        if rec.population == 0 {
            rec.population = old.population;
        }
        if let Some(g) = rec.geonames_id {
            self.by_geonames.entry(g).or_insert(id);
        }
        if let Some(w) = rec.wof_id {
            self.by_wof.entry(w).or_insert(id);
        }
        self.by_key.entry(rec.id.clone()).or_insert(id);
        *old = rec;
    }

    /// Adds `rec`, or merges it into the record already present with the same GeoNames id
    /// (then the same WOF id): the existing record keeps its id, name, class and coordinates,
    /// gains the other's WOF/GeoNames id, missing admin names, the larger population and all
    /// names. Returns the record id and whether a merge happened.
    pub fn merge(&mut self, rec: Record, names: &[&str]) -> (RecordId, bool) {
        let existing = rec
            .geonames_id
            .and_then(|g| self.by_geonames_id(g))
            .or_else(|| rec.wof_id.and_then(|w| self.by_wof_id(w)));
        let Some(id) = existing else {
            return (self.add(rec, names), false);
        };
        self.merge_into(id, rec, names);
        (id, true)
    }

    /// Merges `rec` into record `id`: the existing record keeps its id, name, class and
    /// coordinates, gains the other's WOF/GeoNames id, missing admin names, the larger
    /// population and all names.
    pub fn merge_into(&mut self, id: RecordId, rec: Record, names: &[&str]) {
        let mut all: Vec<&str> = vec![rec.name.as_str()];
        all.extend_from_slice(names);
        self.add_names(id, &all);
        let Some(old) = self.records.get_mut(id as usize) else {
            return;
        };
        if old.wof_id.is_none() {
            old.wof_id = rec.wof_id;
        }
        if old.geonames_id.is_none() {
            old.geonames_id = rec.geonames_id;
        }
        if old.admin1.is_none() {
            old.admin1 = rec.admin1;
        }
        if old.admin2.is_none() {
            old.admin2 = rec.admin2;
        }
        old.population = old.population.max(rec.population);
        if let Some(w) = rec.wof_id {
            self.by_wof.entry(w).or_insert(id);
        }
        if let Some(g) = rec.geonames_id {
            self.by_geonames.entry(g).or_insert(id);
        }
        self.by_key.entry(rec.id).or_insert(id);
    }

    /// Builds the searchable gazetteer.
    pub fn build(self) -> Gazetteer {
        let Builder { records, names, .. } = self;
        let mut pairs: Vec<(String, RecordId)> = Vec::new();
        let mut max_tokens = 1;
        let mut blob = String::new();
        let mut offsets = Vec::with_capacity(records.len() + 1);
        for (i, ns) in names.iter().enumerate() {
            offsets.push(blob.len() as u32);
            for (j, n) in ns.iter().enumerate() {
                if j > 0 {
                    blob.push(NAME_SEP);
                }
                blob.push_str(n);
                let k = name_key(n);
                if !k.is_empty() {
                    max_tokens = max_tokens.max(name_tokens(n));
                    pairs.push((k, i as RecordId));
                }
            }
        }
        offsets.push(blob.len() as u32);
        pairs.sort_unstable();
        pairs.dedup();
        let mut postings: Vec<u32> = Vec::with_capacity(pairs.len());
        let mut fb = fst::MapBuilder::memory();
        let mut i = 0;
        while i < pairs.len() {
            let mut j = i;
            while j < pairs.len() && pairs[j].0 == pairs[i].0 {
                j += 1;
            }
            let start = postings.len();
            postings.extend(pairs[i..j].iter().map(|p| p.1));
            sort_by_rank(&records, &mut postings[start..]);
            let value = ((start as u64) << 32) | (j - i) as u64;
            // Keys are sorted and distinct: insertion cannot fail.
            let _ = fb.insert(pairs[i].0.as_bytes(), value);
            i = j;
        }
        let fst_bytes = fb.into_inner().unwrap_or_default();
        let keys = fst::Map::new(fst_bytes).unwrap_or_default();
        Gazetteer::assemble(records, blob, offsets, keys, postings, max_tokens)
    }

    /// Writes the gazetteer this builder would build into `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        self.clone().build().write(dir)
    }
}

/// Orders the records of one key: population descending, except that a division below the
/// country level (ADM1…ADM5) sharing the key with a populated place of its country holding at
/// least 10 % of the division's population ranks right after that place (the namesake city is
/// the usual reading: "Amsterdam", "Raqqa", "Homs"); ties by feature rank then id.
fn sort_by_rank(records: &[Record], ids: &mut [u32]) {
    if ids.len() < 2 {
        return;
    }
    let mut best_place: HashMap<&str, u64> = HashMap::new();
    for &i in ids.iter() {
        let r = &records[i as usize];
        if r.feature_class == 'P' {
            let e = best_place.entry(r.country.as_str()).or_insert(0);
            *e = (*e).max(r.population);
        }
    }
    let effective = |r: &Record| -> u64 {
        if r.feature_class == 'A' && !r.feature.starts_with("PCL") {
            if let Some(&p) = best_place.get(r.country.as_str()) {
                if p.saturating_mul(10) >= r.population {
                    return p.min(r.population);
                }
            }
        }
        r.population
    };
    ids.sort_by(|&a, &b| {
        let (ra, rb) = (&records[a as usize], &records[b as usize]);
        effective(rb)
            .cmp(&effective(ra))
            .then(ra.feature_rank().cmp(&rb.feature_rank()))
            .then(a.cmp(&b))
    });
}

/// Grid cell of a coordinate (1° × 1°).
fn cell(lat: f64, lon: f64) -> (i32, i32) {
    let la = (lat.floor() as i32).clamp(-90, 89);
    let lo = (lon.floor() as i32).clamp(-180, 179);
    (la, lo)
}

fn cell_key(la: i32, lo: i32) -> u32 {
    ((la + 90) * 360 + (lo + 180)) as u32
}

/// An opened (or built) gazetteer: records, a name index (an `fst` map from [`name_key`] to
/// postings sorted by population), and a 1° grid spatial index. `Send + Sync`, read-only.
pub struct Gazetteer {
    records: Vec<Record>,
    names_blob: String,
    names_off: Vec<u32>,
    keys: fst::Map<Vec<u8>>,
    postings: Vec<u32>,
    max_tokens: usize,
    grid: Vec<(u32, RecordId)>,
    countries: HashMap<String, RecordId>,
    admin1: HashMap<(String, String), RecordId>,
    /// Identity of this instance for the per-thread lookup memo (see [`Gazetteer::candidates`]).
    id: u64,
}

/// Source of [`Gazetteer`] identities.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    /// Surface → (gazetteer id, postings start, length) of recent lookups.
    static LOOKUPS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, (u64, u32, u32)>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("records", &self.records.len())
            .field("keys", &self.keys.len())
            .field("max_name_tokens", &self.max_tokens)
            .finish()
    }
}

/// File name of the gazetteer inside its directory.
pub const FILE_NAME: &str = "gazetteer.bin";
const MAGIC: &[u8; 8] = b"SITREPGZ";
/// Version of the on-disk format; a file of another version is refused by [`Gazetteer::open`].
pub const FORMAT_VERSION: u32 = 1;

impl Gazetteer {
    /// An empty in-memory builder.
    pub fn builder() -> Builder {
        Builder::new()
    }

    fn assemble(
        records: Vec<Record>,
        names_blob: String,
        names_off: Vec<u32>,
        keys: fst::Map<Vec<u8>>,
        postings: Vec<u32>,
        max_tokens: usize,
    ) -> Gazetteer {
        let mut grid: Vec<(u32, RecordId)> = records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.lat.is_finite() && r.lon.is_finite())
            .map(|(i, r)| {
                let (la, lo) = cell(r.lat, r.lon);
                (cell_key(la, lo), i as RecordId)
            })
            .collect();
        grid.sort_unstable();
        let mut g = Gazetteer {
            records,
            names_blob,
            names_off,
            keys,
            postings,
            max_tokens,
            grid,
            countries: HashMap::new(),
            admin1: HashMap::new(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        g.index_admin();
        g
    }

    fn index_admin(&mut self) {
        let mut countries: HashMap<String, RecordId> = HashMap::new();
        let mut admin1: HashMap<(String, String), RecordId> = HashMap::new();
        for (i, r) in self.records.iter().enumerate() {
            let id = i as RecordId;
            let better = |cur: Option<&RecordId>| match cur {
                None => true,
                Some(&c) => {
                    let o = &self.records[c as usize];
                    (r.feature_rank(), std::cmp::Reverse(r.population))
                        < (o.feature_rank(), std::cmp::Reverse(o.population))
                }
            };
            if r.feature_class == 'A' && r.feature.starts_with("PCL") && !r.country.is_empty() {
                let k = r.country.to_ascii_uppercase();
                if better(countries.get(&k)) {
                    countries.insert(k, id);
                }
            } else if r.feature == "ADM1" && !r.country.is_empty() {
                let c = r.country.to_ascii_uppercase();
                let mut ks: Vec<String> = self.names(id).iter().map(|n| name_key(n)).collect();
                if let Some(a) = &r.admin1 {
                    ks.push(name_key(a));
                }
                for k in ks {
                    let e = (c.clone(), k);
                    if better(admin1.get(&e)) {
                        admin1.insert(e, id);
                    }
                }
            }
        }
        self.countries = countries;
        self.admin1 = admin1;
    }

    /// The record `id`. Panics when `id` did not come from this gazetteer.
    pub fn record(&self, id: RecordId) -> &Record {
        &self.records[id as usize]
    }

    /// The record `id`, or `None` when out of range.
    pub fn get(&self, id: RecordId) -> Option<&Record> {
        self.records.get(id as usize)
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the gazetteer has no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Number of distinct name keys.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// All records, in id order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// Every name the record `id` is known by (its preferred name first).
    pub fn names(&self, id: RecordId) -> Vec<&str> {
        let i = id as usize;
        match (self.names_off.get(i), self.names_off.get(i + 1)) {
            (Some(&s), Some(&e)) => self
                .names_blob
                .get(s as usize..e as usize)
                .map(|b| b.split(NAME_SEP).filter(|n| !n.is_empty()).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Records named `surface` (by [`name_key`]), sorted by population, descending — except
    /// that a division (ADM1–ADM5) sharing the name with a populated place of its country that
    /// holds ≥ 10 % of its population ranks right after that place ("Amsterdam", "Raqqa": the
    /// city first, then the municipality/governorate).
    pub fn candidates(&self, surface: &str) -> &[RecordId] {
        // Memoised per thread (surfaces repeat within and across articles); the entry names
        // the gazetteer it was looked up in, so several gazetteers in one thread stay apart.
        const MEMO_MAX: usize = 1 << 16;
        let hit = LOOKUPS.with(|m| {
            m.borrow()
                .get(surface)
                .filter(|e| e.0 == self.id)
                .map(|e| (e.1, e.2))
        });
        let (start, len) = match hit {
            Some(r) => r,
            None => {
                let r = crate::key::with_name_key(surface, |k| self.postings_of(k));
                if surface.len() <= 64 {
                    LOOKUPS.with(|m| {
                        let mut m = m.borrow_mut();
                        if m.len() >= MEMO_MAX {
                            m.clear();
                        }
                        m.insert(surface.into(), (self.id, r.0, r.1));
                    });
                }
                r
            }
        };
        let (start, len) = (start as usize, len as usize);
        self.postings.get(start..start + len).unwrap_or(&[])
    }

    /// (start, length) of the postings of `key` (0, 0 when absent).
    fn postings_of(&self, key: &str) -> (u32, u32) {
        match self.keys.get(key.as_bytes()) {
            Some(v) => ((v >> 32) as u32, (v & 0xffff_ffff) as u32),
            None => (0, 0),
        }
    }

    /// Records under an already computed [`name_key`], in the order of [`Gazetteer::candidates`].
    pub fn candidates_by_key(&self, key: &str) -> &[RecordId] {
        let (start, len) = self.postings_of(key);
        let (start, len) = (start as usize, len as usize);
        self.postings.get(start..start + len).unwrap_or(&[])
    }

    /// Whether some name key starts with `prefix` (a key prefix, e.g. `"dayr "`), for
    /// scanners that extend a match word by word.
    pub fn has_key_prefix(&self, prefix: &str) -> bool {
        use fst::{IntoStreamer, Streamer};
        let mut s = self.keys.range().ge(prefix.as_bytes()).into_stream();
        matches!(s.next(), Some((k, _)) if k.starts_with(prefix.as_bytes()))
    }

    /// The records named `name`, best first: the helper behind `sitrep gazetteer lookup`.
    pub fn lookup(&self, name: &str) -> Vec<&Record> {
        self.candidates(name)
            .iter()
            .map(|&i| self.record(i))
            .collect()
    }

    /// Longest name, in words (hyphen/space separated), capped at 6.
    pub fn max_name_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Records within `km` kilometres of (`lat`, `lon`), nearest first.
    pub fn within_km(&self, lat: f64, lon: f64, km: f64) -> Vec<RecordId> {
        if !(lat.is_finite() && lon.is_finite() && km >= 0.0) {
            return Vec::new();
        }
        let dlat = km / 111.0 + 0.01;
        let (lat0, lat1) = ((lat - dlat).max(-90.0), (lat + dlat).min(90.0));
        let maxabs = lat0.abs().max(lat1.abs());
        let cosl = maxabs.to_radians().cos();
        let dlon = if cosl < 1e-3 {
            360.0
        } else {
            km / (111.0 * cosl) + 0.01
        };
        let (la0, _) = cell(lat0, 0.0);
        let (la1, _) = cell(lat1, 0.0);
        let lon_cells: Vec<i32> = if dlon >= 180.0 {
            (-180..180).collect()
        } else {
            let a = (lon - dlon).floor() as i32;
            let b = (lon + dlon).floor() as i32;
            let mut v: Vec<i32> = (a..=b).map(|x| (x + 180).rem_euclid(360) - 180).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut out: Vec<(f64, RecordId)> = Vec::new();
        for la in la0..=la1 {
            for &lo in &lon_cells {
                let k = cell_key(la, lo);
                let s = self.grid.partition_point(|e| e.0 < k);
                for &(ck, id) in &self.grid[s..] {
                    if ck != k {
                        break;
                    }
                    let r = &self.records[id as usize];
                    let d = haversine_km(lat, lon, r.lat, r.lon);
                    if d <= km {
                        out.push((d, id));
                    }
                }
            }
        }
        out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        out.into_iter().map(|e| e.1).collect()
    }

    /// Records within `km` of (`lat`, `lon`) with a name whose [`name_key`] is within
    /// `max_edits` character edits (Levenshtein) of `surface`'s key, as `(id, edits)`, fewest
    /// edits first, then nearest. For spellings no general rule unifies ("Khutaytah" for WOF's
    /// "Al Khuraytah"): a resolver may try it for a toponym without candidates once the
    /// document's area is known. Cost: one key comparison per name of each record in range.
    pub fn fuzzy_near(
        &self,
        surface: &str,
        lat: f64,
        lon: f64,
        km: f64,
        max_edits: usize,
    ) -> Vec<(RecordId, usize)> {
        let key: Vec<char> = name_key(surface).chars().collect();
        if key.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for id in self.within_km(lat, lon, km) {
            let best = self
                .names(id)
                .iter()
                .filter_map(|n| {
                    let k: Vec<char> = name_key(n).chars().collect();
                    levenshtein_within(&key, &k, max_edits)
                })
                .min();
            if let Some(e) = best {
                out.push((id, e));
            }
        }
        // `within_km` is nearest first and the sort is stable.
        out.sort_by_key(|&(_, e)| e);
        out
    }

    /// The country record of ISO 3166-1 alpha-2 code `iso2` (case-insensitive).
    pub fn country(&self, iso2: &str) -> Option<RecordId> {
        self.countries.get(&iso2.to_ascii_uppercase()).copied()
    }

    /// The first-level division of country `iso2` named `admin1_name` (any of its names,
    /// compared by [`name_key`]).
    pub fn admin1_record(&self, iso2: &str, admin1_name: &str) -> Option<RecordId> {
        self.admin1
            .get(&(iso2.to_ascii_uppercase(), name_key(admin1_name)))
            .copied()
    }

    /// A builder holding every record and name of this gazetteer (to import more into it).
    pub fn to_builder(&self) -> Builder {
        let mut b = Builder::new();
        for (i, r) in self.records.iter().enumerate() {
            let names = self.names(i as RecordId);
            b.add(r.clone(), &names);
        }
        b
    }

    /// Writes the gazetteer into `dir` (created if needed) as `gazetteer.bin`, atomically.
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut w = Vec::with_capacity(self.records.len() * 96 + self.names_blob.len());
        w.extend_from_slice(MAGIC);
        put_u32(&mut w, FORMAT_VERSION);
        put_u32(&mut w, self.max_tokens as u32);
        put_u64(&mut w, self.records.len() as u64);
        let mut recs = Vec::with_capacity(self.records.len() * 80);
        for r in &self.records {
            encode_record(&mut recs, r);
        }
        put_section(&mut w, &recs);
        put_section(&mut w, self.names_blob.as_bytes());
        let mut offs = Vec::with_capacity(self.names_off.len() * 4);
        for &o in &self.names_off {
            put_u32(&mut offs, o);
        }
        put_section(&mut w, &offs);
        put_section(&mut w, self.keys.as_fst().as_bytes());
        let mut post = Vec::with_capacity(self.postings.len() * 4);
        for &p in &self.postings {
            put_u32(&mut post, p);
        }
        put_section(&mut w, &post);
        let path = dir.join(FILE_NAME);
        let tmp = dir.join(format!("{FILE_NAME}.tmp"));
        std::fs::write(&tmp, &w).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        Ok(())
    }

    /// Opens the gazetteer stored in `dir` (reads `gazetteer.bin` into memory).
    pub fn open(dir: &Path) -> Result<Gazetteer, Error> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Err(Error::Missing(dir.to_path_buf()));
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let corrupt = |what: &str| Error::Corrupt(path.clone(), what.to_string());
        let mut r = Reader { b: &bytes, pos: 0 };
        if r.take(8).ok_or_else(|| corrupt("magic"))? != MAGIC {
            return Err(corrupt("not a sitrep gazetteer"));
        }
        let version = r.u32().ok_or_else(|| corrupt("version"))?;
        if version != FORMAT_VERSION {
            return Err(Error::Version {
                path: path.clone(),
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let max_tokens = r.u32().ok_or_else(|| corrupt("header"))? as usize;
        let n = r.u64().ok_or_else(|| corrupt("header"))? as usize;
        let recs = r.section().ok_or_else(|| corrupt("records"))?;
        let names = r.section().ok_or_else(|| corrupt("names"))?;
        let offs = r.section().ok_or_else(|| corrupt("name offsets"))?;
        let fst_bytes = r.section().ok_or_else(|| corrupt("keys"))?;
        let post = r.section().ok_or_else(|| corrupt("postings"))?;
        let mut rr = Reader { b: recs, pos: 0 };
        let mut records = Vec::with_capacity(n);
        for _ in 0..n {
            records.push(decode_record(&mut rr).ok_or_else(|| corrupt("record"))?);
        }
        let names_blob = std::str::from_utf8(names)
            .map_err(|_| corrupt("names are not UTF-8"))?
            .to_string();
        let names_off: Vec<u32> = offs
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if names_off.len() != n + 1 {
            return Err(corrupt("name offsets"));
        }
        let postings: Vec<u32> = post
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if postings.iter().any(|&p| p as usize >= n) {
            return Err(corrupt("postings"));
        }
        let keys = fst::Map::new(fst_bytes.to_vec()).map_err(|_| corrupt("key index"))?;
        Ok(Gazetteer::assemble(
            records, names_blob, names_off, keys, postings, max_tokens,
        ))
    }
}

/// Levenshtein distance of `a` and `b` if at most `max`, else `None` (banded early exit).
fn levenshtein_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

fn put_u32(w: &mut Vec<u8>, v: u32) {
    w.extend_from_slice(&v.to_le_bytes());
}
fn put_u64(w: &mut Vec<u8>, v: u64) {
    w.extend_from_slice(&v.to_le_bytes());
}
fn put_section(w: &mut Vec<u8>, s: &[u8]) {
    put_u64(w, s.len() as u64);
    w.extend_from_slice(s);
}
fn put_str(w: &mut Vec<u8>, s: &str) {
    put_u32(w, s.len() as u32);
    w.extend_from_slice(s.as_bytes());
}
fn put_opt_str(w: &mut Vec<u8>, s: &Option<String>) {
    match s {
        Some(s) => {
            w.push(1);
            put_str(w, s);
        }
        None => w.push(0),
    }
}
fn put_opt_u64(w: &mut Vec<u8>, v: Option<u64>) {
    match v {
        Some(v) => {
            w.push(1);
            put_u64(w, v);
        }
        None => w.push(0),
    }
}

fn encode_record(w: &mut Vec<u8>, r: &Record) {
    put_str(w, &r.id);
    put_str(w, &r.name);
    put_str(w, &r.country);
    put_opt_str(w, &r.admin1);
    put_opt_str(w, &r.admin2);
    put_u32(w, r.feature_class as u32);
    put_str(w, &r.feature);
    put_u64(w, r.population);
    put_u64(w, r.lat.to_bits());
    put_u64(w, r.lon.to_bits());
    put_opt_u64(w, r.geonames_id);
    put_opt_u64(w, r.wof_id);
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }
    fn section(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u64()?).ok()?;
        self.take(n)
    }
    fn string(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_string)
    }
    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            _ => self.string().map(Some),
        }
    }
    fn opt_u64(&mut self) -> Option<Option<u64>> {
        match self.u8()? {
            0 => Some(None),
            _ => self.u64().map(Some),
        }
    }
}

fn decode_record(r: &mut Reader) -> Option<Record> {
    Some(Record {
        id: r.string()?,
        name: r.string()?,
        country: r.string()?,
        admin1: r.opt_string()?,
        admin2: r.opt_string()?,
        feature_class: char::from_u32(r.u32()?)?,
        feature: r.string()?,
        population: r.u64()?,
        lat: f64::from_bits(r.u64()?),
        lon: f64::from_bits(r.u64()?),
        geonames_id: r.opt_u64()?,
        wof_id: r.opt_u64()?,
    })
}

#[cfg(test)]
mod tests {
    use super::levenshtein_within;

    #[test]
    fn banded_levenshtein() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let table = [
            ("khutayta", "khurayta", 2, Some(1)),
            ("masrat shamr", "mazrat shamu", 2, Some(2)),
            ("masrat shamr", "mazrat shamu", 1, None),
            ("buq", "buqan", 2, Some(2)),
            ("buq", "buqan", 1, None),
            ("", "ab", 2, Some(2)),
            ("same", "same", 0, Some(0)),
        ];
        for (a, b, max, want) in table {
            assert_eq!(levenshtein_within(&c(a), &c(b), max), want, "{a} {b}");
        }
    }
}
