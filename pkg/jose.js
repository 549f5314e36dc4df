// The JOSE functions whose argument may be one of several kinds: dispatch by type only; every
// rule is in the wasm core.
import {
  SigningKey,
  VerifyingKey,
  verifyJwtWithKey,
  verifyJwtWithJwks,
  verifyIdTokenWithKey,
  verifyIdTokenWithJwks,
  jwksFromJwks,
} from "./dist/healthauth.js";

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
 * Verifies an OpenID Connect ID token against a `VerifyingKey`, a `SigningKey`, a public JWK or
 * a JWKS (as for `verifyJwt`): signature, `iss`, `aud`/`azp`, `exp`/`iat`, `nonce`, `at_hash`,
 * `auth_time`.
 */
export function verifyIdToken(token, key, options) {
  if (key instanceof VerifyingKey) return verifyIdTokenWithKey(token, key, options);
  if (key instanceof SigningKey) {
    const verifying = key.verifyingKey();
    try {
      return verifyIdTokenWithKey(token, verifying, options);
    } finally {
      verifying.free();
    }
  }
  return verifyIdTokenWithJwks(token, key, options);
}

/**
 * The JWKS document to publish for these keys: `{ keys: [public JWK, ...] }`.
 * Accepts `SigningKey` and `VerifyingKey` instances and public JWK objects; the core refuses
 * two keys with one `kid`.
 */
export function jwks(keys) {
  if (!Array.isArray(keys)) return jwksFromJwks(keys);
  return jwksFromJwks(
    keys.map((key) => {
      if (key instanceof SigningKey) return key.publicJwk();
      if (key instanceof VerifyingKey) return key.toJwk();
      return key;
    }),
  );
}
