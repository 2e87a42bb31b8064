//! The TUI's import (Ctrl+L) and its checks: the dialog, the effect the loop performs
//! (here with the real importer on the fixture files), the merge into the open case, the
//! report, and lint findings on the review screen and under a field.

use std::path::PathBuf;

use crate::support::{app, press, type_text};
use linkcase::case::{FieldId, GrantType, StepState, StepsTried};
use linkcase::import::import_files;
use linkcase::tui::app::{Dialog, ReviewMark, Screen, Tone, split_paths};
use linkcase::tui::{Action, App, Effect, Outcome, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// What the loop does for an import effect, with the real importer.
fn perform(effect: Option<Effect>) -> Outcome {
    let Some(Effect::Import { paths, profile }) = effect else {
        panic!("expected an import effect, got {effect:?}");
    };
    match import_files(&paths, profile.as_deref()) {
        Ok(imported) => Outcome::Imported {
            case: Box::new(imported.case),
            report: imported.report,
            lints: imported.lints,
        },
        Err(e) => Outcome::ImportFailed(e.to_string()),
    }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| ui::draw(app, frame)).unwrap();
    terminal.backend().to_string()
}

/// Opens the import dialog with Ctrl+L, types `line` and presses Enter.
fn import_line(app: &mut App, line: &str) -> Option<Effect> {
    assert_eq!(
        press(app, KeyCode::Char('l'), KeyModifiers::CONTROL),
        None,
        "the dialog opens first"
    );
    assert_eq!(app.dialog(), Some(&Dialog::Import));
    type_text(app, line);
    press(app, KeyCode::Enter, KeyModifiers::NONE)
}

#[test]
fn ctrl_l_imports_files_into_the_open_case_and_shows_the_report() {
    let mut app = app();
    // Typed before the import: a field the files do not fill is kept, one they fill is
    // replaced.
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "Acme Thermostat");
    app.update(Action::Focus(FieldId::ClientId));
    type_text(&mut app, "typed-by-hand");
    let line = format!(
        "{} '{}' --profile staging",
        fixture("accountLinking.json"),
        fixture("ask-v2/.ask/ask-states.json")
    );
    let effect = import_line(&mut app, &line);
    let Some(Effect::Import { paths, profile }) = &effect else {
        panic!("{effect:?}");
    };
    assert_eq!(paths.len(), 2);
    assert_eq!(profile.as_deref(), Some("staging"));
    app.update(Action::Outcome(perform(effect)));

    let case = app.case();
    assert_eq!(case.skill.name, "Acme Thermostat", "kept");
    assert_eq!(
        case.account_linking.client_id, "amzn1.application-oa2-client.0123456789abcdef",
        "replaced"
    );
    assert_eq!(
        case.skill.id,
        "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
    );
    assert_eq!(case.account_linking.grant_type, Some(GrantType::AuthCode));
    let status = app.status().unwrap();
    assert_eq!(status.tone, Tone::Success);
    assert!(status.text.starts_with("Imported "), "{}", status.text);
    assert!(status.text.contains("from 2 files"), "{}", status.text);
    assert!(status.text.contains("replace"), "{}", status.text);
    assert_eq!(app.dialog(), Some(&Dialog::ImportReport { scroll: 0 }));
    let report = app.import_report().join("\n");
    assert!(
        report.contains("never stores the client secret"),
        "{report}"
    );
    assert!(!report.contains("s3cr3t"), "{report}");
    assert!(screen(&app).contains("Imported"), "the report is drawn");
    // The imported fields count as visited: their messages show.
    assert!(app.is_touched(FieldId::ClientId));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.dialog(), None);
    assert_eq!(app.import_paths(), "", "a new import starts empty");
}

#[test]
fn an_implicit_grant_import_marks_the_token_steps_not_applicable() {
    let mut app = app();
    let effect = import_line(&mut app, &fixture("smapi-bare.json"));
    app.update(Action::Outcome(perform(effect)));
    let case = app.case();
    assert_eq!(case.account_linking.grant_type, Some(GrantType::Implicit));
    let steps: &StepsTried = &case.steps_tried;
    assert_eq!(
        steps.get(linkcase::case::Step::TokenWithin4_5s),
        Some(StepState::NotApplicable)
    );
    let report = app.import_report().join("\n");
    assert!(report.contains("not_applicable"), "{report}");
}

#[test]
fn a_broken_or_missing_file_is_named_and_the_line_kept_to_fix() {
    let mut app = app();
    let line = fixture("broken.json");
    let effect = import_line(&mut app, &line);
    app.update(Action::Outcome(perform(effect)));
    let status = app.status().unwrap();
    assert_eq!(status.tone, Tone::Error);
    assert!(status.text.starts_with("Not imported: "), "{}", status.text);
    assert!(status.text.contains("broken.json"), "{}", status.text);
    assert_eq!(app.dialog(), Some(&Dialog::Import), "open again");
    assert_eq!(app.import_paths(), line);
    assert_eq!(app.case(), &{
        let mut case = linkcase::case::Case::default();
        case.failure.time_zone = "America/New_York".to_owned();
        case
    });

    let mut app = self::app();
    let effect = import_line(&mut app, "/nonexistent/al.json");
    app.update(Action::Outcome(perform(effect)));
    assert!(app.status().unwrap().text.contains("/nonexistent/al.json"));
}

