//! Word lists (in `data/*.txt`) matched as phrases over token sequences; each match marks its
//! tokens with the list's class, which the tagger uses as a feature (never as a decision).

use crate::features::{hash_bytes, mix, HashMap64, HashSet64, TokInfo};

/// The lists, their class bit and their text.
const LISTS: &[(u32, &str)] = &[
    (0, include_str!("../data/countries.txt")),
    (1, include_str!("../data/cities.txt")),
    (2, include_str!("../data/regions.txt")),
    (3, include_str!("../data/nationalities.txt")),
    (4, include_str!("../data/first_names.txt")),
    (5, include_str!("../data/org_words.txt")),
    (6, include_str!("../data/person_titles.txt")),
    (7, include_str!("../data/loc_words.txt")),
    (8, include_str!("../data/org_names.txt")),
];

/// Begin-of-phrase mark of the nationality list.
pub(crate) const NATIONALITY: u32 = 1 << 3;
/// Begin-of-phrase mark of the given-name list.
pub(crate) const FIRST_NAME: u32 = 1 << 4;
/// Begin-of-phrase mark of the organisation-word list.
pub(crate) const ORG_WORD: u32 = 1 << 5;
/// Class bit of the organisation-name list.
pub(crate) const ORG_NAME: u16 = 1 << 8;
/// Begin-of-phrase mark of the person-title list.
pub(crate) const PERSON_TITLE: u32 = 1 << 6;

const SEED: u64 = 0x0123_4567_89ab_cdef;

/// Phrase lists keyed by the combined hash of their folded words.
#[derive(Clone)]
pub(crate) struct Lexicon {
    phrases: HashMap64<u16>,
    /// Hashes of the proper prefixes (first words) of the listed phrases: a match that is not
    /// one of these cannot grow into a longer phrase, so the scans stop there.
    prefixes: HashSet64,
    max_len: usize,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("phrases", &self.phrases.len())
            .finish_non_exhaustive()
    }
}

impl Lexicon {
    /// Loads the built-in lists.
    pub fn new() -> Lexicon {
        let mut phrases: HashMap64<u16> = HashMap64::default();
        let mut prefixes = HashSet64::default();
        let mut max_len = 1;
        let mut buf = String::new();
        for &(class, text) in LISTS {
            for line in text.lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                let mut h = SEED;
                let mut len = 0;
                for w in line.split_whitespace() {
                    if len > 0 {
                        prefixes.insert(h);
                    }
                    crate::features::fold_word(w, &mut buf);
                    h = mix(h, hash_bytes(1, buf.as_bytes()));
                    len += 1;
                }
                max_len = max_len.max(len);
                *phrases.entry(h).or_insert(0) |= 1 << class;
            }
        }
        Lexicon {
            phrases,
            prefixes,
            max_len,
        }
    }

    /// The classes of the phrase made of exactly these tokens (0 if not listed).
    pub fn phrase_classes(&self, toks: &[TokInfo]) -> u16 {
        if toks.len() > self.max_len {
            return 0;
        }
        let h = toks.iter().fold(SEED, |h, t| mix(h, t.lw));
        self.phrases.get(&h).copied().unwrap_or(0)
    }

    /// Occurrences (`start..end`, two words or more, longest first, not overlapping) of names
    /// in the organisation list.
    pub fn org_phrases(&self, toks: &[TokInfo]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let n = toks.len();
        let mut i = 0;
        while i < n {
            let mut h = SEED;
            let mut best = 0;
            for len in 1..=self.max_len.min(n - i) {
                h = mix(h, toks[i + len - 1].lw);
                if len >= 2 && self.phrases.get(&h).is_some_and(|&m| m & ORG_NAME != 0) {
                    best = len;
                }
                if !self.prefixes.contains(&h) {
                    break;
                }
            }
            if best > 0 {
                out.push((i, i + best));
                i += best;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Marks every token covered by a listed phrase (begin bits low, inside bits high).
    pub fn mark(&self, toks: &mut [TokInfo]) {
        let n = toks.len();
        for i in 0..n {
            let mut h = SEED;
            for len in 1..=self.max_len.min(n - i) {
                h = mix(h, toks[i + len - 1].lw);
                if let Some(&m) = self.phrases.get(&h) {
                    toks[i].gaz |= u32::from(m);
                    for t in &mut toks[i + 1..i + len] {
                        t.gaz |= u32::from(m) << 16;
                    }
                }
                if !self.prefixes.contains(&h) {
                    break;
                }
            }
        }
    }
}
