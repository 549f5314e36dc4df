// The demo: www/ at /, the built npm package at /pkg/, and a server side that uses the package
// exactly as an integrator would, against a local authorization server (www/provider.js):
//   GET  /connect   PKCE pair, state and nonce kept here (never in the page), redirect to log in
//   GET  /callback  callback checked, code exchanged (private_key_jwt), ID token verified (RemoteJwks)
//   POST /api/backend  a backend-services token (signed assertion, DPoP) and a DPoP-bound call
//   GET  /fhir/...  the resource server: checks the DPoP proof and introspects the token
// Usage: node www/serve.js [--port N]   (or PORT=N; 0 picks a free port)
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
// The built package, as `import ... from "healthauth"` would load it in Node.
import * as ha from "../pkg/node.js";
import { startProvider, LAUNCH_CONTEXT } from "./provider.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const mounts = [
  ["/pkg/", join(root, "pkg")],
  ["/", join(root, "www")],
];
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};
const SCOPE = "openid fhirUser launch/patient patient/Patient.rs patient/Observation.rs";

function resolvePath(urlPath) {
  if (urlPath === "/favicon.ico") urlPath = "/favicon.svg";
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const rest = decodeURIComponent(urlPath.slice(prefix.length)) || "index.html";
    const file = normalize(join(dir, rest));
    // Refuse anything that escapes its mount (../ tricks); server code is not served.
    if (!file.startsWith(dir + sep) || /www[\\/](serve|provider)\.js$/.test(file)) return undefined;
    return file;
  }
  return undefined;
}

/** A token shown on the page: its start, never the whole secret. */
const redact = (value) => (typeof value === "string" && value.length > 12 ? `${value.slice(0, 8)}…[redacted, ${value.length} chars]` : value);
/** A JWT's header and claims, unverified, for display. */
const peek = (jwt) => ha.decodeJwt(jwt);
/** A form body with its secrets redacted (client_assertion decoded: it is signed, not secret, but short-lived). */
function showForm(body) {
  const form = Object.fromEntries(new URLSearchParams(body));
  for (const name of ["code", "refresh_token"]) if (form[name]) form[name] = redact(form[name]);
  for (const name of ["code_verifier", "client_secret"]) if (form[name]) form[name] = "[redacted]";
  if (form.client_assertion) form.client_assertion = { ...peek(form.client_assertion), signature: "[redacted]" };
  return form;
}
function showHeaders(headers) {
  const out = { ...headers };
  if (out.dpop) out.dpop = { ...peek(out.dpop), signature: "[redacted]" };
  if (out.authorization) out.authorization = out.authorization.replace(/ (.+)/, (_, t) => ` ${redact(t)}`);
  return out;
}
function showToken(token) {
  return { ...token, accessToken: redact(token.accessToken), idToken: token.idToken && redact(token.idToken), refreshToken: redact(token.refreshToken) };
}
const errorOf = (error) => ({ code: error.code ?? "ERR_UNEXPECTED", message: error.message });

/**
 * Starts the demo app on 127.0.0.1:`port` and its authorization server on `providerPort`
 * (0: free ports). Returns `{ server, issuer, url, close }`.
 */
