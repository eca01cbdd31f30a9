//! The terminal: raw mode and the alternate screen, given up and taken
//! back on every path — quitting, an error, a panic, the signals that end a
//! process (SIGTERM, SIGHUP, SIGINT, SIGQUIT), suspending (ctrl-z, SIGTSTP)
//! and continuing (SIGCONT), a program run on the terminal (`o`, `E`) —
//! with the reading state saved on each of them; and the event loop that
//! drains queued input and the background analysis's messages before
//! drawing once, in an area no larger than can be seen.
//!
//! Signals are caught by a watcher thread and handed to the loop as flags:
//! the loop restores, stops, takes back and redraws the terminal itself.
//! While a program has the terminal its signals are its own (ctrl-c in an
//! editor does not end dossier). When the terminal is gone (its window
//! closed), crossterm may never come back from reading it — it retries a
//! read that ends in end-of-file without end — so the watcher also saves
//! what the loop last published at once, and ends the process if the loop
//! has not ended within a grace period.

use crate::app::loading::{self, Message};
use crate::app::{App, Effect};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::state;
use crate::text::sanitize::clean_line;
use anyhow::Context;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyboardEnhancementFlags,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the loop waits for input before checking for signals.
const TICK: Duration = Duration::from_millis(200);
/// How long it waits while the analysis runs, to show its progress.
const PROGRESS_TICK: Duration = Duration::from_millis(50);
/// Progress alone redraws at most this often (20 frames a second).
const PROGRESS_FRAME: Duration = Duration::from_millis(50);
/// While reading, the reading state is saved at most this far apart…
const SAVE_EVERY: Duration = Duration::from_secs(5);
/// …and when the article changed, once this long has passed since the
/// last save (so that holding `]` does not write once per article).
const SAVE_AFTER_ARTICLE: Duration = Duration::from_secs(1);
/// How long the event loop has to end after a signal that ends the process
/// before the process ends without it.
const SIGNAL_GRACE: Duration = Duration::from_secs(1);
/// How long the loop, once it has left, has to save before the process
/// ends without it (a save may wait for another reader's lock).
const SAVE_GRACE: Duration = Duration::from_secs(10);
/// How often a program run on the terminal is checked for its end.
const CHILD_POLL: Duration = Duration::from_millis(20);
/// How long after a program ends ctrl-c and ctrl-\ are still taken as its.
const CHILD_SIGNALS: Duration = Duration::from_secs(1);
/// The widest and tallest area drawn. A terminal reporting more (`stty
/// cols 65535 rows 65535`) is drawn in its top-left corner of this size:
/// buffers are allocated by what can be seen, never by what is claimed.
pub const MAX_COLS: u16 = 1000;
/// See [`MAX_COLS`].
pub const MAX_ROWS: u16 = 500;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// What was switched on, so that exactly that is switched off again.
#[derive(Debug, Clone, Copy)]
struct Modes {
    keyboard: bool,
    mouse: bool,
}

/// Whether dossier holds the terminal, and with which modes: restoring a
/// terminal that was given to a program would spoil its screen, and the
/// panic hook and the signal watcher restore without the loop's help.
static HELD: AtomicBool = AtomicBool::new(false);
static HELD_KEYBOARD: AtomicBool = AtomicBool::new(false);
static HELD_MOUSE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back when dossier holds it; safe to call more than
/// once, from any thread.
fn restore() {
    if !HELD.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if HELD_KEYBOARD.load(Ordering::SeqCst) {
        let _ = execute!(out, PopKeyboardEnhancementFlags);
    }
    if HELD_MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, ratatui::crossterm::cursor::Show);
    let _ = disable_raw_mode();
}

