//! Settings from `config.json` in the config folder: the defaults a new case starts with,
//! the save dialog's format, and whether a clipboard copy includes the password. No file
//! means the defaults; a file that is not a JSON object means one clear warning and the
//! defaults; a bad or unknown key means a warning naming it, and every other key is kept
//! (one typo must not turn `copy_includes_password: false` back on). Never a failure.

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
    /// Read, but these keys were left out (each says why); the others are in effect.
    Partial(Vec<String>),
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
                Ok((config, skipped)) if skipped.is_empty() => (config, Source::File),
                Ok((config, skipped)) => (config, Source::Partial(skipped)),
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
            Source::Partial(skipped) => Some(format!(
                "{}: {}; the other settings are in effect",
                self.path.display(),
                skipped.join("; ")
            )),
            Source::Defaults | Source::File => None,
        }
    }
}

/// Parses a config file key by key: the settings, and a message for each key left out
/// (unknown, or a value that does not fit, naming the key). `Err` only when the file is not
/// a JSON object at all.
pub fn parse(bytes: &[u8]) -> Result<(Config, Vec<String>), String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let serde_json::Value::Object(object) = value else {
        return Err("expected a JSON object of settings".to_owned());
    };
    let mut config = Config::default();
    let mut skipped = Vec::new();
    for (key, value) in object {
        let why = |e: serde_json::Error| format!("{key}: {}", e.to_string().replace('`', "'"));
        let result = match key.as_str() {
            "time_zone" => serde_json::from_value::<Option<String>>(value)
                .map_err(why)
                .and_then(|zone| {
                    if let Some(Err(e)) = zone.as_deref().map(Zone::parse) {
                        return Err(format!("time_zone: {e}"));
                    }
                    config.time_zone = zone;
                    Ok(())
                }),
            "regions" => serde_json::from_value(value)
                .map(|v| config.regions = v)
                .map_err(why),
            "platforms" => serde_json::from_value(value)
                .map(|v| config.platforms = v)
                .map_err(why),
            "export_format" => serde_json::from_value(value)
                .map(|v| config.export_format = v)
                .map_err(why),
            "copy_includes_password" => serde_json::from_value(value)
                .map(|v| config.copy_includes_password = v)
                .map_err(why),
            _ => Err(format!("{key}: unknown setting")),
        };
        if let Err(message) = result {
            skipped.push(format!("{message}, ignored"));
        }
    }
    Ok((config, skipped))
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
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn every_key_is_kept_or_named(
            key in prop::sample::select(vec!["time_zone", "regions", "platforms", "export_format", "copy_includes_password", "colour"]),
            value in prop_oneof![
                Just(serde_json::Value::Null),
                any::<bool>().prop_map(serde_json::Value::from),
                any::<i64>().prop_map(serde_json::Value::from),
                ".{0,8}".prop_map(serde_json::Value::from),
                Just(serde_json::json!(["EU", "ios"])),
            ],
        ) {
            let text = serde_json::json!({ key: value, "copy_includes_password": false }).to_string();
            let (config, skipped) = parse(text.as_bytes()).unwrap();
            prop_assert!(skipped.iter().all(|s| s.starts_with(key)), "{:?}", skipped);
            if key != "copy_includes_password" {
                prop_assert!(!config.copy_includes_password);
            }
        }
    }

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
        let (config, skipped) = parse(
            br#"{"time_zone": "Europe/Berlin", "regions": ["EU"], "platforms": ["ios"],
                 "export_format": "markdown", "copy_includes_password": false}"#,
        )
        .unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(config.export_format, Format::Markdown);
        assert!(!config.copy_includes_password);
        let case = config.new_case();
        assert_eq!(case.failure.time_zone, "Europe/Berlin");
        assert_eq!(case.failure.regions, [Region::Eu]);
        assert_eq!(case.failure.platforms, [Platform::Ios]);
    }

    #[test]
    fn one_bad_key_is_named_and_the_good_keys_are_kept() {
        for (text, key) in [
            (
                r#"{"regions": ["XX"], "copy_includes_password": false}"#,
                "regions",
            ),
            (
                r#"{"time_zone": "Mars/Olympus", "copy_includes_password": false}"#,
                "time_zone",
            ),
            (
                r#"{"colour": "blue", "copy_includes_password": false}"#,
                "colour",
            ),
        ] {
            let (config, skipped) = parse(text.as_bytes()).unwrap();
            assert!(!config.copy_includes_password, "{text}");
            assert_eq!(skipped.len(), 1, "{text}");
            assert!(skipped[0].starts_with(key), "{text}: {skipped:?}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(
            &path,
            r#"{"colour": "blue", "copy_includes_password": false}"#,
        )
        .unwrap();
        let settings = Settings::load(&path);
        assert!(!settings.config.copy_includes_password);
        let warning = settings.warning().unwrap();
        assert!(warning.contains("colour: unknown setting"), "{warning}");
    }

    #[test]
    fn a_broken_file_is_one_warning_and_the_defaults() {
        for text in ["{", "[1]"] {
            assert!(parse(text.as_bytes()).is_err(), "{text}");
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
