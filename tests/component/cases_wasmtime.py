"""The shared case files (tests/cases/*.json, format in tests/cases/README.md) against the
WebAssembly component (target/component/healthauth.wasm) in wasmtime, through the PyPI
`wasmtime` package: each case's `op` (an npm export name) is mapped to the component's
functions, and a WIT `error-code` is compared as its `ERR_...` code.

The mapping only converts values (a JSON key spec to a key import, `{ utf8 }` to bytes, an
object of headers to a list of pairs, one string to a list of one); every rule is the
component's. An op or input the component cannot express fails its case: nothing is skipped.

Prints one line per topic and a closing `N passed, N failed` line; exits non-zero on any
failure. Then runs the Python block of README.md's "Use from any component host" verbatim.
Run by `make test-component` in the virtual environment under target/ (`make` installs it).
"""

import base64
import json
import os
import pathlib
import re
import sys
import traceback

from wasmtime import Engine, Store, WasiConfig
from wasmtime.component import Component, Linker, Record, ResultType, Variant

ROOT = pathlib.Path(__file__).resolve().parents[2]
COMPONENT = ROOT / "target" / "component" / "healthauth.wasm"
PACKAGE = "healthauth:auth"
VERSION = "0.2.0"
HOST = "component-wasmtime"


class CaseError(Exception):
    """A malformed case, or an op or input the component cannot express: always a failure."""


class ComponentError(Exception):
    """The component's own `error` (a WIT `types.error` record)."""

    def __init__(self, error):
        super().__init__(f"{npm_code(error.code)}: {error.message}")
        self.code = npm_code(error.code)
        self.error = error


def npm_code(wit_code):
    """`pkce-verifier-length` -> `ERR_PKCE_VERIFIER_LENGTH`."""
    return "ERR_" + wit_code.upper().replace("-", "_")


def record(**fields):
    """A WIT record: each field under its kebab-case name (wasmtime reads them by name)."""
    value = Record()
    for name, field in fields.items():
        setattr(value, name.replace("_", "-"), field)
    return value


def fields(value):
    """A lifted WIT record as a dict with camelCase names (the npm result's), `None`s left out."""
    out = {}
    for name, field in vars(value).items():
        if field is None:
            continue
        parts = name.split("-")
        out[parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])] = field
    return out


class Host:
    """One instance of the component in one store; calls by interface and function name."""

    def __init__(self, path=COMPONENT):
        engine = Engine()
        linker = Linker(engine)
        linker.add_wasip2()
        self.store = Store(engine)
        self.store.set_wasi(WasiConfig())  # wasi:random (RSA blinding, fresh jti and ids)
        self.instance = linker.instantiate(self.store, Component.from_file(engine, str(path)))
        self.funcs = {}

    def func(self, interface, name):
        key = (interface, name)
        if key not in self.funcs:
            parent = self.instance.get_export_index(self.store, f"{PACKAGE}/{interface}@{VERSION}")
            index = parent and self.instance.get_export_index(self.store, name, parent)
            func = index and self.instance.get_func(self.store, index)
            if func is None:
                raise CaseError(f"the component exports no {interface}.{name}")
            self.funcs[key] = (func, isinstance(func.type(self.store).result, ResultType))
        return self.funcs[key]

    def call(self, interface, name, *args):
        """Calls a function; a WIT `result` is unwrapped, its `err` raised as ComponentError."""
        func, returns_result = self.func(interface, name)
        try:
            value = func(self.store, *args)
        except (TypeError, ValueError, AttributeError) as e:
            raise CaseError(f"{interface}.{name} cannot take these values: {e}") from e
        func.post_return(self.store)
        if not returns_result:
            return value
        # A `result` whose two sides lift to different Python types comes back untagged.
        if isinstance(value, Variant):
            if value.tag == "err":
                raise ComponentError(value.payload)
            return value.payload
        if isinstance(value, Record) and hasattr(value, "code") and hasattr(value, "details"):
            raise ComponentError(value)
        return value


# ---- reading inputs -----------------------------------------------------------------------


