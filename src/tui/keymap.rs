//! The keybindings, defined once as data: the same table maps keys to actions, draws the
//! footer hints and the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

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
    /// The password editor.
    Secret,
    /// A list editor.
    List,
    /// A list editor with text in its input.
    ListInput,
    /// The zone picker while searching.
    ZoneSearch,
    /// The review screen.
    Review,
    /// A dialog: help, the DST question, save, quit.
    Dialog,
}

impl Context {
    /// The heading this context's keys get in the help overlay.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Anywhere => "Anywhere",
            Self::Main | Self::Form | Self::SingleLine | Self::NotText => "Form",
            Self::LongText => "Multi-line text",
            Self::Choice => "Choices",
            Self::Secret => "Password",
            Self::List | Self::ListInput => "Lists (domains, scopes)",
            Self::ZoneSearch => "Time zone search",
            Self::Review => "Review",
            Self::Dialog => "Dialogs",
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
    // Dialogs take the arrows, Enter and Esc.
    bind(KeyCode::Up, NONE, Action::Prev, "previous", Context::Dialog),
    bind(KeyCode::Down, NONE, Action::Next, "next", Context::Dialog),
    bind(KeyCode::Left, NONE, Action::Prev, "previous", Context::Dialog),
    bind(KeyCode::Right, NONE, Action::Next, "next", Context::Dialog),
    bind(KeyCode::PageUp, NONE, Action::PageUp, "page up", Context::Dialog),
    bind(KeyCode::PageDown, NONE, Action::PageDown, "page down", Context::Dialog),
    bind(KeyCode::Enter, NONE, Action::Confirm, "choose", Context::Dialog),
    bind(KeyCode::Esc, NONE, Action::Cancel, "close", Context::Dialog),
    bind(KeyCode::Char('?'), NONE, Action::Help, "close help", Context::Dialog),
    // The review screen.
    bind(KeyCode::Up, NONE, Action::Prev, "previous finding", Context::Review),
    bind(KeyCode::Down, NONE, Action::Next, "next finding", Context::Review),
    bind(KeyCode::Enter, NONE, Action::Confirm, "go to field", Context::Review),
    bind(KeyCode::PageUp, NONE, Action::PageUp, "scroll up", Context::Review),
    bind(KeyCode::PageDown, NONE, Action::PageDown, "scroll down", Context::Review),
    bind(KeyCode::Esc, NONE, Action::Review, "back to form", Context::Review),
    bind(KeyCode::Char('?'), NONE, Action::Help, "help", Context::Review),
    // Form or review.
    bind(KeyCode::Char('r'), CTRL, Action::Review, "review", Context::Main),
    bind(KeyCode::Char('y'), CTRL, Action::Copy, "copy", Context::Main),
    bind(KeyCode::Char('s'), CTRL, Action::Save, "save", Context::Main),
    // Editors first, then moving between fields.
    bind(KeyCode::Up, NONE, Action::Prev, "previous match", Context::ZoneSearch),
    bind(KeyCode::Down, NONE, Action::Next, "next match", Context::ZoneSearch),
    bind(KeyCode::Enter, NONE, Action::Confirm, "pick zone", Context::ZoneSearch),
    bind(KeyCode::Esc, NONE, Action::Cancel, "stop searching", Context::ZoneSearch),
    bind(KeyCode::Enter, NONE, Action::Confirm, "add entry", Context::ListInput),
    bind(KeyCode::Up, ALT, Action::Prev, "previous entry", Context::List),
    bind(KeyCode::Down, ALT, Action::Next, "next entry", Context::List),
    bind(KeyCode::Char('d'), CTRL, Action::DeleteEntry, "delete entry", Context::List),
    bind(KeyCode::Char('o'), CTRL, Action::EditEntry, "edit entry", Context::List),
    bind(KeyCode::Enter, ALT, Action::Newline, "new line", Context::LongText),
    bind(KeyCode::Char('j'), CTRL, Action::Newline, "new line", Context::LongText),
    bind(KeyCode::Char('e'), CTRL, Action::EditExternally, "$EDITOR", Context::LongText),
    bind(KeyCode::Char(' '), NONE, Action::Toggle, "toggle", Context::Choice),
    bind(KeyCode::Left, NONE, Action::Prev, "previous option", Context::Choice),
    bind(KeyCode::Right, NONE, Action::Next, "next option", Context::Choice),
    bind(KeyCode::Char('t'), CTRL, Action::Reveal, "show/hide", Context::Secret),
    bind(KeyCode::Char('z'), CTRL, Action::Undo, "undo", Context::Form),
    bind(KeyCode::Tab, NONE, Action::NextField, "next field", Context::Form),
    bind(KeyCode::BackTab, NONE, Action::PrevField, "previous field", Context::Form),
    bind(KeyCode::Enter, NONE, Action::NextField, "next field", Context::Form),
    bind(KeyCode::Down, NONE, Action::NextField, "next field", Context::SingleLine),
    bind(KeyCode::Up, NONE, Action::PrevField, "previous field", Context::SingleLine),
    bind(KeyCode::Char('?'), NONE, Action::Help, "help", Context::NotText),
];

