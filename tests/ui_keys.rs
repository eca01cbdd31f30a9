//! Every key of the reader (issue 2, item 8) and of its views, driven by
//! key strings on a hand-built corpus, checked on the state and the screen.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::app::views::{ListKind, View};
use dossier::app::{Focus, Tab};
use ui_fixture::{app, press, screen};

fn top_list(app: &dossier::app::App) -> Option<ListKind> {
    match app.views.last() {
        Some(View::List(l)) => Some(l.kind),
        _ => None,
    }
}

#[test]
fn fixture_segments_as_expected() {
    let a = app();
    assert_eq!(a.sentence_count(1), 4);
    assert_eq!(a.sentence_count(2), 3);
}

#[test]
fn j_k_and_arrows_move_by_sentence() {
    let mut a = app();
    press(&mut a, "]");
    assert_eq!(a.article, 1);
    press(&mut a, "j");
    assert_eq!(a.current_sentence(), 1);
    press(&mut a, "down down");
    assert_eq!(a.current_sentence(), 3);
    press(&mut a, "j");
    assert_eq!(a.current_sentence(), 3, "stays on the last sentence");
    press(&mut a, "k up");
    assert_eq!(a.current_sentence(), 1);
    press(&mut a, "k k k");
    assert_eq!(a.current_sentence(), 0);
}

#[test]
fn paging_moves_forward_and_back() {
    let mut a = app();
    press(&mut a, "]");
    // draw once so paging knows the viewport
    screen(&mut a, 80, 24);
    press(&mut a, "space");
    assert!(a.current_sentence() >= 1);
    let after_space = a.current_sentence();
    press(&mut a, "b");
    assert!(a.current_sentence() < after_space);
    press(&mut a, "pgdown");
    assert!(a.current_sentence() >= 1);
    press(&mut a, "pgup");
    assert_eq!(a.current_sentence(), 0);
    press(&mut a, "ctrl-d");
    assert!(a.current_sentence() >= 1);
    press(&mut a, "ctrl-u");
    assert_eq!(a.current_sentence(), 0);
}

#[test]
fn g_g_home_end_and_capital_g() {
    let mut a = app();
    press(&mut a, "]");
    press(&mut a, "G");
    assert_eq!(a.current_sentence(), 3);
    press(&mut a, "g");
    assert_eq!(a.current_sentence(), 3, "g alone waits for the second key");
    assert_eq!(a.status_message().as_deref(), Some("g …"));
    let s = screen(&mut a, 100, 24);
    assert!(s.lines().last().unwrap().contains("g …"), "{s}");
    press(&mut a, "g");
    assert_eq!(a.current_sentence(), 0);
    assert_eq!(a.status_message(), None, "the sequence is done");
    press(&mut a, "end");
    assert_eq!(a.current_sentence(), 3);
    press(&mut a, "home");
    assert_eq!(a.current_sentence(), 0);
    // a dead sequence drops its prefix: "g j" moves down
    press(&mut a, "g j");
    assert_eq!(a.current_sentence(), 1);
}

#[test]
fn brackets_change_article_and_remember_the_sentence() {
    let mut a = app();
    press(&mut a, "] j j");
    assert_eq!((a.article, a.current_sentence()), (1, 2));
    press(&mut a, "]");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
    press(&mut a, "]");
    assert_eq!(a.article, 2, "no article after the last");
    press(&mut a, "[");
    assert_eq!((a.article, a.current_sentence()), (1, 2));
}

#[test]
fn tab_and_backtab_cycle_focus_and_skip_hidden_panes() {
    let mut a = app();
    assert_eq!(a.focus, Focus::Article);
    press(&mut a, "tab");
    assert_eq!(a.focus, Focus::Panel);
    press(&mut a, "tab");
    assert_eq!(a.focus, Focus::Sources);
    press(&mut a, "backtab");
    assert_eq!(a.focus, Focus::Panel);
    press(&mut a, "S tab tab");
    assert_eq!(a.focus, Focus::Panel, "sources hidden: article <-> panel");
    press(&mut a, "P");
    assert_eq!(
        a.focus,
        Focus::Article,
        "hiding the focused panel moves focus"
    );
    assert!(!a.show_panel && !a.show_sources);
}

#[test]
fn sources_focus_j_k_open_articles() {
    let mut a = app();
    press(&mut a, "tab tab");
    assert_eq!(a.focus, Focus::Sources);
    press(&mut a, "j");
    assert_eq!(a.article, 1);
    press(&mut a, "G");
    assert_eq!(a.article, 2);
    press(&mut a, "enter");
    assert_eq!(a.focus, Focus::Article);
}

