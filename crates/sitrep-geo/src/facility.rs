//! Sites that are no gazetteer record: curated landmarks and facility, street and landmark
//! names, added to the geoparser's resolved places.
//!
//! * **Landmarks** (`data/landmarks.tsv`, written by hand): government seats, famous buildings,
//!   bases, crossings, camps and other sites that stand for places in news ("the White House",
//!   "Hmeimim air base", "Rafah crossing", "Tahrir Square"), with their own coordinates,
//!   country and GeoNames feature code. A name written "the X" there counts only after "the"
//!   ("the Pentagon"). Matched case-insensitively; the first word must be capitalised (or open
//!   with an Arabic article: "al-Shifa Hospital"). Rows sharing a name: the one whose country
//!   the document's places name wins.
//! * **Facility names** (`data/facility_heads.tsv`): a capitalised name ending in a capitalised
//!   facility head ("Vancouver Art Gallery", "St. Michael's Hospital", "Frenchmen Street",
//!   "Kuweires Air Base") whose name does not go on ("Wall Street Journal", "Museum of
//!   Modern Art" are left alone). Its `feature` comes from the head, `name` is the facility's
//!   own name and `id` is null. Coordinates, country and admin1 are those of its
//!   container: a resolved place inside the name ("Vancouver Art Gallery" → Vancouver), else a
//!   place right after it ("X in Y", "X, Y") or right before it ("Toronto's Pearson
//!   International Airport"), else the document's most salient local place (the resolved
//!   populated place or second-level division with the most mentions, ties to the earliest),
//!   else none (null coordinates). Confidence stays ≤ 0.5: the coordinates are the
//!   container's, not the site's.
//! * **Embedded places**: a landmark replaces the places inside it ("Guantanamo Bay" over
//!   "Guantanamo"). A facility whose name holds a resolved place keeps the place and is not
//!   output ("Paris Public Library", "Boone County Jail", "Columbia Metropolitan Airport",
//!   "Freestone County Road 360" → Paris, Boone County…: LGL annotates them so, and the
//!   recognizer already outputs them), except a saint's name opening the name ("St.
//!   Michael's Hospital", not St. Michael) and a town or lake naming a street ("Indian Lake
//!   Road"; a county still wins: "Freestone County Road 360"). A place that reaches beyond
//!   the name or equals it ("Virginia Beach", "Echo Park") is kept and the facility dropped,
//!   except a small namesake of a landmark of exactly its name (a populated place, no
//!   capital or division seat, under 100,000 people or named so only by an alternate name)
//!   without a local cue (its own division after it: "Heathrow, Fla."; a document whose
//!   other places name its country but not the landmark's): "at Heathrow" is the airport,
//!   not Heathrow, Florida.
//! * **Two saints**: a name extends leftwards over "Saint X and " / "St. X & " before a
//!   second saint ("Saint Peter and Saint Paul Coptic Orthodox Church").
//! * **Not sites**: names on `data/facility_not.txt` ("Electoral College"), names a PER entity
//!   covers, names an ORG entity extends beyond.

use crate::db::Db;
use crate::lexicon::{data_lines, fold_small};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sitrep_model::{Entity, Place};
use sitrep_text::{fold, TextLayer, Token, TokenKind};
use std::sync::OnceLock;

/// What a facility head names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A building or an installation.
    Site,
    /// A street, road or square.
    Street,
}

/// One curated landmark.
#[derive(Debug)]
struct Landmark {
    name: String,
    lat: f64,
    lon: f64,
    country: String,
    feature: String,
    /// A seat of government: only after a location preposition.
    seat: bool,
}

/// The parsed data files.
#[derive(Debug, Default)]
struct Tables {
    landmarks: Vec<Landmark>,
    /// Folded surface (words joined by one space) → (needs "the", landmark rows).
    surfaces: HashMap<String, (bool, Vec<usize>)>,
    /// Largest number of tokens in a landmark surface.
    max_tokens: usize,
    /// Folded first tokens of the landmark surfaces (a cheap test before the longer keys).
    first_tokens: HashSet<String>,
    /// Length and first byte of the ASCII `first_tokens` (a test before folding).
    first_filter: TokenFilter,
    /// Folded head (words joined by one space) → (feature code, kind).
    heads: HashMap<String, (String, Kind)>,
    /// Largest number of words in a head.
    max_head_words: usize,
    /// Folded last tokens of the heads.
    head_last: HashSet<String>,
    /// Length and first byte of the ASCII `head_last` keys.
    head_filter: TokenFilter,
    /// Folded whole names that are no site.
    not: HashSet<String>,
    /// Folded words of organisations' names ("Evangelical Presbyterian Church").
    org_words: HashSet<String>,
}

