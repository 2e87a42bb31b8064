//! The keybindings, defined once as data: the same table maps keys to actions, draws the
//! footer hints and the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::case::StepState;

mod help;

pub use help::{help_lines, hints, key_for, key_name};

/// Where a binding applies. The app says which contexts are active right now; the first
/// row of [`BINDINGS`] whose key matches in an active context wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, dialogs included.
    Anywhere,
    /// The form or the review screen, no dialog open.
    Main,
    /// The form, no dialog open.
    Form,
    /// The form, outside multi-line text.
    SingleLine,
    /// The form, in an editor that does not take typed text.
    NotText,
    /// A multi-line text editor.
    LongText,
    /// A choice editor.
    Choice,
    /// The "Steps already tried" grid.
    Steps,
    /// The last stop, "File the case".
    File,
    /// The password editor.
    Secret,
    /// A list editor.
    List,
    /// A list editor with text in its input.
    ListInput,
    /// A list editor whose input would be added otherwise than typed (a URL in the Domain
    /// List becomes its hostname).
    ListOffer,
    /// A list editor whose highlighted entry has a fix (the hostname a URL means).
    ListFix,
    /// The zone picker while searching.
    ZoneSearch,
    /// The review screen.
    Review,
    /// The drafts screen.
    Drafts,
    /// A dialog that takes typed text (a draft's new name, the files to import, the name
    /// of a saved export).
    TextDialog,
    /// Any other dialog: help, the DST question, the save's choices, a draft's delete.
    Dialog,
}

impl Context {
    /// Where this context's keys go in the footer: those of the focused editor, screen or
    /// dialog first (0), then moving through the form (1), then the app's own (2).
    #[must_use]
    pub const fn hint_rank(self) -> u8 {
        match self {
            Self::Anywhere | Self::Main => 2,
            Self::Form | Self::SingleLine | Self::NotText => 1,
            _ => 0,
        }
    }

    /// The heading this context's keys get in the help overlay.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Anywhere => "Anywhere",
            Self::Main | Self::Form | Self::SingleLine | Self::NotText => "Form",
            Self::LongText => "Multi-line text",
            Self::Choice => "Choices",
            Self::Steps => "Steps already tried",
            Self::File => "File the case",
            Self::Secret => "Password",
            Self::List | Self::ListInput | Self::ListOffer | Self::ListFix => {
                "Lists (domains, scopes)"
            }
            Self::ZoneSearch => "Time zone search",
            Self::Review => "Review",
            Self::Drafts => "Drafts (Ctrl+O)",
            Self::Dialog | Self::TextDialog => "Dialogs",
        }
    }
}

/// One keybinding.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The key.
    pub code: KeyCode,
    /// Its modifiers (Shift is ignored for characters and Shift+Tab).
    pub mods: KeyModifiers,
    /// What it does.
    pub action: Action,
    /// What the footer and the help say it does.
    pub label: &'static str,
    /// Where it applies.
    pub context: Context,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
/// Alt+Shift, for terminals where Ctrl+arrows belong to the desktop (macOS Spaces).
const ALT_SHIFT: KeyModifiers = KeyModifiers::ALT.union(KeyModifiers::SHIFT);
/// Ctrl+Shift, for Ctrl+Shift+Z where a terminal reports it (the kitty protocol, Windows).
const CTRL_SHIFT: KeyModifiers = KeyModifiers::CONTROL.union(KeyModifiers::SHIFT);

const fn bind(
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    label: &'static str,
    context: Context,
) -> Binding {
    Binding {
        code,
        mods,
        action,
        label,
        context,
    }
}

