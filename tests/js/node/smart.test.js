// SMART on FHIR against a loopback SMART server: its smart-configuration (capabilities, scopes,
// endpoints on the same server) discovered, an EHR launch's authorize URL and the launch
// context of its token response, and backend services built from discovery with a token
// endpoint that checks each client assertion as a real one does. Plus discover's fallbacks
// and refusals, each counted at the server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import * as ha from "healthauth";

let server;
let origin;
const hits = [];
const key = ha.SigningKey.generate("ES384", { kid: "backend-1" });

/** The smart-configuration of tenant `name`. */
function smartConfiguration(name) {
  const base = `${origin}/${name}`;
  const doc = {
    issuer: base,
    authorization_endpoint: `${base}/auth/authorize`,
    token_endpoint: `${base}/auth/token`,
    jwks_uri: `${base}/auth/jwks`,
    introspection_endpoint: `${base}/auth/introspect`,
    revocation_endpoint: `${base}/auth/revoke`,
    capabilities: ["launch-ehr", "launch-standalone", "client-public", "client-confidential-asymmetric", "context-ehr-patient", "context-ehr-encounter", "permission-v2", "sso-openid-connect"],
    scopes_supported: ["openid", "fhirUser", "launch", "launch/patient", "patient/*.rs", "user/*.cruds", "system/Patient.rs", "system/Observation.rs", "offline_access"],
    response_types_supported: ["code"],
    code_challenge_methods_supported: ["S256"],
    grant_types_supported: ["authorization_code", "client_credentials"],
    token_endpoint_auth_methods_supported: ["private_key_jwt", "client_secret_basic"],
    token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
  };
  if (name === "nobackend") {
    doc.capabilities = ["launch-ehr", "client-public"];
    doc.token_endpoint_auth_methods_supported = ["client_secret_basic"];
  }
  return doc;
}

function answer(req, res, body) {
  const url = new URL(req.url, origin);
  const [, tenant, ...rest] = url.pathname.split("/");
  const path = rest.join("/");
  const json = (status, value) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  if (path === ".well-known/smart-configuration" && ["ehr", "nobackend"].includes(tenant)) return json(200, smartConfiguration(tenant));
  if (path === ".well-known/smart-configuration" && tenant === "html") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end("<html>not here</html>");
  }
  if (path === ".well-known/smart-configuration" && tenant === "huge") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify({ token_endpoint: `${origin}/huge/token`, padding: "x".repeat(2 * 1024 * 1024) }));
  }
  if (url.pathname === "/.well-known/oauth-authorization-server/html") {
    return json(200, {
      issuer: `${origin}/html`,
      authorization_endpoint: `${origin}/html/authorize`,
      token_endpoint: `${origin}/html/token`,
      code_challenge_methods_supported: ["S256"],
    });
  }
  if (path === "auth/token" && tenant === "ehr") {
    const form = new URLSearchParams(body);
    if (form.get("grant_type") === "client_credentials") {
      // A backend-services token endpoint: the assertion must verify under the registered key.
      try {
        ha.verifyJwt(form.get("client_assertion"), key, { audience: `${origin}/ehr/auth/token`, issuer: "backend-app", algorithms: ["ES384"] });
      } catch (error) {
        return json(401, { error: "invalid_client", error_description: error.code });
      }
      return json(200, { access_token: "backend-token", token_type: "Bearer", expires_in: 300, scope: form.get("scope") });
    }
    // An EHR launch's code exchange: the token response carries the launch context.
    return json(200, {
      access_token: "launch-token",
      token_type: "Bearer",
      expires_in: 3600,
      scope: "launch openid fhirUser patient/Observation.rs?category=laboratory patient/Patient.r",
      patient: "pat-123",
      encounter: "enc-456",
      fhirContext: [{ reference: "DiagnosticReport/dr-1" }, { canonical: "http://example.org/Questionnaire/q|1.0", type: "Questionnaire" }],
      need_patient_banner: false,
      smart_style_url: `${origin}/ehr/style.json`,
      intent: "reconcile-medications",
      tenant: "hospital-a",
    });
  }
  return json(404, { error: "not_found" });
}

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      hits.push(new URL(req.url, origin).pathname);
      answer(req, res, body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  key.free();
  return new Promise((resolve) => server.close(resolve));
});

test("smart: discovery of a FHIR base finds its smart-configuration, normalized", async () => {
  hits.length = 0;
  const fhirBaseUrl = `${origin}/ehr`;
  const metadata = await ha.discover(fhirBaseUrl);
  assert.deepEqual(hits, ["/ehr/.well-known/smart-configuration"], "the first URL answered");
  assert.equal(metadata.kind, "smart");
  assert.equal(metadata.fhirBaseUrl, fhirBaseUrl);
  assert.equal(metadata.tokenEndpoint, `${fhirBaseUrl}/auth/token`);
  assert.equal(metadata.authorizationEndpoint, `${fhirBaseUrl}/auth/authorize`);
  assert.ok(metadata.capabilities.includes("launch-ehr"));
  assert.deepEqual(metadata.codeChallengeMethodsSupported, ["S256"]);
  assert.deepEqual(metadata.warnings, []);
});

