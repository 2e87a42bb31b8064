//! The token endpoint probe against loopback servers started here, one per behaviour: the
//! probe must tell all five apart.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use linkcase::case::{Region, Secret, TokenScheme};
use linkcase::probe::{Answer, Body, CheckLevel, Limits, ProbeRequest, ProbeResult, probe};

/// Limits for the tests: an answer after 100 ms is "slow", the probe gives up after 1 s, so
/// no test waits for Alexa's real 4.5 s.
const TEST_LIMITS: Limits = Limits {
    alexa: Duration::from_millis(100),
    give_up: Duration::from_secs(1),
};

/// How a test server answers.
#[derive(Clone, Copy)]
enum Behaviour {
    GoodJson,
    Slow,
    FormEncoded,
    ServerErrorHtml,
    Hangup,
    /// A 100 KB JSON body: more than the probe reads.
    HugeBody,
    /// Headers, then a body that never finishes.
    StalledBody,
}

/// Reads the request head and body (by Content-Length); returns the raw request.
fn read_request(stream: &mut TcpStream) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&data);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if data.len() >= head_end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&data).into_owned()
}

/// Starts a one-shot server; returns its URL and a handle yielding the request it saw.
fn serve(behaviour: Behaviour) -> (String, thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/oauth2/token", listener.local_addr().unwrap());
    let handle = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let request = read_request(&mut stream);
        let (status, content_type, body) = match behaviour {
            Behaviour::GoodJson | Behaviour::Slow => (
                "400 Bad Request",
                "application/json;charset=UTF-8",
                r#"{"error":"invalid_grant","error_description":"unknown code"}"#,
            ),
            Behaviour::FormEncoded => (
                "400 Bad Request",
                "application/x-www-form-urlencoded",
                "error=invalid_grant&error_description=unknown+code",
            ),
            Behaviour::ServerErrorHtml => (
                "500 Internal Server Error",
                "text/html",
                "<!DOCTYPE html><html><body><h1>Oops</h1></body></html>",
            ),
            Behaviour::Hangup => return request,
            Behaviour::HugeBody => {
                let body = format!(
                    r#"{{"error":"invalid_grant","pad":"{}"}}"#,
                    "x".repeat(100_000)
                );
                let head = format!(
                    "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body.as_bytes());
                return request;
            }
            Behaviour::StalledBody => {
                let _ = stream.write_all(
                    b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"error\"",
                );
                // Longer than the test's give-up limit: the body never completes in time.
                thread::sleep(Duration::from_secs(2));
                return request;
            }
        };
        if matches!(behaviour, Behaviour::Slow) {
            // Over the test's 100 ms "Alexa" limit, well under its 1 s give-up.
            thread::sleep(Duration::from_millis(300));
        }
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(response.as_bytes());
        request
    });
    (url, handle)
}

fn request(url: &str, scheme: TokenScheme) -> ProbeRequest {
    ProbeRequest {
        token_url: url.to_owned(),
        client_id: "alexa-skill".to_owned(),
        client_secret: Secret::new("hunter2-token-secret"),
        scheme,
        region: Region::Na,
        vendor_id: "M2AAAAAAAAAAAA".to_owned(),
        allow_http: true,
        limits: TEST_LIMITS,
    }
}

fn run(behaviour: Behaviour) -> (ProbeResult, String) {
    let (url, server) = serve(behaviour);
    let result = probe(&request(&url, TokenScheme::HttpBasic)).unwrap();
    (result, server.join().unwrap())
}

fn level(result: &ProbeResult, what: &str) -> CheckLevel {
    result
        .checks()
        .into_iter()
        .find(|c| c.what == what)
        .map_or(CheckLevel::Unknown, |c| c.level)
}

#[test]
fn good_endpoint_answers_400_json_invalid_grant_and_fails_only_on_plain_http() {
    let (result, seen) = run(Behaviour::GoodJson);
    assert!(seen.starts_with("POST /oauth2/token HTTP/1.1"), "{seen}");
    assert!(seen.contains("grant_type=authorization_code"), "{seen}");
    assert!(
        seen.contains(
            "redirect_uri=https%3A%2F%2Fpitangui.amazon.com%2Fapi%2Fskill%2Flink%2FM2AAAAAAAAAAAA"
        ),
        "{seen}"
    );
    assert!(
        seen.to_ascii_lowercase().contains("authorization: basic "),
        "{seen}"
    );
    assert!(matches!(
        &result.answer,
        Answer::Response { status: 400, body: Body::Json { error: Some(e), .. }, .. } if e == "invalid_grant"
    ));
    assert_eq!(level(&result, "time"), CheckLevel::Pass);
    assert_eq!(level(&result, "status"), CheckLevel::Pass);
    assert_eq!(level(&result, "Content-Type"), CheckLevel::Pass);
    assert_eq!(level(&result, "body"), CheckLevel::Pass);
    // Plain http is still reported as failing Alexa's HTTPS rule.
    assert_eq!(level(&result, "TLS"), CheckLevel::Fail);
    assert!(!result.passed());
    let summary = result.summary();
    assert!(
        summary.starts_with("400 invalid_grant, JSON, "),
        "{summary}"
    );
    assert!(summary.ends_with(" ms, plain http"), "{summary}");
}

