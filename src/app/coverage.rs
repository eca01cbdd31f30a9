//! Which other sources speak of the current sentence, and how: the coverage
//! strip at the top of the Links tab. Reading one report of an event, the
//! first question is whether the others carry it at all, and whether they
//! tell it the same way; a fact only one source states is worth knowing too.

use crate::analysis::links::{Relation, SentenceRef};
use crate::analysis::Analysis;

/// The other articles, sorted by what they say of one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Articles with a link that states the sentence's fact differently.
    pub differs: Vec<usize>,
    /// Articles that share a specific fact with it (and differ on none).
    pub agrees: Vec<usize>,
    /// Articles that speak of the same thing, no specific fact compared.
    pub related: Vec<usize>,
    /// Articles with no link to it.
    pub silent: usize,
}

impl Coverage {
    /// How the `articles` articles of a corpus cover sentence `here`: each
    /// other article counted once, under its strongest relation (differs,
    /// then agrees, then related), in article order.
    pub fn of(analysis: &Analysis, here: SentenceRef, articles: usize) -> Self {
        let links = analysis
            .articles
            .get(here.article)
            .and_then(|a| a.sentence_links.get(here.sentence))
            .map_or(&[][..], Vec::as_slice);
        let mut best: Vec<(usize, Relation)> = Vec::new();
        for &li in links {
            let (Some(l), Some(other)) = (analysis.links.get(li), analysis.other_end(li, here))
            else {
                continue;
            };
            match best.iter_mut().find(|(a, _)| *a == other.article) {
                Some((_, r)) if rank(l.relation) > rank(*r) => *r = l.relation,
                Some(_) => {}
                None => best.push((other.article, l.relation)),
            }
        }
        best.sort_unstable_by_key(|(a, _)| *a);
        let mut out = Self {
            silent: articles.saturating_sub(1).saturating_sub(best.len()),
            ..Self::default()
        };
        for (a, r) in best {
            match r {
                Relation::Differs => out.differs.push(a),
                Relation::Agrees => out.agrees.push(a),
                Relation::Related => out.related.push(a),
            }
        }
        out
    }

    /// Whether no other article speaks of it.
    pub fn alone(&self) -> bool {
        self.differs.is_empty() && self.agrees.is_empty() && self.related.is_empty()
    }
}

/// How much a relation says: a disagreement most, a loose relation least.
fn rank(r: Relation) -> u8 {
    match r {
        Relation::Differs => 2,
        Relation::Agrees => 1,
        Relation::Related => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::Link;
    use crate::analysis::ArticleAnalysis;

    fn at(article: usize, sentence: usize) -> SentenceRef {
        SentenceRef { article, sentence }
    }

    fn link(a: SentenceRef, b: SentenceRef, relation: Relation) -> Link {
        Link {
            a,
            b,
            score: 0.5,
            relation,
            why: String::new(),
        }
    }

    /// Four articles; sentence 0 of article 0 is linked to article 1 twice
    /// (related, then differs), to article 3 once (agrees); article 2 is
    /// silent.
    fn analysis() -> Analysis {
        let links = vec![
            link(at(0, 0), at(1, 2), Relation::Related),
            link(at(0, 0), at(1, 4), Relation::Differs),
            link(at(3, 1), at(0, 0), Relation::Agrees),
        ];
        let mut articles: Vec<ArticleAnalysis> =
            (0..4).map(|_| ArticleAnalysis::default()).collect();
        articles[0].sentence_links = vec![vec![0, 1, 2], vec![]];
        Analysis {
            articles,
            links,
            ..Analysis::default()
        }
    }

    #[test]
    fn each_other_article_counts_once_under_its_strongest_relation() {
        let c = Coverage::of(&analysis(), at(0, 0), 4);
        assert_eq!(
            c,
            Coverage {
                differs: vec![1],
                agrees: vec![3],
                related: vec![],
                silent: 1,
            }
        );
        assert!(!c.alone());
    }

    #[test]
    fn a_sentence_without_links_is_alone_and_everyone_else_silent() {
        let c = Coverage::of(&analysis(), at(0, 1), 4);
        assert!(c.alone());
        assert_eq!(c.silent, 3);
        // a sentence the analysis does not know is no panic either
        assert!(Coverage::of(&analysis(), at(9, 9), 4).alone());
    }
}
