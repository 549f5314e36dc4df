//! URLs: checks on endpoint URLs (absolute, `https` or `http` on a loopback host for tests and
//! native apps, RFC 8252 §7.3, no fragment, no whitespace or control characters), and the query
//! of a URL a provider redirected to. A leaf: it depends on no protocol module.

use crate::error::{Error, Result};

/// The query string of `url` (without `?` and any fragment), or `url` itself when it is a bare
/// query string (no `://`); empty for an absolute URL without a query.
pub fn query(url: &str) -> &str {
    let url = url.split('#').next().unwrap_or_default();
    match url.split_once('?') {
        Some((_, query)) => query,
        None if url.contains("://") => "",
        None => url,
    }
}

/// Checks that `url` can be an OAuth endpoint; `name` is the option name used in the error.
pub fn validate_endpoint(url: &str, name: &'static str) -> Result<()> {
    let invalid = |reason| Error::UrlInvalid { name, reason };
    if url.is_empty() {
        return Err(invalid("it is empty"));
    }
    if url.len() > 4096 {
        return Err(invalid("it is longer than 4096 characters"));
    }
    if url.bytes().any(|b| b <= b' ' || b == 0x7f || b >= 0x80) {
        return Err(invalid(
            "it contains whitespace, control or non-ASCII characters (percent-encode them)",
        ));
    }
    if url.contains('#') {
        return Err(invalid(
            "it has a fragment (#), which RFC 6749 §3.1 forbids for endpoints",
        ));
    }
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| invalid("it is not an absolute URL (https://host/path)"))?;
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(invalid("it carries credentials (user@host)"));
    }
    let host = host_of(authority);
    if host.is_empty() {
        return Err(invalid("it has no host"));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if is_loopback(host) => Ok(()),
        "http" => Err(invalid(
            "plain http is only allowed on a loopback host (127.0.0.1, [::1], localhost); use https",
        )),
        _ => Err(invalid("its scheme is not https")),
    }
}

/// The host part of an authority (`host`, `host:port`, `[v6]:port`).
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        for ok in [
            "https://auth.telesoft.us/oauth/token",
            "https://api.redoxengine.com/v2/auth/token",
            "https://h:8443/p?tenant=a",
            "http://127.0.0.1:3000/token",
            "http://localhost/x",
            "http://[::1]:80/x",
            "HTTPS://EXAMPLE.COM",
        ] {
            assert!(validate_endpoint(ok, "u").is_ok(), "{ok}");
        }
        for bad in [
            "",
            "auth.example.com/token",
            "http://example.com/token",
            "ftp://example.com",
            "https://",
            "https:///path",
            "https://a b/",
            "https://example.com/#frag",
            "https://user:pw@example.com/",
            "https://exämple.com/",
            "javascript://x",
            "http://127.0.0.1.evil.com/",
        ] {
            assert_eq!(
                validate_endpoint(bad, "u").unwrap_err().code(),
                "ERR_URL_INVALID",
                "{bad}"
            );
        }
    }
}