#[test]
fn slow_endpoint_fails_the_time_check_but_is_still_read() {
    let (result, _) = run(Behaviour::Slow);
    assert!(result.elapsed >= Duration::from_millis(300));
    assert!(result.elapsed < Duration::from_secs(1));
    assert_eq!(level(&result, "time"), CheckLevel::Fail);
    assert_eq!(level(&result, "body"), CheckLevel::Pass);
}

#[test]
fn form_encoded_answer_fails_the_body_and_content_type_checks() {
    let (result, _) = run(Behaviour::FormEncoded);
    assert!(matches!(
        &result.answer,
        Answer::Response { body: Body::Form { error: Some(e) }, .. } if e == "invalid_grant"
    ));
    assert_eq!(level(&result, "Content-Type"), CheckLevel::Fail);
    assert_eq!(level(&result, "body"), CheckLevel::Fail);
    assert!(result.summary().contains("form-encoded"));
}

#[test]
fn server_error_with_html_fails_status_and_body() {
    let (result, _) = run(Behaviour::ServerErrorHtml);
    assert!(matches!(
        result.answer,
        Answer::Response {
            status: 500,
            body: Body::Html,
            ..
        }
    ));
    assert_eq!(level(&result, "status"), CheckLevel::Fail);
    assert_eq!(level(&result, "body"), CheckLevel::Fail);
    assert!(
        result.summary().starts_with("500, HTML"),
        "{}",
        result.summary()
    );
}

#[test]
fn a_body_over_64_kb_is_reported_as_too_large_not_empty() {
    let (result, _) = run(Behaviour::HugeBody);
    assert!(
        matches!(
            result.answer,
            Answer::Response {
                body: Body::TooLarge,
                ..
            }
        ),
        "{:?}",
        result.answer
    );
    assert!(
        result.summary().contains("body over 64 KB"),
        "{}",
        result.summary()
    );
    let body = result
        .checks()
        .into_iter()
        .find(|c| c.what == "body")
        .unwrap();
    assert!(body.detail.contains("over 64 KB"), "{}", body.detail);
}

#[test]
fn a_body_that_times_out_is_reported_as_timed_out_not_empty() {
    let (result, _) = run(Behaviour::StalledBody);
    assert!(
        matches!(
            result.answer,
            Answer::Response {
                body: Body::TimedOut,
                ..
            }
        ),
        "{:?}",
        result.answer
    );
    assert!(
        result.summary().contains("body timed out"),
        "{}",
        result.summary()
    );
}

#[test]
fn closed_connection_is_a_connection_failure() {
    let (result, _) = run(Behaviour::Hangup);
    assert!(
        matches!(result.answer, Answer::Connection(_)),
        "{:?}",
        result.answer
    );
    assert_eq!(level(&result, "connection"), CheckLevel::Fail);
    assert!(!result.passed());
}

#[test]
fn body_credentials_are_sent_in_the_form_and_never_in_the_report() {
    let (url, server) = serve(Behaviour::GoodJson);
    let result = probe(&request(&url, TokenScheme::RequestBodyCredentials)).unwrap();
    let seen = server.join().unwrap();
    assert!(seen.contains("client_id=alexa-skill"), "{seen}");
    assert!(
        seen.contains("client_secret=hunter2-token-secret"),
        "{seen}"
    );
    assert!(!seen.to_ascii_lowercase().contains("authorization: basic"));
    let report: String = result.checks().iter().map(ToString::to_string).collect();
    assert!(!report.contains("hunter2"));
    assert!(!result.summary().contains("hunter2"));
    assert!(!format!("{result:?}").contains("hunter2"));
}

// ---- End to end: need `probe` wired into src/cli.rs (remove the `ignore` then). ----

