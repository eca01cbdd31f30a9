//! The export contract is the project's own: `docs/export.schema.json`
//! validates every export made here — the bundled articles, a generated
//! corpus, and a folder of Markdown, plain text and a saved web page — and
//! the schema agrees with `docs/export.md` on the version.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

use dossier::analysis::{export, Analysis, Settings};
use dossier::corpus::Corpus;
use serde_json::Value;
use std::path::Path;

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn export_of(dir: &Path) -> Value {
    let corpus = Corpus::load(dir).unwrap();
    let analysis = Analysis::run(&corpus, &Settings::default());
    let mut out = Vec::new();
    export::write_json(&corpus, &analysis, &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn assert_valid(instance: &Value) {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_bundled_articles_export_valid_json() {
    let v = export_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    assert_valid(&v);
    assert_eq!(v["version"], export::VERSION);
    let a = &v["articles"][0];
    assert_eq!(a["format"], "markdown");
    assert!(a["author"].is_string() && a["source"].is_string());
    assert!(!v["links"].as_array().unwrap().is_empty());
}

#[test]
fn a_generated_corpus_exports_valid_json() {
    let dir = tempfile::tempdir().unwrap();
    dossier::generate::generate(dir.path(), 30, 5).unwrap();
    assert_valid(&export_of(dir.path()));
}

#[test]
fn every_format_exports_valid_json_with_nulls_for_the_unknown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plain.txt"),
        "A plain title\n\nThe council met on 4 May 2021. It agreed on the budget.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes on the budget\n\nThe *council* met [again](https://example.test/x).\n\n- one\n- two\n",
    )
    .unwrap();
    let paragraph = "<p>The council of the town met on Tuesday and agreed on the budget for \
        next year, after a long debate about the library, the pool and the roads that \
        residents have asked to be repaired since the winter floods.</p>";
    std::fs::write(
        dir.path().join("page.html"),
        format!(
            "<html><head><title>Budget agreed</title><meta property=\"og:site_name\" content=\"Town News\"></head>\
             <body><article><h1>Budget agreed</h1>{}</article></body></html>",
            paragraph.repeat(6)
        ),
    )
    .unwrap();
    let v = export_of(dir.path());
    assert_valid(&v);
    let by_id = |id: &str| {
        v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .cloned()
            .unwrap()
    };
    let txt = by_id("plain");
    assert_eq!(txt["format"], "text");
    assert!(txt["author"].is_null() && txt["source"].is_null() && txt["url"].is_null());
    let md = by_id("notes");
    assert_eq!(md["format"], "markdown");
    assert_eq!(md["title"], "Notes on the budget");
    let html = by_id("page");
    assert_eq!(html["format"], "html");
    assert_eq!(html["source"], "Town News");
    assert_eq!(html["title"], "Budget agreed");
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let dir = tempfile::tempdir().unwrap();
    dossier::generate::generate(dir.path(), 3, 1).unwrap();
    let good = export_of(dir.path());
    let validator = jsonschema::validator_for(&schema()).unwrap();
    assert!(validator.is_valid(&good));
    let mut missing = good.clone();
    missing["articles"][0]
        .as_object_mut()
        .unwrap()
        .remove("format");
    assert!(!validator.is_valid(&missing), "a missing format passed");
    let mut bad = good.clone();
    bad["articles"][0]["format"] = "pdf".into();
    assert!(!validator.is_valid(&bad), "an unknown format passed");
    let mut old = good;
    old["version"] = 1.into();
    assert!(!validator.is_valid(&old), "version 1 passed");
}

#[test]
fn the_document_names_the_version_the_schema_requires() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export.md"))
        .unwrap();
    let version = export::VERSION;
    assert!(doc.starts_with(&format!("# The export contract (version {version})")));
    assert_eq!(schema()["properties"]["version"]["const"], version);
}
