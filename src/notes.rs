//! `dossier notes [DIR]`: the reader's highlights written out, the habit of
//! Readwise, Kindle and Obsidian readers — per source its citation
//! (author, title, source, date, URL), then each highlight as a Markdown
//! block quote with its note, and for a cross-reference both sentences with
//! their relation and why; or the same as JSON.
//!
//! Highlights live in the reading state (never in the content folder); each
//! is found again in its article by its sentence's text, so one whose
//! sentence has moved is quoted from where it is now, and one whose
//! sentence is gone is still quoted, from the state, and said to be gone.
//! Everything written is made safe for a terminal first: the state file is
//! the user's to edit, and its text could hold escape sequences.

use crate::app::clipboard::cite_article;
use crate::app::highlights::locate;
use crate::config::Config;
use crate::corpus::{Article, Corpus};
use crate::state::{self, ArticleKey, Highlight, ReadingState};
use crate::text::sanitize::clean_line;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// The formats `dossier notes` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown: a section per source, block quotes, notes.
    Markdown,
    /// JSON: the same, for other tools.
    Json,
}

/// One highlight as written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteOut {
    /// The sentence's number (1-based) in its article now, if it is there.
    pub sentence: Option<usize>,
    /// The sentence.
    pub text: String,
    /// The reader's note ("" for none).
    pub note: String,
    /// When it was made (seconds since the Unix epoch).
    pub created: u64,
    /// For a cross-reference, its other end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair: Option<PairOut>,
}

/// The other end of a highlighted cross-reference, as written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairOut {
    /// The other article's citation.
    pub citation: String,
    /// The other sentence's number (1-based) when it was highlighted.
    pub sentence: usize,
    /// The other sentence.
    pub text: String,
    /// `agrees`, `differs` or `related`.
    pub relation: String,
    /// Why the two are linked.
    pub why: String,
}

/// One source's highlights, as written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceOut {
    /// The article's id in its folder.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its author, when known.
    pub author: Option<String>,
    /// Its publication, when known.
    pub source: Option<String>,
    /// When it was published, as given.
    pub published: Option<String>,
    /// Where it was first published.
    pub url: Option<String>,
    /// "Author, “Title”, Source, date, URL".
    pub citation: String,
    /// Its highlights, in the order they were made.
    pub highlights: Vec<NoteOut>,
}

/// One line, safe for a terminal.
fn safe(s: &str) -> String {
    clean_line(&crate::text::one_line(s)).into_owned()
}

/// The highlights of one article, each found again in its sentences.
fn article_notes(article: &Article, highlights: &[Highlight]) -> SourceOut {
    let sentences = crate::analysis::segment::split(&article.body);
    let text_of = |i: usize| {
        sentences
            .get(i)
            .filter(|s| article.body.get(s.start..s.end).is_some())
            .map(|s| crate::analysis::export::sentence_text(&article.body, s))
            .unwrap_or_default()
    };
    let meta = &article.meta;
    SourceOut {
        id: safe(&article.id),
        title: safe(&meta.title),
        author: meta.author.as_deref().map(safe),
        source: meta.source.as_deref().map(safe),
        published: meta.published.map(|d| d.to_string()),
        url: meta.url.as_deref().map(safe),
        citation: safe(&cite_article(meta)),
        highlights: highlights
            .iter()
            .map(|h| NoteOut {
                sentence: locate(h, sentences.len(), text_of).map(|i| i + 1),
                text: safe(&h.text),
                note: safe(&h.note),
                created: h.created,
                pair: h.pair.as_ref().map(|p| PairOut {
                    citation: safe(&p.cite),
                    sentence: p.sentence + 1,
                    text: safe(&p.text),
                    relation: safe(&p.relation),
                    why: safe(&p.why),
                }),
            })
            .collect(),
    }
}

/// Every source of `corpus` with highlights in `reading`, in corpus order.
pub fn collect(corpus: &Corpus, reading: &ReadingState) -> Vec<SourceOut> {
    corpus
        .articles
        .iter()
        .filter_map(|a| {
            let list = reading.highlights(&ArticleKey::of(a));
            (!list.is_empty()).then(|| article_notes(a, list))
        })
        .collect()
}

/// The glyph of a relation.
fn glyph(relation: &str) -> &'static str {
    match relation {
        "differs" => "≠",
        "agrees" => "=",
        _ => "~",
    }
}

/// Writes the sources' highlights as Markdown.
pub fn write_markdown(sources: &[SourceOut], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# Highlights")?;
    for s in sources {
        writeln!(out, "\n## {}\n", s.title)?;
        writeln!(out, "{}", s.citation)?;
        for h in &s.highlights {
            writeln!(out, "\n> {}", h.text)?;
            match h.sentence {
                Some(n) => writeln!(out, ">\n> — sentence {n}")?,
                None => writeln!(out, ">\n> — no longer in the article")?,
            }
            if let Some(p) = &h.pair {
                let why = if p.why.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", p.why)
                };
                writeln!(
                    out,
                    "\n{} {}{why}: {}, sentence {}\n\n> {}",
                    glyph(&p.relation),
                    p.relation,
                    p.citation,
                    p.sentence,
                    p.text
                )?;
            }
            if !h.note.is_empty() {
                writeln!(out, "\nNote: {}", h.note)?;
            }
        }
    }
    Ok(())
}

