//! The form's behaviour through `App::update`, with no terminal: navigation, editing,
//! validation timing, choices, the DST question, review, save, paste; and a property test
//! that no sequence of actions at any size panics in update or draw.

use std::path::PathBuf;

use crate::support::{app, env, press, type_text};
use linkcase::case::{Disambiguation, FieldId, Region, Severity};
use linkcase::clipboard::{Copied, Password};
use linkcase::import::ImportNote;
use linkcase::store::{Access, DraftSummary};
use linkcase::tui::action::DraftOp;
use linkcase::tui::app::{Changes, Dialog, Mark, Screen, Tone};
use linkcase::tui::{Action, App, Effect, Outcome, keymap, ui};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{Input, Key};

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(app, frame)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn tab_and_shift_tab_move_between_fields_and_wrap() {
    let mut app = app();
    assert_eq!(app.field().id, FieldId::SkillId);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::SkillStage);
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(
        app.field().id,
        FieldId::Notes,
        "Shift+Tab on the first field wraps to the last"
    );
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(
        app.field().id,
        FieldId::SkillId,
        "Tab on the last field wraps to the first"
    );
}

#[test]
fn enter_and_down_go_to_the_next_field_outside_multiline_text() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Username));
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::Password);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::Username);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::Password);
}

#[test]
fn in_multiline_text_enter_breaks_the_line_and_tab_moves_on() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Description));
    type_text(&mut app, "first");
    press(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    type_text(&mut app, "second");
    press(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    type_text(&mut app, "third");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    type_text(&mut app, "fourth");
    assert_eq!(
        app.case().failure.description,
        "first\nsecond\nthird\nfourth"
    );
    let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(
        keymap::action_for(up, |c| app.in_context(c)),
        None,
        "↑ moves the cursor"
    );
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::ScreenshotUrl);
}

#[test]
fn in_a_choice_arrows_move_enter_picks_and_moves_on_space_toggles() {
    let mut app = app();
    // A single choice: ↓ highlights the next option, Enter takes it and moves on.
    app.update(Action::Focus(FieldId::SkillStage));
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().skill.stage,
        Some(linkcase::case::SkillStage::Certification)
    );
    assert_eq!(app.field().id, FieldId::SkillName);
    // Back on the field the highlight starts on the chosen option; Enter keeps it.
    app.update(Action::Focus(FieldId::SkillStage));
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().skill.stage,
        Some(linkcase::case::SkillStage::Certification)
    );
    // A multi choice: Space toggles, ↓ moves, Enter moves on keeping what was toggled.
    app.update(Action::Focus(FieldId::Regions));
    press(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().failure.regions,
        [linkcase::case::Region::Na, linkcase::case::Region::Fe]
    );
    assert_eq!(app.field().id, FieldId::Platforms);
}

#[test]
fn typing_updates_the_case_at_once() {
    let mut app = app();
    type_text(&mut app, "My Skill");
    assert_eq!(app.case().skill.id, "My Skill");
    assert_eq!(app.changes(), Changes::Unsaved);
}

#[test]
fn a_message_shows_only_once_the_field_is_left() {
    let mut app = app();
    type_text(&mut app, "amzn1.ask.skill.NOPE");
    assert!(
        app.report().for_field(FieldId::SkillId).next().is_some(),
        "validated while typing"
    );
    assert!(
        app.messages(FieldId::SkillId).is_empty(),
        "but not shown yet"
    );
    assert_eq!(app.mark(FieldId::SkillId), Mark::Empty);
    app.update(Action::NextField);
    let messages = app.messages(FieldId::SkillId);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].severity, Severity::Error);
    assert_eq!(app.mark(FieldId::SkillId), Mark::Error);
    // Going back is never blocked.
    app.update(Action::PrevField);
    assert_eq!(app.field().id, FieldId::SkillId);
}

#[test]
fn leaving_the_skill_id_trims_spaces_and_quotes() {
    let mut app = app();
    app.update(Action::Paste(
        " \"amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff\" ".to_owned(),
    ));
    app.update(Action::NextField);
    assert_eq!(
        app.case().skill.id,
        "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff"
    );
    assert_eq!(app.mark(FieldId::SkillId), Mark::Ok);
}

#[test]
fn space_toggles_options_and_arrows_move_between_them() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Regions));
    press(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    assert_eq!(app.case().failure.regions, [Region::Na, Region::Eu]);
    press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    assert_eq!(app.case().failure.regions, [Region::Eu]);
}

#[test]
fn a_single_choice_holds_one_value() {
    let mut app = app();
    app.update(Action::Focus(FieldId::GrantType));
    app.update(Action::Toggle);
    app.update(Action::Next);
    app.update(Action::Toggle);
    assert_eq!(
        app.case().account_linking.grant_type,
        Some(linkcase::case::GrantType::Implicit)
    );
}

#[test]
fn friendly_times_are_stored_in_the_canonical_form() {
    let mut app = app();
    app.update(Action::Focus(FieldId::LocalTime));
    type_text(&mut app, "14:03");
    assert_eq!(app.case().failure.local_time, "2026-11-21 14:03");
    assert_eq!(
        app.case()
            .failure
            .utc_instant()
            .map(linkcase::case::time::format_utc),
        Ok("2026-11-21T19:03:00Z".to_owned())
    );
}

