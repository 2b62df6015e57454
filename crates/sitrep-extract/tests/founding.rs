//! The founding example through the whole pipeline: every stage on real text, with a gazetteer
//! imported from the shared Who's On First Syria archive (no network, no default gazetteer).
//! The Iraqi "Ramadi" needs world data and is covered by `sitrep-geo`'s own tests.

use sitrep_extract::Pipeline;
use sitrep_gazetteer::{haversine_km, Gazetteer};
use sitrep_model::{Analysis, Document, Event};
use std::sync::Arc;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// The pipeline over a gazetteer imported from the shared WOF Syria archive.
fn pipeline() -> Pipeline {
    let dir = tempfile::tempdir().unwrap();
    let wof = std::path::PathBuf::from(format!(
        "{SHARED}/data/gazetteer/whosonfirst-data-admin-sy.tar.gz"
    ));
    sitrep_gazetteer::import(dir.path(), &[wof], &|_| {}).expect("import WOF Syria");
    let gaz = Gazetteer::open(dir.path()).expect("open");
    Pipeline::new(Some(Arc::new(gaz)))
}

fn analysis() -> Analysis {
    let text = std::fs::read_to_string(format!("{SHARED}/examples/isis-defeat-announcement.txt"))
        .expect("founding example");
    pipeline().analyze(Document {
        id: "isis".into(),
        published: Some(jiff::civil::date(2017, 12, 7)),
        text,
        ..Document::default()
    })
}

fn chars(a: &Analysis, s: usize, e: usize) -> String {
    a.document.text.chars().skip(s).take(e - s).collect()
}

fn events<'a>(a: &'a Analysis, sub: &str) -> Vec<&'a Event> {
    a.events
        .iter()
        .filter(|e| e.sub_event_type == sub)
        .collect()
}

fn near(e: &Event, lat: f64, lon: f64, km: f64) -> bool {
    e.location
        .as_ref()
        .and_then(|l| Some(haversine_km(l.lat?, l.lon?, lat, lon)))
        .is_some_and(|d| d <= km)
}

/// Every span of every kind indexes `document.text` in code points.
fn assert_offsets(a: &Analysis) {
    for m in &a.times {
        assert_eq!(chars(a, m.start, m.end), m.text);
    }
    for m in &a.places {
        assert_eq!(chars(a, m.start, m.end), m.text);
    }
    for m in &a.entities {
        assert_eq!(chars(a, m.start, m.end), m.text);
    }
    for m in &a.actors {
        assert_eq!(chars(a, m.start, m.end), m.text);
    }
    for q in &a.quotes {
        assert_eq!(chars(a, q.content.start, q.content.end), q.content.text);
    }
    for q in &a.quotes {
        for s in q.cue.iter() {
            assert_eq!(chars(a, s.start, s.end), s.text);
        }
        if let Some(s) = &q.source {
            assert_eq!(chars(a, s.start, s.end), s.text);
        }
        for r in &q.via {
            assert_eq!(chars(a, r.start, r.end), r.text);
        }
    }
    for e in &a.events {
        assert_eq!(chars(a, e.evidence.start, e.evidence.end), e.evidence.text);
    }
}

#[test]
fn real_articles_give_valid_spans_and_no_errors() {
    let pipeline = pipeline();
    let corpus = std::fs::read_to_string(format!("{SHARED}/data/corpus/guardian-syria-2019.jsonl"))
        .expect("corpus");
    let mut places = 0;
    for line in corpus.lines().take(60) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let a = pipeline.analyze(Document {
            id: v["id"].as_str().unwrap_or("?").into(),
            published: v["published"]
                .as_str()
                .and_then(|d| d.get(..10)?.parse().ok()),
            text: v["text"].as_str().unwrap().into(),
            ..Document::default()
        });
        assert!(a.errors.is_empty(), "{:?}", a.errors);
        assert_offsets(&a);
        places += a.places.len();
    }
    assert!(places > 300, "only {places} places in 60 Syria articles");
}

