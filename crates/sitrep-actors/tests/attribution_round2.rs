//! Table-driven tests of the second PolNeAR round: content boundaries (doubled-apostrophe
//! quotations continued across "he said.", parenthesised sentences, interposed "according to",
//! raising and passive cues whose subject belongs to the content), sources (participles and
//! adverbials between source and cue, sentence-initial adverbials), cues (particles, poll
//! phrases, headlines) and nested attributions. Sentences written for these rules.

mod common;

use common::{check, quotes_of, Row};

#[test]
fn second_round_forms() {
    let table: &[Row] = &[
        // A doubled-apostrophe quotation after "he said." continues the speaker, although the
        // text layer leaves its opening mark at the end of the previous sentence.
        (
            "''The convoy left at dawn,'' Mr. Haddad said. ''Nobody stopped it.''",
            "Nobody stopped it.",
            "said",
            Some("Mr. Haddad"),
        ),
        // The closing '' of the first part is not part of the source of the second.
        (
            "''The road is open,'' Mr. Karimi said, ''and the trucks are moving.''",
            "and the trucks are moving.",
            "said",
            Some("Mr. Karimi"),
        ),
        // A parenthesised sentence: the source starts after "(", the content stops before ".)".
        (
            "The strike hit the depot.\n\n(The ministry has denied that the strike took place.)",
            "that the strike took place",
            "has denied",
            Some("The ministry"),
        ),
        // Interposed "according to": the content is the whole sentence around it.
        (
            "At the heart of the dispute, according to two officials, was a promise made to the \
             militias.",
            "At the heart of the dispute, according to two officials, was a promise made to the \
             militias",
            "according to",
            Some("two officials"),
        ),
        // A raising verb: its subject is part of the content, and nobody is the source.
        (
            "The ceasefire appears to be holding in the north.",
            "The ceasefire appears to be holding in the north",
            "appears",
            None,
        ),
        // A passive naming: the same.
        (
            "Colonel Haddad was named the new commander of the garrison.",
            "Colonel Haddad was named the new commander of the garrison",
            "was named",
            None,
        ),
        // A participle modifying the source noun is not the cue.
        (
            "A court document filed Thursday says the militia seized the depot.",
            "the militia seized the depot",
            "says",
            Some("A court document filed Thursday"),
        ),
        // An adverbial between source and cue is skipped.
        (
            "The spokesman in the past has voiced doubts about the talks.",
            "doubts about the talks",
            "voiced",
            Some("The spokesman"),
        ),
        // A participial cue after a sentence-initial adverbial: the subject follows the comma.
        (
            "After the briefing, the general left the base, calling the attack a provocation.",
            "the attack a provocation",
            "calling",
            Some("the general"),
        ),
        // A nested report with its own subject and complementiser.
        (
            "The mayor said that officials told him that the water supply was cut.",
            "that the water supply was cut",
            "told",
            Some("officials"),
        ),
        // The outer report keeps its whole content.
        (
            "The mayor said that officials told him that the water supply was cut.",
            "that officials told him that the water supply was cut",
            "said",
            Some("The mayor"),
        ),
        // "X said." split into its own sentence after a quotation.
        (
            "“The bridge is gone.” The colonel said.",
            "The bridge is gone.",
            "said",
            Some("The colonel"),
        ),
        // "said of …" after a quotation still attributes it.
        (
            "“It was a disaster,” the colonel said of the offensive during a call with reporters.",
            "It was a disaster,",
            "said",
            Some("the colonel"),
        ),
        // An adjunct between the cue and the comma before a quotation.
        (
            "As the envoy said last week in Geneva, “The talks cannot wait.”",
            "The talks cannot wait.",
            "said",
            Some("the envoy"),
        ),
        // A sentence-final poll phrase.
        (
            "The opposition candidate is leading in the latest polls.",
            "The opposition candidate is leading",
            "in",
            Some("the latest polls"),
        ),
        // A particle from data/cue_particles.txt belongs to the cue.
        (
            "The senator railed against the arms deal.",
            "the arms deal",
            "railed against",
            Some("The senator"),
        ),
        // Headlines: an addressee after "to" is not part of the speaker ...
        (
            "Clinton to Planned Parenthood: Trump will reverse the law.\n\nBody text here.",
            "Trump will reverse the law",
            ":",
            Some("Clinton"),
        ),
        // ... a rubric and a dash before the speaker are skipped ...
        (
            "EXCLUSIVE – Roger Stone: Do Not Trust the Machines.\n\nBody text here.",
            "Do Not Trust the Machines",
            ":",
            Some("Roger Stone"),
        ),
        // ... and "Poll:" is a source, as in PolNeAR.
        (
            "Poll: Rebels Lose Support in the North.\n\nBody text here.",
            "Rebels Lose Support in the North",
            ":",
            Some("Poll"),
        ),
    ];
    check(table);
}

#[test]
fn nested_reports_need_their_own_subject() {
    // A cue inside a content opens a nested report only after its own subject (a pronoun or a
    // short name opening a clause): not after a common-noun phrase, nor a relative "who".
    for text in [
        "The mayor said that the reports officials told him that morning were false.",
        "The mayor said that the officials who told reporters that story were wrong.",
    ] {
        let qs = quotes_of(text);
        let nested = qs
            .iter()
            .filter(|q| q.cue.as_ref().is_some_and(|c| c.text == "told"))
            .count();
        assert_eq!(nested, 0, "{text}: {qs:#?}");
    }
}