#[test]
fn a_time_in_a_dst_gap_asks_which_instant_in_place_and_records_the_answer() {
    let mut app = app();
    app.update(Action::Focus(FieldId::LocalTime));
    type_text(&mut app, "2026-03-08 02:30");
    app.update(Action::NextField);
    assert_eq!(
        app.dialog(),
        None,
        "never a dialog that takes the next keys"
    );
    assert_eq!(app.field().id, FieldId::TimeZone);
    assert!(
        app.status()
            .is_some_and(|s| s.text.contains("02:30 never happened")),
        "{:?}",
        app.status()
    );
    app.update(Action::NextField);
    assert_eq!(
        app.field().id,
        FieldId::Disambiguation,
        "a stop at a DST edge"
    );
    let shown = screen(&app, 100, 30);
    // Each reading in local terms (wrapped at this width).
    assert!(
        shown.contains("Earlier: 02:30 EDT (UTC−4), read as if the clocks had already"),
        "{shown}"
    );
    assert!(shown.contains("gone forward → 06:30Z"), "{shown}");
    assert!(shown.contains("Later: 02:30 EST (UTC−5)"), "{shown}");
    assert!(shown.contains("forward → 07:30Z"), "{shown}");
    // Nothing is highlighted, so a reflexive Enter chooses nothing.
    assert!(!shown.contains("› ( )"), "{shown}");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.case().failure.disambiguation, None, "never silently");
    assert_eq!(app.field().id, FieldId::Regions, "Enter moved on");
    assert!(
        app.messages(FieldId::Disambiguation)
            .iter()
            .any(|f| f.severity == Severity::Error),
        "passed without an answer: judged"
    );
    app.update(Action::PrevField);
    assert_eq!(app.field().id, FieldId::Disambiguation);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().failure.disambiguation,
        Some(Disambiguation::Later)
    );
    assert_eq!(
        app.case()
            .failure
            .utc_instant()
            .map(linkcase::case::time::format_utc),
        Ok("2026-03-08T07:30:00Z".to_owned())
    );
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("2026-03-08T07:30:00Z"),
        "the UTC under the zone: {shown}"
    );
}

#[test]
fn changing_the_time_forgets_the_earlier_dst_choice() {
    let mut app = app();
    app.update(Action::Focus(FieldId::LocalTime));
    type_text(&mut app, "2026-11-01 01:30");
    app.update(Action::Focus(FieldId::Disambiguation));
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().failure.disambiguation,
        Some(Disambiguation::Earlier)
    );
    app.update(Action::Focus(FieldId::LocalTime));
    app.update(Action::Input(Input {
        key: Key::Backspace,
        ..Input::default()
    }));
    assert_eq!(app.case().failure.disambiguation, None);
}

#[test]
fn the_dst_question_is_said_once_per_change_and_swallows_no_keys() {
    let mut app = app();
    app.update(Action::Focus(FieldId::LocalTime));
    type_text(&mut app, "2026-11-01 01:30");
    app.update(Action::NextField);
    assert!(
        app.status()
            .is_some_and(|s| s.text.contains("01:30 happened twice in America/New_York"))
    );
    // The keys typed next go where the focus is: the zone search.
    type_text(&mut app, "paris");
    assert_eq!(app.dialog(), None);
    assert!(app.editor().is_searching(), "typed into the zone search");
    app.update(Action::Cancel);
    app.update(Action::PrevField);
    app.update(Action::NextField);
    assert_eq!(
        app.status(),
        None,
        "not asked again for the same time and zone"
    );
    app.update(Action::PrevField);
    type_text(&mut app, "1");
    app.update(Action::Input(Input {
        key: Key::Backspace,
        ..Input::default()
    }));
    app.update(Action::NextField);
    assert_eq!(app.status(), None, "the same time again is no change");
}

#[test]
fn only_what_applies_is_a_stop_and_tab_ends_on_file_the_case() {
    let mut app = app();
    let mut seen = vec![app.field().id];
    for _ in 0..60 {
        app.update(Action::NextField);
        if app.on_file_stop() {
            break;
        }
        seen.push(app.field().id);
    }
    assert!(
        app.on_file_stop(),
        "Tab from the last field lands on File the case"
    );
    assert!(
        !seen.contains(&FieldId::Utc),
        "the derived UTC is shown, not a stop"
    );
    assert!(
        !seen.contains(&FieldId::Disambiguation),
        "no DST edge, no question"
    );
    let steps = seen
        .iter()
        .filter(|id| matches!(id, FieldId::Step(_)))
        .count();
    assert_eq!(steps, 1, "the steps are one stop: {seen:?}");
    assert_eq!(seen.last(), Some(&FieldId::Notes));
    app.update(Action::NextField);
    assert_eq!(
        app.field().id,
        FieldId::SkillId,
        "and from there round again"
    );
    app.update(Action::PrevField);
    assert!(app.on_file_stop(), "Shift+Tab goes back to it");
}

#[test]
fn steps_ruled_out_by_the_answers_are_not_rows() {
    let mut app = app();
    app.update(Action::Focus(FieldId::GrantType));
    // Implicit: the token endpoint steps cannot apply.
    app.update(Action::Next);
    app.update(Action::Confirm);
    assert_eq!(
        app.case().account_linking.grant_type,
        Some(linkcase::case::GrantType::Implicit)
    );
    let all_stops = linkcase::tui::app::stops(app.case());
    let steps: Vec<FieldId> = all_stops
        .iter()
        .flatten()
        .filter_map(|&i| linkcase::case::FIELDS.get(i).map(|f| f.id))
        .filter(|id| matches!(id, FieldId::Step(_)))
        .collect();
    assert!(!steps.contains(&FieldId::Step(linkcase::case::Step::TokenWithin4_5s)));
    assert!(steps.contains(&FieldId::Step(linkcase::case::Step::ImplicitFragment)));
    app.update(Action::Focus(FieldId::Step(
        linkcase::case::Step::AuthServerLogs,
    )));
    let shown = screen(&app, 80, 40);
    assert!(!shown.contains("Token endpoint answers"), "{shown}");
    assert!(shown.contains("steps do not apply to this case"), "{shown}");
}

#[test]
fn the_steps_grid_answers_with_one_key_and_moves_on() {
    use linkcase::case::{Step, StepState};
    let mut app = app();
    app.update(Action::Focus(FieldId::Step(Step::AuthServerLogs)));
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    assert_eq!(
        app.case().steps_tried.get(Step::AuthServerLogs),
        Some(StepState::Done)
    );
    assert_eq!(
        app.field().id,
        FieldId::Step(Step::TokenWithin4_5s),
        "moved on"
    );
    press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(
        app.case().steps_tried.get(Step::TokenWithin4_5s),
        Some(StepState::NotDone)
    );
    assert_eq!(
        app.case().steps_tried.get(Step::TokenJson200),
        Some(StepState::NotApplicable)
    );
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::Step(Step::TokenJson200));
    press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(
        app.case().steps_tried.get(Step::TokenJson200),
        None,
        "cleared"
    );
    let shown = screen(&app, 80, 30);
    assert!(
        shown.contains("Done      Checked the authorization server"),
        "{shown}"
    );
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::Notes, "Tab leaves the grid");
    press(&mut app, KeyCode::BackTab, KeyModifiers::NONE);
    assert!(matches!(app.field().id, FieldId::Step(_)));
}

