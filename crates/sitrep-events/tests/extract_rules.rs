//! Table-driven extraction rules on sentences written for these tests, plus robustness.

mod common;

use common::*;
use jiff::civil::date;
use sitrep_events::{extract, Context};
use sitrep_model::{Event, Quote, TimeMention};
use sitrep_text::TextLayer;

const SY: Option<&str> = Some("SY");

fn actor_table() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
)> {
    vec![
        (
            "Syrian Army",
            "Military Forces of Syria",
            "state_forces",
            SY,
        ),
        (
            "Syrian troops",
            "Military Forces of Syria",
            "state_forces",
            SY,
        ),
        (
            "Turkish troops",
            "Military Forces of Turkey",
            "state_forces",
            Some("TR"),
        ),
        ("ISIS", "Islamic State", "rebel_group", None),
        ("Islamic State", "Islamic State", "rebel_group", None),
        ("SDF", "Syrian Democratic Forces", "rebel_group", SY),
        ("Amaq", "Amaq News Agency", "media", None),
        ("Reuters", "Reuters", "media", Some("GB")),
        (
            "the observatory",
            "Syrian Observatory for Human Rights",
            "organization",
            Some("GB"),
        ),
    ]
}

fn place_table() -> Vec<PlaceRow> {
    vec![
        ("Palmyra", None, "Palmyra", "SY", "PPL", 34.56, 38.28),
        ("Afrin", None, "Afrin", "SY", "PPLA2", 36.51, 36.87),
        ("Tabqa", None, "Tabqa", "SY", "PPL", 35.83, 38.55),
        ("Manbij", None, "Manbij", "SY", "PPL", 36.53, 37.95),
        ("Homs", None, "Homs", "SY", "PPLA", 34.73, 36.72),
        ("Hama", None, "Hama", "SY", "PPLA", 35.13, 36.75),
        ("Idlib", None, "Idlib", "SY", "PPLA", 35.93, 36.63),
    ]
}

fn run_with(text: &str, quotes: &[Quote], times: &[TimeMention]) -> Vec<Event> {
    let actors = actors(text, &actor_table());
    let places = places(text, &place_table());
    let layer = TextLayer::new(text);
    let ctx = Context {
        layer: &layer,
        published: Some(date(2018, 3, 20)),
        entities: &[],
        places: &places,
        times,
        actors: &actors,
        quotes,
    };
    let evs = extract(&ctx);
    for e in &evs {
        assert_eq!(&text[e.evidence.start..e.evidence.end], e.evidence.text);
    }
    evs
}

fn run(text: &str) -> Vec<Event> {
    run_with(text, &[], &[])
}

type Row = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

