//! Table-driven tests of the attribution forms PolNeAR annotates beyond "X said (that) …":
//! transcripts, passive agents, poll frames, dash credits, multi-word and particle cues,
//! subjectless passives and raising verbs. Sentences written for these rules.

mod common;

use common::{check, quotes_of, Row};

#[test]
fn attribution_forms() {
    let table: &[Row] = &[
        // Transcript turn: the label is the source, the colon the cue, the turn the content.
        (
            "Intro.\n\nWALLACE: Governor, will the talks resume before the winter?",
            "Governor, will the talks resume before the winter?",
            ":",
            Some("WALLACE"),
        ),
        // Passive with an agent: content is the subject, source the agent.
        (
            "The ceasefire plan was rejected by the rebel commanders on Sunday.",
            "The ceasefire plan",
            "was rejected by",
            Some("the rebel commanders"),
        ),
        // A sentence-initial poll frame.
        (
            "In a Reuters poll of 1,000 voters, the president's rating fell to 31 percent.",
            "the president's rating fell to 31 percent",
            "In",
            Some("a Reuters poll of 1,000 voters"),
        ),
        // A multi-word cue keeps its whole phrase.
        (
            "The minister made it clear that the border would stay closed.",
            "that the border would stay closed",
            "made it clear",
            Some("The minister"),
        ),
        // A particle cue: "spoke about" is a cue, its object the content.
        (
            "The governor spoke about the shelling of the port.",
            "the shelling of the port",
            "spoke about",
            Some("The governor"),
        ),
        // "is expected to": the clause is the content and nobody is its source.
        (
            "The parliament is expected to approve the budget next week.",
            "The parliament is expected to approve the budget next week",
            "is expected",
            None,
        ),
        // A subjectless passive report.
        (
            "It was revealed that the convoy had been diverted.",
            "that the convoy had been diverted",
            "was revealed",
            None,
        ),
        // "When asked whether …" has no source of its own.
        (
            "When asked whether he would resign, the mayor smiled.",
            "whether he would resign",
            "asked",
            None,
        ),
        // A progressive cue is active: its subject stays the source.
        (
            "The envoy is calling for an immediate halt to the fighting.",
            "an immediate halt to the fighting",
            "is calling for",
            Some("The envoy"),
        ),
        // A cue after a modal or a negation is still a verb.
        (
            "The ministry did not confirm the report.",
            "the report",
            "did not confirm",
            Some("The ministry"),
        ),
    ];
    check(table);
}

#[test]
fn dash_credit_after_a_quotation() {
    let text = "Letters.\n\n“The shelling has not stopped for three nights.” ― Amal Haddad";
    let qs = quotes_of(text);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert!(qs[0].direct);
    assert_eq!(qs[0].cue.as_ref().map(|c| c.text.as_str()), Some("―"));
    assert_eq!(
        qs[0].source.as_ref().map(|s| s.text.as_str()),
        Some("Amal Haddad")
    );
}

#[test]
fn not_attributions() {
    for text in [
        // "spoke" without a particle is not a cue.
        "The governor spoke to reporters in Homs.",
        // Percentage points are not a cue.
        "The lead shrank by four percentage points in a week.",
        // A newspaper rubric before a colon is not a speaker.
        "The Latest: Shelling resumes near the airport\n\nThe army fired at the hills.",
        // A capitalised correction label is not a speaker.
        "Intro.\n\nCORRECTION: An earlier version misstated the date of the strike.",
        // A participle modifying the subject does not end the sentence as a cue.
        "The report was published in March.",
    ] {
        let qs = quotes_of(text);
        assert!(qs.is_empty(), "{text}: {qs:#?}");
    }
}
