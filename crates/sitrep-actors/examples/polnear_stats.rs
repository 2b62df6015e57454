//! Development aid: per-role failure analysis on a PolNeAR dev split (train/dev only).
//! `cargo run --release -p sitrep-actors --example polnear_stats -- train
//! [words|roles|bcat|scat|misscue|nest|cuetext|preds]`
//! (`bcat`: content boundary differences by category; `SHOW=<category>` prints examples,
//! `FIRSTWORD=1` keys comma clauses by their first word, `CUESAME=1` splits by cue agreement;
//! `nest`: how gold and predicted attributions nest inside other contents; `cuetext`: gold cue
//! phrases no prediction covers, `SHOW=<phrase>` prints them; `preds`: one line per prediction,
//! to diff two rule versions; `scat`: same-cue pairs, where the content start/end differ relative
//! to the cue, `SHOW=<key prefix>` prints examples, `DIFF=<key prefix>` prints each differing
//! text and cue, one per line).
use sitrep_actors::eval::{articles, parse_ann, predict, Article, Attribution};
use std::collections::HashMap;

type Sp = (usize, usize);

fn main() {
    let split = std::env::args().nth(1).unwrap_or_else(|| "train".into());
    let mode = std::env::args().nth(2).unwrap_or_else(|| "roles".into());
    assert!(split != "test", "never debug on test");
    let shared = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    let articles = articles(&shared, &split).expect("PolNeAR split");
    let mut cnt: HashMap<String, usize> = HashMap::new();
    // word statistics: folded single word -> (as cue head in gold, total occurrences)
    let mut wstat: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let show = std::env::var("SHOW").ok();
    let mut shown = 0;
    for Article {
        name: art,
        text,
        ann,
    } in articles
    {
        let chars: Vec<char> = text.chars().collect();
        let s = |r: Sp| {
            chars[r.0.min(chars.len())..r.1.min(chars.len())]
                .iter()
                .collect::<String>()
                .replace('\n', " ")
        };
        let gold = parse_ann(&ann);
        let pred = predict(&text);
        let ov = |a: Sp, b: Sp| a.0 < b.1 && b.0 < a.1;
        match mode.as_str() {
            "roles" => {
                for g in &gold {
                    let p: Option<&Attribution> = pred.iter().find(|p| ov(p.content, g.content));
                    let key = match p {
                        None => "content-miss".to_string(),
                        Some(p) => {
                            let cue = match (g.cue, p.cue) {
                                (Some(a), Some(b)) if ov(a, b) => "cue-ok",
                                (Some(_), Some(_)) => "cue-wrong",
                                (Some(_), None) => "cue-none",
                                _ => "cue-?",
                            };
                            let src = match (g.source, p.source) {
                                (Some(a), Some(b)) if ov(a, b) => "src-ok",
                                (Some(_), Some(_)) => "src-wrong",
                                (Some(_), None) => "src-none",
                                (None, Some(_)) => "src-spurious",
                                (None, None) => "src-bothnone",
                            };
                            if show.as_deref().is_some_and(|v| {
                                v == src || v == cue || v == format!("{cue} {src}")
                            }) && shown < 80
                            {
                                shown += 1;
                                println!(
                                    "[{}|{}] gold src {:?} cue {:?} / pred src {:?} cue {:?}\n   G {:?}\n   P {:?}",
                                    src,
                                    cue,
                                    g.source.map(s),
                                    g.cue.map(s),
                                    p.source.map(s),
                                    p.cue.map(s),
                                    s(g.content),
                                    s(p.content)
                                );
                            }
                            format!("{cue} {src}")
                        }
                    };
                    *cnt.entry(key).or_default() += 1;
                }
            }
            "words" => {
                // How often each word is (the last word of) a gold cue vs. occurs at all.
                let words: Vec<(usize, usize, String)> = {
                    let mut v = Vec::new();
                    let mut st = None;
                    for (i, c) in chars.iter().enumerate() {
                        if c.is_alphanumeric() || *c == '-' {
                            st.get_or_insert(i);
                        } else if let Some(a) = st.take() {
                            v.push((a, i, chars[a..i].iter().collect::<String>().to_lowercase()));
                        }
                    }
                    v
                };
                for (a, b, w) in &words {
                    let e = wstat.entry(w.clone()).or_default();
                    e.1 += 1;
                    if gold
                        .iter()
                        .any(|g| g.cue.is_some_and(|c| c.0 <= *a && *b <= c.1))
                    {
                        e.0 += 1;
                        let cov = pred
                            .iter()
                            .any(|p| p.cue.is_some_and(|c| c.0 <= *a && *b <= c.1));
                        if cov {
                            e.2 += 1;
                        }
                    }
                }
            }
            "srcfp" | "cuefp" => {
                for p in &pred {
                    let role = |a: &Attribution| if mode == "cuefp" { a.cue } else { a.source };
                    let Some(ps) = role(p) else { continue };
                    if gold.iter().any(|g| role(g).is_some_and(|gs| ov(gs, ps))) {
                        continue;
                    }
                    let g = gold.iter().find(|g| ov(g.content, p.content));
                    let key = match g {
                        None => "content-fp",
                        Some(g) if g.source.is_none() => "gold-nosource",
                        Some(g) if g.cue.is_some_and(|c| p.cue.is_some_and(|pc| ov(c, pc))) => {
                            "same-cue-other-source"
                        }
                        Some(_) => "other-attribution",
                    };
                    if show.as_deref() == Some(key) && shown < 60 {
                        shown += 1;
                        println!(
                            "[{key}] pred src {:?} cue {:?} content {:?}\n    gold {:?}",
                            s(ps),
                            p.cue.map(s),
                            s(p.content).chars().take(150).collect::<String>(),
                            g.map(|g| (g.source.map(s), g.cue.map(s)))
                        );
                    }
                    *cnt.entry(key.to_string()).or_default() += 1;
                }
            }
            "scat" => {
                // Same-cue pairs: where the content boundaries differ relative to the cue
                // (`cue-before`: the cue precedes both starts; `cue-between`: the cue lies in
                // the difference; `cue-after`: the cue follows both), with quote marks and
                // sentence breaks in the difference.
                let mut used = vec![false; gold.len()];
                for p in &pred {
                    let Some(pc) = p.cue else { continue };
                    let best = gold.iter().enumerate().find(|(i, g)| {
                        !used[*i] && ov(g.content, p.content) && g.cue.is_some_and(|gc| ov(gc, pc))
                    });
                    let Some((gi, g)) = best else { continue };
                    used[gi] = true;
                    let mut keys = Vec::new();
                    for (side, a, b) in [
                        ("START", g.content.0, p.content.0),
                        ("END", g.content.1, p.content.1),
                    ] {
                        if a == b {
                            keys.push(format!("{side} same"));
                            continue;
                        }
                        let (lo, hi) = (a.min(b), a.max(b));
                        let longer = if (side == "START") == (a < b) {
                            "gold"
                        } else {
                            "pred"
                        };
                        let pos = if pc.1 <= lo {
                            "cue-before"
                        } else if pc.0 >= hi {
                            "cue-after"
                        } else {
                            "cue-between"
                        };
                        let d = s((lo, hi));
                        let q = d.contains(['“', '"', '”']);
                        let sent = d.contains(". ") || d.contains(".\u{201d} ") || d.contains('\n');
                        let n = d.split_whitespace().count();
                        let k = format!(
                            "{side} {longer}-longer {pos} q={q} sent={sent} n={}",
                            match n {
                                0 => "0",
                                1 => "1",
                                2..=3 => "2-3",
                                4..=8 => "4-8",
                                _ => "9+",
                            }
                        );
                        if std::env::var("DIFF").is_ok_and(|v| k.starts_with(&v)) {
                            println!(
                                "DIFF\t{}\t{}\t{}",
                                k,
                                d.trim().to_lowercase(),
                                s(pc).to_lowercase()
                            );
                        }
                        if show.as_deref().is_some_and(|v| k.starts_with(v)) && shown < 40 {
                            shown += 1;
                            println!(
                                "[{k}] cue {:?}\n  G {:?}\n  P {:?}",
                                s(pc),
                                s(g.content),
                                s(p.content)
                            );
                        }
                        keys.push(k);
                    }
                    for k in keys {
                        *cnt.entry(k).or_default() += 1;
                    }
                }
            }
            "bcat" => {
                // Content boundary differences by category, on pairs whose contents overlap
                // (one gold per prediction, largest overlap first).
                let mut used = vec![false; gold.len()];
                for p in &pred {
                    let best = gold
                        .iter()
                        .enumerate()
                        .filter(|(i, g)| !used[*i] && ov(g.content, p.content))
                        .max_by_key(|(_, g)| {
                            g.content.1.min(p.content.1) - g.content.0.max(p.content.0)
                        });
                    let Some((gi, g)) = best else { continue };
                    used[gi] = true;
                    let (gs, ge) = g.content;
                    let (ps, pe) = p.content;
                    let mut keys = Vec::new();
                    if gs == ps && ge == pe {
                        keys.push("EXACT".to_string());
                    }
                    if gs < ps {
                        keys.push(format!("START gold-longer {}", start_cat(&s((gs, ps)))));
                    } else if ps < gs {
                        keys.push(format!("START pred-longer {}", start_cat(&s((ps, gs)))));
                    }
                    if ge > pe {
                        keys.push(format!("END gold-longer {}", end_cat(&s((pe, ge)))));
                    } else if pe > ge {
                        keys.push(format!("END pred-longer {}", end_cat(&s((ge, pe)))));
                    }
                    let cue_same = g.cue.is_some_and(|c| p.cue.is_some_and(|pc| ov(c, pc)));
                    let keys: Vec<String> = keys
                        .into_iter()
                        .map(|k| {
                            if std::env::var("CUESAME").is_ok() && k != "EXACT" {
                                format!("{k} cue={}", if cue_same { "same" } else { "other" })
                            } else {
                                k
                            }
                        })
                        .collect();
                    for k in keys {
                        if show.as_deref().is_some_and(|v| k == v) && shown < 40 {
                            shown += 1;
                            println!("[{k}]\n  G {:?}\n  P {:?}", s(g.content), s(p.content));
                        }
                        *cnt.entry(k).or_default() += 1;
                    }
                }
            }
            "bound" => {
                for p in &pred {
                    let Some(g) = gold.iter().find(|g| {
                        ov(g.content, p.content)
                            && g.cue.is_some_and(|c| p.cue.is_some_and(|pc| ov(c, pc)))
                    }) else {
                        continue;
                    };
                    let d = |a: usize, b: usize| {
                        let t = s((a.min(b), a.max(b)));
                        if t.chars().count() > 25 {
                            "<long>".to_string()
                        } else {
                            t
                        }
                    };
                    let ks = if g.content.0 == p.content.0 {
                        "=".to_string()
                    } else if g.content.0 < p.content.0 {
                        format!("gold+[{}]", d(g.content.0, p.content.0))
                    } else {
                        format!("pred+[{}]", d(g.content.0, p.content.0))
                    };
                    let ke = if g.content.1 == p.content.1 {
                        "=".to_string()
                    } else if g.content.1 > p.content.1 {
                        format!("gold+[{}]", d(g.content.1, p.content.1))
                    } else {
                        format!("pred+[{}]", d(g.content.1, p.content.1))
                    };
                    if show
                        .as_deref()
                        .is_some_and(|v| ke.starts_with(v) || ks.starts_with(v))
                        && shown < 40
                    {
                        shown += 1;
                        println!(
                            "S {ks} E {ke}\n  G {:?}\n  P {:?}",
                            s(g.content),
                            s(p.content)
                        );
                    }
                    *cnt.entry(format!("START {ks}")).or_default() += 1;
                    *cnt.entry(format!("END {ke}")).or_default() += 1;
                }
            }
            "nest" => {
                // Gold structure: how PolNeAR annotates an attribution inside another's content.
                let inside = |a: Sp, b: Sp| b.0 <= a.0 && a.1 <= b.1;
                for (i, g) in gold.iter().enumerate() {
                    let Some(gc) = g.cue else { continue };
                    // g nested in an outer gold whose content holds g's cue
                    let outer = gold
                        .iter()
                        .enumerate()
                        .find(|(j, o)| *j != i && inside(gc, o.content));
                    if let Some((_, o)) = outer {
                        let whole = inside(g.content, o.content)
                            && g.source.is_none_or(|s| inside(s, o.content));
                        let same_end = g.content.1 == o.content.1
                            || s((g.content.1, o.content.1)).trim().len() <= 2;
                        *cnt.entry(format!(
                            "G nested-in-gold whole={whole} same_end={same_end}"
                        ))
                        .or_default() += 1;
                    }
                    // matching of this gold by our predictions
                    let exact = pred.iter().any(|p| p.content == g.content);
                    let same_cue = pred
                        .iter()
                        .find(|p| p.cue.is_some_and(|pc| ov(pc, gc)) && ov(p.content, g.content));
                    let key = if exact {
                        "M exact".to_string()
                    } else if let Some(p) = same_cue {
                        let _ = p;
                        "M same-cue-boundary".to_string()
                    } else if let Some(p) = pred.iter().find(|p| ov(p.content, g.content)) {
                        // which contains which?
                        let p_in_g = p.cue.is_some_and(|pc| inside(pc, g.content));
                        let g_in_p = inside(gc, p.content);
                        let k = if g_in_p {
                            // we predicted the outer attribution, g is nested in it
                            let outer_gold = gold.iter().any(|o| {
                                o.cue.is_some_and(|oc| p.cue.is_some_and(|pc| ov(oc, pc)))
                            });
                            if outer_gold {
                                "M pred-outer(gold-has-outer-too,inner-missed)"
                            } else {
                                "M pred-outer(gold-only-inner)"
                            }
                        } else if p_in_g {
                            let inner_gold = gold.iter().any(|o| {
                                o.cue.is_some_and(|oc| p.cue.is_some_and(|pc| ov(oc, pc)))
                            });
                            if inner_gold {
                                "M pred-inner(gold-has-inner-too,outer-missed)"
                            } else {
                                "M pred-inner(gold-only-outer)"
                            }
                        } else {
                            "M other-overlap"
                        };
                        if show.as_deref() == Some(k) && shown < 60 {
                            shown += 1;
                            let go = gold.iter().find(|o| {
                                o.cue.is_some_and(|oc| p.cue.is_some_and(|pc| ov(oc, pc)))
                            });
                            println!(
                                "[{k}]\n  G src {:?} cue {:?} {:?}\n  P src {:?} cue {:?} {:?}\n  GO {:?}",
                                g.source.map(s),
                                s(gc),
                                s(g.content),
                                p.source.map(s),
                                p.cue.map(s),
                                s(p.content),
                                go.map(|o| s(o.content))
                            );
                        }
                        k.to_string()
                    } else {
                        "M missed".to_string()
                    };
                    *cnt.entry(key).or_default() += 1;
                }
                // predictions whose cue lies inside another prediction's content, vs gold
                for (i, p) in pred.iter().enumerate() {
                    let Some(pc) = p.cue else { continue };
                    if pred
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != i && inside(pc, o.content))
                    {
                        let hit = gold.iter().any(|g| g.cue.is_some_and(|gc| ov(gc, pc)));
                        *cnt.entry(format!("P nested-in-pred gold-cue={hit}"))
                            .or_default() += 1;
                    }
                }
            }
            "cuetext" => {
                // Gold cue phrases no predicted cue overlaps, by folded text.
                for g in &gold {
                    let Some(gc) = g.cue else { continue };
                    if pred.iter().any(|p| p.cue.is_some_and(|pc| ov(pc, gc))) {
                        continue;
                    }
                    let k = sitrep_text::fold(&s(gc));
                    if show.as_deref() == Some(k.as_str()) && shown < 60 {
                        shown += 1;
                        let sent_lo = text[..text.char_indices().nth(gc.0).map_or(0, |x| x.0)]
                            .rfind(['.', '\n'])
                            .unwrap_or(0);
                        let _ = sent_lo;
                        println!(
                            "[{art}] src {:?} / {:?}\n   ctx {:?}",
                            g.source.map(s),
                            s(g.content).chars().take(150).collect::<String>(),
                            s((g.content.0.min(gc.0).saturating_sub(60), gc.1 + 80))
                        );
                    }
                    *cnt.entry(k).or_default() += 1;
                }
            }
            "preds" => {
                for p in &pred {
                    let ex = gold.iter().any(|g| g.content == p.content);
                    let cu = gold
                        .iter()
                        .any(|g| g.cue.is_some_and(|gc| p.cue.is_some_and(|pc| ov(gc, pc))));
                    println!(
                        "{art}\t{}\tex={ex}\tcue={cu}\t{:?}\t{:?}\t{:?}",
                        p.content.0,
                        p.source.map(s),
                        p.cue.map(s),
                        s(p.content)
                    );
                }
            }
            "misscue" => {
                let lex: std::collections::HashSet<&str> = include_str!("../data/cues.tsv")
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| l.split_once('\t'))
                    .flat_map(|(_, f)| f.split_whitespace())
                    .collect();
                for g in &gold {
                    if pred.iter().any(|p| ov(p.content, g.content)) {
                        continue;
                    }
                    let cue = g.cue.map(s).unwrap_or_default().to_lowercase();
                    let known = cue
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| lex.contains(w) || w == "according");
                    let quoted = s(g.content).starts_with(['“', '"']);
                    let key = format!(
                        "{} {} {}",
                        if known { "known" } else { "unknown" },
                        if quoted { "quote" } else { "plain" },
                        if g.source.is_some() { "src" } else { "nosrc" }
                    );
                    if show.as_deref() == Some(key.as_str()) && shown < 60 {
                        shown += 1;
                        println!(
                            "[{art}] src {:?} cue {:?}\n    {:?}",
                            g.source.map(s),
                            cue,
                            s(g.content).chars().take(200).collect::<String>()
                        );
                    }
                    *cnt.entry(key).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    if mode == "words" {
        let lex: std::collections::HashSet<&str> = include_str!("../data/cues.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .flat_map(|(_, f)| f.split_whitespace())
            .collect();
        let mut v: Vec<_> = wstat
            .into_iter()
            .filter(|(w, c)| c.0 >= 3 && !lex.contains(w.as_str()))
            .collect();
        v.sort_by_key(|(_, c)| std::cmp::Reverse(c.0 - c.2));
        for (w, (g, t, p)) in v.iter().take(5000) {
            println!(
                "{w}\tgoldcue {g}\ttotal {t}\tpredcue {p}\tratio {:.2}",
                *g as f64 / *t as f64
            );
        }
        return;
    }
    println!("TOTAL {}", cnt.values().sum::<usize>());
    let mut v: Vec<_> = cnt.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    for (k, c) in v {
        println!("{c}\t{k}");
    }
}

/// Category of the text a content start differs by.
fn start_cat(d: &str) -> String {
    let t = d.trim_start();
    let l = t.to_lowercase();
    let first = l.split_whitespace().next().unwrap_or("");
    let n = l.split_whitespace().count();
    if t.is_empty() {
        return "space".into();
    }
    if t.trim().chars().all(|c| !c.is_alphanumeric()) {
        return format!("punct[{}]", t.trim());
    }
    if n == 1 {
        return format!("word[{first}]");
    }
    if n <= 3 {
        return format!("short[{l}]");
    }
    if l.contains(" said") || l.contains(" says") || l.contains(" told") {
        return "long-with-said".into();
    }
    if d.contains(". ") {
        return "long-sentence".into();
    }
    "long-other".into()
}

/// Category of the text a content end differs by.
fn end_cat(d: &str) -> String {
    let t = d.trim();
    let l = t.to_lowercase();
    if t.is_empty() {
        return "space".into();
    }
    if t.chars().all(|c| !c.is_alphanumeric()) {
        return format!("punct[{t}]");
    }
    let body = l.trim_start_matches([',', ' ', '”', '"', '’']);
    let first = body.split_whitespace().next().unwrap_or("");
    let n = body.split_whitespace().count();
    if l.starts_with(';') {
        return "semicolon".into();
    }
    if l.starts_with(['—', '–', '-']) {
        return "dash".into();
    }
    if l.starts_with('(') {
        return "paren".into();
    }
    if body.starts_with("according to") {
        return "according-to".into();
    }
    if let Some(rest) = l.strip_prefix(':') {
        let quote = rest.trim_start().starts_with(['“', '"', '<']);
        return format!("colon{}", if quote { "-quote" } else { "" });
    }
    if l.starts_with(['.', '?', '!']) || d.contains(". ") || d.contains('\n') {
        if std::env::var("SUB2").is_ok() {
            let q = l.contains(['“', '"']);
            let said = [
                " said",
                " says",
                " told",
                " added",
                " continued",
                " explained",
                " wrote",
            ]
            .iter()
            .any(|c| l.contains(c));
            return format!("second-sentence q={q} said={said} n={}", (n / 20).min(5));
        }
        return "second-sentence".into();
    }
    let cue = [
        " said", " says", " told", " added", " wrote", " argued", " noted",
    ];
    if n <= 6 && cue.iter().any(|c| format!(" {body}").contains(c)) {
        return "reporting-clause".into();
    }
    let comma = l.starts_with(',') || l.starts_with("”,") || l.starts_with("\",");
    let kind = match first {
        "which" | "who" | "whom" | "whose" | "where" => "relative",
        "and" | "or" | "but" | "nor" => "coord",
        "in" | "on" | "at" | "during" | "after" | "before" | "since" | "last" | "this" | "next"
        | "by" | "until" | "when" | "while" | "as" | "with" | "for" | "from" | "to" | "over"
        | "amid" => "prep-adjunct",
        "because" | "if" | "although" | "though" | "unless" | "so" => "subordinate",
        w if w.ends_with("ing") => "participle",
        _ => "other",
    };
    if std::env::var("FIRSTWORD").is_ok() {
        let fw = if matches!(first, "a" | "an" | "the") {
            "DET"
        } else {
            first
        };
        return format!("{}{} {}", if comma { "comma-" } else { "" }, kind, fw);
    }
    format!(
        "{}{} n{}",
        if comma { "comma-" } else { "" },
        kind,
        n.min(6)
    )
}