/// Folded form with runs of spaces collapsed to one.
fn key(s: &str) -> String {
    let f = fold(s);
    // (nearly always already so: one allocation then)
    let single_spaced = !f.starts_with(' ')
        && !f.ends_with(' ')
        && !f.contains("  ")
        && !f.chars().any(|c| c.is_whitespace() && c != ' ');
    if single_spaced {
        return f;
    }
    f.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`key`] of `s`, written into `buf` (reused across the per-token lookups): without
/// allocating when `s` is plain ASCII whose spaces are single and inside, which folding
/// lower-cases and collapsing leaves alone.
fn key_in<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    let b = s.as_bytes();
    let mut plain = b.last().is_some_and(|&c| c != b' ');
    // (the byte before: a space before the first byte makes a leading space fail too)
    let mut prev = b' ';
    for &c in b {
        if !plain {
            break;
        }
        plain = if c == b' ' {
            prev != b' '
        } else {
            c != b'`' && c.is_ascii_graphic()
        };
        prev = c;
    }
    if plain {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&key(s));
    }
    buf
}

/// Lengths, first and last letters of a set of folded ASCII keys: a word of plain ASCII
/// letters (lower-cased by folding, nothing else) can be in the set only if some key has its
/// length and lower-cased first byte, and some its length and last byte; other words are not
/// filtered.
#[derive(Debug, Default)]
struct TokenFilter {
    /// Bit `b & 63` of `first[len]` for every key of `len` bytes (< 32) opening with byte `b`.
    first: [u64; 32],
    /// The same for the last byte.
    last: [u64; 32],
}

impl TokenFilter {
    fn add(&mut self, key: &str) {
        let b = key.as_bytes();
        // (longer keys are never filtered out: `may_hold` passes longer words)
        if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
            if b.len() < self.first.len() {
                self.first[b.len()] |= 1 << (f & 63);
                self.last[b.len()] |= 1 << (l & 63);
            }
        }
    }

    /// False only when `w` is plain ASCII letters whose fold cannot be in the set.
    fn may_hold(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else {
            return true;
        };
        if b.len() >= self.first.len() || !b.iter().all(u8::is_ascii_alphabetic) {
            return true;
        }
        self.first[b.len()] & (1 << (f.to_ascii_lowercase() & 63)) != 0
            && self.last[b.len()] & (1 << (l.to_ascii_lowercase() & 63)) != 0
    }
}

