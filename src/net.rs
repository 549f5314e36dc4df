//! IPv4/IPv6 CIDR allowlists (Telesoft's `allowed_ips`), with strict parsing.
//!
//! ```
//! use healthauth::net;
//!
//! let allowed = ["203.0.113.0/24", "198.51.100.42", "2001:db8::/32"];
//! assert!(net::ip_allowed("203.0.113.7", &allowed)?);
//! assert!(!net::ip_allowed("203.0.114.7", &allowed)?);
//! assert!(net::ip_allowed("2001:db8:1::1", &allowed)?);
//! # Ok::<(), healthauth::Error>(())
//! ```

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::{Error, Result};

/// A network: an address and a prefix length, with no host bits set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Parses `address/prefix` or a bare address (a single host); `index` is the entry's
    /// position, reported in the error.
    pub fn parse(entry: &str, index: usize) -> Result<Self> {
        let invalid = |reason| Error::CidrInvalid { index, reason };
        let (address, prefix) = match entry.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (entry, None),
        };
        let network = parse_ip(address)
            .map_err(|_| invalid("the address is not a strict IPv4 or IPv6 address"))?;
        let max: u8 = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => {
                if p.is_empty()
                    || p.len() > 3
                    || !p.bytes().all(|b| b.is_ascii_digit())
                    || (p.len() > 1 && p.starts_with('0'))
                {
                    return Err(invalid("the prefix length is not a decimal number"));
                }
                match p.parse::<u8>() {
                    Ok(n) if n <= max => n,
                    _ => {
                        return Err(invalid(
                            "the prefix length is too long for the address family",
                        ))
                    }
                }
            }
        };
        if mask(network, prefix) != network {
            return Err(invalid(
                "the address has bits set after the prefix (write the network address, e.g. 203.0.113.0/24)",
            ));
        }
        Ok(Cidr { network, prefix })
    }

    /// Whether `ip` is inside this network. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`)
    /// matches IPv4 networks.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        ip.is_ipv4() == self.network.is_ipv4() && mask(ip, self.prefix) == self.network
    }
}

fn mask(ip: IpAddr, prefix: u8) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            let m = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4(Ipv4Addr::from(bits & m))
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            let m = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(bits & m))
        }
    }
}

/// Parses an IP address strictly: IPv4 as four decimal octets without leading zeros (no
/// octal, hex or shortened forms), IPv6 in RFC 4291 text form without a zone (`%eth0`).
pub fn parse_ip(text: &str) -> Result<IpAddr> {
    if text.len() > 45 {
        return Err(Error::IpInvalid);
    }
    if text.contains(':') {
        return text
            .parse::<Ipv6Addr>()
            .map(IpAddr::V6)
            .map_err(|_| Error::IpInvalid);
    }
    let octets: Vec<&str> = text.split('.').collect();
    if octets.len() != 4 {
        return Err(Error::IpInvalid);
    }
    let mut bytes = [0u8; 4];
    for (slot, octet) in bytes.iter_mut().zip(&octets) {
        if octet.is_empty()
            || octet.len() > 3
            || !octet.bytes().all(|b| b.is_ascii_digit())
            || (octet.len() > 1 && octet.starts_with('0'))
        {
            return Err(Error::IpInvalid);
        }
        *slot = octet.parse::<u8>().map_err(|_| Error::IpInvalid)?;
    }
    Ok(IpAddr::V4(Ipv4Addr::from(bytes)))
}

/// Whether `ip` falls inside any of `cidrs` (entries `address/prefix` or bare addresses).
///
/// Every entry is checked, so a typo anywhere in the list is reported
/// ([`Error::CidrInvalid`] with its position) rather than silently never matching; an invalid
/// `ip` is [`Error::IpInvalid`]. An empty list allows nothing.
pub fn ip_allowed<S: AsRef<str>>(ip: &str, cidrs: &[S]) -> Result<bool> {
    let ip = parse_ip(ip)?;
    let mut allowed = false;
    for (index, entry) in cidrs.iter().enumerate() {
        allowed |= Cidr::parse(entry.as_ref(), index)?.contains(ip);
    }
    Ok(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &[&str] = &["203.0.113.0/24", "198.51.100.42"];

    #[test]
    fn seed_allowlist() {
        for (ip, expected) in [
            ("203.0.113.0", true),
            ("203.0.113.255", true),
            ("198.51.100.42", true),
            ("198.51.100.43", false),
            ("203.0.112.255", false),
            ("::ffff:203.0.113.9", true),
            ("2001:db8::1", false),
            ("0.0.0.0", false),
        ] {
            assert_eq!(ip_allowed(ip, SEED).unwrap(), expected, "{ip}");
        }
    }

    #[test]
    fn ipv6_and_edges() {
        let list = ["2001:db8::/32", "::1", "0.0.0.0/0"];
        assert!(ip_allowed("2001:db8:ffff::1", &list).unwrap());
        assert!(ip_allowed("::1", &list).unwrap());
        assert!(!ip_allowed("2001:db9::1", &list).unwrap());
        assert!(ip_allowed("8.8.8.8", &list).unwrap());
        assert!(ip_allowed("2001:db8::1", &["::/0"]).unwrap());
        assert!(!ip_allowed("1.2.3.4", &[] as &[&str]).unwrap());
        assert!(ip_allowed("1.2.3.4", &["1.2.3.4/32"]).unwrap());
        assert!(ip_allowed("1.2.3.5", &["1.2.3.4/31"]).unwrap());
    }

    #[test]
    fn strict_ips() {
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "1.2.3.256",
            "1.2.3.-1",
            "0x1.2.3.4",
            " 1.2.3.4",
            "1.2.3.4 ",
            "1..3.4",
            "1.2.3.4/32",
            "fe80::1%eth0",
            ":::",
            "2001:db8::g",
            "localhost",
            "١.2.3.4",
        ] {
            assert_eq!(
                ip_allowed(bad, SEED).unwrap_err(),
                Error::IpInvalid,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn strict_cidrs() {
        for (bad, index) in [
            (vec!["203.0.113.1/24"], 0),
            (vec!["10.0.0.0/8", "1.2.3.4/33"], 1),
            (vec!["1.2.3.4/"], 0),
            (vec!["1.2.3.4/08"], 0),
            (vec!["1.2.3.4/+8"], 0),
            (vec!["1.2.3.0/24/1"], 0),
            (vec!["2001:db8::/129"], 0),
            (vec!["2001:db8::1/32"], 0),
            (vec!["x/24"], 0),
            (vec!["1.2.3.0 /24"], 0),
            (vec!["1.2.3.4", "1.2.3.4", ""], 2),
        ] {
            let e = ip_allowed("9.9.9.9", &bad).unwrap_err();
            assert_eq!(e.code(), "ERR_CIDR_INVALID", "{bad:?}");
            assert!(
                matches!(e, Error::CidrInvalid { index: i, .. } if i == index),
                "{bad:?}"
            );
        }
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics(ip in any::<String>(), cidr in any::<String>()) {
                let _ = ip_allowed(&ip, &[cidr]);
            }

            #[test]
            fn v4_matches_bit_arithmetic(a in any::<u32>(), n in any::<u32>(), p in 0u8..=32) {
                let m = if p == 0 { 0 } else { u32::MAX << (32 - p) };
                let net = Ipv4Addr::from(n & m);
                let cidr = format!("{net}/{p}");
                let ip = Ipv4Addr::from(a).to_string();
                prop_assert_eq!(ip_allowed(&ip, &[cidr]).unwrap(), a & m == n & m);
            }
        }
    }
}