#[test]
fn page_down_and_up_move_between_sections() {
    let mut app = app();
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::Username);
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::CustomerId);
    press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::Username);
    for _ in 0..10 {
        press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    }
    assert!(app.on_file_stop(), "past the last section: File the case");
}

#[test]
fn file_the_case_lists_what_is_left_and_acts() {
    use linkcase::tui::app::FileItem;
    let mut app = app();
    app.update(Action::Focus(FieldId::Notes));
    app.update(Action::NextField);
    assert!(app.on_file_stop());
    let items = app.file_items();
    assert!(
        items.iter().any(|i| matches!(
            i,
            FileItem::Fix {
                field: FieldId::SkillId,
                severity: Severity::Error,
                ..
            }
        )),
        "{items:?}"
    );
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Not ready:"), "{shown}");
    assert!(shown.contains("Skill ID"), "{shown}");
    // Enter on the first thing left goes to its field.
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.field().id, FieldId::SkillId);
    // The actions come last: Review, Copy, Save.
    app.update(Action::PrevField);
    assert!(app.on_file_stop());
    let last = app.file_items().len();
    for _ in 0..last {
        press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    assert!(press(&mut app, KeyCode::Enter, KeyModifiers::NONE).is_none());
    assert!(
        matches!(app.dialog(), Some(Dialog::SaveFormat { .. })),
        "Save asks the format"
    );
    app.update(Action::Cancel);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert!(matches!(
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE),
        Some(Effect::Copy { .. })
    ));
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(app.screen(), Screen::Review { .. }));
}

#[test]
fn a_complete_case_is_ready_to_file() {
    let loaded = linkcase::case::load::parse(include_bytes!("fixtures/example.json")).unwrap();
    let mut app = App::open(loaded, env());
    app.update(Action::Focus(FieldId::Notes));
    app.update(Action::NextField);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Ready to file"), "{shown}");
    let items = app.file_items();
    assert!(
        !items
            .iter()
            .any(|i| matches!(i, linkcase::tui::app::FileItem::Fix { check: false, .. })),
        "nothing left: {items:?}"
    );
    assert!(
        items
            .iter()
            .any(|i| matches!(i, linkcase::tui::app::FileItem::Fix { check: true, .. })),
        "the configuration's checks are listed, to jump to: {items:?}"
    );
    assert_eq!(
        items.get(app.file_cursor()),
        Some(&linkcase::tui::app::FileItem::Review),
        "the cursor starts on Review"
    );
}

#[test]
fn the_zone_picker_searches_and_picks() {
    let mut app = app();
    app.update(Action::Focus(FieldId::TimeZone));
    assert_eq!(
        app.case().failure.time_zone,
        "America/New_York",
        "the default zone"
    );
    type_text(&mut app, "kolkata");
    assert_eq!(
        app.case().failure.time_zone,
        "America/New_York",
        "not until picked"
    );
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.case().failure.time_zone, "Asia/Kolkata");
    assert_eq!(
        app.field().id,
        FieldId::TimeZone,
        "picking stays on the field"
    );
    type_text(&mut app, "+05:30");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.case().failure.time_zone, "+05:30");
}

#[test]
fn review_lists_findings_and_jumps_to_the_field() {
    let mut app = app();
    press(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(matches!(app.screen(), Screen::Review { selected: 0, .. }));
    let first = app.report().findings[0].field();
    let second = app.report().findings[1].field();
    assert_eq!(first, Some(FieldId::SkillId));
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.screen(), Screen::Form);
    assert_eq!(Some(app.field().id), second);
}

#[test]
fn a_pasted_list_splits_into_entries() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Domains));
    app.update(Action::Paste(
        "cdn.example.com, fonts.example.net\r\nauth.example.org".to_owned(),
    ));
    assert_eq!(
        app.case().account_linking.domains,
        ["cdn.example.com", "fonts.example.net", "auth.example.org"]
    );
    type_text(&mut app, "one.example.com");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.case().account_linking.domains.len(), 4);
    assert_eq!(
        app.field().id,
        FieldId::Domains,
        "Enter with text adds an entry"
    );
    press(&mut app, KeyCode::Up, KeyModifiers::ALT);
    press(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(app.case().account_linking.domains.len(), 3);
    // The highlight stays on the last entry; Ctrl+E takes it out to change it.
    press(&mut app, KeyCode::Char('e'), KeyModifiers::CONTROL);
    type_text(&mut app, "x");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().account_linking.domains,
        ["cdn.example.com", "fonts.example.net", "auth.example.orgx"]
    );
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.field().id,
        FieldId::AccessTokenUrl,
        "Enter on an empty input moves on"
    );
}

#[test]
fn a_pasted_newline_never_submits_a_one_line_field() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Username));
    app.update(Action::Paste("tester@example.com\n".to_owned()));
    assert_eq!(app.field().id, FieldId::Username);
    assert_eq!(app.case().test_account.username, "tester@example.com");
}

#[test]
fn a_huge_paste_is_cut_with_a_notice() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Notes));
    app.update(Action::Paste("n".repeat(50_000)));
    assert_eq!(app.case().notes.len(), 10_000);
    assert!(app.status().is_some_and(|s| s.text.contains("cut")));
}

#[test]
fn the_password_is_masked_until_revealed() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Password));
    type_text(&mut app, "hunter2");
    assert_eq!(app.case().test_account.password.expose(), "hunter2");
    assert!(!screen(&app, 100, 30).contains("hunter2"));
    press(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    assert!(screen(&app, 100, 30).contains("hunter2"));
    app.update(Action::NextField);
    app.update(Action::PrevField);
    assert!(
        !screen(&app, 100, 30).contains("hunter2"),
        "hidden again after leaving"
    );
}

