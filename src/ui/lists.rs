//! The full-screen views: lists (mentions, timeline, entity index, help,
//! palette, search results) and the side-by-side compare view, drawn as
//! the frame was measured.

use super::layout::{self, CompareAreas};
use super::{line, pad, truncate};
use crate::analysis::links::{Relation, SentenceRef};
use crate::app::views::{CompareView, ListView, RowKind, Side};
use crate::app::wrap::wrap_str;
use crate::app::{App, FrameMetrics};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub(super) fn draw_list(
    frame: &mut Frame<'_>,
    app: &App,
    view: &ListView,
    area: Rect,
    m: &FrameMetrics,
) {
    let t = &app.config.theme;
    let mut title = format!(" {} ", view.title);
    if view.editing || !view.filter.is_empty() {
        title = format!(
            " {} — filter: {}{} ",
            view.title,
            view.filter,
            if view.editing { "▏" } else { "" }
        );
    }
    let block = Block::bordered()
        .title(Span::styled(title, t.title))
        .border_style(t.focused_border);
    let (columns, inner) = layout::list_areas(view, block.inner(area));
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let lead_w = view.lead_width.min(w / 2);
    if let (Some(cols), Some(r)) = (&view.columns, columns) {
        frame.render_widget(Paragraph::new(line(pad(&format!("  {cols}"), w), t.dim)), r);
    }
    let h = usize::from(inner.height);
    if view.visible.is_empty() {
        let msg = if view.rows.is_empty() {
            "nothing to list"
        } else {
            "nothing matches the filter"
        };
        frame.render_widget(Paragraph::new(line(msg, t.dim)), inner);
        return;
    }
    let top = m.list_top;
    let mut lines = Vec::with_capacity(h);
    for (pos, &ri) in view.visible.iter().enumerate().skip(top).take(h) {
        let Some(r) = view.rows.get(ri) else { continue };
        if r.kind == RowKind::Header {
            lines.push(line(truncate(&r.text, w), t.title));
            continue;
        }
        let sel = pos == view.sel;
        let base = if sel { t.selected } else { Style::default() };
        let (mark, mark_style) = match (r.kind, sel) {
            (RowKind::Differs, _) => ("≠ ", t.differs),
            (_, true) => ("▸ ", base),
            _ => ("  ", base),
        };
        let text_style = match r.entity_kind {
            Some(k) => t.kind(k).patch(base),
            None => base,
        };
        let lead = pad(&r.lead, lead_w);
        let rest = w.saturating_sub(2 + lead_w + 1);
        let (text, hit) = window(&r.text, r.mark, rest);
        let note_w = rest.saturating_sub(text.width() + 2);
        let mut spans = vec![
            Span::styled(mark, mark_style),
            Span::styled(lead, base.patch(t.dim)),
            Span::styled(" ", base),
        ];
        match hit {
            // the match (or mention) in view and highlighted
            Some((a, b)) if a < b && text.is_char_boundary(a) && text.is_char_boundary(b) => {
                spans.push(Span::styled(text[..a].to_string(), text_style));
                spans.push(Span::styled(
                    text[a..b].to_string(),
                    text_style.patch(t.search_match),
                ));
                spans.push(Span::styled(text[b..].to_string(), text_style));
            }
            _ => spans.push(Span::styled(text, text_style)),
        }
        if !r.note.is_empty() && note_w > 3 {
            let note_style = if r.kind == RowKind::Differs {
                t.differs
            } else {
                t.dim
            };
            spans.push(Span::styled(
                format!("  {}", truncate(&r.note, note_w)),
                note_style,
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `text` cut to `width` columns so that its `mark` (a byte range) shows:
/// from its start when that fits, else from shortly before the mark, with
/// "…" where text is left out; and where the mark is in what is shown.
pub(super) fn window(
    text: &str,
    mark: Option<(usize, usize)>,
    width: usize,
) -> (String, Option<(usize, usize)>) {
    let cut = truncate(text, width);
    let Some((a, b)) = mark.filter(|&(a, b)| a <= b && b <= text.len()) else {
        return (cut, None);
    };
    let shown = if cut.ends_with('…') && cut != text {
        cut.len() - '…'.len_utf8()
    } else {
        cut.len()
    };
    if b <= shown {
        return (cut, Some((a, b)));
    }
    // start a little before the mark: a few words of what leads to it
    let lead_in = width / 4;
    let mut from = a;
    let mut cols = 0;
    for (i, c) in text[..a].char_indices().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if cols + cw > lead_in {
            break;
        }
        cols += cw;
        from = i;
    }
    let tail = truncate(&text[from..], width.saturating_sub(1));
    let out = format!("…{tail}");
    let shift = '…'.len_utf8();
    let end = (b - from + shift).min(out.len());
    (out, Some((a - from + shift, end)))
}

pub(super) fn draw_compare(
    frame: &mut Frame<'_>,
    app: &App,
    view: &CompareView,
    area: Rect,
    m: &FrameMetrics,
) {
    let t = &app.config.theme;
    let label = |a: usize| {
        app.corpus
            .articles
            .get(a)
            .map_or(String::new(), |x| x.meta.title.clone())
    };
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " Compare — {} linked sentences ",
                view.rows.iter().filter(|r| r.relation.is_some()).count()
            ),
            t.title,
        ))
        .border_style(t.focused_border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(areas) = layout::compare_areas(inner) else {
        return;
    };
    let CompareAreas {
        left_title: lh,
        right_title: rh,
        left: l,
        middle: mid,
        right: r,
        body,
    } = areas;
    let side_style = |s: Side| if view.side == s { t.title } else { t.dim };
    frame.render_widget(
        Paragraph::new(line(
            truncate(&label(view.left), usize::from(lh.width)),
            side_style(Side::Left),
        )),
        lh,
    );
    frame.render_widget(
        Paragraph::new(line(
            truncate(&label(view.right), usize::from(rh.width)),
            side_style(Side::Right),
        )),
        rh,
    );
    let lw = usize::from(l.width);
    let rw = usize::from(r.width);
    let mw = usize::from(mid.width);
    let h = usize::from(body.height);
    let top = m.list_top;
    let mut lines: Vec<Line> = Vec::new();
    let mut i = top;
    while lines.len() < h && i < view.rows.len() {
        let row = view.rows[i];
        let (a, b) = compare_texts(app, view, i, lw, rw);
        let n = a.len().max(b.len()).max(1);
        let sel = i == view.sel;
        let style_for = |side: Side| {
            if sel && view.side == side {
                t.selected
            } else if sel {
                t.current_sentence
            } else if row.relation.is_some() {
                Style::default()
            } else {
                t.dim
            }
        };
        let (glyph, gs) = match row.relation {
            Some(Relation::Differs) => ("≠", t.differs),
            Some(Relation::Agrees) => ("=", t.link_mark),
            Some(Relation::Related) => ("~", t.link_mark),
            None => (" ", Style::default()),
        };
        for k in 0..n {
            let middle = match k {
                0 => glyph,
                1 if row.crossing => "↕",
                _ => " ",
            };
            lines.push(Line::from(vec![
                Span::styled(
                    pad(a.get(k).map_or("", String::as_str), lw),
                    style_for(Side::Left),
                ),
                Span::styled(pad(&format!(" {middle}"), mw), gs),
                Span::styled(
                    pad(b.get(k).map_or("", String::as_str), rw),
                    style_for(Side::Right),
                ),
            ]));
        }
        if let Some(l) = row.link.and_then(|li| app.analysis.links.get(li)) {
            // the pair's relation and why, under both sides
            let out_of_order = if row.crossing { " · out of order" } else { "" };
            let why = if l.why.is_empty() {
                String::new()
            } else {
                format!(": {}", l.why)
            };
            let style = if l.relation == Relation::Differs {
                t.differs
            } else {
                t.dim
            };
            lines.push(line(
                truncate(
                    &format!("  {glyph} {}{why}{out_of_order}", l.relation.as_str()),
                    usize::from(body.width),
                ),
                style,
            ));
        }
        lines.push(Line::raw(""));
        i += 1;
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// The lines of both sides of compare row `i`: each sentence wrapped to its
/// column, a crossing row's left sentence pointed to when the row above
/// shows it.
fn compare_texts(
    app: &App,
    view: &CompareView,
    i: usize,
    lw: usize,
    rw: usize,
) -> (Vec<String>, Vec<String>) {
    let Some(row) = view.rows.get(i) else {
        return (Vec::new(), Vec::new());
    };
    let repeated =
        row.crossing && i > 0 && view.rows.get(i - 1).is_some_and(|p| p.left == row.left);
    let a = match row.left {
        Some(s) if repeated => vec![truncate(&format!("↑ {} (above)", s + 1), lw)],
        s => compare_text(app, view.left, s, lw),
    };
    (a, compare_text(app, view.right, row.right, rw))
}

/// The lines of a sentence in a column of the compare view `w` wide: its
/// number and text, wrapped (none for no sentence).
fn compare_text(app: &App, article: usize, sentence: Option<usize>, w: usize) -> Vec<String> {
    sentence
        .map(|s| {
            let r = SentenceRef {
                article,
                sentence: s,
            };
            wrap_str(
                &format!(
                    "{} {}",
                    s + 1,
                    crate::app::views::sentence_text(&app.corpus, &app.analysis, r)
                ),
                w,
            )
        })
        .unwrap_or_default()
}

/// How many lines row `i` of the compare view takes, the blank line after
/// it included.
pub(super) fn compare_row_height(
    app: &App,
    view: &CompareView,
    i: usize,
    areas: &CompareAreas,
) -> usize {
    let (lw, rw) = (
        usize::from(areas.left.width),
        usize::from(areas.right.width),
    );
    view.rows.get(i).map_or(1, |row| {
        let (a, b) = compare_texts(app, view, i, lw, rw);
        a.len().max(b.len()).max(1) + usize::from(row.link.is_some()) + 1
    })
}
