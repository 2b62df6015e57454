//! Geoparsing evaluation against LGL, TR-News (dev) and GeoWebNews, GeoVirus (test: report
//! only) in `shared/data/eval/geoparsing/`.
//!
//! * Toponym recognition, EUPEG rule: a predicted toponym matches a gold one when the surface
//!   strings are equal case-insensitively and the span midpoints (in characters) are less than
//!   10 characters apart; each gold toponym matches at most once. Gold toponyms without
//!   coordinates (LGL has some) are left out of the gold; a prediction matching one of them is
//!   neither a true nor a false positive.
//! * Resolution over the matched toponyms: accuracy within 161 km, mean and median error (km),
//!   and AUC, the area under the curve of the sorted errors scaled as
//!   `ln(1 + km) / ln(20039)`, integrated with the trapezoidal rule over a unit interval
//!   (Gritta et al. 2018; lower is better). A matched toponym left unresolved counts as the
//!   maximal error, 20,039 km.
//! * Both end to end ([`crate::Geoparser::parse`]) and with gold toponyms given
//!   ([`crate::Geoparser::resolve_spans`]). End to end takes the entities and actors of an
//!   [`Annotator`] when given (`sitrep eval geo` gives the pipeline's NER and actor stages, so
//!   the figures are those of `sitrep extract`'s `places`); without one, recognition runs on
//!   the gazetteer and its rules alone.
//! * [`throughput`]: geoparser speed over the corpora in `shared/data/corpus/*.jsonl`.
//! * `SITREP_GEO_DEBUG=1` prints false positives, misses and errors ≥ 161 km to stderr (for
//!   the dev sets only: never read test documents to write rules), end to end and, prefixed
//!   `GIVEN-`, with gold toponyms given; `SITREP_GEO_DEBUG_OK=1` adds the matches within
//!   161 km (`OK`).

use sitrep_eval::{Counts, EvalReport, Split};
use sitrep_gazetteer::{haversine_km, Gazetteer};
use sitrep_model::{Actor, ByteToChar, Entity, Place};
use sitrep_text::TextLayer;
use std::path::Path;

/// Half the Earth's circumference: the largest possible error, km.
pub const MAX_ERROR_KM: f64 = 20039.0;

/// One gold toponym (character offsets into the article text, as in the XML).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    /// Start, in characters.
    pub start: usize,
    /// End, in characters (exclusive).
    pub end: usize,
    /// Surface text.
    pub phrase: String,
    /// Gold coordinates, when annotated.
    pub coords: Option<(f64, f64)>,
}

/// One gold article.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// Article text.
    pub text: String,
    /// Gold toponyms.
    pub toponyms: Vec<GoldToponym>,
}

/// A dataset: its file and split.
#[derive(Debug, Clone, Copy)]
pub struct Dataset {
    /// Canonical name (`lgl`, `trnews`, `geowebnews`, `geovirus`).
    pub name: &'static str,
    /// File under `data/eval/geoparsing/`.
    pub file: &'static str,
    /// Dev (rules may be written from it) or test (report only).
    pub split: Split,
}

/// The four datasets.
pub const DATASETS: [Dataset; 4] = [
    Dataset {
        name: "lgl",
        file: "lgl.xml",
        split: Split::Dev,
    },
    Dataset {
        name: "trnews",
        file: "TR-News.xml",
        split: Split::Dev,
    },
    Dataset {
        name: "geowebnews",
        file: "GeoWebNews.xml",
        split: Split::Test,
    },
    Dataset {
        name: "geovirus",
        file: "GeoVirus.xml",
        split: Split::Test,
    },
];

/// The dataset called `name` (case-insensitive; `tr-news` and `trnews` both work).
pub fn dataset(name: &str) -> Option<Dataset> {
    let n = name.to_ascii_lowercase().replace(['-', '_'], "");
    DATASETS.iter().copied().find(|d| d.name == n)
}

// ---------------------------------------------------------------------------------------------
// A minimal reader for the four XML layouts (flat, no namespaces, no nested same-name tags).

