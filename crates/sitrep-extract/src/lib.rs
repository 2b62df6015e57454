//! The per-document pipeline: one pure function from a [`Document`] to an [`Analysis`].
//!
//! Stages run in a fixed order — segmentation, times, entities, actors, places, quotes, events —
//! each on byte offsets; the offsets are converted to code points once, at the end
//! ([`Analysis::bytes_to_chars`]). The pipeline holds only read-only resources, so one instance
//! is shared by all worker threads.
#![deny(missing_docs)]

use sitrep_gazetteer::Gazetteer;
use sitrep_geo::Geoparser;
use sitrep_model::{Analysis, DocError, Document};
use sitrep_ner::Recognizer;
use sitrep_text::TextLayer;
use std::sync::Arc;

/// The analysis pipeline with its shared resources.
#[derive(Debug)]
pub struct Pipeline {
    ner: Recognizer,
    geo: Option<Geoparser>,
}

impl Pipeline {
    /// A pipeline; without a gazetteer, `places` stay empty and an error says why.
    pub fn new(gazetteer: Option<Arc<Gazetteer>>) -> Pipeline {
        Pipeline {
            ner: Recognizer::new(),
            geo: gazetteer.map(Geoparser::new),
        }
    }

    /// Whether places are resolved (a gazetteer is loaded).
    pub fn has_gazetteer(&self) -> bool {
        self.geo.is_some()
    }

    /// Analyses one document. Never panics on any text; problems go into `errors`.
    pub fn analyze(&self, document: Document) -> Analysis {
        let mut analysis = Analysis::new(document);
        if analysis.document.text.trim().is_empty() {
            analysis.errors.push(DocError {
                kind: "empty".into(),
                message: format!("document {:?} has no text", analysis.document.id),
            });
            return analysis;
        }
        let text = analysis.document.text.clone();
        let layer = TextLayer::new(&text);
        let published = analysis.document.published;
        analysis.times = sitrep_time::extract(&layer, published);
        analysis.entities = self.ner.recognize(&layer);
        analysis.actors = sitrep_actors::actors(&layer, &analysis.entities);
        if let Some(geo) = &self.geo {
            analysis.places = geo.parse(&layer, &analysis.entities, &analysis.actors);
        }
        analysis.quotes = sitrep_actors::quotes(&layer, &analysis.entities, &analysis.actors);
        let ctx = sitrep_events::Context {
            layer: &layer,
            published,
            entities: &analysis.entities,
            places: &analysis.places,
            times: &analysis.times,
            actors: &analysis.actors,
            quotes: &analysis.quotes,
        };
        analysis.events = sitrep_events::extract(&ctx);
        analysis.bytes_to_chars();
        analysis
    }
}
