//! The founding example with a hand-made context: the events the brief asks for.

mod common;

use common::*;
use jiff::civil::date;
use sitrep_events::{extract, Context};
use sitrep_model::Event;
use sitrep_text::TextLayer;

const EXAMPLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/isis-defeat-announcement.txt"
));

const SY: Option<&str> = Some("SY");
const RU: Option<&str> = Some("RU");

fn events() -> Vec<Event> {
    let text = EXAMPLE;
    let actors = actors(
        text,
        &[
            (
                "Russian General Staff",
                "Military Forces of Russia",
                "state_forces",
                RU,
            ),
            (
                "Syrian Army",
                "Military Forces of Syria",
                "state_forces",
                SY,
            ),
            (
                "Syrian army",
                "Military Forces of Syria",
                "state_forces",
                SY,
            ),
            (
                "Syrian armed forces",
                "Military Forces of Syria",
                "state_forces",
                SY,
            ),
            (
                "Russian forces",
                "Military Forces of Russia",
                "state_forces",
                RU,
            ),
            (
                "Russian bombers",
                "Military Forces of Russia",
                "state_forces",
                RU,
            ),
            (
                "Russian military",
                "Military Forces of Russia",
                "state_forces",
                RU,
            ),
            ("ISIS", "Islamic State", "rebel_group", None),
            ("Islamic State", "Islamic State", "rebel_group", None),
            (
                "Syrian Democratic Forces",
                "Syrian Democratic Forces",
                "rebel_group",
                SY,
            ),
            ("SDF", "Syrian Democratic Forces", "rebel_group", SY),
            ("Free Syrian Army", "Free Syrian Army", "rebel_group", SY),
            ("FSA", "Free Syrian Army", "rebel_group", SY),
            ("BBC", "BBC", "media", Some("GB")),
            ("RT", "RT", "media", RU),
            ("Valery Gerasimov", "Valery Gerasimov", "person", RU),
            ("Putin", "Vladimir Putin", "person", RU),
        ],
    );
    let places = places(
        text,
        &[
            ("Syria", None, "Syria", "SY", "PCLI", 35.0, 38.0),
            ("Aleppo", None, "Aleppo", "SY", "PPLA", 36.2, 37.16),
            ("Mosul", None, "Mosul", "IQ", "PPLA", 36.34, 43.13),
            ("Iraq", None, "Iraq", "IQ", "PCLI", 33.0, 44.0),
            ("Ramadi", Some(0), "Ar Ramadi", "IQ", "PPLA", 33.42, 43.3),
            (
                "Ramadi",
                Some(1),
                "Ar Ramadi",
                "SY",
                "PPL",
                34.6351,
                40.8728,
            ),
            ("Fallujah", None, "Al Fallujah", "IQ", "PPL", 33.35, 43.78),
            (
                "Deir Ezzor",
                None,
                "Deir ez-Zor",
                "SY",
                "PPLA",
                35.336,
                40.141,
            ),
            ("Raqqa", None, "Ar Raqqah", "SY", "PPLA", 35.95, 39.01),
            ("Jalaa", None, "Al Jalaa", "SY", "PPL", 34.566, 40.894),
            ("Buq", None, "Buq", "SY", "PPL", 34.70, 40.80),
            ("al-Sayyal", None, "As Sayyal", "SY", "PPL", 34.58, 40.85),
            ("Khutaytah", None, "Khutaytah", "SY", "PPL", 34.79, 40.73),
            ("‘Abbas", None, "Abbas", "SY", "PPL", 34.75, 40.77),
            (
                "Masra’at Shamr",
                None,
                "Masra'at Shamr",
                "SY",
                "PPL",
                34.8,
                40.7,
            ),
            ("Qit’ah", None, "Qit'ah", "SY", "PPL", 34.81, 40.69),
            ("Mujawwadah", None, "Mujawwadah", "SY", "PPL", 34.82, 40.68),
            (
                "Jabal Nusuriyah",
                None,
                "Jabal Nusuriyah",
                "SY",
                "MT",
                34.83,
                40.66,
            ),
            ("Tal Bani", None, "Tal Bani", "SY", "PPL", 34.84, 40.65),
            (
                "Tal Khinzir",
                None,
                "Tal Khinzir",
                "SY",
                "PPL",
                34.85,
                40.64,
            ),
            ("Homs", None, "Homs", "SY", "PPLA", 34.73, 36.72),
            ("Idlib", None, "Idlib", "SY", "PPLA", 35.93, 36.63),
        ],
    );
    let times = times(
        text,
        &[
            (
                "Wednesday",
                "2017-12-06",
                date(2017, 12, 6),
                date(2017, 12, 6),
            ),
            (
                "this week",
                "2017-W49",
                date(2017, 12, 4),
                date(2017, 12, 10),
            ),
            (
                "early September",
                "2017-09",
                date(2017, 9, 1),
                date(2017, 9, 10),
            ),
            (
                "early November",
                "2017-11",
                date(2017, 11, 1),
                date(2017, 11, 10),
            ),
            (
                "mid-October",
                "2017-10",
                date(2017, 10, 11),
                date(2017, 10, 20),
            ),
            (
                "last month",
                "2017-11",
                date(2017, 11, 1),
                date(2017, 11, 30),
            ),
            ("Monday", "2017-12-04", date(2017, 12, 4), date(2017, 12, 4)),
            ("2015", "2015", date(2015, 1, 1), date(2015, 12, 31)),
        ],
    );
    let quotes: Vec<_> = quote(
        text,
        "All terrorist units of ISIS on Syrian soil have been destroyed, and the territory is liberated,",
        "General Valery Gerasimov",
        "Valery Gerasimov",
        Some("RT"),
    )
    .into_iter()
    .collect();
    let layer = TextLayer::new(text);
    let ctx = Context {
        layer: &layer,
        published: Some(published()),
        entities: &[],
        places: &places,
        times: &times,
        actors: &actors,
        quotes: &quotes,
    };
    extract(&ctx)
}

