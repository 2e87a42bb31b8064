//! The interactive form (DESIGN §7): one synchronous loop that reads a terminal event, maps
//! it to an [`Action`] through the keymap, lets [`App::update`] change the state, performs
//! the [`Effect`] it returns (files, clipboard, `$EDITOR`), and draws.

pub mod action;
pub mod app;
pub mod editor;
pub mod keymap;
pub mod theme;
pub mod ui;
pub mod value;
mod when;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::Utc;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

pub use action::{Action, Effect, Outcome};
pub use app::{App, Env};

use crate::case::Case;
use crate::case::load::Loaded;
use crate::case::time::default_zone;
use crate::error::{EXIT_OK, EXIT_USAGE, Error, Result};
use keymap::Context;
use theme::Theme;

/// How often the loop wakes without input, to notice SIGTERM/SIGHUP.
const TICK: Duration = Duration::from_millis(250);

/// Runs the form on a new `case` until the user quits; returns the exit code.
pub fn run(case: Case) -> Result<u8> {
    run_loaded(Loaded {
        case,
        sanitized: Vec::new(),
    })
}

/// Runs the form on a case read from a file (`linkcase open`), first saying in the status
/// line which fields lost control or bidi characters on loading; returns the exit code.
pub fn run_loaded(loaded: Loaded) -> Result<u8> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        let _ = writeln!(
            io::stderr().lock(),
            "linkcase: the interactive form needs a terminal (stdin and stdout are not both a TTY).\n\
             Without one, use the commands: linkcase validate | export | utc | zones (see linkcase --help)."
        );
        return Ok(EXIT_USAGE);
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Without the handler a signal still ends linkcase, only without restoring the terminal.
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    let env = Env {
        now: Utc::now(),
        zone: default_zone(),
        theme: Theme::from_env(),
    };
    let mut app = App::open(loaded, env);
    let mut terminal = start();
    let result = event_loop(&mut terminal, &mut app, &stop);
    finish();
    result
        .map(|()| EXIT_OK)
        .map_err(|e| Error::Usage(format!("terminal: {e}")))
}

/// Puts the terminal into the TUI's mode; `ratatui::init` also restores it on a panic.
fn start() -> DefaultTerminal {
    let terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    terminal
}

/// Gives the terminal back as it was.
fn finish() {
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, stop: &AtomicBool) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal.draw(|frame| ui::draw(app, frame))?;
        let mut next = None;
        while next.is_none() {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if event::poll(TICK)? {
                next = to_action(app, event::read()?);
            }
        }
        app.set_now(Utc::now());
        while let Some(action) = next.take() {
            if let Some(effect) = app.update(action) {
                match perform(terminal, effect) {
                    Some(outcome) => next = Some(Action::Outcome(outcome)),
                    None => return Ok(()),
                }
            }
        }
    }
}

/// The action a terminal event stands for, if any. Only key presses count (no repeats
/// or releases); keys no binding claims go to the focused text editor.
fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap::action_for(key, |c| app.in_context(c)).or_else(|| {
                (app.in_context(Context::Form) && app.editor().takes_text())
                    .then(|| Action::Input(key.into()))
            })
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    }
}

/// Performs an effect and says how it went; `None` means quit.
fn perform(terminal: &mut DefaultTerminal, effect: Effect) -> Option<Outcome> {
    let outcome = match effect {
        Effect::Quit => return None,
        // The clipboard comes with the drafts/clipboard issue; until then, say so.
        Effect::Copy { .. } => Outcome::NoClipboard,
        Effect::Save {
            file_name,
            contents,
            include_secrets,
            ..
        } => {
            let path = std::env::current_dir()
                .unwrap_or_else(|_| PathBuf::from("."))
                .join(file_name);
            let replaced = path.exists();
            match crate::files::write_atomic(&path, contents.as_bytes()) {
                Ok(()) => Outcome::Saved {
                    path,
                    replaced,
                    include_secrets,
                },
                Err(e) => Outcome::SaveFailed(e.to_string()),
            }
        }
        Effect::EditExternally { field, text } => {
            finish();
            let result = edit_externally(&text);
            *terminal = start();
            let _ = terminal.clear();
            match result {
                Ok(text) => Outcome::Edited { field, text },
                Err(e) => Outcome::EditFailed(e.to_string()),
            }
        }
    };
    Some(outcome)
}

/// Lets `$VISUAL` / `$EDITOR` (else `vi`) edit `text` in a private temp file.
fn edit_externally(text: &str) -> io::Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix("linkcase-")
        .suffix(".txt")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    // Through the shell, so an $EDITOR with arguments ("code --wait") works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()?;
    if !status.success() {
        return Err(io::Error::other(format!("{editor} exited with {status}")));
    }
    let mut edited = std::fs::read_to_string(file.path())?;
    // Editors end the file with a newline the field did not have.
    if edited.ends_with('\n') && !text.ends_with('\n') {
        edited.pop();
    }
    Ok(edited)
}
