//! The app's state and its one entry point, [`App::update`]: an [`Action`] in, the case and
//! the screen state changed, maybe an [`Effect`] out for the loop to perform. No I/O here,
//! no clock and no environment: `now`, the default zone and the theme are injected.

mod clip;
mod dialog;
mod draft;
mod edit;
mod history;
mod import;
mod list;
mod paste;
mod review;
mod save;
mod state;
mod status;
mod stops;
mod suggest;

use std::cell::OnceCell;
use std::collections::HashSet;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::action::{Action, Effect};
use super::editor::{Editor, Reveal};
use super::keymap::Context;
use super::theme::Theme;
use crate::case::time::Zone;
use crate::case::value::is_filled;
use crate::case::{
    Case, Class, FIELDS, Field, FieldId, Finding, Report, Section, StepState, Summary, Validator,
};
use crate::export::{self, Format, Options};
use crate::store::{Access, DraftSummary};

pub use clip::copied_status;
pub use dialog::{DELETE_CHOICES, Dialog, SECRET_CHOICES};
pub use draft::{DEBOUNCE, Draft};
pub use history::{History, MAX_BYTES, MAX_STEPS};
pub use import::{import_report_lines, split_paths};
pub use review::{ReviewItem, ReviewMark};
pub use save::{FALLBACK_STEM, MAX_SLUG, REPLACE_CHOICES, default_file_name, resolve, slug};
pub use state::{Changes, Mark, Screen, Status, Tone, sanitized_notice};
pub use status::{ERROR_LIFE, SHORT_LIFE, WARNING_LIFE, lifetime};
pub use stops::{FILE, FileItem, is_stop, stops};
pub use suggest::AddAs;

/// What the app needs from outside, given once so that tests are deterministic.
#[derive(Debug, Clone, Copy)]
pub struct Env {
    /// The current time (the loop keeps it current with [`App::set_now`]).
    pub now: DateTime<Utc>,
    /// The zone a new case starts with (`$TZ` or the system zone).
    pub zone: Zone,
    /// The styles to draw with.
    pub theme: Theme,
}

/// The whole state of the TUI.
#[derive(Debug)]
pub struct App {
    case: Case,
    validator: Validator,
    now: DateTime<Utc>,
    theme: Theme,
    /// Every finding and the summary, for the case as it is; see [`App::refresh`].
    report: Report,
    /// The text export as the review screen shows it (password left out): rendered the
    /// first time it is asked for after a change, so typing on the form never renders it.
    review_text: OnceCell<String>,
    /// Each section's summary, for the sidebar.
    sections: Vec<(Section, Summary)>,
    /// How many times the findings were computed (see [`App::refreshes`]).
    refreshes: u64,
    /// How many messages were set, to tell whether an action set one.
    statuses: u64,
    /// Which fields are stops, for the case as `report` was computed for (drawing reads it).
    stop_mask: Vec<bool>,
    /// The draft's revision when the focused field was entered: a field left at another
    /// revision was edited, and is judged from then on.
    focus_revision: u64,
    /// The case changed since `report` and `review_text` were computed.
    stale: bool,
    /// The focused field's index in `FIELDS`, or [`FILE`] for "File the case".
    focus: usize,
    /// The highlighted line of "File the case".
    file_cursor: usize,
    /// The local time and zone the DST question was last asked for (asked once per change).
    dst_asked: Option<(String, String)>,
    editor: Editor,
    reveal: Reveal,
    touched: HashSet<FieldId>,
    screen: Screen,
    dialog: Option<Dialog>,
    status: Option<Status>,
    /// When the status was first seen by a tick, and what it is about.
    stamp: status::Stamp,
    /// Every field's undo and redo.
    history: History,
    draft: Draft,
    drafts: Vec<DraftSummary>,
    draft_name: String,
    zone: Zone,
    save_format: Format,
    save: save::SaveTarget,
    copy_password: bool,
    import_paths: String,
    import_report: Vec<String>,
    size: (u16, u16),
}

