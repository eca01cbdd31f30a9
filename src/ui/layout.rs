//! Where everything goes in a frame, computed in one place: the panes of
//! the reader for the terminal's width, the areas of the lists and of the
//! compare view, and which lines of each show. [`layout`] is a pure
//! function of the app and the terminal's size; the draw functions read
//! the same geometry from here and the scroll positions from what it
//! measured, so a frame is drawn exactly as it was measured.

use super::{keep_visible, lists, panel, MIN_SIZE};
use crate::app::views::{CompareView, ListView, View};
use crate::app::{App, FrameMetrics};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

/// Columns of the gutter left of the article's text.
pub(super) const GUTTER: u16 = 3;

/// The article keeps at least this many columns before the sources list
/// and the side panel, in a wide layout, give up theirs.
const ARTICLE_MIN: u16 = 64;

/// The sources list and the side panel do not shrink below these many
/// columns to make room (the panel's rows hold a name and two counts).
const SOURCES_MIN: u16 = 26;
const PANEL_MIN: u16 = 30;

/// Below this many columns the sources list gives way to the article,
/// unless it has the focus.
pub(super) const SOURCES_GIVE_WAY: u16 = 60;

/// Measures the frame the app would draw in `area`: the areas of the panes
/// drawn (empty for the others), and the first line of the article, of the
/// side panel and of the view on top that keep what is selected in view,
/// scrolling from where the last frame was ([`App::frame`]). A pane not
/// drawn keeps its scroll position and size.
pub fn layout(app: &App, area: Rect) -> FrameMetrics {
    let last = app.frame();
    let mut m = FrameMetrics {
        text_size: last.text_size,
        article_top: last.article_top,
        article_pinned: last.article_pinned,
        panel_top: last.panel_top,
        list_height: last.list_height,
        list_top: match app.views.last() {
            Some(View::List(l)) => l.top,
            Some(View::Compare(c)) => c.top,
            None => 0,
        },
        area,
        ..FrameMetrics::default()
    };
    if too_small(area) {
        return m;
    }
    let (main, _) = main_and_status(area);
    match app.views.last() {
        Some(View::List(l)) => measure_list(&mut m, l, main),
        Some(View::Compare(c)) => measure_compare(&mut m, app, c, main),
        None => measure_reader(&mut m, app, main),
    }
    m
}

/// Whether the terminal is too small to draw the reader in.
pub(super) fn too_small(area: Rect) -> bool {
    area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1
}

/// The main area and the status line below it.
pub(super) fn main_and_status(area: Rect) -> (Rect, Rect) {
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    (main, status)
}

/// The inside of a pane drawn with a border.
pub(super) fn inner(area: Rect) -> Rect {
    Block::bordered().inner(area)
}

/// The widths of the sources list and the side panel (0 when not shown) in
/// a wide layout of `total` columns: as configured while the article keeps
/// [`ARTICLE_MIN`] columns; beyond that both shrink in proportion, down to
/// [`SOURCES_MIN`] and [`PANEL_MIN`], before the article does.
fn side_widths(total: u16, sources: u16, panel: u16) -> (u16, u16) {
    let room = total.saturating_sub(ARTICLE_MIN);
    let want = sources + panel;
    if want <= room || want == 0 {
        return (sources, panel);
    }
    let share = |w: u16, floor: u16| {
        let scaled = u32::from(w) * u32::from(room) / u32::from(want);
        u16::try_from(scaled).unwrap_or(w).max(floor.min(w))
    };
    (share(sources, SOURCES_MIN), share(panel, PANEL_MIN))
}

/// The reader's panes (with their borders).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Panes {
    /// The sources list, when shown.
    pub sources: Option<Rect>,
    /// The article.
    pub article: Rect,
    /// The side panel, when shown: beside the article, or under it in a
    /// narrow terminal.
    pub panel: Option<Rect>,
}

/// Sources, article and panel in the layout the width allows.
pub(super) fn reader_panes(app: &App, area: Rect) -> Panes {
    let layout = &app.config.layout;
    let narrow = area.width < layout.narrow_width;
    let show_sources = app.show_sources
        && (area.width >= SOURCES_GIVE_WAY || app.focus == crate::app::Focus::Sources);
    let (sources_width, panel_width) = side_widths(
        area.width,
        if show_sources {
            layout.sources_width
        } else {
            0
        },
        if app.show_panel && !narrow {
            layout.panel_width
        } else {
            0
        },
    );
    let mut rest = area;
    let mut sources = None;
    if show_sources {
        let want = if narrow {
            layout.sources_width.min(area.width * 3 / 10)
        } else {
            sources_width
        };
        let w = want.min(area.width.saturating_sub(24)).max(12);
        let [s, r] = Layout::horizontal([Constraint::Length(w), Constraint::Min(1)]).areas(area);
        sources = Some(s);
        rest = r;
    }
    if !app.show_panel {
        return Panes {
            sources,
            article: rest,
            panel: None,
        };
    }
    let [article, panel] = if narrow {
        let ph = (rest.height * 2 / 5).max(5);
        Layout::vertical([Constraint::Min(3), Constraint::Length(ph)]).areas(rest)
    } else {
        let pw = panel_width.min(rest.width / 2);
        Layout::horizontal([Constraint::Min(20), Constraint::Length(pw)]).areas(rest)
    };
    Panes {
        sources,
        article,
        panel: Some(panel),
    }
}

