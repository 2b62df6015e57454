//! Training: a structured averaged perceptron over the hashed features, decoded with the same
//! constrained Viterbi as tagging. Deterministic (fixed shuffling seed, first-seen feature order).

use crate::conll::{read_conll, ConllDoc};
use crate::features::{sentence_info, token_features, DocInfo};
use crate::lexicon::Lexicon;
use crate::model::{label_index, mask_disallowed, viterbi, Model, L};
use crate::Error;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// Training settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Features whose averaged weights are all below this (absolute) are dropped.
    pub prune_below: f32,
    /// Seed of the per-epoch shuffling.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 16,
            prune_below: 0.02,
            seed: 20_171_207,
        }
    }
}

/// What a training run did.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    /// Settings used.
    pub options: TrainOptions,
    /// Training sentences.
    pub sentences: usize,
    /// Training tokens.
    pub tokens: usize,
    /// Distinct features seen.
    pub features_seen: usize,
    /// Features kept in the model after pruning.
    pub features_kept: usize,
    /// Token accuracy on the training data during each epoch.
    pub epoch_accuracy: Vec<f64>,
    /// Model file size in bytes.
    pub model_bytes: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

struct Sent {
    /// Feature indices, flattened; `offs[i]..offs[i+1]` are token i's.
    feats: Vec<u32>,
    offs: Vec<u32>,
    gold: Vec<u8>,
}

fn prepare(
    docs: &[ConllDoc],
    lex: &Lexicon,
    index: &mut HashMap<u64, u32>,
    keys: &mut Vec<u64>,
) -> Result<Vec<Sent>, Error> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut fb = Vec::new();
    for d in docs {
        let infos: Vec<_> = d
            .sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                sentence_info(&words, lex, &mut buf)
            })
            .collect();
        let doc = DocInfo::new(&infos);
        for (s, info) in d.sentences.iter().zip(&infos) {
            let mut sent = Sent {
                feats: Vec::new(),
                offs: vec![0],
                gold: Vec::with_capacity(s.tags.len()),
            };
            for (i, tag) in s.tags.iter().enumerate() {
                sent.gold.push(
                    label_index(tag).ok_or_else(|| Error::Data(format!("unknown tag {tag}")))?,
                );
                fb.clear();
                token_features(info, &doc, i, &mut fb);
                for &h in &fb {
                    let next = keys.len() as u32;
                    let id = *index.entry(h).or_insert_with(|| {
                        keys.push(h);
                        next
                    });
                    sent.feats.push(id);
                }
                sent.offs.push(sent.feats.len() as u32);
            }
            out.push(sent);
        }
    }
    Ok(out)
}

/// Averaged weights with the "w - acc/c" trick.
struct Weights {
    w: Vec<f32>,
    acc: Vec<f64>,
}

impl Weights {
    fn new(n: usize) -> Weights {
        Weights {
            w: vec![0.0; n],
            acc: vec![0.0; n],
        }
    }
    fn update(&mut self, i: usize, d: f32, c: f64) {
        self.w[i] += d;
        self.acc[i] += c * f64::from(d);
    }
    fn averaged(&self, c: f64) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.acc)
            .map(|(&w, &a)| (f64::from(w) - a / c) as f32)
            .collect()
    }
}

