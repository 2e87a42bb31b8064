//! Drawing: the layout, the header, status and footer lines, and the screens and dialogs in
//! `ui/*`. Everything here only reads the [`App`]; the layout is a pure function of the app
//! and the size, so mouse clicks are hit-tested against exactly what was drawn.

pub mod dialog;
pub mod drafts;
pub mod field;
pub mod file;
pub mod list;
pub mod live;
pub mod page;
pub mod review;
pub mod sidebar;
pub mod steps;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen, Tone};
use super::keymap;
use crate::case::Counts;
use unicode_width::UnicodeWidthStr;

/// Narrowest terminal the form is drawn in.
pub const MIN_WIDTH: u16 = 40;
/// Shortest terminal the form is drawn in.
pub const MIN_HEIGHT: u16 = 12;
/// From this width the sections are listed beside the page.
pub const SIDEBAR_FROM: u16 = 64;

/// Where each part of the form goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Title and progress.
    pub header: Rect,
    /// The sections (zero-wide in a narrow terminal).
    pub sidebar: Rect,
    /// The page of the section in view, its block included.
    pub page: Rect,
    /// The review and drafts screens (instead of sidebar and page).
    pub main: Rect,
    /// The status message.
    pub status: Rect,
    /// Key hints.
    pub footer: Rect,
}

/// The layout for the size the app last saw; `None` when the terminal is too small.
#[must_use]
pub fn layout(app: &App) -> Option<Areas> {
    let (width, height) = app.size();
    layout_in(app, Rect::new(0, 0, width, height))
}

/// The layout within `area`; `None` when it is too small.
#[must_use]
pub fn layout_in(app: &App, area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // The sections beside the page from 64 columns; below that the page takes the width
    // and its title names the section.
    let sidebar_width = if area.width >= SIDEBAR_FROM { 22 } else { 0 };
    let [sidebar, page] =
        Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Min(0)]).areas(body);
    let main = match app.screen() {
        Screen::Form => page,
        Screen::Review { .. } | Screen::Drafts { .. } => body,
    };
    Some(Areas {
        header,
        sidebar,
        page,
        main,
        status,
        footer,
    })
}

/// Where the focused field's editor is drawn, for the size the app last saw.
#[must_use]
pub fn focused_editor(app: &App) -> Option<Rect> {
    let areas = layout(app)?;
    let inner = page::inner(app, areas.page);
    page::editor_area(&page::layout(app, inner), inner)
}

/// Draws the whole app into the frame.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(areas) = layout_in(app, area) else {
        return too_small(app, frame, area);
    };
    header(app, frame, areas.header);
    match app.screen() {
        Screen::Form => {
            if areas.sidebar.width > 0 {
                sidebar::draw(app, frame, areas.sidebar);
            }
            page::draw(app, frame, areas.page);
        }
        Screen::Review { selected, scroll } => {
            review::draw(app, frame, areas.main, selected, scroll);
        }
        Screen::Drafts { selected } => drafts::draw(app, frame, areas.main, selected),
    }
    status(app, frame, areas.status);
    footer(app, frame, areas.footer);
    if let Some(dialog) = app.dialog() {
        dialog::draw(app, frame, area, *dialog);
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: linkcase needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window, or press Ctrl+Q to quit."
    );
    let paragraph = Paragraph::new(text)
        .style(app.theme().warning)
        .wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}

/// The case's summary, the same words as `validate`, `check` and `drafts`: its part
/// about the case, then the checks of the configuration.
fn header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let summary = app.summary();
    // Red with errors, yellow with warnings, else `calm`.
    let style = |counts: Counts, calm| {
        if counts.errors > 0 {
            theme.error
        } else if counts.warnings > 0 {
            theme.warning
        } else {
            calm
        }
    };
    let spans = vec![
        Span::styled(" linkcase ", theme.title),
        Span::styled("· ", theme.dim),
        Span::styled(summary.case_part(), style(summary.case, theme.ok)),
        Span::styled(" · ", theme.dim),
        Span::styled(
            summary.configuration_part(),
            style(summary.configuration, theme.dim),
        ),
    ];
    frame.render_widget(Line::from(spans), area);
}

/// `1 error`, `2 errors`.
#[must_use]
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let Some(status) = app.status() else {
        return;
    };
    let style = match status.tone {
        Tone::Info => theme.status,
        Tone::Success => theme.ok,
        Tone::Warning => theme.warning,
        Tone::Error => theme.error,
    };
    // One row: a longer message ends in "…" rather than mid-word without a sign.
    let text = page::truncate(&status.text, usize::from(area.width).saturating_sub(1));
    frame.render_widget(Line::styled(format!(" {text}"), style), area);
}

/// Key hints, the focused editor's first; a hint that does not fit whole is left out (F1
/// lists every key) rather than cut mid-word.
/// The hints a newcomer must always find, whatever the width: how to review (and so finish),
/// get help, and quit. They are kept first and shortened to their first key when room is
/// short; the other hints fill what room is left, in the keymap's order.
const ESSENTIAL: [&str; 3] = ["review", "help", "quit"];

fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let hints = keymap::hints(|c| app.in_context(c));
    let width = |key: &str, label: &str| key.width() + 1 + label.width();
    let room = usize::from(area.width).saturating_sub(1);
    // The essentials in full, else by their first key only.
    let essentials = |short: bool| -> Vec<(usize, String)> {
        hints
            .iter()
            .enumerate()
            .filter(|(_, (_, label))| ESSENTIAL.contains(label))
            .map(|(i, (key, _))| {
                let key = if short {
                    key.split('/').next().unwrap_or(key).to_owned()
                } else {
                    key.clone()
                };
                (i, key)
            })
            .collect()
    };
    let cost = |chosen: &[(usize, String)]| -> usize {
        chosen
            .iter()
            .map(|(i, key)| width(key, hints[*i].1) + 2)
            .sum()
    };
    let mut chosen = essentials(false);
    if cost(&chosen) > room + 2 {
        chosen = essentials(true);
    }
    let mut left = (room + 2).saturating_sub(cost(&chosen));
    for (i, (key, label)) in hints.iter().enumerate() {
        if ESSENTIAL.contains(label) {
            continue;
        }
        // Whole, or by its first key when only that fits (`Tab next field`).
        let first = key.split('/').next().unwrap_or(key);
        for key in [key.as_str(), first] {
            let needed = width(key, label) + 2;
            if needed <= left {
                left -= needed;
                chosen.push((i, key.to_owned()));
                break;
            }
        }
    }
    chosen.sort_by_key(|(i, _)| *i);
    let mut spans = vec![Span::raw(" ")];
    for (i, key) in chosen {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {}  ", hints[i].1), theme.dim));
    }
    frame.render_widget(Line::from(spans), area);
}

/// A rectangle of at most `width`×`height` centred in `area`.
#[must_use]
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
