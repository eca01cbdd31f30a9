//! TOML front matter between `+++` lines: split it from the body, read the
//! fields dossier knows, keep the rest, and say where anything is wrong.

use super::date::PartialDate;
use crate::text::sanitize::{clean_line, clean_line_report};
use std::collections::BTreeMap;

/// The metadata of an article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The title; the file's id when none is given.
    pub title: String,
    /// The author, when given.
    pub author: Option<String>,
    /// The publication, when given.
    pub source: Option<String>,
    /// When it was published, to the precision given.
    pub published: Option<PartialDate>,
    /// Where it was first published.
    pub url: Option<String>,
    /// A one-paragraph summary.
    pub summary: Option<String>,
    /// Keys dossier does not know, kept as written.
    pub extra: BTreeMap<String, String>,
    /// When the article was read from the text of a pasted web page (a
    /// `.txt` file or Markdown without front matter that carries a page's
    /// menus and footers): the whole text, and the lines set aside from the
    /// body. `None` for every other article.
    pub pasted: Option<std::sync::Arc<super::pasted::Pasted>>,
    /// The format the article was read from.
    pub format: super::markdown::Format,
    /// Formatting of the body (Markdown headings, emphasis, quotes, list
    /// items, links), as byte ranges of the body; empty for plain text.
    pub marks: Vec<super::markdown::Mark>,
}

/// A problem found in the front matter, with its line and column in the file
/// (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Line in the file.
    pub line: usize,
    /// Column in the line.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// The front matter split from a document.
#[derive(Debug, Default)]
pub struct Split<'a> {
    /// The TOML between the fences, when there is front matter.
    pub toml: Option<&'a str>,
    /// Byte offset of the body in the document.
    pub body_offset: usize,
    /// Line (1-based) on which the body starts.
    pub body_line: usize,
    /// A problem with the fences themselves.
    pub issue: Option<Issue>,
}

impl Split<'_> {
    /// Whether the text opens with front matter (well formed or not).
    pub fn has_front_matter(&self) -> bool {
        self.toml.is_some() || self.issue.is_some()
    }
}

/// Splits `+++` front matter from the text. An unterminated block is an
/// issue, and the whole text after the opening fence is taken as the body.
pub fn split(text: &str) -> Split<'_> {
    let mut lines = line_starts(text);
    let Some((0, first)) = lines.next() else {
        return Split {
            body_line: 1,
            ..Split::default()
        };
    };
    if first.trim_end() == "---" {
        return split_yaml(lines);
    }
    if first.trim_end() != "+++" {
        return Split {
            body_line: 1,
            ..Split::default()
        };
    }
    let toml_start = first.len();
    for (n, (start, line)) in lines.enumerate() {
        if line.trim_end() == "+++" {
            return Split {
                toml: Some(&text[toml_start..start]),
                body_offset: start + line.len(),
                body_line: n + 2 + usize::from(line.ends_with('\n')),
                issue: None,
            };
        }
    }
    Split {
        toml: None,
        body_offset: toml_start,
        body_line: if first.ends_with('\n') { 2 } else { 1 },
        issue: Some(Issue {
            line: 1,
            column: 1,
            message: "front matter opened with +++ is never closed".into(),
        }),
    }
}

/// YAML front matter between `---` lines is not read, but it is not shown
/// as the body either: a note says why the metadata is missing. Without a
/// closing `---` the first line is a Markdown rule and all is body.
fn split_yaml<'a>(lines: impl Iterator<Item = (usize, &'a str)>) -> Split<'a> {
    for (n, (start, line)) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Split {
                toml: None,
                body_offset: start + line.len(),
                body_line: n + 2 + usize::from(line.ends_with('\n')),
                issue: Some(Issue {
                    line: 1,
                    column: 1,
                    message: "front matter between --- (YAML) is not read; use TOML between +++"
                        .into(),
                }),
            };
        }
    }
    Split {
        body_line: 1,
        ..Split::default()
    }
}

/// Lines with their byte offsets, each including its line ending.
fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |pos, line| {
        let start = *pos;
        *pos += line.len();
        Some((start, line))
    })
}

