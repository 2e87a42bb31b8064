//! Where Tab can go: the fields that apply to the case as it is, the steps tried as one grid,
//! and the last stop, "File the case". A field that cannot apply (the DST choice when the time
//! is not ambiguous, a step ruled out by the answers) and the derived UTC are never stops.

use super::App;
use crate::case::{Case, Class, FIELDS, FieldId, FieldKind, Section, Severity};
use crate::tui::action::Effect;
use crate::tui::editor::Editor;

/// The focus index that stands for "File the case" (one past the last field).
pub const FILE: usize = FIELDS.len();

/// Whether the field at `index` is a stop for this case.
#[must_use]
pub fn is_stop(case: &Case, index: usize) -> bool {
    FIELDS
        .get(index)
        .is_some_and(|f| f.kind != FieldKind::Derived && f.applies.holds(case))
}

/// Whether the field at `index` is a step of the "Steps already tried" grid.
#[must_use]
pub fn is_step(index: usize) -> bool {
    FIELDS
        .get(index)
        .is_some_and(|f| matches!(f.id, FieldId::Step(_)))
}

/// The stops in order, each as the field indices it covers: one per field, the applicable
/// steps together, and [`FILE`] last.
#[must_use]
pub fn stops(case: &Case) -> Vec<Vec<usize>> {
    group((0..FIELDS.len()).filter(|&i| is_stop(case, i)))
}

/// The stops from the indices of the fields that are stops, in order.
fn group(indices: impl Iterator<Item = usize>) -> Vec<Vec<usize>> {
    let mut stops: Vec<Vec<usize>> = Vec::new();
    for index in indices {
        match stops.last_mut() {
            Some(last) if is_step(index) && last.first().is_some_and(|&i| is_step(i)) => {
                last.push(index);
            }
            _ => stops.push(vec![index]),
        }
    }
    stops.push(vec![FILE]);
    stops
}

/// One line of the "File the case" page that Enter acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileItem {
    /// Something the case still needs, or a check worth a look: jump to the field.
    Fix {
        /// The field.
        field: FieldId,
        /// What is wrong, as the field says it.
        message: String,
        /// An error or a warning.
        severity: Severity,
        /// A check of the configuration (informs, never blocks filing), not a finding about
        /// the case itself.
        check: bool,
    },
    /// Open the review screen.
    Review,
    /// Copy the case for filing.
    Copy,
    /// Save an export.
    Save,
}

impl FileItem {
    /// The actions offered on "File the case", after what is left to fix.
    pub const ACTIONS: [Self; 3] = [Self::Review, Self::Copy, Self::Save];
}

impl App {
    /// Whether the field at `index` is a stop for the case as it is now: worked out once per
    /// change of the case (see `App::refresh`), so drawing a frame never evaluates the
    /// conditions again.
    #[must_use]
    pub fn shows(&self, index: usize) -> bool {
        self.stop_mask.get(index).copied().unwrap_or(false)
    }

    /// The stops for the case as it is now (see [`stops`]), from the same once-per-change
    /// work as [`App::shows`].
    #[must_use]
    pub fn current_stops(&self) -> Vec<Vec<usize>> {
        group((0..FIELDS.len()).filter(|&i| self.shows(i)))
    }

    /// The focused field's index in `FIELDS`, or [`FILE`] on "File the case".
    #[must_use]
    pub const fn focus_index(&self) -> usize {
        self.focus
    }

    /// Whether the focus is on "File the case".
    #[must_use]
    pub const fn on_file_stop(&self) -> bool {
        self.focus >= FILE
    }

    /// Whether the focus is in the "Steps already tried" grid.
    #[must_use]
    pub fn in_steps(&self) -> bool {
        !self.on_file_stop() && is_step(self.focus)
    }

    /// The section in view: the focused field's, or `None` on "File the case".
    #[must_use]
    pub fn section(&self) -> Option<Section> {
        (!self.on_file_stop()).then(|| self.field().section)
    }

    /// What "File the case" lists: each case finding still open (errors first, one per
    /// field, in the order of the form), then each check of the configuration (worth a look,
    /// never blocking), then Review, Copy and Save.
    #[must_use]
    pub fn file_items(&self) -> Vec<FileItem> {
        let mut items: Vec<FileItem> = Vec::new();
        for class in [Class::Case, Class::Configuration] {
            // Errors first, then warnings, each in the order of the form (a stable sort: the
            // report's order within a field); one line per field, its worst.
            let mut findings: Vec<(FieldId, &crate::case::Finding)> = self
                .report
                .findings
                .iter()
                .filter(|f| f.class == class && f.severity != Severity::Hint)
                .filter_map(|f| Some((f.field()?, f)))
                .collect();
            findings.sort_by_key(|(field, f)| (f.severity != Severity::Error, field.row()));
            let mut listed: Vec<FieldId> = Vec::new();
            for (field, finding) in findings {
                if listed.contains(&field) {
                    continue;
                }
                listed.push(field);
                items.push(FileItem::Fix {
                    field,
                    message: finding.message.clone(),
                    severity: finding.severity,
                    check: class == Class::Configuration,
                });
            }
        }
        items.extend(FileItem::ACTIONS);
        items
    }

