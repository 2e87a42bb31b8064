//! `linkcase completions SHELL` and `linkcase man`: shell completions and the man page,
//! generated from the clap definitions, so they never drift from the commands.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, out};
use crate::error::{EXIT_OK, Error, Result};

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints a completion script for SHELL on standard output.

Examples:
  source <(linkcase completions bash)                       try it in this bash
  linkcase completions bash > ~/.local/share/bash-completion/completions/linkcase
  linkcase completions zsh > ~/.zfunc/_linkcase             (with fpath+=~/.zfunc in .zshrc)
  linkcase completions fish > ~/.config/fish/completions/linkcase.fish
  linkcase completions powershell >> $PROFILE

Exit codes: 0 = printed, 2 = unknown shell.")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

/// Arguments of `man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints the man page (roff) on standard output.

Examples:
  linkcase man | man -l -
  linkcase man > ~/.local/share/man/man1/linkcase.1

Exit codes: 0 = printed, 2 = it could not be written.")]
pub struct ManArgs {}

/// The completion script for `shell`: the commands people type, not the hidden internal
/// ones (the generators would offer those too).
#[must_use]
pub fn completions(shell: Shell) -> String {
    let root = Cli::command();
    let mut visible = clap::Command::new("linkcase")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommands(root.get_subcommands().filter(|c| !c.is_hide_set()).cloned());
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut visible, "linkcase", &mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The man page, linkcase(1), with every subcommand in it.
pub fn man_page() -> Result<String> {
    let mut bytes = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut bytes)
        .map_err(|source| Error::Io {
            path: "<man page>".into(),
            source,
        })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn run_completions(args: &CompletionsArgs) -> Result<u8> {
    out::print(&completions(args.shell))?;
    Ok(EXIT_OK)
}

pub fn run_man(_args: &ManArgs) -> Result<u8> {
    out::print(&man_page()?)?;
    Ok(EXIT_OK)
}
