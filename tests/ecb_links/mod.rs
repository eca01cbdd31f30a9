//! `score_links.py`'s scoring of cross-document links against ECB+ event
//! chains, ported: each export sentence is mapped to the ECB+ sentences its
//! text holds (by containment, in reading order, ignoring case and white
//! space); a link counts for the pairs of fully annotated source sentences
//! its two sides hold (links touching any other sentence are ignored); a
//! pair is a hit when both sentences hold mentions of one event chain. The
//! figures are pooled over the folders of a set (micro), and the pairs that
//! join the two stories of a topic (`…ecb` and `…ecbplus` articles) are
//! counted.

use dossier::analysis::{Analysis, Settings};
use dossier::corpus::Corpus;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A source sentence: (article id, ECB+ sentence number).
type Src = (String, u64);

/// Pooled counts of one set.
#[derive(Debug, Default, Clone, Copy)]
pub struct Figures {
    pub tp: usize,
    pub fp: usize,
    pub missed: usize,
    /// Linked pairs whose two sentences belong to the two stories of a topic.
    pub cross_story: usize,
}

impl Figures {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.missed)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    fn add(self, o: Figures) -> Figures {
        Figures {
            tp: self.tp + o.tp,
            fp: self.fp + o.fp,
            missed: self.missed + o.missed,
            cross_story: self.cross_story + o.cross_story,
        }
    }
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.3} R {:.3} F1 {:.3} (hits {}, false {}, missed {}, cross-story {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.missed,
            self.cross_story
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// `score_links.py`'s `squash`: quotes and dashes folded, invisible
/// characters and all white space removed, lower case.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
                )
        })
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Scores every folder of one set (`corpus/NAME/` with `gold/events/NAME/`).
pub fn score_set(set: &Path) -> Figures {
    let mut groups: Vec<_> = std::fs::read_dir(set.join("corpus"))
        .expect("the set's corpus folder reads")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    groups.sort();
    groups
        .par_iter()
        .map(|g| {
            let name = g.file_name().expect("a folder has a name");
            score_group(g, &set.join("gold/events").join(name))
        })
        .reduce(Figures::default, Figures::add)
}

fn score_group(corpus_dir: &Path, gold_dir: &Path) -> Figures {
    let corpus = Corpus::load(corpus_dir).expect("the story opens");
    let analysis = Analysis::run(&corpus, &Settings::default());
    let sents: Value = serde_json::from_str(
        &std::fs::read_to_string(gold_dir.join("sentences.json")).expect("sentences.json reads"),
    )
    .expect("sentences.json is JSON");
    let gold: toml::Table = toml::from_str(
        &std::fs::read_to_string(gold_dir.join("links.toml")).expect("links.toml reads"),
    )
    .expect("links.toml is TOML");
    // Each export sentence's annotated source sentences.
    let mut annotated: BTreeSet<Src> = BTreeSet::new();
    let mut src_of: Vec<Vec<BTreeSet<Src>>> = Vec::new();
    let empty = Vec::new();
    for (a, x) in corpus.articles.iter().zip(&analysis.articles) {
        let source = sents["articles"][&a.id].as_array().unwrap_or(&empty);
        let mut text = String::new();
        let mut owner: Vec<usize> = Vec::new();
        for (k, s) in source.iter().enumerate() {
            let n = s["n"].as_u64().unwrap_or(0);
            if s["annotated"].as_bool().unwrap_or(false) {
                annotated.insert((a.id.clone(), n));
            }
            let t = squash(s["text"].as_str().unwrap_or(""));
            owner.extend(std::iter::repeat_n(k, t.len()));
            text.push_str(&t);
        }
        let mut pos = 0;
        let mut mapped = Vec::new();
        for s in &x.sentences {
            let q = squash(a.body.get(s.range()).unwrap_or(""));
            let found = if q.is_empty() {
                None
            } else {
                text.get(pos..)
                    .and_then(|t| t.find(&q))
                    .map(|p| p + pos)
                    .or_else(|| text.find(&q))
            };
            let set: BTreeSet<Src> = match found {
                Some(p) => {
                    pos = p + q.len();
                    owner[p..p + q.len()]
                        .iter()
                        .map(|&k| (a.id.clone(), source[k]["n"].as_u64().unwrap_or(0)))
                        .filter(|s| annotated.contains(s))
                        .collect()
                }
                None => BTreeSet::new(),
            };
            mapped.push(set);
        }
        src_of.push(mapped);
    }
    let mut gold_pairs: BTreeSet<(Src, Src)> = BTreeSet::new();
    for c in gold
        .get("claim")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        let locs: Vec<Src> = c
            .get("members")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|m| {
                Some((
                    m.get("article")?.as_str()?.to_string(),
                    u64::try_from(m.get("sentence")?.as_integer()?).ok()?,
                ))
            })
            .collect();
        for i in 0..locs.len() {
            for j in i + 1..locs.len() {
                if locs[i].0 != locs[j].0 {
                    let (x, y) = (locs[i].clone(), locs[j].clone());
                    gold_pairs.insert((x.clone().min(y.clone()), x.max(y)));
                }
            }
        }
    }
    let mut linked: BTreeMap<(Src, Src), ()> = BTreeMap::new();
    for l in &analysis.links {
        let (sa, sb) = (
            &src_of[l.a.article][l.a.sentence],
            &src_of[l.b.article][l.b.sentence],
        );
        for x in sa {
            for y in sb {
                if x != y {
                    linked.insert((x.clone().min(y.clone()), x.clone().max(y.clone())), ());
                }
            }
        }
    }
    let mut f = Figures::default();
    for k in linked.keys() {
        if gold_pairs.contains(k) {
            f.tp += 1;
        } else {
            f.fp += 1;
        }
        if k.0 .0.ends_with("ecbplus") != k.1 .0.ends_with("ecbplus") {
            f.cross_story += 1;
        }
    }
    f.missed = gold_pairs
        .iter()
        .filter(|k| !linked.contains_key(*k))
        .count();
    f
}
