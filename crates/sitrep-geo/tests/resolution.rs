//! Resolution between namesakes of different kinds: a city against a far country's first-level
//! division of the same name, a world city against small namesakes in a document centred on
//! another country, a sea against the division named after it.
//!
//! Gazetteer used: a small hand-made set written in this file (facts: names, ISO codes,
//! approximate populations and coordinates). The seas come from the geoparser's own
//! `data/regions.tsv` overlay.

mod common;

use common::*;
use sitrep_gazetteer::Gazetteer;
use sitrep_geo::Geoparser;
use sitrep_text::TextLayer;
use std::sync::{Arc, OnceLock};

#[rustfmt::skip]
const HAND: &[Hand] = &[
    r("United States", "US", "", "PCLI", 327_000_000, 39.76, -98.5),
    r("Russia", "RU", "", "PCLI", 144_000_000, 60.0, 100.0),
    r("Egypt", "EG", "", "PCLI", 100_000_000, 27.0, 30.0),
    r("Mozambique", "MZ", "", "PCLI", 30_000_000, -18.25, 35.0),
    r("Israel", "IL", "", "PCLI", 9_000_000, 31.5, 34.75),
    // a city and a far country's province of the same name and size
    r("Gaza", "PS", "Gaza Strip", "PPL", 410_000, 31.50, 34.47),
    r("Gaza", "MZ", "Gaza", "ADM1", 385_000, -23.0, 33.0),
    r("Maputo", "MZ", "Maputo City", "PPLC", 1_100_000, -25.97, 32.58),
    // a world city and its small namesake in the document's main country
    r("Moscow", "RU", "Moscow", "PPLC", 10_400_000, 55.75, 37.62),
    r("Moscow", "US", "Idaho", "PPL", 25_000, 46.73, -117.0),
    r("Baltimore", "US", "Maryland", "PPL", 600_000, 39.29, -76.61),
    r("Chicago", "US", "Illinois", "PPL", 2_700_000, 41.85, -87.65),
    r("Moscow", "US", "Pennsylvania", "PPL", 2_000, 41.34, -75.52),
    // cities and the first-level divisions of the same name in their country
    r("Canada", "CA", "", "PCLI", 37_000_000, 60.0, -96.0),
    r("Syria", "SY", "", "PCLI", 18_000_000, 35.0, 38.0),
    r("New York", "US", "New York", "PPL", 8_800_000, 40.71, -74.01),
    r("New York", "US", "New York", "ADM1", 19_500_000, 43.0, -75.5),
    r("Rego Park", "US", "New York", "PPL", 40_000, 40.73, -73.86),
    r("Washington", "US", "Washington, D.C.", "PPLC", 690_000, 38.9, -77.04),
    r("Washington", "US", "Washington", "ADM1", 7_600_000, 47.5, -120.5),
    r("Québec", "CA", "Quebec", "PPLA", 530_000, 46.81, -71.21),
    r("Quebec", "CA", "Quebec", "ADM1", 8_500_000, 52.0, -72.0),
    r("Idlib", "SY", "Idlib", "PPLA", 165_000, 35.93, 36.63),
    r("Idlib", "SY", "Idlib", "ADM1", 1_500_000, 35.85, 36.68),
    r("Saraqib", "SY", "Idlib", "PPL", 30_000, 35.86, 36.8),
    // a sea's namesake division
    r("Red Sea", "EG", "Red Sea", "ADM1", 500_000, 25.2, 33.7),
];

fn gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| Arc::new(hand_gazetteer(HAND))).clone()
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
