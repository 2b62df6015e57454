//! Quotes and reported speech: direct quotes attached to an adjacent cue, indirect speech around
//! cue verbs ("X said that …", "…, X said", "according to X, …"), sources resolved through
//! titles and pronouns, relays (outlets, agencies) nearest first.

use crate::dict::{CueClass, DICT};
use crate::find::strip_possessive;
use sitrep_model::{Actor, Entity, Quote, Relay, Source, Span};
use sitrep_text::{fold, QuotePair, TextLayer, TokenKind};

/// Words skipped between a source and its cue ("he also said", "officials have said").
const SKIP_BEFORE_CUE: &[&str] = &[
    "also",
    "further",
    "later",
    "then",
    "again",
    "has",
    "have",
    "had",
    "would",
    "will",
    "did",
    "does",
    "do",
    "reportedly",
    "previously",
    "repeatedly",
    "recently",
    "once",
    "often",
    "publicly",
    "privately",
    "subsequently",
    "now",
    "just",
    "initially",
    "separately",
    "similarly",
    "not",
    "n't",
    "never",
    "still",
    "even",
    "only",
    "first",
    "last",
    "quickly",
    "already",
    "could",
    "might",
    "may",
    "should",
    "must",
    "can",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "long",
    "correctly",
    "flatly",
    "angrily",
    "openly",
    "explicitly",
    "clearly",
    "simply",
    "immediately",
    "earlier",
    "told",
    "personally",
    "frequently",
    "always",
    "widely",
    "broadly",
    "generally",
    "officially",
    "formally",
    "can't",
    "cannot",
    "didn't",
    "don't",
    "doesn't",
    "won't",
    "wouldn't",
    "couldn't",
    "isn't",
    "wasn't",
    "hasn't",
    "haven't",
    "hadn't",
    "shouldn't",
];

/// Question words and forms of "be": a clause of its own begins at them.
const WH_OR_BE: &[&str] = &[
    "how", "what", "why", "whether", "who", "which", "when", "where", "if", "is", "was", "be",
    "are", "were",
];

/// Day names.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Besides day names, times of day, which head time adjuncts, not sources.
const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "hours",
    "minutes",
    "days",
];

/// Words that cannot be a source on their own.
const STRIP_ONLY: &[&str] = &[
    "so", "while", "having", "but", "and", "then", "yet", "now", "when",
];

/// Words that end a source noun phrase when scanning backwards from a cue.
const NP_BOUNDARY: &[&str] = &[
    "that", "but", "and", "or", "while", "because", "when", "after", "before", "as", "if",
    "although", "though", "since", "so", "where", "whereas", "until", "unless", "than", "in", "on",
    "at", "during", "with", "for", "from", "to", "by", "about", "into", "over", "under", "like",
    "said", "says", "say", "told", "also", "however", "yet", "whether", "what", "how", "why",
    "then",
];

/// Determiners: a cue word right after one is a noun ("his claims", "the report").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
    "whose", "no", "any", "some", "every", "each", "such", "more", "most", "many", "of", "to",
    "will", "would", "could", "should", "might", "must", "can", "may", "not",
];

/// Besides day names, words that open an adjunct after a cue ("said in comments published by
/// RT"), not content.
const ADJUNCT_START: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "to",
    "about",
    "while",
    "with",
    "from",
    "via",
    "through",
    "last",
    "this",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "afterwards",
    "when",
];

/// A day name or a time of day ([`WEEKDAYS`], [`TIME_WORDS`]).
fn is_time_word(w: &str) -> bool {
    WEEKDAYS.contains(&w) || TIME_WORDS.contains(&w)
}

/// A word that opens an adjunct ([`ADJUNCT_START`] or a day name).
fn is_adjunct_start(w: &str) -> bool {
    ADJUNCT_START.contains(&w) || WEEKDAYS.contains(&w)
}

const PRONOUNS_PERSON: &[&str] = &["he", "she", "him", "her"];

/// Subject pronouns before a contracted "’s" ("he’s saying").
const PRONOUNS_SUBJECT: &[&str] = &["he", "she", "it", "that", "who", "there", "what"];

/// Auxiliaries and negation, after which a cue word is still a verb ("will say", "did not
/// comment").
const MODALS: &[&str] = &[
    "will", "would", "could", "should", "might", "must", "can", "may", "not",
];

#[derive(Debug, Clone)]
struct Cand {
    content: (usize, usize),
    direct: bool,
    cue: Option<(usize, usize)>,
    source: Option<(usize, usize)>,
    /// Byte offset the relays are measured from.
    anchor: usize,
    /// The part of the content that blocks other attributions (default: all of it); a content
    /// extended over ", and …" still lets a cue after the comma start its own attribution.
    core: Option<(usize, usize)>,
}

impl Cand {
    /// The same cue and source over the direct quotation `q` (a quotation that continues an
    /// attribution).
    fn quoting(&self, q: &QuotePair) -> Cand {
        Cand {
            content: (q.content.start, q.content.end),
            direct: true,
            cue: self.cue,
            source: self.source,
            anchor: self.anchor,
            core: None,
        }
    }
}

struct Ctx<'a> {
    text: &'a str,
    layer: &'a TextLayer<'a>,
    low: Vec<String>,
    cue: Vec<Option<CueClass>>,
    /// Sentence index of every token.
    sent_of: Vec<usize>,
    /// For the last token of a multi-word cue ("made it clear"), its first token.
    phrase_start: Vec<Option<usize>>,
    /// Byte ranges of the contents of double quotes of 3+ words.
    quoted: Vec<(usize, usize)>,
    /// The layer's quotation pairs plus ''…'' pairs.
    quotes: Vec<QuotePair>,
    /// Token ranges of title-case headlines and subheadings ("Conservative Icon Morton
    /// Blackwell Endorses Ted Cruz"), where capitalised cue words are verbs.
    title: Vec<std::ops::Range<usize>>,
}

impl Ctx<'_> {
    fn w(&self, i: usize) -> &str {
        self.low.get(i).map_or("", String::as_str)
    }
    fn raw(&self, i: usize) -> &str {
        self.layer.tokens[i].text(self.text)
    }
    fn is_punct(&self, i: usize) -> bool {
        self.layer.tokens[i].kind == TokenKind::Punct
    }
    fn sent_range(&self, i: usize) -> std::ops::Range<usize> {
        self.layer.sentences[self.sent_of[i]].tokens.clone()
    }
    fn in_quote(&self, b: usize) -> bool {
        self.quoted.iter().any(|&(s, e)| s <= b && b < e)
    }
    fn capitalised(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn span(&self, a: usize, b: usize) -> (usize, usize) {
        (self.layer.tokens[a].start, self.layer.tokens[b].end)
    }
}

/// Quotes of a text (byte offsets), in order of their content.
pub(crate) fn find_quotes(layer: &TextLayer, entities: &[Entity], actors: &[Actor]) -> Vec<Quote> {
    let _ = entities;
    let text = layer.text;
    let dict = &*DICT;
    let n = layer.tokens.len();
    if n == 0 {
        return Vec::new();
    }
    let low: Vec<String> = layer.tokens.iter().map(|t| fold(t.text(text))).collect();
    let mut cue: Vec<Option<CueClass>> = low.iter().map(|w| dict.cues.get(w).copied()).collect();
    let mut phrase_start = vec![None; n];
    for i in 0..n {
        let Some(phrases) = dict.phrase_cues.get(&low[i]) else {
            continue;
        };
        for (words, class) in phrases {
            let j = i + words.len() - 1;
            if j < n && (0..words.len()).all(|k| low[i + k] == words[k]) {
                cue[j] = Some(*class);
                phrase_start[j] = Some(i);
                break;
            }
        }
    }
    // "A court document filed Thursday says …", "New polls released Sunday showed …": a
    // participle after a noun, followed by the clause's own cue, modifies the source.
    for i in 1..n {
        if cue[i].is_none()
            || !PARTICIPLE_MODIFIERS.contains(&low[i].as_str())
            || layer.tokens[i - 1].kind != TokenKind::Word
            || DETERMINERS.contains(&low[i - 1].as_str())
            || matches!(
                low[i - 1].as_str(),
                "he" | "she" | "they" | "it" | "we" | "i" | "who"
            )
        {
            continue;
        }
        // "In a statement released shortly after …, Cruz said": a participle inside a
        // prepositional phrase modifies its noun and reports nothing.
        let in_pp = (i.saturating_sub(12)..i.saturating_sub(2)).any(|k| {
            matches!(
                low[k].as_str(),
                "in" | "on" | "at" | "from" | "with" | "under" | "into" | "through"
            ) && matches!(
                low[k + 1].as_str(),
                "a" | "an" | "the" | "his" | "her" | "their" | "its"
            ) && (k + 2..i).all(|m| {
                layer.tokens[m].kind != TokenKind::Punct
                    || matches!(
                        layer.tokens[m].text(text),
                        "/" | "-" | "&" | "." | "’" | "'"
                    )
            })
        });
        if in_pp {
            cue[i] = None;
            continue;
        }
        let later = (i + 1..n.min(i + 8))
            .take_while(|&k| layer.tokens[k].kind != TokenKind::Punct)
            .any(|k| {
                matches!(
                    cue[k],
                    Some(CueClass::Speech | CueClass::Belief | CueClass::Tell)
                ) && !PARTICIPLE_MODIFIERS.contains(&low[k].as_str())
                    && !low[k].ends_with("ing")
            });
        if later {
            cue[i] = None;
        }
    }
    let mut sent_of = vec![0; n];
    for (si, s) in layer.sentences.iter().enumerate() {
        for t in s.tokens.clone() {
            if let Some(x) = sent_of.get_mut(t) {
                *x = si;
            }
        }
    }
    let quotes = with_doubled_apostrophes(text, layer);
    let quoted = quotes
        .iter()
        .filter(|q| q.double && text[q.content.clone()].split_whitespace().count() >= 3)
        .map(|q| (q.content.start, q.content.end))
        .collect();
    let title = title_headline(text, layer);
    let cx = Ctx {
        text,
        layer,
        low,
        cue,
        sent_of,
        phrase_start,
        quoted,
        quotes,
        title,
    };
    let mut cands: Vec<Cand> = Vec::new();
    headline(&cx, &mut cands);
    direct_quotes(&cx, &mut cands);
    indirect(&cx, &mut cands);
    nominal(&cx, &mut cands);
    in_source(&cx, &mut cands);
    speaker_labels(&cx, &mut cands);
    continuation_quotes(&cx, &mut cands);
    cands.sort_by_key(|c| c.content.0);
    cands
        .into_iter()
        .filter(|c| c.content.0 < c.content.1)
        .map(|c| to_quote(&cx, actors, &c))
        .collect()
}

/// The layer's quotation pairs plus pairs of doubled apostrophes (''…'', a newspaper convention
/// the text layer does not pair), in order of their opening marks.
fn with_doubled_apostrophes(text: &str, layer: &TextLayer) -> Vec<QuotePair> {
    let mut out = layer.quotes.clone();
    if !text.contains("''") {
        return out;
    }
    for p in &layer.paragraphs {
        let pt = &text[p.clone()];
        let marks: Vec<usize> = pt.match_indices("''").map(|(i, _)| p.start + i).collect();
        let mut k = 0;
        while k + 1 < marks.len() {
            let (o, c) = (marks[k], marks[k + 1]);
            if c >= o + 2 {
                let inner = &text[o + 2..c];
                let lead = inner.len() - inner.trim_start().len();
                let trail = inner.len() - inner.trim_end().len();
                if inner.trim().is_empty() {
                    k += 1;
                    continue;
                }
                out.push(QuotePair {
                    open: o + 1,
                    close: c + 1,
                    content: o + 2 + lead..c - trail,
                    double: true,
                    multi_paragraph: false,
                });
            }
            k += 2;
        }
    }
    out.sort_by_key(|q| q.open);
    out
}

/// Tokens of the short title-case paragraphs (headline, subheadings).
fn title_headline(text: &str, layer: &TextLayer) -> Vec<std::ops::Range<usize>> {
    layer
        .paragraphs
        .iter()
        .map(|p| title_paragraph(text, layer, p.clone()))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The token range of paragraph `p` when it is a short title-case line, else empty.
fn title_paragraph(
    text: &str,
    layer: &TextLayer,
    p: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let t0 = layer.token_at_or_after(p.start);
    let t1 = layer.token_at_or_after(p.end).min(layer.tokens.len());
    if t1 <= t0 || t1 - t0 > 30 {
        return 0..0;
    }
    let words: Vec<&str> = layer.tokens[t0..t1]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text(text))
        .filter(|w| w.chars().count() > 3)
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if words.len() >= 3 && caps * 10 >= words.len() * 9 {
        t0..t1
    } else {
        0..0
    }
}

