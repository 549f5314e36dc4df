//! Untrusted IP addresses and CIDR allow-lists: parsing and matching must never panic.
//! Input: the IP, then one CIDR per line.
#![no_main]

use healthauth::net;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\n');
    let ip = parts.next().unwrap_or_default();
    let cidrs: Vec<&str> = parts.collect();
    let _ = net::parse_ip(ip);
    let _ = net::ip_allowed(ip, &cidrs);
    for (index, entry) in cidrs.iter().enumerate() {
        let _ = net::Cidr::parse(entry, index);
    }
});
