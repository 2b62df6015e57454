//! Paragraphs, sentences and tokens as byte ranges of the original text.

use crate::quotes::{find_quotes, QuotePair};
use std::ops::Range;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, internal apostrophes, hyphens or dots, e.g. `al-Sayyal`,
    /// `Qit’ah`, `U.S.`, `Gen.`).
    Word,
    /// Starts with a digit: `2017`, `2,000`, `07/12/2017`, `10:30`, `3.5`, `17th`.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: a byte range of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Kind.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// One sentence: a byte range plus the range of its tokens in [`TextLayer::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte (first token).
    pub start: usize,
    /// End byte (after the last token).
    pub end: usize,
    /// Indices into [`TextLayer::tokens`].
    pub tokens: Range<usize>,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
}

/// The segmented view of one text. Everything is a byte range of `text`.
#[derive(Debug, Clone)]
pub struct TextLayer<'a> {
    /// The original text.
    pub text: &'a str,
    /// Paragraphs (non-blank lines or blocks separated by newlines), trimmed.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences in order; they never cross a paragraph.
    pub sentences: Vec<Sentence>,
    /// All tokens in order.
    pub tokens: Vec<Token>,
    /// Matched quotation-mark pairs (double marks of every style, and single ‘…’ pairs).
    pub quotes: Vec<QuotePair>,
}

/// Abbreviations whose period never ends a sentence when followed by a capitalised word
/// (titles, ranks) — lower-cased, without the dot.
const TITLE_ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "brig", "cmdr", "cdr", "gov", "sen", "rep", "rev", "fr", "st", "ste", "mt", "pres",
    "amb", "supt", "insp", "hon", "messrs", "mme", "mlle", "sr", "jr", "vs", "v", "etc", "approx",
    "dept", "univ", "assn", "corp", "inc", "ltd", "co", "bros", "gov't", "e.g", "i.e", "cf", "al",
    "fig", "est", "lieut", "sheikh",
];

/// Month abbreviations: their period never ends a sentence before a number.
const MONTH_ABBREVS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Abbreviations that take their period only before a number (`No. 10`, `Art. 5`).
const NUMBER_ABBREVS: &[&str] = &["no", "nos", "art", "vol", "pp", "p", "ch", "sec", "para"];

/// Capitalised words that usually start a sentence; after `U.S.`-style abbreviations they mark
/// a boundary.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Meanwhile",
    "However",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "If",
    "Some",
    "Many",
    "Most",
    "Officials",
    "So",
    "Yet",
    "Still",
    "Also",
    "Since",
    "According",
];

fn is_word_char(c: char) -> bool {
    // No combining mark is ASCII: ASCII punctuation and spaces skip the table lookup.
    c.is_alphanumeric() || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | 'ʿ' | 'ʾ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Characters that may open a word when glued to it (ayn/hamza transliterations: `‘Abbas`).
fn is_word_initial_mark(c: char) -> bool {
    matches!(c, 'ʿ' | 'ʾ')
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    // Sized for the worst case (all ASCII) up front: `collect` would start from a quarter
    // of that and grow by copying.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    chars.extend(text.char_indices());
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let off = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(text.len());
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}' {
            i += 1;
            continue;
        }
        let start = i;
        if is_word_char(c) || (is_word_initial_mark(c) && at(i + 1).is_some_and(is_word_char)) {
            let numeric = c.is_ascii_digit();
            i += 1;
            loop {
                match at(i) {
                    Some(d) if is_word_char(d) => i += 1,
                    // `said.Trump`: a lower-case word, a full stop without its space and a
                    // capitalised word are two sentences, not one token like `U.S.` or
                    // `gannett.com`
                    Some('.')
                        if at(i + 1).is_some_and(char::is_uppercase)
                            && at(i + 2).is_some_and(char::is_lowercase)
                            && i - start >= 2
                            && chars[start..i].iter().all(|&(_, c)| c.is_lowercase()) =>
                    {
                        break
                    }
                    Some(d)
                        if (is_apostrophe(d) || is_hyphen(d) || d == '.' || d == '&')
                            && at(i + 1).is_some_and(is_word_char) =>
                    {
                        i += 2
                    }
                    Some(d)
                        if numeric
                            && matches!(d, ',' | ':' | '/')
                            && at(i + 1).is_some_and(|e| e.is_ascii_digit()) =>
                    {
                        i += 2
                    }
                    _ => break,
                }
            }
            // A trailing period belongs to the token when it is an abbreviation.
            if at(i) == Some('.') && !numeric {
                let word = &text[off(start)..off(i)];
                let lower = word.to_lowercase();
                let next_word_start = (i + 1..n).find(|&j| !chars[j].1.is_whitespace());
                let next = next_word_start.and_then(at);
                let next_is_digit = next.is_some_and(|d| d.is_ascii_digit());
                let single_upper =
                    word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                let initials = word.contains('.');
                if TITLE_ABBREVS.contains(&lower.as_str())
                    || (MONTH_ABBREVS.contains(&lower.as_str())
                        && word.starts_with(char::is_uppercase))
                    || (NUMBER_ABBREVS.contains(&lower.as_str()) && next_is_digit)
                    || single_upper
                    || initials
                {
                    i += 1;
                }
            }
            let kind = if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push(Token {
                start: off(start),
                end: off(i),
                kind,
            });
        } else {
            i += 1;
            tokens.push(Token {
                start: off(start),
                end: off(i),
                kind: TokenKind::Punct,
            });
        }
    }
    tokens
}

fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let s = pos + (line.len() - line.trim_start().len());
            out.push(s..s + trimmed.len());
        }
        pos += line.len();
    }
    out
}

fn is_closing_punct(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "»" | ")" | "]" | "}")
}

fn is_opening_punct(s: &str) -> bool {
    matches!(s, "\"" | "“" | "‘" | "'" | "«" | "„" | "(" | "[")
}

impl<'a> TextLayer<'a> {
    /// Segments `text`.
    pub fn new(text: &'a str) -> TextLayer<'a> {
        let tokens = tokenize(text);
        let paragraphs = paragraphs(text);
        let mut sentences = Vec::new();
        let mut t = 0;
        for (pi, p) in paragraphs.iter().enumerate() {
            while t < tokens.len() && tokens[t].start < p.start {
                t += 1;
            }
            let first = t;
            while t < tokens.len() && tokens[t].end <= p.end {
                t += 1;
            }
            split_sentences(text, &tokens, first..t, pi, &mut sentences);
        }
        let quotes = find_quotes(text, &paragraphs);
        TextLayer {
            text,
            paragraphs,
            sentences,
            tokens,
            quotes,
        }
    }

    /// The sentence's text.
    pub fn sentence_text(&self, s: &Sentence) -> &'a str {
        &self.text[s.start..s.end]
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.clone()]
    }

    /// Index of the sentence containing byte offset `b` (the last one starting at or before it).
    pub fn sentence_at(&self, b: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.start <= b);
        (i > 0).then(|| i - 1)
    }

    /// Index of the first token starting at or after byte `b`.
    pub fn token_at_or_after(&self, b: usize) -> usize {
        self.tokens.partition_point(|t| t.start < b)
    }
}

fn split_sentences(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    if range.is_empty() {
        return;
    }
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let tok = tokens[i];
        let s = tok.text(text);
        let mut boundary_after = None;
        if matches!(s, "." | "!" | "?" | "…") {
            // Absorb runs of terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < range.end {
                let u = tokens[j].text(text);
                if matches!(u, "." | "!" | "?" | "…") || is_closing_punct(u) {
                    // A `'` or `"` (or a doubled `''`) after a space and glued to the next
                    // word opens the next quote: it does not close this one.
                    if matches!(u, "\"" | "'") && tokens[j - 1].end != tokens[j].start {
                        let mut k = j + 1;
                        if k < range.end
                            && tokens[k].text(text) == u
                            && tokens[k].start == tokens[k - 1].end
                        {
                            k += 1;
                        }
                        if k < range.end
                            && tokens[k].start == tokens[k - 1].end
                            && tokens[k].kind != TokenKind::Punct
                        {
                            break;
                        }
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            // `…MORE!” Trump wrote.`: a quote ending in ! or ? followed by its attribution.
            let closed_quote =
                j > i + 1 && matches!(s, "!" | "?") && is_closing_punct(tokens[j - 1].text(text));
            if j >= range.end
                || (starts_sentence(text, tokens, j, range.end)
                    && !(closed_quote && speech_follows(text, tokens, j, range.end)))
            {
                boundary_after = Some(j);
            }
        } else if tok.kind == TokenKind::Word && s.ends_with('.') && s.len() > 1 {
            // An abbreviation like `U.S.` may end a sentence before a typical sentence starter.
            let lower = s.trim_end_matches('.').to_lowercase();
            let is_title = TITLE_ABBREVS.contains(&lower.as_str());
            let j = i + 1;
            if j < range.end && !is_title && s.matches('.').count() >= 2 {
                let next = tokens[j].text(text);
                if SENTENCE_STARTERS.contains(&next) {
                    boundary_after = Some(j);
                }
            }
        }
        match boundary_after {
            Some(j) => {
                out.push(Sentence {
                    start: tokens[start].start,
                    end: tokens[j - 1].end,
                    tokens: start..j,
                    paragraph,
                });
                start = j;
                i = j;
            }
            None => i += 1,
        }
    }
    if start < range.end {
        out.push(Sentence {
            start: tokens[start].start,
            end: tokens[range.end - 1].end,
            tokens: start..range.end,
            paragraph,
        });
    }
}

/// Verbs that, right after a closing quotation mark, attribute the quote: `…!” Trump wrote.`
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "wrote",
    "writes",
    "added",
    "adds",
    "asked",
    "asks",
    "stated",
    "states",
    "tweeted",
    "declared",
    "insisted",
    "warned",
    "replied",
    "continued",
    "explained",
    "noted",
    "posted",
    "shouted",
    "cried",
    "exclaimed",
    "according",
];

