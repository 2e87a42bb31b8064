//! What the form looks like, drawn into a `TestBackend` at 100×30 and 60×20, with a fixed
//! clock and default zone so every snapshot is deterministic; and the help overlay's text
//! as generated from the keybinding table.

use chrono::{DateTime, Utc};
use linkcase::case::time::Zone;
use linkcase::case::{Case, FieldId};
use linkcase::tui::theme::Theme;
use linkcase::tui::{Action, App, Env, keymap, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::{Input, Key};

fn app() -> App {
    let env = Env {
        now: DateTime::parse_from_rfc3339("2026-11-21T20:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
        zone: Zone::parse("America/New_York").unwrap(),
        theme: Theme::new(false),
    };
    App::new(Case::default(), env)
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(Input {
            key: Key::Char(c),
            ..Input::default()
        }));
    }
}

fn draw(app: &mut App, width: u16, height: u16) -> String {
    app.update(Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(app, frame)).unwrap();
    terminal.backend().to_string()
}

/// Snapshots `app` at both sizes.
fn check(name: &str, app: &mut App) {
    insta::assert_snapshot!(format!("{name}_100x30"), draw(app, 100, 30));
    insta::assert_snapshot!(format!("{name}_60x20"), draw(app, 60, 20));
}

#[test]
fn empty_form() {
    check("empty_form", &mut app());
}

#[test]
fn field_with_an_error() {
    let mut app = app();
    type_text(&mut app, "amzn1.ask.skill.NOT-A-UUID");
    app.update(Action::NextField);
    app.update(Action::PrevField);
    check("field_with_error", &mut app);
}

#[test]
fn zone_picker_with_a_query() {
    let mut app = app();
    app.update(Action::Focus(FieldId::TimeZone));
    type_text(&mut app, "new y");
    check("zone_picker_new_y", &mut app);
}

#[test]
fn dst_choice() {
    let mut app = app();
    app.update(Action::Focus(FieldId::LocalTime));
    type_text(&mut app, "2026-03-08 02:30");
    app.update(Action::NextField);
    app.update(Action::NextField);
    check("dst_choice", &mut app);
}

#[test]
fn steps_grid() {
    use linkcase::case::Step;
    let mut app = app();
    app.update(Action::Focus(FieldId::Step(Step::AuthServerLogs)));
    app.update(Action::Answer(Some(linkcase::case::StepState::Done)));
    app.update(Action::Answer(Some(linkcase::case::StepState::NotDone)));
    check("steps_grid", &mut app);
}

#[test]
fn file_the_case() {
    let mut app = app();
    type_text(&mut app, "amzn1.ask.skill.NOT-A-UUID");
    app.update(Action::Focus(FieldId::Notes));
    app.update(Action::NextField);
    check("file_the_case_not_ready", &mut app);
    let case: Case = serde_json::from_str(include_str!("fixtures/example.json")).unwrap();
    let mut app = App::new(case, app.env());
    app.update(Action::Focus(FieldId::Notes));
    app.update(Action::NextField);
    check("file_the_case_ready", &mut app);
}

