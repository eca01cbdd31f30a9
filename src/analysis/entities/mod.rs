//! Named entities: people, places and organisations, found in running text
//! and merged into one row per real thing across the corpus.
//!
//! No model: capitalised runs ([`chunk`]) weighed by general evidence
//! (titles, head words, cue nouns, prepositions, verbs of speech) and a
//! gazetteer ([`gazetteer`]); then one pass over the whole corpus joins the
//! names of one thing ([`merge`]): spelling variants, acronyms and their
//! expansions, surnames and full names, names the text declares equal.

pub mod chunk;
pub mod gazetteer;
pub mod lexicon;
pub mod merge;

use super::segment::Sentence;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chunk::{Cand, DocCands, WordStats};
use gazetteer::Gazetteer;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The kind of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A named human being.
    Person,
    /// A country, city, region, island, sea.
    Place,
    /// A company, government body, party, institution, group of states.
    Organization,
    /// Anything else worth naming.
    Other,
}

impl Kind {
    /// The contract's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Place => "place",
            Self::Organization => "organization",
            Self::Other => "other",
        }
    }
}

/// One real thing, with every name the corpus uses for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name: the fullest form the corpus uses.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// Every form it appears under, the canonical one included.
    pub aliases: Vec<String>,
}

/// One mention of an entity in an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Index into the corpus-wide entity list.
    pub entity: usize,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// Byte offset in the body.
    pub start: usize,
    /// Byte offset after it.
    pub end: usize,
}

/// An entity a user declares in `config.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomEntity {
    /// Its canonical name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// Other names it goes by.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// What the user adds to and removes from the extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntitySettings {
    /// Entities to recognise whatever the rules say.
    pub custom: Vec<CustomEntity>,
    /// Names never to report.
    pub ignore: Vec<String>,
}

/// The text of one article, as entity extraction sees it.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// The body.
    pub body: &'a str,
    /// Its sentences.
    pub sentences: &'a [Sentence],
}

/// The entities of a corpus and their mentions, per article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// One row per real thing.
    pub entities: Vec<Entity>,
    /// For each article, its mentions in body order.
    pub mentions: Vec<Vec<Mention>>,
}

/// Finds the entities of every document and merges them across the corpus.
///
/// Two parallel passes over the documents (word statistics, then
/// candidates) and one linear merge; nothing is quadratic in the corpus.
pub fn extract(docs: &[Doc<'_>], settings: &EntitySettings) -> Extraction {
    let gaz = Gazetteer::get();
    let stats = docs
        .par_iter()
        .map(|d| WordStats::of_doc(d.body, &chunk::tokenize(d.body, d.sentences)))
        .reduce(WordStats::default, WordStats::merge);
    let custom = CustomMatcher::new(&settings.custom);
    let per_doc: Vec<DocCands> = docs
        .par_iter()
        .map(|d| {
            let toks = chunk::tokenize(d.body, d.sentences);
            let found = gaz.find_all(d.body);
            chunk::candidates(d.body, &toks, gaz, &found, &stats, custom.find(d))
        })
        .collect();
    merge::merge(&per_doc, settings)
}

/// Finds the names and aliases of user-declared entities in a text.
struct CustomMatcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the index of its custom entity.
    owner: Vec<usize>,
}

impl CustomMatcher {
    fn new(custom: &[CustomEntity]) -> Self {
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, c) in custom.iter().enumerate() {
            for n in std::iter::once(&c.name).chain(&c.aliases) {
                if !n.trim().is_empty() {
                    patterns.push(n.trim().to_string());
                    owner.push(i);
                }
            }
        }
        let automaton = (!patterns.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        Self { automaton, owner }
    }

    fn find(&self, doc: &Doc<'_>) -> Vec<Cand> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let body = doc.body;
        ac.find_iter(body)
            .filter(|m| {
                let before = body[..m.start()].chars().next_back();
                let after = body[m.end()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|m| {
                let sentence = doc
                    .sentences
                    .partition_point(|s| s.end <= m.start())
                    .min(doc.sentences.len().saturating_sub(1));
                Cand {
                    start: m.start(),
                    end: m.end(),
                    sentence,
                    name: body[m.start()..m.end()].to_string(),
                    words: 1,
                    gaz: None,
                    acronym: false,
                    ev: [0.0; 4],
                    custom: Some(self.owner[m.pattern().as_usize()]),
                    weak_place: 0.0,
                }
            })
            .collect()
    }
}