def only(input, names):
    for key in input:
        if key not in names:
            raise CaseError(f"input `{key}` is not taken by this op")
    return input


def fixed(input, names):
    for name in names:
        if name not in input:
            raise CaseError(f"a time-dependent or random case must give `{name}`")


def bytes_of(value):
    """`{ utf8 }` or `{ base64 }` as bytes; None for anything else."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (kind, text), = value.items()
    if not isinstance(text, str):
        return None
    if kind == "utf8":
        return text.encode()
    if kind == "base64":
        return base64.b64decode(text, validate=True)
    return None


def strings(value, name):
    """One string or a list of strings, as a list (`audience`, `secret`, `token`, `scope`)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise CaseError(f"`{name}` must be a string or an array of strings")


def payload(input):
    data = bytes_of(input.get("payload"))
    if data is None:
        raise CaseError("`payload` must be { utf8 } or { base64 }")
    return data


def header_list(headers):
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise CaseError("`headers` must be an object of names to string values")
    return list(headers.items())


# ---- keys: { jwk | jwks | pem | secret, alg?, kid? } ---------------------------------------


class Keys:
    """Imports keys for one case and drops every handle afterwards."""

    def __init__(self, host):
        self.host = host
        self.held = []

    def hold(self, key):
        self.held.append(key)
        return key

    def drop(self):
        for key in self.held:
            key.drop(self.host.store)

    @staticmethod
    def spec(spec):
        if not isinstance(spec, dict):
            raise CaseError("a key must be an object")
        only(spec, ["jwk", "jwks", "pem", "secret", "alg", "kid"])
        if sum(k in spec for k in ["jwk", "jwks", "pem", "secret"]) != 1:
            raise CaseError("a key has exactly one of jwk, jwks, pem, secret")
        return spec

    @staticmethod
    def options(spec):
        return record(alg=spec.get("alg"), kid=spec.get("kid"))

    @staticmethod
    def is_private(spec):
        jwk = spec.get("jwk")
        pem = spec.get("pem")
        return (
            "secret" in spec
            or (isinstance(jwk, dict) and ("d" in jwk or "k" in jwk))
            or (isinstance(pem, str) and "PRIVATE KEY-----" in pem)
        )

    def signing(self, spec):
        call = lambda name, *args: self.hold(self.host.call("jose", f"[static]signing-key.{name}", *args))
        if "jwk" in spec:
            return call("from-jwk", json.dumps(spec["jwk"]), self.options(spec))
        if "pem" in spec:
            return call("from-pem", spec["pem"], self.options(spec))
        if "secret" in spec:
            secret = spec["secret"]
            secret = secret.encode() if isinstance(secret, str) else bytes_of(secret)
            if secret is None:
                raise CaseError("`secret` is a string, { utf8 } or { base64 }")
            return call("from-secret", secret, self.options(spec))
        raise CaseError("a signing key is a jwk, pem or secret")

    def verifying(self, spec):
        call = lambda name, *args: self.hold(self.host.call("jose", f"[static]verifying-key.{name}", *args))
        if "jwk" in spec:
            return call("from-jwk", json.dumps(spec["jwk"]), self.options(spec))
        if "pem" in spec:
            return call("from-pem", spec["pem"], self.options(spec))
        if "secret" in spec:
            return self.public_of(self.signing(spec))
        raise CaseError("a verifying key is a jwk, pem or secret")

    def public_of(self, signing_key):
        return self.hold(self.host.call("jose", "[method]signing-key.verifying-key", signing_key))


# ---- ops ----------------------------------------------------------------------------------


def signs_timestamp(scheme):
    return scheme in ("standard", "stripe")


def u64(input, name):
    value = input.get(name)
    if value is not None and not isinstance(value, int):
        raise CaseError(f"`{name}` must be an integer")
    return value


