#!/usr/bin/env python3
"""Writes the seed corpus fuzz/corpus/<target>/ from tests/cases*/*.json and tests/vectors/.

Deterministic (same inputs, same files: each file is named after the SHA-1 of its bytes) and
small (at most MAX_PER_TARGET files per target). Run from anywhere: `python3 fuzz/seeds.py`.
The input layout of each target is described at the top of fuzz/fuzz_targets/<target>.rs.
"""

import base64
import hashlib
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
MAX_PER_TARGET = 200
TARGETS = [
    "pem", "jwk", "jwt", "id_token", "dpop", "webhook", "redox", "callback", "response",
    "endpoints", "discovery", "scopes", "net", "providers",
]

seeds = {target: [] for target in TARGETS}


def add(target, value):
    data = value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")
    if data not in seeds[target]:
        seeds[target].append(data)


def cases():
    for path in sorted(ROOT.glob("tests/cases*/*.json")):
        for case in json.loads(path.read_text())["cases"]:
            yield case["op"], case["input"]


def payload_bytes(payload):
    if isinstance(payload, dict) and "utf8" in payload:
        return payload["utf8"].encode()
    if isinstance(payload, dict) and "base64" in payload:
        return base64.b64decode(payload["base64"])
    return str(payload).encode()


def jwks_of(value):
    """Every JWK object nested anywhere in a case input."""
    if isinstance(value, dict):
        if "kty" in value:
            yield value
        for inner in value.values():
            yield from jwks_of(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from jwks_of(inner)


status_byte = lambda status: bytes([max(0, min(255, (int(status) - 100) // 2))])

for op, given in cases():
    for jwk in jwks_of(given):
        add("jwk", json.dumps(jwk))
    if op == "jwks":
        add("jwk", json.dumps({"keys": [k["jwk"] for k in given["keys"] if "jwk" in k]}))
    if op == "verifyJwt":
        add("jwt", given["token"])
    if op == "verifyIdToken":
        add("id_token", given["token"])
        add("jwt", given["token"])
    if op == "verifyDpopProof":
        add("dpop", given["proof"])
    if op == "parseCallback":
        add("callback", given.get("url") or given.get("body") or "")
    if op == "parseTokenResponse":
        add("response", status_byte(given["status"]) + given["body"].encode())
    if op in ("parsePushedAuthorizationResponse", "parseIntrospectionResponse",
              "parseRevocationResponse"):
        add("endpoints", status_byte(given["status"]) + given["body"].encode())
    if op in ("parseSmartConfiguration", "parseOpenIdConfiguration",
              "parseAuthorizationServerMetadata"):
        add("discovery", given["json"])
    if op == "discoveryUrls":
        add("discovery", given["url"])
    if op == "parseScopes":
        add("scopes", given["scope"])
    if op in ("scopesSatisfy", "missingScopes"):
        add("scopes", f"{given['granted']}\n{given['required']}")
    if op == "ipAllowed":
        add("net", "\n".join([given["ip"], *given["cidrs"]]))
    if op == "parseApiKey":
        add("providers", given["key"])
    if op == "redoxVerification":
        handshake = given["input"]
        text = payload_bytes(handshake) if isinstance(handshake, dict) else handshake.encode()
        add("redox", text)
        add("redox", text + b"\0" + str(given.get("token", "")).encode())
    if op == "verifyWebhook":
        headers = {k.lower(): v for k, v in given.get("headers", {}).items()}
        signature = next((v for k, v in headers.items() if "signature" in k), "")
        values = [
            signature,
            headers.get("webhook-id", headers.get("verification-token", "")),
            headers.get("webhook-timestamp", ""),
            given.get("secret") or "",
            given.get("scheme", ""),
        ]
        add("webhook", b"\0".join([payload_bytes(given["payload"]), *(v.encode() for v in values)]))
    for key in ("authorizationEndpoint", "tokenEndpoint", "endpoint", "redirectUri"):
        if isinstance(given.get(key), str):
            add("providers", given[key])

# Key files: Wycheproof's PEM and DER keys (public and private), and the JWKs above as PEM.
for path in sorted((ROOT / "tests" / "vectors" / "wycheproof").glob("*.json")):
    for group in json.loads(path.read_text())["testGroups"][:4]:
        for field in ("publicKeyPem", "keyPem", "privateKeyPem"):
            if field in group:
                add("pem", group[field])
        for field in ("publicKeyDer", "keyDer", "privateKeyPkcs8"):
            if field in group:
                add("pem", bytes.fromhex(group[field]))
        for field in ("publicKeyJwk", "keyJwk", "privateKeyJwk"):
            if field in group:
                add("jwk", json.dumps(group[field]))
        for test in group["tests"][:3]:
            if "sig" in test and "msg" in test:
                # A compact JWS shape around the vector's signature.
                sig = base64.urlsafe_b64encode(bytes.fromhex(test["sig"])).rstrip(b"=")
                add("jwt", b"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0." + sig)

try:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    for jwk in [json.loads(s) for s in seeds["jwk"] if s.startswith(b"{\"kty\"")]:
        if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256" and "d" in jwk:
            d = int.from_bytes(base64.urlsafe_b64decode(jwk["d"] + "=="), "big")
            key = ec.derive_private_key(d, ec.SECP256R1())
        elif jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519" and "d" in jwk:
            key = ed25519.Ed25519PrivateKey.from_private_bytes(
                base64.urlsafe_b64decode(jwk["d"] + "=="))
        else:
            continue
        for encoding in (serialization.Encoding.PEM, serialization.Encoding.DER):
            add("pem", key.private_bytes(encoding, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
            add("pem", key.public_key().public_bytes(
                encoding, serialization.PublicFormat.SubjectPublicKeyInfo))
except ImportError:
    pass  # The Wycheproof keys above still seed the target.

# A few shapes the case files do not hold.
add("callback", "https://app.example/cb?error=access_denied&error_description=no&state=expected-state")
add("callback", "code=c&state=expected-state&iss=https%3A%2F%2Fissuer.example")
add("endpoints", status_byte(400) + b'{"error":"invalid_request","error_description":"bad"}')
add("response", status_byte(401) + b'{"error":"invalid_client"}')
add("net", "2001:db8::1\n2001:db8::/32\n::ffff:10.0.0.1/128")
add("providers", "ts_live_4eC39HqLyjWDarjtT1zdp7dc")
add("redox", "https://app.example/redox?challenge=c&verification-token=redox-token")
add("redox", b"?challenge=c\0redox-token")

if OUT.exists():
    shutil.rmtree(OUT)
for target, values in seeds.items():
    directory = OUT / target
    directory.mkdir(parents=True)
    for data in values[:MAX_PER_TARGET]:
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
    print(f"{target}: {min(len(values), MAX_PER_TARGET)} seeds")
