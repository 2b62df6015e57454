//! Phrase lexicons (`data/*.tsv`) and the token-sequence matcher they run on.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const TRIGGERS_TSV: &str = include_str!("../data/triggers.tsv");
const CUES_TSV: &str = include_str!("../data/cues.tsv");

/// One element of a phrase pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PTok {
    Exact(String),
    Prefix(String),
    /// Skips 0..=2 word tokens.
    Gap,
}

/// A compiled token-sequence pattern.
#[derive(Debug, Clone)]
struct Pattern {
    toks: Vec<PTok>,
}

/// A set of phrases, each with a payload, matched over folded tokens.
#[derive(Debug, Clone)]
pub(crate) struct PhraseSet<T> {
    patterns: Vec<(Pattern, T)>,
    by_first: HashMap<String, Vec<usize>>,
    by_prefix: HashMap<String, Vec<usize>>,
    /// [`exact_sig`] bits of the keys of `by_first`: a clear bit proves a token starts no
    /// exact pattern, without hashing it.
    first_bits: Bits,
    /// [`prefix_sig`] bits of the keys of `by_prefix`.
    prefix_bits: Bits,
}

/// A set of 2^[`Bits::LOG`] bits, addressed by the high bits of a 16-bit signature (small, so
/// that the sets of all the lexicons stay in cache).
#[derive(Debug, Clone)]
struct Bits(Vec<u64>);

impl Bits {
    const LOG: u32 = 12;
    fn new() -> Bits {
        Bits(vec![0; 1 << (Bits::LOG - 6)])
    }
    fn set(&mut self, sig: u16) {
        let i = sig >> (16 - Bits::LOG);
        self.0[usize::from(i >> 6)] |= 1 << (i & 63);
    }
    #[inline]
    fn get(&self, sig: u16) -> bool {
        let i = sig >> (16 - Bits::LOG);
        self.0[usize::from(i >> 6)] & (1 << (i & 63)) != 0
    }
}

/// Signature of a word for [`PhraseSet::first_bits`]: its first, second and last bytes and
/// its length (equal words have equal signatures).
#[inline]
fn exact_sig(w: &str) -> u16 {
    let b = w.as_bytes();
    let (first, last) = (
        b.first().copied().unwrap_or(0),
        b.last().copied().unwrap_or(0),
    );
    let second = b.get(1).copied().unwrap_or(0);
    let x = u32::from(first)
        | u32::from(second) << 8
        | u32::from(last) << 16
        | (b.len().min(255) as u32) << 24;
    (x.wrapping_mul(0x9E37_79B1) >> 16) as u16
}

/// Signature of a word for [`PhraseSet::prefix_bits`]: its first three bytes (a word that
/// starts with a prefix key, three characters or more, starts with the key's first three
/// bytes); `None` for a word shorter than three bytes, which has no prefix key.
#[inline]
fn prefix_sig(w: &str) -> Option<u16> {
    match *w.as_bytes() {
        [a, b, c, ..] => {
            let x = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
            Some((x.wrapping_mul(0x9E37_79B1) >> 16) as u16)
        }
        _ => None,
    }
}

/// Length of the key under which prefix patterns are indexed.
const PREFIX_KEY: usize = 3;

fn prefix_key(s: &str) -> Option<&str> {
    let mut it = s.char_indices();
    match it.nth(PREFIX_KEY) {
        Some((i, _)) => Some(&s[..i]),
        // exactly PREFIX_KEY characters, or fewer
        None => (s.chars().count() >= PREFIX_KEY).then_some(s),
    }
}

/// A match: token range `[start, end)` (indices into the token slice) and the payload index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub id: usize,
}

impl<T> PhraseSet<T> {
    fn new() -> Self {
        PhraseSet {
            patterns: Vec::new(),
            by_first: HashMap::default(),
            by_prefix: HashMap::default(),
            first_bits: Bits::new(),
            prefix_bits: Bits::new(),
        }
    }

