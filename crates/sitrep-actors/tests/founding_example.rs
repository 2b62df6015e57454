//! The founding example (`shared/examples/isis-defeat-announcement.txt`, 2017-12-07): actors
//! with canonical names and types, quotes with their sources and relays.

use sitrep_actors::{actors, quotes};
use sitrep_model::{Actor, Quote};
use sitrep_text::TextLayer;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/isis-defeat-announcement.txt"
);

fn analyse() -> (String, Vec<Actor>, Vec<Quote>) {
    let text = std::fs::read_to_string(EXAMPLE).expect("founding example readable");
    let layer = TextLayer::new(&text);
    let a = actors(&layer, &[]);
    let q = quotes(&layer, &[], &a);
    (text.clone(), a, q)
}

#[test]
fn actors_have_canonical_names_types_and_countries() {
    let (text, actors, _) = analyse();
    // (surface, canonical name, type, country)
    let expected: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "Syrian Army",
            "Military Forces of Syria",
            "state_forces",
            Some("SY"),
        ),
        (
            "Syrian army",
            "Military Forces of Syria",
            "state_forces",
            Some("SY"),
        ),
        (
            "Syrian armed forces",
            "Military Forces of Syria",
            "state_forces",
            Some("SY"),
        ),
        ("ISIS", "Islamic State", "rebel_group", None),
        ("Islamic State", "Islamic State", "rebel_group", None),
        (
            "Syrian Democratic Forces",
            "Syrian Democratic Forces",
            "rebel_group",
            Some("SY"),
        ),
        ("SDF", "Syrian Democratic Forces", "rebel_group", Some("SY")),
        (
            "Russian forces",
            "Military Forces of Russia",
            "state_forces",
            Some("RU"),
        ),
        (
            "Russian bombers",
            "Military Forces of Russia",
            "state_forces",
            Some("RU"),
        ),
        (
            "Free Syrian Army",
            "Free Syrian Army",
            "rebel_group",
            Some("SY"),
        ),
        ("FSA", "Free Syrian Army", "rebel_group", Some("SY")),
        (
            "Hayat Ta?rir al-Sham",
            "Hayat Tahrir al-Sham",
            "rebel_group",
            Some("SY"),
        ),
        ("RT", "RT", "media", Some("RU")),
        ("BBC", "BBC", "media", Some("GB")),
        ("NDTV", "NDTV", "media", Some("IN")),
        ("Agenzia Fides", "Agenzia Fides", "media", Some("VA")),
        ("Valery Gerasimov", "Valery Gerasimov", "person", Some("RU")),
        ("Vladimir Putin", "Vladimir Putin", "person", Some("RU")),
        ("Putin", "Vladimir Putin", "person", Some("RU")),
    ];
    for &(surface, name, kind, country) in expected {
        let hit = actors.iter().find(|a| a.text == surface);
        let Some(a) = hit else {
            panic!("actor {surface:?} not found");
        };
        assert_eq!(
            (a.name.as_str(), a.kind.as_str(), a.country.as_deref()),
            (name, kind, country),
            "{surface}"
        );
    }
    for a in &actors {
        assert_eq!(&text[a.start..a.end], a.text, "offsets of {a:?}");
    }
    // "Armed Forces Chief of Staff General" is a role, not part of the name.
    assert!(!actors.iter().any(|a| a.name.contains("General")));
}

fn quote_with<'a>(quotes: &'a [Quote], start: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.content.text.starts_with(start) || q.content.text.contains(start))
        .unwrap_or_else(|| panic!("no quote with {start:?}"))
}

#[test]
fn quotes_are_attributed_to_their_speakers() {
    let (text, _, quotes) = analyse();
    // (content fragment, direct, source name, cue, relays)
    let table: &[(&str, bool, &str, &str, &[&str])] = &[
        (
            "All terrorist units of ISIS",
            true,
            "Valery Gerasimov",
            "said",
            &["RT"],
        ),
        (
            "Therefore, as of today",
            true,
            "Valery Gerasimov",
            "added",
            &[],
        ),
        (
            "Naturally, there might be",
            true,
            "Vladimir Putin",
            "saying",
            &[],
        ),
        (
            "Syria's ancient Christian heartland had been fully liberated",
            false,
            "Vladimir Putin",
            "told",
            &[],
        ),
        (
            "The situation in this country",
            true,
            "Vladimir Putin",
            "said",
            &[],
        ),
        (
            "Over the past few years",
            true,
            "Vladimir Putin",
            "stressed",
            &[],
        ),
        (
            "struck a deal to allow the quick exit",
            false,
            "BBC",
            "according to",
            &[],
        ),
        (
            "an ongoing ethnic cleansing of Christians",
            true,
            "Agenzia Fides",
            "published a report citing",
            &[],
        ),
    ];
    for &(frag, direct, source, cue, via) in table {
        let q = quote_with(&quotes, frag);
        assert_eq!(q.direct, direct, "{frag}");
        assert_eq!(
            q.source.as_ref().map(|s| s.name.as_str()),
            Some(source),
            "{frag}"
        );
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(cue), "{frag}");
        let names: Vec<&str> = q.via.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, via, "{frag}");
    }
    // Direct contents are the words inside the marks.
    let g = quote_with(&quotes, "All terrorist units");
    assert!(g.content.text.ends_with("the territory is liberated,"));
    for q in &quotes {
        assert_eq!(&text[q.content.start..q.content.end], q.content.text);
        if let Some(s) = &q.source {
            assert_eq!(&text[s.start..s.end], s.text);
        }
        for r in &q.via {
            assert_eq!(&text[r.start..r.end], r.text);
        }
    }
    // Scare quotes are not speech.
    assert!(!quotes
        .iter()
        .any(|q| q.direct && q.content.text == "moderate"));
}
