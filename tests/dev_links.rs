//! The cross-references of the five default articles, scored against the
//! hand-written claim clusters of `tests/dev/links.toml` (a copy of
//! `shared/eval/gold/links.toml`) the way `score.py` scores them: a link is
//! right when its two sentences hold quotes of one cluster. The floors are
//! those reached, a little below the measured figures, with issue 15's
//! targets (link F1 0.50, claims covered 0.80, and for `differs` recall
//! 0.60 and precision 0.80) beside them. A change to the linking that loses
//! them fails CI.
//!
//! When `../shared/eval/external` is there, the ECB+ development stories
//! are scored as `score_links.py` scores them (`ecb_links.rs`): one story
//! per folder precision and F1 above issue 15's floors (0.85 and 0.62); two
//! stories per folder F1 above 0.58 with at most 2% of the scored links
//! joining the two (issue 15's targets). Without it, that test says so and
//! passes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

use dossier::analysis::{export, Analysis, Settings};
use dossier::corpus::Corpus;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod eval_support;
use eval_support::{f1, norm_text};

mod ecb_links;

// The floors reached (each a little below the measured figure), with
// issue 15's target beside each where it is not reached yet.
/// Measured 0.492 (0.414 before the fitting script chose how firmly the
/// features with no hand-set weight are held at 0, with the five articles'
/// F1 weighing in: see `scripts/fit_links.py`); issue 15's target 0.50
/// (not reached).
const LINK_F1_FLOOR: f64 = 0.47;
/// Measured 0.727; issue 15's target 0.80 (not reached).
const CLAIMS_COVERED_FLOOR: f64 = 0.70;
/// Measured 0.667; issue 15's target 0.60.
const DIFFERS_RECALL_FLOOR: f64 = 0.60;
/// Measured 1.000; issue 15's target 0.80.
const DIFFERS_PRECISION_FLOOR: f64 = 0.80;
/// ECB+ one story per folder: measured P 0.891 and F1 0.708; issue 15's
/// targets P 0.85 and F1 0.62.
const ECB_PRECISION_FLOOR: f64 = 0.88;
const ECB_F1_FLOOR: f64 = 0.70;
/// Two stories per folder: measured F1 0.687 (target 0.58) with 1.7% of
/// the scored links joining the two stories (issue 15's target 2%).
const MIXED_F1_FLOOR: f64 = 0.67;
const MIXED_CROSS_STORY_CEILING: f64 = 0.02;

/// A sentence: (article id, sentence index).
type At = (String, usize);

/// score.py's `locate`: the sentence holding a quote, or where a quote that
/// runs over a sentence boundary starts.
fn locate(sentences: &[String], quote: &str) -> Option<usize> {
    let q = norm_text(quote);
    let norm: Vec<String> = sentences.iter().map(|s| norm_text(s)).collect();
    if let Some(i) = norm.iter().position(|s| s.contains(&q)) {
        return Some(i);
    }
    let joined = norm.join(" ");
    let pos = joined.find(&q)?;
    let mut acc = 0;
    for (i, s) in norm.iter().enumerate() {
        if pos < acc + s.len() + 1 {
            return Some(i);
        }
        acc += s.len() + 1;
    }
    None
}

#[derive(Debug, Default)]
struct Scores {
    tp: usize,
    fp: usize,
    gold_pairs: usize,
    found_pairs: usize,
    diff_tp: usize,
    diff_fp: usize,
    gold_diffs: usize,
    diff_found: usize,
    claims: usize,
    claims_touched: usize,
}

