//! Saving an export (Ctrl+S) through `App::update`, with no terminal and no disk: the
//! file's name from the skill name and the date, the full path it resolves to, a blank name
//! refused, an existing file replaced only after the question, Esc at any step; and the name
//! and replace dialogs as drawn.

use std::path::{Path, PathBuf};

use crate::support::{app, env, press, type_text};
use linkcase::case::{Case, FieldId};
use linkcase::export::Format;
use linkcase::tui::app::{Dialog, Tone};
use linkcase::tui::keymap::{self, Context};
use linkcase::tui::theme::Theme;
use linkcase::tui::{Action, App, Effect, Env, Outcome, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{Input, Key};

const DIR: &str = "/work/cases";

/// A new case named `skill`, saving into [`DIR`], with `/home/me` as home.
fn app_named(skill: &str) -> App {
    let mut app = app();
    app.set_save_dir(PathBuf::from(DIR));
    app.set_home(Some(PathBuf::from("/home/me")));
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, skill);
    app
}

/// Ctrl+S, then the format at `format` in `Format::ALL` and the password choice, as keys.
fn to_name_dialog(app: &mut App, format: usize, include_secrets: bool) {
    press(app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    for _ in 0..format {
        press(app, KeyCode::Down, KeyModifiers::NONE);
    }
    assert_eq!(press(app, KeyCode::Enter, KeyModifiers::NONE), None);
    if include_secrets {
        press(app, KeyCode::Down, KeyModifiers::NONE);
    }
    assert_eq!(press(app, KeyCode::Enter, KeyModifiers::NONE), None);
    assert!(
        matches!(app.dialog(), Some(Dialog::SaveName { .. })),
        "{:?}",
        app.dialog()
    );
}

/// Backspace until the name is empty.
fn clear_name(app: &mut App) {
    let typed = app.save_name().chars().count();
    backspace(app, typed);
}

fn backspace(app: &mut App, times: usize) {
    for _ in 0..times {
        app.update(Action::Input(Input {
            key: Key::Backspace,
            ..Input::default()
        }));
    }
}

/// Enter in the name dialog: the save it asks for (its path and whether it may replace).
fn enter_save(app: &mut App) -> (PathBuf, bool) {
    match press(app, KeyCode::Enter, KeyModifiers::NONE) {
        Some(Effect::Save { path, replace, .. }) => (path, replace),
        other => panic!("no save: {other:?}"),
    }
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(app, frame)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn save_offers_the_skill_name_and_the_date_as_the_name() {
    let mut app = app_named("Acme Thermostat");
    to_name_dialog(&mut app, 0, false);
    assert_eq!(app.save_name(), "acme-thermostat-2026-11-21.txt");
    assert_eq!(
        app.save_path(),
        Some(PathBuf::from("/work/cases/acme-thermostat-2026-11-21.txt"))
    );
    assert!(app.in_context(Context::TextDialog), "the name takes typing");
    let (path, replace) = enter_save(&mut app);
    assert_eq!(
        path,
        PathBuf::from("/work/cases/acme-thermostat-2026-11-21.txt")
    );
    assert!(!replace);
}

#[test]
fn save_names_the_date_in_the_cases_zone_with_the_formats_extension() {
    // 2026-11-21T20:00Z is already the 22nd in Auckland.
    let mut case = Case::default();
    case.failure.time_zone = "Pacific/Auckland".to_owned();
    case.skill.name = "Wetter & Co.".to_owned();
    let mut app = App::new(case, env());
    app.set_save_dir(PathBuf::from(DIR));
    to_name_dialog(&mut app, 1, false);
    assert_eq!(app.save_name(), "wetter-co-2026-11-22.md");
}

#[test]
fn save_falls_back_to_linkcase_case_without_a_usable_skill_name() {
    for skill in ["", "!!! ???", "日本語"] {
        let mut app = app_named(skill);
        to_name_dialog(&mut app, 2, true);
        assert_eq!(
            app.save_name(),
            "linkcase-case-2026-11-21.json",
            "{skill:?}"
        );
    }
}

#[test]
fn save_resolves_a_typed_relative_name_in_the_start_folder() {
    let mut app = app_named("Acme");
    to_name_dialog(&mut app, 0, false);
    clear_name(&mut app);
    type_text(&mut app, "out/case.txt");
    assert_eq!(
        app.save_path(),
        Some(PathBuf::from("/work/cases/out/case.txt"))
    );
    assert!(
        screen(&app, 80, 24).contains("Saves to /work/cases/out/case.txt"),
        "the full path is shown live"
    );
    assert_eq!(
        enter_save(&mut app).0,
        Path::new("/work/cases/out/case.txt")
    );
}

#[test]
fn save_takes_an_absolute_or_home_name_as_it_is() {
    let mut app = app_named("Acme");
    to_name_dialog(&mut app, 0, false);
    clear_name(&mut app);
    app.update(Action::Paste("/tmp/elsewhere/case.txt\n".to_owned()));
    assert_eq!(
        app.save_name(),
        "/tmp/elsewhere/case.txt",
        "a paste is one line"
    );
    assert_eq!(enter_save(&mut app).0, Path::new("/tmp/elsewhere/case.txt"));

    to_name_dialog(&mut app, 0, false);
    clear_name(&mut app);
    type_text(&mut app, "~/Desktop/case.txt");
    assert_eq!(
        enter_save(&mut app).0,
        Path::new("/home/me/Desktop/case.txt")
    );
}

#[test]
fn save_name_takes_every_key_but_enter_and_esc() {
    let mut app = app_named("Acme");
    to_name_dialog(&mut app, 0, false);
    let active = |c| app.in_context(c);
    for code in [KeyCode::Char('?'), KeyCode::Up, KeyCode::Left] {
        assert_eq!(
            keymap::action_for(KeyEvent::new(code, KeyModifiers::NONE), active),
            None,
            "{code:?} goes to the name"
        );
    }
    let hints: Vec<&str> = keymap::hints(active)
        .iter()
        .map(|(_, label)| *label)
        .collect();
    assert_eq!(&hints[..3], ["confirm", "cancel", "clear"], "{hints:?}");
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.save_name(), "", "Ctrl+U empties the name");
    type_text(&mut app, "other.txt");
    assert_eq!(
        app.save_path(),
        Some(PathBuf::from("/work/cases/other.txt"))
    );
    assert!(!hints.contains(&"previous"), "{hints:?}");
}

#[test]
fn save_refuses_a_blank_name_and_stays_open() {
    let mut app = app_named("Acme");
    to_name_dialog(&mut app, 0, false);
    clear_name(&mut app);
    type_text(&mut app, "   ");
    assert!(screen(&app, 80, 24).contains("Type a file name to save to."));
    assert_eq!(press(&mut app, KeyCode::Enter, KeyModifiers::NONE), None);
    assert!(matches!(app.dialog(), Some(Dialog::SaveName { .. })));
    assert!(
        status(&app).contains("Type a file name"),
        "{}",
        status(&app)
    );
    assert_eq!(app.status().map(|s| s.tone), Some(Tone::Error));
}

#[test]
fn save_asks_before_replacing_and_replaces_the_very_file_found() {
    let mut app = app_named("Acme");
    to_name_dialog(&mut app, 0, false);
    let (path, replace) = enter_save(&mut app);
    assert!(!replace);
    app.update(Action::Outcome(Outcome::SaveExists { path: path.clone() }));
    assert_eq!(
        app.dialog(),
        Some(&Dialog::SaveReplace {
            format: Format::Text,
            include_secrets: false,
            selected: 0,
        }),
        "Keep it is highlighted first"
    );
    assert_eq!(app.save_replacing(), Some(path.as_path()));
    assert!(screen(&app, 80, 24).contains("/work/cases/acme-2026-11-21.txt already exists."));
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    let Some(Effect::Save {
        path: again,
        replace,
        include_secrets,
        format,
        ..
    }) = press(&mut app, KeyCode::Enter, KeyModifiers::NONE)
    else {
        panic!("Replace it saves again");
    };
    assert_eq!((again.as_path(), replace), (path.as_path(), true));
    assert_eq!((format, include_secrets), (Format::Text, false));
    assert_eq!(app.dialog(), None);
    app.update(Action::Outcome(Outcome::Saved {
        path,
        replaced: true,
        include_secrets: false,
    }));
    assert_eq!(
        status(&app),
        "Replaced /work/cases/acme-2026-11-21.txt (without the password)"
    );
}

#[test]
fn save_keeping_the_file_goes_back_to_the_name() {
    let mut app = app_named("Acme");
    to_name_dialog(&mut app, 0, true);
    let (path, _) = enter_save(&mut app);
    app.update(Action::Outcome(Outcome::SaveExists { path }));
    assert_eq!(press(&mut app, KeyCode::Enter, KeyModifiers::NONE), None);
    assert_eq!(
        app.dialog(),
        Some(&Dialog::SaveName {
            format: Format::Text,
            include_secrets: true,
        })
    );
    assert_eq!(
        app.save_name(),
        "acme-2026-11-21.txt",
        "the name is kept to edit"
    );
    assert_eq!(
        status(&app),
        "Kept the file that is there: change the name, or Esc"
    );
    backspace(&mut app, 4);
    type_text(&mut app, "-2.txt");
    assert_eq!(
        enter_save(&mut app),
        (PathBuf::from("/work/cases/acme-2026-11-21-2.txt"), false)
    );
}

#[test]
fn save_is_cancelled_by_esc_at_every_step() {
    // Esc after 0, 1, 2 steps and at the replace question.
    for steps in 0..4 {
        let mut app = app_named("Acme");
        press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        for _ in 0..steps.min(2) {
            press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
        }
        if steps == 3 {
            let (path, _) = enter_save(&mut app);
            app.update(Action::Outcome(Outcome::SaveExists { path }));
        }
        assert!(app.dialog().is_some_and(|d| d.is_save()), "step {steps}");
        assert_eq!(press(&mut app, KeyCode::Esc, KeyModifiers::NONE), None);
        assert_eq!(app.dialog(), None, "step {steps}");
        assert_eq!(status(&app), "Not saved", "step {steps}");
    }
}

#[test]
fn save_that_failed_asks_the_name_again() {
    let mut app = app_named("Acme");
    to_name_dialog(&mut app, 0, false);
    enter_save(&mut app);
    app.update(Action::Outcome(Outcome::SaveFailed(
        "No such file or directory (os error 2)".to_owned(),
    )));
    assert!(matches!(app.dialog(), Some(Dialog::SaveName { .. })));
    assert_eq!(app.save_name(), "acme-2026-11-21.txt", "kept, to fix");
    assert_eq!(
        status(&app),
        "Not saved: No such file or directory (os error 2)"
    );
}

#[test]
fn save_shows_a_name_with_control_characters_escaped() {
    let mut app = app_named("Acme");
    to_name_dialog(&mut app, 0, false);
    type_text(&mut app, "\u{1b}]0;pwned\u{7}");
    let shown = screen(&app, 100, 30);
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'));
    assert!(shown.contains("\\e]0;pwned\\u{7}"), "{shown}");
}

/// An app without colours, for snapshots.
fn plain_app() -> App {
    let mut app = App::new(
        Case::default(),
        Env {
            theme: Theme::new(false),
            ..env()
        },
    );
    app.set_save_dir(PathBuf::from("/home/me/cases"));
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "Acme Thermostat");
    app
}

#[test]
fn save_name_dialog_snapshot() {
    let mut app = plain_app();
    to_name_dialog(&mut app, 0, false);
    app.update(Action::Resize(80, 24));
    insta::assert_snapshot!("save_name_80x24", screen(&app, 80, 24));
    app.update(Action::Resize(60, 20));
    insta::assert_snapshot!("save_name_60x20", screen(&app, 60, 20));
}

#[test]
fn save_replace_dialog_snapshot() {
    let mut app = plain_app();
    to_name_dialog(&mut app, 1, true);
    let (path, _) = enter_save(&mut app);
    app.update(Action::Outcome(Outcome::SaveExists { path }));
    app.update(Action::Resize(80, 24));
    insta::assert_snapshot!("save_replace_80x24", screen(&app, 80, 24));
}
