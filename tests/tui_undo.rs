//! Undo and redo per field, kept across visits, for every kind of field; typing coalesced
//! into words; and status messages that expire and never contradict the screen.

use std::time::{Duration, Instant};

use crate::support::{app, press, type_text};
use linkcase::case::value::{self, Snapshot};
use linkcase::case::{Disambiguation, FieldId, Region, SkillStage};
use linkcase::import::ImportNote;
use linkcase::store::Access;
use linkcase::tui::app::{SHORT_LIFE, Tone, WARNING_LIFE};
use linkcase::tui::{Action, App, Effect, Outcome, keymap};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui_textarea::{Input, Key};

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

fn undo(app: &mut App) {
    press(app, KeyCode::Char('z'), CTRL);
}

fn redo(app: &mut App) {
    press(app, KeyCode::Char('z'), ALT);
}

fn key(app: &mut App, key: Key) {
    app.update(Action::Input(Input {
        key,
        ..Input::default()
    }));
}

fn status(app: &App) -> Option<String> {
    app.status().map(|s| s.text.clone())
}

#[test]
fn a_field_keeps_its_history_when_left_and_visited_again() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "Acme");
    press(&mut app, KeyCode::Tab, NONE);
    type_text(&mut app, "elsewhere");
    press(&mut app, KeyCode::BackTab, NONE);
    assert_eq!(app.field().id, FieldId::SkillName);
    undo(&mut app);
    assert_eq!(app.case().skill.name, "");
    assert_eq!(
        app.editor().textarea().map(|a| a.lines().join("")),
        Some(String::new())
    );
    redo(&mut app);
    assert_eq!(app.case().skill.name, "Acme");
    assert_eq!(
        app.editor().textarea().map(|a| a.lines().join("")),
        Some("Acme".to_owned()),
        "the editor shows the value put back"
    );
}

#[test]
fn undo_then_redo_and_a_new_edit_forgets_the_redo() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "one two");
    undo(&mut app);
    assert_eq!(app.case().skill.name, "one ");
    redo(&mut app);
    assert_eq!(app.case().skill.name, "one two");
    undo(&mut app);
    type_text(&mut app, "three");
    assert_eq!(app.case().skill.name, "one three");
    redo(&mut app);
    assert_eq!(app.case().skill.name, "one three", "nothing to redo");
    assert_eq!(
        status(&app).as_deref(),
        Some("Nothing to redo in Skill name")
    );
}

#[test]
fn typing_is_undone_a_word_at_a_time() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "hello world");
    undo(&mut app);
    assert_eq!(
        app.case().skill.name,
        "hello ",
        "the space ends the word before it"
    );
    undo(&mut app);
    assert_eq!(app.case().skill.name, "");
    undo(&mut app);
    assert_eq!(
        status(&app).as_deref(),
        Some("Nothing to undo in Skill name")
    );
}

#[test]
fn a_cursor_move_or_a_switch_to_erasing_ends_a_run() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "abc");
    key(&mut app, Key::Left);
    type_text(&mut app, "XY");
    assert_eq!(app.case().skill.name, "abXYc");
    key(&mut app, Key::Backspace);
    key(&mut app, Key::Backspace);
    assert_eq!(app.case().skill.name, "abc");
    undo(&mut app);
    assert_eq!(
        app.case().skill.name,
        "abXYc",
        "the Backspaces are one step"
    );
    undo(&mut app);
    assert_eq!(
        app.case().skill.name,
        "abc",
        "typing after the move is one step"
    );
    undo(&mut app);
    assert_eq!(app.case().skill.name, "");
}

#[test]
fn tidying_on_leave_belongs_to_the_typing_before_it() {
    let mut app = app();
    let id = "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff";
    type_text(&mut app, &format!("\"{id}\" "));
    press(&mut app, KeyCode::Tab, NONE);
    assert_eq!(app.case().skill.id, id, "tidied");
    press(&mut app, KeyCode::BackTab, NONE);
    undo(&mut app);
    assert_eq!(app.case().skill.id, "", "one step: typing and tidying");
    redo(&mut app);
    assert_eq!(app.case().skill.id, id);
}

