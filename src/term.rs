//! The terminal: raw mode and the alternate screen, restored on every exit
//! path (quit, error, panic, SIGTERM/SIGHUP), and the event loop that drains
//! queued input before drawing once.

use crate::analysis::Analysis;
use crate::app::action::Action;
use crate::app::App;
use crate::config::Config;
use crate::corpus::Corpus;
use anyhow::Context;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyboardEnhancementFlags, MouseEventKind,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::Terminal;
use std::io::{self, Stdout};
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
    let analysis = Analysis::run(&corpus, &config.analysis);
    let mouse = config.layout.mouse;
    let mut app = App::new(corpus, analysis, config);

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
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    if keyboard {
        // so that ctrl-i is told apart from tab
        execute!(
            out,
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
    }
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    let result = event_loop(&mut terminal, &mut app, &stop);
    drop(terminal);
    drop(guard);
    let _ = std::panic::take_hook();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    loop {
        terminal.draw(|f| crate::ui::draw(f, app))?;
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
        }
    }
}

fn handle_event(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) => app.handle_key(k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => app.handle_action(Action::NextSentence),
            MouseEventKind::ScrollUp => app.handle_action(Action::PrevSentence),
            _ => {}
        },
        // a resize is drawn at the new size: wrapping is cached per width and
        // the current sentence is the position, so it stays in view
        _ => {}
    }
}
