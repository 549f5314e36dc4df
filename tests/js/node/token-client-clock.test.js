// TokenClient's assertion clock: a loopback token endpoint whose clock (and `Date` header) is
// off from the client's checks each client assertion against its own time, as a real server
// does; the client corrects its assertion clock from the header and retries once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import * as ha from "healthauth";

let server;
let endpoint;
let serverClock = 0;
let sendDate = true;
let requests = [];
const key = ha.SigningKey.generate("ES384", { kid: "clock-test" });

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const assertion = form.get("client_assertion");
      let status = 200;
      let payload = { access_token: `at-${requests.length + 1}`, token_type: "Bearer", expires_in: 300 };
      let claims;
      try {
        // The server's own clock decides, as at a real token endpoint.
        claims = ha.verifyJwt(assertion, key, { audience: endpoint, issuer: "svc", now: serverClock, leewaySeconds: 5 }).claims;
      } catch (error) {
        status = 400;
        payload = { error: "invalid_client", error_description: error.code };
      }
      requests.push({ status, iat: claims?.iat });
      if (sendDate) res.setHeader("date", new Date(serverClock * 1000).toUTCString());
      else res.sendDate = false;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${server.address().port}/token`;
});

after(() => {
  key.free();
  return new Promise((resolve) => server.close(resolve));
});

const LOCAL = 1_800_000_000;
const client = () =>
  new ha.TokenClient({ provider: ha.smart({ tokenEndpoint: endpoint }), clientId: "svc", signingKey: key, now: () => LOCAL, backoffMs: 1 });

test("token client clock: an hour behind, the assertion clock is corrected from Date and the request retried once", async () => {
  serverClock = LOCAL + 3600;
  sendDate = true;
  requests = [];
  const tokens = client();
  assert.equal(await tokens.getAccessToken(), "at-2");
  assert.deepEqual(requests.map((r) => r.status), [400, 200]);
  assert.equal(requests[1].iat, LOCAL + 3600, "signed with the server's time");
  // Later requests are signed with the corrected clock at once.
  await tokens.invalidate();
  assert.equal(await tokens.getAccessToken(), "at-3");
  assert.deepEqual(requests.map((r) => r.status), [400, 200, 200]);
  assert.equal(requests[2].iat, LOCAL + 3600);
});

test("token client clock: ten minutes ahead (iat in the server's future), corrected the same way", async () => {
  serverClock = LOCAL - 600;
  sendDate = true;
  requests = [];
  const tokens = client();
  await tokens.getAccessToken();
  assert.deepEqual(requests.map((r) => r.status), [400, 200]);
  assert.equal(requests[1].iat, LOCAL - 600);
});

test("token client clock: a clock within tolerance is not touched, and a refusal without Date is not retried", async () => {
  serverClock = LOCAL + 2;
  sendDate = true;
  requests = [];
  await client().getAccessToken();
  assert.deepEqual(requests.map((r) => r.status), [200]);
  assert.equal(requests[0].iat, LOCAL);

  serverClock = LOCAL + 3600;
  sendDate = false;
  requests = [];
  await assert.rejects(client().getAccessToken(), (e) => {
    assert.equal(e.code, "ERR_OAUTH_TOKEN_ERROR");
    assert.equal(e.error, "invalid_client");
    return true;
  });
  assert.equal(requests.length, 1, "no Date, no correction, no retry");
});

test("token client clock: a server whose clock stays wrong is retried once only", async () => {
  // Every answer refuses, each with another Date: one correction is tried, then the error stands.
  requests = [];
  const tokens = client();
  const original = server.listeners("request")[0];
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    req.resume();
    req.on("end", () => {
      requests.push({ status: 400 });
      res.setHeader("date", new Date((LOCAL + 3600 + requests.length * 3600) * 1000).toUTCString());
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "invalid_client" }));
    });
  });
  try {
    await assert.rejects(tokens.getAccessToken(), { code: "ERR_OAUTH_TOKEN_ERROR" });
    assert.equal(requests.length, 2);
  } finally {
    server.removeAllListeners("request");
    server.on("request", original);
  }
});