/// Byte offset of a quotation's opening mark: `open` itself, or the first apostrophe of a
/// doubled ''…'' opening (whose pair records the second).
fn mark_start(text: &str, open: usize) -> usize {
    if open > 0 && text[..open].ends_with('\'') && text[open..].starts_with('\'') {
        open - 1
    } else {
        open
    }
}

fn claimed(cands: &[Cand], s: usize, e: usize) -> bool {
    cands.iter().any(|c| {
        let ov = |r: (usize, usize)| r.0 < e && s < r.1;
        ov(c.core.unwrap_or(c.content)) || c.cue.is_some_and(ov) || c.source.is_some_and(ov)
    })
}

/// A headline "Graham: Trump’s rhetoric is destroying the party" (the first paragraph, a short
/// capitalised name before a colon) attributes the rest to the name.
fn headline(cx: &Ctx, cands: &mut Vec<Cand>) {
    let layer = cx.layer;
    let Some(p) = layer.paragraphs.first() else {
        return;
    };
    let mut t0 = layer.token_at_or_after(p.start);
    let t_end = layer.token_at_or_after(p.end);
    if t_end <= t0 || t_end - t0 > 40 {
        return;
    }
    // "EXCLUSIVE – Roger Stone: …": a rubric and a dash before the name.
    if t0 + 2 < t_end
        && HEADLINE_RUBRICS.contains(&cx.w(t0))
        && matches!(cx.raw(t0 + 1), "–" | "—" | "-" | "―")
    {
        t0 += 2;
    }
    let Some(colon) = (t0..t_end.min(t0 + 6)).find(|&k| cx.raw(k) == ":") else {
        return;
    };
    // "Clinton to Planned Parenthood: …", "Former AG Mukasey at RNC: …": short linking words
    // may join the capitalised words; an addressee after "to" is not part of the source.
    if colon == t0
        || !cx.capitalised(t0)
        || !(t0..colon)
            .all(|k| cx.capitalised(k) || cx.raw(k) == "." || HEADLINE_LINKS.contains(&cx.w(k)))
    {
        return;
    }
    let src_end = (t0 + 1..colon).find(|&k| cx.w(k) == "to").unwrap_or(colon);
    let mut e = t_end;
    while e > colon + 1 && matches!(cx.raw(e - 1), "." | "!" | "?") {
        e -= 1;
    }
    if e <= colon + 2 {
        return;
    }
    if (t0..colon).any(|k| HEADLINE_RUBRICS.contains(&cx.w(k))) {
        return;
    }
    let content = cx.span(colon + 1, e - 1);
    if cx.text[content.0..content.1].starts_with(['“', '"']) {
        return; // a quotation: `direct_quotes` attributes it through the colon
    }
    cands.push(Cand {
        content,
        direct: false,
        cue: Some(cx.span(colon, colon)),
        source: Some(cx.span(t0, src_end - 1)),
        anchor: layer.tokens[colon].start,
        core: None,
    });
}

/// Lower-case words allowed inside a headline speaker ("Clinton to Planned Parenthood:").
const HEADLINE_LINKS: &[&str] = &["to", "at", "on", "in", "of", "and", "for"];

/// Direct quotes: a quotation followed by "…,” X said" / "…,” said X" or preceded by "X said:".
fn direct_quotes(cx: &Ctx, cands: &mut Vec<Cand>) {
    let layer = cx.layer;
    let toks = &layer.tokens;
    for q in &cx.quotes {
        if !q.double || q.content.is_empty() {
            continue;
        }
        let words = cx.text[q.content.clone()].split_whitespace().count();
        let close_end = q.close + cx.text[q.close..].chars().next().map_or(1, char::len_utf8);
        let content = (q.content.start, q.content.end);
        // Inside a longer quotation: part of it.
        if cx
            .quoted
            .iter()
            .any(|&(s, e)| s < content.0 && content.1 <= e || s <= content.0 && content.1 < e)
        {
            continue;
        }
        if in_reported_clause(cx, q) {
            continue;
        }
        let a = layer.token_at_or_after(close_end);
        let close_tok = layer.token_at_or_after(q.close).min(toks.len() - 1);
        let mut found: Option<Cand> = None;
        // “… missing.” Trump said. — the splitter may start a new sentence after the mark.
        let short_next = a < toks.len()
            && cx.sent_of[a] == cx.sent_of[close_tok] + 1
            && cx.sent_range(a).start == a
            && cx.sent_range(a).len() <= 8
            && cx.layer.sentences[cx.sent_of[a]].paragraph
                == cx.layer.sentences[cx.sent_of[close_tok]].paragraph
            && cx
                .sent_range(a)
                .any(|k| matches!(cx.cue[k], Some(CueClass::Speech | CueClass::Tell)));
        if a < toks.len() && (cx.sent_of[a] == cx.sent_of[close_tok] || short_next) {
            found = after_quote(cx, a, content);
            if let (Some(c), Some(s)) = (found.as_mut(), mixed_lead(cx, q)) {
                // "The new plans “will not solve this challenge,” she said": the content runs
                // from the start of the sentence through the closing mark.
                c.content = (s, close_end);
                c.direct = false;
            }
        }
        let mut lead = None;
        if found.is_none() {
            found = before_quote(cx, mark_start(cx.text, q.open), content);
            lead = found.as_ref().and_then(|c| interrupted_lead(cx, c, q.open));
        }
        match found {
            Some(c) => {
                cands.push(c);
                cands.extend(lead);
            }
            None if words >= 3 => {
                // Unattributed for now; continuation_quotes may attach it.
            }
            None => {}
        }
    }
    // Second parts of interrupted quotes: “A,” he said, “B.” — B shares A's cue and source.
    let firsts: Vec<Cand> = cands.clone();
    for q in &cx.quotes {
        if !q.double || q.content.is_empty() || claimed(cands, q.content.start, q.content.end) {
            continue;
        }
        let before = cx.text[..mark_start(cx.text, q.open)].trim_end();
        if !before.ends_with(',') {
            continue;
        }
        let b = before.len() - 1;
        if let Some(c) = firsts
            .iter()
            .find(|c| c.cue.is_some_and(|cu| cu.1 <= b && b - cu.1 < 40) && c.content.1 < q.open)
        {
            let gap = &cx.text[c.cue.map_or(b, |cu| cu.1)..b];
            if gap.contains('.') || gap.contains('“') || gap.contains('"') {
                continue;
            }
            cands.push(c.quoting(q));
        }
    }
}

/// A quotation that continues, in lower case, a clause reported by a cue earlier in its
/// sentence ("Trump insisted that he has “expanded the Republican party,” …", "Morris says the
/// campaign will “compete vigorously.”"): part of that cue's content, not a quote of its own.
fn in_reported_clause(cx: &Ctx, q: &QuotePair) -> bool {
    let toks = &cx.layer.tokens;
    let b = cx.layer.token_at_or_after(mark_start(cx.text, q.open));
    if b >= toks.len() {
        return false;
    }
    let lo = cx.sent_range(b).start;
    b > lo + 1
        && !matches!(cx.raw(b - 1), "," | ":" | "—" | "–")
        // "published a report citing “…”": a participle cue right before the mark quotes it.
        && !(cx.cue[b - 1].is_some() && cx.w(b - 1).ends_with("ing"))
        && cx.text[q.content.clone()]
            .chars()
            .find(|ch| ch.is_alphanumeric())
            .is_some_and(char::is_lowercase)
        && (lo..b).any(|k| {
            matches!(
                cx.cue[k],
                Some(CueClass::Speech | CueClass::Tell | CueClass::Belief)
            ) && cue_ok(cx, k)
        })
}