/// Whether a speech verb follows within the next four words (the quote's attribution).
fn speech_follows(text: &str, tokens: &[Token], j: usize, end: usize) -> bool {
    tokens[j..end.min(j + 5)]
        .iter()
        .take_while(|t| !matches!(t.text(text), "." | "!" | "?" | "“" | "\""))
        .any(|t| SPEECH_VERBS.contains(&t.text(text)))
}

/// Whether token `j` can begin a new sentence.
fn starts_sentence(text: &str, tokens: &[Token], j: usize, end: usize) -> bool {
    let mut k = j;
    while k < end && is_opening_punct(tokens[k].text(text)) {
        k += 1;
    }
    if k >= end {
        return true;
    }
    let first = tokens[k].text(text).chars().next().unwrap_or(' ');
    first.is_uppercase() || first.is_ascii_digit() || k > j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        let l = TextLayer::new(text);
        l.sentences.iter().map(|s| l.sentence_text(s)).collect()
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let expected: Vec<&str> = $expected;
                assert_eq!(sents($input), expected);
            }
        };
    }

    t!(
        titles_do_not_split,
        "Lt. Gen. Sergei Rudskoi spoke. Gen. Valery Gerasimov agreed.",
        vec![
            "Lt. Gen. Sergei Rudskoi spoke.",
            "Gen. Valery Gerasimov agreed."
        ]
    );
    t!(
        us_inside_sentence,
        "The U.S. Army said it had left. The U.S. said no.",
        vec!["The U.S. Army said it had left.", "The U.S. said no."]
    );
    t!(
        us_at_sentence_end,
        "He flew to the U.S. The trip was short.",
        vec!["He flew to the U.S.", "The trip was short."]
    );
    t!(
        month_abbreviation_and_day,
        "It happened on Feb. 17. Then it rained on Dec. 7, 2017 in No. 10 Downing Street.",
        vec![
            "It happened on Feb. 17.",
            "Then it rained on Dec. 7, 2017 in No. 10 Downing Street."
        ]
    );
    t!(
        closing_quote_stays_with_sentence,
        "“The territory is liberated.” He added more. \"So it is,\" he said.",
        vec![
            "“The territory is liberated.”",
            "He added more.",
            "\"So it is,\" he said."
        ]
    );
    t!(
        attribution_after_exclamation_stays,
        "“Should be charging MUCH MORE!” Trump wrote on Twitter. The tweet drew attention.",
        vec![
            "“Should be charging MUCH MORE!” Trump wrote on Twitter.",
            "The tweet drew attention."
        ]
    );
    t!(
        doubled_apostrophe_quote_opens_the_next_sentence,
        "''We will leave,'' Mr. Rhodes said. ''The guiding basis is clear.''",
        vec![
            "''We will leave,'' Mr. Rhodes said.",
            "''The guiding basis is clear.''"
        ]
    );
    t!(
        missing_space_after_full_stop,
        "“It is over,” Trump said.Trump claimed victory. See gannett.com and U.S.A. Today.",
        vec![
            "“It is over,” Trump said.",
            "Trump claimed victory.",
            "See gannett.com and U.S.A. Today."
        ]
    );
    t!(
        paragraphs_always_split,
        "No full stop here\nNext paragraph.",
        vec!["No full stop here", "Next paragraph."]
    );

    #[test]
    fn tokens_keep_arabic_transliterations_whole() {
        let text =
            "near al-Sayyal, ‘Abbas, Qit’ah and Masra’at Shamr in 2017-12-07 (2,000 U.S. troops)";
        let l = TextLayer::new(text);
        let words: Vec<&str> = l.tokens.iter().map(|t| t.text(text)).collect();
        for w in [
            "al-Sayyal",
            "Qit’ah",
            "Masra’at",
            "2017-12-07",
            "2,000",
            "U.S.",
        ] {
            assert!(words.contains(&w), "{w} not in {words:?}");
        }
    }

    #[test]
    fn founding_example_segments_cleanly() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/examples/isis-defeat-announcement.txt"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let l = TextLayer::new(&text);
        assert_eq!(l.paragraphs.len(), 12);
        let s: Vec<&str> = l.sentences.iter().map(|s| l.sentence_text(s)).collect();
        assert!(s
            .iter()
            .any(|s| s.starts_with("Armed Forces Chief") || s.starts_with("“All terrorist units")));
        assert!(s.contains(&"Prior to the war, the Christian population in Syria was about 2 million, according to estimates."));
        for sent in &l.sentences {
            assert!(text.is_char_boundary(sent.start) && text.is_char_boundary(sent.end));
        }
    }
}
