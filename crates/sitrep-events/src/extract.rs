//! Document-level event extraction: clauses, triggers, frames, actors, place, date, modality.

use crate::lexicon::{lexicons, Cue, Folded, Frame, Lexicons, Match, Trigger};
use crate::types;
use crate::Context;
use rustc_hash::FxHashMap as HashMap;
use sitrep_model::{
    Actor, Event, EventDate, EventLocation, Place, Relay, Source, Span, TimeMention,
};
use std::ops::Range;

/// Actor kinds that fight (ACLED inter codes 1-4, 8).
const ARMED: &[&str] = &[
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "external_forces",
];
/// Non-state armed kinds.
const NON_STATE: &[&str] = &["rebel_group", "political_militia", "identity_militia"];

/// A mention located on the sentence's tokens (local indices, half-open).
#[derive(Debug)]
struct Loc<'a, T> {
    ts: usize,
    te: usize,
    item: &'a T,
}

impl<T> Clone for Loc<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Loc<'_, T> {}

/// What one sentence offers: folded tokens, clause ranges and located mentions.
struct Sent<'a> {
    text: &'a str,
    base: usize,
    tokens: &'a [sitrep_text::Token],
    folded: Folded,
    clauses: Vec<Range<usize>>,
    actors: Vec<Loc<'a, Actor>>,
    places: Vec<Loc<'a, Place>>,
    times: Vec<Loc<'a, TimeMention>>,
}

/// Token range `[ts, te)` of byte span `start..end` inside `tokens`, if it lies inside.
fn locate(tokens: &[sitrep_text::Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = tokens.first()?;
    let last = tokens.last()?;
    if start < first.start || end > last.end || start >= end {
        return None;
    }
    let ts = tokens.partition_point(|t| t.end <= start);
    let te = tokens.partition_point(|t| t.start < end);
    (ts < te).then_some((ts, te))
}

/// Mentions sorted by start offset, so each sentence finds its own by binary search.
fn sorted<T>(items: &[T], span: impl Fn(&T) -> (usize, usize)) -> Vec<&T> {
    let mut v: Vec<&T> = items.iter().collect();
    v.sort_by_key(|it| span(it).0);
    v
}

fn locate_all<'a, T>(
    tokens: &[sitrep_text::Token],
    items: &[&'a T],
    span: impl Fn(&T) -> (usize, usize),
) -> Vec<Loc<'a, T>> {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Vec::new();
    };
    let lo = items.partition_point(|it| span(it).0 < first.start);
    let hi = items.partition_point(|it| span(it).0 < last.end);
    let mut v: Vec<Loc<'a, T>> = items[lo..hi.max(lo)]
        .iter()
        .copied()
        .filter_map(|it| {
            let (s, e) = span(it);
            locate(tokens, s, e).map(|(ts, te)| Loc { ts, te, item: it })
        })
        .collect();
    v.sort_by_key(|l| (l.ts, l.te));
    v
}

/// The last actor of the sentence between token `from` and token `before` (the claimant
/// before "claimed", the speaker before "told").
fn actor_before<'a>(s: &Sent<'a>, from: usize, before: usize) -> Option<&'a Actor> {
    s.actors
        .iter()
        .rev()
        .find(|a| a.te <= before && a.ts >= from)
        .map(|a| a.item)
}

/// An actor as the source of a claim.
fn source_of(a: &Actor) -> Source {
    Source {
        text: a.text.clone(),
        start: a.start,
        end: a.end,
        name: a.name.clone(),
    }
}

/// Clause boundaries of a sentence (local token ranges).
fn clauses(
    lex: &Lexicons,
    refs: &[&str],
    is_word: &[bool],
    place_starts: &[usize],
) -> Vec<Range<usize>> {
    let n = refs.len();
    let mut cuts = vec![0usize];
    let mut buf: Vec<Match> = Vec::new();
    let starts_at = |set: Cue, i: usize, buf: &mut Vec<Match>| {
        buf.clear();
        lex.cue(set).matches_at(refs, is_word, i, buf);
        !buf.is_empty()
    };
    if n > 0 && starts_at(Cue::Subord, 0, &mut buf) {
        if let Some(c) = refs.iter().position(|t| *t == ",") {
            cuts.push(c + 1);
        }
    }
    for i in 1..n {
        if refs[i - 1] == ";" {
            cuts.push(i);
            continue;
        }
        let after_comma = refs[i - 1] == "," || refs[i - 1] == "-" || refs[i - 1] == "(";
        let list_continues = place_starts.contains(&(i + 1)) || place_starts.contains(&i);
        let cut = if after_comma {
            !list_continues && starts_at(Cue::Boundary, i, &mut buf)
        } else {
            starts_at(Cue::Strong, i, &mut buf)
        };
        if cut {
            cuts.push(i);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len());
    for (k, &c) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).copied().unwrap_or(n);
        if c < end {
            out.push(c..end);
        }
    }
    out
}

/// An event candidate in one clause, before attribution.
struct Cand<'a> {
    code: &'static str,
    trig: &'a Trigger,
    /// A noun trigger, or a verb pattern that matched a plural noun ("kidnappings").
    noun: bool,
    head: usize,
    head_end: usize,
}

/// Memory carried across sentences.
#[derive(Default)]
struct Memory<'a> {
    paragraph: usize,
    /// Last battle event of the paragraph: (actor1, actor2).
    last_battle: Option<(Option<&'a Actor>, Option<&'a Actor>)>,
    /// Last agent (actor1) of any event in the paragraph.
    last_agent: Option<&'a Actor>,
    /// actor1 name -> last opponent (document-wide).
    opponents: HashMap<String, &'a Actor>,
}

