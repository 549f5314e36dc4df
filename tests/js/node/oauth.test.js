// End to end against a real OAuth server: oidc-provider on 127.0.0.1, driven through its
// development login and consent forms with plain fetch and a cookie jar. No mock of the server:
// the code flow with PKCE and refresh, client_secret_post, and private_key_jwt with ES384 and
// RS384 must all be accepted by it, with keys and assertions made by healthauth itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as ha from "healthauth";
import { startOidcServer, authorize as drive } from "./oidc-server.js";

const APP_REDIRECT = "http://127.0.0.1:9/cb"; // never dialled: the test reads the redirect itself
const POST_SECRET = "post-client-secret-0123456789abcdef";
const BASIC_SECRET = "basic client secret: with spaces & symbols +/=";
const HMAC_SECRET = "hs384-client-secret-0123456789abcdef0123456789abcdef0123456789abcdef";
let server;
let issuer;
let discovery;
const keys = {};

before(async () => {
  for (const alg of ["ES384", "RS384"]) {
    // healthauth's own keys: the server registers the public JWK that `jwks()` publishes.
    const key = ha.SigningKey.generate(alg);
    keys[alg] = { key, jwk: ha.jwks([key]).keys[0] };
  }
  server = await startOidcServer([
    {
      client_id: "public-app",
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      redirect_uris: [APP_REDIRECT],
    },
    {
      client_id: "post-client",
      client_secret: POST_SECRET,
      token_endpoint_auth_method: "client_secret_post",
      grant_types: ["authorization_code", "refresh_token", "client_credentials"],
      response_types: ["code"],
      redirect_uris: [APP_REDIRECT],
    },
    {
      client_id: "basic-client",
      client_secret: BASIC_SECRET,
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
    },
    {
      client_id: "jwt-HS384",
      client_secret: HMAC_SECRET,
      token_endpoint_auth_method: "client_secret_jwt",
      token_endpoint_auth_signing_alg: "HS384",
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
    },
    ...["ES384", "RS384"].map((alg) => ({
      client_id: `jwt-${alg}`,
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: alg,
      jwks: { keys: [keys[alg].jwk] },
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
    })),
  ]);
  ({ issuer, discovery } = server);
});

after(() => server.close());

function authorize(url) {
  return drive(url, { issuer, redirectUri: APP_REDIRECT });
}

async function send(request) {
  const response = await fetch(request.url, request);
  return ha.parseTokenResponse(response.status, await response.text());
}

function signer(alg, clientId) {
  return ({ tokenEndpoint }) => ha.clientAssertion(keys[alg].key, { clientId, audience: tokenEndpoint });
}

async function codeFlow(clientId, extra) {
  const pkce = ha.createPkce();
  const state = ha.randomState();
  const url = ha.authorizationUrl({
    authorizationEndpoint: discovery.authorization_endpoint,
    clientId,
    redirectUri: APP_REDIRECT,
    scope: "openid",
    state,
    codeChallenge: pkce.challenge,
  });
  const redirected = await authorize(url);
  assert.equal(discovery.authorization_response_iss_parameter_supported, true);
  const callback = ha.parseCallback(redirected, { expectedState: state, expectedIssuer: discovery.issuer });
  assert.equal(callback.iss, issuer);
  const exchange = {
    tokenEndpoint: discovery.token_endpoint,
    clientId,
    code: callback.code,
    redirectUri: APP_REDIRECT,
    codeVerifier: pkce.verifier,
    ...extra,
  };
  return { pkce, state, callback, exchange, redirected };
}

