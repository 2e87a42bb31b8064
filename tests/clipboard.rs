//! `linkcase export --copy` against a real X11 clipboard, and its clean failure without one.
//!
//! The X11 tests are `#[ignore]`d in a plain `cargo test`: `.ci/run` starts Xvfb, sets
//! `DISPLAY` and runs them with `cargo test --test clipboard -- --ignored`. They need `xclip`.

use std::fs;
use std::path::Path;
use std::process::{Command as Std, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/example.json");
const PASSWORD: &str = "correct horse battery staple";
/// The marker arboard adds for `exclude_from_history` (KDE's convention, honoured widely).
const HISTORY_HINT: &str = "x-kde-passwordManagerHint";
/// Names the processes started by one test, so that its holder can be found in /proc.
const TOKEN_VAR: &str = "LINKCASE_CLIPBOARD_TEST";
const TIMEOUT: Duration = Duration::from_secs(30);

/// There is one X clipboard: the X11 tests take turns.
static X11: Mutex<()> = Mutex::new(());

fn linkcase() -> Command {
    let mut cmd = Command::cargo_bin("linkcase").unwrap();
    cmd.env_remove("TZ")
        .env_remove("SSH_TTY")
        .env_remove("SSH_CONNECTION")
        .timeout(TIMEOUT);
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.assert().success().get_output().clone();
    String::from_utf8(output.stdout).unwrap()
}

fn require_display() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "this test needs an X server: run it through .ci/run (which starts Xvfb)"
    );
}

fn xclip_out(target: Option<&str>) -> String {
    let mut xclip = Command::new("xclip");
    xclip.args(["-o", "-selection", "clipboard"]);
    if let Some(target) = target {
        xclip.args(["-t", target]);
    }
    stdout_of(xclip.timeout(TIMEOUT))
}

