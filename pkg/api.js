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
  dpopProof,
  verifyDpopProof,
  // ---- discovery and smart ----
  parseSmartConfiguration,
  parseOpenIdConfiguration,
  discoveryUrls,
  parseScopes,
  scopesSatisfy,
  missingScopes,

  // ---- webhook ----
  verifyWebhook,
  signWebhook,
  redoxVerification,
  WebhookVerifier,
  // ---- oauth and providers ----
  authorizationUrl,
  parseCallback,
  parseTokenResponse,
  parsePushedAuthorizationResponse,
  parseRevocationResponse,
  parseIntrospectionResponse,
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
export { verifyJwt, verifyIdToken, jwks } from "./jose.js";
export {
  codeExchangeRequest,
  refreshRequest,
  clientCredentialsRequest,
  pushedAuthorizationRequest,
  revocationRequest,
  introspectionRequest,
} from "./oauth.js";

// ---- webhook ----
export { verifyWebhookRequest, memoryReplayStore } from "./webhook.js";
// ---- oauth and providers ----
export { TokenClient } from "./token-client.js";
// ---- stores ----
export { redisStore, denoKvStore, durableObjectStore } from "./stores.js";
// ---- end of JS-only modules ----
