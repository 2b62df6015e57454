//! The reviewable word lists of the geoparser (`data/*.tsv`, `data/*.txt`), parsed once.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sitrep_text::{fold, is_plain_byte};
use std::sync::OnceLock;

/// What a feature noun says about the kind of place it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// A village, hamlet, small town, suburb.
    Small,
    /// A city or town: populated place, bigger preferred.
    City,
    /// A first-level division (province, governorate, state).
    Admin1,
    /// A second-level division (district, county).
    Admin2,
    /// A country.
    Country,
    /// An area around a place (countryside): no preference.
    Area,
}

impl Hint {
    fn parse(s: &str) -> Option<Hint> {
        Some(match s {
            "small" => Hint::Small,
            "city" => Hint::City,
            "admin1" => Hint::Admin1,
            "admin2" => Hint::Admin2,
            "country" => Hint::Country,
            "area" => Hint::Area,
            _ => return None,
        })
    }
}

/// All word lists.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Folded words never taken as a one-word toponym.
    pub stop: HashSet<String>,
    /// Folded words never taken as a one-word toponym when they open a sentence.
    pub initial: HashSet<String>,
    /// Folded sentence-opening function words dropped from the start of a capitalised run.
    pub function: HashSet<String>,
    /// Folded place-type and direction words allowed inside a capitalised run with a toponym.
    pub placewords: HashSet<String>,
    /// Demonym (exact surface) → country ISO2 ("" when it points to no single country).
    pub demonyms: HashMap<String, String>,
    /// Country short forms and abbreviations (exact surface) → ISO2.
    pub aliases: HashMap<String, String>,
    /// State/province abbreviations (exact surface) → (ISO2, admin1 name).
    pub abbreviations: HashMap<String, (String, String)>,
    /// Folded prepositions (one or two words) that cue a toponym.
    pub preps: HashSet<String>,
    /// Folded prepositions (one or two words) strong enough to make an unknown name a place.
    pub strong: HashSet<String>,
    /// Lower-case area words before a name ("downtown", "rural", "north").
    pub modifiers: HashSet<String>,
    /// Folded organisation head words ("Texas Department", "Gainesville Police").
    pub org_heads: HashSet<String>,
    /// Folded titles a place may open ("Aleppo Mayor", "Texas Senator").
    pub titles: HashSet<String>,
    /// Folded last words of street and facility names ("Main Street").
    pub facilities: HashSet<String>,
    /// Folded company words ("Bank of America": the place is part of a company's name).
    pub companies: HashSet<String>,
    /// Folded speech verbs ("Walsh said").
    pub speech: HashSet<String>,
    /// Folded feature nouns used as "the village of X".
    pub before: HashMap<String, Hint>,
    /// Exact feature nouns used as "X province".
    pub after: HashMap<String, Hint>,
    /// Folded first words of local public institutions and offices ("Police", "Mayor").
    pub inst_heads: HashSet<String>,
    /// Folded words between a place and such a head ("City", "First").
    pub inst_links: HashSet<String>,
    /// Folded heads that count only after a link word ("Court", "Hall", "School").
    pub inst_after_link: HashSet<String>,
    /// Folded words that are no place before a head ("Superior Court", "Border Police").
    pub inst_not: HashSet<String>,
    /// Folded lower-case nouns that make the name before them a place ("DeKalb man").
    pub residents: HashSet<String>,
}

/// A folded word: the word itself when folding leaves it alone (plain lower-case ASCII), on
/// the stack when it is short plain ASCII (nearly every other token), else [`fold`]ed on the
/// heap. Derefs to the folded `str`, so that per-token lookups in the folded lists need no
/// allocation.
pub(crate) enum Folded<'a> {
    /// Plain ASCII without capitals: its own fold.
    Same(&'a str),
    /// Lower-cased plain ASCII bytes and their length.
    Inline([u8; 32], usize),
    /// Any other word, folded by [`fold`].
    Heap(String),
}

impl std::ops::Deref for Folded<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Folded::Same(s) => s,
            // (plain ASCII: always UTF-8)
            Folded::Inline(b, n) => std::str::from_utf8(&b[..*n]).unwrap_or_default(),
            Folded::Heap(s) => s,
        }
    }
}

