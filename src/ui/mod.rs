//! Drawing the reader's state with ratatui. Drawing is a function of the
//! app: [`layout`] measures a frame (where each pane goes, which lines of
//! the article and of the lists show), and the draw functions paint what it
//! measured, taking `&App` and changing nothing. The event loop keeps the
//! measurements in the app ([`render`]) for the keys and clicks that follow.
//! Only what is visible is styled; wrapping comes from the app's
//! per-(article, width) cache.

mod layout;
mod lists;
mod panel;
mod reader;
mod status;

pub use layout::layout;

use crate::app::views::View;
use crate::app::{App, FrameMetrics};
pub(crate) use crate::text::truncate;
use ratatui::backend::Backend;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::{Frame, Terminal};
use unicode_width::UnicodeWidthStr;

/// The smallest terminal the reader draws in.
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Draws the whole reader into a frame, as [`layout`] measures it.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let metrics = layout(app, frame.area());
    draw_measured(frame, app, &metrics);
}

/// Draws a frame on a terminal and gives the app what it measured (see
/// [`crate::app::App::set_frame`]): the event loop's way to draw, and a
/// test driver's.
pub fn render<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> Result<(), B::Error> {
    let mut measured = None;
    let shown: &App = app;
    terminal.draw(|frame| {
        let metrics = layout(shown, frame.area());
        draw_measured(frame, shown, &metrics);
        measured = Some(metrics);
    })?;
    if let Some(metrics) = measured {
        app.set_frame(metrics);
    }
    Ok(())
}

/// Draws the reader into a frame whose measurements are `metrics`.
fn draw_measured(frame: &mut Frame<'_>, app: &App, metrics: &FrameMetrics) {
    let area = frame.area();
    if layout::too_small(area) {
        let msg = format!("terminal too small ({}x{})", area.width, area.height);
        let y = area.y + area.height / 2;
        let line = Rect::new(area.x, y, area.width, 1.min(area.height));
        frame.render_widget(
            Paragraph::new(msg).centered().style(app.config.theme.title),
            line,
        );
        return;
    }
    let (main, status) = layout::main_and_status(area);
    match app.views.last() {
        Some(View::List(l)) => lists::draw_list(frame, app, l, main, metrics),
        Some(View::Compare(c)) => lists::draw_compare(frame, app, c, main, metrics),
        None => reader::draw_reader(frame, app, main, metrics),
    }
    status::draw_status(frame, app, status);
}

/// Pads (or cuts) a string to exactly `width` columns.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w = t.width();
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// A line of one styled span.
pub(crate) fn line(s: impl Into<String>, style: Style) -> Line<'static> {
    Line::from(Span::styled(s.into(), style))
}

/// Adjusts a scroll offset so that rows `first..=last` show in `height` rows.
pub(crate) fn keep_visible(top: usize, first: usize, last: usize, height: usize) -> usize {
    let height = height.max(1);
    if first < top {
        first
    } else if last >= top + height {
        // show the whole item when it fits, else its start
        if last - first < height {
            last + 1 - height
        } else {
            first
        }
    } else {
        top
    }
}
