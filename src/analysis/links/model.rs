//! The fitted link model: how much each kind of shared term and each pair
//! feature counts, and where a pair becomes a link.
//!
//! A pair of sentences is described by a few features ([`Features`]): the
//! weight of the terms they share, per kind of term, by their rarity in the
//! open folder and in news at large ([`super::background`]); how alike
//! their two articles are; whether they anchor one entity to one time or
//! one amount; and what counts against one event (two places, two years,
//! two months or days, two amounts of one measure, publication dates far
//! apart). A logistic model over them says how likely the two speak of one
//! event: `z = bias + Σ wᵢ·fᵢ`. The weights are fitted by
//! `scripts/fit_links.py` on the ECB+ development stories; the cut, the
//! cap of links per other article and how firmly the features with no
//! hand-set weight are held at 0 are chosen there with the five articles'
//! help, and all are shipped in `data/links/weights.toml`, embedded here.
//!
//! The score a link carries is `σ(z − cut + logit(DEFAULT_THRESHOLD))`: the
//! fitted cut scores exactly the default threshold, so the user's threshold
//! keeps its meaning (higher is stricter).

use super::DEFAULT_THRESHOLD;
use serde::Deserialize;
use std::sync::LazyLock;

/// The fitted weights, embedded.
const WEIGHTS_TOML: &str = include_str!("../../../data/links/weights.toml");

/// The names of the features, in the order of [`Features`]' slots; the
/// weights file and the fitting script use the same names.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "word",
    "word_background",
    "name",
    "entity",
    "phrase",
    "event",
    "event_background",
    "journey",
    "day",
    "month",
    "year",
    "amount",
    "unit",
    "document",
    "anchor",
    "close_amounts",
    "place_conflict",
    "year_conflict",
    "amount_conflict",
    "published_gap",
    "person_conflict",
    "story_year_conflict",
    "length",
    "story_names",
    "date_conflict",
];

/// How many features a pair has.
pub const FEATURES: usize = 25;

/// Feature slots, by name.
pub(super) mod slot {
    pub const WORD: usize = 0;
    pub const WORD_BG: usize = 1;
    pub const NAME: usize = 2;
    pub const ENTITY: usize = 3;
    pub const PHRASE: usize = 4;
    pub const EVENT: usize = 5;
    pub const EVENT_BG: usize = 6;
    pub const JOURNEY: usize = 7;
    pub const DAY: usize = 8;
    pub const MONTH: usize = 9;
    pub const YEAR: usize = 10;
    pub const AMOUNT: usize = 11;
    pub const UNIT: usize = 12;
    pub const DOCUMENT: usize = 13;
    pub const ANCHOR: usize = 14;
    pub const CLOSE: usize = 15;
    pub const PLACE_CONFLICT: usize = 16;
    pub const YEAR_CONFLICT: usize = 17;
    pub const AMOUNT_CONFLICT: usize = 18;
    pub const GAP: usize = 19;
    pub const PERSON_CONFLICT: usize = 20;
    pub const STORY_YEAR_CONFLICT: usize = 21;
    pub const LENGTH: usize = 22;
    pub const STORY_NAMES: usize = 23;
    pub const DATE_CONFLICT: usize = 24;
    /// The slots that sum shared terms (the rest describe the pair).
    pub const TERMS: usize = 13;
}

/// The features of one pair of sentences.
pub type Features = [f32; FEATURES];

/// The weights file as written.
#[derive(Debug, Deserialize)]
struct File {
    bias: f32,
    cut: f32,
    per_article: u8,
    weights: std::collections::BTreeMap<String, f32>,
}

/// The model: a weight per feature, the bias and the cut.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Weight per feature, in [`FEATURE_NAMES`] order.
    pub w: Features,
    /// The intercept.
    pub bias: f32,
    /// The value of `z` at which a pair is linked by default.
    pub cut: f32,
    /// At most this many links from one sentence to the sentences of one
    /// other article (chosen with the cut).
    pub per_article: u8,
}

impl Model {
    /// Reads a weights file; `None` when it does not parse or names a
    /// feature that does not exist.
    pub fn parse(text: &str) -> Option<Self> {
        let file: File = toml::from_str(text).ok()?;
        let mut w = [0.0; FEATURES];
        for (name, value) in &file.weights {
            let i = FEATURE_NAMES.iter().position(|n| n == name)?;
            w[i] = *value;
        }
        // Shared terms only ever count for a link: the candidate search
        // bounds a pair's score by the terms it shares.
        for x in &mut w[..slot::TERMS] {
            *x = x.max(0.0);
        }
        Some(Self {
            w,
            bias: file.bias,
            cut: file.cut,
            per_article: file.per_article.max(1),
        })
    }

    /// `z` of a pair.
    pub fn z(&self, f: &Features) -> f32 {
        self.bias + self.w.iter().zip(f).map(|(w, x)| w * x).sum::<f32>()
    }

    /// The score of a pair whose linear part is `z`, 0–1: the default
    /// threshold at the fitted cut.
    pub fn score(&self, z: f32) -> f32 {
        let shift = (DEFAULT_THRESHOLD / (1.0 - DEFAULT_THRESHOLD)).ln();
        1.0 / (1.0 + (-(z - self.cut + shift)).exp())
    }
}

/// The shipped model. The file is tested to parse; were it not to, a model
/// that links nothing stands in (no link rather than a wrong one).
pub(super) static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::parse(WEIGHTS_TOML).unwrap_or(Model {
        w: [0.0; FEATURES],
        bias: -10.0,
        cut: 0.0,
        per_article: 1,
    })
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_parse_and_name_real_features() {
        let m = Model::parse(WEIGHTS_TOML).expect("data/links/weights.toml parses");
        assert_eq!(*MODEL, m);
        assert!(m.w.iter().any(|&w| w > 0.0));
        assert!(FEATURE_NAMES.len() == FEATURES);
        assert!(m.per_article >= 1);
        assert!(
            Model::parse("bias = 0\ncut = 0\nper_article = 3\n[weights]\nnonsense = 1\n").is_none()
        );
    }

    #[test]
    fn the_cut_scores_the_default_threshold() {
        let m = Model::parse("bias = -1\ncut = 0.5\nper_article = 3\n[weights]\nword = 2\n")
            .expect("parses");
        assert!((m.score(0.5) - DEFAULT_THRESHOLD).abs() < 1e-6);
        assert!(m.score(1.0) > DEFAULT_THRESHOLD && m.score(0.0) < DEFAULT_THRESHOLD);
        let mut f = [0.0; FEATURES];
        f[slot::WORD] = 1.0;
        assert!((m.z(&f) - 1.0).abs() < 1e-6);
    }
}
