//! Plain text as people paste it (issue 19). Copying a web page's text is the
//! quickest way to save an article, and it brings the page along: menus,
//! breadcrumbs, share buttons, related links, comments, newsletter and
//! copyright footers. This module finds the article in such a text — the run
//! of lines that reads as prose, in any language — and its title, byline and
//! publication date in the lines around it; it sets the rest aside without
//! losing it ([`Pasted`] keeps the whole text and says which lines were set
//! aside).
//!
//! A text that shows no sign of a page (fewer than two pieces of evidence:
//! furniture lines, a date or byline line near the top, the title repeated
//! as a headline) is left exactly as it was read before this module existed,
//! so clean corpora read and export unchanged.
//!
//! The rules are general: word lists live in `data/lexicon/page_*.txt`; no
//! site or headline is named anywhere.

mod byline;
mod dates;
mod headline;
mod lexicon;
mod lines;
mod region;

use crate::corpus::PartialDate;
use lines::{Class, Line};
use std::fmt;
use std::ops::Range;

/// How an article was read from the text of a pasted web page: the whole
/// text, and which of its lines are not in the article's body.
#[derive(Clone, PartialEq, Eq)]
pub struct Pasted {
    /// The whole text of the file as read (sanitised, line breaks as `\n`):
    /// what the reader shows when asked for the original.
    pub original: String,
    /// The lines of `original` (0-based, end exclusive) that are not in the
    /// body: page furniture, and the title, byline and date lines. Blank
    /// lines are in no range.
    pub set_aside: Vec<Range<usize>>,
    /// Where each run of consecutive lines of the body starts: its byte
    /// offset in the body and its line in `original` (0-based).
    pub runs: Vec<(usize, usize)>,
}

impl Pasted {
    /// How many lines were set aside.
    pub fn set_aside_lines(&self) -> usize {
        self.set_aside.iter().map(ExactSizeIterator::len).sum()
    }

    /// The line of `original` (0-based) that holds byte `offset` of the
    /// body.
    pub fn original_line(&self, body: &str, offset: usize) -> usize {
        let i = self.runs.partition_point(|&(at, _)| at <= offset);
        let Some(&(at, line)) = i.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            return 0;
        };
        let offset = offset.min(body.len());
        let newlines = body
            .as_bytes()
            .get(at..offset)
            .map_or(0, |s| memchr::memchr_iter(b'\n', s).count());
        // past the body's last line break: still its last line
        let last = memchr::memchr_iter(b'\n', self.original.as_bytes()).count();
        (line + newlines).min(last)
    }
}

impl fmt::Debug for Pasted {
    // the original text can be large: its size stands for it
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pasted")
            .field("original_bytes", &self.original.len())
            .field("set_aside", &self.set_aside)
            .field("runs", &self.runs)
            .finish()
    }
}

/// An article found in a pasted page.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The headline, when one was found.
    pub title: Option<String>,
    /// The byline, when one was found.
    pub author: Option<String>,
    /// The publication date shown near the title (the first published
    /// date, not an update).
    pub published: Option<PartialDate>,
    /// The article's lines, with a blank line where lines were set aside
    /// between them.
    pub body: String,
    /// The line of the text (1-based) on which the body starts.
    pub body_line: usize,
    /// The whole text and what was set aside.
    pub pasted: Pasted,
}

/// Lines before the article searched for its date and byline.
const HEADER_LINES: usize = 25;

/// Lines after its headline within which an article must start.
const HEADLINE_WINDOW: usize = 15;

/// Evidence needed before a text is read as a page rather than as it is.
const PAGE_EVIDENCE: usize = 2;