/// Raw mode, the alternate screen (cleared), and the modes asked for.
fn enter(modes: Modes) -> anyhow::Result<()> {
    HELD_KEYBOARD.store(modes.keyboard, Ordering::SeqCst);
    HELD_MOUSE.store(modes.mouse, Ordering::SeqCst);
    HELD.store(true, Ordering::SeqCst);
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    if modes.keyboard {
        // so that ctrl-i is told apart from tab
        execute!(
            out,
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
    }
    if modes.mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Restores the terminal when dropped, whatever way the loop ends.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// The area drawn into: the terminal's, at most [`MAX_COLS`] × [`MAX_ROWS`].
fn visible_area() -> Rect {
    let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    Rect::new(0, 0, w.min(MAX_COLS), h.min(MAX_ROWS))
}

/// A terminal drawing into [`visible_area`] (a fixed viewport: ratatui
/// would otherwise size its buffers by the terminal's claimed size).
fn new_terminal() -> io::Result<Term> {
    Terminal::with_options(
        CrosstermBackend::new(io::stdout()),
        TerminalOptions {
            viewport: Viewport::Fixed(visible_area()),
        },
    )
}

/// Makes the next frame draw every cell, at the size there is now (the
/// screen was cleared or drawn over by someone else).
fn redraw_all(terminal: &mut Term) -> io::Result<()> {
    terminal.resize(visible_area())
}

/// Follows a resize, within [`visible_area`].
fn fit(terminal: &mut Term) -> io::Result<()> {
    let area = visible_area();
    if terminal.get_frame().area() != area {
        terminal.resize(area)?;
    }
    Ok(())
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit (`q`, ctrl-c).
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP, SIGINT or SIGQUIT).
    Signal(i32),
}

impl Ended {
    /// The exit status: 0 when the user quit, 128 + the signal otherwise,
    /// as shells report a process ended by one.
    pub fn exit_code(self) -> u8 {
        match self {
            Ended::Quit => 0,
            Ended::Signal(sig) => u8::try_from(128 + sig).unwrap_or(1),
        }
    }
}

/// What the signal watcher tells the loop, and the loop the watcher.
#[derive(Debug, Default)]
struct Flags {
    /// The signal that asks the process to end; 0 for none.
    stop: AtomicI32,
    /// SIGTSTP: give the terminal back and stop.
    suspend: AtomicBool,
    /// SIGCONT: take the terminal again and redraw.
    resumed: AtomicBool,
    /// The loop stopped the process itself: the SIGCONT that ends the stop
    /// needs nothing more (the loop takes the terminal back on its own).
    stopping: AtomicBool,
    /// A program has the terminal: ctrl-c and ctrl-\\ are its own.
    child: AtomicBool,
    /// When the last program ended (milliseconds since the Unix epoch): a
    /// ctrl-c that ended it reaches dossier too, and may be read a moment
    /// after the program is seen to end.
    child_ended: AtomicU64,
    /// The loop has left and is saving.
    leaving: AtomicBool,
    /// The reading state is saved: the process may end.
    done: AtomicBool,
}

impl Flags {
    fn ended(&self) -> Option<Ended> {
        match self.stop.load(Ordering::SeqCst) {
            0 => None,
            sig => Some(Ended::Signal(sig)),
        }
    }
}

/// When the reading state is written: on article change, every few
/// seconds of reading, before a program runs or the process stops, and at
/// the end; and what the exits that cannot reach the app would save.
struct Saver {
    path: Option<PathBuf>,
    published: Option<state::Published>,
    last: Instant,
    article: usize,
    /// Warnings to print in full when the reader ends.
    notes: Vec<String>,
    /// The last failure to save, said once in the status line.
    failure: Option<String>,
}

impl Saver {
    fn new(path: Option<PathBuf>, app: &App) -> Self {
        Self {
            published: path.clone().map(state::Published::new),
            path,
            last: Instant::now(),
            article: app.article,
            notes: Vec::new(),
            failure: None,
        }
    }

    /// Hands the reading state to the exits that cannot reach the app.
    fn publish(&self, app: &App) {
        if let Some(p) = &self.published {
            p.publish(&app.reading);
        }
    }

    /// Whether a save is due while reading.
    fn due(&self, app: &App) -> bool {
        let since = self.last.elapsed();
        app.reading.is_dirty()
            && (since >= SAVE_EVERY || (app.article != self.article && since >= SAVE_AFTER_ARTICLE))
    }

    /// Saves the reading state when it changed; a problem is said in the
    /// status line (a failure once) and kept for the end.
    fn save(&mut self, app: &mut App) {
        self.last = Instant::now();
        self.article = app.article;
        let Some(path) = &self.path else {
            return;
        };
        if !app.reading.is_dirty() {
            return;
        }
        match app.reading.save(path) {
            Ok(None) => self.failure = None,
            Ok(Some(note)) => {
                app.status = Some(note.clone());
                self.notes.push(note);
            }
            Err(e) => {
                let w = format!(
                    "reading state not saved to {}: {}",
                    clean_line(&path.display().to_string()),
                    clean_line(&e.to_string())
                );
                if self.failure.is_none() {
                    app.status = Some(w.clone());
                }
                self.failure = Some(w);
            }
        }
        self.publish(app);
    }
}

/// Opens the reader on a folder.
pub fn run(dir: &Path, config: Config) -> anyhow::Result<Ended> {
    let corpus = Arc::new(Corpus::load_with(dir, &config.limits)?);
    let mouse = config.layout.mouse;
    let settings = config.analysis.clone();
    // the text shows at once; the analysis (from the on-disk cache when the
    // corpus is unchanged) and the indexes the keys need come in the
    // background, so no key and no first frame waits for them
    let mut app = App::loading(Arc::clone(&corpus), config);
    let analysis = match loading::spawn(corpus, settings, crate::cache::Cache::from_env()) {
        Ok(rx) => Some(rx),
        Err(e) => {
            app.receive(Message::Failed(format!("cannot start the analysis: {e}")));
            None
        }
    };
    // reading state: a problem with it is a message, never a reason not to
    // open; one is also printed in full when the reader ends
    let mut notes = Vec::new();
    let state_path = match state::locate(None, &app.corpus.root) {
        Ok(path) => {
            let (reading, warning) = state::ReadingState::load(&path);
            app.set_reading_state(reading);
            if let Some(w) = warning {
                app.status = Some(w.clone());
                notes.push(w);
            }
            Some(path)
        }
        Err(w) => {
            app.status.get_or_insert(w);
            None
        }
    };
    let mut saver = Saver::new(state_path, &app);
    saver.notes = notes;
    saver.publish(&app);

    let flags = Arc::new(Flags::default());
    watch_signals(Arc::clone(&flags), saver.published.clone())?;

    HELD.store(true, Ordering::SeqCst);
    let guard = Guard;
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    let keyboard = matches!(
        ratatui::crossterm::terminal::supports_keyboard_enhancement(),
        Ok(true)
    );
    let modes = Modes { keyboard, mouse };
    app.keyboard_enhanced = keyboard;
    let previous = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    let published = saver.published.clone();
    std::panic::set_hook(Box::new(move |info| {
        // a panic in the analysis (its thread or its rayon helpers) is
        // caught there and shown in the reader: the screen stays as it is
        if std::thread::current().id() != ui_thread {
            return;
        }
        restore();
        // what the loop last published; it holds no lock while it runs
        if let Some(p) = &published {
            let _ = p.save();
        }
        previous(info);
    }));
    enter(modes)?;
    let mut session = Session {
        terminal: new_terminal()?,
        modes,
        flags: &flags,
        saver,
    };
    // the terminal gone (SIGHUP): its errors are how the signal ends
    let result = session
        .event_loop(&mut app, analysis)
        .or_else(|e| flags.ended().ok_or(e));
    flags.leaving.store(true, Ordering::SeqCst);
    let Session {
        terminal,
        mut saver,
        ..
    } = session;
    // ratatui's terminal, dropped with its cursor hidden, shows it and
    // says so on standard error when it cannot — which panics when the
    // terminal is gone; the restore below shows the cursor anyway
    std::mem::forget(terminal);
    drop(guard);
    // the analysis may still be running until the process ends: its
    // panics stay quiet, everything else reports as usual
    drop(std::panic::take_hook());
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread {
            default(info);
        }
    }));
    // the keys of the last batch moved without a frame after them
    app.note_seen();
    saver.save(&mut app);
    flags.done.store(true, Ordering::SeqCst);
    // not eprintln!, which panics when the terminal is gone
    let mut err = io::stderr().lock();
    for note in saver.notes.iter().chain(&saver.failure) {
        let _ = writeln!(err, "dossier: warning: {note}");
    }
    result
}

