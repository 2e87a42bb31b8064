//! Editing the focused field: typed keys, choices, the zone picker, the failure time, and
//! what happens when a field is left (lists and pastes are in their own modules).

use ratatui::layout::Position;

use super::{AddAs, App, FILE, Tone};
use crate::case::friendly::parse_friendly;
use crate::case::time::{Resolved, Zone, format_local};
use crate::case::validate::normalize_id;
use crate::case::value;
use crate::case::{FieldId, FieldKind};
use crate::tui::action::Action;
use crate::tui::action::Effect;
use crate::tui::editor::{Editor, MASK, Reveal, breaks_line, text_of};
use crate::tui::ui;
use crate::tui::ui::page::Target;

impl App {
    /// Actions for the focused editor.
    pub(super) fn edit(&mut self, action: Action) {
        match action {
            Action::Input(input) => {
                let single = !self.editor.is_multiline();
                if single && breaks_line(&input) {
                    return;
                }
                if let Some(area) = self.editor.textarea_mut()
                    && area.input(input)
                {
                    self.edited();
                }
            }
            Action::Newline => {
                if let Editor::Lines(area) = &mut self.editor {
                    area.insert_newline();
                    self.edited();
                }
            }
            Action::Paste(raw) => self.paste(&raw),
            Action::Toggle => {
                if let Editor::Choice { cursor } = self.editor {
                    self.toggle(cursor);
                }
            }
            Action::Prev => self.step(-1),
            Action::Next => self.step(1),
            Action::Confirm => match self.editor {
                Editor::Zone { .. } => self.pick_zone(),
                Editor::List { .. } => self.add_entry(AddAs::Offered),
                Editor::Choice { cursor } => self.pick_and_move_on(cursor),
                _ => {}
            },
            Action::Cancel => {
                if let Editor::Zone { .. } | Editor::List { .. } = self.editor {
                    self.editor = Editor::for_field(self.field(), &self.case, self.reveal);
                }
            }
            Action::Reveal => self.toggle_reveal(),
            Action::DeleteEntry => self.delete_entry(),
            Action::EditEntry => self.edit_entry(),
            Action::AddAsTyped => self.add_entry(AddAs::Typed),
            Action::FixEntry => self.fix_entry(),
            Action::MoveEntryUp => self.move_entry(-1),
            Action::MoveEntryDown => self.move_entry(1),
            _ => {}
        }
    }

    /// Writes the editor's text into the case after a change.
    pub(super) fn edited(&mut self) {
        let field = self.field();
        let id = field.id;
        match (&mut self.editor, field.kind) {
            (Editor::Line(area), FieldKind::LocalTime) => {
                let typed = text_of(area);
                let stored = parse_friendly(&typed, self.local_now()).map_or(typed, format_local);
                self.set_time_text(id, &stored);
            }
            (Editor::Lines(area), _) => {
                let text = text_of(area);
                crate::tui::editor::fit_wrap(area, text.len());
                value::set_text(&mut self.case, id, &text);
                self.changed();
            }
            (Editor::Line(area), _) => {
                let text = text_of(area);
                value::set_text(&mut self.case, id, &text);
                self.changed();
            }
            (editor @ Editor::Zone { .. }, _) => editor.refresh_matches(),
            _ => {}
        }
        self.revalidate();
    }

    /// Sets the local time or zone; a change forgets an earlier DST choice, which was made
    /// for another time and must never be applied silently to this one.
    fn set_time_text(&mut self, id: FieldId, text: &str) {
        if value::text(&self.case, id).as_deref() != Some(text) {
            value::set_text(&mut self.case, id, text);
            self.case.failure.disambiguation = None;
            self.changed();
        }
    }

