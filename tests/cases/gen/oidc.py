"""Writes tests/cases/oidc.json: ID tokens signed by Python cryptography (gen/josepy.py,
deterministic Ed25519 with the RFC 8037 key and deterministic ECDSA per RFC 6979), checked
under OpenID Connect Core 1.0 section 3.1.3.7 by hand. at_hash values are computed with
Python hashlib (section 3.1.3.6)."""
import json
from josepy import *

SRC = "OpenID Connect Core 1.0 section 3.1.3.7; token signed with Python cryptography"
NOW = 1700000000
ISS = "https://ehr.example.com"
ACCESS = "jHkWEdUXMU1BwAsC4vtUsZwnNsRWOKcbnGjtp1BZGao"
base_claims = {"iss": ISS, "sub": "f:0b2b:user-17", "aud": "growth-chart", "iat": NOW - 10, "exp": NOW + 290,
               "nonce": "n-0S6_WzA2Mj", "auth_time": NOW - 60, "fhirUser": "https://ehr.example.com/fhir/Practitioner/123"}
cases = []
def case(name, input, expect, source=SRC):
    cases.append({"name": name, "source": source, "op": "verifyIdToken", "input": input, "expect": expect})

def token(alg="EdDSA", kid="ed-1", **changes):
    claims = dict(base_claims)
    for k, v in changes.items():
        if v is None:
            claims.pop(k, None)
        else:
            claims[k] = v
    header = {"alg": alg, "kid": kid, "typ": "JWT"}
    return sign(alg, header, claims), header, claims

JWKS = {"keys": [dict(ED_PUBLIC, kid="ed-1", use="sig"), dict(P256_PUBLIC, kid="ec-1", use="sig")]}
KEY = {"jwks": JWKS}
opts = {"issuer": ISS, "clientId": "growth-chart", "nonce": "n-0S6_WzA2Mj", "now": NOW}

t, h, c = token()
case("EdDSA ID token from a JWKS, with nonce and fhirUser", dict(opts, token=t, key=KEY),
     {"ok": {"header": h, "claims": c, "subject": "f:0b2b:user-17", "fhirUser": "https://ehr.example.com/fhir/Practitioner/123"}})
t2, h2, c2 = token("ES256", "ec-1", at_hash=left_half("ES256", ACCESS))
case("ES256 ID token with at_hash of the access token", dict(opts, token=t2, key=KEY, accessToken=ACCESS),
     {"ok": {"claims": c2, "subject": "f:0b2b:user-17"}}, SRC + " and 3.1.3.8 (at_hash, SHA-256 left half by Python hashlib)")
t3, h3, c3 = token(at_hash=left_half("EdDSA", ACCESS))
case("EdDSA at_hash is the left half of SHA-512", dict(opts, token=t3, key=KEY, accessToken=ACCESS),
     {"ok": {"claims": c3}}, SRC + " (Ed25519 signs with SHA-512, so at_hash uses SHA-512)")
case("at_hash of another access token", dict(opts, token=t2, key=KEY, accessToken="another-access-token"),
     {"error": "ERR_JWT_CLAIM_INVALID"}, SRC + " and 3.1.3.8")
case("no at_hash with an access token: optional in the code flow", dict(opts, token=t, key=KEY, accessToken=ACCESS),
     {"ok": {"subject": "f:0b2b:user-17"}}, "OpenID Connect Core 1.0 section 3.1.3.6 (at_hash is optional in the code flow)")
