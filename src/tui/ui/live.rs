//! The live line under a one-line editor: what the typed time is in UTC (or both instants at
//! a DST gap or fold), the number of seconds read, whether the password is shown.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::case::FieldKind;
use crate::case::friendly::parse_friendly;
use crate::case::time::{Resolved, Zone, format_local, format_utc, resolve};
use crate::tui::app::App;
use crate::tui::editor::Reveal;

/// The line under a one-line editor: the UTC result, the number read, the password state.
pub fn live_line(app: &App, typed: &str) -> Line<'static> {
    let theme = app.theme();
    let dim = |text: String| Line::styled(text, theme.dim);
    match app.field().kind {
        FieldKind::LocalTime if typed.trim().is_empty() => {
            dim("Type now, a time such as 14:03 (today), or 2026-11-21 14:03".to_owned())
        }
        FieldKind::LocalTime => match parse_friendly(typed, app.local_now()) {
            Err(e) => Line::styled(e.to_string(), theme.warning),
            Ok(local) => utc_line(app, &format_local(local), theme.text, theme.warning),
        },
        FieldKind::Number if typed.trim().is_empty() => dim("Seconds, e.g. 3600".to_owned()),
        FieldKind::Number => match typed.trim().parse::<i64>() {
            Ok(n) => dim(format!("{n} seconds = {}", duration(n))),
            Err(_) => Line::styled("not a whole number of seconds", theme.warning),
        },
        FieldKind::Secret => dim(match app.reveal() {
            Reveal::Masked => "Hidden · Ctrl+T shows it".to_owned(),
            Reveal::Shown => "Shown · Ctrl+T hides it".to_owned(),
        }),
        _ => Line::default(),
    }
}

/// `90 minutes`, `2 hours 5 minutes`: how long a number of seconds is.
fn duration(seconds: i64) -> String {
    let minutes = seconds / 60;
    match (minutes / 60, minutes % 60) {
        _ if seconds < 60 => format!("{seconds} s"),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `2026-11-21 14:03 → 2026-11-21T19:03:00Z`, or both instants at a DST gap or fold.
fn utc_line(app: &App, local: &str, ok: Style, warn: Style) -> Line<'static> {
    let zone_text = &app.case().failure.time_zone;
    let Ok(zone) = Zone::parse(zone_text) else {
        return Line::styled(
            format!("{local} · set a valid time zone below for UTC"),
            warn,
        );
    };
    let Ok(naive) = crate::case::time::parse_local(local) else {
        return Line::default();
    };
    match resolve(naive, &zone) {
        Resolved::Unique(t) => Line::styled(format!("{local} {zone} → UTC {}", format_utc(t)), ok),
        Resolved::Gap { earlier, later } => Line::styled(
            format!(
                "{local} never existed in {zone} (DST): {} or {}; you will be asked",
                format_utc(earlier),
                format_utc(later)
            ),
            warn,
        ),
        Resolved::Fold { earlier, later } => Line::styled(
            format!(
                "{local} happened twice in {zone} (DST): {} or {}; you will be asked",
                format_utc(earlier),
                format_utc(later)
            ),
            warn,
        ),
    }
}
