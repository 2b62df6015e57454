//! PolNeAR evaluation of [`crate::quotes`]: source, cue and content spans (exact and overlap
//! P/R/F1 per role) and whole attributions (all three roles overlapping).
//!
//! Gold: `data/eval/attribution/polnear/<split>/attributions/*.ann` (BRAT standoff, code-point
//! offsets into `text/<article>.txt`). Conventions:
//! * articles annotated by several annotators are scored once, against the first annotation
//!   file in name order;
//! * a discontinuous gold span (`10 20;30 40`) is scored as its extent (`10 40`);
//! * predicted quotes that share a cue form one attribution whose content is the extent of
//!   their contents (PolNeAR joins “A,” he said, “B.” into one content);
//! * a direct quote's content is widened to include its quotation marks, as PolNeAR's does.

use sitrep_eval::{overlaps, Counts, EvalReport, Split};
use sitrep_model::ByteToChar;
use sitrep_text::TextLayer;
use std::collections::BTreeMap;
use std::path::Path;

type Sp = (usize, usize);

/// One attribution: source (optional), cue, content, as code-point extents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Source extent.
    pub source: Option<Sp>,
    /// Cue extent (absent for predicted quotes without a cue).
    pub cue: Option<Sp>,
    /// Content extent.
    pub content: Sp,
}

/// Parses a BRAT `.ann` file into attributions (extents of discontinuous spans).
pub fn parse_ann(ann: &str) -> Vec<Attribution> {
    let mut spans: BTreeMap<&str, Sp> = BTreeMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut f = line.split('\t');
        let (Some(id), Some(mid)) = (f.next(), f.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let mut parts = mid.splitn(2, ' ');
            let _label = parts.next();
            let offs = parts.next().unwrap_or("");
            let mut lo = usize::MAX;
            let mut hi = 0;
            for frag in offs.split(';') {
                let mut se = frag
                    .split_whitespace()
                    .filter_map(|x| x.parse::<usize>().ok());
                if let (Some(s), Some(e)) = (se.next(), se.next()) {
                    lo = lo.min(s);
                    hi = hi.max(e);
                }
            }
            if lo < hi {
                spans.insert(id, (lo, hi));
            }
        } else if id.starts_with('E') {
            events.push(mid);
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let mut a = Attribution {
            source: None,
            cue: None,
            content: (0, 0),
        };
        for arg in ev.split_whitespace() {
            let Some((role, t)) = arg.split_once(':') else {
                continue;
            };
            let sp = spans.get(t).copied();
            match role {
                "Source" => a.source = sp,
                "Cue" => a.cue = sp,
                "Content" => a.content = sp.unwrap_or((0, 0)),
                _ => {}
            }
        }
        if a.content.0 < a.content.1 {
            out.push(a);
        }
    }
    out
}

/// Predicted attributions of a text, in code points, grouped by cue.
pub fn predict(text: &str) -> Vec<Attribution> {
    let layer = TextLayer::new(text);
    let actors = crate::actors(&layer, &[]);
    let quotes = crate::quotes(&layer, &[], &actors);
    let map = ByteToChar::new(text);
    let mut out: Vec<Attribution> = Vec::new();
    for q in quotes {
        let (mut s, mut e) = (q.content.start, q.content.end);
        if q.direct {
            // One mark, or a doubled apostrophe (''…'').
            for _ in 0..2 {
                match text[..s].chars().next_back() {
                    Some(c @ ('“' | '"' | '‘' | '\'' | '«' | '„')) => s -= c.len_utf8(),
                    _ => break,
                }
                if !text[..s].ends_with('\'') {
                    break;
                }
            }
            for _ in 0..2 {
                match text[e..].chars().next() {
                    Some(c @ ('”' | '"' | '’' | '\'' | '»' | '“')) => e += c.len_utf8(),
                    _ => break,
                }
                if !text[e..].starts_with('\'') {
                    break;
                }
            }
        }
        let content = (map.get(s), map.get(e));
        let cue = q.cue.as_ref().map(|c| (map.get(c.start), map.get(c.end)));
        let source = q
            .source
            .as_ref()
            .map(|c| (map.get(c.start), map.get(c.end)));
        if let Some(prev) = out.iter_mut().find(|a| cue.is_some() && a.cue == cue) {
            prev.content = (prev.content.0.min(content.0), prev.content.1.max(content.1));
            continue;
        }
        out.push(Attribution {
            source,
            cue,
            content,
        });
    }
    out
}

