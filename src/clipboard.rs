//! Copying text out of linkcase: the system clipboard (arboard, one per session), OSC 52 for a
//! terminal over SSH or without a system clipboard, and on Linux a holder process that keeps the
//! last copy alive after linkcase exits (DESIGN §2: a copy that includes the password says so).
//!
//! The caller owns the wording of its status line and the fallback file; this module only says
//! truthfully where the text went ([`Copied`]) and what happened at exit ([`Handover`]).

mod hold;
mod native;

use std::ffi::OsString;
use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crossterm::clipboard::CopyToClipboard;

use native::{COPIES_END_WITH_THE_PROCESS, Hold, NO_DISPLAY, open_system, set_text};

pub use hold::{HOLD_SUBCOMMAND, SECRET_FLAG, hand_over, hold_from_stdin, holder_command};

/// The most a copy may hold: 1 MiB. A case is a few KiB; far larger texts are refused by
/// clipboards and by terminals (OSC 52) without a word, so a copy above this says so instead.
pub const MAX_COPY_BYTES: usize = 1024 * 1024;

/// Why a text cannot be copied, if it is larger than [`MAX_COPY_BYTES`].
fn too_large(text: &str) -> Option<String> {
    (text.len() > MAX_COPY_BYTES).then(|| {
        format!(
            "the text is {} KiB, more than the {} KiB a copy may hold",
            text.len().div_ceil(1024),
            MAX_COPY_BYTES / 1024
        )
    })
}

/// Whether the copied text holds the test account's password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Password {
    /// Redacted: "(password shared separately)" or `null`.
    LeftOut,
    /// The password is in the text: clipboard managers are asked to keep it out of their history.
    Included,
}

impl Password {
    /// "password left out" or "the password is in it", for status lines.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::LeftOut => "password left out",
            Self::Included => "the password is in it",
        }
    }
}

/// Where a copy went, truthfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// On the system clipboard.
    System,
    /// Sent to the terminal as OSC 52; whether the terminal honours it cannot be known.
    Osc52,
    /// Both of the above.
    Both,
    /// Nowhere, and why (the caller saves the text to a file instead, see [`save_instead`]).
    Nowhere(String),
}

impl Copied {
    /// "copied to the clipboard", "sent to the terminal's clipboard (OSC 52)", both, or
    /// "no clipboard: REASON".
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::System => "copied to the clipboard".to_owned(),
            Self::Osc52 => "sent to the terminal's clipboard (OSC 52)".to_owned(),
            Self::Both => {
                "copied to the clipboard and sent to the terminal's clipboard (OSC 52)".to_owned()
            }
            Self::Nowhere(reason) => format!("no clipboard: {reason}"),
        }
    }

    /// Whether the text reached at least one clipboard.
    #[must_use]
    pub const fn reached_a_clipboard(&self) -> bool {
        !matches!(self, Self::Nowhere(_))
    }
}

/// What [`Clipboard::finish`] did with the last copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handover {
    /// Nothing to hand over: no system clipboard copy in this session, or a platform whose
    /// clipboard keeps copies by itself.
    NotNeeded,
    /// A detached holder process serves the text until something else is copied.
    Held,
    /// Something else was copied after our last copy; it is left alone.
    Superseded,
    /// The holder could not take over, and why; the copy ends with this process (unless a
    /// clipboard manager saved it).
    Failed(String),
}

/// The clipboard for one session: the system clipboard is opened on the first copy; if that
/// fails, the session has no system clipboard and says so once ([`Clipboard::take_notice`]).
pub struct Clipboard {
    environment: Environment,
    system: System,
    /// Where OSC 52 goes: the terminal, if there is one.
    terminal: Option<Box<dyn Write + Send>>,
    notice: Option<String>,
    said_unavailable: bool,
    /// The last text put on the system clipboard, for [`Clipboard::finish`].
    last: Option<(String, Password)>,
}

enum System {
    Unopened,
    Open(arboard::Clipboard),
    Unavailable(String),
}

impl Default for Clipboard {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let system = match &self.system {
            System::Unopened => "unopened",
            System::Open(_) => "open",
            System::Unavailable(_) => "unavailable",
        };
        f.debug_struct("Clipboard")
            .field("system", &system)
            .field("terminal", &self.terminal.is_some())
            .finish_non_exhaustive()
    }
}