/// Extracts the events of one document.
pub(crate) fn extract(ctx: &Context) -> Vec<Event> {
    let lex = lexicons();
    let layer = ctx.layer;
    let text = layer.text;
    let mut out: Vec<Event> = Vec::new();
    let mut mem = Memory::default();
    let all_actors = sorted(ctx.actors, |a| (a.start, a.end));
    let all_places = sorted(ctx.places, |p| (p.start, p.end));
    let all_times = sorted(ctx.times, |t| (t.start, t.end));
    let mut persons: Vec<(usize, usize)> = ctx
        .entities
        .iter()
        .filter(|e| e.label == "PER")
        .map(|e| (e.start, e.end))
        .chain(
            ctx.actors
                .iter()
                .filter(|a| a.kind == "person")
                .map(|a| (a.start, a.end)),
        )
        .collect();
    persons.sort_unstable();
    for sentence in &layer.sentences {
        if sentence.paragraph != mem.paragraph {
            mem.paragraph = sentence.paragraph;
            mem.last_battle = None;
            mem.last_agent = None;
        }
        let Some(tokens) = layer.tokens.get(sentence.tokens.clone()) else {
            continue;
        };
        if tokens.is_empty() {
            continue;
        }
        let folded = Folded::new(text, tokens);
        let actors = locate_all(tokens, &all_actors, |a| (a.start, a.end));
        let mut places = locate_all(tokens, &all_places, |p| (p.start, p.end));
        // A place must cover whole tokens and must not be part of a person's name
        // ("Osama bin Laden").
        places.retain(|p| {
            let aligned = tokens[p.ts].start == p.item.start && tokens[p.te - 1].end == p.item.end;
            let i = persons.partition_point(|&(s, _)| s < p.item.end);
            let in_person = persons[..i]
                .iter()
                .rev()
                .take(8)
                .any(|&(s, e)| s < p.item.end && p.item.start < e);
            aligned && !in_person
        });
        let times = locate_all(tokens, &all_times, |t| (t.start, t.end))
            .into_iter()
            .filter(|t| t.item.range.is_some() && matches!(t.item.kind.as_str(), "DATE" | "TIME"))
            .collect();
        let place_starts: Vec<usize> = places.iter().map(|p| p.ts).collect();
        let mut s = Sent {
            text,
            base: sentence.start,
            tokens,
            folded,
            clauses: Vec::new(),
            actors,
            places,
            times,
        };
        // The token strings, made once for the clauses and the events.
        let refs = s.folded.refs();
        s.clauses = clauses(lex, &refs, &s.folded.is_word, &place_starts);
        sentence_events(ctx, lex, &s, &refs, &mut mem, &mut out);
    }
    out
}

/// Selects non-overlapping trigger matches, longest first.
fn select(mut ms: Vec<Match>) -> Vec<Match> {
    ms.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<Match> = Vec::new();
    for m in ms {
        if out.last().is_some_and(|p| m.start < p.end) {
            continue;
        }
        out.push(m);
    }
    out
}

fn any_cue_in(lex: &Lexicons, s: &Sent, refs: &[&str], cue: Cue, from: usize, to: usize) -> bool {
    lex.cue(cue).any_in(refs, &s.folded.is_word, from, to)
}

/// Cue matches of `cue` within `range`.
fn cue_matches(
    lex: &Lexicons,
    s: &Sent,
    refs: &[&str],
    cue: Cue,
    range: Range<usize>,
) -> Vec<Match> {
    let mut buf = Vec::new();
    for i in range.clone() {
        lex.cue(cue)
            .matches_at(refs, &s.folded.is_word, i, &mut buf);
    }
    buf.retain(|m| m.end <= range.end);
    buf
}

fn sentence_events<'a>(
    ctx: &Context<'a>,
    lex: &Lexicons,
    s: &Sent<'a>,
    refs: &[&str],
    mem: &mut Memory<'a>,
    out: &mut Vec<Event>,
) {
    // Weight-0 entries are blockers ("riot police" is no riot): they only shadow shorter ones.
    // Classify-only entries (`C`) are dropped before the overlap selection, so that they
    // neither emit nor shadow anything here.
    let mut all = lex.triggers.find_all(refs, &s.folded.is_word);
    all.retain(|m| {
        let t = lex.triggers.payload(m.id);
        !t.classify_only && !t.loose
    });
    let mut trig_matches = select(all);
    trig_matches.retain(|m| lex.triggers.payload(m.id).weight > 0.0);
    if trig_matches.is_empty() {
        return;
    }
    for clause in s.clauses.clone() {
        let in_clause: Vec<&Match> = trig_matches
            .iter()
            .filter(|m| clause.contains(&m.start))
            .collect();
        if in_clause.is_empty() {
            continue;
        }
        // Triggers inside an actor mention ("Russian bombers") or a place mention only support
        // another trigger; KILL and weak triggers only stand when nothing stronger is there.
        let primary = |m: &Match| {
            let t = lex.triggers.payload(m.id);
            t.code != "KILL" && t.weight >= 2.0
        };
        let primary_codes: Vec<&str> = in_clause
            .iter()
            .filter(|m| primary(m))
            .map(|m| lex.triggers.payload(m.id).code)
            .collect();
        // A change of territory includes the fighting for it.
        let territorial = in_clause
            .iter()
            .any(|m| matches!(lex.triggers.payload(m.id).code, "TERR_GOV" | "TERR_NSA"));
        let mut cands: Vec<Cand> = Vec::new();
        for m in &in_clause {
            let trig = lex.triggers.payload(m.id);
            // A weak trigger stands alone or joins a strong one of the same type.
            if !primary(m) && !primary_codes.is_empty() && !primary_codes.contains(&trig.code) {
                continue;
            }
            if territorial && trig.code == "ARMED_CLASH" {
                continue;
            }
            if s.places.iter().any(|p| p.ts <= m.start && m.end <= p.te) {
                continue;
            }
            if crate::lexicon::inside_name(ctx.layer.text, s.tokens, m.start) {
                continue;
            }
            // "the liberated city": a participle used as an adjective.
            let participle = !trig.noun && m.end == m.start + 1 && refs[m.start].ends_with("ed");
            if participle
                && m.start > 0
                && any_cue_in(lex, s, refs, Cue::Attrib, m.start - 1, m.start)
            {
                continue;
            }
            // "kidnappings are common", "bombings": a verb pattern matching a plural noun
            // reads as a noun (needs an actor and a place).
            let plural = m.end == m.start + 1 && refs[m.start].ends_with("ings");
            cands.push(Cand {
                code: trig.code,
                trig,
                noun: trig.noun || plural,
                head: m.start,
                head_end: m.end,
            });
        }
        // One head per code in the clause: prefer a verb trigger outside actor mentions.
        let inside_actor = |c: &Cand| {
            s.actors
                .iter()
                .any(|a| a.ts <= c.head && c.head_end <= a.te)
        };
        let mut heads: Vec<Cand> = Vec::new();
        for c in cands {
            let rank = |c: &Cand| (!inside_actor(c), !c.noun);
            if let Some(h) = heads.iter_mut().find(|h| h.code == c.code) {
                if rank(&c) > rank(h) {
                    *h = c;
                }
            } else {
                heads.push(c);
            }
        }
        for c in heads {
            build_events(ctx, lex, s, refs, clause.clone(), &c, mem, out);
        }
    }
}

