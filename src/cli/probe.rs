//! `linkcase probe FILE | --token-url URL …`: a live check of the token endpoint.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::out;
use crate::case::{Region, Secret, TokenScheme, load};
use crate::error::{EXIT_FINDINGS, EXIT_OK, Error, Result};
use crate::files;
use crate::probe::{self, Limits, PLACEHOLDER_VENDOR, ProbeRequest};

/// The environment variable the client secret may come from.
pub const SECRET_ENV: &str = "LINKCASE_CLIENT_SECRET";

/// Arguments of `probe`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Sends what Alexa sends after a login: a POST of grant_type=authorization_code with a code
that cannot be valid and a redirect_uri on the region's Alexa host (NA pitangui.amazon.com,
EU layla.amazon.com, FE alexa.amazon.co.jp). A healthy endpoint refuses it within 4.5 s,
over HTTPS, with 400 and a JSON error such as invalid_grant. The probe gives up at 10 s.

The client secret comes from --client-secret-file FILE (its first line), from
--ask-client-secret (typed at a prompt, not shown) or from the LINKCASE_CLIENT_SECRET
environment variable, and is never printed; without one, none is sent
and invalid_client is the expected answer. --client-secret still works but is deprecated: a
command line is visible to every user of the machine (`ps`). A user name and password in the
token URL are sent but never shown or kept in the notes.

Examples:
  LINKCASE_CLIENT_SECRET=… linkcase probe case.json --append
  linkcase probe --token-url https://auth.example.com/oauth2/token --client-id alexa \\
      --scheme REQUEST_BODY_CREDENTIALS --region EU

Exit codes: 0 = every check passed, 1 = some check failed, 2 = bad usage or unreadable case.")]
pub struct Args {
    /// A case file to take the token URL, client id, scheme and region from.
    #[arg(value_name = "FILE", required_unless_present = "token_url")]
    file: Option<PathBuf>,
    /// The access token URL (overrides the case's).
    #[arg(long, value_name = "URL")]
    token_url: Option<String>,
    /// The OAuth client id (overrides the case's).
    #[arg(long, value_name = "ID")]
    client_id: Option<String>,
    #[arg(
        long,
        value_name = "SECRET",
        help = "Deprecated: visible to every user in `ps`; use --client-secret-file or LINKCASE_CLIENT_SECRET"
    )]
    client_secret: Option<String>,
    /// Read the client secret from this file (its first line).
    #[arg(long, value_name = "FILE", conflicts_with = "client_secret")]
    client_secret_file: Option<PathBuf>,
    /// Ask for the client secret on the terminal (typed without echo).
    #[arg(long, conflicts_with_all = ["client_secret", "client_secret_file"])]
    ask_client_secret: bool,
    #[arg(
        long,
        value_name = "SCHEME",
        value_parser = parse_scheme,
        help = "HTTP_BASIC or REQUEST_BODY_CREDENTIALS (default: the case's, else HTTP_BASIC)"
    )]
    scheme: Option<TokenScheme>,
    #[arg(
        long,
        value_name = "REGION",
        value_parser = parse_region,
        help = "NA, EU or FE: whose redirect host goes in redirect_uri (default: the case's first)"
    )]
    region: Option<Region>,
    /// The skill's vendor id, as in the redirect URLs of the Account Linking page (default:
    /// the case's `account_linking.vendor_id`, else a placeholder).
    #[arg(long, value_name = "ID")]
    vendor_id: Option<String>,
    /// Let http:// through (for local tests); it is still reported as failing.
    #[arg(long)]
    allow_http: bool,
    /// Add the result as a line to the case's notes (needs FILE).
    #[arg(long, requires = "file")]
    append: bool,
}

fn parse_scheme(text: &str) -> Result<TokenScheme, String> {
    TokenScheme::from_id(&text.trim().to_ascii_uppercase())
        .ok_or_else(|| format!("'{text}': expected HTTP_BASIC or REQUEST_BODY_CREDENTIALS"))
}

fn parse_region(text: &str) -> Result<Region, String> {
    Region::from_id(&text.trim().to_ascii_uppercase())
        .ok_or_else(|| format!("'{text}': expected NA, EU or FE"))
}