    /// Adds `pattern` (space-separated; `word*` prefix, `_` gap). Returns false when malformed.
    fn add(&mut self, pattern: &str, payload: T) -> bool {
        let mut toks = Vec::new();
        for w in pattern.split_whitespace() {
            let w = sitrep_text::fold(w);
            if w == "_" {
                toks.push(PTok::Gap);
            } else if let Some(p) = w.strip_suffix('*') {
                if p.chars().count() < PREFIX_KEY {
                    return false;
                }
                toks.push(PTok::Prefix(p.to_string()));
            } else {
                toks.push(PTok::Exact(w));
            }
        }
        let idx = self.patterns.len();
        match toks.first() {
            Some(PTok::Exact(w)) => {
                self.first_bits.set(exact_sig(w));
                self.by_first.entry(w.clone()).or_default().push(idx)
            }
            Some(PTok::Prefix(p)) => match prefix_key(p) {
                Some(k) => {
                    // a key has three characters, so at least three bytes
                    if let Some(sig) = prefix_sig(k) {
                        self.prefix_bits.set(sig);
                    }
                    self.by_prefix.entry(k.to_string()).or_default().push(idx)
                }
                None => return false,
            },
            _ => return false,
        }
        self.patterns.push((Pattern { toks }, payload));
        true
    }

    /// The payload of match id `id`.
    pub fn payload(&self, id: usize) -> &T {
        &self.patterns[id].1
    }

    /// Number of tokens of the longest pattern starting at each position: every match.
    pub fn find_all(&self, toks: &[&str], is_word: &[bool]) -> Vec<Match> {
        let mut out = Vec::new();
        for i in 0..toks.len() {
            self.matches_at(toks, is_word, i, &mut out);
        }
        out
    }

    /// Matches starting at token `i`.
    pub fn matches_at(&self, toks: &[&str], is_word: &[bool], i: usize, out: &mut Vec<Match>) {
        let t = toks[i];
        let exact = if self.first_bits.get(exact_sig(t)) {
            self.by_first.get(t).map(Vec::as_slice).unwrap_or(&[])
        } else {
            &[]
        };
        let pre = if prefix_sig(t).is_some_and(|sig| self.prefix_bits.get(sig)) {
            prefix_key(t)
                .and_then(|k| self.by_prefix.get(k))
                .map(Vec::as_slice)
                .unwrap_or(&[])
        } else {
            &[]
        };
        for &id in exact.iter().chain(pre) {
            if let Some(end) = match_from(&self.patterns[id].0.toks, toks, is_word, i) {
                out.push(Match { start: i, end, id });
            }
        }
    }

    /// Whether any pattern matches inside `toks[range]`.
    pub fn any_in(&self, toks: &[&str], is_word: &[bool], from: usize, to: usize) -> bool {
        let mut buf = Vec::new();
        (from..to.min(toks.len())).any(|i| {
            buf.clear();
            self.matches_at(toks, is_word, i, &mut buf);
            buf.iter().any(|m| m.end <= to)
        })
    }
}

fn tok_ok(p: &PTok, t: &str) -> bool {
    match p {
        PTok::Exact(w) => w == t,
        PTok::Prefix(pre) => t.starts_with(pre.as_str()),
        PTok::Gap => true,
    }
}

/// End token (exclusive) of the pattern matched at `i`, longest alternative for gaps.
fn match_from(pat: &[PTok], toks: &[&str], is_word: &[bool], i: usize) -> Option<usize> {
    let Some((first, rest)) = pat.split_first() else {
        return Some(i);
    };
    if let PTok::Gap = first {
        // Try skipping 0, 1, 2 word tokens; prefer the shortest skip (closest completion).
        let mut j = i;
        for _ in 0..=2 {
            if let Some(e) = match_from(rest, toks, is_word, j) {
                return Some(e);
            }
            if j < toks.len() && is_word[j] {
                j += 1;
            } else {
                break;
            }
        }
        return None;
    }
    if i < toks.len() && tok_ok(first, toks[i]) {
        match_from(rest, toks, is_word, i + 1)
    } else {
        None
    }
}