fn is_passive(lex: &Lexicons, s: &Sent, refs: &[&str], clause: &Range<usize>, c: &Cand) -> bool {
    if refs.get(c.head_end).is_some_and(|t| *t == "by") {
        return true;
    }
    // An auxiliary within three tokens before the head, only adverbs in between.
    let lo = c.head.saturating_sub(3).max(clause.start);
    for i in (lo..c.head).rev() {
        let mut buf = Vec::new();
        lex.cue(Cue::Passive)
            .matches_at(refs, &s.folded.is_word, i, &mut buf);
        if !buf.is_empty() {
            return true;
        }
        let t = refs[i];
        let adverb =
            t.ends_with("ly") || matches!(t, "also" | "then" | "later" | "since" | "all" | "now");
        if !adverb {
            return false;
        }
    }
    false
}

/// Whether the actor at `a` is introduced as a helper ("backed by X", "with the support of X").
fn is_ally(lex: &Lexicons, s: &Sent, refs: &[&str], a: &Loc<Actor>) -> bool {
    let lo = a.ts.saturating_sub(5);
    cue_matches(lex, s, refs, Cue::Ally, lo..a.ts)
        .iter()
        .any(|m| {
            m.end <= a.ts && a.ts - m.end <= 2 && s.folded.is_word[m.end..a.ts].iter().all(|w| *w)
        })
}

/// Codes whose actors must be armed groups.
/// Whether tokens `from..to` (between a territorial verb and a place) can all belong to the
/// verb's object: territory words ("the villages of"), words allowed in a territorial object
/// (`terrobject` cues: articles, "of", directions, "rebel-held"), numbers and list punctuation.
fn territorial_gap(lex: &Lexicons, s: &Sent, refs: &[&str], from: usize, to: usize) -> bool {
    let mut i = from;
    while i < to {
        let covered = [Cue::Territory, Cue::TerrObject].iter().find_map(|&k| {
            let mut buf = Vec::new();
            lex.cue(k).matches_at(refs, &s.folded.is_word, i, &mut buf);
            buf.iter().map(|m| m.end).filter(|&e| e <= to).max()
        });
        if let Some(end) = covered {
            i = end;
            continue;
        }
        let t = refs[i];
        let ok = matches!(s.tokens[i].kind, sitrep_text::TokenKind::Number)
            || matches!(t, "," | "-" | "(" | ")")
            || t.ends_with("-held")
            || t.ends_with("-controlled");
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

fn armed_family(code: &str) -> bool {
    terr_code(code)
        || types::by_code(code)
            .is_some_and(|t| matches!(t.event_type, "Battles" | "Explosions/Remote violence"))
}

fn terr_code(code: &str) -> bool {
    matches!(code, "TERR_GOV" | "TERR_NSA")
}

/// Kinds a pronoun or relative pronoun may resolve to as the agent of an event.
fn resolvable(a: &Actor) -> bool {
    !matches!(a.kind.as_str(), "person" | "media" | "organization")
}

fn usable(a: &Loc<Actor>) -> bool {
    a.item.kind != "media"
}

/// The agent before the head in the clause (nearest, skipping helpers and media).
fn agent_before<'a>(
    lex: &Lexicons,
    s: &Sent<'a>,
    refs: &[&str],
    clause: &Range<usize>,
    head: usize,
    fit: fn(&Actor) -> bool,
) -> Option<&'a Actor> {
    s.actors
        .iter()
        .rev()
        .filter(|a| a.te <= head && a.ts >= clause.start)
        .find(|a| {
            usable(a)
                && fit(a.item)
                && !is_ally(lex, s, refs, a)
                && !(a.ts > 0 && any_cue_in(lex, s, refs, Cue::ObjPrep, a.ts - 1, a.ts))
                && (!any_cue_in(lex, s, refs, Cue::Speech, a.te, head)
                    || any_cue_in(lex, s, refs, Cue::Claimed, a.te, head))
        })
        .map(|a| a.item)
}

/// The first actor in `from..to` (skipping helpers and media).
fn actor_in<'a>(
    lex: &Lexicons,
    s: &Sent<'a>,
    refs: &[&str],
    from: usize,
    to: usize,
    fit: fn(&Actor) -> bool,
) -> Option<&'a Actor> {
    s.actors
        .iter()
        .filter(|a| a.ts >= from && a.te <= to)
        .find(|a| usable(a) && fit(a.item) && !is_ally(lex, s, refs, a))
        .map(|a| a.item)
}

