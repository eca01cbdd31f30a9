//! The terminal: raw mode and the alternate screen, restored on every exit
//! path (quit, error, panic, SIGTERM/SIGHUP), and the event loop that drains
//! queued input and the background analysis's messages before drawing once.

use crate::app::loading::{self, Message};
use crate::app::{state, App, Effect};
use crate::config::Config;
use crate::corpus::Corpus;
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
use ratatui::Terminal;
use std::io::{self, Stdout, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the loop waits for input before checking for signals.
const TICK: Duration = Duration::from_millis(200);
/// How long it waits while the analysis runs, to show its progress.
const PROGRESS_TICK: Duration = Duration::from_millis(50);
/// Progress alone redraws at most this often (20 frames a second).
const PROGRESS_FRAME: Duration = Duration::from_millis(50);

/// What was switched on, so that exactly that is switched off again.
#[derive(Debug, Clone, Copy)]
struct Modes {
    keyboard: bool,
    mouse: bool,
}

/// Puts the terminal back; safe to call more than once.
fn restore(modes: Modes) {
    let mut out = io::stdout();
    if modes.keyboard {
        let _ = execute!(out, PopKeyboardEnhancementFlags);
    }
    if modes.mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, ratatui::crossterm::cursor::Show);
    let _ = disable_raw_mode();
}

/// Raw mode, the alternate screen (cleared), and the modes asked for.
fn enter(modes: Modes) -> anyhow::Result<()> {
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
struct Guard(Modes);

impl Drop for Guard {
    fn drop(&mut self) {
        restore(self.0);
    }
}

/// Opens the reader on a folder.
pub fn run(dir: &Path, config: Config) -> anyhow::Result<()> {
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
    // reading state: a problem with it is a message, never a reason not to open
    let state_path = match state::locate(None, &app.corpus.root) {
        Ok(path) => {
            let (reading, warning) = state::ReadingState::load(&path);
            app.set_reading_state(reading);
            if let Some(w) = warning {
                app.status = Some(w);
            }
            Some(path)
        }
        Err(w) => {
            app.status.get_or_insert(w);
            None
        }
    };

    // Signals set a flag; the loop notices it and leaves cleanly. When the
    // terminal itself is gone (SIGHUP after its window closed), crossterm's
    // poll can spin on end-of-file and never return to the loop: a watcher
    // ends the process if the loop has not left within a grace period.
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&stop))?;

    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    let keyboard = matches!(
        ratatui::crossterm::terminal::supports_keyboard_enhancement(),
        Ok(true)
    );
    let modes = Modes { keyboard, mouse };
    app.keyboard_enhanced = keyboard;
    let guard = Guard(modes);
    let previous = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        // a panic in the analysis (its thread or its rayon helpers) is
        // caught there and shown in the reader: the screen stays as it is
        if std::thread::current().id() != ui_thread {
            return;
        }
        restore(modes);
        previous(info);
    }));
    enter(modes)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let result = event_loop(&mut terminal, &mut app, analysis, &stop, modes);
    drop(terminal);
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
    if let Some(path) = state_path {
        if app.reading.is_dirty() {
            if let Err(e) = app.reading.save(&path) {
                eprintln!(
                    "dossier: warning: reading state not saved to {}: {e}",
                    path.display()
                );
            }
        }
    }
    result
}

/// How long the event loop has to leave after SIGTERM or SIGHUP before the
/// process ends without it.
const SIGNAL_GRACE: Duration = Duration::from_secs(1);

/// Sets `stop` on SIGTERM or SIGHUP, and exits with 128 + the signal if the
/// event loop is still running [`SIGNAL_GRACE`] later.
fn watch_signals(stop: Arc<AtomicBool>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])
        .context("cannot listen for signals")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                stop.store(true, Ordering::Relaxed);
                std::thread::sleep(SIGNAL_GRACE);
                std::process::exit(128 + sig);
            }
        })
        .context("cannot listen for signals")?;
    Ok(())
}

/// Draws, then waits for input or a message from the analysis, takes
/// everything queued, and draws again. Input is drawn at once; progress
/// alone at most [`PROGRESS_FRAME`] apart. Quitting never waits for the
/// analysis: its thread is left to end with the process.
fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    mut analysis: Option<Receiver<Message>>,
    stop: &AtomicBool,
    modes: Modes,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut input = true;
    let mut last_draw: Option<Instant> = None;
    loop {
        let due = input || last_draw.is_none_or(|t| t.elapsed() >= PROGRESS_FRAME);
        if dirty && due {
            // measured and drawn; the app keeps what the frame measured
            crate::ui::render(terminal, app)?;
            app.note_seen();
            last_draw = Some(Instant::now());
            dirty = false;
            input = false;
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
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
                    return Ok(());
                }
                if !app.effects.is_empty() {
                    run_effects(terminal, app, modes)?;
                }
            }
            dirty = true;
            input = true;
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
            dirty = true;
            input = true;
        }
        // all the matches of a search, found off the keypress
        if app.poll_background() {
            dirty = true;
            input = true;
        }
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

/// Does what the app asked of the terminal: sets the clipboard, or hands
/// the terminal to a program and takes it back intact afterwards.
fn run_effects(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    modes: Modes,
) -> anyhow::Result<()> {
    for effect in std::mem::take(&mut app.effects) {
        match effect {
            Effect::Clipboard(seq) => {
                let out = terminal.backend_mut();
                out.write_all(seq.as_bytes())?;
                out.flush()?;
            }
            Effect::Run(cmd) => {
                restore(modes);
                let status = cmd.to_command().status();
                enter(modes)?;
                // the program drew over the screen: start again from a blank one
                *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
                app.status = Some(match status {
                    Ok(s) if s.success() => format!("{} finished", cmd.program.to_string_lossy()),
                    Ok(s) => format!("{} exited with {s}", cmd.program.to_string_lossy()),
                    Err(e) => format!("cannot run {}: {e}", cmd.program.to_string_lossy()),
                });
            }
        }
    }
    Ok(())
}

fn handle_event(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) => app.handle_key(k),
        Event::Mouse(m) => app.handle_mouse(m),
        // a resize is drawn at the new size: wrapping is cached per width and
        // the current sentence is the position, so it stays in view
        _ => {}
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
