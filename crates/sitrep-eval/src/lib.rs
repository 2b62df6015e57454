//! Scoring helpers shared by sitrep's evaluations against the public gold sets in
//! `shared/data/eval`. Each stage crate owns its own `eval` module (reading its gold format and
//! running its stage); this crate holds what they have in common: precision/recall/F1 counts,
//! the report type the CLI prints, and locating the shared data.
#![deny(missing_docs)]

use serde::Serialize;
use std::path::{Path, PathBuf};

/// True/false positive and false negative counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Counts {
    /// Counts of a greedy one-to-one matching: each prediction, in order, takes the first
    /// unused gold item that `matches` it.
    pub fn greedy<P, G>(pred: &[P], gold: &[G], matches: impl Fn(&G, &P) -> bool) -> Counts {
        let mut used = vec![false; gold.len()];
        let mut tp = 0;
        for p in pred {
            if let Some(i) = (0..gold.len()).find(|&i| !used[i] && matches(&gold[i], p)) {
                used[i] = true;
                tp += 1;
            }
        }
        Counts {
            tp,
            fp: pred.len() - tp,
            fn_: gold.len() - tp,
        }
    }

    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds another set of counts.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
    /// `P R F1` as percentages with one decimal, for tables.
    pub fn prf_cells(&self) -> String {
        format!(
            "{:.1} | {:.1} | {:.1}",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1()
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Which split of a gold set to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Development data: rules may be written from it.
    Dev,
    /// Test data: for reporting only, never for tuning.
    Test,
}

/// What an evaluation returns: a human-readable Markdown report and machine-readable metrics.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Markdown (tables), printed by `sitrep eval`.
    pub markdown: String,
    /// The same figures as JSON, printed with `--json`.
    pub metrics: serde_json::Value,
}

/// Locates the shared data directory: `$SITREP_SHARED`, else the first `shared/` found next to
/// the current directory or one of its ancestors (the layout the project is developed in).
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SITREP_SHARED") {
        return Some(PathBuf::from(p));
    }
    let cwd = std::env::current_dir().ok()?;
    let mut dir: Option<&Path> = Some(&cwd);
    while let Some(d) = dir {
        let cand = d.join("shared");
        if cand.join("data").is_dir() {
            return Some(cand);
        }
        let sib = d.join("../shared");
        if sib.join("data").is_dir() {
            return Some(sib);
        }
        dir = d.parent();
    }
    None
}

/// Whether two spans overlap (half-open ranges).
pub fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The character an XML entity or character reference names (`amp`, `lt`, `gt`, `quot`,
/// `apos`, `#NN`, `#xHH`; the name without `&` and `;`), `None` for any other name. The
/// gold files of the evaluations are XML read without a parser.
pub fn xml_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
            .ok()
            .and_then(char::from_u32),
        e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
        _ => None,
    }
}

/// CPU seconds (user + system) this process has used, from /proc (Linux); 0 elsewhere. On a
/// shared machine CPU time is a steadier measure of throughput than wall time.
pub fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// The corpus files a benchmark reads: `args` when given, else the `.jsonl` files of
/// `shared/data/corpus`, sorted.
pub fn corpus_files(args: Vec<String>) -> Result<Vec<String>, String> {
    if !args.is_empty() {
        return Ok(args);
    }
    let dir = shared_dir()
        .ok_or("shared data not found (set SITREP_SHARED)")?
        .join("data/corpus");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_matching_uses_each_gold_item_once() {
        // two predictions of the same span meet one gold item: one tp, one fp
        let c = Counts::greedy(&[(0, 5), (0, 5), (9, 12)], &[(0, 5), (20, 22)], |g, p| {
            g == p
        });
        assert_eq!((c.tp, c.fp, c.fn_), (1, 2, 1));
    }

    #[test]
    fn f1_is_harmonic_mean() {
        let c = Counts {
            tp: 8,
            fp: 2,
            fn_: 8,
        };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 0.5).abs() < 1e-9);
        assert!((c.f1() - 2.0 * 0.8 * 0.5 / 1.3).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn overlap_is_strict() {
        assert!(overlaps((0, 5), (4, 9)));
        assert!(!overlaps((0, 5), (5, 9)));
    }
}
