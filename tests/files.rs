//! Special files, on both sides: inputs that are not regular files (FIFOs, devices) or are
//! over the size cap are refused by every command without blocking; outputs that are not
//! regular files are written to, never replaced. Every FIFO and device node is made in a
//! temp folder; the real `/dev` is never touched.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

const EXAMPLE: &str = include_str!("fixtures/example.json");

/// The binary, with a time limit (a command that blocks fails the test instead of hanging
/// it) and its drafts and config in `root`.
fn linkcase(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("linkcase").unwrap();
    cmd.env_remove("TZ")
        .env("LINKCASE_DATA_DIR", root.join("data"))
        .env("LINKCASE_CONFIG_DIR", root.join("config"))
        .timeout(Duration::from_secs(20));
    cmd
}

fn mkfifo(path: &Path) {
    assert!(Process::new("mkfifo").arg(path).status().unwrap().success());
}

/// A character device node (major, minor); `false` where making one is not allowed.
fn mknod(path: &Path, major: u32, minor: u32) -> bool {
    Process::new("mknod")
        .arg(path)
        .args(["c", &major.to_string(), &minor.to_string()])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn example(dir: &Path) -> PathBuf {
    let path = dir.join("case.json");
    fs::write(&path, EXAMPLE).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn every_command_refuses_a_fifo_input_at_once_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    mkfifo(&fifo);
    for command in ["validate", "export", "check", "import", "probe"] {
        let output = linkcase(dir.path())
            .arg(command)
            .arg(&fifo)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(2), "{command}: {stdout}{stderr}");
        assert!(
            format!("{stdout}{stderr}").contains("not a regular file (a FIFO)"),
            "{command}: {stdout}{stderr}"
        );
        assert!(
            format!("{stdout}{stderr}").contains("pipe.json"),
            "{command}: {stdout}{stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn validate_refuses_an_endless_device() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero");
    if !mknod(&zero, 1, 5) {
        eprintln!("skipped: mknod needs root");
        return;
    }
    linkcase(dir.path())
        .arg("validate")
        .arg(&zero)
        .assert()
        .code(2)
        .stdout(contains("not a regular file (a character device)"));
}

#[cfg(unix)]
#[test]
fn a_fifo_config_file_is_a_warning_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("config")).unwrap();
    mkfifo(&dir.path().join("config/config.json"));
    linkcase(dir.path())
        .arg("config")
        .assert()
        .code(0)
        .stderr(contains("not a regular file (a FIFO)"));
}

#[test]
fn an_input_over_16_mib_is_refused_naming_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let mut value: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    value["failure"]["description"] = "x".repeat(16 * 1024 * 1024).into();
    fs::write(&big, serde_json::to_string(&value).unwrap()).unwrap();
    linkcase(dir.path())
        .arg("validate")
        .arg(&big)
        .assert()
        .code(2)
        .stdout(contains("big.json").and(contains("larger than 16 MiB")));
}

#[cfg(unix)]
#[test]
fn export_to_a_device_node_writes_through_it_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let case = example(dir.path());
    let null = dir.path().join("null");
    if !mknod(&null, 1, 3) {
        eprintln!("skipped: mknod needs root");
        return;
    }
    linkcase(dir.path())
        .arg("export")
        .arg(&case)
        .arg("-o")
        .arg(&null)
        .assert()
        .code(0);
    assert!(fs::metadata(&null).unwrap().file_type().is_char_device());
}

#[cfg(unix)]
#[test]
fn import_to_a_fifo_writes_into_the_pipe_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let case = example(dir.path());
    let fifo = dir.path().join("out.json");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    linkcase(dir.path())
        .arg("import")
        .arg(&case)
        .arg("-o")
        .arg(&fifo)
        .assert()
        .code(0);
    // Checked first: were the FIFO replaced, the reader would wait on it for ever.
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(reader.join().unwrap().contains("\"schema_version\": 1"));
}

#[cfg(unix)]
#[test]
fn import_over_an_existing_case_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let case = example(dir.path());
    let out = dir.path().join("out.json");
    fs::write(&out, "{}").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
    linkcase(dir.path())
        .arg("import")
        .arg(&case)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o644
    );
}

