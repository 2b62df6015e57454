//! Toponym resolution with document coherence: population and feature priors, country and
//! first-level-division context (document-wide and local, growing with the division's
//! mentions), "X, Y" containers (shared by a list: "Nashville and Cordova, Tennessee"),
//! feature hints, and a second pass of proximity to the other resolved mentions (list members
//! first). Small namesakes of a country or a world city the document names draw little from
//! their own country's evidence ("Moscow" in a story full of "U.S.").

use crate::db::Db;
use crate::lexicon::{ascii_folds_to, folds_to, Hint};
use crate::recognize::{Demonym, Mention, Origin};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sitrep_gazetteer::{haversine_km, name_key, Record, RecordId};
use sitrep_model::{Actor, Place};
use sitrep_text::{fold, is_plain_byte};

/// Radius around list neighbours searched for unknown list members, km.
const NEAR_KM: f64 = 30.0;
/// How far a part of a city ("Giza's Haram district") may lie from the city's point.
const CITY_PART_KM: f64 = 40.0;
/// Population of a city whose parts the text may name by their own names.
const CITY_PART_MIN_POP: u64 = 50_000;

/// Candidates (best base scores) that compete on proximity.
const PROX_CANDIDATES: usize = 40;

/// At most this many candidates (the most populous) are scored per mention.
const MAX_CANDIDATES: usize = 300;

/// Score weights. Hand-set on the dev sets (LGL, TR-News) and the founding example.
mod w {
    pub const POP: f64 = 1.0;
    pub const POP_SMALL_HINT: f64 = 0.3;
    pub const POP_LOCAL: f64 = 0.5;
    pub const LOCAL_AREA: f64 = -2.0;
    pub const LOCAL_FEATURE_MAX: f64 = 0.15;
    pub const COUNTRY_DOC: f64 = 1.0;
    pub const COUNTRY_LOCAL: f64 = 1.0;
    pub const ADMIN1_DOC: f64 = 0.3;
    pub const ADMIN1_LOCAL: f64 = 1.0;
    /// Mentions of a division beyond which [`ADMIN1_DOC`] grows no more.
    pub const ADMIN1_REPEAT_MAX: usize = 3;
    /// Share of the division bonus of a place merely near a named division's centre.
    pub const ADMIN1_NEAR: f64 = 0.5;
    pub const CONTAINER: f64 = 2.5;
    pub const EXACT_NAME: f64 = 0.8;
    pub const KEY_NAME: f64 = 0.5;
    pub const GROUP_FEATURE: f64 = 0.8;
    pub const ADMIN2_NAME: f64 = 1.5;
    pub const SHADOWED_DIVISION: f64 = -0.8;
    pub const UNSPELLED: f64 = -2.0;
    pub const PROX_GROUP: f64 = 2.5;
    pub const PROX_SENTENCE: f64 = 0.8;
    pub const PROX_DOC: f64 = 0.8;
    pub const JOINT: f64 = 1.0;
    pub const JOINT_OTHER: f64 = 0.5;
    pub const JOINT_TEMPERATURE: f64 = 1.0;
    pub const JOINT_MARGIN: f64 = 1.0;
    pub const JOINT_COUNTRY: f64 = 0.1;
    pub const TEMPERATURE: f64 = 0.5;
    pub const FAME: f64 = 1.0;
    /// Feature prior of a second- or third-level division.
    pub const MINOR_DIVISION: f64 = -0.3;
    /// A first-level division whose name a word around it makes one (`data/division_cues.tsv`).
    pub const DIVISION_CUE: f64 = 1.5;
    /// Share of the country evidence a small namesake of a country or a world city keeps
    /// ([`super::famous_countries`]).
    pub const NAMESAKE_COUNTRY: f64 = 0.3;
}

/// The words of `data/division_cues.tsv`: each entry a phrase of folded words.
#[derive(Debug, Default)]
struct DivisionCues {
    after: Vec<Vec<String>>,
    before: Vec<Vec<String>>,
    weak: Vec<Vec<String>>,
    within: Vec<Vec<String>>,
}

fn division_cues() -> &'static DivisionCues {
    static CUES: std::sync::OnceLock<DivisionCues> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        let mut c = DivisionCues::default();
        for l in crate::lexicon::data_lines(include_str!("../data/division_cues.tsv")) {
            let Some((kind, words)) = l.split_once('\t') else {
                continue;
            };
            let phrase: Vec<String> = words
                .split_whitespace()
                .map(|w| strip(&fold(w)).to_string())
                .collect();
            if phrase.is_empty() {
                continue;
            }
            match kind.trim() {
                "after" => c.after.push(phrase),
                "before" => c.before.push(phrase),
                "weak" => c.weak.push(phrase),
                "within" => c.within.push(phrase),
                _ => {}
            }
        }
        c
    })
}

/// Folded word `w` without the punctuation around it: two words are the same cue word when
/// their stripped forms are.
fn strip(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .trim_end_matches('.')
}

/// Whether stripped folded `words` open with `phrase` (stripped when loaded); returns the
/// number of words it takes.
fn opens_with(words: &[&str], phrase: &[String]) -> Option<usize> {
    (words.len() >= phrase.len() && words.iter().zip(phrase).all(|(t, p)| t == p))
        .then_some(phrase.len())
}

/// What the words around a mention say of a first-level division (`data/division_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DivisionCue {
    /// "New York Gov.", "Governor of Texas", "the Hunan city of Yueyang".
    Strong,
    /// "the Quebec government": unless a capital city carries the name.
    Weak,
    /// "the Hunan city of Yueyang": the division containing a place (whose feature noun
    /// recognition may have taken for the name's own: "Idlib town").
    Within,
}

/// The division cue around `text[start..end]`, if any.
fn division_cue(text: &str, start: usize, end: usize) -> Option<DivisionCue> {
    let cues = division_cues();
    let after: Vec<&str> = text
        .get(end..)
        .unwrap_or("")
        .split_whitespace()
        .take(6)
        .collect();
    // (a possessive: "Ohio's governor")
    let after: &[&str] = match after.first() {
        Some(t) if matches!(fold(t).as_str(), "'s" | "'") => &after[1..],
        _ => &after,
    };
    // (the name itself may carry the possessive: "Ohio's" ends the mention or not)
    let tail = text.get(end..).unwrap_or("");
    let glued_possessive = tail.starts_with("'s ") || tail.starts_with("\u{2019}s ");
    let after_words: Vec<&str> = if glued_possessive {
        tail[tail.find(' ').unwrap_or(0)..]
            .split_whitespace()
            .take(6)
            .collect()
    } else {
        after.to_vec()
    };
    let folded: Vec<String> = after_words.iter().map(|t| fold(t)).collect();
    let folded: Vec<&str> = folded.iter().map(|t| strip(t)).collect();
    if cues.after.iter().any(|p| opens_with(&folded, p).is_some()) {
        return Some(DivisionCue::Strong);
    }
    // "the Hunan city of Yueyang": a capitalised name follows
    if cues.within.iter().any(|p| {
        opens_with(&folded, p).is_some_and(|n| {
            after_words
                .get(n)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_uppercase)
        })
    }) {
        return Some(DivisionCue::Within);
    }
    let before: Vec<String> = {
        let head = text.get(..start).unwrap_or("");
        let mut v: Vec<String> = head.split_whitespace().rev().take(4).map(fold).collect();
        v.reverse();
        v
    };
    let before: Vec<&str> = before.iter().map(|t| strip(t)).collect();
    if cues.before.iter().any(|p| {
        before.len() >= p.len() && opens_with(&before[before.len() - p.len()..], p).is_some()
    }) {
        return Some(DivisionCue::Strong);
    }
    if cues.weak.iter().any(|p| opens_with(&folded, p).is_some()) {
        return Some(DivisionCue::Weak);
    }
    None
}

