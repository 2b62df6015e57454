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
    // cities and the first-level divisions of the same name in their country
    R { name: "Canada", cc: "CA", admin1: "", feature: "PCLI", pop: 37_000_000, lat: 60.0, lon: -96.0 },
    R { name: "Syria", cc: "SY", admin1: "", feature: "PCLI", pop: 18_000_000, lat: 35.0, lon: 38.0 },
    R { name: "New York", cc: "US", admin1: "New York", feature: "PPL", pop: 8_800_000, lat: 40.71, lon: -74.01 },
    R { name: "New York", cc: "US", admin1: "New York", feature: "ADM1", pop: 19_500_000, lat: 43.0, lon: -75.5 },
    R { name: "Rego Park", cc: "US", admin1: "New York", feature: "PPL", pop: 40_000, lat: 40.73, lon: -73.86 },
    R { name: "Washington", cc: "US", admin1: "Washington, D.C.", feature: "PPLC", pop: 690_000, lat: 38.9, lon: -77.04 },
    R { name: "Washington", cc: "US", admin1: "Washington", feature: "ADM1", pop: 7_600_000, lat: 47.5, lon: -120.5 },
    R { name: "Québec", cc: "CA", admin1: "Quebec", feature: "PPLA", pop: 530_000, lat: 46.81, lon: -71.21 },
    R { name: "Quebec", cc: "CA", admin1: "Quebec", feature: "ADM1", pop: 8_500_000, lat: 52.0, lon: -72.0 },
    R { name: "Idlib", cc: "SY", admin1: "Idlib", feature: "PPLA", pop: 165_000, lat: 35.93, lon: 36.63 },
    R { name: "Idlib", cc: "SY", admin1: "Idlib", feature: "ADM1", pop: 1_500_000, lat: 35.85, lon: 36.68 },
    R { name: "Saraqib", cc: "SY", admin1: "Idlib", feature: "PPL", pop: 30_000, lat: 35.86, lon: 36.8 },
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

#[test]
fn state_or_city_by_the_words_around_the_name() {
    let geo = Geoparser::new(gazetteer());
    // (text, surface, expected feature, expected admin1)
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, &str)] = &[
        // an office of the division
        ("Supporters of New York Gov. Andrew Cuomo rallied on Monday.", "New York", "ADM1", "New York"),
        ("The bill was signed by the Governor of New York on Monday.", "New York", "ADM1", "New York"),
        ("New York's governor signed the bill on Monday.", "New York", "ADM1", "New York"),
        ("New York lawmakers passed the budget late on Friday.", "New York", "ADM1", "New York"),
        ("Washington Gov. Jay Inslee signed the measure on Tuesday.", "Washington", "ADM1", "Washington"),
        ("The Quebec government plans to appeal the ruling.", "Quebec", "ADM1", "Quebec"),
        // the division containing a place it names
        ("Shelling hit the Idlib town of Saraqib on Monday.", "Idlib", "ADM1", "Idlib"),
        ("The airline, based in Rego Park, New York, starts service in June.", "New York", "ADM1", "New York"),
        // a city holding a sixteenth of its province's people does not shadow it
        ("He is not allowed to stay in Quebec and can only return with a permit.", "Quebec", "ADM1", "Quebec"),
        // without a cue, the city
        ("He flew to New York on Monday to meet investors.", "New York", "PPL", "New York"),
        ("Shelling hit Idlib on Monday, activists said.", "Idlib", "PPLA", "Idlib"),
        // the capital and its government stay the city
        ("The sanctions were announced in Washington on Monday.", "Washington", "PPLC", "Washington, D.C."),
        ("The Washington government imposed new sanctions on Syria.", "Washington", "PPLC", "Washington, D.C."),
    ];
    for &(text, surface, feature, admin1) in table {
        let places = geo.parse(&TextLayer::new(text), &[], &[]);
        assert!(
            places.iter().any(|p| p.text == surface),
            "{text}: {places:?}"
        );
        let p = nth(&places, surface, 0);
        assert_eq!(p.feature.as_deref(), Some(feature), "{text}: {p:?}");
        assert_eq!(p.admin1.as_deref(), Some(admin1), "{text}: {p:?}");
    }
}