/// The start of the words before a quotation that opens inside its sentence and continues the
/// clause in lower case ("It is “undermining our constitution,”"), when they hold no other
/// quotation, colon or cue.
fn mixed_lead(cx: &Ctx, q: &QuotePair) -> Option<usize> {
    let toks = &cx.layer.tokens;
    let open = mark_start(cx.text, q.open);
    let b = cx.layer.token_at_or_after(open);
    if b >= toks.len() {
        return None;
    }
    let lo = cx.sent_range(b).start;
    if b <= lo || b - lo > 40 {
        return None;
    }
    let lower = cx.text[q.content.clone()]
        .chars()
        .find(|ch| ch.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let lead = &cx.text[toks[lo].start..open];
    if !lower
        || lead.contains(['“', '"', '”', ':', '‘', '(', ';'])
        || lead.contains("''")
        || (lo..b)
            .any(|k| matches!(cx.cue[k], Some(CueClass::Speech | CueClass::Tell)) && cue_ok(cx, k))
    {
        return None;
    }
    Some(toks[lo].start)
}

/// "An economic downturn, he said, “could be …”": the words before an interrupting source and
/// cue (from the start of the sentence to the comma before the source) are the first part of
/// the content, which PolNeAR annotates as one span with the quotation.
fn interrupted_lead(cx: &Ctx, c: &Cand, open: usize) -> Option<Cand> {
    let (src, cue) = (c.source?, c.cue?);
    let toks = &cx.layer.tokens;
    let s_tok = cx.layer.token_at_or_after(src.0);
    let after_cue = cx.layer.token_at_or_after(cue.1);
    let lo = cx.sent_range(s_tok.min(toks.len() - 1)).start;
    if s_tok < lo + 2
        || cx.raw(s_tok - 1) != ","
        || after_cue >= toks.len()
        || cx.raw(after_cue) != ","
        || toks[after_cue].end > open
        || cx.text[toks[after_cue].end..open].trim() != ""
    {
        return None;
    }
    // The quotation continues the lead's clause ("An economic downturn, he said, “could be
    // …”"): it starts in lower case. A quoted full sentence after a lead ("In a statement, X
    // said, “We …”") leaves the lead, an adjunct of the cue, out.
    if !cx.text[c.content.0..]
        .chars()
        .find(|ch| ch.is_alphanumeric())
        .is_some_and(char::is_lowercase)
    {
        return None;
    }
    let lead = &cx.text[toks[lo].start..toks[s_tok - 1].start];
    let cue_tok = cx.layer.token_at_or_after(cue.0);
    if lead.contains(['“', '"', '”'])
        || (lo..s_tok - 1).any(|k| cx.cue[k].is_some())
        || cx.w(cue_tok).ends_with("ing")
        || !cx.text[src.1..cue.0].trim().is_empty()
    {
        return None;
    }
    let (s, e) = (toks[lo].start, toks[s_tok - 2].end);
    (!claimed_in(cx, s, e)).then_some(Cand {
        content: (s, e),
        direct: false,
        cue: c.cue,
        source: c.source,
        anchor: c.anchor,
        core: None,
    })
}

/// Whether a byte range holds a quotation's content (a lead must not swallow one).
fn claimed_in(cx: &Ctx, s: usize, e: usize) -> bool {
    cx.quotes.iter().any(|q| s <= q.open && q.open < e)
}

/// "…,” X said" / "…,” said X" starting at token `a` (first token after the closing mark).
fn after_quote(cx: &Ctx, a: usize, content: (usize, usize)) -> Option<Cand> {
    let toks = &cx.layer.tokens;
    // “…” ― Sonya Herridge: a dash and a name closing the paragraph (a byline-style credit).
    if a + 1 < toks.len() && matches!(cx.raw(a), "―" | "—" | "–") {
        let para_end = cx
            .layer
            .paragraphs
            .iter()
            .find(|p| p.start <= toks[a].start && toks[a].start < p.end)
            .map_or(toks[a].end, |p| p.end);
        let mut m = a + 1;
        while m < toks.len() && toks[m].start < para_end && m <= a + 6 {
            m += 1;
        }
        let name = a + 1..m;
        if !name.is_empty()
            && (m >= toks.len() || toks[m].start >= para_end)
            && name
                .clone()
                .all(|t| cx.capitalised(t) || matches!(cx.raw(t), "." | "-"))
        {
            return Some(Cand {
                content,
                direct: true,
                cue: Some(cx.span(a, a)),
                source: Some(cx.span(a + 1, m - 1)),
                anchor: toks[a].start,
                core: None,
            });
        }
    }
    let mut k = a;
    let punct_inside = cx.text[content.0..content.1]
        .trim_end()
        .ends_with([',', '.', '!', '?', '—', '…']);
    if k < toks.len() && matches!(cx.raw(k), "," | "—" | "–" | "-") {
        k += 1;
    } else if !punct_inside {
        // “unmistakably and wrongfully” suggests …: a quoted phrase inside a clause.
        return None;
    }
    if k >= toks.len() || cx.sent_of[k] != cx.sent_of[a] {
        return None;
    }
    let end = cx.sent_range(k).end;
    // "…,” said X"
    if matches!(
        cx.cue[k],
        Some(CueClass::Speech | CueClass::Tell | CueClass::Quote)
    ) {
        // "…,” claiming that he …": no source after the cue.
        if NP_BOUNDARY.contains(&cx.w(k + 1)) {
            return None;
        }
        let mut m = k + 1;
        while m < end && m < k + 10 && !cx.is_punct(m) {
            m += 1;
        }
        if m > k + 1 {
            return Some(Cand {
                content,
                direct: true,
                cue: Some(cx.span(k, k)),
                source: Some(cx.span(k + 1, m - 1)),
                anchor: toks[k].start,
                core: None,
            });
        }
        return None;
    }
    // "…,” X said"
    let mut m = k;
    while m < end && m < k + 30 {
        if cx.is_punct(m) && !matches!(cx.raw(m), "." | "-" | "(" | ")" | "," | "’" | "'") {
            break;
        }
        if m > k
            && matches!(
                cx.cue[m],
                Some(CueClass::Speech | CueClass::Tell | CueClass::Quote)
            )
        {
            if NP_BOUNDARY.contains(&cx.w(k)) || !cue_ok(cx, m) {
                return None;
            }
            let mut se = m - 1;
            while se > k && SKIP_BEFORE_CUE.contains(&cx.w(se)) {
                se -= 1;
            }
            let ce = extend_cue(cx, m);
            // "“Title,” X said (that) …": the cue governs what follows, not the quotation.
            let tail = sentence_content_end(cx, k, end);
            if tail > ce + 1
                && !matches!(cx.raw(ce + 1), "," | "—" | "–" | "“" | "\"" | ";")
                && !is_adjunct_start(cx.w(ce + 1))
                && cx.w(ce + 1) != "of"
                && ((tail - ce > 6 && cx.cue[m] != Some(CueClass::Tell)) || cx.w(ce + 1) == "that")
            {
                return None;
            }
            return Some(Cand {
                content,
                direct: true,
                cue: Some(cx.span(aux_start(cx, cx.span(k, se), m), ce)),
                source: Some(cx.span(k, se)),
                anchor: toks[m].start,
                core: None,
            });
        }
        m += 1;
    }
    None
}

/// "X said: “…”" — a cue among the few tokens before the opening mark.
fn before_quote(cx: &Ctx, open: usize, content: (usize, usize)) -> Option<Cand> {
    let toks = &cx.layer.tokens;
    let b = cx.layer.token_at_or_after(open);
    if b == 0 {
        return None;
    }
    if cx.raw(b - 1) == ":" && b >= 2 {
        if let Some(c) = colon_quote(cx, b - 1, content) {
            return Some(c);
        }
    }
    let sent_lo = cx.sent_range(b.min(toks.len() - 1)).start;
    let mut j = b - 1;
    let mut steps = 0;
    loop {
        if j < sent_lo || steps > 6 {
            return None;
        }
        let w = cx.w(j);
        if let Some(class) = cx.cue[j] {
            if !cue_ok(cx, j)
                || class == CueClass::Belief
                    && cx.text[content.0..content.1].split_whitespace().count() < 3
            {
                return None;
            }
            let cue_end = j;
            let j = cue_head(cx, j, sent_lo);
            let source = source_before(cx, j, sent_lo).or_else(|| {
                (class != CueClass::Belief && cx.w(j).ends_with("ing"))
                    .then(|| fallback_source(cx, j, sent_lo))
                    .flatten()
            });
            return Some(Cand {
                content,
                direct: true,
                cue: Some(cx.span(j, cue_end)),
                source,
                anchor: toks[j].start,
                core: None,
            });
        }
        if !matches!(w, ":" | ",") {
            // "As Michael Dell said last week in Tel Aviv, “…”": an adjunct between the cue
            // and the comma before the quotation.
            if steps > 0 {
                if let Some(c) = adjunct_before_quote(cx, j, sent_lo, content) {
                    return Some(c);
                }
            }
            return None; // words between cue and quote: a mixed quote, left to `indirect`
        }
        if j == 0 {
            return None;
        }
        j -= 1;
        steps += 1;
    }
}

/// A speech cue followed by an adjunct ending at token `j` (the last word before the comma
/// that precedes a quotation): "said last week in Tel Aviv, “…”".
fn adjunct_before_quote(cx: &Ctx, j: usize, lo: usize, content: (usize, usize)) -> Option<Cand> {
    let mut k = j;
    while k > lo && j - k < 8 {
        k -= 1;
        if cx.is_punct(k) && !matches!(cx.raw(k), "." | "-" | "’" | "'") {
            return None;
        }
        if matches!(cx.cue[k], Some(CueClass::Speech | CueClass::Tell)) && cue_ok(cx, k) {
            if !is_adjunct_start(cx.w(k + 1)) || cx.w(k + 1) == "to" {
                return None;
            }
            let source = source_before(cx, k, lo)?;
            return Some(Cand {
                content,
                direct: true,
                cue: Some(cx.span(aux_start(cx, source, k), k)),
                source: Some(source),
                anchor: cx.layer.tokens[k].start,
                core: None,
            });
        }
    }
    None
}

/// "Cruz continued: “…”", "released the following statement: “…”", "Kerry: “…”" — a quotation
/// introduced by a colon (possibly in the previous sentence or paragraph).
fn colon_quote(cx: &Ctx, colon: usize, content: (usize, usize)) -> Option<Cand> {
    let lo = cx.sent_range(colon).start;
    let mut j = colon;
    while j > lo && colon - j < 9 {
        j -= 1;
        if cx.is_punct(j) && cx.raw(j) != "," {
            break;
        }
        if cx.cue[j].is_some() && cue_ok(cx, j) {
            let head = cue_head(cx, j, lo);
            let source = source_before(cx, head, lo).or_else(|| fallback_source(cx, head, lo));
            return Some(Cand {
                content,
                direct: true,
                cue: Some(cx.span(head, colon)),
                source,
                anchor: cx.layer.tokens[head].start,
                core: None,
            });
        }
    }
    // "Republican pollster Daron Shaw: “…”"
    let start = np_back(cx, colon - 1, lo)?;
    if colon - start > 6 || !cx.capitalised(start) {
        return None;
    }
    Some(Cand {
        content,
        direct: true,
        cue: Some(cx.span(colon, colon)),
        source: Some(cx.span(start, colon - 1)),
        anchor: cx.layer.tokens[colon].start,
        core: None,
    })
}

/// Whether the cue word at `i` is used as a verb: lower-case (unless sentence-initial), not after
/// a determiner or a possessive ("his claims", "Today's remarks").
fn cue_ok(cx: &Ctx, i: usize) -> bool {
    let lo = cx.sent_range(i).start;
    let i = cx.phrase_start[i].map_or(i, |s| s.max(lo));
    if i > lo && cx.capitalised(i) && !cx.title.iter().any(|r| r.contains(&i)) {
        return false;
    }
    if let Some(particles) = DICT.particle_cues.get(cx.w(i)) {
        if !particles.iter().any(|p| p == cx.w(i + 1)) {
            return false;
        }
    }
    if i > lo {
        let p = cx.raw(i - 1);
        // "he’s saying", "she's not": a contracted auxiliary, not a possessive.
        let contracted = |k: usize| {
            let w = cx.w(k);
            matches!(
                w,
                "he's" | "she's" | "it's" | "that's" | "who's" | "there's" | "what's"
            ) || matches!(w, "'s") && k > 0 && PRONOUNS_SUBJECT.contains(&cx.w(k - 1))
        };
        let mut k = i - 1;
        if matches!(cx.w(k), "not" | "never" | "also" | "n't") && k > lo {
            k -= 1;
        }
        if contracted(k) {
            return true;
        }
        if DETERMINERS.contains(&cx.w(i - 1)) && !MODALS.contains(&cx.w(i - 1))
            || p.ends_with("’s")
            || p.ends_with("'s")
            || cx.layer.tokens[i - 1].kind == TokenKind::Number
        {
            return false;
        }
    }
    true
}

/// Start of a cue phrase ending in a participle: "issued a statement (Wednesday) declaring",
/// "published a report citing" start at the first verb.
fn cue_head(cx: &Ctx, i: usize, lo: usize) -> usize {
    if let Some(s) = cx.phrase_start[i] {
        return s.max(lo);
    }
    if !cx.w(i).ends_with("ing") || i < lo + 3 {
        return i;
    }
    let mut j = i - 1;
    if cx.capitalised(j) && j > lo {
        j -= 1; // "Wednesday"
    }
    let nouns = [
        "statement",
        "report",
        "letter",
        "video",
        "message",
        "post",
        "tweet",
        "communique",
        "memo",
        "note",
        "release",
        "warning",
        "notice",
        "study",
        "article",
        "op-ed",
    ];
    if j >= lo + 2 && nouns.contains(&cx.w(j)) && matches!(cx.w(j - 1), "a" | "an" | "the") {
        let v = j - 2;
        if !cx.is_punct(v) && !cx.capitalised(v) {
            return v;
        }
    }
    i
}

/// First token of a cue including the auxiliaries and adverbs between its source and its verb
/// ("has said", "also said", "would later say"), as PolNeAR's cue spans do.
fn aux_start(cx: &Ctx, source: (usize, usize), head: usize) -> usize {
    let t = cx.layer.token_at_or_after(source.1);
    if t >= head || (t..head).any(|k| !SKIP_BEFORE_CUE.contains(&cx.w(k))) {
        return head;
    }
    t
}

/// Extends a cue over "in a statement" / "in an interview" / "on Twitter".
fn extend_cue(cx: &Ctx, i: usize) -> usize {
    let n = cx.layer.tokens.len();
    let tail: Vec<&str> = (i + 1..n.min(i + 4)).map(|k| cx.w(k)).collect();
    match tail.as_slice() {
        ["in", "a" | "an", "statement" | "interview" | "tweet" | "post" | "speech", ..] => i + 3,
        ["on", "twitter" | "x" | "facebook" | "telegram", ..] => i + 2,
        _ => i,
    }
}

/// The source noun phrase before the cue at token `i` (token range as byte span).
fn source_before(cx: &Ctx, i: usize, lo: usize) -> Option<(usize, usize)> {
    if i == 0 || i <= lo {
        return None;
    }
    let mut j = i - 1;
    let skip = |w: &str| SKIP_BEFORE_CUE.contains(&w) || w.len() > 4 && w.ends_with("ly");
    while j > lo && skip(cx.w(j)) && cx.w(j) != "told" {
        j -= 1;
    }
    if skip(cx.w(j)) {
        return None;
    }
    // A time adjunct between source and cue: "the senator on Tuesday dismissed", "Trump
    // last week called".
    if is_time_word(cx.w(j)) && j > lo + 1 {
        let mut k = j;
        while k > lo && (is_time_word(cx.w(k)) || cx.w(k) == "week") {
            k -= 1;
        }
        if matches!(
            cx.w(k),
            "on" | "last" | "this" | "earlier" | "late" | "early" | "next"
        ) && k > lo
        {
            k -= 1;
            while k > lo && skip(cx.w(k)) {
                k -= 1;
            }
            j = k;
        }
    }
    // Appositive: "John Smith, a spokesman for X, said".
    if cx.raw(j) == "," {
        let seg_end = j.checked_sub(1)?;
        let mut k = seg_end;
        while k > lo && cx.raw(k) != "," && seg_end - k < 30 {
            k -= 1;
        }
        if cx.raw(k) == "," && k > lo {
            let head = np_back(cx, k - 1, lo)?;
            // PolNeAR's appositive sources keep their closing comma.
            return Some((cx.layer.tokens[head].start, cx.layer.tokens[j].end));
        }
        return None;
    }
    let end = j;
    // "A court document filed Thursday says": the day ends a modified source.
    let modified = end > lo + 1 && PARTICIPLE_MODIFIERS.contains(&cx.w(end - 1));
    if is_time_word(cx.w(end)) && !modified {
        return None;
    }
    let mut start = np_back(cx, end, lo)?;
    // Leading connectives and relative pronouns are not part of the source ("So GOPers",
    // "which he").
    while start < end
        && matches!(
            cx.w(start),
            "so" | "while"
                | "having"
                | "let"
                | "but"
                | "and"
                | "then"
                | "yet"
                | "naturally"
                | "now"
                | "which"
                | "who"
                | "meanwhile"
                | "still"
                | "instead"
                | "indeed"
        )
    {
        start += 1;
    }
    // A lone connective or participle is no source ("While called", "Having announced").
    if start == end && (cx.w(end).ends_with("ing") || STRIP_ONLY.contains(&cx.w(end))) {
        return None;
    }
    // An adverbial phrase between source and cue ("who in the past has voiced", "Trump at the
    // time said", "the report for the first time cited"): the source stands before it.
    if start > lo + 1
        && end - start <= 3
        && matches!(
            cx.w(start - 1),
            "in" | "at" | "for" | "during" | "over" | "on"
        )
        && ADVERBIAL_NOUNS.contains(&cx.w(end))
    {
        if let Some(s) = source_before(cx, start - 1, lo) {
            return Some(s);
        }
    }
    Some(cx.span(start, end))
}

/// Heads of adverbial phrases that separate a source from its cue ("in the past", "at the
/// time", "for the first time", "in particular").
const ADVERBIAL_NOUNS: &[&str] = &[
    "past",
    "time",
    "particular",
    "turn",
    "fact",
    "general",
    "response",
    "addition",
    "end",
    "meantime",
    "interview",
    "interviews",
    "statement",
    "speech",
    "recent",
    "years",
    "weeks",
    "months",
    "days",
    "week",
    "month",
    "year",
];

/// First token of the noun phrase ending at token `end`, scanning back to a boundary.
fn np_back(cx: &Ctx, end: usize, lo: usize) -> Option<usize> {
    let w = cx.w(end);
    if matches!(w, "who" | "which" | "that") {
        return (w != "that").then_some(end);
    }
    if (cx.is_punct(end) && !matches!(cx.raw(end), ")" | "."))
        || NP_BOUNDARY.contains(&w)
        || cx.cue[end].is_some() && !cx.capitalised(end)
    {
        return None;
    }
    let mut k = end;
    let mut depth = i32::from(cx.raw(end) == ")");
    while k > lo {
        let p = k - 1;
        let pw = cx.w(p);
        let raw = cx.raw(p);
        if raw == ")" {
            depth += 1;
        } else if raw == "(" {
            // An opening parenthesis not closed inside the phrase starts a parenthesised
            // sentence: "(The ministry has denied …)".
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if depth == 0 {
            let boundary = (cx.is_punct(p) && !matches!(raw, "." | "-" | "’" | "'" | "&"))
                || doubled_apostrophe(cx, p)
                || (NP_BOUNDARY.contains(&pw)
                    && !(pw == "and" && cx.capitalised(p + 1) && p > lo && cx.capitalised(p - 1)))
                || (cx.cue[p].is_some() && !cx.capitalised(p));
            if boundary {
                break;
            }
        }
        if end - p > 12 {
            break;
        }
        k = p;
    }
    if depth != 0 {
        return None;
    }
    // A sentence-initial adverbial ("Indeed as early as March of 2012 the agency") is cut at
    // the last determiner that follows a number or a lower-case word.
    let mut s = k;
    for m in (k + 1..=end).rev() {
        if matches!(cx.w(m), "the" | "a" | "an") && m > k {
            let pw = cx.w(m - 1);
            if pw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                s = m;
                break;
            }
        }
    }
    Some(s)
}

/// Whether token `k` is one apostrophe of a doubled '' quotation mark (not a possessive).
fn doubled_apostrophe(cx: &Ctx, k: usize) -> bool {
    let t = &cx.layer.tokens;
    cx.raw(k) == "'"
        && (k > 0 && cx.raw(k - 1) == "'" && t[k - 1].end == t[k].start
            || k + 1 < t.len() && cx.raw(k + 1) == "'" && t[k].end == t[k + 1].start)
}

/// The subject of a sentence: a leading pronoun or capitalised run ("Clinton celebrated …").
fn sentence_subject(cx: &Ctx, lo: usize, i: usize) -> Option<(usize, usize)> {
    // "In …", "After …", "But …", "Hours later …": an adverbial or connective opens the
    // sentence, not its subject.
    if NP_BOUNDARY.contains(&cx.w(lo))
        || STRIP_ONLY.contains(&cx.w(lo))
        || is_time_word(cx.w(lo))
        || SUBJECT_NOT.contains(&cx.w(lo))
    {
        // The subject follows the opening phrase: "After the debate, Trump took the stage,
        // calling …".
        let comma = (lo + 1..i).find(|&k| cx.raw(k) == ",")?;
        return (comma + 1 < i)
            .then(|| sentence_subject(cx, comma + 1, i))
            .flatten();
    }
    if matches!(cx.w(lo), "he" | "she" | "they" | "we" | "i") {
        return Some(cx.span(lo, lo));
    }
    let mut k = lo;
    if matches!(cx.w(lo), "the" | "a" | "an") {
        // "The billionaire businessman began …": up to the first verb-like word.
        k = lo + 1;
        while k < i && k < lo + 5 && !cx.is_punct(k) {
            let w = cx.w(k);
            if cx.cue[k].is_some() || w.ends_with("ed") || COMMON_VERBS.contains(&w) {
                break;
            }
            k += 1;
        }
        return (k > lo + 1 && k < i && !cx.is_punct(k)).then(|| cx.span(lo, k - 1));
    }
    while k < i && cx.capitalised(k) && !cx.is_punct(k) {
        k += 1;
    }
    (k > lo && k < i && !cx.is_punct(k)).then(|| cx.span(lo, k - 1))
}

/// Sentence-initial words that open no subject ("Absent …", "Without …", "For …").
const SUBJECT_NOT: &[&str] = &[
    "absent",
    "without",
    "despite",
    "among",
    "amid",
    "after",
    "before",
    "following",
    "for",
    "unlike",
    "like",
    "instead",
    "last",
    "next",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "one",
    "asked",
    "speaking",
    "it",
    "there",
    "this",
];

/// Whether tokens `a..b` look like a noun phrase (no complementiser, cue or verb-like word).
fn np_like(cx: &Ctx, a: usize, b: usize) -> bool {
    !(a..b).any(|k| {
        let w = cx.w(k);
        w == "that"
            || cx.cue[k].is_some()
            || COMMON_VERBS.contains(&w)
            || (w.ends_with("ed") || w.ends_with("ing")) && !cx.capitalised(k)
    })
}

/// Frequent irregular verb forms that end a sentence-initial subject.
const COMMON_VERBS: &[&str] = &[
    "began", "made", "took", "went", "came", "gave", "got", "was", "is", "has", "had", "will",
    "would", "could", "did", "does", "kept", "left", "met", "ran", "saw", "sent", "set", "spent",
    "stood", "won", "wrote", "were", "are", "have", "can", "may", "must", "should", "flipped",
    "held", "led", "brought", "broke", "became", "fell", "found", "heard", "knew", "lost", "paid",
    "put", "read", "struck", "sat", "spoke", "told", "said", "says", "makes", "takes", "gets",
];

/// For participial cues ("…, while also saying"): the source of an earlier cue in the sentence,
/// else the nearest person or pronoun before the cue.
fn fallback_source(cx: &Ctx, i: usize, lo: usize) -> Option<(usize, usize)> {
    for j in (lo..i).rev() {
        if cx.cue[j].is_some() && j > lo {
            if let Some(s) = source_before(cx, j, lo) {
                return Some(s);
            }
        }
    }
    (lo..i)
        .rev()
        // Subject pronouns only: "praised her, saying …" is said by the subject, not by "her".
        .find(|&j| matches!(cx.w(j), "he" | "she" | "they"))
        .map(|j| cx.span(j, j))
        .or_else(|| sentence_subject(cx, lo, i))
}

/// Nominal attributions: "Trump’s claim that …", "his support for …", "Clinton’s criticism of …".
fn nominal(cx: &Ctx, cands: &mut Vec<Cand>) {
    let toks = &cx.layer.tokens;
    for i in 1..toks.len() {
        if !DICT.noun_cues.contains(cx.w(i)) || cx.in_quote(toks[i].start) {
            continue;
        }
        let p = cx.raw(i - 1);
        let possessive = p.ends_with("’s") || p.ends_with("'s") || p.ends_with("s’");
        if !(possessive || matches!(cx.w(i - 1), "his" | "her" | "their" | "its")) {
            continue;
        }
        let sr = cx.sent_range(i);
        let end = sentence_content_end(cx, sr.start, sr.end);
        if i + 2 >= end {
            continue;
        }
        let (cue_end, c0) = match cx.w(i + 1) {
            "that" => (i, i + 1),
            // "his decision to run": an infinitive belongs to the content.
            "to" if !to_object(cx, i + 2) => (i, i + 1),
            "of" | "for" | "on" | "about" | "to" | "against" => (i + 1, i + 2),
            _ => continue,
        };
        if claimed(cands, toks[i - 1].start, toks[cue_end].end) {
            continue;
        }
        let c_end = next_clause_cue(cx, c0, end, CueClass::Speech)
            .unwrap_or(end)
            .min(clause_end(cx, c0, end));
        if c_end <= c0 {
            continue;
        }
        let source = if possessive {
            strip_possessive(cx.text, toks[i - 1].start, toks[i - 1].end)
        } else {
            (toks[i - 1].start, toks[i - 1].end)
        };
        let cue = cx.span(i, cue_end);
        push_indirect(cx, cands, (c0, c_end), cue, Some(source), toks[i].start);
    }
}

/// Indirect speech around cue verbs.
fn indirect(cx: &Ctx, cands: &mut Vec<Cand>) {
    let toks = &cx.layer.tokens;
    let n = toks.len();
    // Pass 0: sentence-final cues ("…, sources said") and "according to", which govern the
    // whole sentence; pass 1: cues before their content.
    for pass in 0..2 {
        #[allow(clippy::needless_range_loop)] // `i` indexes several parallel arrays
        for i in 0..n {
            let according = cx.w(i) == "according" && i + 1 < n && cx.w(i + 1) == "to";
            let Some(class) = cx.cue[i].or(according.then_some(CueClass::Speech)) else {
                continue;
            };
            let b = toks[i].start;
            if cx.in_quote(b) {
                continue;
            }
            if claimed(cands, toks[i].start, toks[i].end) {
                if pass == 1 && !according {
                    nested(cx, i, class, cands);
                }
                continue;
            }
            let sr = cx.sent_range(i);
            let (lo, hi) = (sr.start, sr.end);
            if !according && (!cue_ok(cx, i) || class == CueClass::Quote) {
                continue;
            }
            let head = cue_head(cx, i, lo);
            let next = if i + 1 < hi { cx.w(i + 1) } else { "" };
            if next == "by" {
                if pass == 1 {
                    passive_by(cx, i, lo, hi, cands);
                }
                continue;
            }
            if class == CueClass::Belief && matches!(next, "." | "," | "") {
                continue;
            }
            if according {
                according_to(cx, i, lo, hi, cands);
                continue;
            }
            // "…, X said." / "…, said X." — the cue ends the sentence (after a short adjunct).
            let tail_end = sentence_content_end(cx, lo, hi);
            let ce = extend_cue(cx, i);
            // A participle ("…, touting his record") never ends a "…, X said" sentence.
            let finite = !cx.w(i).ends_with("ing");
            // The short tail is an adjunct ("said on Tuesday", "said Monday"), not a clause
            // ("said the count was fair", "said it would stay closed").
            let tail_clause = ce + 1 < tail_end
                && (PRONOUNS_SUBJECT.contains(&cx.w(ce + 1))
                    || matches!(
                        cx.w(ce + 1),
                        "the"
                            | "a"
                            | "an"
                            | "they"
                            | "we"
                            | "i"
                            | "you"
                            | "this"
                            | "those"
                            | "these"
                    ));
            let after_short =
                (ce + 1..tail_end).all(|k| !cx.is_punct(k)) && tail_end - ce <= 5 && !tail_clause;
            // Parenthetical: "But to prevent problems, he said, local officials should …" — two
            // contents sharing the cue.
            if class != CueClass::Belief && finite && !after_short {
                let comma_after = (ce + 1..tail_end.min(ce + 8))
                    .take_while(|&k| !cx.is_punct(k) || cx.raw(k) == ",")
                    .find(|&k| cx.raw(k) == ",");
                if let (Some(ca), Some(src)) = (comma_after, source_before(cx, i, lo)) {
                    let s_tok = cx.layer.token_at_or_after(src.0);
                    if s_tok > lo + 1 && cx.raw(s_tok - 1) == "," && ca + 2 < tail_end {
                        let cue = cx.span(aux_start(cx, src, i), ce);
                        push_content(cx, cands, lo, s_tok - 2, src, cue, b);
                        let c_end = clause_end(cx, ca + 1, tail_end);
                        push_content(cx, cands, ca + 1, c_end - 1, src, cue, b);
                        continue;
                    }
                }
            }
            if class != CueClass::Belief && finite && after_short {
                // Source before the cue, content before the comma that precedes the source.
                if let Some(src) = source_before(cx, i, lo) {
                    let s_tok = cx.layer.token_at_or_after(src.0);
                    if s_tok > lo + 1 && matches!(cx.raw(s_tok - 1), "," | "”" | "\"") {
                        let c_end = s_tok - 1;
                        let c_start = lo;
                        if c_end > c_start + 1 {
                            push_content(
                                cx,
                                cands,
                                c_start,
                                c_end - 1,
                                (src.0, src.1),
                                cx.span(i, ce),
                                b,
                            );
                            continue;
                        }
                    }
                }
                // "…, said X."
                if i > lo + 2
                    && cx.raw(i - 1) == ","
                    && ce + 1 < tail_end
                    && np_like(cx, ce + 1, tail_end)
                {
                    let src = cx.span(ce + 1, tail_end - 1);
                    push_content(cx, cands, lo, i - 2, src, cx.span(i, ce), b);
                    continue;
                }
            }
            if class != CueClass::Belief
                && finite
                && i > lo + 2
                && cx.raw(i - 1) == ","
                && ce + 1 < tail_end
                && (cx.capitalised(ce + 1) || matches!(cx.w(ce + 1), "the" | "a" | "an"))
                && np_like(cx, ce + 1, tail_end)
                && tail_end - ce <= 25
            {
                // "…, said Alan Abramowitz, a demographer at Emory University."
                {
                    let src = cx.span(ce + 1, tail_end - 1);
                    push_content(cx, cands, lo, i - 2, src, cx.span(i, ce), b);
                    continue;
                }
            }
            if pass == 0 {
                continue;
            }
            // "X said (that) …"
            let after_and = head > lo && cx.w(head - 1) == "and";
            let after_comma = head > lo
                && matches!(cx.raw(head - 1), "," | "–" | "—")
                && cx.w(head).ends_with("ing");
            let source = (!after_comma)
                .then(|| source_before(cx, head, lo))
                .flatten()
                .filter(|&(s, e)| !matches!(fold(&cx.text[s..e]).as_str(), "there"))
                .or_else(|| {
                    after_and
                        .then(|| {
                            sentence_subject(cx, lo, head).or_else(|| fallback_source(cx, head, lo))
                        })
                        .flatten()
                })
                .or_else(|| {
                    (cx.w(i).ends_with("ing") && (class != CueClass::Belief || after_comma))
                        .then(|| fallback_source(cx, i, lo))
                        .flatten()
                });
            let passive = (lo..i)
                .rev()
                .take_while(|&k| SKIP_BEFORE_CUE.contains(&cx.w(k)))
                .any(|k| {
                    matches!(cx.w(k), "was" | "were" | "been" | "is" | "be")
                        // "are expected to speak", "isn't expected to attend"
                        || matches!(cx.w(k), "are" | "isn't" | "aren't" | "wasn't" | "weren't")
                            && next == "to"
                            && cx.w(i).ends_with("ed")
                })
                && !cx.w(i).ends_with("ing"); // "is calling for" is progressive
                                              // "The report was published in March": a passive stance verb names no source.
                                              // "The House is expected to pass …": the whole clause is the content, no source.
            let raising = RAISING.contains(&cx.w(i));
            let expletive = source.is_some_and(|(s, e)| {
                matches!(
                    fold(&cx.text[s..e]).as_str(),
                    "it" | "there" | "this" | "that"
                )
            });
            let subject_content = source.is_some()
                && !expletive
                && (passive && next == "to" && class == CueClass::Belief
                    || raising && next == "to"
                    || passive
                        && (matches!(next, "as" | "for" | "to")
                            || DETERMINERS.contains(&next) && !MODALS.contains(&next)));
            if subject_content {
                if let Some((s0, _)) = source {
                    let a = aux_start(cx, source.unwrap_or_default(), i);
                    let (s, e) = content_span(cx, cx.layer.token_at_or_after(s0), tail_end, cands);
                    if s < e && !claimed(cands, cx.layer.tokens[a].start, toks[i].end) {
                        cands.push(Cand {
                            content: (s, e),
                            direct: false,
                            cue: Some(cx.span(a, i)),
                            source: None,
                            anchor: b,
                            core: None,
                        });
                    }
                }
                continue;
            }
            if passive
                && class == CueClass::Belief
                && source.is_some()
                && (is_adjunct_start(next) || next == "by")
            {
                continue;
            }
            // "…, calling for …" whose subject was not found: the attribution without a source.
            let participle_alone = source.is_none()
                && cx.w(i).ends_with("ing")
                && head > lo
                && cx.raw(head - 1) == ",";
            let source = if participle_alone {
                Some((toks[head].start, toks[head].start))
            } else {
                source
            };
            let Some(source) = source else {
                // "When asked whether he would …", "was asked what …".
                let asked = class == CueClass::Tell
                    && (i == lo
                        || matches!(cx.w(i - 1), "when" | "if" | "after" | "once" | "as" | "and"))
                    && matches!(
                        next,
                        "whether" | "if" | "what" | "how" | "why" | "who" | "whom" | "about"
                    );
                if (passive
                    && matches!(
                        next,
                        "that" | "whether" | "if" | "to" | "about" | "what" | "how" | "why" | "who"
                    ))
                    || asked
                {
                    // "Asked about X": the particle belongs to the cue, as in PolNeAR.
                    let about = usize::from(next == "about");
                    let c0 = i + 1 + about;
                    if c0 + 1 < tail_end {
                        let c_end = if asked {
                            // "Asked whether …, 75 percent said yes": the question ends before
                            // the answer's own subject.
                            clause_end(cx, c0, tail_end).min(answer_start(cx, c0, tail_end))
                        } else {
                            tail_end
                        };
                        push_indirect(cx, cands, (c0, c_end), cx.span(i, i + about), None, b);
                    }
                }
                continue;
            };
            let mut c0 = ce + 1;
            // Skip to "that" when it comes soon ("said on Tuesday that", "told reporters that").
            let reach = if class == CueClass::Tell { 9 } else { 6 };
            let mut ce = ce;
            while c0 < tail_end && matches!(cx.w(c0), "," | "however" | "too" | "though") {
                c0 += 1;
            }
            if let Some(t) = (c0..tail_end.min(c0 + reach))
                .take_while(|&k| {
                    (!cx.is_punct(k) || cx.raw(k) == "-") && !WH_OR_BE.contains(&cx.w(k))
                })
                .find(|&k| cx.w(k) == "that")
            {
                c0 = t; // PolNeAR's contents include the complementiser
            } else if let Some(t) = (class == CueClass::Tell
                || class == CueClass::Speech && is_adjunct_start(cx.w(c0)))
            .then(|| far_complement(cx, c0, tail_end))
            .flatten()
            {
                // "told a packed crowd in snowy Windham, New Hampshire, on … day that …"
                c0 = t;
            } else if let Some(t) = (class == CueClass::Tell)
                .then(|| addressee_end(cx, c0, tail_end))
                .flatten()
            {
                // "tells the crowd he was the first one": the clause's subject pronoun ends
                // the addressee.
                c0 = t;
            } else if class == CueClass::Tell {
                // Skip the addressee: a pronoun or a capitalised run or one noun.
                if c0 < tail_end
                    && matches!(
                        cx.w(c0),
                        "me" | "him" | "her" | "us" | "them" | "reporters" | "journalists"
                    )
                {
                    c0 += 1;
                } else {
                    while c0 < tail_end && cx.capitalised(c0) && !cx.is_punct(c0) {
                        c0 += 1;
                    }
                }
            }
            while c0 < tail_end && matches!(cx.raw(c0), ":" | "," | "—" | "–") {
                c0 += 1;
            }
            // "said Tuesday his actions were legal": a time adjunct before a bare clause.
            let tl = time_adjunct(cx, c0, tail_end);
            if tl > 0 {
                let mut k = c0 + tl;
                if k < tail_end && cx.raw(k) == "," {
                    k += 1;
                }
                if k + 1 < tail_end && !cx.is_punct(k) && !is_adjunct_start(cx.w(k)) {
                    c0 = k;
                }
            }
            // A particle belongs to the cue: "called for", "called on", "talked about".
            if c0 + 1 < tail_end
                && c0 == ce + 1
                && (CUE_PARTICLES.contains(&cx.w(c0)) || cx.w(c0) == "to" && to_object(cx, c0 + 1))
            {
                ce = c0;
                c0 += 1;
            }
            // A one-word stance content is a name or a pronoun ("backed Clinton", "thanked him").
            let one_ok = c0 < tail_end
                && (cx.capitalised(c0) && !cx.is_punct(c0)
                    || matches!(cx.w(c0), "him" | "her" | "them" | "it" | "me" | "us"));
            if c0 >= tail_end || (class == CueClass::Belief && tail_end - c0 < 2 && !one_ok) {
                continue;
            }
            let c_next = next_clause_cue(cx, c0, tail_end, class).unwrap_or(tail_end);
            let c_end = c_next.min(clause_end(cx, c0, tail_end));
            if c_end <= c0 {
                continue;
            }
            let (s, e) = content_span(cx, c0, c_end, cands);
            if s >= e {
                continue;
            }
            let c_ext = c_next.min(clause_end_ext(cx, c0, tail_end, true));
            let (core, (s, e)) = if c_ext > c_end {
                let (s2, e2) = content_span(cx, c0, c_ext, cands);
                if s2 == s && e2 > e {
                    (Some((s, e)), (s, e2))
                } else {
                    (None, (s, e))
                }
            } else {
                (None, (s, e))
            };
            let direct = cx.text[s..e].starts_with(['“', '"'])
                && cx.quoted.iter().any(|&(qs, qe)| qs <= s + 3 && e <= qe + 4);
            cands.push(Cand {
                content: (s, e),
                direct,
                cue: Some(cx.span(aux_start(cx, source, head), ce)),
                // "it was revealed that", "Christie appeared to end his bid": no source.
                source: (!(passive || RAISING.contains(&cx.w(i)) || participle_alone))
                    .then_some(source),
                anchor: b,
                core,
            });
        }
    }
}

/// A reported speech inside another content with its own subject and complementiser: "He said
/// that officials told him that …", "…, which he said was …" is left alone. The subject must
/// open a clause (after "that" or a comma) and be a pronoun or a short capitalised name.
fn nested(cx: &Ctx, i: usize, class: CueClass, cands: &mut Vec<Cand>) {
    if !matches!(class, CueClass::Speech | CueClass::Tell) || !cue_ok(cx, i) {
        return;
    }
    let toks = &cx.layer.tokens;
    let sr = cx.sent_range(i);
    let (lo, hi) = (sr.start, sr.end);
    if i < lo + 2 {
        return;
    }
    // The cue and its source must not already be a cue or source.
    if cands.iter().any(|c| {
        let ov = |r: (usize, usize)| r.0 < toks[i].end && toks[i].start < r.1;
        c.cue.is_some_and(ov) || c.source.is_some_and(ov)
    }) {
        return;
    }
    let Some(src) = source_before(cx, i, lo) else {
        return;
    };
    let s_tok = cx.layer.token_at_or_after(src.0);
    let e_tok = cx
        .layer
        .token_at_or_after(src.1)
        .saturating_sub(1)
        .max(s_tok);
    if s_tok <= lo || e_tok + 1 != i && !(e_tok + 1..i).all(|k| SKIP_BEFORE_CUE.contains(&cx.w(k)))
    {
        return;
    }
    let opener = cx.w(s_tok - 1);
    if !matches!(opener, "that" | "," | "and" | "but") {
        return;
    }
    let subj_ok = s_tok == e_tok
        && matches!(
            cx.w(s_tok),
            "he" | "she" | "they" | "officials" | "i" | "we"
        )
        || (s_tok..=e_tok).all(|k| cx.capitalised(k) || cx.raw(k) == ".") && e_tok - s_tok < 4;
    if !subj_ok {
        return;
    }
    let mut c0 = i + 1;
    if class == CueClass::Tell
        && c0 < hi
        && matches!(cx.w(c0), "him" | "her" | "them" | "me" | "us" | "reporters")
    {
        c0 += 1;
    }
    if cx.w(c0) != "that" {
        return;
    }
    let end = sentence_content_end(cx, lo, hi);
    let c_end = clause_end(cx, c0, end);
    if c_end <= c0 + 2 {
        return;
    }
    let (s, e) = content_span(cx, c0, c_end, &[]);
    if s >= e {
        return;
    }
    cands.push(Cand {
        content: (s, e),
        direct: false,
        cue: Some(cx.span(aux_start(cx, src, i), i)),
        source: Some(src),
        anchor: toks[i].start,
        core: Some((s, s)),
    });
}

/// After a "tell" cue, the subject pronoun of a bare content clause behind a short addressee
/// ("told a news conference they are …", "assures his audience he will …"): its token, if the
/// words before it are a noun phrase (no punctuation, verb, complementiser or infinitive).
fn addressee_end(cx: &Ctx, c0: usize, end: usize) -> Option<usize> {
    (c0 + 1..end.min(c0 + 7))
        .take_while(|&k| {
            !cx.is_punct(k - 1)
                && !matches!(cx.w(k - 1), "to" | "that" | "and" | "or")
                && !WH_OR_BE.contains(&cx.w(k - 1))
                && cx.cue[k - 1].is_none()
                && !MODALS.contains(&cx.w(k - 1))
        })
        .find(|&k| {
            // "she’s", "they’re" are one token
            let w = cx.w(k);
            matches!(
                w.split('\'').next().unwrap_or(w),
                "he" | "she" | "they" | "we" | "i"
            )
        })
        .filter(|&k| k + 1 < end)
}

/// Time adjunct patterns of `data/time_adjuncts.txt`, as word lists.
static TIME_ADJUNCTS: std::sync::LazyLock<Vec<Vec<&'static str>>> =
    std::sync::LazyLock::new(|| {
        crate::dict::word_list(include_str!("../data/time_adjuncts.txt"))
            .into_iter()
            .map(|l| l.split_whitespace().collect())
            .collect()
    });

/// Number of tokens of the longest time adjunct of `data/time_adjuncts.txt` starting at token
/// `k` (before `end`), 0 if none: "Tuesday", "on Friday night", "earlier this week".
fn time_adjunct(cx: &Ctx, k: usize, end: usize) -> usize {
    let day = |w: &str| WEEKDAYS.contains(&w);
    let mut best = 0;
    for pat in TIME_ADJUNCTS.iter() {
        if k + pat.len() > end {
            continue;
        }
        let hit = pat.iter().enumerate().all(|(j, p)| {
            let w = cx.w(k + j);
            if *p == "<day>" {
                day(w)
            } else {
                w == *p
            }
        });
        if hit {
            let mut len = pat.len();
            if pat.last() == Some(&"<day>")
                && k + len < end
                && matches!(cx.w(k + len), "morning" | "afternoon" | "evening" | "night")
            {
                len += 1;
            }
            best = best.max(len);
        }
    }
    best
}

/// Raising verbs whose subject is not a source ("X appeared to end his bid").
const RAISING: &[&str] = &["seem", "seems", "seemed", "appear", "appears", "appeared"];

/// Whether the word after a "to" opens a noun phrase ("referring to the", "pointed to Trump"),
/// making "to" a particle of the cue rather than an infinitive marker ("vowed to protect").
fn to_object(cx: &Ctx, k: usize) -> bool {
    k < cx.low.len()
        && !cx.is_punct(k)
        && (DETERMINERS.contains(&cx.w(k)) && !matches!(cx.w(k), "to" | "not")
            || matches!(
                cx.w(k),
                "him" | "them" | "me" | "us" | "it" | "what" | "how"
            )
            || cx.capitalised(k)
            || cx.layer.tokens[k].kind == TokenKind::Number)
}

/// Passive attributions with an agent: "Donald Trump is supported by far fewer publications",
/// "The registration issue was first reported by The Washington Post". The content is the
/// subject, the source the agent, the cue runs from the auxiliary through "by".
fn passive_by(cx: &Ctx, i: usize, lo: usize, hi: usize, cands: &mut Vec<Cand>) {
    let mut a = i;
    while a > lo && SKIP_BEFORE_CUE.contains(&cx.w(a - 1)) {
        a -= 1;
    }
    if a == i || !(a..i).any(|k| matches!(cx.w(k), "is" | "was" | "were" | "are" | "been" | "be")) {
        return;
    }
    if a == lo
        || claimed(
            cands,
            cx.layer.tokens[a - 1].start,
            cx.layer.tokens[i + 1].end,
        )
    {
        return;
    }
    let Some(c0) = np_back(cx, a - 1, lo) else {
        return;
    };
    if matches!(cx.w(c0), "who" | "which") {
        return;
    }
    let end = sentence_content_end(cx, lo, hi);
    let s0 = i + 2;
    if s0 >= end {
        return;
    }
    let mut s_end = s0;
    while s_end < end && s_end < s0 + 12 && !cx.is_punct(s_end) {
        if s_end > s0 && (is_adjunct_start(cx.w(s_end)) || cx.w(s_end) == "for") {
            break;
        }
        s_end += 1;
    }
    if s_end == s0 {
        return;
    }
    let (cue, source) = (cx.span(a, i + 1), Some(cx.span(s0, s_end - 1)));
    push_indirect(cx, cands, (c0, a), cue, source, cx.layer.tokens[i].start);
}

/// Where a content running from `c0` stops before a coordinated or participial cue
/// ("…, saying", "… and proposed", "…, while noting that"): the index of the connector.
fn next_clause_cue(cx: &Ctx, c0: usize, end: usize, outer: CueClass) -> Option<usize> {
    for j in c0 + 1..end {
        if cx.cue[j].is_none_or(|c| c == CueClass::Quote)
            || !cue_ok(cx, j)
            || cx.in_quote(cx.layer.tokens[j].start)
        {
            continue;
        }
        let mut k = j - 1;
        // Auxiliaries and adverbs of a coordinated verb ("… but did not suggest", "…, falsely
        // suggesting").
        while k > c0
            && (matches!(cx.w(k), "also" | "then" | "later" | "further")
                || COORD_AUX.contains(&cx.w(k))
                || cx.w(k).len() > 4 && cx.w(k).ends_with("ly"))
        {
            k -= 1;
        }
        if matches!(
            cx.w(k),
            "," | "and" | "while" | "but" | "before" | "after" | ";"
        ) {
            let mut stop = k;
            while stop > c0 && matches!(cx.w(stop - 1), "," | "and" | "while" | "but" | ";") {
                stop -= 1;
            }
            return Some(stop);
        }
        // A coordinated or adverbial clause with its own subject and cue ("…, and more than
        // 4 in 10 said …", "… while Sanders suggests …", "… as he urges …"): PolNeAR's
        // contents hold no other attribution; the outer content ends before the connector.
        // A reported clause coordinated inside reported speech ("X says A but he feels B") stays
        // in it; a speech cue, or any cue after a stance verb's content, starts its own.
        let speech = |c: Option<CueClass>| matches!(c, Some(CueClass::Speech | CueClass::Tell));
        if speech(cx.cue[j]) || !speech(Some(outer)) {
            if let Some(stop) = subject_clause_start(cx, c0, j) {
                return Some(stop);
            }
        }
    }
    None
}

/// For a cue at `j` inside a content starting at `c0`: the connector index before its own
/// subject when that subject opens a coordinated or adverbial clause (see
/// [`next_clause_cue`]).
fn subject_clause_start(cx: &Ctx, c0: usize, j: usize) -> Option<usize> {
    let src = source_before(cx, j, c0 + 1)?;
    let s_tok = cx.layer.token_at_or_after(src.0);
    let e_tok = cx.layer.token_at_or_after(src.1).saturating_sub(1);
    if s_tok <= c0 + 2 || s_tok >= j || e_tok < s_tok {
        return None;
    }
    let pronoun = s_tok == e_tok && matches!(cx.w(s_tok), "he" | "she" | "they" | "i" | "we");
    let first = cx.w(s_tok);
    // Expletives, relatives, prepositions, a bare lower-case noun ("phone calls"), a
    // possessive without a head ("her own plans") open no clause.
    if matches!(
        fold(&cx.text[src.0..src.1]).as_str(),
        "it" | "it's" | "there" | "there's" | "this" | "that" | "which" | "who"
    ) || (s_tok..=e_tok).any(|k| matches!(cx.w(k), "who" | "whom" | "which" | "whose"))
        || matches!(
            first,
            "given" | "including" | "despite" | "with" | "like" | "unlike" | "following"
        )
        || s_tok == e_tok
            && !pronoun
            && !cx.capitalised(s_tok)
            && !matches!(
                first,
                "most" | "many" | "some" | "others" | "all" | "both" | "few" | "several"
            )
        || cx.w(e_tok) == "own"
        || (s_tok..=e_tok).any(|k| {
            cx.cue[k].is_some() && !cx.capitalised(k)
                || matches!(cx.w(k), "have" | "has" | "had" | "including" | "amid")
        })
    {
        return None;
    }
    // A participle is a clause's verb only after an auxiliary ("are hoping", not "some of it
    // mentioning").
    if cx.w(j).ends_with("ing")
        && !matches!(
            cx.w(j - 1),
            "is" | "are" | "was" | "were" | "be" | "been" | "am" | "'s" | "'re"
        )
    {
        return None;
    }
    let conn = s_tok - 1;
    let cw = cx.w(conn);
    if SUBORDINATORS.contains(&cw) {
        // "…, because he worries …", "… as he urges …": the source's own clause; "because
        // Republicans are hoping …" is the reason inside the content.
        if !pronoun {
            return None;
        }
    } else if !COORDINATORS.contains(&cw) {
        return None;
    } else {
        // A bare "and" joins noun phrases ("suburbanites and non-white voters backed") unless
        // a speech cue follows.
        let bare_and = cw == "and" && cx.raw(conn - 1) != ",";
        if bare_and && !matches!(cx.cue[j], Some(CueClass::Speech | CueClass::Tell)) {
            return None;
        }
        // A comma closing a fronted subordinate clause ("if Mr. Obama opted to make one, he
        // should …") is no clause boundary.
        if cw == "," {
            let seg = (c0..conn).rev().take_while(|&k| cx.raw(k) != ",");
            if seg
                .into_iter()
                .any(|k| SUBORDINATORS.contains(&cx.w(k)) || matches!(cx.w(k), "during" | "given"))
            {
                return None;
            }
        }
    }
    let mut stop = conn;
    while stop > c0 + 1 && COORDINATORS.contains(&cx.w(stop - 1)) {
        stop -= 1;
    }
    Some(stop)
}

/// Auxiliaries between a connector and a coordinated cue verb ("… but did not suggest").
const COORD_AUX: &[&str] = &[
    "did", "does", "do", "not", "n't", "never", "has", "have", "had", "would", "will", "could",
    "may", "might", "should", "didn't", "doesn't", "hasn't", "won't",
];

/// The complementiser "that" or the opening quotation mark of a reported-speech content behind
/// a long addressee or adjunct ("told a packed crowd in snowy Windham, New Hampshire, on the
/// final campaign day that …", "said Monday, in reference to her first child, “…”"), searched
/// up to 30 tokens from `c0` and not past another verb, clause or question word.
fn far_complement(cx: &Ctx, c0: usize, end: usize) -> Option<usize> {
    for k in c0..end.min(c0 + 30) {
        let w = cx.w(k);
        if w == "that" {
            return (k > c0).then_some(k);
        }
        let r = cx.raw(k);
        if matches!(r, "“" | "\"") && k > c0 && matches!(cx.raw(k - 1), "," | ":") {
            return cx.in_quote(cx.layer.tokens[k].end).then_some(k);
        }
        // "to" opens an infinitive ("told him to leave"), not a place ("a visit to the port").
        if w == "to" && !to_object(cx, k + 1) {
            return None;
        }
        if matches!(r, ";" | "." | "(" | ")" | "?" | "!" | "”")
            || cx.cue[k].is_some() && cue_ok(cx, k)
            || WH_OR_BE.contains(&w)
            || matches!(
                w,
                "because"
                    | "and"
                    | "but"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
                    | "do"
                    | "does"
                    | "did"
            )
            || w.ends_with("n't")
        {
            return None;
        }
    }
    None
}

/// After a fronted question ("Asked if she believed …, Clinton said …"): the comma before the
/// subject of the answering clause's cue, or `end`.
fn answer_start(cx: &Ctx, c0: usize, end: usize) -> usize {
    for j in c0 + 2..end {
        if !matches!(
            cx.cue[j],
            Some(CueClass::Speech | CueClass::Tell | CueClass::Belief)
        ) || !cue_ok(cx, j)
            || cx.in_quote(cx.layer.tokens[j].start)
        {
            continue;
        }
        if let Some(src) = source_before(cx, j, c0 + 1) {
            let s_tok = cx.layer.token_at_or_after(src.0);
            if s_tok > c0 + 2 && cx.raw(s_tok - 1) == "," {
                return s_tok - 1;
            }
        }
    }
    end
}

/// Words that coordinate a clause inside a content ("…, and X said", "… while X suggests").
const COORDINATORS: &[&str] = &[",", ";", "and", "but", "while", "whereas", "yet"];

/// Subordinators of an adverbial clause inside a content ("… as he urges", "… because …").
const SUBORDINATORS: &[&str] = &[
    "as", "because", "when", "although", "though", "if", "since", "after", "before", "once",
    "unless", "until", "despite",
];

/// Where a content stops before a semicolon or a non-restrictive clause (", which", ", while").
fn clause_end(cx: &Ctx, c0: usize, end: usize) -> usize {
    clause_end_ext(cx, c0, end, false)
}

/// [`clause_end`]; `extended` keeps coordinated clauses (", and …") that PolNeAR's content
/// spans include.
fn clause_end_ext(cx: &Ctx, c0: usize, end: usize, extended: bool) -> usize {
    // A cue inside a sentence-initial subordinate clause ("As Democratic leaders worried about
    // …, Obama is …"): the content ends with that clause.
    let lo = cx.sent_range(c0).start;
    let subordinate = matches!(
        cx.w(lo),
        "as" | "when"
            | "while"
            | "though"
            | "although"
            | "because"
            | "after"
            | "before"
            | "if"
            | "since"
            | "whether"
            | "even"
            | "once"
            | "until"
            | "unless"
            | "whereas"
    );
    let first_comma = (lo..c0).find(|&k| cx.raw(k) == ",");
    for k in c0 + 1..end {
        if subordinate
            && first_comma.is_none()
            && cx.raw(k) == ","
            && !cx.in_quote(cx.layer.tokens[k].start)
        {
            return k;
        }
        if cx.in_quote(cx.layer.tokens[k].start) {
            continue;
        }
        // PolNeAR's contents end before a dash ("that North Carolina would win – even though
        // …"), a semicolon.
        // A pair of dashes encloses a parenthetical, which stays.
        if cx.raw(k) == ";"
            || is_dash(cx, k)
                && k > c0 + 1
                && !matches!(
                    cx.w(k + 1),
                    "including" | "and" | "like" | "from" | "to" | "only" | "not" | "or" | "if"
                )
                && !(c0 + 1..end).any(|m| m != k && is_dash(cx, m))
        {
            return k;
        }
        let nw = cx.w(k + 1);
        // A comma inside a closing quotation mark ("had “held every position,” claiming …")
        // ends the clause as a bare comma does; the content keeps the mark.
        let comma_in_mark = matches!(cx.raw(k), "”" | "\"") && k > c0 + 1 && cx.raw(k - 1) == ",";
        if (cx.raw(k) == "," || comma_in_mark)
            && k + 1 < end
            && (matches!(
                nw,
                "while"
                    | "whereas"
                    | "although"
                    | "though"
                    | "according"
                    | "but"
                    | "even"
                    | "however"
            )
                // A non-restrictive relative clause is left out (PolNeAR train: 95 contents
                // stop before ", which"/", who", 4 run on).
                || matches!(nw, "which" | "who")
                || !extended && nw == "and"
                || nw.ends_with("ing")
                    && !cx.capitalised(k + 1)
                    && !matches!(nw, "including" | "beginning" | "during")
                || final_appositive(cx, k, end))
        {
            return if comma_in_mark { k - 1 } else { k };
        }
    }
    end
}

/// A noun phrase after the comma at `k` that runs to `end` without another comma or a
/// coordination: a closing appositive (", a swipe at …", ", the former Florida governor"),
/// which PolNeAR's contents leave out.
fn final_appositive(cx: &Ctx, k: usize, end: usize) -> bool {
    matches!(cx.w(k + 1), "a" | "an" | "the")
        && k + 2 < end
        && (k + 2..end).all(|m| {
            cx.raw(m) != ","
                && !matches!(cx.w(m), "and" | "or")
                && !cx.in_quote(cx.layer.tokens[m].start)
        })
}

/// Whether token `k` is a dash between words ("—", "–", "--", a spaced "-").
fn is_dash(cx: &Ctx, k: usize) -> bool {
    let t = &cx.layer.tokens;
    match cx.raw(k) {
        "—" | "–" | "―" => true,
        "-" => {
            let spaced_before = k > 0 && t[k - 1].end < t[k].start;
            let next_dash = k + 1 < t.len() && cx.raw(k + 1) == "-" && t[k].end == t[k + 1].start;
            let spaced_after = k + 1 < t.len() && t[k].end < t[k + 1].start;
            spaced_before && (next_dash || spaced_after)
        }
        _ => false,
    }
}

/// Index one past the last content token of the sentence `lo..hi` (final period excluded,
/// a closing quotation mark after it included).
fn sentence_content_end(cx: &Ctx, lo: usize, hi: usize) -> usize {
    let mut e = hi;
    // An opening mark of the next quotation left at the end of the sentence ("… courses. ''").
    while e > lo + 1
        && matches!(cx.raw(e - 1), "'" | "''" | "‘" | "“")
        && cx.text[..cx.layer.tokens[e - 1].start].ends_with(char::is_whitespace)
    {
        e -= 1;
    }
    while e > lo + 1 && cx.raw(e - 1) == "'" && cx.raw(e - 2) == "'" {
        // the first apostrophe of a spaced '' pair
        let t = &cx.layer.tokens;
        if t[e - 2].end == t[e - 1].start
            && cx.text[..t[e - 2].start].ends_with(char::is_whitespace)
        {
            e -= 2;
        } else {
            break;
        }
    }
    // A parenthesised sentence ("(Mr. Lewandowski … has denied that he was working on a
    // book.)") loses its closing parenthesis, as PolNeAR's contents do.
    let unmatched_close = |e: usize| {
        let opens = (lo..e).filter(|&k| cx.raw(k) == "(").count();
        let closes = (lo..e).filter(|&k| cx.raw(k) == ")").count();
        closes > opens || cx.raw(lo) == "(" && opens == closes
    };
    while e > lo {
        let r = cx.raw(e - 1);
        if matches!(r, "." | ";" | ":" | ",") || r == ")" && unmatched_close(e) {
            e -= 1;
        } else {
            break;
        }
    }
    e
}

/// Pushes an indirect attribution whose content is [`content_span`] of `c0..end`, unless that
/// span is empty.
fn push_indirect(
    cx: &Ctx,
    cands: &mut Vec<Cand>,
    (c0, end): (usize, usize),
    cue: (usize, usize),
    source: Option<(usize, usize)>,
    anchor: usize,
) {
    let (s, e) = content_span(cx, c0, end, cands);
    if s < e {
        cands.push(Cand {
            content: (s, e),
            direct: false,
            cue: Some(cue),
            source,
            anchor,
            core: None,
        });
    }
}

/// Byte span of the content tokens `c0..end`, cut before any region already claimed, extended
/// to the end of a quotation it opens.
fn content_span(cx: &Ctx, c0: usize, end: usize, cands: &[Cand]) -> (usize, usize) {
    let toks = &cx.layer.tokens;
    // A dateline opening the paragraph ("WASHINGTON ― …") is not content.
    let mut c0 = c0;
    if let Some(d) = (c0..end.min(c0 + 4)).find(|&k| matches!(cx.raw(k), "―" | "—" | "–")) {
        let caps = (c0..d).all(|k| {
            let r = cx.raw(k);
            r == "," || r.chars().any(char::is_alphabetic) && !r.chars().any(char::is_lowercase)
        });
        if d > c0 && caps && d + 1 < end {
            c0 = d + 1;
        }
    }
    let e0 = (c0..end).find(|&k| claimed(cands, toks[k].start, toks[k].end));
    let mut e = e0.unwrap_or(end);
    let cut = e < end;
    while e > c0
        && (matches!(cx.raw(e - 1), ":" | "," | ";" | "—" | "–" | "-")
            || cut && matches!(cx.raw(e - 1), "“" | "\"" | "‘" | "«"))
    {
        e -= 1;
    }
    if e <= c0 {
        return (0, 0);
    }
    let s = toks[c0].start;
    let mut end_b = toks[e - 1].end;
    // Include a closing quotation mark (and the period inside it) right after the content.
    if e < toks.len() {
        let rest = &cx.text[end_b..];
        let mut add = 0;
        for c in rest.chars().take(2) {
            if matches!(c, '.' | '!' | '?' | ',') && add == 0 {
                if rest[c.len_utf8()..].starts_with(['”', '"', '’']) {
                    add += c.len_utf8();
                    continue;
                }
                break;
            }
            if matches!(c, '”' | '"' | '’') {
                add += c.len_utf8();
            }
            break;
        }
        end_b += add;
    }
    // A quotation opened inside the content and closed after it (in the same paragraph)
    // belongs to it: “America’s porous gun laws … Individuals … are not.”
    if let Some(q) = cx.quotes.iter().find(|q| {
        q.double
            && !q.multi_paragraph
            && s <= q.open
            && q.open < end_b
            && q.close >= end_b
            && !claimed(cands, end_b, q.close)
    }) {
        end_b = q.close + cx.text[q.close..].chars().next().map_or(0, char::len_utf8);
    }
    (s, end_b)
}

fn push_content(
    cx: &Ctx,
    cands: &mut Vec<Cand>,
    c0: usize,
    c_last: usize,
    source: (usize, usize),
    cue: (usize, usize),
    anchor: usize,
) {
    let (s, e) = content_span(cx, c0, c_last + 1, cands);
    if s < e {
        let direct = cx.text[s..e].starts_with(['“', '"']);
        cands.push(Cand {
            content: (s, e),
            direct,
            cue: Some(cue),
            source: Some(source),
            anchor,
            core: None,
        });
    }
}

/// "According to X, …" and "…, according to X."
fn according_to(cx: &Ctx, i: usize, lo: usize, hi: usize, cands: &mut Vec<Cand>) {
    let end = sentence_content_end(cx, lo, hi);
    let s0 = i + 2;
    if s0 >= end {
        return;
    }
    let cue = cx.span(i, i + 1);
    let anchor = cx.layer.tokens[i].start;
    // Preposed: the source runs to the next comma, the content is the rest.
    if i == lo || (i == lo + 1 && cx.is_punct(lo)) {
        let Some(comma) = (s0..end).find(|&k| cx.raw(k) == ",") else {
            return;
        };
        if comma == s0 || comma + 1 >= end {
            return;
        }
        let source = cx.span(s0, comma - 1);
        push_indirect(cx, cands, (comma + 1, end), cue, Some(source), anchor);
        return;
    }
    // Postposed: the content runs from the sentence start to the comma before the cue.
    let s_end = (s0..end).find(|&k| cx.raw(k) == ",").unwrap_or(end);
    if s_end <= s0 {
        return;
    }
    let source = cx.span(s0, s_end - 1);
    let c_last = if cx.raw(i - 1) == "," { i - 2 } else { i - 1 };
    if c_last < lo || c_last < lo + 1 {
        return;
    }
    // Inside another attribution's content ("The AP reported that, according to an analysis
    // …, 85 of …"): left to the outer cue, whose content runs through it.
    let mut b = i - 1;
    if cx.raw(b) == "," && b > lo {
        b -= 1;
    }
    if cx.w(b) == "that" && (lo..b).any(|k| cx.cue[k].is_some() && cue_ok(cx, k)) {
        return;
    }
    // Interposed after a verbless opening: "At the heart of the trouble, according to Dennis B.
    // Ross, was a decision …", "Since last November, according to X, forces have killed …" —
    // PolNeAR's content is the whole sentence around the cue and source. After a whole clause
    // ("Trump has won 758 delegates, according to a CNN tally, but …") it stops before the cue.
    let interposed = cx.raw(i - 1) == ","
        && s_end + 2 < end
        && cx.raw(s_end) == ","
        && !(lo..i).any(|k| {
            let w = cx.w(k);
            cx.cue[k].is_some() && cue_ok(cx, k)
                || COMMON_VERBS.contains(&w)
                || FINITE_AFTER_INTERPOSED.contains(&w)
                || w.ends_with("ed") && !cx.capitalised(k)
                || w.ends_with("n't")
        });
    if interposed {
        push_content(cx, cands, lo, end - 1, source, cue, anchor);
        return;
    }
    push_content(cx, cands, lo, c_last, source, cue, anchor);
}

/// Finite verbs (besides [`COMMON_VERBS`]) that make the words before "according to" a clause.
const FINITE_AFTER_INTERPOSED: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "did", "does", "do", "remains", "remained",
];

