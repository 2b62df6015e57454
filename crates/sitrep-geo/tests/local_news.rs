//! Local-news rules: places before local institutions and offices, resident nouns,
//! legislators' districts, datelines, and resolution with local cues and joint coherence.
//!
//! Gazetteer used: a small hand-made set written in this file (facts: names, ISO codes,
//! approximate populations and coordinates), with namesakes that compete (Paris in France,
//! Tennessee and Texas; Alexandria in Egypt and Louisiana; Lebanon the country and the Indiana
//! town; Damascus in Syria and Maryland; two Henry Counties). The NER and actor spans are the
//! ones the pipeline's tagger produced on these sentences (written out by hand here).

mod common;

use common::*;
use sitrep_gazetteer::{Gazetteer, Record};
use sitrep_geo::Geoparser;
use sitrep_model::{Actor, Entity};
use sitrep_text::TextLayer;
use std::sync::{Arc, OnceLock};

struct R {
    name: &'static str,
    cc: &'static str,
    admin1: &'static str,
    admin2: &'static str,
    feature: &'static str,
    pop: u64,
    lat: f64,
    lon: f64,
}

#[rustfmt::skip]
const HAND: &[R] = &[
    R { name: "United States", cc: "US", admin1: "", admin2: "", feature: "PCLI", pop: 327_000_000, lat: 39.76, lon: -98.5 },
    R { name: "Syria", cc: "SY", admin1: "", admin2: "", feature: "PCLI", pop: 22_000_000, lat: 35.0, lon: 38.0 },
    R { name: "Russia", cc: "RU", admin1: "", admin2: "", feature: "PCLI", pop: 144_000_000, lat: 60.0, lon: 100.0 },
    R { name: "Lebanon", cc: "LB", admin1: "", admin2: "", feature: "PCLI", pop: 6_800_000, lat: 33.83, lon: 35.83 },
    R { name: "Russia", cc: "US", admin1: "Ohio", admin2: "Shelby County", feature: "PPL", pop: 600, lat: 40.23, lon: -84.41 },
    R { name: "Avondale", cc: "US", admin1: "Arizona", admin2: "Maricopa County", feature: "PPL", pop: 85_000, lat: 33.436, lon: -112.35 },
    R { name: "DeKalb", cc: "US", admin1: "Illinois", admin2: "DeKalb County", feature: "PPL", pop: 43_000, lat: 41.929, lon: -88.75 },
    R { name: "Winthrop", cc: "US", admin1: "Massachusetts", admin2: "Suffolk County", feature: "PPL", pop: 18_000, lat: 42.375, lon: -70.983 },
    R { name: "Harwinton", cc: "US", admin1: "Connecticut", admin2: "Litchfield County", feature: "PPL", pop: 5_500, lat: 41.771, lon: -73.06 },
    R { name: "Charleston", cc: "US", admin1: "West Virginia", admin2: "Kanawha County", feature: "PPLA", pop: 50_000, lat: 38.35, lon: -81.633 },
    R { name: "Charleston", cc: "US", admin1: "South Carolina", admin2: "Charleston County", feature: "PPL", pop: 130_000, lat: 32.776, lon: -79.931 },
    R { name: "West Virginia", cc: "US", admin1: "West Virginia", admin2: "", feature: "ADM1", pop: 1_800_000, lat: 38.5, lon: -80.5 },
    R { name: "Superior", cc: "US", admin1: "Wisconsin", admin2: "Douglas County", feature: "PPL", pop: 27_000, lat: 46.721, lon: -92.104 },
    R { name: "Kit Carson", cc: "US", admin1: "Colorado", admin2: "Cheyenne County", feature: "PPL", pop: 250, lat: 38.763, lon: -102.794 },
    R { name: "Martin", cc: "US", admin1: "Tennessee", admin2: "Weakley County", feature: "PPL", pop: 11_000, lat: 36.343, lon: -88.85 },
    R { name: "Paris", cc: "FR", admin1: "Île-de-France", admin2: "", feature: "PPLC", pop: 2_138_551, lat: 48.8534, lon: 2.3488 },
    R { name: "Paris", cc: "US", admin1: "Texas", admin2: "Lamar County", feature: "PPL", pop: 25_171, lat: 33.6609, lon: -95.5555 },
    R { name: "Paris", cc: "US", admin1: "Tennessee", admin2: "Henry County", feature: "PPLA2", pop: 10_000, lat: 36.302, lon: -88.326 },
    R { name: "Henry County", cc: "US", admin1: "Georgia", admin2: "Henry County", feature: "ADM2", pop: 200_000, lat: 33.45, lon: -84.15 },
    R { name: "Henry County", cc: "US", admin1: "Tennessee", admin2: "Henry County", feature: "ADM2", pop: 32_000, lat: 36.33, lon: -88.3 },
    R { name: "Alexandria", cc: "EG", admin1: "Alexandria", admin2: "", feature: "PPLA", pop: 3_811_516, lat: 31.2018, lon: 29.9158 },
    R { name: "Alexandria", cc: "US", admin1: "Louisiana", admin2: "Rapides Parish", feature: "PPLA2", pop: 47_000, lat: 31.311, lon: -92.445 },
    R { name: "Pineville", cc: "US", admin1: "Louisiana", admin2: "Rapides Parish", feature: "PPL", pop: 14_000, lat: 31.322, lon: -92.434 },
    R { name: "Lebanon", cc: "US", admin1: "Indiana", admin2: "Boone County", feature: "PPLA2", pop: 15_800, lat: 40.048, lon: -86.469 },
    R { name: "Damascus", cc: "SY", admin1: "Dimashq", admin2: "", feature: "PPLC", pop: 1_569_394, lat: 33.5102, lon: 36.2913 },
    R { name: "Damascus", cc: "US", admin1: "Maryland", admin2: "Montgomery County", feature: "PPL", pop: 15_000, lat: 39.288, lon: -77.203 },
    R { name: "Washington", cc: "US", admin1: "District of Columbia", admin2: "", feature: "PPLC", pop: 689_545, lat: 38.895, lon: -77.036 },
];