def verify_jwt(host, keys, i):
    only(i, ["token", "key", "algorithms", "audience", "issuer", "subject", "typ", "leewaySeconds",
             "maxAgeSeconds", "requireExp", "maxTokenBytes", "maxJwksBytes", "now"])
    fixed(i, ["now"])
    options = record(
        algorithms=strings(i.get("algorithms"), "algorithms"),
        audience=strings(i.get("audience"), "audience"),
        issuer=i.get("issuer"),
        subject=i.get("subject"),
        typ=i.get("typ"),
        leeway_seconds=u64(i, "leewaySeconds"),
        max_age_seconds=u64(i, "maxAgeSeconds"),
        require_exp=i.get("requireExp"),
        max_token_bytes=u64(i, "maxTokenBytes"),
        max_jwks_bytes=u64(i, "maxJwksBytes"),
        now=i["now"],
    )
    spec = Keys.spec(i.get("key"))
    if "jwks" in spec:
        verified = host.call("jose", "verify-jwt", i.get("token"), json.dumps(spec["jwks"]), options)
    elif "jwk" in spec and "alg" not in spec and "kid" not in spec:
        verified = host.call("jose", "verify-jwt", i.get("token"), json.dumps(spec["jwk"]), options)
    else:
        key = keys.verifying(spec)
        verified = host.call("jose", "verify-jwt-with-key", i.get("token"), key, options)
    return {"header": json.loads(getattr(verified, "header-json")),
            "claims": json.loads(getattr(verified, "claims-json"))}


def decode_jwt(host, keys, i):
    only(i, ["token", "maxTokenBytes"])
    decoded = host.call("jose", "decode-jwt", i.get("token"), u64(i, "maxTokenBytes"))
    return {"header": json.loads(getattr(decoded, "header-json")),
            "claims": json.loads(getattr(decoded, "claims-json"))}


def any_key(keys, spec):
    if Keys.is_private(spec):
        return keys.signing(spec), True
    return keys.verifying(spec), False


def webhook_scheme(i):
    return record(name=i.get("scheme"), header=i.get("header"), prefix=i.get("prefix"), hash=i.get("hash"))


def webhook_secrets(i):
    if "secret" in i and "secrets" in i:
        raise CaseError("the component takes one list of secrets: give `secret` or `secrets`")
    return strings(i.get("secret", i.get("secrets")), "secret") or []


def verify_webhook(host, keys, i):
    only(i, ["scheme", "payload", "headers", "secret", "secrets", "toleranceSeconds", "now",
             "maxPayloadBytes", "maxHeaderBytes", "header", "prefix", "hash"])
    if signs_timestamp(i.get("scheme")):
        fixed(i, ["now"])
    options = record(now=i.get("now"), tolerance_seconds=u64(i, "toleranceSeconds"),
                     max_payload_bytes=u64(i, "maxPayloadBytes"),
                     max_header_bytes=u64(i, "maxHeaderBytes"))
    verified = host.call("webhook", "verify", webhook_scheme(i), payload(i),
                         header_list(i.get("headers")), webhook_secrets(i), options)
    out = fields(verified)
    if not out.get("replayKeys"):
        out.pop("replayKeys", None)
    return out


def sign_webhook(host, keys, i):
    only(i, ["scheme", "payload", "secret", "secrets", "id", "timestamp", "header", "prefix", "hash"])
    if signs_timestamp(i.get("scheme")):
        fixed(i, ["timestamp"])
    if i.get("scheme") == "standard":
        fixed(i, ["id"])
    options = record(id=i.get("id"), timestamp=i.get("timestamp", 0))
    headers = host.call("webhook", "sign", webhook_scheme(i), payload(i), webhook_secrets(i), options)
    return dict(headers)


def redox_verification(host, keys, i):
    only(i, ["input", "token", "headers", "maxBytes"])
    value = i.get("input")
    if isinstance(value, str):
        handshake = Variant("text", value)
    elif bytes_of(value) is not None:
        handshake = Variant("body", bytes_of(value))
    elif isinstance(value, dict) and list(value) == ["url"]:
        handshake = Variant("query", value["url"])
    elif isinstance(value, dict) and list(value) == ["searchParams"]:
        handshake = Variant("query", value["searchParams"])
    elif isinstance(value, dict):
        text = lambda *names: next((value[n] for n in names if isinstance(value.get(n), str)), None)
        handshake = Variant("fields", record(challenge=text("challenge"),
                                             verification_token=text("verification-token", "verificationToken")))
    else:
        raise CaseError("`input` is a string, { utf8 | base64 }, { url }, { searchParams } or the fields")
    if "token" not in i:
        raise CaseError("`token` is required")
    header_token = None
    if "headers" in i:
        header_token = next((v for k, v in header_list(i["headers"]) if k.lower() == "verification-token"), None)
    return host.call("webhook", "redox-verification", handshake, strings(i["token"], "token"),
                     header_token, u64(i, "maxBytes"))