/// A quotation of a whole paragraph right after an attributed one continues its speaker.
fn continuation_quotes(cx: &Ctx, cands: &mut Vec<Cand>) {
    let layer = cx.layer;
    for q in &cx.quotes {
        if !q.double || claimed(cands, q.content.start, q.content.end) {
            continue;
        }
        if cx.text[q.content.clone()].split_whitespace().count() < 2 {
            continue;
        }
        let Some(pi) = layer
            .paragraphs
            .iter()
            .position(|p| p.start <= q.open && q.open < p.end)
        else {
            continue;
        };
        // The quotation opens a sentence; the previous sentence holds an attributed quote.
        let open_tok = layer.token_at_or_after(mark_start(cx.text, q.open));
        if open_tok >= layer.tokens.len() {
            continue;
        }
        let mut si = cx.sent_of[open_tok];
        // An opening mark the sentence splitter left at the end of the previous sentence
        // ("… Mr. Rhodes said. ''" + "The guiding basis …''").
        let st = &layer.sentences[si];
        if st.tokens.start != open_tok
            && si + 1 < layer.sentences.len()
            && (open_tok..st.tokens.end).all(|k| matches!(cx.raw(k), "'" | "''" | "“" | "\""))
        {
            si += 1;
        } else if st.tokens.start != open_tok {
            continue;
        }
        if si == 0 {
            continue;
        }
        if layer.sentences[si].paragraph > layer.sentences[si - 1].paragraph + 1 || pi == usize::MAX
        {
            continue;
        }
        // Not when a cue follows the quotation in its own sentence ("“…,” Sarandon told MSNBC").
        let close_tok = layer.token_at_or_after(q.close);
        let own_end = layer.sentences[cx.sent_of[close_tok.min(layer.tokens.len() - 1)]]
            .tokens
            .end;
        if (close_tok..own_end)
            .any(|k| matches!(cx.cue[k], Some(CueClass::Speech | CueClass::Tell)))
        {
            continue;
        }
        let prev = &layer.sentences[si - 1];
        let Some(c) = cands
            .iter()
            .filter(|c| {
                c.direct
                    && c.content.1 <= prev.end + 4
                    && c.content.1 + 4 >= prev.start
                    && c.cue.is_some_and(|cu| cu.0 >= prev.start.min(c.content.0))
            })
            .max_by_key(|c| c.content.0)
            .cloned()
        else {
            continue;
        };
        cands.push(c.quoting(q));
    }
}

