//! End to end (issue 3, "Tests"): the real `linkcase` binary in a pseudo-terminal, driven by
//! keystrokes only and read back through a vt100 screen. Each test runs in a fresh temp dir
//! (the working directory, `HOME` and the XDG dirs), with `TERM=xterm-256color`, `TZ=UTC`
//! and no `NO_COLOR`.

use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;
/// How long any one expected screen may take to appear.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How long the app may take to exit once told to.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(20);
/// Polls without new output after which the screen counts as drawn (see [`ends_with_frame`]).
const QUIET_POLLS: u32 = 5;

const TAB: &str = "\t";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const RIGHT: &str = "\x1b[C";
const DOWN: &str = "\x1b[B";
const CTRL_Q: &str = "\x11";
const CTRL_R: &str = "\x12";
const CTRL_S: &str = "\x13";

/// The cursor position query ("DSR 6"); answered with the vt100 screen's cursor.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

const SKILL_ID: &str = "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff";
const USERNAME: &str = "tester@example.com";
const PASSWORD: &str = "correct horse battery staple";
const CUSTOMER_ID: &str = "A2Z2SH760RV43M";
/// Well in the past for the real clock (the form refuses times in the future); New York
/// is on EST then, so 19:03 UTC.
const LOCAL_TIME: &str = "2025-11-20 14:03";
const UTC: &str = "2025-11-20T19:03:00Z";
const APP_VERSION: &str = "2.2.596798.0";
/// Pasted with Windows line ends: the paste must keep both lines and normalise them.
const DESCRIPTION_PASTE: &str =
    "Tapping Link account opens our login page.\r\nAfter signing in, the app says: unable to link.";
const DESCRIPTION: &str =
    "Tapping Link account opens our login page.\nAfter signing in, the app says: unable to link.";
const AUTH_URL: &str = "https://auth.example.com/oauth2/authorize";
const TOKEN_URL: &str = "https://auth.example.com/oauth2/token";
const DOMAINS_PASTE: &str = "cdn.example.com, fonts.example.net";

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
    NonZeroU16::new(n).expect("a terminal size is at least 1")
}

