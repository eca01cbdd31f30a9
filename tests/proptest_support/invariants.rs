//! The invariants of an analysis over its corpus, as plain checks (no test
//! framework), shared by the property tests and the fuzz targets.
#![allow(dead_code)]

use dossier::analysis::{export, Analysis};
use dossier::corpus::{Article, Corpus, Meta, PartialDate};
use dossier::text::sanitize::clean_text;
use dossier::text::sanitize::is_unsafe;
use std::path::PathBuf;

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

fn in_span(start: usize, end: usize, body: &str) -> bool {
    start <= end && end <= body.len() && body.is_char_boundary(start) && body.is_char_boundary(end)
}

/// Whether a sanitised body, title or other string is safe to print.
pub fn check_safe(what: &str, s: &str, newlines_ok: bool) -> Result<(), String> {
    let bad = s
        .chars()
        .find(|&c| is_unsafe(c) && !(newlines_ok && c == '\n'));
    ensure!(bad.is_none(), "{what} holds {bad:?}: {s:?}");
    Ok(())
}

/// Every invariant of `analysis` over `corpus`: spans on character
/// boundaries inside their article and sentence, indices valid, strings
/// safe, and the JSON export well formed and free of control characters.
pub fn check(corpus: &Corpus, analysis: &Analysis) -> Result<(), String> {
    ensure!(
        analysis.articles.len() == corpus.articles.len(),
        "one analysis per article"
    );
    ensure!(
        analysis.entity_counts.len() == analysis.entities.len(),
        "one count per entity"
    );
    for (a, x) in corpus.articles.iter().zip(&analysis.articles) {
        let body = &a.body;
        check_safe("body", body, true)?;
        check_safe("title", &a.meta.title, false)?;
        check_safe("id", &a.id, false)?;
        ensure!(
            x.sentence_links.len() == x.sentences.len(),
            "sentence_links per sentence"
        );
        let mut last = 0;
        for s in &x.sentences {
            ensure!(
                s.start < s.end && in_span(s.start, s.end, body),
                "sentence {s:?}"
            );
            ensure!(s.start >= last, "sentences overlap at {s:?}");
            last = s.end;
        }
        for m in &x.mentions {
            ensure!(
                m.entity < analysis.entities.len(),
                "mention of no entity: {m:?}"
            );
            let s = x
                .sentences
                .get(m.sentence)
                .map(dossier::analysis::segment::Sentence::range);
            let Some(s) = s else {
                return Err(format!(
                    "mention in sentence {} of {}",
                    m.sentence,
                    x.sentences.len()
                ));
            };
            ensure!(
                m.start < m.end && in_span(m.start, m.end, body),
                "mention span {m:?}"
            );
            ensure!(
                s.start <= m.start && m.end <= s.end,
                "{m:?} outside its sentence {s:?}"
            );
        }
        for d in &x.dates {
            ensure!(
                d.start < d.end && in_span(d.start, d.end, body),
                "date span {d:?}"
            );
            let s = x
                .sentences
                .get(d.sentence)
                .map(dossier::analysis::segment::Sentence::range);
            let Some(s) = s else {
                return Err(format!(
                    "date in sentence {} of {}",
                    d.sentence,
                    x.sentences.len()
                ));
            };
            ensure!(
                s.start <= d.start && d.end <= s.end,
                "{d:?} outside its sentence {s:?}"
            );
            ensure!(
                body[d.start..d.end] == d.text,
                "date text differs from its span: {d:?}"
            );
        }
        for links in &x.sentence_links {
            for &l in links {
                ensure!(
                    l < analysis.links.len(),
                    "sentence link {l} of {}",
                    analysis.links.len()
                );
            }
        }
    }
    for l in &analysis.links {
        for r in [l.a, l.b] {
            let n = analysis.articles.get(r.article).map(|x| x.sentences.len());
            ensure!(
                n.is_some_and(|n| r.sentence < n),
                "link end out of range: {l:?}"
            );
        }
        ensure!(
            l.a.article != l.b.article,
            "a link joins two articles: {l:?}"
        );
        ensure!(l.score.is_finite(), "link score {l:?}");
        check_safe("link reason", &l.why, false)?;
    }
    for e in &analysis.entities {
        check_safe("entity name", &e.name, false)?;
        for alias in &e.aliases {
            check_safe("entity alias", alias, false)?;
        }
    }
    let mut json = Vec::new();
    export::write_json(corpus, analysis, &mut json).map_err(|e| e.to_string())?;
    let value: serde_json::Value = serde_json::from_slice(&json).map_err(|e| e.to_string())?;
    // serde_json escapes control characters, so look at the parsed strings
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => check_safe("export string", s, false)?,
            serde_json::Value::Array(a) => stack.extend(a),
            serde_json::Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
    Ok(())
}

/// A corpus built in memory from bodies, sanitised as the loader would.
pub fn corpus_of(bodies: &[(String, Option<PartialDate>)]) -> Corpus {
    let articles = bodies
        .iter()
        .enumerate()
        .map(|(i, (body, published))| Article {
            id: format!("a{i}"),
            path: PathBuf::from(format!("a{i}.md")),
            meta: Meta {
                title: format!("Article {i}"),
                published: *published,
                ..Meta::default()
            },
            body: clean_text(body).0.into_owned(),
            body_line: 1,
            warnings: Vec::new(),
        })
        .collect();
    Corpus {
        root: PathBuf::from("."),
        articles,
        problems: Vec::new(),
    }
}
