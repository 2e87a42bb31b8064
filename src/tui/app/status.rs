//! How long a status message stays. The app reads no clock: a message is stamped with the
//! first [`Action::Tick`](crate::tui::action::Action::Tick) after it was set (the loop sends
//! one right after every action) and goes once a tick comes [`lifetime`] later. The loop
//! asks [`App::status_due_in`] how long it may wait, so a message goes without a key press.
//! The user's next action still takes it away sooner, unless that action says something.

use std::time::{Duration, Instant};

use super::{App, Tone};

/// How long news (Info) and success stay.
pub const SHORT_LIFE: Duration = Duration::from_secs(6);
/// How long a warning stays.
pub const WARNING_LIFE: Duration = Duration::from_secs(12);
/// How long an error stays.
pub const ERROR_LIFE: Duration = Duration::from_secs(20);

/// How long a message of this tone stays on the status line.
#[must_use]
pub const fn lifetime(tone: Tone) -> Duration {
    match tone {
        Tone::Info | Tone::Success => SHORT_LIFE,
        Tone::Warning => WARNING_LIFE,
        Tone::Error => ERROR_LIFE,
    }
}

/// What a message is about, when something else must follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum About {
    /// Nothing in particular.
    #[default]
    News,
    /// The draft could not be saved: a later save that works says so instead.
    DraftSaveFailed,
    /// Whether to quit without saving: asked until the message goes.
    QuitQuestion,
}

/// When the message was first seen by a tick, and what it is about.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Stamp {
    since: Option<Instant>,
    pub(super) about: About,
}

impl App {
    /// How long until the status message is due to go (zero: at the next tick); `None`
    /// when there is none.
    #[must_use]
    pub fn status_due_in(&self, now: Instant) -> Option<Duration> {
        let status = self.status.as_ref()?;
        Some(self.stamp.since.map_or(Duration::ZERO, |since| {
            since
                .checked_add(lifetime(status.tone))
                .map_or(Duration::MAX, |due| due.saturating_duration_since(now))
        }))
    }

    /// A tick: stamps a new message, or takes away one that has stayed its time. A quit
    /// question goes with its message, so Ctrl+Q never quits unasked.
    pub(super) fn expire_status(&mut self, now: Instant) {
        let Some(status) = &self.status else {
            return;
        };
        let since = *self.stamp.since.get_or_insert(now);
        if now.saturating_duration_since(since) >= lifetime(status.tone) {
            self.status = None;
            if self.stamp.about == About::QuitQuestion {
                self.withdraw_quit();
            }
        }
    }

    /// Sets a message about something that must follow it.
    pub(super) fn set_status_about(&mut self, about: About, tone: Tone, text: String) {
        self.set_status(tone, text);
        self.stamp.about = about;
    }

    /// What the status line says about the draft after a save that worked: a failure shown
    /// before is not left standing.
    pub(super) fn draft_saved_after_failure(&mut self) {
        if self.status.is_some() && self.stamp.about == About::DraftSaveFailed {
            self.set_status(Tone::Success, "Draft saved");
        }
    }
}
