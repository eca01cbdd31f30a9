//! Real-terminal tests against hostile input: the built binary in a
//! pseudo-terminal on an article full of escape sequences and on the
//! committed hostile corpus `tests/hostile/`, with vt100 recording any window
//! title or clipboard the program sets; and SIGTERM in the middle of a session
//! leaves the terminal restored.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod pty_support;

use pty_support::{timeout, Pty};
use std::time::{Duration, Instant};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// Records what the program asked of the terminal beyond drawing.
#[derive(Default)]
struct Recorder {
    titles: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Recorder {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

/// An article whose front matter and body try every trick on the terminal.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let evil = "\x1b]0;PWNED-TITLE\x07\x1b]2;PWNED-TITLE2\x1b\\\x1b]52;c;UFdORUQ=\x07\
                \x1b[31m\x1b[2J\x1b[H\u{9b}31m\u{85}\u{202e}desrever\u{202c}\u{2066}iso\u{2069}";
    let mut body = String::new();
    for i in 0..40 {
        body.push_str(&format!(
            "Sentence number {i} is plain{evil} and ends here. Paragraph marker {i}.\n\n"
        ));
    }
    let text = format!(
        "+++\ntitle = \"Evil {}title\"\nauthor = \"Mal{}lory\"\npublished = 2021-03-04\n+++\n{body}",
        evil.replace('\\', "\\\\").replace('\x1b', "\\u001b").replace('\x07', "\\u0007").replace('\u{9b}', "\\u009b").replace('\u{85}', "\\u0085"),
        "\\u001b]0;PWNED-AUTHOR\\u0007",
    );
    std::fs::write(dir.path().join("evil.md"), text).unwrap();
    std::fs::write(
        dir.path().join("plain.md"),
        "+++\ntitle = \"Plain story\"\npublished = 2021-03-05\n+++\nNothing odd here.\n",
    )
    .unwrap();
    dir
}

#[test]
fn hostile_article_sets_no_title_or_clipboard_and_leaves_no_escape_text() {
    let dir = hostile_folder();
    let mut t = Pty::spawn_with(dir.path(), COLS, ROWS, Recorder::default());
    let first = t.wait("the hostile article", |s| s.contains("Sentence number 0"));
    // the front matter was read, its escape sequences removed
    assert!(first.contains("Mallory"), "{first}");
    // page until the last sentence shows, each page waited for on screen
    for page in 0.. {
        let before = t.screen();
        if before.contains("Sentence number 39") {
            break;
        }
        assert!(page < 40, "paging never reached the end:\n{before}");
        t.send(" ");
        t.wait("the next page", |s| s != before);
    }
    t.send("]");
    t.wait("the plain article", |s| s.contains("Nothing odd here"));
    t.send("[");
    let s = t.wait("back on the hostile one", |s| s.contains("Sentence number"));
    for stray in ["PWNED", "]0;", "]2;", "]52;", "[31m", "[2J", "UFdORUQ"] {
        assert!(!s.contains(stray), "stray {stray:?} on screen:\n{s}");
    }
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s}");
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let p = t.parser.lock().unwrap();
    let rec = p.callbacks();
    assert!(rec.titles.is_empty(), "title set: {:?}", rec.titles);
    assert!(
        rec.clipboard.is_empty(),
        "clipboard set: {:?}",
        rec.clipboard
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = hostile_folder();
    let mut t = Pty::spawn_with(dir.path(), COLS, ROWS, Recorder::default());
    t.wait("the reader", |s| s.contains("Sentence number 0"));
    assert!(t.parser.lock().unwrap().screen().alternate_screen());
    let pid = t.child.process_id().expect("a pid");
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(ok.success());
    let _ = t.wait_exit();
    // the reader thread may still be draining the last bytes
    let start = Instant::now();
    loop {
        let restored = {
            let p = t.parser.lock().unwrap();
            !p.screen().alternate_screen() && !p.screen().hide_cursor()
        };
        if restored {
            break;
        }
        assert!(
            start.elapsed() < timeout(),
            "terminal not restored after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Closing the terminal window ends the reader: it must not go on running
/// (before, a reader whose terminal was gone spun on end-of-file for good).
#[test]
fn a_closed_terminal_ends_the_reader() {
    let dir = hostile_folder();
    let mut t = Pty::spawn(dir.path(), COLS, ROWS);
    t.wait("the reader", |s| s.contains("Sentence number 0"));
    t.hang_up();
    t.wait_exit();
}

/// Every article of the committed hostile corpus is shown in turn, and the
/// terminal's title and clipboard are never asked to change by the content,
/// nor does any payload reach the terminal's byte stream; then it quits.
#[test]
fn showing_every_hostile_article_changes_neither_title_nor_clipboard() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let n = dossier::corpus::Corpus::load(&dir)
        .expect("load")
        .articles
        .len();
    let mut t = Pty::spawn_with(&dir, 110, 30, Recorder::default());
    t.wait_for(&format!("article 1/{n}"));
    for k in 2..=n {
        t.send("]");
        t.wait_for(&format!("article {k}/{n}"));
    }
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
    {
        let p = t.parser.lock().unwrap();
        let rec = p.callbacks();
        for title in &rec.titles {
            let title = String::from_utf8_lossy(title);
            assert!(
                !title.contains("pwned") && !title.contains("title"),
                "title set to {title:?}"
            );
        }
        assert!(
            rec.clipboard.is_empty(),
            "clipboard set: {:?}",
            rec.clipboard
        );
    }
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    for payload in ["pwned", "ZXZpbA", "cm0gLXJmIH4", "]52;", "]0;"] {
        assert!(
            !raw.contains(payload),
            "{payload:?} written to the terminal"
        );
    }
}
