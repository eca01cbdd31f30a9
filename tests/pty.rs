//! One real-terminal test: the built binary in a pseudo-terminal on the
//! bundled articles, driven by keys, with the screen parsed by vt100 and
//! polled for the text expected (never fixed sleeps).

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COLS: u16 = 120;
const ROWS: u16 = 40;

/// How long to wait for the screen to show something.
fn timeout() -> Duration {
    let secs = std::env::var("DOSSIER_PTY_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

struct Pty {
    master: Box<dyn portable_pty::MasterPty + Send>,
    _state: tempfile::TempDir,
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Pty {
    fn spawn(dir: &Path) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.arg(dir);
        cmd.arg("--config");
        cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml"));
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        // never the user's own reading state
        let state = tempfile::tempdir().expect("temp dir");
        cmd.env("DOSSIER_STATE", state.path().join("state.json"));
        // nor the user's analysis cache
        cmd.env("DOSSIER_CACHE_DIR", state.path().join("cache"));
        let child = pty.slave.spawn_command(cmd).expect("start dossier");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).unwrap(),
            std::num::NonZeroU16::new(COLS).unwrap(),
            0,
        )));
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Self {
            master: pty.master,
            _state: state,
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Polls the parsed screen until `pred` holds, or fails with the screen.
    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > timeout() {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait(text, |s| s.contains(text))
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser.lock().unwrap().screen_mut().set_size(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
        );
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

/// The status line's position ("article 2/5 · sentence 14/60").
fn position(screen: &str) -> String {
    let line = screen
        .lines()
        .find(|l| l.contains("article ") && l.contains("sentence "))
        .unwrap_or("");
    let start = line.find("article ").unwrap_or(0);
    line[start..]
        .split('│')
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

/// The "3/14" after the query in the status line.
fn match_ordinal(screen: &str) -> Option<(usize, usize)> {
    let rest = screen.split("“Russia” ").nth(1)?;
    let word = rest.split_whitespace().next()?;
    let (i, n) = word.split_once('/')?;
    Some((i.parse().ok()?, n.parse().ok()?))
}

#[test]
fn reads_follows_a_link_comes_back_opens_help_and_timeline_and_quits() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let corpus = dossier::corpus::Corpus::load(&dir).unwrap();
    let analysis =
        dossier::analysis::Analysis::run(&corpus, &dossier::config::Config::builtin().analysis);
    let mut t = Pty::spawn(&dir);
    t.wait_for("Sources");
    t.wait_for("article 1/5");
    // the analysis comes in the background: wait until it has arrived
    t.wait("the analysis", |s| {
        s.contains("Sources") && !s.contains("analysing")
    });

    if analysis.links.is_empty() {
        // the analysis of this build finds no cross-references yet
        eprintln!("pty: no links in content/ with this analysis; link steps skipped");
    } else {
        // move to the next sentence that has a link, follow it, come back
        let start = position(&t.screen());
        t.send("}");
        let before = t.wait("the next linked sentence", |s| {
            let p = position(s);
            !p.is_empty() && p != start
        });
        let here = position(&before);
        t.send("\r");
        t.wait_for("followed a link");
        t.send("\x7f");
        t.wait(&format!("back at {here}"), |s| position(s) == here);
    }

    t.send("?");
    t.wait_for("Next sentence, or next item");
    t.send("\x1b");
    t.wait("the reader again", |s| {
        s.contains("Sources") && !s.contains("Help —")
    });

    t.send("t");
    t.wait_for("Timeline —");
    t.send("\x7f");
    t.wait("the reader after the timeline", |s| {
        s.contains("Sources") && !s.contains("Timeline —")
    });

    // search, follow the match, come back
    t.send("/");
    t.wait_for("esc cancel");
    t.send("Russia\r");
    let found = t.wait("a search result", |s| match_ordinal(s).is_some());
    let at = position(&found);
    let (i, n) = match_ordinal(&found).unwrap();
    t.send("n");
    t.wait("the next match", |s| {
        match_ordinal(s) == Some((i % n + 1, n))
    });
    t.send("N");
    t.wait(&format!("back at {at}"), |s| position(s) == at);

    // the palette runs an action by name
    t.send(":");
    t.wait_for("Command palette");
    t.send("entity index\r");
    t.wait_for("Entity index —");
    t.send("\x1b");
    t.wait("the reader after the index", |s| {
        !s.contains("Entity index —")
    });

    // too small, then back, keeping the place
    let before = position(&t.screen());
    t.resize(30, 8);
    t.wait_for("terminal too small (30x8)");
    t.resize(COLS, ROWS);
    t.wait(&format!("the reader at {before}"), |s| {
        position(s) == before
    });

    t.send("q");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = t.child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > timeout() {
            let _ = t.child.kill();
            panic!("dossier did not exit after q; screen:\n{}", t.screen());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn first_frame_comes_before_the_analysis_and_q_quits_while_it_runs() {
    // large enough that a debug build analyses it for a while
    let dir = tempfile::tempdir().expect("temp dir");
    dossier::generate::generate(dir.path(), 3_000, 11).expect("generate a corpus");
    let mut t = Pty::spawn(dir.path());
    let s = t.wait("the text with a progress gauge", |s| {
        s.contains("article 1/3000") && s.contains("analysing")
    });
    let corpus = dossier::corpus::Corpus::load(dir.path()).unwrap();
    let first_words: String = corpus.articles[0]
        .body
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(s.contains(&first_words), "the article text: {s}");
    // plain reading works meanwhile
    t.send("j");
    t.wait_for("sentence 2/");
    t.send("q");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = t.child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > timeout() {
            let _ = t.child.kill();
            panic!("dossier did not exit after q; screen:\n{}", t.screen());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
}