/// Number of tokens of a surface, as the segmenter counts them (words, numbers, punctuation),
/// and its first and last tokens, folded.
fn token_ends(s: &str) -> (usize, String, String) {
    let layer = sitrep_text::TextLayer::new(s);
    let toks = &layer.tokens;
    let folded = |i: Option<&sitrep_text::Token>| i.map(|t| key(t.text(s))).unwrap_or_default();
    (toks.len(), folded(toks.first()), folded(toks.last()))
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables::default();
        for l in data_lines(include_str!("../data/landmarks.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            let (name, alts, lat, lon, country, feature, seat) = match f[..] {
                [n, a, la, lo, c, fe] => (n, a, la, lo, c, fe, false),
                [n, a, la, lo, c, fe, x] => (n, a, la, lo, c, fe, x.trim() == "seat"),
                _ => continue,
            };
            let (Ok(lat), Ok(lon)) = (lat.trim().parse::<f64>(), lon.trim().parse::<f64>()) else {
                continue;
            };
            let (needs_the, bare) = match name.strip_prefix("the ") {
                Some(b) => (true, b),
                None => (false, name),
            };
            let row = t.landmarks.len();
            t.landmarks.push(Landmark {
                name: bare.to_string(),
                lat,
                lon,
                country: country.trim().to_string(),
                feature: feature.trim().to_string(),
                seat,
            });
            let mut add = |s: &str, the: bool| {
                let k = key(s);
                if k.is_empty() {
                    return;
                }
                let (n, first, _) = token_ends(s);
                t.max_tokens = t.max_tokens.max(n);
                t.first_filter.add(&first);
                t.first_tokens.insert(first);
                let e = t.surfaces.entry(k).or_insert((the, Vec::new()));
                e.0 &= the;
                if !e.1.contains(&row) {
                    e.1.push(row);
                }
            };
            add(bare, needs_the);
            for a in alts.split(';').map(str::trim).filter(|a| !a.is_empty()) {
                add(a, false);
            }
        }
        for l in data_lines(include_str!("../data/facility_heads.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            let [head, code, kind] = f[..] else {
                continue;
            };
            let kind = match kind.trim() {
                "street" => Kind::Street,
                _ => Kind::Site,
            };
            let k = key(head);
            t.max_head_words = t.max_head_words.max(k.split(' ').count());
            let last = token_ends(head).2;
            t.head_filter.add(&last);
            t.head_last.insert(last);
            t.heads.insert(k, (code.trim().to_string(), kind));
        }
        for l in data_lines(include_str!("../data/facility_not.txt")) {
            match l.strip_prefix('*') {
                Some(w) => t.org_words.insert(key(w)),
                None => t.not.insert(key(l)),
            };
        }
        t
    })
}

fn is_cap_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// "al-Shifa", "el-Arish": a lower-case Arabic article glued to a capitalised name.
fn is_article_name(s: &str) -> bool {
    // (every article is 2 or 3 ASCII letters: the first hyphen is at byte 2 or 3)
    let b = s.as_bytes();
    if b.get(2) != Some(&b'-') && b.get(3) != Some(&b'-') {
        return false;
    }
    s.split_once('-').is_some_and(|(a, rest)| {
        matches!(
            a,
            "al" | "el" | "ad" | "ar" | "as" | "ash" | "az" | "an" | "ad-"
        ) && is_cap_word(rest)
    })
}

/// Lower-case words allowed inside a facility name between capitalised words.
/// Not "of", "and", "the": "Amber of Felixstowe Road", "Jackson Highway and Hutcheson Road".
const CONNECTORS: &[&str] = &["de", "la", "du", "des", "del", "da", "di", "von", "van"];

/// Location prepositions that let a seat of government be a place ("at the White House").
const SEAT_PREPS: &[&str] = &[
    "at",
    "in",
    "inside",
    "outside",
    "near",
    "into",
    "to",
    "from",
    "toward",
    "towards",
    "visit",
    "visited",
    "visiting",
    "outside of",
    "front of",
];

/// "St", "St.", "Saint", "Ste": a saint's name opens the facility's name.
fn is_saint(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "St" | "Saint" | "Ste" | "Sainte" | "San" | "Santa" | "São" | "Sao"
    )
}

/// When token `and` is "and" or "&" between two saints' names ("Saint Peter and Saint Paul",
/// "St. Peter & St. Paul"), the second opening at token `next`: the first token of the first
/// name.
fn saints_pair_start(toks: &[Token], text: &str, and: usize, next: usize) -> Option<usize> {
    let w = |i: usize| toks[i].text(text);
    let gap = |a: usize, b: usize| &text[toks[a].end..toks[b].start];
    if !matches!(w(and), "and" | "&") || gap(and, next) != " " || !is_saint(w(next)) {
        return None;
    }
    // the saint's name before the conjunction
    let name = and.checked_sub(1)?;
    if gap(name, and) != " " || toks[name].kind != TokenKind::Word || !is_cap_word(w(name)) {
        return None;
    }
    let title = name.checked_sub(1)?;
    if gap(title, name) == " " && is_saint(w(title)) && toks[title].kind == TokenKind::Word {
        return Some(title);
    }
    // "St. Peter"
    let st = title.checked_sub(1)?;
    (w(title) == "." && gap(title, name) == " " && gap(st, title).is_empty() && is_saint(w(st)))
        .then_some(st)
}

