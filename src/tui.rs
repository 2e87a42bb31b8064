//! The interactive form (DESIGN §7): one synchronous loop that reads a terminal event, maps
//! it to an [`Action`] through the keymap, lets [`App::update`] change the state, performs
//! the [`Effect`] it returns (files, clipboard, `$EDITOR`), and draws.

pub mod action;
pub mod app;
pub mod editor;
pub mod keymap;
mod outside;
mod reader;
pub mod session;
mod signals;
mod terminal;
pub mod theme;
pub mod ui;

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

pub use action::{Action, Effect, Outcome};
pub use app::{App, Env};
pub use session::Start;

use crate::case::time::default_zone;
use crate::clipboard::Clipboard;
use crate::config::{Config, Settings};
use crate::error::{EXIT_USAGE, Error, Result};
use crate::store::{Paths, Store};
use app::{Status, Tone};
use keymap::Context;
use reader::{Read, Reader};
use signals::{Ending, Input, Signals};
use terminal::{finish, release, resized, retake, start_terminal};
use theme::Theme;

/// How long the loop waits for input at most. Signals interrupt the wait; this only bounds a
/// signal that lands between the look at the flags and the wait.
const TICK: Duration = Duration::from_millis(250);

/// Runs the form on the case `start` names until the user quits; returns the exit code.
/// Every change is saved to the case's draft as it is made.
pub fn run(start: Start) -> Result<u8> {
    let paths = Paths::from_env()?;
    let mut store = Store::open(&paths)?;
    let target = session::resolve(&store, start)?;
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        let _ = writeln!(
            io::stderr().lock(),
            "linkcase: the interactive form needs a terminal (stdin and stdout are not both a TTY).\n\
             Without one, use the commands: linkcase validate | export | drafts | utc | zones (see linkcase --help)."
        );
        return Ok(EXIT_USAGE);
    }
    let settings = Settings::load(&paths.config_file());
    let begin = session::begin(&mut store, &settings.config, target)?;
    let signals = Signals::catch();
    let env = Env {
        now: Utc::now(),
        zone: settings.config.zone().unwrap_or_else(default_zone),
        theme: Theme::from_env(),
    };
    let mut app = App::open(begin.loaded, env);
    app.set_save_format(settings.config.export_format);
    app.set_save_dir(std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")));
    app.set_home(std::env::var_os("HOME").map(PathBuf::from));
    let read_only = !matches!(begin.access, crate::store::Access::ReadWrite);
    app.set_draft(begin.id, begin.access);
    let notice = settings
        .warning()
        .map(|text| Status {
            text: format!("Settings ignored: {text}"),
            tone: Tone::Warning,
        })
        .or(begin.notice);
    if let (Some(notice), Some(_) | None) = (notice, app.status()) {
        // Notices about the sanitized file or a read-only draft come first.
        if app.status().is_none() || (!read_only && notice.tone == Tone::Warning) {
            app.notify(notice.tone, notice.text);
        }
    }
    app.set_copy_includes_password(settings.config.copy_includes_password);
    if !begin.report.is_empty() {
        app.show_import_report(begin.report);
    }
    let mut io = Io {
        store: &mut store,
        config: &settings.config,
        data_dir: paths.data_dir.clone(),
        // The system clipboard is opened on the first copy; OSC 52 goes to the terminal.
        clipboard: Clipboard::with_terminal(io::stdout()),
    };
    let mut terminal = match start_terminal() {
        Ok(terminal) => terminal,
        Err(e) => {
            finish();
            return Err(Error::Terminal(e));
        }
    };
    let ending = event_loop(&mut terminal, &mut app, &mut io, &signals);
    // The draft first: a hang-up may be followed by a SIGKILL.
    let flushed = flush(&mut app, &mut io);
    release(terminal);
    finish();
    let ending = ending.unwrap_or_else(|e| {
        // An I/O error on the terminal is a hang-up; say so where it may still be read.
        let _ = writeln!(io::stderr().lock(), "linkcase: the terminal went away: {e}");
        Ending::HangUp
    });
    outside::hand_over_clipboard(io.clipboard);
    flushed.map(|()| ending.exit_code())
}

