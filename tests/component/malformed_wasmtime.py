"""The malformed-input battery against the WebAssembly component in wasmtime (issue 12, item 5).

Every function of every interface the component exports (found by reflection, so a new one is
covered without an edit) is called with arguments generated from its WIT types and a fixed
seed: huge strings, NUL and control characters, broken and deeply nested JSON, lookalike
tokens, PEM and URLs, empty and 2 MiB byte lists, integer extremes, every variant case. WIT
types rule out wrong types, `undefined` and lone surrogates (the canonical ABI carries only
well-typed values and valid Unicode), and a dropped resource handle is refused by the host
before the component runs (in wasmtime that poisons the store, so it is not sent; the npm
battery covers freed handles).

Each call must return `ok` or a WIT `error` record (a known code, a non-empty bounded message
that never echoes a secret); a trap (a panic in the component) fails the battery, as does any
other exception. Every 250
calls, and at the end, the instance must still answer known vectors (RFC 7636 PKCE, the
Telesoft HMAC). Prints a tally; exits non-zero on any failure. Run by `make test-component`.
"""

import pathlib
import random
import sys

from wasmtime import Engine, Store, WasiConfig, WasmtimeError
from wasmtime.component import Component, Linker, Record, ResourceAny, Variant
import wasmtime.component._types as T

ROOT = pathlib.Path(__file__).resolve().parents[2]
COMPONENT = ROOT / "target" / "component" / "healthauth.wasm"
PACKAGE = "healthauth:auth"
VERSION = "0.2.0"
CALLS = 5_000
SEED = 0x12C0FFEE
SECRET_MARK = "S3CRET-MARK-9c1d"
SECRET_NAMES = ("secret", "token", "password", "verifier", "assertion", "code", "pem", "jwk", "key")

MiB = 1024 * 1024
HUGE = "A" * (2 * MiB)
JUNK_STRINGS = [
    "", " ", "\x00", "\x00\x01\x1f\x7f\r\n", "é\u2028\ufeff", "💥" * 1000, HUGE, "eyJ" * 30_000,
    "{", '{"a":[1,2,{"b":', "[" * 100_000, '{"keys":[' * 5000, "null", "[]", "{}", '""',
    '{"kty":"EC","crv":"P-256","x":"","y":""}',
    '{"kty":"RSA","n":"' + "A" * 100_000 + '","e":"AQAB"}',
    '{"access_token":"at","expires_in":-1,"token_type":7}',
    '{"issuer":"https://ehr.example","token_endpoint":"javascript:alert(1)"}',
    "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
    "-----BEGIN PUBLIC KEY-----\n" + "A" * 70_000 + "\n-----END PUBLIC KEY-----\n",
    "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
    "eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
    "a.b.c.d.e", "...", "https://app.example/cb?code=c&state=%ZZ", "http://[::1", "https://a/" + "x" * 70_000,
    "telesoft", "github", "stripe", "standard", "redox", "hmac-hex", "sha512", "sha1",
    "ES256", "RS256", "HS256", "EdDSA", "none", "PS512", "patient/*.rs", "patient/Observation.c?x=y",
    "203.0.113.7", "::ffff:10.0.0.1", "10.0.0.0/33", "1.2.3.4/-1", "whsec_", "whsec_!!!!", "whpk_AAAA",
    "t=abc,v1=zz", "v1,AAAA v1a,BBBB", "sha256=" + "0" * 64, "ts_test_", "ts_live_" + "x" * 300,
]
SECRET_STRINGS = [SECRET_MARK, f"{SECRET_MARK}\x00", f'{{"k":"{SECRET_MARK}"}}', f"whsec_{SECRET_MARK}"]
INTS = {
    T.U8: [0, 1, 255], T.U16: [0, 1, 100, 200, 599, 65535], T.U32: [0, 1, 2**31, 2**32 - 1],
    T.U64: [0, 1, 2**53 + 1, 2**63, 2**64 - 1], T.S8: [-128, 0, 127], T.S16: [-32768, 0, 32767],
    T.S32: [-(2**31), -1, 0, 2**31 - 1], T.S64: [-(2**63), -1, 0, 1_700_000_000, 2**63 - 1],
}


