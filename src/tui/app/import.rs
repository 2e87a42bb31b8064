//! Importing files into the open case (Ctrl+L): the dialog's paths, the report of what
//! came from where, and the merge ([`merge_imported`], in the engine) applied to the form.

use std::path::PathBuf;

use super::{App, Dialog, Tone};
use crate::case::Case;
use crate::case::Finding;
use crate::import::{ImportNote, Outcome, merge_imported};
use crate::tui::action::Effect;
use crate::tui::editor::Editor;

/// Splits the import dialog's line into paths: separated by spaces, with `'…'`, `"…"` and
/// `\ ` for paths that hold spaces (as a terminal pastes a dropped file), and
/// `--profile NAME` for the ASK CLI profile. An error says what is wrong with the line.
pub fn split_paths(line: &str) -> Result<(Vec<PathBuf>, Option<String>), String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, '\\') => word.get_or_insert_default().extend(chars.next()),
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            // Inside quotes, or any other character outside them.
            (_, c) => word.get_or_insert_default().push(c),
        }
    }
    if let Some(q) = quote {
        return Err(format!("a {q} is not closed"));
    }
    words.extend(word);
    let mut paths = Vec::new();
    let mut profile = None;
    let mut words = words.into_iter();
    while let Some(word) = words.next() {
        if word == "--profile" {
            profile = Some(words.next().ok_or("--profile needs a name")?);
        } else if let Some(name) = word.strip_prefix("--profile=") {
            profile = Some(name.to_owned());
        } else {
            paths.push(PathBuf::from(word));
        }
    }
    if paths.is_empty() {
        return Err("no file given".to_owned());
    }
    Ok((paths, profile))
}

/// The import report, one line each: what each file filled or left out (the import's own
/// `not_applicable` notes are left out: `steps` are those set on the merged case), then
/// the pitfalls only visible in the raw files.
#[must_use]
pub fn import_report_lines(
    report: &[ImportNote],
    steps: &[Outcome],
    checks: &[Finding],
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut file = None;
    for note in report {
        if matches!(
            note.outcome,
            Outcome::NotApplicable(_) | Outcome::Reopened(_)
        ) {
            continue;
        }
        // One heading per file, then what came of its values.
        if file != Some(&note.file) {
            file = Some(&note.file);
            lines.push(format!("{}:", note.file.display()));
        }
        let text = note.to_string();
        let prefix = format!("{}: ", note.file.display());
        lines.push(format!("  {}", text.strip_prefix(&prefix).unwrap_or(&text)));
    }
    lines.extend(steps.iter().map(|outcome| {
        ImportNote {
            file: std::path::PathBuf::new(),
            key: String::new(),
            outcome: outcome.clone(),
        }
        .to_string()
    }));
    lines.extend(checks.iter().map(|l| format!("check: {l}")));
    lines
}

impl App {
    /// The paths typed in the import dialog.
    #[must_use]
    pub fn import_paths(&self) -> &str {
        &self.import_paths
    }

    /// The last import's report, one line each.
    #[must_use]
    pub fn import_report(&self) -> &[String] {
        &self.import_report
    }

    /// Shows an import's report in a dialog (`linkcase new --import`).
    pub fn show_import_report(&mut self, lines: Vec<String>) {
        self.import_report = lines;
        self.dialog = Some(Dialog::ImportReport { scroll: 0 });
    }

    /// Confirming the import dialog: the paths, or why the line is not usable.
    pub(super) fn confirm_import(&mut self) -> Option<Effect> {
        match split_paths(&self.import_paths) {
            Ok((paths, profile)) => Some(Effect::Import { paths, profile }),
            Err(why) => {
                self.import_failed(&why);
                None
            }
        }
    }

    /// The import failed: the dialog opens again with the line kept, to fix it.
    pub(super) fn import_failed(&mut self, why: &str) {
        self.dialog = Some(Dialog::Import);
        self.set_status(Tone::Error, format!("Not imported: {why}"));
    }

    /// The files were read: their values go into the case.
    pub(super) fn imported(&mut self, imported: &Case, report: &[ImportNote], lints: &[Finding]) {
        let before = self.case.clone();
        let fields = match merge_imported(&mut self.case, imported, report) {
            Ok(fields) => fields,
            Err(why) => return self.import_failed(&format!("cannot merge the files: {why}")),
        };
        let steps = crate::import::settle_steps(&mut self.case);
        if self.case != before {
            self.changed();
        }
        self.touched.extend(fields.iter().copied());
        self.revalidate();
        self.editor = Editor::for_field(self.field(), &self.case, self.reveal);
        self.import_paths.clear();
        self.screen = super::Screen::Form;
        self.show_import_report(import_report_lines(report, &steps, lints));
        let files = report
            .iter()
            .filter(|n| matches!(n.outcome, Outcome::Read(_)))
            .count();
        self.set_status(
            Tone::Success,
            format!(
                "Imported {} from {}: imported values replace the form's, the rest is kept",
                crate::tui::ui::plural(fields.len(), "field"),
                crate::tui::ui::plural(files, "file"),
            ),
        );
    }
}
