// TokenClient with DPoP against a loopback token endpoint that checks every proof with
// verifyDpopProof and requires its own nonce (RFC 9449 section 8), with requests counted at
// the server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import * as ha from "healthauth";

let server;
let endpoint;
let nonce = "nonce-1";
let alwaysChallenge = false;
let requests = [];

before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const proof = req.headers.dpop;
      const reply = (status, body, headers = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      let checked;
      try {
        checked = ha.verifyDpopProof(proof, { htm: "POST", htu: endpoint, nonce: alwaysChallenge ? "never-handed-out" : nonce });
      } catch (error) {
        requests.push({ proof, code: error.code });
        if (proof !== undefined && error.code === "ERR_DPOP_NONCE_INVALID") {
          return reply(400, { error: "use_dpop_nonce", error_description: "send the nonce" }, { "dpop-nonce": alwaysChallenge ? `stale-${requests.length}` : nonce });
        }
        if (proof === undefined) return reply(200, { access_token: `bearer-${requests.length}`, token_type: "Bearer", expires_in: 300 });
        return reply(400, { error: "invalid_dpop_proof" });
      }
      requests.push({ proof, jkt: checked.jkt });
      reply(200, { access_token: `at-${requests.length}`, token_type: "DPoP", expires_in: 300 }, { "dpop-nonce": nonce });
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${server.address().port}/token`;
});

after(() => new Promise((resolve) => server.close(resolve)));

const client = (extra) => new ha.TokenClient({ tokenEndpoint: endpoint, clientId: "svc", clientSecret: "s3cret", retries: 0, ...extra });

test("token client dpop: a nonce challenge is answered once with the server's nonce, which is kept", async () => {
  const key = ha.SigningKey.generate("ES256");
  nonce = "nonce-1";
  alwaysChallenge = false;
  requests = [];
  const tokens = client({ dpop: key });
  const token = await tokens.getToken();
  assert.equal(token.tokenType, "DPoP");
  assert.deepEqual(requests.map((r) => r.code ?? "ok"), ["ERR_DPOP_NONCE_INVALID", "ok"]);
  assert.equal(requests[1].jkt, key.thumbprint());
  // The nonce is remembered: the next token request carries it at once.
  await tokens.invalidate();
  await tokens.getToken();
  assert.equal(requests.length, 3);
  // The server rotates its nonce: one more challenge, answered once.
  nonce = "nonce-2";
  await tokens.invalidate();
  await tokens.getToken();
  assert.deepEqual(requests.slice(3).map((r) => r.code ?? "ok"), ["ERR_DPOP_NONCE_INVALID", "ok"]);
  key.free();
});

test("token client dpop: authHeaders gives a DPoP proof for each resource request, bound to the token", async () => {
  const key = ha.SigningKey.generate("ES256");
  nonce = "nonce-3";
  alwaysChallenge = false;
  requests = [];
  const tokens = client({ dpop: key });
  const url = "https://fhir.example/r4/Observation?patient=p1";
  const headers = await tokens.authHeaders({ method: "GET", url });
  const { accessToken } = await tokens.getToken();
  assert.equal(headers.authorization, `DPoP ${accessToken}`);
  const checked = ha.verifyDpopProof(headers.dpop, { htm: "GET", htu: url, accessToken });
  assert.equal(checked.jkt, key.thumbprint());
  // Each call a fresh proof (new jti); the resource server's nonce when it asked for one.
  const again = await tokens.authHeaders({ method: "GET", url, nonce: "rs-nonce" });
  assert.notEqual(ha.verifyDpopProof(again.dpop, { htm: "GET", htu: url, accessToken, nonce: "rs-nonce" }).jti, checked.jti);
  assert.throws(() => ha.verifyDpopProof(again.dpop, { htm: "POST", htu: url, accessToken }), { code: "ERR_DPOP_PROOF_INVALID" });
  await assert.rejects(tokens.authHeaders({ method: "GET" }), { code: "ERR_INVALID_ARGUMENT" });
  key.free();
});

test("token client dpop: a server that keeps challenging is retried once only", async () => {
  const key = ha.SigningKey.generate("ES256");
  alwaysChallenge = true;
  requests = [];
  await assert.rejects(client({ dpop: key }).getToken(), (e) => {
    assert.equal(e.code, "ERR_OAUTH_TOKEN_ERROR");
    assert.equal(e.error, "use_dpop_nonce");
    return true;
  });
  assert.equal(requests.length, 2);
  alwaysChallenge = false;
  key.free();
});

test("token client dpop: without a key, no proof and Bearer headers; a key that is not a SigningKey is refused", async () => {
  requests = [];
  const tokens = client();
  const headers = await tokens.authHeaders({ method: "GET", url: "https://fhir.example/r4/Patient" });
  assert.equal(requests[0].proof, undefined);
  assert.deepEqual(headers, { authorization: "Bearer bearer-1" });
  assert.throws(() => client({ dpop: { kty: "EC" } }), { code: "ERR_INVALID_ARGUMENT" });
});

test("token client dpop: clients with other DPoP keys never share a token through a store", async () => {
  nonce = "nonce-4";
  alwaysChallenge = false;
  requests = [];
  const values = new Map();
  const store = { get: async (k) => values.get(k) ?? null, put: async (k, v) => void values.set(k, v) };
  const a = ha.SigningKey.generate("ES256");
  const b = ha.SigningKey.generate("ES256");
  const first = await client({ dpop: a, store }).getToken();
  const second = await client({ dpop: b, store }).getToken();
  assert.notEqual(first.accessToken, second.accessToken);
  assert.equal(values.size, 2);
  // The same key shares it.
  const third = await client({ dpop: a, store }).getToken();
  assert.equal(third.accessToken, first.accessToken);
  a.free();
  b.free();
});
