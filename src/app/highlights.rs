//! Highlights and notes: `m` highlights the current sentence — or, with the
//! Links tab focused, the selected cross-reference's two sentences — and
//! takes a one-line note typed at once (Enter keeps it, Esc leaves the
//! highlight without one); `x` removes it; `'` lists them all, and Enter
//! goes to one. They live in the reading state (never in the content
//! folder), kept by the sentence's text as well as its place, so a
//! highlight is found again when its sentence moves; `dossier notes`
//! writes them out.

use super::input::{Edit, TextInput};
use super::views::{self, ListKind, ListView, Row, Target, View};
use super::{clipboard, App, Focus, Tab};
use crate::analysis::links::SentenceRef;
use crate::state::{ArticleKey, Highlight, PairEnd};
use ratatui::crossterm::event::KeyEvent;

/// A note being typed for a highlight.
#[derive(Debug, Clone)]
pub struct NoteEdit {
    /// The note so far.
    pub input: TextInput,
    /// The article of the highlight.
    pub article: usize,
    /// The highlight's index among the article's highlights.
    index: usize,
    /// Whether the highlight was made by this `m` (Esc keeps it without a
    /// note) rather than one whose note is edited (Esc leaves it as it was).
    pub new: bool,
    /// The highlighted sentence, for the prompt.
    pub sentence: usize,
}

/// Where highlight `h` is now among `n` sentences whose text
/// `text_of(i)` gives: at its own index if that sentence still has its
/// text, else at the sentence with that text nearest to it; `None` when no
/// sentence has it any more.
pub fn locate(h: &Highlight, n: usize, text_of: impl Fn(usize) -> String) -> Option<usize> {
    if h.sentence < n && text_of(h.sentence) == h.text {
        return Some(h.sentence);
    }
    (0..n)
        .filter(|&i| text_of(i) == h.text)
        .min_by_key(|&i| i.abs_diff(h.sentence))
}

