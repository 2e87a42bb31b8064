//! Keeping a copy alive after linkcase exits. On Linux (X11 and Wayland) the process that copied
//! serves the text to whoever pastes; when it exits the copy is gone unless a clipboard manager
//! took it. So at exit the last copy goes to a detached child of the same program (the hidden
//! subcommand `linkcase __hold-clipboard`), which holds it with arboard's `set().wait()` and
//! exits when something else is copied.
//!
//! Protocol: the text goes on the child's stdin (never in argv, where `ps` would show it); the
//! child answers one line on its stdout, [`READY`] once it owns the clipboard and has read the
//! text back through it, or [`FAILED`] and why. The parent waits for that line (at most
//! [`READY_TIMEOUT`]) so that it never exits before the copy is safe, then lets the child go.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::{Handover, Password};

/// The hidden subcommand that runs [`hold_from_stdin`].
pub const HOLD_SUBCOMMAND: &str = "__hold-clipboard";
/// Its flag for a text with the password in it (the flag, never the text, is in argv).
pub const SECRET_FLAG: &str = "--secret";

/// The child's answer once it owns the clipboard.
const READY: &str = "linkcase-hold: ready";
/// The start of the child's answer when it cannot hold the clipboard.
const FAILED: &str = "linkcase-hold: failed: ";
/// How long the parent waits for the answer. The child needs one connection to the display
/// and one round trip; this only bounds a display that hangs.
const READY_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the holder checks that its display is still there.
const DISPLAY_CHECK_INTERVAL: Duration = Duration::from_secs(2);
/// How long the child tries to read its own copy back before giving up.
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(3);

/// `linkcase __hold-clipboard [--secret]` with the running program.
pub fn holder_command() -> io::Result<Command> {
    let mut command = Command::new(std::env::current_exe()?);
    command.arg(HOLD_SUBCOMMAND);
    Ok(command)
}

/// Starts `holder` (normally [`holder_command`]) detached, gives it `text` on stdin and waits
/// until it owns the clipboard. The holder runs in its own process group, in `/`, with no
/// standard input, output or error left open to the caller: a terminal closing (SIGHUP to
/// linkcase's process group), Ctrl-C, or a caller waiting for linkcase's output to end do not
/// wait for it or take it down.
#[must_use]
pub fn hand_over(text: &str, password: Password, mut holder: Command) -> Handover {
    if password == Password::Included {
        holder.arg(SECRET_FLAG);
    }
    holder
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .current_dir("/");
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        holder.process_group(0);
    }
    let mut child = match holder.spawn() {
        Ok(child) => child,
        Err(e) => return Handover::Failed(format!("cannot start the clipboard holder: {e}")),
    };
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Handover::Failed("the clipboard holder has no pipes".to_owned());
    };
    // The text is small; the child reads all of it before answering, so this cannot deadlock.
    let written = stdin.write_all(text.as_bytes());
    drop(stdin);
    if let Err(e) = written {
        let _ = child.kill();
        let _ = child.wait();
        return Handover::Failed(format!("cannot give the text to the clipboard holder: {e}"));
    }
    let (sender, receiver) = mpsc::channel();
    let reader = thread::Builder::new()
        .name("clipboard-holder".to_owned())
        .spawn(move || {
            let _ = sender.send(read_answer(stdout));
        });
    if let Err(e) = reader {
        let _ = child.kill();
        let _ = child.wait();
        return Handover::Failed(format!("cannot wait for the clipboard holder: {e}"));
    }
    match receiver.recv_timeout(READY_TIMEOUT) {
        // The child lives on, reparented to init; it is not ours to wait for.
        Ok(Ok(())) => Handover::Held,
        Ok(Err(reason)) => {
            let status = child
                .wait()
                .map_or_else(|_| String::new(), |s| format!(" ({s})"));
            Handover::Failed(format!("{reason}{status}"))
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            Handover::Failed(format!(
                "the clipboard holder did not answer within {} s",
                READY_TIMEOUT.as_secs()
            ))
        }
    }
}

/// Reads the holder's answer, skipping anything else it prints before it.
fn read_answer(stdout: impl Read) -> Result<(), String> {
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if line == READY {
            return Ok(());
        }
        if let Some(reason) = line.strip_prefix(FAILED) {
            return Err(format!("the clipboard holder failed: {reason}"));
        }
    }
    Err("the clipboard holder exited without taking the clipboard".to_owned())
}

/// The hidden subcommand: reads the text from stdin, takes the clipboard, answers on stdout
/// (see the module docs), then serves the text until something else is copied. Returns the
/// exit code: 0 once replaced, 2 if it could not hold the clipboard.
#[must_use]
pub fn hold_from_stdin(password: Password) -> u8 {
    close_inherited_descriptors();
    // A terminal that closes sends SIGHUP; the copy must outlive it. (Registering a flag
    // replaces the default action, which is to exit.)
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGHUP,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let mut text = String::new();
    if let Err(e) = io::stdin().read_to_string(&mut text) {
        answer(&format!("{FAILED}cannot read the text: {e}"));
        return 2;
    }
    match hold(&text, password) {
        Ok(()) => 0,
        Err(reason) => {
            answer(&format!("{FAILED}{reason}"));
            2
        }
    }
}