#[test]
fn a_single_choice_is_undone_and_redone() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillStage));
    press(&mut app, KeyCode::Char(' '), NONE);
    press(&mut app, KeyCode::Down, NONE);
    press(&mut app, KeyCode::Enter, NONE);
    assert_eq!(app.case().skill.stage, Some(SkillStage::ALL[1]));
    assert_ne!(app.field().id, FieldId::SkillStage, "Enter moved on");
    app.update(Action::Focus(FieldId::SkillStage));
    undo(&mut app);
    assert_eq!(app.case().skill.stage, Some(SkillStage::ALL[0]));
    undo(&mut app);
    assert_eq!(app.case().skill.stage, None);
    redo(&mut app);
    redo(&mut app);
    assert_eq!(app.case().skill.stage, Some(SkillStage::ALL[1]));
}

#[test]
fn a_multi_choice_is_undone_one_toggle_at_a_time() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Regions));
    press(&mut app, KeyCode::Char(' '), NONE);
    press(&mut app, KeyCode::Down, NONE);
    press(&mut app, KeyCode::Char(' '), NONE);
    assert_eq!(app.case().failure.regions, Region::ALL[..2]);
    undo(&mut app);
    assert_eq!(app.case().failure.regions, Region::ALL[..1]);
    undo(&mut app);
    assert!(app.case().failure.regions.is_empty());
    redo(&mut app);
    assert_eq!(app.case().failure.regions, Region::ALL[..1]);
}

#[test]
fn list_adds_deletes_moves_and_changes_are_each_undone() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Domains));
    app.update(Action::Paste("a.example.com, b.example.com".to_owned()));
    type_text(&mut app, "c.example.com");
    press(&mut app, KeyCode::Enter, NONE);
    let domains = |app: &App| app.case().account_linking.domains.join(" ");
    assert_eq!(domains(&app), "a.example.com b.example.com c.example.com");
    press(&mut app, KeyCode::Down, ALT);
    press(&mut app, KeyCode::Down, CTRL);
    assert_eq!(domains(&app), "b.example.com a.example.com c.example.com");
    press(&mut app, KeyCode::Char('d'), CTRL);
    assert_eq!(domains(&app), "b.example.com c.example.com");
    undo(&mut app);
    assert_eq!(domains(&app), "b.example.com a.example.com c.example.com");
    undo(&mut app);
    assert_eq!(domains(&app), "a.example.com b.example.com c.example.com");
    undo(&mut app);
    assert_eq!(
        domains(&app),
        "a.example.com b.example.com",
        "the typed entry"
    );
    undo(&mut app);
    assert_eq!(domains(&app), "", "the pasted entries, one step");
}

#[test]
fn typing_in_a_list_input_is_undone_there_first() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Scopes));
    type_text(&mut app, "profile");
    press(&mut app, KeyCode::Enter, NONE);
    type_text(&mut app, "email");
    undo(&mut app);
    assert_eq!(
        app.case().account_linking.scopes,
        ["profile"],
        "the input first"
    );
    assert!(!app.editor().has_list_input(), "all of it");
    redo(&mut app);
    assert!(app.editor().has_list_input(), "and back");
    undo(&mut app);
    undo(&mut app);
    assert!(app.case().account_linking.scopes.is_empty());
}

#[test]
fn undoing_the_zone_takes_its_message_away() {
    let mut app = app();
    app.update(Action::Focus(FieldId::TimeZone));
    type_text(&mut app, "chicago");
    press(&mut app, KeyCode::Enter, NONE);
    assert_eq!(app.case().failure.time_zone, "America/Chicago");
    assert_eq!(status(&app).as_deref(), Some("Time zone: America/Chicago"));
    undo(&mut app);
    assert_eq!(app.case().failure.time_zone, "America/New_York");
    assert_eq!(status(&app), None, "no message names the zone undone");
}

