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

fn any(lex: &Hits, cue: Cue, refs: &[&str], w: &[bool], from: usize, to: usize) -> bool {
    lex.cue(cue).any_in(refs, w, from, to.min(refs.len()))
}

/// The cue matches of one sentence, found in one pass over its tokens (the per-kind queries
/// below then scan short lists instead of re-matching every token for every kind).
struct Hits {
    /// Per cue kind (indexed by `Cue as usize`): `(start, end)` token ranges.
    per: Vec<Vec<(usize, usize)>>,
}

impl Hits {
    fn new(lex: &Lexicons, refs: &[&str], w: &[bool]) -> Hits {
        let mut per = vec![Vec::new(); crate::lexicon::CUE_NAMES.len()];
        for m in lex.all_cues.find_all(refs, w) {
            let k = *lex.all_cues.payload(m.id) as usize;
            if let Some(v) = per.get_mut(k) {
                v.push((m.start, m.end));
            }
        }
        Hits { per }
    }

    fn cue(&self, c: Cue) -> CueHits<'_> {
        CueHits(self.per.get(c as usize).map_or(&[], Vec::as_slice))
    }
}

/// The matches of one cue kind in a sentence (same queries as `PhraseSet`).
struct CueHits<'a>(&'a [(usize, usize)]);

