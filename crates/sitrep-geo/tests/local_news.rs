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
use sitrep_gazetteer::Gazetteer;
use sitrep_geo::Geoparser;
use sitrep_model::{Actor, Entity};
use sitrep_text::TextLayer;
use std::sync::{Arc, OnceLock};

#[rustfmt::skip]
const HAND: &[Hand] = &[
    r("United States", "US", "", "PCLI", 327_000_000, 39.76, -98.5),
    r("Syria", "SY", "", "PCLI", 22_000_000, 35.0, 38.0),
    r("Russia", "RU", "", "PCLI", 144_000_000, 60.0, 100.0),
    r("Lebanon", "LB", "", "PCLI", 6_800_000, 33.83, 35.83),
    r("Russia", "US", "Ohio", "PPL", 600, 40.23, -84.41).admin2("Shelby County"),
    r("Avondale", "US", "Arizona", "PPL", 85_000, 33.436, -112.35).admin2("Maricopa County"),
    r("DeKalb", "US", "Illinois", "PPL", 43_000, 41.929, -88.75).admin2("DeKalb County"),
    r("Winthrop", "US", "Massachusetts", "PPL", 18_000, 42.375, -70.983).admin2("Suffolk County"),
    r("Harwinton", "US", "Connecticut", "PPL", 5_500, 41.771, -73.06).admin2("Litchfield County"),
    r("Charleston", "US", "West Virginia", "PPLA", 50_000, 38.35, -81.633).admin2("Kanawha County"),
    r("Charleston", "US", "South Carolina", "PPL", 130_000, 32.776, -79.931).admin2("Charleston County"),
    r("West Virginia", "US", "West Virginia", "ADM1", 1_800_000, 38.5, -80.5),
    r("Superior", "US", "Wisconsin", "PPL", 27_000, 46.721, -92.104).admin2("Douglas County"),
    r("Kit Carson", "US", "Colorado", "PPL", 250, 38.763, -102.794).admin2("Cheyenne County"),
    r("Martin", "US", "Tennessee", "PPL", 11_000, 36.343, -88.85).admin2("Weakley County"),
    r("Paris", "FR", "Île-de-France", "PPLC", 2_138_551, 48.8534, 2.3488),
    r("Paris", "US", "Texas", "PPL", 25_171, 33.6609, -95.5555).admin2("Lamar County"),
    r("Paris", "US", "Tennessee", "PPLA2", 10_000, 36.302, -88.326).admin2("Henry County"),
    r("Henry County", "US", "Georgia", "ADM2", 200_000, 33.45, -84.15).admin2("Henry County"),
    r("Henry County", "US", "Tennessee", "ADM2", 32_000, 36.33, -88.3).admin2("Henry County"),
    r("Alexandria", "EG", "Alexandria", "PPLA", 3_811_516, 31.2018, 29.9158),
    r("Alexandria", "US", "Louisiana", "PPLA2", 47_000, 31.311, -92.445).admin2("Rapides Parish"),
    r("Pineville", "US", "Louisiana", "PPL", 14_000, 31.322, -92.434).admin2("Rapides Parish"),
    r("Lebanon", "US", "Indiana", "PPLA2", 15_800, 40.048, -86.469).admin2("Boone County"),
    r("Damascus", "SY", "Dimashq", "PPLC", 1_569_394, 33.5102, 36.2913),
    r("Damascus", "US", "Maryland", "PPL", 15_000, 39.288, -77.203).admin2("Montgomery County"),
    r("Washington", "US", "District of Columbia", "PPLC", 689_545, 38.895, -77.036),
];

fn gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| Arc::new(hand_gazetteer(HAND))).clone()
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
        // an abbreviation written in two words keeps its closing dot
        ("He was held in Charleston, W. Va., on Monday.", &[], &[], &["Charleston", "W. Va."]),
    ];
    for &(sentence, ents, persons, want) in table {
        let layer = TextLayer::new(sentence);
        let ents: Vec<Entity> = ents.iter().map(|&(s, l)| entity(sentence, s, l)).collect();
        let actors: Vec<Actor> = persons
            .iter()
            .map(|&s| actor(sentence, s, "person"))
            .collect();
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
        // ... and a compound's second member serves with the first ("NATO-Russia Council")
        ("Ohio senators backed the move. NATO froze its contacts with Moscow in the \
          NATO-Russia Council on Tuesday.", "Russia", "RU", ""),
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
