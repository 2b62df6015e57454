//! sitrep's text layer.
//!
//! * [`ingest`]: reading inputs (`.txt`, `.html`, `.jsonl`, RSS/Atom, stdin, directories) into
//!   [`sitrep_model::Document`]s, with encoding detection and per-input errors.
//! * [`TextLayer`]: paragraphs, sentences, tokens and quotation-mark pairs of one text, all as
//!   byte ranges into the original string.
//! * [`Shadow`] / [`fold`]: a normalised (case-, diacritic-, quote-style-folded) shadow copy
//!   with a map back to original offsets, so matching can be done on folded text while
//!   offsets never move.
#![deny(missing_docs)]

mod fold;
pub mod ingest;
mod quotes;
mod segment;

pub use fold::{fold, fold_char, Shadow};
pub use quotes::QuotePair;
pub use segment::{Sentence, TextLayer, Token, TokenKind};