class Failure(Exception):
    pass


class Battery:
    def __init__(self):
        engine = Engine()
        linker = Linker(engine)
        linker.add_wasip2()
        self.store = Store(engine)
        self.store.set_wasi(WasiConfig())
        component = Component.from_file(engine, str(COMPONENT))
        self.instance = linker.instantiate(self.store, component)
        self.rand = random.Random(SEED)
        self.functions = []  # (interface, name, FuncType)
        for iface, item in component.type.exports(engine).items():
            if not iface.startswith(PACKAGE):
                continue
            for name, export in item.ty.exports(engine).items():
                if isinstance(export.ty, T.FuncType):
                    self.functions.append((iface.split("/")[1].split("@")[0], name))
        self.funcs = {}
        self.tally = {}

    def func(self, interface, name):
        key = (interface, name)
        if key not in self.funcs:
            parent = self.instance.get_export_index(self.store, f"{PACKAGE}/{interface}@{VERSION}")
            index = self.instance.get_export_index(self.store, name, parent)
            self.funcs[key] = self.instance.get_func(self.store, index)
        return self.funcs[key]

    def call(self, interface, name, *args):
        func = self.func(interface, name)
        value = func(self.store, *args)
        func.post_return(self.store)
        return value

    # ---- values from WIT types ------------------------------------------------------------

    def resource(self, kind):
        """A live signing-key or verifying-key handle, dropped after the call."""
        r = self.call("jose", "[static]signing-key.generate", "ES256", gen_options())
        key = r.payload if isinstance(r, Variant) else r
        if kind == "verifying-key":
            verifying = self.call("jose", "[method]signing-key.verifying-key", key)
            key.drop(self.store)
            key = verifying
        self.live.append(key)
        return key

    def value(self, ty, name, resource_kind):
        r = self.rand
        secret = any(s in name for s in SECRET_NAMES)
        if isinstance(ty, T.String):
            if secret and r.random() < 0.3:
                return r.choice(SECRET_STRINGS)
            return r.choice(JUNK_STRINGS)
        if isinstance(ty, T.Bool):
            return r.random() < 0.5
        for kind, values in INTS.items():
            if isinstance(ty, kind):
                return r.choice(values)
        if isinstance(ty, (T.F32, T.F64)):
            return r.choice([0.0, -0.0, float("nan"), float("inf"), 1e308])
        if isinstance(ty, T.Char):
            return r.choice(["\x00", "a", "\U0010ffff"])
        if isinstance(ty, T.ListType):
            element = ty.element
            if isinstance(element, T.U8):
                choice = r.random()
                if choice < 0.2:
                    return b""
                if choice < 0.3:
                    return bytes(2 * MiB)
                if secret and choice < 0.5:
                    return SECRET_MARK.encode()
                return r.choice(JUNK_STRINGS[:20]).encode()[: 4096] or b"\xff\xfe"
            n = r.choice([0, 1, 2, 3, 40])
            return [self.value(element, name, resource_kind) for _ in range(n)]
        if isinstance(ty, T.OptionType):
            return None if r.random() < 0.4 else self.value(ty.payload, name, resource_kind)
        if isinstance(ty, T.RecordType):
            out = Record()
            for field, field_ty in ty.fields:
                setattr(out, field, self.value(field_ty, field, resource_kind))
            return out
        if isinstance(ty, T.TupleType):
            return tuple(self.value(e, name, resource_kind) for e in ty.elements)
        if isinstance(ty, T.EnumType):
            return r.choice(list(ty.names))
        if isinstance(ty, T.FlagsType):
            return {n for n in ty.names if r.random() < 0.5}
        if isinstance(ty, T.VariantType):
            case, payload = r.choice(list(ty.cases))
            return Variant(case, None if payload is None else self.value(payload, case, resource_kind))
        if isinstance(ty, T.BorrowType):
            return self.resource(resource_kind)
        raise Failure(f"no generator for WIT type {ty!r} ({name})")

    # ---- checks ---------------------------------------------------------------------------

    def check_error(self, error, where):
        code = getattr(error, "code", None)
        message = getattr(error, "message", None)
        if not isinstance(code, str) or not code:
            raise Failure(f"{where}: an error without a code: {error!r}")
        if not isinstance(message, str) or not message or len(message) > 4096:
            raise Failure(f"{where}: error {code} has a bad message ({len(message or '')} chars)")
        if SECRET_MARK in message:
            raise Failure(f"{where}: error {code} echoes a secret: {message[:200]}")
        return code

    def healthy(self):
        challenge = self.call("pkce", "pkce-challenge", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        challenge = challenge.payload if isinstance(challenge, Variant) else challenge
        if challenge != "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM":
            raise Failure(f"the RFC 7636 vector no longer answers: {challenge!r}")
        scheme = Record()
        scheme.name, scheme.header, scheme.prefix, scheme.hash = "telesoft", None, None, None
        options = Record()
        options.id, options.timestamp = None, 0
        payload = '{ "event": "appointment.created",\n  "data": { "id": "apt_1", "note": "café" } }'.encode()
        headers = self.call("webhook", "sign", scheme, payload, ["telesoft-webhook-secret-1234"], options)
        headers = headers.payload if isinstance(headers, Variant) else headers
        expected = [("telesoft-signature", "e2fa704ac93629490431473b15c945387152c0e6703f501d0c5f271a0e0007d9")]
        if list(headers) != expected:
            raise Failure(f"the Telesoft HMAC vector no longer answers: {headers!r}")

    def run(self):
        failures = {}
        self.healthy()
        for n in range(CALLS):
            interface, name = self.functions[n % len(self.functions)]
            func = self.func(interface, name)
            params = func.type(self.store).params
            resource = name.split("]")[1].split(".")[0] if name.startswith("[method]") else (
                "signing-key" if name in ("dpop-proof", "with-dpop") else "verifying-key")
            self.live = []
            where = f"call {n}: {interface}.{name}"
            try:
                args = [self.value(ty, pname, resource) for pname, ty in params]
                try:
                    value = func(self.store, *args)
                except (TypeError, ValueError, AttributeError) as e:
                    raise Failure(f"{where}: the battery built a value of the wrong type: {e}") from e
                except WasmtimeError as e:
                    text = str(e)
                    raise Failure(f"{where}: trapped: {text.splitlines()[0][:300]}")
                func.post_return(self.store)
                if isinstance(value, Variant) and value.tag == "err":
                    self.count("error " + self.check_error(value.payload, where))
                elif isinstance(value, Record) and hasattr(value, "code") and hasattr(value, "details"):
                    self.count("error " + self.check_error(value, where))
                else:
                    self.count("ok")
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, ResourceAny):
                            item.drop(self.store)
                    if isinstance(value, Variant) and isinstance(value.payload, ResourceAny):
                        value.payload.drop(self.store)
            except Failure as failure:
                failures.setdefault(f"{interface}.{name}: {str(failure).split(': ', 2)[-1][:80]}", str(failure))
                if "trapped" in str(failure):
                    break  # a trapped instance cannot be called again
            finally:
                for key in self.live:
                    key.drop(self.store)
            if n % 250 == 249:
                self.healthy()
        if not failures:
            self.healthy()
        return failures

    def count(self, outcome):
        key = outcome if not outcome.startswith("error ") else "error"
        self.tally[key] = self.tally.get(key, 0) + 1


def gen_options():
    options = Record()
    options.kid = None
    setattr(options, "modulus-length", None)
    return options


def main():
    battery = Battery()
    failures = battery.run()
    covered = sorted({f"{i}.{n}" for i, n in battery.functions})
    print(f"component-malformed: {CALLS} calls over {len(covered)} functions: "
          + ", ".join(f"{k} {v}" for k, v in sorted(battery.tally.items())))
    for message in failures.values():
        print("FAIL", message)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
