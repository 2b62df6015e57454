//! The sitrep data model: one analysed document and everything found in it.
//!
//! These types *are* the output contract (`shared/CONTRACT.md`, v1): field names and types are
//! relied on by users and external checks. Add fields freely; never rename, retype or drop one.
//!
//! # Offsets
//!
//! Every `start`/`end` in these types is, **in the final output**, a Unicode code-point offset
//! into [`Document::text`]. Inside the engine, stages work on `&str` and produce *byte* offsets;
//! the pipeline converts all of them once, at the end, with [`Analysis::bytes_to_chars`]. No
//! stage ever emits code-point offsets itself, so there is exactly one conversion point.
#![deny(missing_docs)]

use serde::{Deserialize, Serialize};

/// Contract version written into every analysis.
pub const SITREP_VERSION: &str = "1";

/// The document as analysed: metadata plus the full plain text that all offsets index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier from the input (JSONL `id`), else derived from the file name (and line).
    pub id: String,
    /// Title, when the input carries one.
    pub title: Option<String>,
    /// URL, when the input carries one.
    pub url: Option<String>,
    /// Outlet (publisher) name.
    pub outlet: Option<String>,
    /// Publication date: the anchor for relative time expressions.
    pub published: Option<jiff::civil::Date>,
    /// Full plain text. All offsets index this string in code points.
    pub text: String,
}

/// A span of the document text with its surface string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Surface text, equal to `document.text[start..end]`.
    pub text: String,
    /// Start offset (bytes inside the engine, code points in the output).
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
}

impl Span {
    /// A span over `text[start..end]` (byte offsets).
    pub fn from_bytes(text: &str, start: usize, end: usize) -> Span {
        Span {
            text: text[start..end].to_string(),
            start,
            end,
        }
    }
}

/// A named entity with a CoNLL label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Surface text.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
}

/// A place mention resolved (or not) against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Surface text.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// Gazetteer name of the chosen record (null when unresolved).
    pub name: Option<String>,
    /// Gazetteer id such as `geonames:172965` or `wof:1243551453`.
    pub id: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// First-level administrative division name.
    pub admin1: Option<String>,
    /// GeoNames feature code or WOF placetype.
    pub feature: Option<String>,
    /// Latitude (WGS84), null when unresolved.
    pub lat: Option<f64>,
    /// Longitude (WGS84), null when unresolved.
    pub lon: Option<f64>,
    /// Confidence in the resolution, 0..1.
    pub confidence: f64,
}

/// A temporal expression normalised as TIMEX3.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    /// Surface text.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value, e.g. `2017-10`, `2017-W49`, `P2Y`, `XXXX-10`.
    pub value: String,
    /// TIMEX3 mod (`START`, `MID`, `END`, `APPROX`, …) or null.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// Inclusive calendar range `[first day, last day]`, null when not a resolved date.
    pub range: Option<[jiff::civil::Date; 2]>,
}

/// An actor mention with its canonical name and ACLED-style type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Surface text.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// Canonical name, e.g. `Military Forces of Syria`.
    pub name: String,
    /// `state_forces`, `rebel_group`, `political_militia`, `identity_militia`, `rioters`,
    /// `protesters`, `civilians`, `external_forces`, `government`, `media`, `person`,
    /// `organization`.
    #[serde(rename = "type")]
    pub kind: String,
    /// ISO 3166-1 alpha-2 country the actor belongs to, when known.
    pub country: Option<String>,
}

/// The speaker of a quote or the asserter of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Surface text of the source mention.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// Canonical name of the speaker.
    pub name: String,
}

/// A relay of a claim (outlet, agency, report), nearest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relay {
    /// Canonical name of the relay.
    pub name: String,
    /// Surface text.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
}

/// A quotation or reported speech with its cue, source and relays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// What was said.
    pub content: Span,
    /// True when the content is inside quotation marks.
    pub direct: bool,
    /// The cue (verb or phrase) that introduces it, when any.
    pub cue: Option<Span>,
    /// Who said it; null when unattributed.
    pub source: Option<Source>,
    /// Relays, nearest first; empty when none.
    pub via: Vec<Relay>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    /// Gazetteer name (or surface text when unresolved).
    pub name: String,
    /// Gazetteer id.
    pub id: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// ACLED geo_precision: 1 exact place, 2 near / part of a region, 3 larger region.
    pub precision: u8,
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// First possible day.
    pub start: Option<jiff::civil::Date>,
    /// Last possible day.
    pub end: Option<jiff::civil::Date>,
    /// ACLED time_precision: 1 day, 2 week, 3 month or vaguer.
    pub precision: u8,
}

/// An ACLED-typed event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// ACLED event type, e.g. `Battles`.
    pub event_type: String,
    /// ACLED sub-event type, e.g. `Government regains territory`.
    pub sub_event_type: String,
    /// Canonical name of the first actor.
    pub actor1: Option<String>,
    /// Canonical name of the second actor.
    pub actor2: Option<String>,
    /// Where it happened.
    pub location: Option<EventLocation>,
    /// When it happened.
    pub date: Option<EventDate>,
    /// `asserted`, `reported`, `claimed`, `denied` or `uncertain`.
    pub modality: String,
    /// Who asserts it when not the article itself.
    pub source: Option<Source>,
    /// Relays, nearest first.
    pub via: Vec<Relay>,
    /// The clause or sentence the event was read from.
    pub evidence: Span,
}