#[test]
fn save_asks_format_password_and_name_then_writes_through_an_effect() {
    let mut app = app();
    app.set_save_dir(PathBuf::from("/tmp"));
    app.update(Action::Focus(FieldId::Password));
    type_text(&mut app, "hunter2");
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.dialog(), Some(&Dialog::SaveFormat { selected: 0 }));
    app.update(Action::Next);
    app.update(Action::Next);
    app.update(Action::Confirm);
    app.update(Action::Next);
    assert_eq!(app.update(Action::Confirm), None, "the name is asked first");
    let Some(Effect::Save {
        path,
        contents,
        include_secrets,
        replace,
        ..
    }) = press(&mut app, KeyCode::Enter, KeyModifiers::NONE)
    else {
        panic!("no save effect");
    };
    assert_eq!(path, PathBuf::from("/tmp/linkcase-case-2026-11-21.json"));
    assert!(include_secrets);
    assert!(!replace, "an existing file is not replaced unasked");
    assert!(contents.contains("hunter2"));
    app.update(Action::Outcome(Outcome::Saved {
        path: "/tmp/linkcase-case-2026-11-21.json".into(),
        replaced: false,
        include_secrets: true,
    }));
    assert_eq!(
        app.changes(),
        Changes::Unsaved,
        "an export is not the draft: its save is still pending"
    );
    assert!(
        app.status()
            .is_some_and(|s| s.text.contains("/tmp/linkcase-case-2026-11-21.json"))
    );
}

#[test]
fn copy_includes_the_password_unless_the_config_says_otherwise() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Password));
    type_text(&mut app, "hunter2");
    let Some(Effect::Copy { text, password }) =
        press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL)
    else {
        panic!("Ctrl+Y copies");
    };
    assert_eq!(password, Password::Included);
    assert!(text.contains("hunter2"), "{text}");
    app.set_copy_includes_password(false);
    let Some(Effect::Copy { text, password }) = app.update(Action::Copy) else {
        panic!("Ctrl+Y copies");
    };
    assert_eq!(password, Password::LeftOut);
    assert!(!text.contains("hunter2"), "{text}");
}

#[test]
fn copy_is_truthful_about_where_the_text_went() {
    let status = |to: Copied, saved: Option<Result<PathBuf, String>>, notice: Option<&str>| {
        let mut app = app();
        app.update(Action::Outcome(Outcome::Copied {
            to,
            password: Password::Included,
            saved,
            notice: notice.map(str::to_owned),
        }));
        app.status().expect("a status").clone()
    };
    let system = status(Copied::System, None, None);
    assert_eq!(
        system.text,
        "Copied to the clipboard (the password is in it)"
    );
    assert_eq!(system.tone, Tone::Success);
    let osc52 = status(Copied::Osc52, None, Some("no system clipboard: no display"));
    assert_eq!(
        osc52.text,
        "Sent to the terminal's clipboard (OSC 52; the password is in it) · no system clipboard: no display"
    );
    let both = status(Copied::Both, None, None);
    assert!(
        both.text
            .starts_with("Copied to the clipboard and sent to the terminal's clipboard (OSC 52")
    );
    let saved = status(
        Copied::Nowhere("no display".to_owned()),
        Some(Ok(PathBuf::from("/data/linkcase-copy-1.txt"))),
        Some("no system clipboard: no display"),
    );
    assert_eq!(
        saved.text,
        "No clipboard: saved to /data/linkcase-copy-1.txt instead (the password is in it)"
    );
    assert_eq!(saved.tone, Tone::Warning);
    let lost = status(
        Copied::Nowhere("no display".to_owned()),
        Some(Err("read-only file system".to_owned())),
        None,
    );
    assert_eq!(lost.tone, Tone::Error);
    assert!(lost.text.contains("no display") && lost.text.contains("read-only file system"));
}

#[test]
fn quitting_never_asks_the_draft_is_flushed_instead() {
    let mut app = app();
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
    assert_eq!(app.flush(), None, "nothing to save");
    type_text(&mut app, "x");
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
    assert_eq!(app.dialog(), None, "no question");
    let Some(Effect::SaveDraft(save)) = app.flush() else {
        panic!("the pending change is saved at quit");
    };
    assert!(save.json.contains("\"id\": \"x\""), "{}", save.json);
}

#[test]
fn help_opens_with_f1_and_question_mark_outside_text() {
    let mut app = app();
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert!(matches!(app.dialog(), Some(Dialog::Help { .. })));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.dialog(), None);
    let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
    assert_eq!(
        keymap::action_for(question, |c| app.in_context(c)),
        None,
        "types in text"
    );
    app.update(Action::Focus(FieldId::Regions));
    press(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
    assert!(matches!(app.dialog(), Some(Dialog::Help { .. })));
}

#[test]
fn clicks_go_to_sections_focus_fields_and_toggle_options() {
    let mut app = app();
    let areas = ui::layout(&app).unwrap();
    // The sidebar's rows: Skill, Test account, Failure, …
    app.update(Action::Click(areas.sidebar.x + 3, areas.sidebar.y + 3));
    assert_eq!(
        app.field().id,
        FieldId::CustomerId,
        "a section: its first field"
    );
    app.update(Action::Focus(FieldId::Platforms));
    let editor = ui::focused_editor(&app).unwrap();
    app.update(Action::Click(editor.x + 3, editor.y + 1));
    assert_eq!(
        app.case().failure.platforms,
        [linkcase::case::Platform::Ios]
    );
    // A field on the page: its label row.
    let shown = screen(&app, 100, 30);
    let row = shown
        .lines()
        .position(|l| l.contains("Region(s)"))
        .unwrap_or_else(|| panic!("{shown}"));
    app.update(Action::Click(areas.page.x + 4, u16::try_from(row).unwrap()));
    assert_eq!(app.field().id, FieldId::Regions);
}

