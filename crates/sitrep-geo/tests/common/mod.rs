//! Helpers shared by the geoparser's test files (each brings its own hand-made gazetteer).
#![allow(dead_code)]

use sitrep_gazetteer::{Gazetteer, Record};
use sitrep_geo::Geoparser;
use sitrep_model::{Actor, Entity, Place};
use sitrep_text::TextLayer;

/// One record of a hand-made gazetteer (`""`: none).
pub struct Hand {
    pub name: &'static str,
    pub cc: &'static str,
    pub admin1: &'static str,
    pub admin2: &'static str,
    pub feature: &'static str,
    pub pop: u64,
    pub lat: f64,
    pub lon: f64,
    pub alts: &'static [&'static str],
}

/// A record without second-level division or alternate names.
pub const fn r(
    name: &'static str,
    cc: &'static str,
    admin1: &'static str,
    feature: &'static str,
    pop: u64,
    lat: f64,
    lon: f64,
) -> Hand {
    Hand {
        name,
        cc,
        admin1,
        admin2: "",
        feature,
        pop,
        lat,
        lon,
        alts: &[],
    }
}

impl Hand {
    /// The record in a second-level division.
    pub const fn admin2(self, admin2: &'static str) -> Hand {
        Hand { admin2, ..self }
    }
    /// The record with alternate names.
    pub const fn alts(self, alts: &'static [&'static str]) -> Hand {
        Hand { alts, ..self }
    }
}

/// A gazetteer of `rows` (feature class P for PPL* features, A otherwise; ids `hand:<row>`).
pub fn hand_gazetteer(rows: &[Hand]) -> Gazetteer {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let mut b = Gazetteer::builder();
    for (i, h) in rows.iter().enumerate() {
        let rec = Record {
            id: format!("hand:{i}"),
            name: h.name.into(),
            country: h.cc.into(),
            admin1: some(h.admin1),
            admin2: some(h.admin2),
            feature_class: if h.feature.starts_with("PPL") {
                'P'
            } else {
                'A'
            },
            feature: h.feature.into(),
            population: h.pop,
            lat: h.lat,
            lon: h.lon,
            geonames_id: None,
            wof_id: None,
        };
        b.add(rec, h.alts);
    }
    b.build()
}

/// The byte span of the `n`-th occurrence (0-based) of `surface` in `text`; panics when there
/// is none.
pub fn span(text: &str, surface: &str, n: usize) -> (usize, usize) {
    let start = text
        .match_indices(surface)
        .nth(n)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{surface:?} #{n} not in {text:?}"));
    (start, start + surface.len())
}

/// A tagger's entity over the `n`-th occurrence of `surface`.
pub fn entity_at(text: &str, surface: &str, n: usize, label: &str) -> Entity {
    let (start, end) = span(text, surface, n);
    Entity {
        text: surface.into(),
        start,
        end,
        label: label.into(),
    }
}

/// A tagger's entity over the first occurrence of `surface`.
pub fn entity(text: &str, surface: &str, label: &str) -> Entity {
    entity_at(text, surface, 0, label)
}

/// An actor of `kind` over the first occurrence of `surface`, named by it.
pub fn actor(text: &str, surface: &str, kind: &str) -> Actor {
    let (start, end) = span(text, surface, 0);
    Actor {
        text: surface.into(),
        start,
        end,
        name: surface.into(),
        kind: kind.into(),
        country: None,
    }
}

/// The surfaces of the places, in order.
pub fn texts(places: &[Place]) -> Vec<&str> {
    places.iter().map(|p| p.text.as_str()).collect()
}

/// The `n`-th place whose surface is `surface`; panics with the places found otherwise.
pub fn nth<'a>(places: &'a [Place], surface: &str, n: usize) -> &'a Place {
    places
        .iter()
        .filter(|p| p.text == surface)
        .nth(n)
        .unwrap_or_else(|| panic!("no place #{n} {surface:?} in {:?}", texts(places)))
}

/// Checks a resolution table: (text, surface, expected country, expected admin1 or ""), on the
/// first place with that surface, parsed without entities or actors.
pub fn assert_resolutions(geo: &Geoparser, table: &[(&str, &str, &str, &str)]) {
    for &(text, surface, cc, admin1) in table {
        let layer = TextLayer::new(text);
        let places = geo.parse(&layer, &[], &[]);
        let p = nth(&places, surface, 0);
        assert_eq!(p.country.as_deref(), Some(cc), "{text}: {p:?}");
        if !admin1.is_empty() {
            assert_eq!(p.admin1.as_deref(), Some(admin1), "{text}: {p:?}");
        }
    }
}