/// Inner contents of every `<tag …>…</tag>` (or empty for `<tag/>`) in `xml`, in order.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = xml[pos..].find(&open) {
        let s = pos + i;
        let after = s + open.len();
        let Some(c) = xml[after..].chars().next() else {
            break;
        };
        if !(c == '>' || c == ' ' || c == '/' || c == '\n' || c == '\t' || c == '\r') {
            pos = after;
            continue;
        }
        let Some(gt) = xml[after..].find('>') else {
            break;
        };
        let head_end = after + gt;
        if xml[..head_end].ends_with('/') {
            out.push("");
            pos = head_end + 1;
            continue;
        }
        let body = head_end + 1;
        // skip CDATA sections while looking for the close tag
        let mut q = body;
        let end = loop {
            let next_close = xml[q..].find(&close).map(|k| q + k);
            let next_cdata = xml[q..].find("<![CDATA[").map(|k| q + k);
            match (next_close, next_cdata) {
                (Some(c), Some(d)) if d < c => match xml[d..].find("]]>") {
                    Some(k) => q = d + k + 3,
                    None => break None,
                },
                (Some(c), _) => break Some(c),
                (None, _) => break None,
            }
        };
        let Some(end) = end else { break };
        out.push(&xml[body..end]);
        pos = end + close.len();
    }
    out
}

