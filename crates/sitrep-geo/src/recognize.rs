//! Toponym recognition: capitalised runs matched against the gazetteer (longest match), cue
//! words, lists, and the filters that keep person and organisation names, demonyms and common
//! capitalised words out.

use crate::db::Db;
use crate::lexicon::{fold_small, folds_to, lexicon, Folded, Hint};
use rustc_hash::FxHashSet as HashSet;
use sitrep_gazetteer::RecordId;
use sitrep_model::{Actor, Entity};
use sitrep_text::{fold, TextLayer, TokenKind};

/// Lower-case words that may join two capitalised words inside one name ("Bank of America",
/// "Deir ez-Zor", "Abu Kamal", "Rio de Janeiro").
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
    "los", "las", "van", "von", "der", "den", "y", "al", "el", "ad", "ar", "as", "ash", "az", "at",
    "an", "ez", "es", "et", "adh", "ath", "ul", "ur", "bin", "ibn", "upon", "sur", "en", "am",
    "im",
];

/// Lower-case Arabic article forms that open a name when hyphen-glued to a capital
/// ("al-Sayyal", "ez-Zor").
const ARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "az", "at", "an", "ez", "es", "et", "adh", "ath", "ul",
    "ur", "ed", "en", "er",
];

/// Where a mention came from / what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A gazetteer match in a capitalised run.
    Gazetteer,
    /// A country alias ("U.S.", "UK").
    Alias,
    /// A state/province abbreviation after a comma ("Alexandria, La.").
    Abbreviation,
    /// A name not in the gazetteer, recognised from a strong cue ("the village of X").
    Cue,
    /// A LOC entity from the NER stage.
    Entity,
    /// A span given from outside ([`crate::Geoparser::resolve_spans`]).
    Given,
}

/// A recognised toponym before resolution (byte offsets).
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub origin: Origin,
    /// Gazetteer candidates, population-descending.
    pub cands: Vec<RecordId>,
    /// Country the surface names outright (aliases) or that an abbreviation belongs to.
    pub forced_country: Option<String>,
    /// (ISO2, admin1 name) of a state abbreviation.
    pub forced_admin1: Option<(String, String)>,
    /// Feature hint from a cue noun.
    pub hint: Option<Hint>,
    /// Preceded by a location preposition.
    pub prep: bool,
    /// Sentence index.
    pub sentence: usize,
    /// Coordination group (lists "A, B and C" share one), unique otherwise.
    pub group: usize,
    /// Index of the mention that contains this one ("X, Y" / "X in Y"), when any.
    pub container: Option<usize>,
    /// Index of the mention this one is a part of, when the text says so by a possessive or
    /// "in" ("Giza's Haram district", "Kfraya in Idlib"): a city's part lies by the city.
    pub part_of: Option<usize>,
    /// Opens an organisation's name ("Texas Department of Health").
    pub in_org: bool,
    /// Local-news cue: a local institution or office, a resident noun, a street address or a
    /// legislator's district ("Lebanon Police", "a Lebanon woman", "400 S. Locust St.,
    /// Lebanon", "D-Winthrop"): a town, not a country or a capital by its fame alone.
    pub local: bool,
}

/// `text.to_lowercase()`, with runs of ASCII lower-cased whole (news text is ASCII but for
/// its quotation marks and a few names; `str::to_lowercase` goes char by char after the first
/// other character). Characters lower-case one by one except the Greek capital sigma, whose
/// form depends on its neighbours: a text holding one goes to `str::to_lowercase`.
fn lowercase(text: &str) -> String {
    if text.contains('\u{3A3}') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let n = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..n]);
        out[start..].make_ascii_lowercase();
        rest = &rest[n..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A demonym occurrence: country context, never a place.
#[derive(Debug, Clone)]
pub(crate) struct Demonym {
    pub start: usize,
    pub end: usize,
    pub country: String,
    pub sentence: usize,
}

/// A match inside a capitalised run.
struct Found {
    start: usize,
    end: usize,
    cands: Vec<RecordId>,
    origin: Origin,
    forced: Option<String>,
    hint: Option<Hint>,
    /// One unit, plain gazetteer match.
    single: bool,
    /// Name + capitalised feature noun ("Laurel County").
    suffixed: bool,
    /// Opens an organisation's name.
    in_org: bool,
    /// Names the place a local public institution or office serves ("Avondale Mayor", "the
    /// DeKalb City Council"), a dateline or a legislator's district ("D-Winthrop"): no
    /// entity or actor over it vetoes it.
    office: bool,
    /// The office is a local institution's ("Lebanon Police"; not "Russia President").
    local: bool,
}

impl Found {
    fn new(
        start: usize,
        end: usize,
        cands: Vec<RecordId>,
        origin: Origin,
        forced: Option<String>,
    ) -> Found {
        Found {
            start,
            end,
            cands,
            origin,
            forced,
            hint: None,
            single: false,
            suffixed: false,
            in_org: false,
            office: false,
            local: false,
        }
    }
}

/// One matching unit: a token, possibly with its possessive cut off or split at hyphens.
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    word: bool,
    cap: bool,
    /// A part of a hyphenated token ("Russia-Iran-Turkey", "Atlanta-area").
    part: bool,
}

fn is_article_prefixed(s: &str) -> bool {
    // every article form is 2–3 ASCII letters: the first hyphen among the first four chars
    // must follow ASCII only (a non-ASCII char before it makes the prefix no article)
    let b = s.as_bytes();
    let mut pos = 0;
    loop {
        match b.get(pos) {
            _ if pos >= 4 => return false,
            None => return false,
            Some(b'-') => break,
            Some(0xE2) if s[pos..].starts_with(['‐', '‑']) => break,
            Some(c) if c.is_ascii() => pos += 1,
            Some(_) => return false,
        }
    }
    let (a, rest) = s.split_at(pos);
    ARTICLES.contains(&a) && rest.chars().nth(1).is_some_and(char::is_uppercase)
}

fn is_cap(s: &str) -> bool {
    // (plain ASCII first letters, nearly every token, without decoding)
    match s.as_bytes().first() {
        Some(c) if c.is_ascii_uppercase() => return true,
        // (every article opens with 'a', 'e' or 'u')
        Some(c) if c.is_ascii_lowercase() => {
            return matches!(c, b'a' | b'e' | b'u') && s.len() > 3 && is_article_prefixed(s);
        }
        _ => {}
    }
    let mut ch = s.chars();
    match ch.next() {
        Some(c) if c.is_uppercase() => true,
        Some('ʿ' | 'ʾ' | '‘' | '’' | '\'') => ch.next().is_some_and(char::is_uppercase),
        Some(_) => is_article_prefixed(s),
        None => false,
    }
}

fn is_allcaps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// A country, a first-level division, a region or a city of 100,000 or more: too prominent to
/// be taken for a surname or a word ("Egypt", "Moscow said").
fn is_big(gaz: &Db, cands: &[RecordId]) -> bool {
    cands.first().is_some_and(|&c| {
        let r = gaz.record(c);
        r.feature.starts_with("PCL")
            || r.feature == "ADM1"
            || r.feature == "RGN"
            || r.feature == "CONT"
            // a county's population is no evidence for its bare name ("Clark" of "Clark
            // County, Nevada" is a surname first)
            || (r.feature_class == 'P' && r.population >= 100_000)
    })
}

/// Whether a unit is a number token.
fn layer_is_number(text: &str, u: Unit) -> bool {
    !u.word && text[u.start..u.end].starts_with(|c: char| c.is_ascii_digit())
}

/// The most populous candidate is a country or a first-level division.
fn is_polity(gaz: &Db, cands: &[RecordId]) -> bool {
    cands
        .first()
        .is_some_and(|&c| matches!(gaz.record(c).feature.as_str(), "PCLI" | "ADM1"))
}

/// A country, a region or a place of a million or more: a one-word mention of it is not taken
/// for a person ("Egypt said", "Mahmoud Abbas … Abbas").
fn is_prominent(gaz: &Db, cands: &[RecordId]) -> bool {
    cands.first().is_some_and(|&c| {
        let r = gaz.record(c);
        r.feature.starts_with("PCL")
            || r.feature == "RGN"
            || r.feature == "CONT"
            || (r.feature_class == 'P' && r.population >= 1_000_000)
    })
}

/// "We're", "I've", "they'll", "don't": never names.
fn is_contraction(s: &str) -> bool {
    // every suffix holds an apostrophe, which only an apostrophe-like char (non-ASCII, or
    // ASCII ' and `) folds to
    if s.bytes().all(|b| b.is_ascii() && b != b'\'' && b != b'`') {
        return false;
    }
    let f = fold(s);
    ["'re", "'ve", "'ll", "'d", "'m", "n't"]
        .iter()
        .any(|suf| f.ends_with(suf))
}

/// Folded form without a trailing abbreviation dot, for stop-list checks.
fn stop_form(s: &str) -> String {
    let mut f = fold(s);
    let n = f.trim_end_matches('.').len();
    f.truncate(n);
    f
}

/// Whether [`stop_form`]`(w)` is in `set`, without allocating for short plain ASCII.
fn stop_in(set: &HashSet<String>, w: &str) -> bool {
    set.contains(fold_small(w).trim_end_matches('.'))
}

/// Possessive suffix length of a word ("Syria's" → 2, "Russia’s" → 4 bytes), 0 when none.
fn possessive_len(s: &str) -> usize {
    // (every suffix ends in 's' or 'S')
    if !matches!(s.as_bytes().last(), Some(b's' | b'S')) {
        return 0;
    }
    for suf in ["'s", "’s", "'S", "’S"] {
        if s.len() > suf.len() + 1 && s.ends_with(suf) {
            return suf.len();
        }
    }
    0
}

/// Whether `s` holds a hyphen ('-', '‐' or '‑'), tested on bytes ('‐' and '‑' open with 0xE2).
fn has_hyphen(s: &str) -> bool {
    s.bytes().any(|b| b == b'-' || b == 0xE2) && s.contains(['-', '‐', '‑'])
}

