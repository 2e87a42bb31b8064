//! `cargo bench --bench tui`: the form beside `dialog --form`, in one run, in the same harness.
//!
//! Both programs run in a pseudo-terminal at 200×60 (`TERM=xterm-256color`, `LANG=C.UTF-8`,
//! `TZ=UTC`, a temp dir as cwd and `HOME`), read through a `vt100` screen. Measured:
//!
//! - **first frame**: exec to the first complete frame on the screen (linkcase: its bottom row
//!   as drawn in-process at 200×60; dialog: its `<Cancel>` button, drawn last). Median of
//!   [`RUNS`] runs each, after one untimed warm-up run of each; the runs alternate programs.
//! - **CPU per keystroke**: the same scripted 299-key session (characters, Backspace, next
//!   field) typed into both, one key at a time: each key is sent once the screen has settled
//!   after the previous one, and at each field's end the screen must show the typed value.
//!   The session visits the fields that are Tab stops on a new case (the DST choice and the
//!   derived UTC are not, so neither program is given a row for them); in linkcase each
//!   next-field key must land on the expected field (its label row `│›· Label *`), checked
//!   after the screen settled, so outside the CPU counted.
//!   The child's CPU time is read from `/proc` after the first frame and again after the last
//!   key, before the program is asked to quit, so startup is not counted. Two sources:
//!   `/proc/<pid>/task/*/schedstat` (nanoseconds; used when the kernel fills it) and
//!   `/proc/<pid>/stat` utime+stime (clock ticks, 10 ms at `CLK_TCK` = 100).
//! - **peak RSS**: `VmHWM` from `/proc/<pid>/status` at the same moment (max over runs).
//! - **update + draw in-process**: `App::update` (with `set_now`, as the real loop does) plus
//!   `ui::draw` into a `TestBackend` at 200×60, per key of the same session, over 10,000 keys.
//!
//! - **a 500 KB description**: linkcase opened on the example case with a 500 KB
//!   description; 200 letters typed into the skill name, then 200 into the description, each
//!   timed from the write to the last output before the screen falls quiet (p99 reported).
//!   With `LINKCASE_BENCH_BASELINE=/path/to/linkcase` an earlier build is measured the same
//!   way in the same run, in the dialog column.
//!
//! Ratios are linkcase ÷ dialog in this run. Targets (issue 3): first frame no slower than
//! dialog's; update + draw under 1 ms per key at 200×60; peak RSS under 2× dialog's. The
//! report always exits 0; it exits 1 only when it could not measure (a timeout, a dead child).
//! Without `/usr/bin/dialog` it skips. `LINKCASE_BENCH_RUNS=N` changes the run count.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use linkcase::case::time::Zone;
use linkcase::case::{Case, FIELDS, FieldId};
use linkcase::tui::app::is_stop;
use linkcase::tui::editor::MASK;
use linkcase::tui::keymap::{self, Context};
use linkcase::tui::theme::Theme;
use linkcase::tui::{Action, App, Env, ui};
use portable_pty::CommandBuilder;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const DIALOG: &str = "/usr/bin/dialog";
const COLS: u16 = 200;
const ROWS: u16 = 60;
/// Timed runs of each program (after one warm-up run each).
const RUNS: usize = 7;
/// Keys in the in-process measurement.
const IN_PROCESS_KEYS: usize = 10_000;
/// How long any one wait may take before the bench gives up.
const TIMEOUT: Duration = Duration::from_secs(10);
/// No output for this long after a key means the program has finished answering it.
const QUIET: Duration = Duration::from_millis(3);
/// A key with no output within this long counts as silent (the run goes on).
const ECHO_WAIT: Duration = Duration::from_secs(1);

/// The last field the session visits; it starts on the first.
const LAST_FIELD: FieldId = FieldId::AuthorizationUrl;

/// One keystroke of the session.
#[derive(Debug, Clone, Copy)]
enum Key {
    Char(char),
    Backspace,
    /// Next field: Tab in linkcase, ↓ in dialog's form.
    Next,
}

