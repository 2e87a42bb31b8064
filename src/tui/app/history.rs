//! Undo and redo, per field, kept across visits: every change to a field's value in the
//! case is recorded, whatever made it (typing, a paste, a toggle or a pick, a list edit,
//! the zone picker, `$EDITOR`, tidying on leave), because [`App::update`] compares the
//! watched field before and after each action rather than trusting each edit to report.
//!
//! Coalescing: the characters typed in a row into one field are one step, and so are the
//! Backspaces/Deletes in a row. A run ends after a whitespace character or a new line (the
//! space belongs to the word before it: typing `hello world` is undone as `hello ` then
//! nothing), and at anything else: another key that changes the text, a cursor move, a
//! paste, an undo or redo, or leaving the field. A change made by leaving (the skill id
//! or the customer id tidied) belongs to the typing just before it, when the field is left
//! straight after typing; otherwise it is a step of its own.
//!
//! The steps grid is one stop: there undo takes back the grid's last change, whichever
//! step it was, and moves to that step. "File the case" edits nothing, and says so.
//!
//! A field keeps at most [`MAX_STEPS`] steps and [`MAX_BYTES`] of earlier values; its
//! oldest steps go first. Imports and opening another draft start afresh: the case was
//! replaced.

use std::collections::HashMap;

use ratatui_textarea::{Input, Key};

use super::stops::{is_step, is_stop};
use super::{App, Screen, Tone};
use crate::case::value::{self, Snapshot};
use crate::case::{FIELDS, FieldId, Section};
use crate::store::Access;
use crate::tui::action::{Action, Effect, Outcome};
use crate::tui::editor::{Editor, text_of};

/// The most steps one field keeps to undo.
pub const MAX_STEPS: usize = 100;
/// The most bytes of earlier values one field keeps (a huge description is not kept a
/// hundred times).
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// What kind of change an action made, for coalescing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// A character typed, not whitespace: joins a typing run, or starts one.
    Type,
    /// Whitespace typed or a new line: joins a typing run and ends it.
    Space,
    /// Backspace or Delete: joins a run of them, or starts one.
    Erase,
    /// The field was left (tidied on the way out): joins the run just before.
    Leave,
    /// Anything else: a step of its own.
    Other,
}

impl Step {
    fn of(action: &Action) -> Self {
        match action {
            Action::Input(Input {
                key: Key::Char(c),
                ctrl: false,
                alt: false,
                ..
            }) if c.is_whitespace() => Self::Space,
            Action::Input(Input {
                key: Key::Char(_),
                ctrl: false,
                alt: false,
                ..
            }) => Self::Type,
            Action::Input(Input {
                key: Key::Backspace | Key::Delete,
                ctrl: false,
                alt: false,
                ..
            }) => Self::Erase,
            Action::Newline => Self::Space,
            _ => Self::Other,
        }
    }
}

/// The run the next key may join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    Typing,
    Erasing,
    /// Ended by whitespace: the next key starts a step, leaving still joins it.
    Spaced,
}

/// A value to go back (or forward) to, and when it was last touched, so that a group of
/// fields (the steps grid) takes back its latest change first.
#[derive(Debug)]
struct Entry {
    seq: u64,
    value: Snapshot,
}

/// One field's earlier values (to undo) and undone ones (to redo), oldest first.
#[derive(Debug, Default)]
struct Track {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl Track {
    /// Drops the oldest steps over [`MAX_STEPS`] or [`MAX_BYTES`] (the newest is kept).
    fn trim(&mut self) {
        let mut bytes: usize = self.undo.iter().map(|e| e.value.size()).sum();
        let mut over = 0;
        while self.undo.len() - over > 1
            && (self.undo.len() - over > MAX_STEPS || bytes > MAX_BYTES)
        {
            bytes -= self.undo[over].value.size();
            over += 1;
        }
        self.undo.drain(..over);
    }

    /// The stack `way` takes from, and the one it puts the current value on.
    const fn stacks(&mut self, way: Way) -> (&mut Vec<Entry>, &mut Vec<Entry>) {
        match way {
            Way::Undo => (&mut self.undo, &mut self.redo),
            Way::Redo => (&mut self.redo, &mut self.undo),
        }
    }
}

/// Which way through a field's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Undo,
    Redo,
}

/// Every field's undo and redo history.
#[derive(Debug, Default)]
pub struct History {
    tracks: HashMap<FieldId, Track>,
    /// The open run: its field, and whether it types or erases.
    run: Option<(FieldId, Run)>,
    /// Counts every step recorded or taken, to order the steps of different fields.
    seq: u64,
}

