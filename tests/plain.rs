//! Plain mode end to end (issue 12): a whole case filled through pipes, answered prompt by
//! prompt and then piped in at once; in a pty with `TERM=dumb` (no `--plain`), the password
//! unseen. The answers are keyed by the prompts' labels, so fields added to the table are
//! answered with Enter and the tests keep working.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::session::{Session, drafts};

const PASSWORD: &str = "s3cret-pa55";
const TIMEOUT: Duration = Duration::from_secs(20);

/// The answers, by the label a prompt starts with; any other prompt gets Enter. The failure
/// time is in New York's fold, so the DST question comes up (answered: later).
fn answer_for(question: &str, export: &Path) -> String {
    let answers: &[(&str, &str)] = &[
        (
            "Skill ID",
            "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
        ),
        ("Skill stage", "3"),
        ("Skill name", "Demo Skill"),
        ("Skill type", "custom"),
        ("Test account username", "tester@example.com"),
        ("Test account password", PASSWORD),
        ("Not Amazon credentials", "yes"),
        ("Customer ID of the account that failed", "A2Z2SH760RV43M"),
        ("Time of failure (local)", "2026-11-01 01:30"),
        ("Time zone", "america/new_york"),
        ("Which instant", "2"),
        ("Region(s)", "1 2"),
        ("Device/platform", "ios"),
        ("Alexa app version", "2.2.596798.0"),
        ("What happened", "2, 6"),
        ("Description", "Linking fails right after the login page."),
        ("Account Linking Type", "1"),
        (
            "Authorization URL",
            "https://auth.example.com/oauth2/authorize",
        ),
        ("Domain List", "cdn.example.com, fonts.example.net"),
        ("Access Token URL", "https://auth.example.com/oauth2/token"),
        ("Client Authentication Scheme", "1"),
        ("Default Access Token Expiration Time", "3600"),
        ("Export the case?", "1"),
    ];
    if question.contains("\nWrite it to which file?") {
        return export.display().to_string();
    }
    answers
        .iter()
        .find(|(label, _)| {
            if label.ends_with('?') {
                question.contains(&format!("\n{label}"))
            } else {
                question.contains(&format!("\n{label} — "))
            }
        })
        .map_or_else(String::new, |(_, answer)| (*answer).to_owned())
}

/// Output shared by a reader thread: the bytes so far, and whether the output ended.
type Shared = Arc<(Mutex<(Vec<u8>, bool)>, Condvar)>;

fn pump(mut from: impl Read + Send + 'static) -> Shared {
    let shared: Shared = Arc::new((Mutex::new((Vec::new(), false)), Condvar::new()));
    let to = Arc::clone(&shared);
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            let n = from.read(&mut buf).unwrap_or(0);
            let (lock, wake) = &*to;
            let mut out = lock.lock().unwrap();
            if n == 0 {
                out.1 = true;
                wake.notify_all();
                return;
            }
            out.0.extend_from_slice(&buf[..n]);
            wake.notify_all();
        }
    });
    shared
}

/// Waits for the next prompt after byte `from`: new output that has a line break and ends
/// with `> `. `None` once the output ended.
fn next_prompt(output: &Shared, from: usize) -> Option<String> {
    let (lock, wake) = &**output;
    let deadline = Instant::now() + TIMEOUT;
    let mut out = lock.lock().unwrap();
    loop {
        let text = String::from_utf8_lossy(&out.0[from.min(out.0.len())..]).replace("\r\n", "\n");
        if text.contains('\n') && text.ends_with("> ") {
            return Some(text);
        }
        if out.1 {
            return None;
        }
        assert!(
            Instant::now() < deadline,
            "no prompt; output so far:\n{text}"
        );
        out = wake
            .wait_timeout(out, Duration::from_millis(200))
            .unwrap()
            .0;
    }
}

fn linkcase(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linkcase"));
    cmd.args(args)
        .current_dir(dir)
        .env("TZ", "America/New_York")
        .env("LINKCASE_DATA_DIR", dir.join("data"))
        .env("LINKCASE_CONFIG_DIR", dir.join("config"));
    cmd
}

