//! The page of the section in view: every field of the section that applies, each with its
//! label, its value and its message under it; the focused field edits in place, with its
//! help under the editor. The page scrolls to keep the focused field whole in view. The steps
//! are one grid (`steps.rs`); the last stop is "File the case" (`file.rs`).
//!
//! The page is laid out once as a column of parts ([`Page`]), so drawing and clicking agree.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{field, file, steps};
use crate::case::time::{Unresolved, format_utc};
use crate::case::value::{self, Value};
use crate::case::{Class, FIELDS, Field, FieldId, FieldKind, Section, Severity};
use crate::tui::app::{App, Mark, ReviewMark};
use crate::tui::editor::Editor;

/// How far field values and messages are indented under their label.
pub const INDENT: u16 = 4;
/// The most help lines shown under the focused field.
const HELP_LINES: usize = 6;

/// What a click on a part of the page reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A field (its index in `FIELDS`): focus it.
    Field(usize),
    /// A line of "File the case" (its index in `App::file_items`).
    FileItem(usize),
}

/// One part of the page: lines, or the focused field's editor.
#[derive(Debug, Clone)]
pub enum Body {
    /// Lines drawn as they are (already wrapped to the page).
    Lines(Vec<Line<'static>>),
    /// The focused field's editor, this many rows tall.
    Editor(u16),
}

/// A part at row `y` of the whole (unscrolled) page.
#[derive(Debug, Clone)]
pub struct Part {
    /// Its first row within the page.
    pub y: u16,
    /// Its rows.
    pub height: u16,
    /// What is drawn.
    pub body: Body,
    /// What a click on it reaches.
    pub target: Option<Target>,
}

/// The page laid out for a width: its parts, how far it is scrolled, and its title.
#[derive(Debug, Clone)]
pub struct Page {
    /// The block's title.
    pub title: String,
    /// The parts, top to bottom.
    pub parts: Vec<Part>,
    /// The first row shown.
    pub offset: u16,
}

impl Page {
    /// Adds a part under the others.
    pub fn push(&mut self, body: Body, target: Option<Target>) {
        let height = match &body {
            Body::Lines(lines) => u16::try_from(lines.len()).unwrap_or(u16::MAX),
            Body::Editor(rows) => *rows,
        };
        let y = self
            .parts
            .last()
            .map_or(0, |p| p.y.saturating_add(p.height));
        self.parts.push(Part {
            y,
            height,
            body,
            target,
        });
    }

    /// Rows of the whole page.
    #[must_use]
    pub fn height(&self) -> u16 {
        self.parts
            .last()
            .map_or(0, |p| p.y.saturating_add(p.height))
    }

    /// Scrolls just far enough that rows `from..to` are in view (their top when they are
    /// taller than the page). Worked out from the focus alone, so every frame and every
    /// click agree without remembering a scroll position.
    pub fn show(&mut self, from: u16, to: u16, visible: u16) {
        self.offset = if to.saturating_sub(from) > visible {
            from
        } else {
            to.saturating_sub(visible).min(from)
        };
    }
}

/// The bordered block around the page.
fn block(app: &App, title: &str) -> Block<'static> {
    Block::bordered()
        .title(Span::styled(format!(" {title} "), app.theme().title))
        .border_style(app.theme().border_focus)
}

pub use super::review::wrap;

