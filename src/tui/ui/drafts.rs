//! The drafts screen: every draft, newest first, with when it was saved, its skill id,
//! the case's summary (as everywhere else); the open one is marked.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::store::{Access, DraftSummary};
use crate::tui::app::App;

/// Draws the drafts screen into `area`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let theme = app.theme();
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::styled(" Drafts ", theme.title),
            Span::styled("· every change is saved as you type ", theme.dim),
        ]))
        .border_style(theme.border_focus);
    let visible = usize::from(area.height.saturating_sub(3)).max(1);
    let first = selected.saturating_sub(visible - 1);
    let mut lines = vec![Line::styled(
        format!(
            "  {:<22} {:<13} {:<48} skill id",
            "draft", "saved", "summary"
        ),
        theme.dim,
    )];
    if app.drafts().is_empty() {
        lines.push(Line::styled(
            "  No drafts saved yet: n starts a new case.",
            theme.dim,
        ));
    }
    let now = app.env().now;
    let open = app.draft().id.as_deref();
    for (i, draft) in app.drafts().iter().enumerate().skip(first).take(visible) {
        let line = Line::from(row(draft, now, open == Some(draft.id.as_str())));
        lines.push(if i == selected {
            line.style(theme.selected)
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn row(draft: &DraftSummary, now: DateTime<Utc>, open: bool) -> String {
    let mark = if open { "●" } else { " " };
    let summary = draft
        .summary
        .map_or_else(|| "?".to_owned(), |s| s.to_string());
    let skill = if draft.skill_id.is_empty() {
        "—"
    } else {
        draft.skill_id.as_str()
    };
    let tag = match draft.access {
        Access::ReadWrite => String::new(),
        Access::ReadOnly { version } => format!("  (read-only: schema {version})"),
        Access::OpenElsewhere(elsewhere) => format!("  ({})", elsewhere.tag()),
    };
    format!(
        "{mark} {:<22} {:<13} {summary:<48} {skill}{tag}",
        draft.id,
        age(draft.updated, now),
    )
}

/// How long ago, in words: `just now`, `5 min ago`, `3 h ago`, `2 days ago`.
#[must_use]
pub fn age(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds().max(0);
    match seconds {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", seconds / 60),
        3600..86_400 => format!("{} h ago", seconds / 3600),
        86_400..172_800 => "1 day ago".to_owned(),
        _ => format!("{} days ago", seconds / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn ages_read_as_words() {
        let now = Utc::now();
        assert_eq!(age(now, now), "just now");
        assert_eq!(age(now - Duration::minutes(5), now), "5 min ago");
        assert_eq!(age(now - Duration::hours(3), now), "3 h ago");
        assert_eq!(age(now - Duration::days(9), now), "9 days ago");
    }
}