#[test]
fn number_keys_switch_tabs() {
    let mut a = app();
    press(&mut a, "2");
    assert_eq!(a.tab, Tab::Dates);
    press(&mut a, "3");
    assert_eq!(a.tab, Tab::Links);
    press(&mut a, "1");
    assert_eq!(a.tab, Tab::Entities);
}

#[test]
fn enter_on_a_link_opens_the_other_article_and_backspace_returns() {
    let mut a = app();
    press(&mut a, "] j 3 tab");
    assert_eq!((a.focus, a.tab), (Focus::Panel, Tab::Links));
    assert_eq!(a.current_links().len(), 1);
    press(&mut a, "enter");
    assert_eq!((a.article, a.current_sentence()), (2, 1));
    assert_eq!(a.focus, Focus::Article);
    press(&mut a, "backspace");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
    press(&mut a, "ctrl-i");
    assert_eq!((a.article, a.current_sentence()), (2, 1));
    press(&mut a, "ctrl-o");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
    press(&mut a, "L");
    assert_eq!((a.article, a.current_sentence()), (2, 1));
    press(&mut a, "H");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
}

#[test]
fn panel_j_k_choose_among_links() {
    let mut a = app();
    // the first sentence of the second article has two links
    press(&mut a, "] ] 3 tab");
    assert_eq!(a.current_links().len(), 2);
    press(&mut a, "j");
    assert_eq!(a.panel_sel[2], 1);
    press(&mut a, "j");
    assert_eq!(a.panel_sel[2], 1, "clamped to the list");
    press(&mut a, "enter");
    assert_eq!((a.article, a.current_sentence()), (1, 3));
    press(&mut a, "k");
    assert_eq!(a.current_sentence(), 2, "focus is back on the article");
}

#[test]
fn entity_enter_lists_mentions_and_enter_jumps() {
    let mut a = app();
    press(&mut a, "] tab");
    let first = a.selected_entity().unwrap();
    assert_eq!(a.entity_name(first), "Jane Doe");
    press(&mut a, "j");
    assert_eq!(a.entity_name(a.selected_entity().unwrap()), "Paris");
    press(&mut a, "enter");
    assert_eq!(top_list(&a), Some(ListKind::Mentions(1)));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Mentions of Paris"), "{s}");
    assert!(s.contains("Paris meeting of Jane Doe"), "{s}");
    // rows: header(first), s1, s4, header(second), s1 -> go to the last
    press(&mut a, "G enter");
    assert!(a.views.is_empty());
    assert_eq!((a.article, a.current_sentence()), (2, 0));
    press(&mut a, "backspace");
    assert_eq!(
        top_list(&a),
        Some(ListKind::Mentions(1)),
        "back reopens the list"
    );
    press(&mut a, "backspace");
    assert!(a.views.is_empty(), "backspace in a list closes it");
    assert_eq!(a.article, 1);
}

#[test]
fn dates_tab_enter_jumps_to_the_sentence() {
    let mut a = app();
    press(&mut a, "] ] j j 2 tab enter");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
}

#[test]
fn curly_braces_jump_between_linked_sentences_across_articles() {
    let mut a = app();
    press(&mut a, "]");
    press(&mut a, "}");
    assert_eq!(a.current_sentence(), 1);
    press(&mut a, "}");
    assert_eq!(a.current_sentence(), 3);
    // on into the next article
    press(&mut a, "}");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
    press(&mut a, "} }");
    assert_eq!((a.article, a.current_sentence()), (2, 1));
    assert!(a.status.as_deref().unwrap_or("").contains("no later"));
    press(&mut a, "{ {");
    assert_eq!((a.article, a.current_sentence()), (1, 3));
    press(&mut a, "{ { {");
    assert_eq!((a.article, a.current_sentence()), (1, 0));
    assert!(a.status.as_deref().unwrap_or("").contains("no earlier"));
}

#[test]
fn parentheses_jump_between_sentences_another_source_states_differently() {
    let mut a = app();
    press(&mut a, "]");
    press(&mut a, ")");
    assert_eq!(a.current_sentence(), 1);
    // sentence 3 is linked, but only loosely: `)` goes past it, into the
    // next article (issue 17, item 11)
    press(&mut a, ")");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
    press(&mut a, ") )");
    assert_eq!((a.article, a.current_sentence()), (2, 1));
    let status = a.status.as_deref().unwrap_or("");
    assert!(
        status.contains("no later sentence that another source states differently"),
        "{status}"
    );
    press(&mut a, "( (");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
    press(&mut a, "}");
    assert_eq!(a.current_sentence(), 3);
    press(&mut a, "(");
    assert_eq!(a.current_sentence(), 1);
    press(&mut a, "( (");
    assert_eq!((a.article, a.current_sentence()), (1, 0));
}

