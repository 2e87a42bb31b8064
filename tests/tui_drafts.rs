//! The form's drafts through `App::update`, with no terminal and no sleeping: the autosave
//! debounce (instants passed in), flushing, the drafts screen's effects, and read-only drafts.

use std::time::{Duration, Instant};

use crate::support::{app, env, press, type_text};
use linkcase::case::{Case, FieldId};
use linkcase::export::Format;
use linkcase::store::{Access, DraftSummary};
use linkcase::tui::action::{DraftOp, DraftSave};
use linkcase::tui::app::{Changes, DEBOUNCE, Dialog, Screen};
use linkcase::tui::{Action, App, Effect, Outcome};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui_textarea::{Input, Key};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn save_of(effect: Option<Effect>) -> DraftSave {
    match effect {
        Some(Effect::SaveDraft(save)) => save,
        other => panic!("expected a draft save, got {other:?}"),
    }
}

fn summary(id: &str) -> DraftSummary {
    DraftSummary {
        id: id.to_owned(),
        updated: env().now,
        skill_id: String::new(),
        summary: None,
        access: Access::ReadWrite,
    }
}

#[test]
fn a_change_is_saved_one_debounce_after_it_was_made() {
    let mut app = app();
    let t0 = Instant::now();
    assert_eq!(app.update(Action::Tick(t0)), None, "nothing to save");
    assert_eq!(app.save_due_in(t0), None);
    type_text(&mut app, "amzn1");
    assert_eq!(app.changes(), Changes::Unsaved);
    assert_eq!(
        app.save_due_in(t0),
        Some(Duration::ZERO),
        "the loop ticks at once"
    );
    assert_eq!(
        app.update(Action::Tick(t0)),
        None,
        "the first tick starts the clock"
    );
    assert_eq!(app.save_due_in(t0 + ms(100)), DEBOUNCE.checked_sub(ms(100)));
    assert_eq!(app.update(Action::Tick(t0 + ms(100))), None);
    let save = save_of(app.update(Action::Tick(t0 + DEBOUNCE)));
    assert_eq!(save.id, None, "a new case gets its id at the first save");
    assert!(save.json.contains("\"id\": \"amzn1\""));
    app.update(Action::Outcome(Outcome::DraftSaved {
        id: "20261121-200000".to_owned(),
        revision: save.revision,
    }));
    assert_eq!(app.changes(), Changes::Saved);
    assert_eq!(app.draft().id.as_deref(), Some("20261121-200000"));
    assert_eq!(app.save_due_in(t0 + DEBOUNCE), None);
    type_text(&mut app, ".ask");
    app.update(Action::Tick(t0 + ms(400)));
    let save = save_of(app.update(Action::Tick(t0 + ms(400) + DEBOUNCE)));
    assert_eq!(
        save.id.as_deref(),
        Some("20261121-200000"),
        "later saves go to the same draft"
    );
}

#[test]
fn steady_typing_never_postpones_the_save() {
    let mut app = app();
    let t0 = Instant::now();
    type_text(&mut app, "a");
    app.update(Action::Tick(t0));
    for step in 1..5 {
        type_text(&mut app, "b");
        let at = t0 + ms(step * 50);
        assert_eq!(app.update(Action::Tick(at)), None);
    }
    save_of(app.update(Action::Tick(t0 + DEBOUNCE)));
}

#[test]
fn a_save_of_an_older_revision_leaves_the_newer_change_pending() {
    let mut app = app();
    let t0 = Instant::now();
    type_text(&mut app, "a");
    app.update(Action::Tick(t0));
    let save = save_of(app.update(Action::Tick(t0 + DEBOUNCE)));
    type_text(&mut app, "b");
    app.update(Action::Outcome(Outcome::DraftSaved {
        id: "d".to_owned(),
        revision: save.revision,
    }));
    assert_eq!(app.changes(), Changes::Unsaved);
    let save = save_of(app.flush());
    assert!(save.json.contains("\"id\": \"ab\""));
}

#[test]
fn a_failed_save_is_said_and_tried_again() {
    let mut app = app();
    let t0 = Instant::now();
    type_text(&mut app, "a");
    app.update(Action::Tick(t0));
    save_of(app.update(Action::Tick(t0 + DEBOUNCE)));
    app.update(Action::Outcome(Outcome::DraftSaveFailed(
        "disk full".to_owned(),
    )));
    assert!(app.status().is_some_and(|s| s.text.contains("disk full")));
    let t1 = t0 + ms(300);
    assert_eq!(app.update(Action::Tick(t1)), None);
    save_of(app.update(Action::Tick(t1 + DEBOUNCE)));
}

#[test]
fn leaving_a_field_that_was_tidied_is_a_change_too() {
    let mut app = app();
    app.update(Action::Paste(" amzn1.ask.skill.x ".to_owned()));
    let first = save_of(app.flush());
    app.update(Action::Outcome(Outcome::DraftSaved {
        id: "d".to_owned(),
        revision: first.revision,
    }));
    app.update(Action::NextField);
    assert_eq!(app.case().skill.id, "amzn1.ask.skill.x");
}

