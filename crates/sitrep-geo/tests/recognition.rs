//! Recognition rules for standalone names the tagger mislabels and for capitalised common
//! words: a person's town ("Bowers, 19, of Martinez", "Daniel Ray Hufstetler of Roswell"), a
//! municipality ("the City of Athens"), a name before its state ("Greer, South Carolina"), one
//! sense per document ("in Greer" … "Greer's city limits"), resident nouns, states before a
//! speech verb; and, not places, sentence-opening words the tagger saw no name in ("Wash your
//! hands"), names after a possessive ("New Year's Eve"), stop-listed nouns and demonyms.
//!
//! Gazetteer used: a small hand-made set written in this file (facts: names, ISO codes,
//! approximate populations and coordinates). The entity and actor spans are written by hand
//! as the pipeline's tagger gives them on such sentences.

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
    r("South Carolina", "US", "South Carolina", "ADM1", 5_000_000, 34.0, -81.0),
    r("Illinois", "US", "Illinois", "ADM1", 12_800_000, 40.0, -89.0),
    r("Greer", "US", "South Carolina", "PPL", 30_000, 34.939, -82.227),
    r("Martinez", "US", "California", "PPL", 38_000, 38.019, -122.134),
    r("Roswell", "US", "Georgia", "PPL", 94_000, 34.023, -84.362),
    r("Lexington", "US", "Kentucky", "PPL", 320_000, 37.989, -84.478),
    r("Athens", "US", "Georgia", "PPL", 120_000, 33.961, -83.378),
    r("Torrington", "US", "Connecticut", "PPL", 34_000, 41.8, -73.121),
    r("Welch", "US", "West Virginia", "PPL", 1_800, 37.433, -81.585),
    r("Uber", "FR", "", "PPL", 1_000, 45.0, 5.0),
    r("Wash", "US", "", "PPL", 1_000, 40.0, -90.0),
    r("Poor", "ID", "", "PPL", 1_000, -7.0, 110.0),
    r("Eve", "US", "", "PPL", 1_000, 37.0, -93.0),
    r("Law", "GB", "Scotland", "PPL", 3_000, 55.75, -3.88),
    r("Nazi", "SY", "", "PPL", 1_000, 35.0, 37.0),
    r("Cambridge", "GB", "England", "PPL", 128_000, 52.2, 0.117),
    r("Chesterton", "GB", "England", "PPL", 5_000, 52.217, 0.133),
];

fn gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| Arc::new(hand_gazetteer(HAND))).clone()
}

/// (text, the tagger's entities (surface, occurrence, label), actors (surface, kind),
/// expected places in order)
type Case = (
    &'static str,
    &'static [(&'static str, usize, &'static str)],
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

fn check(table: &[Case]) {
    let geo = Geoparser::new(gazetteer());
    for &(text, ents, acts, want) in table {
        let layer = TextLayer::new(text);
        let ents: Vec<Entity> = ents
            .iter()
            .map(|&(s, n, l)| entity_at(text, s, n, l))
            .collect();
        let acts: Vec<Actor> = acts.iter().map(|&(s, kind)| actor(text, s, kind)).collect();
        let places = geo.parse(&layer, &ents, &acts);
        assert_eq!(texts(&places), want, "{text}");
        for p in &places {
            assert_eq!(&text[p.start..p.end], p.text);
        }
    }
}

#[test]
fn a_persons_town_a_municipality_and_a_name_before_its_state() {
    #[rustfmt::skip]
    check(&[
        // "<person>, <age>, of <town>": the tagger's PER on the town is its doubt
        ("Christopher Sean Bowers, 19, of Martinez, threatened her with a gun.",
            &[("Christopher Sean Bowers", 0, "PER"), ("Martinez", 0, "PER")],
            &[("Christopher Sean Bowers", "person")], &["Martinez"]),
        // "<person> of <town>", the person tagged alone or together with the town
        ("The driver, Daniel Ray Hufstetler of Roswell, was listed in stable condition.",
            &[("Daniel Ray Hufstetler", 0, "PER")],
            &[("Daniel Ray Hufstetler", "person")], &["Roswell"]),
        ("Crystal N. Bright of Lexington was charged on Monday.",
            &[("Crystal N. Bright of Lexington", 0, "PER")],
            &[("Crystal N. Bright of Lexington", "person")], &["Lexington"]),
        ("She was formerly of Greer and moved away in May.",
            &[("Greer", 0, "PER")], &[], &["Greer"]),
        // ... but a surname is no town
        ("Daniel Roswell was charged on Monday.",
            &[("Daniel Roswell", 0, "PER")], &[("Daniel Roswell", "person")], &[]),
        // a municipality the tagger calls an organisation
        ("The City of Athens canceled the general elections.",
            &[("City of Athens", 0, "ORG")], &[("City of Athens", "organization")], &["Athens"]),
        // a name before its state or country
        ("Greer, South Carolina, grew fast last year.",
            &[("Greer", 0, "PER")], &[], &["Greer", "South Carolina"]),
        ("Greer, Smith and Jones won the election.",
            &[("Greer", 0, "PER"), ("Smith", 0, "PER"), ("Jones", 0, "PER")], &[], &[]),
        // a resident noun in the singular
        ("A Torrington firefighter was hurt on Sunday.",
            &[("Torrington", 0, "ORG")], &[], &["Torrington"]),
        // a state before a speech verb is no speaker
        ("Officials in central Illinois say a body was found.", &[], &[], &["Illinois"]),
    ]);
}

#[test]
fn one_sense_per_document_for_the_taggers_exact_tags() {
    #[rustfmt::skip]
    check(&[
        // cued once as a place, untagged there: the tagger's PER elsewhere is its doubt
        ("Greer's city limits stretch north. Most residents in Greer work nearby.",
            &[("Greer", 0, "PER")], &[], &["Greer", "Greer"]),
        // a person all through: every occurrence tagged PER
        ("Police said Welch was stabbed. Officers found Welch in Greer.",
            &[("Welch", 0, "PER"), ("Welch", 1, "PER"), ("Greer", 0, "LOC")], &[], &["Greer"]),
        // "from" is too weak a cue to restore the tagger's ORG elsewhere (only the untagged
        // name after "from" is kept, as before)
        ("Uber has been told to stop its tests. The cars came from Uber last year.",
            &[("Uber", 0, "ORG")], &[], &["Uber"]),
    ]);
}

#[test]
fn capitalised_common_words_are_no_places() {
    #[rustfmt::skip]
    check(&[
        // sentence-opening words in which the tagger saw no name
        ("Wash your hands before dinner in Greer. Poor visibility closed the road.",
            &[("Greer", 0, "LOC")], &[], &["Greer"]),
        // ... while a tagged name opening a sentence stays
        ("Greer grew fast last year. It is in South Carolina.",
            &[("Greer", 0, "LOC"), ("South Carolina", 0, "LOC")], &[], &["Greer", "South Carolina"]),
        // the second word of a possessive name, unless the owner is a place
        ("He was last seen on New Year's Eve in Greer.", &[], &[], &["Greer"]),
        ("She swims at Cambridge's Chesterton sports centre.", &[], &[], &["Cambridge", "Chesterton"]),
        // stop-listed nouns and a regime's adjective
        ("He studied at the College of Law under the Nazi occupation.", &[], &[], &[]),
    ]);
}
