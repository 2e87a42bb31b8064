//! Two windows on one draft (issue 9, item 3), end to end: two `linkcase` processes in two
//! ptys on one data folder. The draft open in the first is locked; the second never writes it.

use crate::support::session::{Session, drafts, editor_row, private_env};

const FIRST: &str = "amzn1.ask.skill.first-window";

/// The first window: the draft it saved, by file name.
fn first_window() -> (Session, String) {
    let mut first = Session::start();
    first.type_text(FIRST);
    first.wait_until("the first window's text", |screen| {
        editor_row(screen, FIRST)
    });
    let (name, _) = first.wait_draft_holding(FIRST);
    (first, name)
}

#[test]
fn plain_linkcase_beside_an_open_draft_starts_a_new_case_and_never_reverts_the_first_window() {
    let (mut first, name) = first_window();
    let id = name.trim_end_matches(".json").to_owned();

    let mut second = Session::beside(&first, &[], &[]);
    let notice = format!(
        "Draft {id} is open in another linkcase (process {}): new case",
        first.pid()
    );
    let screen = second.wait_for(&notice);
    assert!(!editor_row(&screen, FIRST), "{screen}");
    second.type_text("window-two");
    let (second_name, _) = second.wait_draft_holding("window-two");
    assert_ne!(
        second_name, name,
        "the second window saved to the first one's draft"
    );

    // The first window goes on saving to its draft, which never holds the second's text.
    first.type_text("-more");
    let (saved, json) = first.wait_draft_holding(&format!("{FIRST}-more"));
    assert_eq!(saved, name);
    assert!(!json.contains("window-two"), "{json}");

    for window in [&mut second, &mut first] {
        window.send("\x11");
        assert!(window.wait_exit().success());
    }
    let (_, json) = drafts(first.dir())
        .into_iter()
        .find(|(n, _)| *n == name)
        .expect("the first draft");
    assert!(json.contains(&format!("{FIRST}-more")), "{json}");
}

#[test]
fn opening_a_draft_open_in_another_window_shows_it_read_only_naming_the_process() {
    let (mut first, name) = first_window();
    let id = name.trim_end_matches(".json").to_owned();
    let before = drafts(first.dir());

    // `linkcase drafts` says where it is open.
    let mut drafts_cmd = std::process::Command::new(env!("CARGO_BIN_EXE_linkcase"));
    drafts_cmd.arg("drafts").env_clear();
    for (key, path) in private_env(first.dir()) {
        drafts_cmd.env(key, path);
    }
    let listed = drafts_cmd.output().expect("linkcase drafts");
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains(&format!("(open in process {})", first.pid())),
        "{listed}"
    );

    let mut second = Session::beside(&first, &["open", &id], &[]);
    let screen = second.wait_for(&format!(
        "Read-only: draft {id} is open in another linkcase (process {})",
        first.pid()
    ));
    assert!(editor_row(&screen, FIRST), "shown:\n{screen}");
    // Typing changes nothing on disk: once the second window has quit (any save it would
    // make is flushed by then), the drafts are as before.
    second.type_text("x");
    second.send("\x11");
    assert!(second.wait_exit().success());
    assert_eq!(drafts(first.dir()), before);

    // The lock ends with the first window: the draft then opens for editing.
    first.send("\x11");
    assert!(first.wait_exit().success());
    let mut third = Session::beside(&first, &["open", &id], &[]);
    third.wait_for(&format!("Opened draft {id}"));
    third.send("\x11");
    assert!(third.wait_exit().success());
}
