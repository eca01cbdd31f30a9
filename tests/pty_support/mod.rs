//! The real-terminal harness shared by the pseudo-terminal tests: the built
//! binary started in a pty on a folder, its output parsed by vt100 on a
//! reader thread, and the screen polled for what a test expects (never fixed
//! sleeps). Each run gets its own state file and cache folder, never the
//! user's.
#![allow(dead_code)]

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something
/// (`DOSSIER_PTY_TIMEOUT` seconds, 30 by default).
pub fn timeout() -> Duration {
    let secs = std::env::var("DOSSIER_PTY_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

fn size(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal of at least one cell")
}

/// dossier running in a pseudo-terminal; `C` records what it asks of the
/// terminal beyond drawing (titles, clipboard), `()` for nothing.
pub struct Pty<C: vt100::Callbacks + Send + 'static = ()> {
    pub parser: Arc<Mutex<vt100::Parser<C>>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Every byte the program wrote to the terminal, in order.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reader thread to let go of the pty after its next read.
    letting_go: Arc<std::sync::atomic::AtomicBool>,
    /// The terminal's side of the pty; `None` once hung up.
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    _state: tempfile::TempDir,
}

impl Pty<()> {
    /// Starts the reader on `dir` in a `cols` × `rows` terminal.
    pub fn spawn(dir: &Path, cols: u16, rows: u16) -> Self {
        Self::spawn_with(dir, cols, rows, ())
    }
}

impl<C: vt100::Callbacks + Send + 'static> Pty<C> {
    /// As [`Pty::spawn`], with `callbacks` recording the terminal requests.
    pub fn spawn_with(dir: &Path, cols: u16, rows: u16, callbacks: C) -> Self {
        Self::spawn_env(dir, cols, rows, callbacks, &[])
    }

    /// As [`Pty::spawn_with`], with variables `env` set (or, with an empty
    /// value, removed) in the program's environment.
    pub fn spawn_env(dir: &Path, cols: u16, rows: u16, callbacks: C, env: &[(&str, &str)]) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
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
        let state = tempfile::tempdir().expect("temp dir");
        cmd.env("DOSSIER_STATE", state.path().join("state.json"));
        cmd.env("DOSSIER_CACHE_DIR", state.path().join("cache"));
        for (name, value) in env {
            if value.is_empty() {
                cmd.env_remove(name);
            } else {
                cmd.env(name, value);
            }
        }
        let child = pty.slave.spawn_command(cmd).expect("start dossier");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            size(rows),
            size(cols),
            0,
            callbacks,
        )));
        let p = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = Arc::clone(&raw);
        let letting_go = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let go = Arc::clone(&letting_go);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
                if go.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
            }
        });
        Self {
            parser,
            child,
            raw,
            letting_go,
            master: Some(pty.master),
            writer: Some(writer),
            _state: state,
        }
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Every byte written to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Polls the parsed screen until `pred` holds, or fails with the screen.
    pub fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait(text, |s| s.contains(text))
    }

    /// Resizes the terminal, as a window manager would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("a terminal not hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(size(rows), size(cols));
    }

    /// Types `bytes`.
    pub fn send(&mut self, bytes: &str) {
        let w = self.writer.as_mut().expect("a terminal not hung up");
        w.write_all(bytes.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// Closes the terminal as closing its window does: every handle of the
    /// pty's terminal side goes, so the program gets SIGHUP and its reads
    /// end-of-file. The reader thread lets go of its handle after the next
    /// output, which a resize provokes (the program redraws).
    pub fn hang_up(&mut self) {
        self.letting_go
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let (rows, cols) = {
            let p = self.parser.lock().unwrap();
            p.screen().size()
        };
        self.resize(cols.get() - 1, rows.get());
        self.writer = None;
        self.master = None;
    }

    /// Waits for the program to exit, killing it (and failing) after the
    /// timeout.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st;
            }
            if start.elapsed() > timeout() {
                let _ = self.child.kill();
                panic!("dossier did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// How a test starts dossier beyond its folder and screen size (see
/// [`Pty::spawn_opts`]).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The state file, to share one between runs or readers (else one of
    /// the run's own).
    pub state: Option<std::path::PathBuf>,
    /// Environment variables to set.
    pub env: Vec<(String, String)>,
    /// The size the program is told, columns and rows, when it is not the
    /// screen parsed (which a huge one would not fit in memory).
    pub pty_size: Option<(u16, u16)>,
}

impl<C: vt100::Callbacks + Send + 'static> Pty<C> {
    /// As [`Pty::spawn_with`], with `opts`; also returns the terminal's
    /// settings before dossier started (`stty -g`), for a test to compare
    /// with those it leaves.
    pub fn spawn_opts(
        dir: &Path,
        cols: u16,
        rows: u16,
        callbacks: C,
        opts: Options,
    ) -> (Self, String) {
        let (pty_cols, pty_rows) = opts.pty_size.unwrap_or((cols, rows));
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: pty_rows,
                cols: pty_cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let before = stty_of(&pty.master.tty_name().expect("the pty's name"));
        // `DOSSIER_PTY_BIN`: another build, to see a test fail before a fix
        let bin = std::env::var_os("DOSSIER_PTY_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_dossier").into());
        let mut cmd = CommandBuilder::new(bin);
        cmd.arg(dir);
        cmd.arg("--config");
        cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml"));
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let state = tempfile::tempdir().expect("temp dir");
        let state_file = opts
            .state
            .clone()
            .unwrap_or_else(|| state.path().join("state.json"));
        cmd.env("DOSSIER_STATE", state_file);
        cmd.env("DOSSIER_CACHE_DIR", state.path().join("cache"));
        for (k, v) in &opts.env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("start dossier");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            size(rows),
            size(cols),
            0,
            callbacks,
        )));
        let p = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = Arc::clone(&raw);
        let letting_go = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let go = Arc::clone(&letting_go);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
                if go.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
            }
        });
        let t = Self {
            parser,
            child,
            raw,
            letting_go,
            master: Some(pty.master),
            writer: Some(writer),
            _state: state,
        };
        (t, before)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Sends the signal `name` (`TERM`, `TSTP`…) with kill(1).
    pub fn signal(&self, name: &str) {
        let ok = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(ok.success(), "kill -{name}");
    }

    /// The terminal's settings now, as `stty -g` prints them.
    pub fn stty(&self) -> String {
        let master = self.master.as_ref().expect("a terminal not hung up");
        stty_of(&master.tty_name().expect("the pty's name"))
    }

    /// Resizes the terminal as the program sees it, leaving the parsed
    /// screen as it is (a huge size would not fit in the test's memory).
    pub fn resize_pty(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("a terminal not hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Whether the screen is the alternate one, and whether the cursor is
    /// hidden: both false for a terminal given back.
    pub fn modes(&self) -> (bool, bool) {
        let p = self.parser.lock().unwrap();
        (p.screen().alternate_screen(), p.screen().hide_cursor())
    }

    /// Polls until `pred` holds of the process state letter in
    /// `/proc/PID/stat` (`T` stopped, `S` sleeping…), or fails.
    pub fn wait_process(&self, what: &str, pred: impl Fn(char) -> bool) {
        let start = Instant::now();
        loop {
            let state = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))
                .ok()
                .and_then(|s| {
                    let after = s.rsplit_once(')')?.1;
                    after.trim_start().chars().next()
                });
            if state.is_some_and(&pred) {
                return;
            }
            if start.elapsed() > timeout() {
                panic!(
                    "timed out waiting for dossier to be {what} (state {state:?}); screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls until the terminal is given back (main screen, cursor shown)
    /// and its settings are `settings`; the reader thread may still be
    /// taking the last bytes in.
    pub fn wait_restored(&self, settings: &str) {
        let start = Instant::now();
        loop {
            let now = self
                .master
                .as_ref()
                .map(|m| stty_of(&m.tty_name().expect("the pty's name")));
            if self.modes() == (false, false) && now.as_deref().is_none_or(|s| s == settings) {
                return;
            }
            if start.elapsed() > timeout() {
                panic!(
                    "terminal not given back: modes (alternate, cursor hidden) {:?}, \
                     settings {now:?} instead of {settings:?}; screen:\n{}",
                    self.modes(),
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A terminal's settings as `stty -g` prints them.
pub fn stty_of(tty: &Path) -> String {
    let out = std::process::Command::new("stty")
        .arg("-g")
        .arg("-F")
        .arg(tty)
        .output()
        .expect("run stty");
    assert!(
        out.status.success(),
        "stty: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The status line's position ("article 2/5 · sentence 14/60").
pub fn position(screen: &str) -> String {
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
