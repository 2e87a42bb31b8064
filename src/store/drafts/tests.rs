use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::*;
use crate::store::Paths;

const EXAMPLE: &str = include_str!("../../../tests/fixtures/example.json");

fn store() -> (tempfile::TempDir, Store) {
    let root = tempfile::tempdir().unwrap();
    let paths = Paths::resolve(|name| Some(root.path().join(name).into())).unwrap();
    let store = Store::open(&paths).unwrap();
    (root, store)
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn example() -> Case {
    load::parse(EXAMPLE.as_bytes()).unwrap().case
}

#[test]
fn a_new_draft_is_named_by_time_and_numbered_on_collision() {
    let (_root, store) = store();
    let now = at("2026-11-22T04:15:00Z");
    assert_eq!(
        store.save(None, &example(), now).unwrap(),
        "20261122-041500"
    );
    assert_eq!(
        store.save(None, &example(), now).unwrap(),
        "20261122-041500-2"
    );
    assert_eq!(
        names(store.dir()),
        ["20261122-041500-2.json", "20261122-041500.json"]
    );
}

#[test]
fn a_draft_keeps_the_password_and_reads_back_the_same() {
    let (_root, mut store) = store();
    let id = store.save(None, &example(), Utc::now()).unwrap();
    let opened = store.open_draft(&id).unwrap().unwrap();
    assert_eq!(opened.loaded.case, example());
    assert_eq!(opened.access, Access::ReadWrite);
    assert!(
        opened
            .loaded
            .case
            .test_account
            .password
            .expose()
            .contains("horse")
    );
}

#[cfg(unix)]
#[test]
fn drafts_are_0600() {
    use std::os::unix::fs::PermissionsExt;
    let (_root, store) = store();
    let id = store.save(None, &example(), Utc::now()).unwrap();
    store.save(Some(&id), &Case::default(), Utc::now()).unwrap();
    let mode = fs::metadata(store.path(&id)).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn the_list_is_newest_first_with_skill_id_and_progress() {
    let (_root, store) = store();
    let old = store
        .save(None, &Case::default(), at("2026-11-22T04:15:00Z"))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let new = store
        .save(None, &example(), at("2026-11-22T04:16:00Z"))
        .unwrap();
    let listing = store.list().unwrap();
    let ids: Vec<&str> = listing.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, [new.as_str(), old.as_str()]);
    let first = &listing.drafts[0];
    assert!(first.skill_id.starts_with("amzn1.ask.skill."));
    let progress = first.summary.unwrap();
    assert_eq!(progress.done, progress.required);
    assert!(listing.moved.is_empty());
}

#[test]
fn a_draft_that_does_not_parse_is_moved_aside_and_reported_never_deleted() {
    let (_root, mut store) = store();
    fs::write(store.path("broken"), b"{\"schema_version\": 1, \"skill\": ").unwrap();
    let listing = store.list().unwrap();
    assert!(listing.drafts.is_empty());
    let moved = &listing.moved[0];
    assert_eq!(moved.id, "broken");
    assert!(
        moved
            .to
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("broken.json.corrupt-")
    );
    assert_eq!(
        fs::read(&moved.to).unwrap(),
        b"{\"schema_version\": 1, \"skill\": "
    );
    assert!(moved.to_string().contains("moved aside"), "{moved}");
    assert!(!store.exists("broken"));
    fs::write(store.path("broken"), b"not json").unwrap();
    assert!(store.open_draft("broken").unwrap().is_err());
    assert_eq!(names(store.dir()).len(), 2, "both corrupt copies kept");
}

#[test]
fn a_newer_schema_draft_opens_read_only_and_is_never_rewritten() {
    let (_root, mut store) = store();
    let newer = EXAMPLE.replacen("\"schema_version\": 1", "\"schema_version\": 7", 1);
    fs::write(store.path("future"), &newer).unwrap();
    let opened = store.open_draft("future").unwrap().unwrap();
    assert_eq!(opened.access, Access::ReadOnly { version: 7 });
    assert_eq!(opened.loaded.case.skill.name, "Acme Thermostat");
    let err = store
        .save(Some("future"), &Case::default(), Utc::now())
        .unwrap_err();
    assert!(err.to_string().contains("never rewritten"), "{err}");
    assert_eq!(fs::read_to_string(store.path("future")).unwrap(), newer);
    let listing = store.list().unwrap();
    assert_eq!(listing.drafts[0].access, Access::ReadOnly { version: 7 });
    assert!(listing.moved.is_empty(), "a newer draft is not corrupt");
}

#[test]
fn duplicate_rename_and_delete() {
    let (_root, mut store) = store();
    let id = store
        .save(None, &example(), at("2026-11-22T04:15:00Z"))
        .unwrap();
    let copy = store.duplicate(&id).unwrap();
    assert_eq!(copy, "20261122-041500-2");
    assert_eq!(
        fs::read(store.path(&copy)).unwrap(),
        fs::read(store.path(&id)).unwrap()
    );
    let renamed = store.rename(&copy, "Acme EU").unwrap();
    assert_eq!(renamed, "Acme-EU");
    let err = store.rename(&id, "acme eu!").unwrap();
    assert_eq!(err, "acme-eu");
    assert!(
        store.rename("acme-eu", "Acme-EU").is_err(),
        "never over another draft"
    );
    store.delete("Acme-EU").unwrap();
    assert_eq!(names(store.dir()), ["acme-eu.json"]);
}

#[test]
fn bad_ids_are_refused() {
    let (_root, mut store) = store();
    assert!(store.open_draft("../etc/passwd").is_err());
    assert!(store.open_draft("missing").is_err());
    assert!(store.delete("../x").is_err());
}
