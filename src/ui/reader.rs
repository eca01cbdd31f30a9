//! The reader's panes — the sources list and the article — drawn as the
//! frame was measured; the side panel is in `panel`, the status line in
//! `status`.

use super::layout::{self, Panes, GUTTER, SOURCE_LINES};
use super::{line, panel, truncate};
use crate::analysis::entities::Kind;
use crate::analysis::links::Relation;
use crate::app::wrap::WLine;
use crate::app::{App, Focus, FrameMetrics, Tab};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// A pane's border and title, brighter when it has the focus.
pub(super) fn pane_block<'a>(app: &App, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    let t = &app.config.theme;
    Block::bordered()
        .title(title)
        .border_style(if focused { t.focused_border } else { t.border })
}

/// Sources, article and panel in the layout the width allows.
pub(super) fn draw_reader(frame: &mut Frame<'_>, app: &App, area: Rect, m: &FrameMetrics) {
    let Panes {
        sources,
        article,
        panel,
    } = layout::reader_panes(app, area);
    if let Some(s) = sources {
        draw_sources(frame, app, s);
    }
    draw_article(frame, app, article, m);
    if let Some(p) = panel {
        panel::draw_panel(frame, app, p, m);
    }
}

fn draw_sources(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.config.theme;
    let skipped: Vec<&crate::corpus::Problem> =
        app.corpus.problems.iter().filter(|p| p.skipped).collect();
    let mut title = format!(" Sources {}/{}", app.article + 1, app.corpus.articles.len());
    let view = &app.sources;
    if view.editing || !view.filter.is_empty() {
        title.push_str(&format!(
            " · /{}{} {} shown",
            view.filter,
            if view.editing { "▏" } else { "" },
            app.sources_len()
        ));
    }
    if view.sort != crate::app::sources::SourceSort::Date {
        title.push_str(&format!(" · by {}", view.sort.label()));
    }
    if !skipped.is_empty() {
        title.push_str(&format!(" · {} skipped", skipped.len()));
    }
    title.push(' ');
    let block = pane_block(app, title, app.focus == Focus::Sources);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let top = layout::sources_top(app, h);
    // two lines per row (articles, then skipped files); only the rows on
    // screen are built, so a frame costs the same for 5 or 10,000 articles
    let first_row = top / SOURCE_LINES;
    let end_row = (top + h).div_ceil(SOURCE_LINES);
    let n = app.sources_len();
    let mut lines = Vec::new();
    for (i, a) in (first_row..end_row.min(n))
        .filter_map(|pos| app.source_at(pos))
        .filter_map(|i| Some((i, app.corpus.articles.get(i)?)))
    {
        let current = i == app.article;
        let mark = if current { "▶ " } else { "  " };
        let date = a
            .meta
            .published
            .map_or_else(|| "—".to_string(), |d| d.to_string());
        // the title is on the next line: no file name in its place
        let who = a
            .meta
            .author
            .clone()
            .or_else(|| a.meta.source.clone())
            .unwrap_or_default();
        let style = if current { t.title } else { Style::default() };
        let progress = app.progress(i);
        let read = if progress >= 0.995 {
            " ✓".to_string()
        } else if progress > 0.0 {
            format!(" {:.0}%", (progress * 100.0).max(1.0))
        } else {
            String::new()
        };
        let head = truncate(&format!("{date} {who}"), w.saturating_sub(2 + read.width()));
        let gap = w.saturating_sub(2 + head.width() + read.width());
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(head, style),
            Span::raw(" ".repeat(gap)),
            Span::styled(read, t.dim),
        ]));
        let title_style = if current && app.focus == Focus::Sources {
            t.selected
        } else if current {
            t.title
        } else {
            t.dim
        };
        // a file that opened with problems says so; the article shows them
        if a.warnings.is_empty() {
            lines.push(line(
                format!("  {}", truncate(&a.meta.title, w.saturating_sub(2))),
                title_style,
            ));
        } else {
            lines.push(Line::from(vec![
                Span::styled("⚠ ", t.differs),
                Span::styled(truncate(&a.meta.title, w.saturating_sub(2)), title_style),
            ]));
        }
    }
    // skipped files, after the articles: not selectable, the reason shown
    for p in skipped
        .iter()
        .take(end_row.saturating_sub(n))
        .skip(first_row.saturating_sub(n))
    {
        let name = p
            .path
            .strip_prefix(&app.corpus.root)
            .unwrap_or(&p.path)
            .display()
            .to_string();
        let name = crate::text::sanitize::clean_line(&name).into_owned();
        lines.push(line(
            format!("✗ {}", truncate(&name, w.saturating_sub(2))),
            t.differs,
        ));
        let mut reason = crate::text::sanitize::clean_line(&p.message).into_owned();
        if let Some((l, c)) = p.at {
            reason = format!("{l}:{c}: {reason}");
        }
        lines.push(line(
            format!("  {}", truncate(&reason, w.saturating_sub(2))),
            t.dim,
        ));
    }
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(top - first_row * SOURCE_LINES)
        .take(h)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