/// Country and first-level-division context of one document.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// Country → share of the document's country evidence (the most named country is 1).
    country_doc: HashMap<String, f64>,
    /// Sentence → countries named in it.
    country_sent: HashMap<usize, HashSet<String>>,
    /// First-level divisions the document may name.
    admin1: Vec<Admin1Ctx>,
    /// Mention → a word around it (or its place as a container) makes it a first-level
    /// division ([`division_cued`]).
    cued: Vec<bool>,
    /// Mention → its container ([`list_containers`]).
    container: Vec<Option<usize>>,
}

/// A first-level division named by a mention.
#[derive(Debug)]
struct Admin1Ctx {
    /// The naming mention (its own candidates get no bonus from it).
    mention: usize,
    sentence: usize,
    country: String,
    /// name_key of its names.
    keys: Vec<String>,
    /// Centre: sources name divisions differently ("Deir ez-Zor", "Dayr Az Zawr"), so places
    /// near a named division count as inside it (only when the mention is hinted or the
    /// division is its first candidate).
    centre: Option<(f64, f64)>,
    /// How many mentions of the document name this division (its first key), at least 1
    /// ([`count_division_mentions`]).
    named: usize,
}

/// Places this close to a named division's centre count as inside it, km.
const ADMIN1_RADIUS_KM: f64 = 120.0;

fn is_country(r: &Record) -> bool {
    r.feature_class == 'A' && r.feature.starts_with("PCL")
}

fn is_large_area(r: &Record) -> bool {
    is_country(r) || r.feature == "CONT" || r.feature == "ADM1" || r.feature == "RGN"
}

fn pop_prior(r: &Record) -> f64 {
    ((1.0 + r.population as f64).ln() / (1.0 + 1.0e7f64).ln()).min(1.2)
}

fn feature_prior(r: &Record) -> f64 {
    match r.feature.as_str() {
        f if f.starts_with("PCL") => 1.0,
        "CONT" => 1.0,
        // (regions, seas and rivers written by hand in `data/regions.tsv`)
        "RGN" => 2.5,
        // (a sea or a river outranks the divisions named after it: the Red Sea, not the
        // Egyptian governorate)
        "H" => 3.5,
        "ADM1" => 0.6,
        "PPLC" => 0.5,
        "PPLA" => 0.3,
        "PPLA2" => 0.15,
        "ADM2" | "ADM3" | "ADMD" => w::MINOR_DIVISION,
        _ if r.feature_class == 'P' || r.feature_class == 'A' => 0.0,
        _ => -0.3,
    }
}

fn hint_bonus(h: Option<Hint>, r: &Record) -> f64 {
    let p = r.feature_class == 'P';
    match h {
        None | Some(Hint::Area) => 0.0,
        Some(Hint::Small) => {
            if p {
                0.5 - if r.population > 200_000 { 0.5 } else { 0.0 }
            } else {
                -1.0
            }
        }
        Some(Hint::City) => {
            if p {
                0.4
            } else {
                -0.5
            }
        }
        Some(Hint::Admin1) => match r.feature.as_str() {
            "ADM1" => 1.5,
            "ADM2" => 0.6,
            "PPLA" | "PPLC" => 0.3,
            f if f.starts_with("PCL") => -0.5,
            _ => 0.0,
        },
        Some(Hint::Admin2) => match r.feature.as_str() {
            "ADM2" => 1.2,
            "ADM1" | "ADM3" => 0.4,
            "PPLA2" => 0.3,
            _ => 0.0,
        },
        Some(Hint::Country) => {
            if is_country(r) {
                1.5
            } else {
                0.0
            }
        }
    }
}

/// Decreasing closeness: 1 at 0 km, ½ at 50 km, 0.2 at 200 km.
/// Distance in km by the equirectangular approximation (one cosine instead of haversine's
/// six transcendental calls): within 0.5 % up to several hundred km, and only ever fed to
/// [`closeness`], which is nearly flat far away. The hot loop of the proximity passes.
fn approx_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    approx_km_cos(
        lat1,
        lon1,
        ((lat1 + lat2) * 0.5).to_radians().cos(),
        lat2,
        lon2,
    )
}

/// [`approx_km`] with the cosine of the latitude given (a candidate's own, computed once for
/// all the places it is compared with: no trigonometry in the loop).
fn approx_km_cos(lat1: f64, lon1: f64, cos_lat: f64, lat2: f64, lon2: f64) -> f64 {
    let mut dl = (lon2 - lon1).abs();
    if dl > 180.0 {
        dl = 360.0 - dl;
    }
    let x = dl * cos_lat;
    let y = lat2 - lat1;
    (x * x + y * y).sqrt() * (std::f64::consts::PI / 180.0 * 6371.0088)
}

fn closeness(km: f64) -> f64 {
    1.0 / (1.0 + km / 50.0)
}

/// Candidate records of a mention: aliases and abbreviations first, then the gazetteer.
pub(crate) fn candidate_records(gaz: &Db, text: &str, m: &Mention) -> Vec<RecordId> {
    if let Some((c, a)) = &m.forced_admin1 {
        return gaz.admin1_record(c, a).into_iter().collect();
    }
    if m.origin == Origin::Alias {
        if let Some(c) = &m.forced_country {
            return gaz.country(c).into_iter().collect();
        }
    }
    let mut v: Vec<RecordId> = m.cands.iter().copied().take(MAX_CANDIDATES).collect();
    if m.hint == Some(Hint::Admin2) && !m.cands.is_empty() {
        // "Clay" in "Becker, Clay and Douglas counties": the county itself
        if let Some(surface) = text.get(m.start..m.end) {
            for suffix in [" County", " Parish", " District"] {
                for &id in gaz.candidates(&format!("{surface}{suffix}")).iter() {
                    if !v.contains(&id) {
                        v.push(id);
                    }
                }
            }
        }
    }
    if m.origin == Origin::Given {
        if let Some(c) = m.forced_country.as_deref().and_then(|c| gaz.country(c)) {
            if !v.contains(&c) {
                v.insert(0, c);
            }
        }
    }
    v
}