/// `text` cut to `width` columns, with `…` when it was longer.
#[must_use]
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// The value of a field as one short line, or `None` when it has none.
#[must_use]
pub fn value_line(app: &App, field: &Field) -> Option<String> {
    let case = app.case();
    let chosen = || -> Vec<&'static str> {
        value::options(field.kind)
            .iter()
            .enumerate()
            .filter(|(i, _)| value::is_chosen(case, field.id, *i))
            .map(|(_, o)| o.label)
            .collect()
    };
    let text = match value::get(case, field.id) {
        // Never the password, nor its length.
        Value::Secret(secret) if secret.is_withheld() => {
            "(left out by an export: add it before filing)".to_owned()
        }
        Value::Secret(secret) if secret.is_empty() => return None,
        Value::Secret(_) => "•••••••• (hidden)".to_owned(),
        Value::Text(text) if field.kind == FieldKind::LongText => {
            let lines = text.trim_end().lines().count();
            let first = text.lines().find(|l| !l.trim().is_empty())?.trim();
            if lines > 1 {
                format!("{first} … ({lines} lines)")
            } else {
                first.to_owned()
            }
        }
        Value::Text(text) => {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            text.to_owned()
        }
        Value::Number(n) => n?.to_string(),
        Value::Choice(_) | Value::Multi(_) | Value::Confirm(_) => {
            let labels = chosen();
            if labels.is_empty() {
                return None;
            }
            labels.join(", ")
        }
        Value::List(entries) => match entries {
            [] => return None,
            [one] => one.clone(),
            many => format!("{} ({} entries)", many.join(", "), many.len()),
        },
        Value::Derived(_) => match case.failure.utc_instant() {
            Ok(instant) => format_utc(instant),
            Err(_) => return None,
        },
    };
    Some(text)
}

/// The mark and style of a field's findings, once it is judged.
fn mark(app: &App, id: FieldId) -> (&'static str, Style) {
    let theme = app.theme();
    match app.mark(id) {
        Mark::Empty => ("·", theme.dim),
        Mark::Ok => ("✓", theme.ok),
        Mark::Warning => ("!", theme.warning),
        Mark::Error => ("✗", theme.error),
    }
}

/// The label row of a field: mark, label, `*` when required with the answers as they are.
fn label_line(app: &App, field: &Field, focused: bool, width: usize) -> Line<'static> {
    let theme = app.theme();
    let (mark, style) = mark(app, field.id);
    let required = if field.required.holds(app.case()) {
        " *"
    } else {
        ""
    };
    let pointer = if focused { "›" } else { " " };
    let label = truncate(field.label, width.saturating_sub(6));
    let line = Line::from(vec![
        Span::styled(format!("{pointer}{mark} "), style),
        Span::styled(label, if focused { theme.title } else { theme.text }),
        Span::styled(required, theme.dim),
    ]);
    if focused {
        line.style(theme.selected)
    } else {
        line
    }
}

/// The messages of a field (its findings once judged, then the checks about it) as
/// `(mark, text, style)`.
fn messages(app: &App, id: FieldId) -> Vec<(&'static str, String, Style)> {
    let theme = app.theme();
    let mut out = Vec::new();
    // The case's own findings; the checks (configuration class) follow, marked as such.
    for finding in app
        .messages(id)
        .into_iter()
        .filter(|f| f.class == Class::Case)
    {
        let (mark, style) = match finding.severity {
            Severity::Error => ("✗", theme.error),
            Severity::Warning => ("!", theme.warning),
            Severity::Hint => ("·", theme.dim),
        };
        out.push((mark, finding.message.clone(), style));
    }
    for lint in app.lint_messages(id) {
        let mark = ReviewMark::of(lint.severity);
        let style = match mark {
            ReviewMark::Error => theme.error,
            ReviewMark::Warning => theme.warning,
            ReviewMark::Hint => theme.dim,
        };
        out.push((mark.symbol(), format!("check: {}", lint.message), style));
    }
    out
}

/// `text` wrapped under the label, each line indented, in `style`.
fn indented(text: &str, width: usize, style: Style, first_mark: &str) -> Vec<Line<'static>> {
    let indent = usize::from(INDENT);
    let room = width.saturating_sub(indent + 2).max(8);
    wrap(text, room)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mark = if i == 0 { first_mark } else { " " };
            Line::styled(format!("{:indent$}{mark} {line}", ""), style)
        })
        .collect()
}