/// Every keybinding, most specific context first.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(KeyCode::Char('q'), CTRL, Action::Quit, "quit", Context::Anywhere),
    bind(KeyCode::Char('c'), CTRL, Action::Quit, "quit", Context::Anywhere),
    bind(KeyCode::F(1), NONE, Action::Help, "help", Context::Anywhere),
    // A dialog that takes a line of text takes Enter and Esc; every other key types.
    bind(KeyCode::Enter, NONE, Action::Confirm, "confirm", Context::TextDialog),
    bind(KeyCode::Esc, NONE, Action::Cancel, "cancel", Context::TextDialog),
    bind(KeyCode::Char('u'), CTRL, Action::ClearLine, "clear", Context::TextDialog),
    // Other dialogs take Enter, Esc and the arrows.
    bind(KeyCode::Enter, NONE, Action::Confirm, "choose", Context::Dialog),
    bind(KeyCode::Esc, NONE, Action::Cancel, "close", Context::Dialog),
    bind(KeyCode::Up, NONE, Action::Prev, "previous", Context::Dialog),
    bind(KeyCode::Down, NONE, Action::Next, "next", Context::Dialog),
    bind(KeyCode::Left, NONE, Action::Prev, "previous", Context::Dialog),
    bind(KeyCode::Right, NONE, Action::Next, "next", Context::Dialog),
    bind(KeyCode::PageUp, NONE, Action::PageUp, "page up", Context::Dialog),
    bind(KeyCode::PageDown, NONE, Action::PageDown, "page down", Context::Dialog),
    bind(KeyCode::Char('?'), NONE, Action::Help, "close help", Context::Dialog),
    // The review screen.
    bind(KeyCode::Enter, NONE, Action::Confirm, "go to field", Context::Review),
    bind(KeyCode::Esc, NONE, Action::Review, "back to form", Context::Review),
    bind(KeyCode::Up, NONE, Action::Prev, "previous finding", Context::Review),
    bind(KeyCode::Down, NONE, Action::Next, "next finding", Context::Review),
    bind(KeyCode::PageUp, NONE, Action::PageUp, "scroll up", Context::Review),
    bind(KeyCode::PageDown, NONE, Action::PageDown, "scroll down", Context::Review),
    bind(KeyCode::Char('?'), NONE, Action::Help, "help", Context::Review),
    // The drafts screen.
    bind(KeyCode::Enter, NONE, Action::Confirm, "open", Context::Drafts),
    bind(KeyCode::Esc, NONE, Action::Drafts, "back to form", Context::Drafts),
    bind(KeyCode::Up, NONE, Action::Prev, "previous draft", Context::Drafts),
    bind(KeyCode::Down, NONE, Action::Next, "next draft", Context::Drafts),
    bind(KeyCode::Char('n'), NONE, Action::NewDraft, "new", Context::Drafts),
    bind(KeyCode::Char('c'), NONE, Action::DuplicateDraft, "duplicate", Context::Drafts),
    bind(KeyCode::Char('r'), NONE, Action::RenameDraft, "rename", Context::Drafts),
    bind(KeyCode::Char('d'), NONE, Action::DeleteDraft, "delete", Context::Drafts),
    bind(KeyCode::Delete, NONE, Action::DeleteDraft, "delete", Context::Drafts),
    bind(KeyCode::Char('?'), NONE, Action::Help, "help", Context::Drafts),
    // Form or review.
    bind(KeyCode::Char('r'), CTRL, Action::Review, "review", Context::Main),
    bind(KeyCode::Char('y'), CTRL, Action::Copy, "copy", Context::Main),
    bind(KeyCode::Char('s'), CTRL, Action::Save, "save", Context::Main),
    bind(KeyCode::Char('o'), CTRL, Action::Drafts, "drafts", Context::Main),
    // Ctrl+L ("load"): Ctrl+I is Tab in terminals.
    bind(KeyCode::Char('l'), CTRL, Action::Import, "import", Context::Main),
    // The last stop: what is left, then Review, Copy, Save.
    bind(KeyCode::Up, NONE, Action::Prev, "previous", Context::File),
    bind(KeyCode::Down, NONE, Action::Next, "next", Context::File),
    bind(KeyCode::Enter, NONE, Action::Confirm, "go", Context::File),
    // The steps grid: one key per answer, and the answer moves on.
    bind(KeyCode::Char('d'), NONE, Action::Answer(Some(StepState::Done)), "done", Context::Steps),
    bind(KeyCode::Char('n'), NONE, Action::Answer(Some(StepState::NotDone)), "not done", Context::Steps),
    bind(KeyCode::Char('a'), NONE, Action::Answer(Some(StepState::NotApplicable)), "n/a", Context::Steps),
    bind(KeyCode::Backspace, NONE, Action::Answer(None), "clear", Context::Steps),
    bind(KeyCode::Delete, NONE, Action::Answer(None), "clear", Context::Steps),
    bind(KeyCode::Up, NONE, Action::Prev, "previous step", Context::Steps),
    bind(KeyCode::Down, NONE, Action::Next, "next step", Context::Steps),
    bind(KeyCode::Enter, NONE, Action::Confirm, "next step", Context::Steps),
    // Editors first, then moving between fields.
    bind(KeyCode::Up, NONE, Action::Prev, "previous match", Context::ZoneSearch),
    bind(KeyCode::Down, NONE, Action::Next, "next match", Context::ZoneSearch),
    bind(KeyCode::Enter, NONE, Action::Confirm, "pick zone", Context::ZoneSearch),
    bind(KeyCode::Esc, NONE, Action::Cancel, "stop searching", Context::ZoneSearch),
    bind(KeyCode::Enter, NONE, Action::Confirm, "add entry", Context::ListInput),
    bind(KeyCode::Enter, ALT, Action::AddAsTyped, "add as typed", Context::ListOffer),
    bind(KeyCode::Char('f'), CTRL, Action::FixEntry, "fix entry", Context::ListFix),
    bind(KeyCode::Up, ALT, Action::Prev, "previous entry", Context::List),
    bind(KeyCode::Down, ALT, Action::Next, "next entry", Context::List),
    bind(KeyCode::Up, CTRL, Action::MoveEntryUp, "move entry up", Context::List),
    bind(KeyCode::Down, CTRL, Action::MoveEntryDown, "move entry down", Context::List),
    bind(KeyCode::Up, ALT_SHIFT, Action::MoveEntryUp, "move entry up", Context::List),
    bind(KeyCode::Down, ALT_SHIFT, Action::MoveEntryDown, "move entry down", Context::List),
    bind(KeyCode::Char('d'), CTRL, Action::DeleteEntry, "delete entry", Context::List),
    bind(KeyCode::Char('e'), CTRL, Action::EditEntry, "edit entry", Context::List),
    // In multi-line text Enter is a new line, as in any editor; Tab leaves.
    bind(KeyCode::Enter, NONE, Action::Newline, "new line", Context::LongText),
    bind(KeyCode::Enter, ALT, Action::Newline, "new line", Context::LongText),
    bind(KeyCode::Char('j'), CTRL, Action::Newline, "new line", Context::LongText),
    bind(KeyCode::Char('e'), CTRL, Action::EditExternally, "$EDITOR", Context::LongText),
    // A list of options reads top to bottom: ↑/↓ move (←/→ too), Enter picks a single
    // choice and moves on, Space toggles an option of a multi choice.
    bind(KeyCode::Enter, NONE, Action::Confirm, "pick, next field", Context::Choice),
    bind(KeyCode::Char(' '), NONE, Action::Toggle, "toggle", Context::Choice),
    bind(KeyCode::Up, NONE, Action::Prev, "previous option", Context::Choice),
    bind(KeyCode::Down, NONE, Action::Next, "next option", Context::Choice),
    bind(KeyCode::Left, NONE, Action::Prev, "previous option", Context::Choice),
    bind(KeyCode::Right, NONE, Action::Next, "next option", Context::Choice),
    bind(KeyCode::Char('t'), CTRL, Action::Reveal, "show/hide", Context::Secret),
    // Undo and redo work on the focused field's value, kept across visits.
    bind(KeyCode::Tab, NONE, Action::NextField, "next field", Context::Form),
    bind(KeyCode::BackTab, NONE, Action::PrevField, "previous field", Context::Form),
    bind(KeyCode::Enter, NONE, Action::NextField, "next field", Context::Form),
    bind(KeyCode::PageDown, NONE, Action::NextSection, "next section", Context::Form),
    bind(KeyCode::PageUp, NONE, Action::PrevSection, "previous section", Context::Form),
    bind(KeyCode::Char('z'), CTRL, Action::Undo, "undo", Context::Form),
    bind(KeyCode::Down, NONE, Action::NextField, "next field", Context::SingleLine),
    bind(KeyCode::Up, NONE, Action::PrevField, "previous field", Context::SingleLine),
    bind(KeyCode::Char('?'), NONE, Action::Help, "help", Context::NotText),
    // Ctrl+Y is copy and Ctrl+R review; Alt+Z arrives in every terminal (ESC z), Ctrl+Shift+Z
    // where the terminal tells it from Ctrl+Z. After the moves, so the footer keeps them.
    bind(KeyCode::Char('z'), ALT, Action::Redo, "redo", Context::Form),
    bind(KeyCode::Char('z'), CTRL_SHIFT, Action::Redo, "redo", Context::Form),
];

