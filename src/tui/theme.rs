//! The one set of named styles every widget draws with. With `NO_COLOR` set it uses
//! modifiers only (bold, reversed, underlined), never a colour.

use ratatui::style::{Color, Modifier, Style};

/// Named styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Plain text.
    pub text: Style,
    /// Less important text: help, hints, placeholders.
    pub dim: Style,
    /// Titles and section headings.
    pub title: Style,
    /// Borders of the focused block.
    pub border_focus: Style,
    /// Borders of other blocks.
    pub border: Style,
    /// The focused row of a list.
    pub selected: Style,
    /// Keys in hints.
    pub key: Style,
    /// Errors.
    pub error: Style,
    /// Warnings.
    pub warning: Style,
    /// Fields that are fine.
    pub ok: Style,
    /// The status line.
    pub status: Style,
}

impl Theme {
    /// The colour theme, or the monochrome one when `color` is false (`NO_COLOR`).
    #[must_use]
    pub fn new(color: bool) -> Self {
        if color {
            Self::colored()
        } else {
            Self::monochrome()
        }
    }

    /// Reads `NO_COLOR` (any non-empty value turns colour off, per no-color.org).
    #[must_use]
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self::new(!no_color)
    }

    fn colored() -> Self {
        let plain = Style::new();
        Self {
            text: plain,
            dim: plain.fg(Color::DarkGray),
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border_focus: plain.fg(Color::Cyan),
            border: plain.fg(Color::DarkGray),
            selected: plain.bg(Color::Blue).fg(Color::White),
            key: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: plain.fg(Color::Yellow),
            ok: plain.fg(Color::Green),
            status: plain.fg(Color::Cyan),
        }
    }

    fn monochrome() -> Self {
        let plain = Style::new();
        Self {
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            border_focus: plain.add_modifier(Modifier::BOLD),
            border: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            key: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            warning: plain.add_modifier(Modifier::UNDERLINED),
            ok: plain,
            status: plain.add_modifier(Modifier::ITALIC),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::colored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_theme_uses_no_colour() {
        let t = Theme::new(false);
        for style in [
            t.text,
            t.dim,
            t.title,
            t.border_focus,
            t.border,
            t.selected,
            t.key,
            t.error,
            t.warning,
            t.ok,
            t.status,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
    }
}
