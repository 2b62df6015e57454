//! The actor dictionary: curated entries, demonym patterns, titles, known people and cue verbs,
//! all loaded once from the data files in `data/`.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sitrep_text::fold;
use std::sync::LazyLock;

/// One canonical actor.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
}

/// What a dictionary pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A fixed entry of [`Dict::entries`].
    Entry(usize),
    /// The armed forces of the document's dominant country ("government forces").
    ContextForces,
    /// A known person of [`Dict::persons`].
    Person(usize),
}

/// A pattern with its matching constraints.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub target: Target,
    /// The alias as written in the data file (for case-exact acronyms).
    pub original: String,
    /// Must match case-exactly (short acronyms).
    pub case_exact: bool,
    /// The text's first letter must be upper-case (single capitalised words).
    pub cap_first: bool,
    /// Ambiguous acronym that needs an actor context ("IS").
    pub needs_context: bool,
}

/// The cue tables' map: FxHash, fast and deterministic for the short folded words they are
/// keyed by (looked up once per token).
pub(crate) type FastMap<K, V> = HashMap<K, V>;
/// A set with the same hashing.
pub(crate) type FastSet<K> = HashSet<K>;

/// Class of an attribution cue verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Reporting verb: before or after its content.
    Speech,
    /// Reporting verb with an addressee ("told reporters that").
    Tell,
    /// Verb of thought or stance: before its content only.
    Belief,
    /// Only next to a direct quote ("…,” he continued").
    Quote,
}

/// A known person.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub name: String,
    pub country: Option<String>,
}

/// Everything loaded from `data/`.
pub(crate) struct Dict {
    pub entries: Vec<Entry>,
    pub patterns: Vec<Pattern>,
    /// Automaton over the folded patterns (leftmost-longest).
    pub ac: AhoCorasick,
    /// The folded pattern keys, parallel to `patterns`.
    pub keys: Vec<String>,
    pub persons: Vec<Person>,
    /// Folded title words.
    pub titles: HashSet<String>,
    /// Folded demonym → (ISO code, country name).
    pub demonyms: HashMap<String, (Option<String>, String)>,
    /// Folded cue word → class.
    pub cues: FastMap<String, CueClass>,
    /// Multi-word cues by folded first word: (folded words, class).
    pub phrase_cues: FastMap<String, Vec<(Vec<String>, CueClass)>>,
    /// Folded stance verbs that are cues only before one of their particles ("spoke about",
    /// "pointed to"), with those particles.
    pub particle_cues: FastMap<String, Vec<String>>,
    /// Folded nouns that carry an attribution after a possessive ("Trump's claim that").
    pub noun_cues: FastSet<String>,
}

const ACTORS: &str = include_str!("../data/actors.tsv");
const DEMONYMS: &str = include_str!("../data/demonyms.tsv");
const MILITARY: &str = include_str!("../data/military_nouns.txt");
const GOVERNMENT: &str = include_str!("../data/government_nouns.txt");
const CONTEXT: &str = include_str!("../data/context_forces.txt");
const TITLES: &str = include_str!("../data/titles.txt");
const PERSONS: &str = include_str!("../data/persons.tsv");
const CUES: &str = include_str!("../data/cues.tsv");
const NOUN_CUES: &str = include_str!("../data/noun_cues.txt");
const PHRASE_CUES: &str = include_str!("../data/phrase_cues.tsv");

fn cue_class(tag: &str) -> CueClass {
    match tag {
        "tell" => CueClass::Tell,
        "belief" | "particle" => CueClass::Belief,
        "quote" => CueClass::Quote,
        _ => CueClass::Speech,
    }
}

/// The entries of a one-per-line word list (trimmed; blank lines and `#` comments skipped).
pub(crate) fn word_list(data: &'static str) -> Vec<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn country(s: &str) -> Option<String> {
    let s = s.trim();
    (s != "-" && !s.is_empty()).then(|| s.to_string())
}

/// Spelling variants of a folded alias: hyphens as spaces or dropped, apostrophes dropped.
fn variants(folded: &str) -> Vec<String> {
    let mut out = vec![folded.to_string()];
    if folded.contains('-') {
        out.push(folded.replace('-', " "));
        out.push(folded.replace('-', ""));
    }
    if folded.contains('\'') {
        let v: Vec<String> = out.iter().map(|s| s.replace('\'', "")).collect();
        out.extend(v);
    }
    out.sort();
    out.dedup();
    out
}

