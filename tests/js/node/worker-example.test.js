// The example Worker (examples/worker) end to end inside workerd, against a real OAuth server
// (oidc-provider on loopback): PKCE login and code exchange, a client_credentials token with a
// healthauth-signed ES384 assertion that the server accepts, and a Telesoft webhook. Bundled
// the way wrangler does it (esbuild, `workerd` condition, the .wasm as a compiled module).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import * as ha from "healthauth";
import { startOidcServer, authorize } from "./oidc-server.js";
import { startWorker } from "../workerd-runner.js";

const ORIGIN = "http://127.0.0.1:8787"; // the Worker's address as the provider sees it; never dialled
const WEBHOOK_SECRET = "example-webhook-secret-0123456789";
let server;
let worker;
let mf;

before(async () => {
  const backendKey = ha.SigningKey.generate("ES384");
  server = await startOidcServer([
    {
      client_id: "worker-app",
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: [`${ORIGIN}/callback`],
    },
    {
      client_id: "worker-backend",
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES384",
      jwks: ha.jwks([backendKey]),
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
    },
  ]);
  worker = await startWorker(fileURLToPath(new URL("../../examples/worker/src/index.js", import.meta.url)), {
    kvNamespaces: ["SESSIONS", "TOKENS"],
    bindings: {
      AUTHORIZATION_ENDPOINT: server.discovery.authorization_endpoint,
      TOKEN_ENDPOINT: server.discovery.token_endpoint,
      USERINFO_ENDPOINT: server.discovery.userinfo_endpoint,
      CLIENT_ID: "worker-app",
      SCOPE: "openid",
      BACKEND_CLIENT_ID: "worker-backend",
      BACKEND_PRIVATE_JWK: JSON.stringify(backendKey.exportPrivateJwk()),
      WEBHOOK_SECRET,
    },
    // The Worker's fetches leave workerd through Node, so they can reach the loopback server.
    // (Rebuilt field by field: Miniflare's Request comes from its own copy of undici.)
    outboundService: async (request) =>
      fetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer(),
        redirect: "manual",
      }),
  });
  mf = worker.mf;
});

after(async () => {
  await worker?.dispose();
  await server?.close();
});

test("worker e2e: PKCE login, state check, code exchange, userinfo", async () => {
  const login = await mf.dispatchFetch(`${ORIGIN}/login`, { redirect: "manual" });
  assert.equal(login.status, 302);
  const cookie = login.headers.get("set-cookie").split(";")[0];
  const authorizeUrl = new URL(login.headers.get("location"));
  assert.equal(authorizeUrl.searchParams.get("code_challenge_method"), "S256");
  assert.equal(`state=${authorizeUrl.searchParams.get("state")}`, cookie);
  const redirected = await authorize(authorizeUrl.href, { issuer: server.issuer, redirectUri: `${ORIGIN}/callback` });

  // Someone else's browser (no state cookie) cannot use the code.
  const forged = await mf.dispatchFetch(redirected, { headers: { cookie: "state=attacker" } });
  assert.equal(forged.status, 400);
  assert.equal((await forged.json()).error, "ERR_OAUTH_STATE_MISMATCH");

  const signedIn = await mf.dispatchFetch(redirected, { headers: { cookie } });
  const body = await signedIn.json();
  assert.equal(signedIn.status, 200, JSON.stringify(body));
  assert.equal(body.signedIn, true);
  assert.equal(body.profile.sub, "alice", "the provider accepted the access token");

  // The login is single use.
  const again = await mf.dispatchFetch(redirected, { headers: { cookie } });
  assert.equal(again.status, 400);
});

test("worker e2e: client_credentials with a signed ES384 assertion; 50 concurrent requests, one token request", async () => {
  const before = server.requests.token;
  const responses = await Promise.all(Array.from({ length: 50 }, () => mf.dispatchFetch(`${ORIGIN}/backend-token`)));
  for (const response of responses) {
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.ok(body.ok && body.tokenLength > 10);
  }
  assert.equal(server.requests.token - before, 1, "token requests counted at the server");
});

test("worker e2e: Telesoft webhook over the raw body; a re-serialized body is refused", async () => {
  const raw = '{"event":  "diagnosis.completed",\n "id": "evt_1"}';
  const signature = createHmac("sha256", WEBHOOK_SECRET).update(raw).digest("hex");
  const ok = await mf.dispatchFetch(`${ORIGIN}/webhooks/telesoft`, {
    method: "POST",
    headers: { "telesoft-signature": signature, "content-type": "application/json" },
    body: raw,
  });
  assert.deepEqual(await ok.json(), { received: "diagnosis.completed" });
  const reserialized = await mf.dispatchFetch(`${ORIGIN}/webhooks/telesoft`, {
    method: "POST",
    headers: { "telesoft-signature": signature },
    body: JSON.stringify(JSON.parse(raw)),
  });
  assert.equal(reserialized.status, 400);
  assert.equal((await reserialized.json()).error, "ERR_WEBHOOK_SIGNATURE_MISMATCH");
});
