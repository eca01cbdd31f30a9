//! Drawing the reader's state with ratatui: a pure function of [`App`]
//! (plus the scroll positions drawing keeps in it). Only what is visible is
//! styled; wrapping comes from the app's per-(article, width) cache.

mod lists;
mod reader;

use crate::app::views::View;
use crate::app::App;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The smallest terminal the reader draws in.
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Draws the whole reader into a frame.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    // panes not drawn this frame take no clicks
    app.areas.set(crate::app::Areas::default());
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let msg = format!("terminal too small ({}x{})", area.width, area.height);
        let y = area.y + area.height / 2;
        let line = Rect::new(area.x, y, area.width, 1.min(area.height));
        frame.render_widget(
            Paragraph::new(msg).centered().style(app.config.theme.title),
            line,
        );
        return;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match app.views.last() {
        Some(View::List(l)) => lists::draw_list(frame, app, l, main),
        Some(View::Compare(c)) => lists::draw_compare(frame, app, c, main),
        None => reader::draw_reader(frame, app, main),
    }
    reader::draw_status(frame, app, status);
}

/// Cuts a string to at most `width` columns, with "…" when cut.
pub(crate) fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
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
