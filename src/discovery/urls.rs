//! Which well-known URLs to fetch for a FHIR base, an issuer, or a well-known URL itself.

use super::{
    parse_authorization_server_metadata_with_limit, parse_openid_configuration_with_limit,
    parse_smart_configuration_with_limit, Metadata, MetadataKind,
};
use crate::error::{Error, Result};
use crate::url::validate_endpoint;

/// One URL to fetch during discovery, with what its document is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryUrl {
    /// The document it serves.
    pub kind: MetadataKind,
    /// The URL to fetch (GET, `accept: application/json`).
    pub url: String,
    /// For OpenID Connect and RFC 8414: the issuer the document must name.
    pub issuer: Option<String>,
    /// For SMART: the FHIR base the configuration belongs to.
    pub fhir_base_url: Option<String>,
}

impl DiscoveryUrl {
    /// Parses the document fetched from this URL with the parser of its kind and what it is
    /// checked against ([`super::parse_smart_configuration`], [`super::parse_openid_configuration`],
    /// [`super::parse_authorization_server_metadata`]).
    pub fn parse(&self, json: &str) -> Result<Metadata> {
        self.parse_with_limit(json, crate::limits::RESPONSE_BYTES)
    }

    /// [`DiscoveryUrl::parse`] with a size cap of `max_bytes` on the document.
    pub fn parse_with_limit(&self, json: &str, max_bytes: usize) -> Result<Metadata> {
        let issuer = self.issuer.as_deref().unwrap_or_default();
        match self.kind {
            MetadataKind::Smart => {
                parse_smart_configuration_with_limit(json, self.fhir_base_url.as_deref(), max_bytes)
            }
            MetadataKind::OpenId => parse_openid_configuration_with_limit(json, issuer, max_bytes),
            MetadataKind::OAuth => {
                parse_authorization_server_metadata_with_limit(json, issuer, max_bytes)
            }
        }
    }
}

const WELL_KNOWN: &str = "/.well-known/";

/// Splits `https://host:port/path` into the origin and the path (empty or starting with `/`).
fn split_origin(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path_start = url
        .get(after_scheme..)
        .and_then(|rest| rest.find('/'))
        .map_or(url.len(), |i| after_scheme + i);
    (
        url.get(..path_start).unwrap_or(url),
        url.get(path_start..).unwrap_or_default(),
    )
}

fn candidate(kind: MetadataKind, url: String, base: &str) -> DiscoveryUrl {
    let (issuer, fhir_base_url) = match kind {
        MetadataKind::Smart => (None, Some(base.to_owned())),
        _ => (Some(base.to_owned()), None),
    };
    DiscoveryUrl {
        kind,
        url,
        issuer,
        fhir_base_url,
    }
}

/// The URLs to try, in order, to discover the server of `url`: a FHIR base, an issuer, or
/// a well-known URL itself.
///
/// For a base (a trailing `/` is dropped to build the URLs, and kept in the issuer the
/// documents are checked against, which must be identical):
///
/// 1. `{base}/.well-known/smart-configuration` (SMART App Launch v2 section 2.1.2);
/// 2. `{base}/.well-known/openid-configuration` (OpenID Connect Discovery section 4);
/// 3. `{origin}/.well-known/oauth-authorization-server{path}` (RFC 8414 section 3.1, the
///    well-known part inserted before the path);
/// 4. for a base with a path, `{base}/.well-known/oauth-authorization-server` too (the form
///    many servers use).
///
/// For a URL with `/.well-known/smart-configuration`, `openid-configuration` or
/// `oauth-authorization-server`, that URL alone, with the base or issuer it implies.
///
/// A URL that is not `https` (or `http` on loopback), or that has a query, is
/// [`Error::UrlInvalid`].
///
/// ```
/// use healthauth::discovery::{discovery_urls, MetadataKind};
///
/// let urls = discovery_urls("https://as.example.com/tenant-1")?;
/// let urls: Vec<&str> = urls.iter().map(|c| c.url.as_str()).collect();
/// assert_eq!(urls, [
///     "https://as.example.com/tenant-1/.well-known/smart-configuration",
///     "https://as.example.com/tenant-1/.well-known/openid-configuration",
///     "https://as.example.com/.well-known/oauth-authorization-server/tenant-1",
///     "https://as.example.com/tenant-1/.well-known/oauth-authorization-server",
/// ]);
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn discovery_urls(url: &str) -> Result<Vec<DiscoveryUrl>> {
    validate_endpoint(url, "url")?;
    if url.contains('?') {
        return Err(Error::UrlInvalid {
            name: "url",
            reason: "a FHIR base, issuer or well-known URL has no query",
        });
    }
    if let Some(at) = url.find(WELL_KNOWN) {
        let prefix = url.get(..at).unwrap_or_default();
        let rest = url.get(at + WELL_KNOWN.len()..).unwrap_or_default();
        for kind in [MetadataKind::Smart, MetadataKind::OpenId] {
            if rest == kind.well_known() {
                return Ok(vec![candidate(kind, url.to_owned(), prefix)]);
            }
        }
        let oauth = MetadataKind::OAuth.well_known();
        if let Some(path) = rest.strip_prefix(oauth) {
            let (origin, prefix_path) = split_origin(prefix);
            // RFC 8414's form puts the issuer's path after the well-known name; the appended
            // form has it before.
            let issuer = match (prefix_path.is_empty(), path) {
                (true, path) if path.is_empty() || path.starts_with('/') => {
                    format!("{origin}{path}")
                }
                (false, "") => prefix.to_owned(),
                _ => {
                    return Err(Error::UrlInvalid {
                        name: "url",
                        reason: "an oauth-authorization-server URL has the issuer's path either after the well-known name or before it, not both",
                    })
                }
            };
            return Ok(vec![candidate(
                MetadataKind::OAuth,
                url.to_owned(),
                &issuer,
            )]);
        }
        return Err(Error::UrlInvalid {
            name: "url",
            reason: "a well-known URL other than smart-configuration, openid-configuration or oauth-authorization-server",
        });
    }
    let base = url.trim_end_matches('/');
    let (origin, path) = split_origin(base);
    let mut urls = vec![
        candidate(
            MetadataKind::Smart,
            format!("{base}/.well-known/smart-configuration"),
            url,
        ),
        candidate(
            MetadataKind::OpenId,
            format!("{base}/.well-known/openid-configuration"),
            url,
        ),
        candidate(
            MetadataKind::OAuth,
            format!("{origin}/.well-known/oauth-authorization-server{path}"),
            url,
        ),
    ];
    if !path.is_empty() {
        urls.push(candidate(
            MetadataKind::OAuth,
            format!("{base}/.well-known/oauth-authorization-server"),
            url,
        ));
    }
    Ok(urls)
}