#[test]
fn list_entries_move_up_and_down_with_ctrl_or_alt_shift_arrows() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Scopes));
    app.update(Action::Paste("profile email openid".to_owned()));
    let alt_shift = KeyModifiers::ALT | KeyModifiers::SHIFT;
    press(&mut app, KeyCode::Up, KeyModifiers::ALT);
    assert_eq!(
        app.update(Action::MoveEntryDown),
        None,
        "the last entry stays last"
    );
    press(&mut app, KeyCode::Up, KeyModifiers::CONTROL);
    assert_eq!(
        app.case().account_linking.scopes,
        ["profile", "openid", "email"]
    );
    press(&mut app, KeyCode::Up, alt_shift);
    assert_eq!(
        app.case().account_linking.scopes,
        ["openid", "profile", "email"],
        "the moved entry stays highlighted"
    );
    press(&mut app, KeyCode::Up, KeyModifiers::CONTROL);
    assert_eq!(
        app.case().account_linking.scopes,
        ["openid", "profile", "email"],
        "the first entry stays first"
    );
    press(&mut app, KeyCode::Down, alt_shift);
    press(&mut app, KeyCode::Down, KeyModifiers::CONTROL);
    assert_eq!(
        app.case().account_linking.scopes,
        ["profile", "email", "openid"]
    );
    assert_eq!(app.changes(), Changes::Unsaved);
    let help = keymap::help_lines();
    for (keys, label) in [
        ("Ctrl+↑ / Alt+Shift+↑", "move entry up"),
        ("Ctrl+↓ / Alt+Shift+↓", "move entry down"),
    ] {
        assert!(
            help.iter().any(|(_, k, l)| k == keys && *l == label),
            "help shows {keys} {label}"
        );
    }
    // The footer shows them where there is room beside review, help and quit.
    app.update(Action::Resize(160, 30));
    assert!(screen(&app, 160, 30).contains("Ctrl+↑/Alt+Shift+↑ move entry up"));
}

#[test]
fn moving_needs_a_highlighted_entry() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Domains));
    app.update(Action::Paste("a.example.com b.example.com".to_owned()));
    app.update(Action::MoveEntryUp);
    app.update(Action::MoveEntryDown);
    assert_eq!(
        app.case().account_linking.domains,
        ["a.example.com", "b.example.com"]
    );
}

#[test]
fn pasting_into_the_zone_search_shows_matches_at_once() {
    let mut app = app();
    app.update(Action::Focus(FieldId::TimeZone));
    app.update(Action::Paste("kolkata\n".to_owned()));
    assert!(screen(&app, 100, 30).contains("Asia/Kolkata"));
    assert_eq!(app.case().failure.time_zone, "America/New_York");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.case().failure.time_zone, "Asia/Kolkata");
    // A second paste replaces nothing typed before and searches again.
    app.update(Action::Paste("tokyo".to_owned()));
    let drawn = screen(&app, 100, 30);
    assert!(drawn.contains("Asia/Tokyo"), "{drawn}");
}

#[test]
fn opening_a_file_with_control_characters_says_so_once() {
    let json = r#"{"schema_version": 1,
        "skill": {"name": "My\u001b[31m Skill"},
        "test_account": {"username": "tester\u0008@example.com"},
        "notes": "see \u202eattached",
        "account_linking": {"domains": ["a\u0007.example.com", "b\u0007.example.com"]}}"#;
    let loaded = linkcase::case::load::parse(json.as_bytes()).unwrap();
    assert!(!loaded.sanitized.is_empty());
    let mut app = App::open(loaded, env());
    let status = app.status().expect("a notice");
    assert_eq!(
        status.text,
        "Removed control characters from Skill name, Test account username, Notes and 1 more"
    );
    assert_eq!(app.case().skill.name, "My[31m Skill");
    app.update(Action::Resize(100, 30));
    assert!(screen(&app, 100, 30).contains("Removed control characters from Skill name"));
    let clean = linkcase::case::load::parse(br#"{"schema_version": 1}"#).unwrap();
    assert_eq!(App::open(clean, env()).status(), None, "nothing to say");
}

/// Every row of the drawn screen is exactly `width` columns wide as a terminal shows it:
/// wide characters take two cells (hiding the next), combining marks stay on their base
/// character, no cell holds a control character, and so no border is pushed out of place.
fn assert_rows_fill_the_width(terminal: &Terminal<TestBackend>, width: u16) {
    let buffer = terminal.backend().buffer();
    let width = usize::from(width);
    for (y, cells) in buffer.content.chunks(width).enumerate() {
        let mut row = String::new();
        let mut hidden = 0;
        for cell in cells {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "control character in row {y}: {:?}",
                cell.symbol()
            );
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            row.push_str(cell.symbol());
            hidden = ratatui::text::Span::raw(cell.symbol())
                .width()
                .saturating_sub(1);
        }
        assert_eq!(
            ratatui::text::Span::raw(&row).width(),
            width,
            "row {y} {row:?} in\n{}",
            terminal.backend()
        );
    }
}

/// Text mixing ASCII, CJK, emoji and combining marks.
fn wide_text() -> impl Strategy<Value = String> {
    let pieces = proptest::sample::select(vec![
        "a",
        " ",
        "日本語",
        "テスト",
        "🙂",
        "🦀",
        "e\u{301}",
        "a\u{308}\u{323}",
        "Ω",
        "한",
    ]);
    proptest::collection::vec(pieces, 0..30).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn wide_and_combining_text_keeps_every_row_the_width_of_the_terminal(
        name in wide_text(),
        description in wide_text(),
        focus in proptest::sample::select(vec![
            FieldId::SkillName, FieldId::Description, FieldId::Domains,
        ]),
        review in any::<bool>(),
        (width, height) in (40u16..=120, 12u16..=40),
    ) {
        let mut app = app();
        app.update(Action::Resize(width, height));
        app.update(Action::Focus(FieldId::SkillName));
        app.update(Action::Paste(name.clone()));
        app.update(Action::Focus(FieldId::Description));
        app.update(Action::Paste(description.clone()));
        app.update(Action::Focus(FieldId::Domains));
        app.update(Action::Paste(name));
        app.update(Action::Focus(focus));
        if review {
            app.update(Action::Review);
        }
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
        assert_rows_fill_the_width(&terminal, width);
    }
}

