//! Untrusted DPoP proofs: verification must never panic.
#![no_main]

use healthauth::jose::{self, DpopVerifyOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut dpop = DpopVerifyOptions::new("POST", "https://as.example/token", 1_800_000_000);
    let _ = jose::verify_dpop_proof(&text, &dpop);
    dpop.nonce = Some("n".into());
    let _ = jose::verify_dpop_proof(&text, &dpop);
});