/// Resolves the agent of a clause without one: pronoun or relative pronoun at clause start.
fn agent_from_previous_clause<'a>(
    lex: &Lexicons,
    s: &Sent<'a>,
    refs: &[&str],
    clause: &Range<usize>,
    mem: &Memory<'a>,
    fit: fn(&Actor) -> bool,
) -> Option<&'a Actor> {
    let first = (clause.start..clause.end).find(|&i| s.folded.is_word[i])?;
    let mut buf = Vec::new();
    let prev = s.clauses.iter().rev().find(|c| c.end <= clause.start);
    lex.cue(Cue::Relative)
        .matches_at(refs, &s.folded.is_word, first, &mut buf);
    if !buf.is_empty() {
        let prev = prev?;
        return s
            .actors
            .iter()
            .rev()
            .filter(|a| a.ts >= prev.start && a.te <= prev.end)
            .find(|a| usable(a) && resolvable(a.item) && fit(a.item))
            .map(|a| a.item);
    }
    lex.cue(Cue::Pronoun)
        .matches_at(refs, &s.folded.is_word, first, &mut buf);
    if !buf.is_empty() {
        if let Some(prev) = prev {
            if let Some(a) = s
                .actors
                .iter()
                .filter(|a| a.ts >= prev.start && a.te <= prev.end)
                .find(|a| usable(a) && resolvable(a.item) && fit(a.item))
            {
                return Some(a.item);
            }
        }
        return mem.last_agent.filter(|a| resolvable(a) && fit(a));
    }
    None
}

/// Whether a locative preposition introduces the place at `p` ("in", "near the town of").
fn locative_before(lex: &Lexicons, s: &Sent, refs: &[&str], p: &Loc<Place>) -> bool {
    let lo = p.ts.saturating_sub(5);
    cue_matches(lex, s, refs, Cue::Locative, lo..p.ts)
        .iter()
        .any(|m| {
            refs[m.end..p.ts].iter().all(|t| {
                matches!(
                    *t,
                    "the"
                        | "a"
                        | "town"
                        | "city"
                        | "village"
                        | "villages"
                        | "of"
                        | "province"
                        | "district"
                        | "area"
                        | "remaining"
                        | "northern"
                        | "southern"
                        | "eastern"
                        | "western"
                        | "central"
                )
            })
        })
}

/// Places forming a coordinated list starting at index `i` of `s.places` ("A, B and C").
fn coordinated<'a>(s: &Sent<'a>, refs: &[&str], i: usize, limit: usize) -> Vec<Loc<'a, Place>> {
    let mut v = vec![s.places[i]];
    let mut k = i + 1;
    while k < s.places.len() && s.places[k].te <= limit {
        let prev_end = v[v.len() - 1].te;
        if s.places[k].ts < prev_end {
            break;
        }
        let gap = &refs[prev_end..s.places[k].ts];
        // Separators, and names the place stage did not resolve ("A, B, C and D" where B is
        // missing from the places): the list goes on.
        let sep = gap.iter().enumerate().all(|(j, t)| {
            let tok = &s.tokens[prev_end + j];
            matches!(*t, "," | "and" | "or" | "&" | "'" | "\"" | "as" | "well")
                || (s.folded.is_word[prev_end + j]
                    && tok
                        .text(s.text)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase()))
        }) && gap.len() <= 8;
        if !sep || gap.is_empty() {
            break;
        }
        v.push(s.places[k]);
        k += 1;
    }
    v
}

/// ACLED geo precision of a place found at `p`.
fn precision(lex: &Lexicons, s: &Sent, refs: &[&str], p: &Loc<Place>) -> u8 {
    let feature = p.item.feature.as_deref().unwrap_or("");
    let broad = feature.starts_with("PCL")
        || matches!(
            feature,
            "ADM1" | "ADM2" | "country" | "region" | "county" | "macroregion" | "RGN" | "empire"
        );
    let region_after = p.te < refs.len() && any_cue_in(lex, s, refs, Cue::Region, p.te, p.te + 1);
    if broad || region_after {
        return 3;
    }
    // a site placed at the document's salient town, not at a town of its own sentence
    // (sitrep-geo's facilities: no gazetteer id, confidence 0.3 or less)
    if p.item.id.is_none() && p.item.confidence <= 0.3 {
        return 2;
    }
    let lo = p.ts.saturating_sub(4);
    let near = cue_matches(lex, s, refs, Cue::Near, lo..p.ts)
        .iter()
        .any(|m| {
            refs[m.end..p.ts]
                .iter()
                .all(|t| matches!(*t, "the" | "town" | "village" | "city" | "of" | "remaining"))
        });
    if near {
        2
    } else {
        1
    }
}

fn to_location(
    lex: &Lexicons,
    s: &Sent,
    refs: &[&str],
    p: &Loc<Place>,
    prec: Option<u8>,
) -> EventLocation {
    let pl = p.item;
    EventLocation {
        name: pl.name.clone().unwrap_or_else(|| pl.text.clone()),
        id: pl.id.clone(),
        country: pl.country.clone(),
        lat: pl.lat,
        lon: pl.lon,
        precision: prec.unwrap_or_else(|| precision(lex, s, refs, p)),
    }
}

/// ACLED time precision of an inclusive range.
fn time_precision(a: jiff::civil::Date, b: jiff::civil::Date) -> u8 {
    let days = a.until(b).map(|d| d.get_days()).unwrap_or(i32::MAX);
    match days {
        0 => 1,
        1..=6 => 2,
        _ => 3,
    }
}

fn date_of(ctx: &Context, s: &Sent, clause: &Range<usize>, head: usize) -> Option<EventDate> {
    let dist = |t: &Loc<TimeMention>| {
        if t.te <= head {
            head - t.te
        } else {
            t.ts.saturating_sub(head)
        }
    };
    let in_clause = s
        .times
        .iter()
        .filter(|t| t.ts >= clause.start && t.te <= clause.end)
        .min_by_key(|t| dist(t));
    let best = in_clause.or_else(|| s.times.iter().min_by_key(|t| dist(t)));
    if let Some([a, b]) = best.and_then(|t| t.item.range) {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        return Some(EventDate {
            start: Some(a),
            end: Some(b),
            precision: time_precision(a, b),
        });
    }
    let p = ctx.published?;
    let start = p.checked_sub(jiff::Span::new().days(6)).unwrap_or(p);
    Some(EventDate {
        start: Some(start),
        end: Some(p),
        precision: 2,
    })
}