/// The units of the tokens `range` of `layer`.
fn units(layer: &TextLayer, range: std::ops::Range<usize>, gaz: &Db) -> Vec<Unit> {
    let text = layer.text;
    let lx = lexicon();
    let mut out = Vec::with_capacity(range.len());
    for t in &layer.tokens[range] {
        if t.kind != TokenKind::Word {
            out.push(Unit {
                start: t.start,
                end: t.end,
                word: false,
                cap: false,
                part: false,
            });
            continue;
        }
        let end = t.end - possessive_len(&text[t.start..t.end]);
        let s = &text[t.start..end];
        // an ayn written as an opening single quote glued to the name ("‘Abbas"), when it
        // opens no quotation
        if let Some(prev) = out.last().copied() {
            let mark = &text[prev.start..prev.end];
            if !prev.word
                && prev.end == t.start
                && matches!(mark, "‘" | "ʿ" | "`")
                && (prev.start == 0 || text[..prev.start].ends_with(char::is_whitespace))
                && !layer.quotes.iter().any(|q| q.open == prev.start)
                && s.starts_with(char::is_uppercase)
                && !has_hyphen(s)
            {
                out.pop();
                out.push(Unit {
                    start: prev.start,
                    end,
                    word: true,
                    cap: true,
                    part: false,
                });
                continue;
            }
        }
        let hyphenated = has_hyphen(s);
        // (only a hyphenated word with a capital can hold places: "Russia-Iran", "U.S.-backed")
        if hyphenated
            && s.chars().any(char::is_uppercase)
            && !is_article_prefixed(s)
            && !lx.aliases.contains_key(s)
            && gaz.candidates(s).is_empty()
        {
            let mut pos = t.start;
            for part in s.split(['-', '‐', '‑']) {
                if !part.is_empty() {
                    out.push(Unit {
                        start: pos,
                        end: pos + part.len(),
                        word: true,
                        cap: is_cap(part),
                        part: true,
                    });
                }
                // every hyphen char used above is 1 or 3 bytes; find the next part exactly
                pos += part.len();
                if let Some(c) = text[pos..end].chars().next() {
                    pos += c.len_utf8();
                }
            }
            continue;
        }
        out.push(Unit {
            start: t.start,
            end,
            word: true,
            cap: is_cap(s) && !is_contraction(s),
            part: false,
        });
    }
    out
}

/// What the rules know of a mention when entities and actors may veto it.
#[derive(Clone, Copy)]
struct VetoKind {
    /// A country alias or a big place ([`is_big`]).
    prominent: bool,
    /// A preposition, a feature cue or a feature noun.
    cued: bool,
    /// A named division, or the seat of an organisation it opens.
    seat: bool,
    /// A country alias, a country or a first-level division.
    polity: bool,
    /// The place of a local institution or office, a dateline or a district ([`Found`]).
    office: bool,
}

/// Entity/actor spans that veto or support mentions.
struct Evidence<'a> {
    entities: &'a [Entity],
    actors: &'a [Actor],
}

impl Evidence<'_> {
    /// Whether the entities and actors over a span found by the rules veto it:
    /// * a PER/ORG entity on exactly the span, unless the place is prominent (`Edmonton`
    ///   tagged PER all through an article about Edmonton; "Ottawa would consider" tagged ORG:
    ///   the tagger's error or metonymy) or cued ("in Avondale", "Laurel County");
    /// * a PER entity strictly larger ("Paris Hilton"); an ORG entity strictly larger unless
    ///   the place is a named division ("the Anderson County Crimestoppers") or the rules
    ///   kept it as the seat of the organisation it opens ("Texas Department of Health") or
    ///   a country or state opens it ("the U.S. Fish and Wildlife Service");
    /// * a MISC entity strictly larger, of more than one word (a MISC tag on exactly a
    ///   gazetteer name — "near al-Sayyal" — is the tagger's doubt; "Texas-based" and
    ///   "Canada-U.S." are left to the rules that split hyphenated words);
    /// * an actor strictly larger, except state forces, a government, an organisation or an
    ///   outlet opening with the place or whose seat the rules found the place to be
    ///   ("University of Toronto") ("U.S. officials", "U.S. troops", "the Laurel County
    ///   Sheriff's Office"); an armed group named after a place ("the Raqqa Police Brigade")
    ///   or a person still vetoes.
    ///
    /// The place of a local office, a dateline or a legislator's district (`office`) is vetoed
    /// by no entity and by no actor but an armed group ("said Avondale Mayor Ed Rieker" tagged
    /// PER whole). An entity that adds only a leading article ("An Alexandria" in "An
    /// Alexandria man") counts as exactly the span.
    fn vetoes(&self, start: usize, end: usize, k: VetoKind) -> bool {
        let VetoKind {
            prominent,
            cued,
            seat,
            polity,
            office,
        } = k;
        let strictly = |s: usize, e: usize| s <= start && end <= e && (s < start || end < e);
        let exact = |s: usize, e: usize| s == start && e == end;
        // (the place of a local office: the tagger's PER/ORG over "Avondale Mayor Ed Rieker"
        // or "the DeKalb City Council" is the office, not a reason to drop the place)
        (!office
            && self.entities.iter().any(|en| {
                // (every veto below needs the entity to cover the span)
                if en.start > start || en.end < end {
                    return false;
                }
                let (s, e) = (article_skipped(en, start), en.end);
                // "Crystal N. Bright of Lexington" (PER), "the City of Athens" (ORG): a
                // residence or a municipality named inside the tagger's span
                let of_head = of_text_before(&en.text, en.start, start);
                match en.label.as_str() {
                    "LOC" => false,
                    "MISC" => strictly(s, e) && en.text.contains(char::is_whitespace),
                    "ORG" if strictly(s, e) => {
                        !(seat
                            || (polity && s == start)
                            || of_head
                                .as_deref()
                                .is_some_and(|h| lexicon().before.contains_key(h)))
                    }
                    "PER" if strictly(s, e) => !(of_head.is_some() && en.end == end),
                    _ if strictly(s, e) => true,
                    _ => exact(s, e) && !prominent && !cued,
                }
            }))
            || self.actors.iter().any(|a| {
                strictly(a.start, a.end)
                && !((a.start == start || seat || office)
                    && matches!(
                        a.kind.as_str(),
                        "state_forces"
                            | "government"
                            | "external_forces"
                            | "organization"
                            | "media"
                    ))
                // (a titled person: "said Avondale Mayor Ed Rieker")
                && !(office && a.kind == "person")
                // (a municipality: "the City of Athens")
                && !(a.end == end
                    && of_text_before(&a.text, a.start, start)
                        .is_some_and(|h| lexicon().before.contains_key(&h)))
                // (a person and their town: "Crystal N. Bright of Lexington")
                && !(a.kind == "person" && a.end == end && of_text_before(&a.text, a.start, start).is_some())
            })
    }
    /// Inside a list that is mostly places, only a strictly larger entity or actor vetoes a
    /// member: a PER tag on one unknown village among known ones is the tagger's guess.
    fn vetoes_list_member(&self, start: usize, end: usize) -> bool {
        let covers = |s: usize, e: usize| s <= start && end <= e && (s < start || end < e);
        self.entities
            .iter()
            .any(|en| en.label != "LOC" && covers(en.start, en.end))
            || self.actors.iter().any(|a| covers(a.start, a.end))
    }
    /// A non-person actor overlaps the span (a LOC tag inside "Hayat Ta?rir al-Sham").
    fn inside_group_actor(&self, start: usize, end: usize) -> bool {
        self.actors
            .iter()
            .any(|a| a.kind != "person" && a.start < end && start < a.end)
    }
    /// An ORG entity opens with this span and is longer.
    fn org_opens_with(&self, start: usize, end: usize) -> bool {
        self.entities
            .iter()
            .any(|en| en.label == "ORG" && en.start == start && en.end > end)
    }
    /// A LOC entity covers exactly this span.
    fn supports(&self, start: usize, end: usize) -> bool {
        self.tagged("LOC", start, end)
    }
    /// An entity labelled `label` covers exactly this span.
    fn tagged(&self, label: &str, start: usize, end: usize) -> bool {
        self.entities
            .iter()
            .any(|en| en.label == label && en.start == start && en.end == end)
    }
}

/// When the span's text (starting at `span_start`) right before `start` is "<word> of ", that
/// word, folded ("Bright of Lexington" → "bright", "City of Athens" → "city").
fn of_text_before(span_text: &str, span_start: usize, start: usize) -> Option<String> {
    if start <= span_start {
        return None;
    }
    let head = span_text.get(..start - span_start)?;
    let rest = head.strip_suffix("of ")?;
    let word = rest.strip_suffix(' ')?.rsplit(' ').next()?;
    (!word.is_empty()).then(|| stop_form(word))
}

/// The start of an entity without a leading article or area word when that word is all that
/// precedes `start` in it (the tagger's "An Alexandria" in "An Alexandria man", "Metro
/// Nashville" in "Metro Nashville police"): the entity then counts as exactly the mention's
/// span.
fn article_skipped(en: &Entity, start: usize) -> usize {
    // (an article or an area word and a space: at most 14 bytes)
    if en.start >= start || start - en.start > 14 {
        return en.start;
    }
    let head = en.text.get(..start - en.start).unwrap_or("");
    let word = head.trim_end();
    if head.ends_with(' ')
        && !word.contains(' ')
        && (["a", "an", "the"]
            .iter()
            .any(|a| word.eq_ignore_ascii_case(a))
            || stop_in(&lexicon().placewords, word))
    {
        start
    } else {
        en.start
    }
}