fn gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| {
        let mut b = Gazetteer::builder();
        for (i, r) in HAND.iter().enumerate() {
            let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let rec = Record {
                id: format!("local:{i}"),
                name: r.name.into(),
                country: r.cc.into(),
                admin1: some(r.admin1),
                admin2: some(r.admin2),
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

fn entity(text: &str, surface: &str, label: &str) -> Entity {
    let start = text.find(surface).unwrap_or(0);
    Entity {
        text: surface.into(),
        start,
        end: start + surface.len(),
        label: label.into(),
    }
}

fn person(text: &str, surface: &str) -> Actor {
    let start = text.find(surface).unwrap_or(0);
    Actor {
        text: surface.into(),
        start,
        end: start + surface.len(),
        name: surface.into(),
        kind: "person".into(),
        country: None,
    }
}

/// (sentence, the tagger's entities (surface, label), person actors, expected places)
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
    &'static [&'static str],
);

#[test]
fn places_of_local_institutions_offices_residents_and_districts() {
    let geo = Geoparser::new(gazetteer());
    #[rustfmt::skip]
    let table: &[Case] = &[
        // a place opening a local office or institution, whatever the tagger says
        ("\"It works,\" said Avondale Mayor Ed Rieker.",
            &[("Avondale Mayor Ed Rieker", "PER")], &["Avondale Mayor Ed Rieker"], &["Avondale"]),
        ("It was approved by the DeKalb City Council Monday.",
            &[("DeKalb City Council", "ORG")], &[], &["DeKalb"]),
        ("He is due in Harwinton Superior Court on Tuesday.",
            &[("Harwinton Superior Court", "ORG")], &[], &["Harwinton"]),
        // ... but not a company's, a person's school or a street, nor a court's adjective
        ("Students at Kit Carson Elementary planted a garden.",
            &[("Kit Carson Elementary", "ORG")], &[], &[]),
        ("The crash closed Martin Court on Friday.", &[], &[], &[]),
        ("Superior Court Judge Rene Navarro denied the motion.",
            &[("Superior Court", "ORG"), ("Rene Navarro", "PER")], &["Rene Navarro"], &[]),
        // a resident noun after the name
        ("A DeKalb man has been arrested.", &[("DeKalb", "ORG")], &[], &["DeKalb"]),
        ("An Alexandria man remains hospitalized.", &[("An Alexandria", "PER")], &[], &["Alexandria"]),
        // a legislator's district after the party letter
        ("House Speaker Robert A. DeLeo, D-Winthrop, said he would.",
            &[("Robert A. DeLeo", "PER"), ("D-Winthrop", "PER")], &["Robert A. DeLeo"], &["Winthrop"]),
        // datelines closed by a dash or "(AP)"
        ("HARWINTON — A town couple was charged.", &[("HARWINTON", "ORG")], &[], &["HARWINTON"]),
        ("CHARLESTON, W.Va. (AP) -- Volunteers cleaned the river.",
            &[("CHARLESTON", "ORG")], &[], &["CHARLESTON", "W.Va."]),
    ];
    for &(sentence, ents, persons, want) in table {
        let layer = TextLayer::new(sentence);
        let ents: Vec<Entity> = ents.iter().map(|&(s, l)| entity(sentence, s, l)).collect();
        let actors: Vec<Actor> = persons.iter().map(|&s| person(sentence, s)).collect();
        let places = geo.parse(&layer, &ents, &actors);
        assert_eq!(texts(&places), want, "{sentence}");
        for p in &places {
            assert_eq!(&sentence[p.start..p.end], p.text);
        }
    }
}

#[test]
fn local_cues_and_joint_coherence_resolve_towns() {
    let geo = Geoparser::new(gazetteer());
    // (text, surface, expected country, expected admin1 or "")
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, &str)] = &[
        // a local institution or resident noun: a town, not a country by its fame
        ("Lebanon Police arrested a Lebanon woman on Thursday.", "Lebanon", "US", "Indiana"),
        // ... but a title names the country ("Russia President")
        ("The pro-Russia President Viktor Yanukovych fled.", "Russia", "RU", ""),
        // the seat of a county the article names, though neither is the likelier alone
        ("The history of Paris and Henry County is rich.", "Paris", "US", "Tennessee"),
        ("The history of Paris and Henry County is rich.", "Henry County", "US", "Tennessee"),
        // a capital of a country the article names keeps its reading
        ("Syria said Damascus would talk. Washington and Syria disagree; Syria waits.",
            "Damascus", "SY", ""),
        // no context: the famous reading
        ("Police in Paris arrested two men.", "Paris", "FR", ""),
    ];
    assert_resolutions(&geo, table);
}