/// The part of the article pane's inside that holds the gutter and the
/// text: all of it, or in a wide pane a column of `layout.text_width`
/// (plus the gutter) centred in it.
pub(super) fn text_area(app: &App, inside: Rect) -> Rect {
    let want = app.config.layout.text_width.saturating_add(GUTTER);
    if inside.width <= want {
        return inside;
    }
    let x = inside.x + (inside.width - want) / 2;
    Rect::new(x, inside.y, want, inside.height)
}

/// The lines each article takes in the sources list (date and author,
/// then title); skipped files follow the articles, two lines each too.
pub(super) const SOURCE_LINES: usize = 2;

/// The first line of the sources list shown in `height` lines: the
/// current article's lines in view.
pub(super) fn sources_top(app: &App, height: usize) -> usize {
    let first = app.source_pos(app.article).unwrap_or(0) * SOURCE_LINES;
    keep_visible(0, first, first + SOURCE_LINES - 1, height)
}

/// The line of the article's wrapped text to show first in a text area of
/// `width` × `height`: where the last page put it (pinned), else the
/// current sentence whole in view with `scrolloff` lines around it when
/// there is room, scrolling from the last frame's first line (from the
/// title for the first sentence); a sentence taller than the pane shows
/// its start.
fn article_top(app: &App, width: u16, height: usize) -> usize {
    let wrapped = app.wrapped(app.article, width);
    let total = wrapped.lines.len();
    let last = app.frame();
    if last.article_pinned {
        return last.article_top.min(total.saturating_sub(height));
    }
    let cur = app.current_sentence();
    let (first, end) = wrapped.sentence_lines(cur).unwrap_or((0, 0));
    let margin = usize::from(app.config.layout.scrolloff);
    let (from, first) = if cur == 0 {
        (0, 0)
    } else {
        (last.article_top, first)
    };
    keep_in_view(from, first, end, height, margin, total).min(total.saturating_sub(1))
}

/// A scroll offset from `top` that shows lines `first..=last` of `total`
/// whole in `height` lines, with `margin` lines before and after them as
/// room allows; what is taller than `height` shows from its first line.
pub(super) fn keep_in_view(
    top: usize,
    first: usize,
    last: usize,
    height: usize,
    margin: usize,
    total: usize,
) -> usize {
    let height = height.max(1);
    let span = last.saturating_sub(first) + 1;
    if span >= height {
        return first;
    }
    let margin = margin.min((height - span) / 2);
    let lo = first.saturating_sub(margin);
    let hi = (last + margin).min(total.saturating_sub(1).max(last));
    if lo < top {
        lo
    } else if hi >= top + height {
        hi + 1 - height
    } else {
        top
    }
}

fn measure_reader(m: &mut FrameMetrics, app: &App, main: Rect) {
    let panes = reader_panes(app, main);
    if let Some(area) = panes.sources {
        let inside = inner(area);
        let h = usize::from(inside.height);
        let top = sources_top(app, h);
        m.sources = inside;
        m.source_rows = (top..top + h)
            .map(|line| app.source_at(line / SOURCE_LINES))
            .collect();
    }
    let inside = inner(panes.article);
    let has_article = app.article < app.corpus.articles.len();
    if has_article && inside.width > GUTTER && inside.height > 0 {
        let text = text_area(app, inside);
        let width = text.width - GUTTER;
        m.article = inside;
        m.text_size = (width, inside.height);
        m.article_top = article_top(app, width, usize::from(inside.height));
    }
    if let Some(area) = panes.panel {
        let inside = inner(area);
        m.panel = inside;
        if !app.analysis_ready() {
            m.panel_top = 0;
            return;
        }
        let h = usize::from(inside.height);
        let content = panel::content(app, usize::from(inside.width));
        let (first, last) = content.selected;
        let top = keep_visible(m.panel_top, first, last, h);
        m.panel_top = top;
        m.panel_rows = (top..top + h).map(|l| content.row_at(l)).collect();
    }
}

/// The areas of a list view inside its border: the row of column names,
/// when it has them and there is room, and the rows.
pub(super) fn list_areas(view: &ListView, inside: Rect) -> (Option<Rect>, Rect) {
    if view.columns.is_some() && inside.height > 1 {
        let columns = Rect::new(inside.x, inside.y, inside.width, 1);
        let rows = Rect::new(inside.x, inside.y + 1, inside.width, inside.height - 1);
        (Some(columns), rows)
    } else {
        (None, inside)
    }
}

fn measure_list(m: &mut FrameMetrics, view: &ListView, main: Rect) {
    let (_, rows) = list_areas(view, inner(main));
    m.list = rows;
    m.list_height = rows.height;
    if !view.visible.is_empty() {
        m.list_top = keep_visible(view.top, view.sel, view.sel, usize::from(rows.height));
    }
}

