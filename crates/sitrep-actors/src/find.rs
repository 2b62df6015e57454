//! Finding actor mentions: dictionary matches over the folded shadow text, demonym patterns,
//! titled persons, NER persons and organisations, surname-only mentions of people named earlier.

use crate::dict::{Target, DICT, WILD};
use rustc_hash::FxHashMap as HashMap;
use sitrep_model::{Actor, Entity};
use sitrep_text::{fold, Shadow, TextLayer, TokenKind};

/// Words after an ambiguous acronym ("IS") that show it names an armed group.
const CONTEXT_AFTER: &[&str] = &[
    "fighters",
    "militants",
    "group",
    "jihadists",
    "members",
    "militant",
    "terrorists",
    "insurgents",
    "positions",
    "commander",
    "commanders",
    "leader",
    "leaders",
    "claimed",
    "stronghold",
    "strongholds",
    "territory",
    "-held",
    "-controlled",
    "-linked",
    "-affiliated",
    "-inspired",
    "'s",
];
/// Words before an ambiguous acronym that show it names an armed group.
const CONTEXT_BEFORE: &[&str] = &["the", "by", "against", "from", "with", "of", "fight"];

/// Last words of organisation names: a capitalised run ending in one is not a person.
const ORG_WORDS: &[&str] = &[
    "collective",
    "party",
    "council",
    "ministry",
    "committee",
    "group",
    "army",
    "forces",
    "front",
    "movement",
    "agency",
    "organization",
    "organisation",
    "union",
    "association",
    "commission",
    "office",
    "department",
    "government",
    "police",
    "court",
    "news",
    "times",
    "post",
    "institute",
    "center",
    "centre",
    "foundation",
    "network",
    "company",
    "corporation",
    "bank",
    "university",
    "brigade",
    "brigades",
    "battalion",
    "militia",
    "coalition",
    "alliance",
    "house",
    "observatory",
];

/// Name particles allowed inside a capitalised name run.
const PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "de", "da", "van", "von", "der", "del", "la", "dos", "das", "di", "le",
    "abu", "al", "el",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Strips a possessive `’s` / `'s` from a token's byte range.
pub(crate) fn strip_possessive(text: &str, s: usize, e: usize) -> (usize, usize) {
    let t = &text[s..e];
    for suf in ["’s", "'s", "’", "'"] {
        if t.len() > suf.len() + 1 && t.ends_with(suf) {
            return (s, e - suf.len());
        }
    }
    (s, e)
}

