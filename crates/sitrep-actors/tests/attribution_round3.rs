//! Table-driven tests of the third PolNeAR round: contents hold no other attribution (an outer
//! content ends before a coordinated or adverbial clause with its own subject and cue, which
//! starts its own attribution), fronted questions ("Asked whether …, X said …"), long addressees
//! before "that", participles inside a prepositional phrase, dashes. Sentences written for these
//! rules.

mod common;

use common::check;

#[test]
fn outer_contents_stop_before_another_attribution() {
    check(&[
        // ", and X said": a speech cue with its own subject starts its own attribution.
        (
            "Most residents said the water was unsafe, and two engineers said the pumps had \
             failed.",
            "the water was unsafe",
            "said",
            Some("Most residents"),
        ),
        (
            "Most residents said the water was unsafe, and two engineers said the pumps had \
             failed.",
            "the pumps had failed",
            "said",
            Some("two engineers"),
        ),
        // "while X suggests": contrast between two sources.
        (
            "The governor accuses the council of hiding the report while the council suggests \
             the governor never asked for it.",
            "the council of hiding the report",
            "accuses",
            Some("The governor"),
        ),
        // After a stance verb, any cue with a pronoun subject in an adverbial clause starts
        // its own attribution.
        (
            "The senator is backing the mayor because he worries the budget will collapse.",
            "the mayor",
            "is backing",
            Some("The senator"),
        ),
        (
            "The senator is backing the mayor because he worries the budget will collapse.",
            "the budget will collapse",
            "worries",
            Some("he"),
        ),
        // A coordinated verb phrase with auxiliaries: "… but did not say …".
        (
            "The minister said that the army would withdraw but did not say when the convoy \
             would leave.",
            "that the army would withdraw",
            "said",
            Some("The minister"),
        ),
    ]);
}

#[test]
fn coordinated_clauses_inside_reported_speech_stay() {
    check(&[
        // Reported speech coordinated with a belief clause of the same speaker stays whole.
        (
            "The farmer says the harvest is late but he feels the rain will come.",
            "the harvest is late but he feels the rain will come",
            "says",
            Some("The farmer"),
        ),
        // A reason with a full-noun subject belongs to the content.
        (
            "The council has refused to open the bridge because engineers are hoping to repair \
             it first.",
            "to open the bridge because engineers are hoping to repair it first",
            "has refused",
            Some("The council"),
        ),
        // Coordinated noun phrases are no clause ("and the drivers backed").
        (
            "The survey showed that farmers, traders and the drivers backed the plan.",
            "that farmers, traders and the drivers backed the plan",
            "showed",
            Some("The survey"),
        ),
        // A comma closing a fronted subordinate clause is no boundary.
        (
            "She said that if the talks failed, he would resign.",
            "that if the talks failed, he would resign",
            "said",
            Some("She"),
        ),
    ]);
}

#[test]
fn fronted_questions_and_far_complements() {
    check(&[
        // "Asked whether …, X said …": the question ends before the answer's subject.
        (
            "Asked whether the border would reopen, the minister said it would stay closed.",
            "whether the border would reopen",
            "Asked",
            None,
        ),
        (
            "Asked whether the border would reopen, the minister said it would stay closed.",
            "it would stay closed",
            "said",
            Some("the minister"),
        ),
        // "asked about X": the particle belongs to the cue.
        (
            "When asked about the shelling, the commander declined to comment.",
            "the shelling",
            "asked about",
            None,
        ),
        // A long addressee with commas before "that".
        (
            "The mayor told a crowd of farmers in Kisumu, Kenya, on the last day of the fair \
             that the road would be rebuilt.",
            "that the road would be rebuilt",
            "told",
            Some("The mayor"),
        ),
        // An adjunct with commas between "said" and "that".
        (
            "The mayor said on Friday, during a visit to the port, that the road would be \
             rebuilt.",
            "that the road would be rebuilt",
            "said",
            Some("The mayor"),
        ),
        // A participle inside a prepositional phrase reports nothing: the main clause does.
        (
            "In a statement released after the vote, the party said the count was fair.",
            "the count was fair",
            "said",
            Some("the party"),
        ),
        // A single dash ends an indirect content; a pair encloses a parenthetical.
        (
            "The minister said that the dam would hold – a claim engineers dispute.",
            "that the dam would hold",
            "said",
            Some("The minister"),
        ),
        (
            "The minister said that the dam – built in 1970 – would hold.",
            "that the dam – built in 1970 – would hold",
            "said",
            Some("The minister"),
        ),
        // "are expected to": the subject belongs to the content, nobody is the source.
        (
            "All three candidates are expected to speak at the rally on Thursday.",
            "All three candidates are expected to speak at the rally on Thursday",
            "are expected",
            None,
        ),
    ]);
}
