"""Writes tests/cases/dpop.json. The RFC 9449 vectors are the example proof of section 4.1
(Figure 3), the thumbprint of its key (section 6.1) and the ath of section 7.1. Other proofs
are signed with Python cryptography (gen/josepy.py: deterministic ECDSA per RFC 6979 with a
fixed P-256 key, and Ed25519 with the RFC 8037 key), with the header and claims serialized as
healthauth serializes them (sorted members, no spaces), so that dpopProof's output can be
compared byte for byte."""
import json
from josepy import *

RFC = "RFC 9449 section 4.1 (Figure 3), section 6.1 (jkt)"
RFC_PROOF = ("eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6Ik"
    "VDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCR"
    "nMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JE"
    "QSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIj"
    "oiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwia"
    "WF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg"
    "4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg")
RFC_JKT = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
RFC_KEY = {"kty": "EC", "x": "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs", "y": "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA", "crv": "P-256"}
IAT = 1562262616
TOKEN = "https://server.example.com/token"
RS_URL = "https://resource.example.org/protectedresource"
RS_TOKEN = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
RS_ATH = "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
assert thumbprint(RFC_KEY) == RFC_JKT

cases = []
def case(op, name, input, expect, source):
    cases.append({"name": name, "source": source, "op": op, "input": input, "expect": expect})

case("thumbprint", "RFC 9449 6.1: the jkt of the example key", {"key": {"jwk": RFC_KEY}}, {"ok": RFC_JKT}, "RFC 9449 section 6.1")

