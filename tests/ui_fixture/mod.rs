//! A small hand-built corpus and analysis for the reader's tests, so they do
//! not depend on the quality of the extraction, and a key-string driver.
#![allow(dead_code)]

use dossier::analysis::dates::{DateMention, TimeValue};
use dossier::analysis::entities::{Entity, Kind, Mention};
use dossier::analysis::links::{Link, Relation, SentenceRef};
use dossier::analysis::{segment, Analysis, ArticleAnalysis, EntityCounts};
use dossier::app::App;
use dossier::config::keys::Key;
use dossier::config::Config;
use dossier::corpus::{Article, Corpus, Meta, PartialDate};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use ratatui::Terminal;
use std::path::PathBuf;

pub const A1: &str = "Jane Doe met the mayor in Paris on May 6. The deal was worth $10 billion. \
Nothing else happened that day.\n\nA second paragraph returns to Paris and to Jane Doe, who spoke at length \
about the long history of the city and its many bridges.";
pub const A2: &str =
    "The Paris meeting of Jane Doe took place on May 7. The deal was worth $12 billion. \
Other news followed.";
pub const A3: &str = "An older story about Berlin in April 2013. Acme Corp opened an office there.";

fn article(
    id: &str,
    title: &str,
    author: Option<&str>,
    source: &str,
    date: &str,
    body: &str,
) -> Article {
    Article {
        id: id.into(),
        path: PathBuf::from(format!("{id}.md")),
        meta: Meta {
            title: title.into(),
            author: author.map(String::from),
            source: Some(source.into()),
            published: PartialDate::parse(date),
            ..Meta::default()
        },
        body: body.into(),
        body_line: 1,
        warnings: Vec::new(),
    }
}

/// Mentions of `name` in `body` as entity `e`.
fn find(body: &str, sentences: &[segment::Sentence], needle: &str, e: usize) -> Vec<Mention> {
    body.match_indices(needle)
        .map(|(start, _)| Mention {
            entity: e,
            sentence: sentences
                .iter()
                .position(|s| s.start <= start && start < s.end)
                .unwrap(),
            start,
            end: start + needle.len(),
        })
        .collect()
}

fn date(body: &str, sentences: &[segment::Sentence], text: &str, value: &str) -> DateMention {
    let start = body.find(text).unwrap();
    DateMention {
        start,
        end: start + text.len(),
        sentence: sentences
            .iter()
            .position(|s| s.start <= start && start < s.end)
            .unwrap(),
        text: text.into(),
        value: Some(TimeValue::Point(PartialDate::parse(value).unwrap())),
    }
}

/// Three articles: two about the same meeting (dated differently, one
/// number differing), one older and unrelated.
pub fn fixture() -> (Corpus, Analysis) {
    let articles = vec![
        article(
            "older",
            "An older story",
            None,
            "Archive Post",
            "2013-04-30",
            A3,
        ),
        article(
            "first",
            "Leaders meet in Paris",
            Some("Alice Author"),
            "Daily Example",
            "2016-05-17",
            A1,
        ),
        article(
            "second",
            "A meeting in Paris",
            None,
            "Weekly Sample",
            "2016-09-01",
            A2,
        ),
    ];
    let entities = vec![
        Entity {
            name: "Jane Doe".into(),
            kind: Kind::Person,
            aliases: vec!["Jane Doe".into()],
        },
        Entity {
            name: "Paris".into(),
            kind: Kind::Place,
            aliases: vec!["Paris".into()],
        },
        Entity {
            name: "Berlin".into(),
            kind: Kind::Place,
            aliases: vec!["Berlin".into()],
        },
        Entity {
            name: "Acme Corp".into(),
            kind: Kind::Organization,
            aliases: vec!["Acme Corp".into()],
        },
    ];
    let mut out = Vec::new();
    for a in &articles {
        let sentences = segment::split(&a.body);
        let mut mentions = Vec::new();
        for (e, ent) in entities.iter().enumerate() {
            mentions.extend(find(&a.body, &sentences, &ent.name, e));
        }
        mentions.sort_by_key(|m| m.start);
        let dates = match a.id.as_str() {
            "older" => vec![date(&a.body, &sentences, "April 2013", "2013-04")],
            "first" => vec![date(&a.body, &sentences, "May 6", "2016-05-06")],
            _ => vec![date(&a.body, &sentences, "May 7", "2016-05-07")],
        };
        out.push(ArticleAnalysis {
            sentence_links: vec![Vec::new(); sentences.len()],
            sentences,
            mentions,
            dates,
        });
    }
    let r = |article, sentence| SentenceRef { article, sentence };
    let links = vec![
        Link {
            a: r(1, 0),
            b: r(2, 0),
            score: 0.9,
            relation: Relation::Differs,
            why: "Paris, Jane Doe · May 6 vs May 7".into(),
        },
        Link {
            a: r(1, 1),
            b: r(2, 1),
            score: 0.7,
            relation: Relation::Differs,
            why: "deal · $10 billion vs $12 billion".into(),
        },
        Link {
            a: r(1, 3),
            b: r(2, 0),
            score: 0.4,
            relation: Relation::Related,
            why: "Paris, Jane Doe".into(),
        },
    ];
    for (i, l) in links.iter().enumerate() {
        for s in [l.a, l.b] {
            out[s.article].sentence_links[s.sentence].push(i);
        }
    }
    let mut entity_counts = vec![EntityCounts::default(); entities.len()];
    for a in &out {
        let mut seen = vec![false; entities.len()];
        for m in &a.mentions {
            entity_counts[m.entity].mentions += 1;
            if !std::mem::replace(&mut seen[m.entity], true) {
                entity_counts[m.entity].articles += 1;
            }
        }
    }
    let corpus = Corpus {
        root: PathBuf::from("fixture"),
        articles,
        problems: Vec::new(),
    };
    let analysis = Analysis {
        articles: out,
        entities,
        entity_counts,
        links,
    };
    (corpus, analysis)
}

/// The reader over the fixture with the built-in configuration.
pub fn app() -> App {
    let (c, a) = fixture();
    App::new(c, a, Config::builtin())
}

/// Presses keys written as in `config.toml`, separated by spaces
/// ("j j ctrl-o g g").
pub fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let key = Key::parse(k).unwrap_or_else(|e| panic!("{e}"));
        app.handle_key(KeyEvent::new(key.code, key.mods));
    }
}

/// Draws the app into a test terminal of the given size, as the event
/// loop does: the app keeps what the frame measured, for the keys after it.
pub fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    dossier::ui::render(&mut t, app).unwrap();
    t
}

/// The screen as text, one line per row (drawn as [`render`] draws it).
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}