/// Labels in capitals that are not speakers ("CORRECTION: …").
const NOT_SPEAKERS: &[&str] = &[
    "correction",
    "update",
    "updated",
    "email",
    "previously",
    "note",
    "editor's",
    "watch",
    "read",
    "related",
    "photos",
    "video",
    "advertisement",
    "source",
    "sources",
    "breaking",
    "exclusive",
    "warning",
    "q",
    "a",
];

/// Transcripts: a paragraph opening with a speaker label in capitals ("WALLACE: …",
/// "JAKE TAPPER: …") attributes the rest of the paragraph to that speaker.
fn speaker_labels(cx: &Ctx, cands: &mut Vec<Cand>) {
    let layer = cx.layer;
    for p in &layer.paragraphs {
        let mut t0 = layer.token_at_or_after(p.start);
        let t_end = layer.token_at_or_after(p.end).min(layer.tokens.len());
        if t0 < t_end && matches!(cx.raw(t0), "\"" | "“") {
            t0 += 1; // a continued multi-paragraph quotation
        }
        let Some(colon) = (t0..t_end.min(t0 + 5)).find(|&k| cx.raw(k) == ":") else {
            continue;
        };
        if colon == t0 || colon + 2 >= t_end {
            continue;
        }
        let label_ok = (t0..colon).all(|k| {
            let r = cx.raw(k);
            r == "."
                || r.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !r.chars().any(char::is_lowercase)
        }) && !(t0..colon).any(|k| NOT_SPEAKERS.contains(&cx.w(k)));
        if !label_ok {
            continue;
        }
        let e = sentence_content_end(cx, colon + 1, t_end);
        if e <= colon + 1 {
            continue;
        }
        // The whole turn is the content, around any attribution inside it.
        let (s, e) = (layer.tokens[colon + 1].start, layer.tokens[e - 1].end);
        if s >= e || claimed(cands, layer.tokens[t0].start, layer.tokens[colon].end) {
            continue;
        }
        cands.push(Cand {
            content: (s, e),
            direct: false,
            cue: Some(cx.span(colon, colon)),
            source: Some(cx.span(t0, colon - 1)),
            anchor: layer.tokens[colon].start,
            core: None,
        });
    }
}

