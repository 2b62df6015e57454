//! ACLED-typed event extraction.
#![deny(missing_docs)]

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
pub fn extract(ctx: &Context) -> Vec<Event> {
    let _ = ctx;
    Vec::new()
}
