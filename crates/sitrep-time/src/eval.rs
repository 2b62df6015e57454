//! TempEval-3 style scoring of [`crate::extract`] on TimeML (TimeBank/AQUAINT, TE3-Platinum)
//! and MEANTIME (CAT XML) gold data.
//!
//! Definitions (UzZaman et al. 2013, TempEval-3 task paper): *strict* extent match = identical
//! span, *relaxed* match = overlapping spans, each gold timex matched at most once (an exact
//! match is preferred). Extent P = matched system timexes / system timexes, R = matched gold /
//! gold. Attribute scores for `type` and `value` are computed over relaxed matches: attribute
//! P = relaxed matches with the same attribute / system timexes, R = the same count / gold
//! timexes, F1 their harmonic mean. The document creation time (DCT) is the anchor and is not
//! scored (nor are system timexes overlapping it, for MEANTIME where the DCT is in the text).

use crate::extract;
use sitrep_eval::{overlaps, Counts, EvalReport, Split};
use sitrep_text::TextLayer;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One gold (or system) timex for scoring: byte span in the document text, type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// TIMEX3 type.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// A gold document: text, anchor (DCT), DCT span if inside the text, gold timexes.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// File name.
    pub name: String,
    /// Document text.
    pub text: String,
    /// Document creation time.
    pub dct: Option<jiff::civil::Date>,
    /// Spans of the DCT inside the text (excluded from scoring).
    pub dct_spans: Vec<(usize, usize)>,
    /// Gold timexes (DCT excluded).
    pub gold: Vec<Timex>,
    /// Only the text before this byte is annotated (MEANTIME annotates its first six
    /// sentences: title, date line and four body sentences).
    pub annotated_until: usize,
}

/// The counts of one evaluation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    /// Exact-span extent counts.
    pub strict: Counts,
    /// Overlap extent counts.
    pub relaxed: Counts,
    /// Type attribute counts over relaxed matches.
    pub kind: Counts,
    /// Value attribute counts over relaxed matches.
    pub value: Counts,
}

/// Runs the evaluation named `which` (`te3-platinum` = TEST, `tbaq` or `meantime` = DEV).
pub fn run(shared: &Path, which: &str) -> Result<EvalReport, String> {
    run_with_errors(shared, which, 0)
}