    /// The highlighted line of "File the case".
    #[must_use]
    pub const fn file_cursor(&self) -> usize {
        self.file_cursor
    }

    /// Moves the focus to the next (`true`) or previous stop, wrapping around: Tab from the
    /// last field lands on "File the case", and from there on the first field.
    pub(super) fn move_stop(&mut self, forward: bool) {
        let stops = stops(&self.case);
        let count = stops.len();
        // The stop holding the focus, or (when the focused field stopped applying) the one
        // the focus would sit before.
        let at = stops
            .iter()
            .position(|s| s.contains(&self.focus))
            .unwrap_or_else(|| {
                let next = stops
                    .iter()
                    .position(|s| s.first().is_some_and(|&i| i > self.focus))
                    .unwrap_or(count - 1);
                if forward {
                    (next + count - 1) % count
                } else {
                    next
                }
            });
        let to = if forward {
            (at + 1) % count
        } else {
            (at + count - 1) % count
        };
        if let Some(&index) = stops.get(to).and_then(|s| s.first()) {
            self.set_focus(index);
        }
    }

    /// Moves to the first stop of the next (`true`) or previous section; past the last
    /// section is "File the case".
    pub(super) fn move_section(&mut self, forward: bool) {
        let stops = stops(&self.case);
        let section_of =
            |stop: &Vec<usize>| stop.first().and_then(|&i| FIELDS.get(i)).map(|f| f.section);
        let here = self.section();
        // Each section's first stop, in order, and "File the case" as `None`.
        let mut firsts: Vec<(Option<Section>, usize)> = Vec::new();
        for stop in &stops {
            let section = section_of(stop);
            if firsts.last().is_none_or(|(s, _)| *s != section) {
                firsts.push((section, stop[0]));
            }
        }
        let at = firsts.iter().position(|(s, _)| *s == here).unwrap_or(0);
        let to = if forward {
            (at + 1).min(firsts.len() - 1)
        } else {
            at.saturating_sub(1)
        };
        if let Some(&(_, index)) = firsts.get(to) {
            self.set_focus(index);
        }
    }

    /// ↑/↓ in the steps grid: the previous or next step that applies; past either end the
    /// focus stays (Tab leaves the grid).
    pub(super) fn move_step(&mut self, forward: bool) {
        let next = if forward {
            (self.focus + 1..FILE).find(|&i| is_step(i) && is_stop(&self.case, i))
        } else {
            (0..self.focus)
                .rev()
                .find(|&i| is_step(i) && is_stop(&self.case, i))
        };
        if let Some(index) = next {
            self.set_focus(index);
        }
    }

    /// ↑/↓ on "File the case".
    pub(super) fn move_file_cursor(&mut self, by: isize) {
        let last = self.file_items().len().saturating_sub(1);
        self.file_cursor = self.file_cursor.saturating_add_signed(by).min(last);
    }

    /// Enter on "File the case": jump to the field, or review, copy or save.
    pub(super) fn activate_file_item(&mut self) -> Option<Effect> {
        let items = self.file_items();
        match items.get(self.file_cursor)? {
            FileItem::Fix { field, .. } => {
                self.focus_field(*field);
                None
            }
            FileItem::Review => {
                self.screen = super::Screen::Review {
                    selected: 0,
                    scroll: 0,
                };
                None
            }
            FileItem::Copy => Some(self.copy()),
            FileItem::Save => {
                self.open_save();
                None
            }
        }
    }

    /// Arriving on "File the case" is asking to finish: every field is judged, and the
    /// highlight starts on the first thing left to do (on Review when nothing is).
    pub(super) fn arrive_at_file(&mut self) {
        self.touched.extend(FIELDS.iter().map(|f| f.id));
        if self.stale {
            self.refresh();
        }
        let items = self.file_items();
        // On the first thing the case still needs, else on Review.
        self.file_cursor = items
            .iter()
            .position(|i| matches!(i, FileItem::Fix { check: false, .. }))
            .or_else(|| items.iter().position(|i| *i == FileItem::Review))
            .unwrap_or(0);
        self.editor = Editor::ReadOnly;
    }
}
