//! Plain text as people paste it (issue 19): the article is found in a
//! pasted page with its title, byline and date, the page's clutter is set
//! aside and kept, and a file that is already clean reads exactly as before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod proptest_support;

use dossier::analysis::{export, Analysis, Settings};
use dossier::corpus::{frontmatter, Article, Corpus};
use dossier::text::sanitize::clean_text;
use proptest::prelude::*;
use proptest_support::{any_text, config, newsy_text};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A pasted page of our own: menus, a headline after the document title, a
/// byline and a date, the article with an advertisement inside, and the
/// page's footer.
const PAGE: &str = "\
Harbour reopens after the storm | The Coast Gazette

Skip to main content
Home
News
Sport
Weather
Sign in

Home > News > Coast

Harbour reopens after the storm

By Ann Writer
Published 15 May 2013, updated 16 May 2013

The harbour reopened on Tuesday after the storm that had closed it for a week, the port authority said.

Fishing boats went out at dawn, and the first ferry left at nine, an hour late but full of passengers.

Advertisement

\"We lost a week, but not a single boat,\" the harbour master said as the last of the nets came in.

Share this story
Facebook
Twitter
Email

Related articles
Storm closes the harbour for a week
Ferry timetable changes for the winter

Comments
Copyright © 2013 The Coast Gazette. All rights reserved.
";

/// A clean article in the shape of the BBC corpus: a title line, then
/// paragraphs.
const CLEAN: &str = "\
Ad sales lift the media group's profit

Quarterly profits at the media group jumped by three quarters in the three months to December, it said on Wednesday.

The firm, which owns a large share of a search company, benefited from sales of high-speed connections and higher advert sales.

Its results were buoyed by one-off gains which offset a dip at its film studio, the chief executive told analysts.
";

fn article(name: &str, text: &str) -> Article {
    Article::from_bytes(Path::new(name), text.as_bytes().to_vec()).unwrap()
}

fn sentences(a: &Article) -> Vec<String> {
    dossier::analysis::segment::split(&a.body)
        .iter()
        .map(|s| export::sentence_text(&a.body, s))
        .collect()
}

#[test]
fn a_pasted_page_reads_as_its_article() {
    let a = article("harbour.txt", PAGE);
    assert_eq!(a.meta.title, "Harbour reopens after the storm");
    assert_eq!(a.meta.author.as_deref(), Some("Ann Writer"));
    // the first published date, not the update
    assert_eq!(
        a.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2013-05-15")
    );
    let s = sentences(&a);
    assert_eq!(s.first().map(String::as_str), Some("The harbour reopened on Tuesday after the storm that had closed it for a week, the port authority said."));
    assert!(s.iter().any(|x| x.contains("not a single boat")), "{s:#?}");
    for clutter in [
        "Skip",
        "Home",
        "Sign in",
        "By Ann",
        "Published",
        "Advertisement",
        "Share",
        "Facebook",
        "Related",
        "Storm closes",
        "Ferry timetable",
        "Comments",
        "Copyright",
    ] {
        assert!(!s.iter().any(|x| x.contains(clutter)), "{clutter}: {s:#?}");
    }
}

