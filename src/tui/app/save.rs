//! Saving an export (Ctrl+S), after the format and the password: the file's name, prefilled
//! from the skill name and today's date and shown as the full path it saves to; then, if a
//! file is there, a question before it is replaced. The loop gives the folder the app was
//! started in and the home folder; the app does no I/O.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::dialog::Dialog;
use super::{App, Tone};
use crate::escape;
use crate::export::{self, Format, Options};
use crate::tui::action::{Action, Effect, Outcome};

/// The choices of the replace question; the first, keeping the file, is highlighted first.
pub const REPLACE_CHOICES: [&str; 2] = ["Keep it", "Replace it"];
/// The name's stem when the skill name gives none.
pub const FALLBACK_STEM: &str = "linkcase-case";
/// The longest slug of a skill name in a file name.
pub const MAX_SLUG: usize = 60;
/// The longest name the dialog takes (a path may be typed).
const MAX_NAME: usize = 4096;

/// Where exports are saved, and the save under way.
#[derive(Debug, Default)]
pub(super) struct SaveTarget {
    /// The folder a relative name is in: where linkcase was started.
    dir: PathBuf,
    /// What a leading `~/` stands for.
    home: Option<PathBuf>,
    /// The name as typed in the dialog.
    name: String,
    /// The file found where the save was to go, while the replace question is open.
    existing: Option<PathBuf>,
    /// The save in flight (format, password included), to ask again after it reports.
    pending: Option<(Format, bool)>,
}

/// `text` as a file-name part: lowercase ASCII letters and digits, every run of anything
/// else one `-`, none at either end, at most [`MAX_SLUG`] characters.
#[must_use]
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= MAX_SLUG {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let end = out.trim_end_matches('-').len();
    out.truncate(end);
    out
}

/// The name the save dialog offers: `<slug of the skill name>-<YYYY-MM-DD>.<ext>`, or
/// `linkcase-case-<date>.<ext>` when the skill name has no letter or digit.
#[must_use]
pub fn default_file_name(skill_name: &str, date: NaiveDate, format: Format) -> String {
    let stem = slug(skill_name);
    let stem = if stem.is_empty() {
        FALLBACK_STEM
    } else {
        &stem
    };
    format!("{stem}-{}.{}", date.format("%Y-%m-%d"), format.extension())
}

/// Where a typed name saves to: an absolute path as it is, `~/…` in `home` (when known),
/// anything else in `dir`. `None` for a blank name. Spaces around the name are not part of it.
#[must_use]
pub fn resolve(name: &str, dir: &Path, home: Option<&Path>) -> Option<PathBuf> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    match (name.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => Some(home.join(rest)),
        _ => Some(dir.join(name)),
    }
}

impl App {
    /// The folder a relative file name saves to (the loop gives the one linkcase was
    /// started in).
    pub fn set_save_dir(&mut self, dir: PathBuf) {
        self.save.dir = dir;
    }

    /// The home folder, for a file name typed as `~/…`.
    pub fn set_home(&mut self, home: Option<PathBuf>) {
        self.save.home = home;
    }

    /// The file name typed in the save dialog.
    #[must_use]
    pub fn save_name(&self) -> &str {
        &self.save.name
    }

    /// The full path the typed name saves to; `None` while it is blank.
    #[must_use]
    pub fn save_path(&self) -> Option<PathBuf> {
        resolve(&self.save.name, &self.save.dir, self.save.home.as_deref())
    }

    /// The existing file the replace question is about.
    #[must_use]
    pub fn save_replacing(&self) -> Option<&Path> {
        self.save.existing.as_deref()
    }

    /// Step three: the name, prefilled with the skill name and today's date (in the case's
    /// zone).
    pub(super) fn ask_save_name(&mut self, format: Format, include_secrets: bool) {
        self.save.name = default_file_name(&self.case.skill.name, self.local_now().date(), format);
        self.dialog = Some(Dialog::SaveName {
            format,
            include_secrets,
        });
    }

    /// A key or a paste for the name.
    pub(super) fn type_save_name(&mut self, action: &Action) {
        super::draft::type_line(&mut self.save.name, action, MAX_NAME);
    }

    /// Enter in the name dialog: the save, which leaves an existing file alone; a blank name
    /// is refused and the dialog stays.
    pub(super) fn confirm_save_name(
        &mut self,
        format: Format,
        include_secrets: bool,
    ) -> Option<Effect> {
        let Some(path) = self.save_path() else {
            self.dialog = Some(Dialog::SaveName {
                format,
                include_secrets,
            });
            self.set_status(Tone::Error, "Type a file name to save to (Esc: not saved)");
            return None;
        };
        Some(self.save_effect(path, format, include_secrets, false))
    }

