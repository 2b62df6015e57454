//! Folding: the normalised shadow copy that matching runs on.
//!
//! Folding lower-cases, strips diacritics (NFD, combining marks dropped), maps every
//! apostrophe/ayn/hamza style to `'`, every double quotation mark to `"`, every dash to `-` and
//! every space to ` `. It never changes the original text: [`Shadow`] keeps a byte map back.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of `c` to `out`.
pub fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '\u{02BE}' | '\u{02BF}'
        | '\u{02B9}' | '`' | '\u{00B4}' | '\u{2032}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => out.push('-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => {
            out.push(' ')
        }
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => {}
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'ı' => out.push('i'),
        'þ' | 'Þ' => out.push_str("th"),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    out.push(l);
                }
            }
        }),
    }
}

/// Whether byte `b` folds to itself lower-cased: ASCII other than the backtick and the tab
/// (which [`fold_char`] makes `'` and a space). Any other byte is part of a character that
/// only [`fold_char`] folds; a run of plain bytes folds byte for byte.
pub const fn is_plain_byte(b: u8) -> bool {
    b.is_ascii() && b != b'`' && b != b'\t'
}

/// [`BYTE_CLASS`] bit of a byte that does not fold to itself lower-cased (not
/// [`is_plain_byte`]).
const OTHER: u8 = 1;
/// [`BYTE_CLASS`] bit of an ASCII capital.
const CAPITAL: u8 = 2;
/// [`OTHER`] and [`CAPITAL`] bits of every byte value.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if !is_plain_byte(b) {
            OTHER
        } else if b.is_ascii_uppercase() {
            CAPITAL
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Folds a whole string (no offset map): the key function for dictionaries.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out` (what [`fold`] returns, without allocating when
/// `out` has room). Runs of ASCII other than backtick and tab, which fold to themselves in
/// lower case, are copied and lower-cased whole; only the other characters go through
/// [`fold_char`].
pub fn fold_into(s: &str, out: &mut String) {
    // Fast path for plain ASCII (nearly every token): one table lookup per byte, then a copy,
    // lower-cased only when it holds a capital.
    let mut class = 0u8;
    for &b in s.as_bytes() {
        class |= BYTE_CLASS[usize::from(b)];
    }
    if class & OTHER == 0 {
        let start = out.len();
        out.push_str(s);
        if class & CAPITAL != 0 {
            out[start..].make_ascii_lowercase();
        }
        return;
    }
    out.reserve(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let plain = rest
            .bytes()
            .position(|b| !is_plain_byte(b))
            .unwrap_or(rest.len());
        if plain > 0 {
            let start = out.len();
            out.push_str(&rest[..plain]);
            out[start..].make_ascii_lowercase();
            rest = &rest[plain..];
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            fold_char(c, out);
            rest = chars.as_str();
        }
    }
}

/// A folded copy of a text with a map from folded byte offsets to original byte offsets.
#[derive(Debug, Clone)]
pub struct Shadow {
    /// The folded text.
    pub text: String,
    /// For every byte of `text`, the original byte offset of the char it came from; one more
    /// entry at the end holds the original length.
    map: Vec<u32>,
    /// Original byte offset just after the char each folded byte came from.
    ends: Vec<u32>,
}

impl Shadow {
    /// Folds `original`.
    pub fn new(original: &str) -> Shadow {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut ends = Vec::with_capacity(original.len() + 1);
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if is_plain_byte(bytes[i]) {
                // a run of plain ASCII folds to itself lower-cased, byte for byte (as in
                // `fold_into`)
                let run = bytes[i..]
                    .iter()
                    .position(|&b| !is_plain_byte(b))
                    .unwrap_or(bytes.len() - i);
                let start = text.len();
                text.push_str(&original[i..i + run]);
                text[start..].make_ascii_lowercase();
                map.extend((i..i + run).map(|k| k as u32));
                ends.extend((i + 1..=i + run).map(|k| k as u32));
                i += run;
                continue;
            }
            let Some(c) = original[i..].chars().next() else {
                break;
            };
            let before = text.len();
            fold_char(c, &mut text);
            let end = (i + c.len_utf8()) as u32;
            for _ in before..text.len() {
                map.push(i as u32);
                ends.push(end);
            }
            i += c.len_utf8();
        }
        map.push(original.len() as u32);
        ends.push(original.len() as u32);
        Shadow { text, map, ends }
    }

    /// Original byte range of the folded range `start..end` (folded byte offsets).
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map[start] as usize;
        let e = if end == 0 {
            s
        } else {
            self.ends[end - 1] as usize
        };
        (s, e.max(s))
    }

    /// Folded byte offset at or after the original byte offset `orig` (binary search).
    pub fn folded_offset(&self, orig: usize) -> usize {
        self.map.partition_point(|&m| (m as usize) < orig)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_case_and_diacritics() {
        assert_eq!(fold("‘Abbas"), "'abbas");
        assert_eq!(fold("Qit’ah"), "qit'ah");
        assert_eq!(fold("Masra’at Shamr"), "masra'at shamr");
        assert_eq!(fold("Dayr az-Zawr – Ḥimṣ"), "dayr az-zawr - hims");
        assert_eq!(fold("São Paulo"), "sao paulo");
        assert_eq!(fold("“ISIS”"), "\"isis\"");
    }

    #[test]
    fn fold_into_appends_what_fold_char_gives() {
        for s in [
            "Dec.",
            "MID-October",
            "it`s",
            "a\tb",
            "Qit’ah",
            "2017-12-07",
            "",
            "ÉTÉ x",
            "“Deir ez-Zor” – ÇAĞLAYAN’s",
            // the short plain-ASCII fast path: at its length limit, past it, and left on the
            // last byte
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ-01234",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345",
            "Raqqa’",
            "TAB\t",
        ] {
            let mut want = String::new();
            for c in s.chars() {
                fold_char(c, &mut want);
            }
            let mut got = String::from("kept ");
            fold_into(s, &mut got);
            assert_eq!(got, format!("kept {want}"), "{s:?}");
            assert_eq!(fold(s), want);
        }
    }

    #[test]
    fn fold_of_a_real_article_is_fold_char_of_each_char() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/examples/isis-defeat-announcement.txt"
        );
        let text = std::fs::read_to_string(path).expect("founding example");
        let mut want = String::new();
        for c in text.chars() {
            fold_char(c, &mut want);
        }
        assert!(text.contains('’') && want.contains("isis"));
        assert_eq!(fold(&text), want);
        assert_eq!(Shadow::new(&text).text, want);
    }

    #[test]
    fn shadow_fast_path_equals_char_by_char_folding() {
        let founding = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/examples/isis-defeat-announcement.txt"
        ))
        .unwrap_or_default();
        for orig in [
            founding.as_str(),
            "Deir ez-Zor’s `Abbas\tQit’ah — ÉCOLE «Ramadi» 2017-12-07\u{301}",
        ] {
            let (mut text, mut map, mut ends) = (String::new(), Vec::new(), Vec::new());
            for (i, c) in orig.char_indices() {
                let before = text.len();
                fold_char(c, &mut text);
                for _ in before..text.len() {
                    map.push(i as u32);
                    ends.push((i + c.len_utf8()) as u32);
                }
            }
            map.push(orig.len() as u32);
            ends.push(orig.len() as u32);
            let sh = Shadow::new(orig);
            assert_eq!(sh.text, text);
            assert_eq!(sh.map, map);
            assert_eq!(sh.ends, ends);
        }
    }

    #[test]
    fn shadow_maps_back_to_original_offsets() {
        let orig = "near Ḥimṣ and ‘Abbas.";
        let sh = Shadow::new(orig);
        let fs = sh.text.find("'abbas").unwrap();
        let (s, e) = sh.original_range(fs, fs + "'abbas".len());
        assert_eq!(&orig[s..e], "‘Abbas");
        let fs = sh.text.find("hims").unwrap();
        let (s, e) = sh.original_range(fs, fs + 4);
        assert_eq!(&orig[s..e], "Ḥimṣ");
        assert_eq!(sh.folded_offset(s), fs);
    }
}
