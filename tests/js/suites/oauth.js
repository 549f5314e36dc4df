// OAuth flows and provider helpers (sans-IO parts, and TokenClient over an injected fetch).
import { ok, equal, throwsCode, rejectsCode } from "./assert.js";

const RFC7636_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7636_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const JWT = "eyJhbGciOiJSUzM4NCJ9.eyJzdWIiOiJhIn0.c2ln";
const ASSERTION_TYPE = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
const NOW = 1_700_000_000;

const isBrowser =
  typeof window !== "undefined" && typeof document !== "undefined" && typeof Deno === "undefined";


/** A fake token endpoint: `respond(n, request)` gives [status, body] for the n-th call. */
function fakeEndpoint(respond) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, ...init });
    await new Promise((r) => setTimeout(r, 1));
    const result = await respond(calls.length, init);
    if (result instanceof Error) throw result;
    const [status, body] = result;
    return new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, calls };
}

export function oauthSuite(ha, platform) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `oauth: ${name}`, fn });
  void platform;

  test("exports the documented names", () => {
    for (const name of [
      "authorizationUrl",
      "parseCallback",
      "codeExchangeRequest",
      "refreshRequest",
      "clientCredentialsRequest",
      "parseTokenResponse",
      "TokenClient",
      "updoxAuth",
      "parseApiKey",
      "ipAllowed",
      "redox",
      "telesoft",
      "digitail",
      "smart",
    ]) {
      equal(typeof ha[name], "function", name);
    }
  });

  test("authorizationUrl: Telesoft example with PKCE, exact encoding", () => {
    const url = ha.authorizationUrl({
      authorizationEndpoint: "https://auth.telesoft.us/oauth/authorize",
      clientId: "YOUR_CLIENT_ID",
      redirectUri: "https://your-app.com/callback",
      scope: ["read:patient_data", "write:medical_records"],
      state: "random_state_for_csrf_protection",
      codeChallenge: RFC7636_CHALLENGE,
    });
    equal(
      url,
      "https://auth.telesoft.us/oauth/authorize?response_type=code&client_id=YOUR_CLIENT_ID" +
        "&redirect_uri=https%3A%2F%2Fyour-app.com%2Fcallback" +
        "&scope=read%3Apatient_data%20write%3Amedical_records&state=random_state_for_csrf_protection" +
        `&code_challenge=${RFC7636_CHALLENGE}&code_challenge_method=S256`,
    );
    // The platform's URL parser reads back exactly what went in.
    const parsed = new URL(url);
    equal(parsed.searchParams.get("redirect_uri"), "https://your-app.com/callback");
    equal(parsed.searchParams.get("scope"), "read:patient_data write:medical_records");
  });

  test("authorizationUrl: percent-encoding edge cases round-trip through URLSearchParams", () => {
    const values = ["a b+c", "é/ü?#&=", "\u{1F600}", "100%", "~-._", "'\"<>`{}|\\^"];
    for (const value of values) {
      const url = ha.authorizationUrl({
        authorizationEndpoint: "https://as.example/authorize?tenant=x",
        clientId: value,
        redirectUri: "http://127.0.0.1:8080/cb",
        state: value,
        extraParams: { nonce: value, prompt: "consent" },
      });
      ok(/^[A-Za-z0-9\-._~%&=?:/]+$/.test(url), `only safe characters: ${url}`);
      const params = new URL(url).searchParams;
      equal(params.get("tenant"), "x");
      equal(params.get("client_id"), value);
      equal(params.get("state"), value);
      equal(params.get("nonce"), value);
    }
  });

  test("authorizationUrl refuses bad input with codes", () => {
    const base = {
      authorizationEndpoint: "https://as/authorize",
      clientId: "c",
      redirectUri: "https://app/cb",
      state: "s",
    };
    throwsCode(ha, () => ha.authorizationUrl({ ...base, authorizationEndpoint: "http://as/authorize" }), "ERR_URL_INVALID");
    throwsCode(ha, () => ha.authorizationUrl({ ...base, redirectUri: "https://app/cb#frag" }), "ERR_URL_INVALID");
    throwsCode(ha, () => ha.authorizationUrl({ ...base, state: undefined }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.authorizationUrl({ ...base, codeChallenge: "plain" }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.authorizationUrl({ ...base, extraParams: { state: "x" } }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.authorizationUrl({ ...base, extraParams: { n: 1 } }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.authorizationUrl({ ...base, scope: 5 }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.authorizationUrl({ ...base, scop: "x" }), "ERR_UNKNOWN_OPTION");
    throwsCode(ha, () => ha.authorizationUrl("https://as"), "ERR_INVALID_ARGUMENT");
  });

  test("parseCallback: success, state mismatch, provider error, malformed", () => {
    const state = ha.randomState();
    const good = ha.parseCallback(`https://app/cb?code=Splx%2BlOB&state=${state}&iss=https%3A%2F%2Fas`, {
      expectedState: state,
    });
    equal(good.code, "Splx+lOB");
    equal(good.state, state);
    equal(good.iss, "https://as");
    const withIss = `https://app/cb?code=c&state=${state}&iss=https%3A%2F%2Fas`;
    equal(ha.parseCallback(withIss, { expectedState: state, expectedIssuer: "https://as" }).code, "c");
    throwsCode(ha, () => ha.parseCallback(withIss, { expectedState: state, expectedIssuer: "https://evil" }), "ERR_OAUTH_CALLBACK_INVALID");
    throwsCode(ha, () => ha.parseCallback(`https://app/cb?code=c&state=${state}`, { expectedState: state, expectedIssuer: "https://as" }), "ERR_OAUTH_CALLBACK_INVALID");
    throwsCode(ha, () => ha.parseCallback("https://app/cb?code=x&state=forged", { expectedState: state }), "ERR_OAUTH_STATE_MISMATCH", state);
    throwsCode(ha, () => ha.parseCallback("https://app/cb?code=x", { expectedState: state }), "ERR_OAUTH_STATE_MISMATCH");
    throwsCode(ha, () => ha.parseCallback(`https://app/cb?state=${state}`, { expectedState: state }), "ERR_OAUTH_CALLBACK_INVALID");
    throwsCode(ha, () => ha.parseCallback(`https://app/cb?code=a&code=b&state=${state}`, { expectedState: state }), "ERR_OAUTH_CALLBACK_INVALID");
    throwsCode(ha, () => ha.parseCallback("https://app/cb?code=x&state=s", {}), "ERR_INVALID_ARGUMENT");
    let error;
    try {
      ha.parseCallback(`https://app/cb?error=access_denied&error_description=User+said+no&state=${state}`, {
        expectedState: state,
      });
    } catch (e) {
      error = e;
    }
    equal(error?.code, "ERR_OAUTH_CALLBACK_ERROR");
    equal(error.error, "access_denied");
    equal(error.errorDescription, "User said no");
  });

  test("audit finding 12: provider text is shown only once the state matches (and the issuer)", () => {
    const state = ha.randomState();
    const phishing = "error=access_denied&error_description=Your+account+is+locked%3A+call+%2B1-555-0100";
    for (const url of [`https://app/cb?${phishing}`, `https://app/cb?${phishing}&state=forged`]) {
      let error;
      try {
        ha.parseCallback(url, { expectedState: state });
      } catch (e) {
        error = e;
      }
      equal(error?.code, "ERR_OAUTH_STATE_MISMATCH", url);
      ok(!/555|locked/.test(error.message), error.message);
      equal(error.error, undefined);
      equal(error.errorDescription, undefined);
    }
    // State first, then the RFC 9207 issuer: an error from the wrong issuer is not shown either.
    const fromEvil = `https://app/cb?${phishing}&state=${state}&iss=https%3A%2F%2Fevil`;
    throwsCode(ha, () => ha.parseCallback(fromEvil, { expectedState: "other" }), "ERR_OAUTH_STATE_MISMATCH");
    throwsCode(ha, () => ha.parseCallback(fromEvil, { expectedState: state, expectedIssuer: "https://as" }), "ERR_OAUTH_CALLBACK_INVALID");
    throwsCode(ha, () => ha.parseCallback(fromEvil, { expectedState: state }), "ERR_OAUTH_CALLBACK_ERROR");
  });

  const confidential = (clientAuth, extra = {}) => ({
    tokenEndpoint: "https://as.example.com/token",
    clientId: "s6BhdRkqt3",
    clientAuth,
    ...extra,
  });

  test("codeExchangeRequest: public client with PKCE", () => {
    const r = ha.codeExchangeRequest({
      tokenEndpoint: "https://as.example.com/token",
      clientId: "public app",
      code: "SplxlOBeZQQYbYS6WxSbIA",
      redirectUri: "https://client.example.com/cb",
      codeVerifier: RFC7636_VERIFIER,
    });
    equal(r.method, "POST");
    equal(r.url, "https://as.example.com/token");
    equal(r.headers["content-type"], "application/x-www-form-urlencoded");
    equal(r.headers.accept, "application/json");
    equal(r.headers.authorization, undefined);
    equal(
      r.body,
      "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA" +
        "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb" +
        `&code_verifier=${RFC7636_VERIFIER}&client_id=public%20app`,
    );
    throwsCode(
      ha,
      () => ha.codeExchangeRequest({ tokenEndpoint: "https://as/token", clientId: "p", code: "c", redirectUri: "https://app/cb" }),
      "ERR_INVALID_ARGUMENT",
    );
  });

  test("token requests: client_secret_basic (RFC 6749 example credentials)", () => {
    const r = ha.refreshRequest(confidential({ method: "client_secret_basic", secret: "gX1fBat3bV" }, { refreshToken: "tGzv3JOkF0XG5Qx2TlKWIA" }));
    equal(r.headers.authorization, "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
    equal(r.body, "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA");
    // The clientSecret shorthand means client_secret_basic.
    const s = ha.clientCredentialsRequest({ tokenEndpoint: "https://as.example.com/token", clientId: "s6BhdRkqt3", clientSecret: "gX1fBat3bV" });
    equal(s.headers.authorization, "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
    equal(s.body, "grant_type=client_credentials");
  });

  test("token requests: client_secret_post and client_secret_json (Telesoft)", () => {
    const post = ha.codeExchangeRequest(
      confidential({ method: "client_secret_post", secret: "p@ss w&rd" }, { code: "abc", redirectUri: "https://app/cb" }),
    );
    equal(
      post.body,
      "grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=s6BhdRkqt3&client_secret=p%40ss%20w%26rd",
    );
    equal(new URLSearchParams(post.body).get("client_secret"), "p@ss w&rd");
    const json = ha.codeExchangeRequest({
      tokenEndpoint: ha.telesoft().tokenEndpoint,
      clientId: "YOUR_CLIENT_ID",
      clientAuth: { method: "client_secret_json" },
      clientSecret: "YOUR_CLIENT_SECRET",
      code: "code",
      redirectUri: "https://your-app.com/callback",
    });
    equal(json.url, "https://auth.telesoft.us/oauth/token");
    equal(json.headers["content-type"], "application/json");
    equal(
      json.body,
      '{"grant_type":"authorization_code","code":"code","redirect_uri":"https://your-app.com/callback","client_id":"YOUR_CLIENT_ID","client_secret":"YOUR_CLIENT_SECRET"}',
    );
  });

  test("token requests: private_key_jwt and client_secret_jwt take a signed assertion (Redox)", () => {
    const r = ha.clientCredentialsRequest({
      tokenEndpoint: ha.redox().tokenEndpoint,
      clientAuth: { method: "private_key_jwt", assertion: JWT },
    });
    equal(r.url, "https://api.redoxengine.com/v2/auth/token");
    equal(r.body, `grant_type=client_credentials&client_assertion_type=${ASSERTION_TYPE}&client_assertion=${JWT}`);
    const h = ha.clientCredentialsRequest(
      confidential({ method: "client_secret_jwt", assertion: JWT }, { scope: ["system/Patient.read", "system/Observation.read"] }),
    );
    equal(
      h.body,
      "grant_type=client_credentials&scope=system%2FPatient.read%20system%2FObservation.read&client_id=s6BhdRkqt3" +
        `&client_assertion_type=${ASSERTION_TYPE}&client_assertion=${JWT}`,
    );
    throwsCode(ha, () => ha.clientCredentialsRequest(confidential({ method: "private_key_jwt" })), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.clientCredentialsRequest(confidential({ method: "private_key_jwt", assertion: "not a jwt" })), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.clientCredentialsRequest(confidential({ method: "magic" })), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.clientCredentialsRequest(confidential({ method: "none" })), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.clientCredentialsRequest(confidential({ method: "client_secret_post" })), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.clientCredentialsRequest({ ...confidential({ method: "none" }), tokenEndpoint: "http://as/token" }), "ERR_URL_INVALID");
  });

  test("parseTokenResponse: RFC 6749 success and real-world deviations", () => {
    const t = ha.parseTokenResponse(
      200,
      '{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","example_parameter":"example_value"}',
      { now: NOW },
    );
    equal(t.accessToken, "2YotnFZFEjr1zCsicMWpAA");
    equal(t.tokenType, "example");
    equal(t.expiresIn, 3600);
    equal(t.expiresAt, NOW + 3600);
    equal(t.refreshAt, NOW + 3540);
    equal(t.refreshToken, "tGzv3JOkF0XG5Qx2TlKWIA");
    equal(t.extra.example_parameter, "example_value");
    const redox = ha.parseTokenResponse(200, '{"access_token":"a","expires_in":"300","token_type":"bearer"}', { now: NOW });
    equal(redox.tokenType, "Bearer");
    equal(redox.expiresAt, NOW + 300);
    equal(redox.refreshAt, NOW + 240);
    const bare = ha.parseTokenResponse(200, '{"access_token":"a"}');
    equal(bare.tokenType, "Bearer");
    equal(bare.expiresAt, undefined);
    const now = Date.now() / 1000;
    const clock = ha.parseTokenResponse(200, '{"access_token":"a","expires_in":60}');
    ok(Math.abs(clock.expiresAt - (now + 60)) < 5, "default now is the clock");
  });

  test("parseTokenResponse: errors carry the provider's code and never a token", () => {
    let error;
    try {
      ha.parseTokenResponse(400, '{"error":"invalid_client","error_description":"client authentication failed"}', { now: NOW });
    } catch (e) {
      error = e;
    }
    equal(error?.code, "ERR_OAUTH_TOKEN_ERROR");
    equal(error.error, "invalid_client");
    equal(error.errorDescription, "client authentication failed");
    equal(error.status, 400);
    throwsCode(ha, () => ha.parseTokenResponse(200, '{"access_token":"SECRET-AT","expires_in":"soon"}'), "ERR_OAUTH_TOKEN_RESPONSE_INVALID", "SECRET-AT");
    throwsCode(ha, () => ha.parseTokenResponse(502, "<html>bad gateway</html>"), "ERR_OAUTH_TOKEN_RESPONSE_INVALID");
    throwsCode(ha, () => ha.parseTokenResponse(200, "not json"), "ERR_OAUTH_TOKEN_RESPONSE_INVALID");
    throwsCode(ha, () => ha.parseTokenResponse(700, "{}"), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.parseTokenResponse(200, "{}", { now: -1 }), "ERR_INVALID_ARGUMENT");
  });

  test("updoxAuth: valid and invalid tables; passwords never in errors", () => {
    const appPw = "tmo>gQsnTwf,ArM{GPC]u[+yFf9d]B%:dt92V4Ctjk]raKZQZp";
    const app = ha.updoxAuth({ applicationId: "updox", applicationPassword: appPw, accountId: "2001002", userId: "1337" });
    equal(JSON.stringify(app), JSON.stringify({ auth: { accountId: "2001002", applicationId: "updox", applicationPassword: appPw, userId: "1337" } }));
    ok(!String(app).includes(appPw), "toString");
    const ind = ha.updoxAuth({ loginId: "updoxuser", loginPassword: "a2@::6$>8{6.#@H" });
    equal(ind.auth.loginId, "updoxuser");
    equal(ind.auth.loginPassword, "a2@::6$>8{6.#@H");
    for (const [input, code] of [
      [{}, "ERR_UPDOX_AUTH_INCOMPLETE"],
      [{ applicationId: "updox" }, "ERR_UPDOX_AUTH_INCOMPLETE"],
      [{ applicationPassword: appPw }, "ERR_UPDOX_AUTH_INCOMPLETE"],
      [{ applicationId: "u", applicationPassword: appPw, userId: "1" }, "ERR_UPDOX_AUTH_INCOMPLETE"],
      [{ loginId: "u" }, "ERR_UPDOX_AUTH_INCOMPLETE"],
      [{ loginPassword: appPw }, "ERR_UPDOX_AUTH_INCOMPLETE"],
      [{ loginId: "u", loginPassword: "" }, "ERR_UPDOX_AUTH_INCOMPLETE"],
      [{ applicationId: "u", applicationPassword: appPw, loginId: "x" }, "ERR_UPDOX_AUTH_MIXED"],
      [{ accountId: "1", loginId: "u", loginPassword: appPw }, "ERR_UPDOX_AUTH_MIXED"],
      [{ loginId: "u", loginPassword: 5 }, "ERR_INVALID_ARGUMENT"],
      [{ loginId: "u", password: appPw }, "ERR_UNKNOWN_OPTION"],
    ]) {
      throwsCode(ha, () => ha.updoxAuth(input), code, appPw);
    }
  });

  test("parseApiKey: valid and invalid tables, redaction, browser guard", () => {
    const test = ha.parseApiKey("ts_test_4eC39HqLyjWDarjtT1zdp7dc");
    equal(JSON.stringify(test), '{"provider":"telesoft","environment":"test","redacted":"ts_test_****p7dc"}');
    const live = "ts_live_" + "x".repeat(23) + "Ab12";
    if (isBrowser) {
      throwsCode(ha, () => ha.parseApiKey(live), "ERR_SECRET_IN_BROWSER", live);
      equal(ha.parseApiKey(live, { dangerouslyAllowBrowser: true }).environment, "live");
    } else {
      const parsed = ha.parseApiKey(live);
      equal(parsed.environment, "live");
      equal(parsed.redacted, "ts_live_****Ab12");
    }
    for (const bad of [
      "",
      "ts_live_",
      "ts_live_short",
      "TS_LIVE_4eC39HqLyjWDarjtT1zdp7dc",
      "ts_prod_4eC39HqLyjWDarjtT1zdp7dc",
      "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      " ts_live_4eC39HqLyjWDarjtT1zdp7dc",
      "ts_live_4eC39HqLyjWDarjtT1zdp7dc\n",
      "Bearer ts_live_4eC39HqLyjWDarjtT1zdp7dc",
      "ts_test_" + "a".repeat(257),
    ]) {
      throwsCode(ha, () => ha.parseApiKey(bad), "ERR_API_KEY_INVALID", bad.length > 12 ? bad : undefined);
    }
    throwsCode(ha, () => ha.parseApiKey(42), "ERR_INVALID_ARGUMENT");
  });

  test("ipAllowed: IPv4 and IPv6 tables, strict parsing", () => {
    const seed = ["203.0.113.0/24", "198.51.100.42"];
    for (const [ip, expected] of [
      ["203.0.113.0", true],
      ["203.0.113.255", true],
      ["198.51.100.42", true],
      ["198.51.100.43", false],
      ["203.0.114.1", false],
      ["::ffff:203.0.113.9", true],
      ["2001:db8::1", false],
    ]) {
      equal(ha.ipAllowed(ip, seed), expected, ip);
    }
    equal(ha.ipAllowed("2001:db8:ffff::1", ["2001:db8::/32"]), true);
    equal(ha.ipAllowed("2001:db9::1", ["2001:db8::/32"]), false);
    equal(ha.ipAllowed("::1", ["::1"]), true);
    equal(ha.ipAllowed("1.2.3.4", []), false);
    for (const ip of ["01.2.3.4", "1.2.3", "1.2.3.256", "fe80::1%eth0", " 1.2.3.4", "localhost", "1.2.3.4/32"]) {
      throwsCode(ha, () => ha.ipAllowed(ip, seed), "ERR_IP_INVALID");
    }
    for (const cidrs of [["203.0.113.1/24"], ["1.2.3.0/33"], ["1.2.3.0/024"], ["2001:db8::/129"], ["x"], ["10.0.0.0/8", ""]]) {
      throwsCode(ha, () => ha.ipAllowed("1.2.3.4", cidrs), "ERR_CIDR_INVALID");
    }
    throwsCode(ha, () => ha.ipAllowed("1.2.3.4", "1.2.3.0/24"), "ERR_INVALID_ARGUMENT");
  });

  test("provider presets", () => {
    const r = ha.redox();
    equal(r.tokenEndpoint, "https://api.redoxengine.com/v2/auth/token");
    equal(r.accessTokenLifetimeSeconds, 300);
    equal(r.assertionAlgorithms.join(), "RS384,ES384,HS384");
    const t = ha.telesoft();
    equal(t.authorizationEndpoint, "https://auth.telesoft.us/oauth/authorize");
    equal(t.clientAuthMethod, "client_secret_json");
    equal(t.refreshTokenLifetimeSeconds, 30 * 24 * 3600);
    ok(t.scopes.includes("write:prescriptions"));
    equal(ha.digitail({ baseUrl: "https://clinic.example" }).pkceRequired, true);
    const s = ha.smart({ tokenEndpoint: "https://ehr.example/token" });
    equal(s.kidRequired, true);
    equal(s.maxAssertionLifetimeSeconds, 300);
    throwsCode(ha, () => ha.redox({ region: "mars" }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.digitail({}), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.smart({ tokenEndpoint: "http://ehr/token" }), "ERR_URL_INVALID");
  });

  test("hostile input never crashes the module: every failure is a HealthAuthError", () => {
    const alphabet = ["%", "%2", "%ZZ", "%C3", "&", "=", "?", "#", "+", "code", "state", "error", "iss", "\u0000", "é", "\u{1F600}", "{", "}", '"', "access_token", ":", ",", "1e999", "-1", "[", "]", "/", "0"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const noise = () => Array.from({ length: Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    const calls = [
      (s) => ha.parseCallback(s, { expectedState: "state" }),
      (s) => ha.parseCallback(`https://app/cb?${s}`, { expectedState: s || "x", expectedIssuer: s || "x" }),
      (s) => ha.parseTokenResponse(200, s),
      (s) => ha.parseTokenResponse(400, `{"error":${JSON.stringify(s)},"error_description":${JSON.stringify(s)}}`),
      (s) => ha.parseTokenResponse(200, `{"access_token":"a","expires_in":${JSON.stringify(s)}}`),
      (s) => ha.ipAllowed(s, [s]),
      (s) => ha.parseApiKey(`ts_test_${s}`),
      (s) => ha.authorizationUrl({ authorizationEndpoint: `https://as/${s}`, clientId: s, redirectUri: `https://app/${s}`, state: s, scope: s }),
      (s) => ha.refreshRequest({ tokenEndpoint: "https://as/token", clientId: s, refreshToken: s, scope: s }),
    ];
    for (let i = 0; i < 3000; i++) {
      const input = noise();
      const call = calls[i % calls.length];
      try {
        call(input);
      } catch (e) {
        ok(e instanceof ha.HealthAuthError, `call ${i % calls.length} with ${JSON.stringify(input)} threw ${e}`);
      }
    }
    // Still alive (a wasm trap would poison every later call).
    equal(ha.ipAllowed("10.0.0.1", ["10.0.0.0/8"]), true);
  });

  // ---- TokenClient over an injected fetch (the loopback-server versions run in Node) ----

  const secretClient = (fetch, extra = {}) =>
    new ha.TokenClient({
      tokenEndpoint: "https://as.example.com/token",
      clientId: "svc",
      clientSecret: "s3cret",
      fetch,
      backoffMs: 1,
      dangerouslyAllowBrowser: true,
      ...extra,
    });

  test("TokenClient: 1000 concurrent callers share one request", async () => {
    const endpoint = fakeEndpoint(() => [200, { access_token: "at-1", expires_in: 3600 }]);
    const client = secretClient(endpoint.fetch);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => client.getAccessToken()));
    equal(endpoint.calls.length, 1, "requests");
    ok(tokens.every((t) => t === "at-1"));
    equal(await client.getAccessToken(), "at-1");
    equal(endpoint.calls.length, 1, "cached");
    equal(endpoint.calls[0].headers.authorization, "Basic c3ZjOnMzY3JldA==");
  });

  test("TokenClient: refreshes ahead of expiry, with the refresh token", async () => {
    let clock = NOW;
    const endpoint = fakeEndpoint((n) => [200, { access_token: `at-${n}`, expires_in: 300, refresh_token: `rt-${n}` }]);
    const client = secretClient(endpoint.fetch, { now: () => clock });
    equal(await client.getAccessToken(), "at-1");
    clock = NOW + 239;
    equal(await client.getAccessToken(), "at-1");
    clock = NOW + 240; // refreshAt = expiry - 60 s, before the token expires
    equal(await client.getAccessToken(), "at-2");
    equal(endpoint.calls.length, 2);
    ok(endpoint.calls[0].body.startsWith("grant_type=client_credentials"));
    equal(endpoint.calls[1].body, "grant_type=refresh_token&refresh_token=rt-1");
  });

  test("TokenClient: a token without expires_in is renewed after defaultLifetimeSeconds (default 300)", async () => {
    let clock = NOW;
    const endpoint = fakeEndpoint((n) => [200, { access_token: `at-${n}` }]);
    const client = secretClient(endpoint.fetch, { now: () => clock, defaultLifetimeSeconds: 120 });
    equal(await client.getAccessToken(), "at-1");
    clock = NOW + 119;
    equal(await client.getAccessToken(), "at-1");
    clock = NOW + 120;
    equal(await client.getAccessToken(), "at-2");
    clock = NOW;
    const byDefault = secretClient(endpoint.fetch, { now: () => clock });
    equal((await byDefault.getToken()).refreshAt, NOW + 300);
    equal(endpoint.calls.length, 3);
  });

  test("TokenClient: a token the caller holds is renewed refreshSkewSeconds before its expiry", async () => {
    let clock = NOW;
    const endpoint = fakeEndpoint((n) => [200, { access_token: `at-${n}`, expires_in: 3600 }]);
    const client = secretClient(endpoint.fetch, {
      now: () => clock,
      refreshSkewSeconds: 100,
      token: { accessToken: "held", expiresAt: NOW + 1000, refreshToken: "rt-held" },
    });
    equal((await client.getToken()).refreshAt, NOW + 900);
    clock = NOW + 899;
    equal(await client.getAccessToken(), "held");
    clock = NOW + 900;
    equal(await client.getAccessToken(), "at-1");
    equal(endpoint.calls[0].body, "grant_type=refresh_token&refresh_token=rt-held");
  });

  test("TokenClient: 503 twice then 200 succeeds; exhausted retries throw", async () => {
    const flaky = fakeEndpoint((n) => (n <= 2 ? [503, "busy"] : [200, { access_token: "at-ok" }]));
    equal(await secretClient(flaky.fetch).getAccessToken(), "at-ok");
    equal(flaky.calls.length, 3);
    const down = fakeEndpoint(() => new TypeError("fetch failed"));
    await rejectsCode(ha, secretClient(down.fetch, { retries: 3 }).getAccessToken(), "ERR_TOKEN_ENDPOINT_UNAVAILABLE");
    equal(down.calls.length, 4);
  });

  test("TokenClient: a 400 invalid_client surfaces at once with its code", async () => {
    const endpoint = fakeEndpoint(() => [400, { error: "invalid_client", error_description: "bad secret" }]);
    const error = await rejectsCode(ha, secretClient(endpoint.fetch).getAccessToken(), "ERR_OAUTH_TOKEN_ERROR");
    equal(error.error, "invalid_client");
    equal(endpoint.calls.length, 1);
    ok(!error.message.includes("s3cret"));
  });

  test("TokenClient: a shared store serves a second client; assertions are fresh per request", async () => {
    const values = new Map();
    const store = { get: async (k) => values.get(k) ?? null, put: async (k, v) => void values.set(k, v) };
    const endpoint = fakeEndpoint(() => [200, { access_token: "shared", expires_in: 3600 }]);
    let signed = 0;
    const make = () =>
      new ha.TokenClient({
        provider: ha.redox(),
        clientAuth: { method: "private_key_jwt", assertion: () => `${JWT}${++signed}` },
        fetch: endpoint.fetch,
        store,
        // No clientId and an assertion healthauth did not sign: only the caller can name whose
        // tokens these are (finding 2).
        storeKey: "redox:tenant-a",
        dangerouslyAllowBrowser: true,
      });
    equal(await make().getAccessToken(), "shared");
    equal(await make().getAccessToken(), "shared");
    equal(endpoint.calls.length, 1);
    equal(endpoint.calls[0].url, "https://api.redoxengine.com/v2/auth/token");
    ok(endpoint.calls[0].body.endsWith(`client_assertion=${JWT}1`));
  });

  test("TokenClient: a dead server-issued refresh token falls back to client_credentials, a user's does not", async () => {
    let clock = NOW;
    const endpoint = fakeEndpoint((n, init) =>
      init.body.startsWith("grant_type=refresh_token")
        ? [400, { error: "invalid_grant" }]
        : [200, { access_token: `cc-${n}`, expires_in: 300, refresh_token: "server-rt" }],
    );
    const service = secretClient(endpoint.fetch, { now: () => clock });
    equal(await service.getAccessToken(), "cc-1");
    clock += 300;
    equal(await service.getAccessToken(), "cc-3");
    equal(endpoint.calls.length, 3);
    const user = secretClient(endpoint.fetch, { refreshToken: "user-rt" });
    const error = await rejectsCode(ha, user.getAccessToken(), "ERR_OAUTH_TOKEN_ERROR");
    equal(error.error, "invalid_grant");
    equal(endpoint.calls.length, 4);
  });

  test("TokenClient: encryptionKey seals store entries with this runtime's WebCrypto", async () => {
    const values = new Map();
    const puts = [];
    const store = {
      get: async (k) => values.get(k) ?? null,
      put: async (k, v, options) => {
        puts.push(options);
        values.set(k, v);
      },
    };
    const endpoint = fakeEndpoint(() => [200, { access_token: "sealed-at", expires_in: 3600, refresh_token: "sealed-rt" }]);
    const encryptionKey = new Uint8Array(32).fill(7);
    const make = (key) => secretClient(endpoint.fetch, { store, encryptionKey: key });
    equal(await make(encryptionKey).getAccessToken(), "sealed-at");
    equal(await make(encryptionKey).getAccessToken(), "sealed-at");
    equal(endpoint.calls.length, 1, "shared through the store");
    const [value] = values.values();
    ok(!value.includes("sealed-"), "no token in clear");
    equal(JSON.parse(value).enc, "AES-GCM");
    ok(puts.every((o) => o.expirationTtl >= 60));
    // Another key reads nothing.
    equal(await make(new Uint8Array(32).fill(8)).getAccessToken(), "sealed-at");
    equal(endpoint.calls.length, 2);
  });

  test("TokenClient: a redirect is refused; a user's expired token asks for a new login", async () => {
    const redirecting = fakeEndpoint(() => [307, {}]);
    await rejectsCode(ha, secretClient(redirecting.fetch).getAccessToken(), "ERR_TOKEN_ENDPOINT_REDIRECTED");
    equal(redirecting.calls.length, 1);
    equal(redirecting.calls[0].redirect, "manual");
    const endpoint = fakeEndpoint(() => [200, { access_token: "app-token" }]);
    const user = secretClient(endpoint.fetch, { token: { accessToken: "user-at", expiresAt: NOW - 1 } });
    await rejectsCode(ha, user.getAccessToken(), "ERR_REAUTHENTICATION_REQUIRED");
    equal(endpoint.calls.length, 0);
  });

  test("TokenClient: options are checked; secrets are refused in browsers", () => {
    throwsCode(ha, () => new ha.TokenClient({ tokenEndpoint: "https://as/token", clientId: "p" }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => new ha.TokenClient({ tokenEndpoint: "https://as/token", clientSecret: "x", fech: 1 }), "ERR_UNKNOWN_OPTION");
    throwsCode(ha, () => new ha.TokenClient({ clientId: "p", clientSecret: "x" }), "ERR_INVALID_ARGUMENT");
    const options = { tokenEndpoint: "https://as/token", clientId: "c", clientSecret: "top-secret" };
    if (isBrowser) {
      throwsCode(ha, () => new ha.TokenClient(options), "ERR_SECRET_IN_BROWSER", "top-secret");
      throwsCode(
        ha,
        () => new ha.TokenClient({ tokenEndpoint: "https://as/token", clientAuth: { method: "private_key_jwt", assertion: () => JWT } }),
        "ERR_SECRET_IN_BROWSER",
      );
    } else {
      ok(new ha.TokenClient(options) instanceof ha.TokenClient);
    }
    // A public client with a refresh token is fine everywhere.
    ok(new ha.TokenClient({ tokenEndpoint: "https://as/token", clientId: "p", refreshToken: "rt" }));
  });

  return tests;
}