#[test]
fn frames_voice_and_modality() {
    // text, sub-event, actor1, actor2, place, modality
    let rows: &[Row] = &[
        (
            "Palmyra was captured by ISIS on Sunday.",
            "Non-state actor overtakes territory",
            Some("Islamic State"),
            None,
            Some("Palmyra"),
            "asserted",
        ),
        (
            "The Syrian Army recaptured Palmyra from ISIS.",
            "Government regains territory",
            Some("Military Forces of Syria"),
            Some("Islamic State"),
            Some("Palmyra"),
            "asserted",
        ),
        (
            "Tabqa fell to the SDF after a week of fighting.",
            "Non-state actor overtakes territory",
            Some("Syrian Democratic Forces"),
            None,
            Some("Tabqa"),
            "asserted",
        ),
        (
            "ISIS lost Tabqa to the SDF.",
            "Non-state actor overtakes territory",
            Some("Syrian Democratic Forces"),
            Some("Islamic State"),
            Some("Tabqa"),
            "asserted",
        ),
        // A foreign state's forces taking a town count as a non-state actor overtaking it.
        (
            "Turkish troops seized Afrin.",
            "Non-state actor overtakes territory",
            Some("Military Forces of Turkey"),
            None,
            Some("Afrin"),
            "asserted",
        ),
        (
            "The SDF reportedly seized Manbij.",
            "Non-state actor overtakes territory",
            Some("Syrian Democratic Forces"),
            None,
            Some("Manbij"),
            "reported",
        ),
        (
            "The Syrian Army did not capture Homs.",
            "Government regains territory",
            Some("Military Forces of Syria"),
            None,
            Some("Homs"),
            "denied",
        ),
        (
            "The Syrian Army denied that it had shelled Hama.",
            "Shelling/artillery/missile attack",
            Some("Military Forces of Syria"),
            None,
            Some("Hama"),
            "denied",
        ),
        (
            "Syrian troops may have shelled Hama.",
            "Shelling/artillery/missile attack",
            Some("Military Forces of Syria"),
            None,
            Some("Hama"),
            "uncertain",
        ),
        (
            "ISIS claimed the suicide bombing in Homs through Amaq.",
            "Suicide bomb",
            Some("Islamic State"),
            None,
            Some("Homs"),
            "claimed",
        ),
        // The subject of "was killed by a drone strike" is its target.
        (
            "An Islamic State commander was killed by a drone strike near Idlib.",
            "Air/drone strike",
            None,
            Some("Islamic State"),
            Some("Idlib"),
            "asserted",
        ),
        // The speaker of "said it had" is the agent; a helper "with the backing of" is not.
        (
            "The Syrian Army said it had recaptured Palmyra with the backing of Turkish troops.",
            "Government regains territory",
            Some("Military Forces of Syria"),
            None,
            Some("Palmyra"),
            // A party to the event says it: claimed.
            "claimed",
        ),
        // People, not territory: an arrest by state forces.
        (
            "Syrian troops captured 40 fighters near Hama.",
            "Arrests",
            Some("Military Forces of Syria"),
            None,
            Some("Hama"),
            "asserted",
        ),
        (
            "The SDF clashed with ISIS near Manbij.",
            "Armed clash",
            Some("Syrian Democratic Forces"),
            Some("Islamic State"),
            Some("Manbij"),
            "asserted",
        ),
    ];
    let mut bad = Vec::new();
    for &(text, sub, a1, a2, place, modality) in rows {
        let evs = run(text);
        if text.contains("Amaq") {
            let e = evs.iter().find(|e| e.sub_event_type == sub);
            assert_eq!(
                e.and_then(|e| e.via.first()).map(|v| v.name.as_str()),
                Some("Amaq News Agency")
            );
            assert_eq!(
                e.and_then(|e| e.source.as_ref()).map(|s| s.name.as_str()),
                Some("Islamic State")
            );
        }
        if text.contains("captured 40") {
            assert!(!evs.iter().any(|e| e.event_type == "Battles"), "{evs:?}");
        }
        if text.contains("fell to") {
            assert!(
                !evs.iter().any(|e| e.sub_event_type == "Armed clash"),
                "{evs:?}"
            );
        }
        let ok = evs.iter().any(|e| {
            e.sub_event_type == sub
                && e.actor1.as_deref() == a1
                && (a2.is_none() || e.actor2.as_deref() == a2)
                && e.location.as_ref().map(|l| l.name.as_str()) == place
                && e.modality == modality
        });
        if !ok {
            bad.push(format!(
                "{text}\n  got {:?}",
                evs.iter()
                    .map(|e| (
                        &e.sub_event_type,
                        &e.actor1,
                        &e.actor2,
                        e.location.as_ref().map(|l| &l.name),
                        &e.modality
                    ))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn precision_of_near_and_province() {
    let evs =
        run("Syrian troops shelled villages near Idlib. ISIS attacked positions in Hama province.");
    let near = evs
        .iter()
        .find(|e| e.sub_event_type == "Shelling/artillery/missile attack")
        .expect("shelling");
    assert_eq!(near.location.as_ref().map(|l| l.precision), Some(2));
    let prov = evs
        .iter()
        .find(|e| e.location.as_ref().is_some_and(|l| l.name == "Hama"))
        .expect("Hama event");
    assert_eq!(prov.location.as_ref().map(|l| l.precision), Some(3));
}

#[test]
fn hypothetical_events_are_not_emitted() {
    for text in [
        "ISIS threatened to seize Palmyra.",
        "The Syrian Army will recapture Idlib.",
        "Turkey weighed options to seize Afrin.",
        "More than 500,000 people have been killed in Homs since 2011.",
    ] {
        let evs = run(text);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
}

#[test]
fn talk_goods_and_politics_are_no_conflict_events() {
    // Sentences in the styles of political and crime news that once produced events.
    for text in [
        "The senator signed a letter to the Pentagon on Tuesday.",
        "The two companies agreed to merge in Homs.",
        "She clashed with the mayor of Hama over the budget.",
        "He fought for civil rights in Homs in the 1960s.",
        "Democrats rallied behind the special counsel in Idlib.",
        "Fans waved banners at the match in Hama.",
        "Police seized 300 kilos of cocaine in Palmyra.",
        "The amount of cocaine seized in Homs has spiked.",
        "Seizure rates rose in Hama last year.",
        "The team took over an earlier probe launched in Homs.",
        "Prosecutors issued a warrant for his arrest in Idlib.",
        "Kidnapping statistics for Homs are not published.",
        "Kidnappings are increasingly common in Homs.",
        "Police registered 200 kidnappings a week in Hama.",
        "The governor lost Homs by five points to Hillary Clinton.",
        "He said the scandal had damaged the party's standing in Hama.",
        "The minister has been under house arrest in Idlib since May.",
    ] {
        let evs = run(text);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
    // The same verbs with conflict actors, territory or weapons still make events.
    for (text, sub) in [
        ("ISIS and the SDF clashed near Manbij.", "Armed clash"),
        ("The SDF signed a truce with ISIS in Tabqa.", "Agreement"),
        (
            "Some 600 soldiers were deployed in Homs.",
            "Change to group/activity",
        ),
        (
            "Syrian troops seized weapons in Hama.",
            "Disrupted weapons use",
        ),
        (
            "ISIS seized the strategic eastern town of Palmyra.",
            "Non-state actor overtakes territory",
        ),
    ] {
        let evs = run(text);
        assert!(
            evs.iter().any(|e| e.sub_event_type == sub),
            "{text}: {evs:?}"
        );
    }
}

#[test]
fn quote_gives_source_and_via() {
    let text = "\u{201c}We liberated Manbij from ISIS,\u{201d} an SDF commander told Reuters.";
    let q = quote(
        text,
        "We liberated Manbij from ISIS,",
        "an SDF commander",
        "SDF commander",
        Some("Reuters"),
    )
    .expect("quote");
    let evs = run_with(text, &[q], &[]);
    let e = evs
        .iter()
        .find(|e| e.location.as_ref().is_some_and(|l| l.name == "Manbij"))
        .expect("event");
    assert_eq!(
        e.source.as_ref().map(|s| s.name.as_str()),
        Some("SDF commander")
    );
    assert_eq!(e.via.first().map(|v| v.name.as_str()), Some("Reuters"));
    assert_ne!(e.modality, "asserted");
}

#[test]
fn date_precision_follows_the_time_expression() {
    let text = "The Syrian Army recaptured Palmyra on Sunday. ISIS seized Tabqa in March.";
    let t = times(
        text,
        &[
            ("Sunday", "2018-03-18", date(2018, 3, 18), date(2018, 3, 18)),
            ("March", "2018-03", date(2018, 3, 1), date(2018, 3, 31)),
        ],
    );
    let evs = run_with(text, &[], &t);
    let p = evs
        .iter()
        .find(|e| e.location.as_ref().is_some_and(|l| l.name == "Palmyra"))
        .expect("Palmyra");
    let d = p.date.as_ref().expect("date");
    assert_eq!((d.start, d.precision), (Some(date(2018, 3, 18)), 1));
    let t = evs
        .iter()
        .find(|e| e.location.as_ref().is_some_and(|l| l.name == "Tabqa"))
        .expect("Tabqa");
    assert_eq!(t.date.as_ref().map(|d| d.precision), Some(3));
    // Without a time expression: the week up to publication.
    let evs = run("ISIS seized Tabqa.");
    let d = evs[0].date.as_ref().expect("date");
    assert_eq!(
        (d.start, d.end, d.precision),
        (Some(date(2018, 3, 14)), Some(date(2018, 3, 20)), 2)
    );
}

#[test]
fn empty_context_and_odd_text_never_panic() {
    for text in [
        "",
        "\n\n",
        "ISIS",
        "“",
        "seized seized seized",
        "Palmyra, , and , Afrin were liberated by",
    ] {
        let layer = TextLayer::new(text);
        let ctx = Context {
            layer: &layer,
            published: None,
            entities: &[],
            places: &[],
            times: &[],
            actors: &[],
            quotes: &[],
        };
        let _ = extract(&ctx);
        let _ = run(text);
    }
}

/// Every capitalised word of real articles (a dev corpus) as overlapping actor *and* place
/// mentions, plus stray offsets: extraction must not panic and evidence must stay exact.
#[test]
fn noisy_contexts_on_a_dev_corpus_never_panic() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/corpus/guardian-syria-2019.jsonl"
    );
    let raw = std::fs::read_to_string(path).expect("dev corpus");
    let mut n_events = 0;
    for line in raw.lines().take(25) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = v["text"].as_str().unwrap_or_default();
        let layer = TextLayer::new(text);
        let mut actors = Vec::new();
        let mut places = Vec::new();
        for (k, t) in layer.tokens.iter().enumerate() {
            let w = t.text(text);
            if !w.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let end = layer.tokens.get(k + 1).map(|n| n.end).unwrap_or(t.end);
            actors.push(sitrep_model::Actor {
                text: text[t.start..end].to_string(),
                start: t.start,
                end,
                name: w.to_string(),
                kind: ["state_forces", "rebel_group", "media", "civilians"][k % 4].into(),
                country: (k % 3 == 0).then(|| "SY".into()),
            });
            places.push(sitrep_model::Place {
                text: w.to_string(),
                start: t.start,
                end: t.end,
                name: Some(w.to_string()),
                id: None,
                country: None,
                admin1: None,
                feature: (k % 5 == 0).then(|| "PCLI".into()),
                lat: None,
                lon: None,
                confidence: 0.5,
            });
        }
        // Stray, out-of-range and inverted offsets.
        places.push(sitrep_model::Place {
            text: String::new(),
            start: text.len() + 10,
            end: text.len() + 20,
            name: None,
            id: None,
            country: None,
            admin1: None,
            feature: None,
            lat: None,
            lon: None,
            confidence: 0.0,
        });
        let ctx = Context {
            layer: &layer,
            published: Some(date(2019, 4, 10)),
            entities: &[],
            places: &places,
            times: &[],
            actors: &actors,
            quotes: &[],
        };
        for e in extract(&ctx) {
            assert_eq!(&text[e.evidence.start..e.evidence.end], e.evidence.text);
            n_events += 1;
        }
    }
    assert!(n_events > 0);
}

#[test]
fn coordinated_list_yields_one_event_per_place_even_with_an_unresolved_name() {
    // "Qaryatain" is not among the places (as if the place stage missed it).
    let evs = run("The Syrian Army liberated Palmyra, Qaryatain, Homs and Hama.");
    let mut names: Vec<&str> = evs
        .iter()
        .filter(|e| e.sub_event_type == "Government regains territory")
        .filter_map(|e| e.location.as_ref().map(|l| l.name.as_str()))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Hama", "Homs", "Palmyra"]);
}

/// Offsets from a buggy upstream stage (inside multi-byte chars, inverted, past the end,
/// overlapping) must never panic extraction.
#[test]
fn garbage_offsets_never_panic() {
    let text = "‘Abbas and Qit’ah were liberated by the Syrian Army near Palmyra — “ISIS lost Tabqa to the SDF”.";
    let layer = TextLayer::new(text);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % m
    };
    for round in 0..200 {
        let n = text.len() + 8;
        let mut actors = Vec::new();
        let mut places = Vec::new();
        let mut times = Vec::new();
        let mut quotes = Vec::new();
        for k in 0..6 {
            let (a, b) = (next(n), next(n));
            actors.push(sitrep_model::Actor {
                text: "x".into(),
                start: a,
                end: b,
                name: format!("A{k}"),
                kind: ["state_forces", "rebel_group", "media", "person"][k % 4].into(),
                country: None,
            });
            places.push(sitrep_model::Place {
                text: "y".into(),
                start: b,
                end: a,
                name: None,
                id: None,
                country: None,
                admin1: None,
                feature: None,
                lat: None,
                lon: None,
                confidence: 0.1,
            });
            times.push(TimeMention {
                text: "z".into(),
                start: a,
                end: a + next(20),
                kind: "DATE".into(),
                value: "2018".into(),
                modifier: None,
                range: Some([date(2018, 12, 31), date(2018, 1, 1)]),
            });
            quotes.push(Quote {
                content: sitrep_model::Span {
                    text: String::new(),
                    start: a,
                    end: b,
                },
                direct: round % 2 == 0,
                cue: None,
                source: None,
                via: vec![],
            });
        }
        // A few well-formed ones so that events do get built.
        actors.extend(common::actors(text, &actor_table()));
        places.extend(common::places(text, &place_table()));
        let ctx = Context {
            layer: &layer,
            published: Some(date(2018, 3, 20)),
            entities: &[],
            places: &places,
            times: &times,
            actors: &actors,
            quotes: &quotes,
        };
        for e in extract(&ctx) {
            assert_eq!(&text[e.evidence.start..e.evidence.end], e.evidence.text);
        }
    }
}

#[test]
fn adjectival_participles_and_prepositional_objects() {
    // "the liberated city" is no event.
    assert!(run("He worked in the liberated city of Palmyra.").is_empty());
    // The agent is the SDF, not Islamic State after "against".
    let evs = run("The SDF campaign against Islamic State took over Tabqa.");
    let e = evs
        .iter()
        .find(|e| e.location.as_ref().is_some_and(|l| l.name == "Tabqa"))
        .expect("Tabqa event");
    assert_eq!(e.actor1.as_deref(), Some("Syrian Democratic Forces"));
}
