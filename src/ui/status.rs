//! The status line: where the reader is, the message of the moment (or
//! the keys of a sequence being typed), the analysis's progress, and the
//! main keys of the focused pane — or the text being typed (a search, a
//! note). The key hints keep their room: a long message is cut with "…"
//! (the messages list has it whole), and only when it would have almost
//! no room do the last hints give way to it.

use super::panel::gauge;
use super::{pad, truncate};
use crate::app::loading::AnalysisState;
use crate::app::views::View;
use crate::app::App;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// A message keeps at least this many columns, or half the line (or its
/// own width, if shorter), before hints give way to it.
const MESSAGE_MIN: usize = 28;

/// Between the parts of the status line.
const SEP: &str = " │ ";

/// The status line: where you are, the main keys of the focused pane, and
/// the latest message.
pub(super) fn draw_status(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.config.theme;
    let w = usize::from(area.width);
    let text = status_text(app, w);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(pad(&text, w), t.status))),
        area,
    );
}

/// Where the reader is: the article and sentence, or in the compare view
/// the selected pair's sentences.
fn position(app: &App) -> String {
    if let Some(View::Compare(c)) = app.views.last() {
        let row = c.rows.get(c.sel);
        let side = |s: Option<usize>| s.map_or("—".to_string(), |s| format!("s{}", s + 1));
        return format!(
            " compare {}/{} · {} ↔ {} ",
            (c.sel + 1).min(c.rows.len()),
            c.rows.len(),
            side(row.and_then(|r| r.left)),
            side(row.and_then(|r| r.right)),
        );
    }
    let n = app.corpus.articles.len();
    let s = app.sentence_count(app.article);
    format!(
        " article {}/{} · sentence {}/{} ",
        (app.article + 1).min(n),
        n,
        (app.current_sentence() + 1).min(s),
        s
    )
}

/// The status line's text for `w` columns.
pub(super) fn status_text(app: &App, w: usize) -> String {
    let pos = position(app);
    if let Some(edit) = &app.note {
        return format!(
            "{pos}│ note for s{}: {}▏  │  enter keep  esc {}",
            edit.sentence + 1,
            edit.input,
            if edit.new { "no note" } else { "as it was" }
        );
    }
    if app.sources.editing && app.views.is_empty() {
        return format!(
            "{pos}│ sources: /{}▏ {} shown  │  enter keep  esc clear",
            app.sources.filter,
            app.sources_len()
        );
    }
    if let Some(search) = app.search.as_ref().filter(|s| s.editing) {
        let count = if search.input.is_empty() {
            String::new()
        } else if search.waiting {
            "indexing the text for search…".to_string()
        } else {
            search.results.count_label(search.current)
        };
        return format!(
            "{pos}│ /{}▏ {count}  │  enter done  esc cancel",
            search.input
        );
    }
    let mut message: Vec<String> = Vec::new();
    let said = app.status_message();
    if let (AnalysisState::Running(p), _) | (_, AnalysisState::Running(p)) =
        (&app.analysis_state, &app.index_state)
    {
        // the side panel draws the gauge: there a message comes first
        if !app.show_panel {
            message.push(format!("{} {}", gauge(p.fraction(), 10), p.describe()));
        } else if said.is_none() {
            message.push(p.describe());
        }
    }
    if let Some(m) = said {
        message.push(m.into_owned());
    }
    let message = message.join("  │  ");
    let mut hints: Vec<String> = app
        .hints()
        .into_iter()
        .map(|(k, what)| format!("{k} {what}"))
        .collect();
    let room = w.saturating_sub(pos.width() + 2);
    // the message's share: at least MESSAGE_MIN (or all of it) once the
    // hints give way, the last first
    let want = message.width().min(MESSAGE_MIN.max(room / 2));
    let need = |hints: &[String]| {
        let h = hints.join("  ").width();
        if message.is_empty() {
            h
        } else {
            h + SEP.width() + want
        }
    };
    // help and close go last: they are the way out and the way to the rest
    let kept = |h: &String| h.ends_with(" help") || h.ends_with(" close");
    while hints.len() > 1 && need(&hints) > room {
        match hints.iter().rposition(|h| !kept(h)) {
            Some(i) => hints.remove(i),
            None => hints.remove(hints.len() - 1),
        };
    }
    let hints = hints.join("  ");
    if message.is_empty() {
        return format!("{pos}│ {}", truncate(&hints, room));
    }
    let left = room.saturating_sub(hints.width() + SEP.width());
    if left < want.min(8) {
        // no room for both: the message, cut
        return format!("{pos}│ {}", truncate(&message, room));
    }
    let message = truncate(&message, left);
    let gap = left.saturating_sub(message.width());
    format!("{pos}│ {message}{}{SEP}{hints}", " ".repeat(gap))
}