case("wrong nonce", dict(opts, token=t, key=KEY, nonce="n-0S6_WzA2Mk"), {"error": "ERR_JWT_CLAIM_INVALID"})
tn, _, _ = token(nonce=None)
case("nonce sent, none in the token", dict(opts, token=tn, key=KEY), {"error": "ERR_JWT_CLAIM_INVALID"})
o = {k: v for k, v in opts.items() if k != "nonce"}
case("no nonce expected: the token's is not checked", dict(o, token=t, key=KEY), {"ok": {"subject": "f:0b2b:user-17"}})
case("wrong audience (another client)", dict(opts, token=t, key=KEY, clientId="other-app"), {"error": "ERR_JWT_CLAIM_INVALID"})
case("wrong issuer", dict(opts, token=t, key=KEY, issuer="https://evil.example.com"), {"error": "ERR_JWT_CLAIM_INVALID"})
ta, _, _ = token(aud=["growth-chart", "https://ehr.example.com/fhir"])
case("several audiences without azp", dict(opts, token=ta, key=KEY), {"error": "ERR_JWT_CLAIM_INVALID"})
tb, _, cb = token(aud=["growth-chart", "https://ehr.example.com/fhir"], azp="growth-chart")
case("several audiences with azp = client", dict(opts, token=tb, key=KEY), {"ok": {"claims": cb}})
tc, _, _ = token(azp="another-client")
case("azp naming another client", dict(opts, token=tc, key=KEY), {"error": "ERR_JWT_CLAIM_INVALID"})
case("expired (exp past)", dict(opts, token=t, key=KEY, now=NOW + 290), {"error": "ERR_JWT_EXPIRED"})
case("expired, within the leeway", dict(opts, token=t, key=KEY, now=NOW + 290, leewaySeconds=5), {"ok": {"subject": "f:0b2b:user-17"}})
tf, _, _ = token(iat=NOW + 60, exp=NOW + 600)
case("issued in the future", dict(opts, token=tf, key=KEY), {"error": "ERR_JWT_NOT_YET_VALID"})
ti, _, _ = token(iat=None)
case("no iat", dict(opts, token=ti, key=KEY), {"error": "ERR_JWT_CLAIM_INVALID"})
ts, _, _ = token(sub=None)
case("no sub", dict(opts, token=ts, key=KEY), {"error": "ERR_JWT_CLAIM_INVALID"})
case("auth_time within max_age", dict(opts, token=t, key=KEY, maxAgeSeconds=60), {"ok": {"subject": "f:0b2b:user-17"}})
case("auth_time older than max_age", dict(opts, token=t, key=KEY, maxAgeSeconds=59), {"error": "ERR_JWT_EXPIRED"}, SRC + " (max_age and auth_time)")
tx, _, _ = token(auth_time=None)
case("max_age without auth_time", dict(opts, token=tx, key=KEY, maxAgeSeconds=3600), {"error": "ERR_JWT_CLAIM_INVALID"})
case("signed by another key (kid ed-1 names the Ed25519 key, signature by the P-256 key)",
     dict(opts, token=t.split(".")[0] + "." + t.split(".")[1] + "." + t2.split(".")[2], key=KEY), {"error": "ERR_JWT_SIGNATURE_INVALID"})
tk, _, _ = token(kid="rotated-away")
case("a kid the JWKS does not have", dict(opts, token=tk, key=KEY), {"error": "ERR_JWT_KEY_NOT_FOUND"})
case("ES256 not in the allowed algorithms", dict(opts, token=t2, key=KEY, algorithms=["RS256", "EdDSA"]), {"error": "ERR_JWT_ALG_NOT_ALLOWED"})
case("one JWK instead of a set", dict(opts, token=t, key={"jwk": ED_PUBLIC}), {"ok": {"subject": "f:0b2b:user-17"}})
none = b64u(compact_json({"alg": "none"})) + "." + b64u(compact_json(base_claims)) + "."
case("alg none", dict(opts, token=none, key=KEY), {"error": "ERR_JWT_ALG_NOT_ALLOWED"}, "RFC 8725 section 3.1")
case("an empty client id is refused", dict(opts, token=t, key=KEY, clientId=""), {"error": "ERR_INVALID_ARGUMENT"})

with open(__file__.replace("gen/oidc.py", "oidc.json"), "w") as f:
    json.dump({"topic": "oidc", "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases))
