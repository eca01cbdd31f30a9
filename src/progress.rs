//! A one-line progress counter on standard error, for `dossier analyze` on
//! large corpora. It draws only when standard error is a terminal and the
//! work has already taken a moment, so that small corpora, pipes and logs
//! never see it; it may be updated from many threads at once.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Nothing is drawn before this, so quick runs stay silent.
const GRACE: Duration = Duration::from_millis(300);
/// At most one redraw per this interval.
const INTERVAL: Duration = Duration::from_millis(80);

/// A progress line.
#[derive(Debug)]
pub struct Progress {
    label: &'static str,
    enabled: bool,
    started: Instant,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    last_draw: Option<Instant>,
    drawn: bool,
}

impl Progress {
    /// A progress line on standard error, drawn only if it is a terminal.
    pub fn stderr(label: &'static str) -> Self {
        Self::new(label, std::io::stderr().is_terminal())
    }

    /// A progress line that draws only when `enabled`.
    pub fn new(label: &'static str, enabled: bool) -> Self {
        Self {
            label,
            enabled,
            started: Instant::now(),
            state: Mutex::new(State::default()),
        }
    }

    /// Reports `done` of `total` steps.
    pub fn update(&self, done: usize, total: usize) {
        if !self.enabled || self.started.elapsed() < GRACE {
            return;
        }
        // another thread drawing right now is as good as drawing ourselves
        let Ok(mut state) = self.state.try_lock() else {
            return;
        };
        let now = Instant::now();
        if state
            .last_draw
            .is_some_and(|t| now.duration_since(t) < INTERVAL)
            && done < total
        {
            return;
        }
        state.last_draw = Some(now);
        state.drawn = true;
        let _ = write!(std::io::stderr(), "\r{}", line(self.label, done, total));
    }

    /// Clears the line, if anything was drawn.
    pub fn finish(&self) {
        let drawn = self.state.lock().map_or(true, |s| s.drawn);
        if self.enabled && drawn {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}

/// The text of the line: `dossier: analysing 120/1002 (11%)`.
pub fn line(label: &str, done: usize, total: usize) -> String {
    let pct = (done * 100).checked_div(total).unwrap_or(100);
    format!("dossier: {label} {done}/{total} ({pct}%)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shows_counts_and_percent() {
        assert_eq!(line("analysing", 1, 4), "dossier: analysing 1/4 (25%)");
        assert_eq!(line("analysing", 0, 0), "dossier: analysing 0/0 (100%)");
    }

    #[test]
    fn disabled_progress_never_draws() {
        let p = Progress::new("x", false);
        p.update(1, 2);
        p.finish();
        assert!(!p.state.lock().unwrap().drawn);
    }
}
