//! Hard-wrapped text: plain-text exports, e-mails and wire copy broken into lines of a fixed
//! width, where a single newline is no paragraph break ("Gareth\nBale"). [`unwrap_lines`]
//! finds such a text and gives a copy in which each wrapping newline is a space: the same
//! length in bytes, so every offset into the copy is an offset into the original.

/// Widest line (in characters) a hard-wrapped text may have.
const MAX_WIDTH: usize = 120;

/// Narrowest wrapping width considered.
const MIN_WIDTH: usize = 30;

/// Lines followed by another line within a block that a text needs for its wrapping to be
/// judged.
const MIN_INNER: usize = 3;

/// Whether a line of `len` characters fills a text wrapped at `width`: no more than a long
/// word (a quarter of the width) short of it.
fn fills(len: usize, width: usize) -> bool {
    len + width / 4 >= width
}

/// A line that opens a list item or a heading of its own: it never continues the line above.
fn opens_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['-', '*', '•', '–', '—', '#', '>'])
        || t.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
        })
}

/// A copy of `text` in which each newline that wraps a line is a space (with a carriage
/// return before it), when the text is hard-wrapped; `None` otherwise (left as it is).
///
/// A text is hard-wrapped when it has at least [`MIN_INNER`] lines followed by another
/// non-blank line, no line wider than [`MAX_WIDTH`] characters, at least 60 % of those inner
/// lines fill the widest line's width ([`fills`]), and at least 30 % of the filling ones go on
/// with a lower-case word (a sentence running on: a list of headlines or one sentence a line
/// never does). Then a newline is a space after a line that fills the width, unless a blank
/// line, a list item or a heading follows; a short line still ends its paragraph.
pub fn unwrap_lines(text: &str) -> Option<String> {
    // (start, end without '\r') of each line
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let width_of = |&(s, e): &(usize, usize)| text[s..e].trim_end().chars().count();
    let mut width = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let span = (pos, pos + body.len());
        lines.push(span);
        pos += line.len();
        // (a news text, a paragraph a line, is told at its first long line)
        width = width.max(width_of(&span));
        if width > MAX_WIDTH {
            return None;
        }
    }
    let blank = |&(s, e): &(usize, usize)| text[s..e].trim().is_empty();
    if width < MIN_WIDTH {
        return None;
    }
    // lines followed by a non-blank line that opens no item
    let inner: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| {
            !blank(&lines[i])
                && !blank(&lines[i + 1])
                && !opens_item(&text[lines[i + 1].0..lines[i + 1].1])
        })
        .collect();
    if inner.len() < MIN_INNER {
        return None;
    }
    let filling: Vec<usize> = inner
        .iter()
        .copied()
        .filter(|&i| fills(width_of(&lines[i]), width))
        .collect();
    let runs_on = filling
        .iter()
        .filter(|&&i| {
            let (s, e) = lines[i + 1];
            text[s..e]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        })
        .count();
    if filling.len() * 10 < inner.len() * 6 || runs_on * 10 < filling.len() * 3 {
        return None;
    }
    let mut out = text.as_bytes().to_vec();
    for i in filling {
        // the line break after line i: its '\r' (if any) and '\n'
        for b in &mut out[lines[i].1..lines[i + 1].0] {
            if matches!(*b, b'\r' | b'\n') {
                *b = b' ';
            }
        }
    }
    // (only ASCII bytes were replaced by ASCII bytes)
    String::from_utf8(out).ok()
}

/// `text` hard-wrapped at `width` columns the way plain-text exports do it: in each line, the
/// last space before a word that would pass the width becomes a newline. The same length and
/// offsets as `text`; [`unwrap_lines`] undoes it (for fixtures and tests).
pub fn wrap_lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let mut col = 0;
        for (j, word) in line.split(' ').enumerate() {
            let n = word.chars().count();
            if j > 0 {
                if col + 1 + n > width {
                    out.push('\n');
                    col = 0;
                } else {
                    out.push(' ');
                    col += 1;
                }
            }
            out.push_str(word);
            col += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWS: &str = "Real Madrid forward Gareth Bale scored twice on Saturday as the \
        champions beat Sevilla in a match played in front of a crowd of more than seventy \
        thousand people at the Santiago Bernabeu stadium in the Spanish capital.\n\nThe Welsh \
        international, who had been out injured for most of the season, said after the game \
        that he was happy to be back and that the team would now focus on the cup final.";

    #[test]
    fn a_wrapped_text_is_its_unwrapped_self() {
        for width in [40, 60, 72, 80] {
            let wrapped = wrap_lines(NEWS, width);
            assert_eq!(wrapped.len(), NEWS.len());
            assert!(wrapped.contains("\n"), "{width}");
            let got = unwrap_lines(&wrapped).expect("wrapped");
            assert_eq!(got, NEWS, "width {width}");
        }
        // carriage returns too
        let crlf = wrap_lines(NEWS, 72).replace('\n', "\r\n");
        let got = unwrap_lines(&crlf).expect("wrapped");
        assert_eq!(got.replace("  ", " "), NEWS.replace("\n\n", "\r\n\r\n"));
    }

    #[test]
    fn paragraphs_lists_and_headlines_stay_apart() {
        // one paragraph a line, as news feeds give it: lines far wider than any wrapping
        assert_eq!(unwrap_lines(NEWS), None);
        // headlines, one a line: no sentence runs on
        let heads = "Syrian army takes three villages near Abu Kamal\nRussia says Islamic \
            State is defeated in Syria\nSDF fighters hold Raqqa after a four-month battle\n\
            Bombers strike near al-Sayyal on the Iraqi border\nIraq declares victory over \
            the militants in the west";
        assert_eq!(unwrap_lines(heads), None);
        // a wrapped text keeps its list items and its short closing lines
        let text = "The statement listed the villages the army had taken during the \
            week\nand those it still meant to take before the end of the month, among\n\
            them the following places on the road to the border crossing:\n- Jalaa\n\
            - Ramadi\n- Buq\nIt gave no date for the next push.";
        let got = unwrap_lines(text).expect("wrapped");
        assert!(
            got.contains(
                "the week and those it still meant to take before the end of \
            the month, among them the following places"
            ),
            "{got}"
        );
        assert!(
            got.contains("crossing:\n- Jalaa\n- Ramadi\n- Buq\nIt gave"),
            "{got}"
        );
        // too few lines to judge
        assert_eq!(unwrap_lines("one line\nand another"), None);
    }
}