/// Watches the signals that end, suspend and continue the process, and
/// hands them to the loop (see [`Flags`]).
#[cfg(unix)]
fn watch_signals(flags: Arc<Flags>, published: Option<state::Published>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])
            .context("cannot listen for signals")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let child = flags.child.load(Ordering::SeqCst);
                let since_child =
                    epoch_millis().saturating_sub(flags.child_ended.load(Ordering::SeqCst));
                let programs = child || u128::from(since_child) < CHILD_SIGNALS.as_millis();
                match sig {
                    SIGCONT => {
                        if !flags.stopping.swap(false, Ordering::SeqCst) {
                            flags.resumed.store(true, Ordering::SeqCst);
                        }
                    }
                    // the program and dossier stop together, as a shell's
                    // job does; the terminal is the program's to restore
                    SIGTSTP if child => {
                        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                    }
                    SIGTSTP => flags.suspend.store(true, Ordering::SeqCst),
                    // ctrl-c or ctrl-\ typed to the program
                    SIGINT | SIGQUIT if programs => {}
                    _ => {
                        end(sig, &flags, published.as_ref());
                        return;
                    }
                }
            }
        })
        .context("cannot listen for signals")?;
    Ok(())
}

#[cfg(not(unix))]
fn watch_signals(_: Arc<Flags>, _: Option<state::Published>) -> anyhow::Result<()> {
    Ok(())
}

