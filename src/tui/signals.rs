//! Signals and the end of the terminal (DESIGN §6): every signal that ends linkcase — SIGINT,
//! SIGQUIT, SIGTERM, SIGHUP — is caught, so the loop can save the draft and restore the
//! terminal before it exits with 128 + the signal's number; SIGTSTP gives the terminal back
//! before stopping, SIGCONT takes it again. A hang-up (the terminal closed: end of input, an
//! I/O error, `POLLHUP`) ends the form like SIGHUP.
//!
//! The loop never waits inside crossterm for input: crossterm's reader loops forever on a
//! terminal that reads 0 bytes or fails (a closed terminal), and a signal cannot stop that
//! loop. So the loop waits in its own `poll` on the terminal, which also reports a hang-up,
//! and asks crossterm for an event only when input is there, on a thread of its own
//! (`reader.rs`), so that a hang-up in between leaves that thread behind rather than the loop.

use std::io::{self, Read};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal that ends linkcase (its number).
    Signal(i32),
    /// The terminal was closed (end of input, or an I/O error on it).
    HangUp,
}

impl Ending {
    /// The exit code: 0 for a quit, 128 + the signal's number otherwise (as shells report a
    /// process a signal ended), 129 (SIGHUP) for a hang-up.
    #[must_use]
    pub fn exit_code(self) -> u8 {
        let signal = match self {
            Self::Quit => return crate::error::EXIT_OK,
            Self::Signal(signal) => signal,
            Self::HangUp => SIGHUP,
        };
        u8::try_from(128 + signal).unwrap_or(u8::MAX)
    }
}

/// The signals caught, as flags the loop looks at.
#[derive(Debug)]
pub struct Signals {
    /// The last signal that ends linkcase (0: none).
    ending: Arc<AtomicUsize>,
    /// SIGTSTP came: give the terminal back and stop.
    stop: Arc<AtomicBool>,
    /// SIGCONT came: take the terminal again and redraw.
    resumed: Arc<AtomicBool>,
    /// SIGWINCH came: the terminal's size changed. (crossterm reports that too, but only
    /// once its reader is set up, which is at the first key.)
    resized: Arc<AtomicBool>,
    /// Readable once any of those signals, or SIGWINCH, came (a self-pipe: a signal may be
    /// handled on another thread, where it would not interrupt the wait for input).
    wake: Option<UnixStream>,
}