/// Copies `text` with xclip, whose forked server serves it until something else is copied or
/// the X server stops, and returns once it does.
fn xclip_in(text: &str) {
    use std::io::Write;
    // Not assert_cmd: xclip forks a server that would keep captured pipes open.
    let mut xclip = Std::new("xclip")
        .args(["-selection", "clipboard", "-i"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    xclip
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    assert!(xclip.wait().unwrap().success());
    // xclip forks before it owns the selection: wait until it does.
    let deadline = Instant::now() + Duration::from_secs(10);
    while xclip_out_lenient() != text {
        assert!(
            Instant::now() < deadline,
            "xclip did not take the clipboard"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The clipboard's text, or "" when it cannot be read (empty, or changing hands).
fn xclip_out_lenient() -> String {
    let output = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn unique_token() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{}-{nanos}", std::process::id())
}

/// Live processes whose environment holds `TOKEN_VAR=token`, with their process group.
fn processes_with(token: &str) -> Vec<(u32, u32)> {
    let needle = format!("{TOKEN_VAR}={token}");
    let mut found = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(environ) = fs::read(entry.path().join("environ")) else {
            continue;
        };
        if !environ
            .split(|b| *b == 0)
            .any(|var| var == needle.as_bytes())
        {
            continue;
        }
        if let Some((state, pgrp)) = state_and_group(&entry.path())
            && state != 'Z'
        {
            found.push((pid, pgrp));
        }
    }
    found
}

/// The state letter and process group from /proc/PID/stat.
fn state_and_group(proc_dir: &Path) -> Option<(char, u32)> {
    let stat = fs::read_to_string(proc_dir.join("stat")).ok()?;
    // "pid (comm) state ppid pgrp ..."; comm may contain spaces, so start after the last ')'.
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    let state = fields.next()?.chars().next()?;
    let _ppid = fields.next()?;
    Some((state, fields.next()?.parse().ok()?))
}

fn wait_until_gone(token: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if processes_with(token).is_empty() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Runs `linkcase export EXAMPLE --copy <extra>` to completion and returns the holder's
/// (pid, process group) and what was printed to stderr.
fn export_copy(token: &str, extra: &[&str]) -> ((u32, u32), String) {
    let output = linkcase()
        .args(["export", EXAMPLE, "--copy"])
        .args(extra)
        .env(TOKEN_VAR, token)
        .assert()
        .success()
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let holders = processes_with(token);
    assert_eq!(holders.len(), 1, "one holder process expected: {holders:?}");
    (holders[0], stderr)
}

#[test]
#[ignore = "needs an X server and xclip; run by .ci/run"]
fn export_copy_leaves_the_case_on_the_x11_clipboard_after_linkcase_exits() {
    let _x11 = X11
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    require_display();
    let expected = stdout_of(linkcase().args(["export", EXAMPLE]));
    let token = unique_token();

    let ((holder, group), stderr) = export_copy(&token, &[]);
    assert!(
        stderr.contains("linkcase: copied to the clipboard: text export, password left out"),
        "{stderr}"
    );
    // linkcase has exited; a detached holder in its own process group serves the copy.
    assert_eq!(holder, group, "the holder leads its own process group");
    assert_eq!(xclip_out(None), expected);
    assert!(!xclip_out(None).contains(PASSWORD));
    assert!(!xclip_out(Some("TARGETS")).contains(HISTORY_HINT));

    // Copying something else releases the holder, which then exits.
    xclip_in("something else");
    assert!(
        wait_until_gone(&token),
        "the holder should exit once replaced"
    );
    assert_eq!(xclip_out(None), "something else");
}

#[test]
#[ignore = "needs an X server and xclip; run by .ci/run"]
fn a_copy_with_the_password_says_so_and_is_kept_out_of_clipboard_history() {
    let _x11 = X11
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    require_display();
    let token = unique_token();

    let (_, stderr) = export_copy(&token, &["--include-secrets", "--format", "markdown"]);
    assert!(
        stderr
            .contains("linkcase: copied to the clipboard: markdown export, the password is in it"),
        "{stderr}"
    );
    let pasted = xclip_out(None);
    assert!(
        pasted.contains(PASSWORD) && pasted.contains("### "),
        "{pasted}"
    );
    assert!(xclip_out(Some("TARGETS")).contains(HISTORY_HINT));
    // The password is on stdin only, never in the holder's command line.
    for (pid, _) in processes_with(&token) {
        let cmdline = fs::read(format!("/proc/{pid}/cmdline")).unwrap();
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        assert!(cmdline.contains("__hold-clipboard --secret"), "{cmdline}");
        assert!(!cmdline.contains("horse"), "{cmdline}");
    }

    xclip_in("released");
    assert!(wait_until_gone(&token));
}

/// The TUI's way: copies served in-process during the session, the last one handed to a
/// holder at quit.
#[test]
#[ignore = "needs an X server and xclip; run by .ci/run"]
fn a_session_serves_its_copies_and_hands_the_last_one_over_at_the_end() {
    use linkcase::clipboard::{Clipboard, Copied, HOLD_SUBCOMMAND, Handover, Password};

    let _x11 = X11
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    require_display();
    let token = unique_token();
    let holder = || {
        let mut holder = Std::new(assert_cmd::cargo::cargo_bin("linkcase"));
        holder.arg(HOLD_SUBCOMMAND).env(TOKEN_VAR, &token);
        holder
    };

    let mut session = Clipboard::with_terminal(std::io::sink());
    assert_eq!(session.copy("first", Password::LeftOut), Copied::System);
    assert_eq!(xclip_out(None), "first");
    assert_eq!(session.copy("second", Password::Included), Copied::System);
    assert_eq!(xclip_out(None), "second");
    assert!(xclip_out(Some("TARGETS")).contains(HISTORY_HINT));
    assert_eq!(session.take_notice(), None);
    assert_eq!(session.finish_with(holder()), Handover::Held);
    // The session's own clipboard is gone; the holder serves the last copy.
    assert_eq!(xclip_out(None), "second");
    assert_eq!(processes_with(&token).len(), 1);

    // A newer copy made elsewhere is never clobbered at the end.
    let mut session = Clipboard::with_terminal(std::io::sink());
    assert_eq!(session.copy("third", Password::LeftOut), Copied::System);
    assert!(wait_until_gone(&token), "the first holder was replaced");
    xclip_in("copied elsewhere");
    assert_eq!(session.finish_with(holder()), Handover::Superseded);
    assert_eq!(xclip_out(None), "copied elsewhere");
}

/// `linkcase export --copy | cat`, the shell having left a descriptor of the pipe open
/// (`3>&1`): linkcase exits at once, and so must `cat`, which waits for every write end of
/// its pipe to close. A holder that kept the inherited descriptor would keep `cat` waiting
/// until something else is copied.
#[test]
#[ignore = "needs an X server and xclip; run by .ci/run"]
fn export_copy_piped_to_cat_ends_promptly_even_with_an_inherited_descriptor() {
    let _x11 = X11
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    require_display();
    let token = unique_token();
    let mut pipeline = Std::new("sh")
        .args([
            "-c",
            "\"$0\" export \"$1\" --copy 3>&1 | cat",
            &assert_cmd::cargo::cargo_bin("linkcase").to_string_lossy(),
            EXAMPLE,
        ])
        .env(TOKEN_VAR, &token)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let finished = loop {
        if let Some(status) = pipeline.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if finished.is_none() {
        let _ = pipeline.kill();
        let _ = pipeline.wait();
    }
    // Release the holder either way, so no process outlives the test (`cat` then ends too).
    xclip_in("released");
    assert!(wait_until_gone(&token));
    let status = finished.expect("`export --copy 3>&1 | cat` still runs after 10 s");
    assert!(status.success(), "{status:?}");
}

#[test]
fn the_holder_without_a_display_answers_failed_and_exits_2() {
    linkcase()
        .arg("__hold-clipboard")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .write_stdin("text")
        .assert()
        .code(2)
        .stdout(contains("linkcase-hold: failed: no display"));
}

#[test]
fn export_copy_without_any_clipboard_says_why_prints_nothing_and_exits_2() {
    // No display, and assert_cmd's stdout is no terminal, so OSC 52 is impossible too.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("case.txt");
    linkcase()
        .args(["export", EXAMPLE, "--copy", "--include-secrets", "-o"])
        .arg(&out)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("no clipboard: no display")
                .and(contains("no terminal to send OSC 52 to"))
                .and(contains("the export is on no clipboard"))
                .and(contains(PASSWORD).not()),
        );
    // -o is still honoured.
    assert!(fs::read_to_string(out).unwrap().contains(PASSWORD));
}
