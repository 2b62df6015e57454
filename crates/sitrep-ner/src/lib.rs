//! Named entity recognition with CoNLL labels (PER, ORG, LOC, MISC).
#![deny(missing_docs)]

use sitrep_model::Entity;
use sitrep_text::TextLayer;

/// The entity recogniser. Built once, shared by all documents (`Send + Sync`).
#[derive(Debug, Default)]
pub struct Recognizer {}

impl Recognizer {
    /// The recogniser with its built-in resources.
    pub fn new() -> Recognizer {
        Recognizer {}
    }

    /// Entities of a text, byte offsets, in order.
    pub fn recognize(&self, layer: &TextLayer) -> Vec<Entity> {
        let _ = layer;
        Vec::new()
    }
}
