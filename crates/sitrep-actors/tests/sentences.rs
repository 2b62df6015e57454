//! Table-driven tests on sentences written for these rules.

use sitrep_actors::{actors, quotes};
use sitrep_model::{Entity, Quote};
use sitrep_text::TextLayer;

fn actor_names(text: &str) -> Vec<(String, String, String, Option<String>)> {
    let layer = TextLayer::new(text);
    actors(&layer, &[])
        .into_iter()
        .map(|a| (a.text, a.name, a.kind, a.country))
        .collect()
}

#[test]
fn dictionary_aliases_patterns_and_acronyms() {
    // (text, expected (surface, canonical name, type, country) mentions; None = no actor)
    type Mention<'a> = (&'a str, &'a str, &'a str, Option<&'a str>);
    let table: &[(&str, &[Mention])] = &[
        (
            "IS fighters attacked the town.",
            &[("IS", "Islamic State", "rebel_group", None)],
        ),
        ("It IS what it is, he said.", &[]),
        (
            "Isis fighters fled; the goddess isis was not involved.",
            &[("Isis", "Islamic State", "rebel_group", None)],
        ),
        ("The ap reported nothing.", &[]),
        (
            "The AP reported clashes.",
            &[("AP", "Associated Press", "media", Some("US"))],
        ),
        (
            "Houthi rebels fired missiles at Marib, Ansar Allah said.",
            &[
                ("Houthi rebels", "Houthis", "rebel_group", Some("YE")),
                ("Ansar Allah", "Houthis", "rebel_group", Some("YE")),
            ],
        ),
        (
            "Turkish warplanes struck PKK positions.",
            &[
                (
                    "Turkish warplanes",
                    "Military Forces of Turkey",
                    "state_forces",
                    Some("TR"),
                ),
                ("PKK", "Kurdistan Workers' Party", "rebel_group", Some("TR")),
            ],
        ),
        (
            "Fighting between the RSF and the SAF spread to El Fasher.",
            &[
                ("RSF", "Rapid Support Forces", "rebel_group", Some("SD")),
                ("SAF", "Sudanese Armed Forces", "state_forces", Some("SD")),
            ],
        ),
        (
            "Hay’at Tahrir al-Sham and Hayat Tahrir al Sham are the same group as Jabhat al-Nu?ra.",
            &[
                (
                    "Hay’at Tahrir al-Sham",
                    "Hayat Tahrir al-Sham",
                    "rebel_group",
                    Some("SY"),
                ),
                (
                    "Hayat Tahrir al Sham",
                    "Hayat Tahrir al-Sham",
                    "rebel_group",
                    Some("SY"),
                ),
                (
                    "Jabhat al-Nu?ra",
                    "Hayat Tahrir al-Sham",
                    "rebel_group",
                    Some("SY"),
                ),
            ],
        ),
        (
            "Ukrainian President Volodymyr Zelensky met Wagner commanders' rivals.",
            &[
                (
                    "Volodymyr Zelensky",
                    "Volodymyr Zelensky",
                    "person",
                    Some("UA"),
                ),
                ("Wagner", "Wagner Group", "external_forces", Some("RU")),
            ],
        ),
        (
            "An amnesty was declared; Amnesty International welcomed it.",
            &[(
                "Amnesty International",
                "Amnesty International",
                "organization",
                None,
            )],
        ),
    ];
    for &(text, expected) in table {
        let got = actor_names(text);
        let want: Vec<(String, String, String, Option<String>)> = expected
            .iter()
            .map(|&(s, n, k, c)| (s.into(), n.into(), k.into(), c.map(String::from)))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn generic_forces_take_the_documents_country() {
    let text = "Syrian troops advanced on Idlib. Government forces shelled the town as the \
                Syrian Arab Army pushed north.";
    let got = actor_names(text);
    let gov = got.iter().find(|a| a.0 == "Government forces");
    assert_eq!(
        gov.map(|a| (a.1.as_str(), a.3.as_deref())),
        Some(("Military Forces of Syria", Some("SY")))
    );
    // Without any country in the text the generic phrase is dropped.
    assert!(actor_names("Government forces shelled the town.").is_empty());
}

#[test]
fn titled_persons_and_surnames() {
    let text = "Russian Defence Minister Sergei Shoigu visited Latakia. Later, Shoigu said the \
                operation was over. Colonel Ahmed Hassan denied it.";
    let got = actor_names(text);
    let persons: Vec<(&str, &str, Option<&str>)> = got
        .iter()
        .filter(|a| a.2 == "person")
        .map(|a| (a.0.as_str(), a.1.as_str(), a.3.as_deref()))
        .collect();
    assert_eq!(
        persons,
        vec![
            ("Sergei Shoigu", "Sergei Shoigu", Some("RU")),
            ("Shoigu", "Sergei Shoigu", Some("RU")),
            ("Ahmed Hassan", "Ahmed Hassan", None),
        ]
    );
}

#[test]
fn a_compound_modifier_is_no_part_of_a_persons_name() {
    // "Seattle-based Starbucks announced": a company and its seat, not a speaker named
    // "Seattle-based Starbucks"; a name after a cue verb is still found
    let text = "The news came as Seattle-based Starbucks announced its results. \
                U.S.-backed Kurdish fighters said so. Fatima Ahmed said the town was quiet.";
    let persons: Vec<String> = actor_names(text)
        .into_iter()
        .filter(|a| a.2 == "person")
        .map(|a| a.0)
        .collect();
    assert_eq!(persons, vec!["Fatima Ahmed".to_string()]);
}

#[test]
fn ner_entities_are_used_when_present() {
    let text = "Maria Lopez of the Red Valley Collective told reporters the road was closed.";
    let layer = TextLayer::new(text);
    let ent = |s: &str, label: &str| {
        let start = text.find(s).unwrap_or(0);
        Entity {
            text: s.into(),
            start,
            end: start + s.len(),
            label: label.into(),
        }
    };
    let ents = vec![
        ent("Maria Lopez", "PER"),
        ent("Red Valley Collective", "ORG"),
    ];
    let a = actors(&layer, &ents);
    let kinds: Vec<(&str, &str)> = a
        .iter()
        .map(|a| (a.text.as_str(), a.kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("Maria Lopez", "person"),
            ("Red Valley Collective", "organization")
        ]
    );
    let q = quotes(&layer, &ents, &a);
    assert_eq!(q.len(), 1);
    assert_eq!(
        q[0].source.as_ref().map(|s| s.name.as_str()),
        Some("Maria Lopez")
    );
}

fn quotes_of(text: &str) -> Vec<Quote> {
    let layer = TextLayer::new(text);
    let a = actors(&layer, &[]);
    quotes(&layer, &[], &a)
}

#[test]
fn reported_speech_patterns() {
    // (text, content, direct, cue, source text, source name, relays)
    type Row<'a> = (
        &'a str,
        &'a str,
        bool,
        &'a str,
        &'a str,
        &'a str,
        &'a [&'a str],
    );
    let table: &[Row] = &[
        (
            "“We will not retreat,” said Colonel Ahmed Hassan.",
            "We will not retreat,",
            true,
            "said",
            "Colonel Ahmed Hassan",
            "Ahmed Hassan",
            &[],
        ),
        (
            "The ministry said that 12 people were killed in the strike.",
            "that 12 people were killed in the strike",
            false,
            "said",
            "The ministry",
            "ministry",
            &[],
        ),
        (
            "Twelve people were killed in the strike, the ministry said.",
            "Twelve people were killed in the strike",
            false,
            "said",
            "the ministry",
            "ministry",
            &[],
        ),
        (
            "According to the UN, 300 families fled the fighting.",
            "300 families fled the fighting",
            false,
            "According to",
            "the UN",
            "United Nations",
            &[],
        ),
        (
            "A local commander told Reuters that the convoy was hit twice.",
            "that the convoy was hit twice",
            false,
            "told",
            "A local commander",
            "local commander",
            &["Reuters"],
        ),
        (
            "The ISIS-linked news agency Amaq said the group carried out the attack.",
            "the group carried out the attack",
            false,
            "said",
            "The ISIS-linked news agency Amaq",
            "Islamic State",
            &["Amaq"],
        ),
        (
            "General John Smith arrived on Monday. He warned that the ceasefire would not hold.",
            "that the ceasefire would not hold",
            false,
            "warned",
            "He",
            "John Smith",
            &[],
        ),
        (
            "''The talks failed,'' said Ali Rahman, a spokesman for the council.",
            "The talks failed,",
            true,
            "said",
            "Ali Rahman",
            "Ali Rahman",
            &[],
        ),
        (
            "Scott Pruitt, the attorney general of Oklahoma, said the rule was illegal.",
            "the rule was illegal",
            false,
            "said",
            "Scott Pruitt, the attorney general of Oklahoma,",
            "Scott Pruitt",
            &[],
        ),
        (
            "Kerry: “The talks will resume next week.”",
            "The talks will resume next week.",
            true,
            ":",
            "Kerry",
            "Kerry",
            &[],
        ),
    ];
    for &(text, content, direct, cue, src_text, src_name, via) in table {
        let q = quotes_of(text);
        assert_eq!(q.len(), 1, "{text}: {q:#?}");
        let q = &q[0];
        assert_eq!(q.content.text, content, "{text}");
        assert_eq!(q.direct, direct, "{text}");
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(cue), "{text}");
        let s = q.source.as_ref();
        assert_eq!(s.map(|s| s.text.as_str()), Some(src_text), "{text}");
        assert_eq!(s.map(|s| s.name.as_str()), Some(src_name), "{text}");
        let v: Vec<&str> = q.via.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(v, via, "{text}");
    }
}

