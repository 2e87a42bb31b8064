//! The editor of the focused field, one variant per kind of field in the checklist.
//! Built from the case when a field gets focus; edits are written back by the app.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, Input, Key, TextArea, WrapMode};

use crate::case::value;
use crate::case::zones::{self, ZoneMatch};
use crate::case::{Case, Field, FieldId, FieldKind};

/// How many zone matches the picker keeps.
pub const ZONE_MATCHES: usize = 50;
/// The character that stands for each character of a hidden password.
pub const MASK: char = '•';

/// Whether the password is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reveal {
    /// Masked (the default, and again whenever the field is left).
    #[default]
    Masked,
    /// Shown in clear.
    Shown,
}

/// The editor of the focused field.
#[derive(Debug, Clone)]
pub enum Editor {
    /// One line of text: text, URL, number, password, local time.
    Line(TextArea<'static>),
    /// Several lines of soft-wrapped text.
    Lines(TextArea<'static>),
    /// Options to choose from; `cursor` is the highlighted one.
    Choice {
        /// The highlighted option.
        cursor: usize,
    },
    /// A list of entries and an input line to add one.
    List {
        /// The text of the entry being added or changed.
        input: TextArea<'static>,
        /// The highlighted entry.
        selected: Option<usize>,
        /// Where the entry in the input goes back when it was taken out to be changed.
        editing: Option<usize>,
    },
    /// The time zone picker: a search line and its matches.
    Zone {
        /// The search query; empty when not searching.
        input: TextArea<'static>,
        /// Zones matching the query, best first.
        matches: Vec<ZoneMatch>,
        /// The highlighted match.
        selected: usize,
    },
    /// Nothing to edit (derived values).
    ReadOnly,
}

/// Above this many bytes a long text is shown without soft wrapping: the text area
/// re-wraps the whole text on every key, so typing into a 500 KB description would lag.
pub const WRAP_LIMIT: usize = 64 * 1024;

/// Soft-wraps a multi-line text area holding `len` bytes, unless it is over [`WRAP_LIMIT`].
pub fn fit_wrap(area: &mut TextArea<'static>, len: usize) {
    let mode = if len > WRAP_LIMIT {
        WrapMode::None
    } else {
        WrapMode::WordOrGlyph
    };
    // Setting the mode re-wraps everything: only when it changes.
    if area.wrap_mode() != mode {
        area.set_wrap_mode(mode);
    }
}

/// A text area with the house look, holding `text`.
#[must_use]
pub fn textarea(text: &str, multiline: bool) -> TextArea<'static> {
    let lines: Vec<String> = if multiline {
        text.split('\n').map(str::to_owned).collect()
    } else {
        vec![text.replace(['\n', '\t'], " ")]
    };
    let mut area = TextArea::new(lines);
    area.set_cursor_line_style(Style::new());
    // Reversed rather than a colour, so selections show under NO_COLOR too.
    area.set_selection_style(Style::new().add_modifier(Modifier::REVERSED));
    area.set_max_histories(200);
    if multiline {
        fit_wrap(&mut area, text.len());
    }
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// The text in a text area, lines joined with `\n`.
#[must_use]
pub fn text_of(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

/// Whether a key would make a text area break the line (kept out of single-line editors).
#[must_use]
pub fn breaks_line(input: &Input) -> bool {
    matches!(
        input,
        Input {
            key: Key::Enter | Key::Char('\n' | '\r'),
            ..
        } | Input {
            key: Key::Char('m' | 'j'),
            ctrl: true,
            ..
        }
    )
}

impl Editor {
    /// The editor for `field`, showing its current value in `case`.
    #[must_use]
    pub fn for_field(field: &Field, case: &Case, reveal: Reveal) -> Self {
        let text = value::text(case, field.id).unwrap_or_default();
        match field.kind {
            FieldKind::Text | FieldKind::Url | FieldKind::Number | FieldKind::LocalTime => {
                Self::Line(textarea(&text, false))
            }
            FieldKind::Secret => {
                let mut area = textarea(&text, false);
                if reveal == Reveal::Masked {
                    area.set_mask_char(MASK);
                }
                Self::Line(area)
            }
            FieldKind::LongText => Self::Lines(textarea(&text, true)),
            FieldKind::Choice(_) | FieldKind::Multi(_) | FieldKind::YesNo | FieldKind::Confirm => {
                let options = value::options(field.kind);
                // The instant at a DST edge is never preselected: a reflexive Enter must not
                // choose it. Elsewhere the chosen option, or the first, is highlighted.
                let none = if field.id == FieldId::Disambiguation {
                    options.len()
                } else {
                    0
                };
                let cursor = (0..options.len())
                    .find(|&i| value::is_chosen(case, field.id, i))
                    .unwrap_or(none);
                Self::Choice { cursor }
            }
            FieldKind::List => Self::List {
                input: textarea("", false),
                selected: None,
                editing: None,
            },
            FieldKind::Zone => Self::Zone {
                input: textarea("", false),
                matches: Vec::new(),
                selected: 0,
            },
            FieldKind::Derived => Self::ReadOnly,
        }
    }

    /// The text area typed keys go to, if this editor has one.
    #[must_use]
    pub fn textarea(&self) -> Option<&TextArea<'static>> {
        match self {
            Self::Line(area) | Self::Lines(area) => Some(area),
            Self::List { input, .. } | Self::Zone { input, .. } => Some(input),
            Self::Choice { .. } | Self::ReadOnly => None,
        }
    }

    /// The text area typed keys go to, mutably.
    pub fn textarea_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self {
            Self::Line(area) | Self::Lines(area) => Some(area),
            Self::List { input, .. } | Self::Zone { input, .. } => Some(input),
            Self::Choice { .. } | Self::ReadOnly => None,
        }
    }

    /// Whether typed characters go into this editor.
    #[must_use]
    pub fn takes_text(&self) -> bool {
        self.textarea().is_some()
    }

    /// Whether this is multi-line text (where ↑/↓ move the cursor, not the focus).
    #[must_use]
    pub const fn is_multiline(&self) -> bool {
        matches!(self, Self::Lines(_))
    }

    /// Whether the zone picker has a query (its matches take ↑/↓/Enter/Esc).
    #[must_use]
    pub fn is_searching(&self) -> bool {
        matches!(self, Self::Zone { input, .. } if !text_of(input).trim().is_empty())
    }

    /// Whether the list input holds text (Enter adds it).
    #[must_use]
    pub fn has_list_input(&self) -> bool {
        matches!(self, Self::List { input, .. } if !text_of(input).trim().is_empty())
    }

    /// Runs the zone search again for the current query.
    pub fn refresh_matches(&mut self) {
        if let Self::Zone {
            input,
            matches,
            selected,
        } = self
        {
            let query = text_of(input);
            *matches = if query.trim().is_empty() {
                Vec::new()
            } else {
                zones::search(&query, ZONE_MATCHES)
            };
            *selected = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::FIELDS;

    #[test]
    fn every_field_gets_an_editor_of_its_kind() {
        let case = Case::default();
        for field in FIELDS {
            let editor = Editor::for_field(field, &case, Reveal::Masked);
            let text_kinds = !matches!(
                field.kind,
                FieldKind::Choice(_)
                    | FieldKind::Multi(_)
                    | FieldKind::YesNo
                    | FieldKind::Confirm
                    | FieldKind::Derived
            );
            assert_eq!(editor.takes_text(), text_kinds, "{}", field.path);
        }
    }

    #[test]
    fn password_is_masked_until_revealed() {
        let mut case = Case::default();
        value::set_text(&mut case, FieldId::Password, "hunter2");
        let field = FieldId::Password.field();
        let masked = Editor::for_field(field, &case, Reveal::Masked);
        assert_eq!(masked.textarea().and_then(TextArea::mask_char), Some(MASK));
        let shown = Editor::for_field(field, &case, Reveal::Shown);
        assert_eq!(shown.textarea().and_then(TextArea::mask_char), None);
    }

    #[test]
    fn zone_search_finds_new_york() {
        let mut editor =
            Editor::for_field(FieldId::TimeZone.field(), &Case::default(), Reveal::Masked);
        if let Some(area) = editor.textarea_mut() {
            area.insert_str("new y");
        }
        editor.refresh_matches();
        assert!(editor.is_searching());
        let Editor::Zone { matches, .. } = &editor else {
            panic!("not a zone editor");
        };
        assert_eq!(matches.first().map(|m| m.name), Some("America/New_York"));
    }
}