fn relay_after(s: &Sent, refs: &[&str], ctx: &Context, from: usize, to: usize) -> Option<Relay> {
    let text = ctx.layer.text;
    // The relay is the phrase right after "according to", up to a comma.
    let to = (from..to)
        .find(|&i| refs[i] == "," || refs[i] == "including")
        .unwrap_or(to)
        .min(from + 7);
    if let Some(a) = s.actors.iter().find(|a| a.ts >= from && a.te <= to) {
        return Some(Relay {
            name: a.item.name.clone(),
            text: a.item.text.clone(),
            start: a.item.start,
            end: a.item.end,
        });
    }
    let (lo, hi) = (
        s.tokens.get(from)?.start,
        s.tokens.get(to.checked_sub(1)?)?.end,
    );
    let e = ctx.entities.iter().find(|e| {
        e.start >= lo && e.end <= hi && matches!(e.label.as_str(), "ORG" | "PER" | "MISC")
    })?;
    Some(Relay {
        name: e.text.clone(),
        text: text.get(e.start..e.end)?.to_string(),
        start: e.start,
        end: e.end,
    })
}

struct Attribution {
    modality: &'static str,
    source: Option<Source>,
    via: Vec<Relay>,
    /// The event is hypothetical and is not emitted.
    irrealis: bool,
}

fn attribution(
    ctx: &Context,
    lex: &Lexicons,
    s: &Sent,
    refs: &[&str],
    clause: &Range<usize>,
    c: &Cand,
    parties: [Option<&Actor>; 2],
) -> Attribution {
    let mut at = Attribution {
        modality: "asserted",
        source: None,
        via: Vec::new(),
        irrealis: false,
    };
    let lo = c.head.saturating_sub(4).max(clause.start);
    if any_cue_in(lex, s, refs, Cue::Irrealis, lo, c.head) {
        at.irrealis = true;
    }
    // "the campaign to retake", "the need to seize": a purpose, not an event; but "began to
    // shell" is real.
    if c.head > clause.start && refs[c.head - 1] == "to" {
        let real = c.head >= 2
            && cue_matches(lex, s, refs, Cue::RealTo, clause.start..c.head - 1)
                .iter()
                .any(|m| m.end == c.head - 1);
        if !real {
            at.irrealis = true;
        }
    }
    let neg_lo = c.head.saturating_sub(3).max(clause.start);
    let negated = cue_matches(lex, s, refs, Cue::Negation, neg_lo..c.head)
        .iter()
        .any(|m| refs[m.start] != "no" || m.end == c.head)
        || refs[neg_lo..c.head].iter().any(|t| t.ends_with("n't"));
    let whole = clause.clone();
    let claimed = cue_matches(lex, s, refs, Cue::Claimed, whole.clone());
    let reported = cue_matches(lex, s, refs, Cue::Reported, whole.clone());
    if negated || any_cue_in(lex, s, refs, Cue::Denied, whole.start, whole.end) {
        at.modality = "denied";
    } else if any_cue_in(lex, s, refs, Cue::Uncertain, whole.start, whole.end) {
        at.modality = "uncertain";
    } else if !claimed.is_empty() {
        at.modality = "claimed";
    } else if !reported.is_empty() {
        at.modality = "reported";
    }
    // Claimant: the actor just before the claim cue.
    if let Some(m) = claimed.first() {
        if let Some(a) = actor_before(s, clause.start, m.start) {
            at.source = Some(source_of(a));
        }
    }
    // "according to (a report by) X": X relays the claim.
    for m in &reported {
        if refs[m.start] == "according" {
            if let Some(r) = relay_after(s, refs, ctx, m.end, clause.end) {
                at.via.push(r);
            }
        }
    }
    // Reported speech: "Putin told the leaders that ... had been liberated".
    if at.source.is_none() {
        let speech = cue_matches(lex, s, refs, Cue::Speech, clause.start..c.head);
        if let Some(m) = speech.last() {
            if let Some(a) = actor_before(s, clause.start, m.start) {
                at.source = Some(source_of(a));
                if at.modality == "asserted" {
                    let party = parties.iter().flatten().any(|p| {
                        p.name == a.name || (p.country.is_some() && p.country == a.country)
                    });
                    at.modality = if party { "claimed" } else { "reported" };
                }
            }
        }
    }
    // "claimed ... via Amaq", "through its news agency": a media relay.
    for i in clause.clone() {
        if matches!(refs[i], "via" | "through") {
            if let Some(a) = s
                .actors
                .iter()
                .find(|a| a.ts > i && a.ts <= i + 3 && a.item.kind == "media")
            {
                if !at.via.iter().any(|v| v.name == a.item.name) {
                    at.via.push(Relay {
                        name: a.item.name.clone(),
                        text: a.item.text.clone(),
                        start: a.item.start,
                        end: a.item.end,
                    });
                }
            }
        }
    }
    // Evidence inside a quote: the quote's speaker and relays.
    let abs = s.tokens[c.head].start;
    if let Some(q) = ctx
        .quotes
        .iter()
        .find(|q| q.content.start <= abs && abs < q.content.end)
    {
        if at.source.is_none() {
            at.source = q.source.clone();
        }
        for r in &q.via {
            if !at.via.iter().any(|v| v.name == r.name) {
                at.via.push(r.clone());
            }
        }
        if at.modality == "asserted" {
            let party = q.source.as_ref().is_some_and(|src| {
                ctx.actors.iter().any(|a| {
                    a.start < src.end
                        && src.start < a.end
                        && parties.iter().flatten().any(|p| {
                            p.name == a.name || (p.country.is_some() && p.country == a.country)
                        })
                })
            });
            at.modality = if party { "claimed" } else { "reported" };
        }
    }
    at
}

