//! The last stop, "File the case": whether the case is ready, each thing still to fix with a
//! jump to its field, then Review, Copy and Save.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::page::{Body, Page, Target, truncate, wrap};
use crate::case::Severity;
use crate::tui::app::{App, FileItem};

/// What each action line says, and its key.
fn action(item: &FileItem) -> (&'static str, &'static str) {
    match item {
        FileItem::Review => ("Review the case as it will be filed", "Ctrl+R"),
        FileItem::Copy => ("Copy it, to paste into the contact-us form", "Ctrl+Y"),
        FileItem::Save => ("Save it to a file (text, Markdown or JSON)", "Ctrl+S"),
        FileItem::Fix { .. } => ("", ""),
    }
}

/// Lays out "File the case" within `area` (the page block's inside).
#[must_use]
pub fn layout(app: &App, area: Rect) -> Page {
    let theme = app.theme();
    let width = usize::from(area.width);
    let items = app.file_items();
    let cursor = app.file_cursor();
    let summary = app.summary();
    let errors = items
        .iter()
        .filter(|i| {
            matches!(
                i,
                FileItem::Fix {
                    severity: Severity::Error,
                    ..
                }
            )
        })
        .count();
    let mut page = Page {
        title: "File the case".to_owned(),
        parts: Vec::new(),
        offset: 0,
    };
    let (intro, style) = if errors == 0 {
        (
            format!("✓ Ready to file: {}.", summary.case_part()),
            theme.ok,
        )
    } else {
        let things = if errors == 1 { "thing" } else { "things" };
        (
            format!(
                "✗ Not ready: {errors} {things} to fix before filing. Enter on one goes to its field."
            ),
            theme.error,
        )
    };
    let mut lines: Vec<Line> = wrap(&intro, width.saturating_sub(2).max(8))
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect();
    lines.push(Line::default());
    page.push(Body::Lines(lines), None);
    let mut cursor_rows = (0, 0);
    let mut checks_said = false;
    let mut actions_said = false;
    for (i, item) in items.iter().enumerate() {
        let selected = i == cursor;
        let pointer = if selected { "›" } else { " " };
        let is_check = matches!(item, FileItem::Fix { check: true, .. });
        let is_action = FileItem::ACTIONS.contains(item);
        if !checks_said && (is_check || is_action) {
            checks_said = true;
            let part = summary.configuration_part();
            let found = part.strip_prefix("checks: ").unwrap_or(&part);
            let text = if is_check {
                format!(
                    "Configuration checks: {found}. They inform and never block filing; each may be why linking fails:"
                )
            } else {
                format!("Configuration checks: {found}.")
            };
            let mut lines = Vec::new();
            if i > 0 {
                lines.push(Line::default());
            }
            lines.extend(
                wrap(&text, width.saturating_sub(2).max(8))
                    .into_iter()
                    .map(|l| Line::styled(format!(" {l}"), theme.dim)),
            );
            page.push(Body::Lines(lines), None);
        }
        if !actions_said && is_action {
            actions_said = true;
            page.push(Body::Lines(vec![Line::default()]), None);
        }
        let line = match item {
            FileItem::Fix {
                field,
                message,
                severity,
                ..
            } => {
                let (mark, style) = match severity {
                    Severity::Error => ("✗", theme.error),
                    _ => ("!", theme.warning),
                };
                let label = field.field().label;
                let room = width.saturating_sub(label.chars().count() + 8).max(8);
                Line::from(vec![
                    Span::raw(format!(" {pointer} ")),
                    Span::styled(format!("{mark} "), style),
                    Span::styled(label, theme.text),
                    Span::styled(format!(" — {}", truncate(message, room)), style),
                ])
            }
            other => {
                let (what, key) = action(other);
                Line::from(vec![
                    Span::raw(format!(" {pointer} ")),
                    Span::styled(what, theme.title),
                    Span::styled(format!("  {key}"), theme.key),
                ])
            }
        };
        let line = if selected {
            line.style(theme.selected)
        } else {
            line
        };
        let from = page.height();
        page.push(Body::Lines(vec![line]), Some(Target::FileItem(i)));
        if selected {
            cursor_rows = (from, page.height());
        }
    }
    page.show(cursor_rows.0, cursor_rows.1, area.height);
    page
}
