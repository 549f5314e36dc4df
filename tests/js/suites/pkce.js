// PKCE (RFC 7636): createPkce, pkceChallenge, verifyPkce, randomState.
import { ok, equal, throwsCode, base64url } from "./assert.js";

const RFC7636_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7636_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const VERIFIER_GRAMMAR = /^[A-Za-z0-9\-._~]{43,128}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function pkceSuite(ha, platform) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `pkce: ${name}`, fn });

  test("exports the documented names", () => {
    for (const name of ["createPkce", "pkceChallenge", "verifyPkce", "randomState", "HealthAuthError"]) {
      equal(typeof ha[name], "function", name);
    }
    ok(Object.prototype.isPrototypeOf.call(Error, ha.HealthAuthError), "HealthAuthError extends Error");
    const e = new ha.HealthAuthError("ERR_INVALID_ARGUMENT", "m");
    equal(e.code, "ERR_INVALID_ARGUMENT");
    ok(e instanceof Error);
  });

  test("RFC 7636 Appendix B vector", () => {
    equal(ha.pkceChallenge(RFC7636_VERIFIER), RFC7636_CHALLENGE);
    equal(ha.verifyPkce(RFC7636_VERIFIER, RFC7636_CHALLENGE), true);
  });

  test("createPkce makes a valid default pair", () => {
    const pair = ha.createPkce();
    equal(Object.keys(pair).sort().join(","), "challenge,method,verifier");
    equal(pair.verifier.length, 64);
    ok(VERIFIER_GRAMMAR.test(pair.verifier), "verifier grammar");
    equal(pair.method, "S256");
    equal(pair.challenge, ha.pkceChallenge(pair.verifier));
    ok(ha.verifyPkce(pair.verifier, pair.challenge));
    equal(ha.createPkce({}).verifier.length, 64);
    equal(ha.createPkce(null).verifier.length, 64);
    equal(ha.createPkce({ length: undefined }).verifier.length, 64);
  });

  test("createPkce honours length 43..128 and refuses others", () => {
    for (const length of [43, 44, 100, 128]) {
      const { verifier } = ha.createPkce({ length });
      equal(verifier.length, length);
      ok(VERIFIER_GRAMMAR.test(verifier));
    }
    for (const length of [0, 1, 42, 129, 1e6, Number.MAX_SAFE_INTEGER]) {
      throwsCode(ha, () => ha.createPkce({ length }), "ERR_PKCE_VERIFIER_LENGTH");
    }
    for (const length of [-1, 1.5, NaN, Infinity, "64", null, {}, 2 ** 60]) {
      throwsCode(ha, () => ha.createPkce({ length }), "ERR_INVALID_ARGUMENT");
    }
    throwsCode(ha, () => ha.createPkce({ lenght: 64 }), "ERR_UNKNOWN_OPTION");
    for (const options of [64, "x", true, [1]]) {
      throwsCode(ha, () => ha.createPkce(options), "ERR_INVALID_ARGUMENT");
    }
  });

  test("1000 generated pairs match the platform's SHA-256", async () => {
    const seen = new Set();
    for (let i = 0; i < 1000; i++) {
      const { verifier, challenge } = ha.createPkce({ length: 43 + (i % 86) });
      ok(VERIFIER_GRAMMAR.test(verifier), "verifier grammar");
      equal(challenge, base64url(await platform.sha256(verifier)), `pair ${i}`);
      seen.add(verifier);
    }
    equal(seen.size, 1000, "verifiers are unique");
  });

  test("verifiers outside RFC 7636 grammar throw with a code", () => {
    const cases = [
      ["a".repeat(42), "ERR_PKCE_VERIFIER_LENGTH"],
      ["a".repeat(129), "ERR_PKCE_VERIFIER_LENGTH"],
      ["", "ERR_PKCE_VERIFIER_LENGTH"],
      ["a".repeat(42) + "+", "ERR_PKCE_VERIFIER_INVALID"],
      ["a".repeat(20) + " " + "a".repeat(22), "ERR_PKCE_VERIFIER_INVALID"],
      ["é" + "a".repeat(50), "ERR_PKCE_VERIFIER_INVALID"],
      ["a".repeat(50) + "\u{1F600}", "ERR_PKCE_VERIFIER_INVALID"],
      ["a".repeat(50) + "=", "ERR_PKCE_VERIFIER_INVALID"],
      ["a".repeat(50) + "\0", "ERR_PKCE_VERIFIER_INVALID"],
    ];
    for (const [verifier, code] of cases) {
      throwsCode(ha, () => ha.pkceChallenge(verifier), code, verifier.length > 8 ? verifier : undefined);
      equal(ha.verifyPkce(verifier, RFC7636_CHALLENGE), false);
    }
    for (const bad of [undefined, null, 43, {}, ["a".repeat(43)]]) {
      throwsCode(ha, () => ha.pkceChallenge(bad), "ERR_INVALID_ARGUMENT");
    }
  });

  test("verifyPkce refuses near misses and wrong types", () => {
    const flipped = (RFC7636_CHALLENGE[0] === "E" ? "F" : "E") + RFC7636_CHALLENGE.slice(1);
    equal(ha.verifyPkce(RFC7636_VERIFIER, flipped), false);
    equal(ha.verifyPkce(RFC7636_VERIFIER, RFC7636_CHALLENGE.slice(0, 42)), false);
    equal(ha.verifyPkce(RFC7636_VERIFIER, RFC7636_CHALLENGE + "="), false);
    equal(ha.verifyPkce(RFC7636_VERIFIER, ""), false);
    equal(ha.verifyPkce(RFC7636_VERIFIER + "A", RFC7636_CHALLENGE), false);
    throwsCode(ha, () => ha.verifyPkce(RFC7636_VERIFIER), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.verifyPkce(undefined, RFC7636_CHALLENGE), "ERR_INVALID_ARGUMENT");
  });

  test("randomState is base64url with the requested entropy", () => {
    equal(ha.randomState().length, 43);
    equal(ha.randomState(16).length, 22);
    equal(ha.randomState(256).length, 342);
    const seen = new Set();
    for (let i = 0; i < 1000; i++) {
      const s = ha.randomState();
      ok(BASE64URL.test(s));
      seen.add(s);
    }
    equal(seen.size, 1000, "states are unique");
    for (const bytes of [0, 15, 257, 1e9]) {
      throwsCode(ha, () => ha.randomState(bytes), "ERR_RANDOM_LENGTH");
    }
    for (const bytes of [-1, 16.5, "32", null, NaN]) {
      throwsCode(ha, () => ha.randomState(bytes), "ERR_INVALID_ARGUMENT");
    }
  });

  test("thousands of bad calls leave the instance working", () => {
    for (let i = 0; i < 5000; i++) {
      try {
        switch (i % 5) {
          case 0: ha.pkceChallenge("x".repeat(i % 200)); break;
          case 1: ha.createPkce({ length: i }); break;
          case 2: ha.pkceChallenge({ toString: () => "a".repeat(50) }); break;
          case 3: ha.randomState(-i); break;
          default: ha.createPkce({ nope: i });
        }
      } catch (e) {
        if (!(e instanceof ha.HealthAuthError)) throw e;
      }
    }
    equal(ha.pkceChallenge(RFC7636_VERIFIER), RFC7636_CHALLENGE);
    const [a, b] = [ha.createPkce(), ha.createPkce()];
    ok(ha.verifyPkce(a.verifier, a.challenge));
    equal(ha.verifyPkce(a.verifier, b.challenge), false);
  });

  return tests;
}
