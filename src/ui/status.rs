//! The status line: where the reader is, the message of the moment (or
//! the keys of a sequence being typed), the analysis's progress, and the
//! main keys of the focused pane — or the search being typed.

use super::pad;
use super::panel::gauge;
use crate::app::loading::AnalysisState;
use crate::app::App;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The status line: where you are, the main keys of the focused pane, and
/// the latest message.
pub(super) fn draw_status(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.config.theme;
    let n = app.corpus.articles.len();
    let s = app.sentence_count(app.article);
    let pos = format!(
        " article {}/{} · sentence {}/{} ",
        (app.article + 1).min(n),
        n,
        (app.current_sentence() + 1).min(s),
        s
    );
    let hints: Vec<String> = app
        .hints()
        .into_iter()
        .map(|(k, what)| format!("{k} {what}"))
        .collect();
    let mut right = hints.join("  ");
    if let Some(m) = app.status_message() {
        right = format!("{m}  │  {right}");
    }
    if let (AnalysisState::Running(p), _) | (_, AnalysisState::Running(p)) =
        (&app.analysis_state, &app.index_state)
    {
        right = format!("{} {}  │  {right}", gauge(p.fraction(), 10), p.describe());
    }
    if let Some(search) = app.search.as_ref().filter(|s| s.editing) {
        let count = if search.input.is_empty() {
            String::new()
        } else {
            search.results.count_label(search.current)
        };
        right = format!("/{}▏ {count}  │  enter done  esc cancel", search.input);
    }
    let w = usize::from(area.width);
    let text = pad(&format!("{pos}│ {right}"), w);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, t.status))),
        area,
    );
}
