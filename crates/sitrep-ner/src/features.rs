//! Feature extraction: every feature is a 64-bit hash built from cheap per-token values, so no
//! string is allocated per feature. The same code serves training and tagging.

use crate::lexicon::Lexicon;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Hasher for keys that already are well-mixed 64-bit hashes: passes them through.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of hashes.
pub(crate) type HashSet64 = HashSet<u64, BuildHasherDefault<IdHasher>>;
/// A map keyed by hashes.
pub(crate) type HashMap64<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// FNV-1a over bytes, then a final mix.
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    finish(h)
}

fn finish(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Combines two hashes (order matters).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    finish(a.rotate_left(23) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5851_F42D_4C95_7F2D)
}

/// Sentinel values for positions outside the sentence.
const BOS: u64 = 0x1111_2222_3333_4444;
const EOS: u64 = 0x5555_6666_7777_8888;

/// Per-token precomputed values.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokInfo {
    /// Folded lower-case form, digits mapped to 0.
    pub lw: u64,
    /// The word as written (digits mapped to 0).
    pub raw: u64,
    /// Shape with runs capped at 4 (`Xxxx`, `dd-dd`).
    pub shape: u64,
    /// Shape with runs collapsed (`Xx`, `d-d`).
    pub sshape: u64,
    /// Prefixes and suffixes of 1..4 folded chars (0 when the word is shorter).
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    /// Bit flags, see `F_*`.
    pub flags: u16,
    /// Lexicon marks: low 16 bits begin-of-phrase classes, high 16 bits inside-phrase classes.
    pub gaz: u32,
}

const F_INIT_CAP: u16 = 1;
const F_ALL_CAPS: u16 = 2;
const F_HAS_DIGIT: u16 = 4;
const F_HAS_HYPHEN: u16 = 8;
const F_HAS_PERIOD: u16 = 16;
const F_HAS_APOS: u16 = 32;
const F_NO_ALNUM: u16 = 64;
const F_MIXED: u16 = 128;
const F_HAS_LOWER: u16 = 256;
const F_OPENER: u16 = 512;

/// Folds a word into `buf` (lower case, no diacritics, unified apostrophes, digits → 0).
pub(crate) fn fold_word(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            sitrep_text::fold_char(c, buf);
        }
    }
}

fn shape_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        b'x'
    } else if c.is_ascii_digit() {
        b'd'
    } else {
        match c {
            '\'' | '’' | '‘' | 'ʼ' => b'\'',
            '"' | '“' | '”' | '«' | '»' => b'"',
            '-' | '–' | '—' | '‐' | '‑' => b'-',
            c if c.is_ascii() => c as u8,
            _ => b'?',
        }
    }
}

