//! Temporal expression recognition and TIMEX3 normalisation.
//!
//! [`extract`] scans the tokens of each sentence of a [`TextLayer`] with hand-written rules
//! (no regex, linear time: every rule looks at a bounded number of tokens from its start) and
//! returns non-overlapping [`TimeMention`]s with byte offsets, in text order. Word lists live in
//! `data/lexicon.tsv`.
//!
//! # Normalisation rules
//! * **Anchor**: relative expressions are resolved against the publication date. Without one,
//!   absolute expressions are still normalised and relative ones get an unresolved value
//!   (`XXXX-10`, `XXXX-WXX-3`, `XXXX-XX-XX`) and no range.
//! * **Tense**: the clause is *future* when, going back at most 40 tokens from the
//!   expression, a `future` word of the lexicon (*will*, *'ll*, *expected*, *set to*, …) comes
//!   before any `past` word (*was*, *took*, …) or lower-case `-ed` verb; *past* in the opposite
//!   case; unmarked otherwise. Reporting verbs (*said*, *told*) are neutral.
//! * **News (past) bias**:
//!   - a bare weekday is the last such day on or before publication; in a future clause the
//!     next one on or after it;
//!   - a bare month name after the publication month means last year, with two refinements
//!     learnt on the dev data (TimeBank): in a future clause (including an infinitive, *agreed
//!     to acquire the bank in January*) one of the next six months is upcoming, and in an
//!     unmarked clause one of the next two months is upcoming unless a past verb follows the
//!     month (*In January, the army launched …*);
//!   - a month+day without a year takes the nearest occurrence, a day ahead counting as two
//!     days back (six in a past clause), a day back counting as six ahead in a future clause;
//!   - a quarter without a year that has not started yet is last year's, unless future;
//!   - *a year ago/earlier* in a sentence about a quarter (or right after one) is that quarter
//!     a year before; *the quarter*, *the latest quarter* = the quarter containing the day 45
//!     days before publication (results are reported in the following weeks).
//! * **Numeric dates**: `2017-12-07` is ISO. In `a/b/yyyy` a part above 12 decides which is the
//!   day; when both are ≤ 12 the order is day/month (the international order; sitrep's sources
//!   are mostly not American).
//! * **Modifiers**: *early*/*mid*/*late*, *the beginning/middle/end of* give TIMEX3 mods
//!   `START`/`MID`/`END`, and the range is narrowed: months START = days 1–10, MID = 11–20,
//!   END = 21–end; years START = Jan–Apr, MID = May–Aug, END = Sep–Dec; decades START = years
//!   0–3, MID = 4–6, END = 7–9. *earlier/later this year* get `START`/`END` (TimeBank usage).
//! * **Weeks** are ISO weeks (`2017-W49`, range Monday–Sunday); decades are `199`, centuries
//!   `19`; TimeML references `PAST_REF`/`PRESENT_REF`/`FUTURE_REF`.
//! * **Extents** follow TimeBank: a leading *the* is part of *the third quarter*, *the past
//!   three weeks*, *the 1990s*, *the future*; signals (*by*, *in*, *as early as*) are not.
#![deny(missing_docs)]

mod calendar;
pub mod eval;
mod lexicon;

use calendar::{
    add_days, add_months, date, fmt_day, fmt_month, fmt_week, quarter_of, range_of, weekday_num,
};
use jiff::civil::Date;
use lexicon::{lookup, Class};
use sitrep_model::TimeMention;
use sitrep_text::{TextLayer, TokenKind};

