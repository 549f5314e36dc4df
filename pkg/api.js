// The public surface, listed once. Entries initialise the wasm module, then re-export this.
export {
  createPkce,
  pkceChallenge,
  verifyPkce,
  randomState,
  // ---- jose ----
  SigningKey,
  VerifyingKey,
  signJwt,
  clientAssertion,

  // ---- webhook ----
  verifyWebhook,
  signWebhook,
  redoxVerification,
  // ---- oauth and providers ----

  // ---- end of wasm exports ----
} from "./dist/healthauth.js";
export { HealthAuthError } from "./errors.js";
// ---- JS-only modules (I/O at the edge) ----
export { verifyJwt, jwks } from "./jose.js";

// ---- webhook ----
export { verifyWebhookRequest } from "./webhook.js";
// ---- oauth and providers ----

// ---- end of JS-only modules ----