/// Trains on a CoNLL-2003 file and writes the model to `out`; `progress` receives one line
/// per step.
pub fn train(
    train_path: &Path,
    out: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<TrainReport, Error> {
    train_with(train_path, out, TrainOptions::default(), progress)
}

/// [`train`] with explicit settings.
pub fn train_with(
    train_path: &Path,
    out: &Path,
    opts: TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<TrainReport, Error> {
    let t0 = Instant::now();
    let docs = read_conll(train_path)?;
    let lex = Lexicon::new();
    let mut index = HashMap::new();
    let mut keys = Vec::new();
    let sents = prepare(&docs, &lex, &mut index, &mut keys)?;
    drop(index);
    let nf = keys.len();
    let tokens: usize = sents.iter().map(|s| s.gold.len()).sum();
    progress(&format!(
        "{} documents, {} sentences, {tokens} tokens, {nf} features ({:.1}s)",
        docs.len(),
        sents.len(),
        t0.elapsed().as_secs_f64()
    ));

    let mut em_w = Weights::new(nf * L);
    let mut tr_w = Weights::new(L * L);
    let mut st_w = Weights::new(L);
    let mut c = 1f64;
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = opts.seed | 1;
    let mut epoch_accuracy = Vec::new();
    let mut em: Vec<[f32; L]> = Vec::new();
    for epoch in 0..opts.epochs {
        // Fisher-Yates with xorshift64*.
        for i in (1..order.len()).rev() {
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let r = rng.wrapping_mul(0x2545_F491_4F6C_DD1D);
            order.swap(i, (r % (i as u64 + 1)) as usize);
        }
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let n = s.gold.len();
            em.clear();
            for i in 0..n {
                let mut e = [0f32; L];
                for &f in &s.feats[s.offs[i] as usize..s.offs[i + 1] as usize] {
                    let row = &em_w.w[f as usize * L..f as usize * L + L];
                    for l in 0..L {
                        e[l] += row[l];
                    }
                }
                em.push(e);
            }
            let mut trans = [[0f32; L]; L];
            for (p, row) in trans.iter_mut().enumerate() {
                row.copy_from_slice(&tr_w.w[p * L..p * L + L]);
            }
            let mut start = [0f32; L];
            start.copy_from_slice(&st_w.w);
            mask_disallowed(&mut trans, &mut start);
            let pred = viterbi(&em, &trans, &start);
            total += n;
            correct += pred.iter().zip(&s.gold).filter(|(a, b)| a == b).count();
            if pred != s.gold {
                for i in 0..n {
                    let (g, p) = (usize::from(s.gold[i]), usize::from(pred[i]));
                    if g != p {
                        for &f in &s.feats[s.offs[i] as usize..s.offs[i + 1] as usize] {
                            em_w.update(f as usize * L + g, 1.0, c);
                            em_w.update(f as usize * L + p, -1.0, c);
                        }
                    }
                    if i == 0 {
                        if g != p {
                            st_w.update(g, 1.0, c);
                            st_w.update(p, -1.0, c);
                        }
                    } else {
                        let (gp, pp) = (usize::from(s.gold[i - 1]), usize::from(pred[i - 1]));
                        if (gp, g) != (pp, p) {
                            tr_w.update(gp * L + g, 1.0, c);
                            tr_w.update(pp * L + p, -1.0, c);
                        }
                    }
                }
            }
            c += 1.0;
        }
        let acc = correct as f64 / total.max(1) as f64;
        epoch_accuracy.push(acc);
        progress(&format!(
            "epoch {}: training token accuracy {:.4} ({:.1}s)",
            epoch + 1,
            acc,
            t0.elapsed().as_secs_f64()
        ));
    }

    let w = em_w.averaged(c);
    let tw = tr_w.averaged(c);
    let sw = st_w.averaged(c);
    let mut feats: Vec<(u64, [f32; L])> = Vec::new();
    for (fi, &h) in keys.iter().enumerate() {
        let mut row = [0f32; L];
        row.copy_from_slice(&w[fi * L..fi * L + L]);
        if row.iter().any(|x| x.abs() >= opts.prune_below) {
            feats.push((h, row));
        }
    }
    feats.sort_by_key(|&(h, _)| h);
    let mut trans = [[0f32; L]; L];
    for (p, row) in trans.iter_mut().enumerate() {
        row.copy_from_slice(&tw[p * L..p * L + L]);
    }
    let mut start = [0f32; L];
    start.copy_from_slice(&sw);
    let bytes = Model::encode(&feats, &trans, &start);
    if let Some(dir) = out.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
        }
    }
    std::fs::write(out, &bytes).map_err(|e| Error::Io(format!("{}: {e}", out.display())))?;
    let report = TrainReport {
        options: opts,
        sentences: sents.len(),
        tokens,
        features_seen: nf,
        features_kept: feats.len(),
        epoch_accuracy,
        model_bytes: bytes.len(),
        seconds: t0.elapsed().as_secs_f64(),
    };
    progress(&format!(
        "kept {} of {} features; wrote {} ({} bytes) in {:.1}s",
        report.features_kept,
        nf,
        out.display(),
        report.model_bytes,
        report.seconds
    ));
    Ok(report)
}