/// The action for `key` given which contexts are active, if a binding matches: a row for
/// exactly these modifiers first (Ctrl+Shift+Z), then one that ignores Shift.
#[must_use]
pub fn action_for(key: KeyEvent, active: impl Fn(Context) -> bool) -> Option<Action> {
    let (code, mods) = match key.code {
        // A terminal that reports Ctrl+Shift+Z as Ctrl+'Z' means the same key.
        KeyCode::Char(c) if c.is_ascii_uppercase() && key.modifiers.intersects(CTRL | ALT) => (
            KeyCode::Char(c.to_ascii_lowercase()),
            key.modifiers | KeyModifiers::SHIFT,
        ),
        code => (code, key.modifiers),
    };
    let loose = match code {
        // Shift is part of the character ('?' is Shift+/) and of Shift+Tab.
        KeyCode::Char(_) | KeyCode::BackTab => mods - KeyModifiers::SHIFT,
        _ => mods,
    };
    let rows = || {
        BINDINGS
            .iter()
            .filter(|b| b.code == code && active(b.context))
    };
    rows()
        .find(|b| b.mods == mods)
        .or_else(|| rows().find(|b| b.mods == loose))
        .map(|b| b.action.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn first_active_row_wins() {
        let form = |c| matches!(c, Context::Anywhere | Context::Main | Context::Form);
        let search = |c| form(c) || c == Context::ZoneSearch;
        let down = key(KeyCode::Enter, NONE);
        assert_eq!(action_for(down, form), Some(Action::NextField));
        assert_eq!(action_for(down, search), Some(Action::Confirm));
    }

    #[test]
    fn shift_is_ignored_for_characters_and_back_tab() {
        let all = |_| true;
        let question = key(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(question, |c| c == Context::NotText),
            Some(Action::Help)
        );
        let back = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(back, all), Some(Action::PrevField));
    }

    #[test]
    fn undo_is_ctrl_z_redo_alt_z_or_ctrl_shift_z() {
        let form = |c| matches!(c, Context::Anywhere | Context::Main | Context::Form);
        assert_eq!(
            action_for(key(KeyCode::Char('z'), CTRL), form),
            Some(Action::Undo)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('z'), ALT), form),
            Some(Action::Redo)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('z'), CTRL_SHIFT), form),
            Some(Action::Redo)
        );
        // Reported as the shifted character (kitty's alternate keys, Windows).
        assert_eq!(
            action_for(key(KeyCode::Char('Z'), CTRL_SHIFT), form),
            Some(Action::Redo)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('Z'), CTRL), form),
            Some(Action::Redo)
        );
        // Outside the form they are nobody's.
        assert_eq!(
            action_for(key(KeyCode::Char('z'), ALT), |c| c == Context::Review),
            None
        );
    }

    #[test]
    fn unbound_keys_map_to_nothing() {
        assert_eq!(action_for(key(KeyCode::Char('x'), NONE), |_| true), None);
    }
}
