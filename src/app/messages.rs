//! Messages: what the status line says lasts until the next key or
//! [`MESSAGE_TIME`], whichever comes first, so that no message outstays
//! what it was about; every message that was on screen is kept whole in
//! the messages list (`M`), since the status line cuts a long one.

use super::views::{self, View};
use super::App;
use std::time::{Duration, Instant};

/// How long a message stays in the status line without a key.
pub const MESSAGE_TIME: Duration = Duration::from_secs(5);

/// The most messages the list keeps (the oldest go first).
const MAX_MESSAGES: usize = 200;

/// The messages shown this session, and the one on screen now.
#[derive(Debug, Default)]
pub struct MessageLog {
    entries: Vec<String>,
    /// The message on screen and when it first showed.
    current: Option<(String, Instant)>,
}

impl MessageLog {
    /// Every message shown, oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Notes what the status line shows at `now`: a message not on the
    /// screen before is logged, and its time starts.
    pub fn shown(&mut self, status: Option<&str>, now: Instant) {
        let Some(text) = status else {
            self.current = None;
            return;
        };
        if self.current.as_ref().is_some_and(|(t, _)| t == text) {
            return;
        }
        if self.entries.len() >= MAX_MESSAGES {
            self.entries.remove(0);
        }
        self.entries.push(text.to_owned());
        self.current = Some((text.to_owned(), now));
    }

    /// Whether `status` has been on screen for [`MESSAGE_TIME`] at `now`.
    fn expired(&self, status: &str, now: Instant) -> bool {
        self.current.as_ref().is_some_and(|(t, since)| {
            t == status && now.saturating_duration_since(*since) >= MESSAGE_TIME
        })
    }
}

impl App {
    /// Clears a message that has been on screen for [`MESSAGE_TIME`]
    /// (the event loop asks between events); returns whether the screen
    /// changed.
    pub fn expire_status(&mut self, now: Instant) -> bool {
        let expired = self
            .status
            .as_deref()
            .is_some_and(|s| self.messages.expired(s, now));
        if expired {
            self.status = None;
            self.messages.shown(None, now);
        }
        expired
    }

    /// Every message shown this session, oldest first.
    pub fn messages(&self) -> &[String] {
        self.messages.entries()
    }

    /// The whole original text of `article` as a list: for a pasted page,
    /// every line of the page, those set aside from the article marked;
    /// else the body as read. Enter on a line of the article goes there.
    pub(super) fn original_list(&self, article: usize) -> views::ListView {
        let width = usize::from(self.frame.area.width.saturating_sub(8)).max(30);
        views::original(&self.corpus, &self.analysis, article, width)
    }

    /// Opens the list of messages, newest first, each whole.
    pub(super) fn open_messages(&mut self) {
        let width = usize::from(self.frame.area.width.saturating_sub(8)).max(30);
        let list = views::messages(self.messages.entries(), width);
        self.views.push(View::List(list));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_logged_once_when_it_first_shows_and_expires_after_a_while() {
        let t0 = Instant::now();
        let mut log = MessageLog::default();
        log.shown(Some("one"), t0);
        log.shown(Some("one"), t0 + Duration::from_secs(1));
        assert_eq!(log.entries(), ["one"]);
        assert!(!log.expired("one", t0 + Duration::from_secs(4)));
        assert!(log.expired("one", t0 + MESSAGE_TIME));
        assert!(!log.expired("two", t0 + MESSAGE_TIME));
        // the same words again after a gap are a new message
        log.shown(None, t0);
        log.shown(Some("one"), t0 + Duration::from_secs(9));
        assert_eq!(log.entries(), ["one", "one"]);
        assert!(!log.expired("one", t0 + Duration::from_secs(10)));
    }

    #[test]
    fn the_log_keeps_the_latest_messages() {
        let t0 = Instant::now();
        let mut log = MessageLog::default();
        for i in 0..MAX_MESSAGES + 5 {
            log.shown(Some(&format!("m{i}")), t0);
        }
        assert_eq!(log.entries().len(), MAX_MESSAGES);
        assert_eq!(log.entries()[0], "m5");
    }
}