/// Builds the country/admin1 context from the recognised mentions, demonyms and actors.
pub(crate) fn context(
    gaz: &Db,
    text: &str,
    mentions: &[Mention],
    cands: &[Vec<RecordId>],
    demonyms: &[Demonym],
    actors: &[Actor],
    cued: &[bool],
) -> Context {
    let mut ctx = Context {
        cued: cued.to_vec(),
        container: list_containers(text, mentions),
        ..Context::default()
    };
    let mut counts: HashMap<String, f64> = HashMap::default();
    let mut add_country = |ctx: &mut Context, c: &str, sent: Option<usize>, wgt: f64| {
        if c.is_empty() {
            return;
        }
        *counts.entry(c.to_string()).or_default() += wgt;
        if let Some(s) = sent {
            ctx.country_sent.entry(s).or_default().insert(c.to_string());
        }
    };
    for d in demonyms {
        add_country(&mut ctx, &d.country, Some(d.sentence), 1.0);
    }
    for a in actors {
        if let Some(c) = &a.country {
            add_country(&mut ctx, c, None, 0.5);
        }
    }
    for (k, (m, cs)) in mentions.iter().zip(cands).enumerate() {
        if let Some(c) = &m.forced_country {
            add_country(&mut ctx, c, Some(m.sentence), 1.0);
        }
        let Some(&top) = cs.first() else { continue };
        let r = gaz.record(top);
        // (not from a name a local-news cue makes a town: "Lebanon Police")
        if is_country(r) {
            let respelled = |t: &str| {
                let (folded, key) = (fold(t), name_key(t));
                let exact: Vec<bool> = cs
                    .iter()
                    .map(|&c| folds_to(&gaz.record(c).name, &folded))
                    .collect();
                respelled_country(gaz, m, cs, 0, &exact, &key)
            };
            if !m.local && !text.get(m.start..m.end).is_some_and(respelled) {
                add_country(&mut ctx, &r.country, Some(m.sentence), 1.0);
            }
        } else if m.hint == Some(Hint::Admin1)
            || cued[k]
            || m.forced_admin1.is_some()
            || (r.feature == "ADM1"
                && !matches!(m.hint, Some(Hint::City | Hint::Small))
                && !cs.iter().any(|&c| {
                    let p = gaz.record(c);
                    p.feature_class == 'P' && p.country == r.country && p.population >= 10_000
                }))
        {
            // every first-level division the mention may name
            for &id in cs.iter().take(20) {
                let r = gaz.record(id);
                if r.feature == "ADM1" {
                    let mut keys = vec![name_key(&r.name)];
                    if let Some(a) = &r.admin1 {
                        keys.push(name_key(a));
                    }
                    let centre = (m.hint == Some(Hint::Admin1)
                        || cued[k]
                        || id == top
                        || m.forced_admin1.is_some())
                    .then_some((r.lat, r.lon));
                    ctx.admin1.push(Admin1Ctx {
                        mention: k,
                        sentence: m.sentence,
                        country: r.country.clone(),
                        keys,
                        centre,
                        named: 1,
                    });
                    add_country(&mut ctx, &r.country, None, 0.3);
                }
            }
        }
    }
    count_division_mentions(&mut ctx.admin1);
    let max = counts.values().cloned().fold(0.0, f64::max);
    if max > 0.0 {
        ctx.country_doc = counts.into_iter().map(|(c, v)| (c, v / max)).collect();
    }
    ctx
}

/// Each mention's container: its own ("X, Y", "X in Y"), else, for a member of a list, that of
/// the next member when only "and", "or" or a comma separates them ("Nashville and Cordova,
/// Tennessee": both in Tennessee).
fn list_containers(text: &str, mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = mentions.iter().map(|m| m.container).collect();
    for k in (0..mentions.len().saturating_sub(1)).rev() {
        let (m, n) = (&mentions[k], &mentions[k + 1]);
        if out[k].is_some() || m.group != n.group || n.start < m.end {
            continue;
        }
        let gap = text.get(m.end..n.start).unwrap_or("").trim();
        if matches!(gap, "and" | "or" | "," | ", and" | ", or" | "&") {
            out[k] = out[k + 1].filter(|&c| c != k && c > k + 1);
        }
    }
    out
}

/// Sets each named division's [`Admin1Ctx::named`]: the number of distinct mentions naming a
/// division of the same country and first key ("Alberta" three times and "Alberta's").
fn count_division_mentions(admin1: &mut [Admin1Ctx]) {
    let mut by: HashMap<(&str, &str), HashSet<usize>> = HashMap::default();
    for a in admin1.iter() {
        if let Some(k) = a.keys.first() {
            by.entry((a.country.as_str(), k.as_str()))
                .or_default()
                .insert(a.mention);
        }
    }
    let named: Vec<usize> = admin1
        .iter()
        .map(|a| {
            a.keys
                .first()
                .and_then(|k| by.get(&(a.country.as_str(), k.as_str())))
                .map_or(1, HashSet::len)
        })
        .collect();
    for (a, n) in admin1.iter_mut().zip(named) {
        a.named = n.max(1);
    }
}

/// One mention's resolution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Choice {
    pub record: Option<RecordId>,
    pub confidence: f64,
}

fn admin1_key(r: &Record) -> Option<(String, String)> {
    r.admin1.as_ref().map(|a| (r.country.clone(), name_key(a)))
}

/// Folded preferred names of the records other than plain ASCII, computed once per record
/// and document (the same candidates come back for every mention of a name); the names'
/// keys come from the gazetteer's memo ([`sitrep_gazetteer::with_name_key`]).
#[derive(Default)]
struct NameCache(
    HashMap<RecordId, String>,
    /// Folded surface → its last candidates and which of them carry it as their own name.
    HashMap<String, (Vec<RecordId>, Vec<bool>)>,
);

impl NameCache {
    /// Which of candidates `cs` have folded `surface` as their folded preferred name (mentions
    /// of one name share their candidates: computed once).
    fn exact(&mut self, gaz: &Db, surface: &str, cs: &[RecordId]) -> Vec<bool> {
        if let Some((ids, v)) = self.1.get(surface) {
            if ids[..] == *cs {
                return v.clone();
            }
        }
        let v: Vec<bool> = cs
            .iter()
            .map(|&id| self.folded_is(gaz, id, surface))
            .collect();
        self.1.insert(surface.to_string(), (cs.to_vec(), v.clone()));
        v
    }

    /// Whether the folded preferred name of record `id` is `folded`.
    fn folded_is(&mut self, gaz: &Db, id: RecordId, folded: &str) -> bool {
        let name = &gaz.record(id).name;
        ascii_folds_to(name, folded)
            .unwrap_or_else(|| *self.0.entry(id).or_insert_with(|| fold(name)) == folded)
    }

    /// Whether the folded preferred name of record `id` is `surface` with a qualifier
    /// ([`is_qualified_name`]).
    fn qualified(&mut self, gaz: &Db, id: RecordId, surface: &str) -> bool {
        let name = &gaz.record(id).name;
        let plain = |t: &str| t.bytes().all(is_plain_byte);
        // (a plain ASCII head as long as the surface folds to it or the name is not it; the
        // rest is folded only behind a matching head: folding goes character by character)
        match name.get(..surface.len()) {
            Some(head) if plain(head) => {
                return ascii_folds_to(head, surface) == Some(true)
                    && is_qualified_name(&fold(&name[surface.len()..]), "");
            }
            None if plain(name) => return false,
            _ => {}
        }
        is_qualified_name(self.0.entry(id).or_insert_with(|| fold(name)), surface)
    }
}

