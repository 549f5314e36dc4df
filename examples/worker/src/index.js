// A Cloudflare Worker using healthauth end to end (deploy it with examples/worker/README.md):
//   GET  /login                  PKCE + state, then a redirect to the provider's authorize URL
//   GET  /callback               constant-time state check, code exchange, then the user's profile
//   GET  /backend-token          a client_credentials token with a signed assertion (Redox or SMART
//                                Backend Services), cached in KV and shared by concurrent requests
//   GET  /.well-known/jwks.json  the public key of that assertion key: the JWKS URL to register
//   POST /webhooks/telesoft      a Telesoft webhook verified over its raw body
//   POST /webhooks/standard      a Standard Webhooks delivery, each id accepted once (Durable Object)
// Every binding is described in wrangler.toml. Endpoints, client authentication and scopes
// default to the provider presets of the package (`telesoft()`, `redox()`); a var overrides one.
// No input makes it answer 500: refusals are 4xx with the library's code, upstream failures 502.
import {
  createPkce,
  randomState,
  authorizationUrl,
  parseCallback,
  codeExchangeRequest,
  parseTokenResponse,
  SigningKey,
  TokenClient,
  verifyWebhookRequest,
  jwks,
  redox,
  smart,
  telesoft,
  HealthAuthError,
} from "healthauth";
import { HealthAuthStore, durableObjectStore } from "healthauth/workers";

// The Durable Object class bound as HEALTHAUTH_STORE (wrangler.toml): atomic replay claims.
export { HealthAuthStore };

const ROUTES = {
  "/login": ["GET", login],
  "/callback": ["GET", callback],
  "/backend-token": ["GET", backendToken],
  "/.well-known/jwks.json": ["GET", publishedJwks],
  "/webhooks/telesoft": ["POST", telesoftWebhook],
  "/webhooks/standard": ["POST", standardWebhook],
};

// Failures of a service the Worker calls, not of the request: 502, and the client may retry.
const UPSTREAM = new Set([
  "ERR_TOKEN_ENDPOINT_UNAVAILABLE",
  "ERR_TOKEN_ENDPOINT_REDIRECTED",
  "ERR_OAUTH_TOKEN_RESPONSE_INVALID",
  "ERR_STORE_UNAVAILABLE",
]);
const STATUS = { ERR_WEBHOOK_REPLAYED: 409, ERR_WEBHOOK_PAYLOAD_TOO_LARGE: 413 };

/** A binding the deployment lacks: 503 with the step that adds it (never its value). */
class NotConfigured extends Error {}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined;
    if (route === undefined) return Response.json({ error: "not_found" }, { status: 404 });
    const [method, handler] = route;
    if (request.method !== method) return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { allow: method } });
    try {
      return await handler(request, url, env);
    } catch (error) {
      // Codes and messages are safe to return: they never contain secrets or tokens.
      if (error instanceof HealthAuthError) {
        const status = STATUS[error.code] ?? (UPSTREAM.has(error.code) ? 502 : 400);
        return Response.json({ error: error.code, message: error.message }, { status });
      }
      if (error instanceof NotConfigured) return Response.json({ error: "not_configured", message: error.message }, { status: 503 });
      // Anything else came from a fetch to another service (a network error, a body that is not
      // JSON): say so without echoing it.
      console.error(`${url.pathname}: ${error?.name}`);
      return Response.json({ error: "upstream_failed", message: "a service this Worker calls failed; try again later" }, { status: 502 });
    }
  },
};

function setting(env, name, hint) {
  const value = env[name];
  if (typeof value !== "string" || value === "") throw new NotConfigured(`${name} is not set: ${hint}`);
  return value;
}

/** The login provider's preset: endpoints, client authentication, scopes (vars override). */
function loginProvider(env) {
  const preset = telesoft();
  return {
    authorizationEndpoint: env.AUTHORIZATION_ENDPOINT || preset.authorizationEndpoint,
    tokenEndpoint: env.TOKEN_ENDPOINT || preset.tokenEndpoint,
    clientAuthMethod: env.CLIENT_AUTH_METHOD || preset.clientAuthMethod,
    scope: env.SCOPE || preset.scopes,
  };
}

async function login(_request, url, env) {
  const provider = loginProvider(env);
  const { verifier, challenge } = createPkce();
  const state = randomState();
  const location = authorizationUrl({
    authorizationEndpoint: provider.authorizationEndpoint,
    clientId: setting(env, "CLIENT_ID", "set it in wrangler.toml [vars]"),
    redirectUri: new URL("/callback", url).href,
    scope: provider.scope,
    state,
    codeChallenge: challenge,
  });
  // The verifier stays server-side, keyed by the unguessable state, for the code's 10 minutes.
  await env.SESSIONS.put(`pkce:${state}`, verifier, { expirationTtl: 600 });
  return new Response(null, {
    status: 302,
    headers: { location, "set-cookie": `state=${state}; HttpOnly; Secure; SameSite=Lax; Path=/callback; Max-Age=600` },
  });
}

