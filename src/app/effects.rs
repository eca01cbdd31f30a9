//! What the app asks of the terminal — copying with a citation (OSC 52),
//! giving the terminal to a browser or an editor, suspending the process
//! (ctrl-z) — as plain values the event loop carries out, so the app
//! itself stays pure.

use super::views;
use super::{clipboard, opener, App, Focus, Tab};

/// Something the terminal must do for the app (the app itself stays pure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write this escape sequence (OSC 52: set the clipboard).
    Clipboard(String),
    /// Give the terminal to this program until it exits (editor, browser).
    Run(opener::CommandSpec),
    /// Give the terminal back and stop, as ctrl-z does in a shell; take it
    /// again and redraw when continued (`fg`).
    Suspend,
}

impl App {
    /// ctrl-z: asks the event loop to suspend the process.
    pub(super) fn suspend(&mut self) {
        self.effects.push(Effect::Suspend);
    }

    pub(super) fn copy(&mut self, text: String) {
        match clipboard::osc52(&text) {
            Ok(seq) => {
                self.effects.push(Effect::Clipboard(seq));
                let first = text.lines().next().unwrap_or("");
                self.status = Some(clipboard::Relay::from_env().copied(&ellipsis(first, 60)));
            }
            Err(e) => self.status = Some(format!("cannot copy: {e}")),
        }
    }

    /// `y`: the current sentence with its source, or both ends of the
    /// selected link when the Links tab has the focus.
    pub(super) fn copy_sentence(&mut self) {
        let here = self.here();
        let Some(a) = self.corpus.articles.get(here.article) else {
            return;
        };
        let text = self
            .sentences(here.article)
            .get(here.sentence)
            .and_then(|s| a.body.get(s.start..s.end))
            .map(|t| crate::text::one_line(t).into_owned())
            .unwrap_or_default();
        let pair = (self.focus == Focus::Panel && self.tab == Tab::Links)
            .then(|| {
                let l = *self
                    .current_links()
                    .get(self.panel_sel[Tab::Links.index()])?;
                let other = self.analysis.other_end(l, here)?;
                let b = self.corpus.articles.get(other.article)?;
                let other_text = views::sentence_text(&self.corpus, &self.analysis, other);
                Some(clipboard::quote_pair(&text, &a.meta, &other_text, &b.meta))
            })
            .flatten();
        let out = pair.unwrap_or_else(|| clipboard::quote_sentence(&text, &a.meta));
        self.copy(out);
    }

    pub(super) fn open_url(&mut self) {
        let Some(a) = self.corpus.articles.get(self.article) else {
            return;
        };
        // a link in the current sentence (Markdown, a saved page) first,
        // else the article's own address
        let sentence = self
            .sentences(self.article)
            .get(self.current_sentence())
            .map(|s| (s.start, s.end));
        let link = sentence.and_then(|(start, end)| {
            a.meta.marks.iter().find_map(|m| match &m.kind {
                crate::corpus::MarkKind::Link(url)
                    if m.start < end
                        && m.end > start
                        && (url.starts_with("https://") || url.starts_with("http://")) =>
                {
                    Some(url.as_str())
                }
                _ => None,
            })
        });
        let browser = std::env::var("BROWSER").ok();
        match opener::open_url(
            link.or(a.meta.url.as_deref()),
            browser.as_deref(),
            opener::Platform::current(),
        ) {
            Ok(cmd) => self.effects.push(Effect::Run(cmd)),
            Err(e) => self.status = Some(format!("cannot open the URL: {e}")),
        }
    }

    pub(super) fn open_editor(&mut self) {
        let here = self.here();
        let Some(a) = self.corpus.articles.get(here.article) else {
            return;
        };
        let offset = self
            .sentences(here.article)
            .get(here.sentence)
            .map_or(0, |s| s.start);
        let line = a.file_line(offset);
        match opener::open_in_editor(&opener::editor_from_env(), &a.path, line) {
            Ok(cmd) => self.effects.push(Effect::Run(cmd)),
            Err(e) => self.status = Some(format!("cannot open the editor: {e}")),
        }
    }
}

/// Cuts text to `max` characters with "…".
fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
