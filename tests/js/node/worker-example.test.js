// The example Worker (examples/worker) end to end inside workerd, against a real OAuth server
// (oidc-provider on loopback): PKCE login and code exchange, a client_credentials token with a
// healthauth-signed ES384 assertion that the server accepts, the JWKS it publishes, Telesoft and
// Standard Webhooks (replays refused through the HealthAuthStore Durable Object), the defaults
// it takes from wrangler.toml and the provider presets, and a battery of bad requests to every
// route, none of which may answer 500. Bundled the way wrangler does it (esbuild, `workerd`
// condition, the .wasm as a compiled module).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac, createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as ha from "healthauth";
import { startOidcServer, authorize } from "./oidc-server.js";
import { startWorker } from "../workerd-runner.js";

const ORIGIN = "http://127.0.0.1:8787"; // the Worker's address as the provider sees it; never dialled
const WEBHOOK_SECRET = "example-webhook-secret-0123456789";
const STANDARD_WEBHOOK_SECRET = `whsec_${Buffer.from("example-standard-secret-0123456789").toString("base64")}`;
const CLIENT_SECRET = "worker-app-client-secret-0123456789";
const EXAMPLE = new URL("../../examples/worker/", import.meta.url);
const ENTRY = fileURLToPath(new URL("src/index.js", EXAMPLE));
const WRANGLER_TOML = readFileSync(new URL("wrangler.toml", EXAMPLE), "utf8");
let server;
let worker;
let mf;
let backendKey;