/// Whether the output ends where a frame ends: ratatui finishes every draw by hiding the
/// cursor, or by showing it and moving it into place (`ESC [ ? 25 h ESC [ row ; col H`).
/// A read that ends there leaves the screen with a whole frame, never half of one.
fn ends_with_frame(raw: &[u8]) -> bool {
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

/// Where `needle` occurs last in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// The environment of every linkcase run here: nothing from the real home or the caller's
/// terminal, no `NO_COLOR`.
fn private_env(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let home = dir.join("home");
    vec![
        ("HOME", home.clone()),
        ("XDG_CONFIG_HOME", home.join(".config")),
        ("XDG_DATA_HOME", home.join(".local/share")),
        ("XDG_STATE_HOME", home.join(".local/state")),
        ("XDG_CACHE_HOME", home.join(".cache")),
    ]
}

/// The pty output, pumped into a vt100 screen and kept raw; cursor position queries are
/// answered so that a query never hangs the app.
fn pump(
    mut reader: Box<dyn Read + Send>,
    parser: &Mutex<vt100::Parser>,
    raw: &Mutex<Vec<u8>>,
    writer: &Mutex<Box<dyn Write + Send>>,
) {
    let mut buf = [0; 8192];
    loop {
        let n = match reader.read(&mut buf) {
            // EOF, or EIO once the child has exited and the slave side is closed.
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let mut parser = lock(parser);
        parser.process(&buf[..n]);
        let mut raw = lock(raw);
        // A query may straddle two reads.
        let from = raw.len().saturating_sub(CURSOR_QUERY.len() - 1);
        raw.extend_from_slice(&buf[..n]);
        let queries = count(&raw[from..], CURSOR_QUERY);
        let (row, col) = parser.screen().cursor_position();
        drop(raw);
        drop(parser);
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

/// `linkcase` running in a pty; killed when dropped (a failed test leaves no process behind).
struct Session {
    /// The temp dir (taken over by the next session on a restart).
    dir: Option<tempfile::TempDir>,
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    /// The pty's termios before linkcase touched it (Debug text: portable-pty hands out
    /// nix's type, which this crate does not name).
    termios_before: String,
}

impl Session {
    /// Starts `linkcase` (no arguments: a new case) at 100×30 and waits for its first frame.
    fn start() -> Self {
        Self::launch(tempfile::tempdir().expect("temp dir"), &[])
    }

    /// Kills this `linkcase` with SIGKILL and starts it again in the same dir with `args`.
    fn kill9_and_restart(mut self, args: &[&str]) -> Self {
        let kill = Command::new("kill")
            .args(["-KILL", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(kill.success());
        let status = self.wait_exit();
        assert!(!status.success(), "killed: {status:?}");
        let dir = self.dir.take().expect("the session owns its dir");
        Self::launch(dir, args)
    }

    fn launch(dir: tempfile::TempDir, args: &[&str]) -> Self {
        for (_, path) in private_env(dir.path()) {
            fs::create_dir_all(path).expect("private home");
        }
        let pair = native_pty_system()
            .openpty(size(ROWS, COLS))
            .expect("open a pty");
        let termios_before = format!("{:?}", pair.master.get_termios());
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_linkcase"));
        cmd.args(args);
        cmd.cwd(dir.path());
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        cmd.env("LANG", "C.UTF-8");
        // Ctrl+E pressed by mistake must not wait for an editor.
        cmd.env("EDITOR", "false");
        cmd.env("VISUAL", "false");
        for (key, path) in private_env(dir.path()) {
            cmd.env(key, path);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn linkcase");
        // Only the child holds the slave side now, so the reader sees EOF when it exits.
        drop(pair.slave);
        let reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            non_zero(ROWS),
            non_zero(COLS),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let reader = {
            let (parser, raw, writer) =
                (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&writer));
            thread::spawn(move || pump(reader, &parser, &raw, &writer))
        };
        let mut session = Self {
            dir: Some(dir),
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            reader: Some(reader),
            termios_before,
        };
        // Whole frames only (see `wait_until`): the header and the sidebar are drawn.
        session.wait_until("the first frame", |screen| {
            screen.contains(" required · ") && screen.contains("┌ Checklist")
        });
        session
    }

    fn dir(&self) -> &Path {
        self.dir.as_ref().expect("the session owns its dir").path()
    }

    fn screen(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    fn raw(&self) -> Vec<u8> {
        lock(&self.raw).clone()
    }

    fn termios(&self) -> String {
        format!("{:?}", self.master.get_termios())
    }

    /// Writes keys (or any bytes) to the app.
    fn send(&self, keys: &str) {
        let mut writer = lock(&self.writer);
        writer.write_all(keys.as_bytes()).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// A bracketed paste of `text`.
    fn paste(&self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// The screen, how many bytes of output made it, and whether they end with a frame.
    fn snapshot(&self) -> (String, usize, bool) {
        let parser = lock(&self.parser);
        let raw = lock(&self.raw);
        (parser.screen().contents(), raw.len(), ends_with_frame(&raw))
    }

    /// Waits until a complete frame satisfies `ok`; returns its screen. Panics with the
    /// screen after [`TIMEOUT`], or at once if the app has exited.
    fn wait_until(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_frame_after(0, what, ok)
    }

    /// [`Self::wait_until`], counting only frames drawn after the first `mark` bytes of output.
    fn wait_frame_after(&mut self, mark: usize, what: &str, ok: impl Fn(&str) -> bool) -> String {
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
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the last output arrive before showing it.
                self.join_reader();
                panic!(
                    "linkcase exited ({status:?}) while waiting for {what}; screen:\n{}",
                    self.screen()
                );
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {TIMEOUT:?} waiting for {what}; screen:\n{screen}"
            );
            thread::sleep(POLL);
        }
    }

    fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits for the header's progress to read `done of required`.
    fn wait_progress(&mut self, done: u32, required: u32) -> String {
        self.wait_until(&format!("{done}/{required} required"), |screen| {
            progress(screen) == Some((done, required))
        })
    }

    /// Tab to the next field and wait for its editor (titled with the field's label).
    fn tab_to(&mut self, label: &str) -> String {
        self.send(TAB);
        self.wait_for(&format!("┌ {label} "))
    }

    /// Types `text` into the focused field.
    fn type_text(&self, text: &str) {
        self.send(text);
    }

    /// Resizes the pty, and the screen that mirrors it.
    fn resize(&self, rows: u16, cols: u16) {
        lock(&self.parser)
            .screen_mut()
            .set_size(non_zero(rows), non_zero(cols));
        self.master
            .resize(size(rows, cols))
            .expect("resize the pty");
    }

    fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits for the app to exit.
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + EXIT_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for linkcase") {
                self.join_reader();
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "linkcase still running {EXIT_TIMEOUT:?} after being told to quit; screen:\n{}",
                self.screen()
            );
            thread::sleep(POLL);
        }
    }

    /// Waits (bounded) for the reader to drain the pty after the child exited.
    fn join_reader(&mut self) {
        let deadline = Instant::now() + EXIT_TIMEOUT;
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
            assert!(
                Instant::now() < deadline,
                "the pty output did not end after linkcase exited"
            );
            thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the pty reader thread");
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("linkcase has a pid")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The header's "N/M required".
fn progress(screen: &str) -> Option<(u32, u32)> {
    let header = screen.lines().next()?;
    let (before, _) = header.split_once(" required")?;
    let (done, required) = before.rsplit(' ').next()?.split_once('/')?;
    Some((done.parse().ok()?, required.parse().ok()?))
}

/// The header line.
fn header(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// Whether some line of the screen contains `text` after the sidebar (in the editor column).
fn editor_row(screen: &str, text: &str) -> bool {
    screen
        .lines()
        .any(|line| line.contains(&format!("││{text}")))
}

/// The private modes (`ESC [ ? N h`) the app switched on, in first-seen order.
fn modes_set(raw: &[u8]) -> Vec<String> {
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
fn assert_restored(session: &Session) {
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
            "mode ?{mode} is left on at exit; output ends with {shown:?}"
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
        let parser = lock(&session.parser);
        let screen = parser.screen();
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
        session.termios_before,
        "the tty modes (raw mode) were not restored"
    );
}

fn linkcase_validate(dir: &Path, file: &Path) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linkcase"));
    cmd.arg("validate")
        .arg(file)
        .current_dir(dir)
        .env("TZ", "UTC");
    for (key, path) in private_env(dir) {
        cmd.env(key, path);
    }
    cmd.output().expect("run linkcase validate")
}

#[test]
fn fills_the_whole_form_reviews_saves_json_with_password_and_quits() {
    let mut s = Session::start();
    assert_ne!(
        s.termios(),
        s.termios_before,
        "the form runs with the tty in raw mode"
    );
    let screen = s.wait_for("┌ Skill ID (required) ");
    // TZ=UTC fills the time zone, the one required field done at the start.
    assert_eq!(progress(&screen), Some((1, 13)), "{screen}");
    assert!(!screen.contains('✗'), "{screen}");

    // Skill.
    s.type_text(SKILL_ID);
    s.wait_progress(2, 13);
    s.tab_to("Skill stage");
    s.send(SPACE);
    s.wait_for("› (•) Development");
    s.tab_to("Skill name");
    s.type_text("Acme Thermostat");
    s.wait_for("││Acme Thermostat");
    s.tab_to("Skill type");
    s.send(SPACE);
    s.wait_for("› (•) Custom");
    s.tab_to("Send Alexa Events permission");

    // Test account.
    s.tab_to("Test account username (required)");
    s.type_text(USERNAME);
    s.wait_progress(3, 13);
    s.tab_to("Test account password (required)");
    s.type_text(PASSWORD);
    let screen = s.wait_for(&format!("││{} ", "•".repeat(PASSWORD.len())));
    assert!(
        !screen.contains(PASSWORD) && screen.contains("Hidden · Ctrl+T shows it"),
        "the password is masked:\n{screen}"
    );
    s.wait_progress(4, 13);
    s.tab_to("Not Amazon credentials (required)");
    s.send(SPACE);
    s.wait_for("› [x] I confirm this");
    s.wait_progress(5, 13);

    // Failure: customer, time, zone (through the picker), UTC.
    s.tab_to("Customer ID of the account that failed (required)");
    s.type_text(CUSTOMER_ID);
    s.wait_progress(6, 13);
    s.tab_to("Time of failure (local) (required)");
    s.type_text(LOCAL_TIME);
    s.wait_for(&format!("{LOCAL_TIME} UTC → UTC 2025-11-20T14:03:00Z"));
    s.wait_progress(7, 13);
    s.tab_to("Time zone (required)");
    s.wait_for("Zone:  UTC");
    s.type_text("new york");
    s.wait_until("America/New_York among the matches", |screen| {
        screen.contains("Search: new york") && editor_row(screen, "  America/New_York")
    });
    s.send(ENTER);
    s.wait_for("Time zone: America/New_York");
    let screen = s.wait_for("Zone:  America/New_York");
    assert_eq!(progress(&screen), Some((7, 13)), "{screen}");
    s.tab_to("Which instant (sometimes required)");
    s.tab_to("Time of failure (UTC)");
    s.wait_for(&format!("││{UTC}"));

    // Regions, platforms (iOS makes the app version required), symptoms.
    s.tab_to("Region(s) (required)");
    s.send(SPACE);
    s.wait_for("› [x] North America");
    s.send(RIGHT);
    s.send(SPACE);
    s.wait_for("› [x] Europe");
    s.wait_progress(8, 13);
    s.tab_to("Device/platform (required)");
    s.send(RIGHT);
    s.send(SPACE);
    s.wait_for("› [x] iOS");
    s.wait_progress(9, 14);
    s.tab_to("Alexa app version (sometimes required)");
    s.type_text(APP_VERSION);
    s.wait_progress(10, 14);
    s.tab_to("Browser");
    s.tab_to("What happened (required)");
    s.send(RIGHT);
    s.send(SPACE);
    s.wait_for("› [x] \"We were unable to link…\"");
    s.wait_progress(11, 14);

    // The description as a bracketed paste: both lines kept, the pasted line break does
    // not move on.
    s.tab_to("Description (required)");
    s.paste(DESCRIPTION_PASTE);
    let (first, second) = DESCRIPTION.split_once('\n').expect("two lines");
    let screen = s.wait_until("the pasted description on two lines", |screen| {
        editor_row(screen, first) && editor_row(screen, second)
    });
    assert_eq!(progress(&screen), Some((12, 14)), "{screen}");
    assert!(screen.contains("┌ Description (required) "), "{screen}");
    s.tab_to("Screenshot");

    // Configuration.
    s.tab_to("Account Linking Type (required)");
    s.send(SPACE);
    s.wait_for("› (•) Authorization Code Grant");
    // Authorization Code Grant makes the access token URL required.
    s.wait_progress(13, 15);
    s.tab_to("Authorization URL (required)");
    s.type_text(AUTH_URL);
    s.wait_progress(14, 15);
    // The Domain List as a bracketed paste: one paste, two entries.
    s.tab_to("Domain List");
    s.paste(DOMAINS_PASTE);
    let screen = s.wait_until("two domain entries", |screen| {
        editor_row(screen, "  cdn.example.com ") && editor_row(screen, "  fonts.example.net ")
    });
    assert!(
        !screen.contains(DOMAINS_PASTE),
        "the paste was split:\n{screen}"
    );
    s.tab_to("Access Token URL (sometimes required)");
    s.type_text(TOKEN_URL);
    s.wait_for(&format!("││{TOKEN_URL}"));
    s.wait_progress(15, 15);
    s.tab_to("Client Authentication Scheme");
    s.send(SPACE);
    s.wait_for("› (•) HTTP Basic");
    s.tab_to("Default Access Token Expiration Time");
    s.type_text("3600");
    s.wait_for("3600 seconds = 1 h");
    let screen = s.tab_to("Client ID");
    assert_eq!(progress(&screen), Some((15, 15)), "{screen}");
    assert!(
        header(&screen).contains("15/15 required · 0 errors"),
        "no errors in the header:\n{screen}"
    );
    assert!(!screen.contains('✗'), "no field marked ✗:\n{screen}");

    // Review: the text export as filed, no errors.
    s.send(CTRL_R);
    let review = s.wait_for("┌ Review ");
    for line in [
        format!("│Skill ID: {SKILL_ID}"),
        format!("│Account linking test credentials: {USERNAME} / (password shared separately)"),
        format!("│Customer ID of the account that failed: {CUSTOMER_ID}"),
        format!(
            "│Time of failure (UTC): 2025-11-20 19:03:00 UTC (entered as {LOCAL_TIME} America/New_York)"
        ),
        "│Region(s): NA, EU".to_owned(),
        "│Device/platform: iOS".to_owned(),
        format!("│Alexa app version: {APP_VERSION}"),
    ] {
        assert!(review.contains(&line), "review lacks {line:?}:\n{review}");
    }
    assert!(
        review.contains("┌ 15/15 required · 0 errors · "),
        "the review lists no errors:\n{review}"
    );
    assert!(!review.contains(PASSWORD), "{review}");
    s.send(CTRL_R);
    s.wait_for("┌ Checklist");

    // Save: JSON, with the password (the explicit second choice).
    s.send(CTRL_S);
    s.wait_for("Save an export in the current folder. Format:");
    s.wait_for("› text ");
    s.send(DOWN);
    s.send(DOWN);
    s.wait_for("› json ");
    s.send(ENTER);
    s.wait_for("Saving as json. The test account's password:");
    s.wait_for("› Leave the password out");
    s.send(DOWN);
    s.wait_for("› Include the password");
    s.send(ENTER);
    let screen = s.wait_for("(password included)");
    assert!(
        screen.contains("Saved ") && screen.contains("linkcase-case.json (password included)"),
        "{screen}"
    );

    // Quit: never a question, the draft is saved.
    s.send(CTRL_Q);
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&s);

    // The saved file: in the working directory (nothing else there), private, with the
    // password, and a valid case.
    let path = s.dir().join("linkcase-case.json");
    let mut entries: Vec<String> = fs::read_dir(s.dir())
        .expect("read the temp dir")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    entries.sort();
    assert_eq!(entries, ["home", "linkcase-case.json"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path)
            .expect("saved file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the case file is private");
    }
    let text = fs::read_to_string(&path).expect("read the saved case");
    let case: serde_json::Value = serde_json::from_str(&text).expect("the saved case is JSON");
    let expect = [
        ("/skill/id", SKILL_ID),
        ("/skill/name", "Acme Thermostat"),
        ("/skill/kind", "custom"),
        ("/test_account/username", USERNAME),
        ("/test_account/password", PASSWORD),
        ("/failure/customer_id", CUSTOMER_ID),
        ("/failure/local_time", LOCAL_TIME),
        ("/failure/time_zone", "America/New_York"),
        ("/failure/utc", UTC),
        ("/failure/app_version", APP_VERSION),
        ("/failure/description", DESCRIPTION),
        ("/account_linking/type", "AUTH_CODE"),
        ("/account_linking/authorization_url", AUTH_URL),
        ("/account_linking/access_token_url", TOKEN_URL),
        ("/account_linking/access_token_scheme", "HTTP_BASIC"),
    ];
    for (pointer, value) in expect {
        assert_eq!(
            case.pointer(pointer).and_then(serde_json::Value::as_str),
            Some(value),
            "{pointer} in\n{text}"
        );
    }
    let json = |pointer: &str| case.pointer(pointer).cloned().unwrap_or_default();
    assert_eq!(json("/test_account/not_amazon_credentials"), true);
    assert_eq!(json("/failure/regions"), serde_json::json!(["NA", "EU"]));
    assert_eq!(json("/failure/platforms"), serde_json::json!(["ios"]));
    assert_eq!(
        json("/failure/symptoms"),
        serde_json::json!(["unable_to_link"])
    );
    assert_eq!(
        json("/account_linking/domains"),
        serde_json::json!(["cdn.example.com", "fonts.example.net"])
    );
    assert_eq!(
        json("/account_linking/default_token_expiration_seconds"),
        3600
    );

    let out = linkcase_validate(s.dir(), &path);
    assert_eq!(
        out.status.code(),
        Some(0),
        "linkcase validate failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start();
    s.type_text("amzn1");
    s.wait_for("││amzn1");
    let pid = s.pid().to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(kill.success());
    let status = s.wait_exit();
    assert!(
        status.signal().is_none(),
        "linkcase died of the signal instead of handling it: {status:?}"
    );
    assert!(
        [0, 143].contains(&status.exit_code()),
        "exit status {status:?}"
    );
    assert_restored(&s);
}

#[test]
fn resize_to_tiny_and_back_never_garbles() {
    let mut s = Session::start();
    let before = s.wait_for("┌ Skill ID (required) ");

    s.resize(5, 20);
    s.wait_for("Terminal too small");
    // At 1×1 the stale screen already reads "T": only a frame drawn after the resize counts.
    let mark = s.raw().len();
    s.resize(1, 1);
    s.wait_frame_after(mark, "the 1×1 notice", |screen| screen == "T");
    assert!(s.is_running(), "alive at 1×1");
    s.resize(5, 20);
    s.wait_for("Terminal too small");

    s.resize(ROWS, COLS);
    let what = format!("the form drawn again exactly as before:\n{before}");
    s.wait_until(&what, |screen| screen == before);
    assert!(s.is_running(), "alive after the resizes");

    s.send(CTRL_Q);
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&s);
}

/// The draft files in the session's data dir (`XDG_DATA_HOME/linkcase/drafts`).
fn drafts_dir(dir: &Path) -> PathBuf {
    dir.join("home/.local/share/linkcase/drafts")
}

#[test]
fn typed_text_survives_kill_9_and_the_next_start_resumes_it() {
    let mut s = Session::start();
    s.type_text(SKILL_ID);
    s.wait_progress(2, 13);
    s.tab_to("Skill stage");
    s.tab_to("Skill name");
    s.type_text("Acme Thermostat");
    s.wait_for("││Acme Thermostat");
    // The save falls due at most DEBOUNCE (250 ms) after a change.
    thread::sleep(Duration::from_millis(400));
    let mut s = s.kill9_and_restart(&[]);
    let screen = s.wait_for("Resumed draft ");
    assert!(editor_row(&screen, SKILL_ID), "{screen}");
    assert_eq!(progress(&screen), Some((2, 13)), "{screen}");
    s.tab_to("Skill stage");
    s.tab_to("Skill name");
    s.wait_for("││Acme Thermostat");

    let drafts = drafts_dir(s.dir());
    let names: Vec<String> = fs::read_dir(&drafts)
        .expect("the drafts folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "one draft, no temp files: {names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&drafts.join(&names[0])), 0o600);
        assert_eq!(mode(&drafts), 0o700);
    }

    // Ctrl+O lists it, marked as the open draft.
    s.send("\x0f");
    let screen = s.wait_for("┌ Drafts ");
    let id = names[0].trim_end_matches(".json");
    assert!(screen.contains(&format!("● {id}")), "{screen}");
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    assert_restored(&s);
}

#[test]
fn new_with_import_shows_the_report_and_copy_says_where_the_text_went() {
    let fixture = format!(
        "{}/tests/fixtures/import/accountLinking.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut s = Session::launch(
        tempfile::tempdir().expect("temp dir"),
        &["new", "--import", &fixture],
    );
    let screen = s.wait_for("Imported · Esc closes");
    assert!(
        screen.contains("never stores the client secret"),
        "{screen}"
    );
    assert!(screen.contains("New draft "), "{screen}");
    // Enter closes the report; the imported values are in the form.
    s.send(ENTER);
    s.wait_until("the report closed", |screen| {
        !screen.contains("Imported · Esc")
    });
    s.wait_for("✓ Account Linking Type");
    // No display here (the environment is cleared): the copy goes out as OSC 52, and the
    // status line says so and why, once.
    s.send("\x19");
    let screen = s.wait_for("Sent to the terminal's clipboard (OSC 52");
    assert!(screen.contains("no system clipboard"), "{screen}");
    assert_eq!(count(&s.raw(), b"\x1b]52;c;"), 1, "one OSC 52 sequence");
    s.send(CTRL_Q);
    // Quitting does not wait for a clipboard that never existed.
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&s);
    let drafts: Vec<_> = fs::read_dir(drafts_dir(s.dir()))
        .expect("the drafts folder")
        .collect();
    assert_eq!(drafts.len(), 1, "the import is a new draft");
}