#[test]
fn ctrl_o_lists_the_drafts_after_saving_the_pending_change() {
    let mut app = app();
    type_text(&mut app, "a");
    let Some(Effect::Draft { flush, op }) =
        press(&mut app, KeyCode::Char('o'), KeyModifiers::CONTROL)
    else {
        panic!("a drafts effect");
    };
    assert!(flush.is_some(), "the pending change is saved first");
    assert_eq!(op, DraftOp::List);
    assert_eq!(app.screen(), Screen::Drafts { selected: 0 });
    app.update(Action::Outcome(Outcome::DraftsListed {
        drafts: vec![summary("one"), summary("two")],
        notice: None,
        renamed: None,
    }));
    assert_eq!(app.drafts().len(), 2);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    let effect = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        matches!(&effect, Some(Effect::Draft { op: DraftOp::Open(id), .. }) if id == "two"),
        "{effect:?}"
    );
    let new = press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(matches!(
        new,
        Some(Effect::Draft {
            op: DraftOp::New,
            ..
        })
    ));
    let copy = press(&mut app, KeyCode::Char('c'), KeyModifiers::NONE);
    assert!(matches!(copy, Some(Effect::Draft { op: DraftOp::Duplicate(id), .. }) if id == "two"));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.screen(), Screen::Form);
}

fn drafts_screen(open: &str) -> App {
    let mut app = app();
    app.set_draft(Some(open.to_owned()), Access::ReadWrite);
    app.update(Action::Drafts);
    app.update(Action::Outcome(Outcome::DraftsListed {
        drafts: vec![summary("one"), summary("two")],
        notice: None,
        renamed: None,
    }));
    app
}

#[test]
fn delete_asks_first_and_never_deletes_the_open_draft() {
    let mut app = drafts_screen("one");
    assert_eq!(
        press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE),
        None
    );
    assert_eq!(app.dialog(), None);
    assert!(app.status().is_some_and(|s| s.text.contains("is open")));
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!(app.dialog(), Some(&Dialog::DeleteDraft { selected: 0 }));
    assert_eq!(
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE),
        None,
        "Keep it is the default"
    );
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    let effect = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(effect, Some(Effect::Draft { op: DraftOp::Delete(id), .. }) if id == "two"));
}

#[test]
fn rename_takes_a_typed_name_and_follows_the_open_draft() {
    let mut app = drafts_screen("one");
    press(&mut app, KeyCode::Char('r'), KeyModifiers::NONE);
    assert_eq!(app.dialog(), Some(&Dialog::RenameDraft));
    assert_eq!(app.draft_name(), "one");
    for _ in 0..3 {
        app.update(Action::Input(Input {
            key: Key::Backspace,
            ..Input::default()
        }));
    }
    type_text(&mut app, "acme eu");
    let effect = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        effect,
        Some(Effect::Draft {
            flush: None,
            op: DraftOp::Rename {
                from: "one".to_owned(),
                to: "acme eu".to_owned()
            }
        })
    );
    app.update(Action::Outcome(Outcome::DraftsListed {
        drafts: vec![summary("acme-eu"), summary("two")],
        notice: None,
        renamed: Some(("one".to_owned(), "acme-eu".to_owned())),
    }));
    assert_eq!(app.draft().id.as_deref(), Some("acme-eu"));
}

#[test]
fn opening_another_draft_replaces_the_case_and_keeps_the_screen_size() {
    let mut app = drafts_screen("one");
    let case = Case {
        notes: "from two".to_owned(),
        ..Case::default()
    };
    app.update(Action::Outcome(Outcome::DraftOpened {
        id: Some("two".to_owned()),
        case: Box::new(case),
        sanitized: Vec::new(),
        access: Access::ReadWrite,
    }));
    assert_eq!(app.case().notes, "from two");
    assert_eq!(app.screen(), Screen::Form);
    assert_eq!(app.size(), (100, 30));
    assert_eq!(app.draft().id.as_deref(), Some("two"));
    assert_eq!(app.changes(), Changes::None);
}

#[test]
fn a_read_only_draft_refuses_edits_with_a_notice_and_is_never_saved() {
    let mut app = app();
    app.set_draft(Some("future".to_owned()), Access::ReadOnly { version: 2 });
    assert!(
        app.status()
            .is_some_and(|s| s.text.starts_with("Read-only"))
    );
    type_text(&mut app, "typed");
    app.update(Action::Paste("pasted".to_owned()));
    app.update(Action::Focus(FieldId::Regions));
    app.update(Action::Toggle);
    assert_eq!(app.case(), &{
        let mut case = Case::default();
        case.failure.time_zone = "America/New_York".to_owned();
        case
    });
    assert_eq!(app.update(Action::EditExternally), None);
    assert!(
        app.status()
            .is_some_and(|s| s.text.contains("never changed"))
    );
    assert_eq!(app.flush(), None);
    let t0 = Instant::now();
    app.update(Action::Tick(t0));
    assert_eq!(app.update(Action::Tick(t0 + DEBOUNCE)), None);
    assert_eq!(app.save_due_in(t0), None);
}

#[test]
fn the_save_dialog_offers_the_configured_format_first() {
    let mut app = app();
    app.set_save_format(Format::Markdown);
    app.update(Action::Save);
    assert_eq!(app.dialog(), Some(&Dialog::SaveFormat { selected: 1 }));
}