/// A possessive word ("Whittier's", "Michael’s").
fn is_possessive(w: &str) -> bool {
    ["'s", "’s", "s'", "s’"].iter().any(|p| w.ends_with(p))
}

/// A site found in the text, before it is placed.
#[derive(Debug)]
struct Site {
    start: usize,
    end: usize,
    /// Landmark row, or (head feature code, kind) of a facility.
    what: What,
}

#[derive(Debug)]
enum What {
    Landmark(Vec<usize>),
    Facility(String, Kind),
}

/// Token index range of the sentence holding token `i`.
fn sentence_tokens(layer: &TextLayer, i: usize) -> std::ops::Range<usize> {
    layer
        .sentences
        .iter()
        .find(|s| s.tokens.contains(&i))
        .map(|s| s.tokens.clone())
        .unwrap_or(0..layer.tokens.len())
}

/// Landmark matches, longest first at each token, left to right.
fn find_landmarks(layer: &TextLayer, t: &Tables) -> Vec<Site> {
    let text = layer.text;
    let toks = &layer.tokens;
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    while i < toks.len() {
        let first = toks[i].text(text);
        if toks[i].kind == TokenKind::Punct
            || !(is_cap_word(first) || is_article_name(first))
            || !t.first_filter.may_hold(first)
            || !t.first_tokens.contains(key_in(first, &mut buf))
        {
            i += 1;
            continue;
        }
        let mut found = None;
        let max = t.max_tokens.min(toks.len() - i);
        for n in (1..=max).rev() {
            let end = toks[i + n - 1].end;
            let Some((needs_the, rows)) =
                t.surfaces.get(key_in(&text[toks[i].start..end], &mut buf))
            else {
                continue;
            };
            let after_the = i > 0 && toks[i - 1].text(text).eq_ignore_ascii_case("the");
            if *needs_the && !after_the {
                continue;
            }
            if rows.iter().all(|&r| t.landmarks[r].seat) {
                // "at the White House", "outside the Kremlin"
                let before = if after_the { i - 1 } else { i };
                let cue = (1..=2).any(|n| {
                    before >= n
                        && SEAT_PREPS.contains(&key_in(
                            &text[toks[before - n].start..toks[before - 1].end],
                            &mut buf,
                        ))
                });
                if !cue {
                    continue;
                }
            }
            // the name must not go on ("White House Correspondents")
            let next_cap = toks.get(i + n).is_some_and(|nt| {
                nt.kind == TokenKind::Word
                    && text[end..nt.start].trim().is_empty()
                    && is_cap_word(nt.text(text))
            });
            if next_cap {
                continue;
            }
            found = Some((n, rows.clone()));
            break;
        }
        match found {
            Some((n, rows)) => {
                out.push(Site {
                    start: toks[i].start,
                    end: toks[i + n - 1].end,
                    what: What::Landmark(rows),
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Facility names: a capitalised name ending in a capitalised head.
fn find_facilities(layer: &TextLayer, entities: &[Entity], t: &Tables) -> Vec<Site> {
    let text = layer.text;
    let toks = &layer.tokens;
    let function = &crate::lexicon::lexicon().function;
    let word = |i: usize| toks[i].text(text);
    let mut buf = String::new();
    let mut out: Vec<Site> = Vec::new();
    for h in 0..toks.len() {
        if toks[h].kind != TokenKind::Word
            || !is_cap_word(word(h))
            || !t.head_filter.may_hold(word(h))
            || !t.head_last.contains(key_in(word(h), &mut buf))
        {
            continue;
        }
        // the longest head ending at token h, all of its words capitalised
        let mut head = None;
        for n in (1..=t.max_head_words.min(h + 1)).rev() {
            let hs = h + 1 - n;
            if (hs..=h).any(|k| toks[k].kind != TokenKind::Word || !is_cap_word(word(k))) {
                continue;
            }
            if let Some(v) = t
                .heads
                .get(key_in(&text[toks[hs].start..toks[h].end], &mut buf))
            {
                head = Some((hs, v));
                break;
            }
        }
        let Some((hs, (code, kind))) = head else {
            continue;
        };
        let sent = sentence_tokens(layer, h);
        // the name goes on: "Wall Street Journal", "Museum of Modern Art", "Church of England"
        let mut end_tok = h;
        if let Some(nt) = toks.get(h + 1).filter(|_| sent.contains(&(h + 1))) {
            let gap = &text[toks[h].end..nt.start];
            let w = nt.text(text);
            if gap.trim().is_empty() && nt.kind == TokenKind::Word && (is_cap_word(w) || w == "of")
            {
                continue;
            }
            // "County Road 42", "Highway 10"
            if *kind == Kind::Street && nt.kind == TokenKind::Number && gap == " " {
                end_tok = h + 1;
            }
        }
        // extend to the left over capitalised words, numbers, connectors and abbreviation dots
        let mut s = hs;
        while s > sent.start {
            let p = s - 1;
            let gap = &text[toks[p].end..toks[s].start];
            let w = word(p);
            // "Whittier's Penn Park", "Ottawa's Macdonald-Cartier International Airport" stop
            // before the possessive; "St. Michael's Hospital" goes on
            let saint_before = (p >= 1 && is_saint(word(p - 1)))
                || (p >= 2 && word(p - 1) == "." && is_saint(word(p - 2)));
            if is_possessive(w) && !saint_before {
                break;
            }
            // "Saint Peter and Saint Paul Coptic Orthodox Church", "St. Peter and St. Paul
            // Church": a church of two saints
            if let Some(first) = saints_pair_start(toks, text, p, s) {
                s = first;
                continue;
            }
            let ok = match toks[p].kind {
                TokenKind::Word => {
                    gap == " " && (is_cap_word(w) || is_article_name(w) || CONNECTORS.contains(&w))
                }
                TokenKind::Number => gap == " ",
                TokenKind::Punct => {
                    // "St. Michael's", "T.J. Health"
                    w == "."
                        && gap == " "
                        && p > sent.start
                        && toks[p - 1].kind == TokenKind::Word
                        && toks[p - 1].end == toks[p].start
                        && is_cap_word(word(p - 1))
                        && word(p - 1).chars().count() <= 4
                }
            };
            if !ok {
                break;
            }
            s = p;
        }
        // trim leading connectors, numbers, function words ("At", "The") and dots
        while s < hs {
            let w = word(s);
            let f = fold_small(w);
            let drop = toks[s].kind != TokenKind::Word
                || CONNECTORS.contains(&w)
                || function.contains(&*f)
                || &*f == "the";
            // keep "10 Downing Street"-like house numbers out, but a dot right after an
            // abbreviation stays with it
            if !drop {
                break;
            }
            s += 1;
        }
        // a name needs at least one capitalised word before its head
        if s >= hs
            || !(s..hs).any(|k| {
                toks[k].kind == TokenKind::Word && is_cap_word(word(k)) || is_article_name(word(k))
            })
        {
            continue;
        }
        let (start, end) = (toks[s].start, toks[end_tok].end);
        if t.not.contains(key_in(&text[start..end], &mut buf)) {
            continue;
        }
        // an organisation: "Evangelical Presbyterian Church", "Coptic Orthodox Church"
        if (s..hs)
            .all(|k| toks[k].kind != TokenKind::Word || t.org_words.contains(&*fold_small(word(k))))
        {
            continue;
        }
        // a person ("Jane Park"), or an organisation whose name goes on
        let vetoed = entities.iter().any(|e| {
            let overlaps = e.start < end && start < e.end;
            overlaps
                && match e.label.as_str() {
                    "PER" | "PERSON" => e.end >= toks[h].end && e.start <= toks[hs].start,
                    "ORG" => e.end > end,
                    _ => false,
                }
        });
        if vetoed {
            continue;
        }
        // a longer facility ending at a later head wins over this one ("Airport Road")
        out.retain(|o| !(start <= o.start && o.end <= end));
        if out.iter().any(|o| o.start <= start && end <= o.end) {
            continue;
        }
        out.push(Site {
            start,
            end,
            what: What::Facility(code.clone(), *kind),
        });
    }
    out
}

/// Whether a resolved place can place a facility: coordinates and below country level.
fn is_local(p: &Place) -> bool {
    p.lat.is_some()
        && p.feature
            .as_deref()
            .is_some_and(|f| f.starts_with("PPL") || f == "ADM2" || f == "ADM3" || f == "ADM4")
}

/// The document's most salient local place: the resolved populated place or lower division
/// with the most mentions (by record, confidence-weighted), ties to the earliest.
fn salient(places: &[Place]) -> Option<&Place> {
    let mut score: Vec<(f64, usize)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (k, p) in places.iter().enumerate() {
        let (Some(id), true) = (p.id.as_deref(), is_local(p)) else {
            continue;
        };
        let slot = *seen.entry(id).or_insert_with(|| {
            score.push((0.0, k));
            score.len() - 1
        });
        score[slot].0 += p.confidence;
    }
    score
        .into_iter()
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, k)| &places[k])
}

/// [`key`] of `s` when it may be a phrase of at most `max` bytes: `None` when `s` holds more
/// than `max` ASCII graphic bytes, each of which stays one byte of the key (the text between
/// a site and a far place is never folded).
fn key_within(s: &str, max: usize) -> Option<String> {
    if s.bytes().filter(u8::is_ascii_graphic).nth(max).is_some() {
        return None;
    }
    Some(key(s))
}

/// The place right after a site ("X in Y", "X, Y") or right before it ("Toronto's X").
fn adjacent<'a>(text: &str, places: &'a [Place], start: usize, end: usize) -> Option<&'a Place> {
    let after = places.iter().find(|p| {
        p.start >= end
            && p.lat.is_some()
            && text.get(end..p.start).is_some_and(|between| {
                key_within(between, 11).is_some_and(|k| {
                    matches!(
                        k.as_str(),
                        "," | "in" | "at" | "near" | "outside" | "in downtown" | ", near" | "of"
                    )
                })
            })
    });
    after.or_else(|| {
        places.iter().rev().find(|p| {
            p.end <= start
                && p.lat.is_some()
                && text
                    .get(p.end..start)
                    .and_then(|between| key_within(between, 11))
                    .is_some_and(|k| matches!(k.as_str(), "'s" | "s'" | "'s new"))
        })
    })
}

/// Population below which a namesake place yields to a landmark of exactly its name: every
/// true namesake of a landmark on the list is smaller (Rukban camp, Jordan ≈ 85,000;
/// Sagrada Família, Barcelona ≈ 52,000; Maracanã, Pará ≈ 26,000; Heathrow, Florida ≈ 6,000),
/// while a town of 100,000 or more is a city news names for itself.
const NAMESAKE_MAX_POPULATION: u64 = 100_000;

/// Whether the resolved place `places[k]`, covering exactly the name of landmark `l`, yields
/// to it: a populated place that is no capital or seat of a division, and either small
/// (under [`NAMESAKE_MAX_POPULATION`]) or matched by an alternate name only ("Acropolis" is
/// a nickname of Little Rock), with no local cue: no division of its own country right
/// after it ("Heathrow, Fla.", "Heathrow, Florida"), and not a document whose places name its
/// country but not the landmark's.
fn namesake_yields(gaz: Db<'_>, text: &str, places: &[Place], k: usize, l: &Landmark) -> bool {
    let p = &places[k];
    let small_kind = p.feature.as_deref().is_some_and(|f| {
        matches!(
            f,
            "PPL" | "PPLX" | "PPLL" | "PPLF" | "PPLQ" | "PPLS" | "PPLR"
        )
    });
    let Some(id) = p.id.as_deref() else {
        return false;
    };
    let Some(rec) = gaz
        .candidates(&p.text)
        .iter()
        .map(|&c| gaz.record(c))
        .find(|r| r.id == id)
    else {
        // a stand-in: the city a part of it takes when the gazetteer lacks the part ("London's
        // Heathrow")
        return true;
    };
    if !small_kind {
        return false;
    }
    let alias_only = key(&rec.name) != key(&p.text);
    if rec.population >= NAMESAKE_MAX_POPULATION && !alias_only {
        return false;
    }
    // "Heathrow, Fla.": its own division right after it
    let container = places.get(k + 1).is_some_and(|n| {
        n.country == p.country
            && text
                .get(p.end..n.start)
                .is_some_and(|between| between.trim() == ",")
            && (n.feature.as_deref().is_some_and(|f| f.starts_with("ADM"))
                || n.name.is_some() && n.name == p.admin1)
    });
    // the document's other places name the place's country but not the landmark's
    let home = p.country.as_deref().is_some_and(|c| {
        let named = |cc: &str| {
            places
                .iter()
                .any(|q| q.id != p.id && q.country.as_deref() == Some(cc))
        };
        c != l.country && named(c) && !named(&l.country)
    });
    !(container || home)
}

/// Adds landmarks and facility names to the resolved `places` (in text order; byte offsets)
/// and returns the merged list, in text order.
pub(crate) fn add_sites(
    gaz: Db<'_>,
    layer: &TextLayer,
    entities: &[Entity],
    places: Vec<Place>,
) -> Vec<Place> {
    let t = tables();
    let text = layer.text;
    let mut sites = find_landmarks(layer, t);
    for f in find_facilities(layer, entities, t) {
        if !sites.iter().any(|s| s.start < f.end && f.start < s.end) {
            sites.push(f);
        }
    }
    if sites.is_empty() {
        return places;
    }
    sites.sort_by_key(|s| s.start);
    let countries: HashSet<&str> = places.iter().filter_map(|p| p.country.as_deref()).collect();
    let salient_place = salient(&places).cloned();
    let mut removed = vec![false; places.len()];
    let mut added: Vec<Place> = Vec::new();
    for s in &sites {
        let inside: Vec<usize> = (0..places.len())
            .filter(|&k| places[k].start < s.end && s.start < places[k].end)
            .collect();
        // a place reaching beyond the site's name stays ("Echo Park"), and one equal to it too,
        // except a small namesake of a landmark without a local cue ("at Heathrow": the
        // airport, not Heathrow, Florida)
        let landmark_row = match &s.what {
            What::Landmark(rows) => rows
                .iter()
                .copied()
                .find(|&r| countries.contains(t.landmarks[r].country.as_str()))
                .or_else(|| rows.first().copied()),
            What::Facility(..) => None,
        };
        if inside.iter().any(|&k| {
            let p = &places[k];
            if p.start < s.start || p.end > s.end {
                return true;
            }
            let equal = p.start == s.start && p.end == s.end;
            equal
                && !landmark_row
                    .is_some_and(|r| namesake_yields(gaz, text, &places, k, &t.landmarks[r]))
        }) {
            continue;
        }
        let surface = text[s.start..s.end].to_string();
        match &s.what {
            What::Landmark(_) => {
                let Some(l) = landmark_row.map(|r| &t.landmarks[r]) else {
                    continue;
                };
                for &k in &inside {
                    removed[k] = true;
                }
                added.push(Place {
                    text: surface,
                    start: s.start,
                    end: s.end,
                    name: Some(l.name.clone()),
                    id: None,
                    country: (!l.country.is_empty()).then(|| l.country.clone()),
                    admin1: None,
                    feature: Some(l.feature.clone()),
                    lat: Some(l.lat),
                    lon: Some(l.lon),
                    confidence: 0.5,
                });
            }
            What::Facility(code, kind) => {
                // the embedded place stays ("Paris Public Library", "Boone County Jail",
                // "Freestone County Road 360") unless it is a saint's name ("St. Michael's
                // Hospital") or a street named after a town or a lake ("Indian Lake Road")
                let saint = text[s.start..s.end]
                    .split([' ', '.'])
                    .next()
                    .is_some_and(is_saint);
                let keeps = inside.iter().any(|&k| {
                    let p = &places[k];
                    let division = p.feature.as_deref().is_some_and(|f| f.starts_with("ADM"));
                    // "St. Michael's Hospital" (not "St. Cloud Hospital": St. Cloud, Minnesota)
                    let saint_name = saint
                        && p.start == s.start
                        && text
                            .get(p.end..)
                            .is_some_and(|r| r.starts_with("'s") || r.starts_with("’s"));
                    !saint_name && (*kind != Kind::Street || division)
                });
                if keeps {
                    continue;
                }
                let embedded = inside
                    .iter()
                    .rev()
                    .map(|&k| &places[k])
                    .find(|p| p.lat.is_some());
                let (container, conf) = match embedded {
                    Some(p) => (Some(p), 0.5),
                    None => match adjacent(text, &places, s.start, s.end) {
                        Some(p) => (Some(p), 0.45),
                        None => (salient_place.as_ref(), 0.3),
                    },
                };
                for &k in &inside {
                    removed[k] = true;
                }
                added.push(Place {
                    text: surface.clone(),
                    start: s.start,
                    end: s.end,
                    name: Some(surface),
                    id: None,
                    country: container.and_then(|p| p.country.clone()),
                    admin1: container.and_then(|p| p.admin1.clone()),
                    feature: Some(code.clone()),
                    lat: container.and_then(|p| p.lat),
                    lon: container.and_then(|p| p.lon),
                    confidence: if container.is_some() { conf } else { 0.1 },
                });
            }
        }
    }
    let mut out: Vec<Place> = places
        .into_iter()
        .zip(removed)
        .filter_map(|(p, r)| (!r).then_some(p))
        .collect();
    out.extend(added);
    out.sort_by_key(|p| (p.start, p.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition [`key`] and [`key_in`] must agree with.
    fn reference_key(s: &str) -> String {
        fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn fast_keys_are_the_plain_key() {
        let words = crate::lexicon::tests::sample_words();
        // single words, and runs of two and three of them as the scanners build them
        let mut surfaces: Vec<String> = words.clone();
        for w in words.windows(3) {
            surfaces.push(format!("{} {}", w[0], w[1]));
            surfaces.push(format!("{} {}  {}", w[0], w[1], w[2]));
        }
        let mut buf = String::from("stale");
        for s in &surfaces {
            let want = reference_key(s);
            assert_eq!(key(s), want, "{s:?}");
            assert_eq!(key_in(s, &mut buf), want.as_str(), "{s:?}");
        }
    }

    #[test]
    fn token_filter_never_drops_a_listed_word() {
        let t = tables();
        let words = crate::lexicon::tests::sample_words();
        let mut listed = 0;
        for w in words
            .iter()
            .chain(t.first_tokens.iter())
            .chain(t.head_last.iter())
        {
            // (capitalised, as in text: the filter folds the case)
            let cap: String = w
                .chars()
                .enumerate()
                .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                .collect();
            for v in [w.as_str(), cap.as_str()] {
                if t.first_tokens.contains(&key(v)) {
                    listed += 1;
                    assert!(t.first_filter.may_hold(v), "{v:?}");
                }
                if t.head_last.contains(&key(v)) {
                    listed += 1;
                    assert!(t.head_filter.may_hold(v), "{v:?}");
                }
            }
        }
        assert!(listed > 50, "{listed}");
        // and it does filter: common capitalised words of news
        assert!(!t.head_filter.may_hold("Trump") || !t.head_filter.may_hold("Monday"));
    }

    #[test]
    fn key_within_is_the_key_of_short_phrases() {
        for s in [
            ", near ",
            " in  downtown ",
            "’s ",
            " In\u{a0}Downtown",
            " , ",
            "",
            " in the old town of ",
            "\u{200b}in\u{200b}",
        ] {
            let k = key(s);
            match key_within(s, 11) {
                Some(got) => assert_eq!(got, k, "{s:?}"),
                None => assert!(k.len() > 11, "{s:?}"),
            }
            if k.len() <= 11 {
                assert_eq!(key_within(s, 11).as_deref(), Some(k.as_str()), "{s:?}");
            }
        }
        assert_eq!(key_within(" in the old town of ", 11), None);
    }

    #[test]
    fn article_name_prefilter_keeps_the_rule() {
        for (w, want) in [
            ("al-Shifa", true),
            ("el-Arish", true),
            ("ash-Sham", true),
            ("al-shifa", false),
            ("Al-Shifa", false),
            ("al", false),
            ("al-", false),
            ("a-Bc", false),
            ("adh-Dhahab", false),
            ("an-Nabk", true),
        ] {
            assert_eq!(is_article_name(w), want, "{w}");
        }
    }
}