/// The cue before a unit index: (preposition?, strong?, feature hint from "<noun> of").
fn cue_before(text: &str, us: &[Unit], i: usize) -> (bool, bool, Option<Hint>) {
    let lx = lexicon();
    let w = |k: usize| -> Option<Folded<'_>> {
        let u = us.get(k)?;
        u.word.then(|| fold_small(&text[u.start..u.end]))
    };
    let mut prep = false;
    let mut strong = false;
    let mut hint = None;
    // skip one "the"
    let mut j = i;
    if j > 0 && w(j - 1).as_deref() == Some("the") {
        j -= 1;
    }
    // "through downtown Norfolk", "of rural Paris": a lower-case area word is a cue, and the
    // preposition before it counts
    if j > 0 && j == i && !us[j - 1].cap && w(j - 1).is_some_and(|m| lx.modifiers.contains(&*m)) {
        prep = true;
        j -= 1;
        if j > 0 && w(j - 1).as_deref() == Some("the") {
            j -= 1;
        }
    }
    if j > 0 {
        if let Some(p) = w(j - 1) {
            if lx.preps.contains(&*p) {
                prep = true;
            }
            if lx.strong.contains(&*p) {
                strong = true;
            }
            // "Christopher Sean Bowers, 19, of Martinez": a person's town after a comma
            if &*p == "of"
                && j > 1
                && !us[j - 2].word
                && &text[us[j - 2].start..us[j - 2].end] == ","
            {
                prep = true;
            }
            if &*p == "of" && j > 1 {
                if let Some(n) = w(j - 2) {
                    if let Some(h) = lx.before.get(&*n) {
                        hint = Some(*h);
                        strong = true;
                    }
                    let two = format!("{} of", &*n);
                    if lx.strong.contains(&two) {
                        strong = true;
                    }
                    if lx.preps.contains(&two) {
                        prep = true;
                    }
                }
            }
        }
    }
    (prep, strong, hint)
}

/// The word before unit `i` (skipping one "the") is a preposition of motion or origin ("from
/// X", "to the X"), which companies and people follow as often as places.
fn weak_prep_before(text: &str, us: &[Unit], i: usize) -> bool {
    let word = |k: usize| {
        us.get(k)
            .filter(|u| u.word)
            .map(|u| fold_small(&text[u.start..u.end]))
    };
    let mut j = i;
    if j > 0 && word(j - 1).as_deref() == Some("the") {
        j -= 1;
    }
    j > 0 && word(j - 1).is_some_and(|w| WEAK_PREPS.contains(&&*w))
}

/// Prepositions of motion or origin, which companies and people follow as often as places
/// ("from X", "to X's credit").
const WEAK_PREPS: &[&str] = &[
    "from", "to", "at", "into", "toward", "towards", "via", "through", "between",
];

/// The word before byte `start` (skipping one "the") is one of [`WEAK_PREPS`].
fn weak_prep_text(text: &str, start: usize) -> bool {
    let mut words = text[..start]
        .split(|c: char| !c.is_alphanumeric())
        .rev()
        .filter(|w| !w.is_empty());
    let mut w = words.next();
    if w.is_some_and(|x| x.eq_ignore_ascii_case("the")) {
        w = words.next();
    }
    w.is_some_and(|x| WEAK_PREPS.iter().any(|p| x.eq_ignore_ascii_case(p)))
}

/// The feature noun right after a unit index, if any ("Raqqa province").
fn cue_after(text: &str, us: &[Unit], j: usize) -> Option<Hint> {
    let u = us.get(j)?;
    if !u.word {
        return None;
    }
    lexicon().after.get(&text[u.start..u.end]).copied()
}

/// Days of the week and months (and their abbreviations; not "May", a given name too).
fn is_calendar_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ];
    let w = fold_small(w);
    WORDS.contains(&w.trim_end_matches('.'))
}

