//! Helpers shared by the geoparser's test files (each brings its own hand-made gazetteer).
#![allow(dead_code)]

use sitrep_geo::Geoparser;
use sitrep_model::Place;
use sitrep_text::TextLayer;

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
