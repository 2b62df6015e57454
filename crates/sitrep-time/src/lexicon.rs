//! The word lists of `data/lexicon.tsv`, loaded once.

use std::sync::LazyLock;

/// Word classes of the lexicon (see the header of `data/lexicon.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Month,
    Weekday,
    Num,
    Ord,
    Unit,
    Set,
    Ref,
    Day,
    Rel,
    PMod,
    QMod,
    Season,
    Pod,
    Ago,
    Future,
    Past,
    Skip,
    Holiday,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "month" => Class::Month,
            "weekday" => Class::Weekday,
            "num" => Class::Num,
            "ord" => Class::Ord,
            "unit" => Class::Unit,
            "set" => Class::Set,
            "ref" => Class::Ref,
            "day" => Class::Day,
            "rel" => Class::Rel,
            "pmod" => Class::PMod,
            "qmod" => Class::QMod,
            "season" => Class::Season,
            "pod" => Class::Pod,
            "ago" => Class::Ago,
            "future" => Class::Future,
            "past" => Class::Past,
            "skip" => Class::Skip,
            "holiday" => Class::Holiday,
            _ => return None,
        })
    }
}

const LEXICON_TSV: &str = include_str!("../data/lexicon.tsv");

/// A quick, exact-when-negative test for word sets: a bit per cheap signature of a word (its
/// length, first two and last bytes). Most tokens of a text are in no list, and this rejects
/// almost all of them without hashing the word or probing a map.
pub(crate) struct WordFilter {
    bits: Vec<u64>,
}

impl WordFilter {
    const BITS: usize = 1 << 16;

    fn signature(w: &str) -> usize {
        let b = w.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            return 0;
        };
        let second = b.get(1).copied().unwrap_or(0);
        let x = u32::from(first)
            | u32::from(second) << 8
            | u32::from(last) << 16
            | (b.len().min(255) as u32) << 24;
        (x.wrapping_mul(0x9E37_79B1) >> 16) as usize & (WordFilter::BITS - 1)
    }

    /// A filter that lets every word of `words` through.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordFilter {
        let mut bits = vec![0u64; WordFilter::BITS / 64];
        for w in words {
            let s = WordFilter::signature(w);
            bits[s / 64] |= 1 << (s % 64);
        }
        WordFilter { bits }
    }

    /// `false` when `w` is certainly not one of the words.
    #[inline]
    pub(crate) fn may_contain(&self, w: &str) -> bool {
        let s = WordFilter::signature(w);
        self.bits
            .get(s / 64)
            .is_some_and(|b| b & (1 << (s % 64)) != 0)
    }
}

/// The keys of [`LEXICON`], as a filter.
static FILTER: LazyLock<WordFilter> = LazyLock::new(|| WordFilter::new(LEXICON.keys().copied()));

/// A map keyed by words: the lexicon is looked up for every token and its keys are short
/// words, for which FxHash is several times cheaper than the default (DoS-resistant) hasher;
/// the lexicon is fixed data, so flooding is no concern.
pub(crate) type WordMap<V> = rustc_hash::FxHashMap<&'static str, V>;

/// word → (class, value) pairs; a word may belong to several classes.
static LEXICON: LazyLock<WordMap<Vec<(Class, &'static str)>>> = LazyLock::new(|| {
    let mut map: WordMap<Vec<(Class, &'static str)>> = WordMap::default();
    for line in LEXICON_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(word), Some(class), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if let Some(class) = Class::parse(class) {
            map.entry(word).or_default().push((class, value));
            // Multi-word names are also reachable from their first word.
            if let Some((first, _)) = word.split_once(' ') {
                map.entry(first).or_default().push((class, ""));
            }
        }
    }
    map
});

/// All (class, value) entries of `word` (empty when unknown).
pub(crate) fn entries(word: &str) -> &'static [(Class, &'static str)] {
    if !FILTER.may_contain(word) {
        return &[];
    }
    LEXICON.get(word).map_or(&[], Vec::as_slice)
}

/// The value of `word` in `class`, if listed.
pub(crate) fn lookup(word: &str, class: Class) -> Option<&'static str> {
    entries(word)
        .iter()
        .find(|(c, _)| *c == class)
        .map(|(_, v)| *v)
}

/// Multi-word holiday names (`new year's day`) as word lists with their value, longest first.
pub(crate) static HOLIDAYS: LazyLock<Vec<(Vec<&'static str>, &'static str)>> =
    LazyLock::new(|| {
        let mut v: Vec<(Vec<&'static str>, &'static str)> = LEXICON_TSV
            .lines()
            .filter_map(|l| {
                let mut p = l.split('\t');
                let (w, c, val) = (p.next()?, p.next()?, p.next()?);
                (c == "holiday").then(|| (w.split(' ').collect(), val))
            })
            .collect();
        v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        v
    });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_lines_are_well_formed() {
        for line in LEXICON_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let parts: Vec<&str> = line.split('\t').collect();
            assert_eq!(parts.len(), 3, "bad line {line:?}");
            assert!(Class::parse(parts[1]).is_some(), "bad class in {line:?}");
            assert_eq!(
                parts[0],
                parts[0].to_lowercase(),
                "not lower-case: {line:?}"
            );
        }
        assert_eq!(lookup("sept", Class::Month), Some("9"));
        assert_eq!(lookup("last", Class::Rel), Some("-1"));
        assert_eq!(lookup("last", Class::Ord), Some("-1"));
        assert!(!entries("annual").is_empty());
        assert!(!entries("new").is_empty(), "first word of a holiday");
        // The filter lets every listed word through and stops most others.
        assert!(LEXICON.keys().all(|w| FILTER.may_contain(w)));
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/examples/isis-defeat-announcement.txt"
        );
        let text = std::fs::read_to_string(path)
            .expect("founding example")
            .to_lowercase();
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let unlisted: Vec<&&str> = words
            .iter()
            .filter(|w| !LEXICON.contains_key(**w))
            .collect();
        let passed = unlisted.iter().filter(|w| FILTER.may_contain(w)).count();
        assert!(
            passed * 10 < unlisted.len(),
            "{passed} of {}",
            unlisted.len()
        );
    }
}