impl App {
    /// An app editing `case`. A case without a time zone gets `env.zone`; fields that already
    /// hold a value count as visited, so a loaded case shows its problems at once.
    #[must_use]
    pub fn new(mut case: Case, env: Env) -> Self {
        if case.failure.time_zone.trim().is_empty() {
            case.failure.time_zone = env.zone.name();
        }
        let validator = Validator::at(env.now);
        let touched = FIELDS
            .iter()
            .filter(|f| is_filled(&case, f.id))
            .map(|f| f.id)
            .collect();
        let editor = Editor::for_field(&FIELDS[0], &case, Reveal::Masked);
        Self {
            case,
            validator,
            now: env.now,
            theme: env.theme,
            report: Report::default(),
            review_text: OnceCell::new(),
            sections: Vec::new(),
            refreshes: 0,
            statuses: 0,
            stop_mask: Vec::new(),
            focus_revision: 0,
            stale: true,
            focus: 0,
            file_cursor: 0,
            dst_asked: None,
            editor,
            reveal: Reveal::Masked,
            touched,
            screen: Screen::Form,
            dialog: None,
            status: None,
            stamp: status::Stamp::default(),
            history: History::default(),
            draft: Draft::new(None, Access::ReadWrite),
            drafts: Vec::new(),
            draft_name: String::new(),
            zone: env.zone,
            save_format: Format::Text,
            save: save::SaveTarget::default(),
            copy_password: true,
            import_paths: String::new(),
            import_report: Vec::new(),
            size: (80, 24),
        }
        .refreshed()
    }

    fn refreshed(mut self) -> Self {
        self.refresh();
        self
    }

    /// What the app was given from outside, as it is now.
    #[must_use]
    pub const fn env(&self) -> Env {
        Env {
            now: self.now,
            zone: self.zone,
            theme: self.theme,
        }
    }

    /// The format the save dialog offers first (from the config).
    pub const fn set_save_format(&mut self, format: Format) {
        self.save_format = format;
    }

    /// Whether a copy (Ctrl+Y) includes the password (from the config; on by default: a
    /// copy is made to file the case).
    pub const fn set_copy_includes_password(&mut self, include: bool) {
        self.copy_password = include;
    }

