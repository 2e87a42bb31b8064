//! The keybinding table written out for people: key names, the footer's hints for the
//! active contexts, and the help overlay's lines.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{ALT, BINDINGS, CTRL, Context};
use crate::tui::action::Action;

/// How a key is written in hints: `Ctrl+S`, `Shift+Tab`, `F1`, `↑`.
#[must_use]
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let key = match code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) if mods.intersects(CTRL | ALT) => c.to_ascii_uppercase().to_string(),
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
    // Shift is part of a character ('?') and of Shift+Tab; with Ctrl or Alt, and on other
    // keys, it is named.
    let part_of_key = match code {
        KeyCode::Char(_) => !mods.intersects(CTRL | ALT),
        KeyCode::BackTab => true,
        _ => false,
    };
    if mods.contains(KeyModifiers::SHIFT) && !part_of_key {
        name.push_str("Shift+");
    }
    name + &key
}

/// How the key bound to `action` in `context` is written, from the table's first such row.
#[must_use]
pub fn key_for(action: &Action, context: Context) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.action == *action && b.context == context)
        .map(|b| key_name(b.code, b.mods))
}

/// The bindings that apply now, one per label (keys joined: `Ctrl+Q/Ctrl+C`): first those of
/// the focused editor, screen or dialog, then moving through the form, then the app's own,
/// each in table order, so that a footer cut short still shows what is special here.
#[must_use]
pub fn hints(active: impl Fn(Context) -> bool) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str, u8)> = Vec::new();
    let mut taken: Vec<(KeyCode, KeyModifiers)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| active(b.context)) {
        // A key already bound by an earlier row is shadowed here.
        if taken.contains(&(b.code, b.mods)) {
            continue;
        }
        taken.push((b.code, b.mods));
        let key = key_name(b.code, b.mods);
        if let Some(entry) = out.iter_mut().find(|(_, label, _)| *label == b.label) {
            entry.0.push('/');
            entry.0.push_str(&key);
        } else {
            out.push((key, b.label, b.context.hint_rank()));
        }
    }
    out.sort_by_key(|(_, _, rank)| *rank);
    out.into_iter()
        .map(|(key, label, _)| (key, label))
        .collect()
}

/// The help overlay's lines: every context's keys under its heading, from the table.
#[must_use]
pub fn help_lines() -> Vec<(Option<&'static str>, String, &'static str)> {
    // The form's own keys first, then editors, then the other screens.
    const ORDER: [Context; 12] = [
        Context::Anywhere,
        Context::Form,
        Context::LongText,
        Context::Choice,
        Context::Steps,
        Context::File,
        Context::Secret,
        Context::List,
        Context::ZoneSearch,
        Context::Review,
        Context::Drafts,
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
    out.push((Some("Mouse"), String::new(), ""));
    out.push((
        None,
        "click".to_owned(),
        "go to a section, focus a field, pick an option",
    ));
    out.push((
        None,
        "wheel".to_owned(),
        "next / previous field, finding or draft",
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::NONE;

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
        assert_eq!(key_name(KeyCode::Char('?'), KeyModifiers::SHIFT), "?");
        assert_eq!(
            key_name(KeyCode::Char('z'), CTRL | KeyModifiers::SHIFT),
            "Ctrl+Shift+Z"
        );
        assert_eq!(
            key_name(KeyCode::Up, ALT | KeyModifiers::SHIFT),
            "Alt+Shift+↑"
        );
    }

    #[test]
    fn hints_put_the_editors_keys_before_the_global_ones() {
        let zone = |c| {
            matches!(
                c,
                Context::Anywhere | Context::Main | Context::Form | Context::ZoneSearch
            )
        };
        let hints = hints(zone);
        assert_eq!(hints.first().map(|h| h.1), Some("previous match"));
        assert_eq!(hints.last().map(|h| h.1), Some("import"));
        assert!(
            hints.contains(&("Tab".to_owned(), "next field")),
            "Enter picks the zone, Tab still moves on"
        );
    }
}