    /// Enter in a choice: a single choice takes the highlighted option (never clears it);
    /// a multi choice keeps what Space toggled. Either way the form moves on.
    fn pick_and_move_on(&mut self, cursor: usize) {
        let single = !matches!(self.field().kind, FieldKind::Multi(_));
        // With nothing highlighted (the DST choice starts so), Enter picks nothing.
        let highlighted = cursor < value::options(self.field().kind).len();
        if !highlighted {
            // Passed on purpose without an answer: judged (its message shows) from now on.
            self.touched.insert(self.field().id);
        }
        if single && highlighted && !value::is_chosen(&self.case, self.field().id, cursor) {
            self.toggle(cursor);
        }
        self.move_to_next_field();
    }

    fn toggle(&mut self, index: usize) {
        let id = self.field().id;
        value::toggle(&mut self.case, id, index);
        self.changed();
        self.revalidate();
    }

    /// Moves the highlight in a choice, the list or the zone matches.
    fn step(&mut self, by: isize) {
        let options = value::options(self.field().kind).len();
        let entries = value::list(&self.case, self.field().id).map_or(0, <[String]>::len);
        let moved = |at: usize, len: usize| at.saturating_add_signed(by).min(len.saturating_sub(1));
        match &mut self.editor {
            // From nothing highlighted, ↓ goes to the first option and ↑ to the last.
            Editor::Choice { cursor } if *cursor >= options => {
                *cursor = if by > 0 { 0 } else { options.saturating_sub(1) };
            }
            Editor::Choice { cursor } => *cursor = moved(*cursor, options),
            Editor::List { selected, .. } => {
                *selected = match (*selected, by) {
                    _ if entries == 0 => None,
                    (None, _) if by < 0 => Some(entries - 1),
                    (None, _) => Some(0),
                    (Some(at), _) => Some(moved(at, entries)),
                };
            }
            Editor::Zone {
                matches, selected, ..
            } => *selected = moved(*selected, matches.len()),
            _ => {}
        }
    }

    /// Picks the highlighted zone, or the offset typed (`+05:30`), and ends the search.
    fn pick_zone(&mut self) {
        let Editor::Zone {
            input,
            matches,
            selected,
        } = &self.editor
        else {
            return;
        };
        let query = text_of(input);
        let picked = match Zone::parse(&query) {
            Ok(zone @ Zone::Fixed(_)) => Some(zone.name()),
            _ => matches.get(*selected).map(|m| m.name.to_owned()),
        };
        match picked {
            Some(name) => {
                self.set_time_text(FieldId::TimeZone, &name);
                self.touched.insert(FieldId::TimeZone);
                self.editor = Editor::for_field(self.field(), &self.case, self.reveal);
                self.revalidate();
                self.set_status(Tone::Info, format!("Time zone: {name}"));
                self.note_dst();
            }
            None => self.set_status(
                Tone::Warning,
                "No zone matches that; try a city or a region",
            ),
        }
    }

    fn toggle_reveal(&mut self) {
        self.reveal = match self.reveal {
            Reveal::Masked => Reveal::Shown,
            Reveal::Shown => Reveal::Masked,
        };
        if let Editor::Line(area) = &mut self.editor {
            match self.reveal {
                Reveal::Masked => area.set_mask_char(MASK),
                Reveal::Shown => area.clear_mask_char(),
            }
        }
    }

    /// What a field's value becomes when it is left, and what leaving it may ask.
    pub(super) fn leave_field(&mut self) {
        let id = self.field().id;
        if let Editor::Line(area) = &self.editor
            && self.field().kind == FieldKind::Number
        {
            let typed = text_of(area);
            if !typed.trim().is_empty() && typed.trim().parse::<i64>().is_err() {
                self.set_status(
                    Tone::Warning,
                    format!(
                        "{} is not a whole number of seconds; the field was left empty",
                        crate::case::sanitize::excerpt(&typed)
                    ),
                );
            }
        }
        let tidy = match id {
            FieldId::SkillId => Some(normalize_id(&self.case.skill.id).to_owned()),
            FieldId::CustomerId => Some(self.case.failure.customer_id.trim().to_owned()),
            _ => None,
        };
        if let Some(tidy) = tidy
            && value::text(&self.case, id).as_deref() != Some(&tidy)
        {
            value::set_text(&mut self.case, id, &tidy);
            self.changed();
            self.revalidate();
        }
        // Judged once edited: passing a field with Tab judges nothing. Its message shows
        // under it from now on, and the status line names the field that is wrong.
        if self.draft.revision != self.focus_revision {
            self.touched.insert(id);
            if self.stale {
                self.refresh();
            }
            let error = self
                .report
                .for_field(id)
                .find(|f| f.severity == crate::case::Severity::Error)
                .map(|f| format!("{}: {}", self.field().label, f.message));
            if let Some(error) = error {
                self.set_status(Tone::Error, error);
            }
        }
        self.reveal = Reveal::Masked;
        if matches!(id, FieldId::LocalTime | FieldId::TimeZone) {
            self.note_dst();
        }
    }