struct Builder {
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    keys: Vec<String>,
    seen: HashMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, name: &str, kind: &str, country: Option<String>) -> usize {
        self.entries.push(Entry {
            name: name.to_string(),
            kind: kind.to_string(),
            country,
        });
        self.entries.len() - 1
    }

    fn alias(&mut self, alias: &str, target: Target) {
        let (alias, needs_context) = match alias.strip_prefix('!') {
            Some(a) => (a, true),
            None => (alias, false),
        };
        let alias = alias.trim();
        if alias.is_empty() {
            return;
        }
        let letters = alias.chars().filter(|c| c.is_alphanumeric()).count();
        let case_exact = needs_context
            || (letters <= 5
                && alias
                    .chars()
                    .all(|c| !c.is_alphabetic() || c.is_uppercase()));
        let cap_first =
            !alias.contains(' ') && alias.chars().next().is_some_and(char::is_uppercase);
        for key in variants(&fold(alias)) {
            if let Some(&pi) = self.seen.get(&key) {
                // The first definition wins; a second spelling of the same actor ("ISIS",
                // "Isis") relaxes the case constraints of the first.
                if let Some(p) = self.patterns.get_mut(pi) {
                    if p.target == target && p.case_exact && !case_exact {
                        p.case_exact = false;
                        p.cap_first = cap_first;
                        p.needs_context &= needs_context;
                    }
                }
                continue;
            }
            self.seen.insert(key.clone(), self.patterns.len());
            self.keys.push(key);
            self.patterns.push(Pattern {
                target,
                original: alias.to_string(),
                case_exact,
                cap_first,
                needs_context,
            });
        }
    }
}

fn build() -> Dict {
    let mut b = Builder {
        entries: Vec::new(),
        patterns: Vec::new(),
        keys: Vec::new(),
        seen: HashMap::default(),
    };
    for l in lines(ACTORS) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let e = b.entry(f[0], f[1], country(f[2]));
        b.alias(f[0], Target::Entry(e));
        for a in f[3].split('|') {
            b.alias(a, Target::Entry(e));
        }
    }
    let mut persons = Vec::new();
    for l in lines(PERSONS) {
        let mut f = l.split('\t');
        let name = f.next().unwrap_or_default().trim().to_string();
        let c = country(f.next().unwrap_or("-"));
        persons.push(Person {
            name: name.clone(),
            country: c,
        });
        b.alias(&name, Target::Person(persons.len() - 1));
    }
    let mut demonyms = HashMap::default();
    let military: Vec<&str> = lines(MILITARY).map(str::trim).collect();
    let government: Vec<&str> = lines(GOVERNMENT).map(str::trim).collect();
    for l in lines(DEMONYMS) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        let (dem, code, cname) = (f[0].trim(), country(f[1]), f[2].trim());
        demonyms.insert(fold(dem), (code.clone(), cname.to_string()));
        let m = b.entry(
            &format!("Military Forces of {cname}"),
            "state_forces",
            code.clone(),
        );
        for n in &military {
            b.alias(&format!("{dem} {n}"), Target::Entry(m));
        }
        let g = b.entry(&format!("Government of {cname}"), "government", code);
        for n in &government {
            b.alias(&format!("{dem} {n}"), Target::Entry(g));
        }
    }
    for l in lines(CONTEXT) {
        b.alias(l.trim(), Target::ContextForces);
    }
    let titles = lines(TITLES).map(|l| fold(l.trim())).collect();
    let mut cues = FastMap::default();
    let mut particle_cues: FastMap<String, Vec<String>> = FastMap::default();
    for l in lines(CUES) {
        let mut f = l.split('\t');
        let tag = f.next().unwrap_or_default();
        let class = cue_class(tag);
        let words = f.next().unwrap_or_default();
        let particles: Vec<String> = f
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .map(fold)
            .collect();
        for w in words.split_whitespace() {
            if tag == "particle" {
                particle_cues.insert(fold(w), particles.clone());
            }
            cues.entry(fold(w)).or_insert(class);
        }
    }
    let mut phrase_cues: FastMap<String, Vec<(Vec<String>, CueClass)>> = FastMap::default();
    for l in lines(PHRASE_CUES) {
        let mut f = l.split('\t');
        let class = cue_class(f.next().unwrap_or_default());
        let words: Vec<String> = fold(f.next().unwrap_or_default())
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if let Some(first) = words.first() {
            phrase_cues
                .entry(first.clone())
                .or_default()
                .push((words.clone(), class));
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&b.keys)
        .unwrap_or_else(|_| empty_ac());
    Dict {
        entries: b.entries,
        patterns: b.patterns,
        ac,
        keys: b.keys,
        persons,
        titles,
        demonyms,
        cues,
        phrase_cues,
        particle_cues,
        noun_cues: lines(NOUN_CUES).map(|l| fold(l.trim())).collect(),
    }
}

