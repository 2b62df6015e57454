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
    // a province that has a region's name only among its alternate names
    r("Antalya", "TR", "Antalya", "ADM1", 2_500_000, 37.0, 31.0).alts(&["Anatolia"]),
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
fn a_region_is_not_a_province_that_only_shares_its_name() {
    let geo = Geoparser::new(gazetteer());
    let text = "The attack on a transport hub in Central Anatolia was carried out by a bomber.";
    let places = geo.parse(&TextLayer::new(text), &[], &[]);
    let p = nth(&places, "Anatolia", 0);
    assert_eq!(p.feature.as_deref(), Some("RGN"), "{p:?}");
    assert_eq!(p.name.as_deref(), Some("Anatolia"), "{p:?}");
    // the province under its own name stays the province
    let text = "Tourists returned to Antalya this summer.";
    let places = geo.parse(&TextLayer::new(text), &[], &[]);
    assert_eq!(nth(&places, "Antalya", 0).feature.as_deref(), Some("ADM1"));
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

/// Records for the document-context rules: namesakes of world cities and countries, towns of
/// the same name in two divisions, a qualified town name.
#[rustfmt::skip]
const CONTEXT: &[Hand] = &[
    r("United States", "US", "", "PCLI", 327_000_000, 39.76, -98.5),
    r("Russia", "RU", "", "PCLI", 144_000_000, 60.0, 100.0),
    r("United Kingdom", "GB", "", "PCLI", 66_000_000, 54.0, -2.0),
    r("Colombia", "CO", "", "PCLI", 49_600_000, 4.0, -72.0).alts(&["Columbia"]),
    // a world capital whose country has a division of its name, and its American namesake
    r("Moscow", "RU", "Moscow", "PPLC", 10_400_000, 55.75, 37.62),
    r("Moscow", "RU", "Moscow", "ADM1", 12_500_000, 55.76, 37.61),
    r("Moscow", "US", "Idaho", "PPL", 25_000, 46.73, -117.0),
    // one town name in two provinces of two countries
    r("Alberta", "CA", "Alberta", "ADM1", 4_400_000, 55.0, -115.0),
    r("Queensland", "AU", "Queensland", "ADM1", 5_000_000, -22.5, 144.5),
    r("Australia", "AU", "", "PCLI", 25_000_000, -25.0, 135.0),
    r("Innisfail", "CA", "Alberta", "PPL", 7_800, 52.03, -113.95),
    r("Innisfail", "AU", "Queensland", "PPL", 8_200, -17.52, 146.03),
    // a town in the named state and a larger namesake in the next state
    r("Massachusetts", "US", "Massachusetts", "ADM1", 6_900_000, 42.35, -72.0),
    r("Plymouth", "US", "Massachusetts", "PPL", 7_500, 41.96, -70.67),
    r("Plymouth", "US", "Connecticut", "PPL", 12_300, 41.67, -73.05),
    r("Minnesota", "US", "Minnesota", "ADM1", 5_600_000, 46.3, -94.3),
    r("Plymouth", "US", "Minnesota", "PPL", 76_000, 45.01, -93.46),
    // list members sharing the state after the last one
    r("Texas", "US", "Texas", "ADM1", 29_000_000, 31.3, -99.3),
    r("Tennessee", "US", "Tennessee", "ADM1", 6_800_000, 35.8, -86.4),
    r("Paris", "US", "Texas", "PPL", 24_800, 33.66, -95.56),
    r("Paris", "US", "Tennessee", "PPL", 10_200, 36.30, -88.33),
    r("Bristol", "US", "Tennessee", "PPL", 27_000, 36.60, -82.19),
    r("France", "FR", "", "PCLI", 67_000_000, 46.0, 2.0),
    r("Paris", "FR", "Ile-de-France", "PPLC", 2_100_000, 48.85, 2.35),
    // a capital, the state of its name, and a small namesake in another state
    r("Washington", "US", "Washington, D.C.", "PPLC", 690_000, 38.9, -77.04),
    r("Washington", "US", "Washington", "ADM1", 7_600_000, 47.5, -120.5),
    r("Georgia", "US", "Georgia", "ADM1", 10_600_000, 32.7, -83.4),
    r("Washington", "US", "Georgia", "PPL", 4_000, 33.74, -82.74),
    // a town's everyday name is the first part of its qualified name
    r("Newcastle upon Tyne", "GB", "England", "PPL", 300_000, 54.97, -1.61).alts(&["Newcastle"]),
    r("Newcastle", "GB", "Northern Ireland", "PPL", 7_400, 54.22, -5.89),
    // a city spelled as a country's alternate spelling
    r("Columbia", "US", "South Carolina", "PPL", 142_000, 34.0, -81.03),
];

fn context_gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| Arc::new(hand_gazetteer(CONTEXT))).clone()
}