impl CueHits<'_> {
    fn matches_at(&self, _refs: &[&str], _w: &[bool], i: usize, out: &mut Vec<Match>) {
        out.extend(
            self.0
                .iter()
                .filter(|h| h.0 == i)
                .map(|&(start, end)| Match { start, end, id: 0 }),
        );
    }

    fn any_in(&self, _refs: &[&str], _w: &[bool], from: usize, to: usize) -> bool {
        self.0.iter().any(|&(s, e)| s >= from && s < to && e <= to)
    }
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
    let (mut intervene_weak, mut gov_any, mut nsa_any, mut disaster) = (false, false, false, false);
    // Highest single trigger weight per code (a disaster snippet keeps only explicit weapons).
    let mut strongest: Vec<(&'static str, f32)> = Vec::new();
    let mut disr_weap = false;
    let (mut violent_cue, mut peaceful_any) = (false, false);
    let mut lethal_protest = false;
    let mut curfew = false;
    let mut nsa_named = false;
    let mut org_crime = false;
    let mut political_arrest = false;
    let (mut combatant_any, mut mob_any, mut org_any) = (false, false, false);
    for s in &layer.sentences {
        let Some(tokens) = layer.tokens.get(s.tokens.clone()) else {
            continue;
        };
        let folded = Folded::new(text, tokens);
        let refs = folded.refs();
        curfew |= refs.iter().any(|t| t.starts_with("curfew"));
        let w = &folded.is_word;
        let n = refs.len();
        let h = Hits::new(lex, &refs, w);
        let peaceful = any(&h, Cue::Peaceful, &refs, w, 0, n);
        peaceful_any |= peaceful;
        violent_cue |= any(&h, Cue::Violent, &refs, w, 0, n);
        // A court case, a match, a commemoration, an exercise, a study: no event of its own.
        let nonevent = any(&h, Cue::NonEvent, &refs, w, 0, n);
        // "The president condemned the attack": what follows is what is talked about.
        let stmt_at = first_cue(&h, Cue::Statement, &refs, w);
        lethal |= any(&h, Cue::Lethal, &refs, w, 0, n);
        // "Fired live bullets into the air": a warning, unless someone died.
        let warning = any(&h, Cue::AirShots, &refs, w, 0, n);
        let harmed = refs.iter().any(|t| {
            matches!(
                *t,
                "killed" | "killing" | "died" | "dead" | "wounded" | "injured" | "wounding"
            )
        });
        lethal_protest |= (any(&h, Cue::LethalAimed, &refs, w, 0, n) || lethal_act(&h, &refs, w))
            && (!warning || harmed);
        let diplomatic = any(&h, Cue::Diplomatic, &refs, w, 0, n);
        let aftermath = any(&h, Cue::Aftermath, &refs, w, 0, n);
        intervene |= intervention(&h, Cue::Intervene, &refs, w);
        intervene_weak |= intervention(&h, Cue::IntervenWeak, &refs, w);
        gov_any |= any(&h, Cue::Gov, &refs, w, 0, n);
        nsa_any |= any(&h, Cue::Nsa, &refs, w, 0, n);
        nsa_named |= h.cue(Cue::Nsa).0.iter().any(|&(a, b)| {
            !refs[a..b]
                .iter()
                .all(|t| matches!(*t, "gunmen" | "gunman" | "armed" | "men"))
        });
        disaster |= any(&h, Cue::Disaster, &refs, w, 0, n);
        crime |= any(&h, Cue::Crime, &refs, w, 0, n);
        org_crime |= any(&h, Cue::OrgCrime, &refs, w, 0, n);
        // Triggers after "claimed responsibility for" / "blamed X for" are what is claimed.
        // A sentence about who was responsible ("blamed the rebels for the bombing", "the
        // explosion was the work of insurgents") is an attribution, not the event.
        // The claim covers its own clause ("no group has claimed the attack, but ..."; "said
        // its fighters carried out an assault ..., and the two sides fought ..."): a coordinate
        // clause beside it still reports events.
        let claim_span =
            first_cue(&h, Cue::Responsibility, &refs, w).map(|c| coordinate_clause(&refs, w, c));
        let civilian = any(&h, Cue::Civilian, &refs, w, 0, n);
        let combatant = any(&h, Cue::Combatant, &refs, w, 0, n);
        combatant_any |= combatant;
        mob_any |= any(&h, Cue::MobActor, &refs, w, 0, n);
        org_any |= refs.iter().any(|t| {
            matches!(
                *t,
                "government"
                    | "authorities"
                    | "junta"
                    | "regime"
                    | "faction"
                    | "factions"
                    | "movement"
                    | "group"
                    | "groups"
                    | "coalition"
                    | "alliance"
            )
        });
        // Both a state and a non-state armed actor named: the unknown victims are fighters.
        let nsa_here = any(&h, Cue::Nsa, &refs, w, 0, n);
        let two_sides = any(&h, Cue::Gov, &refs, w, 0, n) && nsa_here;
        let mut ms = lex.triggers.find_all(&refs, w);
        ms.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let protest_in_sentence = ms.iter().any(|m| {
            let t = lex.triggers.payload(m.id);
            t.weight > 0.0 && matches!(t.code, "PROTEST" | "VIOL_DEMONSTR")
        });
        let mut last_end = 0;
        let mut first_trigger: Option<usize> = None;
        for m in ms {
            if m.start < last_end {
                continue;
            }
            last_end = m.end;
            let t = lex.triggers.payload(m.id);
            // A name does not run on into a lowercase verb: "the Israeli Air Force struck" is
            // a trigger, "Operation Olive Branch" is not.
            let in_name = crate::lexicon::inside_name(text, tokens, m.start)
                && (m.end - m.start == 1 || crate::lexicon::inside_name(text, tokens, m.end - 1));
            // "Under a deal reached on Monday, the two sides will ...": a sentence that opens
            // on a new deal announces it ("under the deal" only frames another event).
            let t_weight = if t.weight <= 0.0
                && m.start == 0
                && t.code == "AGREEMENT"
                && matches!(refs.get(1), Some(&("a" | "an")))
            {
                3.0
            } else {
                t.weight
            };
            if t_weight <= 0.0 || in_name {
                continue;
            }
            if diplomatic && t.code == "PROTEST" {
                continue;
            }
            // Two states restoring relations or signing a trade memorandum: diplomacy, not an
            // agreement between conflict actors.
            if diplomatic && t.code == "AGREEMENT" && !nsa_here {
                continue;
            }
            // A trigger in an "after ..." / "following ..." clause that follows the sentence's
            // first event is background to it.
            let background = first_trigger.is_some_and(|f| {
                refs[f..m.start].iter().any(|t| {
                    matches!(
                        *t,
                        "after" | "following" | "before" | "since" | "amid" | "despite"
                    )
                })
            });
            first_trigger.get_or_insert(m.start);
            let p = pos + m.start;
            // Negated or hypothetical triggers count for little.
            let lo = m.start.saturating_sub(3);
            // An announced change of a group's activity is the event ("said it would form a
            // party"): only negation hedges it.
            let irrealis = !(t.code == "CHANGE_TO_GROUP_ACT" && nsa_here)
                && (any(&h, Cue::Irrealis, &refs, w, lo, m.start)
                    // "threatened to organise mass protests": a demonstration only planned.
                    || (t.code == "PROTEST"
                        && any(&h, Cue::Irrealis, &refs, w, m.start.saturating_sub(5), m.start)));
            let hedged = irrealis
                || refs[lo..m.start]
                    .iter()
                    .any(|t| matches!(*t, "not" | "never") || t.ends_with("n't"));
            let claimed = claim_span.as_ref().is_some_and(|r| r.contains(&m.start))
                || stmt_at.is_some_and(|c| c < m.start);
            // What a demonstration is about ("marched against the coup") is not its event.
            let topic = protest_in_sentence
                && !matches!(t.code, "PROTEST" | "VIOL_DEMONSTR")
                && any(&h, Cue::Topic, &refs, w, lo, m.start);
            // A court case or match reports no event, but a demonstration at one is one.
            // ("the killing of protesters" in a court report is no demonstration).
            let nonevent = nonevent
                && (!matches!(t.code, "PROTEST" | "VIOL_DEMONSTR")
                    || (m.start > 0
                        && matches!(
                            refs[m.start - 1],
                            "of" | "killing" | "killed" | "shooting" | "beating" | "attacking"
                        )));
            let talked = hedged || claimed || nonevent || topic;
            let weight = if talked {
                t_weight * 0.15
            } else if background {
                t_weight * 0.5
            } else {
                t_weight
            };
            let code: &'static str = match t.code {
                "TERR_GOV" | "TERR_NSA" => match territory(&h, text, tokens, &refs, w, m, t) {
                    Some(c) => c,
                    // "seized a truck carrying rocket launchers": weapons taken.
                    None if cue_in(&h, Cue::Weapon, &refs, w, m.end..(m.end + 7).min(n)) => {
                        "DISR_WEAP"
                    }
                    None => continue,
                },
                // A demonstration only talked about ("urged an inquiry into the killing of
                // protesters") is none.
                "PROTEST" | "VIOL_DEMONSTR" if talked => continue,
                "PROTEST" => {
                    protest_seen = true;
                    "PROTEST"
                }
                // A riot is a demonstration that turned violent: it absorbs the damage done.
                "VIOL_DEMONSTR" => {
                    protest_seen = true;
                    violent = true;
                    "PROTEST"
                }
                "KILL" => {
                    // The victims: the object, or the subject of a passive ("had been shot").
                    let passive = m.start > 0
                        && matches!(
                            refs[m.start - 1],
                            "was" | "were" | "been" | "being" | "be" | "got"
                        );
                    // A crowd as the subject of a killing or beating (same clause, not the
                    // object of a preposition): mob violence.
                    let clause_start = (m.start.saturating_sub(8)..m.start)
                        .rev()
                        .find(|&i| !w[i])
                        .map_or(m.start.saturating_sub(8), |i| i + 1);
                    let mob = !passive
                        && mob_subject(&h, &refs, w, clause_start..m.start)
                        && !any(&h, Cue::Gov, &refs, w, clause_start, m.start)
                        && !any(&h, Cue::Nsa, &refs, w, clause_start, m.start);
                    let victims = if passive {
                        m.start.saturating_sub(6)..m.start
                    } else {
                        m.end..(m.end + 6).min(n)
                    };
                    let v_civ = cue_in(&h, Cue::Civilian, &refs, w, victims.clone());
                    let v_comb = cue_in(&h, Cue::Combatant, &refs, w, victims);
                    let code = if mob {
                        "MOB_VIOL"
                    } else if v_civ {
                        "ATTACK"
                    } else if (v_comb && !t.noun)
                        || (!civilian && (v_comb || (combatant && two_sides)))
                    {
                        // "opened fire on a military patrol": armed men against armed men,
                        // whoever else the snippet mentions.
                        "ARMED_CLASH"
                    } else {
                        "ATTACK"
                    };
                    // A crowd named as the killers is strong evidence of mob violence.
                    if code == "MOB_VIOL" && !talked && first_trigger == Some(m.start) {
                        bump(&mut sc.primary, code, weight.max(2.5), p);
                    } else {
                        bump(&mut sc.secondary, code, weight, p);
                    }
                    continue;
                }
                // "A detained activist", "the arrested men": an attribute, not the arrest.
                "ARREST"
                    if !t.classify_only
                        && m.start > 0
                        && (matches!(refs[m.start - 1], "a" | "an" | "the" | "of")
                            || (m.start > 1
                                && matches!(refs[m.start - 1], "been" | "was" | "were")
                                && matches!(refs[m.start - 2], "had" | "who" | "which")))
                        && matches!(refs[m.start], "detained" | "arrested") =>
                {
                    continue
                }
                // An ambush on aid workers, a bus, villagers (no state forces among the
                // victims) is an attack on civilians, not a battle.
                "ARMED_CLASH" if refs[m.start].starts_with("ambush") => {
                    let victims = if t.noun || (m.start > 0 && refs[m.start - 1] == "an") {
                        m.start.saturating_sub(7)..m.start
                    } else {
                        m.end..(m.end + 6).min(n)
                    };
                    let after = m.end..(m.end + 6).min(n);
                    // "Two nuns were killed when gunmen ambushed their bus": civilians named,
                    // no state forces, no armed men ambushed.
                    let civ_only = civilian
                        && !any(&h, Cue::Gov, &refs, w, 0, n)
                        && !cue_in(&h, Cue::Combatant, &refs, w, after);
                    if civ_only
                        || (cue_in(&h, Cue::Civilian, &refs, w, victims.clone())
                            && !cue_in(&h, Cue::Gov, &refs, w, victims))
                    {
                        "ATTACK"
                    } else {
                        "ARMED_CLASH"
                    }
                }
                c => c,
            };
            // "two rockets were fired, one of which was intercepted": the attack took place.
            // "Arms were recovered from the site" of a clash: its aftermath.
            let weight = if code == "DISR_WEAP"
                && (refs[m.start.saturating_sub(5)..m.start]
                    .windows(2)
                    .any(|p| p == ["of", "which"])
                    || aftermath)
            {
                weight * 0.3
            } else {
                weight
            };
            // The arrest of a journalist, an activist, an opposition figure.
            if code == "ARREST"
                && weight >= 2.0
                && cue_in(&h, Cue::Dissident, &refs, w, m.end..(m.end + 5).min(n))
            {
                political_arrest = true;
            }
            if code == "DISR_WEAP" && weight >= 2.0 {
                disr_weap = true;
            }
            match strongest.iter_mut().find(|e| e.0 == code) {
                Some(e) => e.1 = e.1.max(weight),
                None => strongest.push((code, weight)),
            }
            if weight < 2.0 {
                bump(&mut sc.secondary, code, weight, p);
            } else {
                bump(&mut sc.primary, code, weight, p);
            }
        }
        pos += n;
    }
    intervene |= intervene_weak && gov_any;
    // Attacked, clashed, burned in a demonstration said to be peaceful were done to it.
    violent |= violent_cue && !peaceful_any;
    // A grenade or a bomb at a rally, with no police intervention: the explosion is the event
    // (Explosions/Remote violence precede Protests in the codebook).
    if protest_seen && !intervene {
        if let Some(b) = strongest
            .iter()
            .filter(|e| WEAPON_CODES.contains(&e.0) && e.1 >= 4.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
        {
            return Some(b.0);
        }
    }
    // Weapons named in a snippet about defusing, intercepting or seizing them are the object
    // of the disruption, unless someone was killed or hurt.
    if disr_weap && !lethal {
        absorb(&mut sc, "DISR_WEAP", WEAPON_CODES);
    }
    // A chemical agent named as the weapon decides the type, whatever delivered it (codebook:
    // Chemical weapon precedes the other Explosions/Remote violence types).
    if strongest.iter().any(|e| e.0 == "CHEM_WEAP" && e.1 >= 4.0) {
        return Some("CHEM_WEAP");
    }
    // Rape of detained protesters is sexual violence (codebook: it is coded whatever the
    // setting), not how the demonstration went.
    if protest_seen && strongest.iter().any(|e| e.0 == "SEX_VIOL" && e.1 >= 4.0) {
        return Some("SEX_VIOL");
    }
    if protest_seen {
        let pcode = if violent {
            "VIOL_DEMONSTR"
        } else if lethal_protest {
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
        if total >= 2.0 {
            bump(&mut sc.primary, pcode, total, first);
        } else if first != usize::MAX {
            bump(&mut sc.secondary, pcode, total, first);
        }
    }
    if !protest_seen && sc.primary.iter().any(|e| e.0 == "MOB_VIOL") {
        absorb(
            &mut sc,
            "MOB_VIOL",
            &["ATTACK", "ARMED_CLASH", "PROPERTY_DISTRUCT"],
        );
    }
    // Damage done in the course of a killing is part of the attack (codebook: property
    // destruction is coded only when no other violence occurs).
    let lethal_secondary = sc
        .secondary
        .iter()
        .filter(|e| matches!(e.0, "ATTACK" | "ARMED_CLASH" | "MOB_VIOL"))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .copied();
    if let Some(k) = lethal_secondary.filter(|k| k.1 >= 2.0) {
        if let Some(i) = sc.primary.iter().position(|e| e.0 == "PROPERTY_DISTRUCT") {
            let d = sc.primary.remove(i);
            bump(&mut sc.primary, k.0, k.1 + d.1 * 0.5, k.2.min(d.2));
        }
    }
    // A clash between crowds or party supporters with no armed organised group named is mob
    // violence (codebook: Battles need organised armed groups).
    if !protest_seen && !gov_any && !nsa_any && !combatant_any && mob_any {
        for list in [&mut sc.primary, &mut sc.secondary] {
            for e in list.iter_mut().filter(|e| e.0 == "ARMED_CLASH") {
                e.0 = "MOB_VIOL";
            }
        }
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
    // A change of group or activity needs an armed or state actor ("recruited new teachers").
    // (A curfew is imposed by the authorities even when the snippet does not name them.)
    if best == Some("CHANGE_TO_GROUP_ACT")
        && !gov_any
        && !nsa_any
        && !combatant_any
        && !org_any
        && !curfew
    {
        return None;
    }
    // (Weapons smuggled to rebels are a disrupted weapons use, not a crime story.)
    if crime
        && ((best == Some("ARREST") && !political_arrest)
            || best == Some("PROPERTY_DISTRUCT")
            || (best == Some("DISR_WEAP") && !nsa_any))
    {
        return None;
    }
    // Robbers, cartels, domestic killings: violence with no political armed actor is crime.
    // ("Gunmen" and "armed men" name no political group: cartel gunmen are criminals.)
    if crime
        && (!nsa_any || (org_crime && !nsa_named))
        && matches!(best, Some("ATTACK" | "ARMED_CLASH"))
    {
        return None;
    }
    // A cartel's or robbers' grenade, bomb or kidnapping is organised crime, unless a political
    // armed group is named.
    if org_crime
        && !nsa_named
        && best.is_some_and(|b| WEAPON_CODES.contains(&b) || b == "ABDUCT_DISSAP")
    {
        return None;
    }
    // An earthquake, a flood or an accident: deaths and damage without an armed actor or an
    // explicit weapon are not an ACLED event.
    // (A demonstration about a disaster is still a demonstration.)
    let protest_best = matches!(
        best,
        Some("PEACE_PROTEST" | "PROTEST_WITH_INTER" | "FORCE_AGAINST_PROTEST" | "VIOL_DEMONSTR")
    );
    if disaster && !nsa_any && !protest_best && best != Some("DISR_WEAP") {
        let explicit = best.is_some_and(|b| {
            strongest
                .iter()
                .any(|e| e.0 == b && e.1 >= 3.0 && WEAPON_CODES.contains(&b))
        });
        if !explicit {
            return None;
        }
    }
    best
}

/// The token range of the coordinate clause around token `at`: bounded by `;`, or by a comma
/// followed by a coordinating word (", and", ", but", ", while"), or by the sentence ends.
fn coordinate_clause(refs: &[&str], w: &[bool], at: usize) -> std::ops::Range<usize> {
    let boundary = |i: usize| {
        !w[i]
            && (refs[i] == ";"
                || (refs[i] == ","
                    && refs.get(i + 1).is_some_and(|n| {
                        matches!(
                            *n,
                            "and" | "but" | "while" | "whereas" | "although" | "though"
                        )
                    })))
    };
    let start = (0..at.min(refs.len()))
        .rev()
        .find(|&i| boundary(i))
        .map_or(0, |i| i + 1);
    let end = (at..refs.len())
        .find(|&i| boundary(i))
        .unwrap_or(refs.len());
    start..end
}

/// Whether a lethal cue is used as an act ("killing seven", "killed a student"), not as a
/// modifier or noun ("soldiers killed in the war", "the killing of a student").
fn lethal_act(lex: &Hits, refs: &[&str], w: &[bool]) -> bool {
    let mut buf: Vec<Match> = Vec::new();
    (0..refs.len()).any(|i| {
        buf.clear();
        lex.cue(Cue::Lethal).matches_at(refs, w, i, &mut buf);
        buf.iter().any(|m| {
            let next = refs.get(m.end).copied().unwrap_or("");
            let prev = if i > 0 { refs[i - 1] } else { "" };
            !matches!(next, "of" | "in" | "during" | "since" | "over")
                && !matches!(prev, "the" | "a" | "an" | "of" | "over" | "against")
        })
    })
}

/// The side (true: government) of the last actor cue before token `to` that is not the object
/// of a verb or preposition ("the army dislodged the insurgents ... and restored control": the
/// army).
fn subject_side(lex: &Hits, refs: &[&str], w: &[bool], to: usize) -> Option<bool> {
    let mut buf: Vec<Match> = Vec::new();
    let mut best: Option<(usize, bool)> = None;
    for i in 0..to {
        buf.clear();
        lex.cue(Cue::Gov).matches_at(refs, w, i, &mut buf);
        let gov = buf.iter().any(|m| m.end <= to);
        buf.clear();
        lex.cue(Cue::Nsa).matches_at(refs, w, i, &mut buf);
        let nsa = buf.iter().any(|m| m.end <= to);
        if !gov && !nsa {
            continue;
        }
        // "The army and allied militias": the government's affiliates are its side.
        let gov = gov
            || (i > 0
                && matches!(
                    refs[i - 1],
                    "allied" | "pro-government" | "government-backed" | "pro-regime" | "loyalist"
                ));
        let mut j = i;
        while j > 0 && matches!(refs[j - 1], "the" | "a" | "an" | "its" | "their") {
            j -= 1;
        }
        let object = j > 0
            && (lex.cue(Cue::ObjPrep).any_in(refs, w, j - 1, j)
                || (refs[j - 1].ends_with("ed") && j != i));
        if best.is_none() || !object {
            best = Some((i, gov));
        }
    }
    best.map(|b| b.1)
}

/// Whether a crowd word in `refs[r]` is a subject (not after a preposition: "shooting at
/// residents").
fn mob_subject(lex: &Hits, refs: &[&str], w: &[bool], r: std::ops::Range<usize>) -> bool {
    let mut buf: Vec<Match> = Vec::new();
    r.clone().any(|i| {
        buf.clear();
        lex.cue(Cue::MobActor).matches_at(refs, w, i, &mut buf);
        // "a group of youths" is the crowd itself.
        let group_of = i > 1
            && refs[i - 1] == "of"
            && matches!(
                refs[i - 2],
                "group" | "gang" | "band" | "crowd" | "mob" | "horde"
            );
        buf.iter().any(|m| m.end <= r.end)
            && (group_of
                || !(i > 0
                    && matches!(
                        refs[i - 1],
                        "at" | "on" | "against" | "of" | "to" | "by" | "with" | "among"
                    )))
    })
}

/// Explosions/remote violence codes (the weapon types).
const WEAPON_CODES: &[&str] = &[
    "AIR_STRIKE",
    "ART_MISS_ATTACK",
    "REM_EXPLOS",
    "GRENADE",
    "SUIC_BOMB",
    "CHEM_WEAP",
];

/// Moves the scores of `codes` (primary and secondary) onto `into` (primary).
fn absorb(sc: &mut Scores, into: &'static str, codes: &[&str]) {
    let mut total = 0.0;
    let mut first = usize::MAX;
    for list in [&mut sc.primary, &mut sc.secondary] {
        list.retain(|&(c, s, p)| {
            if codes.contains(&c) {
                total += s;
                first = first.min(p);
                false
            } else {
                true
            }
        });
    }
    if first != usize::MAX {
        bump(&mut sc.primary, into, total, first);
    }
}

/// First token index of a `cue` match in the sentence.
fn first_cue(lex: &Hits, cue: Cue, refs: &[&str], w: &[bool]) -> Option<usize> {
    let mut buf: Vec<Match> = Vec::new();
    (0..refs.len()).find(|&i| {
        buf.clear();
        lex.cue(cue).matches_at(refs, w, i, &mut buf);
        !buf.is_empty()
    })
}

/// Whether an intervention cue of kind `cue` occurs as a verb, not as an attribute
/// ("the release of detained journalists", "a detained cleric").
fn intervention(lex: &Hits, cue: Cue, refs: &[&str], w: &[bool]) -> bool {
    let mut buf: Vec<Match> = Vec::new();
    (0..refs.len()).any(|i| {
        buf.clear();
        lex.cue(cue).matches_at(refs, w, i, &mut buf);
        let attribute = i > 0 && matches!(refs[i - 1], "of" | "the" | "a" | "an" | "for" | "free");
        // "their leader, who was arrested last month": background, not the protest's.
        let before = &refs[i.saturating_sub(3)..i];
        let relative = before
            .iter()
            .any(|t| matches!(*t, "who" | "whose" | "which"))
            && before
                .iter()
                .any(|t| matches!(*t, "was" | "were" | "been" | "had" | "is" | "are"));
        // "then dispersed peacefully": the crowd left of its own accord.
        let own_accord = buf.iter().any(|m| {
            matches!(
                refs.get(m.end).copied(),
                Some("peacefully" | "quietly" | "calmly" | "without")
            )
        });
        !buf.is_empty() && !attribute && !relative && !own_accord
    })
}

/// Whether one of `cue` matches inside `refs[range]`.
fn cue_in(lex: &Hits, cue: Cue, refs: &[&str], w: &[bool], r: std::ops::Range<usize>) -> bool {
    any(lex, cue, refs, w, r.start, r.end)
}

/// The side (true: government) of the first Gov/Nsa cue in `refs[range]`.
fn side_in(lex: &Hits, refs: &[&str], w: &[bool], r: std::ops::Range<usize>) -> Option<bool> {
    let mut buf: Vec<Match> = Vec::new();
    for i in r.clone() {
        buf.clear();
        lex.cue(Cue::Gov).matches_at(refs, w, i, &mut buf);
        if buf.iter().any(|m| m.end <= r.end) {
            return Some(true);
        }
        lex.cue(Cue::Nsa).matches_at(refs, w, i, &mut buf);
        if buf.iter().any(|m| m.end <= r.end) {
            return Some(false);
        }
    }
    None
}

const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "several",
    "hundreds", "scores",
];

/// The sub-event of a change-of-territory trigger `m`: territory taken (by the government or a
/// non-state actor), a person captured (arrest or abduction), or nothing (seized drugs).
fn territory(
    lex: &Hits,
    text: &str,
    tokens: &[sitrep_text::Token],
    refs: &[&str],
    w: &[bool],
    m: Match,
    t: &crate::lexicon::Trigger,
) -> Option<&'static str> {
    use crate::lexicon::Frame;
    let n = refs.len();
    if t.frame == Frame::LossTo && !refs[m.end..].contains(&"to") {
        return None;
    }
    let subject_gov = subject_side(lex, refs, w, m.start);
    let passive =
        m.start > 0 && matches!(refs[m.start - 1], "was" | "were" | "been" | "being" | "be");
    let after = m.end..(m.end + 6).min(n);
    // "captured by X": the agent follows "by".
    let by_agent = refs[after.clone()]
        .iter()
        .position(|t| *t == "by")
        .and_then(|k| side_in(lex, refs, w, (m.end + k + 1)..(m.end + k + 5).min(n)));
    let loss = matches!(t.frame, Frame::LossTo | Frame::FellTo)
        || matches!(refs[m.start], "lost" | "lose" | "losing" | "loses");
    // Who gains: after "to"/"by" for losses and passives, else the subject.
    let gainer = if loss {
        let to = refs[m.end..]
            .iter()
            .position(|t| *t == "to")
            .map(|k| m.end + k + 1);
        to.and_then(|k| side_in(lex, refs, w, k..(k + 5).min(n)))
            .or(by_agent)
            .or(subject_gov.map(|g| !g))
    } else if passive {
        by_agent
    } else {
        // "took control of Axum from the TPLF": the side it was taken from loses.
        subject_gov.or_else(|| {
            refs[m.end..(m.end + 10).min(n)]
                .iter()
                .position(|t| *t == "from")
                .map(|k| m.end + k + 1)
                .and_then(|k| side_in(lex, refs, w, k..(k + 5).min(n)))
                .filter(|&g| g)
                .map(|_| false)
        })
    };
    let gov_agent = gainer.unwrap_or(t.code == "TERR_GOV");
    let window = m.end..(m.end + 4).min(n);
    // "seized two rocket launchers": weapons, not a place or people.
    if cue_in(lex, Cue::Weapon, refs, w, window.clone())
        && !cue_in(lex, Cue::Territory, refs, w, window.clone())
    {
        return None;
    }
    let person_verb = refs[m.start].starts_with("captur") || refs[m.start].starts_with("seiz");
    let place = if passive && !loss {
        // "the town was captured" vs "a commander was captured".
        let before = m.start.saturating_sub(6)..m.start;
        cue_in(lex, Cue::Territory, refs, w, before.clone())
            || (!cue_in(lex, Cue::Gov, refs, w, before.clone())
                && !cue_in(lex, Cue::Nsa, refs, w, before.clone())
                && !cue_in(lex, Cue::Civilian, refs, w, before.clone())
                && !cue_in(lex, Cue::Combatant, refs, w, before.clone())
                // ("Arms and ammunition were recovered": weapons, and a capital that only
                // opens the sentence names nothing.)
                && !cue_in(lex, Cue::Weapon, refs, w, before.clone())
                && tokens[before.start.max(1)..before.end]
                    .iter()
                    .any(|tk| tk.text(text).chars().next().is_some_and(char::is_uppercase)))
    } else {
        // The object up to "from", "in" or a comma ("retook Baga from Boko Haram", "captured
        // a Boko Haram commander in ..."): an armed actor there is people, not a place.
        let obj_end = (m.end..window.end)
            .find(|&i| !w[i] || matches!(refs[i], "from" | "in" | "near" | "on" | "at"))
            .unwrap_or(window.end);
        let obj = m.end..obj_end;
        // "dislodged the fighters from the district centre": the place follows "from".
        let from_place = refs[obj_end..(obj_end + 1).min(n)] == ["from"]
            && cue_in(lex, Cue::Territory, refs, w, obj_end..(obj_end + 5).min(n));
        // "stormed the rebels' last stronghold ... and took full control of it".
        let it_place =
            refs.get(m.end) == Some(&"it") && cue_in(lex, Cue::Territory, refs, w, 0..m.start);
        cue_in(lex, Cue::Territory, refs, w, window.clone())
            // "cleared the area of militants": the place is inside the trigger.
            || cue_in(lex, Cue::Territory, refs, w, m.start..m.end)
            || from_place
            || it_place
            || (!cue_in(lex, Cue::Civilian, refs, w, window.clone())
                && (loss
                    || (!cue_in(lex, Cue::Nsa, refs, w, obj.clone())
                        && !cue_in(lex, Cue::Gov, refs, w, obj.clone())))
                && tokens[window.clone()]
                    .iter()
                    .any(|tk| tk.text(text).chars().next().is_some_and(char::is_uppercase)))
    };
    let people = tokens[window.clone()]
        .iter()
        .any(|tk| matches!(tk.kind, sitrep_text::TokenKind::Number))
        || refs[window.clone()]
            .iter()
            .any(|t| NUMBER_WORDS.contains(t))
        || cue_in(lex, Cue::Civilian, refs, w, window.clone())
        || cue_in(lex, Cue::Combatant, refs, w, window.clone());
    if !place && !(person_verb && (people || passive)) {
        // Seized drugs, money, documents: no change of territory.
        return None;
    }
    Some(if !place {
        let captor_gov = if passive { by_agent } else { subject_gov };
        match captor_gov {
            Some(true) => "ARREST",
            Some(false) => "ABDUCT_DISSAP",
            // "A commander was captured": a combatant taken is an arrest, a civilian an
            // abduction.
            None if cue_in(lex, Cue::Civilian, refs, w, 0..m.start) => "ABDUCT_DISSAP",
            None => "ARREST",
        }
    } else if gov_agent {
        "GOV_REGAINS_TERIT"
    } else {
        "NON_STATE_ACTOR_OVERTAKES_TER"
    })
}
