//! Named entity recognition with CoNLL labels (PER, ORG, LOC, MISC).
//!
//! A first-order sequence tagger (structured averaged perceptron, BIO labels, constrained
//! Viterbi) over cheap hashed features: folded word, raw word, shapes, prefixes/suffixes,
//! neighbours (±2), capitalisation flags, headline (all-caps sentence) flag, runs of
//! capitalised words, word-list marks (`data/*.txt`) and document-level evidence (how the
//! same word is written and framed elsewhere in the document). The model (`model/ner.bin`,
//! ~2.7 MB, i16 weights) is trained from CoNLL-2003 `eng.train` by [`train()`]
//! (`cargo run --release -p sitrep-ner --example train -- <eng.train>`, about a second) and
//! embedded in the binary.
//!
//! After decoding, a few reviewable rules shape the spans: punctuation is trimmed from entity
//! edges; a nationality adjective directly before an ORG joins it ("Russian General Staff");
//! names of `data/org_names.txt` are ORG; a hyphenated modifier ("US-backed") is split off as
//! MISC; and within a document, identical names take their majority label.
//!
//! Real text is fed as [`TextLayer`] sentences, with clitics split off as CoNLL does
//! (`Syria’s` → `Syria` + `’s`, see [`words_of`]); offsets are bytes of the original text.
#![deny(missing_docs)]

mod conll;
pub mod eval;
mod features;
mod lexicon;
mod model;
mod train;

pub use conll::{iob1_to_bio, parse_conll, read_conll, ConllDoc, ConllSentence};
pub use model::TYPES;
pub use train::{train, train_with, TrainOptions, TrainReport};

use features::{DocInfo, TokInfo};
use lexicon::Lexicon;
use model::{viterbi, Model, L};
use sitrep_model::Entity;
use sitrep_text::{TextLayer, TokenKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::atomic::{AtomicU64, Ordering};

/// The model trained by `examples/train.rs`, embedded.
const MODEL: &[u8] = include_bytes!("../model/ner.bin");

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("i/o: {0}")]
    Io(String),
    /// Training or evaluation data is malformed.
    #[error("bad data: {0}")]
    Data(String),
    /// A model file is malformed.
    #[error("bad model: {0}")]
    Model(String),
}

/// An entity over a token sequence: tokens `start..end` of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: &'static str,
}

/// The entity recogniser. Built once, shared by all documents (`Send + Sync`).
#[derive(Debug, Clone)]
pub struct Recognizer {
    model: Model,
    lex: Lexicon,
    /// Summed weights of the features that stand in for neighbours outside the sentence
    /// (see `features::boundary_features`).
    boundary: [[i32; L]; 4],
    /// Identifies the model for the per-thread [`TypeCache`].
    id: u64,
}

/// Source of [`Recognizer::id`]s.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Summed quantised weights of the features that depend on one token alone: its own, and
/// those it gives its neighbours (see `features::own_features`).
#[derive(Debug, Clone, Copy)]
struct TypeRows {
    own: [i32; L],
    to_next: [i32; L],
    to_prev: [i32; L],
    to_next2: [i32; L],
    to_prev2: [i32; L],
}

/// A token as far as [`TypeRows`] are concerned: its word (as written and folded), its
/// lexicon marks and whether its sentence is a headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TypeKey {
    raw: u64,
    lw: u64,
    gaz: u32,
    caps: bool,
}

impl std::hash::Hash for TypeKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // One well-mixed word (the map's hasher passes it through).
        state.write_u64(features::mix(
            features::mix(self.raw, self.lw),
            u64::from(self.gaz) << 1 | u64::from(self.caps),
        ));
    }
}