#[test]
fn document_context_between_namesakes() {
    let geo = Geoparser::new(context_gazetteer());
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, &str)] = &[
        // a world capital of a country the document names keeps its reading against a small
        // American namesake, however often the document says "U.S." (its country also has a
        // division of that name, so fame alone does not decide)
        ("The 2018 World Cup was awarded to Moscow. U.S. officials protested. \
          U.S. fans and the U.S. federation complained. Nobody answered them. \
          Russian officials were pleased.",
            "Moscow", "RU", ""),
        // ... while the country's name stays the country
        ("U.S. officials said Russia denied it.", "Russia", "RU", ""),
        // a division named three times draws a town of its name harder than one named once
        // (Australia named: the country evidence alone does not decide)
        ("Alberta's junior team met on Monday. The coach praised Alberta. Alberta pays the \
          fees. Judges watched closely. Her family lives in Innisfail now. Judges were \
          pleased. She once won a title in Queensland. She lived in Australia for years.",
            "Innisfail", "CA", "Alberta"),
        // a division named in the next sentence; a town whose own state it is beats a larger
        // one merely near the state's centre
        ("The first Thanksgiving is observed in Plymouth. A good harvest leads the \
          Massachusetts Governor to plan a festival. Guests came from afar. Turkeys were \
          scarce. Minnesota farmers now raise most turkeys.",
            "Plymouth", "US", "Massachusetts"),
        // ... but a capital's name is not drawn to a town of a state the document names again
        // and again
        ("Georgia voters go to the polls. Georgia Democrats are hopeful. Georgia is close. \
          Donors came from all over. The party found itself powerless in Washington.",
            "Washington", "US", "Washington, D.C."),
        // "A and B, State": both in the state
        ("The French-owned chain sells cheese. It was founded a century ago. Sales fell last \
          year. It will close its stores in Paris and Bristol, Tennessee, next year.",
            "Paris", "US", "Tennessee"),
        // "Newcastle" is Newcastle upon Tyne as much as the small Newcastle
        ("The technique was developed by doctors in Newcastle, the UK regulator said.",
            "Newcastle", "GB", "England"),
        // a city spelled so beats the country of a resembling name
        ("A judge ruled Monday that Columbia taxpayers owe the design firm.",
            "Columbia", "US", "South Carolina"),
    ];
    assert_resolutions(&geo, table);
}

/// Records for a town's own name against another's alternate name, and for the parts of a
/// city.
#[rustfmt::skip]
const OWN_NAMES: &[Hand] = &[
    r("United Kingdom", "GB", "", "PCLI", 66_000_000, 54.0, -2.0),
    r("United States", "US", "", "PCLI", 327_000_000, 39.76, -98.5),
    r("Egypt", "EG", "", "PCLI", 100_000_000, 27.0, 30.0),
    r("Norway", "NO", "", "PCLI", 5_300_000, 62.0, 10.0),
    // a borough's record named with "Town", and its American namesake
    r("Enfield Town", "GB", "England", "PPL", 157_000, 51.65, -0.08).alts(&["Enfield"]),
    r("Enfield", "US", "Connecticut", "PPL", 45_000, 41.98, -72.59),
    r("Edmonton", "GB", "England", "PPL", 82_000, 51.63, -0.06),
    r("Tottenham", "GB", "England", "PPL", 129_000, 51.59, -0.07),
    // a city, and a town of its state that once bore its name
    r("Ohio", "US", "Ohio", "ADM1", 11_700_000, 40.25, -83.0),
    r("Youngstown", "US", "Ohio", "PPL", 64_600, 41.10, -80.65),
    r("Mount Gilead", "US", "Ohio", "PPL", 3_700, 40.55, -82.83).alts(&["Youngstown"]),
    r("Youngstown", "US", "Florida", "PPL", 4_300, 30.36, -85.44),
    r("Youngstown", "US", "New York", "PPL", 1_900, 43.25, -79.05),
    r("Morrow County", "US", "Ohio", "ADM2", 35_000, 40.52, -82.86),
    // a world city, and a town that bears its name as an alternate one
    r("Israel", "IL", "", "PCLI", 9_000_000, 31.5, 34.75),
    r("Jerusalem", "IL", "Jerusalem", "PPLC", 970_000, 31.77, 35.22),
    r("El Rio", "US", "California", "PPL", 7_200, 34.24, -119.16).alts(&["Jerusalem"]),
    r("New York City", "US", "New York", "PPL", 8_800_000, 40.71, -74.01).alts(&["New York"]),
    // a city of a million, its namesakes abroad, and a university named after it
    r("San Diego", "US", "California", "PPL", 1_400_000, 32.72, -117.16),
    r("San Diego", "ES", "Madrid", "PPL", 45_000, 40.39, -3.67),
    r("San Diego", "CO", "Cesar", "PPL", 18_500, 10.33, -73.18),
    r("San Diego County", "US", "California", "ADM2", 1_760_000, 33.0, -116.88),
    r("San Diego", "CR", "Cartago", "PPL", 17_000, 9.90, -84.0),
    r("San Diego", "PH", "Calabarzon", "PPL", 9_000, 14.0, 121.0),
    // a country and a town named like a lake and a region of `data/regions.tsv`
    r("Chad", "TD", "", "PCLI", 15_000_000, 15.0, 19.0),
    r("Normandy", "US", "Missouri", "PPL", 5_000, 38.72, -90.30),
    // cities whose districts the gazetteer lacks, and far namesakes of the districts
    r("Giza", "EG", "Giza", "PPLA", 2_400_000, 30.01, 31.21),
    r("Cairo", "EG", "Cairo", "PPLC", 7_700_000, 30.06, 31.25),
    r("Haram", "NO", "More og Romsdal", "PPL", 9_400, 62.66, 6.24),
    r("Yehud", "IL", "Central District", "PPL", 25_600, 32.03, 34.89).alts(&["Abbassiya"]),
    // a district the gazetteer has, and its far namesake
    r("Damascus", "SY", "Damascus", "PPLC", 1_600_000, 33.51, 36.29),
    r("Mezzeh", "SY", "Damascus", "PPL", 400_000, 33.50, 36.25),
    r("Mezzeh", "LB", "Beqaa", "PPL", 1_000, 33.90, 35.95),
];