/// What the session types into a field; `<` is Backspace. 299 keys in all, with the 19
/// next-field keys between the 20 Tab stops from Skill ID to Authorization URL. Choice,
/// multi-choice and confirm fields get no keys: Tab passes them without picking (in linkcase
/// a single choice would pick with Enter and move on; the session leaves them unset, so both
/// programs get the same next-field key there).
fn typed(id: FieldId) -> Option<&'static str> {
    Some(match id {
        FieldId::SkillId => "amzn1.ask.skill.7c1e5a90-3b2d-4f6e-9a8b-1c2d3e4f5a6x<b",
        FieldId::SkillName => "Hue Ligts<<hts Pro",
        FieldId::Username => "tester+alexa@example.org",
        FieldId::Password => "correct horse battery",
        FieldId::CustomerId => "A3Q9XK2PL7M1ZC<B",
        FieldId::LocalTime => "2026-11-21 14:30<<03",
        FieldId::TimeZone => "kolkata",
        FieldId::AppVersion => "2.2.596798.0",
        FieldId::Browser => "Edge 131",
        FieldId::Description => "Login page loads, then it fails.",
        FieldId::ScreenshotUrl => "https://example.org/shots/fail.png",
        FieldId::AuthorizationUrl => "https://auth.example.org/authorize",
        _ => return None,
    })
}

/// One field of the session: its label and the keys typed into it.
struct Step {
    label: &'static str,
    keys: Vec<Key>,
    /// The text the field holds afterwards ("" when nothing is typed).
    value: String,
    /// Whether linkcase masks it.
    secret: bool,
}

/// The steps: the fields up to [`LAST_FIELD`] that are Tab stops on a new case (a field
/// that cannot apply, such as the DST choice when the time is not at a DST edge, and the
/// derived UTC are skipped by Tab, so the session has no step for them). None of the typed
/// values makes another field apply or stop applying.
fn script() -> Vec<Step> {
    let end = FIELDS
        .iter()
        .position(|f| f.id == LAST_FIELD)
        .map_or(FIELDS.len(), |i| i + 1);
    let case = Case::default();
    FIELDS[..end]
        .iter()
        .enumerate()
        .filter(|&(index, _)| is_stop(&case, index))
        .map(|(_, field)| {
            let text = typed(field.id).unwrap_or_default();
            let mut value = String::new();
            let keys = text
                .chars()
                .map(|c| {
                    if c == '<' {
                        value.pop();
                        Key::Backspace
                    } else {
                        value.push(c);
                        Key::Char(c)
                    }
                })
                .collect();
            Step {
                label: field.label,
                keys,
                value,
                secret: field.id == FieldId::Password,
            }
        })
        .collect()
}

/// The whole session as one key sequence, each key with the index of the field it goes to
/// (a next-field key counts for the field it moves to).
fn session_keys(steps: &[Step]) -> Vec<(usize, Key)> {
    let mut keys = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        if i > 0 {
            keys.push((i, Key::Next));
        }
        keys.extend(step.keys.iter().map(|&key| (i, key)));
    }
    keys
}

// ---------------------------------------------------------------------------------------
// The pseudo-terminal harness: the one the integration tests use.

#[path = "../tests/support/pty.rs"]
mod pty;

use pty::{Pty, focused};

/// Whether the field labelled `label` has the focus (its required mark ` *` aside). A
/// screen without a `│›` row is taken for the form before the rework (4af54d7 and earlier, a
/// `LINKCASE_BENCH_BASELINE` binary), which titled the focused field's box: `┌ Skill ID
/// (required) ─…`.
fn has_focus(screen: &vt100::Screen, label: &str) -> bool {
    let screen = screen.contents();
    match focused(&screen) {
        Some(f) => f.strip_suffix(" *").unwrap_or(&f) == label,
        None => screen.contains(&format!("┌ {label} ")),
    }
}

/// Whether the form's first frame is on the screen: the "Sections" sidebar and a focused
/// field, or (the form before the rework) the "Checklist" sidebar and the Skill ID box.
fn form_drawn(screen: &vt100::Screen) -> bool {
    let text = screen.contents();
    (text.contains("┌ Sections") && focused(&text).is_some())
        || (text.contains("┌ Checklist") && text.contains("┌ Skill ID "))
}