impl Clipboard {
    /// A session whose OSC 52 goes to stdout when stdout is a terminal.
    #[must_use]
    pub fn new() -> Self {
        let stdout = io::stdout();
        let terminal: Option<Box<dyn Write + Send>> = if stdout.is_terminal() {
            Some(Box::new(stdout))
        } else {
            None
        };
        Self::with_parts(Environment::current(), terminal)
    }

    /// A session whose OSC 52 goes to `terminal` (the TUI's writer).
    #[must_use]
    pub fn with_terminal(terminal: impl Write + Send + 'static) -> Self {
        Self::with_parts(Environment::current(), Some(Box::new(terminal)))
    }

    fn with_parts(environment: Environment, terminal: Option<Box<dyn Write + Send>>) -> Self {
        Self {
            environment,
            system: System::Unopened,
            terminal,
            notice: None,
            said_unavailable: false,
            last: None,
        }
    }

    /// Copies `text`: to the system clipboard, and as OSC 52 too when running over SSH or when
    /// there is no system clipboard. A text over [`MAX_COPY_BYTES`] goes nowhere, saying why. A copy with the password is marked for clipboard managers
    /// to keep out of their history (OSC 52 cannot carry that mark).
    pub fn copy(&mut self, text: &str, password: Password) -> Copied {
        if let Some(reason) = too_large(text) {
            return Copied::Nowhere(reason);
        }
        let system = self.copy_to_system(text, password);
        if system.is_ok() {
            self.last = Some((text.to_owned(), password));
        }
        self.also_osc52(text, system)
    }

    /// Copies `text` for a command that exits right after (`export --copy`): like
    /// [`Clipboard::copy`], but on Linux the text goes straight to the holder process that
    /// [`Clipboard::finish`] would start, so [`Copied::System`] means it stays after exit.
    pub fn copy_past_exit(&mut self, text: &str, password: Password) -> Copied {
        if let Some(reason) = too_large(text) {
            return Copied::Nowhere(reason);
        }
        let system = if COPIES_END_WITH_THE_PROCESS {
            self.hand_over_now(text, password)
        } else {
            self.copy_to_system(text, password)
        };
        self.also_osc52(text, system)
    }

    /// "no system clipboard: REASON" the first time opening it failed, then never again.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Ends the session, at quit (after restoring the terminal: it may take a moment). On
    /// Linux the process that copied owns the copy, so the last one is handed to a detached
    /// holder process that keeps it until something else is copied — unless something else
    /// was copied already.
    #[must_use]
    pub fn finish(self) -> Handover {
        match holder_command() {
            Ok(holder) => self.finish_with(holder),
            Err(e) => Handover::Failed(format!("cannot find linkcase's own program: {e}")),
        }
    }

    /// [`Clipboard::finish`] with another holder command (tests run `linkcase` from a test
    /// binary); see [`hand_over`].
    #[must_use]
    pub fn finish_with(mut self, holder: std::process::Command) -> Handover {
        let (Some((text, password)), System::Open(clipboard)) =
            (self.last.take(), &mut self.system)
        else {
            return Handover::NotNeeded;
        };
        if !COPIES_END_WITH_THE_PROCESS {
            return Handover::NotNeeded;
        }
        // Still ours? Comparing the contents costs one round trip and cannot clobber a newer
        // copy made in another program.
        match clipboard.get().text() {
            Ok(current) if current == text => hand_over(&text, password, holder),
            _ => Handover::Superseded,
        }
    }

    fn say_no_system_clipboard(&mut self, reason: &str) {
        if !self.said_unavailable {
            self.said_unavailable = true;
            self.notice = Some(format!("no system clipboard: {reason}"));
        }
    }

    fn also_osc52(&mut self, text: &str, system: Result<(), String>) -> Copied {
        let osc52 = wants_osc52(self.environment, system.is_ok()).then(|| self.send_osc52(text));
        outcome(system, osc52)
    }

    fn hand_over_now(&mut self, text: &str, password: Password) -> Result<(), String> {
        let result = if self.environment.display {
            match holder_command().map(|holder| hand_over(text, password, holder)) {
                Ok(Handover::Held | Handover::NotNeeded) => Ok(()),
                Ok(Handover::Superseded) => Err("something else was copied meanwhile".to_owned()),
                Ok(Handover::Failed(reason)) => Err(reason),
                Err(e) => Err(format!("cannot find linkcase's own program: {e}")),
            }
        } else {
            Err(NO_DISPLAY.to_owned())
        };
        if let Err(reason) = &result {
            self.say_no_system_clipboard(reason);
        }
        result
    }

