//! The export contract (version 2, documented in `docs/export.md` with the
//! JSON Schema `docs/export.schema.json`): the analysis as JSON for scoring
//! and other tools, or as a readable text summary.
//!
//! At 10,000 articles the JSON is a few hundred megabytes, so it is written
//! the way `serde_json::to_writer_pretty` would write it, byte for byte, but
//! with the articles and links serialised in parallel blocks into byte
//! buffers that are written in order, a batch at a time (so the whole text is
//! never held in memory).

use super::Analysis;
use crate::corpus::Corpus;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    title: &'a str,
    published: Option<String>,
    author: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    format: &'a str,
    /// Only for a pasted page: how many of its lines were set aside.
    #[serde(skip_serializing_if = "Option::is_none")]
    set_aside_lines: Option<usize>,
    sentences: Vec<Cow<'a, str>>,
    entities: Vec<ArticleEntityOut<'a>>,
    dates: Vec<DateOut<'a>>,
}

#[derive(Serialize)]
struct ArticleEntityOut<'a> {
    name: &'a str,
    kind: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct DateOut<'a> {
    text: Cow<'a, str>,
    value: Option<String>,
    sentence: usize,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    name: &'a str,
    kind: &'a str,
    aliases: &'a [String],
    articles: usize,
    mentions: usize,
}

#[derive(Serialize)]
struct RefOut<'a> {
    article: &'a str,
    sentence: usize,
}

#[derive(Serialize)]
struct LinkOut<'a> {
    a: RefOut<'a>,
    b: RefOut<'a>,
    score: f64,
    relation: &'a str,
    why: &'a str,
}

/// A sentence's text with its internal line breaks and runs of white space
/// folded to single spaces: the one way a sentence is shown on one line, in
/// the export, the reader's lists and the clipboard.
pub fn sentence_text(body: &str, s: &super::segment::Sentence) -> String {
    crate::text::one_line(s.text(body)).into_owned()
}

fn article_out<'a>(corpus: &'a Corpus, analysis: &'a Analysis, i: usize) -> ArticleOut<'a> {
    let a = &corpus.articles[i];
    let x = &analysis.articles[i];
    let pasted = a.meta.pasted.as_deref();
    ArticleOut {
        id: &a.id,
        title: &a.meta.title,
        published: a.meta.published.map(|d| d.to_string()),
        author: a.meta.author.as_deref(),
        source: a.meta.source.as_deref(),
        url: a.meta.url.as_deref(),
        format: a.meta.format.as_str(),
        set_aside_lines: pasted.map(crate::corpus::Pasted::set_aside_lines),
        sentences: x
            .sentences
            .iter()
            .map(|s| crate::text::one_line(s.text(&a.body)))
            .collect(),
        entities: analysis
            .article_entities(i)
            .into_iter()
            .map(|(e, count)| ArticleEntityOut {
                name: &analysis.entities[e].name,
                kind: analysis.entities[e].kind.as_str(),
                count,
            })
            .collect(),
        dates: x
            .dates
            .iter()
            .map(|d| DateOut {
                text: crate::text::one_line(&d.text),
                value: d.value.as_ref().map(super::dates::TimeValue::contract),
                sentence: d.sentence,
            })
            .collect(),
    }
}

fn entity_out<'a>(analysis: &'a Analysis, e: usize) -> EntityOut<'a> {
    let (entity, counts) = (&analysis.entities[e], &analysis.entity_counts[e]);
    EntityOut {
        name: &entity.name,
        kind: entity.kind.as_str(),
        aliases: &entity.aliases,
        articles: counts.articles,
        mentions: counts.mentions,
    }
}

fn link_out<'a>(corpus: &'a Corpus, l: &'a super::links::Link) -> LinkOut<'a> {
    LinkOut {
        a: RefOut {
            article: &corpus.articles[l.a.article].id,
            sentence: l.a.sentence,
        },
        b: RefOut {
            article: &corpus.articles[l.b.article].id,
            sentence: l.b.sentence,
        },
        score: (f64::from(l.score) * 1000.0).round() / 1000.0,
        relation: l.relation.as_str(),
        why: &l.why,
    }
}

/// How an array is cut for parallel serialisation: `per_task` items are
/// serialised into one buffer, and `tasks` buffers are filled in parallel
/// before they are written out in order.
#[derive(Clone, Copy)]
struct Blocks {
    per_task: usize,
    tasks: usize,
}

