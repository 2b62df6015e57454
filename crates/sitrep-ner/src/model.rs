//! The tagger's weights: a hashed-feature table (open addressing), label transitions, the
//! constrained Viterbi decoder, and the compact binary file format.

use crate::Error;

/// Number of labels (BIO over four types).
pub(crate) const L: usize = 9;

/// Entity types, in label order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// The label index of a BIO tag (`O`, `B-PER`, `I-LOC`, …); `None` if unknown.
pub(crate) fn label_index(tag: &str) -> Option<u8> {
    if tag == "O" {
        return Some(0);
    }
    let (bi, ty) = tag.split_once('-')?;
    let t = TYPES.iter().position(|&x| x == ty)? as u8;
    match bi {
        "B" => Some(1 + t),
        "I" => Some(5 + t),
        _ => None,
    }
}

/// Whether `cur` may follow `prev` (`None` = sentence start).
pub(crate) fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur < 5 {
        return true;
    }
    match prev {
        None => false,
        Some(p) => p != 0 && (p - 1) % 4 == (cur - 5) % 4,
    }
}

/// Sets disallowed transitions (see [`allowed`]) to minus infinity.
pub(crate) fn mask_disallowed(trans: &mut [[f32; L]; L], start: &mut [f32; L]) {
    for (p, row) in trans.iter_mut().enumerate() {
        for (c, w) in row.iter_mut().enumerate() {
            if !allowed(Some(p), c) {
                *w = f32::NEG_INFINITY;
            }
        }
    }
    for (c, w) in start.iter_mut().enumerate() {
        if !allowed(None, c) {
            *w = f32::NEG_INFINITY;
        }
    }
}

/// Every label, in order.
const ALL: [usize; L] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/// First-order Viterbi decoding; `trans` and `start` carry minus infinity for disallowed
/// transitions (see [`Model::build`]), which is how the BIO constraints are enforced.
pub(crate) fn viterbi(em: &[[f32; L]], trans: &[[f32; L]; L], start: &[f32; L]) -> Vec<u8> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let neg = f32::NEG_INFINITY;
    let mut score = [neg; L];
    for c in 0..L {
        score[c] = start[c] + em[0][c];
    }
    let mut back: Vec<[u8; L]> = vec![[0u8; L]; n];
    for i in 1..n {
        let mut next = [neg; L];
        for c in 0..L {
            let mut best = neg;
            let mut arg = 0u8;
            // Only the allowed predecessors, in increasing order: a disallowed one scores minus
            // infinity, which never beats `best`, so skipping it changes nothing.
            let preds: &[usize] = if c < 5 { &ALL } else { &[c - 4, c] };
            for &p in preds {
                let s = score[p] + trans[p][c];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            next[c] = best + em[i][c];
            back[i][c] = arg;
        }
        score = next;
    }
    let mut last = 0usize;
    for c in 1..L {
        if score[c] > score[last] {
            last = c;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i][usize::from(out[i])];
    }
    out
}

const MAGIC: &[u8; 8] = b"SITNER01";

/// One hash-table slot: the feature key and its quantised weights, side by side so a lookup
/// touches one cache line.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    w: [i16; L],
}

/// Weights ready for tagging.
#[derive(Clone)]
pub(crate) struct Model {
    slots: Vec<Slot>,
    mask: usize,
    /// [`FILTER_BITS`] bits, the bit [`filter_bit`] of each stored key set: a clear bit proves
    /// a feature unknown without touching the table (256 KB, against 8 MB for the table;
    /// about a quarter of the features of real text are unknown to the model).
    filter: Vec<u64>,
    scale: f32,
    pub trans: [[f32; L]; L],
    pub start: [f32; L],
    /// Number of features stored.
    pub features: usize,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("features", &self.features)
            .field("slots", &self.slots.len())
            .finish_non_exhaustive()
    }
}

/// Size of [`Model::filter`] in bits (a power of two).
const FILTER_BITS: usize = 1 << 21;

/// The filter bit of a key: high bits, independent of the table slot (low bits).
#[inline]
fn filter_bit(k: u64) -> usize {
    (k >> 40) as usize & (FILTER_BITS - 1)
}

/// Keys are hashes; 0 marks an empty slot, so a real 0 is stored as 1.
fn key_of(h: u64) -> u64 {
    if h == 0 {
        1
    } else {
        h
    }
}