    fn copy_to_system(&mut self, text: &str, password: Password) -> Result<(), String> {
        if matches!(self.system, System::Unopened) {
            self.system = match open_system(self.environment) {
                Ok(clipboard) => System::Open(clipboard),
                Err(reason) => {
                    self.say_no_system_clipboard(&reason);
                    System::Unavailable(reason)
                }
            };
        }
        match &mut self.system {
            System::Open(clipboard) => set_text(clipboard, text, password, Hold::No)
                .map_err(|e| format!("the system clipboard refused the text: {e}")),
            System::Unavailable(reason) => Err(reason.clone()),
            System::Unopened => Err("the system clipboard was not opened".to_owned()),
        }
    }

    fn send_osc52(&mut self, text: &str) -> Result<(), String> {
        let Some(terminal) = self.terminal.as_mut() else {
            return Err("no terminal to send OSC 52 to".to_owned());
        };
        crossterm::execute!(terminal, CopyToClipboard::to_clipboard_from(text))
            .map_err(|e| format!("could not send OSC 52 to the terminal: {e}"))
    }
}

/// What the environment says about clipboards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Environment {
    /// Running over SSH: a system clipboard here (if any) is not the user's.
    ssh: bool,
    /// `DISPLAY` or `WAYLAND_DISPLAY` is set (meaningful on Linux only).
    display: bool,
}

impl Environment {
    fn current() -> Self {
        Self::from_lookup(|name| std::env::var_os(name))
    }

    fn from_lookup(get: impl Fn(&str) -> Option<OsString>) -> Self {
        let set = |name: &str| get(name).is_some_and(|value| !value.is_empty());
        Self {
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            display: set("DISPLAY") || set("WAYLAND_DISPLAY"),
        }
    }
}

/// OSC 52 as well when over SSH (the system clipboard there is the remote machine's, if any)
/// or when the system clipboard failed (then it is the only way left).
fn wants_osc52(environment: Environment, system_worked: bool) -> bool {
    environment.ssh || !system_worked
}

/// Where the text went, given how the system clipboard and OSC 52 (if tried) went.
fn outcome(system: Result<(), String>, osc52: Option<Result<(), String>>) -> Copied {
    match (system, osc52) {
        (Ok(()), Some(Ok(()))) => Copied::Both,
        (Ok(()), _) => Copied::System,
        (Err(_), Some(Ok(()))) => Copied::Osc52,
        (Err(system), Some(Err(osc52))) => Copied::Nowhere(format!("{system}; {osc52}")),
        (Err(system), None) => Copied::Nowhere(system),
    }
}

