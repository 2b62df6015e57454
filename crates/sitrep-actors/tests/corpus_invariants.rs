//! Robustness on real news (`shared/data/corpus/*.jsonl`): no panic, every span is a slice of
//! the text at char boundaries, every actor type is a contract type, quotes are in order.

use sitrep_actors::{actors, quotes};
use sitrep_text::TextLayer;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/corpus/");

const TYPES: &[&str] = &[
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external_forces",
    "government",
    "media",
    "person",
    "organization",
];

fn check(text: &str) {
    let layer = TextLayer::new(text);
    let a = actors(&layer, &[]);
    for x in &a {
        assert!(x.start < x.end && text.get(x.start..x.end) == Some(x.text.as_str()));
        assert!(TYPES.contains(&x.kind.as_str()), "{x:?}");
        assert!(!x.name.is_empty());
    }
    assert!(
        a.windows(2).all(|w| w[0].end <= w[1].start),
        "actors overlap"
    );
    let q = quotes(&layer, &[], &a);
    for x in &q {
        let c = &x.content;
        assert!(c.start < c.end && text.get(c.start..c.end) == Some(c.text.as_str()));
        for s in x.cue.iter() {
            assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
        }
        if let Some(s) = &x.source {
            assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
            assert!(!s.name.is_empty());
        }
        for r in &x.via {
            assert_eq!(text.get(r.start..r.end), Some(r.text.as_str()));
        }
    }
    assert!(q
        .windows(2)
        .all(|w| w[0].content.start <= w[1].content.start));
}

#[test]
fn corpora_never_panic_and_spans_are_slices() {
    for file in [
        "guardian-syria-2019.jsonl",
        "reuters-2017q4.jsonl",
        "insightcrime.jsonl",
    ] {
        let data = std::fs::read_to_string(format!("{CORPUS}{file}")).expect("corpus readable");
        let mut n = 0;
        for line in data.lines().take(80) {
            let v: serde_json::Value = serde_json::from_str(line).expect("jsonl");
            check(v["text"].as_str().unwrap_or_default());
            n += 1;
        }
        assert!(n > 0, "{file} empty");
    }
}

#[test]
fn hostile_inputs_do_not_panic() {
    for text in [
        "",
        "\"",
        "“”",
        "“ ” said",
        "said",
        "according to",
        "According to",
        ", said X.",
        "IS",
        "Ta?rir ?? al-?",
        "Ḥayʼat Taḥrīr al-Shām said: «نص» — “مرحبا”",
        "He said: “unterminated\n\n“and continued",
        "))) (((, said ( the ( spokesman",
    ] {
        check(text);
    }
}
