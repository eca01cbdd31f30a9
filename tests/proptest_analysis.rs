//! Property tests for the whole analysis on small corpora of arbitrary text:
//! no panic, every span on a character boundary inside its article and its
//! sentence, every index valid, the same corpus always analysed the same
//! way, and the JSON export free of control characters.

mod proptest_support;

use dossier::analysis::{export, Analysis, Settings};
use dossier::corpus::sanitize::{clean_text, is_unsafe};
use dossier::corpus::{Article, Corpus, Meta, PartialDate};
use proptest::prelude::*;
use proptest_support::{any_text, config, file_bytes, newsy_text};
use std::path::PathBuf;

/// A corpus built in memory from bodies, sanitised as the loader would.
fn corpus_of(bodies: &[(String, Option<PartialDate>)]) -> Corpus {
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

fn in_span(start: usize, end: usize, body: &str) -> bool {
    start <= end && end <= body.len() && body.is_char_boundary(start) && body.is_char_boundary(end)
}

/// Every invariant of an analysis over its corpus.
fn check(corpus: &Corpus, analysis: &Analysis) -> Result<(), TestCaseError> {
    prop_assert_eq!(analysis.articles.len(), corpus.articles.len());
    prop_assert_eq!(analysis.entity_counts.len(), analysis.entities.len());
    for (a, x) in corpus.articles.iter().zip(&analysis.articles) {
        let body = &a.body;
        prop_assert_eq!(x.sentence_links.len(), x.sentences.len());
        for s in &x.sentences {
            prop_assert!(s.start < s.end && in_span(s.start, s.end, body), "{:?}", s);
        }
        for m in &x.mentions {
            prop_assert!(m.entity < analysis.entities.len(), "{:?}", m);
            let s = x.sentences.get(m.sentence);
            prop_assert!(
                s.is_some(),
                "mention in sentence {} of {}",
                m.sentence,
                x.sentences.len()
            );
            let s = s.map(|s| s.range()).unwrap_or_default();
            prop_assert!(m.start < m.end && in_span(m.start, m.end, body), "{:?}", m);
            prop_assert!(
                s.start <= m.start && m.end <= s.end,
                "{:?} outside {:?}",
                m,
                s
            );
        }
        for d in &x.dates {
            prop_assert!(d.start < d.end && in_span(d.start, d.end, body), "{:?}", d);
            let s = x.sentences.get(d.sentence).map(|s| s.range());
            prop_assert!(
                s.is_some(),
                "date in sentence {} of {}",
                d.sentence,
                x.sentences.len()
            );
            let s = s.unwrap_or_default();
            prop_assert!(
                s.start <= d.start && d.end <= s.end,
                "{:?} outside {:?}",
                d,
                s
            );
            prop_assert_eq!(&body[d.start..d.end], d.text.as_str());
        }
        for links in &x.sentence_links {
            for &l in links {
                prop_assert!(l < analysis.links.len());
            }
        }
    }
    for l in &analysis.links {
        for r in [l.a, l.b] {
            let sentences = analysis.articles.get(r.article).map(|x| x.sentences.len());
            prop_assert!(sentences.is_some_and(|n| r.sentence < n), "{:?}", l);
        }
        prop_assert!(
            l.a.article != l.b.article,
            "a link joins two articles: {:?}",
            l
        );
        prop_assert!(l.score.is_finite(), "{:?}", l);
    }
    for e in &analysis.entities {
        prop_assert!(!e.name.chars().any(is_unsafe), "{:?}", e);
    }
    let mut json = Vec::new();
    export::write_json(corpus, analysis, &mut json)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_slice(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let text = value.to_string();
    // serde_json escapes control characters, so look at the parsed strings
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => {
                prop_assert!(!s.chars().any(is_unsafe), "{:?} in the export", s);
            }
            serde_json::Value::Array(a) => stack.extend(a),
            serde_json::Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
    prop_assert!(!text.is_empty());
    Ok(())
}

fn date() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        (1990i16..2030, 1i8..13, 1i8..29).prop_map(|(y, m, d)| PartialDate::day(y, m, d)),
        (1990i16..2030).prop_map(|y| Some(PartialDate::year(y))),
    ]
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn analysis_of_arbitrary_text_keeps_its_invariants(
        bodies in proptest::collection::vec((any_text(150), date()), 1..5),
    ) {
        let corpus = corpus_of(&bodies);
        let settings = Settings::default();
        let analysis = Analysis::run(&corpus, &settings);
        check(&corpus, &analysis)?;
        prop_assert_eq!(Analysis::run(&corpus, &settings), analysis, "deterministic");
    }

    #[test]
    fn related_newsy_articles_keep_their_invariants(
        shared in newsy_text(40),
        bodies in proptest::collection::vec((newsy_text(80), date()), 2..5),
    ) {
        // a shared passage gives the linker something to link
        let bodies: Vec<_> = bodies
            .into_iter()
            .map(|(b, d)| (format!("{b}\n\n{shared}"), d))
            .collect();
        let corpus = corpus_of(&bodies);
        let analysis = Analysis::run(&corpus, &Settings::default());
        check(&corpus, &analysis)?;
    }
}

proptest! {
    #![proptest_config(config(40))]

    /// Through the real loader: arbitrary bytes in files of a temporary folder.
    #[test]
    fn loading_and_analysing_arbitrary_files(
        files in proptest::collection::vec(
            (file_bytes(), prop::sample::select(vec!["md", "txt"])), 1..5),
    ) {
        let tmp = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (i, (bytes, ext)) in files.iter().enumerate() {
            std::fs::write(tmp.path().join(format!("f{i}.{ext}")), bytes)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        match Corpus::load(tmp.path()) {
            Ok(corpus) => {
                prop_assert_eq!(corpus.articles.len() + corpus.problems.iter().filter(|p| p.skipped).count(), files.len());
                for a in &corpus.articles {
                    prop_assert!(!a.body.chars().any(|c| c != '\n' && is_unsafe(c)));
                    prop_assert!(!a.meta.title.chars().any(is_unsafe));
                }
                for p in &corpus.problems {
                    prop_assert!(!p.to_string().chars().any(is_unsafe), "{}", p);
                }
                let analysis = Analysis::run(&corpus, &Settings::default());
                check(&corpus, &analysis)?;
                let again = Corpus::load(tmp.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(Analysis::run(&again, &Settings::default()), analysis);
            }
            // only when every file was refused (binary)
            Err(e) => prop_assert!(e.to_string().contains("no articles"), "{}", e),
        }
    }
}