/// Closes every file descriptor but standard input, output and error. The holder outlives
/// linkcase, and any descriptor it inherited stays open as long as it runs: a pipe end the
/// caller's shell left open (`linkcase export --copy 3>&1 | cat`) would keep the reader
/// waiting until something else is copied. linkcase's own descriptors are close-on-exec;
/// inherited ones need not be.
fn close_inherited_descriptors() {
    #[cfg(unix)]
    {
        let Some(entries) = ["/proc/self/fd", "/dev/fd"]
            .iter()
            .find_map(|dir| std::fs::read_dir(dir).ok())
        else {
            return;
        };
        let open: Vec<i32> = entries
            .flatten()
            .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
            .filter(|&fd| fd > 2)
            .collect();
        // The listing's own descriptor is among them, closed already: EBADF, ignored.
        for fd in open {
            let _ = nix::unistd::close(fd);
        }
    }
}

fn answer(line: &str) {
    let mut stdout = io::stdout().lock();
    // The parent may be gone; nothing to do about it then.
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}

/// Takes the clipboard with `set().wait()` on a thread, confirms by reading the text back
/// through a second handle (a round trip to the display that only succeeds once we own the
/// selection), answers [`READY`], and returns when the text has been replaced or the display
/// has gone away.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
))]
fn hold(text: &str, password: Password) -> Result<(), String> {
    use mpsc::RecvTimeoutError::{Disconnected, Timeout};

    let environment = super::Environment::current();
    let mut setter = super::native::open_system(environment)?;
    let mut checker = super::native::open_system(environment)?;
    let owned = text.to_owned();
    let (done, replaced) = mpsc::channel();
    thread::Builder::new()
        .name("clipboard-hold".to_owned())
        .spawn(move || {
            let served = super::native::set_text(
                &mut setter,
                &owned,
                password,
                super::native::Hold::UntilReplaced,
            );
            let _ = done.send(served.map_err(|e| e.to_string()));
        })
        .map_err(|e| format!("cannot start serving the clipboard: {e}"))?;
    let deadline = Instant::now() + CONFIRM_TIMEOUT;
    loop {
        match replaced.recv_timeout(Duration::from_millis(20)) {
            Ok(Ok(())) => return Err("something else was copied at once".to_owned()),
            Ok(Err(reason)) => return Err(reason),
            Err(Disconnected) => return Err("serving the clipboard failed".to_owned()),
            Err(Timeout) => {}
        }
        if checker.get().text().is_ok_and(|current| current == text) {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!(
                "the copy could not be read back within {} s",
                CONFIRM_TIMEOUT.as_secs()
            ));
        }
    }
    answer(READY);
    // arboard's X11 `wait` only ends when the selection is replaced; if the display goes away
    // (X server stopped, session ended) it would wait forever. So look now and then.
    let mut failures = 0;
    loop {
        match replaced.recv_timeout(DISPLAY_CHECK_INTERVAL) {
            Ok(served) => return served,
            Err(Disconnected) => return Err("serving the clipboard failed".to_owned()),
            Err(Timeout) => {}
        }
        failures = match checker.get().text() {
            Err(arboard::Error::Unknown { .. }) => failures + 1,
            _ => 0,
        };
        if failures >= 2 {
            return Err("the display went away".to_owned());
        }
    }
}

/// Elsewhere the clipboard keeps copies by itself: set the text and say so.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
)))]
fn hold(text: &str, password: Password) -> Result<(), String> {
    let mut clipboard = super::native::open_system(super::Environment::current())?;
    super::native::set_text(&mut clipboard, text, password, super::native::Hold::No)
        .map_err(|e| e.to_string())?;
    answer(READY);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_is_found_after_other_output() {
        let out = format!("\nrunning 1 test\n{READY}\n");
        assert_eq!(read_answer(out.as_bytes()), Ok(()));
    }

    #[test]
    fn a_failure_answer_carries_its_reason() {
        let out = format!("{FAILED}no display\n");
        let reason = read_answer(out.as_bytes()).unwrap_err();
        assert!(reason.ends_with("no display"), "{reason}");
    }

    #[test]
    fn silence_means_the_holder_did_not_take_the_clipboard() {
        assert!(read_answer(&b""[..]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_holder_that_exits_at_once_is_reported_with_its_status() {
        let mut holder = Command::new("sh");
        holder.args(["-c", "cat >/dev/null; exit 3"]);
        let Handover::Failed(reason) = hand_over("text", Password::LeftOut, holder) else {
            panic!("expected a failure");
        };
        assert!(reason.contains("exit status: 3"), "{reason}");
    }

    #[cfg(unix)]
    #[test]
    fn the_text_goes_on_stdin_and_only_the_flag_in_argv() {
        let dir = tempfile::tempdir().unwrap();
        let seen = dir.path().join("seen");
        let mut holder = Command::new("sh");
        // $0 is "sh"; the script records its arguments and stdin, then answers ready.
        holder.args([
            "-c",
            &format!(
                "{{ echo \"args:$*\"; cat; }} > '{}'; echo '{READY}'",
                seen.display()
            ),
            "sh",
        ]);
        assert_eq!(
            hand_over("pass: hunter2", Password::Included, holder),
            Handover::Held
        );
        let seen = std::fs::read_to_string(seen).unwrap();
        assert_eq!(seen, "args:--secret\npass: hunter2");
    }
}