#[test]
fn enter_in_the_article_follows_the_sentences_best_link() {
    let mut a = app();
    press(&mut a, "] enter");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
}

#[test]
fn question_mark_and_f1_show_help_from_the_keymap() {
    let mut a = app();
    press(&mut a, "?");
    assert_eq!(top_list(&a), Some(ListKind::Help));
    let s = screen(&mut a, 100, 40);
    assert!(s.contains("Next sentence"), "{s}");
    assert!(s.contains("j/down"), "{s}");
    press(&mut a, "esc");
    assert!(a.views.is_empty());
    press(&mut a, "f1");
    assert_eq!(top_list(&a), Some(ListKind::Help));
    // filter by typing after /
    press(&mut a, "/ t i m e l");
    let Some(View::List(l)) = a.views.last() else {
        panic!()
    };
    assert_eq!(
        l.selected().map(|r| r.note.split(' ').next().unwrap()),
        Some("timeline"),
        "the best match comes first"
    );
    press(&mut a, "enter enter");
    assert_eq!(
        top_list(&a),
        Some(ListKind::Timeline),
        "enter runs the action"
    );
}

#[test]
fn help_rebinding_shows_the_users_keys() {
    let (c, an) = ui_fixture::fixture();
    let config = dossier::config::Config::from_toml(
        "[keys.normal]\nnext_sentence = [\"n\"]\n",
        std::path::Path::new("user.toml"),
        dossier::config::Source::File {
            path: "user.toml".into(),
            how: "--config",
        },
    )
    .unwrap();
    let mut a = dossier::app::App::new(c, an, config);
    press(&mut a, "] n");
    assert_eq!(a.current_sentence(), 1);
    press(&mut a, "?");
    let s = screen(&mut a, 100, 40);
    let row = s.lines().find(|l| l.contains("Next sentence")).unwrap();
    assert!(row.contains(" n ") && !row.contains("j/down"), "{row}");
}

#[test]
fn timeline_lists_dates_in_order_marks_differences_and_returns() {
    let mut a = app();
    press(&mut a, "t");
    assert_eq!(top_list(&a), Some(ListKind::Timeline));
    let s = screen(&mut a, 100, 30);
    let p2013 = s.find("2013 April").unwrap();
    let p2016 = s.find("2016 May").unwrap();
    assert!(p2013 < p2016, "{s}");
    let may6 = s.find("2016-05-06").unwrap();
    let may7 = s.find("2016-05-07").unwrap();
    assert!(may6 < may7);
    assert!(
        s.contains("≠"),
        "linked sentences with other dates are marked: {s}"
    );
    // the other source by its title (issue 17, item 7)
    assert!(s.contains("A meeting in Paris says 2016-05-07"), "{s}");
    press(&mut a, "G enter");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
    press(&mut a, "backspace");
    assert_eq!(top_list(&a), Some(ListKind::Timeline));
    press(&mut a, "backspace");
    assert!(a.views.is_empty());
}

#[test]
fn entity_index_sorts_and_lists_mentions() {
    let mut a = app();
    press(&mut a, "e");
    assert!(matches!(top_list(&a), Some(ListKind::EntityIndex(_))));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("sorted by mentions"), "{s}");
    let paris = s.find("Paris").unwrap();
    let berlin = s.find("Berlin").unwrap();
    assert!(paris < berlin, "most mentioned first");
    press(&mut a, "s s s");
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("sorted by name"), "{s}");
    assert!(s.find("Acme Corp").unwrap() < s.find("Berlin").unwrap());
    press(&mut a, "enter");
    assert_eq!(top_list(&a), Some(ListKind::Mentions(3)));
    press(&mut a, "enter");
    assert_eq!((a.article, a.current_sentence()), (0, 1));
}

#[test]
fn compare_aligns_linked_sentences_and_jumps_into_either_side() {
    let mut a = app();
    press(&mut a, "] c");
    let Some(View::Compare(c)) = a.views.last() else {
        panic!("no compare view")
    };
    assert_eq!((c.left, c.right), (1, 2));
    assert_eq!(c.rows[0].left, Some(0));
    assert_eq!(c.rows[0].right, Some(0));
    assert_eq!(c.rows[1].left, Some(1));
    assert_eq!(c.rows[1].right, Some(1));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("≠"), "{s}");
    assert!(s.contains("$12 billion"), "{s}");
    press(&mut a, "} tab enter");
    assert_eq!((a.article, a.current_sentence()), (2, 1));
    press(&mut a, "backspace");
    assert!(matches!(a.views.last(), Some(View::Compare(_))));
    press(&mut a, "esc");
    assert!(a.views.is_empty());
}