/// The block of a field not in focus: label, value, and its first message.
fn quiet_field(app: &App, field: &Field, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let indent = usize::from(INDENT);
    let mut lines = vec![label_line(app, field, false, width)];
    let room = width.saturating_sub(indent);
    lines.push(match value_line(app, field) {
        Some(text) => Line::styled(
            format!("{:indent$}{}", "", truncate(&text, room)),
            theme.text,
        ),
        None => Line::styled(format!("{:indent$}—", ""), theme.dim),
    });
    let messages = messages(app, field.id);
    if let Some((mark, text, style)) = messages.first() {
        let more = if messages.len() > 1 {
            format!(" (+{} more)", messages.len() - 1)
        } else {
            String::new()
        };
        lines.push(Line::styled(
            format!(
                "{:indent$}{mark} {}",
                "",
                truncate(&format!("{text}{more}"), room.saturating_sub(2))
            ),
            *style,
        ));
    }
    lines
}

/// What the focused field shows under its editor: every message, then its help.
fn focused_notes(app: &App, field: &Field, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let mut lines = Vec::new();
    for (mark, text, style) in messages(app, field.id) {
        lines.extend(indented(&text, width, style, mark));
    }
    let mut help = wrap(
        field.help,
        width.saturating_sub(usize::from(INDENT) + 2).max(8),
    );
    if help.len() > HELP_LINES {
        help.truncate(HELP_LINES);
        if let Some(last) = help.last_mut() {
            last.push_str(" … (F1)");
        }
    }
    let indent = usize::from(INDENT);
    lines.extend(
        help.into_iter()
            .map(|l| Line::styled(format!("{:indent$}  {l}", ""), theme.dim)),
    );
    if field.id == FieldId::VendorId {
        for (region, url) in crate::case::redirect::alexa_redirect_urls(app.case()) {
            lines.extend(indented(
                &format!("Alexa redirect URL ({}): {url}", region.id()),
                width,
                theme.text,
                " ",
            ));
        }
    }
    if let Editor::Lines(area) = app.editor()
        && area.wrap_mode() == ratatui_textarea::WrapMode::None
    {
        lines.extend(indented(
            "This text is over 64 KiB, so it is shown without wrapping; Ctrl+E opens it in your $EDITOR.",
            width,
            theme.dim,
            " ",
        ));
    }
    lines
}

/// The UTC line under the time and zone it comes from.
fn utc_lines(app: &App, field: &Field) -> Vec<Line<'static>> {
    let theme = app.theme();
    let indent = usize::from(INDENT);
    let text = match app.case().failure.utc_instant() {
        Ok(instant) => Span::styled(format_utc(instant), theme.ok),
        Err(Unresolved::Ambiguous(_)) => {
            Span::styled("— once the instant above is chosen", theme.warning)
        }
        Err(_) => Span::styled("— from the time and the zone above", theme.dim),
    };
    vec![
        Line::from(vec![
            Span::styled("  = ", theme.dim),
            Span::styled(field.label, theme.dim),
        ]),
        Line::from(vec![Span::raw(format!("{:indent$}", "")), text]),
    ]
}