impl History {
    /// Records that field `id` held `before` until a change of kind `step`. A new step
    /// forgets what was undone in that field.
    /// Whether a change to `id` by `step` joins the open run (and so keeps no value of its
    /// own: the run's first value is what undo puts back).
    fn joins(&self, id: FieldId, step: Step) -> bool {
        match (self.run, step) {
            (Some((open, Run::Typing)), Step::Type | Step::Space)
            | (Some((open, Run::Erasing)), Step::Erase)
            | (Some((open, _)), Step::Leave) => open == id,
            (Some((_, Run::Typing | Run::Erasing | Run::Spaced)) | None, _) => false,
        }
    }

    /// Records a change to `id`; `before` is its value before, which a change that joins
    /// the open run does not need (and is not copied for: see `update_recorded`).
    fn record(&mut self, id: FieldId, before: Option<Snapshot>, step: Step) {
        let joins = self.joins(id, step);
        self.seq += 1;
        let seq = self.seq;
        let track = self.tracks.entry(id).or_default();
        track.redo.clear();
        match (track.undo.last_mut(), before) {
            (Some(open), _) if joins => open.seq = seq,
            (_, Some(value)) => {
                track.undo.push(Entry { seq, value });
                track.trim();
            }
            // Only a joining change comes without its value, and it joined above.
            (_, None) => {}
        }
        self.run = match step {
            Step::Type => Some((id, Run::Typing)),
            Step::Erase => Some((id, Run::Erasing)),
            Step::Space => Some((id, Run::Spaced)),
            Step::Leave | Step::Other => None,
        };
    }

    /// Which of `group` to change and the value to put back in it: the field whose step
    /// was touched last; `current` reads a field's value now. `None` when there is nothing
    /// to undo (or redo). Steps that would change nothing are skipped.
    fn travel(
        &mut self,
        group: &[FieldId],
        current: impl Fn(FieldId) -> Snapshot,
        way: Way,
    ) -> Option<(FieldId, Snapshot)> {
        self.run = None;
        loop {
            let (_, id) = group
                .iter()
                .filter_map(|id| {
                    let track = self.tracks.get_mut(id)?;
                    Some((track.stacks(way).0.last()?.seq, *id))
                })
                .max()?;
            self.seq += 1;
            let seq = self.seq;
            let (from, to) = self.tracks.get_mut(&id)?.stacks(way);
            let entry = from.pop()?;
            let now = current(id);
            if entry.value != now {
                to.push(Entry { seq, value: now });
                return Some((id, entry.value));
            }
        }
    }

    /// How many steps field `id` can undo and redo (for tests and the help).
    #[must_use]
    pub fn depth(&self, id: FieldId) -> (usize, usize) {
        self.tracks
            .get(&id)
            .map_or((0, 0), |t| (t.undo.len(), t.redo.len()))
    }
}

impl App {
    /// Every field's undo history.
    #[must_use]
    pub const fn history(&self) -> &History {
        &self.history
    }

    /// Applies `action` and records the change it made to the watched field (the focused
    /// one, or the one `$EDITOR` returned); an import that changed the case starts afresh.
    pub(super) fn update_recorded(&mut self, action: Action) -> Option<Effect> {
        let watched = match &action {
            Action::Outcome(Outcome::Edited { field, .. }) => Some(*field),
            // Undo and redo keep the history themselves; the loop's own actions and other
            // outcomes change no field (an import starts afresh, below).
            Action::Undo
            | Action::Redo
            | Action::Tick(_)
            | Action::Resize(..)
            | Action::Outcome(_) => None,
            _ => Some(self.field().id),
        };
        let imported = matches!(action, Action::Outcome(Outcome::Imported { .. }));
        let revision = self.draft.revision;
        let step = Step::of(&action);
        // A key that joins the open run (typing on in the same field) needs no copy of the
        // value before it: for a 500 KB description that copy, and comparing it, cost more
        // than the key itself.
        let joins = watched.is_some_and(|id| self.history.joins(id, step));
        let before = watched.map(|id| (id, (!joins).then(|| value::snapshot(&self.case, id))));
        let effect = self.update_case(action);
        if imported && self.draft.revision != revision {
            self.history = History::default();
        } else if let Some((id, before)) = before {
            let left = self.field().id != id || self.screen != Screen::Form;
            // Every change of the case moves the draft's revision (or it would never be
            // saved), so an action that left the revision alone changed nothing to record.
            let changed = self.draft.revision != revision
                && before
                    .as_ref()
                    .is_none_or(|before| value::snapshot(&self.case, id) != *before);
            if changed {
                self.history
                    .record(id, before, if left { Step::Leave } else { step });
            } else {
                self.history.run = None;
            }
            if left {
                self.history.run = None;
            }
        }
        effect
    }

    /// Undoes the last change to the focused field.
    pub(super) fn undo(&mut self) {
        self.travel(Way::Undo);
    }

    /// Puts back what the last undo in the focused field took back.
    pub(super) fn redo(&mut self) {
        self.travel(Way::Redo);
    }

