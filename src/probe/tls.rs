//! Reading the server's certificate: a TLS handshake of its own, before the token request
//! (ureq does not expose the peer's certificate). It accepts any certificate, because it
//! only looks: whether the certificate is trusted is judged by the request itself, which
//! verifies it against Mozilla's CA list. Nothing is sent over this connection.

use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};
use url::Url;

use super::certificate::{self, Certificate};

/// Accepts every certificate chain; checks only that the handshake signatures are sound.
#[derive(Debug)]
struct LookOnly(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for LookOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}

/// The certificate `url`'s server presents, or why it could not be read.
pub(super) fn inspect(url: &Url, give_up: Duration) -> Result<Certificate, String> {
    let host = url.host_str().ok_or("no host")?;
    // `host_str` keeps an IPv6 address's brackets; a server name has none.
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = url.port_or_known_default().unwrap_or(443);
    let address = (host, port)
        .to_socket_addrs()
        .map_err(|e| e.to_string())?
        .next()
        .ok_or("the host has no address")?;
    let mut socket = TcpStream::connect_timeout(&address, give_up).map_err(|e| e.to_string())?;
    socket
        .set_read_timeout(Some(give_up))
        .and_then(|()| socket.set_write_timeout(Some(give_up)))
        .map_err(|e| e.to_string())?;
    let provider = rustls::crypto::ring::default_provider();
    let algorithms = provider.signature_verification_algorithms;
    let config = ClientConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(LookOnly(algorithms)))
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_owned()).map_err(|e| e.to_string())?;
    let mut connection =
        ClientConnection::new(Arc::new(config), name).map_err(|e| e.to_string())?;
    while connection.is_handshaking() {
        connection
            .complete_io(&mut socket)
            .map_err(|e| e.to_string())?;
    }
    let leaf = connection
        .peer_certificates()
        .and_then(<[CertificateDer]>::first)
        .ok_or("the server sent no certificate")?;
    let certificate = certificate::parse(leaf).map_err(|e| e.to_string())?;
    connection.send_close_notify();
    // Best effort: the server may already have closed.
    let _ = connection.complete_io(&mut socket);
    let _ = socket.flush();
    Ok(certificate)
}
