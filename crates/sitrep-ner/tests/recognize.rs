//! The recogniser on real text: the founding example and sentences written for these tests.
use sitrep_ner::Recognizer;
use sitrep_text::TextLayer;
use std::sync::OnceLock;

fn rec() -> &'static Recognizer {
    static R: OnceLock<Recognizer> = OnceLock::new();
    R.get_or_init(Recognizer::new)
}

fn entities(text: &str) -> Vec<(String, String)> {
    let layer = TextLayer::new(text);
    let ents = rec().recognize(&layer);
    for e in &ents {
        assert_eq!(&text[e.start..e.end], e.text, "offsets of {e:?}");
    }
    ents.into_iter().map(|e| (e.text, e.label)).collect()
}

const FOUNDING: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/isis-defeat-announcement.txt"
));

#[test]
fn founding_example_entities() {
    let got = entities(FOUNDING);
    let want = [
        ("Valery Gerasimov", "PER"),
        ("Vladimir Putin", "PER"),
        ("Syrian Democratic Forces", "ORG"),
        ("Russian General Staff", "ORG"),
        ("Russian Orthodox Church", "ORG"),
        ("Agenzia Fides", "ORG"),
        ("Syria", "LOC"),
        ("Deir Ezzor", "LOC"),
        ("Raqqa", "LOC"),
        ("Mosul", "LOC"),
        ("Idlib", "LOC"),
        ("Sochi", "LOC"),
        ("Syrian", "MISC"),
        ("Russian", "MISC"),
    ];
    for (text, label) in want {
        assert!(
            got.iter().any(|(t, l)| t == text && l == label),
            "missing {label} {text:?}; got {got:?}"
        );
    }
    // Every mention of Syria is a location, never an organisation or a person.
    for (t, l) in &got {
        if t == "Syria" {
            assert_eq!(l, "LOC");
        }
    }
}

#[test]
fn sentences_written_for_the_tests() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "Turkish President Recep Tayyip Erdogan met his Iranian counterpart in Ankara on Tuesday.",
            &[("Turkish", "MISC"), ("Recep Tayyip Erdogan", "PER"), ("Iranian", "MISC"), ("Ankara", "LOC")],
        ),
        (
            "Fighters loyal to the Islamic State attacked a police checkpoint near Kirkuk, the Iraqi army said.",
            &[("Islamic State", "ORG"), ("Kirkuk", "LOC"), ("Iraqi", "MISC")],
        ),
        (
            "The United Nations said on Friday that 20,000 people had fled Idlib province since January.",
            &[("United Nations", "ORG"), ("Idlib", "LOC")],
        ),
        (
            "Mexico's government sent 5,000 soldiers to Tamaulipas after the Gulf Cartel killed a mayor.",
            &[("Mexico", "LOC"), ("Tamaulipas", "LOC"), ("Gulf Cartel", "ORG")],
        ),
        (
            "\u{201c}We will not leave,\u{201d} said Ahmed Hassan, a spokesman for the Kurdish-led forces in Qamishli.",
            &[("Ahmed Hassan", "PER"), ("Qamishli", "LOC")],
        ),
    ];
    for (text, want) in cases {
        let got = entities(text);
        for (t, l) in *want {
            assert!(
                got.iter().any(|(gt, gl)| gt == t && gl == l),
                "{text}\nmissing {l} {t:?}; got {got:?}"
            );
        }
    }
}

#[test]
fn possessive_is_not_part_of_the_name() {
    let got = entities("Syria’s army and Russia's air force struck Idlib.");
    assert!(got.contains(&("Syria".into(), "LOC".into())), "{got:?}");
    assert!(got.contains(&("Russia".into(), "LOC".into())), "{got:?}");
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "   \n\n ",
        "!!!",
        "’s",
        "n't",
        "A",
        "ÉTAT ISLAMIQUE — Ḥamāh, ʿAbbās ‘Abbas al‑Sayyal 🙂 ١٢٣",
        "U.S.-backed",
        "\u{feff}Damascus",
    ] {
        let layer = TextLayer::new(text);
        for e in rec().recognize(&layer) {
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            assert_eq!(&text[e.start..e.end], e.text);
        }
    }
}

#[test]
fn recognizer_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Recognizer>();
    assert!(rec().feature_count() > 10_000, "embedded model is loaded");
}

#[test]
fn listed_name_is_an_org_in_any_case() {
    let text = "Isis fighters retreated to Baghuz. Kurdish commanders said Isis had lost its \
                last village. Isis still holds tunnels, and Isis supporters fled to al-Hawl.";
    let got = entities(text);
    let labels: Vec<&str> = got
        .iter()
        .filter(|(t, _)| t == "Isis")
        .map(|(_, l)| l.as_str())
        .collect();
    assert_eq!(labels.len(), 4, "{got:?}");
    assert!(labels.iter().all(|&l| l == "ORG"), "{got:?}");
}

#[test]
fn listed_organisations_are_whole_entities() {
    let got = entities("Children born into Islamic State families live in camps run by the Syrian Democratic Forces.");
    assert!(
        got.contains(&("Islamic State".into(), "ORG".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("Syrian Democratic Forces".into(), "ORG".into())),
        "{got:?}"
    );
}
