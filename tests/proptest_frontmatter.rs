//! Property tests for front matter: splitting and parsing never panic, spans
//! stay inside the text, positions are real, and fields come out clean.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod proptest_support;

use dossier::corpus::frontmatter::{parse, split};
use dossier::text::sanitize::{clean_line, is_unsafe};
use proptest::prelude::*;
use proptest_support::{any_text, config, newsy_text};

fn assert_clean(s: &str) -> Result<(), TestCaseError> {
    prop_assert!(!s.chars().any(is_unsafe), "{:?}", s);
    Ok(())
}

/// A TOML basic string holding `s`, every character escaped as needed.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

proptest! {
    #![proptest_config(config(1_000, "tests/proptest-regressions/frontmatter.txt"))]

    #[test]
    fn split_spans_are_inside_the_text(
        fm in newsy_text(20),
        body in any_text(40),
        fence in prop::sample::select(vec!["+++", "+++ ", "---", "+++\r", ""]),
        shape in 0..3,
    ) {
        let text = match shape {
            0 => format!("{fence}\n{fm}\n{fence}\n{body}"),
            1 => format!("{fence}\n{fm}{body}"),
            _ => format!("{fence}{fm}"),
        };
        let s = split(&text);
        prop_assert!(s.body_offset <= text.len());
        prop_assert!(text.is_char_boundary(s.body_offset));
        prop_assert_eq!(s.body_line, 1 + text[..s.body_offset].matches('\n').count());
        if let Some(toml) = s.toml {
            let start = toml.as_ptr() as usize - text.as_ptr() as usize;
            prop_assert!(start + toml.len() <= s.body_offset);
        }
        if let Some(issue) = &s.issue {
            prop_assert!(issue.line >= 1 && issue.column >= 1);
        }
    }

    #[test]
    fn parse_never_panics_and_locates_issues(toml in any_text(60), first in 1usize..5) {
        let (meta, issues) = parse(&toml, first);
        let lines = toml.matches('\n').count() + 1;
        for i in &issues {
            prop_assert!(i.line >= first && i.line < first + lines, "{:?} in {} lines", i, lines);
            prop_assert!(i.column >= 1);
            assert_clean(&i.message.replace('\n', " "))?;
        }
        assert_clean(&meta.title)?;
        for s in [&meta.author, &meta.source, &meta.url, &meta.summary].into_iter().flatten() {
            assert_clean(s)?;
        }
        for (k, v) in &meta.extra {
            assert_clean(k)?;
            assert_clean(v)?;
        }
        prop_assert_eq!(parse(&toml, first), (meta, issues));
    }

    #[test]
    fn any_string_value_comes_back_cleaned(
        title in any_text(20),
        other in any_text(10),
        key in "[a-z_]{1,10}",
    ) {
        let toml = format!(
            "title = {}\n{key} = {}\nauthor = {}\n",
            toml_string(&title),
            toml_string(&other),
            toml_string(&other)
        );
        let (meta, issues) = parse(&toml, 2);
        prop_assert!(issues.iter().all(|i| !i.message.starts_with("bad TOML")), "{:?}", issues);
        let cleaned = clean_line(&other).into_owned();
        if !["title", "author"].contains(&key.as_str()) {
            prop_assert_eq!(meta.author.as_deref(), Some(cleaned.as_str()));
            if !["source", "url", "summary", "published"].contains(&key.as_str()) {
                prop_assert_eq!(meta.extra.get(&key).map(String::as_str), Some(cleaned.as_str()));
            }
            prop_assert_eq!(meta.title, clean_line(&title).into_owned());
        }
    }
}