/// Reads `text` (sanitised, line breaks as `\n`) as a pasted page: `None`
/// when it shows no sign of one (then it is read as it is), or when no
/// article could be found in it.
pub fn read(text: &str) -> Option<Reading> {
    let lines = lines::measure(text);
    if lines.is_empty() {
        return None;
    }
    let mut region = region::best(&lines, 0..lines.len()).map(|r| region::extend(&lines, r))?;
    let first = headline::first(&lines);
    // the article follows its headline: a headline found before the article
    // chosen, but far from it, moves the article to the text after it
    let near = |region: &region::Region| -> Vec<(usize, bool)> {
        first
            .repeats
            .iter()
            .copied()
            .filter(|&(h, _)| h < region.range.start && region.range.start <= h + HEADLINE_WINDOW)
            .collect()
    };
    let mut heads = near(&region);
    if heads.is_empty() {
        for &(h, _) in first.repeats.iter().take(8) {
            if let Some(r) = region::after_headline(&lines, h, HEADLINE_WINDOW) {
                if r.score >= 30.0 {
                    region = region::extend(&lines, r);
                    heads = near(&region);
                    break;
                }
            }
        }
    }
    trim_author_box(&lines, &mut region);
    let start = region.range.start;
    let title = match heads.iter().max_by_key(|&&(h, _)| (lines[h].text.len(), h)) {
        Some(&(h, alone)) if first.has_parts => {
            if alone {
                Some(headline::heading_text(lines[h].text).to_string())
            } else {
                first.title.clone()
            }
        }
        _ => headline::choose(&lines, &first, start),
    };
    let title_norm = title.as_deref().map(headline::norm);
    let mut evidence = match first.index {
        Some(i) if !first.repeats.is_empty() => {
            let n0 = headline::norm(lines[i].text);
            if first
                .repeats
                .iter()
                .any(|&(h, _)| headline::norm(lines[h].text) != n0)
            {
                2
            } else {
                1
            }
        }
        _ => 0,
    };
    let meta = header_meta(&lines, &region);
    evidence += meta.evidence;
    let in_gap = |k: usize| region.gaps.iter().any(|g| g.contains(&k));
    let kept: Vec<usize> = region
        .range
        .clone()
        .filter(|&k| {
            let l = &lines[k];
            // (a paragraph is never the title: only short lines are compared)
            let is_title =
                l.units <= 30 && title_norm.as_deref() == Some(headline::norm(l.text).as_str());
            !(l.class.is_furniture() || in_gap(k) || Some(k) == meta.byline_line || is_title)
        })
        .collect();
    evidence += lines
        .iter()
        .enumerate()
        .filter(|(k, l)| {
            matches!(l.class, Class::Furniture | Class::Section | Class::Notice)
                && kept.binary_search(k).is_err()
        })
        .count();
    if evidence < PAGE_EVIDENCE || kept.is_empty() {
        return None;
    }
    let kept_lines: Vec<usize> = kept.iter().map(|&k| lines[k].no).collect();
    let (body, runs) = build_body(text, &kept_lines);
    let set_aside = set_aside(&lines, &kept_lines);
    let body_line = kept_lines.first().map_or(1, |&n| n + 1);
    Some(Reading {
        title,
        author: meta.author,
        published: meta.published,
        body,
        body_line,
        pasted: Pasted {
            original: text.to_string(),
            set_aside,
            runs,
        },
    })
}

