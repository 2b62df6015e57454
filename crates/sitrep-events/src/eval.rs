//! CASE 2021 Task 2 (fine-grained event classification) scored with [`crate::classify`], and
//! the crate's own dev sets (`data/dev.tsv`, `dev2.tsv`, `dev3.tsv`: [`run_own_dev`],
//! [`run_own_dev2`], [`run_own_dev3`]) scored the same way.
//!
//! The own dev set is the one to write rules against. The CASE test set (`data/eval/events/case2021-task2/test_set_final_release_with_labels.tsv`) is a
//! **test split**: it is read here only to score, never to write rules. The 5 non-ACLED labels
//! (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) count as "no event".

use crate::types::{self, SUB_EVENT_TYPES};
use sitrep_eval::{Counts, EvalReport, Split};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// Relative path of the labelled test file inside the shared directory.
pub const CASE_TSV: &str = "data/eval/events/case2021-task2/test_set_final_release_with_labels.tsv";

/// Best published system on subtask 1 (25 ACLED types): weighted F1, from the task overview
/// (Haneczok, Jacquet, Piskorski, Stefanovitch 2021, CASE workshop, ACL Anthology 2021.case-1.23).
pub const PUBLISHED_BEST_WEIGHTED_F1: f64 = 0.839;

/// One labelled snippet.
#[derive(Debug, Clone)]
pub struct Snippet {
    /// Id column.
    pub id: String,
    /// Text.
    pub text: String,
    /// Gold CASE label.
    pub label: String,
}

/// Reads the CASE TSV (header `id, EventSnippet, SubType`).
pub fn read_case(path: &Path) -> Result<Vec<Snippet>, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(format!("{}:{}: expected 3 columns", path.display(), n + 1));
        }
        let label = cols.pop().unwrap_or_default().trim().to_string();
        let id = cols.remove(0).trim().to_string();
        out.push(Snippet {
            id,
            text: cols.join("\t"),
            label,
        });
    }
    Ok(out)
}

fn name_of(code: Option<&str>) -> &str {
    code.unwrap_or("(no event)")
}

