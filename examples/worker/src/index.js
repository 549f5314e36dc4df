// A Cloudflare Worker using healthauth end to end:
//   GET  /login              PKCE + state, then a redirect to the provider's authorize URL
//   GET  /callback           constant-time state check, code exchange, then the user's profile
//   GET  /backend-token      a client_credentials token with a signed assertion (Redox/SMART
//                            style), cached in KV and shared by every concurrent request
//   POST /webhooks/telesoft  a Telesoft webhook verified over its raw body
// Bindings (wrangler.toml): SESSIONS and TOKENS (KV), AUTHORIZATION_ENDPOINT, TOKEN_ENDPOINT,
// USERINFO_ENDPOINT, CLIENT_ID, SCOPE, BACKEND_CLIENT_ID, BACKEND_PRIVATE_JWK (a secret),
// WEBHOOK_SECRET (a secret).
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
  HealthAuthError,
} from "healthauth";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      if (request.method === "GET" && url.pathname === "/login") return await login(url, env);
      if (request.method === "GET" && url.pathname === "/callback") return await callback(request, url, env);
      if (request.method === "GET" && url.pathname === "/backend-token") return await backendToken(env);
      if (request.method === "POST" && url.pathname === "/webhooks/telesoft") return await telesoftWebhook(request, env);
      return new Response("not found\n", { status: 404 });
    } catch (error) {
      // Codes and messages are safe to return: they never contain secrets or tokens.
      if (error instanceof HealthAuthError) return Response.json({ error: error.code, message: error.message }, { status: 400 });
      throw error;
    }
  },
};

async function login(url, env) {
  const { verifier, challenge } = createPkce();
  const state = randomState();
  // The verifier stays server-side, keyed by the unguessable state, for the code's 10 minutes.
  await env.SESSIONS.put(`pkce:${state}`, verifier, { expirationTtl: 600 });
  const location = authorizationUrl({
    authorizationEndpoint: env.AUTHORIZATION_ENDPOINT,
    clientId: env.CLIENT_ID,
    redirectUri: new URL("/callback", url).href,
    scope: env.SCOPE,
    state,
    codeChallenge: challenge,
  });
  return new Response(null, {
    status: 302,
    headers: { location, "set-cookie": `state=${state}; HttpOnly; Secure; SameSite=Lax; Path=/callback; Max-Age=600` },
  });
}

async function callback(request, url, env) {
  const expectedState = /(?:^|;\s*)state=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? "";
  const { code } = parseCallback(request.url, { expectedState }); // ERR_OAUTH_STATE_MISMATCH, _CALLBACK_ERROR
  const verifier = await env.SESSIONS.get(`pkce:${expectedState}`);
  if (verifier === null) return Response.json({ error: "login expired or already used" }, { status: 400 });
  await env.SESSIONS.delete(`pkce:${expectedState}`); // one code exchange per login
  const exchange = codeExchangeRequest({
    tokenEndpoint: env.TOKEN_ENDPOINT,
    clientId: env.CLIENT_ID,
    code,
    redirectUri: new URL("/callback", url).href,
    codeVerifier: verifier,
  });
  const response = await fetch(exchange.url, exchange);
  const token = parseTokenResponse(response.status, await response.text());
  // A real app would start a session here; the example shows the token works.
  const profile = await fetch(env.USERINFO_ENDPOINT, { headers: { authorization: `Bearer ${token.accessToken}` } });
  return Response.json({ signedIn: true, profile: await profile.json(), expiresAt: token.expiresAt });
}

let backend; // one TokenClient per isolate: cached tokens, one request in flight

async function backendToken(env) {
  backend ??= new TokenClient({
    tokenEndpoint: env.TOKEN_ENDPOINT,
    clientId: env.BACKEND_CLIENT_ID,
    signingKey: SigningKey.fromJwk(env.BACKEND_PRIVATE_JWK), // the key stays inside WebAssembly
    store: env.TOKENS, // shared by every isolate of this Worker
  });
  const accessToken = await backend.getAccessToken();
  // Never return the token itself; show that there is one.
  return Response.json({ ok: true, tokenLength: accessToken.length });
}

async function telesoftWebhook(request, env) {
  const { json } = await verifyWebhookRequest(request, { scheme: "telesoft", secret: env.WEBHOOK_SECRET });
  const event = json();
  return Response.json({ received: event.event });
}