/// Seconds since the Unix epoch.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl App {
    /// Sentence `sentence` of `article` as one line ("" when there is none).
    fn sentence_string(&self, article: usize, sentence: usize) -> String {
        match (
            self.corpus.articles.get(article),
            self.sentences(article).get(sentence),
        ) {
            (Some(a), Some(s)) if a.body.get(s.start..s.end).is_some() => {
                crate::analysis::export::sentence_text(&a.body, s)
            }
            _ => String::new(),
        }
    }

    /// The reading-state key of an article.
    fn key_of(&self, article: usize) -> Option<ArticleKey> {
        self.article_keys.get(article).cloned()
    }

    /// Where an article's highlight is now (see [`locate`]).
    fn locate_highlight(&self, article: usize, h: &Highlight) -> Option<usize> {
        locate(h, self.sentence_count(article), |i| {
            self.sentence_string(article, i)
        })
    }

    /// The sentences of `article` that carry a highlight, in order.
    pub fn highlighted(&self, article: usize) -> Vec<usize> {
        let Some(key) = self.article_keys.get(article) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = self
            .reading
            .highlights(key)
            .iter()
            .filter_map(|h| self.locate_highlight(article, h))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// What `m` or `x` is about: the current sentence, with the selected
    /// link's other end when the Links tab has the focus.
    fn marked_here(&self) -> Option<Highlight> {
        let here = self.here();
        let text = self.sentence_string(here.article, here.sentence);
        if text.is_empty() {
            return None;
        }
        let pair = (self.focus == Focus::Panel && self.tab == Tab::Links)
            .then(|| {
                let li = *self
                    .current_links()
                    .get(self.panel_sel[Tab::Links.index()])?;
                let link = self.analysis.links.get(li)?;
                let other = self.analysis.other_end(li, here)?;
                let b = self.corpus.articles.get(other.article)?;
                Some(PairEnd {
                    article: self.key_of(other.article)?.as_str().to_owned(),
                    cite: clipboard::cite_article(&b.meta),
                    sentence: other.sentence,
                    text: self.sentence_string(other.article, other.sentence),
                    relation: link.relation.as_str().to_owned(),
                    why: link.why.clone(),
                })
            })
            .flatten();
        Some(Highlight {
            sentence: here.sentence,
            text,
            note: String::new(),
            pair,
            created: now(),
        })
    }

    /// `m`: highlights the current sentence (or the selected link's pair)
    /// and opens its note; on a highlight already made, edits its note.
    pub(super) fn mark(&mut self) {
        let (Some(h), Some(key)) = (self.marked_here(), self.key_of(self.article)) else {
            self.status = Some("nothing to highlight here".into());
            return;
        };
        let sentence = h.sentence;
        let existing = self
            .reading
            .highlights(&key)
            .iter()
            .position(|x| x.same_as(&h));
        let (index, input, new) = match existing {
            Some(i) => {
                let note = self.reading.highlights(&key)[i].note.clone();
                (i, TextInput::from(note), false)
            }
            None => (self.reading.add_highlight(&key, h), TextInput::new(), true),
        };
        self.note = Some(NoteEdit {
            input,
            article: self.article,
            index,
            new,
            sentence,
        });
    }

    /// A key typed into the note: Enter keeps it, Esc leaves the highlight
    /// without a note (or, when editing, as it was).
    pub(super) fn note_key(&mut self, ev: &KeyEvent) {
        let Some(edit) = self.note.as_mut() else {
            return;
        };
        match edit.input.handle(ev) {
            Edit::Changed | Edit::Other => {}
            Edit::Quit => self.quit = true,
            Edit::Accept => {
                let Some(edit) = self.note.take() else {
                    return;
                };
                let Some(key) = self.key_of(edit.article) else {
                    return;
                };
                let note = crate::text::one_line(edit.input.text()).trim().to_owned();
                let note = crate::text::sanitize::clean_line(&note).into_owned();
                if let Some(mut h) = self.reading.highlights(&key).get(edit.index).cloned() {
                    h.note.clone_from(&note);
                    self.reading.add_highlight(&key, h);
                }
                self.status = Some(if note.is_empty() {
                    format!("highlighted s{} (no note)", edit.sentence + 1)
                } else {
                    format!("highlighted s{} with a note", edit.sentence + 1)
                });
            }
            Edit::Cancel => {
                let Some(edit) = self.note.take() else {
                    return;
                };
                self.status = Some(if edit.new {
                    format!("highlighted s{} (no note)", edit.sentence + 1)
                } else {
                    "note left as it was".into()
                });
            }
        }
    }

    /// `x`: removes the current sentence's highlight (the selected link's
    /// pair when the Links tab has the focus and it is highlighted).
    pub(super) fn unmark(&mut self) {
        let Some(key) = self.key_of(self.article) else {
            return;
        };
        let cur = self.current_sentence();
        let wanted = self.marked_here();
        let list = self.reading.highlights(&key);
        let index = wanted
            .as_ref()
            .and_then(|w| list.iter().position(|h| h.same_as(w)))
            .or_else(|| {
                list.iter()
                    .position(|h| self.locate_highlight(self.article, h) == Some(cur))
            });
        match index {
            Some(i) => {
                self.reading.remove_highlight(&key, i);
                self.status = Some(format!("highlight removed from s{}", cur + 1));
            }
            None => self.status = Some("no highlight on this sentence".into()),
        }
    }

    /// Opens the list of highlights.
    pub(super) fn open_highlights(&mut self) {
        let list = self.highlights_list();
        self.views.push(View::List(list));
    }

    /// Removes the highlight selected in the highlights list.
    pub(super) fn unmark_selected(&mut self) {
        let Some(View::List(l)) = self.views.last() else {
            return;
        };
        let Some(Target::Highlight(r, index)) = l.selected().map(|r| r.target) else {
            return;
        };
        let sel = l.sel;
        if let Some(key) = self.key_of(r.article) {
            self.reading.remove_highlight(&key, index);
            self.status = Some("highlight removed".into());
        }
        let mut list = self.highlights_list();
        list.sel = sel.min(list.visible.len().saturating_sub(1));
        list.move_by(0);
        if let Some(View::List(top)) = self.views.last_mut() {
            *top = list;
        }
    }

    /// Every highlight of this corpus's articles, under its article's
    /// heading: the sentence, the note, and for a pair its other end.
    pub(super) fn highlights_list(&self) -> ListView {
        let mut rows = Vec::new();
        let mut count = 0;
        for (article, key) in self.article_keys.iter().enumerate() {
            let list = self.reading.highlights(key);
            if list.is_empty() {
                continue;
            }
            rows.push(Row::header(views::article_heading(&self.corpus, article)));
            for (i, h) in list.iter().enumerate() {
                count += 1;
                let at = self.locate_highlight(article, h);
                let lead = at.map_or("?".to_string(), |s| format!("s{}", s + 1));
                // the note first: a row cut to fit keeps it (the state
                // file is the user's to edit: its text is made safe)
                let safe = |s: &str| crate::text::sanitize::clean_line(s).into_owned();
                let text = if h.note.is_empty() {
                    safe(&h.text)
                } else {
                    format!("✎ {} · {}", safe(&h.note), safe(&h.text))
                };
                let mut row = Row::item(
                    lead,
                    text,
                    Target::Highlight(
                        SentenceRef {
                            article,
                            sentence: at.unwrap_or(h.sentence),
                        },
                        i,
                    ),
                );
                let mut note = Vec::new();
                if let Some(p) = &h.pair {
                    note.push(format!(
                        "{} {}: {}",
                        relation_glyph(&p.relation),
                        safe(&p.relation),
                        safe(&p.text)
                    ));
                }
                if at.is_none() {
                    note.push("(the sentence is no longer in the article)".into());
                }
                row.note = note.join(" · ");
                rows.push(row);
            }
        }
        if rows.is_empty() {
            let key = self.config.keys.normal.label(crate::action::Action::Mark);
            rows.push(Row::header(format!(
                "no highlight yet: {key} highlights the current sentence"
            )));
        }
        ListView::new(
            ListKind::Highlights,
            format!("Highlights — {count}; Enter goes to one, x removes it"),
            None,
            rows,
        )
    }
}

/// The glyph of a relation by its name.
fn relation_glyph(relation: &str) -> &'static str {
    match relation {
        "differs" => "≠",
        "agrees" => "=",
        _ => "~",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(sentence: usize, text: &str) -> Highlight {
        Highlight {
            sentence,
            text: text.into(),
            ..Highlight::default()
        }
    }

    #[test]
    fn a_highlight_is_found_at_its_place_or_where_its_sentence_moved() {
        let texts = ["A.", "B.", "C.", "B."];
        let text_of = |i: usize| texts[i].to_string();
        assert_eq!(locate(&h(1, "B."), 4, text_of), Some(1));
        // moved: the nearest sentence with the text
        assert_eq!(locate(&h(2, "B."), 4, text_of), Some(1));
        assert_eq!(locate(&h(9, "B."), 4, text_of), Some(3));
        assert_eq!(locate(&h(0, "Gone."), 4, text_of), None);
    }
}