    /// Moves the clock on (the loop calls this before each event). Only the "in the
    /// future" rule reads the clock, at minute precision, so the findings are computed again
    /// when the minute changes, never on a mere tick.
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        let minute = |t: DateTime<Utc>| t.timestamp().div_euclid(60);
        let new_minute = minute(now) != minute(self.now);
        self.now = now;
        if new_minute {
            self.validator = Validator::at(now);
            self.refresh();
        }
    }

    /// The case being edited.
    #[must_use]
    pub const fn case(&self) -> &Case {
        &self.case
    }

    /// Every finding for the case as it is now.
    #[must_use]
    pub const fn report(&self) -> &Report {
        &self.report
    }

    /// The configuration findings (`linkcase check`) for the case as it is now.
    pub fn lints(&self) -> impl Iterator<Item = &Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| f.class == Class::Configuration)
    }

    /// The text export as the review screen shows it: rendered at most once per change,
    /// when first asked for.
    #[must_use]
    pub fn review_text(&self) -> &str {
        self.review_text
            .get_or_init(|| export::render(&self.case, Format::Text, Options::default()))
    }

    /// The styles to draw with.
    #[must_use]
    pub const fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The focused field's checklist row (on "File the case", the last field's: nothing is
    /// edited there, see [`App::on_file_stop`]).
    #[must_use]
    pub fn field(&self) -> &'static Field {
        FIELDS.get(self.focus).unwrap_or(&FIELDS[FIELDS.len() - 1])
    }

    /// The focused field's editor.
    #[must_use]
    pub const fn editor(&self) -> &Editor {
        &self.editor
    }

    /// Whether the password is shown.
    #[must_use]
    pub const fn reveal(&self) -> Reveal {
        self.reveal
    }

    /// The screen shown.
    #[must_use]
    pub const fn screen(&self) -> Screen {
        self.screen
    }

    /// The open dialog, if any.
    #[must_use]
    pub const fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The status message, if any.
    #[must_use]
    pub const fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether there are changes the draft does not hold yet.
    #[must_use]
    pub const fn changes(&self) -> Changes {
        if self.draft.is_dirty() {
            Changes::Unsaved
        } else if self.draft.is_changed() {
            Changes::Saved
        } else {
            Changes::None
        }
    }

    /// The terminal size last reported.
    #[must_use]
    pub const fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Where the case stands: the summary every surface shows.
    #[must_use]
    pub const fn summary(&self) -> Summary {
        self.report.summary
    }

    /// One section's part of the summary (the sidebar's section rows).
    #[must_use]
    pub fn section_summary(&self, section: Section) -> Summary {
        self.sections
            .iter()
            .find(|(s, _)| *s == section)
            .map(|(_, summary)| *summary)
            .unwrap_or_default()
    }

    /// How many times the findings and the review text were computed since the app
    /// started: once per change of the case and once per minute, never per key that changes
    /// nothing or per frame (for tests and benchmarks).
    #[must_use]
    pub const fn refreshes(&self) -> u64 {
        self.refreshes
    }

    /// The wall clock now in the case's zone (or UTC when the zone does not parse).
    #[must_use]
    pub fn local_now(&self) -> NaiveDateTime {
        Zone::parse(&self.case.failure.time_zone).map_or(self.now.naive_utc(), |zone| {
            crate::case::friendly::wall_clock(&zone, self.now)
        })
    }

    /// Which keymap contexts are active now.
    #[must_use]
    pub fn in_context(&self, context: Context) -> bool {
        let form = self.dialog.is_none() && self.screen == Screen::Form;
        // A field's own editor: not on "File the case", and the steps are one grid.
        let field = form && !self.on_file_stop() && !self.in_steps();
        let editor = &self.editor;
        match context {
            Context::Anywhere => true,
            Context::Dialog => self.dialog.is_some_and(|d| !d.takes_text()),
            Context::TextDialog => self.dialog.is_some_and(Dialog::takes_text),
            Context::Drafts => {
                self.dialog.is_none() && matches!(self.screen, Screen::Drafts { .. })
            }
            Context::Main => self.dialog.is_none(),
            Context::Review => {
                self.dialog.is_none() && matches!(self.screen, Screen::Review { .. })
            }
            Context::Form => form,
            Context::File => form && self.on_file_stop(),
            Context::Steps => form && self.in_steps(),
            Context::SingleLine => field && !editor.is_multiline(),
            Context::NotText => form && !editor.takes_text(),
            Context::LongText => field && editor.is_multiline(),
            Context::Choice => field && matches!(editor, Editor::Choice { .. }),
            Context::Secret => field && self.field().id == FieldId::Password,
            Context::List => field && matches!(editor, Editor::List { .. }),
            Context::ListInput => field && editor.has_list_input(),
            Context::ZoneSearch => field && editor.is_searching(),
            Context::ListOffer => field && self.input_offer().is_some(),
            Context::ListFix => field && self.highlighted_fix().is_some(),
        }
    }

    /// Applies one action; returns the I/O the loop must perform, if any. A read-only
    /// draft's case never changes: an edit is undone at once, with a notice.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        // A message answers the action that caused it: the user's next action clears it
        // unless that action says something itself, so an old message never stands beside
        // a screen it no longer describes. Ticks, outcomes and resizes are not the user's.
        let by_user = !matches!(
            action,
            Action::Tick(_) | Action::Outcome(_) | Action::Resize(..)
        );
        if let Action::Tick(now) = action {
            self.expire_status(now);
        }
        let said = self.statuses;
        let effect = self.update_recorded(action);
        if by_user && self.statuses == said {
            self.status = None;
        }
        if self.stale {
            self.refresh();
        }
        effect
    }

    fn update_case(&mut self, action: Action) -> Option<Effect> {
        if self.draft.access == Access::ReadWrite {
            return self.apply(action);
        }
        if matches!(action, Action::EditExternally) {
            self.refuse_edit(self.case.clone());
            return None;
        }
        let before = self.case.clone();
        let effect = self.apply(action);
        if self.case != before {
            self.refuse_edit(before);
        }
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        self.withdraw_quit_question(&action);
        match action {
            Action::Resize(width, height) => {
                self.size = (width, height);
                None
            }
            Action::Tick(now) => self.tick(now),
            Action::Outcome(outcome) => {
                self.outcome(outcome);
                None
            }
            Action::Quit => Some(Effect::Quit),
            Action::Help if !matches!(self.dialog, Some(Dialog::Help { .. }) | None) => None,
            Action::Help => {
                self.dialog = match self.dialog {
                    Some(Dialog::Help { .. }) => None,
                    _ => Some(Dialog::Help { scroll: 0 }),
                };
                None
            }
            // The wheel moves through what the screen lists: fields on the form, findings
            // on the review, drafts, or the lines of a dialog.
            Action::Wheel(down) => {
                let on_form = self.dialog.is_none() && self.screen == Screen::Form;
                self.apply(match (on_form, down) {
                    (true, true) => Action::NextField,
                    (true, false) => Action::PrevField,
                    (false, true) => Action::Next,
                    (false, false) => Action::Prev,
                })
            }
            _ if self.dialog.is_some() => self.dialog_action(&action),
            Action::Focus(id) => {
                self.screen = Screen::Form;
                self.focus_field(id);
                None
            }
            Action::Copy => Some(self.copy()),
            Action::Import if self.draft.access != Access::ReadWrite => {
                self.read_only_notice();
                None
            }
            Action::Import => {
                self.dialog = Some(Dialog::Import);
                None
            }
            Action::Save => {
                self.open_save();
                None
            }
            Action::Drafts if !matches!(self.screen, Screen::Drafts { .. }) => {
                Some(self.open_drafts())
            }
            _ if matches!(self.screen, Screen::Drafts { .. }) => self.drafts_action(&action),
            _ if matches!(self.screen, Screen::Review { .. }) => {
                self.review_action(&action);
                None
            }
            _ => self.form_action(action),
        }
    }

    fn form_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::NextField => self.move_stop(true),
            Action::PrevField => self.move_stop(false),
            Action::NextSection => self.move_section(true),
            Action::PrevSection => self.move_section(false),
            Action::Review => {
                if !self.on_file_stop() {
                    self.leave_field();
                }
                // Asking to review is asking to finish: every field is judged now.
                self.touched.extend(FIELDS.iter().map(|f| f.id));
                self.screen = Screen::Review {
                    selected: 0,
                    scroll: 0,
                };
            }
            Action::Click(column, row) => return self.click(column, row),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            _ if self.on_file_stop() => return self.file_action(&action),
            _ if self.in_steps() => self.steps_action(&action),
            Action::EditExternally => {
                return Some(Effect::EditExternally {
                    field: self.field().id,
                    text: crate::case::value::text(&self.case, self.field().id).unwrap_or_default(),
                });
            }
            other => self.edit(other),
        }
        None
    }

    /// Keys on "File the case": ↑/↓ move, Enter jumps to a field or reviews, copies, saves.
    fn file_action(&mut self, action: &Action) -> Option<Effect> {
        match action {
            Action::Prev => self.move_file_cursor(-1),
            Action::Next => self.move_file_cursor(1),
            Action::Confirm => return self.activate_file_item(),
            _ => {}
        }
        None
    }

    /// Keys in the steps grid: ↑/↓ move between steps, a letter answers and moves on, Enter
    /// moves on (past the last step, to the next stop).
    fn steps_action(&mut self, action: &Action) {
        match action {
            Action::Prev => self.move_step(false),
            Action::Next => self.move_step(true),
            Action::Confirm => self.next_step_or_stop(),
            Action::Answer(answer) => {
                let id = self.field().id;
                let chosen = |case: &Case, i| crate::case::value::is_chosen(case, id, i);
                let current = (0..StepState::ALL.len()).find(|&i| chosen(&self.case, i));
                let wanted = answer.and_then(|a| StepState::ALL.iter().position(|s| *s == a));
                if current != wanted {
                    // Toggling the chosen option clears it; toggling another chooses it.
                    if let Some(index) = wanted.or(current) {
                        crate::case::value::toggle(&mut self.case, id, index);
                        self.changed();
                        self.revalidate();
                    }
                }
                self.touched.insert(id);
                if answer.is_some() {
                    self.next_step_or_stop();
                }
            }
            _ => {}
        }
    }

    fn next_step_or_stop(&mut self) {
        let before = self.focus;
        self.move_step(true);
        if self.focus == before {
            self.move_stop(true);
        }
    }

    /// Starts saving an export: the format first.
    pub(super) fn open_save(&mut self) {
        let selected = Format::ALL
            .iter()
            .position(|f| *f == self.save_format)
            .unwrap_or(0);
        self.dialog = Some(Dialog::SaveFormat { selected });
    }

    /// Moves on to the next stop (as Tab does).
    pub(super) fn move_to_next_field(&mut self) {
        self.move_stop(true);
    }

    /// Focuses the field `id`.
    /// A field that is no stop (the derived UTC, a question that does not apply) gives the
    /// focus to the nearest stop before it, where its value comes from.
    pub(crate) fn focus_field(&mut self, id: FieldId) {
        let index = id.row();
        let stop = (0..=index)
            .rev()
            .find(|&i| stops::is_stop(&self.case, i))
            .unwrap_or(0);
        self.set_focus(stop);
    }

    fn set_focus(&mut self, index: usize) {
        if !self.on_file_stop() {
            self.leave_field();
        }
        self.focus = index.min(FILE);
        self.focus_revision = self.draft.revision;
        if self.on_file_stop() {
            self.arrive_at_file();
        } else {
            self.editor = Editor::for_field(self.field(), &self.case, self.reveal);
        }
    }

    /// Notes that the case changed: the findings and the review text are computed again
    /// once, when the action is done, however many edits it made.
    const fn revalidate(&mut self) {
        self.stale = true;
    }

    /// Computes the findings and the summaries for the case as it is, and forgets the review
    /// text rendered for the case as it was.
    fn refresh(&mut self) {
        self.report = self.validator.validate(&self.case);
        self.review_text = OnceCell::new();
        self.sections = Section::ALL
            .iter()
            .map(|s| {
                let summary = Summary::of_section(&self.case, &self.report.findings, *s);
                (*s, summary)
            })
            .collect();
        self.stop_mask = (0..FIELDS.len())
            .map(|i| stops::is_stop(&self.case, i))
            .collect();
        self.refreshes += 1;
        self.stale = false;
    }

    fn set_status(&mut self, tone: Tone, text: impl Into<String>) {
        self.statuses += 1;
        self.stamp = status::Stamp::default();
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }
}
