//! `linkcase config`: the folders in use and the effective settings.

use std::fmt::Write as _;

use serde_json::json;

use super::out;
use crate::case::time::default_zone_explained;
use crate::config::{Settings, Source};
use crate::error::{EXIT_OK, Result};
use crate::store::{CONFIG_ENV, DATA_ENV, Origin, Paths};

/// Arguments of `config`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
config.json (all keys optional; no file = these defaults):
  {
    \"time_zone\": null,                 a new case's zone; null = $TZ or the system's zone
    \"regions\": [],                     a new case's regions: \"NA\", \"EU\", \"FE\"
    \"platforms\": [],                   \"android\", \"ios\", \"browser\", \"other\"
    \"export_format\": \"text\",           the save dialog's first choice: text, markdown, json
    \"copy_includes_password\": true     a clipboard copy (made to file the case) includes it
  }
A broken file is named in one warning on stderr, and the defaults are used.

Examples:
  linkcase config
  linkcase config --json
  LINKCASE_CONFIG_DIR=/tmp/lc linkcase config

Exit codes: 0 = shown (also with a broken config file), 2 = no folders can be found.")]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn origin(origin: Origin) -> &'static str {
    match origin {
        Origin::Platform => "platform default",
        Origin::Env(name) if name == DATA_ENV => DATA_ENV,
        Origin::Env(_) => CONFIG_ENV,
    }
}

pub fn run(args: &Args) -> Result<u8> {
    let paths = Paths::from_env()?;
    let settings = Settings::load(&paths.config_file());
    if let Some(warning) = settings.warning() {
        out::note(&format!("linkcase: warning: {warning}"));
    }
    let config = &settings.config;
    let zone = config.time_zone.clone().unwrap_or_else(|| {
        let (zone, source) = default_zone_explained();
        format!("{} ({source})", zone.name())
    });
    let source = match &settings.source {
        Source::Defaults => "not present: defaults",
        Source::File => "read",
        Source::Broken(_) => "broken: defaults",
        Source::Partial(_) => "read, some keys ignored",
    };
    let names = |ids: Vec<&str>| {
        if ids.is_empty() {
            "(none)".to_owned()
        } else {
            ids.join(", ")
        }
    };
    if args.json {
        let value = json!({
            "config_file": settings.path,
            "config_file_status": source,
            "config_dir": paths.config_dir,
            "data_dir": paths.data_dir,
            "drafts_dir": paths.drafts_dir(),
            "settings": config,
        });
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        return out::print(&format!("{text}\n")).map(|()| EXIT_OK);
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "config file   {} ({source})",
        crate::escape::path(&settings.path)
    );
    let _ = writeln!(
        text,
        "config dir    {} ({})",
        crate::escape::path(&paths.config_dir),
        origin(paths.config_origin)
    );
    let _ = writeln!(
        text,
        "data dir      {} ({})",
        crate::escape::path(&paths.data_dir),
        origin(paths.data_origin)
    );
    let _ = writeln!(
        text,
        "drafts        {}",
        crate::escape::path(&paths.drafts_dir())
    );
    let _ = writeln!(text);
    let _ = writeln!(text, "time_zone               {zone}");
    let _ = writeln!(
        text,
        "regions                 {}",
        names(config.regions.iter().map(|r| r.id()).collect())
    );
    let _ = writeln!(
        text,
        "platforms               {}",
        names(config.platforms.iter().map(|p| p.id()).collect())
    );
    let _ = writeln!(text, "export_format           {}", config.export_format);
    let _ = writeln!(
        text,
        "copy_includes_password  {}",
        config.copy_includes_password
    );
    out::print(&text)?;
    Ok(EXIT_OK)
}
