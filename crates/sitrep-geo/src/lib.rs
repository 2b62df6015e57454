//! Toponym recognition and resolution with document coherence.
//!
//! **Recognition** ([`Geoparser::parse`]): capitalised runs of the text (joined by connectors
//! such as "of", "de", "al-"; hyphenated tokens split when the whole is no name, so
//! "Russia-Iran-Turkey" gives three) are matched longest-first against the gazetteer.
//! * Not places: demonyms (`data/demonyms.tsv`; they feed the country context, see
//!   [`Geoparser::demonyms`]); one-word matches on the stop list (`data/stopwords.txt`: "May",
//!   "Will", "Bill", titles, given names…) or, when they open a sentence, on
//!   `data/initial_stopwords.txt` ("Mobile phones…") or that look like common words there
//!   (plural, or used in lower case elsewhere: "Loans were…"); contractions ("We're");
//!   all-caps acronyms unless a country alias or a region; one-word speakers ("Walsh said",
//!   `data/speech_verbs.txt`) unless prominent ("Moscow said").
//! * Places inside longer names are dropped — "Mahmoud Abbas", "President Abbas", "Paris
//!   Hilton", "Roy Jones" (two adjacent one-word matches), "Bank of America"
//!   (`data/companies.txt`) — and so, later, are one-word mentions equal to such a surname.
//!   Kept, with lower confidence: a place opening an organisation's name ("Texas Department
//!   of Health", "Gainesville Police", `data/org_heads.txt`), a prominent place after "of"
//!   ("Mayor of London"), a prominent place after a sentence's first word ("Rethinking Egypt").
//! * Local news (`data/institutions.tsv`, `data/resident_nouns.txt`): a place of any size
//!   before a local public institution or office ("the New Milford Police Department",
//!   "Litchfield Superior Court", "said Avondale Mayor Ed Rieker", "the DeKalb City Council";
//!   not "Kit Carson Elementary", "Martin Court", "Superior Court"), a legislator's district
//!   ("Robert A. DeLeo, D-Winthrop,") and a dateline closed by a dash, "(AP)" or a state
//!   abbreviation ("HARWINTON —", "CHARLESTON, W.Va. (AP) --") are kept whatever PER/ORG span
//!   the tagger puts over them; a resident noun ("A DeKalb man", "Torrington firefighters")
//!   counts as a cue against the tagger's exact PER/ORG tag. These, and a town after a street
//!   address ("400 S. Locust St., Lebanon"), mark the mention *local*: resolution then weighs
//!   population and capital status less and does not read it as a country or a foreign
//!   division ("Lebanon Police" is no country).
//! * Cues (`data/cues.tsv`): prepositions; "the village(s)/town/city/province of X, Y and Z"
//!   (lists inherit the hint); "X province/governorate/countryside/county" (also capitalised:
//!   "Laurel County" is one mention); "Becker, Clay and Douglas counties". A strong cue makes
//!   an unknown name a place (unresolved), and so does membership of a list of places
//!   ("Khutaytah, ‘Abbas, Masra’at Shamr, Qit’ah… and Tal Khinzir").
//! * AP state abbreviations (`data/abbreviations.tsv`: "Alexandria, La.", "B.C.") and country
//!   aliases (`data/aliases.tsv`: "U.S.", "UK") are places.
//! * NER entities and actors, when given, veto (PER/ORG/MISC entity, longer actor span) or add
//!   (LOC entity) spans — except a town closing a person's span after "of" ("Daniel Ray
//!   Hufstetler of Roswell"), the X of "City/Town/County of X", and a name vetoed only for want
//!   of a cue that the same document cues surely elsewhere (one sense per document; "from/to/at"
//!   is too weak for this). ", of X" ("Bowers, 19, of Martinez") and "X, State" ("Greer, South Carolina") are cues.
//! * With the tagger's entities given, an untagged small place opening a sentence is a common
//!   word ("Wash your hands", "Poor visibility"), and so is a small place after the possessive
//!   of a non-place ("St. Patrick's Day"; "Cambridge's Chesterton" stays).
//!
//! **Resolution**: every candidate is scored by population, feature (country, ADM1, capital;
//! a division loses to a city of its name without a cue), preferred-name match, the document's
//! country context (countries, demonyms, actors; document-wide and in the same or neighbouring
//! sentence), first-level divisions named in the document ("in Deir Ezzor province", by name or
//! by distance to the division), an "X, Y" / "X in Y" container, and the cue's feature hint;
//! then *joint coherence* adds, for uncertain mentions, closeness to any plausible reading of
//! the document's other names (its best candidates, weighted by how likely each is next to the
//! name's best), so that "Paris" beside "Henry County" becomes Paris, Tennessee, the county's
//! seat, though neither was chosen alone (list members are supported by their list; countries,
//! capitals and cities of a million neither give it — their namesakes are many — nor, when the
//! document names their country, take it);
//! then two passes add closeness to the other mentions' choices (same list first, then same
//! sentence, then the confidently resolved rest of the document) and kind coherence in lists
//! (states with states). An unknown list member takes a nearby record whose name starts with it
//! ("Buq" → "Al Buq‘ān" beside the other villages). A part of a city the text names as such
//! ("Giza's Haram district", "X in Y") takes a candidate within 40 km of the city, else the
//! city's record at confidence 0.3. `confidence` is the softmax share of the
//! chosen candidate (candidates within 25 km count as the same place) times a recognition
//! factor; unresolved mentions keep null name/id/coordinates and confidence ≤ 0.1.
//!
//! **Sites** (module `facility`, after resolution): curated landmarks (`data/landmarks.tsv`:
//! government seats, famous buildings, bases, crossings, with their own coordinates; a seat
//! such as "the White House" only after a location preposition) and facility or street names
//! ending in a head of `data/facility_heads.tsv` ("St. Michael's Hospital", "Kuweires Air
//! Base", "Frenchmen Street"; GeoNames feature code from the head). They are no gazetteer
//! record (`id` null) and take the coordinates of their container — an embedded place, "X in
//! Y", "Y's X", else the document's most salient local place — with confidence ≤ 0.5 (0.3 for
//! the salient place, 0.1 and null coordinates without any). A facility holding a resolved
//! place keeps the place instead ("Boone County Jail" → Boone County).
//!
//! The gazetteer is seen through a small overlay (module `db`): second-level divisions aggregated
//! from the places naming them and the world regions of `data/regions.tsv`, when the gazetteer
//! lacks them.
#![deny(missing_docs)]

