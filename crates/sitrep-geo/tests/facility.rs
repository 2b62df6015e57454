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
    // namesakes of landmarks
    r("United Kingdom", "GB", "", "PCLI", 66_000_000, 54.0, -2.0),
    r("Greece", "GR", "", "PCLI", 10_700_000, 39.0, 22.0),
    r("London", "GB", "England", "PPLC", 8_900_000, 51.5085, -0.1257),
    r("Florida", "US", "Florida", "ADM1", 21_000_000, 28.0, -81.7),
    r("Orlando", "US", "Florida", "PPLA2", 300_000, 28.5383, -81.3792),
    r("Heathrow", "US", "Florida", "PPL", 5_900, 28.7633, -81.3722),
    r("White House", "US", "Tennessee", "PPL", 11_000, 36.4703, -86.6514),
    r("Central Park", "US", "Washington", "PPL", 2_700, 46.9734, -123.6924),
    // (PPL, as the default gazetteer records it; its alternate names include "Acropolis")
    r("Little Rock", "US", "Arkansas", "PPL", 200_000, 34.7465, -92.2896).alts(&["Acropolis"]),
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
        // a church of two saints: the whole name
        ("A bomb exploded at the Saint Peter and Saint Paul Coptic Orthodox Church in Cairo.", &[],
            &["Saint Peter and Saint Paul Coptic Orthodox Church", "Cairo"]),
        ("Mourners gathered at St. Peter and St. Paul Church in Baghdad.", &[],
            &["St. Peter and St. Paul Church", "Baghdad"]),
        ("They met at St Peter & St Paul Church on Sunday.", &[], &["St Peter & St Paul Church"]),
        // ... not two people, nor a saint and a church
        ("Peter and Saint Paul Church were named in the report.", &[], &["Saint Paul Church"]),
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

/// A landmark covering exactly a small namesake place: the landmark, unless the text or the
/// document places the namesake. (text, surface, expected feature, expected country)
#[test]
fn landmarks_win_over_small_namesakes_without_a_local_cue() {
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, &str)] = &[
        // no cue: the airport
        ("Flights were delayed due to disruption at Heathrow on Friday.", "Heathrow", "AIRP", "GB"),
        ("The union's members work out of London's Heathrow.", "Heathrow", "AIRP", "GB"),
        ("Cabin crew based at Heathrow said they would strike.", "Heathrow", "AIRP", "GB"),
        ("Protesters gathered outside the White House on Sunday.", "White House", "BLDG", "US"),
        // same country as the landmark: still the landmark
        ("Runners crowded Central Park in New Orleans' sister city.", "Central Park", "PRK", "US"),
        // a big city matched by an alternate name only
        ("Tourists climbed the Acropolis in Greece.", "Acropolis", "ANS", "GR"),
        // a local cue: its own division after it, or a document of its own country only
        ("A fire broke out in Heathrow, Florida, on Monday.", "Heathrow", "PPL", "US"),
        ("A fire broke out in Heathrow, Fla., on Monday.", "Heathrow", "PPL", "US"),
        ("Deputies from Orlando were called to a home in Heathrow.", "Heathrow", "PPL", "US"),
        // ... but not when the document also names the landmark's country
        ("Orlando travellers to the United Kingdom were stuck at Heathrow.", "Heathrow", "AIRP", "GB"),
    ];
    let mut failures = Vec::new();
    for &(text, surface, feature, country) in table {
        let places = parse(text, &[]);
        let Some(p) = places.iter().find(|p| p.text == surface) else {
            failures.push(format!("{text:?}: no {surface} among {places:?}"));
            continue;
        };
        let got = (p.feature.as_deref(), p.country.as_deref());
        if got != (Some(feature), Some(country)) {
            failures.push(format!(
                "{text:?}: {surface} expected {feature} {country}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