/// Like [`run`], also listing up to `max_errors` misses, false alarms and wrong values in the
/// report — allowed on the dev splits only (refused on the test split).
pub fn run_with_errors(
    shared: &Path,
    which: &str,
    max_errors: usize,
) -> Result<EvalReport, String> {
    let base = shared.join("data/eval/time");
    let (split, docs) = match which {
        "te3-platinum" | "platinum" => (
            Split::Test,
            load_dir(
                &base.join("tempeval3/test-te3-platinum"),
                "tml",
                parse_timeml,
            )?,
        ),
        "tbaq" => {
            let mut d = load_dir(
                &base.join("tempeval3/train-TBAQ-cleaned/TimeBank"),
                "tml",
                parse_timeml,
            )?;
            d.extend(load_dir(
                &base.join("tempeval3/train-TBAQ-cleaned/AQUAINT"),
                "tml",
                parse_timeml,
            )?);
            (Split::Dev, d)
        }
        "meantime" => (
            Split::Dev,
            load_dir(
                &base.join("meantime-en/intra-doc_annotation"),
                "xml",
                parse_meantime,
            )?,
        ),
        other => {
            return Err(format!(
                "unknown time evaluation {other:?} (te3-platinum | tbaq | meantime)"
            ))
        }
    };
    if split == Split::Test && max_errors > 0 {
        return Err("error listings are for dev splits only".into());
    }
    let mut total = Scores::default();
    let mut errors = String::new();
    let mut n_errors = 0;
    let mut bytes = 0usize;
    let mut elapsed = std::time::Duration::ZERO;
    let mut stage = std::time::Duration::ZERO;
    // Load the lexicon before timing.
    let _ = extract(&TextLayer::new("warm-up on Monday"), None);
    for doc in &docs {
        let t0 = std::time::Instant::now();
        let layer = TextLayer::new(&doc.text);
        let t1 = std::time::Instant::now();
        let found = extract(&layer, doc.dct);
        stage += t1.elapsed();
        elapsed += t0.elapsed();
        let sys: Vec<Timex> = found
            .into_iter()
            .filter(|m| !doc.dct_spans.iter().any(|&s| overlaps(s, (m.start, m.end))))
            .filter(|m| m.start < doc.annotated_until)
            .map(|m| Timex {
                start: m.start,
                end: m.end,
                kind: m.kind,
                value: m.value,
            })
            .collect();
        bytes += doc.text.len();
        let (s, errs) = score(&doc.gold, &sys, &doc.text);
        total.strict.add(s.strict);
        total.relaxed.add(s.relaxed);
        total.kind.add(s.kind);
        total.value.add(s.value);
        for e in errs {
            if n_errors < max_errors {
                let _ = writeln!(errors, "- `{}` {e}", doc.name);
            }
            n_errors += 1;
        }
    }
    let split_name = match split {
        Split::Dev => "DEV",
        Split::Test => "TEST",
    };
    let mbps = bytes as f64 / 1e6 / elapsed.as_secs_f64().max(1e-9);
    let stage_mbps = bytes as f64 / 1e6 / stage.as_secs_f64().max(1e-9);
    let mut md = String::new();
    let _ = writeln!(
        md,
        "## Temporal expressions — {which} ({split_name}, {} documents, {} gold timexes, {} system)\n",
        docs.len(),
        total.relaxed.tp + total.relaxed.fn_,
        total.relaxed.tp + total.relaxed.fp
    );
    let _ = writeln!(md, "| measure | P | R | F1 |\n|---|---|---|---|");
    for (name, c) in [
        ("strict extent", total.strict),
        ("relaxed extent", total.relaxed),
        ("type (over relaxed)", total.kind),
        ("value (over relaxed)", total.value),
    ] {
        let _ = writeln!(md, "| {name} | {} |", c.prf_cells());
    }
    let _ = writeln!(
        md,
        "\nThroughput (one core, this build): extraction alone {stage_mbps:.1} MB/s, \
         segmentation + extraction {mbps:.1} MB/s ({bytes} bytes)."
    );
    if max_errors > 0 {
        let _ = writeln!(
            md,
            "\n### Errors ({n_errors}, first {max_errors})\n\n{errors}"
        );
    }
    let f = |c: Counts| {
        serde_json::json!({"p": c.precision(), "r": c.recall(), "f1": c.f1(),
            "tp": c.tp, "fp": c.fp, "fn": c.fn_})
    };
    let metrics = serde_json::json!({
        "eval": which,
        "split": split,
        "documents": docs.len(),
        "strict": f(total.strict),
        "relaxed": f(total.relaxed),
        "type": f(total.kind),
        "value": f(total.value),
        "mb_per_s": mbps,
        "extract_mb_per_s": stage_mbps,
    });
    Ok(EvalReport {
        markdown: md,
        metrics,
    })
}

/// Scores one document; returns the counts and human-readable error lines.
pub fn score(gold: &[Timex], sys: &[Timex], text: &str) -> (Scores, Vec<String>) {
    let mut used = vec![false; sys.len()];
    let mut s = Scores::default();
    let mut errs = Vec::new();
    let snippet = |a: usize, b: usize| text.get(a..b).unwrap_or("?").replace('\n', " ");
    for g in gold {
        let exact =
            (0..sys.len()).find(|&k| !used[k] && (sys[k].start, sys[k].end) == (g.start, g.end));
        let m = exact.or_else(|| {
            (0..sys.len())
                .find(|&k| !used[k] && overlaps((sys[k].start, sys[k].end), (g.start, g.end)))
        });
        match m {
            Some(k) => {
                used[k] = true;
                let x = &sys[k];
                s.relaxed.tp += 1;
                if exact.is_some() {
                    s.strict.tp += 1;
                } else {
                    errs.push(format!(
                        "EXTENT gold `{}` sys `{}`",
                        snippet(g.start, g.end),
                        snippet(x.start, x.end)
                    ));
                }
                if x.kind == g.kind {
                    s.kind.tp += 1;
                }
                if x.value == g.value {
                    s.value.tp += 1;
                } else {
                    errs.push(format!(
                        "VALUE `{}` gold {} {} sys {} {}",
                        snippet(g.start, g.end),
                        g.kind,
                        g.value,
                        x.kind,
                        x.value
                    ));
                }
            }
            None => errs.push(format!(
                "MISS `{}` {} {} in “…{}…”",
                snippet(g.start, g.end),
                g.kind,
                g.value,
                snippet(g.start.saturating_sub(40), (g.end + 40).min(text.len()))
            )),
        }
    }
    for (k, x) in sys.iter().enumerate() {
        if !used[k] {
            errs.push(format!(
                "FALSE `{}` {} {}",
                snippet(x.start, x.end),
                x.kind,
                x.value
            ));
        }
    }
    let (ng, ns) = (gold.len(), sys.len());
    let fill = |tp: usize| Counts {
        tp,
        fp: ns - tp,
        fn_: ng - tp,
    };
    s.strict = fill(s.strict.tp);
    s.relaxed = fill(s.relaxed.tp);
    s.kind = fill(s.kind.tp);
    s.value = fill(s.value.tp);
    (s, errs)
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(sorted_files(&p, ext)?);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// Parses every file of extension `ext` below `dir` (sorted) with `parse(file name, text)`.
fn load_dir(
    dir: &Path,
    ext: &str,
    parse: fn(&str, &str) -> Result<GoldDoc, String>,
) -> Result<Vec<GoldDoc>, String> {
    let mut docs = Vec::new();
    for p in sorted_files(dir, ext)? {
        let xml = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let name = p
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into());
        docs.push(parse(&name, &xml)?);
    }
    Ok(docs)
}