/// Lays out the page for the section in view within `area` (the block's inside).
#[must_use]
pub fn layout(app: &App, area: Rect) -> Page {
    let width = usize::from(area.width);
    let visible = area.height;
    if app.on_file_stop() {
        return file::layout(app, area);
    }
    let section = app.field().section;
    let summary = app.section_summary(section);
    // Without the sidebar (a narrow terminal) the title says where the section stands.
    let name = if app.size().0 < super::SIDEBAR_FROM {
        let sections: Vec<_> = super::sidebar::rows(app)
            .into_iter()
            .filter(|r| matches!(r, super::sidebar::Row::Section(..)))
            .collect();
        let at = sections
            .iter()
            .position(|r| matches!(r, super::sidebar::Row::Section(s, _) if *s == section))
            .map_or(0, |i| i + 1);
        format!(
            "{} ({at}/{}, PgDn next)",
            super::sidebar::short_title(section),
            sections.len()
        )
    } else {
        section.title().to_owned()
    };
    let title = if summary.required > 0 {
        format!("{name} · {}/{} required", summary.done, summary.required)
    } else {
        name
    };
    let mut page = Page {
        title,
        parts: Vec::new(),
        offset: 0,
    };
    if section == Section::StepsTried {
        steps::layout(app, &mut page, width, visible);
    } else {
        let mut focused_rows = (0, 0);
        for (index, field) in FIELDS.iter().enumerate() {
            if field.section != section {
                continue;
            }
            if field.kind == FieldKind::Derived {
                page.push(Body::Lines(utc_lines(app, field)), None);
                continue;
            }
            // The focused field stays in view even when an import made it stop applying.
            if !app.shows(index) && index != app.focus_index() {
                continue;
            }
            if index == app.focus_index() {
                if page.height() > 0 {
                    page.push(Body::Lines(vec![Line::default()]), None);
                }
                let from = page.height();
                page.push(
                    Body::Lines(vec![label_line(app, field, true, width)]),
                    Some(Target::Field(index)),
                );
                page.push(
                    Body::Editor(field::height(app, area.width.saturating_sub(INDENT + 1))),
                    None,
                );
                let mut notes = focused_notes(app, field, width);
                notes.push(Line::default());
                page.push(Body::Lines(notes), None);
                focused_rows = (from, page.height());
            } else {
                page.push(
                    Body::Lines(quiet_field(app, field, width)),
                    Some(Target::Field(index)),
                );
            }
        }
        page.show(focused_rows.0, focused_rows.1, visible);
    }
    page
}

/// The rectangle the focused editor is drawn in, when it is in view.
#[must_use]
pub fn editor_area(page: &Page, area: Rect) -> Option<Rect> {
    let part = page
        .parts
        .iter()
        .find(|p| matches!(p.body, Body::Editor(_)))?;
    let top = part.y.checked_sub(page.offset)?;
    let height = part.height.min(area.height.saturating_sub(top));
    (height > 0 && top < area.height).then(|| Rect {
        x: area.x + INDENT,
        y: area.y + top,
        width: area.width.saturating_sub(INDENT + 1),
        height,
    })
}

/// What is drawn at screen row `row` of the page inside `area`.
#[must_use]
pub fn target_at(page: &Page, area: Rect, row: u16) -> Option<Target> {
    let y = row.checked_sub(area.y)?;
    if y >= area.height {
        return None;
    }
    let y = y + page.offset;
    page.parts
        .iter()
        .find(|p| p.y <= y && y < p.y + p.height)
        .and_then(|p| p.target)
}

/// The inside of the page's block in `area`.
#[must_use]
pub fn inner(app: &App, area: Rect) -> Rect {
    block(app, "").inner(area)
}

/// Draws the page into `area` (its block included).
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let inner = inner(app, area);
    let page = layout(app, inner);
    // Say when the page goes on past either edge (in the bottom border: the top one holds
    // the title).
    let mut block = block(app, &page.title);
    let below = page.height() > page.offset + inner.height;
    let more = match (page.offset > 0, below) {
        (true, true) => Some(" ↑↓ more "),
        (true, false) => Some(" ↑ more above "),
        (false, true) => Some(" ↓ more below "),
        (false, false) => None,
    };
    if let Some(more) = more {
        block = block.title_bottom(Line::styled(more, app.theme().dim).right_aligned());
    }
    frame.render_widget(block, area);
    for part in &page.parts {
        let end = part.y + part.height;
        if end <= page.offset || part.y >= page.offset + inner.height {
            continue;
        }
        let Body::Lines(lines) = &part.body else {
            continue;
        };
        let skip = page.offset.saturating_sub(part.y);
        let top = part.y.saturating_sub(page.offset);
        let rect = Rect {
            x: inner.x,
            y: inner.y + top,
            width: inner.width,
            height: (part.height - skip).min(inner.height - top),
        };
        frame.render_widget(Paragraph::new(lines.clone()).scroll((skip, 0)), rect);
    }
    if let Some(rect) = editor_area(&page, inner) {
        field::draw(app, frame, rect);
    }
}