/// The unit index where a dateline opening the sentence ends: "WASHINGTON Barack Obama…",
/// "NEW YORK The…", "AUSTIN, Texas A white…" — one or more all-caps words, optionally a comma
/// and one or two capitalised words, then a capitalised word that is not all-caps. The
/// capitalised run must break there, or the place is taken for part of a longer name.
fn dateline_end(text: &str, us: &[Unit]) -> Option<(usize, bool)> {
    let w = |k: usize| us.get(k).filter(|u| u.word).map(|u| &text[u.start..u.end]);
    let caps = |k: usize| {
        w(k).is_some_and(|s| is_allcaps(s) && s.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            || (k > 0 && w(k).is_some_and(|s| is_allcaps(s) && s.len() >= 2))
    };
    if !caps(0) {
        return None;
    }
    let mut k = 1;
    while k < us.len() && caps(k) && k < 4 {
        k += 1;
    }
    let opens_mixed = |k: usize| w(k).is_some_and(|s| is_cap(s) && !is_allcaps(s));
    // "HARWINTON — A town…", "NEW MIAMI -- After…", "HAMMOND (AP) —"
    let punct = |k: usize| {
        us.get(k)
            .filter(|u| !u.word)
            .map(|u| &text[u.start..])
            .filter(|t| t.starts_with(['—', '–', '-', '(']))
    };
    if let Some(t) = punct(k) {
        let ok = !t.starts_with('(') || t.starts_with("(AP)") || t.starts_with("(Reuters)");
        return ok.then_some((k, true));
    }
    if us
        .get(k)
        .is_some_and(|u| !u.word && text[u.start..u.end].starts_with(','))
    {
        // "CHARLESTON, W.Va. (AP) --": a state abbreviation, then a dash or "(AP)"
        let abbr = lexicon();
        if let Some(u) = us.get(k + 1).filter(|u| u.word) {
            let a = &text[u.start..u.end];
            let dotted = format!("{a}.");
            let known = abbr.abbreviations.contains_key(a)
                || (text[u.end..].starts_with('.') && abbr.abbreviations.contains_key(&dotted));
            let next = text[u.end..].trim_start_matches('.').trim_start();
            if known && next.starts_with(['—', '–', '-', '(']) {
                return Some((k, true));
            }
        }
        // "AUSTIN, Texas A …": the state or country, then the sentence
        for len in [1, 2] {
            let (a, b) = (k + 1, k + 1 + len);
            if (a..b).all(opens_mixed) && opens_mixed(b) {
                let glued = (a..b).all(|x| us[x + 1].start == us[x].end + 1);
                if glued {
                    return Some((b, false));
                }
            }
        }
        return None;
    }
    opens_mixed(k).then_some((k, false))
}

/// "Greer, South Carolina", "Detroit, Texas", "Thackerville, Okla.": a comma after the run
/// at `end`, then a country or a first-level division (name, alias or state abbreviation)
/// ending the name run: the run names a place in it.
fn polity_after_comma(gaz: &Db, text: &str, us: &[Unit], end: usize) -> bool {
    let lx = lexicon();
    if !us
        .get(end)
        .is_some_and(|u| !u.word && &text[u.start..u.end] == ",")
    {
        return false;
    }
    let a = end + 1;
    let mut b = a;
    while b < us.len() && b < a + 3 && us[b].word && us[b].cap {
        b += 1;
    }
    // the whole capitalised run after the comma (not "Smith, Texas Instruments")
    if b == a || us.get(b).is_some_and(|u| u.word && u.cap) {
        return false;
    }
    let surf = &text[us[a].start..us[b - 1].end];
    let dotted = text[us[b - 1].end..].starts_with('.') && !surf.ends_with('.');
    lx.aliases.contains_key(surf)
        || lx.abbreviations.contains_key(surf)
        || (dotted && lx.abbreviations.contains_key(&format!("{surf}.")))
        || is_polity(gaz, &gaz.candidates(surf))
}

/// Separator text between two spans that makes them a coordinated list.
fn is_list_sep(between: &str) -> bool {
    matches!(
        between.trim(),
        "," | "and" | "or" | ", and" | ", or" | "&" | ";" | "and the" | ", the"
    )
}

/// Recognises the toponyms of a text. Returns mentions in text order and demonyms.
pub(crate) fn recognize(
    gaz: &Db,
    layer: &TextLayer,
    entities: &[Entity],
    actors: &[Actor],
) -> (Vec<Mention>, Vec<Demonym>) {
    let text = layer.text;
    let lx = lexicon();
    let ev = Evidence { entities, actors };
    let max_k = gaz.max_name_tokens().clamp(1, 6);
    let mut mentions: Vec<Mention> = Vec::new();
    let mut demonyms: Vec<Demonym> = Vec::new();
    // last units of person-like runs ("Mahmoud Abbas" → "abbas")
    let mut name_parts: HashSet<String> = HashSet::default();
    // (mention index, needs name-part check) for single-word uncued mentions
    let mut single_uncued: Vec<usize> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    // mentions vetoed only for want of a cue (the tagger's exact PER/ORG), with their
    // `single_uncued` flag
    let mut uncued_vetoed: Vec<(Mention, bool)> = Vec::new();
    // folded names kept with a sure cue and no PER/ORG tag over them
    let mut cued_names: HashSet<String> = HashSet::default();

    for (si, sent) in layer.sentences.iter().enumerate() {
        let us = units(layer, sent.tokens.clone(), gaz);
        let n = us.len();
        // (a dateline closed by a dash, "(AP)" or a state abbreviation, or a long all-caps
        // word, is sure enough that the tagger's doubts do not veto it: not "CIA Director…")
        let (dateline, sure_dateline) = match dateline_end(text, &us) {
            Some((k, sure)) => {
                let long =
                    (0..k).any(|x| us[x].word && text[us[x].start..us[x].end].chars().count() >= 6);
                (Some(k), sure || long)
            }
            None => (None, false),
        };
        let mut i = 0;
        // list state: hint and strong cue inherited by coordinated runs
        let mut list_cue: Option<(Option<Hint>, bool, usize)> = None; // (hint, strong, end byte)
        while i < n {
            if !(us[i].word && us[i].cap) {
                i += 1;
                continue;
            }
            // the run [i, j)
            let mut j = i + 1;
            while j < n {
                let u = us[j];
                let glued = us[j - 1].end == u.start
                    || text[us[j - 1].end..u.start].chars().all(|c| c == ' ');
                if !glued || !u.word || dateline == Some(j) {
                    break;
                }
                if u.cap {
                    // "in Toronto Saturday", "New York Tuesday": a day or month ends the name
                    if is_calendar_word(&text[u.start..u.end]) {
                        break;
                    }
                    j += 1;
                    continue;
                }
                let w = &text[u.start..u.end];
                // "Residents of Aleppo" opens a sentence; "Bank of America" is one name
                let sentence_initial_of = w == "of"
                    && us[..i].iter().all(|u| !u.word)
                    && j == i + 1
                    && !stop_in(&lx.stop, &text[us[i].start..us[i].end]);
                if CONNECTORS.contains(&w)
                    && !sentence_initial_of
                    && j + 1 < n
                    && us[j + 1].word
                    && us[j + 1].cap
                    && text[u.end..us[j + 1].start].chars().all(|c| c == ' ')
                {
                    j += 2;
                    continue;
                }
                break;
            }
            let run_start = i;
            let run_end = j;
            i = j;

            // cue context of the run
            let (mut prep, mut strong, mut hint) = cue_before(text, &us, run_start);
            let after_hint = cue_after(text, &us, run_end);
            if let Some((lh, ls, lend)) = list_cue {
                if is_list_sep(&text[lend..us[run_start].start]) {
                    if hint.is_none() {
                        hint = lh;
                    }
                    strong |= ls;
                    prep = true;
                }
            }
            if after_hint.is_some() {
                strong = true;
            }
            // "Robert A. DeLeo, D-Winthrop,", "(R-Ocilla)": a legislator's district after the
            // party letter
            let party = run_start > 0 && us[run_start].part && {
                let d = us[run_start - 1];
                d.part
                    && matches!(&text[d.start..d.end], "D" | "R" | "I" | "DFL")
                    && text[..d.start].trim_end().ends_with([',', '('])
            };
            // "A DeKalb man", "Torrington firefighters": a resident noun after the name
            // (a lower-case word: its text is its folded form when it is in the list)
            let resident = us.get(run_end).is_some_and(|u| {
                u.word
                    && !u.cap
                    && lx.residents.contains(&text[u.start..u.end])
                    && text[us[run_end - 1].end..u.start].chars().all(|c| c == ' ')
            });
            let in_polity = polity_after_comma(gaz, text, &us, run_end);
            prep |= party || in_polity;
            // a cue that a name is a place, not a person's or a company's ("in X", "X,
            // Texas"; not "from X", "to X")
            let sure_cue = in_polity || (prep && !weak_prep_before(text, &us, run_start));
            // "400 S. Locust St., Lebanon": a town after a street address
            let address = {
                let before = text[..us[run_start].start].trim_end();
                before.strip_suffix(',').is_some_and(|b| {
                    let w = b.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
                    w.len() <= 12 && stop_in(&lx.facilities, w)
                })
            };

            // match inside the run
            let in_dateline = dateline.is_some() && us[..run_start].iter().all(|u| !u.word);
            prep |= in_dateline && sure_dateline;
            let mut p = run_start;
            let mut leading = true;
            let mut found: Vec<Found> = Vec::new();
            let mut residue: Vec<usize> = Vec::new();
            let mut demonym_here = false;
            while p < run_end {
                let mut matched = false;
                for k in (1..=max_k.min(run_end - p)).rev() {
                    let (s, e) = (us[p].start, us[p + k - 1].end);
                    let last = &text[us[p + k - 1].start..e];
                    if k > 1 && !us[p + k - 1].cap && CONNECTORS.contains(&last) {
                        continue;
                    }
                    let surf = &text[s..e];
                    // "Dublin City Council", "Woodstock District Chamber": the place, not an
                    // alternate name ending in "City" (but "Boulder City Council" keeps the
                    // city's own name)
                    if k > 1
                        && matches!(last, "City" | "Town" | "District")
                        && us.get(p + k).is_some_and(|u| {
                            p + k < run_end
                                && (stop_in(&lx.inst_heads, &text[u.start..u.end])
                                    || stop_in(&lx.inst_after_link, &text[u.start..u.end])
                                    || stop_in(&lx.titles, &text[u.start..u.end]))
                        })
                        && gaz
                            .candidates(surf)
                            .first()
                            .is_none_or(|&c| !folds_to(&gaz.record(c).name, &fold_small(surf)))
                    {
                        continue;
                    }
                    if let Some(c) = lx.demonyms.get(surf) {
                        demonyms.push(Demonym {
                            start: s,
                            end: e,
                            country: c.clone(),
                            sentence: si,
                        });
                        demonym_here = true;
                        p += k;
                        matched = true;
                        break;
                    }
                    if let Some(c) = lx.aliases.get(surf) {
                        found.push(Found::new(s, e, Vec::new(), Origin::Alias, Some(c.clone())));
                        p += k;
                        matched = true;
                        break;
                    }
                    if stop_in(&lx.stop, surf) && k > 1 {
                        continue;
                    }
                    // "Laurel County", "Rapides Parish", "Raqqa Province": name + capitalised
                    // feature noun, one mention; looked up as a whole, else by the name.
                    // ("Kentucky State Police", "Dublin City Council": "State"/"City" open
                    // the organisation's name instead)
                    let org_word_next = us
                        .get(p + k)
                        .is_some_and(|u| matches!(&text[u.start..u.end], "State" | "City"))
                        && us
                            .get(p + k + 1)
                            .is_some_and(|u| p + k + 1 < run_end && u.cap);
                    if let Some(h) = us
                        .get(p + k)
                        .filter(|u| p + k < run_end && u.word && u.cap && !org_word_next)
                        .and_then(|u| lx.after.get(&text[u.start..u.end]))
                    {
                        let opens_with_function = leading
                            && lx
                                .function
                                .contains(&*fold_small(&text[us[p].start..us[p].end]));
                        let name_ok = !((k == 1 && stop_in(&lx.stop, surf)) || opens_with_function);
                        if name_ok {
                            let full_end = us[p + k].end;
                            let mut cands = gaz.candidates(&text[s..full_end]).to_vec();
                            if cands.is_empty() {
                                cands = gaz.candidates(surf).to_vec();
                            }
                            if cands.is_empty() && k > 1 {
                                continue;
                            }
                            let origin = if cands.is_empty() {
                                Origin::Cue
                            } else {
                                Origin::Gazetteer
                            };
                            let mut f = Found::new(s, full_end, cands, origin, None);
                            f.hint = Some(*h);
                            f.suffixed = true;
                            found.push(f);
                            p += k + 1;
                            matched = true;
                            break;
                        }
                    }
                    // "La." / "Kan" + sentence-final dot; "W. Va." in two units
                    if k <= 2 {
                        let dotted = if text[e..].starts_with('.') && !surf.ends_with('.') {
                            Some(format!("{surf}."))
                        } else {
                            None
                        };
                        let abbr = lx.abbreviations.get(surf).map(|a| (a, e)).or_else(|| {
                            dotted
                                .as_ref()
                                .and_then(|d| lx.abbreviations.get(d))
                                .map(|a| (a, e + 1))
                        });
                        if let Some(((c, _), e2)) = abbr {
                            let after_comma = p > 0
                                && !us[p - 1].word
                                && text[us[p - 1].start..].starts_with(',');
                            // "N.Y.", "B.C.", "W.Va." stand alone; "La.", "Ind." only after a
                            // comma; never after a number ("500 B.C.")
                            let dotted_initials = surf.matches('.').count() >= 2;
                            let after_number = p > 0 && layer_is_number(text, us[p - 1]);
                            if !after_number
                                && ((after_comma && !mentions.is_empty()) || dotted_initials)
                            {
                                found.push(Found::new(
                                    s,
                                    e2,
                                    Vec::new(),
                                    Origin::Abbreviation,
                                    Some(c.clone()),
                                ));
                                p += k;
                                matched = true;
                                break;
                            }
                            continue;
                        }
                    }
                    if k == 1 {
                        let f = stop_form(surf);
                        let initial = us[..p].iter().all(|u| !u.word);
                        let caps_ok = || {
                            gaz.candidates(surf)
                                .iter()
                                .any(|&c| matches!(gaz.record(c).feature.as_str(), "RGN" | "CONT"))
                        };
                        if lx.stop.contains(&f)
                            || (initial && lx.initial.contains(&f))
                            || (is_allcaps(surf)
                                && surf.chars().count() <= 5
                                && !in_dateline
                                && !caps_ok())
                            || surf.chars().filter(|c| c.is_alphabetic()).count() < 2
                        {
                            continue;
                        }
                    }
                    let cands = gaz.candidates(surf);
                    // "An Alexandria": an English word the name key reads as an article
                    if k > 1
                        && lx
                            .function
                            .contains(&*fold_small(&text[us[p].start..us[p].end]))
                        && !cands
                            .iter()
                            .any(|&c| folds_to(&gaz.record(c).name, &fold_small(surf)))
                    {
                        continue;
                    }
                    let part_ok = !(us[p].part || us[p + k - 1].part)
                        || party
                        || cands.first().is_some_and(|&c| {
                            let r = gaz.record(c);
                            r.feature.starts_with("PCL")
                                || r.feature == "ADM1"
                                || r.population >= 100_000
                        });
                    if !cands.is_empty() && part_ok {
                        let mut f = Found::new(s, e, cands.to_vec(), Origin::Gazetteer, None);
                        f.single = k == 1;
                        // "Laurel County" found whole is as good as name + feature noun
                        f.suffixed = k > 1 && us[p + k - 1].cap && lx.after.contains_key(last);
                        found.push(f);
                        p += k;
                        matched = true;
                        break;
                    }
                }
                if !matched {
                    let w = fold_small(&text[us[p].start..us[p].end]);
                    let skip = (leading && lx.function.contains(&*w))
                        || lx.placewords.contains(&*w)
                        || (!us[p].cap && CONNECTORS.contains(&&*w));
                    if !skip {
                        residue.push(p);
                    }
                    p += 1;
                } else {
                    leading = false;
                }
                if !matched && !residue.is_empty() {
                    leading = false;
                }
            }

            let adjacent = found.windows(2).any(|f| {
                let between = &text[f[0].end..f[1].start];
                f[0].single
                    && f[1].single
                    && !between.is_empty()
                    && between.chars().all(|c| c == ' ')
            });
            // a place opening an organisation's name ("Texas Department of Health",
            // "Gainesville Police", "Ohio State University"): kept, as the organisation's seat
            let org_opening = !residue.is_empty()
                && found.first().is_some_and(|f0| {
                    residue.iter().all(|&r| us[r].start >= f0.end)
                        && f0.origin != Origin::Cue
                        && ((f0.suffixed || f0.origin == Origin::Alias || is_big(gaz, &f0.cands))
                            && (run_start..run_end)
                                .filter(|&u| us[u].start >= f0.end)
                                // a country or state: its agencies have long names ("U.S.
                                // Fish and Wildlife Service")
                                .take(if f0.origin == Origin::Alias || is_polity(gaz, &f0.cands) {
                                    usize::MAX
                                } else {
                                    3
                                })
                                .any(|u| {
                                    let w = fold_small(&text[us[u].start..us[u].end]);
                                    let w = w.trim_end_matches('.');
                                    lx.org_heads.contains(w) || lx.titles.contains(w)
                                })
                            || (run_start..run_end)
                                .find(|&u| us[u].start >= f0.end)
                                .is_some_and(|u| {
                                    stop_in(&lx.titles, &text[us[u].start..us[u].end])
                                }))
                });
            // a place of any size opening a local public institution or office ("the New
            // Milford Police Department", "Grand Ledge City Council", "Avondale Mayor Ed
            // Rieker", `data/institutions.tsv`, and the titles of `data/titles.txt`): the place
            // it serves
            let mut local_office = false;
            let office = found.first().is_some_and(|f0| {
                if f0.end >= us[run_end - 1].end || f0.origin == Origin::Cue {
                    return false;
                }
                let mut after = (run_start..run_end)
                    .filter(|&u| us[u].start >= f0.end)
                    .map(|u| &text[us[u].start..us[u].end]);
                let mut linked = false;
                let head = loop {
                    match after.next() {
                        Some(w) if stop_in(&lx.inst_links, w) => linked = true,
                        other => break other,
                    }
                };
                residue.iter().all(|&r| us[r].start >= f0.end)
                    && head.is_some_and(|w| {
                        let local = stop_in(&lx.inst_heads, w)
                            || (linked && stop_in(&lx.inst_after_link, w));
                        // (only an institution makes the place local: "Russia President",
                        // "Texas Senator" name a country and a state)
                        local_office = local;
                        local || stop_in(&lx.titles, w)
                    })
                    && {
                        let name = stop_form(&text[f0.start..f0.end]);
                        ![
                            &lx.inst_heads,
                            &lx.inst_links,
                            &lx.inst_after_link,
                            &lx.inst_not,
                        ]
                        .iter()
                        .any(|l| l.contains(&name))
                    }
            });
            let org_opening = org_opening || office;
            // "Rethinking Egypt-US relations": only the sentence's first word before a
            // prominent place
            let initial_word = !adjacent
                && residue.len() == 1
                && us[..residue[0]].iter().all(|u| !u.word)
                && found.len() == 1
                && residue[0] + 1 < us.len()
                && us[residue[0] + 1].start == found[0].start
                && is_prominent(gaz, &found[0].cands);
            // "Mayor of London", "University of Toronto": a prominent place after "of"
            // (not a company's: "Bank of America")
            let of_place = found.last().is_some_and(|fl| {
                !residue.is_empty()
                    && is_big(gaz, &fl.cands)
                    && residue.iter().all(|&r| us[r].end <= fl.start)
                    && text[..fl.start].trim_end().ends_with(" of")
                    && !residue
                        .iter()
                        .any(|&r| stop_in(&lx.companies, &text[us[r].start..us[r].end]))
            });
            // "Daniel Ray Hufstetler of Roswell": a person the tagger found, "of" and a place
            // ending the run: the person's town
            let person_of = !of_place
                && !residue.is_empty()
                && found.last().is_some_and(|fl| {
                    fl.end == us[run_end - 1].end
                        && fl.origin == Origin::Gazetteer
                        && residue.iter().all(|&r| us[r].end <= fl.start)
                        && text[..fl.start]
                            .trim_end()
                            .strip_suffix(" of")
                            .is_some_and(|b| {
                                let (from, to) = (us[run_start].start, b.trim_end().len());
                                entities.iter().any(|en| {
                                    en.label == "PER"
                                        && en.start >= from
                                        && (en.end == to
                                            || (en.end == fl.end
                                                && of_text_before(&en.text, en.start, fl.start)
                                                    .is_some()))
                                }) || actors
                                    .iter()
                                    .any(|a| a.kind == "person" && a.start >= from && a.end == to)
                            })
                });
            if org_opening {
                // "Oxford MPP Ernie Hardeman": the run's last word is a surname, so a lone
                // "Hardeman" later is no place either
                let last = &text[us[run_end - 1].start..us[run_end - 1].end];
                if found.len() > 1 && found.last().is_some_and(|f| f.end == us[run_end - 1].end) {
                    name_parts.insert(fold(last));
                }
                found.truncate(1);
                found[0].in_org = true;
                found[0].office = office;
                // (the second member of a compound serves with the first: "the NATO-Russia
                // Council" is no council of a town named Russia)
                found[0].local = local_office && !glued_by_hyphen(text, found[0].start);
            } else if of_place {
                found.drain(..found.len() - 1);
                found[0].in_org = true;
            } else if person_of {
                found.drain(..found.len() - 1);
                prep = true;
            } else if initial_word {
            } else if (!residue.is_empty() || adjacent) && !found.is_empty() {
                // embedded in a longer name: a person or an organisation
                let last = run_end - 1;
                if let Some(f) = found
                    .iter()
                    .find(|f| f.end == us[last].end && f.single && !is_prominent(gaz, &f.cands))
                {
                    let connector_before = last > 0 && !us[last - 1].cap;
                    // "CTV Winnipeg", "CBC Toronto": a broadcaster's station, not a surname
                    let org_like = last == run_start + 1 && is_big(gaz, &f.cands) && {
                        let w = &text[us[run_start].start..us[run_start].end];
                        is_allcaps(w) && w.len() <= 4
                    };
                    if !connector_before && !org_like {
                        name_parts.insert(fold(&text[f.start..f.end]));
                    }
                }
                // a country or state opening an organisation the tagger found ("the U.S. Fish
                // and Wildlife Service") is its seat
                let run_open =
                    us[run_start + leading_function(text, &us, run_start, run_end)].start;
                for f in found.iter_mut() {
                    if f.start == run_open
                        && (f.origin == Origin::Alias || is_polity(gaz, &f.cands))
                        && ev.org_opens_with(f.start, f.end)
                    {
                        f.in_org = true;
                    }
                }
                found.retain(|f| ev.supports(f.start, f.end) || f.suffixed || f.in_org);
            }
            if found.is_empty() && !residue.is_empty() && strong && !demonym_here {
                // unknown name with a strong cue: recognised, unresolved
                let first = run_start + leading_function(text, &us, run_start, run_end);
                let clean = (first..run_end).all(|k| {
                    !stop_in(&lx.stop, &text[us[k].start..us[k].end])
                        && !is_allcaps(&text[us[k].start..us[k].end])
                });
                if first < run_end && clean {
                    found.push(Found::new(
                        us[first].start,
                        us[run_end - 1].end,
                        Vec::new(),
                        Origin::Cue,
                        None,
                    ));
                }
            }
            let nfound = found.len();
            for f in found {
                let (in_org, suffixed, f_hint) = (f.in_org, f.suffixed, f.hint);
                let (s, e, cands, origin, forced) = (f.start, f.end, f.cands, f.origin, f.forced);
                let prominent = origin == Origin::Alias || is_big(gaz, &cands);
                let cued = prep || hint.is_some() || f_hint.is_some() || suffixed || resident;
                let division = suffixed
                    || cands
                        .first()
                        .is_some_and(|&c| gaz.record(c).feature.starts_with("ADM"));
                let kind = VetoKind {
                    prominent,
                    cued,
                    seat: division || in_org,
                    polity: origin == Origin::Alias || is_polity(gaz, &cands),
                    office: f.office
                        || party
                        || (in_dateline && sure_dateline && origin != Origin::Cue),
                };
                let vetoed = ev.vetoes(s, e, kind);
                // (vetoed only for want of a cue: the tagger's exact PER/ORG on a small place)
                let for_want_of_cue = vetoed
                    && origin == Origin::Gazetteer
                    && !ev.vetoes(s, e, VetoKind { cued: true, ..kind });
                if vetoed && !for_want_of_cue {
                    continue;
                }
                let forced_admin1 = if origin == Origin::Abbreviation {
                    lx.abbreviations.get(&text[s..e]).cloned()
                } else {
                    None
                };
                let m = Mention {
                    start: s,
                    end: e,
                    origin,
                    cands,
                    forced_country: forced,
                    forced_admin1,
                    hint: f.hint.or(hint).or(after_hint),
                    prep,
                    sentence: si,
                    group: 0,
                    container: None,
                    part_of: None,
                    in_org: f.in_org,
                    local: f.local || party || resident || address,
                };
                let single = nfound == 1 && f.single && hint.is_none() && after_hint.is_none();
                if for_want_of_cue {
                    uncued_vetoed.push((m, single));
                    continue;
                }
                if single {
                    single_uncued.push(mentions.len());
                }
                if origin == Origin::Gazetteer
                    && (sure_cue || m.hint.is_some() || m.local)
                    && !entities.iter().any(|en| {
                        matches!(en.label.as_str(), "PER" | "ORG") && en.start <= s && e <= en.end
                    })
                {
                    cued_names.insert(fold(&text[s..e]));
                }
                mentions.push(m);
            }
            list_cue = (nfound > 0 || strong).then(|| (hint, strong, us[run_end - 1].end));
            let first = run_start + leading_function(text, &us, run_start, run_end);
            if first < run_end {
                let clean = nfound == 0
                    && !demonym_here
                    && (first..run_end).all(|k| {
                        let t = &text[us[k].start..us[k].end];
                        (!us[k].cap && CONNECTORS.contains(&t))
                            || (!stop_in(&lx.stop, t) && !is_allcaps(t))
                    });
                runs.push(Run {
                    start: us[first].start,
                    end: us[run_end - 1].end,
                    sentence: si,
                    clean,
                    hint: hint.or(after_hint),
                });
            }
        }
    }

    // one sense per document: a small place the tagger tags PER or ORG exactly here but that
    // the text cues as a place elsewhere ("in Greer", "Greer, South Carolina", "Greer
    // Police") is that place here too ("Greer's city limits"); surnames are checked below
    for (m, single) in uncued_vetoed {
        if cued_names.contains(&*fold_small(&text[m.start..m.end])) {
            if single {
                single_uncued.push(mentions.len());
            }
            mentions.push(m);
        }
    }

    // person surnames seen in full names elsewhere ("Mahmoud Abbas … Abbas said"), by the
    // rules or by the tagger ("Desmond Demetrius Clark" … "Clark said"); the tagger's own LOC
    // on the lone surname does not save it then
    let tagged_surnames: HashSet<String> = entities
        .iter()
        // (not "Crystal N. Bright of Lexington": a person and their town)
        .filter(|e| e.label == "PER" && e.text.contains(' ') && !e.text.contains(" of "))
        .filter_map(|e| e.text.rsplit(' ').next())
        .map(|w| fold(&w[..w.len() - possessive_len(w)]))
        .collect();
    name_parts.extend(tagged_surnames.iter().cloned());
    if !name_parts.is_empty() {
        let drop: HashSet<usize> = single_uncued
            .into_iter()
            .filter(|&k| {
                let m = &mentions[k];
                m.origin == Origin::Gazetteer
                    && !is_prominent(gaz, &m.cands)
                    // (a place closing a clause after "in" or "near" stays one: "Generation
                    // Charleston" does not make "the river in Charleston." a person)
                    && !closes_after_in(text, m.start, m.end)
                    && name_parts.contains(&*fold_small(&text[m.start..m.end]))
                    && (!ev.supports(m.start, m.end)
                        || tagged_surnames.contains(&*fold_small(&text[m.start..m.end])))
            })
            .collect();
        if !drop.is_empty() {
            mentions = mentions
                .into_iter()
                .enumerate()
                .filter(|(k, _)| !drop.contains(k))
                .map(|(_, m)| m)
                .collect();
        }
    }

    // one sense per document for people: a one-word name shown to be a person's somewhere in
    // the text ("Georgia's father", "wife, Nina", "Georgia herself", "Georgia, 12,", a speaker
    // the tagger calls a person) is a person wherever no preposition or feature noun cues it
    // as a place ("said Georgia", "Today Georgia skates"); "the Boons" after "Arlene Boon" is
    // a family
    let persons = shown_persons(gaz, layer, &ev, &mentions, &cued_names);
    if !persons.is_empty() || !name_parts.is_empty() {
        let mut families: Vec<String> = Vec::new();
        mentions.retain(|m| {
            if m.origin != Origin::Gazetteer || m.hint.is_some() || m.local || m.in_org {
                return true;
            }
            let surf = &text[m.start..m.end];
            // (folded only when a rule below can apply)
            if surf.contains(' ') || (persons.is_empty() && !surf.ends_with('s')) {
                return true;
            }
            let f = fold(surf);
            // ("to Georgia's credit", "from Georgia's hard work": a weak preposition cues no
            // place against a person's name)
            if persons.contains(&f) && (!m.prep || weak_prep_text(text, m.start)) {
                return false;
            }
            // "the Boons", "the Hains": a family whose surname a full name gives
            let family = f
                .strip_suffix('s')
                .is_some_and(|stem| name_parts.contains(stem))
                && text[..m.start]
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("the"));
            if family {
                families.push(f);
            }
            !family
        });
        // (and no LOC tag brings them back below)
        name_parts.extend(persons);
        name_parts.extend(families);
    }

    // a small place as the sentence's first word, plural-looking or used in lower case
    // elsewhere in the text ("Loans were…", "Border agents…"): a common word
    // (lower-cased only when a mention needs it)
    let lower_text = std::cell::OnceCell::new();
    mentions.retain(|m| {
        if m.origin != Origin::Gazetteer || m.prep || m.hint.is_some() || is_big(gaz, &m.cands) {
            return true;
        }
        let surf = &text[m.start..m.end];
        if surf.contains(' ') {
            return true;
        }
        let ti = layer.token_at_or_after(m.start);
        let first_in_sentence = layer
            .sentences
            .get(m.sentence)
            .is_some_and(|s| (s.tokens.start..ti).all(|k| layer.tokens[k].kind != TokenKind::Word));
        if !first_in_sentence && !title_cased(layer, m.sentence) {
            return true;
        }
        let low = surf.to_lowercase();
        let used_lower = lower_text
            .get_or_init(|| lowercase(text))
            .match_indices(&low)
            .any(|(i, _)| {
                text.get(i..i + low.len()).is_some_and(|t| t == low)
                    && !text[..i].ends_with(char::is_alphanumeric)
                    && !text[i + low.len()..].starts_with(char::is_alphanumeric)
            });
        // the tagger, when it ran, saw no name there at all ("Wash your hands", "Poor
        // visibility"), and the document never cues the name as a place
        let untagged = !entities.is_empty()
            && !m.local
            && !entities
                .iter()
                .any(|en| en.start <= m.start && m.end <= en.end)
            && !cued_names.contains(&*fold_small(surf));
        !(surf.ends_with('s') || used_lower || untagged)
    });

    // a small place right after a possessive name that is no place ("St. Patrick's Day",
    // "Ernie's Place", "Kids' Place"): the second word of that name (not "Cambridge's
    // Chesterton")
    mentions.retain(|m| {
        if m.origin != Origin::Gazetteer
            || m.prep
            || m.hint.is_some()
            || is_big(gaz, &m.cands)
            || text[m.start..m.end].contains(' ')
        {
            return true;
        }
        let before = &text[..m.start];
        let Some(owner) = before.strip_suffix(' ').and_then(|b| {
            let o = b
                .strip_suffix("'s")
                .or_else(|| b.strip_suffix("’s"))
                // "Kids' Place"
                .or_else(|| b.strip_suffix(['\'', '’']).filter(|o| o.ends_with('s')))?;
            o.rsplit(|c: char| !c.is_alphanumeric()).next()
        }) else {
            return true;
        };
        !owner.starts_with(char::is_uppercase)
            || lx.aliases.contains_key(owner)
            || !gaz.candidates(owner).is_empty()
    });

    // one-word speakers ("Walsh said", "said Walsh"), unless a big place (metonymy)
    mentions.retain(|m| {
        if m.origin != Origin::Gazetteer
            || m.hint.is_some()
            || m.in_org
            || text[m.start..m.end].contains(' ')
        {
            return true;
        }
        // (a state too: "Officials in central Illinois say")
        if is_big(gaz, &m.cands) || ev.supports(m.start, m.end) {
            return true;
        }
        let ti = layer.token_at_or_after(m.end);
        let next = layer.tokens.get(ti).map(|t| fold(t.text(text)));
        let prev = layer
            .token_at_or_after(m.start)
            .checked_sub(1)
            .and_then(|k| layer.tokens.get(k))
            .map(|t| fold(t.text(text)));
        let is_speech = |w: &Option<String>| w.as_ref().is_some_and(|w| lx.speech.contains(w));
        !(is_speech(&next) || is_speech(&prev))
    });

    // fragments of longer names: a compass name opening a place's or a people's name or
    // closing a hyphenated district ("Far North Queensland", "North West England", "South
    // East Asian", "Calgary-North West", "the Southern District of Ohio"), and one of two
    // saints a church is named for ("St. Peter and St. Paul")
    mentions.retain(|m| {
        if m.origin != Origin::Gazetteer || m.hint.is_some() {
            return true;
        }
        let surf = &text[m.start..m.end];
        !(compass_fragment(text, surf, m.start, m.end) || saints_pair(text, surf, m.start, m.end))
    });

    // a title: "The" capitalised inside a sentence before a name that ends the capitalised run
    // ("a video by The Atlantic", "reading The Independent"), unless a preposition cues it
    // ("grew up in The Bronx") or the name is a country, a first-level division or a region
    // ("visitors to The Gambia")
    mentions.retain(|m| {
        if m.origin != Origin::Gazetteer || m.prep || m.hint.is_some() || m.in_org || m.local {
            return true;
        }
        let ti = layer.token_at_or_after(m.start);
        let (Some(the), Some(before), Some(sent)) = (
            ti.checked_sub(1).and_then(|k| layer.tokens.get(k)),
            ti.checked_sub(2).and_then(|k| layer.tokens.get(k)),
            layer.sentences.get(m.sentence),
        ) else {
            return true;
        };
        let titled = the.text(text) == "The"
            && the.end + 1 == m.start
            && sent.tokens.start + 2 <= ti
            && (before.kind == TokenKind::Word || before.text(text) == ",")
            && !text[m.end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(char::is_uppercase));
        !titled
            || is_polity(gaz, &m.cands)
            || m.cands.first().is_some_and(|&c| {
                let r = gaz.record(c);
                r.feature.starts_with("PCL") || matches!(r.feature.as_str(), "RGN" | "CONT")
            })
    });

    list_members(text, &ev, &runs, &mut mentions);

    // LOC entities that no rule found
    for en in entities.iter().filter(|e| e.label == "LOC") {
        if en.end > text.len() || !text.is_char_boundary(en.start) || !text.is_char_boundary(en.end)
        {
            continue;
        }
        if ev.inside_group_actor(en.start, en.end)
            || mentions
                .iter()
                .any(|m| m.start < en.end && en.start < m.end)
            || demonyms
                .iter()
                .any(|d| d.start < en.end && en.start < d.end)
        {
            continue;
        }
        let surf = &text[en.start..en.end];
        if compass_fragment(text, surf, en.start, en.end)
            || saints_pair(text, surf, en.start, en.end)
        {
            continue;
        }
        let cands = gaz.candidates(surf).to_vec();
        // Names no gazetteer knows ("the Booths", "Fithian House", "United Russia", "Great
        // Depression") are the tagger's guesses or facilities without coordinates, unless after
        // a location preposition and not a street or building ("at Zzyqaryat"); one word
        // the rules let go (a stop word, a surname seen in a full name, "Bell said") comes back
        // only as a prominent place or after a location preposition ("in Flores").
        let one_word = !surf.contains(char::is_whitespace);
        let prev_word = text[..en.start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .map(fold)
            .unwrap_or_default();
        let after_prep = lx.preps.contains(&prev_word);
        let last_word = stop_form(surf.rsplit(char::is_whitespace).next().unwrap_or(surf));
        let unknown_ok = after_prep
            && !lx.facilities.contains(&last_word)
            && !lx.org_heads.contains(&last_word)
            && !stop_in(&lx.stop, surf);
        if (cands.is_empty() && !unknown_ok)
            || (one_word
                && !cands.is_empty()
                && (stop_in(&lx.stop, surf)
                    || name_parts.contains(&*fold_small(surf))
                    || !(after_prep || is_big(gaz, &cands))))
        {
            continue;
        }
        let sentence = layer.sentence_at(en.start).unwrap_or(0);
        mentions.push(Mention {
            start: en.start,
            end: en.end,
            origin: Origin::Entity,
            cands,
            forced_country: None,
            forced_admin1: None,
            hint: None,
            prep: false,
            sentence,
            group: 0,
            container: None,
            part_of: None,
            in_org: false,
            local: false,
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    link(text, &mut mentions);
    (mentions, demonyms)
}

/// Compass words a region's name may be made of ("Far North", "North West", "Southern").
const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "far",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// A name of compass words only ("Far North", "North West", "South East") that is part of a
/// longer name: a capitalised word or a demonym follows it ("Far North Queensland", "South
/// East Asian"), or a hyphen glues it to the word before ("Calgary-North West"); or a compass
/// word and "District" before "of" ("the Southern District of Ohio": a court's district).
fn compass_fragment(text: &str, surf: &str, start: usize, end: usize) -> bool {
    let mut words = surf.split(' ');
    let Some(first) = words.next() else {
        return false;
    };
    let compass = |w: &str| COMPASS.iter().any(|c| w.eq_ignore_ascii_case(c));
    if !compass(first) {
        return false;
    }
    let rest: Vec<&str> = words.collect();
    if rest.len() == 1 && rest[0] == "District" && text[end..].starts_with(" of ") {
        return true;
    }
    if rest.is_empty() || !rest.iter().all(|w| compass(w)) {
        return false;
    }
    let glued_before = glued_by_hyphen(text, start);
    let cap_after = text[end..]
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(char::is_uppercase));
    glued_before || cap_after
}

/// Whether the text before byte `start` glues it by a hyphen to the word before: the name is
/// the second member of a compound ("Calgary-North West", "NATO-Russia").
fn glued_by_hyphen(text: &str, start: usize) -> bool {
    text[..start].ends_with(['-', '‐', '‑'])
        && text[..start]
            .trim_end_matches(['-', '‐', '‑'])
            .ends_with(char::is_alphanumeric)
}

/// A saint's name coordinated with another ("St. Peter and St. Paul", "Saint Peter and Saint
/// Paul"): the dedication of a church, not two places.
fn saints_pair(text: &str, surf: &str, start: usize, end: usize) -> bool {
    let saint = |s: &str| s.starts_with("St. ") || s.starts_with("St ") || s.starts_with("Saint ");
    if !saint(surf) {
        return false;
    }
    let after = text[end..]
        .strip_prefix(" and ")
        .or_else(|| text[end..].strip_prefix(" & "));
    if after.is_some_and(saint) {
        return true;
    }
    let before = text[..start]
        .strip_suffix(" and ")
        .or_else(|| text[..start].strip_suffix(" & "));
    // the two words before the conjunction: "St. Peter" / "Saint Peter"
    before.is_some_and(|b| {
        let mut it = b.rsplitn(3, ' ');
        let (_name, title) = (it.next(), it.next());
        title.is_some_and(|t| matches!(t, "St." | "St" | "Saint"))
    })
}

/// Person cue words (`data/person_cues.tsv`): kinship nouns (singular, then plural-only) and
/// reflexive pronouns.
struct PersonCues {
    kin: HashSet<String>,
    plural: HashSet<String>,
    reflexive: HashSet<String>,
}

fn person_cues() -> &'static PersonCues {
    static CUES: std::sync::OnceLock<PersonCues> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        let mut c = PersonCues {
            kin: HashSet::default(),
            plural: HashSet::default(),
            reflexive: HashSet::default(),
        };
        for l in crate::lexicon::data_lines(include_str!("../data/person_cues.tsv")) {
            match l.split_once('\t') {
                Some(("kin", w)) => c.kin.insert(fold(w.trim())),
                Some(("plural", w)) => c.plural.insert(fold(w.trim())),
                Some(("self", w)) => c.reflexive.insert(fold(w.trim())),
                _ => false,
            };
        }
        c
    })
}