/// Sends one key and waits for the program to finish answering it; whether it answered.
fn key(pty: &Pty, bytes: &[u8]) -> Result<bool, String> {
    let before = pty.output().chunks;
    pty.send(bytes)?;
    pty.settle(before, ECHO_WAIT, QUIET, TIMEOUT)
}

/// Sends one key; returns how long the program took to answer it: from the write to the
/// last output before it fell quiet.
fn key_latency(pty: &Pty, bytes: &[u8]) -> Result<Duration, String> {
    let before = pty.output().chunks;
    let sent = Instant::now();
    pty.send(bytes)?;
    if !pty.settle(before, ECHO_WAIT, QUIET, TIMEOUT)? {
        return Err(format!("{}: a key drew nothing within 1 s", pty.name()));
    }
    Ok(pty.output().last.saturating_duration_since(sent))
}

// ---------------------------------------------------------------------------------------
// /proc

/// CPU time so far, from two sources.
#[derive(Debug, Clone, Copy)]
struct Cpu {
    /// utime + stime from `/proc/<pid>/stat`, in clock ticks.
    ticks: u64,
    /// The sum of `/proc/<pid>/task/*/schedstat` run times, in ns (0 if the kernel has none).
    ns: u64,
}

fn cpu(pid: u32) -> Result<Cpu, String> {
    let path = format!("/proc/{pid}/stat");
    let stat = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    // The fields after the command name, which may itself hold spaces and parentheses;
    // utime and stime are fields 14 and 15, so 12th and 13th after the name.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .ok_or_else(|| format!("{path}: unexpected format"))?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .ok_or_else(|| format!("{path}: unexpected format"))
    };
    let ticks = field(11)? + field(12)?;
    let mut ns = 0;
    let tasks = format!("/proc/{pid}/task");
    for task in std::fs::read_dir(&tasks).map_err(|e| format!("{tasks}: {e}"))? {
        let file = task
            .map_err(|e| format!("{tasks}: {e}"))?
            .path()
            .join("schedstat");
        if let Ok(text) = std::fs::read_to_string(file) {
            ns += text
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    Ok(Cpu { ticks, ns })
}

/// Peak resident set size (`VmHWM`) in KiB.
fn peak_rss_kib(pid: u32) -> Result<u64, String> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("{path}: no VmHWM"))
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 if that fails).
fn clock_ticks() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .filter(|&t| t > 0)
        .unwrap_or(100)
}

// ---------------------------------------------------------------------------------------
// The two programs.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Program {
    Linkcase,
    Dialog,
}

/// What identifies linkcase's first complete frame: its bottom row, drawn last.
struct Footer {
    row: u16,
    text: String,
}

struct Setup {
    steps: Vec<Step>,
    footer: Footer,
    cwd: PathBuf,
    home: PathBuf,
}