/// Types an ambiguous time (01:30 on the night the clocks go back in New York) and
/// chooses the earlier reading in place.
fn ambiguous_time_chosen(app: &mut App) {
    app.update(Action::Focus(FieldId::LocalTime));
    type_text(app, "2026-11-01 01:30");
    app.update(Action::Focus(FieldId::Disambiguation));
    press(app, KeyCode::Down, NONE);
    press(app, KeyCode::Enter, NONE);
    assert_eq!(
        app.case().failure.disambiguation,
        Some(Disambiguation::Earlier)
    );
}

#[test]
fn undoing_the_zone_forgets_the_dst_choice_and_says_so() {
    let mut app = app();
    ambiguous_time_chosen(&mut app);
    app.update(Action::Focus(FieldId::TimeZone));
    type_text(&mut app, "chicago");
    press(&mut app, KeyCode::Enter, NONE);
    assert_eq!(app.case().failure.time_zone, "America/Chicago");
    app.update(Action::Focus(FieldId::Disambiguation));
    press(&mut app, KeyCode::Down, NONE);
    press(&mut app, KeyCode::Enter, NONE);
    assert_eq!(
        app.case().failure.disambiguation,
        Some(Disambiguation::Earlier),
        "chosen again for Chicago"
    );
    app.update(Action::Focus(FieldId::TimeZone));
    undo(&mut app);
    assert_eq!(app.case().failure.time_zone, "America/New_York");
    assert_eq!(
        app.case().failure.disambiguation,
        None,
        "never applied silently"
    );
    assert!(
        status(&app).is_some_and(|s| s.contains("happened twice in America/New_York")),
        "{:?}",
        app.status()
    );
}

#[test]
fn undoing_the_time_forgets_the_dst_choice() {
    let mut app = app();
    ambiguous_time_chosen(&mut app);
    app.update(Action::Focus(FieldId::LocalTime));
    undo(&mut app);
    assert_eq!(app.case().failure.local_time, "2026-11-01 ");
    assert_eq!(app.case().failure.disambiguation, None);
    redo(&mut app);
    assert_eq!(app.case().failure.local_time, "2026-11-01 01:30");
    assert_eq!(
        app.case().failure.disambiguation,
        None,
        "the earlier choice is not brought back with the time"
    );
}

#[test]
fn the_steps_grid_takes_back_its_last_answer_and_goes_to_that_step() {
    use linkcase::case::{Step, StepState};
    let mut app = app();
    app.update(Action::Focus(FieldId::Step(Step::AuthServerLogs)));
    press(&mut app, KeyCode::Char('d'), NONE);
    press(&mut app, KeyCode::Char('n'), NONE);
    assert_eq!(
        app.case().steps_tried.get(Step::TokenWithin4_5s),
        Some(StepState::NotDone)
    );
    undo(&mut app);
    assert_eq!(app.case().steps_tried.get(Step::TokenWithin4_5s), None);
    assert_eq!(app.field().id, FieldId::Step(Step::TokenWithin4_5s));
    undo(&mut app);
    assert_eq!(app.case().steps_tried.get(Step::AuthServerLogs), None);
    assert_eq!(app.field().id, FieldId::Step(Step::AuthServerLogs));
    undo(&mut app);
    assert_eq!(
        status(&app).as_deref(),
        Some("Nothing to undo in Steps already tried")
    );
    redo(&mut app);
    assert_eq!(
        app.case().steps_tried.get(Step::AuthServerLogs),
        Some(StepState::Done)
    );
}