/// The one draft in `dir`, as JSON, without what differs from run to run.
fn the_draft(dir: &Path) -> serde_json::Value {
    let drafts: Vec<_> = std::fs::read_dir(dir.join("data/drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    serde_json::from_str(&std::fs::read_to_string(&drafts[0]).unwrap()).unwrap()
}

/// Runs `linkcase new --plain` through pipes, answering each prompt as it comes; returns
/// the answers given (one per line), the transcript and the exit code.
fn fill_through_pipes(dir: &Path, export: &Path) -> (Vec<String>, String, i32) {
    let mut child: Child = linkcase(dir, &["new", "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let output = pump(child.stdout.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    let mut given = Vec::new();
    let mut seen = 0;
    while let Some(question) = next_prompt(&output, seen) {
        let answer = answer_for(&question, export);
        seen = output.0.lock().unwrap().0.len();
        writeln!(stdin, "{answer}").unwrap();
        given.push(answer);
    }
    drop(stdin);
    let status = child.wait().unwrap();
    let transcript = String::from_utf8_lossy(&output.0.lock().unwrap().0).into_owned();
    (given, transcript, status.code().unwrap_or(-1))
}

#[test]
fn a_whole_case_is_filled_through_pipes_prompt_by_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("case.txt");
    let (given, transcript, code) = fill_through_pipes(dir.path(), &export);
    assert_eq!(code, 0, "{transcript}");
    // Each prompt: label, required or not, one line of help, the value now.
    assert!(transcript.contains(
        "\nSkill ID — required\n  The skill's ID from the developer console: open the skill and \
         use \"Copy Skill ID\" under its name.\n  Now: (empty)\n> "
    ));
    assert!(transcript.contains("\nSkill stage — optional\n"));
    assert!(transcript.contains("  1) Development\n  2) Certification\n  3) Live\n"));
    // The DST question, in local terms.
    assert!(
        transcript.contains(
            "2026-11-01 01:30 in America/New_York happened twice: the clocks went back. Which \
             instant is meant?\n  1) Earlier: 2026-11-01 01:30 at UTC-04:00 \
             (2026-11-01T05:30:00Z)\n  2) Later: 2026-11-01 01:30 at UTC-05:00 \
             (2026-11-01T06:30:00Z)\n"
        ),
        "{transcript}"
    );
    assert!(transcript.contains("\nTime of failure (UTC): 2026-11-01T06:30:00Z\n"));
    // The password is neither echoed nor shown as the value.
    assert!(!transcript.contains(PASSWORD), "{transcript}");
    assert!(transcript.contains("(not shown)"));
    // Fifteen required fields, and the DST choice that this time needs.
    assert!(transcript.contains("== Readiness ==\n16/16 required · 0 errors · 0 warnings"));
    assert!(given.contains(&"2".to_owned()));

    let draft = the_draft(dir.path());
    assert_eq!(draft["failure"]["disambiguation"], "later");
    assert_eq!(draft["failure"]["time_zone"], "America/New_York");
    assert_eq!(draft["failure"]["utc"], "2026-11-01T06:30:00Z");
    assert_eq!(
        draft["failure"]["symptoms"],
        serde_json::json!(["unable_to_link", "redirect_fails"])
    );
    assert_eq!(draft["test_account"]["password"], PASSWORD);
    assert_eq!(
        draft["account_linking"]["domains"],
        serde_json::json!(["cdn.example.com", "fonts.example.net"])
    );
    let exported = std::fs::read_to_string(&export).unwrap();
    assert!(
        exported.starts_with("Skill ID: amzn1.ask.skill.0f1e2d3c"),
        "{exported}"
    );
    assert!(exported.contains("(password shared separately)"));
    assert!(!exported.contains(PASSWORD));
}

#[test]
fn the_same_answers_piped_in_at_once_fill_the_same_case() {
    let first = tempfile::tempdir().unwrap();
    let (given, _, _) = fill_through_pipes(first.path(), &first.path().join("case.txt"));
    let second = tempfile::tempdir().unwrap();
    let export = second.path().join("case.txt");
    let lines: Vec<String> = given
        .iter()
        .map(|answer| {
            if answer.ends_with("case.txt") {
                export.display().to_string()
            } else {
                answer.clone()
            }
        })
        .collect();
    let script = lines.join("\n") + "\n";
    let mut child = linkcase(second.path(), &["new", "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let strip = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().retain(|k, _| k != "draft");
        v
    };
    assert_eq!(
        strip(the_draft(first.path())),
        strip(the_draft(second.path()))
    );
    assert!(export.exists());
}

#[test]
fn a_wrong_answer_is_explained_and_asked_again_and_help_is_a_question_mark() {
    let dir = tempfile::tempdir().unwrap();
    let out = linkcase(dir.path(), &["new", "--plain"]).write_stdin_lines(&[
        "?",
        "amzn1.ask.skill.NOT-A-UUID",
        "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
        "9",
        "live",
    ]);
    let transcript = String::from_utf8_lossy(&out.stdout);
    // `?`: the whole help, how to answer, and the field's path.
    assert!(transcript.contains("(lowercase hex)."), "{transcript}");
    assert!(transcript.contains("required (skill.id)."), "{transcript}");
    // A wrong skill ID is an error: explained, asked again; then the right one is taken.
    assert!(transcript.contains("  error: "), "{transcript}");
    assert!(transcript.contains("Type it again, or press Enter to keep it as it is."));
    // A choice out of range is refused and asked again.
    assert!(
        transcript.contains("Not taken: '9' is not one of the choices: type a number from 1 to 3")
    );
    // The input ran out: the answers so far are in the draft, the exit code says not ready.
    assert!(transcript.contains("The input ended before the last field."));
    assert_eq!(out.status.code(), Some(1));
    let draft = the_draft(dir.path());
    assert_eq!(
        draft["skill"]["id"],
        "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff"
    );
    assert_eq!(draft["skill"]["stage"], "live");
}

#[test]
fn open_plain_goes_on_with_a_draft_and_a_dash_empties_a_field() {
    let dir = tempfile::tempdir().unwrap();
    linkcase(dir.path(), &["new", "--plain"]).write_stdin_lines(&["amzn1.ask.skill.x"]);
    // `open ID --plain` goes on with the draft: Enter keeps the id, `-` empties it.
    let id = std::fs::read_dir(dir.path().join("data/drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap();
    let mut lines = vec!["-"];
    // Up to the description: every field before it kept.
    lines.extend(std::iter::repeat_n("", 30));
    let out = linkcase(dir.path(), &["open", &id, "--plain"]).write_stdin_lines(&lines);
    let transcript = String::from_utf8_lossy(&out.stdout);
    assert!(
        transcript.contains("  Now: amzn1.ask.skill.x\n"),
        "{transcript}"
    );
    assert_eq!(the_draft(dir.path())["skill"]["id"], "");
}

/// Feeding lines to a command's stdin, for short scripts.
trait WriteStdinLines {
    fn write_stdin_lines(&mut self, lines: &[&str]) -> std::process::Output;
}

impl WriteStdinLines for Command {
    fn write_stdin_lines(&mut self, lines: &[&str]) -> std::process::Output {
        let mut child = self
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let script = lines.join("\n") + "\n";
        child
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }
}

#[test]
fn term_dumb_in_a_pty_asks_plain_lines_and_hides_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("case.txt");
    // No --plain: TERM=dumb chooses plain mode.
    let mut session = Session::spawn(
        dir.path(),
        &["new"],
        &[("TERM", "dumb"), ("TZ", "America/New_York")],
    );
    let deadline = Instant::now() + TIMEOUT * 3;
    let mut seen = 0;
    loop {
        let raw = session.raw();
        let text = String::from_utf8_lossy(&raw[seen.min(raw.len())..]).replace("\r\n", "\n");
        if text.contains('\n') && text.ends_with("> ") {
            let answer = answer_for(&text, &export);
            seen = raw.len();
            session.send(&format!("{answer}\r"));
        } else if !session.is_running() {
            break;
        }
        assert!(Instant::now() < deadline, "stuck at:\n{text}");
        thread::sleep(Duration::from_millis(10));
    }
    let status = session.wait_exit();
    let raw = String::from_utf8_lossy(&session.raw()).into_owned();
    assert!(status.success(), "{raw}");
    // Plain lines only: no alternate screen, no cursor addressing.
    assert!(!raw.contains("\x1b[?1049h"), "{raw}");
    assert!(raw.contains("\r\nSkill ID — required\r\n"));
    // The terminal echoed every answer but the password.
    assert!(raw.contains("tester@example.com"));
    assert!(!raw.contains(PASSWORD), "{raw}");
    assert!(raw.contains("Which instant is meant?"));
    let (_, draft) = drafts(dir.path()).pop().unwrap();
    let draft: serde_json::Value = serde_json::from_str(&draft).unwrap();
    assert_eq!(draft["test_account"]["password"], PASSWORD);
    assert_eq!(draft["failure"]["utc"], "2026-11-01T06:30:00Z");
    assert!(
        std::fs::read_to_string(&export)
            .unwrap()
            .starts_with("Skill ID: ")
    );
}
