//! `--format text`: a readable summary of one analysis, each finding with a short evidence
//! snippet.

use sitrep_model::Analysis;
use std::fmt::Write;

/// Context around a code-point span, trimmed to about `width` characters, the span in [brackets].
fn snippet(chars: &[char], start: usize, end: usize, width: usize) -> String {
    let start = start.min(chars.len());
    let end = end.clamp(start, chars.len());
    let side = width.saturating_sub(end - start) / 2;
    let from = start.saturating_sub(side);
    let to = (end + side).min(chars.len());
    let clean =
        |s: &[char]| -> String { s.iter().map(|&c| if c == '\n' { ' ' } else { c }).collect() };
    format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        clean(&chars[from..start]),
        clean(&chars[start..end]),
        clean(&chars[end..to]),
        if to < chars.len() { "…" } else { "" }
    )
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("?")
}

/// Renders one analysis for people.
pub fn text(a: &Analysis) -> String {
    let d = &a.document;
    let chars: Vec<char> = d.text.chars().collect();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "== {} — {} — {} [{}]",
        d.title.as_deref().unwrap_or("(untitled)"),
        d.outlet.as_deref().unwrap_or("(unknown outlet)"),
        d.published
            .map_or("(date unknown)".to_string(), |p| p.to_string()),
        d.id
    );
    if !a.events.is_empty() {
        let _ = writeln!(o, "Events:");
        for e in &a.events {
            let place = e.location.as_ref().map_or("?".to_string(), |l| {
                format!("{} ({})", l.name, l.country.as_deref().unwrap_or("?"))
            });
            let date = e
                .date
                .as_ref()
                .map_or("?".to_string(), |d| match (d.start, d.end) {
                    (Some(s), Some(t)) if s == t => s.to_string(),
                    (Some(s), Some(t)) => format!("{s}..{t}"),
                    _ => "?".into(),
                });
            let by = e
                .source
                .as_ref()
                .map(|s| format!(" per {}", s.name))
                .unwrap_or_default();
            let via: Vec<&str> = e.via.iter().map(|r| r.name.as_str()).collect();
            let via = if via.is_empty() {
                String::new()
            } else {
                format!(" via {}", via.join(" < "))
            };
            let _ = writeln!(
                o,
                "  {} / {}: {} vs {} at {} on {} [{}{}{}]\n      {}",
                e.event_type,
                e.sub_event_type,
                opt(&e.actor1),
                opt(&e.actor2),
                place,
                date,
                e.modality,
                by,
                via,
                snippet(&chars, e.evidence.start, e.evidence.end, 100)
            );
        }
    }
    if !a.times.is_empty() {
        let _ = writeln!(o, "Times:");
        for t in &a.times {
            let range = t
                .range
                .map(|[s, e]| format!(" {s}..{e}"))
                .unwrap_or_default();
            let m = t
                .modifier
                .as_deref()
                .map(|m| format!(" {m}"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  {:<18} {} {}{}{}   {}",
                t.text,
                t.kind,
                t.value,
                m,
                range,
                snippet(&chars, t.start, t.end, 60)
            );
        }
    }
    if !a.places.is_empty() {
        let _ = writeln!(o, "Places:");
        for p in &a.places {
            let at = match (p.lat, p.lon) {
                (Some(lat), Some(lon)) => format!("{lat:.4},{lon:.4}"),
                _ => "unresolved".into(),
            };
            let _ = writeln!(
                o,
                "  {:<18} {} {} {} {} {} ({:.2})   {}",
                p.text,
                opt(&p.name),
                opt(&p.country),
                opt(&p.admin1),
                opt(&p.feature),
                at,
                p.confidence,
                snippet(&chars, p.start, p.end, 60)
            );
        }
    }
    if !a.actors.is_empty() {
        let _ = writeln!(o, "Actors:");
        for x in &a.actors {
            let _ = writeln!(
                o,
                "  {:<18} {} ({}, {})",
                x.text,
                x.name,
                x.kind,
                opt(&x.country)
            );
        }
    }
    if !a.quotes.is_empty() {
        let _ = writeln!(o, "Quotes:");
        for q in &a.quotes {
            let who = q
                .source
                .as_ref()
                .map_or("(unattributed)", |s| s.name.as_str());
            let via: Vec<&str> = q.via.iter().map(|r| r.name.as_str()).collect();
            let via = if via.is_empty() {
                String::new()
            } else {
                format!(" via {}", via.join(" < "))
            };
            let content: String = chars
                [q.content.start.min(chars.len())..q.content.end.min(chars.len())]
                .iter()
                .take(120)
                .collect();
            let _ = writeln!(
                o,
                "  {}{} {}: {}{}",
                who,
                via,
                if q.direct { "said" } else { "said (indirect)" },
                content.replace('\n', " "),
                if q.content.end - q.content.start > 120 {
                    "…"
                } else {
                    ""
                }
            );
        }
    }
    if !a.entities.is_empty() {
        let _ = writeln!(o, "Entities:");
        let mut line = String::from(" ");
        for e in &a.entities {
            let _ = write!(line, " {}/{}", e.text, e.label);
        }
        let _ = writeln!(o, "{line}");
    }
    for e in &a.errors {
        let _ = writeln!(o, "! {}: {}", e.kind, e.message);
    }
    o.push('\n');
    o
}
