//! Hand-made contexts for tests (what the other stages would find).
#![allow(dead_code)]

use jiff::civil::{date, Date};
use sitrep_model::{Actor, Place, Quote, Relay, Source, Span, TimeMention};

/// Byte offsets of every whole-word occurrence of `needle` in `text`.
pub fn occurrences(text: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let before = text[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            out.push(s);
        }
        from = s + needle.len();
    }
    out
}

fn free(taken: &[(usize, usize)], s: usize, e: usize) -> bool {
    !taken.iter().any(|&(a, b)| s < b && a < e)
}

/// Actors for every occurrence of each (surface, name, kind, country), longest surface first.
pub fn actors(text: &str, table: &[(&str, &str, &str, Option<&str>)]) -> Vec<Actor> {
    let mut rows: Vec<_> = table.to_vec();
    rows.sort_by_key(|r| std::cmp::Reverse(r.0.len()));
    let mut taken = Vec::new();
    let mut out = Vec::new();
    for (surface, name, kind, country) in rows {
        for s in occurrences(text, surface) {
            let e = s + surface.len();
            if free(&taken, s, e) {
                taken.push((s, e));
                out.push(Actor {
                    text: surface.to_string(),
                    start: s,
                    end: e,
                    name: name.to_string(),
                    kind: kind.to_string(),
                    country: country.map(str::to_string),
                });
            }
        }
    }
    out.sort_by_key(|a| a.start);
    out
}

/// One hand-made place: surface, which occurrence (all when None), name, country, feature,
/// latitude, longitude.
pub type PlaceRow = (
    &'static str,
    Option<usize>,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
);

/// Places for every occurrence of each (surface, name, country, feature, lat, lon); `nth`
/// restricts to one occurrence when given.
pub fn places(text: &str, table: &[PlaceRow]) -> Vec<Place> {
    let mut out = Vec::new();
    for &(surface, nth, name, country, feature, lat, lon) in table {
        for (k, s) in occurrences(text, surface).into_iter().enumerate() {
            if nth.is_some_and(|n| n != k) {
                continue;
            }
            out.push(Place {
                text: surface.to_string(),
                start: s,
                end: s + surface.len(),
                name: Some(name.to_string()),
                id: Some(format!("test:{name}")),
                country: Some(country.to_string()),
                admin1: None,
                feature: Some(feature.to_string()),
                lat: Some(lat),
                lon: Some(lon),
                confidence: 0.9,
            });
        }
    }
    out.sort_by_key(|p| p.start);
    out
}

/// Time mentions for every occurrence of each (surface, value, first, last).
pub fn times(text: &str, table: &[(&str, &str, Date, Date)]) -> Vec<TimeMention> {
    let mut out = Vec::new();
    for &(surface, value, a, b) in table {
        for s in occurrences(text, surface) {
            out.push(TimeMention {
                text: surface.to_string(),
                start: s,
                end: s + surface.len(),
                kind: "DATE".into(),
                value: value.into(),
                modifier: None,
                range: Some([a, b]),
            });
        }
    }
    out.sort_by_key(|t| t.start);
    out
}

/// A quote whose content is `content` (first occurrence), said by `speaker`, relayed by `via`.
pub fn quote(
    text: &str,
    content: &str,
    speaker: &str,
    name: &str,
    via: Option<&str>,
) -> Option<Quote> {
    let cs = text.find(content)?;
    let ss = text.find(speaker)?;
    let via = via
        .and_then(|v| {
            occurrences(text, v)
                .into_iter()
                .find(|&i| i > cs)
                .map(|i| (v, i))
        })
        .map(|(v, i)| Relay {
            name: v.to_string(),
            text: v.to_string(),
            start: i,
            end: i + v.len(),
        });
    Some(Quote {
        content: Span::from_bytes(text, cs, cs + content.len()),
        direct: true,
        cue: None,
        source: Some(Source {
            text: speaker.to_string(),
            start: ss,
            end: ss + speaker.len(),
            name: name.to_string(),
        }),
        via: via.into_iter().collect(),
    })
}

/// The founding example's publication date.
pub fn published() -> Date {
    date(2017, 12, 7)
}
