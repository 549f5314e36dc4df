// The JOSE functions whose argument may be one of several kinds: dispatch by type only; every
// rule is in the wasm core.
import {
  SigningKey,
  VerifyingKey,
  verifyJwtWithKey,
  verifyJwtWithJwks,
} from "./dist/healthauth.js";
import { HealthAuthError } from "./errors.js";

/**
 * Verifies a JWT's signature and claims against a `VerifyingKey`, a `SigningKey` (its public
 * half, or its secret for HMAC), a public JWK, or a JWKS (`{ keys: [...] }`, object or JSON).
 */
export function verifyJwt(token, key, options) {
  if (key instanceof VerifyingKey) return verifyJwtWithKey(token, key, options);
  if (key instanceof SigningKey) {
    const verifying = key.verifyingKey();
    try {
      return verifyJwtWithKey(token, verifying, options);
    } finally {
      verifying.free();
    }
  }
  return verifyJwtWithJwks(token, key, options);
}

/**
 * The JWKS document to publish for these keys: `{ keys: [public JWK, ...] }`.
 * Accepts `SigningKey` and `VerifyingKey` instances and public JWK objects.
 */
export function jwks(keys) {
  if (!Array.isArray(keys)) {
    throw new HealthAuthError("ERR_INVALID_ARGUMENT", "`keys` must be an array of keys");
  }
  const out = keys.map((key) => {
    if (key instanceof SigningKey) return key.publicJwk();
    if (key instanceof VerifyingKey) return key.toJwk();
    const parsed = VerifyingKey.fromJwk(key);
    try {
      return parsed.toJwk();
    } finally {
      parsed.free();
    }
  });
  const kids = out.map((jwk) => jwk.kid).filter((kid) => kid !== undefined);
  if (new Set(kids).size !== kids.length) {
    throw new HealthAuthError("ERR_INVALID_ARGUMENT", "two keys in the JWKS share one `kid`");
  }
  return { keys: out };
}