#[test]
fn q_quits_from_the_reader_and_closes_lists() {
    let mut a = app();
    press(&mut a, "t q");
    assert!(a.views.is_empty() && !a.quit, "q closes a list");
    press(&mut a, "q");
    assert!(a.quit);
    let mut a = app();
    press(&mut a, "ctrl-c");
    assert!(a.quit);
}

#[test]
fn the_current_sentence_is_reversed_and_the_gutter_counts_links() {
    let mut a = app();
    press(&mut a, "]");
    let t = ui_fixture::render(&mut a, 100, 30);
    let buf = t.backend().buffer();
    let text = screen(&mut a, 100, 30);
    let row = text
        .lines()
        .position(|l| l.contains("Jane Doe met"))
        .unwrap();
    let line = text.lines().nth(row).unwrap();
    assert!(line.contains("≠1"), "differs glyph and count: {line}");
    let col = line.find("Jane Doe met").unwrap();
    let x = line[..col].chars().count() as u16;
    let cell = &buf[(x + 9, row as u16)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "current sentence reversed"
    );
}

#[test]
fn status_line_shows_position_and_keys_of_the_focused_pane() {
    let mut a = app();
    press(&mut a, "] j");
    let s = screen(&mut a, 100, 30);
    let last = s.lines().last().unwrap();
    assert!(last.contains("article 2/3 · sentence 2/4"), "{last}");
    assert!(last.contains("j sentence"), "{last}");
    press(&mut a, "tab");
    let s = screen(&mut a, 100, 30);
    assert!(s.lines().last().unwrap().contains("enter follow"));
}

/// 200 generated articles with an analysis of their sentences only: all
/// that search needs of it.
fn generated_with_sentences() -> (
    tempfile::TempDir,
    dossier::corpus::Corpus,
    dossier::analysis::Analysis,
) {
    use dossier::analysis::{segment, Analysis, ArticleAnalysis};
    let dir = tempfile::tempdir().unwrap();
    dossier::generate::generate(dir.path(), 200, 5).unwrap();
    let corpus = dossier::corpus::Corpus::load(dir.path()).unwrap();
    let analysis = Analysis {
        articles: corpus
            .articles
            .iter()
            .map(|a| {
                let sentences = segment::split(&a.body);
                ArticleAnalysis {
                    sentence_links: vec![Vec::new(); sentences.len()],
                    sentences,
                    ..Default::default()
                }
            })
            .collect(),
        ..Default::default()
    };
    (dir, corpus, analysis)
}

#[test]
fn typing_searches_near_the_reader_and_enter_finds_every_match() {
    let (_dir, corpus, analysis) = generated_with_sentences();
    let total = corpus
        .articles
        .iter()
        .map(|a| a.body.to_lowercase().matches('e').count())
        .sum::<usize>();
    let mut a = dossier::app::App::new(corpus, analysis, dossier::config::Config::builtin());
    press(&mut a, "] ] ] / e");
    let s = a.search.as_ref().unwrap();
    assert!(s.results.is_partial(), "one letter stops early");
    assert!(s.results.len() < total);
    let m = *s.results.get(s.current.unwrap()).unwrap();
    assert_eq!(m.article, 3, "the first match from the reader's article");
    let near = s.results.len();
    let shown = screen(&mut a, 100, 24);
    assert!(shown.contains(&format!("{near}+ matches")), "{shown}");
    press(&mut a, "enter");
    // Enter searches the rest off the keypress; the matches near the
    // reader serve until then
    assert!(a.search.as_ref().unwrap().results.is_partial());
    assert!(a.background_pending());
    assert!(a.status.as_deref().unwrap_or("").contains("+ matches"));
    a.wait_background();
    assert!(!a.background_pending());
    assert!(a
        .status
        .as_deref()
        .unwrap_or("")
        .contains(&format!("/{total}")));
    let s = a.search.as_ref().unwrap();
    assert!(!s.results.is_partial());
    assert_eq!(s.results.len(), total);
    assert_eq!(s.results.get(s.current.unwrap()), Some(&m), "still on it");
    assert_eq!((a.article, a.current_sentence()), (3, m.sentence));
}

#[test]
fn a_full_search_for_an_older_query_is_dropped() {
    let (_dir, corpus, analysis) = generated_with_sentences();
    let mut a = dossier::app::App::new(corpus, analysis, dossier::config::Config::builtin());
    press(&mut a, "/ e enter / a");
    // the full search for "e" ends while "a" is typed
    a.wait_background();
    let s = a.search.as_ref().unwrap();
    assert_eq!(s.input.text(), "a");
    assert!(s.results.matches().iter().all(|m| {
        let body = &a.corpus.articles[m.article].body;
        body[m.start..m.end].eq_ignore_ascii_case("a")
    }));
}
