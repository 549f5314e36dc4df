// A real OAuth server for the end-to-end tests: oidc-provider on 127.0.0.1 (loopback only),
// and a browser-like driver for its development login and consent forms. Not a test file
// itself (node --test runs only *.test.js).
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import Provider from "oidc-provider";

/**
 * Starts oidc-provider with `clients` registered. Returns `{ issuer, discovery, requests, close }`;
 * `requests.token` counts the requests its token endpoint received, `requests.jwks` those of
 * its JWK set. With `full`, the features of SMART and OpenID Connect clients are on too: PAR,
 * introspection, revocation, and DPoP with server nonces required (RFC 9449 section 8).
 * The demo (www/provider.js) adds to this: `port` to listen on, `config` merged into the
 * provider's configuration (its `features` into these), and `setup(provider)` to add middleware.
 */
export async function startOidcServer(clients, { full = false, port = 0, config = {}, setup } = {}) {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const more = full
    ? {
        dPoP: { enabled: true, nonceSecret: randomBytes(32), requireNonce: () => true },
        pushedAuthorizationRequests: { enabled: true },
        introspection: { enabled: true },
        revocation: { enabled: true },
      }
    : {};
  const provider = new Provider(issuer, {
    clients,
    ...config,
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: true }, ...more, ...config.features },
    enabledJWA: { clientAuthSigningAlgValues: ["ES384", "RS384", "HS384", "HS256"] },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    cookies: { keys: ["e2e-cookie-key-not-a-secret"] },
    ttl: { AccessToken: 3600, ClientCredentials: 600 },
  });
  setup?.(provider);
  const requests = { token: 0, jwks: 0 };
  const callback = provider.callback();
  server.on("request", (req, res) => {
    if (req.url === "/token") requests.token += 1;
    if (req.url === "/jwks") requests.jwks += 1;
    callback(req, res);
  });
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  return { issuer, discovery, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Follows redirects like a browser from `url`, submitting the login and consent forms, until a
 * redirect to `redirectUri`, which it returns (the test, not the network, then delivers it).
 */
export async function authorize(url, { issuer, redirectUri }) {
  const jar = new Map();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
  };
  let next = url;
  let init = { redirect: "manual" };
  for (let step = 0; step < 20; step++) {
    if (next.startsWith(redirectUri)) return next;
    if (!next.startsWith(issuer)) throw new Error(`left the loopback server: ${next}`);
    const response = await fetch(next, { ...init, headers: { ...init.headers, cookie: cookie() } });
    remember(response);
    init = { redirect: "manual" };
    if (response.status >= 300 && response.status < 400) {
      next = new URL(response.headers.get("location"), next).href;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`status ${response.status}: ${html.slice(0, 500)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) throw new Error(`no interaction form: ${html.slice(0, 300)}`);
    const body = new URLSearchParams({ prompt, login: "alice", password: "anything" });
    next = new URL(action.replace(/&amp;/g, "&"), next).href;
    init = {
      redirect: "manual",
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    };
  }
  throw new Error("the authorization flow did not finish in 20 steps");
}