/// The areas of the compare view inside its border.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CompareAreas {
    /// The left article's title.
    pub left_title: Rect,
    /// The right article's title.
    pub right_title: Rect,
    /// The rows' area, the three columns together.
    pub body: Rect,
    /// The left article's sentences.
    pub left: Rect,
    /// The relation marks between them.
    pub middle: Rect,
    /// The right article's sentences.
    pub right: Rect,
}

/// The compare view's areas, or `None` when there is no room for them.
pub(super) fn compare_areas(inside: Rect) -> Option<CompareAreas> {
    if inside.height < 2 || inside.width < 10 {
        return None;
    }
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inside);
    let columns = || {
        Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Fill(1),
        ])
    };
    let [left, middle, right] = columns().areas(body);
    let [left_title, _, right_title] = columns().areas(head);
    Some(CompareAreas {
        left_title,
        right_title,
        body,
        left,
        middle,
        right,
    })
}

fn measure_compare(m: &mut FrameMetrics, app: &App, view: &CompareView, main: Rect) {
    let Some(areas) = compare_areas(inner(main)) else {
        return;
    };
    m.list_height = areas.body.height;
    let height_of = |i: usize| lists::compare_row_height(app, view, i, &areas);
    // scroll so the selected row shows whole when it fits
    let h = usize::from(areas.body.height);
    let mut top = view.top.min(view.sel);
    loop {
        let used: usize = (top..=view.sel).map(height_of).sum();
        if used <= h || top == view.sel {
            break;
        }
        top += 1;
    }
    m.list_top = top;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::analysis::Analysis;
    use crate::config::Config;
    use crate::corpus::Corpus;

    fn app() -> App {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), 6, 2).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let analysis = Analysis::run(&corpus, &Default::default());
        App::new(corpus, analysis, Config::builtin())
    }

    /// A frame measured from the last one's scroll positions measures the
    /// same again: one draw settles the screen, whatever the view or size.
    #[test]
    fn measuring_again_measures_the_same() {
        let setups: [&[Action]; 6] = [
            &[],
            &[Action::NextArticle, Action::Last],
            &[Action::FocusNext, Action::FocusNext, Action::Last],
            &[Action::Timeline, Action::Last],
            &[Action::EntityIndex, Action::PageDown],
            &[Action::Compare, Action::Last],
        ];
        for actions in setups {
            let mut app = app();
            for &a in actions {
                app.handle_action(a);
            }
            for (w, h) in [(20, 5), (40, 10), (80, 24), (120, 30), (200, 60)] {
                let area = Rect::new(0, 0, w, h);
                let first = layout(&app, area);
                app.set_frame(first.clone());
                assert_eq!(layout(&app, area), first, "{actions:?} at {w}x{h}");
            }
        }
    }

    #[test]
    fn the_reader_measures_its_panes_and_a_list_its_rows() {
        let mut app = app();
        let m = layout(&app, Rect::new(0, 0, 120, 30));
        // the status line takes the last row; borders one cell each side
        assert_eq!(m.article.height, 27);
        assert_eq!(m.text_size, (m.article.width - GUTTER, 27));
        assert!(m.sources.width > 0 && m.panel.width > 0);
        assert_eq!(m.source_rows[..2], [Some(0), Some(0)]);
        assert_eq!(m.source_rows[2..4], [Some(1), Some(1)]);
        assert_eq!(m.list, Rect::default(), "no list drawn");
        app.set_frame(m.clone());
        app.handle_action(Action::Timeline);
        let l = layout(&app, Rect::new(0, 0, 120, 30));
        assert_eq!(l.list, Rect::new(1, 1, 118, 27));
        assert_eq!(l.list_height, 27);
        assert_eq!(
            (l.article, l.sources, l.panel),
            (Rect::default(), Rect::default(), Rect::default()),
            "the covered panes take no click"
        );
        assert_eq!(l.text_size, m.text_size, "but keep their size");
        let small = layout(&app, Rect::new(0, 0, 39, 30));
        assert_eq!(small.list, Rect::default(), "too small: nothing drawn");
    }

    #[test]
    fn sides_keep_their_width_while_the_article_has_room() {
        assert_eq!(side_widths(200, 32, 44), (32, 44));
        assert_eq!(side_widths(120, 32, 0), (32, 0), "no panel: room enough");
        assert_eq!(side_widths(120, 0, 0), (0, 0));
    }

    #[test]
    fn sides_shrink_in_proportion_before_the_article_does() {
        let (s, p) = side_widths(130, 32, 44);
        assert_eq!((s, p), (27, 38));
        assert!(130 - s - p >= ARTICLE_MIN);
        // Narrower still, they stop at their floors and the article gives way.
        assert_eq!(side_widths(100, 32, 44), (SOURCES_MIN, PANEL_MIN));
        // A side configured narrower than the floor keeps its own width.
        assert_eq!(side_widths(90, 16, 44).0, 16);
    }
}