/// A problem with one document; the batch goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocError {
    /// Machine-readable kind, e.g. `encoding`, `empty`, `html`.
    pub kind: String,
    /// Human-readable message naming the input.
    pub message: String,
}

/// One analysed document: the unit of output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Always [`SITREP_VERSION`].
    pub sitrep_version: String,
    /// The document.
    pub document: Document,
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Place mentions.
    pub places: Vec<Place>,
    /// Temporal expressions.
    pub times: Vec<TimeMention>,
    /// Actor mentions.
    pub actors: Vec<Actor>,
    /// Quotes and reported speech.
    pub quotes: Vec<Quote>,
    /// Events.
    pub events: Vec<Event>,
    /// Per-document problems.
    pub errors: Vec<DocError>,
}

impl Analysis {
    /// An analysis with no findings yet.
    pub fn new(document: Document) -> Analysis {
        Analysis {
            sitrep_version: SITREP_VERSION.to_string(),
            document,
            entities: Vec::new(),
            places: Vec::new(),
            times: Vec::new(),
            actors: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Calls `f` on every (start, end) pair in the analysis.
    pub fn for_each_offset_mut(&mut self, mut f: impl FnMut(&mut usize, &mut usize)) {
        self.for_each_span_mut(|_, s, e| f(s, e));
    }

    /// Calls `f` on the surface text and the offsets of every span of the analysis (the same
    /// spans as [`Analysis::for_each_offset_mut`]).
    pub fn for_each_span_mut(&mut self, mut f: impl FnMut(&mut String, &mut usize, &mut usize)) {
        for e in &mut self.entities {
            f(&mut e.text, &mut e.start, &mut e.end);
        }
        for p in &mut self.places {
            f(&mut p.text, &mut p.start, &mut p.end);
        }
        for t in &mut self.times {
            f(&mut t.text, &mut t.start, &mut t.end);
        }
        for a in &mut self.actors {
            f(&mut a.text, &mut a.start, &mut a.end);
        }
        type Visit<'a> = &'a mut dyn FnMut(&mut String, &mut usize, &mut usize);
        let relays = |via: &mut Vec<Relay>, f: Visit| {
            for r in via {
                f(&mut r.text, &mut r.start, &mut r.end);
            }
        };
        for q in &mut self.quotes {
            f(
                &mut q.content.text,
                &mut q.content.start,
                &mut q.content.end,
            );
            if let Some(c) = &mut q.cue {
                f(&mut c.text, &mut c.start, &mut c.end);
            }
            if let Some(s) = &mut q.source {
                f(&mut s.text, &mut s.start, &mut s.end);
            }
            relays(&mut q.via, &mut f);
        }
        for e in &mut self.events {
            f(
                &mut e.evidence.text,
                &mut e.evidence.start,
                &mut e.evidence.end,
            );
            if let Some(s) = &mut e.source {
                f(&mut s.text, &mut s.start, &mut s.end);
            }
            relays(&mut e.via, &mut f);
        }
    }

    /// Converts every offset from bytes into `document.text` to code points. Called once by the
    /// pipeline; offsets that are not on a char boundary are a bug and panic in debug builds.
    pub fn bytes_to_chars(&mut self) {
        let map = ByteToChar::new(&self.document.text);
        self.for_each_offset_mut(|s, e| {
            *s = map.get(*s);
            *e = map.get(*e);
        });
    }
}

/// Maps byte offsets of a string to code-point offsets in O(1) per lookup.
pub struct ByteToChar {
    /// Code-point index of every byte offset 0..=len (continuation bytes map to their char).
    table: Vec<u32>,
}

impl ByteToChar {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> ByteToChar {
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        for (i, ch) in text.char_indices() {
            debug_assert_eq!(table.len(), i);
            for _ in 0..ch.len_utf8() {
                table.push(n);
            }
            n += 1;
        }
        table.push(n);
        ByteToChar { table }
    }

    /// Code-point offset of byte offset `b`.
    pub fn get(&self, b: usize) -> usize {
        self.table[b.min(self.table.len() - 1)] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_convert_to_code_points() {
        let text = "‘Abbas and Qit’ah near al-Sayyal";
        let mut a = Analysis::new(Document {
            text: text.to_string(),
            ..Document::default()
        });
        let b = text.find("Qit’ah").unwrap();
        a.entities.push(Entity {
            text: "Qit’ah".into(),
            start: b,
            end: b + "Qit’ah".len(),
            label: "LOC".into(),
        });
        a.bytes_to_chars();
        let e = &a.entities[0];
        let chars: Vec<char> = text.chars().collect();
        let got: String = chars[e.start..e.end].iter().collect();
        assert_eq!(got, "Qit’ah");
        assert_eq!(e.start, 11);
    }

    #[test]
    fn serialises_contract_field_names() {
        let t = TimeMention {
            text: "mid-October".into(),
            start: 0,
            end: 11,
            kind: "DATE".into(),
            value: "2017-10".into(),
            modifier: Some("MID".into()),
            range: Some([
                jiff::civil::date(2017, 10, 11),
                jiff::civil::date(2017, 10, 20),
            ]),
        };
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(v["type"], "DATE");
        assert_eq!(v["mod"], "MID");
        assert_eq!(v["range"][0], "2017-10-11");
    }
}