/// Rubric words of headlines ("The Latest: …"): `data/headline_rubrics.txt`.
static HEADLINE_RUBRICS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    crate::dict::word_list(include_str!("../data/headline_rubrics.txt"))
});

/// Nouns of "In a CNN poll, …": `data/in_sources.txt`.
static IN_SOURCES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| crate::dict::word_list(include_str!("../data/in_sources.txt")));

/// "In a CNN national poll, Hillary Clinton held a 24-point lead": a sentence-initial "In"
/// phrase headed by a document or poll noun attributes the rest of the sentence.
fn in_source(cx: &Ctx, cands: &mut Vec<Cand>) {
    for sent in &cx.layer.sentences {
        let mut lo = sent.tokens.start;
        let hi = sent.tokens.end;
        if hi < lo + 6 {
            continue;
        }
        // "But in the same poll, Obama was winning …"
        if cx.w(lo) == "but" && cx.w(lo + 1) == "in" {
            lo += 1;
        } else if cx.raw(lo) != "In" {
            in_source_postposed(cx, sent.tokens.start, hi, cands);
            continue;
        }
        let Some(comma) = (lo + 2..hi.min(lo + 20))
            .find(|&k| cx.is_punct(k) && !matches!(cx.raw(k), "/" | "-" | "'" | "’" | "." | "&"))
        else {
            continue;
        };
        if cx.raw(comma) != "," {
            continue;
        }
        let noun = (lo + 1..comma).any(|k| IN_SOURCES.contains(&cx.w(k)));
        if !noun || (lo + 1..comma).any(|k| cx.cue[k].is_some() && !cx.capitalised(k)) {
            continue;
        }
        let end = sentence_content_end(cx, lo, hi);
        if comma + 2 >= end || claimed(cands, cx.layer.tokens[lo].start, cx.layer.tokens[comma].end)
        {
            continue;
        }
        let (cue, source) = (cx.span(lo, lo), Some(cx.span(lo + 1, comma - 1)));
        push_indirect(
            cx,
            cands,
            (comma + 1, end),
            cue,
            source,
            cx.layer.tokens[lo].start,
        );
    }
}

