//! Reading crossterm's events on a thread of its own, one event at a time and only when the
//! loop asks.
//!
//! crossterm's reader loops forever when the terminal reads 0 bytes or fails, which is what a
//! closed terminal does. The loop asks crossterm for an event only once its own `poll` has seen
//! input (see `signals.rs`), but the terminal can still hang up between that `poll` and
//! crossterm's read — a real window, since it is just when the last frame has been written.
//! A thread caught in that loop cannot be stopped; it can only be left behind. So crossterm
//! reads here, and the loop waits for the answer while watching for the end: a hang-up or an
//! ending signal abandons the read, and the draft is saved and linkcase exits regardless.
//! Nothing is read unless asked, so `$EDITOR` and a stopped linkcase get the terminal whole.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::termios::{self, OptionalActions};

use super::signals::{Input, Signals};

/// How often a wait for crossterm looks for a hang-up or an ending signal.
const CHECK: Duration = Duration::from_millis(20);

/// What came of asking for the events.
#[derive(Debug)]
pub enum Read {
    /// Every event crossterm held or could read at once, in order (maybe none).
    Events(Vec<Event>),
    /// The terminal went away (or a signal ended linkcase) while crossterm was reading: the
    /// read is abandoned, and crossterm must not be used again.
    Abandoned,
}

/// The thread that reads crossterm's events when asked.
#[derive(Debug)]
pub struct Reader {
    ask: Sender<()>,
    answers: Receiver<io::Result<Vec<Event>>>,
}

/// Every event crossterm holds or can read without waiting: once this returns, crossterm
/// holds nothing, so the loop's own `poll` on the terminal says when there is more.
fn drain() -> io::Result<Vec<Event>> {
    let mut events = Vec::new();
    take(&mut events)?;
    // crossterm waits edge-triggered: when its own SIGWINCH comes in the same wait as the
    // terminal's input, it answers the resize and drops the input's readiness, and the keys
    // would wait for the next one. Setting the terminal's modes again (to what they are)
    // wakes its readers, a fresh edge for crossterm to read on.
    if has_input() {
        let modes = termios::tcgetattr(io::stdin())?;
        termios::tcsetattr(io::stdin(), OptionalActions::Now, &modes)?;
        take(&mut events)?;
    }
    Ok(events)
}

/// Appends the events crossterm has now.
fn take(events: &mut Vec<Event>) -> io::Result<()> {
    while event::poll(Duration::ZERO)? {
        events.push(event::read()?);
    }
    Ok(())
}

/// Whether the terminal has input that nobody has read.
fn has_input() -> bool {
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    matches!(poll(&mut fds, Some(&Timespec::default())), Ok(1))
        && fds[0].revents().contains(PollFlags::IN)
}

impl Reader {
    /// Starts the thread.
    pub fn start() -> io::Result<Self> {
        let (ask, asked) = mpsc::channel::<()>();
        let (answer, answers) = mpsc::channel();
        std::thread::Builder::new()
            .name("linkcase-input".to_owned())
            .spawn(move || {
                for () in asked {
                    if answer.send(drain()).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Self { ask, answers })
    }

    /// Every event crossterm holds or can read now (one trip to the thread per batch of
    /// input, not per key). Waits for the thread while watching `signals` and the terminal:
    /// `Read::Abandoned` once either says the end came.
    pub fn drain(&self, signals: &Signals) -> io::Result<Read> {
        if self.ask.send(()).is_err() {
            return Ok(Read::Abandoned);
        }
        loop {
            match self.answers.recv_timeout(CHECK) {
                Ok(events) => return events.map(Read::Events),
                Err(RecvTimeoutError::Disconnected) => return Ok(Read::Abandoned),
                Err(RecvTimeoutError::Timeout) => {
                    if signals.ending().is_some()
                        || signals.wait_for_input(Duration::ZERO) == Input::HungUp
                    {
                        return Ok(Read::Abandoned);
                    }
                }
            }
        }
    }
}