/// Finds and normalises the temporal expressions of a text (byte offsets), anchored on
/// `published` when given.
pub fn extract(layer: &TextLayer, published: Option<jiff::civil::Date>) -> Vec<TimeMention> {
    let text = layer.text;
    let mut out = Vec::new();
    let mut sc = Scanner {
        t: Vec::new(),
        anchor: published,
        recent_quarter: None,
    };
    // The folded strings of the previous sentence's tokens, reused (no allocation per token).
    let mut pool: Vec<String> = Vec::new();
    for (sn, s) in layer.sentences.iter().enumerate() {
        // A quarter named in one of the two previous sentences stays the topic.
        let carried = sc.recent_quarter.filter(|q| sn <= q.2 + 2);
        sc.recent_quarter = carried;
        pool.extend(sc.t.drain(..).map(|t| t.s));
        for tok in layer.sentence_tokens(s) {
            split_token(text, tok.start, tok.end, tok.kind, &mut sc.t, &mut pool);
        }
        let n = sc.t.len();
        let mut i = 0;
        while i < n {
            match sc.match_at(i) {
                Some(c) if c.end > i => {
                    let (start, end) = (sc.t[i].start, sc.t[c.end - 1].end);
                    let range = range_of(&c.value, c.modifier.as_deref());
                    if let Some((y, q)) = c.value.split_once("-Q") {
                        if let (Ok(y), Ok(q)) = (y.parse(), q.parse()) {
                            sc.recent_quarter = Some((y, q, sn));
                        }
                    }
                    out.push(TimeMention {
                        text: text[start..end].to_string(),
                        start,
                        end,
                        kind: c.kind.to_string(),
                        value: c.value,
                        modifier: c.modifier,
                        range,
                    });
                    i = c.end;
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// A token piece: layer tokens are split at hyphens, before a possessive `'s` and before a
/// final period, so that `mid-October`, `third-quarter`, `Today's` and `Dec.` expose their parts.
#[derive(Debug, Clone)]
struct Tk {
    /// Folded (lower-case) text.
    s: String,
    start: usize,
    end: usize,
    /// First character upper-case.
    cap: bool,
    /// Starts with a digit.
    num: bool,
    /// Lexicon entries of `s`, looked up once.
    lex: &'static [(Class, &'static str)],
}

fn split_token(
    text: &str,
    start: usize,
    end: usize,
    kind: TokenKind,
    out: &mut Vec<Tk>,
    pool: &mut Vec<String>,
) {
    let raw = &text[start..end];
    let mut core_end = end;
    // At most two tail pieces: a possessive, then a final period.
    let mut period = None;
    let mut possessive = None;
    if kind == TokenKind::Word && raw.len() > 1 && raw.ends_with('.') {
        core_end -= 1;
        period = Some((core_end, end));
    }
    let core = &text[start..core_end];
    for suf in ["'s", "’s", "'S", "’S"] {
        if core.len() > suf.len() && core.ends_with(suf) {
            let p = core_end - suf.len();
            possessive = Some((p, core_end));
            core_end = p;
            break;
        }
    }
    let mut piece_start = start;
    let core = &text[start..core_end];
    // Only a token with a dash (ASCII `-` or one of the Unicode dashes, all starting with
    // byte 0xE2) is split.
    if core.bytes().any(|b| b == b'-' || b == 0xE2) {
        for (off, c) in core.char_indices() {
            let at = start + off;
            if matches!(c, '-' | '‐' | '‑' | '–')
                && at > piece_start
                && at + c.len_utf8() < core_end
            {
                push_piece(text, piece_start, at, out, pool);
                push_piece(text, at, at + c.len_utf8(), out, pool);
                piece_start = at + c.len_utf8();
            }
        }
    }
    push_piece(text, piece_start, core_end, out, pool);
    for (a, b) in possessive.into_iter().chain(period) {
        push_piece(text, a, b, out, pool);
    }
}

fn push_piece(text: &str, start: usize, end: usize, out: &mut Vec<Tk>, pool: &mut Vec<String>) {
    if start >= end {
        return;
    }
    let raw = &text[start..end];
    let mut s = pool.pop().unwrap_or_default();
    s.clear();
    sitrep_text::fold_into(raw, &mut s);
    if s == "–" {
        s.clear();
        s.push('-');
    }
    out.push(Tk {
        lex: lexicon::entries(&s),
        cap: raw.starts_with(char::is_uppercase),
        num: raw.starts_with(|c: char| c.is_ascii_digit()),
        s,
        start,
        end,
    });
}

/// A recognised expression: token range end (exclusive) and its TIMEX3 attributes.
#[derive(Debug, Clone)]
struct Cand {
    end: usize,
    kind: &'static str,
    value: String,
    modifier: Option<String>,
}

fn cand(end: usize, kind: &'static str, value: String) -> Option<Cand> {
    Some(Cand {
        end,
        kind,
        value,
        modifier: None,
    })
}

/// Prepositions after which a capitalised ambiguous month (`May`, `March`) or a bare number
/// of four digits is taken as a date.
const DATE_PREPS: &[&str] = &[
    "in",
    "of",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "through",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "-",
    "between",
    "and",
    "on",
    "for",
    "around",
    "throughout",
    "as",
    "past",
];

/// Month names that are also common words; they need a number next or a date preposition before.
const AMBIGUOUS_MONTHS: &[&str] = &["may", "march", "mar", "jan", "sun", "sat", "wed", "mon"];

/// How many tokens back the tense of a clause is looked for.
const TENSE_WINDOW: usize = 40;

/// Words that can start an expression without being in the lexicon.
const STARTERS: &[&str] = &[
    "the", "every", "each", "fiscal", "noon", "midnight", "more", "less", "fewer", "at", "up",
    "these", "right", "midday", "recent", "future", "near", "short", "long", "latest", "most",
];

/// [`STARTERS`] as a filter.
static STARTER_FILTER: std::sync::LazyLock<lexicon::WordFilter> =
    std::sync::LazyLock::new(|| lexicon::WordFilter::new(STARTERS.iter().copied()));

/// Whether `w` is one of the [`STARTERS`].
fn is_starter(w: &str) -> bool {
    STARTER_FILTER.may_contain(w) && STARTERS.contains(&w)
}

struct Scanner {
    t: Vec<Tk>,
    anchor: Option<Date>,
    /// The last quarter (year, quarter, sentence index) named in the document.
    recent_quarter: Option<(i32, i32, usize)>,
}

fn longest(a: Option<Cand>, b: Option<Cand>) -> Option<Cand> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.end > x.end { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

impl Scanner {
    fn w(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.s.as_str())
    }

    fn lx(&self, i: usize, class: Class) -> Option<&'static str> {
        let t = self.t.get(i)?;
        t.lex.iter().find(|(c, _)| *c == class).map(|(_, v)| *v)
    }

    fn int(&self, i: usize) -> Option<i64> {
        let t = self.t.get(i)?;
        if !t.num || !t.s.bytes().all(|b| b.is_ascii_digit()) || t.s.len() > 6 {
            return None;
        }
        t.s.parse().ok()
    }

    /// Day of month: `7`, `07`, `7th`.
    fn day_num(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if !t.num {
            return None;
        }
        let digits: String = t.s.chars().take_while(char::is_ascii_digit).collect();
        let rest = &t.s[digits.len()..];
        if !matches!(rest, "" | "st" | "nd" | "rd" | "th") || digits.len() > 2 {
            return None;
        }
        let d: i32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    fn year_num(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if t.s.len() != 4 || !t.s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = t.s.parse().ok()?;
        (1000..=2199).contains(&y).then_some(y)
    }

    fn adjacent(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Whether the clause before token `i` is in the future tense.
    fn future_ctx(&self, i: usize) -> bool {
        self.tense(i, false) == Some(true)
    }

    /// Whether token `k` (after "to") looks like a verb: a lower-case word that is no
    /// determiner.
    fn infinitive(&self, k: usize) -> bool {
        self.t.get(k).is_some_and(|t| {
            !t.cap
                && !t.num
                && t.s.chars().all(char::is_alphabetic)
                && !matches!(
                    t.s.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "this"
                        | "that"
                        | "these"
                        | "those"
                        | "some"
                        | "all"
                        | "our"
                        | "my"
                        | "your"
                        | "be"
                )
                && lookup(&t.s, Class::Month).is_none()
                && lookup(&t.s, Class::Num).is_none()
        })
    }

    /// The tense marker among the few tokens from `i` on (same conventions as [`Scanner::tense`]).
    fn tense_after(&self, i: usize) -> Option<bool> {
        for k in i..(i + 8).min(self.t.len()) {
            let w = self.w(k);
            if self.lx(k, Class::Future).is_some() || w.ends_with("'ll") {
                return Some(true);
            }
            if self.lx(k, Class::Past).is_some()
                || (w.len() > 4 && w.ends_with("ed") && !self.t[k].cap)
            {
                return Some(false);
            }
        }
        None
    }

    /// The tense of the clause before token `i`: the nearest marker going back in the
    /// sentence — `Some(true)` future, `Some(false)` past, `None` no marker.
    /// With `infinitive`, "to" + verb also marks the future (used for bare months only).
    fn tense(&self, i: usize, infinitive: bool) -> Option<bool> {
        // Bounded look-back keeps the scan linear on pathological sentences.
        for k in (i.saturating_sub(TENSE_WINDOW)..i).rev() {
            let w = self.w(k);
            if self.lx(k, Class::Future).is_some()
                || w.ends_with("'ll")
                || (w == "set" && self.w(k + 1) == "to")
                || (infinitive && w == "to" && self.infinitive(k + 1))
            {
                return Some(true);
            }
            if self.lx(k, Class::Past).is_some()
                || (w.len() > 4 && w.ends_with("ed") && !self.t[k].cap)
            {
                return Some(false);
            }
        }
        None
    }

    fn match_at(&self, i: usize) -> Option<Cand> {
        let t = self.t.get(i)?;
        // Cheap filter: most tokens start nothing. The `past`/`future` lists only mark the
        // tense of a clause (read by `tense`, never at an expression's start), so a word that
        // is only in them ("was", "will") starts nothing either.
        if t.lex
            .iter()
            .all(|(c, _)| matches!(c, Class::Past | Class::Future))
            && !t.num
            && !is_starter(&t.s)
        {
            let quarter = t.s.len() == 2 && t.s.starts_with('q');
            if !quarter && !t.s.starts_with('\'') {
                return None;
            }
        }
        // Function words start an expression only before a lexicon word or a number.
        if matches!(
            t.s.as_str(),
            "the" | "a" | "an" | "in" | "for" | "at" | "up" | "these"
        ) {
            let next = self.t.get(i + 1)?;
            if next.lex.is_empty() && !next.num && !is_starter(&next.s) && !next.s.starts_with('\'')
            {
                return None;
            }
        }
        let mut best = self.pmod(i);
        best = longest(best, self.date_core(i));
        best = longest(best, self.duration(i));
        best = longest(best, self.set(i));
        best = longest(best, self.reference(i));
        best
    }

    /// Calendar expressions that can take a point modifier.
    fn date_core(&self, i: usize) -> Option<Cand> {
        let mut best = self.month_expr(i);
        best = longest(best, self.day_month(i));
        best = longest(best, self.weekday_expr(i));
        best = longest(best, self.numeric(i));
        best = longest(best, self.relative(i));
        best = longest(best, self.quarter(i));
        best = longest(best, self.day_word(i));
        best = longest(best, self.decade(i));
        best = longest(best, self.part_of_day_of(i));
        best = longest(best, self.noon(i));
        best = longest(best, self.fiscal_year(i));
        best = longest(best, self.holiday(i));
        best = longest(best, self.anaphoric_quarter(i));
        best = longest(best, self.the_day(i));
        best = longest(best, self.weekend_season(i));
        best
    }

    /// `early September`, `mid-October`, `late 2016`, `the end of 1990`, `earlier this year`.
    fn pmod(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.w(j) == "the" {
            j += 1;
        }
        let word = self.w(j);
        let m = self.lx(j, Class::PMod)?;
        let mut k = j + 1;
        let phrase = matches!(word, "beginning" | "start" | "middle" | "end");
        if phrase {
            if j == i || self.w(k) != "of" {
                return None;
            }
            k += 1;
        } else if self.w(k) == "-" {
            k += 1;
        }
        if j > i && !phrase && !matches!(self.w(k), "the") && self.decade(k).is_none() {
            // "the" only before decades ("the late 1970s") or phrases.
            return None;
        }
        if matches!(word, "earlier" | "later") && j == i {
            if let Some(c) = self.day_word(k) {
                return Some(c);
            }
        }
        // "the end of the year": the current period.
        if phrase && self.w(k) == "the" {
            if let Some(u) = self.lx(k + 1, Class::Unit) {
                if !self.w(k + 1).ends_with('s') {
                    if let Some(v) = self.rel_unit(0, u) {
                        return Some(Cand {
                            end: k + 2,
                            kind: "DATE",
                            value: v,
                            modifier: Some(m.to_string()),
                        });
                    }
                }
            }
        }
        let mut inner = self.date_core(k)?;
        if inner.kind != "DATE" && inner.kind != "TIME" {
            return None;
        }
        if matches!(word, "earlier" | "later") && !matches!(self.w(k), "this" | "that") {
            return None;
        }
        if inner.value.ends_with("_REF") {
            return None;
        }
        inner.modifier = Some(m.to_string());
        Some(inner)
    }

    /// Month-first dates: `December 7, 2017`, `Dec. 7`, `March of 2012`, `July 1997`, `April`.
    fn month_expr(&self, i: usize) -> Option<Cand> {
        let t = self.t.get(i)?;
        let m: i32 = self.lx(i, Class::Month)?.parse().ok()?;
        if !t.cap {
            return None;
        }
        let raw_len = t.end - t.start;
        let is_abbrev = raw_len <= 4 && !matches!(t.s.as_str(), "may" | "june" | "july");
        let mut k = i + 1;
        if self.w(k) == "." {
            k += 1;
        } else if is_abbrev && t.s != "sept" && self.day_num(k).is_none() {
            return None;
        }
        // Day.
        if let Some(d) = self.day_num(k) {
            if self.w(k + 1) == "-" || self.w(k + 1) == ":" {
                return None;
            }
            let mut e = k + 1;
            let mut e2 = e;
            if self.w(e2) == "," {
                e2 += 1;
            }
            if let Some(y) = self.year_num(e2) {
                let dd = date(y, m, d)?;
                return cand(e2 + 1, "DATE", fmt_day(dd));
            }
            if self.w(e) == "," && self.w(e + 1).is_empty() {
                e = k + 1;
            }
            return cand(e, "DATE", self.month_day(i, m, d)?);
        }
        // Year.
        let mut e = k;
        if matches!(self.w(e), "," | "of") {
            e += 1;
        }
        if let Some(y) = self.year_num(e) {
            return cand(e + 1, "DATE", fmt_month(y, m));
        }
        // Alone.
        if AMBIGUOUS_MONTHS.contains(&t.s.as_str()) {
            let prev_ok = i > 0 && DATE_PREPS.contains(&self.w(i - 1));
            if !prev_ok {
                return None;
            }
        }
        cand(i + 1, "DATE", self.month_alone(i, m))
    }

    fn month_alone(&self, i: usize, m: i32) -> String {
        let Some(a) = self.anchor else {
            return format!("XXXX-{m:02}");
        };
        let (ay, am) = (i32::from(a.year()), i32::from(a.month()));
        // Future clause (including an infinitive: "agreed to acquire the bank in January") and
        // one of the next six months, or, without a tense marker before, one of the next two months unless a past verb
        // follows ("In January, the army launched ..."): upcoming.
        let ahead = (m - am).rem_euclid(12);
        let upcoming = match self.tense(i, true) {
            Some(f) => f && (1..=6).contains(&ahead),
            None => (1..=2).contains(&ahead) && self.tense_after(i + 1) != Some(false),
        };
        let y = if upcoming {
            if m < am {
                ay + 1
            } else {
                ay
            }
        } else if m > am {
            ay - 1
        } else {
            ay
        };
        fmt_month(y, m)
    }

    fn month_day(&self, i: usize, m: i32, d: i32) -> Option<String> {
        let Some(a) = self.anchor else {
            return Some(format!("XXXX-{m:02}-{d:02}"));
        };
        let ay = i32::from(a.year());
        let tense = self.tense(i, false);
        // The nearest occurrence, a day ahead counting as two days back (past bias), six in a
        // past clause; in a future clause a day back counts as six ahead.
        let cost = |c: Date| -> i64 {
            let days = i64::from((c - a).get_days());
            match (tense, days < 0) {
                (Some(true), true) => -6 * days,
                (_, true) => -days,
                (Some(false), false) => 6 * days,
                (_, false) => 2 * days,
            }
        };
        let best = [ay - 1, ay, ay + 1]
            .into_iter()
            .filter_map(|y| date(y, m, d))
            .min_by_key(|&c| cost(c))?;
        Some(fmt_day(best))
    }

    /// Day-first dates: `7 December 2017`, `7th of December`.
    fn day_month(&self, i: usize) -> Option<Cand> {
        let d = self.day_num(i)?;
        let mut k = i + 1;
        if self.w(k) == "of" {
            k += 1;
        }
        let t = self.t.get(k)?;
        let m: i32 = self.lx(k, Class::Month)?.parse().ok()?;
        if !t.cap {
            return None;
        }
        let mut e = k + 1;
        if self.w(e) == "." {
            e += 1;
        }
        let mut e2 = e;
        if self.w(e2) == "," {
            e2 += 1;
        }
        if let Some(y) = self.year_num(e2) {
            return cand(e2 + 1, "DATE", fmt_day(date(y, m, d)?));
        }
        let end = if self.w(k + 1) == "." { k + 1 } else { e };
        cand(end, "DATE", self.month_day(i, m, d)?)
    }

    /// `Wednesday`, `Monday, Dec. 4`, `Friday morning`.
    fn weekday_expr(&self, i: usize) -> Option<Cand> {
        let t = self.t.get(i)?;
        let wd: i64 = self.lx(i, Class::Weekday)?.parse().ok()?;
        if !t.cap {
            return None;
        }
        let abbrev = t.s.len() <= 4;
        let mut k = i + 1;
        if abbrev {
            if self.w(k) != "." {
                return None;
            }
            k += 1;
        }
        // Followed by an explicit date.
        let mut j = k;
        if self.w(j) == "," {
            j += 1;
        }
        if let Some(c) = longest(self.month_expr(j), self.day_month(j)) {
            if c.value.len() == 10 {
                return Some(c);
            }
        }
        let value = self.weekday_value(i, wd);
        if let Some(p) = self.lx(k, Class::Pod) {
            // "Friday night": a TIME with the part of day (TimeML).
            return cand(k + 1, "TIME", format!("{value}T{p}"));
        }
        cand(i + 1, "DATE", value)
    }

    fn weekday_value(&self, i: usize, wd: i64) -> String {
        let Some(a) = self.anchor else {
            return format!("XXXX-WXX-{wd}");
        };
        let cur = weekday_num(a);
        let d = if self.future_ctx(i) {
            add_days(a, (wd - cur).rem_euclid(7))
        } else {
            add_days(a, -(cur - wd).rem_euclid(7))
        };
        d.map_or_else(|| format!("XXXX-WXX-{wd}"), fmt_day)
    }

    /// Numbers: years, ISO and slash dates, clock times.
    fn numeric(&self, i: usize) -> Option<Cand> {
        let t = self.t.get(i)?;
        if !t.num {
            return None;
        }
        let s = t.s.as_str();
        // Clock time 10:30 [am|pm] [GMT]; glued "10pm", "10.30pm", "10:30pm".
        let (clock_part, glued) = match s.strip_suffix("am").or_else(|| s.strip_suffix("pm")) {
            Some(c) => (c, Some(&s[c.len()..])),
            None => (s, None),
        };
        let sep = clock_part
            .find(':')
            .or_else(|| glued.and_then(|_| clock_part.find('.')));
        let hm = match sep {
            Some(p) => Some((clock_part.get(..p)?, clock_part.get(p + 1..)?)),
            None => glued.map(|_| (clock_part, "00")),
        };
        if let Some((h, mm)) = hm {
            if mm.len() != 2 || h.is_empty() || h.len() > 2 {
                return None;
            }
            let (mut h, mm): (u32, u32) = (h.parse().ok()?, mm.parse().ok()?);
            if h > 24 || mm > 59 {
                return None;
            }
            if let Some(g) = glued {
                if h > 12 {
                    return None;
                }
                h = match (g, h) {
                    ("am", 12) => 0,
                    ("pm", h) if h < 12 => h + 12,
                    (_, h) => h,
                };
            }
            return self.clock(i, h, mm);
        }
        // Slash date.
        if s.contains('/') {
            let p: Vec<&str> = s.split('/').collect();
            if p.len() != 3 || p[2].len() != 4 {
                return None;
            }
            let (a, b, y): (i32, i32, i32) =
                (p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?);
            let (d, m) = if a > 12 {
                (a, b)
            } else if b > 12 {
                (b, a)
            } else {
                (a, b)
            };
            return cand(i + 1, "DATE", fmt_day(date(y, m, d)?));
        }
        if let Some(y) = self.year_num(i) {
            // ISO date 2017-12-07.
            if self.w(i + 1) == "-" && self.adjacent(i) && self.adjacent(i + 1) {
                let (m, d) = (self.int(i + 2), self.int(i + 4));
                if let (Some(m), Some(d), "-") = (m, d, self.w(i + 3)) {
                    if self.t[i + 2].s.len() == 2 && self.adjacent(i + 2) && self.adjacent(i + 3) {
                        let m = i32::try_from(m).ok()?;
                        let d = i32::try_from(d).ok()?;
                        return cand(i + 5, "DATE", fmt_day(date(y, m, d)?));
                    }
                }
                // "2012-13", "1990-1991": the first year (the range is not one timex).
                if self
                    .t
                    .get(i + 2)
                    .is_some_and(|t| t.num && matches!(t.s.len(), 2 | 4))
                    && self.w(i + 3) != "-"
                {
                    return cand(i + 1, "DATE", format!("{y:04}"));
                }
                return None;
            }
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            let next = self.w(i + 1);
            if matches!(prev, "$" | "€" | "£" | "no" | "number" | "#")
                || matches!(next, "%" | "percent" | "per" | ":")
            {
                return None;
            }
            if !(1900..=2100).contains(&y) && !DATE_PREPS.contains(&prev) {
                return None;
            }
            // "2000 troops": a quantity, unless "the 2016 elections" or "in 2000 troops".
            let t_next = self.t.get(i + 1);
            if t_next.is_some_and(|t| !t.cap && !t.num && t.s.len() > 3 && t.s.ends_with('s'))
                && !matches!(
                    next,
                    "was" | "has" | "this" | "always" | "thus" | "its" | "his"
                )
                && prev != "the"
                && !DATE_PREPS.contains(&prev)
            {
                return None;
            }
            return cand(i + 1, "DATE", format!("{y:04}"));
        }
        // 6 a.m.
        if let Some(h) = self.int(i) {
            if (1..=12).contains(&h) && matches!(self.w(i + 1), "am" | "pm" | "a.m" | "p.m") {
                return self.clock(i, u32::try_from(h).ok()?, 0);
            }
        }
        None
    }

    fn clock(&self, i: usize, mut h: u32, mm: u32) -> Option<Cand> {
        let mut e = i + 1;
        match self.w(e) {
            "am" | "a.m" => {
                if h == 12 {
                    h = 0;
                }
                e += 1;
            }
            "pm" | "p.m" => {
                if h < 12 {
                    h += 12;
                }
                e += 1;
            }
            _ => {}
        }
        if e > i + 1 && self.w(e) == "." && e + 1 < self.t.len() {
            e += 1;
        }
        let mut zone = "";
        match self.w(e) {
            "gmt" | "utc" => {
                zone = "Z";
                e += 1;
            }
            "est" | "edt" | "cet" | "bst" | "et" => e += 1,
            _ => {}
        }
        let mut day = self
            .anchor
            .map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day);
        // "12:00 UTC Monday", "6 a.m. today", "noon Thursday": one mention.
        let mut k = e;
        // "10 pm on Friday": the day gives the date, but stays a mention of its own.
        let on = self.w(k) == "on";
        if on {
            k += 1;
        }
        if let Some(c) = longest(self.weekday_expr(k), self.day_word(k))
            .or_else(|| longest(self.month_expr(k), self.day_month(k)))
        {
            if c.value.len() == 10 {
                day = c.value;
                if !on {
                    e = c.end;
                }
            }
        }
        cand(e, "TIME", format!("{day}T{h:02}:{mm:02}{zone}"))
    }

    /// `noon`, `midnight` (with a day after them).
    fn noon(&self, i: usize) -> Option<Cand> {
        let h = match self.w(i) {
            "noon" | "midday" => 12,
            "midnight" => 24,
            _ => return None,
        };
        let c = self.clock(i, h, 0)?;
        if c.end == i + 1
            && !matches!(
                self.w(i.wrapping_sub(1)),
                "at" | "by" | "until" | "before" | "after"
            )
        {
            return None;
        }
        let v = c.value.replace("T24:00", "T24");
        cand(c.end, "TIME", v)
    }

    /// `this week`, `last month`, `next year`, `last Friday`, `this morning`, `the past three
    /// weeks`, `past decade`.
    fn relative(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.w(j) == "the";
        if the {
            j += 1;
        }
        // "this past week" = "last week"
        let this_past = self.w(j) == "this" && self.w(j + 1) == "past";
        if this_past {
            j += 1;
        }
        let rw = if this_past { "last" } else { self.w(j) };
        let off: i32 = self.lx(j, Class::Rel)?.parse().ok()?;
        let k = j + 1;
        // "the past three weeks": a duration.
        if let Some(c) = self.duration_at(k) {
            if c.kind == "DURATION"
                && matches!(
                    rw,
                    "past" | "last" | "next" | "coming" | "first" | "previous" | "following"
                )
            {
                return Some(c);
            }
        }
        if the && matches!(rw, "this" | "next") {
            return None;
        }
        if let Some(u) = self.lx(k, Class::Unit) {
            if self.w(k).ends_with('s') {
                return None;
            }
            if rw == "past" {
                let v = dur_value(Some(1.0), u);
                return cand(k + 1, "DURATION", v);
            }
            if rw == "this" && u == "D" {
                // "to this day"
                return cand(k + 1, "DATE", "PRESENT_REF".into());
            }
            return cand(k + 1, "DATE", self.rel_unit(off, u)?);
        }
        let a = self.anchor;
        if let Some(m) = self.lx(k, Class::Month) {
            let m: i32 = m.parse().ok()?;
            if !self.t[k].cap {
                return None;
            }
            // "this Dec. 19": the date itself is found from the month on.
            let mut d = k + 1;
            if self.w(d) == "." {
                d += 1;
            }
            if self.day_num(d).is_some() {
                return None;
            }
            let v = match a {
                Some(a) => {
                    let (ay, am) = (i32::from(a.year()), i32::from(a.month()));
                    let y = match off {
                        0 => ay,
                        o if o < 0 => {
                            if m < am {
                                ay
                            } else {
                                ay - 1
                            }
                        }
                        _ => {
                            if m > am {
                                ay
                            } else {
                                ay + 1
                            }
                        }
                    };
                    fmt_month(y, m)
                }
                None => format!("XXXX-{m:02}"),
            };
            return cand(k + 1, "DATE", v);
        }
        if let Some(wd) = self.lx(k, Class::Weekday) {
            let wd: i64 = wd.parse().ok()?;
            let v = match a {
                Some(a) => {
                    let cur = weekday_num(a);
                    let d = match off {
                        0 => add_days(a, wd - cur),
                        o if o < 0 => add_days(a, -((cur - wd - 1).rem_euclid(7) + 1)),
                        _ => add_days(a, (wd - cur - 1).rem_euclid(7) + 1),
                    };
                    fmt_day(d?)
                }
                None => format!("XXXX-WXX-{wd}"),
            };
            return cand(k + 1, "DATE", v);
        }
        if let Some(season) = self.lx(k, Class::Season) {
            let v = match a {
                Some(a) => {
                    let (ay, am) = (i32::from(a.year()), i32::from(a.month()));
                    let end_month = match season {
                        "SP" => 5,
                        "SU" => 8,
                        "FA" => 11,
                        _ => 2,
                    };
                    let y = match off {
                        0 => ay,
                        o if o < 0 => {
                            if end_month < am {
                                ay
                            } else {
                                ay - 1
                            }
                        }
                        _ => {
                            if end_month < am {
                                ay + 1
                            } else {
                                ay
                            }
                        }
                    };
                    format!("{y:04}-{season}")
                }
                None => format!("XXXX-{season}"),
            };
            return cand(k + 1, "DATE", v);
        }
        if let Some(p) = self.lx(k, Class::Pod) {
            if the {
                return None;
            }
            let day = match (rw, p) {
                ("last", "NI") => a.and_then(|a| add_days(a, -1)),
                ("this", _) => a,
                _ => return None,
            };
            let v = day.map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day);
            return cand(k + 1, "TIME", format!("{v}T{p}"));
        }
        None
    }

    fn rel_unit(&self, off: i32, u: &str) -> Option<String> {
        let Some(a) = self.anchor else {
            return Some(
                match u {
                    "Y" => "XXXX",
                    "M" => "XXXX-XX",
                    "W" => "XXXX-WXX",
                    "WE" => "XXXX-WXX-WE",
                    "DE" => "XXX",
                    "Q" => "XXXX-QX",
                    "D" => "XXXX-XX-XX",
                    _ => return None,
                }
                .to_string(),
            );
        };
        let (ay, am) = (i32::from(a.year()), i32::from(a.month()));
        Some(match u {
            "Y" => format!("{:04}", ay + off),
            "M" => {
                let (y, m) = add_months(ay, am, off);
                fmt_month(y, m)
            }
            "W" => fmt_week(add_days(a, 7 * i64::from(off))?),
            "WE" => format!("{}-WE", fmt_week(add_days(a, 7 * i64::from(off))?)),
            "DE" => format!("{:03}", ay / 10 + off),
            "Q" => {
                let q = quarter_of(am) + off;
                let y = ay + (q - 1).div_euclid(4);
                format!("{y:04}-Q{}", (q - 1).rem_euclid(4) + 1)
            }
            "CE" => format!("{:02}", ay / 100 + off),
            "D" => fmt_day(add_days(a, i64::from(off))?),
            _ => return None,
        })
    }

    /// `today`, `yesterday`, `tonight`, `yesterday morning`.
    fn day_word(&self, i: usize) -> Option<Cand> {
        let off: i64 = self.lx(i, Class::Day)?.parse().ok()?;
        let v = match self.anchor {
            Some(a) => fmt_day(add_days(a, off)?),
            None => "XXXX-XX-XX".to_string(),
        };
        if self.w(i) != "tonight" {
            if let Some(p) = self.lx(i + 1, Class::Pod) {
                return cand(i + 2, "TIME", format!("{v}T{p}"));
            }
        }
        cand(i + 1, "DATE", v)
    }

    /// `the third quarter`, `third-quarter`, `the fiscal first quarter`, `Q3 2017`, `the first
    /// half of 2017`, `the 1988 third quarter`, `this year's third quarter`, `the final quarter
    /// of last year`.
    fn quarter(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.w(j) == "the";
        if the {
            j += 1;
        }
        let mut year: Option<String> = None;
        // "this year's", "next year's"
        if let (Some(off), "year", "'s") = (self.lx(j, Class::Rel), self.w(j + 1), self.w(j + 2)) {
            year = Some(self.rel_unit(off.parse().ok()?, "Y")?);
            j += 3;
        } else if let Some(y) = self.year_num(j) {
            year = Some(format!("{y:04}"));
            j += 1;
        }
        if self.w(j) == "fiscal" {
            j += 1;
        }
        let (n, letter, mut e) = if let Some(q) = self.w(j).strip_prefix('q') {
            let n: i32 = q.parse().ok()?;
            (n, 'Q', j + 1)
        } else {
            let n: i32 = self.lx(j, Class::Ord)?.parse().ok()?;
            let mut k = j + 1;
            if self.w(k) == "-" {
                k += 1;
                if the && year.is_none() {
                    // "the third-quarter results": the article belongs to the noun.
                    return None;
                }
            }
            if self.w(k) == "fiscal" {
                k += 1;
            }
            let letter = match self.w(k) {
                "quarter" => 'Q',
                "half" => 'H',
                _ => return None,
            };
            (n, letter, k + 1)
        };
        let max = if letter == 'Q' { 4 } else { 2 };
        let n = if n == -1 { max } else { n };
        if !(1..=max).contains(&n) {
            return None;
        }
        let mut k = e;
        if self.w(k) == "of" {
            k += 1;
            if matches!(self.w(k), "fiscal" | "the") {
                k += 1;
            }
        }
        if year.is_none() {
            if let Some(y) = self.year_num(k) {
                year = Some(format!("{y:04}"));
                e = k + 1;
            } else if let (Some(off), "year") = (self.lx(k, Class::Rel), self.w(k + 1)) {
                if k > e {
                    year = Some(self.rel_unit(off.parse().ok()?, "Y")?);
                    e = k + 2;
                }
            }
        }
        let y = match (year, self.anchor) {
            (Some(y), _) => y,
            (None, Some(a)) => {
                // Past bias: a quarter that has not started yet is last year's, unless the
                // clause is in the future.
                let (ay, am) = (i32::from(a.year()), i32::from(a.month()));
                let cur = if letter == 'Q' {
                    quarter_of(am)
                } else {
                    (am - 1) / 6 + 1
                };
                let y = if n > cur && !self.future_ctx(i) {
                    ay - 1
                } else {
                    ay
                };
                format!("{y:04}")
            }
            (None, None) => "XXXX".to_string(),
        };
        cand(e, "DATE", format!("{y}-{letter}{n}"))
    }

    /// `Christmas`, `New Year's Day`, `Thanksgiving` (+ optional year).
    fn holiday(&self, i: usize) -> Option<Cand> {
        if !self.t.get(i)?.cap {
            return None;
        }
        let (e, value) = lexicon::HOLIDAYS.iter().find_map(|(ws, v)| {
            let mut p = i;
            for w in ws {
                match w.strip_suffix("'s") {
                    Some(base) if self.w(p) == base && self.w(p + 1) == "'s" => p += 2,
                    _ if self.w(p) == *w => p += 1,
                    _ => return None,
                }
            }
            Some((p, *v))
        })?;
        let (m, d) = value.split_once('-')?;
        let m: i32 = m.parse().ok()?;
        let mut e = e;
        let year = if let Some(y) = self.year_num(e) {
            e += 1;
            Some(y)
        } else {
            None
        };
        let day_in = |y: i32| -> Option<Date> {
            match d.strip_prefix("TH") {
                Some(nth) => {
                    let nth: i8 = nth.parse().ok()?;
                    date(y, m, 1)?
                        .nth_weekday_of_month(nth, jiff::civil::Weekday::Thursday)
                        .ok()
                }
                None => date(y, m, d.parse().ok()?),
            }
        };
        let v = match (year, self.anchor) {
            (Some(y), _) => fmt_day(day_in(y)?),
            (None, Some(a)) => {
                let ay = i32::from(a.year());
                let c = day_in(ay)?;
                let future = self.future_ctx(i);
                let y = if c > a && !future {
                    ay - 1
                } else if c < a && future {
                    ay + 1
                } else {
                    ay
                };
                fmt_day(day_in(y)?)
            }
            (None, None) => match d.strip_prefix("TH") {
                Some(_) => format!("XXXX-{m:02}-XX"),
                None => format!("XXXX-{m:02}-{d}"),
            },
        };
        cand(e, "DATE", v)
    }

    /// `the weekend`, `this weekend`, `the summer`, `summer 2016`, `the early summer`.
    fn weekend_season(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.w(j) == "the";
        if the {
            j += 1;
        }
        let a = self.anchor;
        if self.w(j) == "weekend" && the {
            let v = match a {
                Some(a) => {
                    let wd = weekday_num(a);
                    let back = wd < 5 && !self.future_ctx(i);
                    let d = add_days(a, if back { -7 } else { 0 })?;
                    format!("{}-WE", fmt_week(d))
                }
                None => "XXXX-WXX-WE".to_string(),
            };
            return cand(j + 1, "DATE", v);
        }
        let mut modifier = None;
        if the {
            if let Some(m) = self.lx(j, Class::PMod) {
                if matches!(self.w(j), "early" | "late" | "mid") {
                    modifier = Some(m.to_string());
                    j += 1;
                    if self.w(j) == "-" {
                        j += 1;
                    }
                }
            }
        }
        let season = self.lx(j, Class::Season)?;
        let mut e = j + 1;
        let mut k = e;
        if self.w(k) == "of" {
            k += 1;
        }
        let y = if let Some(y) = self.year_num(k) {
            e = k + 1;
            y
        } else {
            // "in spring", "by autumn": a bare season after a preposition, not before a noun
            // ("the spring offensive").
            let after_prep =
                i > 0 && matches!(self.w(i - 1), "in" | "by" | "during" | "until" | "since");
            let noun_next = self
                .t
                .get(e)
                .is_some_and(|t| !t.cap && !t.num && t.s.len() > 1);
            if !(the || after_prep) || self.w(j) == "fall" || noun_next {
                return None;
            }
            let a = a?;
            let (ay, am) = (i32::from(a.year()), i32::from(a.month()));
            let start = match season {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            if start > am && !self.future_ctx(i) {
                ay - 1
            } else {
                ay
            }
        };
        Some(Cand {
            end: e,
            kind: "DATE",
            value: format!("{y:04}-{season}"),
            modifier,
        })
    }

    /// `the quarter`, `the latest quarter`, `the year-ago quarter`, `the year-earlier quarter`:
    /// the quarter being reported on (TimeBank business news).
    fn anaphoric_quarter(&self, i: usize) -> Option<Cand> {
        if self.w(i) != "the" {
            return None;
        }
        let mut k = i + 1;
        let mut back = 0;
        match (self.w(k), self.w(k + 1), self.w(k + 2)) {
            ("latest" | "most", _, _) => {
                k += 1;
                if self.w(k) == "recent" {
                    k += 1;
                }
            }
            ("year", "-", "ago" | "earlier") => {
                back = 1;
                k += 3;
            }
            _ => {}
        }
        // "the latest period" is the quarter too; "the year-ago period" as well.
        let period = self.w(k) == "period" && (k > i + 1);
        if self.w(k) != "quarter" && !period {
            return None;
        }
        let (y, q) = last_quarter(self.anchor?);
        cand(k + 1, "DATE", format!("{:04}-Q{q}", y - back))
    }

    /// `for the day`, `ending the day`: the publication day (market reports).
    fn the_day(&self, i: usize) -> Option<Cand> {
        if self.w(i) != "the" || self.w(i + 1) != "day" || i == 0 {
            return None;
        }
        if !matches!(
            self.w(i - 1),
            "end" | "ended" | "ending" | "ends" | "finish" | "finished" | "for" | "during"
        ) || matches!(self.w(i + 2), "before" | "after" | "of" | "'s" | "-")
        {
            return None;
        }
        let v = self
            .anchor
            .map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day);
        cand(i + 2, "DATE", v)
    }

    /// `fiscal 1989`, `the year 2000`.
    fn fiscal_year(&self, i: usize) -> Option<Cand> {
        let k = match (self.w(i), self.w(i + 1)) {
            ("fiscal", "year") => i + 2,
            ("fiscal", _) => i + 1,
            ("the", "year") => i + 2,
            _ => return None,
        };
        let y = self.year_num(k)?;
        cand(k + 1, "DATE", format!("{y:04}"))
    }

    /// `the 1990s`, `1990s`, `the 20th century`.
    fn decade(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.w(j) == "the" {
            j += 1;
        }
        let s = self.w(j);
        if let Some(d) = s.strip_prefix('\'').and_then(|r| r.strip_suffix('s')) {
            if d.len() == 2 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()) {
                return cand(j + 1, "DATE", format!("19{}", &d[..1]));
            }
        }
        if let Some(d) = s.strip_suffix('s') {
            if d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()) {
                if d.len() == 4 {
                    return cand(j + 1, "DATE", d[..3].to_string());
                }
                // "the '90s", "the 70s": twentieth century.
                if d.len() == 2 && (j > i || self.w(j.wrapping_sub(1)) == "'") {
                    return cand(j + 1, "DATE", format!("19{}", &d[..1]));
                }
            }
        }
        if s == "'" && j > i {
            let c = self.decade(j + 1)?;
            return cand(c.end, "DATE", c.value);
        }
        if self.w(j + 1) == "century" && (j > i || self.t.get(j).is_some_and(|t| t.num)) {
            let n: i32 = self
                .t
                .get(j)?
                .s
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .ok()
                .or_else(|| self.lx(j, Class::Ord).and_then(|o| o.parse().ok()))?;
            if (1..=22).contains(&n) {
                return cand(j + 2, "DATE", format!("{:02}", n - 1));
            }
        }
        None
    }

    /// `the night of 3 March`.
    fn part_of_day_of(&self, i: usize) -> Option<Cand> {
        if self.w(i) != "the" || self.w(i + 2) != "of" {
            return None;
        }
        let p = self.lx(i + 1, Class::Pod)?;
        let c = longest(self.month_expr(i + 3), self.day_month(i + 3))?;
        if c.value.len() != 10 {
            return None;
        }
        cand(c.end, "TIME", format!("{}T{p}", c.value))
    }

    /// Durations and the dates they make with `ago`: `two years`, `48 hours`, `the past three
    /// weeks` (via [`Scanner::relative`]), `about a decade`, `two-year`, `a year ago`.
    fn duration(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut modifier = None;
        // Quantity modifiers.
        let two = match (self.w(j), self.w(j + 1)) {
            ("more", "than") => Some("MORE_THAN"),
            ("less" | "fewer", "than") => Some("LESS_THAN"),
            ("at", "least") => Some("EQUAL_OR_MORE"),
            ("up", "to") | ("at", "most") => Some("EQUAL_OR_LESS"),
            _ => None,
        };
        if let Some(m) = two {
            modifier = Some(m);
            j += 2;
        } else if let Some(m) = self.lx(j, Class::QMod) {
            if self.w(j) != "some" || self.number(j + 1).is_some() {
                modifier = Some(m);
                j += 1;
            }
        }
        let mut c = if self.w(j) == "the" {
            let k = j + 1;
            if self.lx(k, Class::Ord).is_some() && self.number(k + 1).is_some() {
                // the first nine months
                self.duration_at(k + 1)?
            } else if matches!(self.w(k), "a" | "an") || self.w(k + 1) == "-" {
                // "the two-week truce": the article belongs to the noun.
                return None;
            } else {
                self.duration_at(k)?
            }
        } else {
            self.duration_at(j)?
        };
        if j > i {
            // the modifier must touch the number
            c.modifier = modifier.map(str::to_string);
        }
        if modifier.is_some() && c.kind != "DURATION" && c.kind != "DATE" {
            return None;
        }
        Some(c)
    }

    /// Number + unit from token `k`.
    fn duration_at(&self, k: usize) -> Option<Cand> {
        let (n, mut e) = self.number(k)?;
        if self.w(e) == "-" {
            e += 1;
        }
        if self.lx(e, Class::Skip).is_some() && self.lx(e + 1, Class::Unit).is_some() {
            e += 1;
        }
        let u = self.lx(e, Class::Unit)?;
        let unit_word = self.w(e);
        if n == Some(1.0) && unit_word.ends_with('s') && !matches!(self.w(k), "one" | "1") {
            return None;
        }
        if unit_word.starts_with("second")
            && (matches!(self.w(k), "a" | "an") || matches!(self.w(e + 1), "quarter" | "half"))
        {
            return None;
        }
        if u == "Q"
            && (self.year_num(k).is_some()
                || matches!(self.w(k), "a" | "an")
                || self.w(e - 1) == "-")
        {
            return None;
        }
        e += 1;
        // Ages are not timexes in TimeBank: "6-year-old", "52 years old".
        if matches!(self.w(e), "old") || (self.w(e) == "-" && self.w(e + 1) == "old") {
            return None;
        }
        if self.w(e) == "-" && self.w(e + 1) == "long" {
            e += 2;
        }
        if let Some(dir) = self.lx(e, Class::Ago) {
            let dir: i32 = dir.parse().ok()?;
            if matches!(self.w(e), "ago" | "earlier" | "later") {
                return cand(e + 1, "DATE", self.shifted(n, u, dir));
            }
        }
        cand(e, "DURATION", dur_value(n, u))
    }

    /// The quarter a sentence reports on: the `third quarter` / `third-quarter` it mentions
    /// (in the anchor's year), else the last quarter ended when the sentence mentions
    /// `quarter` without an ordinal.
    fn reported_quarter(&self) -> Option<(i32, i32)> {
        let a = self.anchor?;
        let Some(k) = self.t.iter().take(200).position(|t| t.s == "quarter") else {
            return self.recent_quarter.map(|(y, q, _)| (y, q));
        };
        let mut j = k.checked_sub(1)?;
        if self.w(j) == "-" {
            j = j.checked_sub(1)?;
        }
        let ay = i32::from(a.year());
        match self.lx(j, Class::Ord).and_then(|o| o.parse::<i32>().ok()) {
            Some(q) if (1..=4).contains(&q) => Some((ay, q)),
            _ => Some(last_quarter(a)),
        }
    }

    /// The date `n` units before/after the anchor, at the unit's granularity.
    fn shifted(&self, n: Option<f64>, u: &str, dir: i32) -> String {
        let reference = if dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
        let (Some(a), Some(n)) = (self.anchor, n) else {
            return reference.to_string();
        };
        if n.fract() != 0.0 || !(0.0..=5000.0).contains(&n) {
            return reference.to_string();
        }
        let n = n as i32 * dir;
        let (ay, am) = (i32::from(a.year()), i32::from(a.month()));
        let v = match u {
            // "profit rose from a year ago" in a sentence about a quarter: that quarter a
            // year before (TimeBank).
            "Y" if self.reported_quarter().is_some() => self
                .reported_quarter()
                .map(|(y, q)| format!("{:04}-Q{q}", y + n)),
            "Y" => Some(format!("{:04}", ay + n)),
            "DE" => Some(format!("{:04}", ay + 10 * n)),
            "CE" => Some(format!("{:02}", (ay + 100 * n) / 100)),
            "M" => {
                let (y, m) = add_months(ay, am, n);
                Some(fmt_month(y, m))
            }
            // "two weeks ago": the day (TimeBank mostly gives the day, not the ISO week).
            "W" => add_days(a, 7 * i64::from(n)).map(fmt_day),
            "D" => add_days(a, i64::from(n)).map(fmt_day),
            _ => None,
        };
        v.unwrap_or_else(|| reference.to_string())
    }

    /// A quantity: digits, `5 1/2`, number words (`twenty-four`), `a`, `a few`, `several`.
    /// `None` value = vague (`X`).
    fn number(&self, i: usize) -> Option<(Option<f64>, usize)> {
        let t = self.t.get(i)?;
        if t.num {
            let s = t.s.replace(',', "");
            let v: f64 = s.parse().ok()?;
            if let Some((a, b)) = self.w(i + 1).split_once('/') {
                if let (Ok(a), Ok(b)) = (a.parse::<f64>(), b.parse::<f64>()) {
                    if b > 0.0 {
                        return Some((Some(v + a / b), i + 2));
                    }
                }
            }
            return Some((Some(v), i + 1));
        }
        match (t.s.as_str(), self.w(i + 1), self.w(i + 2)) {
            ("a", "couple", "of") => return Some((Some(2.0), i + 3)),
            ("a", "few", _) => return Some((None, i + 2)),
            ("a", "dozen", _) => return Some((Some(12.0), i + 2)),
            ("a" | "an", "half", _) => return None,
            _ => {}
        }
        let v = self.lx(i, Class::Num)?;
        if v == "X" {
            if t.s == "some" || t.s == "many" {
                return None;
            }
            return Some((None, i + 1));
        }
        let mut v: f64 = v.parse().ok()?;
        let mut e = i + 1;
        if (20.0..100.0).contains(&v) && v % 10.0 == 0.0 {
            let mut k = e;
            if self.w(k) == "-" {
                k += 1;
            }
            if let Some(u) = self.lx(k, Class::Num).and_then(|u| u.parse::<f64>().ok()) {
                if u < 10.0 && !matches!(self.w(k), "a" | "an") {
                    v += u;
                    e = k + 1;
                }
            }
        }
        Some((Some(v), e))
    }

    /// `every week`, `each Monday`, `daily`, `annual`.
    fn set(&self, i: usize) -> Option<Cand> {
        if let Some(v) = self.lx(i, Class::Set) {
            return cand(i + 1, "SET", v.to_string());
        }
        if !matches!(self.w(i), "every" | "each") {
            return None;
        }
        let mut k = i + 1;
        if self.w(k) == "other" {
            let u = self.lx(k + 1, Class::Unit)?;
            return cand(k + 2, "SET", dur_value(Some(2.0), u));
        }
        if let Some(wd) = self.lx(k, Class::Weekday) {
            return cand(k + 1, "SET", format!("XXXX-WXX-{wd}"));
        }
        if let Some(p) = self.lx(k, Class::Pod) {
            return cand(k + 1, "SET", format!("TXX{p}"));
        }
        let mut n = Some(1.0);
        if let Some((q, e)) = self.number(k) {
            n = q;
            k = e;
        }
        let u = self.lx(k, Class::Unit)?;
        cand(k + 1, "SET", dur_value(n, u))
    }

    /// TimeML references: `now`, `recently`, `the past`, `the future`, `recent years`.
    fn reference(&self, i: usize) -> Option<Cand> {
        let two = match (self.w(i), self.w(i + 1)) {
            ("the", "past") => cand(i + 2, "DATE", "PAST_REF".into()),
            ("the", "future") => cand(i + 2, "DATE", "FUTURE_REF".into()),
            ("these", "days") => cand(i + 2, "DATE", "PRESENT_REF".into()),
            ("right", "now") => cand(i + 2, "DATE", "PRESENT_REF".into()),
            ("the", "near" | "short" | "long") => match (self.w(i + 2), self.w(i + 3)) {
                ("future" | "term", _) => cand(i + 3, "DATE", "FUTURE_REF".into()),
                // "in the short-term", not "the short-term extension"
                ("-", "term")
                    if self
                        .t
                        .get(i + 4)
                        .is_none_or(|t| t.cap || t.num || t.s.len() == 1) =>
                {
                    cand(i + 4, "DATE", "FUTURE_REF".into())
                }
                _ => None,
            },
            // "recent years": TimeBank annotates a vague duration (PXY) twice as often as
            // PAST_REF, so follow the dev data; "past years" stays a reference.
            ("recent", u) if u.ends_with('s') => {
                let unit = self.lx(i + 1, Class::Unit)?;
                cand(i + 2, "DURATION", dur_value(None, unit))
            }
            ("past", u) if u.ends_with('s') && self.lx(i + 1, Class::Unit).is_some() => {
                cand(i + 2, "DATE", "PAST_REF".into())
            }
            ("coming", u) if u.ends_with('s') => {
                let unit = self.lx(i + 1, Class::Unit)?;
                cand(i + 2, "DURATION", dur_value(None, unit))
            }
            ("current", _) => cand(i + 1, "DATE", "PRESENT_REF".into()),
            _ => None,
        };
        two.or_else(|| cand(i + 1, "DATE", self.lx(i, Class::Ref)?.to_string()))
            .or_else(|| self.vague_plural(i))
    }

    /// "for years", "within weeks", "for centuries", "in the days before": a bare plural unit
    /// after a preposition of duration (or between "the" and "before"/"after"/"that") is a
    /// vague duration (TimeBank: `PXY`); elsewhere ("years of war") it is not.
    fn vague_plural(&self, i: usize) -> Option<Cand> {
        let u = self.lx(i, Class::Unit)?;
        let w = self.w(i);
        if i == 0
            || !w.ends_with('s')
            || matches!(u, "WE" | "Q" | "FN")
            || matches!(self.w(i + 1), "of" | "old" | "ago" | "-" | "'s")
            || !(matches!(self.w(i - 1), "for" | "within" | "in")
                || (self.w(i - 1) == "the"
                    && matches!(
                        self.w(i + 1),
                        "before" | "after" | "that" | "since" | "following" | "leading" | "ahead"
                    )))
        {
            return None;
        }
        cand(i + 1, "DURATION", dur_value(None, u))
    }
}

