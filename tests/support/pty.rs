//! The one pseudo-terminal harness, shared by the integration tests (`tests/support.rs`
//! declares it) and the benches (`#[path = "../tests/support/pty.rs"] mod pty;`): a program
//! running in a pty, a thread feeding its output into a `vt100` screen (and keeping the raw
//! bytes), answers to cursor position queries so that a query never hangs the program, and
//! the means to end the session from outside — a signal, or closing the master side (a
//! terminal window closed). Every wait is on something observed (output, an exit, a
//! process state), bounded by a timeout; nothing sleeps for a fixed time to let something
//! happen. The child is killed when the [`Pty`] is dropped, so a failed test or bench
//! leaves no process behind.
//!
//! Errors are `String`s naming the program, so a test can `expect` them and a bench can
//! report them.
// Each user (tests, benches) uses a different part of the harness, so `expect(dead_code)`
// would be unfulfilled in one of them.
#![allow(dead_code)]

use std::io::{ErrorKind, Read, Write};
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The cursor position query ("DSR 6"); answered with the vt100 screen's cursor.
pub const CURSOR_QUERY: &[u8] = b"\x1b[6n";
/// How often the output thread looks whether it is told to stop (it waits in `poll`).
const PUMP_POLL: Duration = Duration::from_millis(20);
/// How often waits on a process (exit, stop) look again.
const PROCESS_POLL: Duration = Duration::from_millis(5);

/// What the output thread keeps up to date.
pub struct Output {
    /// The screen as the program drew it.
    pub parser: vt100::Parser,
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
    /// Reads so far.
    pub chunks: u64,
    /// When the latest read returned.
    pub last: Instant,
    /// The output ended (the program exited, or the master side was closed).
    pub eof: bool,
}

impl Output {
    /// The screen.
    #[must_use]
    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }
}

type Shared = Arc<(Mutex<Output>, Condvar)>;
type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn non_zero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

/// How many times `needle` occurs in `haystack`.
#[must_use]
pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Where `needle` occurs last in `haystack`.
#[must_use]
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A program running in a pty; killed when dropped.
pub struct Pty {
    name: String,
    shared: Shared,
    writer: Option<Writer>,
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    pump: Option<JoinHandle<()>>,
    stop_pump: Arc<AtomicBool>,
    /// The pty's termios before the program touched it (Debug text: portable-pty hands out
    /// nix's type, which the tests do not name).
    termios_before: String,
}