/// The [`TokInfo::raw`] value of a word, alone (cheap: one pass over the bytes; an ASCII digit
/// never occurs inside a multi-byte UTF-8 character, so mapping digit bytes is mapping digits).
#[inline]
pub(crate) fn raw_hash(word: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in word.as_bytes() {
        let b = if b.is_ascii_digit() { b'0' } else { b };
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    finish(h ^ 7)
}

/// Computes the per-token values of one word. `buf` is scratch space.
pub(crate) fn token_info(word: &str, buf: &mut String) -> TokInfo {
    fold_word(word, buf);
    let mut info = TokInfo {
        lw: hash_bytes(1, buf.as_bytes()),
        ..TokInfo::default()
    };
    // Raw form (case kept, digits mapped).
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut sh = 0xcbf2_9ce4_8422_2325u64;
    let mut ssh = 0xcbf2_9ce4_8422_2325u64;
    let mut last = 0u8;
    let mut run = 0u32;
    let (mut upper, mut lower, mut alnum) = (0u32, 0u32, 0u32);
    let mut first_upper = false;
    for (i, c) in word.chars().enumerate() {
        let cls = shape_class(c);
        let rb = if c.is_ascii_digit() { b'0' } else { 0 };
        if rb != 0 {
            h ^= u64::from(rb);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        } else {
            let mut tmp = [0u8; 4];
            for &b in c.encode_utf8(&mut tmp).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01B3);
            }
        }
        if cls == last {
            run += 1;
        } else {
            run = 1;
            ssh ^= u64::from(cls);
            ssh = ssh.wrapping_mul(0x0000_0100_0000_01B3);
        }
        if run <= 4 {
            sh ^= u64::from(cls);
            sh = sh.wrapping_mul(0x0000_0100_0000_01B3);
        }
        last = cls;
        match cls {
            b'X' => {
                upper += 1;
                if i == 0 {
                    first_upper = true;
                }
            }
            b'x' => lower += 1,
            b'd' => {
                info.flags |= F_HAS_DIGIT;
            }
            b'-' => info.flags |= F_HAS_HYPHEN,
            b'.' => info.flags |= F_HAS_PERIOD,
            b'\'' => info.flags |= F_HAS_APOS,
            _ => {}
        }
        if c.is_alphanumeric() {
            alnum += 1;
        }
    }
    info.raw = finish(h ^ 7);
    info.shape = finish(sh ^ 11);
    info.sshape = finish(ssh ^ 13);
    if first_upper {
        info.flags |= F_INIT_CAP;
    }
    if upper > 0 && lower == 0 {
        info.flags |= F_ALL_CAPS;
    }
    if lower > 0 {
        info.flags |= F_HAS_LOWER;
    }
    if upper > 0 && lower > 0 && !first_upper {
        info.flags |= F_MIXED;
    }
    if alnum == 0 {
        info.flags |= F_NO_ALNUM;
        if matches!(
            word,
            "\"" | "“" | "‘" | "'" | "(" | "[" | ":" | "-" | "–" | "—" | "«" | "„"
        ) {
            info.flags |= F_OPENER;
        }
    }
    // Prefixes / suffixes over the folded form.
    let b = buf.as_bytes();
    let mut k = 0usize;
    for (i, _) in buf.char_indices().skip(1).take(4) {
        info.pre[k] = hash_bytes(21 + k as u64, &b[..i]);
        k += 1;
    }
    if k < 4 && !buf.is_empty() {
        info.pre[k] = hash_bytes(21 + k as u64, b);
    }
    for (k, (i, _)) in buf.char_indices().rev().take(4).enumerate() {
        info.suf[k] = hash_bytes(31 + k as u64, &b[i..]);
    }
    info
}

impl TokInfo {
    /// Capitalised or all capitals, with letters.
    pub fn is_name_like(&self) -> bool {
        self.init_cap() && self.flags & F_NO_ALNUM == 0
    }
    fn init_cap(&self) -> bool {
        self.flags & F_INIT_CAP != 0
    }
    fn has_lower(&self) -> bool {
        self.flags & F_HAS_LOWER != 0
    }
}

/// A sentence prepared for feature extraction.
pub(crate) struct SentInfo {
    pub toks: Vec<TokInfo>,
    /// For each token, the run of two or more capitalised words it is in (`start..end`).
    pub runs: Vec<Option<(u16, u16)>>,
    /// Whether the sentence is written in capitals (headline): case features are unreliable.
    pub all_caps: bool,
    /// Whether each word is a place preposition (`in`, `near` …).
    pub words_lw_prep: Vec<bool>,
}

/// Builds the per-token values of a sentence, including lexicon marks.
pub(crate) fn sentence_info(words: &[&str], lex: &Lexicon, buf: &mut String) -> SentInfo {
    let toks: Vec<TokInfo> = words.iter().map(|w| token_info(w, buf)).collect();
    sentence_info_from(words, toks, lex)
}

/// [`sentence_info`] from the words' [`token_info`] values.
pub(crate) fn sentence_info_from(
    words: &[&str],
    mut toks: Vec<TokInfo>,
    lex: &Lexicon,
) -> SentInfo {
    lex.mark(&mut toks);
    let mut caps = 0;
    let mut lowers = 0;
    for t in &toks {
        if t.flags & F_ALL_CAPS != 0 && t.flags & F_NO_ALNUM == 0 {
            caps += 1;
        } else if t.has_lower() {
            lowers += 1;
        }
    }
    let all_caps = caps >= 2 && lowers == 0;
    let runs = if all_caps {
        vec![None; toks.len()]
    } else {
        cap_runs(words, &toks)
    };
    let words_lw_prep = words.iter().map(|w| LOC_PREPS.contains(w)).collect();
    SentInfo {
        toks,
        runs,
        all_caps,
        words_lw_prep,
    }
}