/// Participles that modify a source noun ("a report released Monday says"):
/// `data/participle_modifiers.txt`.
static PARTICIPLE_MODIFIERS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::dict::word_list(include_str!("../data/participle_modifiers.txt"))
    });

/// Particles that end a cue when its content follows them ("called for", "railed against"):
/// `data/cue_particles.txt`.
static CUE_PARTICLES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../data/cue_particles.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next().map(str::trim))
        .collect()
});

/// Poll nouns of a sentence-final "in" phrase: "Trump is ahead in public opinion polls in
/// Florida", "Clinton continues to lead in the polls".
const POLL_NOUNS: &[&str] = &["poll", "polls", "survey", "surveys", "average", "polling"];

/// "Donald Trump is leading in the polls": the clause before a sentence-final "in" phrase
/// headed by a poll noun is attributed to the polls.
fn in_source_postposed(cx: &Ctx, lo: usize, hi: usize, cands: &mut Vec<Cand>) {
    let end = sentence_content_end(cx, lo, hi);
    let Some(k) = (lo + 3..end.saturating_sub(1)).find(|&k| {
        cx.w(k) == "in"
            && (k + 1..end)
                .all(|m| !cx.is_punct(m) || matches!(cx.raw(m), "/" | "-" | "'" | "’" | "." | "&"))
            && end - k <= 12
            && (k + 1..end).any(|m| POLL_NOUNS.contains(&cx.w(m)))
    }) else {
        return;
    };
    let toks = &cx.layer.tokens;
    if claimed(cands, toks[k].start, toks[end - 1].end)
        || (lo..k).any(|m| cx.cue[m].is_some() && cue_ok(cx, m))
    {
        return;
    }
    let (cue, source) = (cx.span(k, k), Some(cx.span(k + 1, end - 1)));
    push_indirect(cx, cands, (lo, k), cue, source, toks[k].start);
}

