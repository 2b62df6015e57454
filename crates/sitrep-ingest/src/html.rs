//! HTML pages (readability-style main text + metadata) and RSS/Atom feeds.

use crate::{parse_date, IngestError};
use scraper::{Html, Selector};
use sitrep_model::Document;

/// Collapses runs of spaces inside lines and drops blank lines: one paragraph per line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&words.join(" "));
    }
    out
}

fn select_attr(doc: &Html, selector: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr))
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map(str::to_string)
}

fn select_text(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel)
        .map(|e| tidy(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// Text of the `<p>` elements (or, failing that, of the body), one paragraph per line.
fn paragraphs_text(doc: &Html) -> String {
    let mut out = Vec::new();
    if let Ok(sel) = Selector::parse("p, h1, h2, h3, li, blockquote") {
        for e in doc.select(&sel) {
            let t = tidy(&e.text().collect::<Vec<_>>().join(" "));
            if !t.is_empty() {
                out.push(t);
            }
        }
    }
    if out.is_empty() {
        if let Ok(sel) = Selector::parse("body") {
            for e in doc.select(&sel) {
                out.push(tidy(&e.text().collect::<Vec<_>>().join("\n")));
            }
        }
    }
    out.join("\n")
}

fn published(doc: &Html) -> Option<jiff::civil::Date> {
    const META: &[(&str, &str)] = &[
        ("meta[property='article:published_time']", "content"),
        ("meta[name='article:published_time']", "content"),
        ("meta[itemprop='datePublished']", "content"),
        ("meta[name='pubdate']", "content"),
        ("meta[name='publishdate']", "content"),
        ("meta[name='date']", "content"),
        ("meta[name='dc.date']", "content"),
        ("meta[name='DC.date.issued']", "content"),
        ("meta[name='parsely-pub-date']", "content"),
        ("time[datetime]", "datetime"),
    ];
    for (sel, attr) in META {
        if let Some(d) = select_attr(doc, sel, attr).as_deref().and_then(parse_date) {
            return Some(d);
        }
    }
    // JSON-LD: "datePublished": "2017-12-07T…"
    let sel = Selector::parse("script[type='application/ld+json']").ok()?;
    for e in doc.select(&sel) {
        let s: String = e.text().collect();
        if let Some(i) = s.find("\"datePublished\"") {
            let rest = &s[i + 15..];
            let start = rest.find('"')? + 1;
            if let Some(d) = rest.get(start..).and_then(parse_date) {
                return Some(d);
            }
        }
    }
    None
}

/// Reads an HTML page: main text plus title, outlet, published date and URL from metadata.
pub(crate) fn read_html(origin: &str, html: &str) -> Result<Document, IngestError> {
    let page = Html::parse_document(html);
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::new(html, None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let mut text = article
        .as_ref()
        .map(|a| tidy(&a.text_content))
        .unwrap_or_default();
    if text.split_whitespace().count() < 20 {
        let fallback = paragraphs_text(&page);
        if fallback.len() > text.len() {
            text = fallback;
        }
    }
    if text.trim().is_empty() {
        return Err(IngestError::Html {
            origin: origin.into(),
            why: "neither readability extraction nor the page's paragraphs gave any text".into(),
        });
    }
    let title = select_attr(&page, "meta[property='og:title']", "content")
        .or_else(|| {
            article
                .as_ref()
                .map(|a| a.title.trim().to_string())
                .filter(|t| !t.is_empty())
        })
        .or_else(|| select_text(&page, "title"));
    let outlet = select_attr(&page, "meta[property='og:site_name']", "content")
        .or_else(|| article.as_ref().and_then(|a| a.site_name.clone()))
        .or_else(|| select_attr(&page, "meta[name='application-name']", "content"));
    let url = select_attr(&page, "link[rel='canonical']", "href")
        .or_else(|| select_attr(&page, "meta[property='og:url']", "content"));
    let published = published(&page).or_else(|| {
        article
            .as_ref()
            .and_then(|a| a.published_time.as_deref())
            .and_then(parse_date)
    });
    Ok(Document {
        id: std::path::Path::new(origin)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(origin)
            .to_string(),
        title,
        url,
        outlet,
        published,
        text,
    })
}

fn fragment_text(html: &str) -> String {
    if !html.contains('<') {
        return tidy(html);
    }
    paragraphs_text(&Html::parse_document(html))
}

/// Reads an RSS/Atom feed: one document per entry with content or summary.
pub(crate) fn read_feed(origin: &str, bytes: &[u8]) -> Result<Vec<Document>, IngestError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| IngestError::Feed {
        origin: origin.into(),
        why: e.to_string(),
    })?;
    let outlet = feed.title.as_ref().map(|t| t.content.trim().to_string());
    let mut docs = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let text = fragment_text(&body);
        if text.trim().is_empty() {
            continue;
        }
        let date = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
        docs.push(Document {
            id: if entry.id.is_empty() {
                format!("{origin}#{}", i + 1)
            } else {
                entry.id.clone()
            },
            title: entry.title.as_ref().map(|t| t.content.trim().to_string()),
            url: entry.links.first().map(|l| l.href.clone()),
            outlet: outlet.clone(),
            published: date.as_deref().and_then(parse_date),
            text,
        });
    }
    if docs.is_empty() {
        return Err(IngestError::Feed {
            origin: origin.into(),
            why: "no entry with text".into(),
        });
    }
    Ok(docs)
}