/// Pages in other languages, pasted without blank lines between paragraphs
/// (as a browser often pastes), with comments after the article.
#[test]
fn pages_in_other_languages() {
    const FR: &str = "\
Le port rouvre après la tempête - Le Journal de la Côte
Aller au contenu principal
Accueil
Actualités
Se connecter
Le port rouvre après la tempête
Par Marie Dupont
Publié le 3 mars 2019 à 10h15, mis à jour le 4 mars 2019 à 08h00
Le port a rouvert mardi après la tempête qui l'avait fermé pendant une semaine, a indiqué l'autorité portuaire.
Les bateaux de pêche sont sortis à l'aube, et le premier ferry est parti à neuf heures, avec une heure de retard.
Lire aussi : La tempête ferme le port pour une semaine
« Nous avons perdu une semaine, mais pas un seul bateau », a déclaré le capitaine du port en fin de journée.
Partager
Facebook
Commentaires
jeanpierre
il y a 2 heures
Enfin une bonne nouvelle pour la ville et pour tous ceux qui vivent de la mer.
© 2019 Le Journal de la Côte. Tous droits réservés.
";
    const RU: &str = "\
Главная
Новости
Политика

Порт вновь открыт после шторма

Автор: Анна Петрова
24 сентября 2018

Порт вновь открылся во вторник после шторма, из-за которого он был закрыт в течение недели, сообщили в администрации порта.

Рыболовные суда вышли в море на рассвете, а первый паром отправился в девять часов, с опозданием на час.

Реклама

«Мы потеряли неделю, но ни одного судна», — сказал капитан порта вечером.

Читайте также
Шторм закрыл порт на неделю
Поделиться
";
    for (name, text, title, author, date, first, last) in [
        (
            "fr.txt",
            FR,
            "Le port rouvre après la tempête",
            "Marie Dupont",
            "2019-03-03",
            "Le port a rouvert",
            "en fin de journée.",
        ),
        (
            "ru.txt",
            RU,
            "Порт вновь открыт после шторма",
            "Анна Петрова",
            "2018-09-24",
            "Порт вновь открылся",
            "капитан порта вечером.",
        ),
    ] {
        let a = article(name, text);
        assert_eq!(a.meta.title, title, "{name}");
        assert_eq!(a.meta.author.as_deref(), Some(author), "{name}");
        assert_eq!(
            a.meta.published.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{name}"
        );
        let s = sentences(&a);
        assert!(
            s.first().is_some_and(|x| x.starts_with(first)),
            "{name}: {s:#?}"
        );
        assert!(
            s.last().is_some_and(|x| x.ends_with(last)),
            "{name}: {s:#?}"
        );
        assert!(
            !s.iter()
                .any(|x| x.contains("Lire aussi") || x.contains("Реклама")),
            "{name}: {s:#?}"
        );
    }
}

#[test]
fn nothing_is_lost_the_original_stays_whole() {
    let a = article("harbour.txt", PAGE);
    let p = a.meta.pasted.as_deref().expect("read as a pasted page");
    // the reader can show the whole text: it is the file, sanitised
    assert_eq!(a.original_text(), PAGE);
    assert_eq!(p.original, PAGE);
    // every non-blank line is in the body or set aside, once
    let all = PAGE.lines().filter(|l| !l.trim().is_empty()).count();
    let in_body = a.body.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(in_body + a.set_aside_lines(), all);
    let lines: Vec<&str> = PAGE.split('\n').collect();
    let aside: Vec<&str> = p
        .set_aside
        .iter()
        .flat_map(|r| lines[r.clone()].iter().copied())
        .collect();
    assert!(aside.contains(&"Advertisement") && aside.contains(&"By Ann Writer"));
    assert!(aside.iter().all(|l| !l.trim().is_empty()));
    // positions in the body map back to the lines of the file
    let at = a.body.find("\"We lost").unwrap();
    let line = a.file_line(at);
    assert!(lines[line - 1].starts_with("\"We lost"), "line {line}");
    assert_eq!(a.file_line(0), a.body_line);
    // a clean article has no original apart from its body
    let c = article("clean.txt", CLEAN);
    assert_eq!(c.original_text(), c.body);
    assert_eq!(c.set_aside_lines(), 0);
    assert_eq!(c.file_line(0), 2);
}

#[test]
fn markdown_without_front_matter_is_read_as_a_page_and_with_it_is_not() {
    let a = article("harbour.md", PAGE);
    assert_eq!(a.meta.title, "Harbour reopens after the storm");
    assert!(a.meta.pasted.is_some());
    let fm = format!("+++\ntitle = \"Given\"\n+++\n{PAGE}");
    let b = article("harbour.md", &fm);
    assert_eq!(b.meta.title, "Given");
    assert!(b.meta.pasted.is_none());
    assert!(b.body.contains("Share this story"));
}