    /// Says, once per change of the time or the zone, that the failure time falls in a DST
    /// gap or fold and no instant is chosen: the choice appears right under the zone, with
    /// each reading in local terms. Never resolved silently, and never a dialog that would
    /// swallow the keys typed next.
    pub(super) fn note_dst(&mut self) {
        let Some(resolved) = self.dst_candidates() else {
            return;
        };
        let asked = (
            self.case.failure.local_time.clone(),
            self.case.failure.time_zone.clone(),
        );
        if self.case.failure.disambiguation.is_none() && self.dst_asked.as_ref() != Some(&asked) {
            let what = match resolved {
                Resolved::Gap { .. } => "never happened",
                _ => "happened twice",
            };
            self.set_status(
                Tone::Warning,
                format!(
                    "{} {what} in {}: choose \"Which instant\"",
                    asked.0.trim().rsplit(' ').next().unwrap_or_default(),
                    asked.1.trim()
                ),
            );
            self.dst_asked = Some(asked);
        }
    }

    /// The two candidate instants when the failure time is at a DST gap or fold.
    #[must_use]
    pub fn dst_candidates(&self) -> Option<Resolved> {
        match self.case.failure.resolve() {
            Ok((resolved, _)) if resolved.is_ambiguous() => Some(resolved),
            _ => None,
        }
    }

    /// A left click: a section in the sidebar goes to its first field; on the page a field
    /// gets focus, an option is toggled, a zone picked, an entry highlighted, a line of
    /// "File the case" acted on.
    pub(super) fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let areas = ui::layout(self)?;
        let at = Position::new(column, row);
        if areas.sidebar.contains(at) {
            match ui::sidebar::row_at(self, areas.sidebar, row)? {
                ui::sidebar::Row::Section(_, first) => self.set_focus(first),
                ui::sidebar::Row::File => self.set_focus(FILE),
            }
            return None;
        }
        if !areas.page.contains(at) {
            return None;
        }
        let inner = ui::page::inner(self, areas.page);
        let page = ui::page::layout(self, inner);
        if let Some(editor) = ui::page::editor_area(&page, inner)
            && editor.contains(at)
        {
            self.click_editor(editor, row);
            return None;
        }
        match ui::page::target_at(&page, inner, row)? {
            Target::Field(index) => {
                if index != self.focus {
                    self.set_focus(index);
                }
                None
            }
            Target::FileItem(index) => {
                self.file_cursor = index;
                self.activate_file_item()
            }
        }
    }

    fn click_editor(&mut self, editor: ratatui::layout::Rect, row: u16) {
        match ui::field::row_at(self, editor, row) {
            Some(index) if matches!(self.editor, Editor::Choice { .. }) => {
                self.editor = Editor::Choice { cursor: index };
                self.toggle(index);
            }
            Some(index) if self.editor.is_searching() => {
                if let Editor::Zone { selected, .. } = &mut self.editor {
                    *selected = index;
                }
                self.pick_zone();
            }
            Some(index) => {
                if let Editor::List { selected, .. } = &mut self.editor {
                    *selected = Some(index);
                }
            }
            None => {}
        }
    }
}