/// The text of an element body: CDATA kept verbatim, entities decoded elsewhere.
fn text_of(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let k = r.find("]]>").unwrap_or(r.len());
            out.push_str(&r[..k]);
            rest = r.get(k + 3..).unwrap_or("");
        } else if rest.starts_with('&') {
            let semi = rest
                .char_indices()
                .take(12)
                .find(|&(_, c)| c == ';')
                .map(|(k, _)| k);
            let decoded =
                semi.and_then(|k| sitrep_eval::xml_entity(&rest[1..k]).map(|c| (c, k + 1)));
            match decoded {
                Some((c, n)) => {
                    out.push(c);
                    rest = &rest[n..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            let k = rest.find(['&', '<']).filter(|&k| k > 0).unwrap_or_else(|| {
                if rest.starts_with('<') {
                    rest.find("<![CDATA[").map_or(rest.len(), |_| 1)
                } else {
                    rest.len()
                }
            });
            out.push_str(&rest[..k]);
            rest = &rest[k..];
        }
    }
    out
}

fn field(body: &str, tag: &str) -> Option<String> {
    elements(body, tag)
        .first()
        .map(|b| text_of(b).trim().to_string())
}

fn num<T: std::str::FromStr>(body: &str, tag: &str) -> Option<T> {
    field(body, tag).and_then(|s| s.parse().ok())
}

fn coords(body: &str, lat: &str, lon: &str) -> Option<(f64, f64)> {
    let (la, lo) = (num::<f64>(body, lat)?, num::<f64>(body, lon)?);
    (la.is_finite() && lo.is_finite()).then_some((la, lo))
}

/// Some files count offsets from a character their text no longer has (GeoVirus: every span
/// is one character late). When most spans of a document do not cover their phrase but do
/// after one shift of at most 3 characters, all its spans are shifted.
fn realign(text: &str, toponyms: &mut [GoldToponym]) {
    let chars: Vec<char> = text.chars().collect();
    let covers = |g: &GoldToponym, d: isize| -> bool {
        let (s, e) = (g.start as isize + d, g.end as isize + d);
        s >= 0
            && e <= chars.len() as isize
            && s < e
            && chars[s as usize..e as usize].iter().collect::<String>() == g.phrase
    };
    let aligned = toponyms.iter().filter(|g| covers(g, 0)).count();
    if toponyms.is_empty() || 2 * aligned > toponyms.len() {
        return;
    }
    let best = [-3isize, -2, -1, 1, 2, 3]
        .into_iter()
        .map(|d| (toponyms.iter().filter(|g| covers(g, d)).count(), d))
        .max();
    if let Some((n, d)) = best {
        if n > aligned {
            for g in toponyms.iter_mut() {
                g.start = (g.start as isize + d).max(0) as usize;
                g.end = (g.end as isize + d).max(0) as usize;
            }
        }
    }
}

/// Some files' offsets drift within a document (TR-News: a few characters per paragraph, up to
/// a dozen). A span that still does not cover its phrase moves to the occurrence of the phrase
/// within [`DRIFT`] characters whose shift is closest to the previous span's shift (spans in
/// text order), unless another span already covers that occurrence.
fn realign_each(text: &str, toponyms: &mut [GoldToponym]) {
    let chars: Vec<char> = text.chars().collect();
    let phrase_at = |s: usize, p: &[char]| chars.get(s..s + p.len()) == Some(p);
    let mut order: Vec<usize> = (0..toponyms.len()).collect();
    order.sort_by_key(|&i| toponyms[i].start);
    let mut taken: std::collections::HashSet<usize> = toponyms
        .iter()
        .filter(|g| phrase_at(g.start, &g.phrase.chars().collect::<Vec<_>>()))
        .map(|g| g.start)
        .collect();
    let mut shift = 0isize;
    for i in order {
        let g = &mut toponyms[i];
        let p: Vec<char> = g.phrase.chars().collect();
        if p.is_empty() || phrase_at(g.start, &p) {
            continue;
        }
        let lo = g.start.saturating_sub(DRIFT);
        let hi = (g.start + DRIFT).min(chars.len());
        let best = (lo..=hi)
            .filter(|&s| phrase_at(s, &p) && !taken.contains(&s))
            .min_by_key(|&s| (s as isize - g.start as isize - shift).abs());
        if let Some(s) = best {
            shift = s as isize - g.start as isize;
            taken.insert(s);
            g.start = s;
            g.end = s + p.len();
        }
    }
}

/// How far [`realign_each`] looks for a drifted phrase.
const DRIFT: usize = 25;

/// Reads a dataset file (any of the four layouts).
pub fn read(path: &Path) -> Result<Vec<GoldDoc>, String> {
    let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    for art in elements(&xml, "article") {
        let Some(tb) = elements(art, "text").first().copied() else {
            continue;
        };
        let text = text_of(tb);
        let mut toponyms = Vec::new();
        if art.contains("<toponym") {
            for t in elements(art, "toponym") {
                let (Some(start), Some(end)) = (num::<usize>(t, "start"), num::<usize>(t, "end"))
                else {
                    continue;
                };
                let phrase = field(t, "phrase")
                    .or_else(|| field(t, "extractedName"))
                    .unwrap_or_default();
                let c = coords(t, "lat", "lon").or_else(|| coords(t, "latitude", "longitude"));
                toponyms.push(GoldToponym {
                    start,
                    end,
                    phrase,
                    coords: c,
                });
            }
        } else {
            for t in elements(art, "location") {
                let (Some(start), Some(end)) = (num::<usize>(t, "start"), num::<usize>(t, "end"))
                else {
                    continue;
                };
                let phrase = field(t, "name").unwrap_or_default();
                toponyms.push(GoldToponym {
                    start,
                    end,
                    phrase,
                    coords: coords(t, "lat", "lon"),
                });
            }
        }
        realign(&text, &mut toponyms);
        realign_each(&text, &mut toponyms);
        docs.push(GoldDoc { text, toponyms });
    }
    Ok(docs)
}

// ---------------------------------------------------------------------------------------------
// Scoring.

/// Resolution errors and their summary.
#[derive(Debug, Clone, Default)]
pub struct Errors {
    /// Errors in km, one per matched gold toponym with coordinates.
    pub km: Vec<f64>,
}

impl Errors {
    /// Share of errors below 161 km.
    pub fn acc161(&self) -> f64 {
        if self.km.is_empty() {
            return 0.0;
        }
        self.km.iter().filter(|&&e| e < 161.0).count() as f64 / self.km.len() as f64
    }
    /// Mean error.
    pub fn mean(&self) -> f64 {
        if self.km.is_empty() {
            return 0.0;
        }
        self.km.iter().sum::<f64>() / self.km.len() as f64
    }
    /// Median error.
    pub fn median(&self) -> f64 {
        let mut v = self.km.clone();
        if v.is_empty() {
            return 0.0;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    }
    /// Area under the curve of sorted `ln(1+km)/ln(20039)` (trapezoids, x scaled to 0..1).
    pub fn auc(&self) -> f64 {
        let mut v: Vec<f64> = self
            .km
            .iter()
            .map(|&e| (1.0 + e.max(0.0)).ln() / MAX_ERROR_KM.ln())
            .collect();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => 0.0,
            1 => v[0],
            n => {
                let area: f64 = v.windows(2).map(|p| (p[0] + p[1]) / 2.0).sum();
                area / (n - 1) as f64
            }
        }
    }
}

fn error_km(p: &Place, gold: (f64, f64)) -> f64 {
    match (p.lat, p.lon) {
        (Some(la), Some(lo)) => haversine_km(la, lo, gold.0, gold.1),
        _ => MAX_ERROR_KM,
    }
}

/// Scores predicted places (byte offsets into `doc.text`) of one document.
pub fn score_doc(doc: &GoldDoc, places: &[Place], counts: &mut Counts, errors: &mut Errors) {
    let b2c = ByteToChar::new(&doc.text);
    let mut used = vec![false; doc.toponyms.len()];
    for p in places {
        let (s, e) = (b2c.get(p.start), b2c.get(p.end));
        let mid = (s + e) as f64 / 2.0;
        let surface = p.text.to_lowercase();
        let hit = doc.toponyms.iter().enumerate().find(|(i, g)| {
            !used[*i]
                && g.phrase.to_lowercase() == surface
                && ((g.start + g.end) as f64 / 2.0 - mid).abs() < 10.0
        });
        match hit {
            Some((i, g)) => {
                used[i] = true;
                if let Some(c) = g.coords {
                    counts.tp += 1;
                    errors.km.push(error_km(p, c));
                }
            }
            None => counts.fp += 1,
        }
    }
    counts.fn_ += doc
        .toponyms
        .iter()
        .zip(&used)
        .filter(|(g, u)| !**u && g.coords.is_some())
        .count();
}

/// Prints false positives, misses and resolution errors of one document to stderr (dev
/// analysis, `SITREP_GEO_DEBUG=1`).
fn debug_doc(doc: &GoldDoc, places: &[Place], tag: &str) {
    let b2c = ByteToChar::new(&doc.text);
    let ctx = |s: usize, e: usize| -> String {
        let chars: Vec<char> = doc.text.chars().collect();
        let a = s.saturating_sub(30);
        let b = (e + 30).min(chars.len());
        chars[a..b].iter().collect::<String>().replace('\n', " ")
    };
    let mut used = vec![false; doc.toponyms.len()];
    for p in places {
        let (s, e) = (b2c.get(p.start), b2c.get(p.end));
        let mid = (s + e) as f64 / 2.0;
        let hit = doc.toponyms.iter().enumerate().find(|(i, g)| {
            !used[*i]
                && g.phrase.to_lowercase() == p.text.to_lowercase()
                && ((g.start + g.end) as f64 / 2.0 - mid).abs() < 10.0
        });
        match hit {
            Some((i, g)) => {
                used[i] = true;
                if let Some(c) = g.coords {
                    let km = error_km(p, c);
                    let verdict = if km >= 161.0 {
                        Some("WRONG")
                    } else {
                        std::env::var_os("SITREP_GEO_DEBUG_OK").map(|_| "OK")
                    };
                    if let Some(v) = verdict {
                        eprintln!(
                            "{tag}{v}\t{}\t{:.0} km\tgot {:?} {:?} {:?}\t{}",
                            p.text,
                            km,
                            p.name,
                            p.country,
                            p.feature,
                            ctx(s, e)
                        );
                    }
                }
            }
            None => eprintln!("{tag}FP\t{}\t{:?}\t{}", p.text, p.country, ctx(s, e)),
        }
    }
    for (g, u) in doc.toponyms.iter().zip(&used) {
        if !u && g.coords.is_some() {
            eprintln!("{tag}FN\t{}\t{}", g.phrase, ctx(g.start, g.end));
        }
    }
}

/// Char offsets → byte offsets of `text`, `None` when out of range.
fn char_span_to_bytes(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut it = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let s = it.nth(start)?;
    let e = if end >= start {
        if end == start {
            s
        } else {
            it.nth(end - start - 1)?
        }
    } else {
        return None;
    };
    Some((s, e))
}

/// Figures of one mode.
#[derive(Debug, Clone, Default)]
pub struct ModeResult {
    /// Recognition counts (end to end; all true positives when gold toponyms are given).
    pub counts: Counts,
    /// Resolution errors over matched toponyms.
    pub errors: Errors,
}

fn row(name: &str, r: &ModeResult) -> String {
    format!(
        "| {name} | {} | {} | {:.1} | {:.0} | {:.0} | {:.3} |\n",
        r.counts.prf_cells(),
        r.errors.km.len(),
        100.0 * r.errors.acc161(),
        r.errors.mean(),
        r.errors.median(),
        r.errors.auc()
    )
}

fn json(r: &ModeResult) -> serde_json::Value {
    serde_json::json!({
        "tp": r.counts.tp, "fp": r.counts.fp, "fn": r.counts.fn_,
        "precision": r.counts.precision(), "recall": r.counts.recall(), "f1": r.counts.f1(),
        "resolved": r.errors.km.len(),
        "acc161": r.errors.acc161(), "mean_km": r.errors.mean(),
        "median_km": r.errors.median(), "auc": r.errors.auc(),
    })
}

/// Figures of the three modes.
#[derive(Debug, Clone, Default)]
pub struct Modes {
    /// End to end ([`crate::Geoparser::parse`]).
    pub e2e: ModeResult,
    /// End to end with demonyms added as toponyms of their country ("Syrian" → Syria), for
    /// comparison with gold sets that annotate them (LGL, TR-News); not the product's output.
    pub e2e_demonyms: ModeResult,
    /// Gold toponyms given ([`crate::Geoparser::resolve_spans`]).
    pub given: ModeResult,
}

/// Evaluates the geoparser over documents.
/// The entities and actors of a document (the pipeline's stages before the geoparser).
pub type Annotator<'a> = &'a dyn Fn(&TextLayer) -> (Vec<Entity>, Vec<Actor>);

/// Scores `docs` in the three modes (see the module documentation).
pub fn evaluate(gazetteer: &Gazetteer, docs: &[GoldDoc], annotate: Option<Annotator>) -> Modes {
    let ov = crate::db::Overlay::build(gazetteer);
    let gaz = crate::db::Db {
        gaz: gazetteer,
        ov: &ov,
    };
    let mut out = Modes::default();
    for doc in docs {
        // (as `sitrep extract` reads it: a hard-wrapped text with its wrapping newlines as
        // spaces, same offsets)
        let unwrapped = sitrep_text::unwrap_lines(&doc.text);
        let layer = TextLayer::new(unwrapped.as_deref().unwrap_or(&doc.text));
        let (entities, actors) = annotate.map(|f| f(&layer)).unwrap_or_default();
        let (mentions, demonyms) = crate::recognize::recognize(&gaz, &layer, &entities, &actors);
        let places = crate::resolve::resolve(&gaz, layer.text, &mentions, &demonyms, &actors);
        let places = crate::facility::add_sites(gaz, &layer, &entities, places);
        if std::env::var_os("SITREP_GEO_DEBUG").is_some() {
            debug_doc(doc, &places, "");
        }
        score_doc(doc, &places, &mut out.e2e.counts, &mut out.e2e.errors);
        let mut with_dem = places;
        for d in demonyms.iter().filter(|d| !d.country.is_empty()) {
            if let Some(r) = gazetteer.country(&d.country).map(|id| gazetteer.record(id)) {
                with_dem.push(Place {
                    text: doc.text[d.start..d.end].to_string(),
                    start: d.start,
                    end: d.end,
                    name: Some(r.name.clone()),
                    id: Some(r.id.clone()),
                    country: Some(r.country.clone()),
                    admin1: None,
                    feature: Some(r.feature.clone()),
                    lat: Some(r.lat),
                    lon: Some(r.lon),
                    confidence: 0.5,
                });
            }
        }
        with_dem.sort_by_key(|p| p.start);
        score_doc(
            doc,
            &with_dem,
            &mut out.e2e_demonyms.counts,
            &mut out.e2e_demonyms.errors,
        );
        let gold: Vec<&GoldToponym> = doc.toponyms.iter().filter(|g| g.coords.is_some()).collect();
        let spans: Vec<(usize, usize)> = gold
            .iter()
            .filter_map(|g| char_span_to_bytes(&doc.text, g.start, g.end))
            .collect();
        let resolved = crate::resolve_spans_with(gaz, &layer, &spans);
        let gold_doc = GoldDoc {
            text: doc.text.clone(),
            toponyms: gold.into_iter().cloned().collect(),
        };
        if std::env::var_os("SITREP_GEO_DEBUG").is_some() {
            debug_doc(&gold_doc, &resolved, "GIVEN-");
        }
        score_doc(
            &gold_doc,
            &resolved,
            &mut out.given.counts,
            &mut out.given.errors,
        );
    }
    out
}

/// Runs the evaluation on `dataset` (`lgl`, `trnews`, `geowebnews`, `geovirus`).
pub fn run(
    shared: &Path,
    dataset: &str,
    gazetteer: &Gazetteer,
    annotate: Option<Annotator>,
) -> Result<EvalReport, String> {
    let ds = self::dataset(dataset).ok_or_else(|| {
        format!("unknown geoparsing dataset {dataset:?} (lgl, trnews, geowebnews, geovirus)")
    })?;
    let path = shared.join("data/eval/geoparsing").join(ds.file);
    let docs = read(&path)?;
    Ok(run_docs(gazetteer, ds, &docs, annotate))
}

fn run_docs(
    gaz: &Gazetteer,
    ds: Dataset,
    docs: &[GoldDoc],
    annotate: Option<Annotator>,
) -> EvalReport {
    let modes = evaluate(gaz, docs, annotate);
    let e2e = if annotate.is_some() {
        "end to end (pipeline: NER, actors, geoparser)"
    } else {
        "end to end (geoparser alone, no NER)"
    };
    let ngold: usize = docs
        .iter()
        .map(|d| d.toponyms.iter().filter(|g| g.coords.is_some()).count())
        .sum();
    let split = match ds.split {
        Split::Dev => "dev",
        Split::Test => "test (report only)",
    };
    let mut md = format!(
        "### Geoparsing: {} ({split}; {} articles, {ngold} gold toponyms with coordinates; gazetteer {} records)\n\n",
        ds.file,
        docs.len(),
        gaz.len()
    );
    md.push_str("| mode | P | R | F1 | resolved | acc@161 | mean km | median km | AUC |\n");
    md.push_str("|---|---|---|---|---|---|---|---|---|\n");
    md.push_str(&row(e2e, &modes.e2e));
    md.push_str(&row(
        "end to end, demonyms as toponyms*",
        &modes.e2e_demonyms,
    ));
    md.push_str(&row("gold toponyms given", &modes.given));
    md.push_str(
        "\n\\* for comparison only: LGL and TR-News annotate demonyms (\"Syrian\") as toponyms; \
         sitrep does not output them as places.\n",
    );
    EvalReport {
        markdown: md,
        metrics: serde_json::json!({
            "dataset": ds.name, "split": ds.split, "articles": docs.len(), "gold": ngold,
            "with_ner": annotate.is_some(),
            "end_to_end": json(&modes.e2e),
            "end_to_end_demonyms": json(&modes.e2e_demonyms),
            "gold_given": json(&modes.given),
        }),
    }
}

/// Geoparser throughput over the corpora `shared/data/corpus/*.jsonl` (one thread): text
/// layer and geoparser timed separately; MB are 10^6 bytes of article text.
pub fn throughput(shared: &Path, gazetteer: &Gazetteer) -> Result<EvalReport, String> {
    let dir = shared.join("data/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let t_ov = std::time::Instant::now();
    let ov = crate::db::Overlay::build(gazetteer);
    let t_ov = t_ov.elapsed().as_secs_f64();
    let db = crate::db::Db {
        gaz: gazetteer,
        ov: &ov,
    };
    let mut md = String::from(
        "### Geoparser throughput (one thread)\n\n| corpus | docs | MB | places | layer s | geoparser s | geoparser MB/s |\n|---|---|---|---|---|---|---|\n",
    );
    let mut rows = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let texts: Vec<String> = src
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let t0 = std::time::Instant::now();
        let layers: Vec<TextLayer> = texts.iter().map(|t| TextLayer::new(t)).collect();
        let t_layer = t0.elapsed().as_secs_f64();
        let t1 = std::time::Instant::now();
        let places: usize = layers
            .iter()
            .map(|l| crate::parse_with(db, l, &[], &[]).len())
            .sum();
        let t_geo = t1.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        md.push_str(&format!(
            "| {name} | {} | {mb:.2} | {places} | {t_layer:.2} | {t_geo:.2} | {:.2} |\n",
            texts.len(),
            mb / t_geo.max(1e-9)
        ));
        rows.push(
            serde_json::json!({"corpus": name, "docs": texts.len(), "mb": mb,
            "places": places, "layer_s": t_layer, "geoparser_s": t_geo,
            "mb_per_s": mb / t_geo.max(1e-9)}),
        );
    }
    md.push_str(&format!(
        "\nOverlay (second-level divisions and regions the gazetteer lacks): {} records, built in {t_ov:.2} s.\n",
        ov.len()
    ));
    Ok(EvalReport {
        markdown: md,
        metrics: serde_json::json!({ "throughput": rows, "overlay_s": t_ov }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cdata_entities_and_empty_tags() {
        let xml = "<articles><article a=\"1\"><text><![CDATA[A & B in Paris]]></text>\
                   <toponyms><toponym><start>8</start><end>13</end><phrase>Paris</phrase>\
                   <gaztag><lat>48.85</lat><lon>2.35</lon></gaztag></toponym>\
                   <toponym><start>0</start><end>1</end><phrase>A</phrase></toponym></toponyms>\
                   </article><article><text>R&amp;D &#x41;t Caf&#233; & €5</text><locations>\
                   <location><name>Café</name><start>8</start><end>12</end><lat>1</lat>\
                   <lon>2</lon></location></locations></article></articles>";
        let dir = std::env::temp_dir().join(format!("sitrep-geo-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("t.xml");
        std::fs::write(&p, xml).unwrap();
        let docs = read(&p).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "A & B in Paris");
        assert_eq!(docs[0].toponyms.len(), 2);
        assert_eq!(docs[0].toponyms[0].coords, Some((48.85, 2.35)));
        assert_eq!(docs[0].toponyms[1].coords, None);
        assert_eq!(docs[1].text, "R&D At Café & €5");
        assert_eq!(docs[1].toponyms[0].phrase, "Café");
        assert_eq!(char_span_to_bytes(&docs[1].text, 7, 11), Some((7, 12)));
        assert_eq!(char_span_to_bytes(&docs[1].text, 7, 40), None);
    }

    #[test]
    fn drifting_spans_move_to_their_phrase() {
        let text = "Ottawa said. Later in Ottawa and then in Ottawa again.";
        let g = |start: usize, phrase: &str| GoldToponym {
            start,
            end: start + phrase.chars().count(),
            phrase: phrase.into(),
            coords: None,
        };
        // First span right, the others 2 and 12 characters early; one phrase is nowhere near.
        let mut t = vec![
            g(0, "Ottawa"),
            g(20, "Ottawa"),
            g(29, "Ottawa"),
            g(0, "Rome"),
        ];
        realign(text, &mut t);
        realign_each(text, &mut t);
        let starts: Vec<usize> = t.iter().map(|g| g.start).collect();
        assert_eq!(starts, vec![0, 22, 41, 0]);
        assert_eq!(&text[41..47], "Ottawa");
    }

    fn place(text: &str, start: usize, lat: Option<f64>) -> Place {
        Place {
            text: text.into(),
            start,
            end: start + text.len(),
            name: None,
            id: None,
            country: None,
            admin1: None,
            feature: None,
            lat,
            lon: lat.map(|_| 0.0),
            confidence: 0.5,
        }
    }

    #[test]
    fn eupeg_matching_and_errors() {
        let doc = GoldDoc {
            text: "Paris and paris and Rome and Oz".into(),
            toponyms: vec![
                GoldToponym {
                    start: 0,
                    end: 5,
                    phrase: "Paris".into(),
                    coords: Some((0.0, 0.0)),
                },
                GoldToponym {
                    start: 20,
                    end: 24,
                    phrase: "Rome".into(),
                    coords: Some((1.0, 0.0)),
                },
                GoldToponym {
                    start: 29,
                    end: 31,
                    phrase: "Oz".into(),
                    coords: None,
                },
            ],
        };
        let mut c = Counts::default();
        let mut e = Errors::default();
        // "paris" (10..15) is 10 chars from the gold midpoint: no match; "Oz" hits a gold
        // toponym without coordinates: ignored.
        let preds = [
            place("paris", 10, Some(0.0)),
            place("Rome", 20, Some(0.0)),
            place("Oz", 29, None),
        ];
        score_doc(&doc, &preds, &mut c, &mut e);
        assert_eq!((c.tp, c.fp, c.fn_), (1, 1, 1));
        assert_eq!(e.km.len(), 1);
        assert!((e.km[0] - 111.2).abs() < 0.5, "{}", e.km[0]);
        assert_eq!(e.acc161(), 1.0);
        let errs = Errors {
            km: vec![0.0, MAX_ERROR_KM],
        };
        assert!((errs.auc() - 0.5).abs() < 1e-4, "{}", errs.auc());
        assert_eq!(errs.median(), MAX_ERROR_KM / 2.0);
    }
}