export async function startServer(port = 0, { providerPort = 0 } = {}) {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  const redirectUri = `${url}/callback`;
  const fhirBase = `${url}/fhir`;
  // The app's keys: one for the user login client, one for the backend service, one for DPoP.
  // Each would be loaded from a secret store (SigningKey.fromPem); here they live as long as the process.
  const appKey = ha.SigningKey.generate("ES384");
  const backendKey = ha.SigningKey.generate("ES384");
  const dpopKey = ha.SigningKey.generate("ES256");
  let provider;
  try {
    provider = await startProvider({ port: providerPort, redirectUri, fhirBase, appJwks: ha.jwks([appKey]), backendJwks: ha.jwks([backendKey]) });
  } catch (error) {
    server.close();
    throw error;
  }
  const { issuer } = provider;
  const remoteJwks = new Map(); // one RemoteJwks per issuer: it caches the keys
  const sessions = new Map(); // sid → { pending, steps } (a real app: its session store)

  const sessionOf = (req, res) => {
    const sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? "")?.[1];
    if (sid && sessions.has(sid)) return sessions.get(sid);
    const id = randomUUID();
    const session = { steps: [] };
    if (sessions.size >= 1000) sessions.delete(sessions.keys().next().value); // a demo: the oldest goes
    sessions.set(id, session);
    res.setHeader("set-cookie", `sid=${id}; Path=/; HttpOnly; SameSite=Lax`);
    return session;
  };

  async function connect(session) {
    const server = await ha.discover(issuer); // smart-configuration first
    const pkce = ha.createPkce();
    const state = ha.randomState();
    const nonce = ha.randomState();
    const authorizeUrl = ha.authorizationUrl({
      authorizationEndpoint: server.authorizationEndpoint,
      clientId: "demo-app",
      redirectUri,
      scope: SCOPE,
      state,
      codeChallenge: pkce.challenge,
      extraParams: { nonce, aud: fhirBase },
    });
    session.pending = { server, verifier: pkce.verifier, state, nonce };
    session.steps = [
      { step: "discovery", title: `Discovered ${server.kind} configuration`, data: { kind: server.kind, issuer: server.issuer, authorizationEndpoint: server.authorizationEndpoint, tokenEndpoint: server.tokenEndpoint, jwksUri: server.jwksUri, capabilities: server.capabilities } },
      { step: "authorize", title: "Authorize URL (authorizationUrl())", data: { url: authorizeUrl, params: Object.fromEntries(new URL(authorizeUrl).searchParams), kept_server_side: { code_verifier: "[redacted]", state: redact(state), nonce: redact(nonce) } } },
    ];
    return authorizeUrl;
  }

  async function callback(session, callbackUrl) {
    const pending = session.pending;
    session.pending = undefined; // one use: a replayed callback finds no verifier
    if (!pending) throw new ha.HealthAuthError("ERR_OAUTH_STATE_MISMATCH", "no login is in progress in this browser session: click Connect again");
    const { code, iss } = ha.parseCallback(callbackUrl, { expectedState: pending.state, expectedIssuer: issuer });
    session.steps.push({ step: "callback", title: "Callback checked (parseCallback(): state, iss)", data: { code: redact(code), state: "matches", iss } });
    const request = ha.codeExchangeRequest({
      tokenEndpoint: pending.server.tokenEndpoint,
      clientId: "demo-app",
      signingKey: appKey,
      code,
      redirectUri,
      codeVerifier: pending.verifier,
    });
    session.steps.push({ step: "token-request", title: "Token request (codeExchangeRequest(), private_key_jwt)", data: { method: request.method, url: request.url, headers: request.headers, body: showForm(request.body) } });
    const response = await fetch(request.url, request);
    const token = ha.parseTokenResponse(response.status, await response.text());
    session.steps.push({ step: "token-response", title: "Token response (parseTokenResponse()): launch context and scopes", data: { token: showToken(token), launchContext: token.launchContext, scopes: ha.parseScopes(token.scope ?? "") } });
    let keys = remoteJwks.get(issuer);
    if (!keys) remoteJwks.set(issuer, (keys = new ha.RemoteJwks(pending.server.jwksUri)));
    const verified = await keys.verifyIdToken(token.idToken, { issuer, clientId: "demo-app", nonce: pending.nonce, accessToken: token.accessToken });
    session.steps.push({ step: "id-token", title: "ID token verified (RemoteJwks.verifyIdToken())", data: verified });
  }

  // The backend service: a token for client_credentials, bound to the DPoP key, then a call.
  async function backend() {
    const steps = [];
    const preset = await ha.smartBackend({ fhirBaseUrl: issuer });
    steps.push({ step: "backend-discovery", title: "smartBackend(): the preset from smart-configuration", data: preset });
    const sent = [];
    const tokens = new ha.TokenClient({
      provider: preset,
      clientId: "demo-backend",
      signingKey: backendKey,
      scope: "system/Patient.rs",
      dpop: dpopKey,
      retries: 0,
      fetch: (input, init) => {
        sent.push({ method: init.method, url: String(input), headers: showHeaders(init.headers), body: showForm(init.body) });
        return fetch(input, init);
      },
    });
    const token = await tokens.getToken();
    steps.push({ step: "backend-token", title: "Backend token (TokenClient: signed assertion, DPoP proof, server nonce)", data: { requests: sent, token: showToken(token) } });
    const resource = `${fhirBase}/Patient/${LAUNCH_CONTEXT.patient}`;
    const headers = await tokens.authHeaders({ method: "GET", url: resource });
    const answer = await fetch(resource, { headers });
    steps.push({ step: "dpop-call", title: "DPoP-bound call (authHeaders())", data: { request: { method: "GET", url: resource, headers: showHeaders(headers) }, status: answer.status, body: await answer.json() } });
    return steps;
  }

  // The FHIR endpoint: the proof checked, the token introspected, its key compared.
  async function fhir(req) {
    const htu = `${url}${new URL(req.url, url).pathname}`;
    const accessToken = /^DPoP (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!accessToken) return [401, { error: "invalid_token", error_description: "a DPoP-bound token is required" }];
    const { jkt } = ha.verifyDpopProof(req.headers.dpop ?? "", { htm: req.method, htu, accessToken });
    const request = ha.introspectionRequest({ endpoint: `${issuer}/token/introspection`, clientId: "demo-backend", signingKey: backendKey, token: accessToken });
    const answer = await fetch(request.url, request);
    const introspected = ha.parseIntrospectionResponse(answer.status, await answer.text());
    if (!introspected.active || introspected.cnf?.jkt !== jkt) return [401, { error: "invalid_token", error_description: "inactive, or not bound to this proof's key" }];
    return [200, { resourceType: "Patient", id: LAUNCH_CONTEXT.patient, checked: { dpopProof: "valid", jkt, tokenActive: true, scope: introspected.scope } }];
  }

  const json = (res, status, body) => res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
  server.on("request", async (req, res) => {
    const path = new URL(req.url, url).pathname;
    try {
      if (path === "/connect" && req.method === "GET") {
        const session = sessionOf(req, res);
        res.writeHead(302, { location: await connect(session) }).end();
      } else if (path === "/callback" && req.method === "GET") {
        const session = sessionOf(req, res);
        try {
          await callback(session, `${url}${req.url}`);
        } catch (error) {
          session.steps.push({ step: "error", title: "Refused", error: errorOf(error) });
        }
        res.writeHead(302, { location: "/?flow=done#flow" }).end();
      } else if (path === "/api/flow" && req.method === "GET") {
        json(res, 200, { issuer, steps: sessionOf(req, res).steps });
      } else if (path === "/api/backend" && req.method === "POST") {
        try {
          json(res, 200, { steps: await backend() });
        } catch (error) {
          json(res, 200, { error: errorOf(error) });
        }
      } else if (path.startsWith("/fhir/") && req.method === "GET") {
        const [status, body] = await fhir(req).catch((error) => [401, { error: "invalid_dpop_proof", error_description: `${error.code}: ${error.message}` }]);
        json(res, status, body);
      } else if (path === "/README" && req.method === "GET") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(await readmeHtml());
      } else if (path === "/api/info") {
        json(res, 200, { issuer, app: url });
      } else {
        await serveFile(path, res);
      }
    } catch (error) {
      json(res, 500, { error: errorOf(error) });
    }
  });

  return {
    server,
    url,
    issuer,
    close: async () => {
      server.closeAllConnections?.();
      await Promise.all([new Promise((resolve) => server.close(resolve)), provider.close()]);
      for (const key of [appKey, backendKey, dpopKey]) key.free(); // zeroized
    },
  };
}