/// Lower-case words allowed inside a name between capitalised words.
const RUN_GLUE: &[&str] = &[
    "of", "for", "and", "de", "del", "la", "al", "el", "bin", "ibn", "&",
];

fn cap_runs(words: &[&str], toks: &[TokInfo]) -> Vec<Option<(u16, u16)>> {
    let n = toks.len().min(u16::MAX as usize);
    let mut out = vec![None; toks.len()];
    let is_cap = |i: usize| toks[i].init_cap() && toks[i].flags & F_NO_ALNUM == 0;
    let mut i = 0;
    while i < n {
        if !is_cap(i) {
            i += 1;
            continue;
        }
        let a = i;
        let mut b = i + 1;
        loop {
            if b < n && is_cap(b) {
                b += 1;
            } else if b + 1 < n && RUN_GLUE.contains(&words[b]) && is_cap(b + 1) {
                b += 2;
            } else {
                break;
            }
        }
        if b - a >= 2 {
            for o in &mut out[a..b] {
                *o = Some((a as u16, b as u16));
            }
        }
        i = b;
    }
    out
}

/// Whether token `i` opens its sentence (possibly after an opening quote or bracket).
fn initial(s: &SentInfo, i: usize) -> bool {
    i == 0 || s.toks[i - 1].flags & F_OPENER != 0
}

/// Document-level evidence: words seen capitalised mid-sentence, and words seen in lower case,
/// and the contexts capitalised words were seen in; one map from the folded word to its bits
/// ([`DOC_CAPPED`], [`DOC_LOWERED`], and the `CTX_*` bits shifted by [`DOC_CTX_SHIFT`]), so a
/// token needs one lookup.
#[derive(Default)]
pub(crate) struct DocInfo {
    words: HashMap64<u8>,
}

const DOC_CAPPED: u8 = 1;
const DOC_LOWERED: u8 = 2;
const DOC_CTX_SHIFT: u32 = 2;

const CTX_AFTER_TITLE: u8 = 1;
const CTX_AFTER_FIRST_NAME: u8 = 2;
const CTX_IN_ORG_RUN: u8 = 4;
const CTX_AFTER_LOC_PREP: u8 = 8;
const CTX_IN_RUN_AFTER_FIRST_NAME: u8 = 16;

/// Prepositions that introduce places.
const LOC_PREPS: &[&str] = &["in", "near", "at", "from", "to", "outside", "across"];

impl DocInfo {
    /// Collects the evidence from the document's sentences.
    pub fn new(sents: &[SentInfo]) -> DocInfo {
        let mut d = DocInfo::default();
        for s in sents {
            if s.all_caps {
                continue;
            }
            for (i, t) in s.toks.iter().enumerate() {
                if t.init_cap() && t.has_lower() {
                    let mut c = 0u8;
                    if i > 0 {
                        let p = &s.toks[i - 1];
                        if p.gaz & crate::lexicon::PERSON_TITLE != 0 {
                            c |= CTX_AFTER_TITLE;
                        }
                        if p.gaz & crate::lexicon::FIRST_NAME != 0 && p.init_cap() {
                            c |= CTX_AFTER_FIRST_NAME;
                        }
                        if !p.init_cap() && s.words_lw_prep[i - 1] {
                            c |= CTX_AFTER_LOC_PREP;
                        }
                    }
                    if let Some((a, b)) = s.runs[i] {
                        let last = &s.toks[usize::from(b) - 1];
                        if last.gaz & crate::lexicon::ORG_WORD != 0 {
                            c |= CTX_IN_ORG_RUN;
                        }
                        if usize::from(a) < i
                            && s.toks[usize::from(a)].gaz & crate::lexicon::FIRST_NAME != 0
                        {
                            c |= CTX_IN_RUN_AFTER_FIRST_NAME;
                        }
                    }
                    if c != 0 {
                        *d.words.entry(t.lw).or_insert(0) |= c << DOC_CTX_SHIFT;
                    }
                }
                if t.init_cap() && t.has_lower() && !initial(s, i) {
                    *d.words.entry(t.lw).or_insert(0) |= DOC_CAPPED;
                } else if !t.init_cap() && t.has_lower() && t.flags & F_MIXED == 0 {
                    *d.words.entry(t.lw).or_insert(0) |= DOC_LOWERED;
                }
            }
        }
        d
    }