    /// Undo or redo. The input line of a list or of the zone search holds typing that is
    /// not in the case yet: undo takes all of it back first (while it holds text), and redo
    /// puts it back first (until the field's value changes).
    fn travel(&mut self, way: Way) {
        let verb = match way {
            Way::Undo => "undo",
            Way::Redo => "redo",
        };
        if let Editor::List { input: area, .. } | Editor::Zone { input: area, .. } =
            &mut self.editor
        {
            let went = match way {
                Way::Undo if text_of(area).trim().is_empty() => false,
                Way::Undo => area.undo(),
                Way::Redo => area.redo(),
            };
            if went {
                while match way {
                    Way::Undo => area.undo(),
                    Way::Redo => area.redo(),
                } {}
                self.editor.refresh_matches();
                return;
            }
        }
        if self.on_file_stop() {
            self.set_status(
                Tone::Info,
                format!("Nothing to {verb} here: each field keeps its own history"),
            );
            return;
        }
        if self.draft.access != Access::ReadWrite {
            self.read_only_notice();
            return;
        }
        let (group, label) = if self.in_steps() {
            let steps = (0..FIELDS.len())
                .filter(|&i| is_step(i) && is_stop(&self.case, i))
                .map(|i| FIELDS[i].id)
                .collect();
            (steps, Section::StepsTried.title())
        } else {
            (vec![self.field().id], self.field().label)
        };
        let case = &self.case;
        let Some((id, earlier)) = self
            .history
            .travel(&group, |id| value::snapshot(case, id), way)
        else {
            self.set_status(Tone::Info, format!("Nothing to {verb} in {label}"));
            return;
        };
        value::restore(&mut self.case, id, &earlier);
        self.changed();
        self.revalidate();
        if id == self.field().id {
            self.editor = Editor::for_field(self.field(), &self.case, self.reveal);
        } else {
            // Another step of the grid: the focus goes to it, to show what changed.
            self.focus_field(id);
        }
        if matches!(id, FieldId::LocalTime | FieldId::TimeZone) {
            // As for any change of the time: a DST choice made for another time is never
            // applied silently to this one, and the question is said again.
            self.case.failure.disambiguation = None;
            self.note_dst();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Snapshot {
        Snapshot::Text(s.to_owned())
    }

    #[test]
    fn a_typed_word_and_its_space_are_one_step() {
        let mut history = History::default();
        let id = FieldId::SkillName;
        for (before, step) in [
            ("", Step::Type),
            ("h", Step::Type),
            ("hi", Step::Space),
            ("hi ", Step::Type),
        ] {
            history.record(id, Some(text(before)), step);
        }
        assert_eq!(history.depth(id), (2, 0));
        let mut now = text("hi y");
        let mut step = |history: &mut History, way| {
            let moved = history.travel(&[id], |_| now.clone(), way);
            if let Some((_, value)) = &moved {
                now = value.clone();
            }
            moved.map(|(_, value)| value)
        };
        assert_eq!(step(&mut history, Way::Undo), Some(text("hi ")));
        assert_eq!(step(&mut history, Way::Undo), Some(text("")));
        assert_eq!(step(&mut history, Way::Undo), None);
        assert_eq!(step(&mut history, Way::Redo), Some(text("hi ")));
    }

    #[test]
    fn a_group_takes_back_its_latest_change_first() {
        let mut history = History::default();
        let (a, b) = (FieldId::SkillName, FieldId::Notes);
        history.record(a, Some(text("a0")), Step::Other);
        history.record(b, Some(text("b0")), Step::Other);
        history.record(a, Some(text("a1")), Step::Other);
        let now = |id| text(if id == a { "a2" } else { "b1" });
        assert_eq!(
            history.travel(&[a, b], now, Way::Undo),
            Some((a, text("a1")))
        );
        let now = |id| text(if id == a { "a1" } else { "b1" });
        assert_eq!(
            history.travel(&[a, b], now, Way::Undo),
            Some((b, text("b0")))
        );
        let now = |id| text(if id == a { "a1" } else { "b0" });
        assert_eq!(
            history.travel(&[a, b], now, Way::Redo),
            Some((b, text("b1"))),
            "the latest undone first"
        );
    }

    #[test]
    fn the_oldest_steps_go_first() {
        let mut history = History::default();
        let id = FieldId::Notes;
        for n in 0..=MAX_STEPS {
            history.record(id, Some(text(&n.to_string())), Step::Other);
        }
        assert_eq!(history.depth(id), (MAX_STEPS, 0));
        let big = "x".repeat(MAX_BYTES / 2 + 1);
        history.record(id, Some(text(&big)), Step::Other);
        history.record(id, Some(text(&big)), Step::Other);
        assert_eq!(
            history.depth(id),
            (1, 0),
            "the newest is kept whatever its size"
        );
    }
}
