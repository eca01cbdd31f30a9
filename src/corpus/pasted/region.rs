//! The run of lines that is the article: the stretch of the page whose lines
//! add up to the most prose (each line scores by its class: a paragraph its
//! length in words, a menu link or a button a little below zero, a notice
//! much below), which never crosses the heading of another part of the page
//! (related stories, comments). The article then grows across such a break
//! when what follows it is dense prose again (a "Related" box inside the
//! article), never when it is thin (comments, lists of links).

use super::lines::{Class, Line};
use std::ops::Range;

/// The article's lines (indices into the measured lines), and the lines
/// inside that range that were crossed over (a box of related links) and
/// are not part of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Region {
    /// The range of lines.
    pub range: Range<usize>,
    /// Lines inside `range` that belong to a box the article was extended
    /// across.
    pub gaps: Vec<Range<usize>>,
    /// The sum of the scores of its lines.
    pub score: f32,
}

/// At most this many lines in the gap an article is extended across.
const MAX_GAP: usize = 6;

/// What the text beyond a gap must score (about two paragraphs) for the
/// article to grow across the gap.
const MIN_EXTENSION: f32 = 40.0;

/// The best-scoring run of lines in `lines[range]`, not crossing a section
/// heading; `None` when nothing scores above zero.
pub fn best(lines: &[Line<'_>], range: Range<usize>) -> Option<Region> {
    let end = range.end.min(lines.len());
    let mut best: Option<Region> = None;
    let mut cur = 0.0f32;
    let mut start = range.start;
    for (k, l) in lines.iter().enumerate().take(end).skip(range.start) {
        if l.class == Class::Section {
            cur = 0.0;
            start = k + 1;
            continue;
        }
        if cur <= 0.0 {
            cur = 0.0;
            start = k;
        }
        cur += l.score;
        if cur > 0.0 && best.as_ref().is_none_or(|b| cur > b.score) {
            best = Some(Region {
                range: start..k + 1,
                gaps: Vec::new(),
                score: cur,
            });
        }
    }
    best
}

/// The best run that starts within `window` lines after `after` (the
/// article that follows its headline), not crossing a section heading.
pub fn after_headline(lines: &[Line<'_>], after: usize, window: usize) -> Option<Region> {
    let mut best: Option<Region> = None;
    // the prefix sums from each allowed start, in one pass per start; the
    // pass stops at the next section heading and after a bounded stretch
    const MAX_SCAN: usize = 20_000;
    for st in after + 1..(after + 1 + window).min(lines.len()) {
        if lines[st].class == Class::Section {
            break;
        }
        let mut cur = 0.0f32;
        for (j, l) in lines.iter().enumerate().skip(st).take(MAX_SCAN) {
            if l.class == Class::Section {
                break;
            }
            cur += l.score;
            if best.as_ref().is_none_or(|b| cur > b.score) {
                best = Some(Region {
                    range: st..j + 1,
                    gaps: Vec::new(),
                    score: cur,
                });
            }
        }
    }
    best
}

/// The share of lines in `lines[range]` that read as text.
fn texty_share(lines: &[Line<'_>], range: Range<usize>) -> f32 {
    let n = range.len();
    if n == 0 {
        return 0.0;
    }
    let texty = lines
        .get(range)
        .unwrap_or(&[])
        .iter()
        .filter(|l| l.class.is_texty())
        .count();
    texty as f32 / n as f32
}

/// Grows the article across short gaps, forwards then backwards, while what
/// lies beyond is dense prose (at least half of its lines read as text, and
/// it scores at least [`MIN_EXTENSION`]).
pub fn extend(lines: &[Line<'_>], mut region: Region) -> Region {
    const MAX_STEPS: usize = 64;
    const MAX_SCAN: usize = 20_000;
    let is_good = |k: usize| lines.get(k).is_some_and(|l| l.class == Class::Good);
    for _ in 0..MAX_STEPS {
        let b = region.range.end;
        let Some(k) = (b..(b + MAX_GAP + 1).min(lines.len())).find(|&k| is_good(k)) else {
            break;
        };
        let crossed = (b..k).any(|j| lines[j].class == Class::Section);
        if k == b && !crossed {
            break;
        }
        // the best stretch from k up to the next section heading
        let mut cur = 0.0f32;
        let mut best: Option<(usize, f32)> = None;
        for (j, l) in lines.iter().enumerate().skip(k).take(MAX_SCAN) {
            if l.class == Class::Section {
                break;
            }
            cur += l.score;
            if best.is_none_or(|(_, s)| cur > s) {
                best = Some((j + 1, cur));
            }
        }
        match best {
            Some((e, s)) if s >= MIN_EXTENSION && texty_share(lines, k..e) >= 0.5 => {
                if k > b {
                    region.gaps.push(b..k);
                }
                region.range.end = e;
                region.score += s;
            }
            _ => break,
        }
    }
    for _ in 0..MAX_STEPS {
        let a = region.range.start;
        let Some(k) = (a.saturating_sub(MAX_GAP + 1)..a)
            .rev()
            .find(|&k| is_good(k))
        else {
            break;
        };
        let mut cur = 0.0f32;
        let mut best: Option<(usize, f32)> = None;
        for j in (k.saturating_sub(MAX_SCAN)..=k).rev() {
            let l = &lines[j];
            if l.class == Class::Section {
                break;
            }
            cur += l.score;
            if best.is_none_or(|(_, s)| cur > s) {
                best = Some((j, cur));
            }
        }
        match best {
            Some((st, s)) if s >= MIN_EXTENSION && texty_share(lines, st..k + 1) >= 0.5 => {
                if k + 1 < a {
                    region.gaps.push(k + 1..a);
                }
                region.range.start = st;
                region.score += s;
            }
            _ => break,
        }
    }
    region
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::pasted::lines::measure;

    const PROSE: &str =
        "This is a line of prose that runs on, as the lines of an article do, with words.";

    #[test]
    fn the_article_is_the_run_of_prose_between_menus() {
        let text =
            format!("Home\nWorld\nBusiness\n\n{PROSE}\n\n{PROSE}\n\nShare\nTwitter\nFacebook\n");
        let lines = measure(&text);
        let r = best(&lines, 0..lines.len()).unwrap();
        assert_eq!(r.range, 3..5);
    }

    #[test]
    fn a_section_heading_is_not_crossed_unless_prose_follows() {
        let text = format!(
            "{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nRelated articles\n\nAnother Story Entirely Told Elsewhere\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nComments\n\nann\n3 days ago\nGreat!\n\nbob\n2 days ago\nNot great, but fine.\n"
        );
        let lines = measure(&text);
        let r = best(&lines, 0..lines.len()).unwrap();
        assert_eq!(r.range, 0..3);
        let r = extend(&lines, r);
        assert_eq!(r.range, 0..8);
        assert_eq!(r.gaps, vec![3..5]);
    }

    #[test]
    fn the_article_after_its_headline() {
        let text = format!("Headline\n\n{PROSE}\n\nComments\n\n{PROSE} {PROSE} {PROSE}\n");
        let lines = measure(&text);
        let r = after_headline(&lines, 0, 15).unwrap();
        assert_eq!(r.range, 1..2);
        assert!(best(&[], 0..0).is_none());
        assert!(after_headline(&lines, 10, 15).is_none());
    }
}