/// One-to-one matching counts of predicted against gold spans.
fn match_spans(pred: &[Sp], gold: &[Sp], exact: bool) -> Counts {
    Counts::greedy(
        pred,
        gold,
        |g, p| if exact { g == p } else { overlaps(*g, *p) },
    )
}

fn match_whole(pred: &[Attribution], gold: &[Attribution]) -> Counts {
    let opt = |a: Option<Sp>, b: Option<Sp>| match (a, b) {
        (Some(a), Some(b)) => overlaps(a, b),
        (None, None) => true,
        _ => false,
    };
    Counts::greedy(pred, gold, |g, p| {
        overlaps(g.content, p.content) && opt(g.cue, p.cue) && opt(g.source, p.source)
    })
}

/// Per-role counts: (exact, overlap) for source, cue, content; and whole attributions.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scores {
    /// Source spans (exact, overlap).
    pub source: (Counts, Counts),
    /// Cue spans (exact, overlap).
    pub cue: (Counts, Counts),
    /// Content spans (exact, overlap).
    pub content: (Counts, Counts),
    /// Whole attributions (all roles overlap).
    pub whole: Counts,
}

impl Scores {
    /// Scores one document.
    pub fn document(pred: &[Attribution], gold: &[Attribution]) -> Scores {
        let role = |f: &dyn Fn(&Attribution) -> Option<Sp>| -> (Counts, Counts) {
            let p: Vec<Sp> = pred.iter().filter_map(f).collect();
            let g: Vec<Sp> = gold.iter().filter_map(f).collect();
            (match_spans(&p, &g, true), match_spans(&p, &g, false))
        };
        Scores {
            source: role(&|a| a.source),
            cue: role(&|a| a.cue),
            content: role(&|a| Some(a.content)),
            whole: match_whole(pred, gold),
        }
    }

    fn add(&mut self, o: &Scores) {
        for (a, b) in [
            (&mut self.source, o.source),
            (&mut self.cue, o.cue),
            (&mut self.content, o.content),
        ] {
            a.0.add(b.0);
            a.1.add(b.1);
        }
        self.whole.add(o.whole);
    }
}

fn counts_json(c: &Counts) -> serde_json::Value {
    serde_json::json!({
        "tp": c.tp, "fp": c.fp, "fn": c.fn_,
        "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
    })
}

/// One PolNeAR article: its name, its text, and its first annotator's `.ann` annotation.
#[derive(Debug, Clone)]
pub struct Article {
    /// The article's file name without extension.
    pub name: String,
    /// The article text.
    pub text: String,
    /// The annotation (brat standoff).
    pub ann: String,
}