/// The folded one-word names of `mentions` that the text shows to be people's names somewhere:
/// a kinship noun after the name's possessive ("Georgia's father") or right before the name
/// ("wife, Nina", "daughters, Malia and Sasha"), a reflexive pronoun after it ("Georgia
/// herself"), an age between commas ("Georgia, 12,"), or a speech verb beside a name the
/// tagger calls a person there and no preposition cues ("Leelah explained"; not "the
/// 20-year-old from Brampton said", "Gainesville says"); or a name the tagger calls a person
/// at three or more and two thirds of its occurrences, none cued as a place ("Lincoln" all
/// through a review of a book on Lincoln). Countries, regions and cities of a million are
/// shown only by the kinship, reflexive and age cues ("Chad's father"), never by a speech verb
/// ("Russia said") or the tagger; nor is a name the text cues as a place elsewhere
/// ("residents in Gainesville" … "Gainesville says").
fn shown_persons(
    gaz: &Db,
    layer: &TextLayer,
    ev: &Evidence,
    mentions: &[Mention],
    cued_names: &HashSet<String>,
) -> HashSet<String> {
    let text = layer.text;
    let lx = lexicon();
    let pc = person_cues();
    let mut out: HashSet<String> = HashSet::default();
    let mut speakers: Vec<String> = Vec::new();
    let mut tagged_everywhere: Vec<&str> = Vec::new();
    // the word right after / before a byte offset, and what separates it from the offset
    let word_after = |b: usize| -> (&str, &str) {
        let rest = &text[b..];
        let ws = rest.len() - rest.trim_start_matches([' ', ',']).len();
        let w = &rest[ws..];
        let we = w.find(|c: char| !c.is_alphanumeric()).unwrap_or(w.len());
        (&rest[..ws], &w[..we])
    };
    let word_before = |b: usize| -> (&str, &str) {
        let head = &text[..b];
        let trimmed = head.trim_end_matches([' ', ',']);
        let ws = &head[trimmed.len()..];
        let ws_start = trimmed
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |k| {
                k + trimmed[k..].chars().next().map_or(1, char::len_utf8)
            });
        (ws, &trimmed[ws_start..])
    };
    for m in mentions {
        // (a place opening a name, "said Monroe Mayor Robert Routson", shows nothing)
        if m.origin != Origin::Gazetteer || m.in_org || m.hint.is_some() || m.local {
            continue;
        }
        let surf = &text[m.start..m.end];
        if surf.contains(' ') || !surf.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let rest = &text[m.end..];
        let after_poss = ["'s ", "’s "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
            .map(|r| &r[..r.find(|c: char| !c.is_alphanumeric()).unwrap_or(r.len())]);
        let kin_after = after_poss.is_some_and(|w| stop_in(&pc.kin, w));
        let (sep_a, next) = word_after(m.end);
        let reflexive = sep_a == " " && stop_in(&pc.reflexive, next);
        let age = sep_a == ", "
            && !next.is_empty()
            && next.len() <= 2
            && next.bytes().all(|b| b.is_ascii_digit())
            && text[m.end + 2 + next.len()..].starts_with(',');
        let (sep_b, prev) = word_before(m.start);
        let kin_before = (sep_b == " " || sep_b == ", ")
            && prev.starts_with(char::is_lowercase)
            && (stop_in(&pc.kin, prev) || stop_in(&pc.plural, prev));
        let strong = kin_after || reflexive || age || kin_before;
        let person_tag = || !is_prominent(gaz, &m.cands) && ev.tagged("PER", m.start, m.end);
        // (a name the text cues as a place elsewhere speaks by metonymy: "Gainesville says")
        let speech = !strong
            && !m.prep
            && ((sep_a == " " && stop_in(&lx.speech, next))
                || (sep_b == " " && stop_in(&lx.speech, prev)))
            && !cued_names.contains(&*fold_small(surf))
            && person_tag();
        if strong {
            out.insert(fold(surf));
        } else if speech {
            speakers.push(fold(surf));
        } else if !tagged_everywhere.contains(&surf) && person_tag() {
            tagged_everywhere.push(surf);
        }
    }
    // the tagger's PER on three or more and two thirds of the occurrences of a name that
    // nothing cues as a place ("Lincoln visited the capital's defenders", "the 6-foot, 4-inch
    // Lincoln"): a person, even when a city bears the name
    for name in tagged_everywhere {
        let (mut n, mut per, mut placed) = (0, 0, false);
        for m in mentions.iter().filter(|m| &text[m.start..m.end] == name) {
            n += 1;
            // (a resident noun is a place's cue even under the tagger's PER, "Gainesville
            // residents"; a street address before the name, "the White House, Lincoln
            // visited", is not)
            let (sep, next) = word_after(m.end);
            placed |= m.prep || m.hint.is_some() || (sep == " " && lx.residents.contains(next));
            if ev.tagged("PER", m.start, m.end) {
                per += 1;
            }
        }
        if !placed && per >= 3 && 3 * per >= 2 * n && !cued_names.contains(&*fold_small(name)) {
            out.insert(fold(name));
        }
    }
    // (a speaker whose name the text also cues as a place is that place by metonymy: "a
    // Gainesville resident" … "Gainesville says")
    if !speakers.is_empty() {
        let placed: HashSet<String> = mentions
            .iter()
            .filter(|m| m.prep || m.hint.is_some() || m.local || m.in_org)
            .map(|m| fold(&text[m.start..m.end]))
            .collect();
        out.extend(speakers.into_iter().filter(|s| !placed.contains(s)));
    }
    out
}

