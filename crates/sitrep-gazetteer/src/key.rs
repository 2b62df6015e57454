//! `name_key`: the one folding function for place names.
//!
//! Both the gazetteer (when it indexes names) and the geoparser (when it looks a surface form
//! up) go through [`name_key`], so variants of one name meet on one key. The rules are general
//! transliteration rules (see the function's documentation); the only list is
//! `data/generic_words.tsv`, a handful of generic toponym words (tell, jabal, khirbat...).

use std::collections::HashMap;
use std::sync::OnceLock;

/// Article forms dropped when they stand as a separate word before another word.
const ARTICLES: &[&str] = &[
    "al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "az", "ez", "at", "et", "an",
    "en", "adh", "edh", "ath", "eth", "ul",
];

/// Consonants of the Arabic article's assimilated forms ("ez-Zor" written "Ezzor").
const SUN_LETTERS: &[char] = &['t', 'd', 'r', 'z', 's', 'n'];

fn generic_words() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../data/generic_words.tsv").lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((canon, variants)) = line.split_once('\t') else {
                continue;
            };
            for v in variants.split_whitespace() {
                let v: String = sitrep_text::fold(v)
                    .chars()
                    .filter(|&c| c != '\'')
                    .collect();
                m.insert(v, canon.to_string());
            }
        }
        m
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Splits a folded name into words: letters and digits; apostrophe-like letters (ʿ ʾ ' `) are
/// dropped without splitting; everything else separates words.
fn words(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in folded.chars() {
        if matches!(
            c,
            '\'' | '`' | '\u{02BF}' | '\u{02BE}' | '\u{2019}' | '\u{2018}'
        ) {
            continue;
        }
        if c.is_alphanumeric() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// "ezzor" → "zor", "assayyal" → "sayyal": an article assimilated into a following sun letter
/// and written as one word. Only applied to words after the first, remainder ≥ 3 letters.
fn strip_merged_article(w: &str) -> &str {
    let b = w.as_bytes();
    if b.len() >= 5
        && (b[0] == b'a' || b[0] == b'e')
        && b[1] == b[2]
        && SUN_LETTERS.contains(&(b[1] as char))
    {
        &w[2..]
    } else {
        w
    }
}

/// The vowel and consonant rules applied to one word.
fn shape(w: &str) -> String {
    if !w.chars().any(|c| c.is_ascii_alphabetic()) {
        return w.to_string();
    }
    // ee → i, oo → u, then doubled letters collapsed (one pass, no allocation per rule).
    let mut chars: Vec<char> = Vec::with_capacity(w.len());
    let mut it = w.chars().peekable();
    while let Some(mut c) = it.next() {
        if (c == 'e' || c == 'o') && it.peek() == Some(&c) {
            it.next();
            c = if c == 'e' { 'i' } else { 'u' };
        }
        if chars.last() != Some(&c) || !c.is_alphabetic() {
            chars.push(c);
        }
    }
    // Diphthongs before a consonant or at the end: ay/ai/ei/ey → ay; aw → u; then ou → u, o → u.
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let n = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let closes = after.is_none_or(|a| !is_vowel(a) && a != 'y' && a != 'w');
        match (c, n) {
            ('a' | 'e', Some('i' | 'y')) if closes => {
                out.extend(['a', 'y']);
                i += 2;
            }
            ('a', Some('w')) if closes => {
                out.push('u');
                i += 2;
            }
            ('o', Some('u')) => {
                out.push('u');
                i += 2;
            }
            ('o', _) => {
                out.push('u');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    // Endings -ah/-eh/-e/-a → -a (Arabic ta marbuta and its spellings).
    let len = out.len();
    if len >= 4 && out[len - 1] == 'h' && matches!(out[len - 2], 'a' | 'e') && out[len - 3] != 'h' {
        out.truncate(len - 2);
        out.push('a');
    } else if len >= 3 && out[len - 1] == 'e' {
        out[len - 1] = 'a';
    }
    // A collapse can reappear after the ending rule ("-ahh"), collapse once more.
    out.dedup_by(|a, b| a == b && a.is_alphabetic());
    out.into_iter().collect()
}

/// THE folding function for place names: two surface forms of one name give one key.
///
/// Steps: [`sitrep_text::fold`] (case, diacritics, apostrophe/dash styles); apostrophe-like
/// letters (ʿ ʾ ' ` ’ ‘) dropped; every other non-alphanumeric character separates words.
/// Then, word by word:
/// - the Arabic article as a separate word before another word is **dropped**, whatever its
///   form (al/el/ad/ar/as/ash/az/at/an/adh/ath and e- variants): "al-Sayyal", "As Sayyal",
///   "Al Sayyāl" and "Sayyal" all give `sayal`. (Side effect: Spanish "El Paso" → `pasu`.)
/// - an article merged into a following doubled sun letter in a word after the first
///   ("Deir Ezzor") is dropped too;
/// - generic toponym words are unified by `data/generic_words.tsv` (Tell/Tall/Tal → `tal`);
/// - ee → i, oo → u; doubled letters collapsed; diphthongs ay/ai/ei/ey before a consonant →
///   `ay` (Deir/Dayr/Dair/Deyr → `dayr`), aw before a consonant → `u`, ou → `u`, o → `u`
///   (Zor/Zour/Zawr → `zur`); endings -ah/-eh/-e → -a (Raqqah/Raqqa → `raqa`).
///
/// Digraphs dh/th/kh/gh/sh are kept. Words are joined with one space.
pub fn name_key(surface: &str) -> String {
    with_name_key(surface, str::to_string)
}

/// Calls `f` with [`name_key`]`(surface)` without allocating when the key is memoised.
///
/// Keys are memoised per thread: news repeats its names, and the geoparser asks for the key
/// of every capitalised span it tries. A pure function's cache, emptied when it grows large.
pub fn with_name_key<R>(surface: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static MEMO: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> =
            std::cell::RefCell::new(rustc_hash::FxHashMap::default());
    }
    const MEMO_MAX: usize = 1 << 16;
    if surface.len() > 64 {
        return f(&compute_key(surface));
    }
    MEMO.with(|m| {
        if let Some(k) = m.borrow().get(surface) {
            return f(k);
        }
        let k = compute_key(surface);
        let r = f(&k);
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_MAX {
            m.clear();
        }
        m.insert(surface.into(), k.into_boxed_str());
        r
    })
}

fn compute_key(surface: &str) -> String {
    let folded = sitrep_text::fold(surface);
    let ws = words(&folded);
    let n = ws.len();
    let generic = generic_words();
    let mut out = String::with_capacity(folded.len());
    for (i, w) in ws.iter().enumerate() {
        if i + 1 < n && ARTICLES.contains(&w.as_str()) {
            continue;
        }
        let w = if i > 0 { strip_merged_article(w) } else { w };
        let w = generic.get(w).map(String::as_str).unwrap_or(w);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&shape(w));
    }
    out
}

/// Number of words of a name as people write it (hyphen and space separated), capped at 6.
pub(crate) fn name_tokens(name: &str) -> usize {
    words(&sitrep_text::fold(name)).len().min(6)
}

#[cfg(test)]
mod tests {
    use super::name_key;

    /// Groups of real spellings that must share one key.
    const SAME: &[&[&str]] = &[
        &[
            "Deir ez-Zor",
            "Dayr az Zawr",
            "Dair al-Zour",
            "Deir Ezzor",
            "Deir el-Zor",
            "Dayr az-Zawr",
            "Deir Ez Zor",
        ],
        &["al-Sayyal", "As Sayyal", "Al Sayyāl", "Sayyal", "as-Sayyāl"],
        &["Qit’ah", "Qitah", "Qit'ah", "Qita"],
        &[
            "Raqqa",
            "Ar Raqqah",
            "Raqqah",
            "ar-Raqqa",
            "Al-Raqqa",
            "Er Raqqa",
        ],
        &["‘Abbas", "Abbas", "'Abbās"],
        &["Abu Kamal", "Abou Kamal", "Abū Kamāl"],
        &["Tell Abyad", "Tal Abyad", "Tall Abyad", "Tel Abyad"],
        &["Jalaa", "Jala'a", "Jalaa’"],
        &["Deir Hafir", "Dayr Hafir", "Dair Hafir"],
        &["Ras al-Ayn", "Ras al Ain", "Ra's al-'Ayn", "Ras el Ain"],
        &["Mayadin", "Al Mayadin", "al-Mayadeen", "Mayadeen"],
        &["Kobani", "Kobanî", "KOBANI"],
        &["Sankt Pölten", "Sankt Polten"],
    ];

    /// Pairs that must stay apart.
    const DIFFERENT: &[(&str, &str)] = &[
        ("Homs", "Hama"),
        ("Raqqa", "Rakka Dam"),
        ("Abu Kamal", "Kamal"),
        ("Amsterdam", "Rotterdam"),
        ("Tal Abyad", "Abyad"),
        ("Al", "Ar"),
    ];

    #[test]
    fn variants_share_a_key() {
        for group in SAME {
            let k0 = name_key(group[0]);
            for s in &group[1..] {
                assert_eq!(name_key(s), k0, "{s:?} vs {:?}", group[0]);
            }
        }
    }

    #[test]
    fn keys_are_fixed_points() {
        for group in SAME {
            for s in *group {
                let k = name_key(s);
                assert_eq!(name_key(&k), k, "{s:?}");
            }
        }
    }

    #[test]
    fn distinct_names_stay_distinct() {
        for (a, b) in DIFFERENT {
            assert_ne!(name_key(a), name_key(b), "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn keys_are_readable() {
        let table = [
            ("Deir ez-Zor", "dayr zur"),
            ("As Sayyal", "sayal"),
            ("Ar Raqqah", "raqa"),
            ("Amsterdam", "amsterdam"),
            ("Den Haag", "den hag"),
            ("  Saint-Étienne ", "saynt etiena"),
            ("Al", "al"),
        ];
        for (s, k) in table {
            assert_eq!(name_key(s), k, "{s:?}");
        }
    }

    #[test]
    fn non_latin_names_fold_without_panicking() {
        for s in ["دير الزور", "Дейр-эз-Зор", "", "-", "''", "東京"] {
            let _ = name_key(s);
        }
        assert_eq!(name_key("Москва"), name_key("москва"));
    }
}
