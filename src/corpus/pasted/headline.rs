//! The article's title, from the page's own lines. A page's text starts with
//! the document's title, often with the site's name after a separator ("… |
//! Site", "… - Site"); the headline stands again, alone, just before the
//! article. When a pasted text starts with a section label instead ("Tokyo
//! Report"), the headline is the title-like line repeated most often in the
//! lines before the article.

use super::lines::Line;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A separator between the parts of a document title: `|`, `-`, `–`, `—`,
/// `·`, `•`, `»`, `/` or another symbol, with spaces around it.
static SEPARATOR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"\s+(?:[|\-–—·•»/]{1,2}|[^\w\s"'“”‘’(\[)\]:,.;!?&+])\s+"#).ok());

/// `: ` inside a title ("Site: Headline").
static COLON: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r":\s+").ok());

/// How titles are compared: lower case, white space folded, trailing
/// punctuation away.
pub fn norm(s: &str) -> String {
    let folded = crate::text::one_line(s).to_lowercase();
    folded
        .trim_matches(|c: char| matches!(c, ' ' | '.' | ':' | ';' | ',' | '!' | '?'))
        .to_string()
}

/// The separators of a title line, as byte ranges.
fn separators(line: &str) -> Vec<Range<usize>> {
    SEPARATOR
        .as_ref()
        .map(|re| re.find_iter(line).map(|m| m.range()).collect())
        .unwrap_or_default()
}

/// The parts of a title line between its separators.
fn segments(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in separators(line) {
        out.push(line.get(at..r.start).unwrap_or(""));
        at = r.end;
    }
    out.push(line.get(at..).unwrap_or(""));
    out.retain(|s| !s.trim().is_empty());
    out
}

/// Spaces and the marks that separate the parts of a title.
fn is_separator_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | '·' | '•' | '»' | '/' | ':')
}

fn n_words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A title's last part without a label in square brackets at its end
/// ("My Site [Archive]", "Headline [Video]"): such a label names the site or
/// the format, never words of a headline.
fn without_label(part: &str) -> &str {
    let t = part.trim_end();
    match (t.ends_with(']'), t.rfind('[')) {
        (true, Some(open)) => t.get(..open).unwrap_or(t),
        _ => t,
    }
}

/// A document title without the site's name after its last separator,
/// when that name is short (three words at most, a label in square brackets
/// aside) and at least two words remain.
pub fn strip_site(line: &str) -> &str {
    let seps = separators(line);
    let Some(last) = seps.last() else {
        return line;
    };
    let head = line.get(..last.start).unwrap_or(line).trim();
    let tail = line.get(last.end..).unwrap_or("");
    if n_words(without_label(tail)) <= 3 && n_words(head) >= 2 && !segments(head).is_empty() {
        head
    } else {
        line
    }
}

/// Whether a line could be a title.
pub fn title_like(l: &Line<'_>) -> bool {
    if l.class.is_furniture() || l.units > 30 {
        return false;
    }
    if l.units == 0 && !(l.cjk && l.text.chars().count() >= 4) {
        return false;
    }
    !(l.text.ends_with('.') && !l.text.ends_with("...") && l.units > 3)
}

/// What the first title-like line of a page says.
#[derive(Debug, Default)]
pub struct First {
    /// Its index among the lines.
    pub index: Option<usize>,
    /// The title it gives, the site's name stripped.
    pub title: Option<String>,
    /// Whether it has separators or a colon (a document title with parts).
    pub has_parts: bool,
    /// Later lines that repeat it or a part of it: their index, and whether
    /// that part alone is the headline (all that is left of the title line
    /// is one short part, the site's name).
    pub repeats: Vec<(usize, bool)>,
}