fn capitalised(t: &str) -> bool {
    let mut cs = t.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => true,
        Some('a' | 'e') => {
            (t.starts_with("al-") || t.starts_with("el-"))
                && t[3..].chars().next().is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

struct Found {
    start: usize,
    end: usize,
    name: String,
    kind: String,
    country: Option<String>,
    /// Context forces awaiting the document's country.
    context: bool,
}

/// All actor mentions of a text, byte offsets, in order, without overlaps.
pub(crate) fn find_actors(layer: &TextLayer, entities: &[Entity]) -> Vec<Actor> {
    let text = layer.text;
    let dict = &*DICT;
    let shadow = Shadow::new(text);
    let st = shadow.text.as_str();
    let mut found: Vec<Found> = Vec::new();

    let dict_match = |fs: usize, fe: usize, pi: usize, found: &mut Vec<Found>| {
        let before_ok = st[..fs]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let after_ok = st[fe..].chars().next().is_none_or(|c| !is_word_char(c));
        if !before_ok || !after_ok {
            return;
        }
        let Some(p) = dict.patterns.get(pi) else {
            return;
        };
        let (s, e) = shadow.original_range(fs, fe);
        let surface = &text[s..e];
        if p.case_exact && surface != p.original {
            return;
        }
        if p.cap_first && !surface.chars().next().is_some_and(char::is_uppercase) {
            return;
        }
        if p.needs_context && !acronym_context(text, s, e) {
            return;
        }
        let (name, kind, country, context) = match p.target {
            Target::Entry(i) => match dict.entries.get(i) {
                Some(en) => (en.name.clone(), en.kind.clone(), en.country.clone(), false),
                None => return,
            },
            Target::Person(i) => match dict.persons.get(i) {
                Some(pe) => (pe.name.clone(), "person".into(), pe.country.clone(), false),
                None => return,
            },
            Target::ContextForces => (String::new(), "state_forces".into(), None, true),
        };
        found.push(Found {
            start: s,
            end: e,
            name,
            kind,
            country,
            context,
        });
    };
    for m in dict.ac.find_iter(st) {
        dict_match(m.start(), m.end(), m.pattern().as_usize(), &mut found);
    }
    if has_damaged_letter(st) {
        let (wild, map) = &*WILD;
        let mut extra = Vec::new();
        for m in wild.find_iter(st) {
            if let Some(&pi) = map.get(m.pattern().as_usize()) {
                dict_match(m.start(), m.end(), pi, &mut extra);
            }
        }
        found.extend(extra);
    }
    for en in entities {
        if en.end > text.len() || !text.is_char_boundary(en.start) || !text.is_char_boundary(en.end)
        {
            continue;
        }
        let kind = match en.label.as_str() {
            "PER" => "person",
            "ORG" => "organization",
            _ => continue,
        };
        let (s, e) = strip_possessive(text, en.start, en.end);
        found.push(Found {
            start: s,
            end: e,
            name: text[s..e].to_string(),
            kind: kind.into(),
            country: None,
            context: false,
        });
    }
    found.extend(titled_persons(layer));
    let mut actors = resolve_overlaps(found);
    resolve_people(layer, &mut actors);
    resolve_context(&mut actors);
    actors
        .into_iter()
        .filter(|f| !f.name.is_empty())
        .map(|f| Actor {
            text: text[f.start..f.end].to_string(),
            start: f.start,
            end: f.end,
            name: f.name,
            kind: f.kind,
            country: f.country,
        })
        .collect()
}

/// The largest char boundary at or before `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `i` (at most the text's length).
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn has_damaged_letter(st: &str) -> bool {
    let b = st.as_bytes();
    (1..b.len().saturating_sub(1))
        .any(|i| b[i] == b'?' && b[i - 1].is_ascii_alphabetic() && b[i + 1].is_ascii_alphabetic())
}

/// True when an ambiguous acronym at `s..e` stands in an armed-group context.
fn acronym_context(text: &str, s: usize, e: usize) -> bool {
    let after = fold(&text[e..ceil_boundary(text, e + 24)]);
    let next_word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
        .collect();
    let next_upper = text[e..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| w.len() > 1 && w.chars().all(|c| !c.is_lowercase()));
    let before = fold(&text[floor_boundary(text, s.saturating_sub(24))..s]);
    let prev_word = before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    let prev_upper = text[..s]
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| w.len() > 1 && w.chars().all(|c| !c.is_lowercase()));
    if next_upper || prev_upper {
        return false; // an all-capitals headline ("IT IS")
    }
    CONTEXT_AFTER.iter().any(|w| {
        next_word == *w || (w.starts_with('-') || w.starts_with('\'')) && next_word.starts_with(w)
    }) || CONTEXT_BEFORE.contains(&prev_word)
}

/// A capitalised word that can be part of a person's name: not a compound modifier whose
/// last part is lower-case ("Seattle-based Starbucks announced", "U.S.-backed").
fn name_word(t: &str) -> bool {
    capitalised(t)
        && t.rsplit_once(['-', '\u{2010}', '\u{2011}'])
            .is_none_or(|(_, last)| last.is_empty() || !last.chars().all(|c| c.is_lowercase()))
}

/// Persons named after a title ("President Vladimir Putin") or right before/after a cue verb.
fn titled_persons(layer: &TextLayer) -> Vec<Found> {
    let text = layer.text;
    let dict = &*DICT;
    let mut out = Vec::new();
    for sent in &layer.sentences {
        let toks = &layer.tokens[sent.tokens.clone()];
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if t.kind != TokenKind::Word || !name_word(t.text(text)) {
                i += 1;
                continue;
            }
            // A maximal run of capitalised words and name particles.
            let mut j = i + 1;
            while j < toks.len() {
                let w = toks[j].text(text);
                if toks[j].kind == TokenKind::Word
                    && (name_word(w)
                        || PARTICLES.contains(&w)
                            && j + 1 < toks.len()
                            && capitalised(toks[j + 1].text(text)))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let run = &toks[i..j];
            let mut k = 0;
            let mut country = None;
            let mut titled = false;
            while k < run.len() {
                let f = fold(run[k].text(text));
                if f == "the" {
                    k += 1;
                } else if dict.titles.contains(&f) {
                    titled = true;
                    k += 1;
                } else if let Some((code, _)) = dict.demonyms.get(&f) {
                    country = code.clone();
                    k += 1;
                } else {
                    break;
                }
            }
            let name_toks = &run[k..];
            let n = name_toks.len();
            let next_cue = toks
                .get(j)
                .is_some_and(|t| dict.cues.contains_key(&fold(t.text(text))));
            let prev_cue = i > 0
                && matches!(
                    fold(toks[i - 1].text(text)).as_str(),
                    "said" | "says" | "added" | "told"
                );
            let org_like = name_toks
                .last()
                .is_some_and(|t| ORG_WORDS.contains(&fold(t.text(text)).as_str()));
            let untitled_ok = (next_cue || prev_cue) && k == 0 && (2..=3).contains(&n) && !org_like;
            if (1..=4).contains(&n) && (titled || untitled_ok) {
                let s = name_toks[0].start;
                let (_, e) = strip_possessive(text, name_toks[n - 1].start, name_toks[n - 1].end);
                let name = text[s..e].to_string();
                let known = dict.persons.iter().find(|p| p.name == name);
                out.push(Found {
                    start: s,
                    end: e,
                    name,
                    kind: "person".into(),
                    country: country.or_else(|| known.and_then(|p| p.country.clone())),
                    context: false,
                });
            }
            i = j.max(i + 1);
        }
    }
    out
}

/// Sorts and drops overlapping mentions, keeping the longer (then the earlier-found) one.
fn resolve_overlaps(mut found: Vec<Found>) -> Vec<Found> {
    let order: Vec<usize> = {
        let mut idx: Vec<usize> = (0..found.len()).collect();
        idx.sort_by_key(|&i| (std::cmp::Reverse(found[i].end - found[i].start), i));
        idx
    };
    let mut keep = vec![false; found.len()];
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for i in order {
        let (s, e) = (found[i].start, found[i].end);
        if s >= e || taken.iter().any(|&(a, b)| a < e && s < b) {
            continue;
        }
        taken.push((s, e));
        keep[i] = true;
    }
    let mut k = keep.into_iter();
    found.retain(|_| k.next().unwrap_or(false));
    found.sort_by_key(|f| f.start);
    found
}

/// Gives people their full names: "Trump" → "Donald Trump" when named in full earlier (or known),
/// and adds later surname-only mentions of people named in full.
fn resolve_people(layer: &TextLayer, actors: &mut Vec<Found>) {
    let text = layer.text;
    let dict = &*DICT;
    // surname (folded) → (full name, country)
    let mut full: HashMap<String, (String, Option<String>)> = HashMap::default();
    for a in actors.iter_mut() {
        if a.kind != "person" {
            continue;
        }
        let parts: Vec<&str> = a.name.split_whitespace().collect();
        if parts.len() >= 2 {
            if let Some(last) = parts.last() {
                full.entry(fold(last))
                    .or_insert((a.name.clone(), a.country.clone()));
            }
        } else if let Some((n, c)) = full.get(&fold(&a.name)).cloned().or_else(|| {
            let f = fold(&a.name);
            let mut hits = dict.persons.iter().filter(|p| {
                p.name
                    .split_whitespace()
                    .last()
                    .is_some_and(|l| fold(l) == f)
            });
            let first = hits.next();
            match (first, hits.next()) {
                (Some(p), None) => Some((p.name.clone(), p.country.clone())),
                _ => None,
            }
        }) {
            a.name = n.clone();
            if a.country.is_none() {
                a.country = c.clone();
            }
            full.entry(fold(a.name.split_whitespace().last().unwrap_or("")))
                .or_insert((n, c));
        }
    }
    if full.is_empty() {
        return;
    }
    let mut extra = Vec::new();
    let first_full: HashMap<&str, usize> =
        actors
            .iter()
            .filter(|a| a.kind == "person")
            .fold(HashMap::default(), |mut m, a| {
                m.entry(a.name.as_str()).or_insert(a.start);
                m
            });
    for t in &layer.tokens {
        if t.kind != TokenKind::Word {
            continue;
        }
        let (s, e) = strip_possessive(text, t.start, t.end);
        let w = &text[s..e];
        if !capitalised(w) {
            continue;
        }
        let Some((n, c)) = full.get(&fold(w)) else {
            continue;
        };
        if first_full.get(n.as_str()).is_none_or(|&p| p > s) {
            continue; // only after the full name was given
        }
        if actors.iter().any(|a| a.start < e && s < a.end) {
            continue;
        }
        extra.push(Found {
            start: s,
            end: e,
            name: n.clone(),
            kind: "person".into(),
            country: c.clone(),
            context: false,
        });
    }
    actors.extend(extra);
    actors.sort_by_key(|a| a.start);
}

/// Names "government forces" after the document's dominant country, or drops them.
fn resolve_context(actors: &mut Vec<Found>) {
    if !actors.iter().any(|a| a.context) {
        return;
    }
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::default();
    for (i, a) in actors.iter().enumerate() {
        if let (false, Some(c)) = (a.context, a.country.as_deref()) {
            if matches!(
                a.kind.as_str(),
                "state_forces" | "government" | "rebel_group" | "political_militia"
            ) {
                let e = counts.entry(c).or_insert((0, i));
                e.0 += 1;
            }
        }
    }
    let best = counts
        .into_iter()
        .max_by_key(|&(_, (n, first))| (n, std::cmp::Reverse(first)))
        .map(|(c, _)| c.to_string());
    let target = best.and_then(|c| {
        DICT.entries
            .iter()
            .find(|e| {
                e.kind == "state_forces"
                    && e.name.starts_with("Military Forces of ")
                    && e.country.as_deref() == Some(c.as_str())
            })
            .cloned()
    });
    for a in actors.iter_mut().filter(|a| a.context) {
        if let Some(t) = &target {
            a.name = t.name.clone();
            a.country = t.country.clone();
        }
    }
    actors.retain(|a| !a.context || !a.name.is_empty());
}