#[test]
fn file_the_case_has_nothing_to_undo_and_says_so() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "Acme");
    while !app.on_file_stop() {
        app.update(Action::NextField);
    }
    undo(&mut app);
    assert_eq!(app.case().skill.name, "Acme");
    assert!(
        status(&app).is_some_and(|s| s.starts_with("Nothing to undo here")),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_text_from_the_editor_is_one_step() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Description));
    type_text(&mut app, "first");
    app.update(Action::Outcome(Outcome::Edited {
        field: FieldId::Description,
        text: "from $EDITOR".to_owned(),
    }));
    undo(&mut app);
    assert_eq!(app.case().failure.description, "first");
}

#[test]
fn a_read_only_draft_refuses_undo_and_keeps_the_history() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "Acme");
    app.set_draft(Some("old".to_owned()), Access::ReadOnly { version: 99 });
    undo(&mut app);
    assert_eq!(app.case().skill.name, "Acme");
    assert!(
        status(&app).is_some_and(|s| s.starts_with("Read-only")),
        "{:?}",
        app.status()
    );
    assert_eq!(app.history().depth(FieldId::SkillName), (1, 0));
    redo(&mut app);
    assert_eq!(app.case().skill.name, "Acme");
}

#[test]
fn an_import_starts_the_history_afresh() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "Acme");
    let mut imported = linkcase::case::Case::default();
    "client".clone_into(&mut imported.account_linking.client_id);
    app.update(Action::Outcome(Outcome::Imported {
        case: Box::new(imported),
        report: vec![ImportNote {
            file: "x.json".into(),
            key: "clientId".to_owned(),
            outcome: linkcase::import::Outcome::Filled(FieldId::ClientId),
        }],
        lints: Vec::new(),
    }));
    assert_eq!(app.case().account_linking.client_id, "client");
    assert_eq!(app.history().depth(FieldId::SkillName), (0, 0));
}

#[test]
fn help_lists_undo_and_redo_with_their_keys() {
    let help = keymap::help_lines();
    assert!(
        help.contains(&(None, "Ctrl+Z".to_owned(), "undo")),
        "{help:?}"
    );
    assert!(
        help.contains(&(None, "Alt+Z / Ctrl+Shift+Z".to_owned(), "redo")),
        "{help:?}"
    );
}

#[test]
fn news_goes_after_six_seconds_of_ticks_and_not_before() {
    let mut app = app();
    undo(&mut app);
    assert_eq!(app.status().map(|s| s.tone), Some(Tone::Info));
    let t0 = Instant::now();
    assert_eq!(
        app.status_due_in(t0),
        Some(Duration::ZERO),
        "not stamped yet"
    );
    app.update(Action::Tick(t0));
    assert_eq!(app.status_due_in(t0), Some(SHORT_LIFE));
    app.update(Action::Tick(
        t0 + SHORT_LIFE.saturating_sub(Duration::from_millis(1)),
    ));
    assert!(app.status().is_some(), "not before its time");
    app.update(Action::Tick(t0 + SHORT_LIFE));
    assert_eq!(app.status(), None);
    assert_eq!(app.status_due_in(t0 + SHORT_LIFE), None);
}

#[test]
fn a_warning_stays_longer_and_is_stamped_by_the_first_tick_after_it() {
    let mut app = app();
    let t0 = Instant::now();
    app.update(Action::Tick(t0));
    app.update(Action::Focus(FieldId::Description));
    app.update(Action::Paste("x".repeat(20_000)));
    assert_eq!(app.status().map(|s| s.tone), Some(Tone::Warning));
    // Set long after the last tick: its time starts at the next one.
    let later = t0 + Duration::from_secs(60);
    app.update(Action::Tick(later));
    app.update(Action::Tick(later + SHORT_LIFE));
    assert!(app.status().is_some(), "a warning outlives news");
    app.update(Action::Tick(later + WARNING_LIFE));
    assert_eq!(app.status(), None);
}