def client(i, endpoint=None):
    auth = i.get("clientAuth")
    if auth is not None:
        if not isinstance(auth, dict):
            raise CaseError("`clientAuth` must be an object")
        only(auth, ["method", "secret", "assertion"])
        auth = record(method=auth.get("method"), secret=auth.get("secret"), assertion=auth.get("assertion"))
    return record(token_endpoint=endpoint or i.get("tokenEndpoint"), client_id=i.get("clientId"),
                  client_auth=auth, client_secret=i.get("clientSecret"))


def http_request(request):
    out = fields(request)
    out["headers"] = dict(out["headers"])
    return out


CLIENT_INPUTS = ["tokenEndpoint", "clientId", "clientAuth", "clientSecret"]
ENDPOINT_CLIENT_INPUTS = ["endpoint", "clientId", "clientAuth", "clientSecret"]


def with_dpop(host, keys, request, i):
    """A built request, with a DPoP proof when the case gives `dpop: { key, nonce?, now, jti }`."""
    if "dpop" not in i:
        return http_request(request)
    dpop = i["dpop"]
    if not isinstance(dpop, dict):
        raise CaseError("`dpop` must be an object")
    only(dpop, ["key", "nonce", "now", "jti"])
    fixed(dpop, ["now", "jti"])
    key = keys.signing(Keys.spec(dpop.get("key")))
    options = record(nonce=dpop.get("nonce"), now=dpop["now"], jti=dpop.get("jti"))
    return http_request(host.call("oauth", "with-dpop", request, key, options))


def code_exchange_request(host, keys, i):
    only(i, CLIENT_INPUTS + ["code", "redirectUri", "codeVerifier", "dpop"])
    return with_dpop(host, keys, host.call("oauth", "code-exchange-request", client(i), i.get("code"),
                                           i.get("redirectUri"), i.get("codeVerifier")), i)


def refresh_request(host, keys, i):
    only(i, CLIENT_INPUTS + ["refreshToken", "scope", "dpop"])
    return with_dpop(host, keys, host.call("oauth", "refresh-request", client(i), i.get("refreshToken"),
                                           strings(i.get("scope"), "scope")), i)


def client_credentials_request(host, keys, i):
    only(i, CLIENT_INPUTS + ["scope", "dpop"])
    return with_dpop(host, keys, host.call("oauth", "client-credentials-request", client(i),
                                           strings(i.get("scope"), "scope")), i)


def extra_params(i):
    extra = i.get("extraParams", {})
    if not isinstance(extra, dict):
        raise CaseError("`extraParams` must be an object")
    return list(extra.items())


def pushed_authorization_request(host, keys, i):
    only(i, ENDPOINT_CLIENT_INPUTS + ["redirectUri", "scope", "state", "codeChallenge", "extraParams", "aud",
                                      "launch", "dpop"])
    request = record(redirect_uri=i.get("redirectUri"), scope=strings(i.get("scope"), "scope"),
                     state=i.get("state"), code_challenge=i.get("codeChallenge"), extra_params=extra_params(i),
                     aud=i.get("aud"), launch=i.get("launch"))
    endpoint = i.get("endpoint")
    return with_dpop(host, keys, host.call("oauth", "pushed-authorization-request", client(i, endpoint), endpoint,
                                           request), i)


def token_endpoint_request(name):
    def run(host, keys, i):
        only(i, ENDPOINT_CLIENT_INPUTS + ["token", "tokenTypeHint", "dpop"])
        endpoint = i.get("endpoint")
        return with_dpop(host, keys, host.call("oauth", name, client(i, endpoint), endpoint, i.get("token"),
                                               i.get("tokenTypeHint")), i)
    return run