/// The quarter reported on around the anchor: the one containing the day 45 days before it
/// (news of a quarter's results comes out in the following weeks).
fn last_quarter(a: Date) -> (i32, i32) {
    let d = add_days(a, -45).unwrap_or(a);
    (i32::from(d.year()), quarter_of(i32::from(d.month())))
}

/// A TIMEX3 duration value: `P2Y`, `PT48H`, `P10Y` for a decade, `PXY` when vague.
fn dur_value(n: Option<f64>, u: &str) -> String {
    let Some(n) = n else {
        return match u {
            "H" => "PTXH".into(),
            "MIN" => "PTXM".into(),
            "S" => "PTXS".into(),
            "DE" | "CE" => "PXY".into(),
            "WE" => "PXWE".into(),
            "FN" => "PXW".into(),
            u => format!("PX{u}"),
        };
    };
    let num = |x: f64| {
        if x.fract() == 0.0 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        }
    };
    match u {
        "H" if n.fract() == 0.5 => format!("PT{}H30M", n.trunc() as i64),
        "Y" if n.fract() == 0.5 => format!("P{}Y6M", n.trunc() as i64),
        "H" => format!("PT{}H", num(n)),
        "MIN" => format!("PT{}M", num(n)),
        "S" => format!("PT{}S", num(n)),
        "DE" => format!("P{}Y", num(n * 10.0)),
        "CE" => format!("P{}Y", num(n * 100.0)),
        "FN" => format!("P{}W", num(n * 2.0)),
        "WE" => format!("P{}WE", num(n)),
        u => format!("P{}{u}", num(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, published: Option<&str>) -> Vec<TimeMention> {
        let layer = TextLayer::new(text);
        let ms = extract(&layer, published.and_then(|p| p.parse().ok()));
        for m in &ms {
            assert_eq!(&text[m.start..m.end], m.text);
        }
        ms
    }

    /// (sentence, expected mention text, type, value, mod), published Thursday 2017-12-07.
    #[rustfmt::skip]
    const CASES: &[(&str, &str, &str, &str, Option<&str>)] = &[
        // explicit dates
        ("The attack happened on 7 December 2017 near Idlib.", "7 December 2017", "DATE", "2017-12-07", None),
        ("It was signed on December 7, 2017 in Sochi.", "December 7, 2017", "DATE", "2017-12-07", None),
        ("Troops left on Dec. 7, 2017 after the truce.", "Dec. 7, 2017", "DATE", "2017-12-07", None),
        ("The report is dated 2017-12-07 in the archive.", "2017-12-07", "DATE", "2017-12-07", None),
        ("The convoy was hit on 07/12/2017 at dawn.", "07/12/2017", "DATE", "2017-12-07", None),
        ("The convoy was hit on 12/25/2016 at dawn.", "12/25/2016", "DATE", "2016-12-25", None),
        ("Fighting resumed on 25/12/2016 at dawn.", "25/12/2016", "DATE", "2016-12-25", None),
        ("Rebels took the town on 3 March.", "3 March", "DATE", "2017-03-03", None),
        ("The vote is on December 15.", "December 15", "DATE", "2017-12-15", None),
        // months, years, modifiers
        ("Clashes broke out in October.", "October", "DATE", "2017-10", None),
        ("Clashes broke out in February.", "February", "DATE", "2017-02", None),
        ("The offensive began in early September.", "early September", "DATE", "2017-09", Some("START")),
        ("Raqqa fell in mid-October.", "mid-October", "DATE", "2017-10", Some("MID")),
        ("The group was formed in late 2016.", "late 2016", "DATE", "2016", Some("END")),
        ("The city was liberated by early November.", "early November", "DATE", "2017-11", Some("START")),
        ("Reports surfaced as early as March of 2012.", "March of 2012", "DATE", "2012-03", None),
        ("ISIS emerged in 2013 in Syria.", "2013", "DATE", "2013", None),
        ("The war of the 1990s left scars.", "the 1990s", "DATE", "199", None),
        ("Militias grew in the late 1970s.", "the late 1970s", "DATE", "197", Some("END")),
        ("Talks resume at the end of the year.", "the end of the year", "DATE", "2017", Some("END")),
        // deictic
        ("The ministry said yesterday that 12 died.", "yesterday", "DATE", "2017-12-06", None),
        ("Officials will meet tomorrow in Geneva.", "tomorrow", "DATE", "2017-12-08", None),
        ("The curfew starts tonight.", "tonight", "DATE", "2017-12-07", None),
        ("A second wave of strikes hit this week.", "this week", "DATE", "2017-W49", None),
        ("The army advanced last month.", "last month", "DATE", "2017-11", None),
        ("The army advanced last year.", "last year", "DATE", "2016", None),
        ("The envoy arrives next week.", "next week", "DATE", "2017-W50", None),
        ("Elections are due next year.", "next year", "DATE", "2018", None),
        ("The vote was held last Friday.", "last Friday", "DATE", "2017-12-01", None),
        ("Shelling resumed this morning.", "this morning", "TIME", "2017-12-07TMO", None),
        ("Gunmen attacked the base last night.", "last night", "TIME", "2017-12-06TNI", None),
        // weekdays: past bias unless future tense
        ("The statement was issued Wednesday.", "Wednesday", "DATE", "2017-12-06", None),
        ("The statement was issued Friday.", "Friday", "DATE", "2017-12-01", None),
        ("The minister will visit Moscow on Friday.", "Friday", "DATE", "2017-12-08", None),
        ("The council said it will vote on Monday.", "Monday", "DATE", "2017-12-11", None),
        ("Three soldiers died on Monday, Dec. 4, 2017 in Deir Ezzor.", "Monday, Dec. 4, 2017", "DATE", "2017-12-04", None),
        // references
        ("There is no front line now.", "now", "DATE", "PRESENT_REF", None),
        ("The town was recently retaken.", "recently", "DATE", "PAST_REF", None),
        ("Attacks have grown in recent years.", "recent years", "DURATION", "PXY", None),
        ("Peace may come in the future.", "the future", "DATE", "FUTURE_REF", None),
        // durations
        ("The siege lasted two years.", "two years", "DURATION", "P2Y", None),
        ("The ceasefire held for 48 hours.", "48 hours", "DURATION", "PT48H", None),
        ("Over the past three weeks the front moved.", "the past three weeks", "DURATION", "P3W", None),
        ("It signed a two-year deal.", "two-year", "DURATION", "P2Y", None),
        ("The war has lasted about a decade.", "about a decade", "DURATION", "P10Y", Some("APPROX")),
        ("He was held for more than six months.", "more than six months", "DURATION", "P6M", Some("MORE_THAN")),
        ("Fighting raged for twenty-four hours.", "twenty-four hours", "DURATION", "PT24H", None),
        ("They fled a year ago.", "a year ago", "DATE", "2016", None),
        ("They fled three days ago.", "three days ago", "DATE", "2017-12-04", None),
        // sets
        ("Convoys arrive every week.", "every week", "SET", "P1W", None),
        ("Patrols run daily along the border.", "daily", "SET", "P1D", None),
        ("The annual report was published.", "annual", "SET", "P1Y", None),
        ("Markets close every Friday.", "every Friday", "SET", "XXXX-WXX-5", None),
        // times
        ("The blast occurred at 10:30 am local time.", "10:30 am", "TIME", "2017-12-07T10:30", None),
        ("Sirens sounded at 6 p.m. in the capital.", "6 p.m.", "TIME", "2017-12-07T18:00", None),
        ("Jets struck at 14:00 GMT on the airport.", "14:00 GMT", "TIME", "2017-12-07T14:00Z", None),
        ("Rockets fell on the night of 3 March in Afrin.", "the night of 3 March", "TIME", "2017-03-03TNI", None),
        // quarters
        ("Oil output fell in the third quarter.", "the third quarter", "DATE", "2017-Q3", None),
        ("Third-quarter profit rose.", "Third-quarter", "DATE", "2017-Q3", None),
        ("Exports fell in the first quarter of 2016.", "the first quarter of 2016", "DATE", "2016-Q1", None),
    ];

    /// More cases, one per line.
    #[rustfmt::skip]
    const MORE_CASES: &[(&str, &str, &str, &str, Option<&str>)] = &[
        ("The army advanced this past week.", "this past week", "DATE", "2017-W48", None),
        ("The offensive stalled in spring.", "spring", "DATE", "2017-SP", None),
        ("The scars remain to this day.", "this day", "DATE", "PRESENT_REF", None),
        ("He gave the two-week truce a chance.", "two-week", "DURATION", "P2W", None),
        ("The strike came at 10.30pm on Friday.", "10.30pm", "TIME", "2017-12-01T22:30", None),
        ("The strike came at 10.30pm on Friday.", "Friday", "DATE", "2017-12-01", None),
        ("The curfew begins at 9pm.", "9pm", "TIME", "2017-12-07T21:00", None),
        ("The strike came at 12:15 a.m. GMT.", "12:15 a.m. GMT", "TIME", "2017-12-07T00:15Z", None),
        ("It was founded in 2012-13 by veterans.", "2012", "DATE", "2012", None),
        ("They left the previous day.", "the previous day", "DATE", "2017-12-06", None),
        ("Gunmen had watched the house in the weeks before the raid.", "weeks", "DURATION", "PXW", None),
        ("Aleppo was besieged for years.", "years", "DURATION", "PXY", None),
        ("Both sides suffered losses over the weekend.", "the weekend", "DATE", "2017-W48-WE", None),
        ("Aid arrived on Christmas Day.", "Christmas Day", "DATE", "2016-12-25", None),
        ("The talks resume after New Year's Day.", "New Year's Day", "DATE", "2017-01-01", None),
        ("The deal will close in January.", "January", "DATE", "2018-01", None),
        ("In January, the army launched an offensive.", "January", "DATE", "2017-01", None),
        ("Elections are expected in January.", "January", "DATE", "2018-01", None),
        ("The fighting ended the summer of 2014.", "the summer of 2014", "DATE", "2014-SU", None),
        ("Shelling continued late Wednesday.", "late Wednesday", "DATE", "2017-12-06", Some("END")),
        ("Rebels withdrew in the mid-1990s.", "the mid-1990s", "DATE", "199", Some("MID")),
        ("The UN has warned of famine since the 20th century.", "the 20th century", "DATE", "19", None),
    ];

    #[test]
    fn sentences_with_publication_date() {
        let mut failures = Vec::new();
        for (sentence, text, kind, value, modifier) in CASES.iter().chain(MORE_CASES) {
            let ms = run(sentence, Some("2017-12-07"));
            let got = ms.iter().find(|m| m.text == *text);
            let ok = got.is_some_and(|m| {
                m.kind == *kind && m.value == *value && m.modifier.as_deref() == *modifier
            });
            if !ok {
                failures.push(format!(
                    "{sentence:?}: want {text:?} {kind} {value} {modifier:?}, got {ms:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn non_timexes_are_ignored() {
        for sentence in [
            "May God protect them, said the imam.",
            "Thousands march in the capital.",
            "The 6-year-old boy was wounded.",
            "The Sun reported 2000 troops.",
            "He paid $2017 for the rifle.",
            "Years of war have destroyed the city.",
            "The short-term extension passed.",
            "Rebels prepared the spring offensive.",
            "A second convoy arrived.",
        ] {
            let ms = run(sentence, Some("2017-12-07"));
            assert!(ms.is_empty(), "{sentence:?}: {ms:?}");
        }
    }

    #[test]
    fn unresolved_without_anchor() {
        let cases = [
            ("Fighting erupted in October.", "October", "XXXX-10"),
            ("The raid happened on Wednesday.", "Wednesday", "XXXX-WXX-3"),
            ("The raid happened yesterday.", "yesterday", "XXXX-XX-XX"),
            ("The raid happened last year.", "last year", "XXXX"),
            (
                "The raid happened on 7 December 2017.",
                "7 December 2017",
                "2017-12-07",
            ),
        ];
        for (sentence, text, value) in cases {
            let ms = run(sentence, None);
            let m = ms.iter().find(|m| m.text == text);
            assert_eq!(
                m.map(|m| m.value.as_str()),
                Some(value),
                "{sentence:?}: {ms:?}"
            );
            let resolved = !value.contains('X');
            assert_eq!(m.and_then(|m| m.range).is_some(), resolved, "{sentence}");
        }
    }

    #[test]
    fn ranges_follow_mods() {
        let ms = run("The group was formed in late 2016.", Some("2017-12-07"));
        let d = |s: &str| s.parse::<Date>().ok();
        assert_eq!(
            ms.first()
                .and_then(|m| m.range)
                .map(|r| (Some(r[0]), Some(r[1]))),
            Some((d("2016-09-01"), d("2016-12-31")))
        );
    }

    #[test]
    fn bad_input_does_not_panic() {
        for s in [
            "31/02/2017 was no date",
            "On 2017-13-45 nothing",
            "February 30, 2016",
            "99:99 pm",
            "the",
            "early",
            "mid-",
            "last",
            "every",
            "'",
            "the '",
            "Q9 2017",
            "5 1/0 hours",
        ] {
            let _ = run(s, Some("2017-12-07"));
            let _ = run(s, None);
        }
    }
}
