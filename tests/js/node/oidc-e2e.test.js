// End to end against a real OpenID Connect server (oidc-provider on 127.0.0.1) with discovery,
// PKCE, PAR, DPoP with server nonces, introspection and revocation on: every request built and
// every response read by healthauth, the login and consent driven over HTTP. No mock: the
// server must accept what healthauth sends, and healthauth must read what the server answers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as ha from "healthauth";
import { startOidcServer, authorize } from "./oidc-server.js";

const REDIRECT = "http://127.0.0.1:9/cb"; // never dialled: the test reads the redirect itself
const APP_SECRET = "e2e-app-secret-0123456789abcdef0123456789";
const SVC_SECRET = "e2e-service-secret-0123456789abcdef012345";
const FHIR_BASE = "https://fhir.example/r4";
let server;
let issuer;

before(async () => {
  server = await startOidcServer(
    [
      {
        client_id: "app",
        client_secret: APP_SECRET,
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["authorization_code"],
        response_types: ["code"],
        redirect_uris: [REDIRECT],
      },
      {
        client_id: "svc",
        client_secret: SVC_SECRET,
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
      },
    ],
    { full: true },
  );
  ({ issuer } = server);
});

after(() => server.close());

/** Sends a request built by healthauth, returns the status, the body text and the headers. */
async function send(request) {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: "manual" });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

test("e2e: discover → PAR → authorize with aud → callback → code exchange → ID token through RemoteJwks", async () => {
  // Discovery: oidc-provider has no smart-configuration; the OpenID document is the one found.
  const metadata = await ha.discover(issuer);
  assert.equal(metadata.kind, "openid");
  assert.equal(metadata.issuer, issuer);
  assert.ok(metadata.codeChallengeMethodsSupported.includes("S256"));
  for (const endpoint of ["pushedAuthorizationRequestEndpoint", "introspectionEndpoint", "revocationEndpoint", "jwksUri"]) {
    assert.match(metadata[endpoint], /^http:\/\/127\.0\.0\.1:\d+\//, endpoint);
  }

  // PAR: the authorization request (PKCE S256, openid with a nonce, the FHIR base as aud) is
  // pushed with the client's credentials; the browser gets only the request_uri.
  const pkce = ha.createPkce();
  const state = ha.randomState();
  const nonce = ha.randomState();
  const pushed = ha.pushedAuthorizationRequest({
    endpoint: metadata.pushedAuthorizationRequestEndpoint,
    clientId: "app",
    clientSecret: APP_SECRET,
    redirectUri: REDIRECT,
    scope: "openid",
    state,
    codeChallenge: pkce.challenge,
    aud: FHIR_BASE,
    extraParams: { nonce },
  });
  const body = new URLSearchParams(pushed.body);
  assert.equal(body.get("aud"), FHIR_BASE);
  assert.equal(body.get("code_challenge_method"), "S256");
  const parAnswer = await send(pushed);
  const { requestUri, expiresIn } = ha.parsePushedAuthorizationResponse(parAnswer.status, parAnswer.text);
  assert.match(requestUri, /^urn:ietf:params:oauth:request_uri:/);
  assert.ok(expiresIn > 0);
  const url = ha.authorizationUrl({ authorizationEndpoint: metadata.authorizationEndpoint, clientId: "app", requestUri });
  assert.deepEqual([...new URL(url).searchParams.keys()].sort(), ["client_id", "request_uri"]);

  // The login and consent, then the callback.
  const redirected = await authorize(url, { issuer, redirectUri: REDIRECT });
  const callback = ha.parseCallback(redirected, { expectedState: state, expectedIssuer: issuer });

  // The code exchange.
  const exchanged = await send(
    ha.codeExchangeRequest({
      tokenEndpoint: metadata.tokenEndpoint,
      clientId: "app",
      clientSecret: APP_SECRET,
      code: callback.code,
      redirectUri: REDIRECT,
      codeVerifier: pkce.verifier,
    }),
  );
  const token = ha.parseTokenResponse(exchanged.status, exchanged.text);
  assert.equal(typeof token.idToken, "string");

  // The ID token, verified with the server's keys fetched from its jwks_uri (once).
  const jwksBefore = server.requests.jwks;
  const remote = new ha.RemoteJwks(metadata.jwksUri);
  const verified = await remote.verifyIdToken(token.idToken, { issuer, clientId: "app", nonce, accessToken: token.accessToken });
  assert.equal(verified.claims.nonce, nonce);
  assert.equal(verified.claims.sub, "alice");
  await remote.verifyIdToken(token.idToken, { issuer, clientId: "app", nonce });
  assert.equal(server.requests.jwks - jwksBefore, 1, "one fetch of the JWK set");
  // The checks bite: another nonce, another client. (oidc-provider puts no at_hash in a code
  // flow's ID token, where it is optional; its refusals are in the shared case tables.)
  await assert.rejects(remote.verifyIdToken(token.idToken, { issuer, clientId: "app", nonce: ha.randomState() }), { code: "ERR_JWT_CLAIM_INVALID" });
  await assert.rejects(remote.verifyIdToken(token.idToken, { issuer, clientId: "other", nonce }), { code: "ERR_JWT_CLAIM_INVALID" });
  assert.equal(server.requests.jwks - jwksBefore, 1);
});

test("e2e: a DPoP-bound client_credentials token (nonce challenge handled), introspected, revoked", async () => {
  const metadata = await ha.discover(`${issuer}/.well-known/openid-configuration`);
  const key = ha.SigningKey.generate("ES256");
  const tokens = new ha.TokenClient({ tokenEndpoint: metadata.tokenEndpoint, clientId: "svc", clientSecret: SVC_SECRET, dpop: key, retries: 0 });
  const before = server.requests.token;
  const token = await tokens.getToken();
  // The server requires a nonce: the first request is answered use_dpop_nonce, the second has it.
  assert.equal(server.requests.token - before, 2, "one retry with the server's DPoP nonce");
  assert.equal(token.tokenType, "DPoP");

  // Introspection: the token is active and bound to the key's thumbprint.
  const introspect = async () => {
    const answer = await send(
      ha.introspectionRequest({ endpoint: metadata.introspectionEndpoint, clientId: "svc", clientSecret: SVC_SECRET, token: token.accessToken }),
    );
    return ha.parseIntrospectionResponse(answer.status, answer.text);
  };
  const active = await introspect();
  assert.equal(active.active, true);
  assert.equal(active.clientId, "svc");
  assert.equal(active.cnf.jkt, key.thumbprint());

  // The headers of a resource request: a DPoP proof for it, bound to the token, that a resource
  // server accepts.
  const resource = `${FHIR_BASE}/Patient?name=alice`;
  const headers = await tokens.authHeaders({ method: "GET", url: resource });
  assert.equal(headers.authorization, `DPoP ${token.accessToken}`);
  const proof = ha.verifyDpopProof(headers.dpop, { htm: "GET", htu: resource, accessToken: token.accessToken });
  assert.equal(proof.jkt, key.thumbprint());
  assert.throws(() => ha.verifyDpopProof(headers.dpop, { htm: "POST", htu: resource, accessToken: token.accessToken }), { code: "ERR_DPOP_PROOF_INVALID" });

  // Revocation, then introspection says inactive.
  const revoked = await send(
    ha.revocationRequest({ endpoint: metadata.revocationEndpoint, clientId: "svc", clientSecret: SVC_SECRET, token: token.accessToken, tokenTypeHint: "access_token" }),
  );
  assert.equal(ha.parseRevocationResponse(revoked.status, revoked.text), null);
  assert.equal((await introspect()).active, false);
  key.free();
});