fn score(json: &Value, gold: &toml::Table) -> Scores {
    let sentences: BTreeMap<&str, Vec<String>> = json["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let s = a["sentences"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| s.as_str().unwrap_or("").to_string())
                .collect();
            (a["id"].as_str().unwrap_or(""), s)
        })
        .collect();
    let claims: Vec<&toml::Table> = gold
        .get("claim")
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_table).collect())
        .unwrap_or_default();
    let mut member_of: BTreeMap<At, BTreeSet<usize>> = BTreeMap::new();
    let mut gold_pairs: BTreeMap<(At, At), bool> = BTreeMap::new();
    for (ci, c) in claims.iter().enumerate() {
        let members = c.get("members").and_then(toml::Value::as_array);
        let locs: Vec<Option<At>> = members
            .into_iter()
            .flatten()
            .map(|m| {
                let article = m.get("article")?.as_str()?;
                let quote = m.get("quote")?.as_str()?;
                let s = locate(sentences.get(article)?, quote)?;
                Some((article.to_string(), s))
            })
            .collect();
        assert!(
            locs.iter().all(Option::is_some),
            "every quote of claim {ci} is found in the export"
        );
        let differs: BTreeSet<(usize, usize)> = c
            .get("differs")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| {
                let p = p.as_array()?;
                let (i, j) = (p.first()?.as_integer()?, p.get(1)?.as_integer()?);
                Some((i.min(j) as usize, i.max(j) as usize))
            })
            .collect();
        let locs: Vec<At> = locs.into_iter().flatten().collect();
        for l in &locs {
            member_of.entry(l.clone()).or_default().insert(ci);
        }
        for i in 0..locs.len() {
            for j in i + 1..locs.len() {
                let (a, b) = (&locs[i], &locs[j]);
                if a.0 != b.0 {
                    let key = (a.min(b).clone(), a.max(b).clone());
                    *gold_pairs.entry(key).or_default() |= differs.contains(&(i, j));
                }
            }
        }
    }
    let mut s = Scores {
        gold_pairs: gold_pairs.len(),
        gold_diffs: gold_pairs.values().filter(|d| **d).count(),
        claims: claims.len(),
        ..Scores::default()
    };
    let mut hit: BTreeSet<(At, At)> = BTreeSet::new();
    let empty = BTreeSet::new();
    for l in json["links"].as_array().into_iter().flatten() {
        let side = |k: &str| -> At {
            (
                l[k]["article"].as_str().unwrap_or("").to_string(),
                l[k]["sentence"].as_u64().unwrap_or(0) as usize,
            )
        };
        let (a, b) = (side("a"), side("b"));
        let shared = member_of
            .get(&a)
            .unwrap_or(&empty)
            .intersection(member_of.get(&b).unwrap_or(&empty))
            .count();
        if a.0 == b.0 || shared == 0 {
            s.fp += 1;
            continue;
        }
        let key = (a.clone().min(b.clone()), a.max(b));
        if !hit.insert(key.clone()) {
            continue;
        }
        s.tp += 1;
        if l["relation"].as_str() == Some("differs") {
            if gold_pairs.get(&key).copied().unwrap_or(false) {
                s.diff_tp += 1;
            } else {
                s.diff_fp += 1;
            }
        }
    }
    s.found_pairs = gold_pairs.keys().filter(|k| hit.contains(*k)).count();
    s.diff_found = gold_pairs
        .iter()
        .filter(|(k, d)| **d && hit.contains(*k))
        .count();
    s.claims_touched = (0..claims.len())
        .filter(|ci| {
            hit.iter().any(|(x, y)| {
                member_of.get(x).is_some_and(|m| m.contains(ci))
                    && member_of.get(y).is_some_and(|m| m.contains(ci))
            })
        })
        .count();
    s
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn the_default_articles_links_reach_the_issues_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = Corpus::load(&root.join("content")).expect("the default corpus opens");
    let analysis = Analysis::run(&corpus, &Settings::default());
    let mut buf = Vec::new();
    export::write_json(&corpus, &analysis, &mut buf).expect("export writes to memory");
    let json: Value = serde_json::from_slice(&buf).expect("the export is JSON");
    let gold: toml::Table = toml::from_str(
        &std::fs::read_to_string(root.join("tests/dev/links.toml")).expect("the gold reads"),
    )
    .expect("the gold is TOML");
    let s = score(&json, &gold);
    let link_f1 = f1(
        s.tp as f64,
        s.fp as f64,
        (s.gold_pairs - s.found_pairs) as f64,
    );
    let covered = ratio(s.claims_touched, s.claims);
    let diff_r = ratio(s.diff_found, s.gold_diffs);
    let diff_p = ratio(s.diff_tp, s.diff_tp + s.diff_fp);
    eprintln!(
        "links: P {:.3} R {:.3} F1 {link_f1:.3}; claims covered {covered:.3}; differs R {diff_r:.3} P {diff_p:.3}; {s:?}",
        ratio(s.tp, s.tp + s.fp),
        ratio(s.found_pairs, s.gold_pairs),
    );
    assert!(link_f1 >= LINK_F1_FLOOR, "link F1 {link_f1:.3}");
    assert!(
        covered >= CLAIMS_COVERED_FLOOR,
        "claims covered {covered:.3}"
    );
    assert!(diff_r >= DIFFERS_RECALL_FLOOR, "differs recall {diff_r:.3}");
    assert!(
        diff_p >= DIFFERS_PRECISION_FLOOR,
        "differs precision {diff_p:.3}"
    );
}

