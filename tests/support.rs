//! Helpers shared by the TUI test files: a fixed environment, a fresh app, typing and key presses.
// Not every helper is used by every test module.
#![allow(dead_code)]

pub mod pty;
pub mod session;

use chrono::{DateTime, Utc};
use linkcase::case::Case;
use linkcase::case::time::Zone;
use linkcase::tui::theme::Theme;
use linkcase::tui::{Action, App, Effect, Env, keymap};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{Input, Key};

/// A fixed clock and zone, so screens and validation never depend on the machine.
pub fn env() -> Env {
    Env {
        now: DateTime::parse_from_rfc3339("2026-11-21T20:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
        zone: Zone::parse("America/New_York").unwrap(),
        theme: Theme::new(true),
    }
}

/// A new case in a 100×30 terminal.
pub fn app() -> App {
    let mut app = App::new(Case::default(), env());
    app.update(Action::Resize(100, 30));
    app
}

/// Types `text` into the focused editor, one key at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(Input {
            key: Key::Char(c),
            ..Input::default()
        }));
    }
}

/// What a key press does in the app's current state, through the keymap.
pub fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Option<Effect> {
    let action = keymap::action_for(KeyEvent::new(code, mods), |c| app.in_context(c))
        .expect("the key is bound here");
    app.update(action)
}

/// The real binary with its own data and config folders under `root` and no `$TZ`, so a
/// test never touches the real home and never depends on the machine's zone.
pub fn linkcase_in(root: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("linkcase").unwrap();
    cmd.env_remove("TZ")
        .env("LINKCASE_DATA_DIR", root.join("data"))
        .env("LINKCASE_CONFIG_DIR", root.join("config"));
    cmd
}
