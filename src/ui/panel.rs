//! The side panel: the open article's entities, its dates, and the links
//! of the current sentence with the coverage strip — or, while the
//! analysis runs, its progress. [`content`] makes the panel's lines and
//! says which row each belongs to, for drawing and for the layout alike.

use super::reader::pane_block;
use super::{line, pad, truncate};
use crate::analysis::entities::Kind;
use crate::analysis::links::{Relation, SentenceRef};
use crate::app::coverage::Coverage;
use crate::app::loading::AnalysisState;
use crate::app::{views, App, Focus, FrameMetrics, Tab};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The lines of the panel's tab, all of them, and where its rows are.
pub(super) struct PanelContent {
    /// Every line of the tab.
    pub lines: Vec<Line<'static>>,
    /// The first and last line of every row, with the row.
    owners: Vec<(usize, usize, usize)>,
    /// The first and last line of the selected row.
    pub selected: (usize, usize),
}

impl PanelContent {
    /// The row line `line` belongs to, if any.
    pub fn row_at(&self, line: usize) -> Option<usize> {
        self.owners
            .iter()
            .find(|o| o.0 <= line && line <= o.1)
            .map(|o| o.2)
    }
}

pub(super) fn draw_panel(frame: &mut Frame<'_>, app: &App, area: Rect, m: &FrameMetrics) {
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
    let lines = if app.analysis_ready() {
        content(app, w).lines
    } else {
        analysis_pending(app, w)
    };
    let visible: Vec<Line> = lines.into_iter().skip(m.panel_top).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// The lines of the tab shown, `w` columns wide, once the analysis is
/// there.
pub(super) fn content(app: &App, w: usize) -> PanelContent {
    let t = &app.config.theme;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut sel_lines = (0, 0);
    // (first line, last line, row) of every selectable row, for clicks
    let mut owners: Vec<(usize, usize, usize)> = Vec::new();
    let sel = app.panel_sel[app.tab.index()];
    let selected = |i: usize| i == sel && app.focus == Focus::Panel;
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
                let value = d.value.as_ref().map_or(
                    "?".to_string(),
                    super::super::analysis::dates::TimeValue::contract,
                );
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
                let relation = format!("{glyph} {} ", l.relation.as_str());
                let place = format!(" s{} ({:.2})", other.sentence + 1, l.score);
                let room = w.saturating_sub(2 + relation.width() + place.width());
                lines.push(Line::from(vec![
                    Span::raw(mark),
                    Span::styled(relation, rel_style),
                    Span::styled(
                        format!(
                            "{}{place}",
                            views::source_name(&app.corpus, other.article, room)
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
    PanelContent {
        lines,
        owners,
        selected: sel_lines,
    }
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
    // each source by its name, shortened so that several fit on a line
    let names = |list: &[usize], room: usize| {
        let each = (room / list.len().max(1)).max(14).saturating_sub(2);
        list.iter()
            .map(|&a| views::source_name(&app.corpus, a, each))
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
                Span::raw(truncate(
                    &names(list, w.saturating_sub(label.len() + 4)),
                    w.saturating_sub(label.len() + 4),
                )),
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
            names(&quiet, w.saturating_sub(10))
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
