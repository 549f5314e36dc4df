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
  WebhookVerifier,
  // ---- oauth and providers ----
  authorizationUrl,
  parseCallback,
  parseTokenResponse,
  updoxAuth,
  parseApiKey,
  ipAllowed,
  redox,
  telesoft,
  digitail,
  smart,
  // ---- end of wasm exports ----
} from "./dist/healthauth.js";
export { HealthAuthError } from "./errors.js";
// ---- JS-only modules (I/O at the edge) ----
export { verifyJwt, jwks } from "./jose.js";
export { codeExchangeRequest, refreshRequest, clientCredentialsRequest } from "./oauth.js";

// ---- webhook ----
export { verifyWebhookRequest, memoryReplayStore } from "./webhook.js";
// ---- oauth and providers ----
export { TokenClient } from "./token-client.js";
export { discover, smartBackend } from "./discovery.js";
export { RemoteJwks } from "./remote-jwks.js";
// ---- end of JS-only modules ----
