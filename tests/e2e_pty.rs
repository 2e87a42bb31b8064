//! End to end (issue 3, "Tests"): the real `linkcase` binary in a pseudo-terminal, driven by
//! keystrokes only and read back through a vt100 screen. Each test runs in a fresh temp dir
//! (the working directory, `HOME` and the XDG dirs), with `TERM=xterm-256color`, `TZ=UTC`
//! and no `NO_COLOR`.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::pty::count;
use crate::support::session::{
    COLS, ROWS, Session, assert_restored, drafts_dir, editor_row, header, private_env, progress,
};

const ENTER: &str = "\r";
const SPACE: &str = " ";
const PAGE_DOWN: &str = "\x1b[6~";
const DOWN: &str = "\x1b[B";
const CTRL_Q: &str = "\x11";
const CTRL_R: &str = "\x12";
const CTRL_S: &str = "\x13";

const SKILL_ID: &str = "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff";
const USERNAME: &str = "tester@example.com";
const PASSWORD: &str = "correct horse battery staple";
const CUSTOMER_ID: &str = "A2Z2SH760RV43M";
/// Well in the past for the real clock (the form refuses times in the future).
const LOCAL_TIME: &str = "2025-11-02 01:30";
/// 01:30 happened twice in New York that night; the later one (EST) is 06:30 UTC.
const UTC: &str = "2025-11-02T06:30:00Z";
const APP_VERSION: &str = "2.2.596798.0";
/// Pasted with Windows line ends: the paste must keep both lines and normalise them.
const DESCRIPTION_PASTE: &str =
    "Tapping Link account opens our login page.\r\nAfter signing in, the app says: unable to link.";
const DESCRIPTION: &str =
    "Tapping Link account opens our login page.\nAfter signing in, the app says: unable to link.";