/// Any action the keymap can produce, typed keys, pastes, clicks and resizes.
fn any_action() -> impl Strategy<Value = Action> {
    let bound: Vec<Action> = keymap::BINDINGS.iter().map(|b| b.action.clone()).collect();
    let fields: Vec<FieldId> = linkcase::case::FIELDS.iter().map(|f| f.id).collect();
    prop_oneof![
        4 => proptest::sample::select(bound),
        4 => any::<char>().prop_map(|c| Action::Input(Input { key: Key::Char(c), ..Input::default() })),
        1 => Just(Action::Input(Input { key: Key::Backspace, ..Input::default() })),
        1 => "(?s).{0,40}".prop_map(Action::Paste),
        1 => proptest::sample::select(vec![
            "2026-03-08 02:30", "2026-11-01 01:30", "now", "new y", "a, b\nc", "界🦀e\u{301}\u{202e}",
        ])
        .prop_map(|s| Action::Paste(s.to_owned())),
        1 => (0u16..210, 0u16..70).prop_map(|(x, y)| Action::Click(x, y)),
        1 => (1u16..=200, 1u16..=60).prop_map(|(w, h)| Action::Resize(w, h)),
        1 => proptest::sample::select(fields).prop_map(Action::Focus),
        1 => (0u64..2000).prop_map(|ms| Action::Tick(start() + std::time::Duration::from_millis(ms))),
    ]
}

/// One fixed instant for the proptest's ticks.
fn start() -> std::time::Instant {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *START.get_or_init(std::time::Instant::now)
}

/// What the loop would report for an import, without files: a failure or a filled field.
fn fake_import_outcome(files: usize) -> Outcome {
    if files.is_multiple_of(2) {
        return Outcome::ImportFailed("x.json: cannot import: not JSON".to_owned());
    }
    let mut case = linkcase::case::Case::default();
    "alexa 界\u{202e}".clone_into(&mut case.account_linking.client_id);
    Outcome::Imported {
        case: Box::new(case),
        report: vec![ImportNote {
            file: "x.json".into(),
            key: "clientId".to_owned(),
            outcome: linkcase::import::Outcome::Filled(FieldId::ClientId),
        }],
        lints: Vec::new(),
    }
}

