//! Quotation-mark pairing across every style: " “ ” „ « » and single ‘ ’ pairs.
//!
//! A double quote that is still open at the end of a paragraph continues into the next paragraph
//! when that paragraph opens with a quotation mark (the news convention for multi-paragraph
//! quotes). Single marks pair only inside one paragraph and only at word edges, so apostrophes
//! (`there’s`, `Qit’ah`) and transliteration marks (`‘Abbas`) are not taken for quotes.

use std::ops::Range;

/// A matched pair of quotation marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotePair {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark (of the last paragraph for multi-paragraph quotes).
    pub close: usize,
    /// Byte range between the marks (trimmed of spaces).
    pub content: Range<usize>,
    /// Double (true) or single (false) marks.
    pub double: bool,
    /// True when the quote spans more than one paragraph.
    pub multi_paragraph: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
}

fn double_role(text: &str, i: usize, c: char) -> Option<Role> {
    match c {
        '“' | '„' | '«' => Some(Role::Open),
        // `”Mr. Trump embodies …”`: a right mark after a space and glued to a word opens
        '”' if text[..i]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
            && text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric) =>
        {
            Some(Role::Open)
        }
        '”' | '»' => Some(Role::Close),
        '"' => {
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            let open_ctx = before.is_none_or(|b| b.is_whitespace() || "([{—–-:".contains(b));
            let close_ctx = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–-".contains(a));
            if open_ctx && !close_ctx {
                Some(Role::Open)
            } else if close_ctx {
                Some(Role::Close)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn single_role(text: &str, i: usize, c: char) -> Option<Role> {
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let b_edge = before.is_none_or(|b| b.is_whitespace() || "([{—–-\"“".contains(b));
    let a_edge = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–-\"”".contains(a));
    match c {
        '‘' if b_edge => Some(Role::Open),
        '’' if a_edge && !b_edge => Some(Role::Close),
        '\'' if b_edge && !a_edge => Some(Role::Open),
        '\'' if a_edge && !b_edge => Some(Role::Close),
        _ => None,
    }
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..(r.end - trail).max(r.start + lead)
}

/// The pair of the marks at byte `open` and `close`.
fn pair(text: &str, open: usize, close: usize, double: bool, multi: bool) -> QuotePair {
    let mark_len = text[open..].chars().next().map_or(1, char::len_utf8);
    QuotePair {
        open,
        close,
        content: trim_range(text, open + mark_len..close),
        double,
        multi_paragraph: multi,
    }
}

/// Finds the quotation pairs of `text`, whose paragraphs are `paragraphs`.
pub(crate) fn find_quotes(text: &str, paragraphs: &[Range<usize>]) -> Vec<QuotePair> {
    let mut out = Vec::new();
    // (open offset, paragraphs spanned so far) of a double quote carried across paragraphs.
    let mut carried: Option<usize> = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let ptext = &text[p.clone()];
        let mut open_double: Option<usize> = None;
        let mut open_single: Option<usize> = None;
        let first_char_is_open = ptext
            .chars()
            .next()
            .is_some_and(|c| double_role(text, p.start, c) == Some(Role::Open));
        if carried.is_some() && !first_char_is_open {
            carried = None; // the previous paragraph's quote was unbalanced, not continued
        }
        for (j, b) in ptext.bytes().enumerate() {
            // Only `"`, `'` and the lead bytes of “ ” ‘ ’ „ (E2) and « » (C2) can start a
            // mark; none of them is a UTF-8 continuation byte, so `j` is a char boundary.
            if !matches!(b, b'"' | b'\'' | 0xE2 | 0xC2) {
                continue;
            }
            let Some(c) = ptext[j..].chars().next() else {
                continue;
            };
            let i = p.start + j;
            let mut role = double_role(text, i, c);
            // German style: „…“ closes with the mark that opens in English.
            if c == '“' && open_double.is_some_and(|o| text[o..].starts_with('„')) {
                role = Some(Role::Close);
            }
            if let Some(role) = role {
                match role {
                    Role::Open => {
                        if j == 0 && carried.is_some() {
                            continue; // re-opening mark of a continued quote
                        }
                        open_double = Some(i);
                        open_single = None;
                    }
                    Role::Close => {
                        let opened = open_double.take().or(carried.take());
                        if let Some(o) = opened {
                            out.push(pair(text, o, i, true, o < p.start));
                        }
                    }
                }
            } else if c == '\'' && (text[i + 1..].starts_with('\'') || text[..i].ends_with('\'')) {
                // one mark of a doubled '' (a double quotation mark some papers use), not a
                // single quote
            } else if matches!(c, '‘' | '’' | '\'') {
                match single_role(text, i, c) {
                    Some(Role::Open) => open_single = Some(i),
                    Some(Role::Close) => {
                        if let Some(o) = open_single.take() {
                            out.push(pair(text, o, i, false, false));
                        }
                    }
                    None => {}
                }
            }
        }
        // An open double quote at paragraph end continues if the next paragraph opens with one.
        carried = match (open_double, carried) {
            (Some(o), _) => Some(o),
            (None, Some(o)) if pi + 1 < paragraphs.len() => Some(o),
            _ => None,
        };
    }
    out.sort_by_key(|q| q.open);
    out
}

#[cfg(test)]
mod tests {
    use crate::TextLayer;

    fn quotes(text: &str) -> Vec<&str> {
        let l = TextLayer::new(text);
        l.quotes.iter().map(|q| &text[q.content.clone()]).collect()
    }

    #[test]
    fn every_double_style_pairs() {
        assert_eq!(
            quotes("He said “a b,” then \"c d\" and «e f» and „g h“."),
            vec!["a b,", "c d", "e f", "g h"]
        );
    }

    #[test]
    fn mixed_straight_and_curly_pairs() {
        let t = "\"Therefore, as of today, there’s no territory controlled by ISIS in Syria,” he added.";
        assert_eq!(
            quotes(t),
            vec!["Therefore, as of today, there’s no territory controlled by ISIS in Syria,"]
        );
    }

    #[test]
    fn apostrophes_and_transliterations_are_not_quotes() {
        assert!(
            quotes("including Khutaytah, ‘Abbas, Masra’at Shamr, Qit’ah and Tal Bani.").is_empty()
        );
        assert_eq!(quotes("the so-called ‘caliphate’ fell"), vec!["caliphate"]);
    }

    #[test]
    fn right_mark_opening_and_doubled_apostrophes() {
        // a quote opened with the right mark still pairs; '' marks are no single quotes
        assert_eq!(
            quotes("He wrote: ”Mr. Trump embodies shame.” ― Sonya"),
            ["Mr. Trump embodies shame."]
        );
        assert!(quotes("''This is policy,'' he said.").is_empty());
        assert_eq!(quotes("It is ‘fine’, he said."), ["fine"]);
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let t = "He said: “First part of it.\n“Second part of it,” he said.\nOther text.";
        let l = TextLayer::new(t);
        assert_eq!(l.quotes.len(), 1);
        assert!(l.quotes[0].multi_paragraph);
        assert!(t[l.quotes[0].content.clone()].starts_with("First part"));
        assert!(t[l.quotes[0].content.clone()].ends_with("Second part of it,"));
    }
}