# The members of an endpoint response reader's case.
RESPONSE = ["status", "body", "maxBytes"]


def parse_revocation_response(host, keys, i):
    only(i, RESPONSE)
    host.call("oauth", "parse-revocation-response", i.get("status"), i.get("body", ""), u64(i, "maxBytes"))
    return None  # the npm call's success value (JSON null)


def launch_context(context):
    """The WIT launch context as the npm call returns it (`fhirContext` parsed)."""
    out = fields(context)
    if "fhirContextJson" in out:
        out["fhirContext"] = json.loads(out.pop("fhirContextJson"))
    return out


def parse_introspection_response(host, keys, i):
    only(i, RESPONSE)
    out = fields(host.call("oauth", "parse-introspection-response", i.get("status"), i.get("body"),
                           u64(i, "maxBytes")))
    if "cnfJkt" in out:
        out["cnf"] = {"jkt": out.pop("cnfJkt")}
    if not out.get("aud"):
        out.pop("aud", None)
    extra = json.loads(out.pop("extraJson"))
    if extra:
        out["extra"] = extra
    if "launchContext" in out:
        out["launchContext"] = launch_context(out["launchContext"])
    return out


def json_text(value):
    """A document given as text or as the parsed object (the npm call takes both)."""
    return value if isinstance(value, str) else json.dumps(value)


def metadata(value):
    out = fields(value)
    out["warnings"] = [fields(w) for w in out["warnings"]]
    out["extra"] = json.loads(out.pop("extraJson"))
    return out


def verify_id_token(host, keys, i):
    only(i, ["token", "key", "issuer", "clientId", "nonce", "maxAgeSeconds", "accessToken", "algorithms",
             "leewaySeconds", "maxTokenBytes", "now"])
    fixed(i, ["now"])
    options = record(
        issuer=i.get("issuer"),
        client_id=i.get("clientId"),
        nonce=i.get("nonce"),
        max_age_seconds=u64(i, "maxAgeSeconds"),
        access_token=i.get("accessToken"),
        algorithms=strings(i.get("algorithms"), "algorithms"),
        leeway_seconds=u64(i, "leewaySeconds"),
        max_token_bytes=u64(i, "maxTokenBytes"),
        max_jwks_bytes=None,
        now=i["now"],
    )
    spec = Keys.spec(i.get("key"))
    if "jwks" in spec:
        verified = host.call("jose", "verify-id-token", i.get("token"), json.dumps(spec["jwks"]), options)
    elif "jwk" in spec and "alg" not in spec and "kid" not in spec:
        verified = host.call("jose", "verify-id-token", i.get("token"), json.dumps(spec["jwk"]), options)
    else:
        key = keys.verifying(spec)
        verified = host.call("jose", "verify-id-token-with-key", i.get("token"), key, options)
    out = {"header": json.loads(getattr(verified, "header-json")),
           "claims": json.loads(getattr(verified, "claims-json")),
           "subject": verified.subject}
    if getattr(verified, "fhir-user") is not None:
        out["fhirUser"] = getattr(verified, "fhir-user")
    return out


def dpop_proof(host, keys, i):
    only(i, ["key", "htm", "htu", "accessToken", "nonce", "now", "jti"])
    fixed(i, ["now", "jti"])
    key = keys.signing(Keys.spec(i.get("key")))
    options = record(htm=i.get("htm"), htu=i.get("htu"), access_token=i.get("accessToken"), nonce=i.get("nonce"),
                     now=i["now"], jti=i.get("jti"))
    return host.call("jose", "dpop-proof", key, options)


def verify_dpop_proof(host, keys, i):
    only(i, ["proof", "htm", "htu", "accessToken", "nonce", "jkt", "algorithms", "maxAgeSeconds", "leewaySeconds",
             "now"])
    fixed(i, ["now"])
    options = record(htm=i.get("htm"), htu=i.get("htu"), access_token=i.get("accessToken"), nonce=i.get("nonce"),
                     jkt=i.get("jkt"), algorithms=strings(i.get("algorithms"), "algorithms"),
                     max_age_seconds=u64(i, "maxAgeSeconds"), leeway_seconds=u64(i, "leewaySeconds"), now=i["now"])
    return fields(host.call("jose", "verify-dpop-proof", i.get("proof"), options))