fn draw_article(frame: &mut Frame<'_>, app: &App, area: Rect, m: &FrameMetrics) {
    let t = &app.config.theme;
    let n = app.corpus.articles.len();
    let title = format!(" Article {}/{} ", app.article + 1, n);
    let block = pane_block(app, title, app.focus == Focus::Article);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(article) = app.corpus.articles.get(app.article) else {
        return;
    };
    let inner = layout::text_area(app, inner);
    // absent while the analysis runs: the text is drawn plain
    let analysis = app.analysis.articles.get(app.article);
    if inner.width <= GUTTER || inner.height == 0 {
        return;
    }
    let width = inner.width - GUTTER;
    let height = usize::from(inner.height);
    let wrapped = app.wrapped(app.article, width);
    let cur = app.current_sentence();
    let cur_span = app
        .sentences(app.article)
        .get(cur)
        .map(|s| (s.start, s.end));
    let top = m.article_top;
    let highlight = (app.tab == Tab::Entities && app.show_panel)
        .then(|| app.selected_entity())
        .flatten();
    let marked: Vec<(usize, usize)> = app
        .highlighted(app.article)
        .into_iter()
        .filter_map(|s| wrapped.sentence_lines(s))
        .collect();
    let mut lines = Vec::with_capacity(height);
    for (li, wl) in wrapped.lines.iter().enumerate().skip(top).take(height) {
        let mut spans = Vec::new();
        // the gutter: a mark on the line where a linked sentence starts,
        // and a bar beside the lines of a highlighted one
        let first = wrapped.sentence_line.partition_point(|&l| l < li);
        let mut gutter = Span::raw("  ");
        for s in
            (first..wrapped.sentence_line.len()).take_while(|&s| wrapped.sentence_line[s] == li)
        {
            let links = analysis
                .and_then(|a| a.sentence_links.get(s))
                .map_or(&[][..], |v| v);
            if links.is_empty() {
                continue;
            }
            let differs = links.iter().any(|&l| {
                app.analysis
                    .links
                    .get(l)
                    .is_some_and(|l| l.relation == Relation::Differs)
            });
            let count = if links.len() > 9 {
                "+".to_string()
            } else {
                links.len().to_string()
            };
            gutter = if differs {
                Span::styled(format!("≠{count}"), t.differs)
            } else {
                Span::styled(format!("●{count}"), t.link_mark)
            };
            break;
        }
        let bar = if marked.iter().any(|&(a, b)| a <= li && li <= b) {
            Span::styled("▍", t.highlight)
        } else {
            Span::raw(" ")
        };
        match wl {
            WLine::Title(s) => spans.push(Span::styled(s.clone(), t.title)),
            WLine::Meta(s) => spans.push(Span::styled(s.clone(), t.dim)),
            WLine::Warning(s) => spans.push(Span::styled(s.clone(), t.differs)),
            WLine::Blank => {}
            WLine::Body { start, end } => {
                if gutter.content.trim().is_empty() {
                    gutter = markup_gutter(&article.meta.marks, *start, t.dim).unwrap_or(gutter);
                }
                spans.push(gutter);
                spans.push(bar);
                styled_text(
                    app,
                    &article.body,
                    *start,
                    *end,
                    cur_span,
                    highlight,
                    &mut spans,
                );
            }
        }
        if !matches!(wl, WLine::Body { .. }) {
            spans.insert(0, Span::raw("   "));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Styles a range of the body: entities by kind, dates marked, the current
/// sentence and the selected entity's mentions emphasised.
fn styled_text(
    app: &App,
    body: &str,
    start: usize,
    end: usize,
    cur: Option<(usize, usize)>,
    highlight: Option<usize>,
    out: &mut Vec<Span<'static>>,
) {
    let t = &app.config.theme;
    let Some(text) = body.get(start..end) else {
        return;
    };
    let a = app.analysis.articles.get(app.article);
    let mentions = a.map_or(&[][..], |a| &a.mentions);
    let dates = a.map_or(&[][..], |a| &a.dates);
    let matches = app
        .search
        .as_ref()
        .map_or(&[][..], |s| s.results.in_article(app.article));
    let marks = &app
        .corpus
        .articles
        .get(app.article)
        .map_or(&[][..], |a| &a.meta.marks[..]);
    let style_at = |i: usize| -> Style {
        let mut s = markup_style(marks, i);
        let m = mentions.partition_point(|m| m.start <= i);
        if let Some(m) = m.checked_sub(1).map(|k| &mentions[k]) {
            if i < m.end {
                let kind = app
                    .analysis
                    .entities
                    .get(m.entity)
                    .map_or(Kind::Other, |e| e.kind);
                s = s.patch(t.kind(kind));
                if highlight == Some(m.entity) {
                    s = s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                }
            }
        }
        let d = dates.partition_point(|d| d.start <= i);
        if let Some(d) = d.checked_sub(1).map(|k| &dates[k]) {
            if i < d.end {
                s = s.patch(t.date);
            }
        }
        if cur.is_some_and(|(cs, ce)| i >= cs && i < ce) {
            s = s.patch(t.current_sentence);
        }
        let k = matches.partition_point(|m| m.start <= i);
        if k > 0 && i < matches[k - 1].end {
            s = s.patch(t.search_match);
        }
        s
    };
    let mut run = String::new();
    let mut run_style = None;
    for (off, c) in text.char_indices() {
        let st = style_at(start + off);
        if run_style != Some(st) {
            if let Some(rs) = run_style {
                out.push(Span::styled(std::mem::take(&mut run), rs));
            }
            run_style = Some(st);
        }
        run.push(if c.is_whitespace() { ' ' } else { c });
    }
    if let Some(rs) = run_style {
        out.push(Span::styled(run, rs));
    }
}

/// How Markdown formatting looks at byte `i` of the body: headings and
/// strong text bold, emphasis and quotes italic, link text underlined.
fn markup_style(marks: &[crate::corpus::Mark], i: usize) -> Style {
    use crate::corpus::MarkKind;
    let mut s = Style::default();
    // marks are ordered by start: only those starting at or before `i`
    for m in &marks[..marks.partition_point(|m| m.start <= i)] {
        if i >= m.end {
            continue;
        }
        s = s.add_modifier(match m.kind {
            MarkKind::Heading(_) | MarkKind::Strong => Modifier::BOLD,
            MarkKind::Emphasis | MarkKind::Quote => Modifier::ITALIC,
            MarkKind::Link(_) => Modifier::UNDERLINED,
            MarkKind::Code | MarkKind::Item(_) => Modifier::empty(),
        });
    }
    s
}

/// The gutter of a body line inside Markdown structure, when no link mark
/// takes it: a bar beside a block quote, a bullet on the first line of an
/// unordered list item.
fn markup_gutter(
    marks: &[crate::corpus::Mark],
    line_start: usize,
    style: Style,
) -> Option<Span<'static>> {
    use crate::corpus::MarkKind;
    let inside = &marks[..marks.partition_point(|m| m.start <= line_start)];
    if inside
        .iter()
        .any(|m| m.kind == MarkKind::Item(None) && m.start == line_start)
    {
        return Some(Span::styled(" •", style));
    }
    inside
        .iter()
        .any(|m| m.kind == MarkKind::Quote && line_start < m.end)
        .then(|| Span::styled(" │", style))
}
