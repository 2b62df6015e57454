//! Actors (curated dictionary, ACLED types), quotes and attribution chains.
#![deny(missing_docs)]

use sitrep_model::{Actor, Entity, Quote};
use sitrep_text::TextLayer;

/// Actor mentions of a text (byte offsets), in order.
pub fn actors(layer: &TextLayer, entities: &[Entity]) -> Vec<Actor> {
    let _ = (layer, entities);
    Vec::new()
}

/// Quotes and reported speech with sources and relays (byte offsets), in order.
pub fn quotes(layer: &TextLayer, entities: &[Entity], actors: &[Actor]) -> Vec<Quote> {
    let _ = (layer, entities, actors);
    Vec::new()
}