/// An article is ~20 KB of JSON at most sizes: 8 a task, 32 tasks, keeps
/// about 5 MB in flight.
const ARTICLE_BLOCKS: Blocks = Blocks {
    per_task: 8,
    tasks: 32,
};

/// A link is ~300 bytes: 512 a task, 32 tasks, about 5 MB in flight.
const LINK_BLOCKS: Blocks = Blocks {
    per_task: 512,
    tasks: 32,
};

/// The entity list is short (thousands at 10,000 articles) and written
/// serially.
const ENTITY_BLOCKS: Blocks = Blocks {
    per_task: usize::MAX / 2,
    tasks: 1,
};

/// The version of the export contract written by [`write_json`].
pub const VERSION: u32 = 2;

/// Writes the analysis as the JSON export contract.
pub fn write_json(corpus: &Corpus, analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    write_json_in(corpus, analysis, out, ARTICLE_BLOCKS, LINK_BLOCKS)
}

/// [`write_json`] with the parallel blocks given (the tests make them tiny so
/// that block and batch boundaries fall everywhere).
fn write_json_in(
    corpus: &Corpus,
    analysis: &Analysis,
    out: &mut dyn Write,
    articles: Blocks,
    links: Blocks,
) -> io::Result<()> {
    // The frame is what serde_json's pretty printer writes around three
    // top-level arrays; each item is then printed two levels deep.
    write!(out, "{{\n  \"version\": {VERSION},\n  \"articles\": ")?;
    let n_articles = corpus.articles.len().min(analysis.articles.len());
    write_array(out, n_articles, articles, |i| {
        article_out(corpus, analysis, i)
    })?;
    out.write_all(b",\n  \"entities\": ")?;
    let n_entities = analysis.entities.len().min(analysis.entity_counts.len());
    write_array(out, n_entities, ENTITY_BLOCKS, |e| entity_out(analysis, e))?;
    out.write_all(b",\n  \"links\": ")?;
    write_array(out, analysis.links.len(), links, |l| {
        link_out(corpus, &analysis.links[l])
    })?;
    out.write_all(b"\n}\n")
}

/// Writes `[item(0), …, item(n - 1)]` as an array value of the top-level
/// object, serialising blocks of items in parallel.
fn write_array<T: Serialize>(
    out: &mut dyn Write,
    n: usize,
    blocks: Blocks,
    item: impl Fn(usize) -> T + Sync,
) -> io::Result<()> {
    if n == 0 {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let per_task = blocks.per_task.max(1);
    let batch = per_task.saturating_mul(blocks.tasks.max(1));
    let mut start = 0;
    while start < n {
        let end = start.saturating_add(batch).min(n);
        let tasks: Vec<(usize, usize)> = (start..end)
            .step_by(per_task)
            .map(|s| (s, s.saturating_add(per_task).min(end)))
            .collect();
        let bufs = tasks
            .into_par_iter()
            .map(|(s, e)| serialise_items(s, e, &item))
            .collect::<io::Result<Vec<Vec<u8>>>>()?;
        for buf in &bufs {
            out.write_all(buf)?;
        }
        start = end;
    }
    out.write_all(b"\n  ]")
}

/// Items `start..end` of a top-level array, each preceded by its separator
/// and indentation, as `serde_json`'s pretty printer writes them.
fn serialise_items<T: Serialize>(
    start: usize,
    end: usize,
    item: &impl Fn(usize) -> T,
) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    for i in start..end {
        buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, Pretty::at(2));
        item(i).serialize(&mut ser).map_err(io::Error::from)?;
    }
    Ok(buf)
}

/// `serde_json`'s `PrettyFormatter` with its two-space indent, but starting
/// `depth` levels deep, so that a value printed on its own comes out exactly
/// as it would inside the whole document.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Self {
        Self {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8; 32] = b"                                ";
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            w.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }

    /// Opens an array or object one level deeper.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// Closes it, on a line of its own when it held anything.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes a readable summary: per article its entities, dates and links.
