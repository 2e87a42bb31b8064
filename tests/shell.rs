//! Shell integration (issue 12): completions for four shells and the man page, generated from
//! the clap definitions and pinned by snapshots; the bash script loads in a real bash.

use std::process::Command as Process;

use assert_cmd::Command;

fn output(args: &[&str]) -> String {
    let out = Command::cargo_bin("linkcase")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_each_shell_match_their_snapshots() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = output(&["completions", shell]);
        assert!(script.contains("validate"), "{shell}");
        assert!(
            !script.contains("hold-clipboard"),
            "{shell} offers an internal command"
        );
        insta::assert_snapshot!(format!("completions_{shell}"), script);
    }
}

#[test]
fn the_man_page_matches_its_snapshot() {
    let page = output(&["man"]);
    assert!(
        page.starts_with(".ie"),
        "roff: {}",
        &page[..40.min(page.len())]
    );
    assert!(page.contains("linkcase\\-validate") || page.contains("validate"));
    insta::assert_snapshot!("man_page", page);
}

#[test]
fn bash_completions_load_and_complete_subcommands() {
    let bin = assert_cmd::cargo::cargo_bin("linkcase");
    let script = format!(
        "source <('{bin}' completions bash) && complete -p linkcase && \
         COMP_WORDS=(linkcase val) COMP_CWORD=1 COMP_LINE='linkcase val' COMP_POINT=12 && \
         _linkcase linkcase val linkcase && echo \"${{COMPREPLY[@]}}\"",
        bin = bin.display()
    );
    let out = Process::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(script)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("-F _linkcase linkcase"), "{stdout}");
    assert_eq!(
        stdout.lines().last().map(str::trim),
        Some("validate"),
        "{stdout:?}"
    );
}

#[test]
fn an_unknown_shell_is_bad_usage() {
    Command::cargo_bin("linkcase")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}
