//! The review screen: the text export exactly as it will be filed (the password left out on
//! screen) above every error and warning, one of which is highlighted to jump to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::case::{Severity, checklist};
use crate::export::{self, Format, Options};
use crate::tui::app::App;

/// Draws the review screen into `area`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, selected: usize, scroll: u16) {
    let theme = app.theme();
    let findings = &app.report().findings;
    // The findings take at most half the screen: the text is what is being reviewed.
    let list_height = u16::try_from(findings.len().clamp(1, 10))
        .unwrap_or(10)
        .saturating_add(2)
        .min((area.height / 2).max(3));
    let [text_area, list_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(list_height)]).areas(area);

    let text = export::render(app.case(), Format::Text, Options::default());
    let lines = u16::try_from(text.lines().count()).unwrap_or(u16::MAX);
    let inner_height = text_area.height.saturating_sub(2);
    let scroll = scroll.min(lines.saturating_sub(inner_height));
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::styled(" Review ", theme.title),
            Span::styled(
                "· the text export as filed; password hidden here ",
                theme.dim,
            ),
        ]))
        .border_style(theme.border_focus);
    frame.render_widget(
        Paragraph::new(text).block(block).scroll((scroll, 0)),
        text_area,
    );

    let visible = usize::from(list_area.height.saturating_sub(2)).max(1);
    let first = selected.saturating_sub(visible - 1);
    let rows: Vec<Line> = if findings.is_empty() {
        vec![Line::styled(
            "No errors or warnings: ready to file.",
            theme.ok,
        )]
    } else {
        findings
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .map(|(i, finding)| {
                let (mark, style) = match finding.severity {
                    Severity::Error => ("✗", theme.error),
                    Severity::Warning => ("!", theme.warning),
                };
                let label = checklist::field_for_path(&finding.path)
                    .map_or(finding.path.as_str(), |f| f.label);
                let line = Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::styled(format!("{label}: "), theme.title),
                    Span::raw(finding.message.clone()),
                ]);
                if i == selected {
                    line.style(theme.selected)
                } else {
                    line
                }
            })
            .collect()
    };
    let errors = app.report().errors().count();
    let warnings = app.report().warnings().count();
    let title = format!(
        " {} · {} · Enter goes to the field ",
        super::plural(errors, "error"),
        super::plural(warnings, "warning")
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(rows).block(block), list_area);
}