/// Resolves a pseudo-code to an ACLED code.
#[allow(clippy::too_many_arguments)]
fn resolve_code(
    lex: &Lexicons,
    s: &Sent,
    refs: &[&str],
    clause: &Range<usize>,
    c: &Cand,
    actor1: Option<&Actor>,
    actor2: Option<&Actor>,
    place_country: Option<&str>,
) -> &'static str {
    match c.code {
        "TERR_GOV" | "TERR_NSA" => match actor1 {
            Some(a) if a.kind == "state_forces" || a.kind == "government" => {
                let foreign =
                    matches!((a.country.as_deref(), place_country), (Some(x), Some(y)) if x != y);
                if foreign {
                    "NON_STATE_ACTOR_OVERTAKES_TER"
                } else {
                    "GOV_REGAINS_TERIT"
                }
            }
            Some(a) if ARMED.contains(&a.kind.as_str()) => "NON_STATE_ACTOR_OVERTAKES_TER",
            _ if c.code == "TERR_GOV" => "GOV_REGAINS_TERIT",
            _ => "NON_STATE_ACTOR_OVERTAKES_TER",
        },
        "PROTEST" => {
            let (a, b) = (0, refs.len());
            if any_cue_in(lex, s, refs, Cue::Violent, a, b) {
                "VIOL_DEMONSTR"
            } else if any_cue_in(lex, s, refs, Cue::Lethal, a, b) {
                "FORCE_AGAINST_PROTEST"
            } else if any_cue_in(lex, s, refs, Cue::Intervene, a, b) {
                "PROTEST_WITH_INTER"
            } else {
                "PEACE_PROTEST"
            }
        }
        "KILL" => {
            let armed = |a: Option<&Actor>| a.is_some_and(|a| ARMED.contains(&a.kind.as_str()));
            if armed(actor1) && armed(actor2) {
                "ARMED_CLASH"
            } else if actor2.is_some_and(|a| a.kind == "civilians")
                || any_cue_in(lex, s, refs, Cue::Civilian, clause.start, clause.end)
            {
                "ATTACK"
            } else if armed(actor1)
                || armed(actor2)
                || any_cue_in(lex, s, refs, Cue::Combatant, c.head_end, clause.end)
            {
                "ARMED_CLASH"
            } else {
                "ATTACK"
            }
        }
        code => code,
    }
}

/// Fallback opponent for a battle: the last opponent of the same actor1 in the document, else
/// the most recent armed actor of the other camp mentioned before the evidence.
fn fallback_opponent<'a>(
    ctx: &Context<'a>,
    mem: &Memory<'a>,
    actor1: &Actor,
    before: usize,
) -> Option<&'a Actor> {
    if let Some(a) = mem.opponents.get(&actor1.name) {
        return Some(*a);
    }
    let state = matches!(actor1.kind.as_str(), "state_forces" | "government");
    ctx.actors
        .iter()
        .rev()
        .filter(|a| a.end <= before && a.name != actor1.name)
        .find(|a| {
            if state {
                NON_STATE.contains(&a.kind.as_str())
            } else {
                ARMED.contains(&a.kind.as_str())
            }
        })
}