fn at<'a>(evs: &'a [Event], sub: &str, place: &str) -> Vec<&'a Event> {
    evs.iter()
        .filter(|e| e.sub_event_type == sub && e.location.as_ref().is_some_and(|l| l.name == place))
        .collect()
}

fn one<'a>(evs: &'a [Event], sub: &str, place: &str) -> &'a Event {
    let found = at(evs, sub, place);
    assert_eq!(
        found.len(),
        1,
        "{sub} at {place}: {found:#?}\nall: {evs:#?}"
    );
    found[0]
}

#[test]
fn evidence_spans_are_byte_exact() {
    for e in events() {
        assert_eq!(&EXAMPLE[e.evidence.start..e.evidence.end], e.evidence.text);
    }
}

#[test]
fn government_regains_jalaa_ramadi_buq_this_week() {
    let evs = events();
    for place in ["Al Jalaa", "Ar Ramadi", "Buq"] {
        let e = one(&evs, "Government regains territory", place);
        assert_eq!(e.event_type, "Battles");
        assert_eq!(
            e.actor1.as_deref(),
            Some("Military Forces of Syria"),
            "{place}"
        );
        assert_eq!(e.actor2.as_deref(), Some("Islamic State"), "{place}");
        let d = e.date.as_ref().expect("date");
        assert_eq!(
            (d.start, d.end, d.precision),
            (Some(date(2017, 12, 4)), Some(date(2017, 12, 10)), 2)
        );
        let loc = e.location.as_ref().expect("location");
        assert_eq!(loc.country.as_deref(), Some("SY"), "{place}");
        assert_eq!(loc.precision, 1);
        assert_eq!(e.modality, "asserted");
        assert!(e.evidence.text.contains("Jalaa"));
    }
    // The Iraqi Ramadi of the history sentence is no event.
    assert!(!evs.iter().any(|e| e
        .location
        .as_ref()
        .is_some_and(|l| l.country.as_deref() == Some("IQ"))));
}

#[test]
fn sdf_overtakes_raqqa_from_isis_in_october() {
    let evs = events();
    let e = one(&evs, "Non-state actor overtakes territory", "Ar Raqqah");
    assert_eq!(e.actor1.as_deref(), Some("Syrian Democratic Forces"));
    assert_eq!(e.actor2.as_deref(), Some("Islamic State"));
    let d = e.date.as_ref().expect("date");
    assert!(
        d.start >= Some(date(2017, 10, 1)) && d.end <= Some(date(2017, 10, 31)),
        "{d:?}"
    );
}