/// A memo of [`TokInfo`] by word and of [`TypeRows`] by token type, so that a frequent word's
/// values are computed, and the weights of its own features looked up, once rather than at
/// every occurrence. It only memoises pure functions of the word and the model: results are
/// the same with or without it (a test checks this). One per thread (about 10 MB at most),
/// emptied between documents once it holds [`TypeCache::MAX`] entries, or when another
/// model uses it.
struct TypeCache {
    model: u64,
    index: HashMap<TypeKey, u32, BuildHasherDefault<features::IdHasher>>,
    rows: Vec<TypeRows>,
    /// Words by their `raw` value: index into `word_list`.
    words: features::HashMap64<u32>,
    /// Each word's [`TokInfo`] (lexicon marks not set) and the index of its [`TypeRows`] when
    /// unmarked and outside a headline (the common case, then found without a second map
    /// lookup; `u32::MAX` until computed).
    word_list: Vec<(TokInfo, u32)>,
    fb: Vec<u64>,
    buf: String,
}

impl TypeCache {
    /// Most words or token types kept (about 120 and 180 bytes each).
    const MAX: usize = 1 << 15;

    fn new() -> TypeCache {
        TypeCache {
            model: 0,
            index: HashMap::default(),
            rows: Vec::new(),
            words: features::HashMap64::default(),
            word_list: Vec::new(),
            fb: Vec::with_capacity(64),
            buf: String::new(),
        }
    }

    /// Empties the memo if it was filled with another model or has grown past
    /// [`TypeCache::MAX`]. Called before each document, so indices stay valid within one.
    fn bind(&mut self, model: u64) {
        if self.model != model
            || self.rows.len() >= TypeCache::MAX
            || self.word_list.len() >= TypeCache::MAX
        {
            self.index.clear();
            self.rows.clear();
            self.words.clear();
            self.word_list.clear();
            self.model = model;
        }
    }

    /// The index of a word in `word_list`, computing its [`TokInfo`] if new.
    fn word(&mut self, word: &str) -> u32 {
        let raw = features::raw_hash(word);
        if let Some(&w) = self.words.get(&raw) {
            return w;
        }
        let t = features::token_info(word, &mut self.buf);
        let w = self.word_list.len() as u32;
        self.word_list.push((t, u32::MAX));
        self.words.insert(raw, w);
        w
    }

    /// [`TypeCache::id`] of token `t`, the word `w`.
    fn id_of_word(&mut self, model: &Model, t: &TokInfo, w: u32, caps: bool) -> usize {
        if t.gaz != 0 || caps {
            return self.id(model, t, caps);
        }
        match self.word_list.get(w as usize) {
            Some(&(_, id)) if id != u32::MAX => id as usize,
            _ => {
                let id = self.id(model, t, caps);
                if let Some(e) = self.word_list.get_mut(w as usize) {
                    e.1 = id as u32;
                }
                id
            }
        }
    }

    /// The index of a token's [`TypeRows`], computing them if new.
    fn id(&mut self, model: &Model, t: &TokInfo, caps: bool) -> usize {
        let key = TypeKey {
            raw: t.raw,
            lw: t.lw,
            gaz: t.gaz,
            caps,
        };
        if let Some(&i) = self.index.get(&key) {
            return i as usize;
        }
        let mut rows = TypeRows {
            own: [0; L],
            to_next: [0; L],
            to_prev: [0; L],
            to_next2: [0; L],
            to_prev2: [0; L],
        };
        let fb = &mut self.fb;
        for (acc, part) in [
            (&mut rows.own, 0),
            (&mut rows.to_next, 1),
            (&mut rows.to_prev, 2),
            (&mut rows.to_next2, 3),
            (&mut rows.to_prev2, 4),
        ] {
            fb.clear();
            match part {
                0 => features::own_features(t, caps, fb),
                1 => features::to_next(t, caps, fb),
                2 => features::to_prev(t, caps, fb),
                3 => features::to_next2(t, fb),
                _ => features::to_prev2(t, fb),
            }
            model.add_weights(fb, acc);
        }
        let i = self.rows.len();
        self.rows.push(rows);
        self.index.insert(key, i as u32);
        i
    }
}

thread_local! {
    static CACHE: RefCell<TypeCache> = RefCell::new(TypeCache::new());
}