/// Whether `text[start..end]` comes right after "in" or "near" and closes a clause (a
/// punctuation mark or the end follows): "banks of the river in Charleston." — not "in
/// Flores' honor", "in the Boren vehicle".
fn closes_after_in(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].strip_suffix(' ').unwrap_or("");
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(word, "in" | "near" | "In" | "Near")
        && text[end..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | ')' | '\n'))
}

/// A sentence of four or more words in title case (a headline: "New U.S. Airline Cleared to
/// Fly to Petersburg"): every word capitalised but short function words.
fn title_cased(layer: &TextLayer, sentence: usize) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
        "from", "as", "vs", "via", "into", "over", "up",
    ];
    let Some(s) = layer.sentences.get(sentence) else {
        return false;
    };
    let mut words = 0;
    for t in &layer.tokens[s.tokens.clone()] {
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = t.text(layer.text);
        words += 1;
        if !w.starts_with(char::is_uppercase) && !SMALL.contains(&w) {
            return false;
        }
    }
    words >= 4
}

/// A capitalised run (after its leading function words).
struct Run {
    start: usize,
    end: usize,
    sentence: usize,
    /// Nothing matched and no stop-listed, all-caps or demonym word: could be an unknown name.
    clean: bool,
    hint: Option<Hint>,
}