def scope_lists(name):
    def run(host, keys, i):
        only(i, ["granted", "required"])
        return host.call("smart", name, strings(i.get("granted"), "granted"), strings(i.get("required"), "required"))
    return run


def authorization_url(host, keys, i):
    only(i, ["authorizationEndpoint", "clientId", "redirectUri", "scope", "state", "codeChallenge", "extraParams",
             "aud", "launch", "requestUri"])
    # `redirect-uri` empty when absent: the WIT record's form of "not given" (a request_uri URL has none).
    request = record(authorization_endpoint=i.get("authorizationEndpoint"), client_id=i.get("clientId"),
                     redirect_uri=i.get("redirectUri", ""), scope=strings(i.get("scope"), "scope"),
                     state=i.get("state"), code_challenge=i.get("codeChallenge"),
                     extra_params=extra_params(i), aud=i.get("aud"), launch=i.get("launch"),
                     request_uri=i.get("requestUri"))
    return host.call("oauth", "authorization-url", request)


def parse_callback(host, keys, i):
    only(i, ["url", "expectedState", "expectedIssuer", "maxBytes"])
    options = record(expected_state=i.get("expectedState"), expected_issuer=i.get("expectedIssuer"),
                     max_bytes=u64(i, "maxBytes"))
    return fields(host.call("oauth", "parse-callback", i.get("url"), options))


def parse_token_response(host, keys, i):
    only(i, ["status", "body", "now", "refreshSkewSeconds", "defaultLifetimeSeconds", "maxBytes"])
    fixed(i, ["now"])
    options = record(now=i["now"], refresh_skew_seconds=u64(i, "refreshSkewSeconds"),
                     default_lifetime_seconds=u64(i, "defaultLifetimeSeconds"), max_bytes=u64(i, "maxBytes"))
    out = fields(host.call("oauth", "parse-token-response", i.get("status"), i.get("body"), options))
    out["extra"] = json.loads(out.pop("extraJson"))
    if "launchContext" in out:
        out["launchContext"] = launch_context(out["launchContext"])
    return out


def preset(host, keys, i):
    only(i, ["name", "options"])
    options = i.get("options", {})
    if not isinstance(options, dict):
        raise CaseError("`options` must be an object")
    only(options, ["region", "baseUrl", "tokenEndpoint"])
    return fields(host.call("providers", "preset", i.get("name"),
                            record(region=options.get("region"), base_url=options.get("baseUrl"),
                                   token_endpoint=options.get("tokenEndpoint"))))


def updox_auth(host, keys, i):
    names = ["applicationId", "applicationPassword", "accountId", "userId", "loginId", "loginPassword"]
    only(i, names)
    credentials = record(**{re.sub("([A-Z])", r"_\1", n).lower(): i.get(n) for n in names})
    return json.loads(host.call("providers", "updox-auth", credentials))


def jwks(host, keys, i):
    only(i, ["keys"])
    if not isinstance(i.get("keys"), list):
        raise CaseError("`keys` must be an array")
    public = []
    for spec in i["keys"]:
        key, signing = any_key(keys, Keys.spec(spec))
        public.append(keys.public_of(key) if signing else key)
    return json.loads(host.call("jose", "jwks", public))


def sign_jwt(host, keys, i):
    only(i, ["key", "claims", "header"])
    key = keys.signing(Keys.spec(i.get("key")))
    header = json.dumps(i["header"]) if "header" in i else None
    return host.call("jose", "[method]signing-key.sign-jwt", key, json.dumps(i.get("claims")), header)


def client_assertion(host, keys, i):
    only(i, ["key", "clientId", "audience", "lifetimeSeconds", "now", "jti", "jku"])
    fixed(i, ["now", "jti"])
    key = keys.signing(Keys.spec(i.get("key")))
    options = record(client_id=i.get("clientId"), audience=i.get("audience"),
                     lifetime_seconds=u64(i, "lifetimeSeconds"), now=i["now"], jti=i.get("jti"), jku=i.get("jku"))
    return host.call("jose", "[method]signing-key.client-assertion", key, options)


