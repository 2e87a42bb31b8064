//! The few facts of an X.509 certificate the probe reports: who issued it, whom it is for,
//! and when it expires. A small DER reader for exactly those fields of the `TBSCertificate`
//! (RFC 5280 §4.1); anything it does not understand is an error, never a panic.

use chrono::{DateTime, NaiveDateTime, Utc};

/// What the probe shows of the server's certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The issuer's name, e.g. `CN=R11, O=Let's Encrypt, C=US`.
    pub issuer: String,
    /// The issuer's organization (`O=`), when it has one.
    pub issuer_organization: Option<String>,
    /// The subject's name, e.g. `CN=auth.example.com`.
    pub subject: String,
    /// The end of its validity (`notAfter`).
    pub not_after: DateTime<Utc>,
}

impl Certificate {
    /// Whole days from `now` until it expires; negative once expired.
    #[must_use]
    pub fn days_left(&self, now: DateTime<Utc>) -> i64 {
        (self.not_after - now).num_days()
    }

    /// Whether Let's Encrypt issued it: its organization, as on every Let's Encrypt
    /// intermediate (`O=Let's Encrypt`).
    #[must_use]
    pub fn is_lets_encrypt(&self) -> bool {
        self.issuer_organization
            .as_deref()
            .is_some_and(|o| o.trim().eq_ignore_ascii_case("let's encrypt"))
    }
}