#[test]
fn interrupted_and_continued_quotes_keep_their_speaker() {
    let text = "“The town is ours,” the commander said, “and we will hold it.”\n\
                “Nobody will take it back from us again,” he added.\n\
                “We have enough ammunition for months of fighting.”";
    let q = quotes_of(text);
    let contents: Vec<&str> = q.iter().map(|q| q.content.text.as_str()).collect();
    assert_eq!(
        contents,
        vec![
            "The town is ours,",
            "and we will hold it.",
            "Nobody will take it back from us again,",
            "We have enough ammunition for months of fighting."
        ]
    );
    assert!(q.iter().all(|q| q.direct));
    assert!(q.iter().all(
        |q| q.source.as_ref().map(|s| s.name.as_str()) == Some("commander")
            || q.source.as_ref().map(|s| s.text.as_str()) == Some("he")
    ));
    assert_eq!(q[1].cue, q[0].cue);
}

#[test]
fn nouns_and_headlines_are_not_cues() {
    for text in [
        "His claims were dismissed by the court.",
        "The report was published in March.",
        "IT IS TIME TO GO HOME",
        "",
        "“",
        "Said Ahmed was born in Homs.",
    ] {
        assert!(quotes_of(text).is_empty(), "{text}: {:#?}", quotes_of(text));
    }
}

#[test]
fn according_to_reports_has_no_source() {
    let text = "Other locations were liberated in quick succession according to reports, including Khutaytah. The town fell, according to local media reports.";
    let layer = sitrep_text::TextLayer::new(text);
    let actors = sitrep_actors::actors(&layer, &[]);
    let quotes = sitrep_actors::quotes(&layer, &[], &actors);
    assert!(!quotes.is_empty(), "the attribution is still found");
    for q in &quotes {
        assert!(q.source.is_none(), "{q:?}");
    }
}
