//! The terminal: raw mode and the alternate screen, restored on every exit
//! path (quit, error, panic, SIGTERM/SIGHUP), and the event loop that drains
//! queued input before drawing once.

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
use std::sync::Arc;
use std::time::Duration;

/// How long the loop waits for input before checking for signals.
const TICK: Duration = Duration::from_millis(200);

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
    let corpus = Corpus::load(dir)?;
    // from the on-disk cache when the corpus is unchanged
    let analysis = crate::cache::load_or_analyze(&corpus, &config.analysis, |_, _| {});
    let mouse = config.layout.mouse;
    let mut app = App::new(corpus, analysis, config);
    // everything before the first frame: no key builds an index
    app.prepare();
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

    // signals only set a flag; the loop notices it and leaves cleanly
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop)).context("cannot listen for signals")?;
    }

    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    let keyboard = matches!(
        ratatui::crossterm::terminal::supports_keyboard_enhancement(),
        Ok(true)
    );
    let modes = Modes { keyboard, mouse };
    let guard = Guard(modes);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(modes);
        previous(info);
    }));
    enter(modes)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let result = event_loop(&mut terminal, &mut app, &stop, modes);
    drop(terminal);
    drop(guard);
    let _ = std::panic::take_hook();
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

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    stop: &AtomicBool,
    modes: Modes,
) -> anyhow::Result<()> {
    loop {
        terminal.draw(|f| crate::ui::draw(f, app))?;
        app.note_seen();
        // wait for something, then take everything queued before drawing again
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if event::poll(TICK)? {
                break;
            }
        }
        while event::poll(Duration::ZERO)? {
            handle_event(app, event::read()?);
            if app.quit {
                return Ok(());
            }
            if !app.effects.is_empty() {
                run_effects(terminal, app, modes)?;
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