/// A signal that ends the process: the loop is told; what it publishes is
/// saved from here until it is done, in case it never comes back; and when
/// it has not ended within [`SIGNAL_GRACE`] (or saved within
/// [`SAVE_GRACE`] once it has left), the terminal is restored from here and
/// the process ends with 128 + the signal.
#[cfg(unix)]
fn end(sig: i32, flags: &Flags, published: Option<&state::Published>) {
    let _ = flags
        .stop
        .compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
    let start = Instant::now();
    loop {
        // what the loop published, and anything it publishes meanwhile (a
        // frame drawn as the signal came, its place not yet published)
        if let Some(p) = published {
            let _ = p.save();
        }
        if flags.done.load(Ordering::SeqCst) {
            return;
        }
        let grace = if flags.leaving.load(Ordering::SeqCst) {
            SAVE_GRACE
        } else {
            SIGNAL_GRACE
        };
        if start.elapsed() >= grace {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    restore();
    std::process::exit(128 + sig);
}

/// The terminal as the loop holds it, and what it answers to.
struct Session<'a> {
    terminal: Term,
    modes: Modes,
    flags: &'a Flags,
    saver: Saver,
}

impl Session<'_> {
    /// Draws, then waits for input or a message from the analysis, takes
    /// everything queued, and draws again. Input is drawn at once; progress
    /// alone at most [`PROGRESS_FRAME`] apart. Quitting never waits for the
    /// analysis: its thread is left to end with the process.
    fn event_loop(
        &mut self,
        app: &mut App,
        mut analysis: Option<Receiver<Message>>,
    ) -> anyhow::Result<Ended> {
        let mut dirty = true;
        let mut input = true;
        let mut last_draw: Option<Instant> = None;
        loop {
            let due = input || last_draw.is_none_or(|t| t.elapsed() >= PROGRESS_FRAME);
            if dirty && due {
                // measured and drawn; the app keeps what the frame measured
                fit(&mut self.terminal)?;
                crate::ui::render(&mut self.terminal, app)?;
                app.note_seen();
                self.saver.publish(app);
                last_draw = Some(Instant::now());
                dirty = false;
                input = false;
            }
            if let Some(ended) = self.flags.ended() {
                return Ok(ended);
            }
            if self.flags.suspend.swap(false, Ordering::SeqCst) {
                self.suspend(app)?;
                (dirty, input) = (true, true);
                continue;
            }
            if self.flags.resumed.swap(false, Ordering::SeqCst) {
                // stopped by SIGSTOP and continued: the shell may have
                // changed the terminal meanwhile
                self.retake()?;
                (dirty, input) = (true, true);
                continue;
            }
            if self.saver.due(app) {
                self.saver.save(app);
            }
            let wait = if dirty {
                // progress waiting for its frame
                PROGRESS_FRAME.saturating_sub(last_draw.map_or(Duration::ZERO, |t| t.elapsed()))
            } else if analysis.is_some() || app.background_pending() {
                PROGRESS_TICK
            } else {
                TICK
            };
            if event::poll(wait)? {
                while event::poll(Duration::ZERO)? {
                    handle_event(app, event::read()?);
                    if app.quit {
                        return Ok(Ended::Quit);
                    }
                    if !app.effects.is_empty() {
                        if let Some(ended) = self.run_effects(app)? {
                            return Ok(ended);
                        }
                    }
                }
                (dirty, input) = (true, true);
            }
            if let Some(rx) = &analysis {
                let d = drain(app, rx);
                dirty |= d.changed;
                // the analysis itself is drawn at once, like a key
                input |= d.arrived;
                if d.finished {
                    analysis = None;
                }
            }
            // a message has had its time in the status line
            if app.expire_status(Instant::now()) {
                (dirty, input) = (true, true);
            }
            // all the matches of a search, found off the keypress
            if app.poll_background() {
                (dirty, input) = (true, true);
            }
        }
    }

    /// Does what the app asked of the terminal: sets the clipboard, hands
    /// the terminal to a program and takes it back intact afterwards, or
    /// suspends. A signal that ends dossier while a program runs ends the
    /// loop.
    fn run_effects(&mut self, app: &mut App) -> anyhow::Result<Option<Ended>> {
        for effect in std::mem::take(&mut app.effects) {
            match effect {
                Effect::Clipboard(seq) => {
                    let out = self.terminal.backend_mut();
                    out.write_all(seq.as_bytes())?;
                    out.flush()?;
                }
                Effect::Run(cmd) => {
                    if let Some(ended) = self.run_program(app, &cmd)? {
                        return Ok(Some(ended));
                    }
                }
                Effect::Suspend => self.suspend(app)?,
            }
        }
        Ok(None)
    }

    /// Gives the terminal to a program until it exits; its signals are its
    /// own meanwhile. The reading state is saved first.
    fn run_program(
        &mut self,
        app: &mut App,
        cmd: &crate::app::opener::CommandSpec,
    ) -> anyhow::Result<Option<Ended>> {
        self.saver.save(app);
        restore();
        self.flags.child.store(true, Ordering::SeqCst);
        let status = wait_for_program(cmd, self.flags);
        self.flags
            .child_ended
            .store(epoch_millis(), Ordering::SeqCst);
        self.flags.child.store(false, Ordering::SeqCst);
        if let Some(ended) = self.flags.ended() {
            // the terminal is the program's still: left as it is
            return Ok(Some(ended));
        }
        self.flags.resumed.store(false, Ordering::SeqCst);
        enter(self.modes)?;
        // the program drew over the screen: start again from a blank one
        redraw_all(&mut self.terminal)?;
        let program = clean_line(&cmd.program.to_string_lossy()).into_owned();
        app.status = Some(match status {
            Ok(Some(s)) if s.success() => format!("{program} finished"),
            Ok(Some(s)) => format!("{program} exited with {s}"),
            Ok(None) => format!("{program} was left running"),
            Err(e) => format!("cannot run {program}: {e}"),
        });
        Ok(None)
    }

    /// ctrl-z or SIGTSTP: saves, gives the terminal back and stops the
    /// process as the default action would; continued (`fg`), takes the
    /// terminal again (the caller redraws).
    fn suspend(&mut self, app: &mut App) -> anyhow::Result<()> {
        self.saver.save(app);
        restore();
        #[cfg(unix)]
        {
            self.flags.stopping.store(true, Ordering::SeqCst);
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
        }
        // continued
        self.retake()
    }

    /// Takes the terminal again from whatever state it was left in, and
    /// starts drawing from a blank screen.
    fn retake(&mut self) -> anyhow::Result<()> {
        restore();
        enter(self.modes)?;
        redraw_all(&mut self.terminal)?;
        Ok(())
    }
}

