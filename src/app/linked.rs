//! `}` `{` and `)` `(`: the next (or previous) sentence with
//! cross-references, or one that another source states differently, on
//! across article boundaries; the Links tab selects that link, so that `c`
//! then compares the two sentences.

use super::views;
use super::{App, Focus, Tab};
use crate::analysis::links::SentenceRef;
use std::sync::Arc;

impl App {
    /// Moves to the next (or previous) sentence with cross-references, or
    /// with one that states its fact differently when `differs`, on into
    /// the following (or preceding) articles; the panel's Links tab selects
    /// that link (the differing one), so that `c` compares the two.
    pub(super) fn next_linked(&mut self, forward: bool, differs: bool) {
        let analysis = Arc::clone(&self.analysis);
        let links = &analysis.links;
        let counts = |li: usize| {
            !differs
                || links
                    .get(li)
                    .is_some_and(|l| l.relation == crate::analysis::links::Relation::Differs)
        };
        let wanted = |a: &crate::analysis::ArticleAnalysis, s: usize| {
            a.sentence_links
                .get(s)
                .is_some_and(|v| v.iter().any(|&li| counts(li)))
        };
        let cur = self.current_sentence();
        let n = analysis.articles.len();
        let mut found = None;
        let mut article = self.article;
        while article < n {
            let a = &analysis.articles[article];
            let len = a.sentence_links.len();
            let here = article == self.article;
            let s = if forward {
                let from = if here { cur + 1 } else { 0 };
                (from..len).find(|&s| wanted(a, s))
            } else {
                let to = if here { cur.min(len) } else { len };
                (0..to).rev().find(|&s| wanted(a, s))
            };
            if let Some(s) = s {
                found = Some(SentenceRef {
                    article,
                    sentence: s,
                });
                break;
            }
            if forward {
                article += 1;
            } else if article == 0 {
                break;
            } else {
                article -= 1;
            }
        }
        let Some(to) = found else {
            self.status = Some(format!(
                "no {} sentence {}",
                if forward { "later" } else { "earlier" },
                if differs {
                    "that another source states differently"
                } else {
                    "with cross-references"
                }
            ));
            return;
        };
        if to.article == self.article {
            self.focus = Focus::Article;
            self.set_sentence(to.sentence);
        } else {
            self.jump(to);
            self.status = Some(format!(
                "on to article {}: {}",
                to.article + 1,
                views::source_name(&self.corpus, to.article, 50)
            ));
        }
        let sel = self
            .current_links()
            .iter()
            .position(|&li| counts(li))
            .unwrap_or(0);
        self.panel_sel[Tab::Links.index()] = sel;
    }
}
