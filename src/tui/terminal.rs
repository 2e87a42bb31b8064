//! The terminal the form draws on: putting it into the TUI's mode and giving it back, and
//! the area drawn into, capped at [`MAX_DRAWN`] whatever the terminal's size.

use std::io;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};

use super::Action;

/// The most the form draws into. A terminal larger than this (a 10000×10000 one would need
/// gigabytes of screen buffers) is drawn in its top-left corner of this size.
const MAX_DRAWN: (u16, u16) = (1000, 500);

/// The part of a `width`×`height` terminal the form draws into.
pub(super) fn drawn_area(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.min(MAX_DRAWN.0), height.min(MAX_DRAWN.1))
}

/// Puts the terminal into the TUI's mode (raw, alternate screen, bracketed paste, mouse);
/// `ratatui::try_init_with_options` also restores it on a panic. The screen buffers cover
/// [`drawn_area`] only.
pub(super) fn start_terminal() -> io::Result<DefaultTerminal> {
    let (width, height) = terminal::size()?;
    let mut terminal = ratatui::try_init_with_options(TerminalOptions {
        viewport: Viewport::Fixed(drawn_area(width, height)),
    })?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )?;
    terminal.clear()?;
    Ok(terminal)
}

/// The terminal's new size: the buffers follow (up to [`MAX_DRAWN`]); the app is told the
/// size it draws into.
pub(super) fn resized(
    terminal: &mut DefaultTerminal,
    width: u16,
    height: u16,
) -> io::Result<Action> {
    let area = drawn_area(width, height);
    // SIGWINCH and crossterm may both report one change; a resize clears the screen.
    if terminal.get_frame().area() != area {
        terminal.resize(area)?;
    }
    Ok(Action::Resize(area.width, area.height))
}

/// Takes the terminal again (after a stop, or `$EDITOR`), to be repainted by the next draw.
pub(super) fn retake(terminal: &mut DefaultTerminal) -> io::Result<()> {
    let old = std::mem::replace(terminal, start_terminal()?);
    release(old);
    terminal.clear()
}

/// Gives the terminal back as it was. Errors are ignored: the terminal may be gone (and
/// `ratatui::restore` would print them to a standard error that may be gone too).
///
/// The alternate screen is wiped before it is left: a terminal that kept the form's lines
/// when it was resized, or that has no alternate screen at all, shows no part of the form
/// on the shell's screen afterwards.
pub(super) fn finish() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        terminal::Clear(terminal::ClearType::All),
        ratatui::crossterm::cursor::MoveTo(0, 0)
    );
    let _ = ratatui::try_restore();
}

/// Lets go of the terminal: shows the cursor (the draws hide it). When that fails the
/// terminal is gone, and ratatui's `Drop` would report it with `eprintln!`, which panics
/// when standard error is that terminal; so the `Terminal` is then left undropped (the
/// process is about to exit).
pub(super) fn release(mut terminal: DefaultTerminal) {
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
}
