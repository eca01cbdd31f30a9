//! Named entities: people, places and organisations, found in running text
//! and merged into one row per real thing across the corpus.

use super::segment::Sentence;
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
pub fn extract(docs: &[Doc<'_>], settings: &EntitySettings) -> Extraction {
    let _ = settings;
    Extraction {
        entities: Vec::new(),
        mentions: vec![Vec::new(); docs.len()],
    }
}
