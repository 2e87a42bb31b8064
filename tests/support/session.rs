//! `linkcase` in a pseudo-terminal for the end-to-end tests, on the shared [`super::pty`]
//! harness: a private temp dir (working directory, `HOME`, the XDG dirs), `TERM=xterm-256color`,
//! `TZ=UTC`, no `NO_COLOR`; waits that count only whole frames; and the check that the
//! terminal was given back as it was. Every method panics with the screen when what it waits
//! for does not come.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus};

pub use super::pty::focused;
use super::pty::{Pty, rfind};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// How long any one expected screen may take to appear.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How long the app may take to exit once told to.
pub const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(20);
/// Polls without new output after which the screen counts as drawn (see [`ends_with_frame`]).
const QUIET_POLLS: u32 = 5;

pub const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// Whether the output ends where a frame ends: ratatui finishes every draw by hiding the
/// cursor, or by showing it and moving it into place (`ESC [ ? 25 h ESC [ row ; col H`).
/// A read that ends there leaves the screen with a whole frame, never half of one.
pub fn ends_with_frame(raw: &[u8]) -> bool {
    if raw.ends_with(b"\x1b[?25l") {
        return true;
    }
    let Some(body) = raw.strip_suffix(b"H") else {
        return false;
    };
    let Some(at) = rfind(body, SHOW_CURSOR) else {
        return false;
    };
    let position = &body[at + SHOW_CURSOR.len()..];
    position.starts_with(b"\x1b[")
        && position[2..]
            .iter()
            .all(|&b| b.is_ascii_digit() || b == b';')
}

/// The environment of every linkcase run here: nothing from the real home or the caller's
/// terminal, no `NO_COLOR`.
pub fn private_env(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let home = dir.join("home");
    vec![
        ("HOME", home.clone()),
        ("XDG_CONFIG_HOME", home.join(".config")),
        ("XDG_DATA_HOME", home.join(".local/share")),
        ("XDG_STATE_HOME", home.join(".local/state")),
        ("XDG_CACHE_HOME", home.join(".cache")),
    ]
}

/// The draft files in a session dir (`XDG_DATA_HOME/linkcase/drafts`).
pub fn drafts_dir(dir: &Path) -> PathBuf {
    dir.join("home/.local/share/linkcase/drafts")
}