/// What the loop would report for a drafts operation, without a disk.
fn fake_drafts_outcome(op: DraftOp) -> Outcome {
    let summary = |id: &str| DraftSummary {
        id: id.to_owned(),
        updated: env().now,
        skill_id: String::new(),
        summary: None,
        access: Access::ReadWrite,
    };
    match op {
        DraftOp::Open(id) => Outcome::DraftOpened {
            id: Some(id),
            case: Box::default(),
            sanitized: Vec::new(),
            access: Access::ReadOnly { version: 2 },
        },
        DraftOp::New => Outcome::DraftOpened {
            id: None,
            case: Box::default(),
            sanitized: Vec::new(),
            access: Access::ReadWrite,
        },
        _ => Outcome::DraftsListed {
            drafts: vec![
                summary("a"),
                summary("20261121-200000"),
                summary("b\u{202e}界"),
            ],
            notice: None,
            renamed: None,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_of_actions_at_any_size_panics(
        actions in proptest::collection::vec(any_action(), 0..200),
        (width, height) in (1u16..=200, 1u16..=60),
    ) {
        let mut app = app();
        app.update(Action::Resize(width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for action in actions {
            if let Action::Resize(w, h) = action {
                terminal.backend_mut().resize(w, h);
            }
            let outcome = match app.update(action) {
                // A first save finds a file there, so the replace question is drawn too.
                Some(Effect::Save { path, replace: false, .. }) => Some(Outcome::SaveExists { path }),
                Some(Effect::Save { include_secrets, .. }) => Some(Outcome::Saved {
                    path: "/tmp/x".into(), replaced: true, include_secrets,
                }),
                Some(Effect::EditExternally { field, text }) => {
                    Some(Outcome::Edited { field, text: text + "\nedited" })
                }
                Some(Effect::Copy { password, .. }) => Some(Outcome::Copied {
                    to: Copied::Nowhere("no display".to_owned()),
                    password,
                    saved: Some(Ok("/tmp/linkcase-copy.txt".into())),
                    notice: Some("no system clipboard: no display".to_owned()),
                }),
                Some(Effect::Import { paths, .. }) => Some(fake_import_outcome(paths.len())),
                Some(Effect::SaveDraft(save)) => Some(Outcome::DraftSaved {
                    id: "20261121-200000".to_owned(), revision: save.revision,
                }),
                Some(Effect::Draft { op, .. }) => Some(fake_drafts_outcome(op)),
                Some(Effect::Quit) | None => None,
            };
            if let Some(outcome) = outcome {
                app.update(Action::Outcome(outcome));
            }
            terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
            let width = terminal.backend().buffer().area.width;
            assert_rows_fill_the_width(&terminal, width);
        }
    }
}

#[test]
fn findings_are_computed_once_per_change_never_per_tick_or_frame() {
    let mut app = app();
    let start = app.refreshes();
    type_text(&mut app, "amzn1");
    assert_eq!(
        app.refreshes(),
        start + 5,
        "one computation per key that edits"
    );
    // Keys that change nothing in the case, ticks and frames compute nothing.
    app.update(Action::Input(Input {
        key: Key::Left,
        ..Input::default()
    }));
    app.update(Action::Tick(std::time::Instant::now()));
    let _ = screen(&app, 100, 30);
    let _ = screen(&app, 80, 24);
    app.update(Action::Resize(80, 24));
    assert_eq!(app.refreshes(), start + 5);
    // The clock only counts when the minute changes (the "in the future" rule).
    let now = crate::support::env().now;
    app.set_now(now + chrono::Duration::seconds(30));
    assert_eq!(app.refreshes(), start + 5, "same minute");
    app.set_now(now + chrono::Duration::seconds(61));
    assert_eq!(app.refreshes(), start + 6, "next minute");
}

#[test]
fn header_sidebar_review_and_summary_agree_on_one_case() {
    // The case of issue 8: Authorization Code Grant without an access token URL.
    let case: linkcase::case::Case =
        serde_json::from_str(include_str!("fixtures/example.json")).unwrap();
    let mut case = case;
    case.account_linking.access_token_url.clear();
    let mut app = App::new(case.clone(), crate::support::env());
    app.update(Action::Resize(100, 30));
    let summary = linkcase::case::Validator::at(crate::support::env().now)
        .validate(&case)
        .summary;
    assert_eq!(app.summary(), summary);
    assert_eq!(summary.case.errors, 1);
    let form = screen(&app, 100, 30);
    assert!(
        form.contains(&format!(" linkcase · {}", summary.case_part())),
        "{form}"
    );
    app.update(Action::Review);
    let review = screen(&app, 100, 30);
    assert!(
        review.contains(&format!("┌ {summary} · Enter goes")),
        "{review}"
    );
    assert!(review.contains("✗ Access Token URL"), "{review}");
}

#[test]
fn a_long_text_over_64_kib_is_shown_unwrapped_and_says_so() {
    let mut case = linkcase::case::Case::default();
    case.failure.description = "word ".repeat(20_000);
    let mut app = App::new(case, crate::support::env());
    app.update(Action::Resize(100, 30));
    app.update(Action::Focus(FieldId::Description));
    let drawn = screen(&app, 100, 30);
    assert!(drawn.contains("over 64 KiB"), "{drawn}");
    // A short text wraps, and says nothing about it.
    app.update(Action::Focus(FieldId::Notes));
    type_text(&mut app, "short note");
    let drawn = screen(&app, 100, 30);
    assert!(!drawn.contains("over 64 KiB"), "{drawn}");
}

#[test]
fn the_vendor_id_field_shows_the_alexa_redirect_urls_of_the_chosen_regions() {
    let mut app = app();
    app.update(Action::Focus(FieldId::VendorId));
    type_text(&mut app, "M1B2C3D4E5F6G7");
    assert_eq!(app.case().account_linking.vendor_id, "M1B2C3D4E5F6G7");
    let shown = screen(&app, 160, 50);
    assert!(
        shown.contains("https://layla.amazon.com/api/skill/link/M1B2C3D4E5F6G7"),
        "{shown}"
    );
}

#[test]
fn the_footer_always_shows_how_to_review_get_help_and_quit() {
    let mut app = app();
    for width in [40, 48, 60, 80, 100, 200] {
        app.update(Action::Resize(width, 24));
        let drawn = screen(&app, width, 24);
        let footer = drawn.lines().last().unwrap();
        for hint in ["Ctrl+R review", "F1 help", "Ctrl+Q"] {
            assert!(
                footer.contains(hint),
                "{width} columns: {hint} missing in {footer}"
            );
        }
    }
}

#[test]
fn the_mouse_wheel_moves_through_fields_and_findings_and_help_says_so() {
    let mut app = app();
    app.update(Action::Wheel(true));
    assert_eq!(app.field().id, FieldId::SkillStage);
    app.update(Action::Wheel(false));
    assert_eq!(app.field().id, FieldId::SkillId);
    app.update(Action::Review);
    app.update(Action::Wheel(true));
    assert!(
        matches!(app.screen(), Screen::Review { selected: 1, .. }),
        "{:?}",
        app.screen()
    );
    let help = keymap::help_lines();
    assert!(
        help.iter()
            .any(|(_, key, label)| key == "wheel" && label.contains("next"))
    );
}

#[test]
fn a_message_goes_with_the_next_action_unless_that_action_says_something() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Description));
    app.update(Action::Paste("x".repeat(20_000)));
    assert!(app.status().is_some(), "a paste that was cut says so");
    // Ticks, resizes and the loop's outcomes leave it.
    app.update(Action::Tick(std::time::Instant::now()));
    app.update(Action::Resize(100, 30));
    assert!(app.status().is_some());
    // The user's next action clears it.
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert!(app.status().is_none(), "{:?}", app.status());
}

#[test]
fn labels_follow_the_answers_required_only_when_it_is() {
    let mut app = app();
    app.update(Action::Focus(FieldId::AppVersion));
    let drawn = screen(&app, 100, 30);
    assert!(drawn.contains("›· Alexa app version  "), "{drawn}");
    assert!(!drawn.contains("sometimes required"), "{drawn}");
    app.update(Action::Focus(FieldId::Platforms));
    app.update(Action::Toggle);
    assert_eq!(
        app.case().failure.platforms,
        [linkcase::case::Platform::Android]
    );
    app.update(Action::Focus(FieldId::AppVersion));
    let drawn = screen(&app, 100, 30);
    assert!(drawn.contains("›· Alexa app version *"), "{drawn}");
    app.update(Action::Focus(FieldId::Platforms));
    let drawn = screen(&app, 100, 30);
    assert!(
        drawn.contains(" · Alexa app version *"),
        "out of focus too:\n{drawn}"
    );
}

#[test]
fn passing_an_untouched_field_judges_nothing_editing_it_or_reviewing_does() {
    let mut app = app();
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.mark(FieldId::SkillId), linkcase::tui::app::Mark::Empty);
    assert!(app.messages(FieldId::SkillId).is_empty());
    // Typing a wrong value and leaving judges it.
    app.update(Action::Focus(FieldId::CustomerId));
    type_text(&mut app, "nope");
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(
        app.mark(FieldId::CustomerId),
        linkcase::tui::app::Mark::Warning
    );
    // Asking to review is asking to finish: the untouched required field is judged too.
    app.update(Action::Review);
    assert_eq!(app.mark(FieldId::SkillId), linkcase::tui::app::Mark::Error);
}

/// Focuses the Domain List and adds `entries` exactly as typed.
fn domains_as_typed(app: &mut App, entries: &[&str]) {
    app.update(Action::Focus(FieldId::Domains));
    for entry in entries {
        type_text(app, entry);
        app.update(Action::AddAsTyped);
    }
}

#[test]
fn a_url_typed_into_the_domain_list_is_offered_as_its_hostname_and_enter_adds_that() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Domains));
    type_text(&mut app, "https://CDN.Example.com/x");
    assert_eq!(app.input_offer(), Some(vec!["cdn.example.com".to_owned()]));
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("Enter adds cdn.example.com ")
            && shown.contains("Alt+Enter adds it as typed"),
        "{shown}"
    );
    assert!(
        shown.contains("Alt+Enter add as typed"),
        "the footer: {shown}"
    );
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.case().account_linking.domains, ["cdn.example.com"]);
    assert_eq!(app.field().id, FieldId::Domains);
    assert!(
        app.status()
            .is_some_and(|s| s.text.contains("Added cdn.example.com")),
        "{:?}",
        app.status()
    );
}

#[test]
fn alt_enter_adds_the_entry_exactly_as_typed() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Domains));
    type_text(&mut app, "https://CDN.Example.com/x");
    press(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    assert_eq!(
        app.case().account_linking.domains,
        ["https://CDN.Example.com/x"]
    );
    // Without an offer Alt+Enter is not bound here: Enter adds what was typed.
    type_text(&mut app, "fonts.example.net");
    assert_eq!(app.input_offer(), None);
    assert!(!app.in_context(keymap::Context::ListOffer));
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().account_linking.domains,
        ["https://CDN.Example.com/x", "fonts.example.net"]
    );
}

