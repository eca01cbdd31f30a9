//! Cross-references: sentences of different articles that make claims about
//! the same fact, scored, with a relation and a reason.

use super::dates::DateMention;
use super::entities::{Entity, Mention};
use super::segment::Sentence;
use crate::corpus::PartialDate;
use serde::{Deserialize, Serialize};

/// A sentence of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SentenceRef {
    /// Index of the article in the corpus.
    pub article: usize,
    /// Index of the sentence in the article.
    pub sentence: usize,
}

/// How two linked claims relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// They share a specific fact.
    Agrees,
    /// They state different facts about the same thing.
    Differs,
    /// They speak of the same thing without a shared specific fact.
    Related,
}

impl Relation {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agrees => "agrees",
            Self::Differs => "differs",
            Self::Related => "related",
        }
    }
}

/// A cross-reference between two sentences of different articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// One side (the article earlier in the corpus order).
    pub a: SentenceRef,
    /// The other side.
    pub b: SentenceRef,
    /// Strength, 0–1.
    pub score: f32,
    /// How the claims relate.
    pub relation: Relation,
    /// What is shared and, for `differs`, what differs.
    pub why: String,
}

/// Thresholds for emitting links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkSettings {
    /// Links scoring below this are dropped.
    pub threshold: f32,
    /// At most this many links per sentence, best first.
    pub max_per_sentence: usize,
}

impl Default for LinkSettings {
    fn default() -> Self {
        Self {
            threshold: 0.35,
            max_per_sentence: 3,
        }
    }
}

/// One article as link computation sees it.
#[derive(Debug, Clone, Copy)]
pub struct LinkDoc<'a> {
    /// The body.
    pub body: &'a str,
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Its entity mentions, in body order.
    pub mentions: &'a [Mention],
    /// Its dates, in body order.
    pub dates: &'a [DateMention],
    /// When it was published.
    pub published: Option<PartialDate>,
}

/// Links the claims of every pair of articles.
pub fn link(docs: &[LinkDoc<'_>], entities: &[Entity], settings: &LinkSettings) -> Vec<Link> {
    let _ = (docs, entities, settings);
    Vec::new()
}