pub fn write_text(corpus: &Corpus, analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    for (i, (a, x)) in corpus.articles.iter().zip(&analysis.articles).enumerate() {
        let published = a
            .meta
            .published
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        writeln!(out, "{} — {} ({published})", a.id, a.meta.title)?;
        let byline = a.byline();
        if !byline.is_empty() {
            writeln!(out, "  by {byline}")?;
        }
        writeln!(
            out,
            "  {} sentences, {} dates, {} entity mentions",
            x.sentences.len(),
            x.dates.len(),
            x.mentions.len()
        )?;
        let ents = analysis.article_entities(i);
        if !ents.is_empty() {
            let list: Vec<String> = ents
                .iter()
                .take(12)
                .map(|&(e, n)| {
                    format!(
                        "{} ({}, {n})",
                        analysis.entities[e].name,
                        analysis.entities[e].kind.as_str()
                    )
                })
                .collect();
            writeln!(out, "  entities: {}", list.join(", "))?;
        }
        for d in &x.dates {
            let v = d
                .value
                .as_ref()
                .map_or_else(|| "?".to_string(), super::dates::TimeValue::contract);
            writeln!(out, "  date: {:<24} {v}", d.text)?;
        }
        let mut n_links = 0;
        for (s, links) in x.sentence_links.iter().enumerate() {
            for &l in links {
                let link = &analysis.links[l];
                let other = if link.a.article == i && link.a.sentence == s {
                    link.b
                } else {
                    link.a
                };
                writeln!(
                    out,
                    // sentences numbered from 1, as the reader numbers them
                    "  link: #{} {} {}#{} ({:.2}) {}",
                    s + 1,
                    link.relation.as_str(),
                    corpus.articles[other.article].id,
                    other.sentence + 1,
                    link.score,
                    link.why
                )?;
                n_links += 1;
            }
        }
        if n_links == 0 {
            writeln!(out, "  no links")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Settings;
    use std::path::Path;

    /// The whole document as one serde value, printed by `serde_json`'s own
    /// pretty printer: what the export wrote before it was parallel.
    #[derive(Serialize)]
    struct Whole<'a> {
        version: u32,
        articles: Vec<ArticleOut<'a>>,
        entities: Vec<EntityOut<'a>>,
        links: Vec<LinkOut<'a>>,
    }

    fn serial(corpus: &Corpus, analysis: &Analysis) -> Vec<u8> {
        let whole = Whole {
            version: VERSION,
            articles: (0..corpus.articles.len())
                .map(|i| article_out(corpus, analysis, i))
                .collect(),
            entities: (0..analysis.entities.len())
                .map(|e| entity_out(analysis, e))
                .collect(),
            links: analysis.links.iter().map(|l| link_out(corpus, l)).collect(),
        };
        let mut v = serde_json::to_vec_pretty(&whole).unwrap();
        v.push(b'\n');
        v
    }

    fn check_same(corpus: &Corpus, analysis: &Analysis) {
        let expected = serial(corpus, analysis);
        let mut got = Vec::new();
        write_json(corpus, analysis, &mut got).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected)
        );
        for (per_task, tasks) in [(1, 1), (1, 3), (2, 2), (3, 5)] {
            let b = Blocks { per_task, tasks };
            let mut small = Vec::new();
            write_json_in(corpus, analysis, &mut small, b, b).unwrap();
            assert!(small == expected, "blocks of {per_task} × {tasks} differ");
        }
    }

    #[test]
    fn parallel_export_of_content_equals_serial_serialisation() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let corpus = Corpus::load(&root).unwrap();
        let analysis = Analysis::run(&corpus, &Settings::default());
        assert!(!analysis.links.is_empty());
        check_same(&corpus, &analysis);
        let mut out = Vec::new();
        write_json(&corpus, &analysis, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["version"], VERSION);
        assert_eq!(
            v["articles"].as_array().unwrap().len(),
            corpus.articles.len()
        );
        assert_eq!(v["links"].as_array().unwrap().len(), analysis.links.len());
    }

    #[test]
    fn parallel_export_of_generated_corpus_equals_serial_serialisation() {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), 40, 7).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let analysis = Analysis::run(&corpus, &Settings::default());
        assert_eq!(corpus.articles.len(), 40);
        check_same(&corpus, &analysis);
    }

    #[test]
    fn empty_corpus_exports_empty_arrays() {
        let corpus = Corpus {
            root: std::path::PathBuf::new(),
            articles: Vec::new(),
            problems: Vec::new(),
        };
        let analysis = Analysis::run(&corpus, &Settings::default());
        let mut out = Vec::new();
        write_json(&corpus, &analysis, &mut out).unwrap();
        assert_eq!(out, serial(&corpus, &analysis));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"version\": 2,\n  \"articles\": [],\n  \"entities\": [],\n  \"links\": []\n}\n"
        );
    }

    #[test]
    fn sentence_text_folds_white_space() {
        let body = "  One\n two   three.\tFour ";
        let s = crate::analysis::segment::Sentence {
            start: 0,
            end: body.len(),
            paragraph: 0,
        };
        assert_eq!(sentence_text(body, &s), "One two three. Four");
    }
}
