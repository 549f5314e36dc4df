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

/// `url` without its query and fragment: the `htu` of a DPoP proof (RFC 9449 section 4.2).
pub fn without_query(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url.get(..end).unwrap_or(url)
}

/// An `http`/`https` URL without query and fragment, normalized for comparison as RFC 9449
/// section 4.3 asks of `htu` (RFC 3986 sections 6.2.2 and 6.2.3): scheme and host in lower
/// case, the default port left out, an empty path as `/`, percent-encoded unreserved
/// characters decoded and other escapes in upper case, dot segments removed. `None` for
/// anything else (another scheme, credentials, a bad escape, no host).
pub fn normalize_http_uri(url: &str) -> Option<String> {
    let url = without_query(url);
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return None,
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (rest.get(..i)?, rest.get(i..)?),
        None => (rest, ""),
    };
    if authority.contains('@') || authority.is_empty() {
        return None;
    }
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority.get(i..)?.contains(']') => {
            (authority.get(..i)?, authority.get(i + 1..)?)
        }
        _ => (authority, ""),
    };
    if host.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = format!("{scheme}://{}", host.to_ascii_lowercase());
    if !port.is_empty() && port != default_port {
        out.push(':');
        out.push_str(port);
    }
    let path = normalize_escapes(path)?;
    out.push_str(&remove_dot_segments(if path.is_empty() {
        "/"
    } else {
        &path
    }));
    Some(out)
}

/// Percent-encoding normalized: unreserved characters decoded, other escapes upper case.
fn normalize_escapes(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = crate::encoding::hex::digit(*bytes.get(i + 1)?)?;
            let lo = crate::encoding::hex::digit(*bytes.get(i + 2)?)?;
            let c = (hi << 4) | lo;
            if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(c));
            } else {
                out.push('%');
                out.push_str(&format!("{c:02X}"));
            }
            i += 3;
        } else {
            out.push(char::from(b));
            i += 1;
        }
    }
    Some(out)
}

/// RFC 3986 section 5.2.4, for an absolute path.
fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let last = parts.len().saturating_sub(1);
    for (i, segment) in parts.iter().enumerate() {
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    segments.pop();
                }
                if i == last {
                    segments.push("");
                }
            }
            s => segments.push(s),
        }
    }
    format!("/{}", segments.join("/"))
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
    fn http_uris_normalize_for_comparison() {
        for (a, b) in [
            (
                "https://server.example.com/token",
                "https://server.example.com/token",
            ),
            (
                "HTTPS://Server.Example.COM:443/token?x=1#f",
                "https://server.example.com/token",
            ),
            ("http://127.0.0.1:80", "http://127.0.0.1/"),
            ("https://h:8443/a/./b/../c", "https://h:8443/a/c"),
            ("https://h/%7euser/%2f%41", "https://h/~user/%2FA"),
            ("https://[::1]:443/x", "https://[::1]/x"),
            ("https://h/a/..", "https://h/"),
        ] {
            assert_eq!(normalize_http_uri(a).as_deref(), Some(b), "{a}");
        }
        for bad in [
            "ftp://h/x",
            "https://u@h/x",
            "https:///x",
            "https://h/%zz",
            "https://h:x/",
            "h/x",
        ] {
            assert_eq!(normalize_http_uri(bad), None, "{bad}");
        }
        assert_eq!(without_query("https://h/p?q#f"), "https://h/p");
        assert_eq!(without_query("https://h/p#f?q"), "https://h/p");
    }

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