impl Program {
    const fn name(self) -> &'static str {
        match self {
            Self::Linkcase => "linkcase",
            Self::Dialog => "dialog",
        }
    }

    fn command(self, setup: &Setup) -> CommandBuilder {
        let mut cmd = match self {
            Self::Linkcase => {
                let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_linkcase"));
                cmd.arg("new");
                cmd
            }
            Self::Dialog => {
                let width = setup.steps.iter().map(|s| s.label.len()).max().unwrap_or(0) + 3;
                let mut cmd = CommandBuilder::new(DIALOG);
                cmd.args(["--form", "Account linking case", "0", "0", "0"]);
                for (i, step) in setup.steps.iter().enumerate() {
                    let y = (i + 1).to_string();
                    let label = format!("{}:", step.label);
                    let x = (width + 1).to_string();
                    cmd.args([label.as_str(), &y, "1", "", &y, &x, "60", "0"]);
                }
                cmd
            }
        };
        cmd.env_clear();
        cmd.env("PATH", "/usr/bin:/bin");
        cmd.env("HOME", &setup.home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TZ", "UTC");
        cmd.cwd(&setup.cwd);
        cmd
    }

    fn first_frame(self, setup: &Setup, screen: &vt100::Screen) -> bool {
        match self {
            Self::Linkcase => screen
                .rows(0, COLS)
                .nth(usize::from(setup.footer.row))
                .is_some_and(|row| row.trim_end() == setup.footer.text),
            Self::Dialog => screen.contents().contains("<Cancel>"),
        }
    }

    fn key_bytes(self, key: Key, application_cursor: bool) -> Vec<u8> {
        match key {
            Key::Char(c) => c.to_string().into_bytes(),
            Key::Backspace => vec![0x7f],
            Key::Next => match self {
                Self::Linkcase => b"\t".to_vec(),
                Self::Dialog if application_cursor => b"\x1bOB".to_vec(),
                Self::Dialog => b"\x1b[B".to_vec(),
            },
        }
    }

    /// How a field's value looks on screen.
    fn shows(self, step: &Step) -> String {
        if self == Self::Linkcase && step.secret {
            MASK.to_string().repeat(step.value.chars().count())
        } else {
            step.value.clone()
        }
    }

    /// The keys that quit: linkcase asks about unsaved changes, and a second Ctrl+Q quits;
    /// Enter presses dialog's OK.
    const fn quit_keys(self) -> &'static [u8] {
        match self {
            Self::Linkcase => b"\x11\x11",
            Self::Dialog => b"\r",
        }
    }
}

/// What one run of one program measured.
struct Run {
    first_frame: Duration,
    cpu: Cpu,
    keys: usize,
    silent: usize,
    peak_rss_kib: u64,
}

fn run_once(program: Program, setup: &Setup) -> Result<Run, String> {
    let name = program.name();
    let (mut pty, start) = Pty::spawn(name, program.command(setup), ROWS, COLS)?;
    let framed = pty.wait_for("the first complete frame", TIMEOUT, |out| {
        let s = out.screen();
        program.first_frame(setup, s)
    })?;
    let first_frame = framed - start;
    // Let startup finish before the baseline CPU reading.
    pty.settle(0, Duration::ZERO, Duration::from_millis(50), TIMEOUT)?;
    let before = cpu(pty.pid())?;
    let mut keys = 0;
    let mut silent = 0;
    for (i, step) in setup.steps.iter().enumerate() {
        if i > 0 {
            let app_cursor = pty.output().screen().application_cursor();
            if !key(&pty, &program.key_bytes(Key::Next, app_cursor))? {
                silent += 1;
            }
            keys += 1;
        }
        if program == Program::Linkcase {
            // The key went to the field the script means (the screen has settled: the
            // child is idle while this is read).
            pty.wait_for(&format!("the focus on {}", step.label), TIMEOUT, |out| {
                has_focus(out.screen(), step.label)
            })?;
        }
        for &key in &step.keys {
            if !self::key(&pty, &program.key_bytes(key, false))? {
                silent += 1;
            }
            keys += 1;
        }
        let shows = program.shows(step);
        if !shows.is_empty() {
            pty.wait_for(
                &format!("{} to show {shows:?}", step.label),
                TIMEOUT,
                |out| out.screen().contents().contains(&shows),
            )?;
        }
    }
    pty.settle(0, Duration::ZERO, Duration::from_millis(50), TIMEOUT)?;
    let after = cpu(pty.pid())?;
    let peak_rss_kib = peak_rss_kib(pty.pid())?;
    pty.quit(program.quit_keys(), TIMEOUT)?;
    Ok(Run {
        first_frame,
        cpu: Cpu {
            ticks: after.ticks - before.ticks,
            ns: after.ns.saturating_sub(before.ns),
        },
        keys,
        silent,
        peak_rss_kib,
    })
}

// ---------------------------------------------------------------------------------------
// In-process: update + draw.

fn env() -> Result<Env, String> {
    Ok(Env {
        now: Utc::now(),
        zone: Zone::parse("UTC").map_err(|e| format!("zone UTC: {e}"))?,
        theme: Theme::new(true),
    })
}

fn new_terminal() -> Result<Terminal<TestBackend>, String> {
    Terminal::new(TestBackend::new(COLS, ROWS)).map_err(|e| format!("test backend: {e}"))
}

