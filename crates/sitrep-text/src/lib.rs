//! sitrep's text layer.
//!
//! * [`TextLayer`]: paragraphs, sentences, tokens and quotation-mark pairs of one text, all as
//!   byte ranges into the original string.
//! * [`Shadow`] / [`fold`]: a normalised (case-, diacritic-, quote-style-folded) shadow copy
//!   with a map back to original offsets, so matching can be done on folded text while
//!   offsets never move.
//! * [`unwrap_lines`] (and its inverse [`wrap_lines`]): a hard-wrapped text with its wrapping
//!   newlines made spaces (same length, same offsets).
#![deny(missing_docs)]

mod fold;
mod quotes;
mod segment;
mod wrap;

pub use fold::{fold, fold_char, fold_into, is_plain_byte, Shadow};
pub use quotes::QuotePair;
pub use segment::{Sentence, TextLayer, Token, TokenKind};
pub use wrap::{unwrap_lines, wrap_lines};
