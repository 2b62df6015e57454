//! Actors (curated dictionary, ACLED types), quotes and attribution chains.
//!
//! * [`actors`]: dictionary matches over the folded shadow text (aliases, acronyms, damaged
//!   letters), "<demonym> forces" patterns, titled persons, NER persons and organisations,
//!   surname-only mentions of people named before.
//! * [`quotes`]: direct quotes attached to an adjacent cue, indirect speech around cue verbs
//!   ("X said that …", "…, X said", "according to X, …"), multi-word and particle cues
//!   ("made it clear", "spoke about"), passives with and without an agent, transcript turns
//!   ("WALLACE: …"), poll frames ("In a CNN poll, …", "… is leading in the polls"), dash
//!   credits (“…” ― Name), headlines ("Clinton to Planned Parenthood: …"), nested reports with
//!   their own subject ("He said that officials told him that …"), sources resolved through
//!   titles and pronouns, relays (outlets, agencies) nearest first. Content boundaries follow
//!   PolNeAR's convention (see `examples/polnear_stats.rs`, mode `bcat`).
//!
//! Dictionaries live in `data/` and are built once on first use.
#![deny(missing_docs)]

mod attrib;
mod dict;
pub mod eval;
mod find;

use sitrep_model::{Actor, Entity, Quote};
use sitrep_text::TextLayer;

/// Actor mentions of a text (byte offsets), in order.
pub fn actors(layer: &TextLayer, entities: &[Entity]) -> Vec<Actor> {
    find::find_actors(layer, entities)
}

/// Quotes and reported speech with sources and relays (byte offsets), in order.
pub fn quotes(layer: &TextLayer, entities: &[Entity], actors: &[Actor]) -> Vec<Quote> {
    attrib::find_quotes(layer, entities, actors)
}