/// [`fold`] of `s`, without allocating for plain ASCII ([`is_plain_byte`]: folds to itself
/// in lower case).
pub(crate) fn fold_small(s: &str) -> Folded<'_> {
    let (mut other, mut upper) = (false, false);
    for c in s.bytes() {
        other |= !is_plain_byte(c);
        upper |= c.is_ascii_uppercase();
    }
    let mut b = [0u8; 32];
    if other || (upper && s.len() > b.len()) {
        return Folded::Heap(fold(s));
    }
    if !upper {
        return Folded::Same(s);
    }
    for (d, c) in b.iter_mut().zip(s.bytes()) {
        *d = c.to_ascii_lowercase();
    }
    Folded::Inline(b, s.len())
}

/// Whether `s` folds ([`fold`]) to `folded`, decided on the plain ASCII prefix of `s` (which
/// folds byte by byte to itself lower-cased) when it can be: `None` when `s` holds another
/// character before a difference shows.
pub(crate) fn ascii_folds_to(s: &str, folded: &str) -> Option<bool> {
    let f = folded.as_bytes();
    for (i, &c) in s.as_bytes().iter().enumerate() {
        if !is_plain_byte(c) {
            return None;
        }
        // (a longer fold, or a different byte: not equal whatever follows)
        if f.get(i) != Some(&c.to_ascii_lowercase()) {
            return Some(false);
        }
    }
    Some(s.len() == f.len())
}

/// Whether `s` folds ([`fold`]) to `folded`, without folding plain ASCII.
pub(crate) fn folds_to(s: &str, folded: &str) -> bool {
    ascii_folds_to(s, folded).unwrap_or_else(|| fold(s) == folded)
}

/// The lines of a data file that carry data: not blank, not a `#` comment, `\r` trimmed.
pub(crate) fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        for l in data_lines(include_str!("../data/stopwords.txt")) {
            lx.stop.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/initial_stopwords.txt")) {
            lx.initial.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/function_words.txt")) {
            lx.function.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/placewords.txt")) {
            lx.placewords.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/org_heads.txt")) {
            lx.org_heads.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/facility_words.txt")) {
            lx.facilities.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/titles.txt")) {
            lx.titles.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/companies.txt")) {
            lx.companies.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/institutions.tsv")) {
            match l.split_once('\t') {
                Some(("head", w)) => {
                    lx.inst_heads.insert(fold(w.trim()));
                }
                Some(("link", w)) => {
                    lx.inst_links.insert(fold(w.trim()));
                }
                Some(("after_link", w)) => {
                    lx.inst_after_link.insert(fold(w.trim()));
                }
                Some(("not", w)) => {
                    lx.inst_not.insert(fold(w.trim()));
                }
                _ => {}
            }
        }
        for l in data_lines(include_str!("../data/resident_nouns.txt")) {
            lx.residents.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/speech_verbs.txt")) {
            lx.speech.insert(fold(l.trim()));
        }
        for l in data_lines(include_str!("../data/demonyms.tsv")) {
            let mut it = l.split('\t');
            if let Some(d) = it.next() {
                let c = it.next().unwrap_or("").trim();
                lx.demonyms.insert(d.trim().to_string(), c.to_string());
            }
        }
        for l in data_lines(include_str!("../data/aliases.tsv")) {
            let mut it = l.split('\t');
            if let (Some(a), Some(c)) = (it.next(), it.next()) {
                lx.aliases
                    .insert(a.trim().to_string(), c.trim().to_string());
            }
        }
        for l in data_lines(include_str!("../data/abbreviations.tsv")) {
            let mut it = l.split('\t');
            if let (Some(a), Some(c), Some(n)) = (it.next(), it.next(), it.next()) {
                lx.abbreviations.insert(
                    a.trim().to_string(),
                    (c.trim().to_string(), n.trim().to_string()),
                );
            }
        }
        for l in data_lines(include_str!("../data/cues.tsv")) {
            let mut it = l.split('\t');
            let (Some(kind), Some(word)) = (it.next(), it.next()) else {
                continue;
            };
            let hint = it.next().and_then(|h| Hint::parse(h.trim()));
            let word = word.trim();
            match (kind, hint) {
                ("prep", _) => {
                    lx.preps.insert(fold(word));
                }
                ("strong", _) => {
                    lx.strong.insert(fold(word));
                }
                ("modifier", _) => {
                    lx.modifiers.insert(fold(word));
                }
                ("before", Some(h)) => {
                    lx.before.insert(fold(word), h);
                }
                ("after", Some(h)) => {
                    lx.after.insert(word.to_string(), h);
                }
                _ => {}
            }
        }
        lx
    }
}