/// Scores of the candidates of mention `k` without proximity.
fn base_scores(
    gaz: &Db,
    text: &str,
    mentions: &[Mention],
    cands: &[Vec<RecordId>],
    ctx: &Context,
    k: usize,
    names: &mut NameCache,
) -> Vec<f64> {
    let m = &mentions[k];
    let cued = ctx.cued.get(k).copied().unwrap_or(false);
    let surface = fold(&text[m.start..m.end]);
    let surface_key = name_key(&text[m.start..m.end]);
    // (which candidates carry the surface as their own name)
    let exact = names.exact(gaz, &surface, &cands[k]);
    let local_countries: HashSet<&String> = (m.sentence.saturating_sub(1)..=m.sentence + 1)
        .filter_map(|s| ctx.country_sent.get(&s))
        .flatten()
        .collect();
    // the container's possible countries and divisions
    let (mut cont_countries, mut cont_admin1) = (HashSet::default(), HashSet::default());
    if let Some(c) = ctx.container.get(k).copied().flatten() {
        for &id in cands[c].iter().take(20) {
            let r = gaz.record(id);
            if is_country(r) {
                cont_countries.insert(r.country.clone());
            } else if r.feature == "ADM1" {
                cont_admin1.insert((r.country.clone(), name_key(&r.name)));
                if let Some(a) = admin1_key(r) {
                    cont_admin1.insert(a);
                }
            }
        }
    }
    // a city and a division of the same name in one country: without a cue the city is meant
    // ("Aleppo" the city, "Aleppo province" the governorate)
    let cities: Vec<&Record> = cands[k]
        .iter()
        .map(|&id| gaz.record(id))
        .filter(|r| r.feature_class == 'P' && (r.population >= 100_000 || r.feature != "PPL"))
        .collect();
    // countries with a division of this name: whether the city or the division is meant is
    // not a matter of fame ("New York")
    let admin1_countries: Vec<&str> = cands[k]
        .iter()
        .map(|&id| gaz.record(id))
        .filter(|r| r.feature == "ADM1")
        .map(|r| r.country.as_str())
        .collect();
    let has_admin1 = !admin1_countries.is_empty();
    // populated places (any size) whose own name is the surface, for the far-division rule
    let cities_any: Vec<&Record> = if has_admin1 {
        cands[k]
            .iter()
            .zip(&exact)
            .filter(|&(&id, &e)| e && gaz.record(id).feature_class == 'P')
            .map(|(&id, _)| gaz.record(id))
            .collect()
    } else {
        Vec::new()
    };
    // Which candidates carry the surface's own spelling among their names (not only its
    // folded key: "Columbia" and "Colombia" share a key; a text saying "Columbia" means the
    // city when one is spelled so).
    // Only asked when the first (most populous) candidate's own name is spelled otherwise:
    // that is when a key-only match can win on population.
    let top_spelled = exact.first().is_none_or(|&e| e);
    let spelled: Vec<bool> = if !top_spelled && cands[k].len() <= 256 {
        cands[k]
            .iter()
            .map(|&id| gaz.names(id).iter().any(|n| folds_to(n, &surface)))
            .collect()
    } else {
        vec![true; cands[k].len()]
    };
    // (countries of the famous readings; those the document gives evidence of)
    let famous = famous_countries(gaz, &cands[k], &exact);
    let famous_named: Vec<&str> = famous
        .iter()
        .copied()
        .filter(|c| {
            ctx.country_doc
                .get(*c)
                .is_some_and(|&v| v >= w::JOINT_COUNTRY)
        })
        .collect();
    // (countries and divisions of the populated places whose own name is the surface)
    let own_named_towns: Vec<(&str, &str)> = cands[k]
        .iter()
        .zip(&exact)
        .filter(|&(_, &e)| e)
        .map(|(&id, _)| gaz.record(id))
        .filter(|r| r.feature_class == 'P')
        .filter_map(|r| Some((r.country.as_str(), r.admin1.as_deref()?)))
        .collect();
    // (a feature cue outranks spelling: "Deir Ezzor province" is the governorate however
    // its record spells it)
    let any_spelled = m.hint.is_none() && spelled.iter().any(|&b| b);
    // a country whose name the surface only resembles ("Columbia" for Colombia), where a place
    // is spelled exactly so: the place is meant
    let respelled: Vec<bool> = (0..cands[k].len())
        .map(|i| respelled_country(gaz, m, &cands[k], i, &exact, &surface_key))
        .collect();
    cands[k]
        .iter()
        .zip(&spelled)
        .zip(&respelled)
        .enumerate()
        .map(|(i, ((&id, &spelled), &respelled))| {
            let r = gaz.record(id);
            // (a city holding under a tenth of the division's people, not its country's
            // capital, does not shadow it: "Quebec" is the province)
            let division_shadowed = matches!(r.feature.as_str(), "ADM1" | "ADM2" | "ADM3")
                && !matches!(m.hint, Some(Hint::Admin1 | Hint::Admin2 | Hint::Area))
                && !(cued && r.feature == "ADM1")
                && cities.iter().any(|c| {
                    c.country == r.country
                        && (c.feature == "PPLC" || c.population.saturating_mul(10) >= r.population)
                });
            let pop_w = if m.hint == Some(Hint::Small) {
                w::POP_SMALL_HINT
            } else if m.local {
                w::POP_LOCAL
            } else {
                w::POP
            };
            // a local-news cue ("Lebanon Police", "a Paris woman"): a town, whose fame as a
            // capital or a country counts little
            // (a state is fine: "Indiana Department of Transportation", "an Arizona woman",
            // unless of a country the document does not name: "Berea Police" is not in
            // Lesotho)
            let feature = if m.local {
                if is_large_area(r)
                    && (r.feature != "ADM1" || !ctx.country_doc.contains_key(&r.country))
                {
                    w::LOCAL_AREA
                } else if r.feature == "ADM1" {
                    feature_prior(r)
                } else {
                    feature_prior(r).min(w::LOCAL_FEATURE_MAX)
                }
            } else {
                feature_prior(r)
            };
            // a division of a country the document gives no evidence of, whose name a populated
            // place elsewhere of at least a twentieth of its population carries: the prior of
            // a minor division ("Gaza" the city, not the Mozambican province; "Berea" in Kentucky, not
            // the Lesotho district)
            let far_division = r.feature == "ADM1"
                && !matches!(m.hint, Some(Hint::Admin1 | Hint::Area))
                && ctx
                    .country_doc
                    .get(&r.country)
                    .is_none_or(|&c| c < w::JOINT_COUNTRY)
                && cities_any.iter().any(|c| {
                    c.country != r.country && c.population.saturating_mul(20) >= r.population
                });
            let feature = if far_division {
                feature.min(w::MINOR_DIVISION)
            } else {
                feature
            };
            let mut s = pop_w * pop_prior(r) + feature + hint_bonus(m.hint, r);
            // a word around the name makes it a division ("New York Gov.", "the Quebec
            // government"): not a far country's namesake division ("the Gaza government")
            if cued && r.feature == "ADM1" && !far_division {
                s += w::DIVISION_CUE;
            }
            // a world city (a capital, a city of a million) of a country the document gives
            // evidence of outranks its namesakes unless a local-news cue makes a town likelier
            // ("tickets to Moscow via Dulles" beside Baltimore, New York and one "Russian"; a
            // London in Ontario without a word of Britain keeps its chance)
            if !m.local
                && r.feature_class == 'P'
                && is_famous(r)
                && !admin1_countries.contains(&r.country.as_str())
                && ctx
                    .country_doc
                    .get(&r.country)
                    .is_some_and(|&c| c >= w::JOINT_COUNTRY)
            {
                s += w::FAME;
            }
            if division_shadowed {
                s += w::SHADOWED_DIVISION;
            }
            if (any_spelled && !spelled) || respelled {
                s += w::UNSPELLED;
            }
            // (the surface is the place's own name, or that name with a qualifier)
            let own_name = exact[i] || names.qualified(gaz, id, &surface);
            // a place that bears the surface only as an alternate (often a former) name, where
            // a place of its division, or a country or world city, bears it as its own: the
            // latter is meant ("Youngstown" is the Ohio city, not Mount Gilead, once called so;
            // "Jerusalem" is not El Rio, California)
            if !own_name
                && r.feature_class == 'P'
                && r.admin1.is_some()
                && (!famous.is_empty()
                    || own_named_towns
                        .iter()
                        .any(|&(c, a)| c == r.country && r.admin1.as_deref() == Some(a)))
            {
                s += w::UNSPELLED;
            }
            // the preferred name, not only an alternate one ("Utah" is also an alternate name
            // of a town)
            if own_name {
                s += w::EXACT_NAME;
            } else if sitrep_gazetteer::with_name_key(&r.name, |key| key == surface_key) {
                s += w::KEY_NAME;
            }
            if m.hint == Some(Hint::Admin2) && r.admin2.as_ref().is_some_and(|a| fold(a) == surface)
            {
                s += w::ADMIN2_NAME;
            }
            // (a small namesake of a country or a world city elsewhere draws little from its
            // country being named: "in Russia and Paris" in a story full of "U.S.")
            let country_w = if !m.local
                && r.feature_class == 'P'
                && !is_famous(r)
                && !famous_named.is_empty()
                && !famous_named.contains(&r.country.as_str())
            {
                w::NAMESAKE_COUNTRY
            } else {
                1.0
            };
            s += country_w
                * w::COUNTRY_DOC
                * ctx.country_doc.get(&r.country).copied().unwrap_or(0.0);
            if local_countries.contains(&r.country) {
                s += country_w * w::COUNTRY_LOCAL;
            }
            if !is_large_area(r) {
                s += admin1_bonus(ctx, mentions, text, k, &surface, r, famous.is_empty());
            }
            if cont_countries.contains(&r.country) && !is_country(r) {
                s += w::CONTAINER;
            }
            if !cont_admin1.is_empty() && r.feature != "ADM1" {
                if let Some(a) = admin1_key(r) {
                    if cont_admin1.contains(&a) {
                        s += w::CONTAINER;
                    }
                }
            }
            s
        })
        .collect()
}