/// Saves `text` to a new file `linkcase-copy-<UTC time>-<random>.txt` in `dir`, readable by the
/// user only (0600 on Unix): the "saved to FILE instead" of a copy that reached no clipboard.
pub fn save_instead(dir: &Path, text: &str) -> io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S-");
    // tempfile creates the file 0600 on Unix and never reuses a name.
    let mut file = tempfile::Builder::new()
        .prefix(&format!("linkcase-copy-{stamp}"))
        .suffix(".txt")
        .tempfile_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let (_, path) = file.keep().map_err(|e| e.error)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn environment(vars: &[(&str, &str)]) -> Environment {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        Environment::from_lookup(|name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    /// A terminal that records what was written to it.
    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<u8>>>);

    impl Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn session(env: Environment, terminal: Option<Recorder>) -> Clipboard {
        let terminal = terminal.map(|t| Box::new(t) as Box<dyn Write + Send>);
        Clipboard::with_parts(env, terminal)
    }

    #[test]
    fn ssh_tty_or_ssh_connection_means_ssh() {
        assert!(environment(&[("SSH_TTY", "/dev/pts/3")]).ssh);
        assert!(environment(&[("SSH_CONNECTION", "10.0.0.2 5122 10.0.0.1 22")]).ssh);
        assert!(!environment(&[("SSH_TTY", "")]).ssh);
        assert!(!environment(&[("DISPLAY", ":0")]).ssh);
    }

    #[test]
    fn osc52_goes_out_over_ssh_even_when_the_system_clipboard_works() {
        let ssh = environment(&[("SSH_CONNECTION", "10.0.0.2 5122 10.0.0.1 22")]);
        assert!(wants_osc52(ssh, true));
        assert!(wants_osc52(ssh, false));
    }

    #[test]
    fn osc52_goes_out_locally_only_when_the_system_clipboard_failed() {
        let local = environment(&[("DISPLAY", ":0")]);
        assert!(!wants_osc52(local, true));
        assert!(wants_osc52(local, false));
    }

    #[test]
    fn a_copy_over_1_mib_goes_nowhere_and_says_why() {
        let terminal = Recorder::default();
        let mut clipboard = session(environment(&[]), Some(terminal.clone()));
        let big = "x".repeat(MAX_COPY_BYTES + 1);
        for copied in [
            clipboard.copy(&big, Password::LeftOut),
            clipboard.copy_past_exit(&big, Password::LeftOut),
        ] {
            let Copied::Nowhere(reason) = copied else {
                panic!("a copy of {} bytes reported success: {copied:?}", big.len());
            };
            assert_eq!(
                reason,
                "the text is 1025 KiB, more than the 1024 KiB a copy may hold"
            );
        }
        assert!(terminal.0.lock().unwrap().is_empty(), "no OSC 52 sent");
        // Exactly 1 MiB is copied (here: OSC 52, there being no system clipboard).
        let most = "x".repeat(MAX_COPY_BYTES);
        assert!(
            clipboard
                .copy(&most, Password::LeftOut)
                .reached_a_clipboard()
        );
    }

    #[test]
    fn outcome_says_where_the_text_went() {
        let no = || Err::<(), _>("no".to_owned());
        assert_eq!(outcome(Ok(()), None), Copied::System);
        assert_eq!(outcome(Ok(()), Some(Ok(()))), Copied::Both);
        assert_eq!(outcome(Ok(()), Some(no())), Copied::System);
        assert_eq!(outcome(no(), Some(Ok(()))), Copied::Osc52);
        assert!(matches!(outcome(no(), Some(no())), Copied::Nowhere(_)));
    }

    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
    ))]
    #[test]
    fn over_ssh_without_a_display_the_copy_is_sent_as_osc52_and_the_failure_said_once() {
        let terminal = Recorder::default();
        let mut clipboard = session(
            environment(&[("SSH_TTY", "/dev/pts/3")]),
            Some(terminal.clone()),
        );
        assert_eq!(
            clipboard.copy("Skill ID: x", Password::LeftOut),
            Copied::Osc52
        );
        let written = String::from_utf8(terminal.0.lock().unwrap().clone()).unwrap();
        // "Skill ID: x" in base64, in an OSC 52 sequence for the clipboard ('c').
        assert_eq!(written, "\x1b]52;c;U2tpbGwgSUQ6IHg=\x1b\\");
        let notice = clipboard.take_notice().unwrap();
        assert!(
            notice.starts_with("no system clipboard: no display"),
            "{notice}"
        );
        assert_eq!(clipboard.copy("again", Password::LeftOut), Copied::Osc52);
        assert_eq!(clipboard.take_notice(), None);
        assert_eq!(clipboard.finish(), Handover::NotNeeded);
    }

    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
    ))]
    #[test]
    fn without_a_display_or_a_terminal_the_copy_goes_nowhere_and_says_why() {
        let mut clipboard = session(environment(&[]), None);
        let Copied::Nowhere(reason) = clipboard.copy("text", Password::Included) else {
            panic!("expected Nowhere");
        };
        assert!(reason.contains("no display"), "{reason}");
        assert!(reason.contains("no terminal"), "{reason}");
    }

    #[test]
    fn a_one_shot_copy_without_a_display_starts_no_holder_and_says_so_once() {
        let terminal = Recorder::default();
        let mut clipboard = session(environment(&[]), Some(terminal.clone()));
        assert_eq!(
            clipboard.copy_past_exit("text", Password::LeftOut),
            Copied::Osc52
        );
        assert_eq!(
            clipboard.copy_past_exit("text", Password::LeftOut),
            Copied::Osc52
        );
        assert!(clipboard.take_notice().is_some());
        assert_eq!(clipboard.take_notice(), None);
        assert_eq!(clipboard.finish(), Handover::NotNeeded);
    }

    #[test]
    fn status_words_match_the_spec() {
        assert_eq!(Copied::System.describe(), "copied to the clipboard");
        assert_eq!(
            Copied::Osc52.describe(),
            "sent to the terminal's clipboard (OSC 52)"
        );
        assert_eq!(Password::Included.describe(), "the password is in it");
    }

    #[cfg(unix)]
    #[test]
    fn save_instead_writes_a_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = save_instead(dir.path(), "secret text").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "secret text");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("linkcase-copy-"), "{name}");
        assert_eq!(path.extension().unwrap(), "txt");
    }
}