/// Parses a TimeML document: the text is the content of `<TEXT>` with tags stripped and
/// entities decoded; the anchor is the DCT TIMEX3's value.
pub fn parse_timeml(name: &str, xml: &str) -> Result<GoldDoc, String> {
    let dct = xml
        .find("<DCT>")
        .and_then(|s| xml[s..].find("</DCT>").map(|e| &xml[s..s + e]))
        .and_then(|d| attr(d, "value"))
        .and_then(|v| v.get(..10).and_then(|v| v.parse().ok()));
    let start = xml
        .find("<TEXT>")
        .ok_or_else(|| format!("{name}: no <TEXT>"))?
        + 6;
    let end = xml[start..]
        .find("</TEXT>")
        .map(|e| start + e)
        .ok_or_else(|| format!("{name}: no </TEXT>"))?;
    let body = &xml[start..end];
    let mut text = String::with_capacity(body.len());
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut gold = Vec::new();
    let mut dct_spans = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut text, &rest[..lt]);
        let gt = rest[lt..].find('>').map(|g| lt + g).ok_or("unclosed tag")?;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            open.push((text.len(), tag.to_string()));
        } else if tag.starts_with("/TIMEX3") {
            if let Some((s, t)) = open.pop() {
                if attr(&t, "functionInDocument").as_deref() == Some("CREATION_TIME") {
                    dct_spans.push((s, text.len()));
                } else {
                    gold.push(Timex {
                        start: s,
                        end: text.len(),
                        kind: attr(&t, "type").unwrap_or_default(),
                        value: attr(&t, "value").unwrap_or_default(),
                    });
                }
            }
        }
        rest = &rest[gt + 1..];
    }
    push_decoded(&mut text, rest);
    let annotated_until = text.len();
    Ok(GoldDoc {
        name: name.to_string(),
        text,
        dct,
        dct_spans,
        gold,
        annotated_until,
    })
}

