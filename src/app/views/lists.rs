//! The short lists: help and the command palette (every action with its
//! keys), the results of a search, the session's messages, and an
//! article's original text.

use super::{article_heading, sentence_text, ListKind, ListView, Row, Target};
use crate::action::Action;
use crate::analysis::links::SentenceRef;
use crate::analysis::Analysis;
use crate::app::search::Results;
use crate::config::Keys;
use crate::corpus::Corpus;

/// This session's messages, newest first, each wrapped to `width` columns
/// (the status line cuts a long one; here it is whole).
pub fn messages(entries: &[String], width: usize) -> ListView {
    let mut rows = Vec::new();
    for (i, m) in entries.iter().enumerate().rev() {
        let text = crate::text::sanitize::clean_line(m);
        for (k, line) in crate::app::wrap::wrap_str(&text, width.max(10))
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 {
                (i + 1).to_string()
            } else {
                String::new()
            };
            rows.push(Row::item(lead, line, Target::None));
        }
    }
    if rows.is_empty() {
        rows.push(Row::header("no message yet this session"));
    }
    ListView::new(
        ListKind::Messages,
        format!("Messages — {} this session, newest first", entries.len()),
        None,
        rows,
    )
}

/// An article's original text, line by line, wrapped to `width`: for a
/// pasted page the lines set aside from the article are marked `·` and the
/// article's own lines lead to their sentence (Enter); other articles show
/// their body.
pub fn original(corpus: &Corpus, analysis: &Analysis, article: usize, width: usize) -> ListView {
    let Some(a) = corpus.articles.get(article) else {
        return ListView::new(
            ListKind::Original(article),
            "Original text".into(),
            None,
            Vec::new(),
        );
    };
    let pasted = a.meta.pasted.as_deref();
    let text = a.original_text();
    // the body line each original line became, to go to its sentence
    let sentences = analysis
        .articles
        .get(article)
        .map_or(&[][..], |x| x.sentences.as_slice());
    let mut line_sentence: std::collections::HashMap<usize, usize> =
        std::collections::HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        line_sentence.entry(a.file_line(s.start)).or_insert(i);
    }
    let first_line = if pasted.is_some() {
        1
    } else {
        a.body_line.max(1)
    };
    let mut rows = Vec::new();
    let mut last_sentence = None;
    for (i, line) in text.lines().enumerate() {
        let set_aside = pasted.is_some_and(|p| p.set_aside.iter().any(|r| r.contains(&i)));
        let file_line = first_line + i;
        if !set_aside {
            if let Some(&s) = line_sentence.get(&file_line) {
                last_sentence = Some(s);
            }
        }
        let target = match (set_aside, last_sentence) {
            (false, Some(s)) => Target::Sentence(SentenceRef {
                article,
                sentence: s,
            }),
            _ => Target::None,
        };
        let mark = if set_aside { "·" } else { "" };
        let clean = crate::text::sanitize::clean_line(line);
        if clean.trim().is_empty() {
            rows.push(Row::item(String::new(), String::new(), Target::None));
            continue;
        }
        for (k, piece) in crate::app::wrap::wrap_str(&clean, width.max(10))
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 {
                mark.to_string()
            } else {
                String::new()
            };
            rows.push(Row::item(lead, piece, target));
        }
    }
    let title = match pasted {
        Some(p) => format!(
            "Original text of {} — {} lines set aside from the article, marked ·",
            super::source_name(corpus, article, 40),
            p.set_aside_lines()
        ),
        None => format!(
            "Original text of {}",
            super::source_name(corpus, article, 40)
        ),
    };
    ListView::new(ListKind::Original(article), title, None, rows)
}

/// Help: every action with its keys in each mode, from the keymaps (only
/// keys the terminal can send: ctrl-i only when it tells it from Tab,
/// `enhanced`), then what the marks and columns on screen mean.
pub fn help(keys: &Keys, enhanced: bool) -> ListView {
    let mut rows: Vec<Row> = Action::ALL
        .iter()
        .map(|&a| {
            let normal = keys.normal.typable_label(a, enhanced);
            let mut row = Row::item(normal.clone(), a.description(), Target::Action(a));
            let mut notes = vec![a.name().to_string()];
            for (mode, label) in [
                ("lists", keys.list.typable_label(a, enhanced)),
                ("compare", keys.compare.typable_label(a, enhanced)),
            ] {
                if !label.is_empty() && label != normal {
                    notes.push(format!("{mode}: {label}"));
                }
            }
            row.note = notes.join(" · ");
            row
        })
        .collect();
    rows.push(Row::header("What the marks mean"));
    rows.extend(
        LEGEND
            .iter()
            .map(|(glyph, meaning)| Row::item(*glyph, *meaning, Target::None)),
    );
    ListView::new(
        ListKind::Help,
        "Help — Enter runs an action, / filters".to_string(),
        None,
        rows,
    )
}

/// The marks and columns the screen shows, and what each means.
pub const LEGEND: &[(&str, &str)] = &[
    (
        "●2",
        "gutter: the sentence has 2 cross-references (●+ more than 9)",
    ),
    ("≠2", "gutter: one of them states the fact differently"),
    ("▍", "gutter: a sentence you highlighted"),
    ("▶", "sources: the article open"),
    ("37%", "sources: how much of the article you have read"),
    ("✓", "sources: read to the end"),
    (
        "⚠",
        "sources: the file opened with problems, shown above its text",
    ),
    ("✗", "sources: a file skipped, the reason under it"),
    (
        "here all",
        "Entities tab: mentions in this article, in all articles",
    ),
    (
        "≠ differ",
        "Links tab: sources that state the fact differently",
    ),
    (
        "= agree",
        "Links tab: sources that share a specific fact with it",
    ),
    (
        "~ relate",
        "Links tab: sources that speak of the same thing",
    ),
    ("· silent", "Links tab: sources that say nothing of it"),
    (
        "≠ = ~",
        "links, compare, timeline: differs, agrees, related",
    ),
    ("▸", "the selected row"),
    (
        "…",
        "text cut to fit (the messages list has each message whole)",
    ),
];

/// The command palette: every action with its keys, filtered as you type.
pub fn palette(keys: &Keys) -> ListView {
    let rows = Action::ALL
        .iter()
        .map(|&a| {
            let mut row = Row::item(keys.normal.label(a), a.description(), Target::Action(a));
            row.note = a.name().to_string();
            row
        })
        .collect();
    ListView::new(
        ListKind::Palette,
        "Command palette — type to filter, Enter runs".to_string(),
        None,
        rows,
    )
}

/// Every match of a search, grouped by article.
pub fn search_results(corpus: &Corpus, analysis: &Analysis, results: Option<&Results>) -> ListView {
    let mut rows = Vec::new();
    let mut article = None;
    let mut last = None;
    let (query, matches) = results.map_or(("", &[][..]), |r| (r.query(), r.matches()));
    for m in matches {
        if article != Some(m.article) {
            article = Some(m.article);
            rows.push(Row::header(article_heading(corpus, m.article)));
        }
        let r = SentenceRef {
            article: m.article,
            sentence: m.sentence,
        };
        // one row per sentence however many matches it holds
        if last == Some(r) {
            continue;
        }
        last = Some(r);
        rows.push(
            Row::item(
                format!("s{}", m.sentence + 1),
                sentence_text(corpus, analysis, r),
                Target::Sentence(r),
            )
            .marked(corpus, analysis, r, (m.start, m.end)),
        );
    }
    ListView::new(
        ListKind::SearchResults,
        format!("Search “{query}” — {} matches", matches.len()),
        None,
        rows,
    )
}