impl Default for Recognizer {
    fn default() -> Recognizer {
        Recognizer::new()
    }
}

impl Recognizer {
    /// The recogniser with its built-in model and word lists. (Should the embedded model ever
    /// fail to parse, the recogniser finds nothing rather than panicking; the crate's tests
    /// check that it parses.)
    pub fn new() -> Recognizer {
        Recognizer::from_model_bytes(MODEL).unwrap_or_else(|_| {
            Recognizer::with_model(Model::build(Vec::new(), 1.0, [[0.0; L]; L], [0.0; L]))
        })
    }

    /// A recogniser from model bytes (the format `train` writes).
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Recognizer, Error> {
        Ok(Recognizer::with_model(Model::decode(bytes)?))
    }

    fn with_model(model: Model) -> Recognizer {
        let mut boundary = [[0i32; L]; 4];
        let mut fb = Vec::new();
        for (which, acc) in boundary.iter_mut().enumerate() {
            fb.clear();
            features::boundary_features(which, &mut fb);
            model.add_weights(&fb, acc);
        }
        Recognizer {
            model,
            lex: Lexicon::new(),
            boundary,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// A recogniser from a model file.
    pub fn from_model_file(path: &std::path::Path) -> Result<Recognizer, Error> {
        let bytes =
            std::fs::read(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
        Recognizer::from_model_bytes(&bytes)
    }

    /// Number of weighted features in the model.
    pub fn feature_count(&self) -> usize {
        self.model.features
    }

    /// Tags a document given as sentences of tokens; returns the entities of each sentence.
    pub fn tag_tokens(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
        CACHE.with(|cache| self.tag_with(sentences, &mut cache.borrow_mut()))
    }

    /// The sentences' [`features::SentInfo`] and each token's word index in the memo.
    fn prepare(
        &self,
        sentences: &[Vec<&str>],
        cache: &mut TypeCache,
    ) -> (Vec<features::SentInfo>, Vec<Vec<u32>>) {
        cache.bind(self.id);
        sentences
            .iter()
            .map(|words| {
                let wids: Vec<u32> = words.iter().map(|w| cache.word(w)).collect();
                let toks = wids
                    .iter()
                    .map(|&w| cache.word_list[w as usize].0)
                    .collect();
                (features::sentence_info_from(words, toks, &self.lex), wids)
            })
            .unzip()
    }

    /// [`Recognizer::tag_tokens`] with this thread's memo.
    fn tag_with(&self, sentences: &[Vec<&str>], cache: &mut TypeCache) -> Vec<Vec<TokenSpan>> {
        let (infos, wids) = self.prepare(sentences, cache);
        let doc = DocInfo::new(&infos);
        let mut fb = Vec::with_capacity(64);
        let mut em = Vec::new();
        let mut ids = Vec::new();
        let mut out: Vec<Vec<TokenSpan>> = infos
            .iter()
            .zip(sentences)
            .zip(&wids)
            .map(|((info, words), wids)| {
                self.emissions(info, wids, &doc, cache, &mut ids, &mut fb, &mut em);
                let labels = viterbi(&em, &self.model.trans, &self.model.start);
                let mut spans = spans_of(&labels);
                trim_punct(&mut spans, words);
                merge_nationality_org(&mut spans, info);
                self.listed_orgs(&mut spans, info);
                self.listed_org_phrases(&mut spans, info);
                split_modifier(&mut spans, words);
                spans
            })
            .collect();
        harmonise_labels(&infos, &mut out);
        out
    }

    /// Emission scores of a sentence's tokens into `em`: the summed weights of each token's
    /// own features and of those its neighbours give it come from the per-thread
    /// [`TypeCache`]; the features that depend on the context are looked up one by one.
    /// `pairs` is scratch space for the sentence's word pairs.
    #[allow(clippy::too_many_arguments)]
    fn emissions(
        &self,
        info: &features::SentInfo,
        wids: &[u32],
        doc: &DocInfo,
        cache: &mut TypeCache,
        ids: &mut Vec<usize>,
        pairs: &mut Vec<u64>,
        em: &mut Vec<[f32; L]>,
    ) {
        fn add(acc: &mut [i32; L], r: &[i32; L]) {
            for l in 0..L {
                acc[l] += r[l];
            }
        }
        em.clear();
        ids.clear();
        for (t, &w) in info.toks.iter().zip(wids) {
            ids.push(cache.id_of_word(&self.model, t, w, info.all_caps));
        }
        features::word_pairs(info, pairs);
        let pairs = &pairs[..];
        let rows = &cache.rows;
        let [bos1, bos2, eos1, eos2] = &self.boundary;
        for i in 0..ids.len() {
            let mut acc = rows[ids[i]].own;
            add(
                &mut acc,
                i.checked_sub(1).map_or(bos1, |j| &rows[ids[j]].to_next),
            );
            add(
                &mut acc,
                i.checked_sub(2).map_or(bos2, |j| &rows[ids[j]].to_next2),
            );
            add(&mut acc, ids.get(i + 1).map_or(eos1, |&j| &rows[j].to_prev));
            add(
                &mut acc,
                ids.get(i + 2).map_or(eos2, |&j| &rows[j].to_prev2),
            );
            features::each_context_feature(info, doc, pairs, i, |h| {
                self.model.add_weight(h, &mut acc)
            });
            em.push(self.model.scaled(&acc));
        }
    }

    /// An entity whose words are exactly a name of `data/org_names.txt` is an ORG ("Islamic
    /// State", "Isis", "Syrian Democratic Forces"), whatever label the tagger gave it.
    fn listed_orgs(&self, spans: &mut [TokenSpan], info: &features::SentInfo) {
        for sp in spans.iter_mut() {
            if self.lex.phrase_classes(&info.toks[sp.start..sp.end]) & lexicon::ORG_NAME != 0 {
                sp.label = "ORG";
            }
        }
    }

    /// A listed organisation name of two words or more, written with a capital last word
    /// ("Islamic State", "al-Nusra Front"), is one ORG entity: entities that overlap it are
    /// merged with it ("Islamic" + "State" → "Islamic State"; "Free Syrian Army" stays whole).
    fn listed_org_phrases(&self, spans: &mut Vec<TokenSpan>, info: &features::SentInfo) {
        for (a, b) in self.lex.org_phrases(&info.toks) {
            if !info.toks[b - 1].is_name_like() {
                continue;
            }
            let (mut s, mut e) = (a, b);
            for sp in spans.iter() {
                if sp.start < b && a < sp.end {
                    s = s.min(sp.start);
                    e = e.max(sp.end);
                }
            }
            spans.retain(|sp| !(sp.start < b && a < sp.end));
            let at = spans.partition_point(|sp| sp.start < s);
            spans.insert(
                at,
                TokenSpan {
                    start: s,
                    end: e,
                    label: "ORG",
                },
            );
        }
    }

    /// Entities of a text, byte offsets, in order.
    pub fn recognize(&self, layer: &TextLayer) -> Vec<Entity> {
        let text = layer.text;
        let words: Vec<Vec<(usize, usize)>> = layer
            .sentences
            .iter()
            .map(|s| words_of(text, layer.sentence_tokens(s)))
            .collect();
        let strs: Vec<Vec<&str>> = words
            .iter()
            .map(|ws| ws.iter().map(|&(a, b)| &text[a..b]).collect())
            .collect();
        let tagged = self.tag_tokens(&strs);
        let mut out = Vec::new();
        for (ws, spans) in words.iter().zip(tagged) {
            for sp in spans {
                let (start, end) = (ws[sp.start].0, ws[sp.end - 1].1);
                out.push(Entity {
                    text: text[start..end].to_string(),
                    start,
                    end,
                    label: sp.label.to_string(),
                });
            }
        }
        out
    }
}

/// "Russian" + "General Staff" → one ORG "Russian General Staff": a one-word MISC that is a
/// listed nationality adjective, directly followed by an ORG, becomes part of the ORG (the
/// majority convention in CoNLL-2003 too: `U.S. Treasury`, `Iraqi News Agency`).
fn merge_nationality_org(spans: &mut Vec<TokenSpan>, info: &features::SentInfo) {
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (spans[k], spans[k + 1]);
        if a.label == "MISC"
            && a.end - a.start == 1
            && b.label == "ORG"
            && b.start == a.end
            && info.toks[a.start].gaz & lexicon::NATIONALITY != 0
        {
            spans[k + 1].start = a.start;
            spans.remove(k);
        } else {
            k += 1;
        }
    }
}

/// One name, one label per document: entities with the same words that got different labels
/// all take the label most of them got (ties keep their own).
fn harmonise_labels(infos: &[features::SentInfo], spans: &mut [Vec<TokenSpan>]) {
    let key = |info: &features::SentInfo, sp: &TokenSpan| {
        info.toks[sp.start..sp.end]
            .iter()
            .fold(0x9E37_79B9u64, |h, t| features::mix(h, t.lw))
    };
    let mut votes: features::HashMap64<[u16; 4]> = features::HashMap64::default();
    for (info, ss) in infos.iter().zip(spans.iter()) {
        for sp in ss {
            if let Some(t) = TYPES.iter().position(|&x| x == sp.label) {
                votes.entry(key(info, sp)).or_default()[t] += 1;
            }
        }
    }
    for (info, ss) in infos.iter().zip(spans.iter_mut()) {
        for sp in ss.iter_mut() {
            let Some(v) = votes.get(&key(info, sp)) else {
                continue;
            };
            let own = TYPES.iter().position(|&x| x == sp.label).unwrap_or(0);
            let best = (0..4).max_by_key(|&t| (v[t], t == own)).unwrap_or(own);
            if v[best] > v[own] {
                sp.label = TYPES[best];
            }
        }
    }
}

/// Entities neither start with a token that has no letter or digit, nor end with a comma,
/// colon, quotation or exclamation mark (CoNLL-2003 names may end in `.` or `)`).
fn trim_punct(spans: &mut Vec<TokenSpan>, words: &[&str]) {
    let bare = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| !w.chars().any(char::is_alphanumeric))
    };
    let closing = |i: usize| {
        words.get(i).is_some_and(|w| {
            matches!(
                *w,
                "!" | "?" | "," | ";" | ":" | "\"" | "“" | "”" | "«" | "»" | "-" | "–" | "—"
            )
        })
    };
    for sp in spans.iter_mut() {
        while sp.start < sp.end && bare(sp.start) {
            sp.start += 1;
        }
        while sp.end > sp.start && closing(sp.end - 1) {
            sp.end -= 1;
        }
    }
    spans.retain(|sp| sp.start < sp.end);
}

