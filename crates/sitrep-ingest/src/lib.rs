//! Reading inputs into [`Document`]s.
//!
//! One input (a file or standard input) yields zero or more [`Item`]s, each a document or an
//! error naming where it came from (`file.jsonl:12`). Nothing here aborts a batch: a broken
//! file, a wrong encoding, an empty text or a huge line is one item's error.
//!
//! Formats, detected by extension or, failing that, by content:
//! * `.txt` — the whole file is the text. Encoding: UTF-8 (with or without BOM), UTF-16 with a
//!   BOM (or unmistakable NUL patterns), else Windows-1252 (reported as a warning).
//! * `.html`/`.htm` — main text by readability-style extraction (`dom_smoothie`), with the page's
//!   title, site name, publication date and canonical URL.
//! * `.jsonl` — one article per line: `text` required; `id`, `title`, `published`, `outlet`, `url`
//!   optional.
//! * `.xml`/`.rss`/`.atom` (or content starting with `<rss`/`<feed`) — one document per entry.
#![deny(missing_docs)]

mod decode;
mod html;

use sitrep_model::{DocError, Document};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

pub use decode::{decode, Decoded};

/// Why an input (or one record of it) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("{origin}: cannot read: {source}")]
    Io {
        /// Input name.
        origin: String,
        /// Cause.
        source: std::io::Error,
    },
    /// The content is binary, not text.
    #[error("{origin}: binary content ({why}); not a text, HTML, JSONL or feed file")]
    Binary {
        /// Input name.
        origin: String,
        /// What gave it away.
        why: String,
    },
    /// A document exceeds the size limit.
    #[error("{origin}: document of {size} bytes exceeds the limit of {limit} bytes (raise it with --max-doc-mb)")]
    TooLarge {
        /// Input name.
        origin: String,
        /// Size in bytes.
        size: usize,
        /// Limit in bytes.
        limit: usize,
    },
    /// A JSONL line is not a JSON object with a `text` string.
    #[error("{origin}: malformed JSONL record: {why}")]
    Json {
        /// Input name with line number.
        origin: String,
        /// Parser message.
        why: String,
    },
    /// An RSS/Atom feed could not be parsed.
    #[error("{origin}: malformed feed: {why}")]
    Feed {
        /// Input name.
        origin: String,
        /// Parser message.
        why: String,
    },
    /// An HTML page had no readable text.
    #[error("{origin}: no readable text in HTML ({why})")]
    Html {
        /// Input name.
        origin: String,
        /// Why.
        why: String,
    },
}

/// Reading options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest document accepted, in bytes.
    pub max_doc_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_doc_bytes: 16 * 1024 * 1024,
        }
    }
}

/// One document read from an input, or the error that prevented it.
#[derive(Debug)]
pub struct Item {
    /// Where it came from: `path`, `path:line`, `path#entry`, `<stdin>`.
    pub origin: String,
    /// The document with non-fatal warnings (e.g. encoding fallback), or the error.
    pub result: Result<(Document, Vec<DocError>), IngestError>,
}

/// The formats sitrep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// JSON lines, one article per line.
    Jsonl,
    /// RSS or Atom.
    Feed,
}

/// Extensions read when walking a directory.
pub const KNOWN_EXTENSIONS: &[&str] =
    &["txt", "text", "html", "htm", "jsonl", "xml", "rss", "atom"];

/// Format from a file extension, if it names one.
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "xml" | "rss" | "atom" => Format::Feed,
        _ => return None,
    })
}

/// Format from the first bytes of the content.
pub fn sniff(bytes: &[u8]) -> Format {
    let head: Vec<u8> = bytes
        .iter()
        .copied()
        .skip_while(|b| b.is_ascii_whitespace() || *b == 0xEF || *b == 0xBB || *b == 0xBF)
        .take(512)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let head = String::from_utf8_lossy(&head);
    if head.starts_with('{') {
        Format::Jsonl
    } else if head.starts_with("<rss")
        || head.starts_with("<feed")
        || head.starts_with("<rdf")
        || (head.starts_with("<?xml") && (head.contains("<rss") || head.contains("<feed")))
    {
        Format::Feed
    } else if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with('<')
    {
        Format::Html
    } else {
        Format::Text
    }
}

/// Expands paths: directories are walked recursively (files with a known extension, sorted,
/// hidden entries skipped); files are kept as given. Errors name the path.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else {
            files.push(p.clone());
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<IngestError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(IngestError::Io {
                origin: dir.display().to_string(),
                source,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, errors);
        } else if format_from_extension(&p).is_some() {
            files.push(p);
        }
    }
}

/// Derives a document id from an input name: the file stem.
fn stem(origin: &str) -> String {
    Path::new(origin)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(origin)
        .to_string()
}

