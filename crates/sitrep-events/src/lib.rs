//! ACLED-typed event extraction.
//!
//! * [`extract`]: the events of one analysed document, read clause by clause with trigger
//!   lexicons and frames (`data/triggers.tsv`, `data/cues.tsv`), using the actors, places,
//!   times and quotes the earlier stages found.
//! * [`classify`]: the ACLED sub-event type of a short snippet's main event (no other stage
//!   needed), scored by [`eval`] on the crate's own dev sets (`data/dev.tsv`, `dev2.tsv`,
//!   `dev3.tsv`: snippets written from the ACLED codebook definitions; the sets to write rules
//!   against) and on CASE 2021 Task 2 (a test set: report only).
//!
//! Negated events ("did not capture") are emitted with modality `denied`; hypothetical ones
//! ("threatened to seize", "options to dislodge") are not emitted.
#![deny(missing_docs)]

mod classify;
pub mod eval;
mod extract;
mod lexicon;
pub mod types;

pub use classify::{classify, classify_code};

use sitrep_model::{Actor, Entity, Event, Place, Quote, TimeMention};
use sitrep_text::TextLayer;

/// Everything the earlier stages found in one document (byte offsets).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The segmented text.
    pub layer: &'a TextLayer<'a>,
    /// Publication date.
    pub published: Option<jiff::civil::Date>,
    /// Named entities.
    pub entities: &'a [Entity],
    /// Places.
    pub places: &'a [Place],
    /// Time expressions.
    pub times: &'a [TimeMention],
    /// Actors.
    pub actors: &'a [Actor],
    /// Quotes.
    pub quotes: &'a [Quote],
}

/// Events of one document (evidence spans in byte offsets).
///
/// Each event's `evidence` is the clause it was read from; `location` is where it happened
/// (one event per place of a coordinated list); `date` comes from the clause's (else the
/// sentence's) time expression, else the week up to the publication date.
pub fn extract(ctx: &Context) -> Vec<Event> {
    extract::extract(ctx)
}