#[test]
fn deir_ez_zor_breach_in_september_and_regained_by_november() {
    let evs = events();
    let clash = one(&evs, "Armed clash", "Deir ez-Zor");
    assert_eq!(clash.actor1.as_deref(), Some("Military Forces of Syria"));
    assert_eq!(clash.actor2.as_deref(), Some("Islamic State"));
    assert_eq!(
        clash.location.as_ref().map(|l| l.precision),
        Some(2),
        "around the city"
    );
    let d = clash.date.as_ref().expect("date");
    assert_eq!(d.start, Some(date(2017, 9, 1)));
    assert!(clash.evidence.text.contains("breached"));

    let regain = one(&evs, "Government regains territory", "Deir ez-Zor");
    assert_eq!(regain.actor1.as_deref(), Some("Military Forces of Syria"));
    assert_eq!(regain.actor2.as_deref(), Some("Islamic State"));
    let d = regain.date.as_ref().expect("date");
    assert!(
        d.start >= Some(date(2017, 11, 1)) && d.end <= Some(date(2017, 11, 10)),
        "{d:?}"
    );
    assert!(regain
        .evidence
        .text
        .contains("the city was fully liberated"));
}

#[test]
fn russian_air_strike_near_al_sayyal_is_reported() {
    let evs = events();
    let e = one(&evs, "Air/drone strike", "As Sayyal");
    assert_eq!(e.event_type, "Explosions/Remote violence");
    assert_eq!(e.actor1.as_deref(), Some("Military Forces of Russia"));
    assert_eq!(e.actor2.as_deref(), Some("Islamic State"));
    assert_eq!(e.modality, "reported");
    assert_eq!(
        e.location.as_ref().map(|l| l.precision),
        Some(2),
        "near al-Sayyal"
    );
    let d = e.date.as_ref().expect("date");
    assert_eq!(d.start, Some(date(2017, 12, 4)));
}

#[test]
fn villages_liberated_according_to_reports_are_reported() {
    let evs = events();
    let names = [
        "Khutaytah",
        "Abbas",
        "Masra'at Shamr",
        "Qit'ah",
        "Mujawwadah",
        "Jabal Nusuriyah",
        "Tal Bani",
        "Tal Khinzir",
    ];
    for n in names {
        let e = one(&evs, "Government regains territory", n);
        assert_eq!(e.modality, "reported", "{n}");
        assert_eq!(e.actor1.as_deref(), Some("Military Forces of Syria"), "{n}");
    }
}

#[test]
fn the_sdf_deal_is_relayed_by_the_bbc() {
    let evs = events();
    let deal: Vec<_> = evs
        .iter()
        .filter(|e| e.sub_event_type == "Agreement" && e.evidence.text.contains("struck a deal"))
        .collect();
    assert_eq!(deal.len(), 1, "{evs:#?}");
    assert_eq!(deal[0].actor1.as_deref(), Some("Syrian Democratic Forces"));
    assert_eq!(deal[0].modality, "reported");
    assert_eq!(deal[0].via.first().map(|r| r.name.as_str()), Some("BBC"));
}

#[test]
fn hypothetical_dislodging_of_idlib_is_no_event() {
    let evs = events();
    assert!(
        !evs.iter()
            .any(|e| e.location.as_ref().is_some_and(|l| l.name == "Idlib")),
        "{evs:#?}"
    );
}

#[test]
fn general_liberation_claim_by_the_general_staff_has_no_place() {
    let evs = events();
    let e = evs
        .iter()
        .find(|e| {
            e.evidence
                .text
                .contains("all territories previously under terrorist control")
        })
        .expect("the Wednesday statement");
    assert_eq!(e.sub_event_type, "Government regains territory");
    assert_eq!(e.actor1.as_deref(), Some("Military Forces of Syria"));
    assert!(e.location.is_none());
    assert_eq!(e.modality, "claimed");
    assert_eq!(
        e.source.as_ref().map(|s| s.name.as_str()),
        Some("Military Forces of Russia")
    );
}