/// Coordinated lists ("Khutaytah, ‘Abbas, Masra’at Shamr, Qit’ah and Tal Bani") in which most
/// members are places: the unknown clean members are places too (unresolved, cue origin).
fn list_members(text: &str, ev: &Evidence, runs: &[Run], mentions: &mut Vec<Mention>) {
    let placed = |r: &Run, ms: &[Mention]| ms.iter().any(|m| m.start >= r.start && m.end <= r.end);
    let mut added = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let mut j = i + 1;
        let mut has_conj = false;
        while j < runs.len()
            && runs[j].sentence == runs[i].sentence
            && runs[j - 1].end <= runs[j].start
            && is_list_sep(&text[runs[j - 1].end..runs[j].start])
        {
            let sep = text[runs[j - 1].end..runs[j].start].trim();
            has_conj |= sep.contains("and") || sep.contains("or");
            j += 1;
        }
        let chain = &runs[i..j];
        if chain.len() >= 3 && has_conj {
            let n_placed = chain.iter().filter(|r| placed(r, mentions)).count();
            if n_placed >= 2 && 3 * n_placed >= chain.len() {
                let hint = chain.iter().find_map(|r| r.hint);
                for r in chain.iter().filter(|r| r.clean && !placed(r, mentions)) {
                    if ev.vetoes_list_member(r.start, r.end) {
                        continue;
                    }
                    added.push(Mention {
                        start: r.start,
                        end: r.end,
                        origin: Origin::Cue,
                        cands: Vec::new(),
                        forced_country: None,
                        forced_admin1: None,
                        hint,
                        prep: true,
                        sentence: r.sentence,
                        group: 0,
                        container: None,
                        part_of: None,
                        in_org: false,
                        local: false,
                    });
                }
            }
        }
        i = j;
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// Number of leading function words of a run.
fn leading_function(text: &str, us: &[Unit], from: usize, to: usize) -> usize {
    let lx = lexicon();
    (from..to)
        .take_while(|&k| {
            lx.function
                .contains(&*fold_small(&text[us[k].start..us[k].end]))
        })
        .count()
}

/// Groups coordinated mentions, propagates list hints and links containers ("X, Y", "X in Y").
pub(crate) fn link(text: &str, mentions: &mut [Mention]) {
    for (k, m) in mentions.iter_mut().enumerate() {
        m.group = k;
    }
    for k in 1..mentions.len() {
        let (a, b) = (mentions[k - 1].end, mentions[k].start);
        if a > b || mentions[k - 1].sentence != mentions[k].sentence {
            continue;
        }
        let between = &text[a..b];
        if is_list_sep(between) {
            mentions[k].group = mentions[k - 1].group;
            if mentions[k].hint.is_none() {
                mentions[k].hint = mentions[k - 1].hint;
            }
        }
        let t = between.trim();
        if t == "," || t == "in" || t == "(" {
            mentions[k - 1].container = Some(k);
        }
        if t == "in" {
            mentions[k - 1].part_of = Some(k);
        } else if matches!(between, "'s " | "’s " | "' " | "’ ") {
            mentions[k].part_of = Some(k - 1);
        }
    }
    // "Eastland and Callahan counties": a hint after the last member covers the list
    for k in (1..mentions.len()).rev() {
        if mentions[k - 1].group == mentions[k].group && mentions[k - 1].hint.is_none() {
            mentions[k - 1].hint = mentions[k].hint;
        }
    }
}

/// Mentions for spans given from outside (gold toponyms): candidates plus cue context.
pub(crate) fn given(gaz: &Db, layer: &TextLayer, spans: &[(usize, usize)]) -> Vec<Mention> {
    let text = layer.text;
    let lx = lexicon();
    let mut out = Vec::new();
    for &(s, e) in spans {
        if s >= e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let surf = &text[s..e];
        let trimmed = &surf[..surf.len() - possessive_len(surf)];
        let mut forced_country = lx
            .aliases
            .get(trimmed)
            .cloned()
            .or_else(|| lx.demonyms.get(trimmed).filter(|c| !c.is_empty()).cloned());
        let forced_admin1 = lx.abbreviations.get(trimmed).cloned();
        if let Some((c, _)) = &forced_admin1 {
            forced_country = Some(c.clone());
        }
        let cands = gaz.candidates(trimmed).to_vec();
        let si = layer.sentence_at(s).unwrap_or(0);
        // cue context from the sentence's units
        let (mut prep, mut hint) = (false, None);
        if let Some(sent) = layer.sentences.get(si) {
            let us = units(layer, sent.tokens.clone(), gaz);
            if let Some(ui) = us.iter().position(|u| u.start >= s) {
                let (p, _, h) = cue_before(text, &us, ui);
                prep = p;
                hint = h;
                if let Some(uj) = us.iter().position(|u| u.start >= e) {
                    hint = hint.or(cue_after(text, &us, uj));
                }
            }
        }
        out.push(Mention {
            start: s,
            end: e,
            origin: Origin::Given,
            cands,
            forced_country,
            forced_admin1,
            hint,
            prep,
            sentence: si,
            group: 0,
            container: None,
            part_of: None,
            in_org: false,
            local: false,
        });
    }
    out.sort_by_key(|m| (m.start, m.end));
    link(text, &mut out);
    out
}

#[cfg(test)]
mod fast_helper_tests {
    use super::*;

    #[test]
    fn lowercase_is_str_to_lowercase() {
        for s in [
            "Loans were up in İstanbul, said “Border” agents — ÆØÅ ΣΟΦΙΑ ΟΔΟΣ.",
            "KELVIN \u{212A} and ẞ, DŽ, Ǆ; plain ASCII Only",
            "",
            "ΣΑΣ Σ",
            "Zürich’s MAYOR",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    /// The byte-level fast paths of the per-token helpers give what their plain definitions
    /// (kept here as the reference) give.
    #[test]
    fn fast_helpers_are_their_plain_definitions() {
        fn article_prefixed(s: &str) -> bool {
            let Some(pos) = s
                .char_indices()
                .take(4)
                .find_map(|(i, c)| matches!(c, '-' | '‐' | '‑').then_some(i))
            else {
                return false;
            };
            let (a, rest) = s.split_at(pos);
            ARTICLES.contains(&a) && rest.chars().nth(1).is_some_and(char::is_uppercase)
        }
        fn cap(s: &str) -> bool {
            let mut ch = s.chars();
            match ch.next() {
                Some(c) if c.is_uppercase() => true,
                Some('ʿ' | 'ʾ' | '‘' | '’' | '\'') => {
                    ch.next().is_some_and(char::is_uppercase)
                }
                Some(_) => article_prefixed(s),
                None => false,
            }
        }
        fn contraction(s: &str) -> bool {
            let f = fold(s);
            ["'re", "'ve", "'ll", "'d", "'m", "n't"]
                .iter()
                .any(|suf| f.ends_with(suf))
        }
        fn possessive(s: &str) -> usize {
            for suf in ["'s", "’s", "'S", "’S"] {
                if s.len() > suf.len() + 1 && s.ends_with(suf) {
                    return suf.len();
                }
            }
            0
        }
        let mut words = crate::lexicon::tests::sample_words();
        for w in [
            "al-Sayyal",
            "al‐Sayyal",
            "al‑Sayyal",
            "ez-Zor",
            "adh-Dhahab",
            "ul-Haq",
            "ed-Damer",
            "é-Bc",
            "a-B",
            "abc-D",
            "abcd-E",
            "al-",
            "al-sayyal",
            "an‐",
            "ʿAbbas",
            "’Aziz",
            "'s",
            "we’re",
            "WE'RE",
            "don`t",
            "Iran’s",
            "Hands'",
            "Texas",
            "ss",
            "'S",
            "Ab-C",
            "u-Boot",
            "-",
            "‐",
            "co-op",
            "U.S.-backed",
            "Russia-Iran-Turkey",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            assert_eq!(is_article_prefixed(w), article_prefixed(w), "{w:?}");
            assert_eq!(is_cap(w), cap(w), "{w:?}");
            assert_eq!(is_contraction(w), contraction(w), "{w:?}");
            assert_eq!(possessive_len(w), possessive(w), "{w:?}");
            assert_eq!(has_hyphen(w), w.contains(['-', '‐', '‑']), "{w:?}");
            assert_eq!(stop_form(w), fold(w).trim_end_matches('.'), "{w:?}");
        }
        assert!(is_cap("al-Sayyal") && is_cap("ʿAbbas") && !is_cap("al-sayyal"));
    }
}
