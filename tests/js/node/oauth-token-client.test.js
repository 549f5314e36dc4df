// TokenClient against a loopback HTTP token endpoint whose behaviour each test scripts, with
// requests counted at the server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import * as ha from "healthauth";

let server;
let endpoint;
let script = () => [500, {}];
let requests = [];

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", async () => {
      requests.push({ method: req.method, headers: req.headers, body });
      const [status, payload, delayMs = 0] = script(requests.length, body);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${server.address().port}/token`;
});

after(() => new Promise((resolve) => server.close(resolve)));

function setup(respond) {
  requests = [];
  script = respond;
}

const client = (extra = {}) =>
  new ha.TokenClient({ tokenEndpoint: endpoint, clientId: "svc", clientSecret: "s3cret", backoffMs: 5, ...extra });

test("token client: 1000 concurrent getAccessToken() calls make exactly one request", async () => {
  setup(() => [200, { access_token: "at-1", token_type: "Bearer", expires_in: 7200 }, 50]);
  const c = client();
  const tokens = await Promise.all(Array.from({ length: 1000 }, () => c.getAccessToken()));
  assert.equal(requests.length, 1);
  assert.ok(tokens.every((t) => t === "at-1"));
  assert.equal(requests[0].method, "POST");
  assert.equal(requests[0].headers.authorization, `Basic ${Buffer.from("svc:s3cret").toString("base64")}`);
  assert.equal(requests[0].body, "grant_type=client_credentials");
  await c.getAccessToken();
  assert.equal(requests.length, 1, "served from the cache");
});

test("token client: a token is refreshed ahead of expiry, with the refresh token", async () => {
  let clock = 1_000_000;
  setup((n) => [200, { access_token: `at-${n}`, expires_in: "300", refresh_token: `rt-${n}` }]);
  const c = client({ now: () => clock, scope: ["a", "b"] });
  assert.equal(await c.getAccessToken(), "at-1");
  assert.equal(requests[0].body, "grant_type=client_credentials&scope=a%20b");
  clock += 239;
  assert.equal(await c.getAccessToken(), "at-1");
  clock += 1; // 60 s before expiry
  const refreshing = Array.from({ length: 50 }, () => c.getAccessToken());
  assert.deepEqual(new Set(await Promise.all(refreshing)), new Set(["at-2"]));
  assert.equal(requests.length, 2);
  assert.equal(requests[1].body, "grant_type=refresh_token&refresh_token=rt-1&scope=a%20b");
});

test("token client: 503 twice then 200 succeeds", async () => {
  setup((n) => (n <= 2 ? [503, "<html>busy</html>"] : [200, { access_token: "after-retries", expires_in: 60 }]));
  assert.equal(await client().getAccessToken(), "after-retries");
  assert.equal(requests.length, 3);
});

test("token client: persistent 5xx and network errors end in ERR_TOKEN_ENDPOINT_UNAVAILABLE", async () => {
  setup(() => [502, "bad gateway"]);
  await assert.rejects(client({ retries: 2 }).getAccessToken(), { code: "ERR_TOKEN_ENDPOINT_UNAVAILABLE" });
  assert.equal(requests.length, 3);
  // Port 9 (discard) on loopback: nothing listens, so every attempt is a network error.
  const closed = new ha.TokenClient({ tokenEndpoint: "http://127.0.0.1:9/token", clientSecret: "x", clientId: "c", backoffMs: 1 });
  const error = await closed.getAccessToken().catch((e) => e);
  assert.equal(error.code, "ERR_TOKEN_ENDPOINT_UNAVAILABLE");
  assert.match(error.message, /network error/);
});

test("token client: a 400 invalid_client surfaces at once with its code", async () => {
  setup(() => [400, { error: "invalid_client", error_description: "client authentication failed" }]);
  const error = await client().getAccessToken().catch((e) => e);
  assert.ok(error instanceof ha.HealthAuthError);
  assert.equal(error.code, "ERR_OAUTH_TOKEN_ERROR");
  assert.equal(error.error, "invalid_client");
  assert.equal(error.status, 400);
  assert.equal(requests.length, 1, "no retry on 4xx");
  assert.ok(!error.message.includes("s3cret"));
});

test("token client: a shared store (KV-like) serves other instances; Telesoft preset sends JSON", async () => {
  const kv = new Map();
  const puts = [];
  const store = {
    get: async (k) => kv.get(k) ?? null,
    put: async (k, v, options) => {
      puts.push(options);
      kv.set(k, v);
    },
  };
  setup(() => [200, { access_token: "kv-token", expires_in: 7200, refresh_token: "kv-rt" }]);
  const preset = { ...ha.telesoft(), tokenEndpoint: endpoint };
  const a = new ha.TokenClient({ provider: preset, clientId: "YOUR_CLIENT_ID", clientSecret: "YOUR_CLIENT_SECRET", store });
  const b = new ha.TokenClient({ provider: preset, clientId: "YOUR_CLIENT_ID", clientSecret: "YOUR_CLIENT_SECRET", store });
  assert.equal(await a.getAccessToken(), "kv-token");
  assert.equal(await b.getAccessToken(), "kv-token");
  assert.equal(requests.length, 1);
  assert.equal(requests[0].headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(requests[0].body), {
    grant_type: "client_credentials",
    client_id: "YOUR_CLIENT_ID",
    client_secret: "YOUR_CLIENT_SECRET",
  });
  // After invalidate(), the next call uses the refresh token from the store.
  await b.invalidate();
  assert.equal(await b.getAccessToken(), "kv-token");
  assert.equal(JSON.parse(requests[1].body).grant_type, "refresh_token");
  assert.equal(JSON.parse(requests[1].body).refresh_token, "kv-rt");
});