fn push_decoded(out: &mut String, s: &str) {
    if !s.contains('&') {
        out.push_str(s);
        return;
    }
    let mut rest = s;
    while let Some(a) = rest.find('&') {
        out.push_str(&rest[..a]);
        let tail = &rest[a..];
        let ents = [
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&apos;", "'"),
        ];
        match ents.iter().find(|(e, _)| tail.starts_with(e)) {
            Some((e, r)) => {
                out.push_str(r);
                rest = &tail[e.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(p) = tag[from..].find(name) {
        let at = from + p;
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        let after = &tag[at + name.len()..];
        if before_ok {
            if let Some(v) = after.strip_prefix("=\"") {
                let e = v.find('"')?;
                let mut out = String::new();
                push_decoded(&mut out, &v[..e]);
                return Some(out);
            }
        }
        from = at + name.len();
    }
    None
}

/// Index of the last MEANTIME sentence carrying annotation (0 = title, 1 = date line).
const MEANTIME_ANNOTATED_SENTENCES: usize = 5;

/// Parses a MEANTIME CAT document: tokens joined by spaces, one sentence per line; TIMEX3
/// markables span their anchored tokens; the DCT is the `CREATION_TIME` timex.
pub fn parse_meantime(name: &str, xml: &str) -> Result<GoldDoc, String> {
    let mut text = String::new();
    let mut spans: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut last_sentence: Option<String> = None;
    let mut annotated_until = 0;
    let mut rest = xml;
    while let Some(p) = rest.find("<token ") {
        let gt = rest[p..].find('>').map(|g| p + g).ok_or("bad token")?;
        let tag = &rest[p..gt];
        let close = rest[gt..]
            .find("</token>")
            .map(|c| gt + c)
            .ok_or("bad token")?;
        let word = &rest[gt + 1..close];
        let sent = attr(tag, "sentence");
        let sent_no: usize = sent.as_deref().and_then(|n| n.parse().ok()).unwrap_or(0);
        if !text.is_empty() {
            text.push(if sent == last_sentence { ' ' } else { '\n' });
        }
        last_sentence = sent;
        let s = text.len();
        push_decoded(&mut text, word);
        if sent_no <= MEANTIME_ANNOTATED_SENTENCES {
            annotated_until = text.len();
        }
        if let Some(id) = attr(tag, "t_id") {
            spans.insert(id, (s, text.len()));
        }
        rest = &rest[close..];
    }
    let mut gold = Vec::new();
    let mut dct = None;
    let mut dct_spans = Vec::new();
    let mut rest = xml;
    while let Some(p) = rest.find("<TIMEX3 ") {
        let gt = rest[p..].find('>').map(|g| p + g).ok_or("bad TIMEX3")?;
        let tag = &rest[p..gt];
        let body_end = if tag.ends_with('/') {
            gt
        } else {
            rest[gt..].find("</TIMEX3>").map_or(gt, |c| gt + c)
        };
        let body = &rest[gt..body_end];
        let mut lo = usize::MAX;
        let mut hi = 0;
        for a in body.split("<token_anchor ").skip(1) {
            if let Some((s, e)) = attr(a, "t_id").and_then(|id| spans.get(&id).copied()) {
                lo = lo.min(s);
                hi = hi.max(e);
            }
        }
        let value = attr(tag, "value").unwrap_or_default();
        if attr(tag, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            dct = value.get(..10).and_then(|v| v.parse().ok());
            if lo < hi {
                dct_spans.push((lo, hi));
            }
        } else if lo < hi {
            gold.push(Timex {
                start: lo,
                end: hi,
                kind: attr(tag, "type").unwrap_or_default(),
                value,
            });
        }
        rest = &rest[body_end..];
    }
    gold.sort_by_key(|t| (t.start, t.end));
    Ok(GoldDoc {
        name: name.to_string(),
        text,
        dct,
        dct_spans,
        gold,
        annotated_until,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeml_offsets_point_at_the_gold_text() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>A &amp; B fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>, for <TIMEX3 tid="t2" type="DURATION" value="P2Y">two years</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml("x", xml).unwrap();
        assert_eq!(d.dct, "1998-01-08".parse().ok());
        assert_eq!(d.gold.len(), 2);
        assert_eq!(&d.text[d.gold[0].start..d.gold[0].end], "yesterday");
        assert_eq!(&d.text[d.gold[1].start..d.gold[1].end], "two years");
        assert!(d.text.starts_with("A & B"));
    }

    #[test]
    fn scoring_follows_tempeval3() {
        let t = |s, e, v: &str| Timex {
            start: s,
            end: e,
            kind: "DATE".into(),
            value: v.into(),
        };
        let gold = vec![t(0, 10, "2017"), t(20, 30, "2018"), t(40, 45, "2019")];
        let sys = vec![t(0, 10, "2017"), t(22, 30, "2000"), t(50, 55, "2020")];
        let (s, _) = score(&gold, &sys, &" ".repeat(60));
        assert_eq!((s.strict.tp, s.strict.fp, s.strict.fn_), (1, 2, 2));
        assert_eq!((s.relaxed.tp, s.relaxed.fp, s.relaxed.fn_), (2, 1, 1));
        assert_eq!(s.value.tp, 1);
        assert!((s.value.precision() - 1.0 / 3.0).abs() < 1e-9);
    }
}
