//! Development aid: prints missed and spurious PolNeAR attributions of a dev split (train/dev).
use sitrep_actors::eval::{articles, parse_ann, predict, Article};
use std::collections::HashMap;
fn main() {
    let split = std::env::args().nth(1).unwrap_or_else(|| "train".into());
    let mode = std::env::args().nth(2).unwrap_or_else(|| "miss".into());
    assert!(split != "test", "never debug on test");
    let shared = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    let articles = articles(&shared, &split).expect("PolNeAR split");
    let mut cnt: HashMap<String, usize> = HashMap::new();
    let mut shown = 0;
    for Article {
        name: art,
        text,
        ann,
    } in articles
    {
        let chars: Vec<char> = text.chars().collect();
        let s = |r: (usize, usize)| {
            chars[r.0.min(chars.len())..r.1.min(chars.len())]
                .iter()
                .collect::<String>()
                .replace('\n', " ")
        };
        let gold = parse_ann(&ann);
        let pred = predict(&text);
        let ov = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        match mode.as_str() {
            "miss" => {
                for g in &gold {
                    if !pred.iter().any(|p| ov(p.content, g.content)) {
                        let c = g.cue.map(|c| s(c).to_lowercase()).unwrap_or_default();
                        *cnt.entry(c.clone()).or_default() += 1;
                        if shown
                            < std::env::var("LIMIT")
                                .ok()
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(60)
                            && std::env::var("SHOW").is_ok_and(|v| {
                                c.contains(&v)
                                    || v == "QUOTE" && s(g.content).starts_with(['“', '"'])
                            })
                        {
                            shown += 1;
                            println!(
                                "MISS [{}] cue [{}] src [{}]\n    {}",
                                art,
                                c,
                                g.source.map(s).unwrap_or_default(),
                                s(g.content)
                            );
                        }
                    }
                }
            }
            "fp" => {
                for p in &pred {
                    if !gold.iter().any(|g| ov(p.content, g.content)) {
                        let c = p.cue.map(|c| s(c).to_lowercase()).unwrap_or_default();
                        *cnt.entry(c.clone()).or_default() += 1;
                        if shown < 60 && std::env::var("SHOW").is_ok_and(|v| c.contains(&v)) {
                            shown += 1;
                            println!(
                                "FP cue [{}] src [{}]\n    {}",
                                c,
                                p.source.map(s).unwrap_or_default(),
                                s(p.content)
                            );
                        }
                    }
                }
            }
            "sbound" => {
                for p in &pred {
                    let Some(ps) = p.source else { continue };
                    let Some(g) = gold.iter().find(|g| {
                        g.cue.is_some() && p.cue.is_some_and(|c| ov(c, g.cue.unwrap_or_default()))
                    }) else {
                        continue;
                    };
                    if shown >= 70 {
                        continue;
                    }
                    match g.source {
                        Some(gs) if gs != ps => {
                            shown += 1;
                            println!("GOLD {:?}  PRED {:?}", s(gs), s(ps));
                        }
                        None => {
                            shown += 1;
                            println!(
                                "GOLD none  PRED {:?} [{}]",
                                s(ps),
                                s(g.cue.unwrap_or_default())
                            );
                        }
                        _ => {}
                    }
                }
            }
            "multi" => {
                for p in &pred {
                    let gs: Vec<_> = gold.iter().filter(|g| ov(p.content, g.content)).collect();
                    *cnt.entry(format!("{}", gs.len().min(5))).or_default() += 1;
                    if gs.len() > 1 && shown < 25 {
                        shown += 1;
                        println!(
                            "PRED [{}] {:?}",
                            p.cue.map(s).unwrap_or_default(),
                            s(p.content)
                        );
                        for g in gs {
                            println!(
                                "   GOLD [{}] [{}] {:?}",
                                g.source.map(s).unwrap_or_default(),
                                g.cue.map(s).unwrap_or_default(),
                                s(g.content)
                            );
                        }
                    }
                }
            }
            _ => {
                for p in &pred {
                    // content boundary mismatches
                    if let Some(g) = gold.iter().find(|g| ov(p.content, g.content)) {
                        if g.content != p.content {
                            let k = format!(
                                "start{} end{}",
                                if g.content.0 == p.content.0 {
                                    "="
                                } else if g.content.0 < p.content.0 {
                                    "<"
                                } else {
                                    ">"
                                },
                                if g.content.1 == p.content.1 {
                                    "="
                                } else if g.content.1 < p.content.1 {
                                    "<"
                                } else {
                                    ">"
                                }
                            );
                            *cnt.entry(k.clone()).or_default() += 1;
                            if std::env::var("SHOW").is_ok_and(|v| v == k) && shown < 40 {
                                shown += 1;
                                println!("GOLD {:?}\nPRED {:?}\n", s(g.content), s(p.content));
                            }
                        }
                        if false {
                            shown += 1;
                            println!("GOLD {:?}\nPRED {:?}\n", s(g.content), s(p.content));
                        }
                    }
                }
            }
        }
    }
    println!("TOTAL {}", cnt.values().sum::<usize>());
    let mut v: Vec<_> = cnt.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    println!("{:?}", &v[..v.len().min(400)]);
}