impl Pty {
    /// Spawns `cmd` in a `rows`×`cols` pty; returns the pty and the instant just before the
    /// spawn (the output thread runs already, so the first output's time is exact).
    pub fn spawn(
        name: &str,
        cmd: CommandBuilder,
        rows: u16,
        cols: u16,
    ) -> Result<(Self, Instant), String> {
        let pair = native_pty_system()
            .openpty(size(rows, cols))
            .map_err(|e| format!("{name}: cannot open a pty: {e}"))?;
        let termios_before = format!("{:?}", pair.master.get_termios());
        let reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("{name}: pty reader: {e}"))?;
        let writer: Writer = Arc::new(Mutex::new(
            pair.master
                .take_writer()
                .map_err(|e| format!("{name}: pty writer: {e}"))?,
        ));
        let master_fd = pair
            .master
            .as_raw_fd()
            .ok_or_else(|| format!("{name}: the pty has no file descriptor"))?;
        let shared: Shared = Arc::new((
            Mutex::new(Output {
                parser: vt100::Parser::new(non_zero(rows), non_zero(cols), 0),
                raw: Vec::new(),
                chunks: 0,
                last: Instant::now(),
                eof: false,
            }),
            Condvar::new(),
        ));
        let stop_pump = Arc::new(AtomicBool::new(false));
        let pump = {
            let (shared, writer, stop) = (
                Arc::clone(&shared),
                Arc::clone(&writer),
                Arc::clone(&stop_pump),
            );
            thread::spawn(move || pump(reader, master_fd, &shared, &writer, &stop))
        };
        let start = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("{name}: cannot start: {e}"))?;
        // Only the child holds the slave side now, so the output ends when it exits.
        drop(pair.slave);
        let pid = child
            .process_id()
            .ok_or_else(|| format!("{name}: no process id"))?;
        Ok((
            Self {
                name: name.to_owned(),
                shared,
                writer: Some(writer),
                master: Some(pair.master),
                child,
                pid,
                pump: Some(pump),
                stop_pump,
                termios_before,
            },
            start,
        ))
    }

    /// The program's name, as errors give it.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The process id.
    #[must_use]
    pub const fn pid(&self) -> u32 {
        self.pid
    }

    /// The output so far (locked: drop it before waiting).
    pub fn output(&self) -> MutexGuard<'_, Output> {
        lock(&self.shared.0)
    }

    /// The pty's termios now, as Debug text; `None` once the master side is closed.
    #[must_use]
    pub fn termios(&self) -> Option<String> {
        self.master
            .as_ref()
            .map(|m| format!("{:?}", m.get_termios()))
    }

    /// The termios before the program started.
    #[must_use]
    pub fn termios_before(&self) -> &str {
        &self.termios_before
    }

    /// Waits until `ready` holds for the output; returns when the output that made it hold
    /// arrived. Gives up after `timeout`, or when the output ends, with the screen in the
    /// message.
    pub fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        ready: impl Fn(&Output) -> bool,
    ) -> Result<Instant, String> {
        let deadline = Instant::now() + timeout;
        let mut out = self.output();
        loop {
            if ready(&out) {
                return Ok(out.last);
            }
            let now = Instant::now();
            if out.eof || now >= deadline {
                let why = if out.eof {
                    "the program exited".to_owned()
                } else {
                    format!("timed out after {timeout:?}")
                };
                return Err(format!(
                    "{}: {why} waiting for {what}; the screen shows:\n{}",
                    self.name,
                    out.screen().contents()
                ));
            }
            out = self
                .shared
                .1
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Waits for output after read number `after` (up to `echo`), then until none has come
    /// for `quiet`; gives up after `timeout`. Returns whether any output came.
    pub fn settle(
        &self,
        after: u64,
        echo: Duration,
        quiet: Duration,
        timeout: Duration,
    ) -> Result<bool, String> {
        let start = Instant::now();
        let mut out = self.output();
        let mut answered = true;
        while out.chunks <= after && !out.eof {
            let waited = start.elapsed();
            if waited >= echo {
                answered = false;
                break;
            }
            out = self
                .shared
                .1
                .wait_timeout(out, echo.saturating_sub(waited))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        loop {
            if out.eof {
                return Err(format!("{}: the program exited mid-session", self.name));
            }
            if start.elapsed() > timeout {
                return Err(format!(
                    "{}: output did not stop for {timeout:?}",
                    self.name
                ));
            }
            // Measured from the later of the last output and the start of the wait.
            let since = out.last.max(start).elapsed();
            if since >= quiet {
                return Ok(answered);
            }
            out = self
                .shared
                .1
                .wait_timeout(out, quiet.saturating_sub(since))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Writes keys (or any bytes) to the program.
    pub fn send(&self, bytes: &[u8]) -> Result<(), String> {
        let writer = self
            .writer
            .as_ref()
            .ok_or_else(|| format!("{}: the terminal is closed", self.name))?;
        let mut writer = lock(writer);
        writer
            .write_all(bytes)
            .and_then(|()| writer.flush())
            .map_err(|e| format!("{}: cannot write to the pty: {e}", self.name))
    }

    /// Resizes the pty, and the screen that mirrors it.
    pub fn resize(&self, rows: u16, cols: u16) -> Result<(), String> {
        lock(&self.shared.0)
            .parser
            .screen_mut()
            .set_size(non_zero(rows), non_zero(cols));
        self.master
            .as_ref()
            .ok_or_else(|| format!("{}: the terminal is closed", self.name))?
            .resize(size(rows, cols))
            .map_err(|e| format!("{}: cannot resize the pty: {e}", self.name))
    }

    /// The exit status, if the program has exited.
    pub fn try_wait(&mut self) -> Result<Option<ExitStatus>, String> {
        self.child
            .try_wait()
            .map_err(|e| format!("{}: wait: {e}", self.name))
    }

    /// Waits (at most `timeout`) for the program to exit, then for its output to end.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<ExitStatus, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.try_wait()? {
                self.join_pump(Instant::now() + timeout)?;
                return Ok(status);
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "{}: still running {timeout:?} later; the screen shows:\n{}",
                    self.name,
                    self.output().screen().contents()
                ));
            }
            thread::sleep(PROCESS_POLL);
        }
    }

    /// Sends `keys` and waits (at most `timeout`) for the program to exit with success.
    pub fn quit(&mut self, keys: &[u8], timeout: Duration) -> Result<(), String> {
        self.send(keys)?;
        let status = self.wait_exit(timeout)?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{}: exited with {status} on quit", self.name))
        }
    }

    /// Sends `signal` (a name `kill` takes: `TERM`, `INT`, `TSTP`…) to the program.
    pub fn signal(&self, signal: &str) -> Result<(), String> {
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid.to_string())
            .status()
            .map_err(|e| format!("kill -{signal}: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("kill -{signal} {}: {status}", self.pid))
        }
    }

    /// The process state from `/proc/<pid>/stat` (`R`, `S`, `T` stopped, `Z`…).
    pub fn state(&self) -> Result<char, String> {
        let path = format!("/proc/{}/stat", self.pid);
        let stat = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .ok_or_else(|| format!("{path}: unexpected format"))
    }

    /// Waits (at most `timeout`) until the process state is `state`.
    pub fn wait_state(&self, state: char, timeout: Duration) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let now = self.state()?;
            if now == state {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "{}: process state is {now:?}, not {state:?}, after {timeout:?}",
                    self.name
                ));
            }
            thread::sleep(PROCESS_POLL);
        }
    }

    /// Closes the master side, as a terminal window closing or an SSH link dropping does:
    /// the program's terminal is hung up (SIGHUP, then end of input or EIO on every read).
    ///
    /// portable-pty's writer sends a line feed and the EOF character when dropped (a
    /// newline and Ctrl+D for a program in raw mode) before the master closes.
    pub fn hang_up(&mut self) {
        self.stop_pump.store(true, Ordering::SeqCst);
        // The output thread holds a duplicate of the master; it lets go within PUMP_POLL.
        if let Some(pump) = self.pump.take() {
            let _ = pump.join();
        }
        self.writer = None;
        self.master = None;
        let mut out = lock(&self.shared.0);
        out.eof = true;
        self.shared.1.notify_all();
    }

    /// Waits (until `deadline`) for the output thread to drain the pty after the program
    /// exited.
    fn join_pump(&mut self, deadline: Instant) -> Result<(), String> {
        while self.pump.as_ref().is_some_and(|p| !p.is_finished()) {
            if Instant::now() >= deadline {
                return Err(format!(
                    "{}: the pty output did not end after the program exited",
                    self.name
                ));
            }
            thread::sleep(PROCESS_POLL);
        }
        if let Some(pump) = self.pump.take() {
            pump.join()
                .map_err(|_| format!("{}: the pty output thread panicked", self.name))?;
        }
        Ok(())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop_pump.store(true, Ordering::SeqCst);
    }
}