/// The form's bottom row on a new case at 200×60.
fn footer() -> Result<Footer, String> {
    let mut app = App::new(Case::default(), env()?);
    app.update(Action::Resize(COLS, ROWS));
    let mut terminal = new_terminal()?;
    terminal
        .draw(|frame| ui::draw(&app, frame))
        .map_err(|e| format!("draw: {e}"))?;
    let buffer = terminal.backend().buffer();
    (0..ROWS)
        .rev()
        .map(|y| {
            let text: String = (0..COLS).map(|x| buffer[(x, y)].symbol()).collect();
            Footer {
                row: y,
                text: text.trim_end().to_owned(),
            }
        })
        .find(|footer| !footer.text.is_empty())
        .ok_or_else(|| "the form draws nothing at 200×60".to_owned())
}

/// The key event a terminal would report.
fn key_event(key: Key) -> KeyEvent {
    match key {
        Key::Char(c) if c.is_ascii_uppercase() => {
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)
        }
        Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        Key::Backspace => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
        Key::Next => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
    }
}

/// Per-key times of update + draw over `total` keys: the session again and again, each time
/// on a new case (its first frame untimed).
fn in_process(keys: &[(usize, Key)], total: usize) -> Result<Vec<Duration>, String> {
    let mut times = Vec::with_capacity(total);
    while times.len() < total {
        let mut app = App::new(Case::default(), env()?);
        app.update(Action::Resize(COLS, ROWS));
        let mut terminal = new_terminal()?;
        terminal
            .draw(|frame| ui::draw(&app, frame))
            .map_err(|e| format!("draw: {e}"))?;
        for &(_, key) in keys.iter().take(total - times.len()) {
            let event = key_event(key);
            let start = Instant::now();
            // As the real loop: the keymap first, else text for the focused editor.
            app.set_now(Utc::now());
            let action = keymap::action_for(event, |c| app.in_context(c)).or_else(|| {
                (app.in_context(Context::Form) && app.editor().takes_text())
                    .then(|| Action::Input(event.into()))
            });
            if let Some(action) = action {
                let _effect = app.update(action);
            }
            terminal
                .draw(|frame| ui::draw(&app, frame))
                .map_err(|e| format!("draw: {e}"))?;
            times.push(start.elapsed());
        }
    }
    Ok(times)
}

// ---------------------------------------------------------------------------------------
// Report.

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

#[allow(clippy::cast_precision_loss)] // counts far below 2^52
fn per_key_us(total_ns: u64, keys: usize) -> f64 {
    total_ns as f64 / 1000.0 / keys.max(1) as f64
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

#[allow(clippy::cast_precision_loss)]
fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

struct Row {
    metric: String,
    linkcase: String,
    dialog: String,
    ratio: String,
    target: String,
    verdict: &'static str,
}

fn verdict(pass: bool) -> &'static str {
    if pass { "PASS" } else { "FAIL" }
}

fn print_table(rows: &[Row]) {
    let header = Row {
        metric: "metric".into(),
        linkcase: "linkcase".into(),
        dialog: "dialog".into(),
        ratio: "ratio".into(),
        target: "target".into(),
        verdict: "verdict",
    };
    let all: Vec<&Row> = std::iter::once(&header).chain(rows).collect();
    let width = |f: fn(&Row) -> &str| all.iter().map(|r| f(r).chars().count()).max().unwrap_or(0);
    let w = [
        width(|r| &r.metric),
        width(|r| &r.linkcase),
        width(|r| &r.dialog),
        width(|r| &r.ratio),
        width(|r| &r.target),
        width(|r| r.verdict),
    ];
    let line = |r: &Row| {
        format!(
            "| {:<w0$} | {:>w1$} | {:>w2$} | {:>w3$} | {:<w4$} | {:<w5$} |",
            r.metric,
            r.linkcase,
            r.dialog,
            r.ratio,
            r.target,
            r.verdict,
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
            w4 = w[4],
            w5 = w[5],
        )
    };
    println!("{}", line(&header));
    let rule: Vec<String> = w.iter().map(|&n| "-".repeat(n + 2)).collect();
    println!("|{}|", rule.join("|"));
    for row in rows {
        println!("{}", line(row));
    }
}