/// Whether candidate `id` of mention `m` (candidates `cs`) is a country whose name the surface
/// only resembles (same name key, other spelling: "Columbia" for Colombia) while a populated
/// place carries the surface as its own name: the place is meant, and the mention is no
/// evidence of the country.
fn respelled_country(
    gaz: &Db,
    m: &Mention,
    cs: &[RecordId],
    i: usize,
    exact: &[bool],
    surface_key: &str,
) -> bool {
    let Some(r) = cs.get(i).map(|&id| gaz.record(id)) else {
        return false;
    };
    if !is_country(r) || m.origin == Origin::Alias {
        return false;
    }
    !exact.get(i).copied().unwrap_or(false)
        && sitrep_gazetteer::with_name_key(&r.name, |k| k == surface_key)
        && cs
            .iter()
            .zip(exact)
            .any(|(&c, &e)| e && gaz.record(c).feature_class == 'P')
}

/// Connectors of a town's qualified name, whose first part is its everyday name ("Newcastle
/// upon Tyne", "Frankfurt am Main", "Rostov-on-Don", "Boulogne-sur-Mer"); folded.
const QUALIFIERS: &[&str] = &[
    " upon ", "-upon-", " on ", "-on-", " am ", " an der ", " sur ", "-sur-", " (", " town",
];

/// Whether folded preferred name `name` is the folded `surface` with a qualifier: the surface
/// is as much the place's own name as an exact one.
fn is_qualified_name(name: &str, surface: &str) -> bool {
    name.strip_prefix(surface)
        .is_some_and(|rest| QUALIFIERS.iter().any(|q| rest.starts_with(q)))
}

/// Countries of the mention's famous readings: a country, a capital or a city of a million
/// whose own name is the surface (`exact`: which candidates have it). Their small namesakes were named after
/// them.
fn famous_countries<'a>(gaz: &'a Db, cands: &[RecordId], exact: &[bool]) -> Vec<&'a str> {
    let mut v: Vec<&str> = Vec::new();
    for (&id, &e) in cands.iter().zip(exact).take(JOINT_FAME_SCAN) {
        let r = gaz.record(id);
        if e && (is_country(r) || (r.feature_class == 'P' && is_famous(r)))
            && !v.contains(&r.country.as_str())
        {
            v.push(r.country.as_str());
        }
    }
    v
}

/// Bonus of place `r` (a candidate of mention `k`, folded `surface`) for lying in a
/// first-level division the document names: [`w::ADMIN1_LOCAL`] when named in the mention's
/// sentence, else [`w::ADMIN1_DOC`]. When `wide` (the name has no famous reading: four
/// "Georgia"s and a "New Jersey" in the next sentence do not make "Washington" a town of
/// theirs, nor a string of "New York"s "Mexico"), a division named in the next or previous sentence counts as
/// local, and the document bonus grows with the division's mentions (up to
/// [`w::ADMIN1_REPEAT_MAX`]). A place whose own admin1 carries the division's name is inside
/// it; one merely near the division's centre ([`ADMIN1_RADIUS_KM`]: sources spell divisions
/// differently) counts [`w::ADMIN1_NEAR`] as much (Plymouth, Connecticut is not in the
/// Massachusetts of "Plymouth … Massachusetts Governor"). The best division counts.
fn admin1_bonus(
    ctx: &Context,
    mentions: &[Mention],
    text: &str,
    k: usize,
    surface: &str,
    r: &Record,
    wide: bool,
) -> f64 {
    let m = &mentions[k];
    // (the division's key only when the document names a division of the country)
    let mut key: Option<Option<String>> = None;
    let mut best = 0.0f64;
    // (not from a mention of the same name: "Rego Park, New York" does not make the other
    // "New York"s of the document its city)
    for a in ctx.admin1.iter().filter(|a| {
        a.mention != k
            && a.country == r.country
            && mentions.get(a.mention).is_none_or(|n| {
                text.get(n.start..n.end)
                    .is_none_or(|t| !folds_to(t, surface))
            })
    }) {
        let key = key.get_or_insert_with(|| r.admin1.as_deref().map(name_key));
        let share = if key.as_ref().is_some_and(|key| a.keys.contains(key)) {
            1.0
        } else if a
            .centre
            .is_some_and(|(la, lo)| approx_km(r.lat, r.lon, la, lo) < ADMIN1_RADIUS_KM)
        {
            w::ADMIN1_NEAR
        } else {
            continue;
        };
        let gap = a.sentence.abs_diff(m.sentence);
        let bonus = if gap == 0 || (wide && gap == 1) {
            w::ADMIN1_LOCAL
        } else if wide {
            // (a division the document names again and again draws its towns harder)
            w::ADMIN1_DOC * a.named.min(w::ADMIN1_REPEAT_MAX) as f64
        } else {
            w::ADMIN1_DOC
        };
        best = best.max(share * bonus);
    }
    best
}