/// "US-backed Syrian Democratic Forces" → MISC "US-backed" + ORG "Syrian Democratic Forces": a
/// hyphenated modifier ending in a lower-case word never opens a longer entity (CoNLL tags
/// `U.S.-led`, `British-based` … as MISC of their own).
fn split_modifier(spans: &mut Vec<TokenSpan>, words: &[&str]) {
    let mut k = 0;
    while k < spans.len() {
        let sp = spans[k];
        let first = words.get(sp.start).copied().unwrap_or("");
        let modifier = sp.end - sp.start >= 2
            && first.rsplit_once('-').is_some_and(|(head, tail)| {
                !head.is_empty() && tail.len() > 1 && tail.chars().all(|c| c.is_lowercase())
            });
        if modifier {
            spans[k].start += 1;
            spans.insert(
                k,
                TokenSpan {
                    start: sp.start,
                    end: sp.start + 1,
                    label: "MISC",
                },
            );
            k += 2;
        } else {
            k += 1;
        }
    }
}

/// Entity spans of a BIO label sequence (an `I` without its `B` opens an entity).
fn spans_of(labels: &[u8]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (start, type)
    for (i, &l) in labels.iter().enumerate() {
        let l = usize::from(l);
        let (is_b, ty) = match l {
            0 => (false, None),
            1..=4 => (true, Some(l - 1)),
            _ => (false, Some((l - 5) % 4)),
        };
        if let Some((s, t)) = open {
            if is_b || ty != Some(t) {
                out.push(TokenSpan {
                    start: s,
                    end: i,
                    label: TYPES[t],
                });
                open = None;
            }
        }
        if let Some(t) = ty {
            if open.is_none() {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, t)) = open {
        out.push(TokenSpan {
            start: s,
            end: labels.len(),
            label: TYPES[t],
        });
    }
    out
}

/// Clitics split off a word, as CoNLL tokenises them (`Syria 's`, `does n't`).
const CLITICS: &[&str] = &["s", "re", "ll", "ve", "d", "m"];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The tagger's words for a sentence's tokens: byte ranges, with English clitics (`’s`,
/// `n’t`, `’re` …) split off as CoNLL does.
pub fn words_of(text: &str, tokens: &[sitrep_text::Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(tokens.len() + 4);
    for t in tokens {
        let w = &text[t.start..t.end];
        if t.kind == TokenKind::Word {
            if let Some(split) = clitic_split(w) {
                out.push((t.start, t.start + split));
                out.push((t.start + split, t.end));
                continue;
            }
        }
        out.push((t.start, t.end));
    }
    out
}

/// Byte index where a trailing clitic starts, if the word has one.
fn clitic_split(w: &str) -> Option<usize> {
    // Every apostrophe of `is_apostrophe` is `'` or starts with byte 0xE2 (’) or 0xCA (ʼ): a
    // word without those bytes (nearly every word) has none.
    if !w.bytes().any(|b| matches!(b, b'\'' | 0xE2 | 0xCA)) {
        return None;
    }
    let (ai, ac) = w.char_indices().rev().find(|&(_, c)| is_apostrophe(c))?;
    if ai == 0 {
        return None;
    }
    let tail = &w[ai + ac.len_utf8()..];
    let lower = tail.to_ascii_lowercase();
    if lower == "t" && w[..ai].to_ascii_lowercase().ends_with('n') && ai > 1 {
        // "doesn't" → "does" + "n't"
        return Some(ai - 1);
    }
    CLITICS.contains(&lower.as_str()).then_some(ai)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tagger's emission scores (memoised per token type, per thread) are exactly those of
    /// the plain sum over [`features::token_features`], for a real article read twice (the
    /// second time from a warm memo) and after the memo is emptied.
    #[test]
    fn memoised_emissions_equal_plain_emissions() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/examples/isis-defeat-announcement.txt"
        );
        let text = std::fs::read_to_string(path).expect("founding example");
        let layer = TextLayer::new(&text);
        let words: Vec<Vec<&str>> = layer
            .sentences
            .iter()
            .map(|s| {
                words_of(&text, layer.sentence_tokens(s))
                    .iter()
                    .map(|&(a, b)| &text[a..b])
                    .collect()
            })
            .collect();
        let rec = Recognizer::new();
        // The plain path: every value computed afresh.
        let mut buf = String::new();
        let plain: Vec<_> = words
            .iter()
            .map(|w| features::sentence_info(w, &rec.lex, &mut buf))
            .collect();
        let plain_doc = DocInfo::new(&plain);
        let mut cache = TypeCache::new();
        let (mut ids, mut fb, mut em) = (Vec::new(), Vec::new(), Vec::new());
        let mut tokens = 0;
        for pass in 0..3 {
            if pass == 2 {
                cache.bind(u64::MAX);
            }
            let (infos, wids) = rec.prepare(&words, &mut cache);
            let doc = DocInfo::new(&infos);
            for ((info, wids), plain) in infos.iter().zip(&wids).zip(&plain) {
                rec.emissions(info, wids, &doc, &mut cache, &mut ids, &mut fb, &mut em);
                assert_eq!(em.len(), plain.toks.len());
                for (i, got) in em.iter().enumerate() {
                    let mut feats = Vec::new();
                    features::token_features(plain, &plain_doc, i, &mut feats);
                    assert_eq!(*got, rec.model.emissions(&feats), "token {i}");
                    tokens += 1;
                }
            }
        }
        assert!(tokens > 3 * 300, "{tokens} tokens");
        // The document-level path gives what the sentence-level path gives.
        let tagged = rec.tag_tokens(&words);
        assert!(tagged.iter().flatten().any(|sp| sp.label == "PER"));
    }

    #[test]
    fn clitics_split_like_conll() {
        let cases = [
            ("Syria's", Some(5)),
            ("Syria’s", Some(5)),
            ("doesn't", Some(4)),
            ("they're", Some(4)),
            ("Qit’ah", None),
            ("al-Sayyal", None),
            ("O'Brien", None),
        ];
        for (w, want) in cases {
            assert_eq!(clitic_split(w), want, "{w}");
        }
    }

    fn sp(start: usize, end: usize, label: &'static str) -> TokenSpan {
        TokenSpan { start, end, label }
    }

    #[test]
    fn hyphenated_modifier_is_split_off() {
        let words = [
            "US-backed",
            "Syrian",
            "Democratic",
            "Forces",
            "and",
            "Iran-backed",
            ".",
        ];
        let mut spans = vec![sp(0, 4, "ORG"), sp(5, 6, "MISC")];
        split_modifier(&mut spans, &words);
        assert_eq!(
            spans,
            vec![sp(0, 1, "MISC"), sp(1, 4, "ORG"), sp(5, 6, "MISC")]
        );
    }

    #[test]
    fn punctuation_is_trimmed_from_entity_edges() {
        let words = ["“", "Government", "OPEN", "!", "”", "Wall", "St", "."];
        let mut spans = vec![sp(0, 5, "MISC"), sp(5, 8, "LOC")];
        trim_punct(&mut spans, &words);
        assert_eq!(spans, vec![sp(1, 3, "MISC"), sp(5, 8, "LOC")]);
    }

    #[test]
    fn majority_label_wins_within_a_document() {
        let lex = Lexicon::new();
        let mut buf = String::new();
        let sents = [
            vec!["Minotauro", "was", "arrested", "."],
            vec!["Police", "said", "Minotauro", "fled", "."],
            vec!["Minotauro", "denied", "it", "."],
            vec!["Ana", "Lopez", "met", "Lopez", "."],
        ];
        let infos: Vec<_> = sents
            .iter()
            .map(|w| features::sentence_info(w, &lex, &mut buf))
            .collect();
        let mut spans = vec![
            vec![sp(0, 1, "PER")],
            vec![sp(2, 3, "LOC")],
            vec![sp(0, 1, "PER")],
            vec![sp(0, 2, "PER"), sp(3, 4, "ORG")],
        ];
        harmonise_labels(&infos, &mut spans);
        assert_eq!(spans[1], vec![sp(2, 3, "PER")]);
        // A one-off name keeps its label; "Ana Lopez" and "Lopez" are different names.
        assert_eq!(spans[3], vec![sp(0, 2, "PER"), sp(3, 4, "ORG")]);
    }

    #[test]
    fn spans_from_bio() {
        // B-PER I-PER O I-LOC B-LOC B-ORG I-MISC
        let spans = spans_of(&[1, 5, 0, 7, 3, 2, 8]);
        let got: Vec<_> = spans.iter().map(|s| (s.start, s.end, s.label)).collect();
        assert_eq!(
            got,
            vec![
                (0, 2, "PER"),
                (3, 4, "LOC"),
                (4, 5, "LOC"),
                (5, 6, "ORG"),
                (6, 7, "MISC")
            ]
        );
    }
}