/// Reads the TOML of a front matter block that starts on `first_line` of the
/// file. Returns what could be read and every problem found.
pub fn parse(toml_text: &str, first_line: usize) -> (Meta, Vec<Issue>) {
    let mut meta = Meta::default();
    let mut issues = Vec::new();
    let index = crate::text::LineIndex::new(toml_text);
    let at = |span: std::ops::Range<usize>| {
        let (line, column) = index.line_col(span.start);
        (line + first_line - 1, column)
    };
    let table: BTreeMap<String, toml::Spanned<toml::Value>> = match toml::from_str(toml_text) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = e.span().map_or((first_line, 1), at);
            issues.push(Issue {
                line,
                column,
                message: format!("bad TOML: {}", e.message()),
            });
            return (meta, issues);
        }
    };
    for (key, value) in table {
        let (line, column) = at(value.span());
        let value = value.into_inner();
        let text = match &value {
            toml::Value::String(s) => {
                let (clean, report) = clean_line_report(s);
                if report.is_hostile() {
                    issues.push(Issue {
                        line,
                        column,
                        message: format!("`{}`: {}", clean_line(&key), report.describe()),
                    });
                }
                Some(clean.into_owned())
            }
            _ => None,
        };
        let known = matches!(
            key.as_str(),
            "title" | "author" | "source" | "published" | "url" | "summary"
        );
        if !known {
            let shown = text.unwrap_or_else(|| clean_line(&value.to_string()).into_owned());
            meta.extra.insert(clean_line(&key).into_owned(), shown);
            continue;
        }
        // `published = 2016-05-17` (a TOML date) is as good as the string
        let text = match (text, &value) {
            (None, toml::Value::Datetime(d)) if key == "published" => Some(
                d.date
                    .map_or_else(|| d.to_string(), |date| date.to_string()),
            ),
            (None, toml::Value::Integer(y)) if key == "published" => Some(y.to_string()),
            (t, _) => t,
        };
        let Some(text) = text else {
            issues.push(Issue {
                line,
                column,
                message: format!("`{key}` must be a string, found {}", value.type_str()),
            });
            continue;
        };
        match key.as_str() {
            "title" => meta.title = text,
            "author" => meta.author = Some(text),
            "source" => meta.source = Some(text),
            "url" => meta.url = Some(text),
            "summary" => meta.summary = Some(text),
            _ => match parse_published(&text) {
                Some(d) => meta.published = Some(d),
                None => issues.push(Issue {
                    line,
                    column,
                    message: format!("`published = {text:?}` is not YYYY-MM-DD, YYYY-MM or YYYY"),
                }),
            },
        }
    }
    issues.sort_by_key(|i| (i.line, i.column));
    (meta, issues)
}