/// The export names the byline and counts the lines set aside for a pasted
/// page, and says nothing new of any other article.
#[test]
fn the_export_counts_what_was_set_aside() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("page.txt"), PAGE).unwrap();
    std::fs::write(tmp.path().join("clean.txt"), CLEAN).unwrap();
    let corpus = Corpus::load(tmp.path()).unwrap();
    let analysis = Analysis::run(&corpus, &Settings::default());
    let mut out = Vec::new();
    export::write_json(&corpus, &analysis, &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let arts = json["articles"].as_array().unwrap();
    let by_id = |id: &str| arts.iter().find(|a| a["id"] == id).unwrap();
    let page = by_id("page");
    assert_eq!(page["author"], "Ann Writer");
    let expected = corpus.articles[corpus.position("page").unwrap()].set_aside_lines();
    assert!(expected > 10);
    assert_eq!(page["set_aside_lines"], expected);
    let clean = by_id("clean");
    // export contract version 2: every article has an author field, null
    // when none is known; only pasted pages count lines set aside
    assert!(clean["author"].is_null());
    assert!(clean.get("set_aside_lines").is_none());
}

/// The body the loader read before pasted pages were recognised: the text
/// after the front matter, sanitised.
fn markdown_body_as_before(text: &str) -> String {
    let split = frontmatter::split(text);
    clean_text(&text[split.body_offset..]).0.into_owned()
}

#[test]
fn content_reads_exactly_as_before() {
    let corpus = Corpus::load(&root().join("content")).unwrap();
    assert_eq!(corpus.articles.len(), 5);
    for a in &corpus.articles {
        assert!(a.meta.pasted.is_none(), "{} read as a page", a.id);
        let text = std::fs::read_to_string(&a.path).unwrap();
        assert_eq!(a.body, markdown_body_as_before(&text), "{}", a.id);
    }
    // and so the export has none of the fields of pasted pages; the author
    // is the front matter's
    let analysis = Analysis::run(&corpus, &Settings::default());
    let mut out = Vec::new();
    export::write_json(&corpus, &analysis, &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for (a, out) in corpus
        .articles
        .iter()
        .zip(json["articles"].as_array().unwrap())
    {
        assert!(out.get("set_aside_lines").is_none(), "{}", a.id);
        assert_eq!(out["author"].as_str(), a.meta.author.as_deref(), "{}", a.id);
    }
}

/// The articles of `content/` saved as plain text (title line, body) are
/// clean files too.
#[test]
fn content_as_plain_text_is_clean() {
    for entry in std::fs::read_dir(root().join("content")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let md = article("x.md", &text);
        let txt = format!("{}\n\n{}", md.meta.title, md.body);
        let a = article("x.txt", &txt);
        assert!(a.meta.pasted.is_none(), "{}", path.display());
        assert_eq!(a.meta.title, md.meta.title);
    }
}

/// The BBC corpus, when it is there: no file is a page.
#[test]
fn the_bbc_corpus_is_clean() {
    let bbc = root().join("../shared/bbc");
    if !bbc.is_dir() {
        eprintln!("skipped: {} is absent", bbc.display());
        return;
    }
    let corpus = Corpus::load(&bbc).unwrap();
    let pages: Vec<&str> = corpus
        .articles
        .iter()
        .filter(|a| a.meta.pasted.is_some())
        .map(|a| a.id.as_str())
        .collect();
    assert!(pages.is_empty(), "read as pages: {pages:?}");
}

/// The five seed articles as they were first pasted: their titles, bylines
/// and dates are those of their counterparts in `content/` where the text
/// shows them, and none of their navigation lines is a sentence.
#[test]
fn the_seeds_as_pasted() {
    let raw = root().join("../shared/seeds-raw");
    if !raw.is_dir() {
        eprintln!("skipped: {} is absent", raw.display());
        return;
    }
    let seeds = Corpus::load(&raw).unwrap();
    let content = Corpus::load(&root().join("content")).unwrap();
    let plain = |s: &str| s.replace(['’', '‘'], "'");
    let mut compared = 0;
    for c in &content.articles {
        let Some(original) = c.meta.extra.get("original") else {
            continue;
        };
        let id = original.trim_end_matches(".txt");
        let Some(i) = seeds.position(id) else {
            continue;
        };
        let s = &seeds.articles[i];
        let text = std::fs::read_to_string(&s.path).unwrap();
        let shown = |v: &str| plain(&text).contains(&plain(v));
        if shown(&c.meta.title) {
            assert_eq!(plain(&s.meta.title), plain(&c.meta.title), "{id}");
            compared += 1;
        }
        if let Some(author) = c.meta.author.as_deref().filter(|a| shown(a)) {
            assert_eq!(s.meta.author.as_deref(), Some(author), "{id}");
            compared += 1;
        }
        if let Some(d) = c.meta.published.filter(|d| d.day.is_some()) {
            assert_eq!(s.meta.published, Some(d), "{id}");
            compared += 1;
        }
    }
    assert!(compared >= 9, "{compared} fields compared");
    let navigation = [
        "Главная arrow",
        "Печать E-mail",
        "Recent Features",
        "Menu Content/Inhalt",
        "Пред.",
        "Read More +",
        "More in this section",
        "Sign up",
        "Home Delivery",
        "Find your Asia-Pacific job",
    ];
    for a in &seeds.articles {
        for s in sentences(a) {
            for nav in navigation {
                assert!(!s.contains(nav), "{}: {s:?}", a.id);
            }
        }
    }
}

/// A clean article: a title of a few words, then paragraphs of sentences.
fn clean_article() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "the",
        "minister",
        "said",
        "on",
        "talks",
        "would",
        "continue",
        "with",
        "a",
        "visit",
        "to",
        "the",
        "capital",
        "and",
        "an",
        "agreement",
        "was",
        "signed",
        "by",
        "both",
        "leaders",
        "after",
        "long",
        "negotiations",
        "over",
        "trade",
        "of",
        "gas",
        "in",
        "region",
        "economy",
        "grew",
        "slowly",
        "this",
        "year",
        "officials",
    ];
    let word = proptest::sample::select(WORDS);
    let sentence = proptest::collection::vec(word.clone(), 8..20).prop_map(|w| {
        let mut s = w.join(" ");
        if let Some(c) = s.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        s.push('.');
        s
    });
    let paragraph = proptest::collection::vec(sentence, 1..4).prop_map(|s| s.join(" "));
    let title = proptest::collection::vec(word, 3..8).prop_map(|w| w.join(" "));
    (title, proptest::collection::vec(paragraph, 1..8))
        .prop_map(|(t, ps)| format!("{t}\n\n{}\n", ps.join("\n\n")))
}