fn epoch_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Runs a program and waits for it to exit, or for a signal that ends
/// dossier (`Ok(None)`).
fn wait_for_program(
    cmd: &crate::app::opener::CommandSpec,
    flags: &Flags,
) -> io::Result<Option<std::process::ExitStatus>> {
    let mut child = cmd.to_command().spawn()?;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if flags.ended().is_some() {
            return Ok(None);
        }
        std::thread::sleep(CHILD_POLL);
    }
}

/// What [`drain`] took from the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Drained {
    /// The screen changed.
    changed: bool,
    /// The analysis, the indexes or a failure arrived (drawn at once).
    arrived: bool,
    /// Nothing more will come.
    finished: bool,
}

/// Takes every message the analysis has sent.
fn drain(app: &mut App, rx: &Receiver<Message>) -> Drained {
    let mut d = Drained::default();
    loop {
        match rx.try_recv() {
            Ok(msg) => {
                let last = msg.is_last();
                d.arrived |= !matches!(msg, Message::Progress(_));
                d.changed |= app.receive(msg);
                if last {
                    d.finished = true;
                    return d;
                }
            }
            Err(TryRecvError::Empty) => return d,
            Err(TryRecvError::Disconnected) => {
                // the worker ended without a word: nothing more will come
                app.receive(Message::Failed(
                    "the analysis ended without a result".into(),
                ));
                return Drained {
                    changed: true,
                    arrived: true,
                    finished: true,
                };
            }
        }
    }
}

