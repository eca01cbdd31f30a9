//! Fuzzy filtering for the command palette and the filterable help: the
//! user types a few letters and the actions whose name, description or key
//! best contain them, in order, come first.
//!
//! A small subsequence scorer in the manner of fzf's: every query character
//! must appear in order; matches at the start of a word, and runs of
//! consecutive characters, score more; gaps cost a little. The lists are a
//! few dozen short lines, so an exact dynamic programme over all alignments
//! costs nothing and needs no dependency (nucleo or fuzzy-matcher would be
//! the choice for thousands of long candidates).

/// One entry of the palette or of the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item<'a> {
    /// The action's name, e.g. `next_article`.
    pub name: &'a str,
    /// Its one-line description.
    pub description: &'a str,
    /// The keys bound to it, as shown, e.g. `J, ]`.
    pub keys: &'a str,
}

/// An item that passed the filter, with its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the item in the list given to [`filter`].
    pub index: usize,
    /// The item's score.
    pub score: i32,
}

/// A pattern found in a candidate: the score of the best alignment and the
/// byte offsets of the matched characters in the candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyMatch {
    /// Higher is better.
    pub score: i32,
    /// Byte offsets of the matched characters, increasing.
    pub positions: Vec<usize>,
}

const SCORE_MATCH: i32 = 16;
const BONUS_START: i32 = 10;
const BONUS_BOUNDARY: i32 = 8;
const BONUS_CAMEL: i32 = 7;
const BONUS_CONSECUTIVE: i32 = 5;
const PENALTY_GAP_START: i32 = 3;
const PENALTY_GAP_EXTEND: i32 = 1;
/// The name says what an action is; a hit there counts more.
const WEIGHT_NAME: i32 = 2;

/// Filters `items` by `query` and sorts them, best first; items with equal
/// scores keep their order. An empty query keeps every item in order.
///
/// The query is split at whitespace; every word must match (as a
/// subsequence) the name, the description or the keys of an item, and the
/// item scores the sum of each word's best field. Case is ignored unless the
/// query has a capital letter.
pub fn filter(query: &str, items: &[Item<'_>]) -> Vec<Hit> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut hits: Vec<Hit> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let mut score = 0;
            for word in &words {
                let name = fuzzy_match(word, item.name).map(|m| m.score * WEIGHT_NAME);
                let description = fuzzy_match(word, item.description).map(|m| m.score);
                let keys = fuzzy_match(word, item.keys).map(|m| m.score);
                score += [name, description, keys].into_iter().flatten().max()?;
            }
            Some(Hit { index, score })
        })
        .collect();
    // sort_by_key is stable: ties keep the items' order
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}