/// The drafts (`*.json`) in a session dir, with their contents.
pub fn drafts(dir: &Path) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = fs::read_dir(drafts_dir(dir))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| Path::new(name).extension().is_some_and(|e| e == "json"))
                .map(|name| {
                    let text = fs::read_to_string(drafts_dir(dir).join(&name)).unwrap_or_default();
                    (name, text)
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// `linkcase` running in a pty; killed when dropped (a failed test leaves no process behind).
pub struct Session {
    /// The temp dir (taken over by the next session on a restart; `None` for a second
    /// window on another session's dir).
    owned: Option<tempfile::TempDir>,
    dir: PathBuf,
    pub pty: Pty,
}

impl Session {
    /// Starts `linkcase` (no arguments: a new case) at 100×30 and waits for its first frame.
    pub fn start() -> Self {
        Self::launch(tempfile::tempdir().expect("temp dir"), &[])
    }

    /// Starts `linkcase ARGS` in its own temp dir.
    pub fn launch(dir: tempfile::TempDir, args: &[&str]) -> Self {
        Self::launch_with(dir, args, &[])
    }

    /// Starts `linkcase ARGS` in its own temp dir with `env` added.
    pub fn launch_with(dir: tempfile::TempDir, args: &[&str], env: &[(&str, &str)]) -> Self {
        let path = dir.path().to_owned();
        let mut session = Self::spawn(&path, args, env);
        session.owned = Some(dir);
        session.wait_first_frame();
        session
    }

    /// Starts a second `linkcase ARGS` on the same dir as `other` (another window), with
    /// `env` added.
    pub fn beside(other: &Self, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut session = Self::spawn(other.dir(), args, env);
        session.wait_first_frame();
        session
    }

    /// Starts `linkcase ARGS` in `dir` with `env` added, without waiting for anything.
    pub fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        for (_, path) in private_env(dir) {
            fs::create_dir_all(path).expect("private home");
        }
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_linkcase"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        cmd.env("LANG", "C.UTF-8");
        // Ctrl+E pressed by mistake must not wait for an editor.
        cmd.env("EDITOR", "false");
        cmd.env("VISUAL", "false");
        for (key, path) in private_env(dir) {
            cmd.env(key, path);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        let (pty, _) = Pty::spawn("linkcase", cmd, ROWS, COLS).expect("start linkcase");
        Self {
            owned: None,
            dir: dir.to_owned(),
            pty,
        }
    }

    fn wait_first_frame(&mut self) {
        // Whole frames only (see `wait_until`): the header and the sidebar are drawn.
        self.wait_until("the first frame", |screen| {
            screen.contains(" required · ") && screen.contains("┌ Sections")
        });
    }

    /// Kills this `linkcase` with SIGKILL and starts it again in the same dir with `args`.
    pub fn kill9_and_restart(mut self, args: &[&str]) -> Self {
        self.pty.signal("KILL").expect("kill -9");
        let status = self.wait_exit();
        assert!(!status.success(), "killed: {status:?}");
        let dir = self.owned.take().expect("the session owns its dir");
        Self::launch(dir, args)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn screen(&self) -> String {
        self.pty.output().screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.pty.output().raw.clone()
    }

    /// The tty modes now (Debug text).
    pub fn termios(&self) -> String {
        self.pty.termios().expect("the terminal is open")
    }

    /// The tty modes before linkcase started.
    pub fn termios_before(&self) -> &str {
        self.pty.termios_before()
    }

    /// Writes keys (or any bytes) to the app.
    pub fn send(&self, keys: &str) {
        self.pty.send(keys.as_bytes()).expect("write to the pty");
    }

    /// Types `text` into the focused field.
    pub fn type_text(&self, text: &str) {
        self.send(text);
    }

    /// A bracketed paste of `text`.
    pub fn paste(&self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// Sends `signal` (`TERM`, `INT`…) to linkcase.
    pub fn signal(&self, signal: &str) {
        self.pty.signal(signal).expect("send the signal");
    }

    /// The screen, how many bytes of output made it, and whether they end with a frame.
    fn snapshot(&self) -> (String, usize, bool) {
        let out = self.pty.output();
        (
            out.screen().contents(),
            out.raw.len(),
            ends_with_frame(&out.raw),
        )
    }

    /// Waits until a complete frame satisfies `ok`; returns its screen. Panics with the
    /// screen after [`TIMEOUT`], or at once if the app has exited.
    pub fn wait_until(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_frame_after(0, what, ok)
    }

    /// [`Self::wait_until`], counting only frames drawn after the first `mark` bytes of output.
    pub fn wait_frame_after(
        &mut self,
        mark: usize,
        what: &str,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + TIMEOUT;
        let mut quiet = (usize::MAX, 0);
        loop {
            let (screen, len, at_frame_end) = self.snapshot();
            quiet = if quiet.0 == len {
                (len, quiet.1 + 1)
            } else {
                (len, 0)
            };
            // A frame is drawn once the output ends the way every draw ends; should a later
            // version end its frames differently, output that stays quiet will do.
            let complete = at_frame_end || quiet.1 >= QUIET_POLLS;
            if len > mark && complete && ok(&screen) {
                return screen;
            }
            if let Ok(Some(status)) = self.pty.try_wait() {
                // Let the last output arrive before showing it.
                let _ = self.pty.wait_exit(EXIT_TIMEOUT);
                panic!(
                    "linkcase exited ({status:?}) while waiting for {what}; screen:\n{}",
                    self.screen()
                );
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {TIMEOUT:?} waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits for the header's progress to read `done/required`.
    pub fn wait_progress(&mut self, done: u32, required: u32) -> String {
        self.wait_until(&format!("{done}/{required} required"), |screen| {
            progress(screen) == Some((done, required))
        })
    }

    /// Tab to the next field and wait until it has the focus.
    pub fn tab_to(&mut self, label: &str) -> String {
        self.send("\t");
        self.wait_focus(label)
    }

    /// Waits until the field labelled `label` (`Skill ID *` when it is required) has the
    /// focus: its label row starts with `›` and its mark.
    pub fn wait_focus(&mut self, label: &str) -> String {
        self.wait_until(&format!("the focus on {label}"), |screen| {
            focused(screen) == Some(label.to_owned())
        })
    }

    /// Resizes the pty, and the screen that mirrors it.
    pub fn resize(&self, rows: u16, cols: u16) {
        self.pty.resize(rows, cols).expect("resize the pty");
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.pty.try_wait(), Ok(None))
    }

    /// Waits for the app to exit.
    pub fn wait_exit(&mut self) -> ExitStatus {
        self.pty
            .wait_exit(EXIT_TIMEOUT)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Waits until a draft holds `text` (a save is due at most 250 ms after a change).
    pub fn wait_draft_holding(&self, text: &str) -> (String, String) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(found) = drafts(self.dir())
                .into_iter()
                .find(|(_, json)| json.contains(text))
            {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "no draft holds {text:?} after {TIMEOUT:?}: {:?}",
                drafts(self.dir())
            );
            std::thread::sleep(POLL);
        }
    }

    pub fn pid(&self) -> u32 {
        self.pty.pid()
    }
}

/// The header's "N/M required".
pub fn progress(screen: &str) -> Option<(u32, u32)> {
    let header = screen.lines().next()?;
    let (before, _) = header.split_once(" required")?;
    let (done, required) = before.rsplit(' ').next()?.split_once('/')?;
    Some((done.parse().ok()?, required.parse().ok()?))
}

/// The header line.
pub fn header(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// Whether some line of the screen contains `text` after the sidebar (in the editor column).
pub fn editor_row(screen: &str, text: &str) -> bool {
    screen
        .lines()
        .any(|line| line.contains(&format!("│    │{text}")))
}

/// The private modes (`ESC [ ? N h`) the app switched on, in first-seen order.
pub fn modes_set(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut modes: Vec<String> = Vec::new();
    for (at, _) in text.match_indices("\x1b[?") {
        let rest = &text[at + 3..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && rest[digits.len()..].starts_with('h') && !modes.contains(&digits) {
            modes.push(digits);
        }
    }
    modes
}

/// The terminal is given back: every private mode the app switched on (alternate screen,
/// bracketed paste, mouse reporting) is switched off after it was last switched on, the
/// output ends by leaving the alternate screen (at most the cursor is shown after it), the
/// screen model agrees, and the tty modes (raw mode) are those from before the start.
pub fn assert_restored(session: &Session) {
    let raw = session.raw();
    let shown = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).into_owned();
    let modes = modes_set(&raw);
    for expected in ["1049", "2004", "1000", "1006"] {
        assert!(
            modes.iter().any(|m| m == expected),
            "linkcase never set mode ?{expected}h; modes set: {modes:?}"
        );
    }
    for mode in modes.iter().filter(|m| *m != "25") {
        let on = rfind(&raw, format!("\x1b[?{mode}h").as_bytes());
        let off = rfind(&raw, format!("\x1b[?{mode}l").as_bytes());
        assert!(
            off > on,
            "mode ?{mode} is left on; output ends with {shown:?}"
        );
    }
    let leave = rfind(&raw, LEAVE_ALT_SCREEN).expect("left the alternate screen");
    assert!(rfind(&raw, ENTER_ALT_SCREEN) < Some(leave));
    let tail = raw[leave + LEAVE_ALT_SCREEN.len()..].to_vec();
    assert!(
        tail.is_empty() || tail == SHOW_CURSOR,
        "after leaving the alternate screen the output should end (or only show the cursor), \
         it ends with {shown:?}"
    );
    {
        let out = session.pty.output();
        let screen = out.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.bracketed_paste(), "bracketed paste still on");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on"
        );
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
    }
    assert_eq!(
        session.termios(),
        session.termios_before(),
        "the tty modes (raw mode) were not restored"
    );
}