impl Signals {
    /// Catches the signals. A handler that cannot be installed leaves that signal's default
    /// action, which still ends (or stops) linkcase, only without restoring the terminal.
    #[must_use]
    pub fn catch() -> Self {
        let mut signals = Self {
            ending: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
            resized: Arc::new(AtomicBool::new(false)),
            wake: None,
        };
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] {
            if let Ok(value) = usize::try_from(signal) {
                let _ =
                    signal_hook::flag::register_usize(signal, Arc::clone(&signals.ending), value);
            }
        }
        let _ = signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.stop));
        let _ = signal_hook::flag::register(SIGCONT, Arc::clone(&signals.resumed));
        let _ = signal_hook::flag::register(SIGWINCH, Arc::clone(&signals.resized));
        // Registered after the flags, so a wake-up finds its flag set.
        signals.wake = UnixStream::pair().ok().and_then(|(read, write)| {
            read.set_nonblocking(true).ok()?;
            for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH] {
                let write = write.try_clone().ok()?;
                signal_hook::low_level::pipe::register(signal, write).ok()?;
            }
            Some(read)
        });
        signals
    }

    /// The signal that ends linkcase, if one came.
    #[must_use]
    pub fn ending(&self) -> Option<Ending> {
        match self.ending.load(Ordering::SeqCst) {
            0 => None,
            signal => i32::try_from(signal).ok().map(Ending::Signal),
        }
    }

    /// Like [`Self::ending`] while a program that owns the terminal runs (`$EDITOR`): only
    /// SIGTERM and SIGHUP count; SIGINT and SIGQUIT come from keys typed into that program,
    /// which the terminal sends to linkcase too, and are dropped (as `system(3)` ignores them).
    #[must_use]
    pub fn ending_beside_a_program(&self) -> Option<Ending> {
        match self.ending() {
            Some(Ending::Signal(SIGINT | SIGQUIT)) => {
                self.ending.store(0, Ordering::SeqCst);
                None
            }
            ending => ending,
        }
    }

    /// Whether SIGTSTP came since the last call.
    #[must_use]
    pub fn take_stop(&self) -> bool {
        self.stop.swap(false, Ordering::SeqCst)
    }

    /// Whether SIGWINCH came since the last call.
    #[must_use]
    pub fn take_resized(&self) -> bool {
        self.resized.swap(false, Ordering::SeqCst)
    }

    /// Waits (at most `within`) until SIGCONT has come, and takes it; whether it came.
    pub fn wait_resumed(&self, within: Duration) -> bool {
        let deadline = std::time::Instant::now() + within;
        loop {
            if self.take_resumed() {
                return true;
            }
            if std::time::Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Whether SIGCONT came since the last call.
    #[must_use]
    pub fn take_resumed(&self) -> bool {
        self.resumed.swap(false, Ordering::SeqCst)
    }
}

/// Whether a stopped linkcase can be continued by a shell: its parent is in the same session
/// but in another process group (POSIX: linkcase's group is not orphaned). Otherwise the
/// kernel discards SIGTSTP's stop (nobody could continue it), and so does linkcase.
#[must_use]
pub fn under_job_control() -> bool {
    // nix, not rustix: rustix's `Pid` asserts it is positive, and a session or group led from
    // outside linkcase's PID namespace (a container's) is reported as 0.
    use nix::unistd::{getpgid, getpgrp, getppid, getsid};

    let parent = getppid();
    if parent.as_raw() <= 0 {
        return false;
    }
    match (getpgid(Some(parent)), getsid(Some(parent)), getsid(None)) {
        (Ok(parent_group), Ok(parent_session), Ok(session)) => {
            session.as_raw() > 0 && parent_session == session && parent_group != getpgrp()
        }
        _ => false,
    }
}

/// Stops linkcase (as SIGTSTP's default action would) until SIGCONT.
pub fn stop_here() {
    // SIGSTOP, not SIGTSTP: the kernel discards a SIGTSTP whose default action would stop an
    // orphaned process group, and it cannot be caught, so the handler above stays.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
}

/// What the terminal input has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Bytes to read.
    Ready,
    /// Nothing within the wait.
    Idle,
    /// A signal came while waiting (a resize, or one of those above).
    Interrupted,
    /// The terminal was closed or fails.
    HungUp,
}

impl Signals {
    /// Waits up to `timeout` for input on the terminal (standard input, which crossterm
    /// reads when it is a terminal, as the form requires) or for a signal.
    #[must_use]
    pub fn wait_for_input(&self, timeout: Duration) -> Input {
        use rustix::event::{PollFd, PollFlags, Timespec};

        let stdin = io::stdin();
        let mut fds = vec![PollFd::new(&stdin, PollFlags::IN)];
        if let Some(wake) = &self.wake {
            fds.push(PollFd::new(wake, PollFlags::IN));
        }
        let timeout = Timespec {
            tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(timeout.subsec_nanos()),
        };
        let polled = rustix::event::poll(&mut fds, Some(&timeout));
        let (terminal, woken) = (
            fds[0].revents(),
            fds.get(1).is_some_and(|fd| !fd.revents().is_empty()),
        );
        drop(fds);
        if woken && let Some(mut wake) = self.wake.as_ref() {
            let mut drain = [0; 64];
            while matches!(wake.read(&mut drain), Ok(n) if n > 0) {}
        }
        match polled {
            Ok(0) => Input::Idle,
            Ok(_) if terminal.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) => {
                Input::HungUp
            }
            Ok(_) if terminal.contains(PollFlags::IN) => Input::Ready,
            Ok(_) | Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => Input::Interrupted,
            Err(_) => Input::HungUp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_128_plus_the_signal() {
        assert_eq!(Ending::Quit.exit_code(), 0);
        assert_eq!(Ending::Signal(SIGINT).exit_code(), 130);
        assert_eq!(Ending::Signal(SIGQUIT).exit_code(), 131);
        assert_eq!(Ending::Signal(SIGTERM).exit_code(), 143);
        assert_eq!(Ending::HangUp.exit_code(), 129);
    }
}
