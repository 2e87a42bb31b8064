//! Settings from `config.json` in the config folder: the defaults a new case starts with,
//! the save dialog's format, and whether a clipboard copy includes the password. No file
//! means the defaults; a file that is broken means one clear warning and the defaults,
//! never a failure.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::case::time::Zone;
use crate::case::{Case, Platform, Region};
use crate::export::Format;

/// The effective settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The zone a new case starts with (`null`: `$TZ`, else the system's zone).
    pub time_zone: Option<String>,
    /// The regions a new case starts with.
    pub regions: Vec<Region>,
    /// The platforms a new case starts with.
    pub platforms: Vec<Platform>,
    /// The format the save dialog offers first.
    pub export_format: Format,
    /// Whether a clipboard copy includes the password (it is made to file the case).
    pub copy_includes_password: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            time_zone: None,
            regions: Vec::new(),
            platforms: Vec::new(),
            export_format: Format::Text,
            copy_includes_password: true,
        }
    }
}

/// Where the settings came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// No config file: the defaults.
    Defaults,
    /// Read from the file.
    File,
    /// The file is broken (this says why): the defaults.
    Broken(String),
}

/// The settings and how they were found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The config file.
    pub path: PathBuf,
    /// The settings in effect.
    pub config: Config,
    /// Where they came from.
    pub source: Source,
}

impl Settings {
    /// Reads `path`; never fails (see [`Source`]).
    #[must_use]
    pub fn load(path: &Path) -> Self {
        let (config, source) = match crate::files::read_input(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Config::default(), Source::Defaults),
            Err(e) => (Config::default(), Source::Broken(e.to_string())),
            Ok(bytes) => match parse(&bytes) {
                Ok(config) => (config, Source::File),
                Err(why) => (Config::default(), Source::Broken(why)),
            },
        };
        Self {
            path: path.to_owned(),
            config,
            source,
        }
    }

    /// The one warning for a broken file, if it is broken.
    #[must_use]
    pub fn warning(&self) -> Option<String> {
        match &self.source {
            Source::Broken(why) => Some(format!(
                "{}: {why}; using the default settings",
                self.path.display()
            )),
            Source::Defaults | Source::File => None,
        }
    }
}

/// Parses a config file; the error names the key that is wrong.
pub fn parse(bytes: &[u8]) -> Result<Config, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let config: Config = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string().replace('`', "'");
        if path == "." || path.is_empty() {
            inner
        } else {
            format!("{path}: {inner}")
        }
    })?;
    deserializer.end().map_err(|e| e.to_string())?;
    if let Some(zone) = &config.time_zone {
        Zone::parse(zone).map_err(|e| format!("time_zone: {e}"))?;
    }
    Ok(config)
}

impl Config {
    /// The configured zone, if any.
    #[must_use]
    pub fn zone(&self) -> Option<Zone> {
        self.time_zone.as_deref().and_then(|z| Zone::parse(z).ok())
    }

    /// A new, empty case with the configured defaults filled in.
    #[must_use]
    pub fn new_case(&self) -> Case {
        let mut case = Case::default();
        if let Some(zone) = self.zone() {
            case.failure.time_zone = zone.name();
        }
        case.failure.regions.clone_from(&self.regions);
        case.failure.platforms.clone_from(&self.platforms);
        case
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_means_the_defaults_and_no_warning() {
        let settings = Settings::load(Path::new("/nonexistent/linkcase/config.json"));
        assert_eq!(settings.config, Config::default());
        assert_eq!(settings.source, Source::Defaults);
        assert!(settings.warning().is_none());
        assert!(settings.config.copy_includes_password);
    }

    #[test]
    fn a_full_file_is_read() {
        let config = parse(
            br#"{"time_zone": "Europe/Berlin", "regions": ["EU"], "platforms": ["ios"],
                 "export_format": "markdown", "copy_includes_password": false}"#,
        )
        .unwrap();
        assert_eq!(config.export_format, Format::Markdown);
        assert!(!config.copy_includes_password);
        let case = config.new_case();
        assert_eq!(case.failure.time_zone, "Europe/Berlin");
        assert_eq!(case.failure.regions, [Region::Eu]);
        assert_eq!(case.failure.platforms, [Platform::Ios]);
    }

    #[test]
    fn a_broken_file_is_one_warning_naming_the_key_and_the_defaults() {
        for (text, key) in [
            (r#"{"regions": ["XX"]}"#, "regions"),
            (r#"{"time_zone": "Mars/Olympus"}"#, "time_zone"),
            (r#"{"colour": "blue"}"#, "colour"),
            ("{", "EOF"),
        ] {
            let err = parse(text.as_bytes()).unwrap_err();
            assert!(err.contains(key), "{text}: {err}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(&path, "not json").unwrap();
        let settings = Settings::load(&path);
        assert_eq!(settings.config, Config::default());
        let warning = settings.warning().unwrap();
        assert!(warning.ends_with("using the default settings"), "{warning}");
        assert!(
            warning.starts_with(&path.display().to_string()),
            "{warning}"
        );
    }
}
