//! The terminal and signals (issue 9, items 1 and 4), end to end in a pty: closing the
//! terminal, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP/SIGCONT. Whatever ends linkcase gives
//! the terminal back and saves what was typed, even within the save's debounce; an
//! interrupted form exits 128 + the signal's number.

use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;

use crate::support::pty::Pty;
use crate::support::session::{
    COLS, ROWS, Session, TIMEOUT, assert_restored, drafts, editor_row, private_env,
};

/// Typed into the Skill ID field; the draft must hold it afterwards.
const TYPED: &str = "amzn1.ask.skill.typed-before-the-end";

/// Starts linkcase and types [`TYPED`], waiting only until the screen shows it: the save is
/// still pending (it falls due 250 ms after the change), so only a flush puts it on disk.
fn start_and_type() -> Session {
    let mut s = Session::start();
    s.type_text(TYPED);
    s.wait_until("the typed text", |screen| editor_row(screen, TYPED));
    s
}

fn assert_draft_holds_typed(s: &Session) {
    let found = drafts(s.dir());
    assert!(
        found.iter().any(|(_, json)| json.contains(TYPED)),
        "no draft holds {TYPED:?}: {found:?}"
    );
}

/// Sends `signal`, and checks linkcase handled it: it exits (not killed by the signal) with
/// `code`, the terminal is given back and the draft holds what was typed.
fn signal_ends_it(signal: &str, code: u32) {
    let mut s = start_and_type();
    s.signal(signal);
    let status = s.wait_exit();
    assert!(
        status.signal().is_none(),
        "linkcase died of SIG{signal} instead of handling it: {status:?}"
    );
    assert_eq!(status.exit_code(), code, "exit status after SIG{signal}");
    assert_restored(&s);
    assert_draft_holds_typed(&s);
}