/// How actors and place are read around a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    /// The object of the verb is the territory.
    Terr,
    /// "A lost X to B".
    LossTo,
    /// "X fell to B".
    FellTo,
    /// Ordinary event.
    Act,
}

/// A trigger entry.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    /// CASE code or pseudo-code.
    pub code: &'static str,
    pub frame: Frame,
    /// True for noun triggers.
    pub noun: bool,
    /// Evidence for `classify` only: `extract` never emits an event from it.
    pub classify_only: bool,
    /// `extract` ignores it (pos suffix `-`: "demanding", "rallied" are protests in a
    /// snippet known to report an event, rarely in an article); `classify` reads it as usual.
    pub loose: bool,
    /// `extract` emits an event from it only with an armed actor among its actors (pos
    /// suffix `+`: "signed", "recruited", "clashed" are conflict events only between
    /// conflict actors).
    pub armed_only: bool,
    pub weight: f32,
}

/// Kinds of context cue (`data/cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cue {
    Reported,
    Claimed,
    Denied,
    Uncertain,
    Negation,
    Irrealis,
    Passive,
    Boundary,
    Strong,
    Ally,
    Near,
    Region,
    Territory,
    DefPlace,
    Gov,
    Nsa,
    Civilian,
    Combatant,
    Protester,
    Intervene,
    Lethal,
    Violent,
    Subord,
    Pronoun,
    Relative,
    Speech,
    Crime,
    Locative,
    RealTo,
    Aggregate,
    ObjPrep,
    Attrib,
    IntervenWeak,
    Disaster,
    Responsibility,
    MobActor,
    Diplomatic,
    LethalAimed,
    Weapon,
    NonEvent,
    Statement,
    Peaceful,
    Topic,
    AirShots,
    OrgCrime,
    Aftermath,
    Dissident,
    NonTerritory,
    TerrObject,
    Generic,
}

pub(crate) const CUE_NAMES: &[(&str, Cue)] = &[
    ("reported", Cue::Reported),
    ("claimed", Cue::Claimed),
    ("denied", Cue::Denied),
    ("uncertain", Cue::Uncertain),
    ("negation", Cue::Negation),
    ("irrealis", Cue::Irrealis),
    ("passive", Cue::Passive),
    ("boundary", Cue::Boundary),
    ("strong", Cue::Strong),
    ("ally", Cue::Ally),
    ("near", Cue::Near),
    ("region", Cue::Region),
    ("territory", Cue::Territory),
    ("defplace", Cue::DefPlace),
    ("gov", Cue::Gov),
    ("nsa", Cue::Nsa),
    ("civilian", Cue::Civilian),
    ("combatant", Cue::Combatant),
    ("protester", Cue::Protester),
    ("intervene", Cue::Intervene),
    ("lethal", Cue::Lethal),
    ("violent", Cue::Violent),
    ("subord", Cue::Subord),
    ("pronoun", Cue::Pronoun),
    ("relative", Cue::Relative),
    ("speech", Cue::Speech),
    ("crime", Cue::Crime),
    ("locative", Cue::Locative),
    ("realto", Cue::RealTo),
    ("aggregate", Cue::Aggregate),
    ("objprep", Cue::ObjPrep),
    ("attrib", Cue::Attrib),
    ("intervene_weak", Cue::IntervenWeak),
    ("disaster", Cue::Disaster),
    ("responsibility", Cue::Responsibility),
    ("mobactor", Cue::MobActor),
    ("diplomatic", Cue::Diplomatic),
    ("lethal_aimed", Cue::LethalAimed),
    ("weapon", Cue::Weapon),
    ("nonevent", Cue::NonEvent),
    ("statement", Cue::Statement),
    ("peaceful", Cue::Peaceful),
    ("topic", Cue::Topic),
    ("airshots", Cue::AirShots),
    ("orgcrime", Cue::OrgCrime),
    ("aftermath", Cue::Aftermath),
    ("dissident", Cue::Dissident),
    ("nonterritory", Cue::NonTerritory),
    ("terrobject", Cue::TerrObject),
    ("generic", Cue::Generic),
];