/// Reads one file (or `-` for standard input) into items, calling `sink` for each so that large
/// JSONL files stream.
pub fn read_path(path: &Path, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let origin = path.display().to_string();
    if origin == "-" {
        let mut bytes = Vec::new();
        match std::io::stdin().lock().read_to_end(&mut bytes) {
            Ok(_) => read_bytes("<stdin>", None, &bytes, opts, sink),
            Err(source) => sink(Item {
                origin: "<stdin>".into(),
                result: Err(IngestError::Io {
                    origin: "<stdin>".into(),
                    source,
                }),
            }),
        }
        return;
    }
    let format = format_from_extension(path);
    if format == Some(Format::Jsonl) {
        match std::fs::File::open(path) {
            Ok(f) => read_jsonl(&origin, std::io::BufReader::new(f), opts, sink),
            Err(source) => sink(Item {
                origin: origin.clone(),
                result: Err(IngestError::Io { origin, source }),
            }),
        }
        return;
    }
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&origin, format, &bytes, opts, sink),
        Err(source) => sink(Item {
            origin: origin.clone(),
            result: Err(IngestError::Io { origin, source }),
        }),
    }
}

/// Reads an in-memory input whose format is `format` (sniffed when `None`).
pub fn read_bytes(
    origin: &str,
    format: Option<Format>,
    bytes: &[u8],
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) {
    let format = format.unwrap_or_else(|| sniff(bytes));
    match format {
        Format::Jsonl => read_jsonl(origin, bytes, opts, sink),
        Format::Text | Format::Html | Format::Feed => {
            let result = decode_checked(origin, bytes, opts).and_then(|d| match format {
                Format::Html => html::read_html(origin, &d.text).map(|doc| vec![(doc, d.warnings)]),
                Format::Feed => html::read_feed(origin, d.text.as_bytes()).map(|docs| {
                    docs.into_iter()
                        .map(|doc| (doc, d.warnings.clone()))
                        .collect()
                }),
                _ => Ok(vec![(
                    Document {
                        id: stem(origin),
                        text: d.text,
                        ..Document::default()
                    },
                    d.warnings,
                )]),
            });
            match result {
                Ok(docs) => {
                    let many = docs.len() > 1;
                    for (i, (doc, warnings)) in docs.into_iter().enumerate() {
                        let origin = if many {
                            format!("{origin}#{}", i + 1)
                        } else {
                            origin.to_string()
                        };
                        sink(Item {
                            origin,
                            result: Ok((doc, warnings)),
                        });
                    }
                }
                Err(e) => sink(Item {
                    origin: origin.to_string(),
                    result: Err(e),
                }),
            }
        }
    }
}

fn decode_checked(origin: &str, bytes: &[u8], opts: &Options) -> Result<Decoded, IngestError> {
    if bytes.len() > opts.max_doc_bytes {
        return Err(IngestError::TooLarge {
            origin: origin.into(),
            size: bytes.len(),
            limit: opts.max_doc_bytes,
        });
    }
    decode(bytes).map_err(|why| IngestError::Binary {
        origin: origin.into(),
        why,
    })
}

/// Reads JSON lines from `reader`, one item per non-blank line.
pub fn read_jsonl(
    origin: &str,
    mut reader: impl BufRead,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) {
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(source) => {
                sink(Item {
                    origin: format!("{origin}:{}", n + 1),
                    result: Err(IngestError::Io {
                        origin: format!("{origin}:{}", n + 1),
                        source,
                    }),
                });
                break;
            }
        }
        n += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let at = format!("{origin}:{n}");
        let result = decode_checked(&at, &line, opts).and_then(|d| {
            jsonl_document(&at, &d.text, &stem(origin), n).map(|doc| (doc, d.warnings))
        });
        sink(Item { origin: at, result });
    }
}

fn jsonl_document(at: &str, line: &str, stem: &str, n: usize) -> Result<Document, IngestError> {
    let err = |why: String| IngestError::Json {
        origin: at.to_string(),
        why,
    };
    let value: serde_json::Value =
        serde_json::from_str(line.trim()).map_err(|e| err(e.to_string()))?;
    let obj = value
        .as_object()
        .ok_or_else(|| err("not a JSON object".into()))?;
    let text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err(err("\"text\" is not a string".into())),
        None => return Err(err("missing required field \"text\"".into())),
    };
    let field = |k: &str| -> Option<String> {
        match obj.get(k)? {
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            serde_json::Value::Number(x) => Some(x.to_string()),
            _ => None,
        }
    };
    Ok(Document {
        id: field("id").unwrap_or_else(|| format!("{stem}:{n}")),
        title: field("title"),
        url: field("url"),
        outlet: field("outlet"),
        published: field("published").as_deref().and_then(parse_date),
        text: normalize_newlines(text),
    })
}

/// Parses the date part of `YYYY-MM-DD`, an RFC 3339 timestamp or `YYYY/MM/DD`.
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    let head: String = s.chars().take(10).collect();
    head.replace('/', "-").parse().ok()
}

/// `\r\n` and lone `\r` become `\n` (the document text is what offsets index, so this happens
/// before any analysis).
pub(crate) fn normalize_newlines(s: String) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