    /// The replace question's answer: replace that very file, or back to the name.
    pub(super) fn confirm_replace(
        &mut self,
        format: Format,
        include_secrets: bool,
        selected: usize,
    ) -> Option<Effect> {
        let existing = self.save.existing.take();
        match (selected, existing) {
            (1, Some(path)) => Some(self.save_effect(path, format, include_secrets, true)),
            (_, existing) => {
                self.dialog = Some(Dialog::SaveName {
                    format,
                    include_secrets,
                });
                // The path was in the question; the status line is too short to repeat it.
                let what = if existing.is_some() {
                    "Kept the file that is there"
                } else {
                    "Nothing replaced"
                };
                self.set_status(Tone::Info, format!("{what}: change the name, or Esc"));
                None
            }
        }
    }

    /// Esc in any step of the save.
    pub(super) fn cancel_save(&mut self) {
        self.save.existing = None;
        self.save.pending = None;
        self.set_status(Tone::Info, "Not saved");
    }

    fn save_effect(
        &mut self,
        path: PathBuf,
        format: Format,
        include_secrets: bool,
        replace: bool,
    ) -> Effect {
        self.save.pending = Some((format, include_secrets));
        Effect::Save {
            path,
            contents: export::render(
                &self.case,
                format,
                Options {
                    include_secrets,
                    with_checks: false,
                },
            ),
            format,
            include_secrets,
            replace,
        }
    }

    /// What came of a save: done, a file in the way (asked about), or a failure (the name
    /// is asked again, to fix it).
    pub(super) fn save_outcome(&mut self, outcome: Outcome) {
        let pending = self.save.pending.take();
        match outcome {
            Outcome::Saved {
                path,
                replaced,
                include_secrets,
            } => {
                let secrets = if include_secrets {
                    "password included"
                } else {
                    "without the password"
                };
                let verb = if replaced { "Replaced" } else { "Saved" };
                self.set_status(
                    Tone::Success,
                    format!("{verb} {} ({secrets})", escape::path(&path)),
                );
            }
            // The question says that the file exists.
            Outcome::SaveExists { path } => match pending {
                Some((format, include_secrets)) => {
                    self.save.existing = Some(path);
                    self.dialog = Some(Dialog::SaveReplace {
                        format,
                        include_secrets,
                        selected: 0,
                    });
                }
                None => self.set_status(
                    Tone::Error,
                    format!("Not saved: {} already exists", escape::path(&path)),
                ),
            },
            Outcome::SaveFailed(why) => {
                if let Some((format, include_secrets)) = pending {
                    self.dialog = Some(Dialog::SaveName {
                        format,
                        include_secrets,
                    });
                }
                self.set_status(Tone::Error, format!("Not saved: {}", escape::shown(&why)));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    #[test]
    fn the_skill_name_and_the_date_name_the_file() {
        assert_eq!(
            default_file_name("Acme Thermostat", date(), Format::Text),
            "acme-thermostat-2026-11-30.txt"
        );
        assert_eq!(
            default_file_name("  --Ünïcode  & Co.!! ", date(), Format::Markdown),
            "n-code-co-2026-11-30.md"
        );
    }

    #[test]
    fn a_skill_name_without_letters_or_digits_falls_back() {
        for name in ["", "   ", "ü—ß", "--"] {
            assert_eq!(
                default_file_name(name, date(), Format::Json),
                "linkcase-case-2026-11-30.json"
            );
        }
    }

    #[test]
    fn a_long_skill_name_is_capped_without_a_trailing_dash() {
        let name = format!("{} b", "a".repeat(MAX_SLUG - 1));
        assert_eq!(slug(&name), "a".repeat(MAX_SLUG - 1));
        assert_eq!(slug(&"x".repeat(500)).len(), MAX_SLUG);
    }

    #[test]
    fn names_resolve_against_the_folder_home_or_root() {
        let dir = Path::new("/work/here");
        let home = Some(Path::new("/home/me"));
        let at = |name| resolve(name, dir, home);
        assert_eq!(at("a.txt"), Some(PathBuf::from("/work/here/a.txt")));
        assert_eq!(
            at(" sub/a.txt "),
            Some(PathBuf::from("/work/here/sub/a.txt"))
        );
        assert_eq!(at("/tmp/a.txt"), Some(PathBuf::from("/tmp/a.txt")));
        assert_eq!(at("~/a.txt"), Some(PathBuf::from("/home/me/a.txt")));
        assert_eq!(
            resolve("~/a.txt", dir, None),
            Some(PathBuf::from("/work/here/~/a.txt"))
        );
        assert_eq!(at("  "), None);
    }

    proptest! {
        #[test]
        fn a_slug_is_only_lowercase_letters_digits_and_inner_dashes(text in any::<String>()) {
            let slug = slug(&text);
            prop_assert!(slug.len() <= MAX_SLUG);
            prop_assert!(
                slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{:?}", slug
            );
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        }
    }
}