    /// The evidence on a folded word: the contexts it was seen capitalised in (`None` if
    /// none), whether it was seen capitalised mid-sentence, and whether in lower case.
    #[inline]
    fn get(&self, lw: u64) -> (Option<u8>, bool, bool) {
        let v = self.words.get(&lw).copied().unwrap_or(0);
        let ctx = v >> DOC_CTX_SHIFT;
        (
            (ctx != 0).then_some(ctx),
            v & DOC_CAPPED != 0,
            v & DOC_LOWERED != 0,
        )
    }
}

/// Appends the feature hashes of token `i` to `out`.
pub(crate) fn token_features(s: &SentInfo, doc: &DocInfo, i: usize, out: &mut Vec<u64>) {
    let n = s.toks.len();
    let t = &s.toks[i];
    let at = |j: isize| -> Option<&TokInfo> {
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(&s.toks[j as usize])
        }
    };
    let ii = i as isize;
    let lw = |j: isize| at(j).map_or(if j < 0 { BOS } else { EOS }, |t| t.lw);
    let shp = |j: isize| at(j).map_or(if j < 0 { BOS } else { EOS }, |t| t.shape);
    let ssh = |j: isize| at(j).map_or(if j < 0 { BOS } else { EOS }, |t| t.sshape);
    let gz = |j: isize| at(j).map_or(0, |t| t.gaz);
    let caps = u64::from(s.all_caps);
    let f = |tpl: u64, v: u64| mix(tpl.wrapping_mul(0x2545_F491_4F6C_DD1D), v);

    out.push(f(0, 0)); // bias
    out.push(f(1, t.lw));
    out.push(f(2, t.raw));
    out.push(f(3, lw(ii - 1)));
    out.push(f(4, lw(ii + 1)));
    out.push(f(5, lw(ii - 2)));
    out.push(f(6, lw(ii + 2)));
    out.push(f(7, mix(t.shape, caps)));
    out.push(f(8, mix(t.sshape, caps)));
    out.push(f(9, shp(ii - 1)));
    out.push(f(10, shp(ii + 1)));
    out.push(f(11, ssh(ii - 2)));
    out.push(f(12, ssh(ii + 2)));
    for k in 0..4 {
        if t.pre[k] != 0 {
            out.push(f(13 + k as u64, t.pre[k]));
        }
        if t.suf[k] != 0 {
            out.push(f(17 + k as u64, t.suf[k]));
        }
    }
    out.push(f(21, mix(lw(ii - 1), t.lw)));
    out.push(f(22, mix(t.lw, lw(ii + 1))));
    out.push(f(23, mix(mix(ssh(ii - 1), t.sshape), ssh(ii + 1))));
    out.push(f(24, mix(lw(ii - 1), t.sshape)));
    out.push(f(25, mix(t.sshape, lw(ii + 1))));
    out.push(f(26, mix(u64::from(initial(s, i)), mix(t.sshape, caps))));
    if s.all_caps {
        out.push(f(27, t.lw));
    }
    for b in 0..10u16 {
        if t.flags & (1 << b) != 0 {
            out.push(f(28, mix(u64::from(b), caps)));
        }
    }
    // Lexicon marks of this token and its neighbours.
    for (tpl, g) in [(40u64, t.gaz), (41, gz(ii - 1)), (42, gz(ii + 1))] {
        let mut g = g;
        while g != 0 {
            let b = g.trailing_zeros();
            g &= g - 1;
            out.push(f(tpl, mix(u64::from(b), caps)));
            if tpl == 40 {
                out.push(f(43, mix(u64::from(b), t.sshape)));
            }
        }
    }
    let suf3 = |j: isize| at(j).map_or(if j < 0 { BOS } else { EOS }, |t| t.suf[2]);
    out.push(f(70, suf3(ii - 1)));
    out.push(f(71, suf3(ii + 1)));
    out.push(f(72, mix(lw(ii - 1), lw(ii + 1))));
    out.push(f(73, mix(lw(ii - 2), lw(ii - 1))));
    out.push(f(74, mix(lw(ii + 1), lw(ii + 2))));
    // The run of capitalised words this token belongs to.
    if let Some((a, b)) = s.runs[i] {
        let (a, b) = (usize::from(a), usize::from(b));
        let pos: u64 = if i == a {
            1
        } else if i + 1 == b {
            2
        } else {
            3
        };
        let len = (b - a).min(4) as u64;
        let (first, last) = (&s.toks[a], &s.toks[b - 1]);
        out.push(f(60, mix(pos, last.lw)));
        out.push(f(61, mix(pos, first.lw)));
        out.push(f(
            62,
            mix(
                pos,
                u64::from(last.gaz & 0xffff) | u64::from(first.gaz & 0xffff) << 16,
            ),
        ));
        out.push(f(63, mix(pos, len)));
    }
    // Document-level evidence.
    let (ctx, capped, lowered) = doc.get(t.lw);
    if t.init_cap() {
        if let Some(c) = ctx {
            out.push(f(51, mix(u64::from(c), t.sshape)));
        }
    }
    out.push(f(
        50,
        mix(
            u64::from(capped) | u64::from(lowered) << 1 | caps << 2,
            t.sshape,
        ),
    ));
}

