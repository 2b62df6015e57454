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
use std::time::Instant;

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
        self.analyze_timed(document, &mut StageTimes::default())
    }

    /// [`Pipeline::analyze`], adding the time spent in each stage to `times`.
    pub fn analyze_timed(&self, document: Document, times: &mut StageTimes) -> Analysis {
        let mut analysis = Analysis::new(document);
        if analysis.document.text.trim().is_empty() {
            analysis.errors.push(DocError {
                kind: "empty".into(),
                message: format!("document {:?} has no text", analysis.document.id),
            });
            return analysis;
        }
        let text = std::mem::take(&mut analysis.document.text);
        let published = analysis.document.published;
        let mut clock = Instant::now();
        let mut lap = |slot: &mut f64| {
            let now = Instant::now();
            *slot += (now - clock).as_secs_f64();
            clock = now;
        };
        // (a hard-wrapped text is read with its wrapping newlines as spaces: same offsets)
        let unwrapped = sitrep_text::unwrap_lines(&text);
        let layer = TextLayer::new(unwrapped.as_deref().unwrap_or(&text));
        lap(&mut times.segment);
        analysis.times = sitrep_time::extract(&layer, published);
        lap(&mut times.time);
        analysis.entities = self.ner.recognize(&layer);
        lap(&mut times.entities);
        analysis.actors = sitrep_actors::actors(&layer, &analysis.entities);
        lap(&mut times.actors);
        if let Some(geo) = &self.geo {
            analysis.places = geo.parse(&layer, &analysis.entities, &analysis.actors);
            // A name the geoparser kept as a place (it rejects person names that are also
            // places) is not a person actor: "including Khutaytah, ‘Abbas, …".
            let places = &analysis.places;
            analysis.actors.retain(|a| {
                a.kind != "person" || !places.iter().any(|p| p.start == a.start && p.end == a.end)
            });
        }
        lap(&mut times.places);
        analysis.quotes = sitrep_actors::quotes(&layer, &analysis.entities, &analysis.actors);
        lap(&mut times.quotes);
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
        lap(&mut times.events);
        drop(layer);
        if unwrapped.is_some() {
            // (each span's text is the original's: its newlines, not the spaces read)
            analysis.for_each_span_mut(|t, s, e| {
                if let Some(o) = text.get(*s..*e) {
                    if t != o {
                        *t = o.to_string();
                    }
                }
            });
        }
        analysis.document.text = text;
        analysis.bytes_to_chars();
        analysis
    }
}

/// Seconds spent per stage, summed over documents.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    /// Segmentation (paragraphs, sentences, tokens, quotation pairs).
    pub segment: f64,
    /// Temporal expressions.
    pub time: f64,
    /// Named entities.
    pub entities: f64,
    /// Actors.
    pub actors: f64,
    /// Places.
    pub places: f64,
    /// Quotes and attribution.
    pub quotes: f64,
    /// Events.
    pub events: f64,
}

impl StageTimes {
    /// Adds another measurement.
    pub fn add(&mut self, o: &StageTimes) {
        self.segment += o.segment;
        self.time += o.time;
        self.entities += o.entities;
        self.actors += o.actors;
        self.places += o.places;
        self.quotes += o.quotes;
        self.events += o.events;
    }

    /// (stage name, seconds) in pipeline order.
    pub fn stages(&self) -> [(&'static str, f64); 7] {
        [
            ("segment", self.segment),
            ("times", self.time),
            ("entities", self.entities),
            ("actors", self.actors),
            ("places", self.places),
            ("quotes", self.quotes),
            ("events", self.events),
        ]
    }
}