/// The client secret: from `--client-secret-file`, the deprecated `--client-secret` (with a
/// warning), or the environment; empty when none is given.
fn client_secret(args: &Args) -> Result<Secret> {
    if let Some(path) = &args.client_secret_file {
        let bytes = files::read_input(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let text = String::from_utf8_lossy(&bytes);
        return Ok(Secret::new(text.lines().next().unwrap_or_default().trim()));
    }
    if args.ask_client_secret {
        return ask_secret("Client secret (not shown): ").map(Secret::new);
    }
    if let Some(secret) = &args.client_secret {
        out::note(&format!(
            "linkcase: warning: --client-secret is deprecated: the command line, secret included, \
             is visible to every user of this machine; use --client-secret-file or {SECRET_ENV}"
        ));
        return Ok(Secret::new(secret.clone()));
    }
    Ok(Secret::new(std::env::var(SECRET_ENV).unwrap_or_default()))
}

/// Reads one line from the terminal without echo (raw mode, restored on every path).
fn ask_secret(prompt: &str) -> Result<String> {
    use std::io::{IsTerminal, Write};

    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal;

    /// Leaves raw mode when dropped.
    struct Raw;
    impl Drop for Raw {
        fn drop(&mut self) {
            let _ = terminal::disable_raw_mode();
        }
    }

    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(format!(
            "--ask-client-secret needs a terminal; use --client-secret-file or {SECRET_ENV}"
        )));
    }
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "{prompt}");
    let _ = stderr.flush();
    terminal::enable_raw_mode().map_err(Error::Terminal)?;
    let raw = Raw;
    let mut secret = String::new();
    loop {
        let Event::Key(key) = event::read().map_err(Error::Terminal)? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        match key.code {
            KeyCode::Enter => break,
            KeyCode::Char('c' | 'd') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                drop(raw);
                let _ = writeln!(stderr);
                return Err(Error::Usage("no client secret entered".to_owned()));
            }
            KeyCode::Backspace => {
                secret.pop();
            }
            KeyCode::Char(c) => secret.push(c),
            _ => {}
        }
    }
    drop(raw);
    let _ = writeln!(stderr);
    Ok(secret)
}

pub fn run(args: &Args) -> Result<u8> {
    let case = match &args.file {
        Some(path) => Some(files::read_case(path)?.case),
        None => None,
    };
    let linking = case.as_ref().map(|c| &c.account_linking);
    let token_url = args
        .token_url
        .clone()
        .or_else(|| linking.map(|l| l.access_token_url.trim().to_owned()))
        .filter(|u| !u.is_empty())
        .ok_or_else(|| {
            Error::Usage(
                "no token URL: the case has no account_linking.access_token_url; pass --token-url"
                    .to_owned(),
            )
        })?;
    let request = ProbeRequest {
        token_url,
        client_id: args
            .client_id
            .clone()
            .or_else(|| linking.map(|l| l.client_id.trim().to_owned()))
            .unwrap_or_default(),
        client_secret: client_secret(args)?,
        scheme: args
            .scheme
            .or_else(|| linking.and_then(|l| l.access_token_scheme))
            .unwrap_or(TokenScheme::HttpBasic),
        region: args
            .region
            .or_else(|| {
                case.as_ref()
                    .and_then(|c| c.failure.regions.first().copied())
            })
            .unwrap_or(Region::Na),
        vendor_id: args
            .vendor_id
            .clone()
            .or_else(|| linking.map(|l| l.vendor_id.trim().to_owned()))
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| PLACEHOLDER_VENDOR.to_owned()),
        allow_http: args.allow_http,
        limits: Limits::default(),
    };
    let result = probe::probe(&request).map_err(|e| Error::Probe(e.to_string()))?;
    let mut text = format!(
        "Probed {} ({}, {}, redirect_uri {})\n",
        result.url,
        request.scheme.id(),
        if request.client_secret.is_empty() {
            "no client secret"
        } else {
            "client secret sent"
        },
        probe::redirect_uri(request.region, &request.vendor_id)
    );
    for check in result.checks() {
        let _ = writeln!(text, "  {check}");
    }
    let _ = writeln!(text, "Summary: {}", result.summary());
    out::print(&text)?;
    if args.append
        && let (Some(path), Some(mut case)) = (&args.file, case)
    {
        let line = result.note_line(chrono::Utc::now());
        if !case.notes.is_empty() && !case.notes.ends_with('\n') {
            case.notes.push('\n');
        }
        case.notes.push_str(&line);
        files::write_atomic(path, load::to_json(&case, true).as_bytes())?;
        out::note(&format!(
            "linkcase: added to the notes of {}: {line}",
            path.display()
        ));
    }
    Ok(if result.passed() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}