// ---------------------------------------------------------------------------------------------
// The same features, split by what they depend on, for tagging. [`token_features`] of token `i`
// is, as a multiset, exactly
//   own_features(i) + to_next(i-1) + to_prev(i+1) + to_next2(i-2) + to_prev2(i+2)
//   + context_features(i)
// with the `boundary_*` features standing in for neighbours outside the sentence (a test checks
// this). The first five depend on one token and the sentence's headline flag only, so the
// tagger sums their weights once per distinct token and reuses the sums.

/// The feature of template `tpl` with value `v` (as in [`token_features`]).
#[inline]
fn feat(tpl: u64, v: u64) -> u64 {
    mix(tpl.wrapping_mul(0x2545_F491_4F6C_DD1D), v)
}

/// Features of token `t` that depend on it alone (and the sentence's headline flag `caps`).
pub(crate) fn own_features(t: &TokInfo, caps: bool, out: &mut Vec<u64>) {
    let c = u64::from(caps);
    out.push(feat(0, 0));
    out.push(feat(1, t.lw));
    out.push(feat(2, t.raw));
    out.push(feat(7, mix(t.shape, c)));
    out.push(feat(8, mix(t.sshape, c)));
    for k in 0..4 {
        if t.pre[k] != 0 {
            out.push(feat(13 + k as u64, t.pre[k]));
        }
        if t.suf[k] != 0 {
            out.push(feat(17 + k as u64, t.suf[k]));
        }
    }
    if caps {
        out.push(feat(27, t.lw));
    }
    for b in 0..10u16 {
        if t.flags & (1 << b) != 0 {
            out.push(feat(28, mix(u64::from(b), c)));
        }
    }
    let mut g = t.gaz;
    while g != 0 {
        let b = g.trailing_zeros();
        g &= g - 1;
        out.push(feat(40, mix(u64::from(b), c)));
        out.push(feat(43, mix(u64::from(b), t.sshape)));
    }
}

/// Features that token `t` gives the token after it.
pub(crate) fn to_next(t: &TokInfo, caps: bool, out: &mut Vec<u64>) {
    out.push(feat(3, t.lw));
    out.push(feat(9, t.shape));
    out.push(feat(70, t.suf[2]));
    gaz_features(41, t.gaz, caps, out);
}

