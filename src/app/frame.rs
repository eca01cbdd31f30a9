//! What the last frame measured: where each pane was, how much of the
//! article and of the lists it showed, and from which line. Drawing does
//! not write it: `ui::layout` computes it from the app and the terminal's
//! size, and the event loop (or a test's driver) hands it to the app with
//! [`App::set_frame`] before the next keys, which read it for page sizes,
//! scrolling and mouse clicks.

use super::views::View;
use super::App;
use ratatui::layout::{Position, Rect};

/// One frame's measurements. Areas are inner areas (without borders) and
/// empty for a pane the frame did not draw, so that it takes no click; a
/// pane not drawn keeps its last scroll position and size, for when it
/// shows again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameMetrics {
    /// The whole terminal.
    pub area: Rect,
    /// The sources list.
    pub sources: Rect,
    /// For each line of the sources list shown, the article it belongs to
    /// (`None` for a skipped file's lines).
    pub source_rows: Vec<Option<usize>>,
    /// The article pane, gutter included.
    pub article: Rect,
    /// Width and height of the article's text: the width it is wrapped to
    /// and the lines a page holds (0 × 0 before any frame showed it).
    pub text_size: (u16, u16),
    /// The first wrapped line of the article shown.
    pub article_top: usize,
    /// Whether `article_top` was set by paging and is kept as it is (the
    /// cursor followed the page); any other move of the cursor lets the
    /// layout scroll again to keep the current sentence in view.
    pub article_pinned: bool,
    /// The side panel.
    pub panel: Rect,
    /// The first line of the side panel shown.
    pub panel_top: usize,
    /// For each line of the side panel shown, the row of the tab it
    /// belongs to.
    pub panel_rows: Vec<Option<usize>>,
    /// The rows of a full-screen list (empty for the compare view, whose
    /// rows take no click).
    pub list: Rect,
    /// How many lines the rows of the list or compare view on top had: a
    /// page of it.
    pub list_height: u16,
    /// The first row shown of the view on top (a position among the rows
    /// a list's filter lets through).
    pub list_top: usize,
}

impl FrameMetrics {
    /// Whether the frame showed the article's text (so it knows a page).
    pub fn measured_text(&self) -> bool {
        self.text_size.0 > 0 && self.text_size.1 > 0
    }

    /// The article whose line of the sources list is at `at`, if any.
    pub fn source_at(&self, at: Position) -> Option<usize> {
        if !self.sources.contains(at) {
            return None;
        }
        let line = usize::from(at.y - self.sources.y);
        self.source_rows.get(line).copied().flatten()
    }

    /// The row of the side panel's tab whose line is at `at`, if any.
    pub fn panel_row_at(&self, at: Position) -> Option<usize> {
        if !self.panel.contains(at) {
            return None;
        }
        let line = usize::from(at.y - self.panel.y);
        self.panel_rows.get(line).copied().flatten()
    }
}

impl App {
    /// What the last frame measured.
    pub fn frame(&self) -> &FrameMetrics {
        &self.frame
    }

    /// Takes what the frame being shown measured (from `ui::layout`), for
    /// the keys and clicks that follow it; the view on top keeps its
    /// scroll position for when it is on top again.
    pub fn set_frame(&mut self, metrics: FrameMetrics) {
        match self.views.last_mut() {
            Some(View::List(l)) => l.top = metrics.list_top,
            Some(View::Compare(c)) => c.top = metrics.list_top,
            None => {}
        }
        self.frame = metrics;
        // the status line of this frame: a new message is logged and timed
        self.messages
            .shown(self.status.as_deref(), std::time::Instant::now());
    }

    /// The next frame shows the article from its first line (another
    /// article was opened).
    pub(super) fn scroll_article_to_top(&mut self) {
        self.frame.article_top = 0;
        self.frame.article_pinned = false;
    }

    /// The next frame shows the article from line `top`, as it is: a page
    /// moved the view and the cursor followed.
    pub(super) fn pin_article_top(&mut self, top: usize) {
        self.frame.article_top = top;
        self.frame.article_pinned = true;
    }

    /// The next frame shows the side panel from its first line.
    pub(super) fn scroll_panel_to_top(&mut self) {
        self.frame.panel_top = 0;
    }
}