/// The byte offsets in `text` to highlight for `query`: the matched
/// characters of every query word that matches `text`, sorted, no repeats.
pub fn highlights(query: &str, text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = query
        .split_whitespace()
        .filter_map(|w| fuzzy_match(w, text))
        .flat_map(|m| m.positions)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Scores `pattern` as a subsequence of `candidate`, case-insensitively
/// unless the pattern has a capital; `None` when it is not a subsequence.
/// An empty pattern matches with score 0.
pub fn fuzzy_match(pattern: &str, candidate: &str) -> Option<FuzzyMatch> {
    let ignore_case = !pattern.chars().any(char::is_uppercase);
    let fold = |c: char| {
        if ignore_case {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    let pat: Vec<char> = pattern.chars().map(fold).collect();
    if pat.is_empty() {
        return Some(FuzzyMatch {
            score: 0,
            positions: Vec::new(),
        });
    }
    let cand: Vec<(usize, char)> = candidate.char_indices().collect();
    let folded: Vec<char> = cand.iter().map(|&(_, c)| fold(c)).collect();
    // cheap rejection before the quadratic part
    let mut it = folded.iter();
    if !pat.iter().all(|p| it.any(|c| c == p)) {
        return None;
    }
    let bonus: Vec<i32> = (0..cand.len())
        .map(|j| char_bonus(j.checked_sub(1).map(|k| cand[k].1), cand[j].1))
        .collect();

    let (n, m) = (pat.len(), cand.len());
    const NONE: i32 = i32::MIN / 2;
    // score[i][j]: best score with pat[..=i] matched and pat[i] at cand[j];
    // from[i][j]: where pat[i-1] was then matched
    let mut score = vec![NONE; n * m];
    let mut from = vec![usize::MAX; n * m];
    // the bonus of the run a match continues: a run that starts a word
    // keeps the word-start bonus on every character (as fzf does)
    let mut carried = vec![0; n * m];
    for i in 0..n {
        // best predecessor ending at k <= j - 2, with the gap cost so far
        let mut gap_best = NONE;
        let mut gap_at = usize::MAX;
        for j in 0..m {
            if i > 0 && j >= 2 {
                let prev = score[(i - 1) * m + j - 2];
                let extended = gap_best.saturating_sub(PENALTY_GAP_EXTEND);
                if prev > NONE && prev - PENALTY_GAP_START >= extended {
                    gap_best = prev - PENALTY_GAP_START;
                    gap_at = j - 2;
                } else {
                    gap_best = extended;
                }
            }
            if folded[j] != pat[i] {
                continue;
            }
            let at = i * m + j;
            if i == 0 {
                score[at] = SCORE_MATCH + 2 * bonus[j];
                carried[at] = bonus[j];
                continue;
            }
            let gap = (gap_at != usize::MAX && gap_best > NONE / 2).then_some((
                gap_best + SCORE_MATCH + bonus[j],
                gap_at,
                bonus[j],
            ));
            let consecutive = (j >= 1 && score[at - m - 1] > NONE).then(|| {
                let run = bonus[j].max(carried[at - m - 1]).max(BONUS_CONSECUTIVE);
                (score[at - m - 1] + SCORE_MATCH + run, j - 1, run)
            });
            let best = match (consecutive, gap) {
                (Some(c), Some(g)) => Some(if c.0 >= g.0 { c } else { g }),
                (c, g) => c.or(g),
            };
            if let Some((s, k, b)) = best {
                score[at] = s;
                from[at] = k;
                carried[at] = b;
            }
        }
    }
    let last = (n - 1) * m;
    let (end, best) = (0..m)
        .map(|j| (j, score[last + j]))
        .filter(|&(_, s)| s > NONE / 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
    let mut positions = vec![0; n];
    let mut j = end;
    for i in (0..n).rev() {
        positions[i] = cand[j].0;
        if i > 0 {
            j = from[i * m + j];
        }
    }
    Some(FuzzyMatch {
        score: best,
        positions,
    })
}

/// How much a match at this character is worth beyond the base score.
fn char_bonus(prev: Option<char>, c: char) -> i32 {
    match prev {
        None => BONUS_START,
        Some(p) if !p.is_alphanumeric() && c.is_alphanumeric() => BONUS_BOUNDARY,
        Some(p) if p.is_lowercase() && c.is_uppercase() => BONUS_CAMEL,
        Some(p) if !p.is_ascii_digit() && c.is_ascii_digit() => BONUS_CAMEL,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item<'a>(name: &'a str, description: &'a str, keys: &'a str) -> Item<'a> {
        Item {
            name,
            description,
            keys,
        }
    }

    fn names(query: &str, items: &[Item<'_>]) -> Vec<String> {
        filter(query, items)
            .into_iter()
            .map(|h| items[h.index].name.to_owned())
            .collect()
    }

    #[test]
    fn a_subsequence_matches_and_reports_positions() {
        let m = fuzzy_match("nxa", "next_article").unwrap();
        assert_eq!(m.positions, vec![0, 2, 5]);
        assert!(fuzzy_match("xn", "next_article").is_none());
        assert!(fuzzy_match("", "anything").is_some());
        assert!(fuzzy_match("a", "").is_none());
    }

    #[test]
    fn word_starts_beat_letters_inside_words() {
        // "na": n + a of "article" (word start) rather than the a later on
        let m = fuzzy_match("na", "next_article").unwrap();
        assert_eq!(m.positions, vec![0, 5]);
        let start = fuzzy_match("sp", "search_prev").unwrap().score;
        let inside = fuzzy_match("sp", "whisper").unwrap().score;
        assert!(start > inside, "{start} <= {inside}");
    }

    #[test]
    fn consecutive_runs_beat_scattered_letters() {
        let run = fuzzy_match("link", "next_linked").unwrap().score;
        let scattered = fuzzy_match("link", "lo_i_n_k").unwrap().score;
        assert!(run > scattered, "{run} <= {scattered}");
        // the best alignment is found even when a greedy one is worse
        let m = fuzzy_match("ab", "xaxxab").unwrap();
        assert_eq!(m.positions, vec![4, 5]);
    }

    #[test]
    fn smart_case() {
        assert!(fuzzy_match("ctrl", "Ctrl-f").is_some());
        assert!(fuzzy_match("Ctrl", "ctrl-f").is_none());
        assert!(fuzzy_match("Ctrl", "Ctrl-f").is_some());
    }

    #[test]
    fn positions_are_byte_offsets_in_unicode_text() {
        let m = fuzzy_match("éd", "café d'été").unwrap();
        let text = "café d'été";
        let got: String = m
            .positions
            .iter()
            .map(|&p| text[p..].chars().next().unwrap())
            .collect();
        assert_eq!(got, "éd");
    }

    #[test]
    fn filter_ranks_names_first_and_keeps_ties_in_order() {
        let items = [
            item("scroll_down", "Scroll down a line", "j"),
            item("search", "Search all articles", "/"),
            item("next_article", "Open the next article", "J"),
            item("prev_article", "Open the previous article", "K"),
            item("quit", "Quit the reader", "q"),
        ];
        assert_eq!(names("art", &items)[..2], ["next_article", "prev_article"]);
        assert_eq!(names("search", &items)[0], "search");
        assert_eq!(names("", &items).len(), items.len());
        assert_eq!(names("", &items)[0], "scroll_down");
        // description-only matches still count
        assert_eq!(names("reader", &items), vec!["quit"]);
        // every word must match
        assert_eq!(names("open prev", &items), vec!["prev_article"]);
        assert!(names("zzz", &items).is_empty());
        // ties are stable: same fields, same score
        let same = [item("a", "x", ""), item("a", "x", ""), item("a", "x", "")];
        let order: Vec<usize> = filter("a", &same).iter().map(|h| h.index).collect();
        assert_eq!(order, vec![0, 1, 2]);
    }

    #[test]
    fn filter_finds_actions_by_their_key() {
        let items = [
            item("help", "Show the keys", "? F1"),
            item("palette", "Run an action by name", ":"),
        ];
        assert_eq!(names("F1", &items), vec!["help"]);
        assert_eq!(names(":", &items), vec!["palette"]);
    }

    #[test]
    fn filter_works_on_the_real_actions() {
        use crate::action::Action;
        let items: Vec<Item<'_>> = Action::ALL
            .iter()
            .map(|a| item(a.name(), a.description(), ""))
            .collect();
        let top = names("nxtart", &items);
        assert_eq!(top.first().map(String::as_str), Some("next_article"));
        for a in Action::ALL {
            let hits = filter(a.name(), &items);
            assert_eq!(
                items[hits[0].index].name,
                a.name(),
                "typing the whole name puts it first"
            );
        }
    }

    #[test]
    fn highlights_merge_every_word() {
        let h = highlights("nx art", "next_article");
        assert_eq!(h, vec![0, 2, 5, 6, 7]);
        assert!(highlights("zz", "next").is_empty());
    }

    proptest! {
        #[test]
        fn positions_spell_the_pattern(cand in "\\PC{0,30}", picks in proptest::collection::vec(any::<bool>(), 30)) {
            // a subsequence of the candidate always matches, and its
            // positions spell it, in order
            let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
            let pat: String = cand.chars().zip(&picks).filter(|(_, &p)| p).map(|(c, _)| fold(c)).collect();
            prop_assume!(!pat.chars().any(char::is_uppercase));
            let m = fuzzy_match(&pat, &cand);
            prop_assert!(m.is_some(), "{:?} not found in {:?}", pat, cand);
            let m = m.unwrap();
            prop_assert!(m.positions.windows(2).all(|w| w[0] < w[1]));
            let spelled: String = m.positions.iter()
                .map(|&p| fold(cand[p..].chars().next().unwrap()))
                .collect();
            prop_assert_eq!(spelled, pat);
        }
    }
}
