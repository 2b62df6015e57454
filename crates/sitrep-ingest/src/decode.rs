//! Encoding detection: UTF-8 (BOM optional), UTF-16 (BOM, or NUL pattern), Windows-1252 fallback;
//! binary content refused.

use sitrep_model::DocError;

/// A decoded text with the encoding used and any warnings worth reporting.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, newlines normalised to `\n`.
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
    /// Non-fatal problems (e.g. invalid UTF-8 decoded as Windows-1252).
    pub warnings: Vec<DocError>,
}

/// Decodes `bytes`; `Err` says why the content looks binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let done = |text: String, encoding, warnings| Decoded {
        text: crate::normalize_newlines(text).replace('\0', ""),
        encoding,
        warnings,
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let (t, had_errors) = lossy_utf8(rest);
        return Ok(done(t, "UTF-8", invalid_utf8_warning(had_errors)));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (t, enc, _) = encoding_rs::Encoding::for_bom(bytes)
            .map(|(e, _)| e.decode(bytes))
            .unwrap_or_else(|| encoding_rs::UTF_16LE.decode(bytes));
        return Ok(done(t.into_owned(), enc.name(), Vec::new()));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (t, _, _) = enc.decode(bytes);
        return Ok(done(t.into_owned(), enc.name(), Vec::new()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if let Some(why) = binary_text(s) {
            return Err(why);
        }
        return Ok(done(s.to_string(), "UTF-8", Vec::new()));
    }
    if let Some(why) = binary_bytes(bytes) {
        return Err(why);
    }
    // Mostly UTF-8 with a few bad bytes: keep UTF-8, replace the bad bytes.
    let valid_multibyte = String::from_utf8_lossy(bytes)
        .chars()
        .filter(|c| !c.is_ascii() && *c != char::REPLACEMENT_CHARACTER)
        .count();
    let first_bad = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    if valid_multibyte > 0 {
        let (t, _) = lossy_utf8(bytes);
        return Ok(done(
            t,
            "UTF-8",
            vec![DocError {
                kind: "encoding".into(),
                message: format!(
                    "invalid UTF-8 (first bad byte at offset {first_bad}); bad bytes replaced by U+FFFD"
                ),
            }],
        ));
    }
    let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(done(
        t.into_owned(),
        "windows-1252",
        vec![DocError {
            kind: "encoding".into(),
            message: format!(
                "not UTF-8 (first bad byte at offset {first_bad}); decoded as Windows-1252"
            ),
        }],
    ))
}

fn lossy_utf8(bytes: &[u8]) -> (String, bool) {
    match String::from_utf8_lossy(bytes) {
        std::borrow::Cow::Borrowed(s) => (s.to_string(), false),
        std::borrow::Cow::Owned(s) => (s, true),
    }
}

fn invalid_utf8_warning(had_errors: bool) -> Vec<DocError> {
    if had_errors {
        vec![DocError {
            kind: "encoding".into(),
            message: "invalid UTF-8 bytes replaced by U+FFFD".into(),
        }]
    } else {
        Vec::new()
    }
}

/// UTF-16 without a BOM shows as NUL in every other byte of ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_nul = sample.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    let odd_nul = sample.chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    if odd_nul * 10 >= pairs * 8 {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 >= pairs * 8 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Control characters other than tab/newline/CR/form feed: a text has almost none.
fn binary_text(s: &str) -> Option<String> {
    let sample: Vec<char> = s.chars().take(8192).collect();
    if sample.contains(&'\0') {
        return Some("contains NUL bytes".into());
    }
    let ctrl = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    (ctrl * 100 > sample.len().max(1) * 5).then(|| {
        format!(
            "{ctrl} control characters in the first {} characters",
            sample.len()
        )
    })
}

fn binary_bytes(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return Some("contains NUL bytes".into());
    }
    let ctrl = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    (ctrl * 100 > sample.len().max(1) * 5)
        .then(|| format!("{ctrl} control bytes in the first {} bytes", sample.len()))
}