#[test]
fn a_save_that_works_after_a_failure_says_so() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    type_text(&mut app, "Acme");
    app.update(Action::Outcome(Outcome::DraftSaveFailed(
        "disk full".to_owned(),
    )));
    assert_eq!(app.status().map(|s| s.tone), Some(Tone::Error));
    let Some(Effect::SaveDraft(save)) = app.flush() else {
        panic!("a save is pending");
    };
    app.update(Action::Outcome(Outcome::DraftSaved {
        id: "d".to_owned(),
        revision: save.revision,
    }));
    let status = app.status().expect("a status");
    assert_eq!(
        (status.tone, status.text.as_str()),
        (Tone::Success, "Draft saved")
    );
}

#[test]
fn the_quit_question_goes_with_its_message() {
    let mut app = app();
    assert!(!app.quit_unsaved("disk full"), "asked first");
    let t0 = Instant::now();
    app.update(Action::Tick(t0));
    app.update(Action::Tick(t0 + Duration::from_secs(3600)));
    assert_eq!(app.status(), None);
    assert!(
        !app.quit_unsaved("disk full"),
        "asked again, never quit unasked"
    );
}

/// One edit, undo or redo on the field under test.
#[derive(Debug, Clone)]
enum Op {
    Type(char),
    Erase,
    Left,
    Paste(&'static str),
    Toggle,
    Confirm,
    Next,
    Delete,
    Move,
    EditEntry,
    LeaveAndReturn,
    Undo,
    Redo,
}

fn any_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => proptest::sample::select(vec!['a', 'b', ' ', '界', '.']).prop_map(Op::Type),
        1 => Just(Op::Erase),
        1 => Just(Op::Left),
        1 => proptest::sample::select(vec!["x y", "p.example.com, q.example.com", "tokyo"])
            .prop_map(Op::Paste),
        1 => Just(Op::Toggle),
        1 => Just(Op::Confirm),
        1 => Just(Op::Next),
        1 => Just(Op::Delete),
        1 => Just(Op::Move),
        1 => Just(Op::EditEntry),
        1 => Just(Op::LeaveAndReturn),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

fn apply(app: &mut App, field: FieldId, op: &Op) {
    let action = match op {
        Op::Type(c) => Action::Input(Input {
            key: Key::Char(*c),
            ..Input::default()
        }),
        Op::Erase => Action::Input(Input {
            key: Key::Backspace,
            ..Input::default()
        }),
        Op::Left => Action::Input(Input {
            key: Key::Left,
            ..Input::default()
        }),
        Op::Paste(text) => Action::Paste((*text).to_owned()),
        Op::Toggle => Action::Toggle,
        Op::Confirm => Action::Confirm,
        Op::Next => Action::Next,
        Op::Delete => Action::DeleteEntry,
        Op::Move => Action::MoveEntryUp,
        Op::EditEntry => Action::EditEntry,
        Op::LeaveAndReturn => Action::NextField,
        Op::Undo => Action::Undo,
        Op::Redo => Action::Redo,
    };
    app.update(action);
    if app.dialog().is_some() {
        app.update(Action::Cancel);
    }
    if app.field().id != field {
        app.update(Action::Focus(field));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn undoing_everything_returns_the_field_to_where_it_started(
        field in proptest::sample::select(vec![
            FieldId::SkillId,
            FieldId::SkillName,
            FieldId::Description,
            FieldId::TokenExpiration,
            FieldId::Password,
            FieldId::SkillStage,
            FieldId::Regions,
            FieldId::NotAmazonCredentials,
            FieldId::Domains,
            FieldId::TimeZone,
        ]),
        ops in proptest::collection::vec(any_op(), 0..60),
    ) {
        let mut app = app();
        app.update(Action::Focus(field));
        let start: Snapshot = value::snapshot(app.case(), field);
        for op in &ops {
            apply(&mut app, field, op);
        }
        let mut undos = 0;
        loop {
            apply(&mut app, field, &Op::Undo);
            if status(&app).is_some_and(|s| s.starts_with("Nothing to undo")) {
                break;
            }
            undos += 1;
            prop_assert!(undos < 1000, "undo never ends");
        }
        prop_assert_eq!(value::snapshot(app.case(), field), start);
    }
}
