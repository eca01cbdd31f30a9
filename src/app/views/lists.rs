//! The short lists: help and the command palette (every action with its
//! keys), and the results of a search.

use super::{sentence_text, source_label, ListKind, ListView, Row, Target};
use crate::action::Action;
use crate::analysis::links::SentenceRef;
use crate::analysis::Analysis;
use crate::app::search::Results;
use crate::config::Keys;
use crate::corpus::Corpus;

/// Help: every action with its keys in each mode, from the keymaps.
pub fn help(keys: &Keys) -> ListView {
    let rows = Action::ALL
        .iter()
        .map(|&a| {
            let normal = keys.normal.label(a);
            let mut row = Row::item(normal.clone(), a.description(), Target::Action(a));
            let mut notes = vec![a.name().to_string()];
            for (mode, label) in [
                ("lists", keys.list.label(a)),
                ("compare", keys.compare.label(a)),
            ] {
                if !label.is_empty() && label != normal {
                    notes.push(format!("{mode}: {label}"));
                }
            }
            row.note = notes.join(" · ");
            row
        })
        .collect();
    ListView::new(
        ListKind::Help,
        "Help — Enter runs an action, / filters".to_string(),
        None,
        rows,
    )
}

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
            rows.push(Row::header(format!(
                "{} — {}",
                corpus
                    .articles
                    .get(m.article)
                    .map_or("", |a| a.meta.title.as_str()),
                source_label(corpus, m.article)
            )));
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
        rows.push(Row::item(
            format!("s{}", m.sentence + 1),
            sentence_text(corpus, analysis, r),
            Target::Sentence(r),
        ));
    }
    ListView::new(
        ListKind::SearchResults,
        format!("Search “{query}” — {} matches", matches.len()),
        None,
        rows,
    )
}