/// Lines a page puts around its article.
fn page_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => proptest::sample::select(vec![
            "Home", "Share", "Facebook Twitter Email", "Related articles", "Comments",
            "Advertisement", "By Ann Writer", "May 15th, 2013", "Read more: elsewhere",
            "Copyright © 2013 Someone. All rights reserved.", "Sign up", "Home > News",
        ]).prop_map(str::to_string),
        3 => newsy_text(30),
        1 => any_text(10),
        1 => Just(String::new()),
    ];
    proptest::collection::vec(line, 0..60).prop_map(|l| l.join("\n"))
}

proptest! {
    #![proptest_config(config(300, "tests/proptest-regressions/pasted.txt"))]

    /// No text makes the reading of a page panic, and what it reads is whole:
    /// every line is in the body or set aside, the ranges inside the text.
    #[test]
    fn any_text_reads_without_panic(text in prop_oneof![page_text(), any_text(80)]) {
        for name in ["p.txt", "p.md"] {
            let Ok(a) = Article::from_bytes(Path::new(name), text.clone().into_bytes()) else {
                continue;
            };
            let Some(p) = a.meta.pasted.as_deref() else { continue };
            let n_lines = p.original.split('\n').count();
            let mut prev = 0;
            for r in &p.set_aside {
                prop_assert!(r.start >= prev && r.start < r.end && r.end <= n_lines, "{:?}", p.set_aside);
                prev = r.end;
            }
            let all = p.original.split('\n').filter(|l| !l.trim().is_empty()).count();
            let in_body = a.body.split('\n').filter(|l| !l.trim().is_empty()).count();
            prop_assert_eq!(in_body + a.set_aside_lines(), all);
            for offset in 0..=a.body.len() {
                prop_assert!(a.file_line(offset) <= n_lines);
            }
        }
    }

    /// A clean file reads exactly as before: its first line is the title and
    /// the rest the body, with nothing set aside.
    #[test]
    fn a_clean_file_round_trips_unchanged(text in clean_article()) {
        let a = article("c.txt", &text);
        prop_assert!(a.meta.pasted.is_none());
        let (title, body) = text.split_once('\n').unwrap();
        prop_assert_eq!(&a.meta.title, title);
        prop_assert_eq!(&a.body, body);
    }
}