#[test]
fn the_scorer_counts_a_right_a_wrong_and_a_missed_link() {
    let json: Value = serde_json::json!({
        "articles": [
            {"id": "x", "sentences": ["Rain fell on Monday.", "Markets rose."]},
            {"id": "y", "sentences": ["It rained on Monday.", "Nobody cared."]},
            {"id": "z", "sentences": ["Monday was wet."]},
        ],
        "links": [
            {"a": {"article": "x", "sentence": 0}, "b": {"article": "y", "sentence": 0}, "relation": "differs"},
            {"a": {"article": "y", "sentence": 0}, "b": {"article": "x", "sentence": 0}, "relation": "agrees"},
            {"a": {"article": "x", "sentence": 1}, "b": {"article": "y", "sentence": 1}, "relation": "agrees"},
        ],
    });
    let gold: toml::Table = toml::from_str(
        r#"
        [[claim]]
        about = "rain on Monday"
        members = [
          { article = "x", quote = "rain fell" },
          { article = "y", quote = "It rained" },
          { article = "z", quote = "Monday was wet" },
        ]
        "#,
    )
    .expect("test gold is TOML");
    let s = score(&json, &gold);
    // The same pair twice counts once.
    assert_eq!((s.tp, s.fp), (1, 1));
    assert_eq!((s.gold_pairs, s.found_pairs), (3, 1));
    assert_eq!((s.claims, s.claims_touched), (1, 1));
    // Marked `differs` where the gold agrees.
    assert_eq!((s.diff_tp, s.diff_fp, s.gold_diffs), (0, 1, 0));
}

#[test]
fn the_ecbplus_stories_links_reach_the_issues_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/external");
    if !root.join("ecbplus-traindev").is_dir() {
        eprintln!("skipped: no ECB+ development stories at {}", root.display());
        return;
    }
    let one = ecb_links::score_set(&root.join("ecbplus-traindev"));
    eprintln!("ecbplus-traindev: {one}");
    assert!(
        one.precision() >= ECB_PRECISION_FLOOR,
        "precision {:.3}",
        one.precision()
    );
    assert!(one.f1() >= ECB_F1_FLOOR, "F1 {:.3}", one.f1());
    let mixed = ecb_links::score_set(&root.join("ecbplus-traindev-mixed"));
    eprintln!("ecbplus-traindev-mixed: {mixed}");
    assert!(mixed.f1() >= MIXED_F1_FLOOR, "F1 {:.3}", mixed.f1());
    let share = ratio(mixed.cross_story, mixed.tp + mixed.fp);
    assert!(share <= MIXED_CROSS_STORY_CEILING, "cross-story {share:.3}");
}