/// Writes the sources' highlights as JSON (`{"version": 1, "sources": […]}`).
pub fn write_json(sources: &[SourceOut], out: &mut impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct File<'a> {
        version: u32,
        sources: &'a [SourceOut],
    }
    serde_json::to_writer_pretty(
        &mut *out,
        &File {
            version: 1,
            sources,
        },
    )
    .map_err(io::Error::other)?;
    writeln!(out)
}

/// `dossier notes DIR`: reads the folder and the reading state, and writes
/// the highlights of its articles to standard output. A problem with the
/// state file is a warning on standard error, as in the reader.
pub fn run(dir: &Path, config: &Config, format: Format) -> anyhow::Result<()> {
    let corpus = Corpus::load_with(dir, &config.limits)?;
    let path = state::locate(None, &corpus.root).map_err(anyhow::Error::msg)?;
    let (reading, warning) = ReadingState::load(&path);
    if let Some(w) = warning {
        eprintln!("dossier: warning: {w}");
    }
    let sources = collect(&corpus, &reading);
    if sources.is_empty() {
        eprintln!(
            "dossier: no highlights for the articles in {} (in the reader, m highlights a sentence)",
            clean_line(&dir.display().to_string())
        );
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Markdown => write_markdown(&sources, &mut out)?,
        Format::Json => write_json(&sources, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Meta, PartialDate};
    use crate::state::PairEnd;
    use std::path::PathBuf;

    fn article(id: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            path: PathBuf::from(format!("{id}.md")),
            meta: Meta {
                title: format!("Title {id}"),
                author: Some("A. Writer".into()),
                source: Some("The Paper".into()),
                published: PartialDate::parse("2016-05-17"),
                url: Some("https://example.org/a".into()),
                ..Meta::default()
            },
            body: body.into(),
            body_line: 1,
            warnings: Vec::new(),
        }
    }

    fn corpus(articles: Vec<Article>) -> Corpus {
        Corpus {
            root: PathBuf::from("notes"),
            articles,
            problems: Vec::new(),
        }
    }

    #[test]
    fn each_source_has_its_citation_then_its_quotes_notes_and_pairs() {
        let a = article("a", "First one. The deal was worth $10 billion. Last one.");
        let b = article("b", "Nothing here.");
        let mut reading = ReadingState::default();
        reading.add_highlight(
            &ArticleKey::of(&a),
            Highlight {
                sentence: 1,
                text: "The deal was worth $10 billion.".into(),
                note: "check \u{1b}]0;evil\u{7}the figure".into(),
                pair: Some(PairEnd {
                    article: "c@0".into(),
                    cite: "“Other”, Weekly Sample, 2016-09-01".into(),
                    sentence: 1,
                    text: "The deal was worth $12 billion.".into(),
                    relation: "differs".into(),
                    why: "$10 billion vs $12 billion".into(),
                }),
                created: 7,
            },
        );
        reading.add_highlight(
            &ArticleKey::of(&a),
            Highlight {
                sentence: 0,
                text: "First one.".into(),
                ..Highlight::default()
            },
        );
        let sources = collect(&corpus(vec![a, b]), &reading);
        assert_eq!(sources.len(), 1, "only sources with highlights");
        let mut md = Vec::new();
        write_markdown(&sources, &mut md).unwrap();
        let md = String::from_utf8(md).unwrap();
        assert_eq!(
            md,
            "# Highlights\n\n## Title a\n\n\
             A. Writer, “Title a”, The Paper, 2016-05-17, https://example.org/a\n\n\
             > The deal was worth $10 billion.\n>\n> — sentence 2\n\n\
             ≠ differs ($10 billion vs $12 billion): “Other”, Weekly Sample, 2016-09-01, sentence 2\n\n\
             > The deal was worth $12 billion.\n\n\
             Note: check the figure\n\n\
             > First one.\n>\n> — sentence 1\n"
        );
        let mut json = Vec::new();
        write_json(&sources, &mut json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["sources"][0]["url"], "https://example.org/a");
        assert_eq!(
            v["sources"][0]["highlights"][0]["pair"]["relation"],
            "differs"
        );
        assert_eq!(v["sources"][0]["highlights"][0]["note"], "check the figure");
        assert_eq!(v["sources"][0]["highlights"][1]["sentence"], 1);
    }

    #[test]
    fn a_highlight_is_quoted_where_its_sentence_is_now_or_said_gone() {
        let a = article("a", "New first. First one. Second one.");
        let key = ArticleKey::of(&a);
        let mut reading = ReadingState::default();
        for (sentence, text) in [(0, "First one."), (1, "Gone now.")] {
            reading.add_highlight(
                &key,
                Highlight {
                    sentence,
                    text: text.into(),
                    ..Highlight::default()
                },
            );
        }
        let sources = collect(&corpus(vec![a]), &reading);
        let found: Vec<Option<usize>> = sources[0].highlights.iter().map(|h| h.sentence).collect();
        assert_eq!(found, [Some(2), None]);
        let mut md = Vec::new();
        write_markdown(&sources, &mut md).unwrap();
        assert!(String::from_utf8(md)
            .unwrap()
            .contains("> — no longer in the article"));
    }
}
