//! Landmarks, facility names and streets (module `facility`): recognition, placement by the
//! container (embedded place, "X in Y", possessive, the document's salient place) and the
//! names that are no site.
//!
//! Gazetteer used: a small hand-made set written in this file (facts: names, ISO codes,
//! approximate populations and coordinates). The NER spans are written out by hand.

mod common;

use common::*;
use sitrep_gazetteer::Gazetteer;
use sitrep_geo::Geoparser;
use sitrep_model::{Entity, Place};
use sitrep_text::TextLayer;
use std::sync::{Arc, OnceLock};

#[rustfmt::skip]
const HAND: &[Hand] = &[
    // name, country, admin1, feature, population, lat, lon
    r("Egypt", "EG", "", "PCLI", 100_000_000, 27.0, 30.0),
    r("Iraq", "IQ", "", "PCLI", 40_000_000, 33.0, 44.0),
    r("Canada", "CA", "", "PCLI", 38_000_000, 60.0, -95.0),
    r("United States", "US", "", "PCLI", 327_000_000, 39.76, -98.5),
    r("Cairo", "EG", "Cairo", "PPLC", 9_600_000, 30.0626, 31.2497),
    r("Baghdad", "IQ", "Baghdad", "PPLC", 7_200_000, 33.3406, 44.4009),
    r("Toronto", "CA", "Ontario", "PPLA", 2_600_000, 43.7001, -79.4163),
    r("Ottawa", "CA", "Ontario", "PPLC", 810_000, 45.4112, -75.6981),
    r("Vancouver", "CA", "British Columbia", "PPL", 600_000, 49.2497, -123.1193),
    r("New Orleans", "US", "Louisiana", "PPLA2", 390_000, 29.9547, -90.0751),
    r("Rafah", "PS", "Gaza Strip", "PPL", 150_000, 31.2969, 34.2436),
    r("Indian Lake", "US", "New York", "PPL", 1_300, 43.7823, -74.2710),
];

fn gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| Arc::new(hand_gazetteer(HAND))).clone()
}

fn parse(text: &str, entities: &[(&str, &str)]) -> Vec<Place> {
    let geo = Geoparser::new(gazetteer());
    let entities: Vec<Entity> = entities
        .iter()
        .map(|&(surface, label)| entity(text, surface, label))
        .collect();
    geo.parse(&TextLayer::new(text), &entities, &[])
}

/// (sentence, NER entities, expected place surfaces in order)
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