/// The action for `key` given which contexts are active, if a binding matches.
#[must_use]
pub fn action_for(key: KeyEvent, active: impl Fn(Context) -> bool) -> Option<Action> {
    let mods = match key.code {
        // Shift is part of the character ('?' is Shift+/) and of Shift+Tab.
        KeyCode::Char(_) | KeyCode::BackTab => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    BINDINGS
        .iter()
        .find(|b| b.code == key.code && b.mods == mods && active(b.context))
        .map(|b| b.action.clone())
}

/// How a key is written in hints: `Ctrl+S`, `Shift+Tab`, `F1`, `↑`.
#[must_use]
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let key = match code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) if mods.contains(CTRL) => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::BackTab => "Shift+Tab".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        other => other.to_string(),
    };
    let mut name = String::new();
    if mods.contains(CTRL) {
        name.push_str("Ctrl+");
    }
    if mods.contains(ALT) {
        name.push_str("Alt+");
    }
    name + &key
}

/// The bindings that apply now, one per label (keys joined: `Ctrl+Q/Ctrl+C`), in table order.
#[must_use]
pub fn hints(active: impl Fn(Context) -> bool) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut taken: Vec<(KeyCode, KeyModifiers)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| active(b.context)) {
        // A key already bound by an earlier row is shadowed here.
        if taken.contains(&(b.code, b.mods)) {
            continue;
        }
        taken.push((b.code, b.mods));
        let key = key_name(b.code, b.mods);
        if let Some(entry) = out.iter_mut().find(|(_, label)| *label == b.label) {
            entry.0.push('/');
            entry.0.push_str(&key);
        } else {
            out.push((key, b.label));
        }
    }
    out
}

/// The help overlay's lines: every context's keys under its heading, from the table.
#[must_use]
pub fn help_lines() -> Vec<(Option<&'static str>, String, &'static str)> {
    // The form's own keys first, then editors, then the other screens.
    const ORDER: [Context; 9] = [
        Context::Anywhere,
        Context::Form,
        Context::LongText,
        Context::Choice,
        Context::Secret,
        Context::List,
        Context::ZoneSearch,
        Context::Review,
        Context::Dialog,
    ];
    let mut out = Vec::new();
    for title in ORDER.map(Context::title) {
        let rows = BINDINGS.iter().filter(|b| b.context.title() == title);
        if rows.clone().next().is_none() {
            continue;
        }
        out.push((Some(title), String::new(), ""));
        let mut lines: Vec<(String, &'static str)> = Vec::new();
        for b in rows {
            let key = key_name(b.code, b.mods);
            if let Some(line) = lines.iter_mut().find(|(_, label)| *label == b.label) {
                line.0.push_str(" / ");
                line.0.push_str(&key);
            } else {
                lines.push((key, b.label));
            }
        }
        out.extend(lines.into_iter().map(|(key, label)| (None, key, label)));
    }
    out
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
    fn unbound_keys_map_to_nothing() {
        assert_eq!(action_for(key(KeyCode::Char('a'), NONE), |_| true), None);
    }

    #[test]
    fn help_lists_every_binding_under_a_known_heading() {
        let lines = help_lines();
        let keys: usize = lines.iter().filter(|(title, ..)| title.is_none()).count();
        assert!(keys > 20);
        for b in BINDINGS {
            assert!(
                lines.iter().any(|(_, _, label)| *label == b.label),
                "{}",
                b.label
            );
        }
    }

    #[test]
    fn names_keys_as_hints_do() {
        assert_eq!(key_name(KeyCode::Char('s'), CTRL), "Ctrl+S");
        assert_eq!(key_name(KeyCode::Enter, ALT), "Alt+Enter");
        assert_eq!(key_name(KeyCode::BackTab, NONE), "Shift+Tab");
    }
}
