// A loopback OAuth token endpoint that counts its token requests. Not a test file itself.
import { createServer } from "node:http";

/**
 * Starts the endpoint; `lifetimes` are the `expires_in` of the tokens it issues in turn (the
 * last one repeats), each with a refresh token when `refreshTokens`. Returns
 * `{ url, requests, grants, close() }` (`requests` counts the POSTs, `grants` their grant types).
 */
export async function startTokenEndpoint(lifetimes = [3600], { refreshTokens = false } = {}) {
  const state = { requests: 0, grants: [] };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const n = state.requests++;
      state.grants.push(new URLSearchParams(body).get("grant_type"));
      const expiresIn = lifetimes[Math.min(n, lifetimes.length - 1)];
      res.writeHead(200, { "content-type": "application/json" });
      const token = { access_token: `token-${n + 1}`, token_type: "Bearer", expires_in: expiresIn };
      if (refreshTokens) token.refresh_token = `refresh-${n + 1}`;
      res.end(JSON.stringify(token));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/token`,
    get requests() {
      return state.requests;
    },
    grants: state.grants,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