#[test]
fn closing_the_terminal_ends_linkcase_within_2_s_and_saves_what_was_typed() {
    let mut s = start_and_type();
    s.pty.hang_up();
    let closed = Instant::now();
    let status = loop {
        if let Some(status) = s.pty.try_wait().expect("wait for linkcase") {
            break status;
        }
        assert!(
            closed.elapsed() < Duration::from_secs(2),
            "linkcase still runs 2 s after its terminal was closed (state {:?})",
            s.pty.state()
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(
        status.signal().is_none(),
        "linkcase died of a signal instead of handling the hang-up: {status:?}"
    );
    assert_eq!(status.exit_code(), 129, "a hang-up exits 128 + SIGHUP");
    assert_draft_holds_typed(&s);
}

#[test]
fn sigint_restores_the_terminal_saves_the_draft_and_exits_130() {
    signal_ends_it("INT", 130);
}

#[test]
fn sigquit_restores_the_terminal_saves_the_draft_and_exits_131() {
    signal_ends_it("QUIT", 131);
}

#[test]
fn sigterm_restores_the_terminal_saves_the_draft_and_exits_143() {
    signal_ends_it("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal_saves_the_draft_and_exits_129() {
    signal_ends_it("HUP", 129);
}

/// A shell with job control in the pty, as in a terminal window: linkcase runs as its job.
struct Shell {
    pty: Pty,
    dir: tempfile::TempDir,
}

impl Shell {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        for (_, path) in private_env(dir.path()) {
            std::fs::create_dir_all(path).expect("private home");
        }
        let bin = Path::new(env!("CARGO_BIN_EXE_linkcase"))
            .parent()
            .expect("the binary's folder")
            .to_owned();
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.cwd(dir.path());
        cmd.env_clear();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![bin];
        paths.extend(std::env::split_paths(&path));
        cmd.env("PATH", std::env::join_paths(paths).expect("PATH"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("EDITOR", "false");
        cmd.env("PS1", "shell$ ");
        for (key, path) in private_env(dir.path()) {
            cmd.env(key, path);
        }
        let (pty, _) = Pty::spawn("bash", cmd, ROWS, COLS).expect("start bash");
        let shell = Self { pty, dir };
        shell.wait("the prompt", |screen| screen.contents().contains("shell$ "));
        shell
    }

    fn wait(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        self.pty
            .wait_for(what, TIMEOUT, |out| ok(out.screen()))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    fn send(&self, text: &str) {
        self.pty.send(text.as_bytes()).expect("write to the pty");
    }

    /// The shell's child (the job it runs).
    fn job(&self) -> u32 {
        let shell = self.pty.pid();
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .expect("the shell's children");
        children
            .split_whitespace()
            .next()
            .and_then(|pid| pid.parse().ok())
            .expect("the shell runs a job")
    }
}

impl Drop for Shell {
    /// The job runs in its own process group, which killing the shell leaves alone.
    fn drop(&mut self) {
        let shell = self.pty.pid();
        if let Ok(children) =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        {
            for pid in children.split_whitespace() {
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", pid])
                    .status();
            }
        }
    }
}

fn state_of(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

#[test]
fn sigtstp_gives_the_terminal_back_before_stopping_and_fg_takes_it_again() {
    let shell = Shell::start();
    shell.send("linkcase\r");
    shell.wait("the form", |screen| {
        screen.alternate_screen() && screen.contents().contains("┌ Sections")
    });
    shell.send(TYPED);
    shell.wait("the typed text", |screen| {
        editor_row(&screen.contents(), TYPED)
    });
    let job = shell.job();
    let kill = std::process::Command::new("kill")
        .args(["-TSTP", &job.to_string()])
        .status()
        .expect("kill -TSTP");
    assert!(kill.success());

    // Stopped, the terminal given back: the shell's screen, no mouse reporting, and what was
    // typed is in the draft.
    shell.wait("the shell's job report", |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    });
    assert_eq!(state_of(job), Some('T'), "linkcase is stopped");
    assert_eq!(
        shell.pty.output().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting is off while stopped"
    );
    assert!(
        drafts(shell.dir.path())
            .iter()
            .any(|(_, json)| json.contains(TYPED)),
        "the draft holds what was typed"
    );

    // `fg`: the form again, drawn whole, taking keys.
    shell.send("fg\r");
    shell.wait("the form drawn again", |screen| {
        screen.alternate_screen()
            && screen.contents().contains("┌ Sections")
            && editor_row(&screen.contents(), TYPED)
    });
    assert_ne!(
        shell.pty.output().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting is back on"
    );
    shell.send("!");
    shell.wait("a key typed after fg", |screen| {
        editor_row(&screen.contents(), &format!("{TYPED}!"))
    });
    shell.send("\x11");
    shell.wait("the shell again", |screen| !screen.alternate_screen());
    shell.send("echo code=$?\r");
    shell.wait("linkcase's exit code", |screen| {
        screen.contents().contains("code=0")
    });
    shell.send("exit\r");
}

#[test]
fn sigtstp_without_a_shell_to_continue_it_is_ignored_as_the_kernel_does() {
    // linkcase leads its own session here: stopped, nobody could continue it.
    let mut s = start_and_type();
    s.signal("TSTP");
    // A frame drawn after the signal shows linkcase is still at work.
    let mark = s.raw().len();
    s.type_text("!");
    s.wait_frame_after(mark, "a key typed after SIGTSTP", |screen| {
        editor_row(screen, &format!("{TYPED}!"))
    });
    assert_ne!(s.pty.state().ok(), Some('T'), "not stopped");
    s.send("\x11");
    assert!(s.wait_exit().success());
    assert_restored(&s);
}

/// Kills a process (by pid) when dropped.
struct KillOnDrop(String);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if Path::new(&format!("/proc/{}", self.0)).exists() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &self.0])
                .status();
        }
    }
}

#[test]
fn sigterm_while_the_editor_is_open_ends_the_editor_removes_its_file_and_exits_143() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_owned();
    let tmp = root.join("tmp");
    std::fs::create_dir_all(&tmp).expect("tmp");
    // An editor that says which file it edits and who it is, then waits for ever.
    let editor = root.join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$1\" > '{0}/editing.tmp' && mv '{0}/editing.tmp' '{0}/editing'\n\
             echo $$ > '{0}/editor.pid'\nexec sleep 600\n",
            root.display()
        ),
    )
    .expect("write the editor");
    let mut perms = std::fs::metadata(&editor).expect("editor").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).expect("chmod the editor");
    let editor = editor.to_string_lossy().into_owned();
    let tmp_env = tmp.to_string_lossy().into_owned();
    let mut s = Session::launch_with(
        dir,
        &[],
        &[
            ("EDITOR", &editor),
            ("VISUAL", &editor),
            ("TMPDIR", &tmp_env),
        ],
    );
    // Tab to the description, however many fields come before it.
    for _ in 0..40 {
        if crate::support::session::focused(&s.screen()).as_deref() == Some("Description *") {
            break;
        }
        let mark = s.raw().len();
        s.send("\t");
        s.wait_frame_after(mark, "the next field", |_| true);
    }
    s.wait_focus("Description *");
    s.send("\x05");
    // Wait for the editor to be running, its file named.
    let deadline = Instant::now() + Duration::from_secs(10);
    let (editing, pid) = loop {
        let editing = std::fs::read_to_string(root.join("editing")).ok();
        let pid = std::fs::read_to_string(root.join("editor.pid")).ok();
        if let (Some(editing), Some(pid)) = (editing, pid)
            && !pid.trim().is_empty()
        {
            break (
                std::path::PathBuf::from(editing.trim()),
                pid.trim().to_owned(),
            );
        }
        assert!(Instant::now() < deadline, "the editor did not start");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(editing.starts_with(&tmp), "{}", editing.display());
    assert!(editing.exists(), "the file being edited");

    // Should the test fail, the editor (linkcase's grandchild) must not outlive it.
    let _editor = KillOnDrop(pid.clone());

    s.signal("TERM");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 143, "exit status {status:?}");
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "the editor (pid {pid}) still runs"
    );
    assert!(
        !editing.exists(),
        "the temp file {} is left behind",
        editing.display()
    );
}

