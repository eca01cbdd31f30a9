//! score.py's matching rules, shared by the tests that score the analysis
//! against hand-written gold (`heldout.rs`, `dev_links.rs`).

// Each test binary uses its own part of this module.
#![allow(dead_code)]

/// score.py's `norm_name`: case-folded, possessive and punctuation removed,
/// a leading "the" dropped.
pub fn norm_name(s: &str) -> String {
    let s = s.to_lowercase().replace(['’', '‘'], "'");
    let s = s.replace("'s ", " ");
    let s = s.strip_suffix("'s").unwrap_or(&s).to_string();
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
}

/// score.py's `norm_text`: dashes and quotes unified, space collapsed, case-folded.
pub fn norm_text(s: &str) -> String {
    let s = s.replace(['’', '‘'], "'").replace(['–', '—'], "-");
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// F1 of counts of true positives, false positives and misses.
pub fn f1(tp: f64, fp: f64, fn_: f64) -> f64 {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// score.py's entity and date counts over the articles it scores.
#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub e_tp: f64,
    pub e_typed: f64,
    pub e_fp: f64,
    pub e_fn: f64,
    pub d_found: f64,
    pub d_right: f64,
    pub d_fp: f64,
    pub d_total: f64,
}

impl Counts {
    /// Entity F1, as score.py reports it.
    pub fn entity_f1(&self) -> f64 {
        f1(self.e_tp, self.e_fp, self.e_fn)
    }

    /// Typed entity F1: a hit of the wrong kind counts as a false alarm and
    /// a miss.
    pub fn entity_typed_f1(&self) -> f64 {
        let wrong = self.e_tp - self.e_typed;
        f1(self.e_typed, self.e_fp + wrong, self.e_fn + wrong)
    }

    /// Strict date F1: a date found with the wrong value counts as a false
    /// alarm and a miss.
    pub fn date_f1(&self) -> f64 {
        let wrong = self.d_found - self.d_right;
        f1(self.d_right, self.d_fp + wrong, self.d_total - self.d_right)
    }
}

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

/// A string field of a gold table, empty when absent.
pub fn field<'a>(t: &'a toml::Table, k: &str) -> &'a str {
    t.get(k).and_then(toml::Value::as_str).unwrap_or("")
}

/// score.py's `score_entities` and `score_dates` for one exported article
/// against its gold, added to `c`.
pub fn score_article(art: &serde_json::Value, gold: &toml::Table, c: &mut Counts) {
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