const AUTH_URL: &str = "https://auth.example.com/oauth2/authorize";
const TOKEN_URL: &str = "https://auth.example.com/oauth2/token";
const DOMAINS_PASTE: &str = "cdn.example.com, fonts.example.net";

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
        s.termios_before(),
        "the form runs with the tty in raw mode"
    );
    let screen = s.wait_focus("Skill ID *");
    // TZ=UTC fills the time zone, the one required field done at the start.
    assert_eq!(progress(&screen), Some((1, 13)), "{screen}");
    assert!(!screen.contains('✗'), "{screen}");

    // Skill. In a single choice Enter picks the highlighted option and moves on.
    s.type_text(SKILL_ID);
    s.wait_progress(2, 13);
    s.tab_to("Skill stage");
    s.send(ENTER);
    s.wait_focus("Skill name");
    s.type_text("Acme Thermostat");
    s.wait_until("the skill name typed", |screen| {
        editor_row(screen, "Acme Thermostat")
    });
    s.tab_to("Skill type");
    s.send(ENTER);
    // A custom skill has no Send Alexa Events question: the next stop is the test account.
    let screen = s.wait_focus("Test account username *");
    assert!(screen.contains("┌ Test account · 0/3 required"), "{screen}");

    // Test account.
    s.type_text(USERNAME);
    s.wait_progress(3, 13);
    s.tab_to("Test account password *");
    s.type_text(PASSWORD);
    let screen = s.wait_until("the masked password", |screen| {
        editor_row(screen, &"•".repeat(PASSWORD.len()))
    });
    assert!(
        !screen.contains(PASSWORD) && screen.contains("Hidden · Ctrl+T shows it"),
        "the password is masked:\n{screen}"
    );
    s.wait_progress(4, 13);
    s.tab_to("Not Amazon credentials *");
    s.send(SPACE);
    s.wait_for("› [x] I confirm this");
    s.wait_progress(5, 13);

    // Failure: customer, a time in the November fold, the zone through the picker, and the
    // DST question answered where it appears.
    s.tab_to("Customer ID of the account that failed *");
    s.type_text(CUSTOMER_ID);
    s.wait_progress(6, 13);
    s.tab_to("Time of failure (local) *");
    s.type_text(LOCAL_TIME);
    s.wait_for(&format!("{LOCAL_TIME} UTC → UTC 2025-11-02T01:30:00Z"));
    s.wait_progress(7, 13);
    s.tab_to("Time zone *");
    s.wait_for("Zone:  UTC");
    s.type_text("new york");
    s.wait_until("America/New_York among the matches", |screen| {
        screen.contains("Search: new york") && screen.contains("  America/New_York")
    });
    s.send(ENTER);
    s.wait_for("Zone:  America/New_York");
    let screen = s.wait_for("01:30 happened twice in America/New_York: choose \"Which instant\"");
    assert!(
        screen.contains("Which instant *"),
        "the question appears: {screen}"
    );
    s.tab_to("Which instant *");
    let screen = s.wait_for("( ) Later: 01:30 EST (UTC−5), after the clocks went back → 06:30Z");
    assert!(!screen.contains("› ( )"), "nothing preselected:\n{screen}");
    s.send(DOWN);
    s.send(DOWN);
    s.send(ENTER);
    let screen = s.wait_focus("Region(s) *");
    assert!(screen.contains(UTC), "the UTC under the zone:\n{screen}");

    // Regions, platforms (iOS makes the app version required), symptoms.
    s.send(SPACE);
    s.wait_for("› [x] North America");
    s.send(DOWN);
    s.send(SPACE);
    s.wait_for("› [x] Europe");
    s.wait_progress(9, 14);
    s.tab_to("Device/platform *");
    s.send(DOWN);
    s.send(SPACE);
    s.wait_for("› [x] iOS");
    s.wait_progress(10, 15);
    s.tab_to("Alexa app version *");
    s.type_text(APP_VERSION);
    s.wait_progress(11, 15);
    // iOS only: no browser question.
    s.tab_to("What happened *");
    s.send(DOWN);
    s.send(SPACE);
    s.wait_for("› [x] \"We were unable to link…\"");
    s.wait_progress(12, 15);

    // The description as a bracketed paste: both lines kept, the pasted line break does
    // not move on.
    s.tab_to("Description *");
    s.paste(DESCRIPTION_PASTE);
    let (first, second) = DESCRIPTION.split_once('\n').expect("two lines");
    let screen = s.wait_until("the pasted description on two lines", |screen| {
        editor_row(screen, first) && editor_row(screen, second)
    });
    assert_eq!(progress(&screen), Some((13, 15)), "{screen}");
    s.tab_to("Screenshot");

    // Configuration.
    s.tab_to("Account Linking Type *");
    s.send(ENTER);
    // Authorization Code Grant makes the access token URL required.
    s.wait_focus("Authorization URL *");
    s.wait_progress(14, 16);
    s.type_text(AUTH_URL);
    s.wait_progress(15, 16);
    // The Domain List as a bracketed paste: one paste, two entries.
    s.tab_to("Domain List");
    s.paste(DOMAINS_PASTE);
    let screen = s.wait_until("two domain entries", |screen| {
        screen.contains("  cdn.example.com ") && screen.contains("  fonts.example.net ")
    });
    assert!(
        !screen.contains(DOMAINS_PASTE),
        "the paste was split:\n{screen}"
    );
    s.tab_to("Access Token URL *");
    s.type_text(TOKEN_URL);
    s.wait_progress(16, 16);
    s.tab_to("Client Authentication Scheme");
    s.send(ENTER);
    s.wait_focus("Default Access Token Expiration Time");
    s.type_text("3600");
    s.wait_for("3600 seconds = 1 h");
    let screen = s.tab_to("Client ID");
    assert_eq!(progress(&screen), Some((16, 16)), "{screen}");
    assert!(
        header(&screen).contains("16/16 required · 0 errors"),
        "no errors in the header:\n{screen}"
    );
    assert!(!screen.contains('✗'), "no field marked ✗:\n{screen}");

    // The steps tried: one grid, one key per answer.
    s.send(PAGE_DOWN);
    s.wait_for("Which of the guide's checks were tried?");
    s.send("d");
    s.wait_for("Done      Checked the authorization server's logs");

    // Tab leaves the grid; past Notes is the last stop, File the case.
    s.send("\t");
    s.wait_focus("Notes");
    s.send("\t");
    let screen = s.wait_for("┌ File the case ");
    assert!(
        screen.contains("✓ Ready to file: 16/16 required · 0 errors"),
        "{screen}"
    );
    assert!(
        screen.contains("› Review the case as it will be filed"),
        "{screen}"
    );

    // Review from there: the text export as filed, no errors.
    s.send(ENTER);
    let review = s.wait_for("┌ Review ");
    for line in [
        format!("│Skill ID: {SKILL_ID}"),
        format!("│Account linking test credentials: {USERNAME} / (password shared separately)"),
        format!("│Customer ID of the account that failed: {CUSTOMER_ID}"),
        "│Time of failure (UTC): 2025-11-02 06:30:00 UTC".to_owned(),
        "│Region(s): NA, EU".to_owned(),
        "│Device/platform: iOS".to_owned(),
        format!("│Alexa app version: {APP_VERSION}"),
    ] {
        assert!(review.contains(&line), "review lacks {line:?}:\n{review}");
    }
    assert!(
        review.contains("┌ 16/16 required · 0 errors · "),
        "the review lists no errors:\n{review}"
    );
    assert!(!review.contains(PASSWORD), "{review}");
    s.send(CTRL_R);
    s.wait_for("┌ File the case ");

    // Save: JSON, with the password (the explicit second choice), under the offered name.
    s.send(CTRL_S);
    s.wait_for("Save the case to a file. Format:");
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
    s.wait_for("Saving as json, with the password. File name:");
    let screen = s.wait_for("› acme-thermostat-");
    let offered = screen
        .lines()
        .find_map(|line| line.split("› acme-thermostat-").nth(1))
        .and_then(|rest| rest.split('▏').next())
        .map(|rest| format!("acme-thermostat-{rest}"))
        .expect("the offered name");
    assert_eq!(
        Path::new(&offered).extension(),
        Some("json".as_ref()),
        "{screen}"
    );
    assert!(
        screen.contains("Saves to ") && screen.contains(&offered),
        "the full path is shown: {screen}"
    );
    s.send(ENTER);
    let screen = s.wait_for("(password included)");
    assert!(
        screen.contains("Saved ") && screen.contains(&format!("{offered} (password included)")),
        "{screen}"
    );

    // Quit: never a question, the draft is saved.
    s.send(CTRL_Q);
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&s);

    // The saved file: in the working directory (nothing else there), private, with the
    // password, and a valid case.
    let path = s.dir().join(&offered);
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
    assert_eq!(entries, [offered.as_str(), "home"]);
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
        ("/skill/stage", "development"),
        ("/skill/kind", "custom"),
        ("/test_account/username", USERNAME),
        ("/test_account/password", PASSWORD),
        ("/failure/customer_id", CUSTOMER_ID),
        ("/failure/local_time", LOCAL_TIME),
        ("/failure/time_zone", "America/New_York"),
        ("/failure/utc", UTC),
        ("/failure/disambiguation", "later"),
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
fn resize_to_tiny_and_back_never_garbles() {
    let mut s = Session::start();
    let before = s.wait_focus("Skill ID *");

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

#[test]
fn typed_text_survives_kill_9_and_the_next_start_resumes_it() {
    let mut s = Session::start();
    s.type_text(SKILL_ID);
    s.wait_progress(2, 13);
    s.tab_to("Skill stage");
    s.tab_to("Skill name");
    s.type_text("Acme Thermostat");
    s.wait_until("the skill name", |screen| {
        editor_row(screen, "Acme Thermostat")
    });
    // The save falls due at most DEBOUNCE (250 ms) after a change: wait until it is on disk.
    s.wait_draft_holding("Acme Thermostat");
    let mut s = s.kill9_and_restart(&[]);
    let screen = s.wait_for("Resumed draft ");
    assert!(editor_row(&screen, SKILL_ID), "{screen}");
    assert_eq!(progress(&screen), Some((2, 13)), "{screen}");
    s.tab_to("Skill stage");
    s.tab_to("Skill name");
    s.wait_until("the skill name", |screen| {
        editor_row(screen, "Acme Thermostat")
    });

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
    // The configuration's page: PgDn three times.
    s.send(PAGE_DOWN);
    s.send(PAGE_DOWN);
    s.send(PAGE_DOWN);
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

#[test]
fn keys_typed_with_a_resize_are_never_held_back() {
    let mut s = Session::start();
    s.wait_focus("Skill ID *");
    let mut typed = String::new();
    // The size change (SIGWINCH) and the key reach linkcase together, or nearly: within
    // a few milliseconds either way.
    for (i, delay) in [0u64, 1, 2, 4, 8, 16, 0, 1, 2, 4, 8, 16]
        .into_iter()
        .enumerate()
    {
        let letter = char::from(b'a' + u8::try_from(i).unwrap_or(0));
        let cols = if i % 2 == 0 { COLS - 10 } else { COLS };
        s.resize(ROWS, cols);
        std::thread::sleep(std::time::Duration::from_millis(delay));
        s.send(&letter.to_string());
        typed.push(letter);
        s.wait_until(&format!("{typed:?} typed with a resize"), |screen| {
            editor_row(screen, &typed)
        });
    }
    s.send(CTRL_Q);
    assert!(s.wait_exit().success());
    assert_restored(&s);
}