#[test]
fn ctrl_q_asks_before_quitting_when_the_draft_cannot_be_saved() {
    let mut s = start_and_type();
    let (name, _) = s.wait_draft_holding(TYPED);
    // The disk "fills": the drafts folder becomes a file, so every save fails.
    let drafts = crate::support::session::drafts_dir(s.dir());
    let aside = s.dir().join("drafts-aside");
    std::fs::rename(&drafts, &aside).expect("move the drafts aside");
    std::fs::write(&drafts, "not a folder").expect("block the drafts folder");

    s.type_text("-lost?");
    s.wait_for("Draft not saved");
    s.send("\x11");
    s.wait_for("The draft could not be saved: quit anyway?");
    assert!(s.is_running(), "Ctrl+Q quit at once, dropping the edit");

    // The disk is freed; another key withdraws the question, and Ctrl+Q then saves and quits.
    std::fs::remove_file(&drafts).expect("unblock");
    std::fs::rename(&aside, &drafts).expect("move the drafts back");
    s.send("\x1b[C");
    s.send("\x11");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let json = std::fs::read_to_string(drafts.join(&name)).expect("the draft");
    assert!(json.contains(&format!("{TYPED}-lost?")), "{json}");
}

#[test]
fn a_second_ctrl_q_quits_anyway_when_the_draft_cannot_be_saved() {
    let mut s = start_and_type();
    s.wait_draft_holding(TYPED);
    let drafts = crate::support::session::drafts_dir(s.dir());
    std::fs::rename(&drafts, s.dir().join("drafts-aside")).expect("move the drafts aside");
    std::fs::write(&drafts, "not a folder").expect("block the drafts folder");
    s.type_text("-lost");
    s.send("\x11");
    s.wait_for("The draft could not be saved: quit anyway?");
    s.send("\x11");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2, "quit without saving: {status:?}");
    // The terminal is given back, and then linkcase says what was lost.
    assert!(!s.pty.output().screen().alternate_screen());
    assert_eq!(s.termios(), s.termios_before(), "raw mode is off");
    let screen = s.screen();
    assert!(
        screen.contains("linkcase: the last changes were not saved"),
        "{screen}"
    );
}

#[test]
fn a_huge_terminal_is_drawn_in_its_top_left_1000_by_500() {
    let mut s = Session::start();
    let mark = s.raw().len();
    s.resize(600, 1200);
    // The footer's key hints end the drawn area: on row 500, never on the terminal's last.
    let screen = s.wait_frame_after(mark, "the footer on row 500", |_| true);
    let footer_row = |s: &Session| {
        let out = s.pty.output();
        out.screen()
            .rows(0, 1200)
            .enumerate()
            .filter(|(_, row)| !row.trim().is_empty())
            .map(|(i, _)| i)
            .last()
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while footer_row(&s) != Some(499) {
        assert!(
            Instant::now() < deadline,
            "the last row drawn is {:?}, not 499 (row 500); screen:\n{screen}",
            footer_row(&s)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let widest = s
        .pty
        .output()
        .screen()
        .rows(0, 1200)
        .map(|row| row.trim_end().chars().count())
        .max();
    assert!(widest <= Some(1000), "drawn {widest:?} columns wide");
    assert!(s.is_running());
    s.send("\x11");
    assert!(s.wait_exit().success());
}