/// What the loop performs effects with.
struct Io<'a> {
    store: &'a mut Store,
    config: &'a Config,
    /// Where a copy that reached no clipboard is saved instead.
    data_dir: PathBuf,
    /// The session's clipboard.
    clipboard: Clipboard,
}

/// Saves what the draft does not hold yet; an error says the draft is behind.
fn flush(app: &mut App, io: &mut Io) -> Result<()> {
    if let Some(Effect::SaveDraft(save)) = app.flush() {
        let outcome = session::save(io.store, &save);
        if let Outcome::DraftSaveFailed(why) = &outcome {
            return Err(crate::store::StoreError::Unsaved(why.clone()).into());
        }
        app.update(Action::Outcome(outcome));
    }
    Ok(())
}

/// Quitting: the pending draft save first. When it fails (a full disk) the app asks
/// whether to quit anyway, and a second Ctrl+Q does.
fn may_quit(app: &mut App, io: &mut Io) -> bool {
    let Some(Effect::SaveDraft(save)) = app.flush() else {
        return true;
    };
    let outcome = session::save(io.store, &save);
    let failed = match &outcome {
        Outcome::DraftSaveFailed(why) => Some(why.clone()),
        _ => None,
    };
    app.update(Action::Outcome(outcome));
    failed.is_none_or(|why| app.quit_unsaved(&why))
}

/// Saves the pending draft now and tells the app how it went (before stopping).
fn save_now(app: &mut App, io: &mut Io) {
    if let Some(Effect::SaveDraft(save)) = app.flush() {
        let outcome = session::save(io.store, &save);
        app.update(Action::Outcome(outcome));
    }
}

/// SIGTSTP: saves the draft, gives the terminal back, stops; once continued, takes the
/// terminal again (the next draw repaints all of it).
fn suspend(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    io: &mut Io,
    signals: &Signals,
) -> io::Result<()> {
    save_now(app, io);
    let _ = terminal.show_cursor();
    finish();
    signals::stop_here();
    // The SIGCONT that woke us is handled here. Its handler may run a moment after this
    // thread does: wait for it, or the loop would see it later and take the terminal a
    // second time (switching the mouse off and on again under a drawn form).
    signals.wait_resumed(RESUMED_WITHIN);
    retake(terminal)
}

/// How long a continued linkcase waits for its SIGCONT handler to have run.
const RESUMED_WITHIN: Duration = Duration::from_millis(200);

/// Reads events until the user quits, a signal ends linkcase or the terminal hangs up; the
/// pending draft save is left for the caller to flush.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    io: &mut Io,
    signals: &Signals,
) -> io::Result<Ending> {
    let reader = Reader::start()?;
    let size = terminal.size()?;
    app.update(resized(terminal, size.width, size.height)?);
    // The events read in one batch and not handled yet (a paste, fast typing, a resize).
    let mut pending: VecDeque<Event> = VecDeque::new();
    loop {
        terminal.draw(|frame| ui::draw(app, frame))?;
        let mut next = None;
        while next.is_none() {
            if let Some(ending) = signals.ending() {
                return Ok(ending);
            }
            if signals.take_stop() && signals::under_job_control() {
                suspend(terminal, app, io, signals)?;
                break;
            }
            if signals.take_resumed() {
                // Continued after a stop we did not see coming (SIGSTOP): the shell may
                // have reset the terminal, so take it again.
                finish();
                retake(terminal)?;
                break;
            }
            if signals.take_resized() {
                let size = terminal.size()?;
                next = Some(resized(terminal, size.width, size.height)?);
                break;
            }
            if let Some(event) = pending.pop_front() {
                next = match event {
                    Event::Resize(width, height) => Some(resized(terminal, width, height)?),
                    event => to_action(app, event),
                };
                continue;
            }
            // Wake when a draft save falls due, so the draft is never far behind, and when
            // the status message is due to go, so it goes without a key press.
            let now = Instant::now();
            let wait = [app.save_due_in(now), app.status_due_in(now)]
                .into_iter()
                .flatten()
                .fold(TICK, Duration::min);
            match signals.wait_for_input(wait) {
                Input::HungUp => return Ok(Ending::HangUp),
                // crossterm reads on its own thread: a hang-up that comes after the poll
                // above leaves that thread behind, not the loop (see `reader.rs`). After a
                // signal it is asked too: it has its own SIGWINCH to take, and its reader
                // drops the terminal's readiness when both come together (its epoll is
                // edge-triggered), so a key typed just after a resize would wait.
                Input::Ready | Input::Interrupted => match reader.drain(signals)? {
                    Read::Events(events) => pending.extend(events),
                    Read::Abandoned => return Ok(signals.ending().unwrap_or(Ending::HangUp)),
                },
                Input::Idle => {
                    let now = Instant::now();
                    if app.save_due_in(now).is_some()
                        || app.status_due_in(now) == Some(Duration::ZERO)
                    {
                        next = Some(Action::Tick(Instant::now()));
                    }
                }
            }
        }
        app.set_now(Utc::now());
        if let Some(action) = next
            && !step(terminal, app, io, action, signals)
        {
            return Ok(signals.ending().unwrap_or(Ending::Quit));
        }
        // Stamps a new change (the save falls due DEBOUNCE from now) or saves a due one.
        if !step(terminal, app, io, Action::Tick(Instant::now()), signals) {
            return Ok(signals.ending().unwrap_or(Ending::Quit));
        }
    }
}

