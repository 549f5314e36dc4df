// Regression tests for audit findings 7, 9, 11 and 12 (issue 14): each asserts the secure
// behaviour concretely, against the packed package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SigningKey, verifyJwt, jwks, signJwt } from "healthauth";

const NOW = () => Math.floor(Date.now() / 1000);

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