test("e2e: authorization code + PKCE for a public client, then refresh", async () => {
  const { exchange, redirected } = await codeFlow("public-app");
  // A forged state is refused before any token request.
  assert.throws(() => ha.parseCallback(redirected, { expectedState: ha.randomState() }), { code: "ERR_OAUTH_STATE_MISMATCH" });
  // A wrong verifier is refused by the server (and the code is then spent).
  const wrong = await codeFlow("public-app");
  await assert.rejects(send(ha.codeExchangeRequest({ ...wrong.exchange, codeVerifier: ha.createPkce().verifier })), {
    code: "ERR_OAUTH_TOKEN_ERROR",
    error: "invalid_grant",
  });

  const token = await send(ha.codeExchangeRequest(exchange));
  assert.equal(token.tokenType, "Bearer");
  assert.ok(token.accessToken && token.refreshToken && token.idToken);
  assert.ok(token.refreshAt < token.expiresAt);
  const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${token.accessToken}` } });
  assert.equal(userinfo.status, 200);
  assert.equal((await userinfo.json()).sub, "alice");

  const refreshed = await send(
    ha.refreshRequest({ tokenEndpoint: discovery.token_endpoint, clientId: "public-app", refreshToken: token.refreshToken }),
  );
  assert.notEqual(refreshed.accessToken, token.accessToken);
  assert.ok(refreshed.refreshToken, "public clients get a rotated refresh token");

  // TokenClient with the rotated refresh token (a public client: no secret, fine in browsers too).
  const client = new ha.TokenClient({
    tokenEndpoint: discovery.token_endpoint,
    clientId: "public-app",
    refreshToken: refreshed.refreshToken,
  });
  const viaClient = await client.getAccessToken();
  assert.ok(viaClient && viaClient !== refreshed.accessToken);
  const again = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${viaClient}` } });
  assert.equal(again.status, 200);
  // The code is single-use: a second exchange fails, and the server revokes what it issued.
  await assert.rejects(send(ha.codeExchangeRequest(exchange)), { code: "ERR_OAUTH_TOKEN_ERROR", error: "invalid_grant" });
  const revoked = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${viaClient}` } });
  assert.equal(revoked.status, 401);
});

test("e2e: client_secret_post: code flow, refresh and client credentials", async () => {
  const auth = { clientAuth: { method: "client_secret_post", secret: POST_SECRET } };
  const { exchange } = await codeFlow("post-client", auth);
  const token = await send(ha.codeExchangeRequest(exchange));
  assert.ok(token.refreshToken);
  const refreshed = await send(
    ha.refreshRequest({ tokenEndpoint: discovery.token_endpoint, clientId: "post-client", refreshToken: token.refreshToken, ...auth }),
  );
  assert.ok(refreshed.accessToken);
  const cc = await send(ha.clientCredentialsRequest({ tokenEndpoint: discovery.token_endpoint, clientId: "post-client", ...auth }));
  assert.equal(cc.tokenType, "Bearer");
  assert.ok(cc.expiresIn > 0 && cc.refreshToken === undefined);
  // A wrong secret: the server's invalid_client surfaces with its code, without the secret.
  const error = await send(
    ha.clientCredentialsRequest({
      tokenEndpoint: discovery.token_endpoint,
      clientId: "post-client",
      clientAuth: { method: "client_secret_post", secret: "wrong-secret-value" },
    }),
  ).catch((e) => e);
  assert.equal(error.code, "ERR_OAUTH_TOKEN_ERROR");
  assert.equal(error.error, "invalid_client");
  assert.equal(error.status, 401);
  assert.ok(!error.message.includes("wrong-secret-value"));
});

for (const alg of ["ES384", "RS384"]) {
  test(`e2e: private_key_jwt with ${alg}: client credentials, direct and through TokenClient`, async () => {
    const clientId = `jwt-${alg}`;
    const sign = signer(alg, clientId);
    const assertion = await sign({ tokenEndpoint: discovery.token_endpoint });
    const token = await send(
      ha.clientCredentialsRequest({
        tokenEndpoint: discovery.token_endpoint,
        clientId,
        clientAuth: { method: "private_key_jwt", assertion },
      }),
    );
    assert.ok(token.accessToken);
    // The same assertion again is a replay (same jti): the server refuses it.
    const replay = await send(
      ha.clientCredentialsRequest({ tokenEndpoint: discovery.token_endpoint, clientAuth: { method: "private_key_jwt", assertion } }),
    ).catch((e) => e);
    assert.equal(replay.code, "ERR_OAUTH_TOKEN_ERROR");
    assert.equal(replay.error, "invalid_client");

    // The one-call form: clientCredentialsRequest signs with the key itself.
    const direct = await send(
      ha.clientCredentialsRequest({ tokenEndpoint: discovery.token_endpoint, clientId, signingKey: keys[alg].key }),
    );
    assert.ok(direct.accessToken);

    // TokenClient signs a fresh assertion per request; 1000 concurrent callers, one request.
    const client = new ha.TokenClient({
      tokenEndpoint: discovery.token_endpoint,
      clientId,
      signingKey: keys[alg].key,
    });
    const before = server.requests.token;
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => client.getAccessToken()));
    assert.equal(server.requests.token - before, 1, "requests counted at the server");
    assert.equal(new Set(tokens).size, 1);
    assert.equal(await client.getAccessToken(), tokens[0]);
    assert.equal(server.requests.token - before, 1);
    // A key the server does not know: invalid_client at once, no retry.
    const stranger = new ha.TokenClient({
      tokenEndpoint: discovery.token_endpoint,
      clientId,
      signingKey: ha.SigningKey.generate(alg, { kid: keys[alg].key.kid }),
    });
    const start = server.requests.token;
    await assert.rejects(stranger.getAccessToken(), { code: "ERR_OAUTH_TOKEN_ERROR", error: "invalid_client" });
    assert.equal(server.requests.token - start, 1);
  });
}

test("e2e: client_secret_basic (reserved characters in the secret) and client_secret_jwt with HS384", async () => {
  const basic = await send(
    ha.clientCredentialsRequest({ tokenEndpoint: discovery.token_endpoint, clientId: "basic-client", clientSecret: BASIC_SECRET }),
  );
  assert.ok(basic.accessToken);
  const hs384 = new ha.TokenClient({
    tokenEndpoint: discovery.token_endpoint,
    clientId: "jwt-HS384",
    signingKey: ha.SigningKey.fromSecret(HMAC_SECRET, { alg: "HS384" }),
  });
  assert.ok(await hs384.getAccessToken());
});

test("kidRequired: a preset that requires a kid refuses a key without one, before any request", async () => {
  const hs384 = ha.SigningKey.fromSecret("s".repeat(48), { alg: "HS384" });
  let requests = 0;
  const fetch = async () => {
    requests++;
    return new Response("{}", { status: 500 });
  };
  for (const provider of [ha.redox(), { ...ha.smart({ tokenEndpoint: "https://ehr.example/token" }), assertionAlgorithms: ["HS384"] }]) {
    assert.throws(
      () => new ha.TokenClient({ provider, clientId: "c", signingKey: hs384, fetch }),
      (e) => e.code === "ERR_CLIENT_ASSERTION_INVALID" && /kid/.test(e.message),
    );
  }
  assert.equal(requests, 0);
  // A preset without the rule takes the same key.
  const open = { ...ha.redox(), kidRequired: false };
  new ha.TokenClient({ provider: open, clientId: "c", signingKey: hs384, fetch });
  // An asymmetric key has one (its thumbprint, unless another is given); an empty one is none.
  new ha.TokenClient({ provider: ha.redox(), clientId: "c", signingKey: ha.SigningKey.generate("ES384"), fetch });
  assert.throws(
    () => new ha.TokenClient({ provider: ha.redox(), clientId: "c", signingKey: ha.SigningKey.generate("ES384", { kid: "" }), fetch }),
    { code: "ERR_CLIENT_ASSERTION_INVALID" },
  );
});

test("a preset's assertion lifetime is the preset's maximum, within 300 s", async () => {
  const key = ha.SigningKey.generate("ES384");
  const bodies = [];
  const fetch = async (url, init) => {
    bodies.push(new URLSearchParams(init.body));
    return new Response(JSON.stringify({ access_token: `at-${bodies.length}`, expires_in: 300 }), { status: 200 });
  };
  const lifetime = async (provider) => {
    await new ha.TokenClient({ provider, clientId: "c", signingKey: key, fetch }).getAccessToken();
    const { claims } = ha.verifyJwt(bodies.at(-1).get("client_assertion"), key, { audience: provider.tokenEndpoint });
    return claims.exp - claims.iat;
  };
  const smart = ha.smart({ tokenEndpoint: "https://ehr.example/token" });
  assert.equal(await lifetime(smart), 300);
  assert.equal(await lifetime({ ...smart, maxAssertionLifetimeSeconds: 60 }), 60);
  assert.equal(await lifetime({ ...smart, maxAssertionLifetimeSeconds: 3600 }), 300);
});

test("pkceRequired: authorizationUrl with a preset that requires PKCE needs a codeChallenge", () => {
  const digitail = ha.digitail({ baseUrl: "https://clinic.example" });
  const { challenge: codeChallenge } = ha.createPkce();
  const options = { provider: digitail, clientId: "app", redirectUri: "https://app.example/cb", state: ha.randomState() };
  assert.throws(
    () => ha.authorizationUrl(options),
    (e) => e.code === "ERR_INVALID_ARGUMENT" && /PKCE/.test(e.message),
  );
  const url = new URL(ha.authorizationUrl({ ...options, codeChallenge }));
  assert.equal(url.origin + url.pathname, "https://clinic.example/oauth/authorize"); // the preset's endpoint
  assert.equal(url.searchParams.get("code_challenge"), codeChallenge);
  // Telesoft does not require it; an explicit endpoint wins over the preset's.
  ha.authorizationUrl({ ...options, provider: ha.telesoft() });
  const own = ha.authorizationUrl({ ...options, codeChallenge, authorizationEndpoint: "https://login.example/authorize" });
  assert.ok(own.startsWith("https://login.example/authorize?"));
  // A preset without an authorization endpoint needs one given.
  assert.throws(() => ha.authorizationUrl({ ...options, provider: ha.redox() }), { code: "ERR_INVALID_ARGUMENT" });
});

test("signing keys follow the preset's rules (SMART: RS384/ES384; Redox: also HS384)", () => {
  const smart = ha.smart({ tokenEndpoint: "https://ehr.example/token" });
  const es256 = ha.SigningKey.generate("ES256");
  assert.throws(
    () => new ha.TokenClient({ provider: smart, clientId: "c", signingKey: es256 }),
    (e) => e.code === "ERR_CLIENT_ASSERTION_INVALID" && /RS384, ES384/.test(e.message),
  );
  const hs384 = ha.SigningKey.fromSecret("s".repeat(48), { alg: "HS384" });
  assert.throws(() => new ha.TokenClient({ provider: smart, clientId: "c", signingKey: hs384 }), { code: "ERR_CLIENT_ASSERTION_INVALID" });
  // Redox requires a kid (kidRequired): an HMAC key has none unless it is given one.
  new ha.TokenClient({ provider: ha.redox(), clientId: "c", signingKey: ha.SigningKey.fromSecret("s".repeat(48), { alg: "HS384", kid: "redox-key-1" }) });
  new ha.TokenClient({ provider: smart, clientId: "c", signingKey: ha.SigningKey.generate("ES384") });
  // The request builders sign too, and say when the method and the key disagree.
  const request = ha.clientCredentialsRequest({ tokenEndpoint: "https://ehr.example/token", clientId: "c", signingKey: hs384, scope: "system/*.read" });
  const body = new URLSearchParams(request.body);
  assert.equal(body.get("grant_type"), "client_credentials");
  assert.equal(body.get("client_assertion_type"), "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  assert.equal(body.get("scope"), "system/*.read");
  assert.equal(ha.verifyJwt(body.get("client_assertion"), hs384, { audience: "https://ehr.example/token" }).claims.iss, "c");
  assert.throws(
    () => ha.clientCredentialsRequest({ tokenEndpoint: "https://ehr.example/token", clientId: "c", clientAuth: { method: "private_key_jwt", signingKey: hs384 } }),
    { code: "ERR_INVALID_ARGUMENT" },
  );
  const withJku = ha.clientCredentialsRequest({
    tokenEndpoint: "https://ehr.example/token",
    clientId: "c",
    clientAuth: { signingKey: es256, jku: "https://app.example/.well-known/jwks.json" },
  });
  const header = JSON.parse(Buffer.from(new URLSearchParams(withJku.body).get("client_assertion").split(".")[0], "base64url"));
  assert.equal(header.jku, "https://app.example/.well-known/jwks.json");
});