async function callback(request, url, env) {
  const provider = loginProvider(env);
  const expectedState = /(?:^|;\s*)state=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? "";
  const { code } = parseCallback(request.url, { expectedState }); // ERR_OAUTH_STATE_MISMATCH, _CALLBACK_ERROR
  const verifier = await env.SESSIONS.get(`pkce:${expectedState}`);
  if (verifier === null) return Response.json({ error: "login_expired", message: "this login expired or was already used: start again at /login" }, { status: 400 });
  await env.SESSIONS.delete(`pkce:${expectedState}`); // one code exchange per login
  const method = provider.clientAuthMethod;
  const exchange = codeExchangeRequest({
    tokenEndpoint: provider.tokenEndpoint,
    clientId: setting(env, "CLIENT_ID", "set it in wrangler.toml [vars]"),
    clientAuth:
      method === "none" ? { method } : { method, secret: setting(env, "CLIENT_SECRET", "run `npx wrangler secret put CLIENT_SECRET`") },
    code,
    redirectUri: new URL("/callback", url).href,
    codeVerifier: verifier,
  });
  const response = await fetch(exchange.url, exchange);
  const token = parseTokenResponse(response.status, await response.text());
  // A real app would start a session here; the example shows the token works.
  const signedIn = { signedIn: true, scope: token.scope, expiresAt: token.expiresAt };
  if (!env.USERINFO_ENDPOINT) return Response.json(signedIn);
  const profile = await fetch(env.USERINFO_ENDPOINT, { headers: { authorization: `Bearer ${token.accessToken}` } });
  if (!profile.ok) return Response.json({ ...signedIn, error: "userinfo_failed", status: profile.status }, { status: 502 });
  return Response.json({ ...signedIn, profile: await profile.json() });
}

let signingKey; // the backend key, imported once per isolate; it stays inside WebAssembly
let backend; // one TokenClient per isolate: cached tokens, one request in flight

function backendKey(env) {
  const hint = "run `npx healthauth keygen --alg ES384 --out backend.pem`, then `npx wrangler secret put BACKEND_PRIVATE_KEY < backend.pem`";
  const text = setting(env, "BACKEND_PRIVATE_KEY", hint);
  // PKCS#8 PEM (what `healthauth keygen` writes) or a private JWK; RSA PEM needs BACKEND_KEY_ALG.
  const options = env.BACKEND_KEY_ALG ? { alg: env.BACKEND_KEY_ALG } : undefined;
  try {
    signingKey ??= text.trimStart().startsWith("{") ? SigningKey.fromJwk(text, options) : SigningKey.fromPem(text, options);
  } catch (error) {
    // A deployment mistake, not the request's: the code says which (never the key).
    if (error instanceof HealthAuthError) throw new NotConfigured(`BACKEND_PRIVATE_KEY is not a usable private key (${error.code}): ${hint}`);
    throw error;
  }
  return signingKey;
}

/** The backend provider's preset: Redox, or SMART Backend Services at BACKEND_TOKEN_ENDPOINT. */
function backendProvider(env) {
  if (env.BACKEND_PROVIDER === "smart") return smart({ tokenEndpoint: setting(env, "BACKEND_TOKEN_ENDPOINT", "the FHIR server's token endpoint") });
  return redox();
}

async function backendToken(_request, _url, env) {
  backend ??= new TokenClient({
    provider: backendProvider(env),
    tokenEndpoint: env.BACKEND_TOKEN_ENDPOINT || undefined, // the preset's unless set
    clientId: setting(env, "BACKEND_CLIENT_ID", "set it in wrangler.toml [vars]"),
    signingKey: backendKey(env),
    scope: env.BACKEND_SCOPE || undefined,
    store: env.TOKENS, // shared by every isolate of this Worker (best effort: KV is not atomic)
  });
  const accessToken = await backend.getAccessToken();
  // Never return the token itself; show that there is one.
  return Response.json({ ok: true, tokenLength: accessToken.length });
}

async function publishedJwks(_request, _url, env) {
  // Providers fetch this on every token request they cannot match to a cached key: let them
  // cache it, briefly enough that a rotated key is picked up within minutes.
  return Response.json(jwks([backendKey(env)]), { headers: { "cache-control": "public, max-age=300" } });
}

/** The body as JSON, or a clean 400 for a signed body that is not JSON. */
function parsed(hook) {
  try {
    return { event: hook.json() };
  } catch {
    return { refused: Response.json({ error: "body_not_json", message: "the webhook is correctly signed, but its body is not JSON" }, { status: 400 }) };
  }
}

async function telesoftWebhook(request, _url, env) {
  const secret = setting(env, "WEBHOOK_SECRET", "run `npx wrangler secret put WEBHOOK_SECRET`");
  const { event, refused } = parsed(await verifyWebhookRequest(request, { scheme: "telesoft", secret }));
  return refused ?? Response.json({ received: event?.event ?? null });
}

async function standardWebhook(request, _url, env) {
  const secret = setting(env, "STANDARD_WEBHOOK_SECRET", "run `npx wrangler secret put STANDARD_WEBHOOK_SECRET`");
  // Standard Webhooks sign an id: the Durable Object accepts each id once, across isolates.
  const seen = durableObjectStore(env.HEALTHAUTH_STORE);
  const hook = await verifyWebhookRequest(request, { scheme: "standard", secret, seen });
  const { event, refused } = parsed(hook);
  return refused ?? Response.json({ received: hook.id, type: event?.type ?? null });
}