/// Features that token `t` gives the token before it.
pub(crate) fn to_prev(t: &TokInfo, caps: bool, out: &mut Vec<u64>) {
    out.push(feat(4, t.lw));
    out.push(feat(10, t.shape));
    out.push(feat(71, t.suf[2]));
    gaz_features(42, t.gaz, caps, out);
}

/// Features that token `t` gives the token two after it.
pub(crate) fn to_next2(t: &TokInfo, out: &mut Vec<u64>) {
    out.push(feat(5, t.lw));
    out.push(feat(11, t.sshape));
}

/// Features that token `t` gives the token two before it.
pub(crate) fn to_prev2(t: &TokInfo, out: &mut Vec<u64>) {
    out.push(feat(6, t.lw));
    out.push(feat(12, t.sshape));
}

fn gaz_features(tpl: u64, gaz: u32, caps: bool, out: &mut Vec<u64>) {
    let mut g = gaz;
    while g != 0 {
        let b = g.trailing_zeros();
        g &= g - 1;
        out.push(feat(tpl, mix(u64::from(b), u64::from(caps))));
    }
}

/// The features a token gets when it has no token before it (`0`: no previous, `1`: none
/// two before), or no token after it (`2`: no next, `3`: none two after).
pub(crate) fn boundary_features(which: usize, out: &mut Vec<u64>) {
    match which {
        0 => {
            out.push(feat(3, BOS));
            out.push(feat(9, BOS));
            out.push(feat(70, BOS));
        }
        1 => {
            out.push(feat(5, BOS));
            out.push(feat(11, BOS));
        }
        2 => {
            out.push(feat(4, EOS));
            out.push(feat(10, EOS));
            out.push(feat(71, EOS));
        }
        _ => {
            out.push(feat(6, EOS));
            out.push(feat(12, EOS));
        }
    }
}

/// The remaining features of token `i`: conjunctions with its neighbours, its run of
/// capitalised words and the document-level evidence.
#[cfg(test)]
pub(crate) fn context_features(s: &SentInfo, doc: &DocInfo, i: usize, out: &mut Vec<u64>) {
    let mut pairs = Vec::new();
    word_pairs(s, &mut pairs);
    each_context_feature(s, doc, &pairs, i, |h| out.push(h));
}

/// The folded-word pairs of a sentence, `pairs[j + 1] = mix(lw(j - 1), lw(j))` for `j` in
/// `-1..=n + 1` (outside the sentence, `lw` is the `BOS` / `EOS` sentinel), computed once
/// per sentence for [`each_context_feature`], which uses each pair four times.
pub(crate) fn word_pairs(s: &SentInfo, pairs: &mut Vec<u64>) {
    let n = s.toks.len();
    let lw = |j: isize| {
        if j < 0 {
            BOS
        } else {
            s.toks.get(j as usize).map_or(EOS, |t| t.lw)
        }
    };
    pairs.clear();
    pairs.extend((-1..=n as isize + 1).map(|j| mix(lw(j - 1), lw(j))));
}