/// Reads the first title-like line among the first twelve, and finds the
/// later lines that repeat it or one of its parts.
pub fn first(lines: &[Line<'_>]) -> First {
    // a link of a menu is no title
    let Some(index) = lines
        .iter()
        .take(12)
        .position(|l| title_like(l) && !l.listy && !l.is_dateline())
    else {
        return First::default();
    };
    let line = lines[index].text;
    let title = strip_site(line);
    let seps = separators(line);
    let colons: Vec<Range<usize>> = COLON
        .as_ref()
        .map(|re| re.find_iter(line).map(|m| m.range()).collect())
        .unwrap_or_default();
    let mut cuts: Vec<Range<usize>> = seps.iter().cloned().chain(colons.iter().cloned()).collect();
    cuts.sort_by_key(|r| r.start);
    let starts: Vec<usize> = std::iter::once(0)
        .chain(cuts.iter().map(|r| r.end))
        .collect();
    let ends: Vec<usize> = cuts
        .iter()
        .map(|r| r.start)
        .chain(std::iter::once(line.len()))
        .collect();
    // each part that may stand alone as the headline, and whether it is
    // the title with only the site's name cut off
    let mut keys: Vec<(String, bool)> = vec![(norm(line), true), (norm(title), true)];
    for &x in &starts {
        for &y in &ends {
            if y <= x {
                continue;
            }
            let (Some(part), Some(before), Some(after)) =
                (line.get(x..y), line.get(..x), line.get(y..))
            else {
                continue;
            };
            let part = part.trim();
            if n_words(part) < 2 && (part.len() as f32) < 0.4 * line.len() as f32 {
                continue;
            }
            // what the part leaves of the title line: the site's name alone
            // (one part, a name: capitalised, six words at most)?
            let rest: Vec<&str> = [before, after]
                .iter()
                .flat_map(|r| segments(r.trim_matches(is_separator_char)))
                .map(|s| s.trim_matches(is_separator_char))
                .filter(|s| !s.is_empty())
                .collect();
            let alone = match rest.as_slice() {
                [] => true,
                [site] => {
                    n_words(site) <= 6 && site.chars().next().is_some_and(|c| !c.is_lowercase())
                }
                _ => false,
            };
            let key = norm(part);
            match keys.iter_mut().find(|(k, _)| *k == key) {
                Some((_, ok)) => *ok |= alone,
                None => keys.push((key, alone)),
            }
        }
    }
    keys.retain(|(k, _)| k.chars().count() >= 3);
    // only lines with as many words as a key can equal it
    let sizes: Vec<usize> = keys.iter().map(|(k, _)| n_words(k)).collect();
    let repeats = lines
        .iter()
        .enumerate()
        .skip(index + 1)
        .filter(|(_, l)| sizes.contains(&l.tokens))
        .filter_map(|(k, l)| {
            let n = norm(l.text);
            keys.iter()
                .find(|(key, _)| *key == n)
                .map(|&(_, ok)| (k, ok))
        })
        .collect();
    First {
        index: Some(index),
        title: Some(title.to_string()),
        has_parts: !seps.is_empty() || !colons.is_empty(),
        repeats,
    }
}

/// The title from the lines before the article (`lines[..start]`): the first
/// line's title, unless it is a plain line (no parts) and a longer
/// title-like line just before the article is repeated at least as often
/// in those lines (the headline after a section label).
pub fn choose(lines: &[Line<'_>], first: &First, start: usize) -> Option<String> {
    let start = start.min(lines.len());
    let header: Vec<String> = lines[..start].iter().map(|l| norm(l.text)).collect();
    let a = first.title.as_deref().map(norm);
    let count_a = a
        .as_ref()
        .map_or(0, |a| header.iter().filter(|n| *n == a).count());
    let mut best: Option<((usize, usize), usize)> = None;
    for k in start.saturating_sub(15)..start {
        let l = &lines[k];
        if !title_like(l) || l.units < 3 || l.is_dateline() {
            continue;
        }
        let n = &header[k];
        let count = header.iter().filter(|m| holds_words(m, n)).count();
        if count >= 2 {
            let key = (count, n.len());
            if best.as_ref().is_none_or(|(b, _)| key > *b) {
                best = Some((key, k));
            }
        }
    }
    let plain = match (first.index, &first.title) {
        (Some(i), Some(t)) => segments(t).len() == 1 && segments(lines[i].text).len() == 1,
        _ => true,
    };
    if let Some(((count, len), k)) = best {
        let a_len = a.as_ref().map_or(0, String::len);
        if plain && count >= count_a.max(2) && len > a_len {
            return Some(heading_text(lines[k].text).to_string());
        }
    }
    first.title.as_deref().map(|t| heading_text(t).to_string())
}

/// Whether `hay` holds `words` as whole words (or is it).
fn holds_words(hay: &str, words: &str) -> bool {
    if words.is_empty() {
        return false;
    }
    hay.match_indices(words).any(|(at, _)| {
        let before = hay.get(..at).and_then(|s| s.chars().next_back());
        let after = hay.get(at + words.len()..).and_then(|s| s.chars().next());
        before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
    })
}

/// A title line without the marks of a Markdown heading.
pub fn heading_text(s: &str) -> &str {
    s.trim_start_matches('#').trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::pasted::lines::measure;

    #[test]
    fn the_site_name_is_cut_off() {
        assert_eq!(strip_site("New Zealand - Encyclopedia"), "New Zealand");
        assert_eq!(strip_site("Encyclopedia - New"), "Encyclopedia - New");
        assert_eq!(
            strip_site("A long headline here | Site Name"),
            "A long headline here"
        );
        assert_eq!(
            strip_site("Headline: with a colon – My website"),
            "Headline: with a colon"
        );
        assert_eq!(
            strip_site("Site - A Title That Runs Long"),
            "Site - A Title That Runs Long"
        );
        assert_eq!(strip_site("No separator at all"), "No separator at all");
        assert_eq!(
            strip_site("A Story | Big Site Name [The Archive]"),
            "A Story"
        );
        assert_eq!(
            strip_site("Story - A Writer ( Nick ) ( nk )"),
            "Story - A Writer ( Nick ) ( nk )"
        );
    }

    #[test]
    fn the_headline_repeats_a_part_of_the_first_line() {
        let text = "The big story of the day | The Daily Site\n\nHome\nWorld\n\nThe big story of the day\n\nIt was a day of news, and the paper said so in many words of prose.\n";
        let lines = measure(text);
        let f = first(&lines);
        assert_eq!(f.index, Some(0));
        assert!(f.has_parts);
        assert_eq!(f.repeats, vec![(3, true)]);
        assert_eq!(f.title.as_deref(), Some("The big story of the day"));
    }

    #[test]
    fn a_repeated_headline_beats_a_section_label() {
        let text = "Opinion Desk\n\nThe Headline That Matters Most Today\n\nRecent Features\n\nOpinion Desk\n\nThe Headline That Matters Most Today\n\nBody.";
        let lines = measure(text);
        let f = first(&lines);
        assert_eq!(f.title.as_deref(), Some("Opinion Desk"));
        let t = choose(&lines, &f, lines.len() - 1);
        assert_eq!(t.as_deref(), Some("The Headline That Matters Most Today"));
    }

    #[test]
    fn whole_words_only() {
        assert!(holds_words("a b c", "b"));
        assert!(holds_words("b", "b"));
        assert!(!holds_words("abc", "b"));
        assert!(!holds_words("x", ""));
    }

    #[test]
    fn norm_ignores_case_space_and_end_marks() {
        assert_eq!(norm("  The  Title:  "), "the title");
        assert_eq!(heading_text("## A heading"), "A heading");
    }
}
