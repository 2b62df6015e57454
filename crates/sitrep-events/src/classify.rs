//! Snippet classification: the ACLED sub-event type of a short text's main event.

use crate::lexicon::{lexicons, Cue, Folded, Lexicons, Match};
use crate::types;
use sitrep_text::TextLayer;

/// Codes that a protest absorbs: arrests, clashes, killings and damage around a demonstration
/// are how the demonstration went, not separate main events.
const PROTEST_ABSORBS: &[&str] = &[
    "ARREST",
    "ARMED_CLASH",
    "ATTACK",
    "PROPERTY_DISTRUCT",
    "VIOL_DEMONSTR",
];

/// Scores of one snippet.
#[derive(Default)]
struct Scores {
    /// (code, score, first trigger position)
    primary: Vec<(&'static str, f32, usize)>,
    /// Killings and weak triggers: only decide when nothing primary is there.
    secondary: Vec<(&'static str, f32, usize)>,
}

fn bump(v: &mut Vec<(&'static str, f32, usize)>, code: &'static str, w: f32, pos: usize) {
    if let Some(e) = v.iter_mut().find(|e| e.0 == code) {
        e.1 += w;
        e.2 = e.2.min(pos);
    } else {
        v.push((code, w, pos));
    }
}

fn any(lex: &Lexicons, cue: Cue, refs: &[&str], w: &[bool], from: usize, to: usize) -> bool {
    lex.cue(cue).any_in(refs, w, from, to.min(refs.len()))
}

/// Last token index of a `cue` match ending at or before `to`.
fn last_cue(lex: &Lexicons, cue: Cue, refs: &[&str], w: &[bool], to: usize) -> Option<usize> {
    let mut buf: Vec<Match> = Vec::new();
    for i in 0..to {
        lex.cue(cue).matches_at(refs, w, i, &mut buf);
    }
    buf.iter().filter(|m| m.end <= to).map(|m| m.end).max()
}

/// The ACLED sub-event type (e.g. `Air/drone strike`) of the main event of a short text, or
/// `None` when it reports no ACLED event.
pub fn classify(text: &str) -> Option<&'static str> {
    classify_code(text).and_then(|c| types::by_code(c).map(|t| t.sub_event_type))
}

/// As [`classify`], returning the CASE 2021 code (e.g. `AIR_STRIKE`).
pub fn classify_code(text: &str) -> Option<&'static str> {
    let lex = lexicons();
    let layer = TextLayer::new(text);
    let mut sc = Scores::default();
    let mut protest_seen = false;
    let (mut violent, mut lethal, mut intervene) = (false, false, false);
    let mut pos = 0usize;
    let mut crime = false;
    for s in &layer.sentences {
        let Some(tokens) = layer.tokens.get(s.tokens.clone()) else {
            continue;
        };
        let folded = Folded::new(text, tokens);
        let refs = folded.refs();
        let w = &folded.is_word;
        let n = refs.len();
        violent |= any(lex, Cue::Violent, &refs, w, 0, n);
        lethal |= any(lex, Cue::Lethal, &refs, w, 0, n);
        intervene |= any(lex, Cue::Intervene, &refs, w, 0, n);
        crime |= any(lex, Cue::Crime, &refs, w, 0, n);
        let civilian = any(lex, Cue::Civilian, &refs, w, 0, n);
        let combatant = any(lex, Cue::Combatant, &refs, w, 0, n);
        let mut ms = lex.triggers.find_all(&refs, w);
        ms.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut last_end = 0;
        for m in ms {
            if m.start < last_end {
                continue;
            }
            last_end = m.end;
            if crate::lexicon::inside_name(text, tokens, m.start) {
                continue;
            }
            let t = lex.triggers.payload(m.id);
            let p = pos + m.start;
            // Negated or hypothetical triggers count for little.
            let lo = m.start.saturating_sub(3);
            let hedged = any(lex, Cue::Irrealis, &refs, w, lo, m.start)
                || refs[lo..m.start]
                    .iter()
                    .any(|t| matches!(*t, "not" | "never") || t.ends_with("n't"));
            let weight = if hedged { t.weight * 0.3 } else { t.weight };
            let code: &'static str = match t.code {
                "TERR_GOV" | "TERR_NSA" => {
                    let gov = last_cue(lex, Cue::Gov, &refs, w, m.start);
                    let nsa = last_cue(lex, Cue::Nsa, &refs, w, m.start);
                    let gov_agent = match (gov, nsa) {
                        (Some(g), Some(x)) => g > x,
                        (Some(_), None) => true,
                        (None, Some(_)) => false,
                        (None, None) => t.code == "TERR_GOV",
                    };
                    // "captured two soldiers": people, not territory.
                    let window = m.end..(m.end + 4).min(n);
                    let people = refs[window.clone()]
                        .iter()
                        .zip(&tokens[window.clone()])
                        .any(|(_, tk)| matches!(tk.kind, sitrep_text::TokenKind::Number))
                        || any(lex, Cue::Civilian, &refs, w, window.start, window.end)
                        || any(lex, Cue::Combatant, &refs, w, window.start, window.end);
                    let place = any(lex, Cue::Territory, &refs, w, window.start, window.end)
                        || tokens[window.clone()]
                            .iter()
                            .any(|tk| tk.text(text).chars().next().is_some_and(char::is_uppercase));
                    let person_verb =
                        refs[m.start].starts_with("captur") || refs[m.start].starts_with("seiz");
                    if t.frame == crate::lexicon::Frame::LossTo && !refs[m.end..].contains(&"to") {
                        continue;
                    }
                    let passive = m.start > 0
                        && matches!(refs[m.start - 1], "was" | "were" | "been" | "being" | "be");
                    if !place && !(person_verb && (people || passive)) {
                        // Seized drugs, money, documents: no change of territory.
                        continue;
                    }
                    if !place {
                        if gov_agent || nsa.is_none() {
                            "ARREST"
                        } else {
                            "ABDUCT_DISSAP"
                        }
                    } else if gov_agent {
                        "GOV_REGAINS_TERIT"
                    } else {
                        "NON_STATE_ACTOR_OVERTAKES_TER"
                    }
                }
                "PROTEST" => {
                    protest_seen = true;
                    "PROTEST"
                }
                "KILL" => {
                    let code = if combatant && !civilian {
                        "ARMED_CLASH"
                    } else {
                        "ATTACK"
                    };
                    bump(&mut sc.secondary, code, weight, p);
                    continue;
                }
                c => c,
            };
            if weight < 2.0 {
                bump(&mut sc.secondary, code, weight, p);
            } else {
                bump(&mut sc.primary, code, weight, p);
            }
        }
        pos += n;
    }
    if protest_seen {
        let pcode = if violent {
            "VIOL_DEMONSTR"
        } else if lethal {
            "FORCE_AGAINST_PROTEST"
        } else if intervene {
            "PROTEST_WITH_INTER"
        } else {
            "PEACE_PROTEST"
        };
        let mut total = 0.0;
        let mut first = usize::MAX;
        for list in [&mut sc.primary, &mut sc.secondary] {
            list.retain(|&(c, s, p)| {
                if c == "PROTEST" || PROTEST_ABSORBS.contains(&c) {
                    total += s;
                    first = first.min(p);
                    false
                } else {
                    true
                }
            });
        }
        bump(&mut sc.primary, pcode, total, first);
    }
    let pick = |v: &[(&'static str, f32, usize)]| {
        let first = v.iter().map(|e| e.2).min()?;
        v.iter()
            .map(|&(c, s, p)| (c, s + if p == first { 0.5 } else { 0.0 }, p))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|e| e.0)
    };
    let best = pick(&sc.primary).or_else(|| {
        pick(&sc.secondary).filter(|_| sc.secondary.iter().map(|e| e.1).sum::<f32>() >= 1.5)
    });
    if crime && matches!(best, Some("ARREST" | "PROPERTY_DISTRUCT" | "DISR_WEAP")) {
        return None;
    }
    best
}
