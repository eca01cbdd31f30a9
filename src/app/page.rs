//! Paging the article as a pager does: Space, PgDn and ctrl-f move the
//! view by a screen less an overlap of a line or two (as `less` does),
//! ctrl-d and ctrl-u by half a screen, so that no line is ever skipped;
//! the sentence cursor follows onto the new screen.

use super::App;

/// Lines a full page keeps from the screen before, for a pane of `height`
/// lines: two, one in a small pane, none in a pane of one or two lines.
pub fn overlap(height: usize) -> usize {
    match height {
        0..=2 => 0,
        3..=6 => 1,
        _ => 2,
    }
}

impl App {
    /// A page (or half a page) down or up. The view moves by the page,
    /// never beyond the end of the text, and stays there (pinned) for the
    /// next frame; the cursor goes to the first sentence that starts on the
    /// new screen (a half page moves it by the same number of lines, as
    /// vim's ctrl-d does). At the end (or the top) of the text the cursor
    /// goes to the last (or first) sentence. Before any frame has shown the
    /// article there is no page: one sentence.
    pub(super) fn page(&mut self, down: bool, half: bool) {
        let n = self.sentence_count(self.article);
        if n == 0 {
            return;
        }
        let cur = self.current_sentence();
        let next = if down {
            (cur + 1).min(n - 1)
        } else {
            cur.saturating_sub(1)
        };
        if !self.frame.measured_text() {
            self.set_sentence(next);
            return;
        }
        let (width, height) = self.frame.text_size;
        let h = usize::from(height);
        let wrapped = self.wrapped(self.article, width);
        let total = wrapped.lines.len();
        let max_top = total.saturating_sub(h);
        let top = self.frame.article_top;
        let step = if half {
            (h / 2).max(1)
        } else {
            h.saturating_sub(overlap(h)).max(1)
        };
        let cur_line = wrapped.sentence_line.get(cur).copied().unwrap_or(0);
        let by_lines = |line: usize| {
            let s = wrapped.sentence_at_line(line);
            if down {
                s.max(next)
            } else {
                s.min(next)
            }
        };
        let at_end = if down { top >= max_top } else { top == 0 };
        if at_end {
            let to = match (half, down) {
                (false, true) => n - 1,
                (false, false) => 0,
                (true, true) => by_lines(cur_line + step),
                (true, false) => by_lines(cur_line.saturating_sub(step)),
            };
            self.set_sentence(to.min(n - 1));
            self.pin_article_top(top);
            return;
        }
        let new_top = if down {
            (top + step).min(max_top)
        } else {
            top.saturating_sub(step)
        };
        let moved = new_top.abs_diff(top);
        let to = if half {
            // the cursor keeps its place on the screen
            if down {
                by_lines(cur_line + moved)
            } else {
                by_lines(cur_line.saturating_sub(moved))
            }
        } else {
            // the first sentence starting on the new screen, else the one
            // its first line is part of
            let s = wrapped.sentence_line.partition_point(|&l| l < new_top);
            if wrapped
                .sentence_line
                .get(s)
                .is_some_and(|&l| l < new_top + h)
            {
                s
            } else {
                wrapped.sentence_at_line(new_top)
            }
        };
        let to = to.min(n - 1);
        // a half page keeps the cursor on the screen it moved to
        let to = if half {
            let first = wrapped.sentence_line.get(to).copied().unwrap_or(0);
            let later = wrapped.sentence_line.partition_point(|&l| l < new_top);
            if first < new_top
                && wrapped
                    .sentence_line
                    .get(later)
                    .is_some_and(|&l| l < new_top + h)
            {
                later
            } else if first >= new_top + h {
                wrapped.sentence_at_line(new_top + h - 1)
            } else {
                to
            }
        } else {
            to
        };
        self.set_sentence(to);
        self.pin_article_top(new_top);
    }
}