#[allow(clippy::too_many_arguments)]
fn build_events<'a>(
    ctx: &Context<'a>,
    lex: &Lexicons,
    s: &Sent<'a>,
    refs: &[&str],
    clause: Range<usize>,
    c: &Cand,
    mem: &mut Memory<'a>,
    out: &mut Vec<Event>,
) {
    let passive = is_passive(lex, s, refs, &clause, c);
    // Battles and remote violence are fought by armed groups (or a government): people,
    // organisations and outlets named nearby are not their actors.
    let fit: fn(&Actor) -> bool = if armed_family(c.code) {
        |a| ARMED.contains(&a.kind.as_str()) || a.kind == "government"
    } else {
        |a| a.kind != "media"
    };
    let clause_places: Vec<usize> = (0..s.places.len())
        .filter(|&i| s.places[i].ts >= clause.start && s.places[i].te <= clause.end)
        .collect();
    let mut actor1: Option<&'a Actor>;
    let mut actor2: Option<&'a Actor> = None;
    let mut places: Vec<Loc<'a, Place>> = Vec::new();
    let mut forced_precision: Option<u8> = None;
    let after = |from: usize, to: usize| -> Option<usize> {
        clause_places
            .iter()
            .copied()
            .find(|&i| s.places[i].ts >= from && s.places[i].te <= to)
    };
    // The object of a territorial verb comes soon after it; an ordinary event's place is its
    // direct object or introduced by a locative preposition.
    let after_head = |frame: Frame| -> Option<usize> {
        let i = after(c.head_end, clause.end)?;
        let p = &s.places[i];
        let ok = match frame {
            Frame::Act => p.ts - c.head_end <= 2 || locative_before(lex, s, refs, p),
            // "took over an earlier probe launched by the U.S.": the place is not the object.
            Frame::Terr => {
                let object = c.head_end..p.ts;
                // "captured 40 fighters near Hama": people taken at a place.
                let people = any_cue_in(lex, s, refs, Cue::Combatant, object.start, object.end)
                    || any_cue_in(lex, s, refs, Cue::Civilian, object.start, object.end)
                    || object
                        .clone()
                        .any(|i| matches!(s.tokens[i].kind, sitrep_text::TokenKind::Number));
                (object.len() <= 8 && territorial_gap(lex, s, refs, object.start, object.end))
                    || (people && locative_before(lex, s, refs, p))
            }
            _ => p.ts - c.head_end <= 8,
        };
        ok.then_some(i)
    };
    let before_head = || {
        clause_places
            .iter()
            .copied()
            .rev()
            .find(|&i| s.places[i].te <= c.head)
    };
    let before_head_locative = || {
        before_head()
            .filter(|&i| s.places[i].te < c.head && locative_before(lex, s, refs, &s.places[i]))
    };
    // The list after "including" wins when it follows the head.
    let including = (c.head_end..clause.end).find(|&i| refs[i] == "including");
    match c.trig.frame {
        Frame::LossTo | Frame::FellTo => {
            let to = (c.head + 1..clause.end)
                .find(|&i| refs[i] == "to" && s.actors.iter().any(|a| a.ts > i && a.ts <= i + 4));
            let Some(to) = to else { return };
            actor1 = actor_in(lex, s, refs, to + 1, clause.end, fit);
            // "lost Virginia to Hillary Clinton": only armed actors take territory.
            if actor1.is_some_and(|a| !ARMED.contains(&a.kind.as_str())) {
                return;
            }
            if c.trig.frame == Frame::LossTo {
                actor2 = agent_before(lex, s, refs, &clause, c.head, fit)
                    .or_else(|| agent_from_previous_clause(lex, s, refs, &clause, mem, fit));
                if let Some(i) = after(c.head_end, to) {
                    places = coordinated(s, refs, i, to);
                }
            } else if let Some(i) = before_head() {
                places = vec![s.places[i]];
            }
        }
        Frame::Terr | Frame::Act => {
            if passive {
                let by = (c.head_end..clause.end).find(|&i| refs[i] == "by");
                actor1 = by.and_then(|b| actor_in(lex, s, refs, b + 1, clause.end, fit));
                actor2 = None;
                if let Some(i) = including.and_then(|k| after(k, clause.end)) {
                    places = coordinated(s, refs, i, clause.end);
                } else if let Some(i) = before_head().filter(|&i| s.places[i].te + 6 >= c.head) {
                    places = vec![s.places[i]];
                } else if let Some(i) = after(c.head_end, clause.end) {
                    places = coordinated(s, refs, i, clause.end);
                }
            } else {
                actor1 = agent_before(lex, s, refs, &clause, c.head, fit)
                    .or_else(|| agent_from_previous_clause(lex, s, refs, &clause, mem, fit));
                actor2 = actor_in(lex, s, refs, c.head_end, clause.end, fit)
                    .filter(|a| actor1.is_none_or(|b| b.name != a.name));
                // "X was killed by a drone strike": with a noun trigger after a passive verb, the
                // subject is the target, not the agent.
                if c.noun {
                    if let Some(a1) = actor1 {
                        let at = s.actors.iter().find(|a| std::ptr::eq(a.item, a1));
                        let patient = at.is_some_and(|a| {
                            a.te <= c.head && any_cue_in(lex, s, refs, Cue::Passive, a.te, c.head)
                        });
                        if patient {
                            actor1 = None;
                            if actor2.is_none() {
                                actor2 = Some(a1);
                            }
                        }
                    }
                }
                if let Some(i) = including.and_then(|k| after(k, clause.end)) {
                    places = coordinated(s, refs, i, clause.end);
                } else if let Some(i) = after_head(c.trig.frame) {
                    places = if c.trig.frame == Frame::Terr {
                        coordinated(s, refs, i, clause.end)
                    } else {
                        vec![s.places[i]]
                    };
                } else if c.trig.frame == Frame::Act {
                    if let Some(i) = before_head_locative() {
                        places = vec![s.places[i]];
                    }
                }
            }
            // Inside an actor mention ("Russian bombers" as trigger): the actor is the agent.
            if let Some(a) = s
                .actors
                .iter()
                .find(|a| a.ts <= c.head && c.head_end <= a.te)
            {
                if actor1.is_none() {
                    actor1 = Some(a.item);
                }
            }
        }
    }
    // "the city was liberated": the last place named before it in the paragraph.
    if places.is_empty() && any_cue_in(lex, s, refs, Cue::DefPlace, clause.start, clause.end) {
        let abs = s.tokens[c.head].start;
        let para = ctx
            .layer
            .paragraphs
            .iter()
            .find(|p| p.start <= abs && abs <= p.end);
        if let Some(p) = ctx
            .places
            .iter()
            .filter(|p| p.end <= abs && para.is_some_and(|r| p.start >= r.start))
            .max_by_key(|p| p.start)
        {
            // The place is outside this sentence: no token context, precision of the place.
            forced_precision = Some(1);
            places.push(Loc {
                ts: c.head,
                te: c.head,
                item: p,
            });
        }
    }
    // "cocaine seized in Costa Rica", "seized documents", "seizure rates": goods, not
    // territory; weapons seized are disrupted weapons use (ACLED), other goods no event.
    let seize = refs[c.head].starts_with("captur") || refs[c.head].starts_with("seiz");
    let (mut goods, mut weapons) = (false, false);
    if terr_code(c.code) && seize {
        let before = c.head.saturating_sub(3).max(clause.start);
        let after = (c.head_end + 4).min(clause.end);
        let territory = any_cue_in(lex, s, refs, Cue::Territory, c.head_end, after)
            || s.places.iter().any(|p| p.ts == c.head_end);
        let cue = |k| {
            any_cue_in(lex, s, refs, k, before, c.head)
                || any_cue_in(lex, s, refs, k, c.head_end, after)
        };
        if !territory {
            goods = cue(Cue::NonTerritory);
            weapons = cue(Cue::Weapon);
        }
    }
    // "captured 800 fighters", "a woman captured by Kurdish forces": people, not territory.
    let mut people_code: Option<&'static str> = None;
    if terr_code(c.code) {
        let (lo, hi) = if passive
            || (c.head > clause.start
                && matches!(refs[c.head - 1], "we" | "they" | "he" | "she" | "it"))
        {
            (c.head.saturating_sub(5).max(clause.start), c.head)
        } else {
            (c.head_end, (c.head_end + 3).min(clause.end))
        };
        let person_named = s
            .actors
            .iter()
            .any(|a| a.item.kind == "person" && a.ts >= lo && a.te <= hi)
            || ctx.entities.iter().any(|e| {
                e.label == "PER"
                    && e.start >= s.tokens[lo.min(s.tokens.len() - 1)].start
                    && e.end <= s.tokens[hi.saturating_sub(1).max(lo).min(s.tokens.len() - 1)].end
            });
        // "seized 300 kilos": a number counts people only when no goods are named.
        let counted = !goods
            && !weapons
            && (lo..hi).any(|i| matches!(s.tokens[i].kind, sitrep_text::TokenKind::Number));
        let people = person_named
            || any_cue_in(lex, s, refs, Cue::Civilian, lo, hi)
            || any_cue_in(lex, s, refs, Cue::Combatant, lo, hi)
            || counted;
        let place_near = s.places.iter().any(|p| p.ts >= lo && p.te <= hi);
        let territory_word = any_cue_in(lex, s, refs, Cue::Territory, lo, hi);
        if people && !place_near && !territory_word {
            if seize {
                let state = actor1
                    .is_some_and(|a| matches!(a.kind.as_str(), "state_forces" | "government"));
                people_code = Some(if state || actor1.is_none() {
                    "ARREST"
                } else {
                    "ABDUCT_DISSAP"
                });
            } else {
                return;
            }
        }
    }
    if people_code.is_none() {
        if weapons {
            people_code = Some("DISR_WEAP");
        } else if goods {
            return;
        }
    }
    // "The Syrian military said it had reclaimed the town": the speaker is the agent.
    if actor1.is_none() && !passive {
        let speech = cue_matches(lex, s, refs, Cue::Speech, clause.start..c.head);
        if let Some(m) = speech.iter().find(|m| {
            refs[m.end..c.head]
                .iter()
                .take(2)
                .any(|t| matches!(*t, "it" | "they"))
        }) {
            actor1 = s
                .actors
                .iter()
                .rev()
                .find(|a| a.te <= m.start && a.ts >= clause.start && usable(a) && fit(a.item))
                .map(|a| a.item);
        }
    }
    let explicit_opponent = actor2.is_some();
    let is_battle = matches!(c.code, "TERR_GOV" | "TERR_NSA" | "ARMED_CLASH");
    // Passive battle with no agent: the actors of the paragraph's last battle.
    if actor1.is_none() && is_battle && passive {
        if let Some((a1, a2)) = mem.last_battle {
            actor1 = a1;
            if actor2.is_none() {
                actor2 = a2;
            }
        }
    }
    if is_battle && actor2.is_none() {
        if let Some(a1) = actor1 {
            actor2 = fallback_opponent(ctx, mem, a1, s.tokens[c.head].start);
        }
    }
    // Emission rules: a noun trigger needs a place; a territorial trigger needs a place or an
    // agent with a territory word; every event needs a place or an agent.
    if c.noun && forced_precision.is_none() {
        places.retain(|p| precision(lex, s, refs, p) < 3);
    }
    let terr = matches!(c.trig.frame, Frame::Terr | Frame::LossTo | Frame::FellTo);
    if places.is_empty() && matches!(c.code, "ARMED_CLASH" | "KILL") && !explicit_opponent {
        return;
    }
    // Killings counted over a period are a tally, not an event.
    if c.code == "KILL" && any_cue_in(lex, s, refs, Cue::Aggregate, clause.start, clause.end) {
        return;
    }
    // A noun with no actor at all is usually a generic mention ("terrorist attacks in the UK").
    if c.noun && actor1.is_none() && actor2.is_none() {
        return;
    }
    if places.is_empty() {
        if c.noun || actor1.is_none() {
            return;
        }
        let (lo, hi) = if passive {
            (clause.start, c.head)
        } else {
            (c.head_end, clause.end)
        };
        if terr && !any_cue_in(lex, s, refs, Cue::Territory, lo, hi) {
            return;
        }
    }
    // "signed", "deployed", "clashed": conflict events only between conflict actors.
    if c.trig.armed_only {
        let armed = |a: Option<&Actor>| {
            a.is_some_and(|a| {
                ARMED.contains(&a.kind.as_str()) || (armed_family(c.code) && a.kind == "government")
            })
        };
        // Unnamed fighters count: "600 soldiers were deployed", "rebels signed".
        let fighters = any_cue_in(lex, s, refs, Cue::Combatant, clause.start, clause.end);
        if !armed(actor1) && !armed(actor2) && !fighters {
            return;
        }
    }
    // "kidnapping statistics", "a warrant for his arrest", "10 kidnappings every day": no
    // single event.
    let near = c.head.saturating_sub(4).max(clause.start)..(c.head_end + 4).min(clause.end);
    if any_cue_in(lex, s, refs, Cue::Generic, near.start, near.end) {
        return;
    }
    let at = attribution(ctx, lex, s, refs, &clause, c, [actor1, actor2]);
    if at.irrealis {
        return;
    }
    let date = date_of(ctx, s, &clause, c.head);
    let (ev_start, ev_end) = (
        s.tokens[clause.start].start,
        s.tokens[clause.end.saturating_sub(1).max(clause.start)].end,
    );
    let text = ctx.layer.text;
    let evidence = Span::from_bytes(text, ev_start, ev_end);
    let _ = s.base;
    let mut emitted_code = None;
    let targets: Vec<Option<Loc<'a, Place>>> = if places.is_empty() {
        vec![None]
    } else {
        places.into_iter().map(Some).collect()
    };
    for p in targets {
        let country = p.as_ref().and_then(|p| p.item.country.as_deref());
        let code = people_code
            .unwrap_or_else(|| resolve_code(lex, s, refs, &clause, c, actor1, actor2, country));
        let Some(ty) = types::by_code(code) else {
            continue;
        };
        let location = p
            .as_ref()
            .map(|p| to_location(lex, s, refs, p, forced_precision));
        let dup = out.iter().any(|e| {
            e.sub_event_type == ty.sub_event_type
                && e.evidence.start == evidence.start
                && e.location.as_ref().map(|l| &l.name) == location.as_ref().map(|l| &l.name)
        });
        if dup {
            continue;
        }
        emitted_code = Some(code);
        out.push(Event {
            event_type: ty.event_type.to_string(),
            sub_event_type: ty.sub_event_type.to_string(),
            actor1: actor1.map(|a| a.name.clone()),
            actor2: actor2.map(|a| a.name.clone()),
            location,
            date: date.clone(),
            modality: at.modality.to_string(),
            source: at.source.clone(),
            via: at.via.clone(),
            evidence: evidence.clone(),
        });
    }
    if let Some(code) = emitted_code {
        if actor1.is_some() {
            mem.last_agent = actor1;
        }
        let battle = types::by_code(code).is_some_and(|t| t.event_type == "Battles");
        if battle && at.modality != "denied" {
            mem.last_battle = Some((actor1, actor2));
            if let (Some(a1), Some(a2)) = (actor1, actor2) {
                mem.opponents.insert(a1.name.clone(), a2);
            }
        }
    }
}
