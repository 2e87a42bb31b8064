//! The checklist sidebar: sections and fields from `FIELDS`, each with its mark, scrolled
//! so the focused field stays in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::case::{FIELDS, FieldId, Section};
use crate::tui::app::{App, Mark};

/// One row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Section(Section),
    Field(usize),
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::with_capacity(FIELDS.len() + 8);
    let mut section = None;
    for (index, field) in FIELDS.iter().enumerate() {
        if section != Some(field.section) {
            section = Some(field.section);
            rows.push(Row::Section(field.section));
        }
        rows.push(Row::Field(index));
    }
    rows
}

/// The first row shown in a sidebar `height` rows tall: the focus kept near the middle.
fn offset(app: &App, rows: &[Row], height: usize) -> usize {
    let focus = app.field().id;
    let at = rows
        .iter()
        .position(|r| matches!(r, Row::Field(i) if FIELDS[*i].id == focus))
        .unwrap_or(0);
    at.saturating_sub(height / 2)
        .min(rows.len().saturating_sub(height))
}

fn block(app: &App) -> Block<'static> {
    Block::bordered()
        .title(" Checklist ")
        .border_style(app.theme().border)
}

/// The field drawn at screen row `row` of a sidebar in `area`, if any.
#[must_use]
pub fn field_at(app: &App, area: Rect, row: u16) -> Option<FieldId> {
    let inner = block(app).inner(area);
    if row < inner.y || row >= inner.bottom() {
        return None;
    }
    let rows = rows();
    let index = offset(app, &rows, usize::from(inner.height)) + usize::from(row - inner.y);
    match rows.get(index)? {
        Row::Field(i) => FIELDS.get(*i).map(|f| f.id),
        Row::Section(_) => None,
    }
}

/// Draws the sidebar.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let block = block(app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = rows();
    let first = offset(app, &rows, usize::from(inner.height));
    let focus = app.field().id;
    let lines: Vec<Line> = rows
        .iter()
        .skip(first)
        .take(usize::from(inner.height))
        .map(|row| match *row {
            Row::Section(section) => {
                // The section's part of the summary: its required fields done. Its findings
                // show on the fields themselves, once each was edited.
                let summary = app.section_summary(section);
                let mut spans = vec![Span::styled(section.title(), theme.title)];
                if summary.required > 0 {
                    let style = if summary.done == summary.required {
                        theme.ok
                    } else {
                        theme.dim
                    };
                    spans.push(Span::styled(
                        format!(" {}/{}", summary.done, summary.required),
                        style,
                    ));
                }
                Line::from(spans)
            }
            Row::Field(index) => {
                let field = &FIELDS[index];
                let (mark, style) = match app.mark(field.id) {
                    Mark::Empty => ("·", theme.dim),
                    Mark::Ok => ("✓", theme.ok),
                    Mark::Warning => ("!", theme.warning),
                    Mark::Error => ("✗", theme.error),
                };
                let required = if field.required.holds(app.case()) {
                    " *"
                } else {
                    ""
                };
                let line = Line::from(vec![
                    Span::raw(" "),
                    Span::styled(mark, style),
                    Span::raw(" "),
                    Span::raw(field.label),
                    Span::styled(required, theme.dim),
                ]);
                if field.id == focus {
                    line.style(theme.selected)
                } else {
                    line
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