/// All lexicons, parsed once.
#[derive(Debug)]
pub(crate) struct Lexicons {
    pub triggers: PhraseSet<Trigger>,
    pub cues: HashMap<Cue, PhraseSet<()>>,
    /// Every cue of every kind in one set (payload: the kind), for one pass per sentence.
    pub all_cues: PhraseSet<Cue>,
    /// Lines of the data files that did not parse (file, line number); empty when all is well.
    #[cfg_attr(not(test), allow(dead_code))]
    pub bad_lines: Vec<(&'static str, usize)>,
}

impl Lexicons {
    /// The cue set of kind `k` (empty when the data file has none).
    pub fn cue(&self, k: Cue) -> &PhraseSet<()> {
        static EMPTY: OnceLock<PhraseSet<()>> = OnceLock::new();
        self.cues
            .get(&k)
            .unwrap_or_else(|| EMPTY.get_or_init(PhraseSet::new))
    }
}

fn intern_code(code: &str) -> Option<&'static str> {
    const PSEUDO: &[&str] = &["TERR_GOV", "TERR_NSA", "PROTEST", "KILL"];
    PSEUDO
        .iter()
        .copied()
        .find(|p| *p == code)
        .or_else(|| crate::types::by_code(code).map(|t| t.code))
}

fn parse() -> Lexicons {
    let mut bad = Vec::new();
    let mut triggers = PhraseSet::new();
    for (n, line) in TRIGGERS_TSV.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let ok = (|| {
            let [code, frame, pos, weight, pattern] = f.as_slice() else {
                return None;
            };
            let code = intern_code(code)?;
            let frame = match *frame {
                "terr" => Frame::Terr,
                "lossto" => Frame::LossTo,
                "fellto" => Frame::FellTo,
                "act" => Frame::Act,
                _ => return None,
            };
            // `+`: extract() needs an armed actor; `-`: extract() ignores it (too loose in
            // articles); classify() reads both as the plain V / N.
            let (base, extract_rule) = match pos.as_bytes() {
                [_, b'+'] => (&pos[..1], Some(true)),
                [_, b'-'] => (&pos[..1], Some(false)),
                _ => (*pos, None),
            };
            let (noun, classify_only) = match base {
                "N" => (true, false),
                "V" => (false, false),
                "C" if extract_rule.is_none() => (true, true),
                _ => return None,
            };
            let armed_only = extract_rule == Some(true);
            let loose = extract_rule == Some(false);
            let weight: f32 = weight.parse().ok()?;
            let t = Trigger {
                code,
                frame,
                noun,
                classify_only,
                loose,
                armed_only,
                weight,
            };
            triggers.add(pattern, t).then_some(())
        })();
        if ok.is_none() {
            bad.push(("triggers.tsv", n + 1));
        }
    }
    let mut cues: HashMap<Cue, PhraseSet<()>> = HashMap::default();
    let mut all_cues: PhraseSet<Cue> = PhraseSet::new();
    for (n, line) in CUES_TSV.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let ok = line.split_once('\t').and_then(|(kind, pat)| {
            let k = CUE_NAMES.iter().find(|(n, _)| *n == kind)?.1;
            all_cues.add(pat, k);
            cues.entry(k)
                .or_insert_with(PhraseSet::new)
                .add(pat, ())
                .then_some(())
        });
        if ok.is_none() {
            bad.push(("cues.tsv", n + 1));
        }
    }
    Lexicons {
        triggers,
        cues,
        all_cues,
        bad_lines: bad,
    }
}

/// The lexicons (parsed on first use).
pub(crate) fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(parse)
}