/// The output thread: waits for output (in `poll`, so it can be told to stop), feeds it to
/// the screen, and answers cursor position queries.
fn pump(
    mut reader: Box<dyn Read + Send>,
    master_fd: i32,
    shared: &(Mutex<Output>, Condvar),
    writer: &Mutex<Box<dyn Write + Send>>,
    stop: &AtomicBool,
) {
    let mut buf = vec![0; 64 * 1024];
    let finish = || {
        lock(&shared.0).eof = true;
        shared.1.notify_all();
    };
    loop {
        if stop.load(Ordering::SeqCst) {
            return finish();
        }
        let mut fds = [filedescriptor::pollfd {
            fd: master_fd,
            events: filedescriptor::POLLIN,
            revents: 0,
        }];
        match filedescriptor::poll(&mut fds, Some(PUMP_POLL)) {
            Ok(0) => continue,
            Ok(_) => {}
            Err(_) => return finish(),
        }
        let n = match reader.read(&mut buf) {
            // EOF, or EIO once the child has exited and the slave side is closed.
            Ok(0) => return finish(),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return finish(),
        };
        let now = Instant::now();
        let mut out = lock(&shared.0);
        out.parser.process(&buf[..n]);
        // A query may straddle two reads.
        let from = out.raw.len().saturating_sub(CURSOR_QUERY.len() - 1);
        out.raw.extend_from_slice(&buf[..n]);
        let queries = count(&out.raw[from..], CURSOR_QUERY);
        let (row, col) = out.screen().cursor_position();
        out.chunks += 1;
        out.last = now;
        drop(out);
        shared.1.notify_all();
        if queries > 0 {
            let reply = format!("\x1b[{};{}R", row + 1, col + 1);
            let mut writer = lock(writer);
            for _ in 0..queries {
                let _ = writer.write_all(reply.as_bytes());
            }
            let _ = writer.flush();
        }
    }
}

/// The label of the focused field of linkcase's form (`Skill ID *` when it is required),
/// read from its label row on the page: `│›` + a mark (`·`, `✓`, `!`, `✗`) + a space + the
/// label. Shared by the tests (`session.rs`) and the benches.
#[must_use]
pub fn focused(screen: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let (_, after) = line.split_once("│›")?;
        let mut chars = after.chars();
        chars.next()?;
        let label = chars.as_str().strip_prefix(' ')?;
        Some(label.split('│').next()?.trim_end().to_owned())
    })
}