mod db;
pub mod eval;
mod facility;
mod lexicon;
mod recognize;
mod resolve;

use sitrep_gazetteer::Gazetteer;
use sitrep_model::{Actor, Entity, Place};
use sitrep_text::TextLayer;
use std::sync::Arc;

/// The geoparser: a gazetteer plus recognition and resolution rules. `Send + Sync`.
#[derive(Debug)]
pub struct Geoparser {
    gazetteer: Arc<Gazetteer>,
    overlay: db::Overlay,
}

/// A demonym found in a text: not a place, but evidence of a country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemonymMention {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// ISO 3166-1 alpha-2 code of the country ("" for "Kurdish", "Arab"…).
    pub country: String,
}

impl Geoparser {
    /// A geoparser over `gazetteer`.
    /// Builds the overlay of second-level divisions and world regions the gazetteer lacks
    /// (one pass over its records).
    pub fn new(gazetteer: Arc<Gazetteer>) -> Geoparser {
        let overlay = db::Overlay::build(&gazetteer);
        Geoparser { gazetteer, overlay }
    }

    fn db(&self) -> db::Db<'_> {
        db::Db {
            gaz: &self.gazetteer,
            ov: &self.overlay,
        }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Place mentions of a text (byte offsets), in order.
    pub fn parse(&self, layer: &TextLayer, entities: &[Entity], actors: &[Actor]) -> Vec<Place> {
        parse_with(self.db(), layer, entities, actors)
    }

    /// Demonyms of a text (byte offsets), in order: they feed the country context of
    /// [`Geoparser::parse`] and are exposed for consumers (and for gold sets that annotate
    /// them as toponyms).
    pub fn demonyms(&self, layer: &TextLayer) -> Vec<DemonymMention> {
        let (_, demonyms) = recognize::recognize(&self.db(), layer, &[], &[]);
        demonyms
            .into_iter()
            .map(|d| DemonymMention {
                start: d.start,
                end: d.end,
                country: d.country,
            })
            .collect()
    }

    /// Resolves the given spans (byte offsets, e.g. gold toponyms) as toponyms, with the
    /// document's own context: the other spans, plus the geoparser's own mentions that overlap
    /// no span (countries, divisions, list neighbours) and demonyms. Spans that are empty, out
    /// of range or not on char boundaries are skipped; the result is in text order, one place
    /// per kept span.
    pub fn resolve_spans(&self, layer: &TextLayer, spans: &[(usize, usize)]) -> Vec<Place> {
        resolve_spans_with(self.db(), layer, spans)
    }
}

/// [`Geoparser::parse`] over a borrowed gazetteer.
pub(crate) fn parse_with(
    gaz: db::Db,
    layer: &TextLayer,
    entities: &[Entity],
    actors: &[Actor],
) -> Vec<Place> {
    let (mentions, demonyms) = recognize::recognize(&gaz, layer, entities, actors);
    let places = resolve::resolve(&gaz, layer.text, &mentions, &demonyms, actors);
    // landmarks, facilities and streets (module `facility`)
    facility::add_sites(gaz, layer, entities, places)
}

/// [`Geoparser::resolve_spans`] over a borrowed gazetteer.
pub(crate) fn resolve_spans_with(
    gaz: db::Db,
    layer: &TextLayer,
    spans: &[(usize, usize)],
) -> Vec<Place> {
    // the given spans plus the geoparser's own non-overlapping mentions as context
    let text = layer.text;
    let spans: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| {
            s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        })
        .collect();
    let (own, demonyms) = recognize::recognize(&gaz, layer, &[], &[]);
    let mut mentions = recognize::given(&gaz, layer, &spans);
    mentions.extend(
        own.into_iter()
            .filter(|m| !spans.iter().any(|&(s, e)| m.start < e && s < m.end)),
    );
    mentions.sort_by_key(|m| (m.start, m.end));
    recognize::link(layer.text, &mut mentions);
    let given: Vec<bool> = mentions
        .iter()
        .map(|m| m.origin == recognize::Origin::Given)
        .collect();
    resolve::resolve(&gaz, layer.text, &mentions, &demonyms, &[])
        .into_iter()
        .zip(given)
        .filter_map(|(p, g)| g.then_some(p))
        .collect()
}