#[test]
fn founding_example_end_to_end() {
    let a = analysis();
    assert_offsets(&a);

    // Times.
    let time = |t: &str| {
        a.times
            .iter()
            .find(|m| m.text == t)
            .map(|m| (m.value.as_str(), m.modifier.as_deref()))
    };
    assert_eq!(time("mid-October"), Some(("2017-10", Some("MID"))));
    assert_eq!(time("Monday"), Some(("2017-12-04", None)));
    assert_eq!(time("this week"), Some(("2017-W49", None)));

    // Places: the Syrian villages near Abu Kamal.
    for v in ["Jalaa", "al-Sayyal", "‘Abbas", "Qit’ah"] {
        let p = a
            .places
            .iter()
            .find(|p| p.text == v)
            .unwrap_or_else(|| panic!("{v} not found"));
        let d = haversine_km(p.lat.unwrap(), p.lon.unwrap(), 34.4506, 40.9171);
        assert!(d < 40.0, "{v} resolved {d:.0} km from Abu Kamal");
    }

    // Actors and quotes.
    let actor = |n: &str| {
        a.actors
            .iter()
            .find(|x| x.name == n)
            .map(|x| (x.kind.as_str(), x.country.as_deref()))
    };
    assert_eq!(
        actor("Military Forces of Syria"),
        Some(("state_forces", Some("SY")))
    );
    assert!(actor("Islamic State").is_some() && actor("Syrian Democratic Forces").is_some());
    assert!(actor("Hayat Tahrir al-Sham").is_some() && actor("Free Syrian Army").is_some());
    let gerasimov = a
        .quotes
        .iter()
        .find(|q| q.content.text.starts_with("All terrorist units"))
        .expect("quote");
    assert_eq!(
        gerasimov.source.as_ref().map(|s| s.name.as_str()),
        Some("Valery Gerasimov")
    );
    assert_eq!(gerasimov.via.first().map(|r| r.name.as_str()), Some("RT"));

    // Events: the villages regained this week, one event each, by Syria's forces from ISIS.
    let regained = events(&a, "Government regains territory");
    for (lat, lon, v) in [
        (34.6335, 40.8405, "Jalaa"),
        (34.6351, 40.8728, "Ramadi (SY)"),
    ] {
        let e = regained
            .iter()
            .find(|e| near(e, lat, lon, 5.0))
            .unwrap_or_else(|| panic!("no event at {v}"));
        assert_eq!(e.actor1.as_deref(), Some("Military Forces of Syria"));
        assert_eq!(e.actor2.as_deref(), Some("Islamic State"));
        let d = e.date.as_ref().unwrap();
        assert_eq!(
            (d.start, d.end),
            (
                Some(jiff::civil::date(2017, 12, 4)),
                Some(jiff::civil::date(2017, 12, 10))
            )
        );
        assert_eq!(e.modality, "asserted");
    }
    // Deir ez-Zor city regained by early November.
    assert!(regained.iter().any(|e| near(e, 35.3359, 40.1408, 25.0)
        && e.date.as_ref().and_then(|d| d.start) == Some(jiff::civil::date(2017, 11, 1))));
    // The "according to reports" villages are reported.
    assert!(regained
        .iter()
        .any(|e| e.modality == "reported" && e.evidence.text.contains("according to reports")));
    // Raqqa overtaken by the SDF from ISIS in October.
    let raqqa = events(&a, "Non-state actor overtakes territory");
    let r = raqqa
        .iter()
        .find(|e| near(e, 35.95, 39.01, 25.0))
        .expect("Raqqa event");
    assert_eq!(
        (r.actor1.as_deref(), r.actor2.as_deref()),
        (Some("Syrian Democratic Forces"), Some("Islamic State"))
    );
    assert_eq!(
        r.date.as_ref().and_then(|d| d.start).map(|d| d.month()),
        Some(10)
    );
    // The September breach as an armed clash.
    assert!(events(&a, "Armed clash")
        .iter()
        .any(|e| e.evidence.text.contains("breached ISIS lines")));
    // The Russian air strike near al-Sayyal, reported.
    let strike = events(&a, "Air/drone strike");
    let s = strike
        .iter()
        .find(|e| near(e, 34.57, 40.91, 10.0))
        .expect("strike near al-Sayyal");
    assert_eq!(s.actor1.as_deref(), Some("Military Forces of Russia"));
    assert_eq!(s.modality, "reported");
    assert_eq!(s.location.as_ref().unwrap().precision, 2);
}

#[test]
fn a_hard_wrapped_copy_reads_as_the_original() {
    let text = std::fs::read_to_string(format!("{SHARED}/examples/isis-defeat-announcement.txt"))
        .expect("founding example");
    let wrapped = sitrep_text::wrap_lines(&text, 72);
    assert_eq!(wrapped.len(), text.len());
    assert!(wrapped.lines().count() > 3 * text.lines().count());
    let pipeline = pipeline();
    let run = |t: &str| {
        pipeline.analyze(Document {
            id: "isis".into(),
            published: Some(jiff::civil::date(2017, 12, 7)),
            text: t.to_string(),
            ..Document::default()
        })
    };
    let (a, b) = (run(&text), run(&wrapped));
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    // spans keep the wrapped text's own newlines
    assert_offsets(&b);
    // everything else is what the one-paragraph-a-line original gives
    let strip = |a: &Analysis| {
        let mut v = serde_json::to_value(a).unwrap();
        v.as_object_mut().unwrap().remove("document");
        v.to_string().replace("\\n", " ")
    };
    assert_eq!(strip(&a), strip(&b));
    assert!(a.places.len() > 20 && a.events.len() > 3);
}