fn empty_ac() -> AhoCorasick {
    // Building from no patterns cannot fail; this is only reached if the data were unusable.
    AhoCorasick::new(Vec::<&str>::new()).unwrap_or_else(|_| unreachable!())
}

/// One-letter-wildcard variants ("hayat ta?rir al-sham") of every pattern of 6+ letters.
fn wild_automaton(keys: &[String]) -> (AhoCorasick, Vec<usize>) {
    let mut pats = Vec::new();
    let mut map = Vec::new();
    let mut seen = HashSet::default();
    for (i, k) in keys.iter().enumerate() {
        if k.chars().filter(|c| c.is_alphabetic()).count() < 6 || !k.is_ascii() {
            continue;
        }
        let bytes = k.as_bytes();
        for j in 0..bytes.len() {
            if !bytes[j].is_ascii_alphabetic() {
                continue;
            }
            let mut v = bytes.to_vec();
            v[j] = b'?';
            let s = String::from_utf8(v).unwrap_or_default();
            if seen.insert(s.clone()) {
                pats.push(s);
                map.push(i);
            }
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .unwrap_or_else(|_| empty_ac());
    (ac, map)
}

/// The dictionary, built on first use.
pub(crate) static DICT: LazyLock<Dict> = LazyLock::new(build);

/// Folded patterns of 6+ letters with one letter replaced by `?`; values index `patterns`.
/// Built only when a text contains a damaged letter.
pub(crate) static WILD: LazyLock<(AhoCorasick, Vec<usize>)> =
    LazyLock::new(|| wild_automaton(&DICT.keys));

#[cfg(test)]
mod tests {
    use super::*;

    const TYPES: &[&str] = &[
        "state_forces",
        "rebel_group",
        "political_militia",
        "identity_militia",
        "rioters",
        "protesters",
        "civilians",
        "external_forces",
        "government",
        "media",
        "person",
        "organization",
    ];

    #[test]
    fn data_files_are_well_formed() {
        for l in lines(ACTORS) {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "actors.tsv line {l:?}");
            assert!(TYPES.contains(&f[1]), "type {:?} in {l:?}", f[1]);
            let c = f[2];
            assert!(c == "-" || (c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase())));
            assert!(
                f[3].split('|').all(|a| !a.trim().is_empty()),
                "empty alias in {l:?}"
            );
        }
        for l in lines(DEMONYMS) {
            assert_eq!(l.split('\t').count(), 3, "demonyms.tsv line {l:?}");
        }
        for l in lines(CUES).chain(lines(PHRASE_CUES)) {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                f.len(),
                if f[0] == "particle" { 3 } else { 2 },
                "cues.tsv line {l:?}"
            );
            assert!(
                matches!(f[0], "speech" | "tell" | "belief" | "quote" | "particle"),
                "{l:?}"
            );
        }
    }

    #[test]
    fn dictionary_builds_with_variants_and_wildcards() {
        let d = &*DICT;
        assert!(d.patterns.len() > 1000);
        assert_eq!(d.patterns.len(), d.keys.len());
        // Hyphen and apostrophe variants of one alias.
        for k in [
            "hayat tahrir al-sham",
            "hayat tahrir al sham",
            "hay'at tahrir al-sham",
        ] {
            assert!(d.keys.iter().any(|x| x == k), "{k}");
        }
        let (wild, map) = &*WILD;
        let m = wild.find("near hayat ta?rir al-sham lines");
        let pi = m.and_then(|m| map.get(m.pattern().as_usize()).copied());
        let target = pi.map(|p| d.patterns[p].target);
        match target {
            Some(Target::Entry(e)) => assert_eq!(d.entries[e].name, "Hayat Tahrir al-Sham"),
            other => panic!("wildcard match gave {other:?}"),
        }
        assert_eq!(d.cues.get("said"), Some(&CueClass::Speech));
        assert_eq!(d.cues.get("told"), Some(&CueClass::Tell));
    }
}
