//! The reader's three panes — sources, article, side panel — and the
//! status line.

use super::{keep_visible, line, pad, truncate};
use crate::analysis::entities::Kind;
use crate::analysis::links::{Relation, SentenceRef};
use crate::app::coverage::Coverage;
use crate::app::loading::AnalysisState;
use crate::app::wrap::WLine;
use crate::app::{views, App, Focus, Tab};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Columns of the gutter left of the text.
const GUTTER: u16 = 3;

fn pane_block<'a>(app: &App, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    let t = &app.config.theme;
    Block::bordered()
        .title(title)
        .border_style(if focused { t.focused_border } else { t.border })
}

/// The article keeps at least this many columns before the sources list
/// and the side panel, in a wide layout, give up theirs.
const ARTICLE_MIN: u16 = 64;

/// The sources list and the side panel do not shrink below these many
/// columns to make room (the panel's rows hold a name and two counts).
const SOURCES_MIN: u16 = 26;
const PANEL_MIN: u16 = 30;

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

/// Sources, article and panel in the layout the width allows.
pub(super) fn draw_reader(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let layout = &app.config.layout;
    let narrow = area.width < layout.narrow_width;
    let (sources_width, panel_width) = side_widths(
        area.width,
        if app.show_sources {
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
    if app.show_sources {
        let want = if narrow {
            layout.sources_width.min(area.width * 3 / 10)
        } else {
            sources_width
        };
        let w = want.min(area.width.saturating_sub(24)).max(12);
        let [s, r] = Layout::horizontal([Constraint::Length(w), Constraint::Min(1)]).areas(area);
        draw_sources(frame, app, s);
        rest = r;
    }
    if !app.show_panel {
        draw_article(frame, app, rest);
        return;
    }
    if narrow {
        let ph = (rest.height * 2 / 5).max(5);
        let [a, p] = Layout::vertical([Constraint::Min(3), Constraint::Length(ph)]).areas(rest);
        draw_article(frame, app, a);
        draw_panel(frame, app, p);
    } else {
        let pw = panel_width.min(rest.width / 2);
        let [a, p] = Layout::horizontal([Constraint::Min(20), Constraint::Length(pw)]).areas(rest);
        draw_article(frame, app, a);
        draw_panel(frame, app, p);
    }
}

fn draw_sources(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.config.theme;
    let skipped: Vec<&crate::corpus::Problem> =
        app.corpus.problems.iter().filter(|p| p.skipped).collect();
    let title = if skipped.is_empty() {
        format!(
            " Sources {}/{} ",
            app.article + 1,
            app.corpus.articles.len()
        )
    } else {
        format!(
            " Sources {}/{} · {} skipped ",
            app.article + 1,
            app.corpus.articles.len(),
            skipped.len()
        )
    };
    let block = pane_block(app, title, app.focus == Focus::Sources);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let top = keep_visible(0, app.article * 2, app.article * 2 + 1, h);
    let mut areas = app.areas.get();
    areas.sources = inner;
    areas.sources_top = top;
    app.areas.set(areas);
    // two lines per row (articles, then skipped files); only the rows on
    // screen are built, so a frame costs the same for 5 or 10,000 articles
    let first_row = top / 2;
    let end_row = (top + h).div_ceil(2);
    let n = app.corpus.articles.len();
    let mut lines = Vec::new();
    for (i, a) in app
        .corpus
        .articles
        .iter()
        .enumerate()
        .take(end_row)
        .skip(first_row)
    {
        let current = i == app.article;
        let mark = if current { "▶ " } else { "  " };
        let date = a
            .meta
            .published
            .map_or_else(|| "—".to_string(), |d| d.to_string());
        let who = a
            .meta
            .author
            .clone()
            .or_else(|| a.meta.source.clone())
            .unwrap_or_else(|| a.id.clone());
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
        .skip(top - first_row * 2)
        .take(h)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

fn draw_article(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.config.theme;
    let n = app.corpus.articles.len();
    let title = format!(" Article {}/{} ", app.article + 1, n);
    let block = pane_block(app, title, app.focus == Focus::Article);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(article) = app.corpus.articles.get(app.article) else {
        return;
    };
    // absent while the analysis runs: the text is drawn plain
    let analysis = app.analysis.articles.get(app.article);
    if inner.width <= GUTTER || inner.height == 0 {
        return;
    }
    let width = inner.width - GUTTER;
    let mut areas = app.areas.get();
    areas.article = inner;
    app.areas.set(areas);
    let height = usize::from(inner.height);
    app.viewport.set((width, inner.height));
    let wrapped = app.wrapped(app.article, width);
    let cur = app.current_sentence();
    let cur_span = app
        .sentences(app.article)
        .get(cur)
        .map(|s| (s.start, s.end));
    let first_line = wrapped.sentence_line.get(cur).copied().unwrap_or(0);
    let last_line = wrapped
        .sentence_line
        .get(cur + 1)
        .map_or(wrapped.lines.len().saturating_sub(1), |l| {
            l.saturating_sub(1).max(first_line)
        });
    let top = if cur == 0 {
        keep_visible(0, 0, last_line, height)
    } else {
        keep_visible(app.top.get(), first_line, last_line, height)
    };
    let top = top.min(wrapped.lines.len().saturating_sub(1));
    app.top.set(top);
    let highlight = (app.tab == Tab::Entities && app.show_panel)
        .then(|| app.selected_entity())
        .flatten();
    let mut lines = Vec::with_capacity(height);
    for (li, wl) in wrapped.lines.iter().enumerate().skip(top).take(height) {
        let mut spans = Vec::new();
        // the gutter: a mark on the line where a linked sentence starts
        let first = wrapped.sentence_line.partition_point(|&l| l < li);
        let mut gutter = Span::raw("   ");
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
                Span::styled(format!("≠{count} "), t.differs)
            } else {
                Span::styled(format!("●{count} "), t.link_mark)
            };
            break;
        }
        match wl {
            WLine::Title(s) => spans.push(Span::styled(s.clone(), t.title)),
            WLine::Meta(s) => spans.push(Span::styled(s.clone(), t.dim)),
            WLine::Warning(s) => spans.push(Span::styled(s.clone(), t.differs)),
            WLine::Blank => {}
            WLine::Body { start, end } => {
                spans.push(gutter);
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
    let style_at = |i: usize| -> Style {
        let mut s = Style::default();
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

fn draw_panel(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.config.theme;
    let tab_style = |tab: Tab| {
        if app.tab == tab {
            t.title.add_modifier(Modifier::REVERSED)
        } else {
            t.dim
        }
    };
    let title = Line::from(vec![
        Span::raw(" "),
        Span::styled("1 Entities", tab_style(Tab::Entities)),
        Span::raw(" "),
        Span::styled("2 Dates", tab_style(Tab::Dates)),
        Span::raw(" "),
        Span::styled("3 Links", tab_style(Tab::Links)),
        Span::raw(" "),
    ]);
    let block = pane_block(app, title, app.focus == Focus::Panel);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    // rows as (lines, selectable index)
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut sel_lines = (0, 0);
    // (first line, last line, row) of every selectable row, for clicks
    let mut owners: Vec<(usize, usize, usize)> = Vec::new();
    let sel = app.panel_sel[app.tab.index()];
    let selected = |i: usize| i == sel && app.focus == Focus::Panel;
    if !app.analysis_ready() {
        lines = analysis_pending(app, w);
        app.panel_top.set(0);
        let mut areas = app.areas.get();
        areas.panel = inner;
        app.areas.set(areas);
        app.panel_rows.borrow_mut().clear();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    match app.tab {
        Tab::Entities => {
            let rows = app.panel_entities();
            if rows.is_empty() {
                lines.push(line("no entities found in this article", t.dim));
            }
            let mut kind = None;
            for (i, r) in rows.iter().enumerate() {
                if kind != Some(r.kind) {
                    kind = Some(r.kind);
                    let n = rows.iter().filter(|x| x.kind == r.kind).count();
                    lines.push(line(format!("{} ({n})", kind_heading(r.kind)), t.title));
                }
                owners.push((lines.len(), lines.len(), i));
                if i == sel {
                    sel_lines = (lines.len(), lines.len());
                }
                let counts = format!(" {:>3} {:>4}", r.here, r.corpus);
                let name = pad(
                    app.entity_name(r.entity),
                    w.saturating_sub(counts.len() + 2),
                );
                let mut name_style = t.kind(r.kind);
                let mut mark = "  ";
                if i == sel {
                    mark = "▸ ";
                    if selected(i) {
                        name_style = name_style.patch(t.selected);
                    } else {
                        name_style = name_style.add_modifier(Modifier::BOLD);
                    }
                }
                lines.push(Line::from(vec![
                    Span::raw(mark),
                    Span::styled(name, name_style),
                    Span::styled(counts, t.dim),
                ]));
            }
            if !rows.is_empty() {
                lines.insert(
                    0,
                    line(
                        pad(&format!("{:>w$}", "here  all", w = w.saturating_sub(1)), w),
                        t.dim,
                    ),
                );
                sel_lines = (sel_lines.0 + 1, sel_lines.1 + 1);
                for o in &mut owners {
                    *o = (o.0 + 1, o.1 + 1, o.2);
                }
            }
        }
        Tab::Dates => {
            let dates = app
                .analysis
                .articles
                .get(app.article)
                .map_or(&[][..], |a| a.dates.as_slice());
            if dates.is_empty() {
                lines.push(line("no dates found in this article", t.dim));
            }
            let value_w = dates
                .iter()
                .map(|d| d.value.as_ref().map_or(1, |v| v.contract().len()))
                .max()
                .unwrap_or(1)
                .min(21);
            for (i, d) in dates.iter().enumerate() {
                owners.push((lines.len(), lines.len(), i));
                if i == sel {
                    sel_lines = (lines.len(), lines.len());
                }
                let value = d.value.as_ref().map_or("?".to_string(), |v| v.contract());
                let mark = if i == sel { "▸ " } else { "  " };
                let style = if selected(i) {
                    t.selected
                } else {
                    Style::default()
                };
                lines.push(Line::from(vec![
                    Span::raw(mark),
                    Span::styled(pad(&value, value_w), style.patch(t.date)),
                    Span::styled(
                        truncate(
                            &format!(" {} s{}", d.text, d.sentence + 1),
                            w.saturating_sub(value_w + 2),
                        ),
                        style,
                    ),
                ]));
            }
        }
        Tab::Links => {
            let here = app.here();
            let links = app.current_links();
            lines.extend(coverage_lines(app, here, w));
            if links.is_empty() {
                let next = app
                    .config
                    .keys
                    .normal
                    .label(crate::action::Action::NextLinked);
                lines.push(line("no cross-references for this sentence", t.dim));
                lines.push(line(format!("{next}: next sentence that has some"), t.dim));
            }
            for (i, &li) in links.iter().enumerate() {
                let (Some(l), Some(other)) =
                    (app.analysis.links.get(li), app.analysis.other_end(li, here))
                else {
                    continue;
                };
                let start = lines.len();
                let (glyph, rel_style) = match l.relation {
                    Relation::Differs => ("≠", t.differs),
                    Relation::Agrees => ("=", t.link_mark),
                    Relation::Related => ("~", t.link_mark),
                };
                let mark = if i == sel { "▸ " } else { "  " };
                let head_style = if selected(i) { t.selected } else { t.title };
                lines.push(Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!("{glyph} {} ", l.relation.as_str()), rel_style),
                    Span::styled(
                        truncate(
                            &format!(
                                "{} s{} ({:.2})",
                                views::source_label(&app.corpus, other.article),
                                other.sentence + 1,
                                l.score
                            ),
                            w.saturating_sub(12),
                        ),
                        head_style,
                    ),
                ]));
                let text = views::sentence_text(&app.corpus, &app.analysis, other);
                for l2 in crate::app::wrap::wrap_str(&text, w.saturating_sub(4))
                    .into_iter()
                    .take(3)
                {
                    lines.push(line(format!("    {l2}"), Style::default()));
                }
                if !l.why.is_empty() {
                    lines.push(line(truncate(&format!("    why: {}", l.why), w), t.dim));
                }
                owners.push((start, lines.len() - 1, i));
                if i == sel {
                    sel_lines = (start, lines.len() - 1);
                }
            }
        }
    }
    let top = keep_visible(app.panel_top.get(), sel_lines.0, sel_lines.1, h);
    app.panel_top.set(top);
    let mut areas = app.areas.get();
    areas.panel = inner;
    app.areas.set(areas);
    *app.panel_rows.borrow_mut() = (top..top + h)
        .map(|l| owners.iter().find(|o| o.0 <= l && l <= o.1).map(|o| o.2))
        .collect();
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// The coverage strip of the Links tab: which other sources state the
/// sentence's fact differently, agree, relate or say nothing of it. With few
/// sources each is named; with many, the silent ones are counted.
fn coverage_lines(app: &App, here: SentenceRef, w: usize) -> Vec<Line<'static>> {
    let t = &app.config.theme;
    let articles = app.corpus.articles.len();
    if articles < 2 {
        return Vec::new();
    }
    let c = Coverage::of(&app.analysis, here, articles);
    if c.alone() {
        // said below: no cross-references for this sentence
        return Vec::new();
    }
    let names = |list: &[usize]| {
        list.iter()
            .map(|&a| views::source_label(&app.corpus, a))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    for (glyph, label, list, style) in [
        ("≠", "differ", &c.differs, t.differs),
        ("=", "agree", &c.agrees, t.link_mark),
        ("~", "relate", &c.related, t.link_mark),
    ] {
        if !list.is_empty() {
            out.push(Line::from(vec![
                Span::styled(format!("{glyph} {label}: "), style),
                Span::raw(truncate(&names(list), w.saturating_sub(label.len() + 4))),
            ]));
        }
    }
    if c.silent > 0 {
        let silent = if articles <= 8 {
            let quiet: Vec<usize> = (0..articles)
                .filter(|&a| a != here.article)
                .filter(|a| {
                    ![&c.differs, &c.agrees, &c.related]
                        .iter()
                        .any(|l| l.contains(a))
                })
                .collect();
            names(&quiet)
        } else {
            format!("{} sources", c.silent)
        };
        out.push(line(truncate(&format!("· silent: {silent}"), w), t.dim));
    }
    out
}

/// The side panel while the analysis runs (a gauge) or after it failed.
fn analysis_pending(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = &app.config.theme;
    let mut lines = Vec::new();
    let note = |text: &str, lines: &mut Vec<Line<'static>>| {
        for l in crate::app::wrap::wrap_str(text, w.max(1)) {
            lines.push(line(l, t.dim));
        }
    };
    match &app.analysis_state {
        AnalysisState::Running(p) => {
            lines.push(line("analysing the articles…", t.title));
            let bar_w = w.saturating_sub(6).clamp(1, 40);
            lines.push(line(
                format!("{} {:>3} %", gauge(p.fraction(), bar_w), pct(p.fraction())),
                t.link_mark,
            ));
            lines.push(line(p.stage.label(), Style::default()));
            lines.push(Line::default());
            note(
                "Entities, dates and cross-references appear here when it is done; \
                 reading, scrolling and switching articles work now.",
                &mut lines,
            );
        }
        AnalysisState::Failed(e) => {
            lines.push(line("no analysis", t.differs));
            note(e, &mut lines);
            lines.push(Line::default());
            note("The articles read as plain text.", &mut lines);
        }
        AnalysisState::Ready => {}
    }
    lines
}

/// A bar `width` cells wide, `fraction` of it full.
pub(super) fn gauge(fraction: f64, width: usize) -> String {
    let full = ((fraction.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(full), "░".repeat(width - full))
}

/// A fraction as a whole percent, rounded down (100 only when done).
fn pct(fraction: f64) -> usize {
    (fraction.clamp(0.0, 1.0) * 100.0).floor() as usize
}

fn kind_heading(k: Kind) -> &'static str {
    match k {
        Kind::Person => "People",
        Kind::Place => "Places",
        Kind::Organization => "Organisations",
        Kind::Other => "Other",
    }
}

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
    if let Some(m) = &app.status {
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

#[cfg(test)]
mod tests {
    use super::*;

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