#[test]
fn probe_command_refuses_http_reports_and_appends_to_the_notes() {
    use assert_cmd::Command;
    use predicates::prelude::*;
    use predicates::str::contains;

    let linkcase = || Command::cargo_bin("linkcase").unwrap();
    linkcase()
        .args(["probe", "--token-url", "http://127.0.0.1:9/token"])
        .assert()
        .code(2)
        .stderr(contains("https://"));

    let (url, server) = serve(Behaviour::GoodJson);
    let dir = tempfile::tempdir().unwrap();
    let case_path = dir.path().join("case.json");
    let example = include_str!("fixtures/example.json")
        .replace("https://auth.example.com/oauth2/token", &url);
    std::fs::write(&case_path, example).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(&case_path, mode).unwrap();
    }
    linkcase()
        .arg("probe")
        .arg(&case_path)
        .args(["--allow-http", "--append"])
        .env("LINKCASE_CLIENT_SECRET", "hunter2-token-secret")
        .assert()
        .code(1)
        .stdout(contains("400 invalid_grant, JSON"))
        // The case's vendor id goes into the redirect_uri, as Alexa would send it.
        .stdout(contains(
            "redirect_uri https://pitangui.amazon.com/api/skill/link/M2AAAAAAAAAAAA",
        ))
        .stdout(contains("hunter2").not());
    let request = server.join().unwrap();
    assert!(request.contains("link%2FM2AAAAAAAAAAAA"), "{request}");
    let notes = std::fs::read_to_string(&case_path).unwrap();
    assert!(notes.contains("Probe at 20"), "{notes}");
    assert!(notes.contains(": 400 invalid_grant, JSON, "), "{notes}");
    assert!(!notes.contains("hunter2"));
    #[cfg(unix)]
    {
        // The user's own file keeps its mode when --append rewrites it.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&case_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

#[test]
fn probe_never_shows_or_keeps_a_password_in_the_url() {
    use assert_cmd::Command;
    use predicates::prelude::*;
    use predicates::str::contains;

    let (url, server) = serve(Behaviour::GoodJson);
    let url = url.replace("http://", "http://probe-user:hunter2-url-pass@");
    let dir = tempfile::tempdir().unwrap();
    let case_path = dir.path().join("case.json");
    let example = include_str!("fixtures/example.json")
        .replace("https://auth.example.com/oauth2/token", &url);
    std::fs::write(&case_path, example).unwrap();
    let out = Command::cargo_bin("linkcase")
        .unwrap()
        .arg("probe")
        .arg(&case_path)
        .args(["--allow-http", "--append"])
        .assert()
        .stdout(contains("hunter2").not())
        .stderr(contains("hunter2").not());
    drop(out);
    server.join().unwrap();
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&case_path).unwrap()).unwrap();
    let notes = case["notes"].as_str().unwrap();
    assert!(notes.contains("Probe at 20"), "{notes}");
    assert!(!notes.contains("hunter2"), "{notes}");
}

#[test]
fn the_client_secret_comes_from_a_file_and_the_flag_is_deprecated() {
    use assert_cmd::Command;
    use predicates::str::contains;

    let dir = tempfile::tempdir().unwrap();
    let secret_file = dir.path().join("secret");
    std::fs::write(&secret_file, "hunter2-from-file\n").unwrap();
    let (url, server) = serve(Behaviour::GoodJson);
    Command::cargo_bin("linkcase")
        .unwrap()
        .args([
            "probe",
            "--allow-http",
            "--scheme",
            "REQUEST_BODY_CREDENTIALS",
            "--token-url",
            &url,
        ])
        .arg("--client-secret-file")
        .arg(&secret_file)
        .assert()
        .code(1);
    let seen = server.join().unwrap();
    assert!(
        seen.contains("client_secret=hunter2-from-file&")
            || seen.ends_with("client_secret=hunter2-from-file"),
        "{seen}"
    );

    let (url, server) = serve(Behaviour::GoodJson);
    Command::cargo_bin("linkcase")
        .unwrap()
        .args([
            "probe",
            "--allow-http",
            "--token-url",
            &url,
            "--client-secret",
            "x",
        ])
        .assert()
        .code(1)
        .stderr(contains("--client-secret is deprecated"));
    server.join().unwrap();
}

#[cfg(unix)]
#[test]
fn the_client_secret_can_be_typed_at_a_prompt_and_is_never_echoed() {
    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let (url, server) = serve(Behaviour::GoodJson);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("linkcase"));
    cmd.args([
        "probe",
        "--allow-http",
        "--scheme",
        "REQUEST_BODY_CREDENTIALS",
        "--token-url",
        &url,
        "--ask-client-secret",
    ]);
    cmd.env("TERM", "xterm");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pty.master.try_clone_reader().unwrap();
    {
        let seen = Arc::clone(&seen);
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
    }
    let text = || String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    let start = Instant::now();
    while !text().contains("Client secret (not shown): ") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no prompt: {}",
            text()
        );
        thread::sleep(Duration::from_millis(20));
    }
    let mut writer = pty.master.take_writer().unwrap();
    writer.write_all(b"hunter2-typed\r").unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still running: {}",
            text()
        );
        thread::sleep(Duration::from_millis(20));
    }
    let request = server.join().unwrap();
    assert!(request.contains("client_secret=hunter2-typed"), "{request}");
    // Everything up to the report's last line, then: the secret was never shown.
    let start = Instant::now();
    while !text().contains("Summary:") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no report: {}",
            text()
        );
        thread::sleep(Duration::from_millis(20));
    }
    let shown = text();
    assert!(!shown.contains("hunter2"), "{shown}");
}

