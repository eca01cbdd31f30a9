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
use eval_support::{f1, norm_name, norm_text};

/// Entity F1 reached when the floor was first set: 0.94 (typed 0.91); now
/// 0.984 (typed 0.952), after nationality adjectives stopped being read as
/// part of the name that follows them and roles before a name became titles.
const ENTITY_F1_FLOOR: f64 = 0.94;
const ENTITY_TYPED_F1_FLOOR: f64 = 0.90;
/// Strict date F1 reached when the floor was set: 0.955.
const DATE_F1_FLOOR: f64 = 0.90;

fn strs(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn tables<'a>(g: &'a toml::Table, key: &str) -> Vec<&'a toml::Table> {
    g.get(key)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_table).collect())
        .unwrap_or_default()
}

fn field<'a>(t: &'a toml::Table, k: &str) -> &'a str {
    t.get(k).and_then(toml::Value::as_str).unwrap_or("")
}

#[derive(Default, Debug)]
struct Counts {
    e_tp: f64,
    e_typed: f64,
    e_fp: f64,
    e_fn: f64,
    d_found: f64,
    d_right: f64,
    d_fp: f64,
    d_total: f64,
}

fn score_article(art: &Value, gold: &toml::Table, c: &mut Counts) {
    let required: Vec<(String, Vec<String>)> = tables(gold, "entity")
        .iter()
        .map(|e| {
            let names = strs(e.get("names")).iter().map(|n| norm_name(n)).collect();
            (field(e, "kind").to_string(), names)
        })
        .collect();
    let optional: Vec<String> = tables(gold, "optional")
        .iter()
        .flat_map(|e| strs(e.get("names")))
        .map(|n| norm_name(&n))
        .collect();
    let mut matched = vec![false; required.len()];
    for ent in art["entities"].as_array().into_iter().flatten() {
        let n = norm_name(ent["name"].as_str().unwrap_or(""));
        match required.iter().position(|(_, names)| names.contains(&n)) {
            None if optional.contains(&n) => {}
            None => c.e_fp += 1.0,
            Some(i) if matched[i] => c.e_fp += 1.0,
            Some(i) => {
                matched[i] = true;
                c.e_tp += 1.0;
                if ent["kind"].as_str() == Some(required[i].0.as_str()) {
                    c.e_typed += 1.0;
                }
            }
        }
    }
    c.e_fn += matched.iter().filter(|m| !**m).count() as f64;

    let golds: Vec<(String, String)> = tables(gold, "date")
        .iter()
        .map(|d| (norm_text(field(d, "text")), field(d, "value").to_string()))
        .collect();
    let optional: Vec<String> = tables(gold, "optional_date")
        .iter()
        .map(|d| norm_text(field(d, "text")))
        .collect();
    let mut used = vec![false; golds.len()];
    c.d_total += golds.len() as f64;
    for d in art["dates"].as_array().into_iter().flatten() {
        let t = norm_text(d["text"].as_str().unwrap_or(""));
        let v = d["value"].as_str().unwrap_or("");
        let overlaps = |g: &str| !t.is_empty() && (g == t || t.contains(g) || g.contains(&t));
        let mut best: Option<usize> = None;
        for (i, (gt, gv)) in golds.iter().enumerate() {
            if used[i] || !overlaps(gt) {
                continue;
            }
            if best.is_none() || best.is_some_and(|b| gv == v && golds[b].1 != v) {
                best = Some(i);
            }
        }
        match best {
            None if optional.iter().any(|o| overlaps(o)) => {}
            None => c.d_fp += 1.0,
            Some(i) => {
                used[i] = true;
                c.d_found += 1.0;
                if golds[i].1 == v {
                    c.d_right += 1.0;
                }
            }
        }
    }
}

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
    let e_f1 = f1(c.e_tp, c.e_fp, c.e_fn);
    let wrong_kind = c.e_tp - c.e_typed;
    let e_typed = f1(c.e_typed, c.e_fp + wrong_kind, c.e_fn + wrong_kind);
    let wrong_value = c.d_found - c.d_right;
    let d_f1 = f1(c.d_right, c.d_fp + wrong_value, c.d_total - c.d_right);
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
