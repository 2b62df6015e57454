//! The founding example, published 2017-12-07.

use jiff::civil::Date;
use sitrep_model::TimeMention;
use sitrep_text::TextLayer;

const ISIS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/isis-defeat-announcement.txt"
));

fn mentions() -> Vec<TimeMention> {
    let layer = TextLayer::new(ISIS);
    sitrep_time::extract(&layer, "2017-12-07".parse::<Date>().ok())
}

fn find<'a>(ms: &'a [TimeMention], text: &str) -> Vec<&'a TimeMention> {
    ms.iter().filter(|m| m.text == text).collect()
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn offsets_match_text_and_do_not_overlap() {
    let ms = mentions();
    assert!(ms.len() >= 15, "{ms:#?}");
    for m in &ms {
        assert_eq!(&ISIS[m.start..m.end], m.text);
    }
    for w in ms.windows(2) {
        assert!(w[0].end <= w[1].start, "{:?} overlaps {:?}", w[0], w[1]);
    }
}

#[test]
fn founding_example_values() {
    let ms = mentions();
    // (surface, type, value, mod, range)
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<(&'a str, &'a str)>,
    );
    let cases: &[Case] = &[
        (
            "Wednesday",
            "DATE",
            "2017-12-06",
            None,
            Some(("2017-12-06", "2017-12-06")),
        ),
        (
            "Monday",
            "DATE",
            "2017-12-04",
            None,
            Some(("2017-12-04", "2017-12-04")),
        ),
        (
            "early September",
            "DATE",
            "2017-09",
            Some("START"),
            Some(("2017-09-01", "2017-09-10")),
        ),
        (
            "mid-October",
            "DATE",
            "2017-10",
            Some("MID"),
            Some(("2017-10-11", "2017-10-20")),
        ),
        (
            "early November",
            "DATE",
            "2017-11",
            Some("START"),
            Some(("2017-11-01", "2017-11-10")),
        ),
        (
            "last month",
            "DATE",
            "2017-11",
            None,
            Some(("2017-11-01", "2017-11-30")),
        ),
        (
            "March of 2012",
            "DATE",
            "2012-03",
            None,
            Some(("2012-03-01", "2012-03-31")),
        ),
        (
            "2013",
            "DATE",
            "2013",
            None,
            Some(("2013-01-01", "2013-12-31")),
        ),
        (
            "2014",
            "DATE",
            "2014",
            None,
            Some(("2014-01-01", "2014-12-31")),
        ),
        (
            "2015",
            "DATE",
            "2015",
            None,
            Some(("2015-01-01", "2015-12-31")),
        ),
        (
            "this week",
            "DATE",
            "2017-W49",
            None,
            Some(("2017-12-04", "2017-12-10")),
        ),
        (
            "today",
            "DATE",
            "2017-12-07",
            None,
            Some(("2017-12-07", "2017-12-07")),
        ),
        (
            "Today",
            "DATE",
            "2017-12-07",
            None,
            Some(("2017-12-07", "2017-12-07")),
        ),
        ("annual", "SET", "P1Y", None, None),
    ];
    for (text, kind, value, modifier, range) in cases {
        let found = find(&ms, text);
        assert!(!found.is_empty(), "{text:?} not found in {ms:#?}");
        for m in found {
            assert_eq!(m.kind, *kind, "{text}");
            assert_eq!(m.value, *value, "{text}");
            assert_eq!(m.modifier.as_deref(), *modifier, "{text}");
            assert_eq!(m.range, range.map(|(a, b)| [d(a), d(b)]), "{text}");
        }
    }
    // "this week" occurs four times, all the same ISO week.
    assert_eq!(find(&ms, "this week").len(), 4);
    // "over the following two years": the duration.
    let two = ms
        .iter()
        .find(|m| m.text.ends_with("two years"))
        .expect("two years");
    assert_eq!((two.kind.as_str(), two.value.as_str()), ("DURATION", "P2Y"));
    assert_eq!(two.range, None);
    // Signals stay outside the extent.
    assert!(find(&ms, "by early November").is_empty());
    assert!(find(&ms, "as early as March of 2012").is_empty());
}

#[test]
fn without_publication_date_relative_values_stay_unresolved() {
    let layer = TextLayer::new(ISIS);
    let ms = sitrep_time::extract(&layer, None);
    let v = |t: &str| find(&ms, t).first().map(|m| (m.value.clone(), m.range));
    assert_eq!(v("Wednesday"), Some(("XXXX-WXX-3".into(), None)));
    assert_eq!(v("mid-October"), Some(("XXXX-10".into(), None)));
    assert_eq!(v("this week"), Some(("XXXX-WXX".into(), None)));
    assert_eq!(v("last month"), Some(("XXXX-XX".into(), None)));
    // Absolute expressions are still resolved.
    assert_eq!(
        v("March of 2012"),
        Some(("2012-03".into(), Some([d("2012-03-01"), d("2012-03-31")])))
    );
    assert_eq!(v("2013").map(|x| x.0), Some("2013".into()));
}
