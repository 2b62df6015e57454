//! Reading CoNLL-2003 files (`word POS chunk NER`, IOB1 tags, `-DOCSTART-` lines).

use crate::Error;
use std::path::Path;

/// One sentence: words and their BIO tags (converted from the file's IOB1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllSentence {
    /// Tokens as in the file.
    pub words: Vec<String>,
    /// BIO tags (`O`, `B-PER`, `I-PER`, …), one per word.
    pub tags: Vec<String>,
}

/// One document (the sentences between two `-DOCSTART-` lines).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDoc {
    /// Sentences in order.
    pub sentences: Vec<ConllSentence>,
}

/// Converts IOB1 tags (where `I-X` may open an entity) to BIO.
pub fn iob1_to_bio(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    let mut prev_type: Option<&str> = None;
    for t in tags {
        let (bi, ty) = match t.split_once('-') {
            Some((bi, ty)) => (bi, Some(ty)),
            None => ("O", None),
        };
        match ty {
            None => {
                out.push("O".to_string());
                prev_type = None;
            }
            Some(ty) => {
                if bi == "B" || prev_type != Some(ty) {
                    out.push(format!("B-{ty}"));
                } else {
                    out.push(format!("I-{ty}"));
                }
                prev_type = Some(ty);
            }
        }
    }
    out
}

/// Parses CoNLL-2003 text.
pub fn parse_conll(text: &str) -> Result<Vec<ConllDoc>, Error> {
    let mut docs: Vec<ConllDoc> = Vec::new();
    let mut cur = ConllDoc::default();
    let mut words = Vec::new();
    let mut tags = Vec::new();
    let flush = |words: &mut Vec<String>, tags: &mut Vec<String>, doc: &mut ConllDoc| {
        if !words.is_empty() {
            doc.sentences.push(ConllSentence {
                words: std::mem::take(words),
                tags: iob1_to_bio(tags),
            });
            tags.clear();
        }
    };
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut words, &mut tags, &mut cur);
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            flush(&mut words, &mut tags, &mut cur);
            if !cur.sentences.is_empty() {
                docs.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(Error::Data(format!("line {}: expected columns", ln + 1)));
        }
        words.push(cols[0].to_string());
        tags.push(cols[cols.len() - 1].to_string());
    }
    flush(&mut words, &mut tags, &mut cur);
    if !cur.sentences.is_empty() {
        docs.push(cur);
    }
    Ok(docs)
}

/// Reads a CoNLL-2003 file.
pub fn read_conll(path: &Path) -> Result<Vec<ConllDoc>, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    parse_conll(&text)
}
