//! Table-driven tests of the fourth PolNeAR round: exact content boundaries. Time adjuncts
//! after the cue ("said Tuesday …"), addressees before a bare clause ("tells voters she …"),
//! interrupting cues ("An economic downturn, he said, “could …”"; "This plan, he says, is …"),
//! mixed quotations that continue their sentence ("The plans “will not …,” she said"),
//! quotations inside a reported clause ("Morris says the campaign will “compete …”"), a comma
//! inside a closing mark ending the clause, non-restrictive relative clauses, and the
//! infinitive after a noun cue ("his decision to run"). Sentences written for these rules.

mod common;

use common::{check, quotes_of};

#[test]
fn time_adjunct_after_the_cue_is_not_content() {
    check(&[
        (
            "The governor said Tuesday his actions were consistent with the law.",
            "his actions were consistent with the law",
            "said",
            Some("The governor"),
        ),
        (
            "The mayor said on Friday he had met the rebel commander twice.",
            "he had met the rebel commander twice",
            "said",
            Some("The mayor"),
        ),
        (
            "The ministry announced earlier this week it would close the border crossing.",
            "it would close the border crossing",
            "announced",
            Some("The ministry"),
        ),
        // With a complementiser the content still starts at "that".
        (
            "The mayor said on Friday that the curfew would end.",
            "that the curfew would end",
            "said",
            Some("The mayor"),
        ),
    ]);
}

#[test]
fn addressee_before_a_bare_clause_is_not_content() {
    check(&[
        (
            "Sanders tells voters she is with them.",
            "she is with them",
            "tells",
            Some("Sanders"),
        ),
        (
            "The commander told a news conference they were planting mines along the road.",
            "they were planting mines along the road",
            "told",
            Some("The commander"),
        ),
        (
            "The general reminds his soldiers he will bring them home.",
            "he will bring them home",
            "reminds",
            Some("The general"),
        ),
    ]);
}

#[test]
fn interrupting_cue_joins_both_parts() {
    check(&[
        // A quotation continuing the lead in lower case: the lead is content too.
        (
            "An economic downturn, he said, “could be a good time to borrow.”",
            "An economic downturn",
            "said",
            Some("he"),
        ),
        (
            "An economic downturn, he said, “could be a good time to borrow.”",
            "could be a good time to borrow.",
            "said",
            Some("he"),
        ),
        // Indirect speech around the cue, with a short second part.
        (
            "This campaign, he says, is different.",
            "This campaign",
            "says",
            Some("he"),
        ),
        (
            "This campaign, he says, is different.",
            "is different",
            "says",
            Some("he"),
        ),
    ]);
    // A full quoted sentence after an adjunct: the adjunct is not content.
    let qs = quotes_of("In a statement, the spokesman said, “We will not negotiate.”");
    assert!(
        qs.iter().all(|q| q.content.text != "In a statement"),
        "{qs:#?}"
    );
    assert!(qs
        .iter()
        .any(|q| q.content.text == "We will not negotiate."));
}

#[test]
fn mixed_quotation_takes_the_start_of_its_sentence() {
    check(&[
        (
            "The new plans “will not solve this challenge, but are steps in the right direction,” \
             the minister said.",
            "The new plans “will not solve this challenge, but are steps in the right direction,”",
            "said",
            Some("the minister"),
        ),
        (
            "He was “a greatly respected colleague,” the company said.",
            "He was “a greatly respected colleague,”",
            "said",
            Some("the company"),
        ),
    ]);
    // A quoted full sentence keeps its own content.
    check(&[(
        "“We will hold the line,” the colonel said.",
        "We will hold the line,",
        "said",
        Some("the colonel"),
    )]);
}

#[test]
fn relative_clause_and_noun_infinitive() {
    check(&[
        (
            "The spokesman said the emails were exchanges between two aides, who later resigned.",
            "the emails were exchanges between two aides",
            "said",
            Some("The spokesman"),
        ),
        (
            "There was anger over the minister’s decision to close the crossing.",
            "to close the crossing",
            "decision",
            Some("minister"),
        ),
    ]);
}

#[test]
fn quotation_inside_a_reported_clause_is_part_of_it() {
    check(&[
        (
            "Morris says the campaign will “compete vigorously for the nomination.” The move was \
             first reported by local radio.",
            "the campaign will “compete vigorously for the nomination.”",
            "says",
            Some("Morris"),
        ),
        // The comma inside the closing mark ends the clause before a participle.
        (
            "The general insisted that his troops had “held every position,” claiming that the \
             rebels had fled.",
            "that his troops had “held every position,”",
            "insisted",
            Some("The general"),
        ),
        (
            "The general insisted that his troops had “held every position,” claiming that the \
             rebels had fled.",
            "that the rebels had fled",
            "claiming",
            Some("The general"),
        ),
    ]);
    // Not the source: "local radio" reported the move, not the quotation.
    let qs = quotes_of(
        "Morris says the campaign will “compete vigorously for the nomination.” The move was \
         first reported by local radio.",
    );
    assert!(qs.iter().all(
        |q| q.source.as_ref().is_none_or(|s| s.text != "local radio")
            || q.content.text == "The move"
    ));
}