/// The articles of PolNeAR `split` under `shared`, sorted by annotation file, each with its
/// first annotator's annotation; an article whose text or annotation cannot be read is left
/// out.
pub fn articles(shared: &Path, split: &str) -> Result<Vec<Article>, String> {
    let dir = shared.join("data/eval/attribution/polnear").join(split);
    let ann_dir = dir.join("attributions");
    let mut files: Vec<_> = std::fs::read_dir(&ann_dir)
        .map_err(|e| format!("{}: {e}", ann_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for f in &files {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let name = stem.rsplit_once('_').map_or(stem, |(a, _)| a).to_string();
        if !seen.insert(name.clone()) {
            continue; // the first annotator only
        }
        let text_path = dir.join("text").join(format!("{name}.txt"));
        if let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(&text_path),
            std::fs::read_to_string(f),
        ) {
            out.push(Article { name, text, ann });
        }
    }
    Ok(out)
}

/// Scores [`crate::quotes`] on PolNeAR `split` (`train`, `dev` or `test`) under `shared`.
pub fn run(shared: &Path, split: &str) -> Result<EvalReport, String> {
    let kind = match split {
        "train" | "dev" => Split::Dev,
        "test" => Split::Test,
        other => {
            return Err(format!(
                "unknown PolNeAR split {other:?} (train, dev, test)"
            ))
        }
    };
    let mut total = Scores::default();
    let mut docs = 0;
    let mut bytes = 0usize;
    let mut secs = 0f64;
    for Article { text, ann, .. } in articles(shared, split)? {
        let gold = parse_ann(&ann);
        let t0 = std::time::Instant::now();
        let pred = predict(&text);
        secs += t0.elapsed().as_secs_f64();
        bytes += text.len();
        total.add(&Scores::document(&pred, &gold));
        docs += 1;
    }
    if docs == 0 {
        return Err(format!(
            "no PolNeAR documents under {}",
            shared
                .join("data/eval/attribution/polnear")
                .join(split)
                .display()
        ));
    }
    let mut md = format!(
        "## PolNeAR attribution ({split}, {docs} articles{})\n\n",
        if kind == Split::Test {
            ", test split: report only"
        } else {
            ""
        }
    );
    md.push_str("| role | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |\n");
    md.push_str("|---|---|---|---|---|---|---|\n");
    let mut roles = serde_json::Map::new();
    for (name, (ex, ov)) in [
        ("source", total.source),
        ("cue", total.cue),
        ("content", total.content),
    ] {
        md.push_str(&format!(
            "| {name} | {} | {} |\n",
            ex.prf_cells(),
            ov.prf_cells()
        ));
        roles.insert(
            name.into(),
            serde_json::json!({"exact": counts_json(&ex), "overlap": counts_json(&ov)}),
        );
    }
    md.push_str(&format!(
        "\nWhole attributions (content, cue and source all overlapping; a missing source must be \
         missing in both): P/R/F1 {}\n",
        total.whole.prf_cells()
    ));
    let mbps = if secs > 0.0 {
        bytes as f64 / 1e6 / secs
    } else {
        0.0
    };
    md.push_str(&format!(
        "\ntext layer + actors + quotes on {:.2} MB of text: {:.1} MB/s (one core)\n",
        bytes as f64 / 1e6,
        mbps
    ));
    Ok(EvalReport {
        markdown: md,
        metrics: serde_json::json!({
            "split": split,
            "documents": docs,
            "roles": roles,
            "attribution": counts_json(&total.whole),
            "mb_per_s": mbps,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_brat_with_discontinuous_spans() {
        let ann = "T1\tSource 0 5\tMorris\nT2\tCue 6 10\tsays\nT3\tContent 11 20;25 30\tx\n\
                   T4\tAttribution 6 10\tsays\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                   T5\tCue 40 45\tsaid\nT6\tContent 46 50\ty\nT7\tAttribution 40 45\tsaid\n\
                   E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n";
        let a = parse_ann(ann);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].content, (11, 30));
        assert_eq!(a[0].source, Some((0, 5)));
        assert_eq!(a[1].source, None);
        assert_eq!(a[1].cue, Some((40, 45)));
    }

    #[test]
    fn scores_exact_and_overlap() {
        let gold = vec![Attribution {
            source: Some((0, 6)),
            cue: Some((7, 11)),
            content: (12, 40),
        }];
        let pred = vec![Attribution {
            source: Some((0, 6)),
            cue: Some((7, 11)),
            content: (12, 39),
        }];
        let s = Scores::document(&pred, &gold);
        assert_eq!(s.source.0.tp, 1);
        assert_eq!(s.content.0.tp, 0);
        assert_eq!(s.content.1.tp, 1);
        assert_eq!(s.whole.tp, 1);
    }

    #[test]
    fn predicts_a_reported_speech_attribution() {
        let text = "Spokeswoman Haley Morris says the campaign will compete vigorously.";
        let p = predict(text);
        assert_eq!(p.len(), 1);
        let chars: Vec<char> = text.chars().collect();
        let s = |r: Sp| chars[r.0..r.1].iter().collect::<String>();
        assert_eq!(s(p[0].cue.unwrap_or_default()), "says");
        assert_eq!(
            s(p[0].source.unwrap_or_default()),
            "Spokeswoman Haley Morris"
        );
        assert_eq!(s(p[0].content), "the campaign will compete vigorously");
    }
}