// ---------------------------------------------------------------------------------------
// A case with a 500 KB description: latency per key.

/// The size of the large description.
const LARGE: usize = 500 * 1024;
/// Keys typed into each field of the large case.
const LARGE_KEYS: usize = 200;

/// Writes the example case with a description of about [`LARGE`] bytes (80-column lines).
fn large_case(dir: &Path) -> Result<PathBuf, String> {
    let example = include_str!("../tests/fixtures/example.json");
    let mut case: serde_json::Value =
        serde_json::from_str(example).map_err(|e| format!("example.json: {e}"))?;
    let line = "The login page loads, the button is pressed, and the app shows an error again. ";
    let mut text = String::with_capacity(LARGE + line.len());
    while text.len() < LARGE {
        text.push_str(line);
        text.push('\n');
    }
    case["failure"]["description"] = serde_json::Value::String(text);
    let path = dir.join("large.json");
    let json = serde_json::to_string_pretty(&case).map_err(|e| format!("large case: {e}"))?;
    std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// Per-key latencies of typing [`LARGE_KEYS`] letters into the field labelled `title`, in
/// `binary` opened on the large case: Tab until that field has the focus.
fn large_latencies(
    binary: &str,
    setup: &Setup,
    case: &Path,
    title: &str,
) -> Result<Vec<Duration>, String> {
    let mut cmd = Program::Linkcase.command(setup);
    cmd.get_argv_mut().clear();
    cmd.get_argv_mut().push(binary.into());
    cmd.arg("open");
    cmd.arg(case);
    let (mut pty, _) = Pty::spawn("linkcase", cmd, ROWS, COLS)?;
    pty.wait_for("the first frame", TIMEOUT, |out| form_drawn(out.screen()))?;
    pty.settle(0, Duration::ZERO, Duration::from_millis(100), TIMEOUT)?;
    let mut tabs = 0;
    while !has_focus(pty.output().screen(), title) {
        key(&pty, b"\t")?;
        tabs += 1;
        if tabs > FIELDS.len() + 5 {
            return Err(format!(
                "Tab never focused {title}; the screen shows:\n{}",
                pty.output().screen().contents()
            ));
        }
    }
    let mut times = Vec::with_capacity(LARGE_KEYS);
    for i in 0..LARGE_KEYS {
        let letter = [b'a' + u8::try_from(i % 26).unwrap_or(0)];
        times.push(key_latency(&pty, &letter)?);
    }
    pty.quit(b"\x11\x11", TIMEOUT)?;
    Ok(times)
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted
        .get((sorted.len() * p / 100).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

/// The large-case rows: this build, and the `LINKCASE_BENCH_BASELINE` binary when given,
/// measured in the same run.
fn large_rows(setup: &Setup) -> Result<Vec<Row>, String> {
    let case = large_case(&setup.cwd)?;
    let mut binaries = vec![("this build", env!("CARGO_BIN_EXE_linkcase").to_owned())];
    if let Ok(baseline) = std::env::var("LINKCASE_BENCH_BASELINE") {
        binaries.push(("baseline", baseline));
    }
    let mut rows = Vec::new();
    for title in ["Skill name", "Description"] {
        let mut measured = Vec::new();
        for (name, binary) in &binaries {
            let mut times = large_latencies(binary, setup, &case, title)?;
            times.sort_unstable();
            println!(
                "500 KB case, {LARGE_KEYS} keys into {title}, {name}: median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
                ms(percentile(&times, 50)),
                ms(percentile(&times, 99)),
                ms(times[times.len() - 1]),
            );
            measured.push(percentile(&times, 99));
        }
        let p99 = measured[0];
        let (baseline, ratio) = match measured.get(1) {
            Some(base) => (
                format!("{:.2} ms (baseline)", ms(*base)),
                format!("{:.2}×", p99.as_secs_f64() / base.as_secs_f64()),
            ),
            None => ("n/a".into(), "-".into()),
        };
        rows.push(Row {
            metric: format!("500 KB description: key into {title} → screen, p99"),
            linkcase: format!("{:.2} ms", ms(p99)),
            dialog: baseline,
            ratio,
            target: "< 16 ms".into(),
            verdict: verdict(p99 < Duration::from_millis(16)),
        });
    }
    Ok(rows)
}

fn run() -> Result<(), String> {
    let runs: usize = std::env::var("LINKCASE_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(RUNS);
    let dir = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let home = dir.path().join("home");
    std::fs::create_dir(&home).map_err(|e| format!("{}: {e}", home.display()))?;
    let setup = Setup {
        steps: script(),
        footer: footer()?,
        cwd: dir.path().to_owned(),
        home,
    };
    let keys = session_keys(&setup.steps);
    let tick_hz = clock_ticks();
    println!(
        "pty {COLS}×{ROWS}; {} fields, {} keys per session; {runs} timed runs of each after one \
         warm-up; linkcase's first frame is its row {} ({:?})",
        setup.steps.len(),
        keys.len(),
        setup.footer.row,
        setup.footer.text
    );

    let mut results: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
    let programs = [Program::Linkcase, Program::Dialog];
    for round in 0..=runs {
        let mut line = if round == 0 {
            "warm-up:".to_owned()
        } else {
            format!("run {round}:")
        };
        for (i, &program) in programs.iter().enumerate() {
            let run = run_once(program, &setup)?;
            let _ = write!(
                line,
                "  {} first frame {:.2} ms, {} keys in {:.1} ms CPU ({} ticks), peak RSS {:.1} MiB",
                program.name(),
                ms(run.first_frame),
                run.keys,
                per_key_us(run.cpu.ns, 1) / 1000.0,
                run.cpu.ticks,
                mib(run.peak_rss_kib),
            );
            if run.silent > 0 {
                let _ = write!(line, " ({} keys drew nothing within 1 s)", run.silent);
            }
            if round > 0 {
                results[i].push(run);
            }
        }
        println!("{line}");
    }

    println!(
        "in-process: update + draw into TestBackend at {COLS}×{ROWS}, {IN_PROCESS_KEYS} keys ..."
    );
    let mut times = in_process(&keys, IN_PROCESS_KEYS)?;
    // Where the time goes: mean per key by field, slowest first.
    let mut by_field = vec![(Duration::ZERO, 0_u32); setup.steps.len()];
    for (n, time) in times.iter().enumerate() {
        let slot = &mut by_field[keys[n % keys.len()].0];
        slot.0 += *time;
        slot.1 += 1;
    }
    let mut slowest: Vec<(usize, Duration)> = by_field
        .iter()
        .enumerate()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(i, (sum, n))| (i, *sum / *n))
        .collect();
    slowest.sort_by_key(|&(_, mean)| std::cmp::Reverse(mean));
    let slowest: Vec<String> = slowest
        .iter()
        .take(4)
        .map(|&(i, mean)| format!("{} {:.0} µs", setup.steps[i].label, us(mean)))
        .collect();
    println!(
        "in-process mean per key, slowest fields: {}",
        slowest.join(", ")
    );
    times.sort_unstable();
    let mean = times.iter().sum::<Duration>() / u32::try_from(times.len()).unwrap_or(u32::MAX);
    let p99 = times[times.len() * 99 / 100];
    let max = times[times.len() - 1];

    // Aggregates.
    let first = |i: usize| median(results[i].iter().map(|r| r.first_frame).collect());
    let total_keys = |i: usize| results[i].iter().map(|r| r.keys).sum::<usize>();
    let ns = |i: usize| results[i].iter().map(|r| r.cpu.ns).sum::<u64>();
    let ticks = |i: usize| results[i].iter().map(|r| r.cpu.ticks).sum::<u64>();
    let rss = |i: usize| results[i].iter().map(|r| r.peak_rss_kib).max().unwrap_or(0);
    let tick_ns = 1_000_000_000 / tick_hz;
    let (ff_l, ff_d) = (first(0), first(1));
    let ff_ratio = ff_l.as_secs_f64() / ff_d.as_secs_f64();
    let rss_ratio = mib(rss(0)) / mib(rss(1));
    let have_schedstat = ns(0) > 0 && ns(1) > 0;

    let mut rows = vec![Row {
        metric: format!("first frame, exec → complete (median of {runs})"),
        linkcase: format!("{:.2} ms", ms(ff_l)),
        dialog: format!("{:.2} ms", ms(ff_d)),
        ratio: format!("{ff_ratio:.2}×"),
        target: "≤ 1.00× dialog".into(),
        verdict: verdict(ff_ratio <= 1.0),
    }];
    if have_schedstat {
        let (l, d) = (
            per_key_us(ns(0), total_keys(0)),
            per_key_us(ns(1), total_keys(1)),
        );
        rows.push(Row {
            metric: format!("CPU per key in pty, schedstat ns ({} keys)", total_keys(0)),
            linkcase: format!("{l:.1} µs"),
            dialog: format!("{d:.1} µs"),
            ratio: format!("{:.2}×", l / d),
            target: "< 1000 µs".into(),
            verdict: verdict(l < 1000.0),
        });
    }
    let (l, d) = (
        per_key_us(ticks(0) * tick_ns, total_keys(0)),
        per_key_us(ticks(1) * tick_ns, total_keys(1)),
    );
    rows.push(Row {
        metric: format!(
            "CPU per key in pty, /proc stat ticks ({} keys)",
            total_keys(0)
        ),
        linkcase: format!("{l:.0} µs"),
        dialog: format!("{d:.0} µs"),
        ratio: if ticks(1) > 0 {
            format!("{:.2}×", l / d)
        } else {
            "n/a".into()
        },
        target: "(coarse cross-check)".into(),
        verdict: "-",
    });
    rows.push(Row {
        metric: format!("update + draw per key in-process, mean ({IN_PROCESS_KEYS} keys)"),
        linkcase: format!("{:.1} µs", us(mean)),
        dialog: "n/a".into(),
        ratio: "-".into(),
        target: "< 1000 µs".into(),
        verdict: verdict(mean < Duration::from_millis(1)),
    });
    rows.push(Row {
        metric: "update + draw per key in-process, p99 / max".into(),
        linkcase: format!("{:.0} / {:.0} µs", us(p99), us(max)),
        dialog: "n/a".into(),
        ratio: "-".into(),
        target: "(info)".into(),
        verdict: "-",
    });
    rows.extend(large_rows(&setup)?);
    rows.push(Row {
        metric: format!("peak RSS, VmHWM (max of {runs})"),
        linkcase: format!("{:.1} MiB", mib(rss(0))),
        dialog: format!("{:.1} MiB", mib(rss(1))),
        ratio: format!("{rss_ratio:.2}×"),
        target: "< 2.00× dialog".into(),
        verdict: verdict(rss_ratio < 2.0),
    });
    println!();
    print_table(&rows);
    println!();
    println!(
        "ratio = linkcase ÷ dialog, both measured in this run. CPU per key excludes startup \
         (read after the first frame and after the last key, before quitting)."
    );
    println!(
        "Resolution: /proc/<pid>/stat counts CPU in ticks of {} ms (CLK_TCK = {tick_hz}), so each \
         {}-key session is ±1 tick = ±{:.0} µs/key; {}",
        1000 / tick_hz,
        keys.len(),
        per_key_us(tick_ns, keys.len()),
        if have_schedstat {
            "schedstat counts nanoseconds and is the number to read."
        } else {
            "this kernel leaves schedstat empty, so the tick figure is all there is."
        }
    );
    Ok(())
}

fn main() {
    // `cargo bench` passes `--bench`; this harness takes no options.
    if !Path::new(DIALOG).exists() {
        println!("bench tui: skipped, {DIALOG} is missing (apt-get install dialog)");
        return;
    }
    if !Path::new("/proc/self/stat").exists() {
        println!("bench tui: skipped, it reads CPU time and RSS from /proc (Linux only)");
        return;
    }
    let started = Instant::now();
    if let Err(e) = run() {
        eprintln!("bench tui: could not measure: {e}");
        std::process::exit(1);
    }
    println!("bench took {:.1} s", started.elapsed().as_secs_f64());
}