/// Per-class rows `(code, counts, support)`, micro counts, macro-F1, weighted F1, accuracy.
pub type Scored = (Vec<(&'static str, Counts, usize)>, Counts, f64, f64, f64);

/// Scores predictions against gold CASE labels: `(gold code or None, predicted code or None)`.
pub fn score(pairs: &[(Option<&'static str>, Option<&'static str>)]) -> Scored {
    let mut per: HashMap<&str, Counts> = HashMap::new();
    let mut support: HashMap<&str, usize> = HashMap::new();
    let mut correct = 0;
    for &(g, p) in pairs {
        if g == p {
            correct += 1;
        }
        if let Some(g) = g {
            *support.entry(g).or_default() += 1;
        }
        match (g, p) {
            (Some(g), Some(p)) if g == p => per.entry(g).or_default().tp += 1,
            _ => {
                if let Some(p) = p {
                    per.entry(p).or_default().fp += 1;
                }
                if let Some(g) = g {
                    per.entry(g).or_default().fn_ += 1;
                }
            }
        }
    }
    let mut rows = Vec::new();
    let mut micro = Counts::default();
    for t in SUB_EVENT_TYPES.iter() {
        let c = per.get(t.code).copied().unwrap_or_default();
        micro.add(c);
        rows.push((t.code, c, support.get(t.code).copied().unwrap_or(0)));
    }
    let with_support: Vec<_> = rows.iter().filter(|r| r.2 > 0).collect();
    let macro_f1 = if with_support.is_empty() {
        0.0
    } else {
        with_support.iter().map(|r| r.1.f1()).sum::<f64>() / with_support.len() as f64
    };
    let total: usize = with_support.iter().map(|r| r.2).sum();
    let weighted = if total == 0 {
        0.0
    } else {
        with_support
            .iter()
            .map(|r| r.1.f1() * r.2 as f64)
            .sum::<f64>()
            / total as f64
    };
    let acc = if pairs.is_empty() {
        0.0
    } else {
        correct as f64 / pairs.len() as f64
    };
    (rows, micro, macro_f1, weighted, acc)
}

/// One of the crate's own dev sets: short conflict-news snippets written for this crate, one
/// per line `LABEL<TAB>text` (CASE 2021 labels; non-ACLED labels and `NO_EVENT` count as "no
/// event"). Each batch was scored once before rules were written against it (figures in the
/// files' comments).
#[derive(Debug, Clone, Copy)]
pub struct OwnDevSet {
    /// Name for `--set` (`own-dev`, `own-dev2`, `own-dev3`).
    pub name: &'static str,
    /// The file's text.
    pub tsv: &'static str,
    /// Heading of the report.
    pub title: &'static str,
    /// What the set holds.
    pub note: &'static str,
}

/// The own dev sets, in the order they were written.
pub const OWN_DEV_SETS: &[OwnDevSet] = &[
    OwnDevSet {
        name: "own-dev",
        tsv: include_str!("../data/dev.tsv"),
        title: "Own dev set (`crates/sitrep-events/data/dev.tsv`, dev split)",
        note: "Snippets written for this crate from the ACLED codebook definitions.",
    },
    OwnDevSet {
        name: "own-dev2",
        tsv: include_str!("../data/dev2.tsv"),
        title: "Own dev set 2 (`crates/sitrep-events/data/dev2.tsv`, dev split)",
        note: "Snippets written for this crate in round 2: weak classes and event-like non-events.",
    },
    OwnDevSet {
        name: "own-dev3",
        tsv: include_str!("../data/dev3.tsv"),
        title: "Own dev set 3 (`crates/sitrep-events/data/dev3.tsv`, dev split)",
        note: "Snippets written for this crate in round 3: all types, wire copy and ACLED-note styles.",
    },
];

/// The first own dev set's text (`data/dev.tsv`), the format [`run_dev_file`] reads.
pub const OWN_DEV_TSV: &str = OWN_DEV_SETS[0].tsv;

/// Parses [`OWN_DEV_TSV`]-formatted text (`#` comments and blank lines skipped).
pub fn read_own_dev(raw: &str) -> Result<Vec<Snippet>, String> {
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((label, text)) = line.split_once('\t') else {
            return Err(format!("dev.tsv:{}: expected LABEL<TAB>text", n + 1));
        };
        out.push(Snippet {
            id: format!("dev-{}", n + 1),
            text: text.trim().to_string(),
            label: label.trim().to_string(),
        });
    }
    Ok(out)
}

/// Runs the evaluation on the own dev set `name` (see [`OWN_DEV_SETS`]); with `errors`, the
/// markdown also lists every misclassified snippet (dev data: reading them is the point).
pub fn run_own(name: &str, errors: bool) -> Result<EvalReport, String> {
    let set = OWN_DEV_SETS
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| format!("unknown own dev set {name:?}"))?;
    let snippets = read_own_dev(set.tsv)?;
    Ok(report(&snippets, set.title, set.note, Split::Dev, errors))
}

/// Runs the evaluation on a file in the [`OWN_DEV_TSV`] format (e.g. a new batch of dev
/// snippets before it is merged into `data/dev.tsv`).
pub fn run_dev_file(path: &Path, errors: bool) -> Result<EvalReport, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let snippets = read_own_dev(&raw)?;
    let title = format!("Dev snippets from `{}` (dev split)", path.display());
    Ok(report(
        &snippets,
        &title,
        "Snippets in the own-dev format.",
        Split::Dev,
        errors,
    ))
}

/// Runs the CASE 2021 Task 2 evaluation with the data under `shared`.
pub fn run(shared: &Path) -> Result<EvalReport, String> {
    let snippets = read_case(&shared.join(CASE_TSV))?;
    Ok(report(
        &snippets,
        "CASE 2021 Task 2: fine-grained event classification (test split)",
        "Rule-based `sitrep_events::classify`; rules were written from the ACLED codebook, never from this set.",
        Split::Test,
        false,
    ))
}