const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");

/** The repository README as plain HTML, its headings with GitHub's anchors (the panels link to them). */
async function readmeHtml() {
  const lines = (await readFile(join(root, "README.md"), "utf8")).split("\n");
  const out = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>healthauth README</title><link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/style.css"></head><body><p><a href="/">Back to the demo</a></p>'];
  let fence = false;
  let paragraph = [];
  const flush = () => paragraph.length && (out.push(`<p>${escape(paragraph.join(" "))}</p>`), (paragraph = []));
  for (const line of lines) {
    if (line.startsWith("```")) {
      flush();
      out.push(fence ? "</code></pre>" : '<pre class="code"><code>');
      fence = !fence;
    } else if (fence) out.push(`${escape(line)}\n`);
    else if (/^#{1,6} /.test(line)) {
      flush();
      const [, hashes, text] = /^(#+) (.*)$/.exec(line);
      out.push(`<h${hashes.length} id="${slug(text)}">${escape(text)}</h${hashes.length}>`);
    } else if (line.trim() === "") flush();
    else paragraph.push(line);
  }
  flush();
  out.push("</body></html>");
  return out.join("");
}

async function serveFile(path, res) {
  const file = resolvePath(path);
  try {
    if (!file) throw new Error("outside");
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flag = process.argv.indexOf("--port");
  const wanted = Number(flag > 0 ? process.argv[flag + 1] : (process.env.PORT ?? 8787));
  let demo;
  try {
    demo = await startServer(wanted);
  } catch (error) {
    if (error.code !== "EADDRINUSE") throw error;
    console.log(`port ${wanted} is busy; picking a free one`);
    demo = await startServer(0);
  }
  console.log(`healthauth demo:            ${demo.url}/`);
  console.log(`local authorization server: ${demo.issuer}  (log in with any name and password)`);
  console.log("Ctrl-C to stop");
  const stop = async () => {
    // A browser's keep-alive connection to the provider would hold it open for a few seconds.
    setTimeout(() => process.exit(0), 1000).unref();
    await demo.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
