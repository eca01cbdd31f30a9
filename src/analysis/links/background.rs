//! What the link stage knows of news at large: how rare each common word is
//! across many news articles (`data/links/background.tsv`), and which words
//! name one kind of event (`data/lexicon/event_words.txt`).
//!
//! A story's central word ("earthquake", "verdict") is in every article of
//! the story, so its rarity inside the open folder says it is common; its
//! rarity in news at large says it is specific. Both are terms' features,
//! weighed by the fitted model ([`super::model`]). Both lists are stemmed
//! when loaded, with the stemmer the claims use.

use crate::analysis::lexicon;
use crate::analysis::FnvMap;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

/// The background document frequencies, embedded.
const BACKGROUND_TSV: &str = include_str!("../../../data/links/background.tsv");

/// Document frequencies of stems in the background collection.
struct Background {
    /// How many articles the collection holds.
    documents: f32,
    /// In how many articles each stem occurs (the most of its words).
    df: FnvMap<String, u32>,
}

static BACKGROUND: LazyLock<Background> = LazyLock::new(|| {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut documents = 0.0;
    let mut df: FnvMap<String, u32> = FnvMap::default();
    for line in BACKGROUND_TSV.lines() {
        if let Some(n) = line.strip_prefix("# documents ") {
            documents = n.trim().parse().unwrap_or(0.0);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let Some((word, n)) = line.split_once('\t') else {
            continue;
        };
        let Ok(n) = n.trim().parse::<u32>() else {
            continue;
        };
        let e = df.entry(stemmer.stem(word).into_owned()).or_insert(0);
        *e = (*e).max(n);
    }
    Background { documents, df }
});

/// How rare a stem is in news at large, 0 (in every article) to 1 (in none
/// of the background's common words): `ln(N/df) / ln N`.
pub(super) fn rarity(stem: &str) -> f32 {
    let b = &*BACKGROUND;
    if b.documents <= 1.0 {
        return 1.0;
    }
    match b.df.get(stem) {
        Some(&df) => ((b.documents / df.max(1) as f32).ln() / b.documents.ln()).clamp(0.0, 1.0),
        None => 1.0,
    }
}

/// The event kinds: each word's stem to its row's name, and each name's
/// rarity in news at large (that of its most common word).
struct Events {
    kind: FnvMap<String, &'static str>,
    rarity: FnvMap<&'static str, f32>,
}

static EVENTS: LazyLock<Events> = LazyLock::new(|| {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut kind: FnvMap<String, &'static str> = FnvMap::default();
    let mut rarest: FnvMap<&'static str, f32> = FnvMap::default();
    for row in lexicon::EVENT_WORDS.lines() {
        let mut words = row.split_whitespace();
        let Some(name) = words.next() else { continue };
        for w in std::iter::once(name).chain(words) {
            let stem = stemmer.stem(w).into_owned();
            let r = rarity(&stem);
            kind.entry(stem).or_insert(name);
            let e = rarest.entry(name).or_insert(1.0);
            *e = e.min(r);
        }
    }
    Events {
        kind,
        rarity: rarest,
    }
});

/// The event kind a stemmed word names ("blaze" and "fire" name `fire`).
pub(super) fn event_kind(stem: &str) -> Option<&'static str> {
    EVENTS.kind.get(stem).copied()
}

/// How rare an event kind is in news at large.
pub(super) fn event_rarity(kind: &str) -> f32 {
    EVENTS.rarity.get(kind).copied().unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_list_is_read_whole() {
        let lines = BACKGROUND_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .count();
        assert!(BACKGROUND.documents > 200.0);
        // Stems join some words: fewer stems than lines, but most lines read.
        assert!(BACKGROUND.df.len() * 2 > lines, "{}", BACKGROUND.df.len());
        assert!(rarity("the") < 0.01);
        assert!(rarity("earthquak") > rarity("year"));
        assert!((rarity("zzyzzyva") - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn words_of_one_event_kind_share_it() {
        let stemmer = Stemmer::create(Algorithm::English);
        let kind = |w: &str| event_kind(&stemmer.stem(w));
        assert_eq!(kind("blaze"), Some("fire"));
        assert_eq!(kind("fire"), Some("fire"));
        assert_eq!(kind("acquisition"), kind("buy"));
        assert_eq!(kind("convicted"), kind("conviction"));
        assert_eq!(kind("table"), None);
        // Every word of the list is read, and none stems into two kinds.
        let mut seen: FnvMap<String, &str> = FnvMap::default();
        for row in lexicon::EVENT_WORDS.lines() {
            let name = row.split_whitespace().next().unwrap_or("");
            for w in row.split_whitespace() {
                let stem = stemmer.stem(w).into_owned();
                let before = seen.insert(stem.clone(), name);
                assert!(
                    before.is_none_or(|b| b == name),
                    "{w} ({stem}) in two kinds"
                );
                assert_eq!(event_kind(&stem), Some(name));
            }
        }
    }
}