/// The lexicon, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LX: OnceLock<Lexicon> = OnceLock::new();
    LX.get_or_init(Lexicon::load)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Words of the founding example and hand-picked ones (capitals, diacritics, curly
    /// apostrophes, backtick, tab, dashes, long words).
    pub(crate) fn sample_words() -> Vec<String> {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/examples/isis-defeat-announcement.txt"
        ))
        .expect("founding example");
        let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        for w in [
            "",
            "the",
            "The",
            "THE",
            "al-Sayyal",
            "Al‐Bab",
            "ez-Zor",
            "Qit’ah",
            "‘Abbas",
            "We're",
            "don't",
            "it`s",
            "a\tb",
            "Deir ez-Zor",
            "Zürich",
            "İstanbul",
            "ÇAĞLAYAN",
            "Straße",
            "U.S.",
            "St.",
            "Syria's",
            "RUSSIA’S",
            "Kids'",
            "x",
            "Macdonald-Cartier International Airport",
            "abcdefghijklmnopqrstuvwxyzABCDEFG",
            "abcdefghijklmnopqrstuvwxyzabcdef",
            "a  b",
            " a",
            "a ",
            "a\u{a0}b",
            "Élysée",
        ] {
            words.push(w.to_string());
        }
        words
    }

    #[test]
    fn fold_small_is_fold() {
        let words = sample_words();
        assert!(words.len() > 300);
        for w in &words {
            assert_eq!(&*fold_small(w), fold(w).as_str(), "{w:?}");
        }
        assert!(matches!(fold_small("of"), Folded::Same("of")));
        assert!(matches!(fold_small("Of"), Folded::Inline(..)));
        assert!(matches!(fold_small("Zürich"), Folded::Heap(_)));
    }

    #[test]
    fn folds_to_is_fold_equality() {
        let words = sample_words();
        let names = [
            "Zürich",
            "zurich",
            "Newcastle upon Tyne",
            "newcastle",
            "Aleppo",
            "ALEPPO",
            "Ḩalab",
            "halab",
            "Tell`Abyad",
            "tell'abyad",
            "Köln",
            "koln",
            "",
            "a",
            "Ab",
        ];
        for a in words.iter().map(String::as_str).chain(names) {
            for b in names
                .iter()
                .copied()
                .chain(words.iter().take(50).map(String::as_str))
            {
                let b = fold(b);
                assert_eq!(folds_to(a, &b), fold(a) == b, "{a:?} {b:?}");
            }
        }
        assert_eq!(ascii_folds_to("Zürich", "zurich"), None);
        assert_eq!(ascii_folds_to("Paris", "zurich"), Some(false));
    }

    #[test]
    fn data_files_parse() {
        let lx = lexicon();
        assert_eq!(lx.demonyms.get("Syrian").map(String::as_str), Some("SY"));
        assert_eq!(lx.demonyms.get("Kurdish").map(String::as_str), Some(""));
        assert_eq!(lx.aliases.get("U.S.").map(String::as_str), Some("US"));
        assert_eq!(
            lx.abbreviations
                .get("La.")
                .map(|(c, n)| (c.as_str(), n.as_str())),
            Some(("US", "Louisiana"))
        );
        assert_eq!(lx.before.get("villages"), Some(&Hint::Small));
        assert_eq!(lx.after.get("province"), Some(&Hint::Admin1));
        assert!(lx.preps.contains("north of"));
        assert!(lx.strong.contains("near"));
        assert!(lx.modifiers.contains("downtown") && !lx.preps.contains("downtown"));
        assert!(lx.stop.contains("may") && lx.stop.contains("bill"));
        assert!(!lx.stop.contains("georgia"));
        assert!(lx.function.contains("the"));
        assert!(lx.placewords.contains("county"));
        assert!(lx.inst_heads.contains("police") && lx.inst_heads.contains("sheriff's"));
        assert!(lx.inst_links.contains("city") && !lx.inst_heads.contains("city"));
        assert!(lx.residents.contains("man") && !lx.residents.contains("family"));
    }
}
