//! The sections sidebar: each section that has something to answer, with its count of
//! required answers given and a mark, then "File the case". The section in view is
//! highlighted; a click goes to a section's first field.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::case::{FIELDS, Section};
use crate::tui::app::{App, FILE, Mark};

/// One row of the sidebar: a section and its first stop, or "File the case".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A section, and the index in `FIELDS` of its first stop.
    Section(Section, usize),
    /// The last stop.
    File,
}

/// The sidebar's rows for the case as it is.
#[must_use]
pub fn rows(app: &App) -> Vec<Row> {
    let mut rows = Vec::new();
    for stop in app.current_stops() {
        let Some(&first) = stop.first() else {
            continue;
        };
        match FIELDS.get(first) {
            Some(field)
                if !rows
                    .iter()
                    .any(|r| matches!(r, Row::Section(s, _) if *s == field.section)) =>
            {
                rows.push(Row::Section(field.section, first));
            }
            None if first == FILE => rows.push(Row::File),
            _ => {}
        }
    }
    rows
}

/// The short name of a section in the sidebar.
#[must_use]
pub const fn short_title(section: Section) -> &'static str {
    match section {
        Section::Skill => "Skill",
        Section::TestAccount => "Test account",
        Section::Failure => "Failure",
        Section::Configuration => "Configuration",
        Section::StepsTried => "Steps tried",
        Section::Notes => "Notes",
    }
}

fn block(app: &App) -> Block<'static> {
    Block::bordered()
        .title(" Sections ")
        .border_style(app.theme().border)
}

/// The row drawn at screen row `row` of a sidebar in `area`, if any.
#[must_use]
pub fn row_at(app: &App, area: Rect, row: u16) -> Option<Row> {
    let inner = block(app).inner(area);
    if row < inner.y || row >= inner.bottom() {
        return None;
    }
    rows(app).get(usize::from(row - inner.y)).copied()
}

/// The mark of a section: ✗ when a judged field has an error, ! a warning, ✓ when every
/// required answer is given and nothing is wrong, · otherwise.
fn section_mark(app: &App, section: Section) -> Mark {
    let marks: Vec<Mark> = FIELDS
        .iter()
        .filter(|f| f.section == section)
        .map(|f| app.mark(f.id))
        .collect();
    let summary = app.section_summary(section);
    if marks.contains(&Mark::Error) {
        Mark::Error
    } else if marks.contains(&Mark::Warning) {
        Mark::Warning
    } else if summary.required > 0 && summary.done == summary.required {
        Mark::Ok
    } else if section == Section::StepsTried
        && let (answered, applicable) = steps_answered(app)
        && answered == applicable
        && applicable > 0
    {
        Mark::Ok
    } else {
        Mark::Empty
    }
}

/// How many of the steps that can apply to the case are answered, and how many apply.
fn steps_answered(app: &App) -> (usize, usize) {
    let applicable: Vec<usize> = (0..FIELDS.len())
        .filter(|&i| FIELDS[i].section == Section::StepsTried && app.shows(i))
        .collect();
    let answered = applicable
        .iter()
        .filter(|&&i| crate::case::value::is_filled(app.case(), FIELDS[i].id))
        .count();
    (answered, applicable.len())
}

/// Draws the sidebar, and under it how to move between sections when there is room.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let block = block(app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let here = app.section();
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = rows(app)
        .into_iter()
        .map(|row| {
            let (mark, title, count, current) = match row {
                Row::Section(section, _) => {
                    let summary = app.section_summary(section);
                    let count = if section == Section::StepsTried {
                        // The steps are never required: how many that apply were answered.
                        let (answered, applicable) = steps_answered(app);
                        format!("{answered}/{applicable}")
                    } else if summary.required > 0 {
                        format!("{}/{}", summary.done, summary.required)
                    } else {
                        String::new()
                    };
                    (
                        section_mark(app, section),
                        short_title(section),
                        count,
                        here == Some(section),
                    )
                }
                Row::File => {
                    let ready = app.summary().case.errors == 0;
                    let mark = if ready { Mark::Ok } else { Mark::Empty };
                    (mark, "File the case", String::new(), here.is_none())
                }
            };
            let (symbol, style) = match mark {
                Mark::Empty => ("·", theme.dim),
                Mark::Ok => ("✓", theme.ok),
                Mark::Warning => ("!", theme.warning),
                Mark::Error => ("✗", theme.error),
            };
            let gap = width
                .saturating_sub(3 + title.width() + count.width())
                .max(1);
            let line = Line::from(vec![
                Span::styled(format!(" {symbol} "), style),
                Span::styled(title, if current { theme.title } else { theme.text }),
                Span::raw(" ".repeat(gap)),
                Span::styled(count, theme.dim),
            ]);
            if current {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let room = usize::from(inner.height);
    if lines.len() + 4 <= room {
        lines.push(Line::default());
        lines.push(Line::styled(" Tab  next field", theme.dim));
        lines.push(Line::styled(" PgDn next section", theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
