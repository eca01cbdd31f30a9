//! Markdown read as Markdown: headings, emphasis, quotes, list items and
//! links are shown as such, never as raw markup, on a TestBackend and in a
//! real terminal; the bundled articles (plain prose) read exactly as before;
//! a saved page opens from a single-file argument.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod pty_support;
mod ui_fixture;

use dossier::analysis::Analysis;
use dossier::app::App;
use dossier::config::Config;
use dossier::corpus::{Corpus, Format, MarkKind};
use std::path::Path;
use ui_fixture::screen;

const NOTES: &str = "# Harbour notes\n\n\
The **ferry** line opens in *spring*, the [harbour office](https://example.test/ferry) said.\n\n\
## What changes\n\n\
- a crossing every hour\n\
- cheaper tickets for residents\n\n\
> We waited two years for this boat.\n\n\
1. First the pier is repaired.\n\
2. Then the boat arrives.\n";

fn notes_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), NOTES).unwrap();
    dir
}

fn app_of(path: &Path) -> App {
    let corpus = Corpus::load(path).unwrap();
    let config = Config::builtin();
    let analysis = Analysis::run(&corpus, &config.analysis);
    App::new(corpus, analysis, config)
}

/// What the author meant as formatting, never on screen.
fn assert_no_markup(s: &str) {
    for raw in ["# ", "**", "](", "> We", "- a crossing", "*spring*"] {
        assert!(!s.contains(raw), "raw markup {raw:?} on screen:\n{s}");
    }
}

#[test]
fn markdown_without_front_matter_takes_its_title_from_the_first_heading() {
    let dir = notes_dir();
    let corpus = Corpus::load(dir.path()).unwrap();
    let a = &corpus.articles[0];
    assert_eq!(a.meta.title, "Harbour notes");
    assert_eq!(a.meta.format, Format::Markdown);
    assert_eq!(
        a.body,
        "The ferry line opens in spring, the harbour office said.\n\n\
         What changes\n\n\
         a crossing every hour\n\n\
         cheaper tickets for residents\n\n\
         We waited two years for this boat.\n\n\
         1. First the pier is repaired.\n\n\
         2. Then the boat arrives.\n"
    );
    let link = a
        .meta
        .marks
        .iter()
        .find_map(|m| match &m.kind {
            MarkKind::Link(u) => Some((u.as_str(), &a.body[m.start..m.end])),
            _ => None,
        })
        .unwrap();
    assert_eq!(link, ("https://example.test/ferry", "harbour office"));
    // each list item is a sentence of its own, markup or not
    let analysis = Analysis::run(&corpus, &Settings::default());
    let sentences: Vec<String> = analysis.articles[0]
        .sentences
        .iter()
        .map(|s| dossier::analysis::export::sentence_text(&a.body, s))
        .collect();
    assert!(
        sentences.contains(&"a crossing every hour".to_string()),
        "{sentences:?}"
    );
    assert!(
        sentences.contains(&"cheaper tickets for residents".to_string()),
        "{sentences:?}"
    );
}

use dossier::analysis::Settings;

#[test]
fn the_bundled_articles_are_plain_prose_and_read_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let corpus = Corpus::load(&dir).unwrap();
    for a in &corpus.articles {
        let text = std::fs::read_to_string(&a.path).unwrap();
        let body_at = text.len() - a.body.len();
        assert_eq!(&text[body_at..], a.body, "{}", a.id);
        assert!(a.meta.marks.is_empty(), "{}", a.id);
        assert!(dossier::corpus::markdown::is_plain(&a.body), "{}", a.id);
    }
}

#[test]
fn a_markdown_article_is_drawn_without_raw_markup() {
    let dir = notes_dir();
    let mut app = app_of(dir.path());
    let s = screen(&mut app, 120, 40);
    assert_no_markup(&s);
    for shown in [
        "Harbour notes",
        "What changes",
        "The ferry line opens in spring, the harbour office said.",
        " • a crossing every hour",
        " • cheaper tickets for residents",
        " │ We waited two years for this boat.",
        "1. First the pier is repaired.",
    ] {
        assert!(s.contains(shown), "{shown:?} not on screen:\n{s}");
    }
    // each list item starts its own line
    let item = s.lines().find(|l| l.contains("a crossing")).unwrap();
    assert!(!item.contains("cheaper"), "{item}");
    // formatting is drawn as styles: the heading and strong text bold,
    // emphasis italic, the link underlined
    let t = ui_fixture::render(&mut app, 120, 40);
    let buf = t.backend().buffer();
    let style_of = |word: &str| {
        for y in 0..buf.area.height {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            if let Some(col) = row.find(word) {
                let x = row[..col].chars().count() as u16;
                return buf[(x, y)].modifier;
            }
        }
        panic!("{word} not on screen");
    };
    use ratatui::style::Modifier;
    assert!(style_of("What changes").contains(Modifier::BOLD));
    assert!(style_of("ferry line").contains(Modifier::BOLD));
    assert!(style_of("spring,").contains(Modifier::ITALIC));
    assert!(style_of("harbour office").contains(Modifier::UNDERLINED));
}

fn saved_page() -> String {
    let paragraph = "<p>The council of the town met on Tuesday and agreed on the budget for \
        next year, after a long debate about the library, the pool and the roads that \
        residents have asked to be repaired since the winter floods.</p>";
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Budget agreed \
         \u{2013} Town News</title><meta property=\"og:site_name\" content=\"Town News\">\
         <meta name=\"author\" content=\"Ana Caf\u{e9}\"></head><body><nav>Home | Sport | Weather</nav>\
         <article><h1>Budget agreed</h1><h2>A long night</h2>{}<blockquote><p>We will \
         fix the roads first, the mayor said in a statement to the press.</p></blockquote>\
         </article><footer>Subscribe now</footer></body></html>",
        paragraph.repeat(5)
    )
}

fn write_windows_1252(path: &Path, text: &str) {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_saved_page_opens_from_a_single_file_argument() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("budget.html");
    write_windows_1252(&page, &saved_page());
    // besides it, an article that must not be read: the file is the corpus
    std::fs::write(dir.path().join("other.md"), "Other.\n").unwrap();
    let mut app = app_of(&page);
    assert_eq!(app.corpus.articles.len(), 1);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Ana Café"), "{s}");
    assert!(s.contains("Town News"), "{s}");
    assert!(s.contains("The council of the town met on Tuesday"), "{s}");
    assert!(s.contains(" │ We will fix the roads first"), "{s}");
    assert!(
        !s.contains("Subscribe now") && !s.contains("Weather"),
        "{s}"
    );
    assert!(!s.contains('<') && !s.contains("##"), "{s}");
}

#[test]
fn real_terminal_shows_markdown_rendered() {
    let dir = notes_dir();
    let mut t = pty_support::Pty::spawn(dir.path(), 120, 40);
    let s = t.wait_for("a crossing every hour");
    assert_no_markup(&s);
    assert!(s.contains("What changes"), "{s}");
    assert!(s.contains("The ferry line opens in spring"), "{s}");
    t.send("q");
    t.wait_exit();
}

#[test]
fn real_terminal_opens_a_saved_page_given_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("budget.html");
    write_windows_1252(&page, &saved_page());
    let mut t = pty_support::Pty::spawn(&page, 120, 40);
    let s = t.wait_for("The council of the town met");
    assert!(s.contains("Budget agreed"), "{s}");
    assert!(s.contains("Ana Café"), "{s}");
    assert!(!s.contains("not a folder"), "{s}");
    t.send("q");
    t.wait_exit();
}