/// A published date as written: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, and a
/// time of day after the date (`2016-05-17T10:15:00Z`, `2016-05-17 10:15`)
/// is allowed and ignored.
fn parse_published(text: &str) -> Option<PartialDate> {
    PartialDate::parse(text).or_else(|| {
        let text = text.trim();
        let date = text.get(..10)?;
        let time = text.get(10..)?;
        (time.starts_with(['T', 't', ' ']) && time[1..].starts_with(|c: char| c.is_ascii_digit()))
            .then(|| PartialDate::parse(date))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_line() {
        let doc = "+++\ntitle = \"T\"\n+++\n\nBody.\n";
        let s = split(doc);
        assert_eq!(s.toml, Some("title = \"T\"\n"));
        assert_eq!(&doc[s.body_offset..], "\nBody.\n");
        assert_eq!(s.body_line, 4);
        assert!(s.issue.is_none());
    }

    #[test]
    fn closing_fence_at_end_of_file_leaves_an_empty_body_on_its_line() {
        let doc = "+++\ntitle = \"T\"\n+++";
        let s = split(doc);
        assert_eq!(s.toml, Some("title = \"T\"\n"));
        assert_eq!((s.body_offset, s.body_line), (doc.len(), 3));
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("Just text.\n");
        assert_eq!((s.toml, s.body_offset, s.body_line), (None, 0, 1));
    }

    #[test]
    fn unterminated_front_matter_is_an_issue() {
        let s = split("+++\ntitle = \"T\"\nBody never fenced.\n");
        assert_eq!(s.issue.map(|i| i.line), Some(1));
        assert_eq!(s.toml, None);
    }

    #[test]
    fn reads_known_fields_and_keeps_unknown_ones() {
        let (m, issues) = parse(
            "title = \"A\"\nauthor = \"B\"\npublished = \"2016-05\"\noriginal = \"x.txt\"\n",
            2,
        );
        assert!(issues.is_empty());
        assert_eq!(m.title, "A");
        assert_eq!(m.author.as_deref(), Some("B"));
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2016-05")
        );
        assert_eq!(m.extra.get("original").map(String::as_str), Some("x.txt"));
    }

    #[test]
    fn bad_values_name_their_line_and_column() {
        let (m, issues) = parse("title = \"A\"\npublished = \"someday\"\nauthor = 3\n", 2);
        assert_eq!(m.title, "A");
        assert_eq!(issues.len(), 2);
        assert_eq!((issues[0].line, issues[0].column), (3, 13));
        assert!(issues[0].message.contains("someday"));
        assert_eq!(issues[1].line, 4);
        assert!(issues[1].message.contains("must be a string"));
    }

    #[test]
    fn bad_toml_names_its_line() {
        let (_, issues) = parse("title = \"A\"\ntitle = = 3\n", 2);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].line, 3);
        assert!(issues[0].message.starts_with("bad TOML"));
    }

    #[test]
    fn yaml_front_matter_is_noted_and_kept_out_of_the_body() {
        let doc = "---\ntitle: T\n---\nBody.\n";
        let s = split(doc);
        assert_eq!(&doc[s.body_offset..], "Body.\n");
        assert_eq!(s.body_line, 4);
        assert!(s.issue.is_some_and(|i| i.message.contains("YAML")));
        let rule = "---\nJust a rule, then text.\n";
        let s = split(rule);
        assert_eq!((s.body_offset, s.issue.is_none()), (0, true));
    }

    #[test]
    fn times_after_a_published_date_are_ignored() {
        for doc in [
            "published = 2016-05-17T10:15:00Z\n",
            "published = 2016-05-17 10:15:00\n",
            "published = \"2016-05-17T10:15:00+09:00\"\n",
            "published = \"2016-05-17 10:15\"\n",
        ] {
            let (m, issues) = parse(doc, 2);
            assert!(issues.is_empty(), "{doc}: {issues:?}");
            assert_eq!(
                m.published.map(|d| d.to_string()).as_deref(),
                Some("2016-05-17"),
                "{doc}"
            );
        }
        let (_, issues) = parse("published = \"2016-05-17xyz\"\n", 2);
        assert_eq!(issues.len(), 1);
    }

    #[test]
    fn many_keys_are_located_in_one_pass() {
        let toml: String = (0..20_000).map(|i| format!("k{i} = {i}\n")).collect();
        let toml = format!("{toml}published = \"never\"\n");
        let (m, issues) = parse(&toml, 2);
        assert_eq!(m.extra.len(), 20_000);
        assert_eq!((issues[0].line, issues[0].column), (20_002, 13));
    }

    #[test]
    fn hostile_strings_in_fields_and_extra_keys_are_cleaned() {
        let (m, issues) = parse(
            "title = \"a\\u001b]0;pwned\\u0007b\"\n\"k\\u001b[31m\" = \"v\\u009b2J\\u202e\"\nlist = [\"\\u001b[5m\"]\n",
            2,
        );
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert!(issues[0].message == "`title`: removed 1 escape sequence");
        assert_eq!((issues[0].line, issues[0].column), (2, 9));
        assert_eq!(m.title, "ab");
        assert_eq!(m.extra.get("k").map(String::as_str), Some("v"));
        let list = m.extra.get("list").map(String::as_str).unwrap_or_default();
        assert!(
            !list.chars().any(crate::text::sanitize::is_unsafe),
            "{list:?}"
        );
    }

    #[test]
    fn toml_dates_are_accepted_for_published() {
        let (m, issues) = parse("published = 2016-05-17\n", 2);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2016-05-17")
        );
    }
}
