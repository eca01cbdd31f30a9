//! Held-out generalisation check: the analysis runs on eight BBC articles that
//! were not used to tune it, and entity and date F1 against the hand gold in
//! `tests/heldout/gold/` must stay above a floor, so a rule that overfits the
//! dev articles and breaks other news fails CI. The scoring mirrors
//! `score.py`'s matching rules (name normalisation, date text containment).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

use dossier::analysis::{export, Analysis, Settings};
use dossier::corpus::Corpus;
use serde_json::Value;
use std::path::Path;

mod eval_support;
use eval_support::{field, norm_name, score_article, Counts};

/// Entity F1 reached when the floor was first set: 0.94 (typed 0.91); now
/// 0.984 (typed 0.952), after nationality adjectives stopped being read as
/// part of the name that follows them and roles before a name became titles.
const ENTITY_F1_FLOOR: f64 = 0.94;
const ENTITY_TYPED_F1_FLOOR: f64 = 0.90;
/// Strict date F1 reached when the floor was set: 0.955.
const DATE_F1_FLOOR: f64 = 0.90;

#[test]
fn norm_name_follows_the_scorer() {
    assert_eq!(norm_name("The Labour Party's"), "labour party");
    assert_eq!(norm_name("U.S."), "u s");
    assert_eq!(norm_name("O’Sullivan"), "o sullivan");
}

#[test]
fn heldout_scores_stay_above_their_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/heldout");
    let corpus = Corpus::load(&root.join("corpus")).expect("the held-out corpus opens");
    let analysis = Analysis::run(&corpus, &Settings::default());
    let mut buf = Vec::new();
    export::write_json(&corpus, &analysis, &mut buf).expect("export writes to memory");
    let json: Value = serde_json::from_slice(&buf).expect("the export is JSON");
    let mut c = Counts::default();
    let mut seen = 0;
    for f in std::fs::read_dir(root.join("gold")).expect("gold dir") {
        let path = f.expect("gold entry").path();
        let gold: toml::Table =
            toml::from_str(&std::fs::read_to_string(&path).expect("gold reads"))
                .expect("gold is TOML");
        let id = field(&gold, "article");
        let art = json["articles"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["id"].as_str() == Some(id)))
            .unwrap_or_else(|| panic!("article {id} missing from the export"));
        score_article(art, &gold, &mut c);
        seen += 1;
    }
    assert_eq!(seen, 8, "every held-out article has gold");
    let (e_f1, e_typed, d_f1) = (c.entity_f1(), c.entity_typed_f1(), c.date_f1());
    eprintln!("held-out: entity F1 {e_f1:.3} typed {e_typed:.3}; date F1 {d_f1:.3}; {c:?}");
    assert!(
        e_f1 >= ENTITY_F1_FLOOR,
        "entity F1 {e_f1:.3} fell below {ENTITY_F1_FLOOR}"
    );
    assert!(
        e_typed >= ENTITY_TYPED_F1_FLOOR,
        "typed entity F1 {e_typed:.3} fell below {ENTITY_TYPED_F1_FLOOR}"
    );
    assert!(
        d_f1 >= DATE_F1_FLOOR,
        "date F1 {d_f1:.3} fell below {DATE_F1_FLOOR}"
    );
}