/// The screen with its styles: each row's text, then each run of cells whose style is not
/// the default, as `columns fg bg modifiers` (what the eye sees: focus, error colour,
/// the selected option).
fn styled(app: &mut App, width: u16, height: u16) -> String {
    use std::fmt::Write as _;
    app.update(Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(app, frame)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut text = String::new();
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        for x in 0..width {
            let cell = &buffer[(x, y)];
            text.push_str(cell.symbol());
            let style = cell.style();
            let mut parts = Vec::new();
            if let Some(fg) = style.fg {
                parts.push(format!("fg={fg}"));
            }
            if let Some(bg) = style.bg {
                parts.push(format!("bg={bg}"));
            }
            if !style.add_modifier.is_empty() {
                parts.push(format!("{:?}", style.add_modifier));
            }
            let label = parts.join(" ");
            match runs.last_mut() {
                Some((_, to, last)) if *last == label && *to == x => *to = x + 1,
                _ => runs.push((x, x + 1, label)),
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
        for (from, to, label) in runs.into_iter().filter(|(_, _, l)| !l.is_empty()) {
            let _ = writeln!(out, "    {from}..{to} {label}");
        }
    }
    out
}

fn colour_app() -> App {
    let mut app = app();
    let env = Env {
        theme: Theme::new(true),
        ..app.env()
    };
    app = App::new(Case::default(), env);
    app
}

#[test]
fn styles_of_the_focused_field_an_error_and_the_selected_option() {
    let mut app = colour_app();
    type_text(&mut app, "amzn1.ask.skill.NOT-A-UUID");
    app.update(Action::NextField);
    insta::assert_snapshot!("styled_error_and_choice_80x24", styled(&mut app, 80, 24));
}

#[test]
fn review_screen() {
    let case: Case = serde_json::from_str(include_str!("fixtures/example.json")).unwrap();
    let mut app = App::new(case, {
        Env {
            now: DateTime::parse_from_rfc3339("2026-11-21T20:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            zone: Zone::parse("America/New_York").unwrap(),
            theme: Theme::new(false),
        }
    });
    app.update(Action::Focus(FieldId::AppVersion));
    app.update(Action::Paste("9".to_owned()));
    app.update(Action::Review);
    check("review", &mut app);
}

#[test]
fn wide_and_combining_characters() {
    let mut app = app();
    app.update(Action::Focus(FieldId::SkillName));
    app.update(Action::Paste("日本語テスト 🙂 e\u{301}".to_owned()));
    app.update(Action::Focus(FieldId::Description));
    app.update(Action::Paste(
        "ログインできません 🙂🦀 café\u{301} 日本語テスト 한국어 e\u{301}e\u{301}".to_owned(),
    ));
    insta::assert_snapshot!("wide_description_60x20", draw(&mut app, 60, 20));
    app.update(Action::Focus(FieldId::SkillName));
    insta::assert_snapshot!("wide_skill_name_60x20", draw(&mut app, 60, 20));
    app.update(Action::Review);
    insta::assert_snapshot!("wide_review_60x20", draw(&mut app, 60, 20));
}

#[test]
fn import_dialog_and_report() {
    let mut app = app();
    app.update(Action::Import);
    type_text(&mut app, "tests/fixtures/import/accountLinking.json");
    check("import_dialog", &mut app);
    let Some(linkcase::tui::Effect::Import { paths, profile }) = app.update(Action::Confirm) else {
        panic!("Enter imports");
    };
    let imported = linkcase::import::import_files(&paths, profile.as_deref()).unwrap();
    app.update(Action::Outcome(linkcase::tui::Outcome::Imported {
        case: Box::new(imported.case),
        report: imported.report,
        lints: imported.lints,
    }));
    check("import_report", &mut app);
}

#[test]
fn help_overlay() {
    let mut app = app();
    app.update(Action::Help);
    check("help_overlay", &mut app);
}

#[test]
fn too_small_notice() {
    let mut app = app();
    insta::assert_snapshot!("too_small_39x12", draw(&mut app, 39, 12));
    insta::assert_snapshot!("too_small_1x1", draw(&mut app, 1, 1));
}

#[test]
fn keymap_help_text_from_the_table() {
    let text: Vec<String> = keymap::help_lines()
        .into_iter()
        .map(|(title, keys, label)| match title {
            Some(title) => format!("{title}:"),
            None => format!("  {keys:<22} {label}"),
        })
        .collect();
    insta::assert_snapshot!("keymap", text.join("\n"));
}

fn drafts_app() -> App {
    use linkcase::case::Validator;
    use linkcase::store::{Access, DraftSummary};
    use linkcase::tui::Outcome;
    let mut app = app();
    let now = DateTime::parse_from_rfc3339("2026-11-21T20:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let summary = |id: &str, minutes: i64, skill: &str, access| DraftSummary {
        id: id.to_owned(),
        updated: now - chrono::Duration::minutes(minutes),
        skill_id: skill.to_owned(),
        summary: Some(
            Validator::at(now)
                .validate(&linkcase::case::Case::default())
                .summary,
        ),
        access,
    };
    app.set_draft(Some("20261121-195500".to_owned()), Access::ReadWrite);
    app.update(Action::Drafts);
    app.update(Action::Outcome(Outcome::DraftsListed {
        drafts: vec![
            summary(
                "20261121-195500",
                5,
                "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
                Access::ReadWrite,
            ),
            summary("acme-eu", 180, "", Access::ReadWrite),
            summary("from-the-future", 4000, "", Access::ReadOnly { version: 2 }),
        ],
        notice: None,
        renamed: None,
    }));
    app.update(Action::Next);
    app
}

#[test]
fn drafts_screen() {
    check("drafts_screen", &mut drafts_app());
}

#[test]
fn delete_draft_question() {
    let mut app = drafts_app();
    app.update(Action::DeleteDraft);
    check("delete_draft", &mut app);
}

/// The Domain List with a URL kept as typed, a wildcard, a duplicate and an offer in the
/// input, in colour: the styled buffer (content, then every style run) as ratatui's own
/// widget tests compare it, and the form around it at both sizes.
#[test]
fn domain_list_with_marked_entries() {
    use ratatui::style::{Color, Modifier};
    let mut colour = App::new(Case::default(), crate::support::env());
    colour.update(Action::Focus(FieldId::Domains));
    for entry in [
        "cdn.example.com",
        "https://Fonts.Example.net/css",
        "*.example.org",
        "CDN.example.com",
    ] {
        type_text(&mut colour, entry);
        colour.update(Action::AddAsTyped);
    }
    type_text(&mut colour, "//api.example.com:8443/v1");
    let mut terminal = Terminal::new(TestBackend::new(48, 8)).unwrap();
    terminal
        .draw(|frame| ui::list::draw(&colour, frame, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    insta::assert_snapshot!("domain_list_styled", format!("{buffer:?}"));
    // The marks and reasons, cell by cell: ✗ in the error style, ! in the warning style,
    // the reason dim; an entry without a finding has neither.
    let style = |x: u16, y: u16| {
        buffer
            .cell((x, y))
            .map(|c| (c.symbol().to_owned(), c.fg, c.modifier))
    };
    assert_eq!(
        style(0, 0),
        Some((" ".to_owned(), Color::Reset, Modifier::empty()))
    );
    assert_eq!(
        style(0, 1),
        Some(("✗".to_owned(), Color::Red, Modifier::BOLD))
    );
    assert_eq!(
        style(2, 1).map(|s| s.1),
        Some(Color::Reset),
        "the entry in the text style"
    );
    assert_eq!(
        style(33, 1),
        Some(("h".to_owned(), Color::DarkGray, Modifier::empty()))
    );
    assert_eq!(
        style(0, 3),
        Some(("!".to_owned(), Color::Yellow, Modifier::empty()))
    );
    assert_eq!(
        style(19, 3),
        Some(("l".to_owned(), Color::DarkGray, Modifier::empty()))
    );
    let mut mono = app();
    mono.update(Action::Focus(FieldId::Domains));
    for entry in [
        "cdn.example.com",
        "https://Fonts.Example.net/css",
        "*.example.org",
    ] {
        type_text(&mut mono, entry);
        mono.update(Action::AddAsTyped);
    }
    type_text(&mut mono, "//api.example.com:8443/v1");
    check("domain_list", &mut mono);
    insta::assert_snapshot!("domain_list_80x24", draw(&mut mono, 80, 24));
}