/// Whether token `i` of a sentence is a Titlecase word inside the sentence (not first, not
/// after an opening quote or bracket): part of a name ("March", "Operation Olive Branch"), so
/// no trigger. All-caps acronyms (IED, RPG) are not affected.
pub(crate) fn inside_name(text: &str, tokens: &[sitrep_text::Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else {
        return false;
    };
    if i == 0 {
        return false;
    }
    let prev = tokens[i - 1].text(text);
    if matches!(
        prev,
        "\"" | "“" | "‘" | "'" | "(" | "[" | ":" | "-" | "–" | "—"
    ) {
        return false;
    }
    let w = t.text(text);
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

/// Folded token strings of a token range, with word flags.
pub(crate) struct Folded {
    /// The folded tokens one after another; token `i` ends at `ends[i]`.
    buf: String,
    ends: Vec<usize>,
    pub is_word: Vec<bool>,
}

impl Folded {
    /// Folds `tokens` of `text` (into one buffer: no allocation per token).
    pub fn new(text: &str, tokens: &[sitrep_text::Token]) -> Folded {
        let mut buf = String::with_capacity(tokens.iter().map(|t| t.end - t.start).sum());
        let mut ends = Vec::with_capacity(tokens.len());
        let mut is_word = Vec::with_capacity(tokens.len());
        for t in tokens {
            sitrep_text::fold_into(t.text(text), &mut buf);
            ends.push(buf.len());
            is_word.push(!matches!(t.kind, sitrep_text::TokenKind::Punct));
        }
        Folded { buf, ends, is_word }
    }

    /// The token strings as `&str`s.
    pub fn refs(&self) -> Vec<&str> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&e| {
                let s = &self.buf[start..e];
                start = e;
                s
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signature filters never hide a pattern: every listed first word, and every word
    /// that starts with a listed prefix, passes them and is matched.
    #[test]
    fn signature_filters_let_every_pattern_start_through() {
        fn check<T>(set: &PhraseSet<T>) -> usize {
            let mut checked = 0;
            for (id, (pat, _)) in set.patterns.iter().enumerate() {
                let word = match &pat.toks[0] {
                    PTok::Exact(w) => w.clone(),
                    PTok::Prefix(p) => format!("{p}ing"),
                    PTok::Gap => continue,
                };
                // the whole pattern, written out (a gap as no word, a prefix with a suffix)
                let mut toks = vec![word.clone()];
                for t in &pat.toks[1..] {
                    match t {
                        PTok::Exact(w) => toks.push(w.clone()),
                        PTok::Prefix(p) => toks.push(format!("{p}s")),
                        PTok::Gap => {}
                    }
                }
                let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
                let mut out = Vec::new();
                set.matches_at(&refs, &vec![true; refs.len()], 0, &mut out);
                assert!(out.iter().any(|m| m.id == id), "{word:?} of pattern {id}");
                checked += 1;
            }
            checked
        }
        let lex = lexicons();
        let mut n = check(&lex.triggers) + check(&lex.all_cues);
        for set in lex.cues.values() {
            n += check(set);
        }
        assert!(n > 600, "{n} patterns checked");
    }

    #[test]
    fn data_files_parse_completely() {
        let lex = lexicons();
        assert!(lex.bad_lines.is_empty(), "bad lines: {:?}", lex.bad_lines);
        assert!(lex.triggers.patterns.len() > 300);
        for (_, k) in CUE_NAMES {
            assert!(lex.cues.contains_key(k), "no cue of kind {k:?}");
        }
    }

    #[test]
    fn gap_and_prefix_patterns_match() {
        let mut s = PhraseSet::new();
        assert!(s.add("took _ control of", 1));
        assert!(s.add("liberat*", 2));
        assert!(!s.add("li*", 3));
        let toks = ["the", "army", "took", "full", "control", "of", "liberating"];
        let w = [true; 7];
        let m = s.find_all(&toks, &w);
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].start, m[0].end, *s.payload(m[0].id)), (2, 6, 1));
        assert_eq!((m[1].start, *s.payload(m[1].id)), (6, 2));
        // A gap never crosses punctuation.
        let toks = ["took", ",", "control", "of"];
        assert!(s.find_all(&toks, &[true, false, true, true]).is_empty());
    }
}