V = "verifyDpopProof"
base = {"proof": RFC_PROOF, "htm": "POST", "htu": TOKEN, "now": IAT + 5}
case(V, "RFC 9449 example proof at the token endpoint", base, {"ok": {"jkt": RFC_JKT, "jti": "-BwC3ESc6acc2lTc", "iat": IAT}}, RFC)
case(V, "bound to the example key's jkt", dict(base, jkt=RFC_JKT), {"ok": {"jkt": RFC_JKT}}, RFC)
case(V, "bound to another jkt", dict(base, jkt="6uyPngx8VQTMa0-lbxmwdfjd-2pZsMBbjwtmrfyYt4s"), {"error": "ERR_DPOP_PROOF_INVALID"}, RFC + ", section 7.1 (the key must be the bound one)")
for name, change, code, src in [
    ("another method", {"htm": "GET"}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 8"),
    ("methods are case-sensitive", {"htm": "post"}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 8, RFC 9110 section 9.1"),
    ("another URL", {"htu": "https://server.example.com/par"}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 9"),
    ("another host", {"htu": "https://server.example.net/token"}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 9"),
    ("stale: iat 301 s old (300 s allowed)", {"now": IAT + 301}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 11, section 11.1"),
    ("stale under a shorter maximum age", {"now": IAT + 31, "maxAgeSeconds": 30}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 11"),
    ("iat in the future beyond 60 s", {"now": IAT - 61}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 11"),
    ("iat in the future beyond a smaller leeway", {"now": IAT - 2, "leewaySeconds": 1}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 11"),
    ("the server requires a nonce", {"nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v"}, "ERR_DPOP_NONCE_INVALID", "RFC 9449 section 8"),
    ("an access token the proof has no ath for", {"accessToken": RS_TOKEN}, "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 12"),
    ("ES256 outside the allowed algorithms", {"algorithms": ["EdDSA", "PS256"]}, "ERR_JWT_ALG_NOT_ALLOWED", "RFC 9449 section 5.1 (dpop_signing_alg_values_supported)"),
]:
    case(V, f"RFC example refused: {name}", dict(base, **change), {"error": code}, src)
for name, htu in [("scheme and host case, default port", "HTTPS://Server.Example.COM:443/token"),
                  ("query and fragment ignored", "https://server.example.com/token?client=1#x"),
                  ("dot segments", "https://server.example.com/a/../token")]:
    case(V, f"RFC example accepted: {name}", dict(base, htu=htu), {"ok": {"jkt": RFC_JKT}}, "RFC 9449 section 4.3 item 9 (RFC 3986 sections 6.2.2, 6.2.3)")
case(V, "RFC example at the edge of the 300 s window", dict(base, now=IAT + 300), {"ok": {"iat": IAT}}, RFC)
tampered = RFC_PROOF[:-2] + ("AA" if RFC_PROOF[-2:] != "AA" else "BA")
case(V, "RFC example with a changed signature", dict(base, proof=tampered), {"error": "ERR_JWT_SIGNATURE_INVALID"}, RFC)

# Proofs signed by Python cryptography.
NOW = 1700000000
def proof(alg, jwk, claims, typ="dpop+jwt", extra_header=None):
    header = {"alg": alg, "jwk": jwk, "typ": typ}
    header.update(extra_header or {})
    return sign(alg, header, claims)

good_rs = {"ath": RS_ATH, "htm": "GET", "htu": RS_URL, "iat": NOW, "jti": "e1j3V_bKic8-LAEB"}
rs_in = {"htm": "GET", "htu": RS_URL + "?patient=123", "accessToken": RS_TOKEN, "now": NOW}
p_es = proof("ES256", P256_PUBLIC, good_rs)
case(V, "ES256 proof at a resource server, with ath", dict(rs_in, proof=p_es),
     {"ok": {"jkt": thumbprint(P256_PUBLIC), "jti": "e1j3V_bKic8-LAEB", "iat": NOW}}, "RFC 9449 section 7.1 (ath of its example token); signed with Python cryptography")
p_ed = proof("EdDSA", ED_PUBLIC, dict(good_rs, nonce="eyJ7S_zG.eyJH0-Z.HX4w-7v"))
case(V, "EdDSA proof with the server's nonce", dict(rs_in, proof=p_ed, nonce="eyJ7S_zG.eyJH0-Z.HX4w-7v"),
     {"ok": {"jkt": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"}}, "RFC 9449 section 8; RFC 8037 A.3 (the key's thumbprint)")
case(V, "EdDSA proof with a previous nonce", dict(rs_in, proof=p_ed, nonce="eyJ7S_zG.eyJbYu3.xQmBj-1"),
     {"error": "ERR_DPOP_NONCE_INVALID"}, "RFC 9449 section 8")
case(V, "ES256 proof sent with another access token", dict(rs_in, proof=p_es, accessToken="another-token"),
     {"error": "ERR_DPOP_PROOF_INVALID"}, "RFC 9449 section 4.3 item 12")
for name, token, code, src in [
    ("typ JWT", proof("ES256", P256_PUBLIC, good_rs, typ="JWT"), "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 4"),
    ("a private key in the jwk header", proof("ES256", P256_PRIVATE, good_rs), "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 7"),
    ("no jwk header", sign("ES256", {"alg": "ES256", "typ": "dpop+jwt"}, good_rs), "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 3"),
    ("no jti", proof("ES256", P256_PUBLIC, {k: v for k, v in good_rs.items() if k != "jti"}), "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 3"),
    ("no htm", proof("ES256", P256_PUBLIC, {k: v for k, v in good_rs.items() if k != "htm"}), "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 3"),
    ("no iat", proof("ES256", P256_PUBLIC, {k: v for k, v in good_rs.items() if k != "iat"}), "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 3"),
    ("the jwk header is another key than the signer's", proof("ES256", RFC_KEY, good_rs), "ERR_JWT_SIGNATURE_INVALID", "RFC 9449 section 4.3 item 6"),
    ("an HS256 proof", b64u(compact_json({"alg": "HS256", "jwk": {"kty": "oct", "k": "c2VjcmV0"}, "typ": "dpop+jwt"})) + "." + b64u(compact_json(good_rs)) + ".c2ln", "ERR_DPOP_PROOF_INVALID", "RFC 9449 section 4.3 item 5 (no symmetric algorithms)"),
    ("alg none", b64u(compact_json({"alg": "none", "jwk": P256_PUBLIC, "typ": "dpop+jwt"})) + "." + b64u(compact_json(good_rs)) + ".", "ERR_JWT_ALG_NOT_ALLOWED", "RFC 9449 section 4.3 item 5"),
]:
    case(V, f"refused: {name}", dict(rs_in, proof=token), {"error": code}, src)

# dpopProof: exact tokens (deterministic ECDSA and Ed25519).
P = "dpopProof"
SRCP = "RFC 9449 section 4.2; expected token signed independently with Python cryptography"
claims = {"htm": "POST", "htu": TOKEN, "iat": IAT, "jti": "-BwC3ESc6acc2lTc"}
case(P, "ES256 proof for the token endpoint (the RFC example's claims, with a fixed key)",
     {"key": {"jwk": P256_PRIVATE}, "htm": "POST", "htu": TOKEN, "now": IAT, "jti": "-BwC3ESc6acc2lTc"},
     {"ok": proof("ES256", P256_PUBLIC, claims)}, SRCP + " (deterministic ECDSA, RFC 6979)")
case(P, "query and fragment are left out of htu",
     {"key": {"jwk": P256_PRIVATE}, "htm": "POST", "htu": TOKEN + "?a=b#c", "now": IAT, "jti": "-BwC3ESc6acc2lTc"},
     {"ok": proof("ES256", P256_PUBLIC, claims)}, SRCP)
rs_claims = {"ath": RS_ATH, "htm": "GET", "htu": RS_URL, "iat": NOW, "jti": "e1j3V_bKic8-LAEB", "nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v"}
case(P, "EdDSA proof for a resource request: ath and nonce",
     {"key": {"jwk": ED_PRIVATE}, "htm": "GET", "htu": RS_URL, "accessToken": RS_TOKEN, "nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v",
      "now": NOW, "jti": "e1j3V_bKic8-LAEB"},
     {"ok": proof("EdDSA", ED_PUBLIC, rs_claims)}, SRCP + " (Ed25519); ath from RFC 9449 section 7.1")
case(P, "the key's kid stays out of the proof (the jwk identifies it)",
     {"key": {"jwk": ED_PRIVATE, "kid": "my-key"}, "htm": "GET", "htu": RS_URL, "accessToken": RS_TOKEN, "nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v",
      "now": NOW, "jti": "e1j3V_bKic8-LAEB"},
     {"ok": proof("EdDSA", ED_PUBLIC, rs_claims)}, SRCP)
for name, change, code in [
    ("an HMAC key has no public form", {"key": {"secret": "a-32-byte-secret-for-hs256-tests", "alg": "HS256"}}, "ERR_KEY_SYMMETRIC"),
    ("htu over plain http", {"htu": "http://server.example.com/token"}, "ERR_URL_INVALID"),
    ("htm empty", {"htm": ""}, "ERR_INVALID_ARGUMENT"),
    ("a nonce with a space", {"nonce": "a b"}, "ERR_INVALID_ARGUMENT"),
]:
    inp = dict({"key": {"jwk": P256_PRIVATE}, "htm": "POST", "htu": TOKEN, "now": IAT, "jti": "j"}, **change)
    case(P, f"refused: {name}", inp, {"error": code}, "RFC 9449 section 4.2")

with open(__file__.replace("gen/dpop.py", "dpop.json"), "w") as f:
    json.dump({"topic": "dpop", "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases))
