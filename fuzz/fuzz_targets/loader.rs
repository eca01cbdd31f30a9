//! Fuzz the loader: arbitrary bytes as a Markdown and as a text file —
//! decoding, front matter or header, sanitising. Nothing may panic, and
//! every string that comes out must be safe to print.
#![no_main]

use dossier::corpus::Article;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

#[path = "../../tests/proptest_support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.md", "fuzz.txt"] {
        let Ok(article) = Article::from_bytes(Path::new(name), data.to_vec()) else {
            continue;
        };
        invariants::check_safe("body", &article.body, true).unwrap();
        invariants::check_safe("title", &article.meta.title, false).unwrap();
        for s in [&article.meta.author, &article.meta.source, &article.meta.url, &article.meta.summary]
            .into_iter()
            .flatten()
        {
            invariants::check_safe("meta", s, false).unwrap();
        }
        for (k, v) in &article.meta.extra {
            invariants::check_safe("extra key", k, false).unwrap();
            invariants::check_safe("extra value", v, false).unwrap();
        }
        for w in &article.warnings {
            invariants::check_safe("warning", w, false).unwrap();
        }
    }
});
