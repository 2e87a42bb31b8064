//! Dialogs drawn over the screen: the key help (generated from the keymap), the DST
//! question with both UTC candidates, the save steps (format, password, the file's name with
//! its full path, the replace question), a draft's rename and delete, and the import's paths
//! and report.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::escape;
use crate::export::Format;
use crate::tui::app::{App, DELETE_CHOICES, Dialog, REPLACE_CHOICES, SECRET_CHOICES, Screen};
use crate::tui::keymap;

/// The help overlay's text, from the keybinding table.
#[must_use]
pub fn help_text() -> Vec<(Option<&'static str>, String, &'static str)> {
    keymap::help_lines()
}

/// Draws `dialog` centred over `area`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, dialog: Dialog) {
    let theme = app.theme();
    let (title, lines, width) = match dialog {
        Dialog::Help { scroll } => return help(app, frame, area, scroll),
        Dialog::ImportReport { scroll } => return import_report(app, frame, area, scroll),
        Dialog::Import => {
            let theme = app.theme();
            let lines = vec![
                Line::from("Files to import, separated by spaces:"),
                Line::default(),
                Line::from(vec![
                    Span::styled(format!("› {}", app.import_paths()), theme.selected),
                    Span::styled("▏", theme.key),
                ]),
                Line::default(),
                Line::styled(
                    "SMAPI account-linking JSON, skill-package/accountLinking.json or skill.json, \
                     .ask/ask-states.json, .ask/config, or a case file. Quote paths with spaces; \
                     --profile NAME picks the ASK CLI profile.",
                    theme.dim,
                ),
                Line::styled(
                    "The values found replace the form's; other fields are kept.",
                    theme.dim,
                ),
            ];
            (" Import ", lines, 72)
        }
        Dialog::SaveFormat { selected } => {
            let names: Vec<String> = Format::ALL
                .iter()
                .map(|f| format!("{:<9} .{}", f.name(), f.extension()))
                .collect();
            let mut lines = vec![
                Line::from("Save the case to a file. Format:"),
                Line::default(),
            ];
            lines.extend(choices(app, &names, selected));
            (" Save · 1/3 ", lines, 56)
        }
        Dialog::SaveSecrets { format, selected } => {
            let names: Vec<String> = SECRET_CHOICES.iter().map(|s| (*s).to_owned()).collect();
            let mut lines = vec![
                Line::from(format!("Saving as {format}. The test account's password:")),
                Line::default(),
            ];
            lines.extend(choices(app, &names, selected));
            (" Save · 2/3 ", lines, 56)
        }
        Dialog::SaveName {
            format,
            include_secrets,
        } => (" Save · 3/3 ", save_name(app, format, include_secrets), 72),
        Dialog::SaveReplace { selected, .. } => {
            let path = app.save_replacing().map(escape::path).unwrap_or_default();
            let names: Vec<String> = REPLACE_CHOICES.iter().map(|s| (*s).to_owned()).collect();
            let mut lines = vec![
                Line::from(format!("{path} already exists.")),
                Line::from("Replace it with this export?"),
                Line::default(),
            ];
            lines.extend(choices(app, &names, selected));
            (" Replace the file? ", lines, 72)
        }
        Dialog::RenameDraft => {
            let lines = vec![
                Line::from(format!("New name for draft {}:", selected_id(app))),
                Line::default(),
                Line::from(vec![
                    Span::styled(format!("› {}", app.draft_name()), app.theme().selected),
                    Span::styled("▏", app.theme().key),
                ]),
                Line::default(),
                Line::styled(
                    "Letters and digits; other characters become -",
                    app.theme().dim,
                ),
            ];
            (" Rename draft ", lines, 56)
        }
        Dialog::DeleteDraft { selected } => {
            let names: Vec<String> = DELETE_CHOICES.iter().map(|s| (*s).to_owned()).collect();
            let mut lines = vec![
                Line::from(format!(
                    "Delete draft {}? This cannot be undone.",
                    selected_id(app)
                )),
                Line::default(),
            ];
            lines.extend(choices(app, &names, selected));
            (" Delete draft? ", lines, 56)
        }
    };
    // Rows after wrapping at the dialog's inner width (plus one for word breaks), so no
    // choice is cut off.
    let inner = usize::from(width.min(area.width).saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| match l.width().div_ceil(inner) {
            0 | 1 => 1,
            n => n + 1,
        })
        .sum();
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let rect = super::centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border_focus);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// The save's last step: the name being typed and, live, the full path it saves to.
fn save_name(app: &App, format: Format, include_secrets: bool) -> Vec<Line<'static>> {
    let theme = app.theme();
    let secrets = if include_secrets {
        "with the password"
    } else {
        "without the password"
    };
    let target = match app.save_path() {
        Some(path) => Line::from(vec![
            Span::styled("Saves to ", theme.dim),
            Span::styled(escape::path(&path).into_owned(), theme.text),
        ]),
        None => Line::styled("Type a file name to save to.", theme.warning),
    };
    vec![
        Line::from(format!("Saving as {format}, {secrets}. File name:")),
        Line::default(),
        Line::from(vec![
            Span::styled(
                format!("› {}", escape::shown(app.save_name())),
                theme.selected,
            ),
            Span::styled("▏", theme.key),
        ]),
        Line::default(),
        target,
        Line::styled(
            "A file already there is not replaced without asking.",
            theme.dim,
        ),
    ]
}

/// The id of the draft highlighted on the drafts screen.
fn selected_id(app: &App) -> &str {
    match app.screen() {
        Screen::Drafts { selected } => app.drafts().get(selected).map_or("", |d| d.id.as_str()),
        _ => "",
    }
}

fn choices(app: &App, names: &[String], selected: usize) -> Vec<Line<'static>> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if i == selected {
                Line::styled(format!("› {name}"), app.theme().selected)
            } else {
                Line::from(format!("  {name}"))
            }
        })
        .collect()
}

fn help(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let theme = app.theme();
    let lines: Vec<Line> = help_text()
        .into_iter()
        .map(|(title, keys, label)| match title {
            Some(title) => Line::styled(title, theme.title),
            None => Line::from(vec![
                // At least one space between the keys and what they do, however long.
                Span::styled(format!("  {keys:<22} "), theme.key),
                Span::raw(label),
            ]),
        })
        .collect();
    let rect = super::centered(area, 64, area.height.saturating_sub(2));
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(rect.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(" Keys · Esc closes ", theme.title))
        .border_style(theme.border_focus);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        rect,
    );
}

fn import_report(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let theme = app.theme();
    let lines: Vec<Line> = app
        .import_report()
        .iter()
        .map(|line| {
            let style = if line.starts_with("check: ") {
                theme.warning
            } else {
                theme.text
            };
            Line::styled(line.clone(), style)
        })
        .collect();
    let width = area.width.saturating_sub(4).min(100);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| match l.width().div_ceil(inner) {
            0 | 1 => 1,
            n => n + 1,
        })
        .sum();
    let height = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        // The status line under it says what the import did.
        .min(area.height.saturating_sub(4));
    let rect = super::centered(area, width, height);
    let max = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_sub(rect.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(" Imported · Esc closes ", theme.title))
        .border_style(theme.border_focus);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max), 0)),
        rect,
    );
}
