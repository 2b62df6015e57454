//! Helpers shared by the table-driven attribution tests.
#![allow(dead_code)]

use sitrep_actors::{actors, quotes};
use sitrep_model::Quote;
use sitrep_text::TextLayer;

/// The quotes of `text`, with the actors the pipeline would give them (no NER entities).
pub fn quotes_of(text: &str) -> Vec<Quote> {
    let layer = TextLayer::new(text);
    let a = actors(&layer, &[]);
    quotes(&layer, &[], &a)
}

/// (text, content, cue, source text or None)
pub type Row<'a> = (&'a str, &'a str, &'a str, Option<&'a str>);

/// Each row's content is found, with its cue and source, at offsets that index the text.
pub fn check(table: &[Row]) {
    for &(text, content, cue, source) in table {
        let qs = quotes_of(text);
        let q = qs
            .iter()
            .find(|q| q.content.text == content)
            .unwrap_or_else(|| panic!("{text}: no content {content:?} in {qs:#?}"));
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(cue), "{text}");
        assert_eq!(q.source.as_ref().map(|s| s.text.as_str()), source, "{text}");
        for s in [Some(&q.content), q.cue.as_ref()].into_iter().flatten() {
            assert_eq!(&text[s.start..s.end], s.text, "{text}: byte offsets");
        }
    }
}