/// A certificate authority and a server certificate it issued for 127.0.0.1, made here.
struct TestPki {
    chain: Vec<rustls::pki_types::CertificateDer<'static>>,
    key: Vec<u8>,
}

/// A CA named `issuer` (common name, organization) issues a certificate for 127.0.0.1 that
/// expires on `expires` (year, month, day).
fn pki(issuer: (&str, &str), expires: (i32, u8, u8)) -> TestPki {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, issuer.0);
    ca.distinguished_name
        .push(DnType::OrganizationName, issuer.1);
    ca.distinguished_name.push(DnType::CountryName, "US");
    let ca = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let mut leaf = CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    leaf.distinguished_name
        .push(DnType::CommonName, "auth.linkcase.test");
    leaf.not_after = rcgen::date_time_ymd(expires.0, expires.1, expires.2);
    let leaf = leaf.signed_by(&key, &ca, &ca_key).unwrap();
    TestPki {
        chain: vec![leaf.der().clone(), ca.der().clone()],
        key: key.serialize_der(),
    }
}

/// A TLS token endpoint on 127.0.0.1 that answers `invalid_grant` to every connection that
/// completes the handshake (the probe's certificate look, then the request, which fails to
/// verify a test CA).
fn serve_tls(pki: TestPki) -> String {
    use std::sync::Arc;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            pki.chain,
            rustls::pki_types::PrivateKeyDer::Pkcs8(pki.key.into()),
        )
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}/oauth2/token", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming().take(2) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let Ok(connection) = rustls::ServerConnection::new(Arc::clone(&config)) else {
                continue;
            };
            let mut tls = rustls::StreamOwned::new(connection, &mut stream);
            let mut buf = [0u8; 4096];
            if matches!(tls.read(&mut buf), Ok(n) if n > 0) {
                let body = r#"{"error":"invalid_grant"}"#;
                let _ = write!(
                    tls,
                    "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        }
    });
    url
}

fn certificate_check(result: &ProbeResult) -> linkcase::probe::Check {
    result
        .checks()
        .into_iter()
        .find(|c| c.what == "certificate")
        .unwrap_or_else(|| panic!("no certificate check: {:#?}", result.checks()))
}

#[test]
fn names_the_issuer_subject_and_days_left_of_the_certificate() {
    let url = serve_tls(pki(
        ("Linkcase Test Root", "Linkcase Testing"),
        (2099, 1, 1),
    ));
    let result = probe(&request(&url, TokenScheme::HttpBasic)).unwrap();
    let certificate = result.certificate.clone().unwrap().unwrap();
    assert_eq!(
        certificate.issuer,
        "CN=Linkcase Test Root, O=Linkcase Testing, C=US"
    );
    assert_eq!(certificate.subject, "CN=auth.linkcase.test");
    assert!(!certificate.is_lets_encrypt());
    let check = certificate_check(&result);
    assert_eq!(check.level, CheckLevel::Pass, "{check}");
    assert!(
        check.detail.contains("issued by CN=Linkcase Test Root")
            && check.detail.contains("to CN=auth.linkcase.test")
            && check.detail.contains("days"),
        "{check}"
    );
    // The test CA is not one Alexa trusts: the request itself says so.
    assert!(
        matches!(result.answer, Answer::Tls(_)),
        "{:?}",
        result.answer
    );
}

#[test]
fn a_lets_encrypt_issuer_fails_with_amazons_requirement_as_the_reason() {
    let url = serve_tls(pki(("R11", "Let's Encrypt"), (2099, 1, 1)));
    let result = probe(&request(&url, TokenScheme::HttpBasic)).unwrap();
    let check = certificate_check(&result);
    assert_eq!(check.level, CheckLevel::Fail, "{check}");
    assert!(check.detail.contains("O=Let's Encrypt"), "{check}");
    assert!(
        check.detail.contains("do not accept Let's Encrypt"),
        "{check}"
    );
    assert!(!result.passed());
}

#[test]
fn a_certificate_that_expires_soon_is_a_warning() {
    use chrono::Datelike;
    let soon = chrono::Utc::now() + chrono::Duration::days(5);
    let expires = (
        soon.year(),
        u8::try_from(soon.month()).unwrap(),
        u8::try_from(soon.day()).unwrap(),
    );
    let url = serve_tls(pki(("Linkcase Test Root", "Linkcase Testing"), expires));
    let result = probe(&request(&url, TokenScheme::HttpBasic)).unwrap();
    let check = certificate_check(&result);
    assert_eq!(check.level, CheckLevel::Warn, "{check}");
    assert!(
        check.detail.contains("expires in 4 days") || check.detail.contains("expires in 5 days"),
        "{check}"
    );
}