#[test]
fn ctrl_f_fixes_the_highlighted_entry_and_only_an_entry_with_a_fix() {
    let mut app = app();
    domains_as_typed(
        &mut app,
        &[
            "https://CDN.Example.com/x",
            "*.example.org",
            "api.example.com:8443",
        ],
    );
    // Nothing highlighted: Ctrl+F is not bound, and the line under the input says how.
    assert!(!app.in_context(keymap::Context::ListFix));
    assert!(screen(&app, 100, 30).contains("Alt+↑ then Ctrl+F: fix a marked entry"));
    press(&mut app, KeyCode::Up, KeyModifiers::ALT);
    assert!(screen(&app, 100, 30).contains("Ctrl+F makes it api.example.com"));
    press(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Up, KeyModifiers::ALT);
    assert!(
        !app.in_context(keymap::Context::ListFix),
        "a wildcard has no fix"
    );
    press(&mut app, KeyCode::Up, KeyModifiers::ALT);
    press(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert_eq!(
        app.case().account_linking.domains,
        ["cdn.example.com", "*.example.org", "api.example.com"]
    );
    assert!(
        app.status().is_some_and(
            |s| s.text == "Fixed to cdn.example.com; change it in the developer console too"
        ),
        "{:?}",
        app.status()
    );
    assert_eq!(app.changes(), Changes::Unsaved);
}

#[test]
fn each_entry_with_a_finding_is_marked_in_the_list_with_a_few_words() {
    let mut app = app();
    domains_as_typed(
        &mut app,
        &[
            "cdn.example.com",
            "https://fonts.example.net/css",
            "*.example.org",
            "CDN.example.com",
        ],
    );
    let shown = screen(&app, 100, 30);
    for row in [
        "  cdn.example.com   ",
        "✗ https://fonts.example.net/css  has https:// ",
        "✗ *.example.org  no wildcards ",
        "! CDN.example.com  listed twice ",
    ] {
        assert!(shown.contains(row), "{row:?} in\n{shown}");
    }
}

#[test]
fn a_mark_and_its_reason_are_cut_to_the_width_never_through_a_wide_character() {
    let mut app = app();
    domains_as_typed(
        &mut app,
        &["https://日本語のドメイン.example/パス/もっと長いパス"],
    );
    // 40 columns is the narrowest form.
    app.update(Action::Resize(40, 12));
    let mut terminal = Terminal::new(TestBackend::new(40, 12)).unwrap();
    terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
    assert_rows_fill_the_width(&terminal, 40);
    let shown = terminal.backend().to_string();
    // Every row is the terminal's width (no wide character split); the row ends in `…`.
    assert!(
        shown
            .lines()
            .any(|l| l.contains("✗ https://日本語") && l.contains("… │")),
        "{shown}"
    );
}

#[test]
fn a_pasted_url_gets_the_same_offer_and_a_pasted_list_of_urls_waits_for_it() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Domains));
    app.update(Action::Paste("https://CDN.Example.com/x\n".to_owned()));
    assert_eq!(app.input_offer(), Some(vec!["cdn.example.com".to_owned()]));
    app.update(Action::AddAsTyped);
    app.update(Action::Paste(
        "https://a.example.com/x\r\nb.example.com:8443, c.example.com".to_owned(),
    ));
    assert_eq!(
        app.case().account_linking.domains,
        ["https://CDN.Example.com/x"],
        "entries with an offer wait in the input"
    );
    assert!(
        screen(&app, 100, 30).contains("Enter adds a.example.com, b.example.com, c.example.com")
    );
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().account_linking.domains,
        [
            "https://CDN.Example.com/x",
            "a.example.com",
            "b.example.com",
            "c.example.com"
        ]
    );
}

#[test]
fn an_offer_says_when_its_hostname_is_already_listed() {
    let mut app = app();
    domains_as_typed(&mut app, &["cdn.example.com"]);
    type_text(&mut app, "https://cdn.example.com/x");
    assert!(screen(&app, 100, 30).contains("Enter adds cdn.example.com (already listed)"));
}

#[test]
fn only_the_domain_list_offers_hostnames() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Scopes));
    type_text(&mut app, "https://example.com/scope");
    assert_eq!(app.input_offer(), None);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.case().account_linking.scopes,
        ["https://example.com/scope"]
    );
    press(&mut app, KeyCode::Up, KeyModifiers::ALT);
    assert_eq!(app.highlighted_fix(), None);
}

#[test]
fn a_click_on_a_list_row_highlights_that_entry() {
    let mut app = app();
    domains_as_typed(
        &mut app,
        &["a.example.com", "https://b.example.com", "c.example.com"],
    );
    let areas = ui::layout(&app).unwrap();
    let inner = ui::page::inner(&app, areas.page);
    let editor = ui::page::editor_area(&ui::page::layout(&app, inner), inner).unwrap();
    // The second row of the editor is the second entry.
    app.update(Action::Click(editor.x + 5, editor.y + 1));
    assert_eq!(app.highlighted_fix().as_deref(), Some("b.example.com"));
    let Some(linkcase::tui::editor::Editor::List { selected, .. }) = Some(app.editor()) else {
        panic!("a list editor");
    };
    assert_eq!(*selected, Some(1));
}

#[test]
fn a_jump_to_a_field_that_is_no_stop_lands_where_its_value_comes_from() {
    let mut app = app();
    app.update(Action::Focus(FieldId::Utc));
    assert_eq!(
        app.field().id,
        FieldId::TimeZone,
        "the UTC comes from the zone"
    );
    app.update(Action::Focus(FieldId::Disambiguation));
    assert_eq!(
        app.field().id,
        FieldId::TimeZone,
        "no DST edge: no question"
    );
    app.update(Action::Focus(FieldId::LocalTime));
    type_text(&mut app, "2026-11-01 01:30");
    app.update(Action::Focus(FieldId::Utc));
    assert_eq!(app.field().id, FieldId::Disambiguation, "at a DST edge");
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("›· Which instant *"), "{shown}");
}