#[test]
fn sites_are_recognised_and_non_sites_are_not() {
    #[rustfmt::skip]
    let table: &[Case] = &[
        // landmarks; a seat of government only where it is a location
        ("Protesters gathered outside the White House on Sunday.", &[], &["White House"]),
        ("The White House said on Monday it would respond.", &[], &[]),
        ("A White House official declined to comment.", &[], &[]),
        ("He worked at the Pentagon for ten years.", &[], &["Pentagon"]),
        ("Pentagon Smith was his nickname at school.", &[], &[]),
        ("Crowds filled Tahrir Square in Cairo.", &[], &["Tahrir Square", "Cairo"]),
        ("Russian jets took off from Hmeimim air base on Tuesday.", &[], &["Hmeimim air base"]),
        // a landmark replaces the gazetteer place inside it
        ("Aid trucks waited at the Rafah crossing.", &[], &["Rafah crossing"]),
        // facility names, with the place after them
        ("Both women were taken to St. Michael's Hospital in Toronto.", &[],
            &["St. Michael's Hospital", "Toronto"]),
        ("Delays hit Ottawa's Macdonald-Cartier International Airport on Friday.", &[],
            &["Ottawa", "Macdonald-Cartier International Airport"]),
        // the recognizer leaves "Vancouver" inside the name alone here: the whole name is the site
        ("They marched from the steps of the Vancouver Art Gallery.", &[], &["Vancouver Art Gallery"]),
        // ... except a town naming a street
        ("A crash closed Indian Lake Road on Friday.", &[], &["Indian Lake Road"]),
        // the name goes on: no site
        ("He reads the Wall Street Journal every day.", &[], &[]),
        ("She visited the Museum of Modern Art.", &[], &[]),
        ("Airport Road was closed.", &[], &["Airport Road"]),
        // organisations, people, lists
        ("The Evangelical Presbyterian Church released a statement.", &[], &[]),
        ("Jane Park said the plan would work.", &[("Jane Park", "PER")], &[]),
        ("The intersection of Oak Street and Pine Avenue was closed.", &[],
            &["Oak Street", "Pine Avenue"]),
        ("Amber of Felixstowe Road will fly out on Monday.", &[], &["Felixstowe Road"]),
        ("The tree fell in Whittier's Penn Park on Monday.", &[], &["Penn Park"]),
        // universities are affiliations, not sites
        ("She is a professor at Ryerson University.", &[], &[]),
    ];
    let mut failures = Vec::new();
    for &(text, entities, expected) in table {
        let places = parse(text, entities);
        let got: Vec<&str> = places.iter().map(|p| p.text.as_str()).collect();
        for p in &places {
            assert_eq!(
                &text[p.start..p.end],
                p.text,
                "offsets of {:?} in {text:?}",
                p.text
            );
        }
        if got != expected {
            failures.push(format!("{text:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn find<'a>(places: &'a [Place], surface: &str) -> &'a Place {
    places
        .iter()
        .find(|p| p.text == surface)
        .unwrap_or_else(|| panic!("{surface} not among {places:?}"))
}

/// (text, site surface, expected feature, expected country, expected (lat, lon) or None,
/// maximal confidence)
type Placed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<(f64, f64)>,
    f64,
);

#[test]
fn sites_take_their_own_or_their_containers_coordinates() {
    #[rustfmt::skip]
    let table: &[Placed] = &[
        // a landmark's own coordinates; rows sharing a name follow the document's country
        ("Crowds filled Tahrir Square in Cairo.", "Tahrir Square", "SQR", "EG", Some((30.044, 31.236)), 0.5),
        ("Protests in Baghdad spread to Tahrir Square on Friday.", "Tahrir Square", "SQR", "IQ", Some((33.334, 44.422)), 0.5),
        ("Protesters gathered outside the White House on Sunday.", "White House", "BLDG", "US", Some((38.898, -77.037)), 0.5),
        // "X in Y"
        ("Both women were taken to St. Michael's Hospital in Toronto.", "St. Michael's Hospital", "HSP", "CA", Some((43.700, -79.416)), 0.5),
        // possessive container
        ("Delays hit Ottawa's Macdonald-Cartier International Airport on Friday.", "Macdonald-Cartier International Airport", "AIRP", "CA", Some((45.411, -75.698)), 0.5),
        // the document's salient local place
        ("Police in New Orleans said a man was shot. He was found on Frenchmen Street.", "Frenchmen Street", "ST", "US", Some((29.955, -90.075)), 0.5),
        // nothing to place it: null coordinates
        ("A crash closed Airport Road on Friday.", "Airport Road", "RD", "", None, 0.1),
    ];
    for &(text, surface, feature, country, coords, max_conf) in table {
        let places = parse(text, &[]);
        let p = find(&places, surface);
        assert_eq!(p.id, None, "{surface}: a site is no gazetteer record");
        assert_eq!(p.feature.as_deref(), Some(feature), "{surface} in {text:?}");
        assert_eq!(
            p.country.as_deref().unwrap_or(""),
            country,
            "{surface} in {text:?}"
        );
        match coords {
            Some((lat, lon)) => {
                let (Some(plat), Some(plon)) = (p.lat, p.lon) else {
                    panic!("{surface} in {text:?}: no coordinates");
                };
                assert!(
                    (plat - lat).abs() < 0.01 && (plon - lon).abs() < 0.01,
                    "{surface} in {text:?}: got {plat},{plon}, expected {lat},{lon}"
                );
            }
            None => assert!(p.lat.is_none() && p.lon.is_none(), "{surface}: {p:?}"),
        }
        assert!(
            p.confidence <= max_conf,
            "{surface}: confidence {}",
            p.confidence
        );
    }
}
