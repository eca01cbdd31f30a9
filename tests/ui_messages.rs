//! Messages (issue 17, item 6): a message lasts until the next key or a
//! few seconds, the key hints keep their room, a long message is cut with
//! "…" and the messages list (`M`) has it whole; and the help's legend of
//! the marks on screen (item 9).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::app::messages::MESSAGE_TIME;
use dossier::app::views::{ListKind, View};
use std::time::{Duration, Instant};
use ui_fixture::{app, press, screen};

fn status_line(s: &str) -> String {
    s.lines().last().unwrap_or("").to_string()
}

fn top_list(app: &dossier::app::App) -> Option<ListKind> {
    match app.views.last() {
        Some(View::List(l)) => Some(l.kind),
        _ => None,
    }
}

#[test]
fn a_message_goes_with_the_next_key() {
    let mut a = app();
    press(&mut a, "L");
    assert_eq!(a.status.as_deref(), Some("nothing to go forward to"));
    let s = screen(&mut a, 100, 24);
    assert!(status_line(&s).contains("nothing to go forward to"), "{s}");
    press(&mut a, "j");
    assert_eq!(a.status, None);
    let s = screen(&mut a, 100, 24);
    assert!(!s.contains("nothing to go forward"), "{s}");
}

#[test]
fn a_message_goes_after_a_few_seconds_without_a_key() {
    let mut a = app();
    a.status = Some("analysis read from the cache".into());
    screen(&mut a, 100, 24);
    let shown = Instant::now();
    assert!(!a.expire_status(shown + Duration::from_secs(1)));
    assert!(a.status.is_some());
    assert!(a.expire_status(shown + MESSAGE_TIME + Duration::from_millis(50)));
    assert_eq!(a.status, None);
    let s = screen(&mut a, 100, 24);
    assert!(!s.contains("from the cache"), "{s}");
    // nothing to expire: nothing changes
    assert!(!a.expire_status(shown + MESSAGE_TIME * 3));
}

#[test]
fn at_80_columns_a_long_message_is_cut_and_the_hints_keep_their_room() {
    let mut a = app();
    let long = "the analysis was read from the cache at ~/.cache/dossier/abcdef0123456789 \
                (written 3 minutes ago for these 3 articles)";
    a.status = Some(long.into());
    let s = screen(&mut a, 80, 24);
    let line = status_line(&s);
    assert!(line.contains("? help"), "{line}");
    assert!(line.contains("j sentence"), "{line}");
    assert!(line.contains("the analysis was read"), "{line}");
    assert!(line.contains('…'), "cut with an ellipsis: {line}");
    assert!(!line.contains("3 articles"), "{line}");
    // the list has it whole
    press(&mut a, "M");
    assert_eq!(top_list(&a), Some(ListKind::Messages));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Messages — 1 this session"), "{s}");
    assert!(s.contains("(written 3 minutes ago for these 3"), "{s}");
    assert!(s.contains("articles)"), "{s}");
    press(&mut a, "esc");
    assert!(a.views.is_empty());
}

#[test]
fn every_message_shown_is_in_the_list_newest_first() {
    let mut a = app();
    press(&mut a, "L");
    screen(&mut a, 100, 24);
    press(&mut a, "] ] ]");
    screen(&mut a, 100, 24);
    press(&mut a, "M");
    let s = screen(&mut a, 100, 24);
    let last = s.find("this is the last article").expect("the newest");
    let first = s.find("nothing to go forward to").expect("the oldest");
    assert!(last < first, "{s}");
    // a message set and replaced before any frame showed it is not listed
    let mut b = app();
    b.status = Some("never shown".into());
    b.status = Some("shown".into());
    screen(&mut b, 100, 24);
    assert_eq!(b.messages(), ["shown"]);
}

#[test]
fn help_explains_the_marks_after_the_keys() {
    let mut a = app();
    press(&mut a, "?");
    let Some(View::List(help)) = a.views.last() else {
        panic!("help opens");
    };
    let rows: Vec<(String, String)> = help
        .rows
        .iter()
        .map(|r| (r.lead.clone(), r.text.clone()))
        .collect();
    let legend = rows
        .iter()
        .position(|r| r.1 == "What the marks mean")
        .expect("a legend");
    let keys = rows[..legend]
        .iter()
        .position(|r| r.1.starts_with("List this session's messages"))
        .expect("the messages key");
    assert_eq!(rows[keys].0, "M");
    for glyph in [
        "●2",
        "≠2",
        "▍",
        "✓",
        "⚠",
        "here all",
        "≠ differ",
        "· silent",
        "37%",
    ] {
        assert!(
            rows[legend..].iter().any(|r| r.0 == glyph),
            "{glyph} is explained"
        );
    }
    // the filter finds a mark by its meaning
    press(&mut a, "/ s i l e n t");
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("· silent"), "{s}");
}

#[test]
fn ctrl_i_is_offered_only_where_the_terminal_tells_it_from_tab() {
    let mut a = app();
    press(&mut a, "?");
    let s = screen(&mut a, 120, 50);
    let forward = s
        .lines()
        .find(|l| l.contains("Go forward again"))
        .unwrap()
        .to_string();
    assert!(forward.contains(" L "), "{forward}");
    assert!(!forward.contains("ctrl-i"), "{forward}");
    let mut b = app();
    b.keyboard_enhanced = true;
    press(&mut b, "?");
    let s = screen(&mut b, 120, 50);
    assert!(s.contains("ctrl-i/L"), "{s}");
}