fn report(
    snippets: &[Snippet],
    title: &str,
    about: &str,
    split: Split,
    errors: bool,
) -> EvalReport {
    let t0 = Instant::now();
    let preds: Vec<Option<&'static str>> = snippets
        .iter()
        .map(|s| crate::classify_code(&s.text))
        .collect();
    let secs = t0.elapsed().as_secs_f64();
    let bytes: usize = snippets.iter().map(|s| s.text.len()).sum();
    let pairs: Vec<(Option<&'static str>, Option<&'static str>)> = snippets
        .iter()
        .zip(&preds)
        .map(|(s, p)| (types::by_code(&s.label).map(|t| t.code), *p))
        .collect();
    let (rows, micro, macro_f1, weighted, acc) = score(&pairs);
    let mut conf: HashMap<(Option<&str>, Option<&str>), usize> = HashMap::new();
    for &(g, p) in &pairs {
        if g != p {
            *conf.entry((g, p)).or_default() += 1;
        }
    }
    let mut conf: Vec<_> = conf.into_iter().collect();
    conf.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let n_acled = pairs.iter().filter(|p| p.0.is_some()).count();
    let mbps = if secs > 0.0 {
        bytes as f64 / 1e6 / secs
    } else {
        0.0
    };

    let mut md = String::new();
    let _ = writeln!(md, "## {title}\n");
    let _ = writeln!(
        md,
        "{} snippets ({} with one of the 25 ACLED labels, {} non-ACLED = \"no event\"). {about}\n",
        pairs.len(),
        n_acled,
        pairs.len() - n_acled
    );
    let _ = writeln!(
        md,
        "| metric | sitrep | best published system (subtask 1) |"
    );
    let _ = writeln!(md, "|---|---|---|");
    let _ = writeln!(
        md,
        "| accuracy (30 labels, no-event counted) | {:.1} | |",
        100.0 * acc
    );
    let _ = writeln!(
        md,
        "| micro-F1 (25 ACLED types) | {:.1} | |",
        100.0 * micro.f1()
    );
    let _ = writeln!(
        md,
        "| macro-F1 (25 ACLED types) | {:.1} | |",
        100.0 * macro_f1
    );
    let _ = writeln!(
        md,
        "| weighted F1 (25 ACLED types, official ranking metric) | {:.1} | {:.1} |",
        100.0 * weighted,
        100.0 * PUBLISHED_BEST_WEIGHTED_F1
    );
    let _ = writeln!(md, "\nMicro P/R/F1: {}\n", micro.prf_cells());
    let _ = writeln!(md, "| type | support | P | R | F1 |");
    let _ = writeln!(md, "|---|---|---|---|---|");
    for (code, c, sup) in &rows {
        let name = types::by_code(code)
            .map(|t| t.sub_event_type)
            .unwrap_or(code);
        let _ = writeln!(md, "| {name} | {sup} | {} |", c.prf_cells());
    }
    let _ = writeln!(md, "\nTop confusions (gold → predicted):\n");
    let _ = writeln!(md, "| gold | predicted | n |");
    let _ = writeln!(md, "|---|---|---|");
    for ((g, p), n) in conf.iter().take(12) {
        let _ = writeln!(md, "| {} | {} | {n} |", name_of(*g), name_of(*p));
    }
    let _ = writeln!(
        md,
        "\nThroughput: {:.2} MB/s on one core ({} bytes in {:.3} s).",
        mbps, bytes, secs
    );
    if errors {
        let _ = writeln!(md, "\nMisclassified:\n");
        for ((s, &(_, p)), _) in snippets.iter().zip(&pairs).zip(&preds) {
            if types::by_code(&s.label).map(|t| t.code) != p {
                let _ = writeln!(md, "- {} → {}: {}", s.label, name_of(p), s.text);
            }
        }
    }
    let metrics = serde_json::json!({
        "split": split,
        "snippets": pairs.len(),
        "acled_snippets": n_acled,
        "accuracy": acc,
        "micro": {"p": micro.precision(), "r": micro.recall(), "f1": micro.f1()},
        "macro_f1": macro_f1,
        "weighted_f1": weighted,
        "published_best_weighted_f1": PUBLISHED_BEST_WEIGHTED_F1,
        "per_class": rows.iter().map(|(c, k, s)| serde_json::json!({
            "code": c, "support": s, "p": k.precision(), "r": k.recall(), "f1": k.f1()
        })).collect::<Vec<_>>(),
        "throughput_mb_s": mbps,
    });
    EvalReport {
        markdown: md,
        metrics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_counts_no_event_as_fn_and_fp() {
        let pairs = [
            (Some("AIR_STRIKE"), Some("AIR_STRIKE")),
            (Some("AIR_STRIKE"), None),
            (None, Some("ARREST")),
            (None, None),
        ];
        let (rows, micro, _, _, acc) = score(&pairs);
        assert_eq!((micro.tp, micro.fp, micro.fn_), (1, 1, 1));
        assert!((acc - 0.5).abs() < 1e-9);
        let air = rows.iter().find(|r| r.0 == "AIR_STRIKE").map(|r| r.1);
        assert_eq!(air.map(|c| (c.tp, c.fn_)), Some((1, 1)));
    }
}