#[test]
fn an_empty_line_asks_again_without_an_effect() {
    let mut app = app();
    assert_eq!(import_line(&mut app, "  "), None);
    assert_eq!(app.dialog(), Some(&Dialog::Import));
    assert!(app.status().unwrap().text.contains("no file given"));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.dialog(), None);
}

#[test]
fn the_dialog_line_splits_like_a_shell() {
    let (paths, profile) = split_paths(r#"a.json "my dir/b.json" c\ d.json --profile=x"#).unwrap();
    assert_eq!(
        paths,
        [
            PathBuf::from("a.json"),
            PathBuf::from("my dir/b.json"),
            PathBuf::from("c d.json")
        ]
    );
    assert_eq!(profile.as_deref(), Some("x"));
    assert!(split_paths("'open").unwrap_err().contains("not closed"));
    assert!(split_paths("a --profile").is_err());
    assert!(split_paths("").is_err());
}

#[test]
fn review_lists_check_findings_after_validation_and_enter_jumps_to_the_field() {
    let mut app = app();
    app.update(Action::Focus(FieldId::AuthorizationUrl));
    type_text(&mut app, "http://localhost/authorize");
    app.update(Action::Review);
    let items = app.review_items();
    let first_check = items.iter().position(|i| i.rule.is_some()).unwrap();
    assert!(
        items[..first_check].iter().all(|i| i.rule.is_none()),
        "validation first"
    );
    let https = items
        .iter()
        .position(|i| i.rule == Some("url-not-https"))
        .expect("the http URL is flagged");
    assert_eq!(items[https].mark, ReviewMark::Error);
    assert_eq!(items[https].field, Some(FieldId::AuthorizationUrl));
    for _ in 0..https {
        app.update(Action::Next);
    }
    // The highlighted finding is scrolled into view.
    let drawn = screen(&app);
    assert!(drawn.contains("✗ check · Authorization URL"), "{drawn}");
    assert!(drawn.contains("must use https://"), "{drawn}");
    assert!(drawn.contains("checks: 2 errors"), "{drawn}");
    app.update(Action::Confirm);
    assert_eq!(app.screen(), Screen::Form);
    assert_eq!(app.field().id, FieldId::AuthorizationUrl);
}

#[test]
fn a_field_shows_its_check_findings_once_it_was_left() {
    let mut app = app();
    app.update(Action::Focus(FieldId::AuthorizationUrl));
    type_text(&mut app, "http://localhost/authorize");
    assert!(app.lint_messages(FieldId::AuthorizationUrl).is_empty());
    app.update(Action::NextField);
    app.update(Action::PrevField);
    let lints = app.lint_messages(FieldId::AuthorizationUrl);
    assert!(lints.iter().any(|l| l.rule == "url-not-https"), "{lints:?}");
    let drawn = screen(&app);
    assert!(drawn.contains("check: "), "{drawn}");
}

/// `linkcase` with private data and config folders.
fn linkcase(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("linkcase").unwrap();
    cmd.env("LINKCASE_DATA_DIR", dir.join("data"))
        .env("LINKCASE_CONFIG_DIR", dir.join("config"))
        // Not TERM=dumb, which would choose plain mode where these tests expect the form.
        .env("TERM", "xterm-256color");
    cmd
}

#[test]
fn new_with_import_names_a_bad_file_before_needing_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = linkcase(dir.path())
        .args(["new", "--import", &fixture("broken.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.json"), "{stderr}");

    let out = linkcase(dir.path())
        .args(["new", "--import", &fixture("unrecognised.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));

    // A good file, but no terminal: the form cannot start, and no draft is made.
    let out = linkcase(dir.path())
        .args(["new", "--import", &fixture("smapi-bare.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    let drafts = dir.path().join("data/drafts");
    assert!(
        std::fs::read_dir(&drafts).map_or(true, |mut d| d.next().is_none()),
        "no draft"
    );

    let out = linkcase(dir.path())
        .args(["new", "--profile", "staging"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--profile needs --import");
}

#[test]
fn a_later_google_import_withdraws_the_google_step_an_earlier_import_ruled_out() {
    let mut app = app();
    let effect = import_line(&mut app, &fixture("smapi-response.json"));
    app.update(Action::Outcome(perform(effect)));
    let google = linkcase::case::Step::GoogleOffline;
    assert_eq!(
        app.case().steps_tried.get(google),
        Some(StepState::NotApplicable)
    );
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.dialog(), None, "the report is closed");
    let effect = import_line(&mut app, &fixture("google/account-linking-info.json"));
    app.update(Action::Outcome(perform(effect)));
    assert!(
        app.case()
            .account_linking
            .authorization_url
            .starts_with("https://accounts.google.com/")
    );
    assert_eq!(app.case().steps_tried.get(google), None);
    let report = app.import_report().join("\n");
    assert!(
        report.contains("steps_tried.google_offline: not_applicable withdrawn"),
        "{report}"
    );
}