def thumbprint(host, keys, i):
    key, signing = any_key(keys, Keys.spec(only(i, ["key"]).get("key")))
    kind = "signing-key" if signing else "verifying-key"
    return host.call("jose", f"[method]{kind}.thumbprint", key)


def public_jwk(host, keys, i):
    key, signing = any_key(keys, Keys.spec(only(i, ["key"]).get("key")))
    method = "[method]signing-key.public-jwk" if signing else "[method]verifying-key.to-jwk"
    return json.loads(host.call("jose", method, key))


def random_only(op):
    def run(host, keys, i):
        name = "length" if op == "create-pkce" else "bytes"
        host.call("pkce", op, only(i, [name]).get(name))
        raise CaseError(f"{op} is random: only error cases are allowed")
    return run


OPS = {
    "pkceChallenge": lambda h, k, i: h.call("pkce", "pkce-challenge", only(i, ["verifier"]).get("verifier")),
    "verifyPkce": lambda h, k, i: h.call("pkce", "verify-pkce", only(i, ["verifier", "challenge"]).get("verifier"),
                                         i.get("challenge")),
    "createPkce": random_only("create-pkce"),
    "randomState": random_only("random-state"),
    "verifyJwt": verify_jwt,
    "decodeJwt": decode_jwt,
    "signJwt": sign_jwt,
    "clientAssertion": client_assertion,
    "thumbprint": thumbprint,
    "publicJwk": public_jwk,
    "jwks": jwks,
    "verifyWebhook": verify_webhook,
    "signWebhook": sign_webhook,
    "redoxVerification": redox_verification,
    "authorizationUrl": authorization_url,
    "parseCallback": parse_callback,
    "codeExchangeRequest": code_exchange_request,
    "refreshRequest": refresh_request,
    "clientCredentialsRequest": client_credentials_request,
    "parseTokenResponse": parse_token_response,
    "preset": preset,
    "updoxAuth": updox_auth,
    "parseApiKey": lambda h, k, i: fields(h.call("providers", "parse-api-key", only(i, ["key"]).get("key"))),
    "ipAllowed": lambda h, k, i: h.call("net", "ip-allowed", only(i, ["ip", "cidrs"]).get("ip"), i.get("cidrs")),
    "pushedAuthorizationRequest": pushed_authorization_request,
    "parsePushedAuthorizationResponse": lambda h, k, i: fields(h.call(
        "oauth", "parse-pushed-authorization-response", only(i, RESPONSE).get("status"), i.get("body"),
        u64(i, "maxBytes"))),
    "revocationRequest": token_endpoint_request("revocation-request"),
    "parseRevocationResponse": parse_revocation_response,
    "introspectionRequest": token_endpoint_request("introspection-request"),
    "parseIntrospectionResponse": parse_introspection_response,
    "parseScopes": lambda h, k, i: [fields(s) for s in h.call(
        "smart", "parse-scopes", strings(only(i, ["scope"]).get("scope"), "scope"))],
    "scopesSatisfy": scope_lists("scopes-satisfy"),
    "missingScopes": scope_lists("missing-scopes"),
    "parseSmartConfiguration": lambda h, k, i: metadata(h.call(
        "discovery", "parse-smart-configuration", json_text(only(i, ["json", "fhirBaseUrl", "maxBytes"]).get("json")),
        i.get("fhirBaseUrl"), u64(i, "maxBytes"))),
    "parseOpenIdConfiguration": lambda h, k, i: metadata(h.call(
        "discovery", "parse-openid-configuration", json_text(only(i, ["json", "issuer", "maxBytes"]).get("json")),
        i.get("issuer"), u64(i, "maxBytes"))),
    "discoveryUrls": lambda h, k, i: [fields(u) for u in h.call(
        "discovery", "discovery-urls", only(i, ["url"]).get("url"))],
    "verifyIdToken": verify_id_token,
    "dpopProof": dpop_proof,
    "verifyDpopProof": verify_dpop_proof,
}


