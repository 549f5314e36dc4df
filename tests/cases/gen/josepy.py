"""Independent JOSE helpers for the case generators: compact JWS signed with Python
cryptography (not healthauth), JWK thumbprints (RFC 7638) and base64url."""
import base64, hashlib, json
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, utils

def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

def compact_json(obj) -> bytes:
    # The serialization healthauth uses too (serde_json, sorted members, no spaces), so that
    # tokens healthauth signs can be compared byte for byte.
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

# RFC 8037 Appendix A.1: the Ed25519 key.
ED_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
ED_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
ED_PRIVATE = {"kty": "OKP", "crv": "Ed25519", "d": ED_D, "x": ED_X}
ED_PUBLIC = {"kty": "OKP", "crv": "Ed25519", "x": ED_X}

# A fixed P-256 key (the scalar of RFC 6979 Appendix A.2.5).
P256_D_INT = 0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721
_p256 = ec.derive_private_key(P256_D_INT, ec.SECP256R1())
_nums = _p256.public_key().public_numbers()
P256_PUBLIC = {"kty": "EC", "crv": "P-256", "x": b64u(_nums.x.to_bytes(32, "big")), "y": b64u(_nums.y.to_bytes(32, "big"))}
P256_PRIVATE = dict(P256_PUBLIC, d=b64u(P256_D_INT.to_bytes(32, "big")))

def thumbprint(jwk) -> str:
    required = {"EC": ["crv", "kty", "x", "y"], "OKP": ["crv", "kty", "x"], "RSA": ["e", "kty", "n"]}[jwk["kty"]]
    return b64u(hashlib.sha256(compact_json({k: jwk[k] for k in required})).digest())

def sign(alg: str, header: dict, claims: dict) -> str:
    signing_input = b64u(compact_json(header)) + "." + b64u(compact_json(claims))
    data = signing_input.encode()
    if alg == "EdDSA":
        key = ed25519.Ed25519PrivateKey.from_private_bytes(unb64u(ED_D))
        sig = key.sign(data)
    elif alg == "ES256":
        der = _p256.sign(data, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
        r, s = utils.decode_dss_signature(der)
        sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        raise ValueError(alg)
    return signing_input + "." + b64u(sig)

def left_half(alg: str, value: str) -> str:
    h = {"ES256": hashlib.sha256, "EdDSA": hashlib.sha512}[alg](value.encode()).digest()
    return b64u(h[: len(h) // 2])