impl Model {
    /// Builds the lookup table from quantised rows, their scale, and the transitions (the
    /// disallowed transitions are set to minus infinity here, once).
    pub fn build(
        feats: Vec<(u64, [i16; L])>,
        scale: f32,
        mut trans: [[f32; L]; L],
        mut start: [f32; L],
    ) -> Model {
        let n = feats.len();
        let cap = (n + n / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![Slot::default(); cap];
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for (h, w) in feats {
            let k = key_of(h);
            let b = filter_bit(k);
            filter[b / 64] |= 1 << (b % 64);
            let mut s = (k as usize) & mask;
            while slots[s].key != 0 && slots[s].key != k {
                s = (s + 1) & mask;
            }
            slots[s] = Slot { key: k, w };
        }
        mask_disallowed(&mut trans, &mut start);
        Model {
            slots,
            mask,
            filter,
            scale,
            trans,
            start,
            features: n,
        }
    }

    /// The weights of a feature, if known (de-quantised).
    #[cfg(test)]
    pub fn row(&self, h: u64) -> Option<[f32; L]> {
        self.raw_row(h)
            .map(|w| w.map(|x| f32::from(x) * self.scale))
    }

    #[inline]
    fn raw_row(&self, h: u64) -> Option<&[i16; L]> {
        let k = key_of(h);
        let b = filter_bit(k);
        if self
            .filter
            .get(b / 64)
            .is_none_or(|w| w & (1 << (b % 64)) == 0)
        {
            return None;
        }
        let mut s = (k as usize) & self.mask;
        loop {
            let slot = &self.slots[s];
            if slot.key == k {
                return Some(&slot.w);
            }
            if slot.key == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Emission scores of a token from its feature hashes.
    #[cfg(test)]
    pub fn emissions(&self, feats: &[u64]) -> [f32; L] {
        let mut acc = [0i32; L];
        self.add_weights(feats, &mut acc);
        self.scaled(&acc)
    }

    /// Adds the quantised weights of the features to `acc` (integer sums, so the order in
    /// which features are added never changes the result).
    #[inline]
    pub fn add_weights(&self, feats: &[u64], acc: &mut [i32; L]) {
        for &h in feats {
            self.add_weight(h, acc);
        }
    }

    /// Adds the quantised weights of one feature to `acc`, if the feature is known.
    #[inline]
    pub fn add_weight(&self, h: u64, acc: &mut [i32; L]) {
        if let Some(r) = self.raw_row(h) {
            for l in 0..L {
                acc[l] += i32::from(r[l]);
            }
        }
    }

    /// Emission scores from summed quantised weights.
    #[inline]
    pub fn scaled(&self, acc: &[i32; L]) -> [f32; L] {
        acc.map(|a| a as f32 * self.scale)
    }

    /// Serialises (weights quantised to i16 with one scale).
    pub fn encode(feats: &[(u64, [f32; L])], trans: &[[f32; L]; L], start: &[f32; L]) -> Vec<u8> {
        let max = feats
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, &w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = Vec::with_capacity(24 + feats.len() * (8 + 2 * L));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(L as u32).to_le_bytes());
        out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for row in trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for w in start {
            out.extend_from_slice(&w.to_le_bytes());
        }
        for (h, _) in feats {
            out.extend_from_slice(&h.to_le_bytes());
        }
        for (_, row) in feats {
            for w in row {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    /// Parses a model file.
    pub fn decode(bytes: &[u8]) -> Result<Model, Error> {
        let bad = |m: &str| Error::Model(m.to_string());
        let mut r = Reader { b: bytes, p: 0 };
        if r.take(8)? != MAGIC {
            return Err(bad("not a sitrep-ner model (bad magic)"));
        }
        if r.u32()? as usize != L {
            return Err(bad("label count mismatch"));
        }
        let n = r.u32()? as usize;
        let scale = r.f32()?;
        let mut trans = [[0f32; L]; L];
        for row in trans.iter_mut() {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        let mut start = [0f32; L];
        for w in start.iter_mut() {
            *w = r.f32()?;
        }
        let need = n
            .checked_mul(8 + 2 * L)
            .ok_or_else(|| bad("feature count overflow"))?;
        if bytes.len() - r.p != need {
            return Err(bad("truncated or oversized model"));
        }
        let keys_bytes = r.take(n * 8)?;
        let w_bytes = r.take(n * 2 * L)?;
        let mut feats = Vec::with_capacity(n);
        for i in 0..n {
            let mut kb = [0u8; 8];
            kb.copy_from_slice(&keys_bytes[i * 8..i * 8 + 8]);
            let mut row = [0i16; L];
            for (l, w) in row.iter_mut().enumerate() {
                let o = (i * L + l) * 2;
                *w = i16::from_le_bytes([w_bytes[o], w_bytes[o + 1]]);
            }
            feats.push((u64::from_le_bytes(kb), row));
        }
        if !(scale.is_finite() && scale > 0.0) {
            return Err(bad("bad weight scale"));
        }
        Ok(Model::build(feats, scale, trans, start))
    }
}

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self
            .p
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| Error::Model("truncated model".to_string()))?;
        let s = &self.b[self.p..end];
        self.p = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, Error> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_bits(self.u32()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_round_trips_through_bytes() {
        let mut trans = [[0f32; L]; L];
        trans[1][5] = 2.5;
        let mut start = [0f32; L];
        start[0] = 1.0;
        let feats = vec![
            (7u64, [1.0, -2.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0]),
            (0, [0.25; L]),
        ];
        let bytes = Model::encode(&feats, &trans, &start);
        let m = Model::decode(&bytes).expect("decodes");
        assert_eq!(m.features, 2);
        assert_eq!(m.trans[1][5], 2.5);
        let r = m.row(7).expect("feature 7 stored");
        assert!((r[1] + 2.0).abs() < 1e-3 && (r[8] - 3.0).abs() < 1e-3);
        assert!(m.row(0).is_some());
        assert_eq!(m.trans[0][5], f32::NEG_INFINITY, "O -> I-PER is masked");
        assert!(m.row(8).is_none());
    }

    #[test]
    fn bad_model_bytes_are_errors() {
        assert!(Model::decode(b"").is_err());
        assert!(Model::decode(b"SITNER01\x09\0\0\0\xff\xff\xff\xff").is_err());
        let good = Model::encode(&[(1, [1.0; L])], &[[0.0; L]; L], &[0.0; L]);
        assert!(Model::decode(&good[..good.len() - 1]).is_err());
    }

    /// The decoder as first written: every predecessor of every label tried in increasing
    /// order with a strict `>`.
    fn plain_viterbi(em: &[[f32; L]], trans: &[[f32; L]; L], start: &[f32; L]) -> Vec<u8> {
        let n = em.len();
        if n == 0 {
            return Vec::new();
        }
        let mut score: [f32; L] = std::array::from_fn(|c| start[c] + em[0][c]);
        let mut back = vec![[0u8; L]; n];
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; L];
            for c in 0..L {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
                for p in 0..L {
                    let s = score[p] + trans[p][c];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                next[c] = best + em[i][c];
                back[i][c] = arg;
            }
            score = next;
        }
        let mut last = 0usize;
        for c in 1..L {
            if score[c] > score[last] {
                last = c;
            }
        }
        let mut out = vec![0u8; n];
        out[n - 1] = last as u8;
        for i in (1..n).rev() {
            out[i - 1] = back[i][usize::from(out[i])];
        }
        out
    }

    /// The decoder's label sequences are those of the plain scan, ties (equal scores, which
    /// the coarse values below make frequent) broken the same way, on the embedded model's
    /// transitions and on flat ones.
    #[test]
    fn viterbi_matches_the_plain_scan() {
        let model = Model::decode(include_bytes!("../model/ner.bin")).expect("model");
        let (mut flat, mut flat_start) = ([[0.0; L]; L], [0.0; L]);
        mask_disallowed(&mut flat, &mut flat_start);
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 7) as f32 - 3.0
        };
        let mut decoded = 0;
        for (trans, start) in [(&model.trans, &model.start), (&flat, &flat_start)] {
            for n in [0, 1, 2, 3, 7, 30] {
                for _ in 0..50 {
                    let em: Vec<[f32; L]> =
                        (0..n).map(|_| std::array::from_fn(|_| next())).collect();
                    assert_eq!(viterbi(&em, trans, start), plain_viterbi(&em, trans, start));
                    decoded += 1;
                }
            }
        }
        assert_eq!(decoded, 600);
    }

    #[test]
    fn viterbi_never_opens_with_inside_label() {
        // Emissions prefer I-PER at 0 (illegal) and I-LOC at 1 (legal only after B-/I-LOC).
        let mut em = vec![[0f32; L]; 2];
        em[0][5] = 10.0;
        em[0][1] = 1.0;
        em[1][7] = 10.0;
        em[1][5] = 2.0;
        let (mut trans, mut start) = ([[0.0; L]; L], [0.0; L]);
        mask_disallowed(&mut trans, &mut start);
        let out = viterbi(&em, &trans, &start);
        assert_eq!(out, vec![3, 7]);
        for (p, c) in [(None, 5), (Some(0), 6), (Some(1), 6), (Some(8), 6)] {
            assert!(!allowed(p, c), "{p:?} -> {c}");
        }
        assert!(allowed(Some(2), 6) && allowed(Some(6), 6) && allowed(None, 3));
    }
}