/// Updates the app with `action` and performs the effects that follow; `false` means quit.
fn step(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    io: &mut Io,
    action: Action,
    signals: &Signals,
) -> bool {
    let mut next = app.update(action);
    while let Some(effect) = next.take() {
        let effect = match effect {
            // The pending save first, and the app told, so a new draft has its id.
            Effect::Draft {
                flush: Some(save),
                op,
            } => {
                let outcome = session::save(io.store, &save);
                let saved = matches!(outcome, Outcome::DraftSaved { .. });
                app.update(Action::Outcome(outcome));
                if !saved {
                    return true;
                }
                Effect::Draft { flush: None, op }
            }
            effect => effect,
        };
        if effect == Effect::Quit {
            return !may_quit(app, io);
        }
        match perform(terminal, io, effect, signals) {
            Some(outcome) => next = app.update(Action::Outcome(outcome)),
            None => return false,
        }
    }
    true
}

/// The action a terminal event stands for, if any. Only key presses count (no repeats
/// or releases); keys no binding claims go to the focused text editor.
fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap::action_for(key, |c| app.in_context(c)).or_else(|| {
                let typing = app.in_context(Context::Form) && app.editor().takes_text();
                (typing || app.in_context(Context::TextDialog)).then(|| Action::Input(key.into()))
            })
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(true)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(false)),
            _ => None,
        },
        _ => None,
    }
}

/// Performs an effect and says how it went; `None` means quit.
fn perform(
    terminal: &mut DefaultTerminal,
    io: &mut Io,
    effect: Effect,
    signals: &Signals,
) -> Option<Outcome> {
    let outcome = match effect {
        Effect::Quit => return None,
        Effect::SaveDraft(save) => session::save(io.store, &save),
        Effect::Draft { flush, op } => match flush.map(|save| session::save(io.store, &save)) {
            Some(failed @ Outcome::DraftSaveFailed(_)) => failed,
            _ => session::perform(io.store, io.config, op),
        },
        Effect::Copy { text, password } => {
            outside::copy(&mut io.clipboard, &io.data_dir, &text, password)
        }
        Effect::Import { paths, profile } => outside::import(&paths, profile.as_deref()),
        Effect::Save {
            path,
            contents,
            include_secrets,
            replace,
            ..
        } => outside::save(&path, &contents, replace, include_secrets),
        Effect::EditExternally { field, text } => {
            let _ = terminal.show_cursor();
            finish();
            let result = outside::edit_externally(&text, signals);
            if signals.ending().is_some() {
                // Passed on to the editor, which has exited: linkcase ends too.
                return None;
            }
            if retake(terminal).is_err() {
                // The terminal went away while the editor ran.
                return None;
            }
            match result {
                Ok(text) => Outcome::Edited { field, text },
                Err(e) => Outcome::EditFailed(e.to_string()),
            }
        }
    };
    Some(outcome)
}