/** The `[vars]` table of wrangler.toml (its `KEY = "value"` lines). */
function wranglerVars() {
  const section = /^\[vars\]\n([\s\S]*?)^\[/m.exec(WRANGLER_TOML)[1];
  return Object.fromEntries([...section.matchAll(/^([A-Z_]+) = "([^"]*)"$/gm)].map((m) => [m[1], m[2]]));
}

before(async () => {
  backendKey = ha.SigningKey.generate("ES384");
  // The form `healthauth keygen` writes and `wrangler secret put BACKEND_PRIVATE_KEY < backend.pem` stores.
  const backendPem = createPrivateKey({ key: backendKey.exportPrivateJwk(), format: "jwk" }).export({ type: "pkcs8", format: "pem" });
  server = await startOidcServer([
    {
      client_id: "worker-app",
      client_secret: CLIENT_SECRET,
      token_endpoint_auth_method: "client_secret_post",
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
  worker = await startWorker(ENTRY, {
    kvNamespaces: ["SESSIONS", "TOKENS"],
    durableObjects: { HEALTHAUTH_STORE: "HealthAuthStore" },
    bindings: {
      ...wranglerVars(),
      // The loopback provider instead of Telesoft's and Redox's endpoints.
      AUTHORIZATION_ENDPOINT: server.discovery.authorization_endpoint,
      TOKEN_ENDPOINT: server.discovery.token_endpoint,
      CLIENT_AUTH_METHOD: "client_secret_post",
      USERINFO_ENDPOINT: server.discovery.userinfo_endpoint,
      CLIENT_ID: "worker-app",
      SCOPE: "openid",
      BACKEND_CLIENT_ID: "worker-backend",
      BACKEND_TOKEN_ENDPOINT: server.discovery.token_endpoint,
      // Secrets (`wrangler secret put`).
      CLIENT_SECRET,
      BACKEND_PRIVATE_KEY: backendPem,
      WEBHOOK_SECRET,
      STANDARD_WEBHOOK_SECRET,
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
  backendKey?.free();
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

test("worker e2e: a correctly signed body that is not JSON is answered 400, not 500", async () => {
  for (const raw of ["not json at all", "", "{\"unterminated\": ", "\u0000\u00ff binary"]) {
    const signature = createHmac("sha256", WEBHOOK_SECRET).update(raw).digest("hex");
    const response = await mf.dispatchFetch(`${ORIGIN}/webhooks/telesoft`, { method: "POST", headers: { "telesoft-signature": signature }, body: raw });
    assert.equal(response.status, 400, JSON.stringify(raw));
    assert.equal((await response.json()).error, "body_not_json");
  }
  // JSON that is not an object is still JSON: received, with no event name.
  const raw = "[1, 2]";
  const signature = createHmac("sha256", WEBHOOK_SECRET).update(raw).digest("hex");
  const response = await mf.dispatchFetch(`${ORIGIN}/webhooks/telesoft`, { method: "POST", headers: { "telesoft-signature": signature }, body: raw });
  assert.deepEqual(await response.json(), { received: null });
});

test("worker e2e: Standard Webhooks, each id accepted once through the HealthAuthStore Durable Object", async () => {
  const payload = JSON.stringify({ type: "patient.updated", data: { id: "p1" } });
  const headers = ha.signWebhook({ scheme: "standard", secret: STANDARD_WEBHOOK_SECRET, payload, id: `msg_${Date.now()}` });
  const send = (body = payload) => mf.dispatchFetch(`${ORIGIN}/webhooks/standard`, { method: "POST", headers, body });
  const first = await send();
  assert.equal(first.status, 200);
  assert.deepEqual(await first.json(), { received: headers["webhook-id"], type: "patient.updated" });
  const replay = await send();
  assert.equal(replay.status, 409);
  assert.equal((await replay.json()).error, "ERR_WEBHOOK_REPLAYED");
  const forged = await send(`${payload} `);
  assert.equal(forged.status, 400);
  assert.equal((await forged.json()).error, "ERR_WEBHOOK_SIGNATURE_MISMATCH");
  const notJson = "plain text";
  const signed = ha.signWebhook({ scheme: "standard", secret: STANDARD_WEBHOOK_SECRET, payload: notJson });
  const answered = await mf.dispatchFetch(`${ORIGIN}/webhooks/standard`, { method: "POST", headers: signed, body: notJson });
  assert.equal(answered.status, 400);
  assert.equal((await answered.json()).error, "body_not_json");
});

test("worker e2e: /.well-known/jwks.json publishes the backend key's public half, cacheable", async () => {
  const response = await mf.dispatchFetch(`${ORIGIN}/.well-known/jwks.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^application\/json/);
  assert.equal(response.headers.get("cache-control"), "public, max-age=300");
  const set = await response.json();
  assert.deepEqual(set, ha.jwks([backendKey]));
  assert.equal(set.keys[0].d, undefined, "no private member");
  // The provider verifies the Worker's assertions with exactly this set (the token test above).
  assert.equal(set.keys[0].kid, backendKey.kid);
});

test("worker: wrangler.toml declares every binding the Worker reads; KV ids distinct; the Durable Object migrated", () => {
  const source = readFileSync(ENTRY, "utf8");
  const used = new Set([...source.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]));
  for (const m of source.matchAll(/setting\(env, "([A-Z_]+)"/g)) used.add(m[1]);
  const vars = Object.keys(wranglerVars());
  const kv = [...WRANGLER_TOML.matchAll(/^\[\[kv_namespaces\]\]\nbinding = "(\w+)"\nid = "(\w+)"$/gm)];
  const secretsBlock = /^# ---- Secrets[\s\S]*?^# ---- /m.exec(WRANGLER_TOML)[0];
  const secrets = [...secretsBlock.matchAll(/^# ([A-Z_]+) /gm)].map((m) => m[1]);
  const devVars = readFileSync(new URL(".dev.vars.example", EXAMPLE), "utf8");
  const declared = new Set([...vars, ...kv.map((m) => m[1]), "HEALTHAUTH_STORE", ...secrets]);
  assert.deepEqual([...used].filter((name) => !declared.has(name)), [], "bindings read but not declared");
  assert.deepEqual([...declared].filter((name) => !used.has(name)), [], "bindings declared but not read");
  assert.deepEqual(kv.map((m) => m[1]), ["SESSIONS", "TOKENS"]);
  assert.equal(new Set(kv.map((m) => m[2])).size, 2, "each KV namespace has its own id");
  assert.match(WRANGLER_TOML, /\[\[durable_objects\.bindings\]\]\nname = "HEALTHAUTH_STORE"\nclass_name = "HealthAuthStore"/);
  assert.match(WRANGLER_TOML, /\[\[migrations\]\]\ntag = "v1"\nnew_sqlite_classes = \["HealthAuthStore"\]/);
  for (const name of secrets) {
    assert.ok(!vars.includes(name), `${name} is a secret, not a var`);
    assert.match(devVars, new RegExp(`^${name}=`, "m"), `.dev.vars.example sets ${name}`);
  }
  // The README walks through every secret, KV namespace and route.
  const readme = readFileSync(new URL("README.md", EXAMPLE), "utf8");
  for (const name of secrets) assert.match(readme, new RegExp(`wrangler secret put ${name}\\b`), `README: ${name}`);
  for (const m of kv) assert.match(readme, new RegExp(`wrangler kv namespace create ${m[1]}\\b`), `README: ${m[1]}`);
  const routes = [...source.matchAll(/^ {2}"(\/[^"]+)": \[/gm)].map((m) => m[1]);
  assert.equal(routes.length, 6);
  for (const route of routes) assert.ok(readme.includes(`${route}\``), `README: ${route}`);
  const manifest = JSON.parse(readFileSync(new URL("package.json", EXAMPLE), "utf8"));
  assert.equal(manifest.dependencies.healthauth, "file:../../pkg");
  assert.ok(manifest.devDependencies.wrangler);
});

test("worker: with wrangler.toml alone, defaults come from the presets; missing secrets answer 503 with the step to take", async () => {
  const bare = await startWorker(ENTRY, {
    kvNamespaces: ["SESSIONS", "TOKENS"],
    durableObjects: { HEALTHAUTH_STORE: "HealthAuthStore" },
    bindings: wranglerVars(),
  });
  try {
    const login = await bare.mf.dispatchFetch(`${ORIGIN}/login`, { redirect: "manual" });
    assert.equal(login.status, 302);
    const location = new URL(login.headers.get("location"));
    const preset = ha.telesoft();
    assert.equal(`${location.origin}${location.pathname}`, preset.authorizationEndpoint);
    assert.equal(location.searchParams.get("scope"), preset.scopes.join(" "));
    assert.equal(location.searchParams.get("client_id"), "YOUR_CLIENT_ID");
    assert.equal(location.searchParams.get("redirect_uri"), `${ORIGIN}/callback`);
    for (const [path, init, secret] of [
      ["/.well-known/jwks.json", {}, "BACKEND_PRIVATE_KEY"],
      ["/backend-token", {}, "BACKEND_PRIVATE_KEY"],
      ["/webhooks/telesoft", { method: "POST", body: "{}" }, "WEBHOOK_SECRET"],
      ["/webhooks/standard", { method: "POST", body: "{}" }, "STANDARD_WEBHOOK_SECRET"],
    ]) {
      const response = await bare.mf.dispatchFetch(`${ORIGIN}${path}`, init);
      assert.equal(response.status, 503, path);
      const body = await response.json();
      assert.equal(body.error, "not_configured");
      assert.match(body.message, new RegExp(`^${secret} is not set: .*wrangler secret put ${secret}`), path);
    }
  } finally {
    await bare.dispose();
  }
});

test("worker: a battery of bad requests to every route answers 4xx, never 500", async () => {
  const statuses = [];
  const hit = async (path, init = {}) => {
    const response = await mf.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
    const text = await response.text();
    statuses.push([path, init.method ?? "GET", response.status]);
    assert.ok(response.status < 500, `${init.method ?? "GET"} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    assert.ok(!text.includes(WEBHOOK_SECRET) && !text.includes(CLIENT_SECRET), "no secret in an answer");
    return response;
  };
  const routes = ["/login", "/callback", "/backend-token", "/.well-known/jwks.json", "/webhooks/telesoft", "/webhooks/standard"];
  for (const path of routes) {
    for (const method of ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]) {
      await hit(path, { method, ...(["GET", "HEAD"].includes(method) ? {} : { body: "x" }) });
    }
  }
  for (const path of ["/", "/nope", "/login/", "/LOGIN", "/%2e%2e/etc", "/webhooks", "/.well-known/", "/callback%00", "/__proto__", "/constructor"]) {
    assert.equal((await hit(path)).status, 404, path);
  }
  // The callback: no query, errors from the provider, forged and malformed state and cookies.
  for (const query of ["", "?code=abc", "?state=x", "?code=abc&state=x", "?error=access_denied&state=x", "?error=%ff", `?code=${"a".repeat(100_000)}&state=x`, "?code=a&code=b&state=x", "?%%%"]) {
    for (const cookie of [undefined, "state=x", "state=", "state=;state=y", `state=${"z".repeat(5000)}`, "garbage"]) {
      const response = await hit(`/callback${query}`, { headers: cookie === undefined ? {} : { cookie } });
      assert.ok(response.status >= 400, `/callback${query.slice(0, 40)} with ${cookie?.slice(0, 20)}`);
    }
  }
  await hit("/login?redirect=javascript:alert(1)&scope=%00");
  // Webhooks: missing, empty, malformed and oversized signatures and bodies.
  const webhookHeaders = [
    {},
    { "telesoft-signature": "" },
    { "telesoft-signature": "zz" },
    { "telesoft-signature": "a".repeat(8_000) },
    { "webhook-id": "msg_1", "webhook-timestamp": "not-a-number", "webhook-signature": "v1,@@@" },
    { "webhook-id": "", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v1," },
    { "webhook-id": "msg_1", "webhook-timestamp": "99999999999999999999", "webhook-signature": "v1,AAAA" },
    { "content-type": "application/json", "telesoft-signature": "0".repeat(64) },
  ];
  for (const path of ["/webhooks/telesoft", "/webhooks/standard"]) {
    for (const headers of webhookHeaders) {
      for (const body of ["", "{}", "not json", new Uint8Array([0, 255, 254, 1])]) {
        assert.equal((await hit(path, { method: "POST", headers, body })).status >= 400, true);
      }
    }
    // One byte over the default 1 MiB cap, streamed without a length: the Worker reads up to
    // the cap and refuses (with a length announced, it would refuse unread, and the transport
    // between the test and workerd may then reset the half-sent request instead of answering).
    const oversized = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(1024 * 1024 + 1));
        controller.close();
      },
    });
    const huge = await hit(path, { method: "POST", headers: { "telesoft-signature": "00" }, body: oversized, duplex: "half" });
    assert.equal(huge.status, 413, `${path} oversized body`);
  }
  assert.ok(statuses.length >= 170, `${statuses.length} requests`);
});