/// An author's box at the end of the article: the author's name alone on a
/// line, followed only by the name again or by a note that starts with it.
/// The article ends before the box (its name still gives the byline).
fn trim_author_box(lines: &[Line<'_>], region: &mut region::Region) {
    const BOX_LINES: usize = 6;
    let (a, b) = (region.range.start, region.range.end);
    for k in b.saturating_sub(BOX_LINES).max(a + 1)..b {
        let Some(name) = byline::is_name_line(lines[k].text) else {
            continue;
        };
        let name = byline::squash(&name);
        let rest = &lines[k + 1..b];
        if !rest.is_empty()
            && rest
                .iter()
                .all(|l| byline::squash(l.text).starts_with(&name) || l.class.is_furniture())
        {
            region.range.end = k;
            region.gaps.retain(|g| g.start < k);
            return;
        }
    }
}

/// What the lines around the article say of it.
#[derive(Debug, Default)]
struct HeaderMeta {
    author: Option<String>,
    published: Option<PartialDate>,
    /// The line of the byline, when it is its own line.
    byline_line: Option<usize>,
    /// Date and byline lines found: evidence of a page.
    evidence: usize,
}

/// The date and byline of the article in `region`: from the lines before
/// it (and the first line of the text), else from the author's note after
/// it.
fn header_meta(lines: &[Line<'_>], region: &region::Region) -> HeaderMeta {
    let (a, b) = (region.range.start, region.range.end);
    let mut near: Vec<usize> = (a.saturating_sub(HEADER_LINES)..a).collect();
    if a > 0 && near.first() != Some(&0) {
        near.insert(0, 0);
    }
    let mut out = HeaderMeta::default();
    // dates: the earliest that is not an update, else the earliest update
    let mut published: Vec<PartialDate> = Vec::new();
    let mut updated: Vec<PartialDate> = Vec::new();
    let mut datelines: Vec<usize> = Vec::new();
    for &k in &near {
        let l = &lines[k];
        let found = dates::find(l.text);
        if found.is_empty() {
            continue;
        }
        let cued = found.iter().any(|f| f.published);
        let sentence = l.ends_sentence && l.units >= 8;
        if (l.units <= 15 && !sentence) || cued {
            out.evidence += 1;
            datelines.push(k);
            for f in found {
                if f.updated {
                    updated.push(f.date);
                } else {
                    published.push(f.date);
                }
            }
        }
    }
    out.published = published.into_iter().min().or(updated.into_iter().min());
    // bylines: an explicit one nearest the article
    // (or "By" alone on its line, the name on the next)
    for &k in near.iter().rev() {
        if lines[k].units > 25 {
            continue;
        }
        let found = byline::explicit(lines[k].text).or_else(|| {
            let next = lines
                .get(k + 1)
                .filter(|_| byline::is_bare_cue(lines[k].text))?;
            byline::is_name_line(next.text)
        });
        if let Some(n) = found {
            out.author = Some(n);
            out.byline_line = Some(k);
            out.evidence += 1;
            break;
        }
    }
    // "…, writes A Writer." in the lines before or the first of the article
    if out.author.is_none() {
        for k in near.iter().copied().chain(a..b.min(a + 3)) {
            if let Some(n) = byline::writes(lines[k].text) {
                out.author = Some(n);
                out.evidence += 1;
                break;
            }
        }
    }
    // a name alone just before a date line (menu labels between skipped)
    if out.author.is_none() {
        'dates: for &d in &datelines {
            for j in (d.saturating_sub(4)..d).rev() {
                if lines[j].class == Class::Furniture {
                    continue;
                }
                if let Some(n) = byline::is_name_line(lines[j].text) {
                    out.author = Some(n);
                    out.byline_line = Some(j);
                    break 'dates;
                }
                break;
            }
        }
    }
    // the author's note: the name alone, then again or with a note; or a
    // note that starts with the name, at the end of the article
    if out.author.is_none() {
        let tail = (b.saturating_sub(4).max(a)..b).chain(b..(b + 10).min(lines.len()));
        for k in tail {
            let t = lines[k].text;
            if let Some(n) = byline::is_name_line(t) {
                let again = (k + 1..(k + 3).min(lines.len()))
                    .any(|j| byline::squash(lines[j].text).starts_with(&byline::squash(&n)));
                if again {
                    out.author = Some(n);
                    break;
                }
            } else if let Some(n) = byline::bio(t) {
                out.author = Some(n);
                break;
            }
        }
    }
    // a credit line under the byline goes with it
    if let (Some(author), Some(k)) = (out.author.as_mut(), out.byline_line) {
        if let Some(c) = lines.get(k + 1).and_then(|l| byline::credit(l.text)) {
            author.push_str(", ");
            author.push_str(&c);
        }
    }
    out
}

/// The body: the kept lines of `text` (line numbers, ascending), the blank
/// lines between consecutive kept lines as they were, and a blank line where
/// lines were set aside between two kept lines. Also where each run of
/// consecutive kept lines starts (body offset, line).
fn build_body(text: &str, kept: &[usize]) -> (String, Vec<(usize, usize)>) {
    let mut body = String::new();
    let mut runs = Vec::new();
    let (Some(&lo), Some(&hi)) = (kept.first(), kept.last()) else {
        return (body, runs);
    };
    let mut next = kept.iter().copied().peekable();
    let mut gap = false;
    let mut in_run = false;
    for (no, line) in text.split('\n').enumerate().skip(lo).take(hi - lo + 1) {
        let is_kept = next.peek() == Some(&no);
        if is_kept {
            next.next();
            if gap && !body.is_empty() && !body.ends_with("\n\n") {
                body.push('\n');
            }
            if !in_run {
                runs.push((body.len(), no));
                in_run = true;
            }
            gap = false;
            body.push_str(line);
            body.push('\n');
        } else if line.trim().is_empty() {
            if !gap {
                body.push('\n');
            }
        } else {
            gap = true;
            in_run = false;
        }
    }
    (body, runs)
}

/// The non-blank lines not kept, as ranges of line numbers.
fn set_aside(lines: &[Line<'_>], kept: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut k = kept.iter().peekable();
    let mut prev: Option<usize> = None;
    for l in lines {
        while k.peek().is_some_and(|&&n| n < l.no) {
            k.next();
        }
        if k.peek() == Some(&&l.no) {
            prev = None;
            continue;
        }
        match (out.last_mut(), prev) {
            (Some(r), Some(p)) if p + 1 == l.no => r.end = l.no + 1,
            _ => out.push(l.no..l.no + 1),
        }
        prev = Some(l.no);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
The Harbour Reopens After the Storm | The Coast Gazette

Home
News
Sport
Weather

The Harbour Reopens After the Storm

By Ann Writer
May 15th, 2013

The harbour reopened on Tuesday after the storm that closed it for a week, the port authority said.

Fishing boats went out at dawn, and the first ferry left at nine, an hour late but full.

Advertisement

\"We lost a week, but not a boat,\" the harbour master said as the last of the nets came in.

Share this story
Facebook
Twitter

Related articles
Storm Closes the Harbour for a Week
Comments
Copyright © 2013 The Coast Gazette. All rights reserved.
";

    #[test]
    fn a_page_gives_its_article_title_byline_and_date() {
        let r = read(PAGE).unwrap();
        assert_eq!(
            r.title.as_deref(),
            Some("The Harbour Reopens After the Storm")
        );
        assert_eq!(r.author.as_deref(), Some("Ann Writer"));
        assert_eq!(
            r.published.map(|d| d.to_string()).as_deref(),
            Some("2013-05-15")
        );
        assert!(
            r.body.starts_with("The harbour reopened on Tuesday"),
            "{}",
            r.body
        );
        assert!(r.body.contains("the harbour master said"));
        for furniture in [
            "Advertisement",
            "Share",
            "Related",
            "Comments",
            "Copyright",
            "Home",
            "By Ann",
        ] {
            assert!(!r.body.contains(furniture), "{furniture} in {}", r.body);
        }
        assert_eq!(r.body_line, 13);
        // nothing is lost: every line is in the body or set aside
        let p = &r.pasted;
        let in_body = r.body.lines().filter(|l| !l.trim().is_empty()).count();
        let all = PAGE.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(in_body + p.set_aside_lines(), all);
        assert_eq!(p.original, PAGE);
    }

    #[test]
    fn body_offsets_map_back_to_lines_of_the_original() {
        let r = read(PAGE).unwrap();
        let at = r.body.find("\"We lost").unwrap();
        let line = r.pasted.original_line(&r.body, at);
        assert!(PAGE.lines().nth(line).unwrap().starts_with("\"We lost"));
        assert_eq!(r.pasted.original_line(&r.body, 0), 12);
    }

    #[test]
    fn a_page_in_german_with_its_byline_on_two_lines() {
        let page = "\
Startseite
Politik
Wirtschaft

Der Hafen ist wieder offen

Von
Anna Schreiber
25. September 2018

Der Hafen wurde am Dienstag nach dem Sturm wieder geöffnet, der ihn eine Woche lang geschlossen hatte.

Die Fischer fuhren im Morgengrauen hinaus, und die erste Fähre legte um neun Uhr ab.

Anzeige

„Wir haben eine Woche verloren, aber kein einziges Boot“, sagte der Hafenmeister am Abend.

Teilen
Drucken
Kommentare
";
        let r = read(page).unwrap();
        assert_eq!(r.title.as_deref(), Some("Der Hafen ist wieder offen"));
        assert_eq!(r.author.as_deref(), Some("Anna Schreiber"));
        assert_eq!(
            r.published.map(|d| d.to_string()).as_deref(),
            Some("2018-09-25")
        );
        assert!(
            r.body.starts_with("Der Hafen wurde am Dienstag"),
            "{}",
            r.body
        );
        assert!(r.body.contains("sagte der Hafenmeister"));
        for furniture in ["Anzeige", "Teilen", "Kommentare", "Startseite"] {
            assert!(!r.body.contains(furniture), "{furniture}");
        }
    }

    #[test]
    fn a_page_in_japanese() {
        let page = "\
ホーム
ニュース

港が再開

先日、嵐のため一週間閉鎖されていた港が、火曜日に再開したと港湾当局が発表した。

漁船は夜明けに出港し、最初のフェリーは一時間遅れで九時に出発したが、満員だった。

関連記事
別の記事の見出し
";
        let r = read(page).unwrap();
        assert!(r.body.starts_with("先日"), "{}", r.body);
        assert!(!r.body.contains("関連記事") && !r.body.contains("ホーム"));
    }

    #[test]
    fn a_clean_article_is_no_page() {
        let clean = "Ad sales boost profit\n\nQuarterly profits at the media giant jumped 76% in the three months to December, the firm said.\n\nIts results were buoyed by one-off gains which offset a dip at its film studio.\n";
        assert_eq!(read(clean), None);
        assert_eq!(read(""), None);
        assert_eq!(read("\n\n  \n"), None);
    }

    #[test]
    fn the_body_keeps_paragraphs_and_marks_gaps() {
        let text = "a\n\nb\nx\nc\n";
        let (body, runs) = build_body(text, &[0, 2, 4]);
        assert_eq!(body, "a\n\nb\n\nc\n");
        assert_eq!(runs, vec![(0, 0), (6, 4)]);
        assert_eq!(build_body(text, &[]), (String::new(), Vec::new()));
    }
}