/// Calls `sink` with each of the features that [`context_features`] gives token `i`, in the
/// same order; `pairs` are the sentence's [`word_pairs`].
#[inline]
pub(crate) fn each_context_feature(
    s: &SentInfo,
    doc: &DocInfo,
    pairs: &[u64],
    i: usize,
    mut sink: impl FnMut(u64),
) {
    let n = s.toks.len();
    let t = &s.toks[i];
    let (prev, next) = (i.checked_sub(1).map(|j| &s.toks[j]), s.toks.get(i + 1));
    let lw_prev = prev.map_or(BOS, |t| t.lw);
    let lw_next = next.map_or(EOS, |t| t.lw);
    let ssh_prev = prev.map_or(BOS, |t| t.sshape);
    let ssh_next = next.map_or(EOS, |t| t.sshape);
    let caps = u64::from(s.all_caps);
    // pairs[k] = mix(lw(k - 2), lw(k - 1)), so token i's pairs are pairs[i..i + 4].
    let p = &pairs[i..i + 4];
    debug_assert_eq!(pairs.len(), n + 3);
    sink(feat(21, p[1]));
    sink(feat(22, p[2]));
    sink(feat(23, mix(mix(ssh_prev, t.sshape), ssh_next)));
    sink(feat(24, mix(lw_prev, t.sshape)));
    sink(feat(25, mix(t.sshape, lw_next)));
    sink(feat(26, mix(u64::from(initial(s, i)), mix(t.sshape, caps))));
    sink(feat(72, mix(lw_prev, lw_next)));
    sink(feat(73, p[0]));
    sink(feat(74, p[3]));
    if let Some((a, b)) = s.runs[i] {
        let (a, b) = (usize::from(a), usize::from(b));
        let pos: u64 = if i == a {
            1
        } else if i + 1 == b {
            2
        } else {
            3
        };
        let len = (b - a).min(4) as u64;
        let (first, last) = (&s.toks[a], &s.toks[b - 1]);
        sink(feat(60, mix(pos, last.lw)));
        sink(feat(61, mix(pos, first.lw)));
        sink(feat(
            62,
            mix(
                pos,
                u64::from(last.gaz & 0xffff) | u64::from(first.gaz & 0xffff) << 16,
            ),
        ));
        sink(feat(63, mix(pos, len)));
    }
    let (ctx, capped, lowered) = doc.get(t.lw);
    if t.init_cap() {
        if let Some(c) = ctx {
            sink(feat(51, mix(u64::from(c), t.sshape)));
        }
    }
    sink(feat(
        50,
        mix(
            u64::from(capped) | u64::from(lowered) << 1 | caps << 2,
            t.sshape,
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_hash_is_the_token_info_raw_value() {
        let mut buf = String::new();
        for w in [
            "Syria",
            "2017",
            "al-Sayyal",
            "Qit’ah",
            "ÇAĞLAYAN",
            "“",
            "U.S.",
            "Raqqa's",
            "",
        ] {
            assert_eq!(raw_hash(w), token_info(w, &mut buf).raw, "{w}");
        }
        assert_eq!(raw_hash("2017"), raw_hash("1999"));
        assert_ne!(raw_hash("Syria"), raw_hash("syria"));
    }

    /// The split features of every token are exactly its [`token_features`].
    #[test]
    fn split_features_are_the_token_features() {
        let lex = Lexicon::new();
        let mut buf = String::new();
        let text = [
            "US-backed Syrian Democratic Forces entered Raqqa on Tuesday , officials said .",
            "President Donald Trump said the Islamic State had been defeated in Iraq and Syria .",
            "“ We will not leave , ” Abu Mohammed al-Jolani told Reuters in 2017 .",
            "MOSUL FALLS TO IRAQI ARMY",
            "Syria",
            "In Deir ez-Zor , the Free Syrian Army of Ahmed Saleh fought .",
        ];
        let sents: Vec<Vec<&str>> = text.iter().map(|s| s.split(' ').collect()).collect();
        let infos: Vec<_> = sents
            .iter()
            .map(|w| sentence_info(w, &lex, &mut buf))
            .collect();
        let doc = DocInfo::new(&infos);
        let mut checked = 0;
        for s in &infos {
            let n = s.toks.len();
            for i in 0..n {
                let mut want = Vec::new();
                token_features(s, &doc, i, &mut want);
                let mut got = Vec::new();
                own_features(&s.toks[i], s.all_caps, &mut got);
                match i.checked_sub(1) {
                    Some(j) => to_next(&s.toks[j], s.all_caps, &mut got),
                    None => boundary_features(0, &mut got),
                }
                match i.checked_sub(2) {
                    Some(j) => to_next2(&s.toks[j], &mut got),
                    None => boundary_features(1, &mut got),
                }
                match s.toks.get(i + 1) {
                    Some(t) => to_prev(t, s.all_caps, &mut got),
                    None => boundary_features(2, &mut got),
                }
                match s.toks.get(i + 2) {
                    Some(t) => to_prev2(t, &mut got),
                    None => boundary_features(3, &mut got),
                }
                context_features(s, &doc, i, &mut got);
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(got, want, "token {i} of {:?}", s.toks.len());
                checked += 1;
            }
        }
        assert_eq!(checked, sents.iter().map(Vec::len).sum::<usize>());
    }
}
