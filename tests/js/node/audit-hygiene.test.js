// Regression tests for audit findings 7, 9, 11 and 12 (issue 14): each asserts the secure
// behaviour concretely, against the packed package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SigningKey, verifyJwt, jwks, signJwt, verifyWebhook, parseCallback, randomState } from "healthauth";

const NOW = () => Math.floor(Date.now() / 1000);
const BODY = '{"type":"lab.result","id":"r1"}';

// ---- finding 7 -------------------------------------------------------------------------------

test("finding 7: verifyJwt with audience: [] is ERR_INVALID_ARGUMENT, whatever the token's aud", () => {
  const key = SigningKey.generate("ES256");
  for (const aud of ["https://api.example", ["a", "b"], undefined]) {
    const claims = { exp: NOW() + 60 };
    if (aud !== undefined) claims.aud = aud;
    const token = signJwt(key, claims);
    for (const k of [key, key.verifyingKey(), key.publicJwk(), jwks([key])]) {
      assert.throws(() => verifyJwt(token, k, { audience: [] }), (e) => {
        assert.equal(e.code, "ERR_INVALID_ARGUMENT");
        assert.match(e.message, /audience/);
        return true;
      });
    }
    // Leaving it out still means "not checked"; a non-empty list still checks.
    verifyJwt(token, key, {});
  }
  const token = signJwt(key, { aud: "https://api.example", exp: NOW() + 60 });
  verifyJwt(token, key, { audience: ["https://api.example"] });
  assert.throws(() => verifyJwt(token, key, { audience: ["https://other.example"] }), { code: "ERR_JWT_CLAIM_INVALID" });
});

// ---- finding 12 ------------------------------------------------------------------------------

const HOSTILE = `evil\r\n2026-01-01T00:00:00Z ERROR admin login\u2028${"x".repeat(300)}`;

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("nothing was thrown");
}

function assertEchoedSafely(error, code) {
  assert.equal(error.code, code);
  assert.ok(!/[\r\n\u2028\u2029]/.test(error.message), `line break echoed: ${JSON.stringify(error.message)}`);
  assert.ok(error.message.includes("evil??2026-01-01T00:00:00Z ERROR admin"), error.message);
  assert.ok(error.message.includes("..."), "the cut is not marked");
  assert.ok(!error.message.includes("x".repeat(41)), "the echo is not bounded");
}

test("finding 12: an unknown webhook scheme and unknown option names are sanitized and bounded", () => {
  assertEchoedSafely(
    thrown(() => verifyWebhook({ scheme: HOSTILE, payload: BODY, headers: {}, secret: "s" })),
    "ERR_WEBHOOK_SCHEME_UNKNOWN",
  );
  assertEchoedSafely(
    thrown(() => verifyWebhook({ scheme: "telesoft", payload: BODY, headers: {}, secret: "s", [HOSTILE]: true })),
    "ERR_UNKNOWN_OPTION",
  );
  assertEchoedSafely(thrown(() => parseCallback("https://app/cb", { expectedState: "s", [HOSTILE]: 1 })), "ERR_UNKNOWN_OPTION");
  assertEchoedSafely(thrown(() => SigningKey.generate(HOSTILE)), "ERR_ALG_UNSUPPORTED");
});

test("finding 12: parseCallback refuses a callback without the expected state before showing provider text", () => {
  const state = randomState();
  const injected = "error=access_denied&error_description=Session+expired.+Call+support+at+%2B1-555-0100";
  for (const url of [`https://app/cb?${injected}`, `https://app/cb?${injected}&state=${randomState()}`]) {
    const e = thrown(() => parseCallback(url, { expectedState: state }));
    assert.equal(e.code, "ERR_OAUTH_STATE_MISMATCH");
    assert.ok(!/555|support|access_denied/.test(e.message), e.message);
    assert.equal(e.errorDescription, undefined);
  }
  // With the state, the (sanitized) provider error is reported; with RFC 9207, after the issuer.
  const e = thrown(() => parseCallback(`https://app/cb?${injected}&state=${state}`, { expectedState: state }));
  assert.equal(e.code, "ERR_OAUTH_CALLBACK_ERROR");
  assert.equal(e.error, "access_denied");
  const mixup = `https://app/cb?${injected}&state=${state}&iss=https%3A%2F%2Fevil.example`;
  assert.equal(thrown(() => parseCallback(mixup, { expectedState: state, expectedIssuer: "https://as.example" })).code, "ERR_OAUTH_CALLBACK_INVALID");
});