fn handle_event(app: &mut App, ev: Event) {
    #[cfg(debug_assertions)]
    injected_panic(&ev);
    match ev {
        Event::Key(k) => app.handle_key(k),
        Event::Mouse(m) => app.handle_mouse(m),
        // a resize is drawn at the new size: wrapping is cached per width and
        // the current sentence is the position, so it stays in view
        _ => {}
    }
}

/// The environment variable naming a key that panics the UI thread, in
/// debug builds only: the tests' way to check that a panic restores the
/// terminal and keeps the reading state.
#[cfg(debug_assertions)]
pub const PANIC_KEY_ENV: &str = "DOSSIER_TEST_PANIC_KEY";

#[cfg(debug_assertions)]
#[allow(clippy::panic)]
fn injected_panic(ev: &Event) {
    static KEY: std::sync::OnceLock<Option<char>> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| {
        std::env::var(PANIC_KEY_ENV)
            .ok()
            .and_then(|v| v.chars().next())
    });
    if let (Some(k), Event::Key(ev)) = (key, ev) {
        if ev.code == event::KeyCode::Char(*k) {
            panic!("a panic on the UI thread, asked for by {PANIC_KEY_ENV}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::loading::{finished, AnalysisState, Progress, Stage};
    use std::sync::mpsc;

    fn app() -> (App, [Message; 2]) {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), 3, 1).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let analysis = crate::analysis::Analysis::run(&corpus, &Default::default());
        let last = finished(&corpus, analysis, false);
        (App::loading(Arc::new(corpus), Config::builtin()), last)
    }

    #[test]
    fn drain_takes_what_is_queued_and_stops_at_the_result() {
        let (mut app, [analysed, indexed]) = app();
        let (tx, rx) = mpsc::channel();
        assert_eq!(drain(&mut app, &rx), Drained::default(), "nothing yet");
        let p = Progress::start(Stage::Links);
        tx.send(Message::Progress(p)).unwrap();
        let progress = Drained {
            changed: true,
            ..Drained::default()
        };
        assert_eq!(drain(&mut app, &rx), progress);
        assert_eq!(app.analysis_state, AnalysisState::Running(p));
        tx.send(analysed).unwrap();
        tx.send(Message::Progress(Progress::start(Stage::Index)))
            .unwrap();
        let d = drain(&mut app, &rx);
        assert!(d.changed && d.arrived && !d.finished);
        assert!(app.analysis_ready() && !app.indexes_ready());
        tx.send(indexed).unwrap();
        // anything after the last message waits for no one
        tx.send(Message::Progress(p)).unwrap();
        let d = drain(&mut app, &rx);
        assert!(d.changed && d.arrived && d.finished);
        assert!(app.indexes_ready());
    }

    #[test]
    fn a_worker_gone_without_a_result_is_a_failure() {
        let (mut app, _) = app();
        let (tx, rx) = mpsc::channel::<Message>();
        drop(tx);
        let d = drain(&mut app, &rx);
        assert!(d.changed && d.arrived && d.finished);
        assert!(matches!(app.analysis_state, AnalysisState::Failed(_)));
        assert!(app
            .status
            .as_deref()
            .is_some_and(|s| s.contains("without a result")));
    }
}
