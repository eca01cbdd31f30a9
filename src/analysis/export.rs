//! The export contract (version 1): the analysis as JSON for scoring and
//! other tools, or as a readable text summary.

use super::Analysis;
use crate::corpus::Corpus;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    articles: Vec<ArticleOut<'a>>,
    entities: Vec<EntityOut<'a>>,
    links: Vec<LinkOut<'a>>,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    title: &'a str,
    published: Option<String>,
    sentences: Vec<String>,
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
    text: std::borrow::Cow<'a, str>,
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
/// folded to single spaces.
pub fn sentence_text(body: &str, s: &super::segment::Sentence) -> String {
    s.text(body)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes the analysis as the JSON export contract.
pub fn write_json(corpus: &Corpus, analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let articles = corpus
        .articles
        .iter()
        .zip(&analysis.articles)
        .enumerate()
        .map(|(i, (a, x))| ArticleOut {
            id: &a.id,
            title: &a.meta.title,
            published: a.meta.published.map(|d| d.to_string()),
            sentences: x
                .sentences
                .iter()
                .map(|s| sentence_text(&a.body, s))
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
                    text: super::one_line(&d.text),
                    value: d.value.as_ref().map(|v| v.contract()),
                    sentence: d.sentence,
                })
                .collect(),
        })
        .collect();
    let entities = analysis
        .entities
        .iter()
        .zip(&analysis.entity_counts)
        .map(|(e, c)| EntityOut {
            name: &e.name,
            kind: e.kind.as_str(),
            aliases: &e.aliases,
            articles: c.articles,
            mentions: c.mentions,
        })
        .collect();
    let links = analysis
        .links
        .iter()
        .map(|l| LinkOut {
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
        })
        .collect();
    let export = Export {
        version: 1,
        articles,
        entities,
        links,
    };
    serde_json::to_writer_pretty(&mut *out, &export).map_err(io::Error::from)?;
    writeln!(out)
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
                .map_or_else(|| "?".to_string(), |v| v.contract());
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
                    "  link: #{s} {} {}#{} ({:.2}) {}",
                    link.relation.as_str(),
                    corpus.articles[other.article].id,
                    other.sentence,
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