#[cfg(unix)]
#[test]
fn validate_folder_follows_symlinks_and_names_what_it_skips() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let linked = elsewhere.path().join("linked.json");
    fs::write(&linked, r#"{"schema_version": 1}"#).unwrap();
    let inbox = dir.path().join("inbox");
    fs::create_dir(&inbox).unwrap();
    example(&inbox);
    std::os::unix::fs::symlink(&linked, inbox.join("link.json")).unwrap();
    std::os::unix::fs::symlink(inbox.join("gone"), inbox.join("broken.json")).unwrap();
    mkfifo(&inbox.join("pipe.json"));
    fs::create_dir(inbox.join("sub.json")).unwrap();
    fs::write(inbox.join("notes.txt"), "x").unwrap();
    let out = linkcase(dir.path())
        .arg("validate")
        .arg(&inbox)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The linked case is empty, so it has errors: the folder fails.
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("link.json: error:"), "{stdout}");
    for (name, why) in [
        ("broken.json", "a broken symbolic link"),
        ("pipe.json", "a FIFO"),
        ("sub.json", "a folder"),
        ("notes.txt", "not a *.json file"),
    ] {
        assert!(
            stderr.contains(&format!("{name}: skipped ({why})")),
            "{name}: {stderr}"
        );
    }
    assert!(stderr.contains("2 files: 1 ok, 1 with errors"), "{stderr}");
}

/// Runs `linkcase ARGS` with `folder` mounted read-only (a private mount namespace through
/// `unshare`, so nothing outside the test sees it); `None` where that is not allowed.
#[cfg(target_os = "linux")]
fn with_read_only(root: &Path, folder: &Path, args: &[&str]) -> Option<std::process::Output> {
    let probe = Process::new("unshare")
        .args(["-rm", "sh", "-c", "mount --bind -o ro \"$1\" \"$1\"", "sh"])
        .arg(folder)
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    let script = "mount --bind -o ro \"$1\" \"$1\" && shift && exec \"$@\"";
    Process::new("unshare")
        .args(["-rm", "sh", "-c", script, "sh"])
        .arg(folder)
        .arg(assert_cmd::cargo::cargo_bin("linkcase"))
        .args(args)
        .env_remove("TZ")
        .env("LINKCASE_DATA_DIR", root.join("data"))
        .env("LINKCASE_CONFIG_DIR", root.join("config"))
        .output()
        .ok()
}

#[cfg(target_os = "linux")]
#[test]
fn drafts_are_listed_from_a_read_only_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("data/drafts");
    fs::create_dir_all(&drafts).unwrap();
    fs::write(drafts.join("acme.json"), EXAMPLE).unwrap();
    // Not 0700, as a folder copied from elsewhere may be: linkcase would normally fix that.
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&drafts, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let Some(out) = with_read_only(dir.path(), &dir.path().join("data"), &["drafts"]) else {
        eprintln!("skipped: no private read-only mount here (unshare -rm)");
        return;
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("acme"), "{stdout}{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn export_to_a_link_to_stdout_writes_to_stdout_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let case = example(dir.path());
    // Like /dev/stdout, made in the temp folder.
    let stdout_link = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout_link).unwrap();
    linkcase(dir.path())
        .arg("export")
        .arg(&case)
        .arg("-o")
        .arg(&stdout_link)
        .assert()
        .code(0)
        .stdout(contains("Skill ID: amzn1.ask.skill."));
    let meta = fs::symlink_metadata(&stdout_link).unwrap();
    assert!(meta.file_type().is_symlink());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temp file left"
    );
    // Standard output redirected to a file: the file gets the export, the link stays a link.
    let out_file = dir.path().join("out.txt");
    let status = Process::new(assert_cmd::cargo::cargo_bin("linkcase"))
        .arg("export")
        .arg(&case)
        .arg("-o")
        .arg(&stdout_link)
        .stdout(fs::File::create(&out_file).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        fs::symlink_metadata(&stdout_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&out_file)
            .unwrap()
            .contains("Skill ID: amzn1.ask.skill.")
    );
}