test("smart: an EHR launch — authorize URL with aud, launch and v2 scopes; the token's launch context", async () => {
  const fhirBaseUrl = `${origin}/ehr`;
  const metadata = await ha.discover(fhirBaseUrl);
  const pkce = ha.createPkce();
  const state = ha.randomState();
  const scope = "launch openid fhirUser patient/Observation.rs?category=laboratory patient/Patient.r";
  const url = new URL(
    ha.authorizationUrl({
      authorizationEndpoint: metadata.authorizationEndpoint,
      clientId: "ehr-app",
      redirectUri: "https://app.example/callback",
      scope,
      state,
      codeChallenge: pkce.challenge,
      aud: fhirBaseUrl,
      launch: "xyz-launch-123",
    }),
  );
  assert.equal(url.searchParams.get("aud"), fhirBaseUrl);
  assert.equal(url.searchParams.get("launch"), "xyz-launch-123");
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  assert.equal(url.searchParams.get("scope"), scope);

  const request = ha.codeExchangeRequest({
    tokenEndpoint: metadata.tokenEndpoint,
    clientId: "ehr-app",
    code: "code-1",
    redirectUri: "https://app.example/callback",
    codeVerifier: pkce.verifier,
  });
  const response = await fetch(request.url, request);
  const token = ha.parseTokenResponse(response.status, await response.text());
  assert.deepEqual(token.launchContext, {
    patient: "pat-123",
    encounter: "enc-456",
    fhirContext: [{ reference: "DiagnosticReport/dr-1" }, { canonical: "http://example.org/Questionnaire/q|1.0", type: "Questionnaire" }],
    needPatientBanner: false,
    smartStyleUrl: `${origin}/ehr/style.json`,
    intent: "reconcile-medications",
    tenant: "hospital-a",
  });
  // The granted scopes, read with SMART v2 semantics.
  const granted = ha.parseScopes(token.scope);
  assert.deepEqual(granted.find((s) => s.resource === "Observation"), {
    raw: "patient/Observation.rs?category=laboratory",
    context: "patient",
    resource: "Observation",
    permissions: "rs",
    query: "category=laboratory",
    version: 2,
  });
  assert.equal(ha.scopesSatisfy(token.scope, "patient/Patient.r"), true);
  assert.equal(ha.scopesSatisfy(token.scope, "patient/Observation.rs"), false, "a query narrows");
  assert.deepEqual(ha.missingScopes(token.scope, ["patient/Patient.r", "patient/Condition.r"]), ["patient/Condition.r"]);
});

test("smart: backend services from discovery — smartBackend → TokenClient with an ES384 key", async () => {
  const fhirBaseUrl = `${origin}/ehr`;
  const provider = await ha.smartBackend({ fhirBaseUrl });
  assert.equal(provider.tokenEndpoint, `${fhirBaseUrl}/auth/token`);
  assert.deepEqual(provider.assertionAlgorithms, ["RS384", "ES384"]);
  assert.deepEqual(provider.scopes, ["system/Patient.rs", "system/Observation.rs"]);
  const tokens = new ha.TokenClient({ provider, clientId: "backend-app", signingKey: key, scope: "system/Patient.rs" });
  assert.equal(await tokens.getAccessToken(), "backend-token");
  // The preset's rules hold: an ES256 key is refused.
  const es256 = ha.SigningKey.generate("ES256", { kid: "k" });
  assert.throws(() => new ha.TokenClient({ provider, clientId: "backend-app", signingKey: es256 }), { code: "ERR_CLIENT_ASSERTION_INVALID" });
  es256.free();
  // A server without client-confidential-asymmetric or private_key_jwt is refused.
  await assert.rejects(ha.smartBackend({ fhirBaseUrl: `${origin}/nobackend` }), { code: "ERR_DISCOVERY_UNSUPPORTED" });
});

test("smart: discover falls back in order, and refuses with codes", async () => {
  // The smart-configuration URL answers HTML: the RFC 8414 document is found next.
  hits.length = 0;
  const oauth = await ha.discover(`${origin}/html`);
  assert.equal(oauth.kind, "oauth");
  assert.equal(oauth.issuer, `${origin}/html`);
  assert.deepEqual(hits, [
    "/html/.well-known/smart-configuration",
    "/html/.well-known/openid-configuration",
    "/.well-known/oauth-authorization-server/html",
  ]);
  // Nothing anywhere: every URL tried once, then a coded error.
  hits.length = 0;
  await assert.rejects(ha.discover(`${origin}/none`), (e) => {
    assert.equal(e.code, "ERR_DISCOVERY_UNAVAILABLE");
    assert.equal(e.details.tried, 4);
    assert.match(e.details.last, /^HTTP 404 from /);
    return true;
  });
  assert.equal(hits.length, 4);
  // An oversized document is refused while it streams.
  await assert.rejects(ha.discover(`${origin}/huge`), { code: "ERR_INPUT_TOO_LARGE" });
  await assert.rejects(ha.discover(`${origin}/huge`, { maxBytes: 100 }), { code: "ERR_INPUT_TOO_LARGE" });
  // A URL that cannot be a server's, and unknown options.
  await assert.rejects(ha.discover("http://ehr.example/fhir"), { code: "ERR_URL_INVALID" });
  await assert.rejects(ha.discover(`${origin}/ehr`, { timeout: 5 }), { code: "ERR_UNKNOWN_OPTION" });
  // A network failure is a miss like a 404.
  await assert.rejects(ha.discover("http://127.0.0.1:1/fhir"), { code: "ERR_DISCOVERY_UNAVAILABLE" });
});