fn own_names_gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| Arc::new(hand_gazetteer(OWN_NAMES)))
        .clone()
}

#[test]
fn own_names_before_alternate_ones() {
    let geo = Geoparser::new(own_names_gazetteer());
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, &str)] = &[
        // "Enfield Town" is Enfield as much as the American Enfield is
        ("Crews from Edmonton and Tottenham fire stations were called. The church in Enfield \
          opens a shelter this winter.",
            "Enfield", "GB", "England"),
    ];
    assert_resolutions(&geo, table);
    // a city of the state under its own name, not the town of the state that once bore it,
    // though the document names the town too
    let text = "MOUNT GILEAD, Ohio - Mount Gilead officials cut two jobs in Morrow County. \
                In Youngstown, the mayor wants the city's police to take pay cuts.";
    let places = geo.parse(&TextLayer::new(text), &[], &[]);
    let p = nth(&places, "Youngstown", 0);
    assert_eq!(p.name.as_deref(), Some("Youngstown"), "{p:?}");
    // a world city under its own name, not a town that bears it as an alternate one, in a
    // story of the town's country
    let text = "U.S. donors paid for the rabbi's satellite offices in Jerusalem and in New \
                York, where he lives. U.S. officials praised him.";
    let places = geo.parse(&TextLayer::new(text), &[], &[]);
    assert_eq!(nth(&places, "Jerusalem", 0).country.as_deref(), Some("IL"));
}

#[test]
fn a_record_is_no_evidence_for_itself() {
    let geo = Geoparser::new(own_names_gazetteer());
    // "San Diego State" (a record that also bears "San Diego") supports no namesake of "San
    // Diego" over the others
    let text = "If you aren't heading to San Diego to watch the team play San Diego State, \
                stay home.";
    let places = geo.parse(&TextLayer::new(text), &[], &[]);
    assert_eq!(nth(&places, "San Diego", 0).country.as_deref(), Some("US"));
}

#[test]
fn a_part_of_a_city_lies_by_the_city() {
    let geo = Geoparser::new(own_names_gazetteer());
    // the gazetteer lacks the district: the city stands in for it, with low confidence
    for (text, surface, city) in [
        (
            "Two officers were killed in Giza's Haram district on Friday.",
            "Haram",
            "Giza",
        ),
        (
            "The church was bombed in Cairo's Abbassiya neighbourhood.",
            "Abbassiya",
            "Cairo",
        ),
    ] {
        let places = geo.parse(&TextLayer::new(text), &[], &[]);
        let (p, c) = (nth(&places, surface, 0), nth(&places, city, 0));
        assert_eq!(p.id, c.id, "{text}: {p:?}");
        assert!(p.confidence < 0.5, "{text}: {p:?}");
    }
    // a district it has: the one by the city
    let text = "Rockets struck Damascus's Mezzeh district overnight.";
    let places = geo.parse(&TextLayer::new(text), &[], &[]);
    assert_eq!(nth(&places, "Mezzeh", 0).country.as_deref(), Some("SY"));
    // a larger place or a division is no part of the one before it
    let text = "Giza's Cairo-bound trains were delayed.";
    let places = geo.parse(&TextLayer::new(text), &[], &[]);
    assert_eq!(nth(&places, "Cairo", 0).name.as_deref(), Some("Cairo"));
}

#[test]
fn lakes_seas_and_regions_of_the_overlay() {
    let geo = Geoparser::new(own_names_gazetteer());
    // (text, surface, feature, country or "")
    for (text, surface, feature, cc) in [
        (
            "Boko Haram fighters attacked islands on Lake Chad on Monday.",
            "Lake Chad",
            "H",
            "",
        ),
        (
            "Rebels fired on a tanker in the Gulf of Aden.",
            "Gulf of Aden",
            "H",
            "",
        ),
        (
            "It landed on the beaches of Normandy during the D-Day invasion.",
            "Normandy",
            "RGN",
            "FR",
        ),
    ] {
        let places = geo.parse(&TextLayer::new(text), &[], &[]);
        assert_eq!(places.len(), 1, "{text}: {places:?}");
        let p = nth(&places, surface, 0);
        assert_eq!(p.feature.as_deref(), Some(feature), "{text}: {p:?}");
        assert_eq!(p.country.as_deref().unwrap_or(""), cc, "{text}: {p:?}");
    }
}
