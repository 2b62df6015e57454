//! CoNLL-2003 evaluation with conlleval rules: an entity counts as correct only when its
//! boundaries and its type both match the gold entity exactly; precision, recall and F1 per
//! label and overall. The recogniser runs on the gold token sequence (no re-tokenisation).
//! `eng.testa` is the development split, `eng.testb` the test split (report only).

use crate::conll::{read_conll, ConllDoc};
use crate::model::label_index;
use crate::{spans_of, Recognizer, TokenSpan, TYPES};
use sitrep_eval::{Counts, EvalReport, Split};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Per-label and overall counts.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Counts per label (`PER`, `ORG`, `LOC`, `MISC`).
    pub by_label: BTreeMap<&'static str, Counts>,
    /// All labels together.
    pub overall: Counts,
    /// Tokens tagged.
    pub tokens: usize,
    /// Seconds spent tagging.
    pub seconds: f64,
}

/// The CoNLL file of a split.
pub fn split_path(shared: &Path, split: Split) -> PathBuf {
    let name = match split {
        Split::Dev => "eng.testa",
        Split::Test => "eng.testb",
    };
    shared.join("data/eval/ner/conll2003").join(name)
}

/// Scores a recogniser on parsed CoNLL documents.
pub fn evaluate(rec: &Recognizer, docs: &[ConllDoc]) -> Scores {
    let mut sc = Scores::default();
    for t in TYPES {
        sc.by_label.insert(t, Counts::default());
    }
    let t0 = Instant::now();
    for d in docs {
        let sents: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let pred = rec.tag_tokens(&sents);
        for (s, p) in d.sentences.iter().zip(pred) {
            sc.tokens += s.words.len();
            let gold_labels: Vec<u8> = s.tags.iter().map(|t| label_index(t).unwrap_or(0)).collect();
            let gold = spans_of(&gold_labels);
            score_sentence(&gold, &p, &mut sc.by_label);
        }
    }
    sc.seconds = t0.elapsed().as_secs_f64();
    for c in sc.by_label.values() {
        sc.overall.add(*c);
    }
    sc
}

/// Adds one sentence's counts: an entity is a true positive only if a gold entity has the same
/// token boundaries and label.
pub fn score_sentence(
    gold: &[TokenSpan],
    pred: &[TokenSpan],
    by_label: &mut BTreeMap<&'static str, Counts>,
) {
    for g in gold {
        let c = by_label.entry(g.label).or_default();
        if pred.contains(g) {
            c.tp += 1;
        } else {
            c.fn_ += 1;
        }
    }
    for q in pred {
        if !gold.contains(q) {
            by_label.entry(q.label).or_default().fp += 1;
        }
    }
}

/// Markdown table of scores.
pub fn markdown(title: &str, sc: &Scores) -> String {
    let mut md = format!(
        "### {title}\n\n| label | P | R | F1 | gold | predicted |\n|---|---|---|---|---|---|\n"
    );
    let row = |name: &str, c: &Counts| {
        format!(
            "| {name} | {} | {} | {} |\n",
            c.prf_cells(),
            c.tp + c.fn_,
            c.tp + c.fp
        )
    };
    for t in TYPES {
        if let Some(c) = sc.by_label.get(t) {
            md.push_str(&row(t, c));
        }
    }
    md.push_str(&row("**overall**", &sc.overall));
    md.push_str(&format!(
        "\n{} tokens tagged in {:.2}s ({:.0} tokens/s, one thread).\n",
        sc.tokens,
        sc.seconds,
        sc.tokens as f64 / sc.seconds.max(1e-9)
    ));
    md
}

fn metrics(sc: &Scores, split: Split, file: &Path) -> serde_json::Value {
    let cell = |c: &Counts| {
        serde_json::json!({
            "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
            "tp": c.tp, "fp": c.fp, "fn": c.fn_,
        })
    };
    let labels: serde_json::Map<String, serde_json::Value> = sc
        .by_label
        .iter()
        .map(|(k, c)| ((*k).to_string(), cell(c)))
        .collect();
    serde_json::json!({
        "split": split,
        "file": file.display().to_string(),
        "labels": labels,
        "overall": cell(&sc.overall),
        "tokens": sc.tokens,
        "seconds": sc.seconds,
    })
}

/// Runs the built-in recogniser on `eng.testa` ([`Split::Dev`]) or `eng.testb`
/// ([`Split::Test`]).
pub fn run(shared: &Path, split: Split) -> Result<EvalReport, String> {
    let path = split_path(shared, split);
    let docs = read_conll(&path).map_err(|e| e.to_string())?;
    let rec = Recognizer::new();
    let sc = evaluate(&rec, &docs);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let title = format!(
        "CoNLL-2003 {} ({}), conlleval exact match",
        name.unwrap_or_default(),
        match split {
            Split::Dev => "dev",
            Split::Test => "TEST: report only",
        }
    );
    Ok(EvalReport {
        markdown: markdown(&title, &sc),
        metrics: metrics(&sc, split, &path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize, label: &'static str) -> TokenSpan {
        TokenSpan { start, end, label }
    }

    #[test]
    fn conlleval_needs_exact_boundaries_and_type() {
        let gold = [sp(0, 2, "PER"), sp(3, 4, "LOC"), sp(6, 8, "ORG")];
        let pred = [
            sp(0, 1, "PER"),
            sp(3, 4, "LOC"),
            sp(5, 6, "ORG"),
            sp(6, 8, "MISC"),
        ];
        let mut by = BTreeMap::new();
        score_sentence(&gold, &pred, &mut by);
        let c = |l: &str| by.get(l).copied().unwrap_or_default();
        assert_eq!((c("PER").tp, c("PER").fp, c("PER").fn_), (0, 1, 1));
        assert_eq!((c("LOC").tp, c("LOC").fp, c("LOC").fn_), (1, 0, 0));
        assert_eq!((c("ORG").tp, c("ORG").fp, c("ORG").fn_), (0, 1, 1));
        assert_eq!((c("MISC").tp, c("MISC").fp, c("MISC").fn_), (0, 1, 0));
    }

    #[test]
    fn gold_iob1_is_read_as_conlleval_does() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n\
                    German JJ B-NP I-MISC\nPeter NNP B-NP I-PER\nPaul NNP I-NP B-PER\n";
        let docs = crate::parse_conll(text).expect("parses");
        let s = &docs[0].sentences[0];
        assert_eq!(s.tags, ["B-ORG", "O", "B-MISC", "B-PER", "B-PER"]);
        let labels: Vec<u8> = s.tags.iter().map(|t| label_index(t).unwrap_or(0)).collect();
        assert_eq!(spans_of(&labels).len(), 4);
    }
}