fn choose(gaz: &Db, scores: &[f64], cands: &[RecordId]) -> Choice {
    let mut best = None;
    for (i, &s) in scores.iter().enumerate() {
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    match best {
        None => Choice {
            record: None,
            confidence: 0.0,
        },
        Some((i, b)) => {
            // candidates within 25 km of the best are the same place (duplicates across
            // sources, a city and its district): their shares add up
            let best = gaz.record(cands[i]);
            let (mut z, mut same) = (0.0, 0.0);
            for (k, s) in scores.iter().enumerate() {
                let e = ((s - b) / w::TEMPERATURE).exp();
                z += e;
                let r = gaz.record(cands[k]);
                // (more than 0.3° of latitude apart is more than 25 km: no trigonometry)
                if k == i
                    || ((best.lat - r.lat).abs() < 0.3
                        && haversine_km(best.lat, best.lon, r.lat, r.lon) < 25.0)
                {
                    same += e;
                }
            }
            Choice {
                record: Some(cands[i]),
                confidence: same / z,
            }
        }
    }
}

/// Candidates per name that offer joint support, and candidates per mention that receive it.
const JOINT_CANDIDATES: usize = 8;

/// A reading offering joint support: record, latitude, longitude, weight.
type SupportPoint = (RecordId, f64, f64, f64);

/// The most populous candidates scanned for a famous reading.
const JOINT_FAME_SCAN: usize = 20;

/// A capital or a city of a million: its namesakes are many.
fn is_famous(r: &Record) -> bool {
    r.feature == "PPLC" || r.population >= 1_000_000
}

/// Mentions resolved at least this confidently alone get no joint support.
const JOINT_SURE: f64 = 0.9;

/// Joint support of each candidate of each uncertain mention: over the document's other names
/// (distinct folded surfaces), the closeness to the nearest of their best-scored candidates
/// (weighted 1 for the name's current choice, [`w::JOINT_OTHER`] for another; a name resolved
/// surely offers its choice alone), summed over
/// the two best-supporting names. A list member is supported by its list alone when another
/// member offers support ("down to Ramadi and Fallujah": Ramadi beside Fallujah, not beside
/// the Syrian villages of the next paragraph). Large areas neither give nor receive it. Zero
/// for certain mentions and for candidates outside each mention's best [`JOINT_CANDIDATES`].
fn joint_support(
    gaz: &Db,
    mentions: &[Mention],
    ctx: &Context,
    keys: &[String],
    cands: &[Vec<RecordId>],
    base: &[Vec<f64>],
    choices: &[Choice],
) -> Option<Vec<Vec<f64>>> {
    let uncertain = |k: usize| cands[k].len() >= 2 && choices[k].confidence < JOINT_SURE;
    // (a mention read as a country or a region keeps it: large areas get no support, and the
    // small namesakes of "Russia", "Middle East" or "Jerusalem" would gather it)
    // (nor does a capital or a city of a million of a country the document names, unless a
    // local-news cue makes a town likelier: "Damascus" in an article on Syria keeps the
    // capital beside "Washington"; "the Paris Police Department" may be in Tennessee)
    let famous_named = |id: RecordId| {
        let r = gaz.record(id);
        is_famous(r)
            && ctx
                .country_doc
                .get(&r.country)
                .is_some_and(|&c| c >= w::JOINT_COUNTRY)
    };
    let receives = |k: usize| {
        uncertain(k)
            && choices[k]
                .record
                .is_some_and(|id| !is_large_area(gaz.record(id)))
            && (mentions[k].local
                || !cands[k]
                    .iter()
                    .take(JOINT_FAME_SCAN)
                    .any(|&id| famous_named(id)))
    };
    if !(0..keys.len()).any(receives) {
        return None;
    }
    let top = |k: usize| -> Vec<usize> {
        let mut order: Vec<usize> = (0..cands[k].len()).collect();
        let by_score = |x: &usize, y: &usize| base[k][*y].total_cmp(&base[k][*x]);
        if order.len() > JOINT_CANDIDATES {
            order.select_nth_unstable_by(JOINT_CANDIDATES, by_score);
            order.truncate(JOINT_CANDIDATES);
        }
        order.sort_by(by_score);
        order
    };
    // per distinct name: (key, points (lat, lon, weight))
    let mut names: Vec<(&str, Vec<SupportPoint>)> = Vec::new();
    for k in 0..keys.len() {
        if names.iter().any(|(key, _)| *key == keys[k]) {
            continue;
        }
        // (a name resolved surely offers its choice alone)
        let ids: Vec<usize> = if uncertain(k) {
            top(k)
        } else {
            (0..cands[k].len())
                .filter(|&i| choices[k].record == Some(cands[k][i]))
                .take(1)
                .collect()
        };
        // (another reading offers support as likely as it is next to the best one)
        let best = base[k].iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let points: Vec<SupportPoint> = ids
            .into_iter()
            .map(|i| (i, gaz.record(cands[k][i])))
            .filter(|(_, r)| !is_large_area(r) && !is_famous(r))
            .map(|(i, r)| {
                let q = if choices[k].record == Some(cands[k][i]) {
                    1.0
                } else {
                    w::JOINT_OTHER * ((base[k][i] - best) / w::JOINT_TEMPERATURE).exp()
                };
                (cands[k][i], r.lat, r.lon, q)
            })
            .collect();
        if !points.is_empty() {
            names.push((keys[k].as_str(), points));
        }
    }
    if names.len() < 2 {
        return None;
    }
    let mut out: Vec<Vec<f64>> = base.iter().map(|b| vec![0.0; b.len()]).collect();
    let mut any = false;
    // (same name and candidates: same support)
    let mut memo: HashMap<(&str, usize, Option<RecordId>), usize> = HashMap::default();
    for k in 0..keys.len() {
        if !receives(k) {
            continue;
        }
        let mates: Vec<&str> = (0..keys.len())
            .filter(|&n| mentions[n].group == mentions[k].group && keys[n] != keys[k])
            .map(|n| keys[n].as_str())
            .filter(|key| names.iter().any(|(nk, _)| nk == key))
            .collect();
        if mates.is_empty() {
            let memo_key = (keys[k].as_str(), cands[k].len(), cands[k].first().copied());
            if let Some(&prev) = memo.get(&memo_key) {
                out[k] = out[prev].clone();
                continue;
            }
            memo.insert(memo_key, k);
        }
        let best_base = base[k].iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for i in top(k) {
            let r = gaz.record(cands[k][i]);
            // (a reading far behind the best one alone is not revived by coincidences: the
            // Paris, Damascus and Jerusalem of Arkansas)
            if is_large_area(r) || base[k][i] < best_base - w::JOINT_MARGIN {
                continue;
            }
            let cos_r = r.lat.to_radians().cos();
            let (mut best, mut second) = (0.0f64, 0.0f64);
            for (key, points) in &names {
                if *key == keys[k] || !(mates.is_empty() || mates.contains(key)) {
                    continue;
                }
                let mut v = 0.0f64;
                for &(id, la, lo, q) in points {
                    // (more than 1.5° of latitude apart: closeness below 0.25, ignored; a
                    // record is no evidence for itself under another name: "San Diego State"
                    // does not support every San Diego)
                    if (la - r.lat).abs() < 1.5 && id != cands[k][i] {
                        v = v.max(q * closeness(approx_km_cos(r.lat, r.lon, cos_r, la, lo)));
                    }
                }
                if v > best {
                    second = best;
                    best = v;
                } else if v > second {
                    second = v;
                }
            }
            out[k][i] = best + second;
            any |= best > 0.0;
        }
    }
    any.then_some(out)
}

/// Whether mention `k` (candidates `cs`) names a first-level division by a word around it
/// ([`division_cue`]) or as the container of another place of its country ("Rego Park, New
/// York": the state, where a city of the same name exists in the same country).
fn division_cued(
    gaz: &Db,
    text: &str,
    mentions: &[Mention],
    k: usize,
    m: &Mention,
    cs: &[RecordId],
) -> Option<DivisionCue> {
    if m.forced_admin1.is_some() || m.origin == Origin::Alias {
        return None;
    }
    // ("Idlib town of Saraqeb": the noun is the next place's, not Idlib's)
    if matches!(m.hint, Some(Hint::Small | Hint::City)) {
        return division_cue(text, m.start, m.end).filter(|&c| c == DivisionCue::Within);
    }
    if m.hint.is_some() {
        return None;
    }
    let adm1: Vec<&Record> = cs
        .iter()
        .take(20)
        .map(|&id| gaz.record(id))
        .filter(|r| r.feature == "ADM1")
        .collect();
    if adm1.is_empty() {
        return None;
    }
    let surface = fold(text.get(m.start..m.end)?);
    match division_cue(text, m.start, m.end) {
        Some(c @ (DivisionCue::Strong | DivisionCue::Within)) => return Some(c),
        // (not when a capital carries the name: "the Washington government")
        Some(DivisionCue::Weak) => {
            return (!cs.iter().take(20).any(|&id| {
                let r = gaz.record(id);
                r.feature == "PPLC" && fold(&r.name) == surface
            }))
            .then_some(DivisionCue::Weak)
        }
        None => {}
    }
    // the container of another place, where the division has a city namesake in its country
    (mentions.iter().any(|n| n.container == Some(k))
        && adm1.iter().any(|a| {
            cs.iter().take(20).any(|&id| {
                let r = gaz.record(id);
                // ("New York City" for "New York")
                r.feature_class == 'P' && r.country == a.country && {
                    let f = fold(&r.name);
                    f == surface
                        || f.strip_prefix(surface.as_str())
                            .is_some_and(|rest| rest == " city")
                }
            })
        }))
    .then_some(DivisionCue::Strong)
}

/// Resolves every mention; returns places in mention order.
pub(crate) fn resolve(
    gaz: &Db,
    text: &str,
    mentions: &[Mention],
    demonyms: &[Demonym],
    actors: &[Actor],
) -> Vec<Place> {
    let cands: Vec<Vec<RecordId>> = mentions
        .iter()
        .map(|m| candidate_records(gaz, text, m))
        .collect();
    let cues: Vec<Option<DivisionCue>> = mentions
        .iter()
        .zip(&cands)
        .enumerate()
        .map(|(k, (m, cs))| division_cued(gaz, text, mentions, k, m, cs))
        .collect();
    let cued: Vec<bool> = cues.iter().map(Option::is_some).collect();
    // a feature noun that belongs to the next place loses its hint ("the Idlib town of
    // Saraqeb": Idlib is no town)
    let unhinted: Vec<Mention>;
    let mentions = if cues
        .iter()
        .zip(mentions)
        .any(|(c, m)| *c == Some(DivisionCue::Within) && m.hint.is_some())
    {
        unhinted = mentions
            .iter()
            .zip(&cues)
            .map(|(m, c)| {
                let mut m = m.clone();
                if *c == Some(DivisionCue::Within) {
                    m.hint = None;
                }
                m
            })
            .collect();
        &unhinted[..]
    } else {
        mentions
    };
    let ctx = context(gaz, text, mentions, &cands, demonyms, actors, &cued);
    let keys: Vec<String> = mentions
        .iter()
        .map(|m| fold(&text[m.start..m.end]))
        .collect();
    let mut names = NameCache::default();
    let mut base: Vec<Vec<f64>> = (0..mentions.len())
        .map(|k| base_scores(gaz, text, mentions, &cands, &ctx, k, &mut names))
        .collect();
    let mut choices: Vec<Choice> = base
        .iter()
        .zip(&cands)
        .map(|(s, c)| choose(gaz, s, c))
        .collect();
    // joint coherence: an uncertain mention's candidates near any plausible reading of the
    // document's other names ("Paris" beside "Henry County": Paris, Tennessee, the county's
    // seat, though neither was chosen alone)
    if let Some(joint) = joint_support(gaz, mentions, &ctx, &keys, &cands, &base, &choices) {
        for (k, j) in joint.iter().enumerate() {
            if j.iter().any(|&v| v > 0.0) {
                for (b, j) in base[k].iter_mut().zip(j) {
                    *b += w::JOINT * j;
                }
                choices[k] = choose(gaz, &base[k], &cands[k]);
            }
        }
    }

    // proximity passes: closeness to the other mentions' choices — same list, same sentence,
    // and the confidently resolved rest of the document (one anchor per record)
    let sentence_range: Vec<(usize, usize)> = {
        let mut v = vec![(0, 0); mentions.len()];
        let mut lo = 0;
        while lo < mentions.len() {
            let mut hi = lo + 1;
            while hi < mentions.len() && mentions[hi].sentence == mentions[lo].sentence {
                hi += 1;
            }
            for e in v.iter_mut().take(hi).skip(lo) {
                *e = (lo, hi);
            }
            lo = hi;
        }
        v
    };
    for _ in 0..2 {
        let mut doc_anchors: HashMap<RecordId, (f64, &str)> = HashMap::default();
        for (k, c) in choices.iter().enumerate() {
            if let Some(id) = c.record {
                if c.confidence > 0.5 && !is_large_area(gaz.record(id)) {
                    let e = doc_anchors.entry(id).or_insert((0.0, keys[k].as_str()));
                    if c.confidence > e.0 {
                        *e = (c.confidence, keys[k].as_str());
                    }
                }
            }
        }
        let doc_anchors: Vec<(&Record, f64, &str)> = doc_anchors
            .into_iter()
            .map(|(id, (c, key))| (gaz.record(id), c, key))
            .collect();
        let mut next = choices.clone();
        for k in 0..mentions.len() {
            // (a division a word around it names is not drawn to the places it contains:
            // "the Idlib town of Saraqeb")
            if cands[k].len() < 2
                || (cued[k]
                    && choices[k]
                        .record
                        .is_some_and(|id| gaz.record(id).feature == "ADM1"))
            {
                continue;
            }
            let m = &mentions[k];
            // only the best-scored candidates compete on proximity
            // (the first PROX_CANDIDATES of a stable sort by descending score: ties by index)
            let mut order: Vec<usize> = (0..cands[k].len()).collect();
            if order.len() > PROX_CANDIDATES {
                order.select_nth_unstable_by(PROX_CANDIDATES - 1, |&x, &y| {
                    base[k][y].total_cmp(&base[k][x]).then(x.cmp(&y))
                });
                order.truncate(PROX_CANDIDATES);
            }
            let mut contenders = vec![false; cands[k].len()];
            for i in order {
                contenders[i] = true;
            }
            let (lo, hi) = sentence_range[k];
            let scores: Vec<f64> = cands[k]
                .iter()
                .zip(&base[k])
                .enumerate()
                .map(|(i, (&id, &b))| {
                    if !contenders[i] {
                        return b;
                    }
                    let r = gaz.record(id);
                    let cos_r = r.lat.to_radians().cos();
                    let (mut g, mut s, mut d) = (0.0f64, 0.0f64, 0.0f64);
                    let mut same_kind = 0.0f64;
                    for n in lo..hi {
                        if n == k || keys[n] == keys[k] {
                            continue;
                        }
                        let Some(a) = choices[n].record.map(|id| gaz.record(id)) else {
                            continue;
                        };
                        let c = choices[n].confidence;
                        // lists of one kind: states with states, counties with counties
                        if mentions[n].group == m.group
                            && a.feature == r.feature
                            && a.feature_class == 'A'
                        {
                            same_kind = same_kind.max(c);
                        }
                        if is_large_area(a) {
                            continue;
                        }
                        let v = c * closeness(approx_km_cos(r.lat, r.lon, cos_r, a.lat, a.lon));
                        if mentions[n].group == m.group {
                            g = g.max(v);
                        }
                        s = s.max(v);
                    }
                    for &(a, c, key) in &doc_anchors {
                        if key != keys[k] {
                            d = d.max(
                                c * closeness(approx_km_cos(r.lat, r.lon, cos_r, a.lat, a.lon)),
                            );
                        }
                    }
                    b + w::PROX_GROUP * g
                        + w::PROX_SENTENCE * s
                        + w::PROX_DOC * d
                        + w::GROUP_FEATURE * same_kind
                })
                .collect();
            next[k] = choose(gaz, &scores, &cands[k]);
        }
        choices = next;
    }

    // a part of a city the text names ("Giza's Haram district", "Cairo's Abbasiya
    // neighbourhood"): a candidate by the city, else the city itself, at a city's precision
    // and with low confidence (ACLED codes a neighbourhood the gazetteer lacks at its town)
    for k in 0..mentions.len() {
        let Some(c) = mentions[k].part_of else {
            continue;
        };
        let Some(city) = choices[c]
            .record
            .filter(|_| choices[c].confidence > 0.5)
            .map(|id| gaz.record(id))
            .filter(|r| r.feature_class == 'P' && r.population >= CITY_PART_MIN_POP)
        else {
            continue;
        };
        // (a division or a country is no part of a city: "Toronto's Ontario health-card
        // holders"; nor is a larger town)
        if mentions[k].in_org
            || choices[k].record.is_some_and(|id| {
                let r = gaz.record(id);
                is_large_area(r) || r.population >= city.population
            })
        {
            continue;
        }
        let near = |id: RecordId| {
            let r = gaz.record(id);
            approx_km(r.lat, r.lon, city.lat, city.lon) <= CITY_PART_KM
        };
        if choices[k].record.is_some_and(near) {
            continue;
        }
        let by_city = cands[k]
            .iter()
            .zip(&base[k])
            .filter(|&(&id, _)| near(id))
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(&id, _)| id);
        choices[k] = match by_city {
            Some(id) => Choice {
                record: Some(id),
                confidence: 0.6,
            },
            None => Choice {
                record: choices[c].record,
                confidence: 0.3,
            },
        };
    }

    // unknown list members: a record near their resolved neighbours whose name starts with
    // the mention's key ("Buq" → "Al Buq‘ān" next to the other villages of the list)
    for k in 0..mentions.len() {
        let m = &mentions[k];
        if !cands[k].is_empty() || m.origin != Origin::Cue {
            continue;
        }
        let key = name_key(&text[m.start..m.end]);
        if key.chars().count() < 3 {
            continue;
        }
        let neighbours: Vec<&Record> = (0..mentions.len())
            .filter(|&n| n != k && mentions[n].group == m.group)
            .filter_map(|n| choices[n].record.filter(|_| choices[n].confidence > 0.5))
            .map(|id| gaz.record(id))
            .filter(|r| !is_large_area(r))
            .collect();
        let found = neighbours.iter().find_map(|a| {
            gaz.within_km(a.lat, a.lon, NEAR_KM)
                .into_iter()
                .find(|&id| {
                    gaz.names(id).iter().any(|nm| {
                        let nk = name_key(nm);
                        nk.split(' ').any(|w| w.starts_with(&key)) || nk.starts_with(&key)
                    })
                })
        });
        if let Some(id) = found {
            choices[k] = Choice {
                record: Some(id),
                confidence: 0.4,
            };
        }
    }

    mentions
        .iter()
        .zip(&choices)
        .map(|(m, c)| {
            let surface = text[m.start..m.end].to_string();
            let recog = match m.origin {
                Origin::Given | Origin::Alias | Origin::Abbreviation => 1.0,
                Origin::Entity => 0.9,
                Origin::Cue => 0.8,
                Origin::Gazetteer if m.in_org => 0.7,
                Origin::Gazetteer => {
                    if m.prep || m.hint.is_some() {
                        1.0
                    } else {
                        0.85
                    }
                }
            };
            match c.record {
                Some(id) => {
                    let r = gaz.record(id);
                    Place {
                        text: surface,
                        start: m.start,
                        end: m.end,
                        name: Some(r.name.clone()),
                        id: Some(r.id.clone()),
                        country: (!r.country.is_empty()).then(|| r.country.clone()),
                        admin1: r.admin1.clone(),
                        feature: Some(r.feature.clone()),
                        lat: Some(r.lat),
                        lon: Some(r.lon),
                        confidence: (c.confidence * recog).clamp(0.05, 0.99),
                    }
                }
                None => Place {
                    text: surface,
                    start: m.start,
                    end: m.end,
                    name: None,
                    id: None,
                    country: m.forced_country.clone().filter(|c| !c.is_empty()),
                    admin1: m.forced_admin1.as_ref().map(|(_, a)| a.clone()),
                    feature: None,
                    lat: None,
                    lon: None,
                    confidence: 0.1 * recog,
                },
            }
        })
        .collect()
}