/// Phrases that name no one ("according to reports"): `data/unattributed_sources.txt`.
static UNATTRIBUTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    crate::dict::word_list(include_str!("../data/unattributed_sources.txt"))
});

/// Whether a source span names no one: "reports", "some estimates", "local media reports".
fn names_no_one(source: &str) -> bool {
    let folded = sitrep_text::fold(source);
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1
        && matches!(
            words[0],
            "the" | "some" | "local" | "media" | "news" | "unconfirmed" | "several" | "various"
        )
    {
        words.remove(0);
    }
    words.len() == 1 && UNATTRIBUTED.contains(&words[0])
}

/// Builds the contract quote: canonical source name, relays nearest first.
fn to_quote(cx: &Ctx, actors: &[Actor], c: &Cand) -> Quote {
    let text = cx.text;
    let mut via: Vec<(usize, Relay)> = Vec::new();
    let source = c.source.filter(|&(s, e)| {
        let (s, e) = trim_span(text, s, e);
        !names_no_one(&text[s..e])
    });
    let source = source.map(|(s, e)| {
        let (s, e) = trim_span(text, s, e);
        let inside: Vec<&Actor> = actors
            .iter()
            .filter(|a| a.start >= s && a.end <= e)
            .collect();
        let media = inside.iter().find(|a| a.kind == "media");
        let other = inside
            .iter()
            .find(|a| a.kind == "person")
            .or_else(|| inside.iter().find(|a| a.kind != "media"));
        let name = match (other, media) {
            (Some(o), Some(m)) if m.start > o.start => {
                // "the ISIS-linked news agency Amaq": ISIS speaks through Amaq.
                via.push((0, relay(m)));
                o.name.clone()
            }
            (Some(o), _) => o.name.clone(),
            (None, Some(m)) => m.name.clone(),
            (None, None) => resolve_pronoun(cx, actors, s, e),
        };
        Source {
            text: text[s..e].to_string(),
            start: s,
            end: e,
            name,
        }
    });
    // Media named in the sentence(s) of the cue, outside source and content, are relays.
    let anchor_sent = cx.layer.sentence_at(c.anchor);
    let src_range = c.source.unwrap_or((0, 0));
    for a in actors.iter().filter(|a| a.kind == "media") {
        if cx.layer.sentence_at(a.start) != anchor_sent
            || (a.start < c.content.1 && c.content.0 < a.end)
            || (a.start < src_range.1 && src_range.0 < a.end)
            || source.as_ref().is_some_and(|s| s.name == a.name)
            || via.iter().any(|(_, r)| r.name == a.name)
        {
            continue;
        }
        via.push((a.start.abs_diff(c.anchor) + 1, relay(a)));
    }
    via.sort_by_key(|(d, _)| *d);
    Quote {
        content: Span::from_bytes(text, c.content.0, c.content.1),
        direct: c.direct,
        cue: c.cue.map(|(s, e)| Span::from_bytes(text, s, e)),
        source,
        via: via.into_iter().map(|(_, r)| r).collect(),
    }
}

fn relay(a: &Actor) -> Relay {
    Relay {
        name: a.name.clone(),
        text: a.text.clone(),
        start: a.start,
        end: a.end,
    }
}

fn trim_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let t = &text[s..e];
    let lead = t.len() - t.trim_start_matches([' ', ',', '—', '–']).len();
    let t2 = t.trim_end_matches([' ', '—', '–']);
    (s + lead, (s + t2.len()).max(s + lead))
}

/// The canonical name of a source without an actor in it: pronouns resolve to the nearest
/// person before them; other phrases are named by their text without a leading article.
fn resolve_pronoun(cx: &Ctx, actors: &[Actor], s: usize, e: usize) -> String {
    let t = &cx.text[s..e];
    let f = fold(t);
    if PRONOUNS_PERSON.contains(&f.as_str()) {
        if let Some(p) = actors
            .iter()
            .filter(|a| a.kind == "person" && a.end <= s)
            .max_by_key(|a| a.end)
        {
            return p.name.clone();
        }
    }
    if matches!(f.as_str(), "who" | "which") {
        if let Some(p) = actors.iter().filter(|a| a.end <= s).max_by_key(|a| a.end) {
            return p.name.clone();
        }
    }
    // "Scott Pruitt, the Republican attorney general of Oklahoma," → "Scott Pruitt".
    if let Some((head, _)) = t.split_once(',') {
        let words: Vec<&str> = head.split_whitespace().collect();
        if (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return head.trim().to_string();
        }
    }
    let (ps, pe) = strip_possessive(cx.text, s, e);
    let t = &cx.text[ps..pe];
    for art in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(r) = t.strip_prefix(art) {
            return r.to_string();
        }
    }
    t.to_string()
}