/// Why a certificate could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unreadable certificate: {0}")]
pub struct CertificateError(&'static str);

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const OID: u8 = 0x06;
const VERSION: u8 = 0xA0;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const BMP_STRING: u8 = 0x1E;

/// Attribute types shown in names (id-at, RFC 5280 appendix A), with their short names.
const ATTRIBUTES: &[(&[u8], &str)] = &[
    (&[0x55, 0x04, 0x03], "CN"),
    (&[0x55, 0x04, 0x0B], "OU"),
    (&[0x55, 0x04, 0x0A], "O"),
    (&[0x55, 0x04, 0x06], "C"),
];
const ORGANIZATION: &[u8] = &[0x55, 0x04, 0x0A];

/// A DER reader over a byte slice.
struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    /// The next tag and its contents.
    fn next(&mut self) -> Result<(u8, &'a [u8]), CertificateError> {
        let bad = CertificateError;
        let (&tag, rest) = self.data.split_first().ok_or(bad("truncated"))?;
        let (&first, rest) = rest.split_first().ok_or(bad("truncated length"))?;
        let (length, rest) = if first < 0x80 {
            (usize::from(first), rest)
        } else {
            let count = usize::from(first & 0x7F);
            if count == 0 || count > 4 || rest.len() < count {
                return Err(bad("bad length"));
            }
            let (bytes, rest) = rest.split_at(count);
            let length = bytes
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            (length, rest)
        };
        if rest.len() < length {
            return Err(bad("truncated contents"));
        }
        let (contents, rest) = rest.split_at(length);
        self.data = rest;
        Ok((tag, contents))
    }

    /// The next element, which must have `tag`.
    fn expect(&mut self, tag: u8, what: &'static str) -> Result<&'a [u8], CertificateError> {
        match self.next()? {
            (found, contents) if found == tag => Ok(contents),
            _ => Err(CertificateError(what)),
        }
    }
}

/// Reads issuer, subject and expiry from a DER-encoded certificate.
pub fn parse(der: &[u8]) -> Result<Certificate, CertificateError> {
    let certificate = Reader { data: der }.expect(SEQUENCE, "not a certificate")?;
    let mut tbs = Reader {
        data: Reader { data: certificate }.expect(SEQUENCE, "no TBSCertificate")?,
    };
    let (mut tag, mut contents) = tbs.next()?;
    if tag == VERSION {
        // The serial number follows the optional version.
        (tag, contents) = tbs.next()?;
    }
    let _serial = (tag == 0x02)
        .then_some(contents)
        .ok_or(CertificateError("no serial number"))?;
    tbs.expect(SEQUENCE, "no signature algorithm")?;
    let issuer = tbs.expect(SEQUENCE, "no issuer")?;
    let mut validity = Reader {
        data: tbs.expect(SEQUENCE, "no validity")?,
    };
    let _not_before = validity.next()?;
    let not_after = time(validity.next()?)?;
    let subject = tbs.expect(SEQUENCE, "no subject")?;
    let (issuer_name, issuer_organization) = name(issuer)?;
    Ok(Certificate {
        issuer: issuer_name,
        issuer_organization,
        subject: name(subject)?.0,
        not_after,
    })
}

/// A name as `CN=…, O=…`, and its organization.
fn name(der: &[u8]) -> Result<(String, Option<String>), CertificateError> {
    let mut parts = Vec::new();
    let mut organization = None;
    let mut rdns = Reader { data: der };
    while !rdns.data.is_empty() {
        let mut set = Reader {
            data: rdns.expect(SET, "bad name")?,
        };
        while !set.data.is_empty() {
            let mut attribute = Reader {
                data: set.expect(SEQUENCE, "bad name attribute")?,
            };
            let oid = attribute.expect(OID, "bad attribute type")?;
            let (tag, value) = attribute.next()?;
            let text = crate::probe::clean(&string(tag, value));
            if oid == ORGANIZATION {
                organization = Some(text.clone());
            }
            if let Some((_, short)) = ATTRIBUTES.iter().find(|(o, _)| *o == oid) {
                parts.push(format!("{short}={text}"));
            }
        }
    }
    Ok((parts.join(", "), organization))
}

/// A directory string: UTF-16 for `BMPString`, else read as UTF-8 (Printable, IA5 and
/// UTF8 strings are all ASCII or UTF-8).
fn string(tag: u8, value: &[u8]) -> String {
    if tag == BMP_STRING {
        let units: Vec<u16> = value
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(value).into_owned()
    }
}

/// `UTCTime` (`YYMMDDHHMMSSZ`, years 1950–2049) or `GeneralizedTime` (`YYYYMMDDHHMMSSZ`).
fn time((tag, value): (u8, &[u8])) -> Result<DateTime<Utc>, CertificateError> {
    let bad = CertificateError("bad time");
    let text = std::str::from_utf8(value).map_err(|_| bad.clone())?;
    let digits = text.strip_suffix('Z').ok_or(bad.clone())?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad);
    }
    let full = match tag {
        UTC_TIME if digits.len() == 12 => {
            let year: u32 = digits[..2].parse().map_err(|_| bad.clone())?;
            let century = if year >= 50 { "19" } else { "20" };
            format!("{century}{digits}")
        }
        GENERALIZED_TIME if digits.len() == 14 => digits.to_owned(),
        _ => return Err(bad),
    };
    NaiveDateTime::parse_from_str(&full, "%Y%m%d%H%M%S")
        .map(|t| t.and_utc())
        .map_err(|_| bad)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn times_in_both_encodings() {
        let utc = time((UTC_TIME, b"491231235959Z")).unwrap();
        assert_eq!(utc.to_rfc3339(), "2049-12-31T23:59:59+00:00");
        let old = time((UTC_TIME, b"500101000000Z")).unwrap();
        assert_eq!(old.to_rfc3339(), "1950-01-01T00:00:00+00:00");
        let general = time((GENERALIZED_TIME, b"20510101000000Z")).unwrap();
        assert_eq!(general.to_rfc3339(), "2051-01-01T00:00:00+00:00");
        assert!(time((UTC_TIME, b"4912312359Z")).is_err());
        assert!(time((UTC_TIME, "49123123595é".as_bytes())).is_err());
    }

    #[test]
    fn truncated_and_empty_input_is_an_error() {
        assert!(parse(&[]).is_err());
        assert!(parse(&[0x30]).is_err());
        assert!(parse(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]).is_err());
        assert!(parse(&[0x30, 0x02, 0x30, 0x00]).is_err());
    }

    proptest! {
        #[test]
        fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn any_bytes_inside_a_certificate_shape_never_panic(
            bytes in prop::collection::vec(any::<u8>(), 0..200),
        ) {
            let mut der = vec![0x30, 0x81, u8::try_from(bytes.len() + 3).unwrap_or(0), 0x30, 0x81];
            der.push(u8::try_from(bytes.len()).unwrap_or(0));
            der.extend(bytes);
            let _ = parse(&der);
        }
    }
}