# ---- checking -----------------------------------------------------------------------------


def same(expected, actual):
    """JSON equality (a bool is not a number)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    return expected == actual


def matches(expected, actual):
    """`expect.ok`: objects as a subset (each expected member present and equal), else exact."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and same(v, actual[k]) for k, v in expected.items())
    return same(expected, actual)


def check(host, case):
    op = OPS.get(case.get("op"))
    if op is None:
        raise CaseError(f"unknown op {case.get('op')!r}")
    expect = case.get("expect")
    if not isinstance(case.get("input"), dict) or not isinstance(expect, dict) or len(expect) != 1:
        raise CaseError("a case has an `input` object and `expect` { ok } or { error }")
    keys = Keys(host)
    try:
        try:
            result, error = op(host, keys, case["input"]), None
        except ComponentError as e:
            result, error = None, e
    finally:
        keys.drop()
    if "error" in expect:
        if error is None:
            raise AssertionError(f"expected {expect['error']}, got {json.dumps(result)}")
        if error.code != expect["error"]:
            raise AssertionError(f"expected {expect['error']}, got {error}")
        return
    if "ok" not in expect:
        raise CaseError("`expect` must be { ok } or { error }")
    if error is not None:
        raise AssertionError(f"expected {json.dumps(expect['ok'])}, got {error}")
    if not matches(expect["ok"], result):
        raise AssertionError(f"expected {json.dumps(expect['ok'])}, got {json.dumps(result)}")


def run_cases(host):
    files = sorted((ROOT / "tests" / "cases").glob("*.json"))
    if not files:
        raise SystemExit("no case files in tests/cases")
    passed = failed = 0
    failures = []
    for path in files:
        document = json.loads(path.read_text())
        topic = document.get("topic")
        if f"{topic}.json" != path.name:
            raise SystemExit(f"{path.name}: the topic names the file")
        topic_passed = topic_failed = 0
        names = set()
        for case in document["cases"]:
            name = case.get("name", "(no name)")
            try:
                if name in names:
                    raise CaseError("duplicate case name")
                names.add(name)
                check(host, case)
                topic_passed += 1
            except (AssertionError, CaseError) as e:
                kind = "malformed case: " if isinstance(e, CaseError) else ""
                failures.append(f"{path.name}: {name}: {kind}{e}")
                topic_failed += 1
            except Exception as e:  # a trap or a host error: the case fails, the run goes on
                failures.append(f"{path.name}: {name}: {type(e).__name__}: {e}")
                topic_failed += 1
                host = Host()  # a trapped instance cannot be entered again
        print(f"cases {HOST} {topic}: {topic_passed} passed, {topic_failed} failed", flush=True)
        passed += topic_passed
        failed += topic_failed
    for line in failures:
        print(f"FAIL {line}")
    print(f"cases {HOST}: {passed} passed, {failed} failed ({len(files)} files)", flush=True)
    return failed == 0


README_HEADING = "## Use from any component host"


def run_readme():
    """Runs the README's Python block verbatim, from the repository root."""
    text = (ROOT / "README.md").read_text()
    section = text.split(README_HEADING, 1)
    if len(section) != 2:
        print(f"FAIL README.md has no section {README_HEADING!r}")
        return False
    block = re.search(r"```python\n(.*?)```", section[1].split("\n## ", 1)[0], re.S)
    if block is None:
        print(f"FAIL README.md {README_HEADING!r} has no ```python block")
        return False
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        exec(compile(block.group(1), "README.md (Use from any component host)", "exec"), {"__name__": "readme"})
    except Exception:
        print("FAIL the README's Python block:")
        traceback.print_exc(file=sys.stdout)
        return False
    finally:
        os.chdir(cwd)
    print(f"readme {HOST}: the Python block of {README_HEADING!r} ran", flush=True)
    return True


def main():
    if not COMPONENT.exists():
        raise SystemExit(f"{COMPONENT} is missing: run `make component`")
    ok = run_cases(Host())
    ok = run_readme() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
