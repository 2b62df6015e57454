//! Calendar arithmetic and TIMEX3 value formatting / parsing (ranges).

use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::Span;

/// `YYYY-MM-DD`.
pub(crate) fn fmt_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM`.
pub(crate) fn fmt_month(y: i32, m: i32) -> String {
    format!("{y:04}-{m:02}")
}

/// ISO week of a day, `YYYY-Www`.
pub(crate) fn fmt_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Adds days, `None` when out of range.
pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

/// Adds months to a (year, month) pair.
pub(crate) fn add_months(y: i32, m: i32, n: i32) -> (i32, i32) {
    let total = y * 12 + (m - 1) + n;
    (total.div_euclid(12), total.rem_euclid(12) + 1)
}

/// A date, if valid.
pub(crate) fn date(y: i32, m: i32, d: i32) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    let m = i8::try_from(m).ok()?;
    let d = i8::try_from(d).ok()?;
    Date::new(y, m, d).ok()
}

/// ISO weekday number, Monday = 1.
pub(crate) fn weekday_num(d: Date) -> i64 {
    i64::from(d.weekday().to_monday_one_offset())
}

/// Quarter (1–4) of a month.
pub(crate) fn quarter_of(m: i32) -> i32 {
    (m - 1) / 3 + 1
}

/// The inclusive calendar range denoted by a resolved TIMEX3 value, narrowed by `mod`
/// (`START`/`MID`/`END`). `None` for durations, sets, references and unresolved (`X`) values.
///
/// Narrowing: months START = days 1–10, MID = 11–20, END = 21–last; years START = Jan–Apr,
/// MID = May–Aug, END = Sep–Dec; decades START = years 0–3, MID = 4–6, END = 7–9; other
/// granularities keep their full range.
pub(crate) fn range_of(value: &str, modifier: Option<&str>) -> Option<[Date; 2]> {
    if value.contains('X') || value.starts_with('P') || value.ends_with("_REF") {
        return None;
    }
    let value = value.split('T').next().unwrap_or(value);
    let parts: Vec<&str> = value.split('-').collect();
    let head = *parts.first()?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num: i32 = head.parse().ok()?;
    let r = match (head.len(), parts.len()) {
        (4, 1) => {
            let (a, b) = match modifier {
                Some("START") => ((1, 1), (4, 30)),
                Some("MID") => ((5, 1), (8, 31)),
                Some("END") => ((9, 1), (12, 31)),
                _ => ((1, 1), (12, 31)),
            };
            [date(num, a.0, a.1)?, date(num, b.0, b.1)?]
        }
        (3, 1) => {
            let base = num * 10;
            let (a, b) = match modifier {
                Some("START") => (0, 3),
                Some("MID") => (4, 6),
                Some("END") => (7, 9),
                _ => (0, 9),
            };
            [date(base + a, 1, 1)?, date(base + b, 12, 31)?]
        }
        (2, 1) => [date(num * 100, 1, 1)?, date(num * 100 + 99, 12, 31)?],
        (4, 2) => {
            let p = parts[1];
            if let Some(w) = p.strip_prefix('W') {
                week_range(num, w.parse().ok()?)?
            } else if let Some(q) = p.strip_prefix('Q') {
                let q: i32 = q.parse().ok()?;
                let first = date(num, (q - 1) * 3 + 1, 1)?;
                let last = date(num, q * 3, 1)?.last_of_month();
                [first, last]
            } else if let Some(h) = p.strip_prefix('H') {
                let h: i32 = h.parse().ok()?;
                let first = date(num, (h - 1) * 6 + 1, 1)?;
                let last = date(num, h * 6, 1)?.last_of_month();
                [first, last]
            } else if matches!(p, "SP" | "SU" | "FA" | "WI") {
                let (a, b) = match p {
                    "SP" => ((num, 3), (num, 5)),
                    "SU" => ((num, 6), (num, 8)),
                    "FA" => ((num, 9), (num, 11)),
                    _ => ((num, 12), (num + 1, 2)),
                };
                [date(a.0, a.1, 1)?, date(b.0, b.1, 1)?.last_of_month()]
            } else {
                let m: i32 = p.parse().ok()?;
                let first = date(num, m, 1)?;
                let last = first.last_of_month();
                match modifier {
                    Some("START") => [first, date(num, m, 10)?],
                    Some("MID") => [date(num, m, 11)?, date(num, m, 20)?],
                    Some("END") => [date(num, m, 21)?, last],
                    _ => [first, last],
                }
            }
        }
        (4, 3) if parts[1].starts_with('W') && parts[2] == "WE" => {
            let w: i8 = parts[1].strip_prefix('W')?.parse().ok()?;
            let [mon, _] = week_range(num, w)?;
            [add_days(mon, 5)?, add_days(mon, 6)?]
        }
        (4, 3) => {
            let d = date(num, parts[1].parse().ok()?, parts[2].parse().ok()?)?;
            [d, d]
        }
        _ => return None,
    };
    Some(r)
}

fn week_range(y: i32, w: i8) -> Option<[Date; 2]> {
    let y = i16::try_from(y).ok()?;
    let mon = ISOWeekDate::new(y, w, Weekday::Monday).ok()?.date();
    Some([mon, add_days(mon, 6)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        type Case<'a> = (&'a str, Option<&'a str>, Option<(&'a str, &'a str)>);
        let cases: &[Case] = &[
            ("2017-W49", None, Some(("2017-12-04", "2017-12-10"))),
            ("2017-10", Some("MID"), Some(("2017-10-11", "2017-10-20"))),
            ("2017-09", Some("START"), Some(("2017-09-01", "2017-09-10"))),
            ("2017-02", Some("END"), Some(("2017-02-21", "2017-02-28"))),
            ("2016", Some("END"), Some(("2016-09-01", "2016-12-31"))),
            ("2017-Q3", None, Some(("2017-07-01", "2017-09-30"))),
            ("199", None, Some(("1990-01-01", "1999-12-31"))),
            ("2017-12-06", None, Some(("2017-12-06", "2017-12-06"))),
            ("2017-12-06TNI", None, Some(("2017-12-06", "2017-12-06"))),
            ("XXXX-10", None, None),
            ("P2Y", None, None),
            ("PAST_REF", None, None),
        ];
        for (v, m, want) in cases {
            let got = range_of(v, *m);
            assert_eq!(got, want.map(|(a, b)| [d(a), d(b)]), "{v} {m:?}");
        }
    }

    #[test]
    fn week_format_uses_iso_year() {
        let d = "2017-12-07".parse::<Date>().unwrap();
        assert_eq!(fmt_week(d), "2017-W49");
        let d = "2021-01-01".parse::<Date>().unwrap();
        assert_eq!(fmt_week(d), "2020-W53");
        assert_eq!(add_months(2017, 1, -1), (2016, 12));
        assert_eq!(quarter_of(9), 3);
    }
}
