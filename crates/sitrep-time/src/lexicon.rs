//! The word lists of `data/lexicon.tsv`, loaded once.

use std::collections::HashMap;
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

/// word → (class, value) pairs; a word may belong to several classes.
static LEXICON: LazyLock<HashMap<&'static str, Vec<(Class, &'static str)>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<(Class, &'static str)>> = HashMap::new();
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
    LEXICON.get(word).map_or(&[], Vec::as_slice)
}

/// The value of `word` in `class`, if listed.
pub(crate) fn lookup(word: &str, class: Class) -> Option<&'static str> {
    LEXICON
        .get(word)?
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
    }
}
