//! Resolution between namesakes of different kinds: a city against a far country's first-level
//! division of the same name, a world city against small namesakes in a document centred on
//! another country, a sea against the division named after it.
//!
//! Gazetteer used: a small hand-made set written in this file (facts: names, ISO codes,
//! approximate populations and coordinates). The seas come from the geoparser's own
//! `data/regions.tsv` overlay.

mod common;

use common::*;
use sitrep_gazetteer::{Gazetteer, Record};
use sitrep_geo::Geoparser;
use sitrep_text::TextLayer;
use std::sync::{Arc, OnceLock};

struct R {
    name: &'static str,
    cc: &'static str,
    admin1: &'static str,
    feature: &'static str,
    pop: u64,
    lat: f64,
    lon: f64,
}

#[rustfmt::skip]
const HAND: &[R] = &[
    R { name: "United States", cc: "US", admin1: "", feature: "PCLI", pop: 327_000_000, lat: 39.76, lon: -98.5 },
    R { name: "Russia", cc: "RU", admin1: "", feature: "PCLI", pop: 144_000_000, lat: 60.0, lon: 100.0 },
    R { name: "Egypt", cc: "EG", admin1: "", feature: "PCLI", pop: 100_000_000, lat: 27.0, lon: 30.0 },
    R { name: "Mozambique", cc: "MZ", admin1: "", feature: "PCLI", pop: 30_000_000, lat: -18.25, lon: 35.0 },
    R { name: "Israel", cc: "IL", admin1: "", feature: "PCLI", pop: 9_000_000, lat: 31.5, lon: 34.75 },
    // a city and a far country's province of the same name and size
    R { name: "Gaza", cc: "PS", admin1: "Gaza Strip", feature: "PPL", pop: 410_000, lat: 31.50, lon: 34.47 },
    R { name: "Gaza", cc: "MZ", admin1: "Gaza", feature: "ADM1", pop: 385_000, lat: -23.0, lon: 33.0 },
    R { name: "Maputo", cc: "MZ", admin1: "Maputo City", feature: "PPLC", pop: 1_100_000, lat: -25.97, lon: 32.58 },
    // a world city and its small namesake in the document's main country
    R { name: "Moscow", cc: "RU", admin1: "Moscow", feature: "PPLC", pop: 10_400_000, lat: 55.75, lon: 37.62 },
    R { name: "Moscow", cc: "US", admin1: "Idaho", feature: "PPL", pop: 25_000, lat: 46.73, lon: -117.0 },
    R { name: "Baltimore", cc: "US", admin1: "Maryland", feature: "PPL", pop: 600_000, lat: 39.29, lon: -76.61 },
    R { name: "Chicago", cc: "US", admin1: "Illinois", feature: "PPL", pop: 2_700_000, lat: 41.85, lon: -87.65 },
    R { name: "Moscow", cc: "US", admin1: "Pennsylvania", feature: "PPL", pop: 2_000, lat: 41.34, lon: -75.52 },
    // a sea's namesake division
    R { name: "Red Sea", cc: "EG", admin1: "Red Sea", feature: "ADM1", pop: 500_000, lat: 25.2, lon: 33.7 },
];

fn gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| {
        let mut b = Gazetteer::builder();
        for (i, r) in HAND.iter().enumerate() {
            let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let rec = Record {
                id: format!("res:{i}"),
                name: r.name.into(),
                country: r.cc.into(),
                admin1: some(r.admin1),
                admin2: None,
                feature_class: if r.feature.starts_with("PPL") {
                    'P'
                } else {
                    'A'
                },
                feature: r.feature.into(),
                population: r.pop,
                lat: r.lat,
                lon: r.lon,
                geonames_id: None,
                wof_id: None,
            };
            b.add(rec, &[]);
        }
        Arc::new(b.build())
    })
    .clone()
}

#[test]
fn namesakes_of_different_kinds() {
    let geo = Geoparser::new(gazetteer());
    // (text, surface, expected country, expected admin1 or "")
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, &str)] = &[
        // a far country's province does not win on its division prior against a city as
        // populous as itself ...
        ("The author is travelling to Gaza with other activists to deliver aid.",
            "Gaza", "PS", ""),
        ("An Israeli official said the convoy had not reached Gaza.", "Gaza", "PS", ""),
        // ... unless the document speaks of its country
        ("Floods hit Gaza province in Mozambique, officials in Maputo said.",
            "Gaza", "MZ", ""),
        // a world city of a country the document names keeps its reading beside the American
        // towns of a document about the United States
        ("Baltia will fly from Baltimore to Moscow. Fares from Chicago to Moscow start at $205. \
          United States airlines flew there before. The United States carriers welcome it. \
          United States regulators approved. The United States market is large. \
          Russian officials agreed.",
            "Moscow", "RU", ""),
    ];
    assert_resolutions(&geo, table);
}

#[test]
fn a_sea_is_not_the_division_named_after_it() {
    let geo = Geoparser::new(gazetteer());
    for text in [
        "Two crew members drowned when a cargo ship sank in the Red Sea, an Egyptian official said.",
        "The ship sank in bad weather Monday in the Red Sea.",
    ] {
        let places = geo.parse(&TextLayer::new(text), &[], &[]);
        let p = nth(&places, "Red Sea", 0);
        assert_eq!(p.feature.as_deref(), Some("H"), "{text}: {p:?}");
        assert!(p.country.is_none(), "{text}: {p:?}");
    }
    // a cue for the division keeps the governorate
    let text = "The Red Sea governor said the resorts in Red Sea province stay open.";
    let places = geo.parse(&TextLayer::new(text), &[], &[]);
    let p = nth(&places, "Red Sea", 1);
    assert_eq!(p.feature.as_deref(), Some("ADM1"), "{text}: {p:?}");
}
