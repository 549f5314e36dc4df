// The small app every bundler builds (tests/js/bundlers/bundlers.test.js): a PKCE pair, a Standard
// Webhooks delivery signed and verified, and an ES384 JWT signed and verified. `run()` returns
// what it checked. The entry (main.js) is the README's "Serving the .wasm" snippet for that bundler.
import { SigningKey, createPkce, jwks, signJwt, signWebhook, verifyJwt, verifyPkce, verifyWebhook } from "healthauth";

export function run() {
  const checks = {};

  const pkce = createPkce();
  checks.pkce = pkce.method === "S256" && verifyPkce(pkce.verifier, pkce.challenge);

  const secret = "whsec_" + btoa("a bundled webhook secret, 32 b!!");
  const payload = JSON.stringify({ type: "bundled" });
  // The same app runs in browsers, where a webhook secret must be opted into (it is readable there).
  const options = { scheme: "standard", payload, secret, dangerouslyAllowBrowser: true };
  checks.webhook = verifyWebhook({ ...options, headers: signWebhook(options) }) !== undefined;

  const key = SigningKey.generate("ES384", { kid: "bundled" });
  try {
    const jwt = signJwt(key, { sub: "bundled", exp: Math.floor(Date.now() / 1000) + 60 });
    checks.es384 = key.alg === "ES384" && verifyJwt(jwt, jwks([key])).claims.sub === "bundled";
  } finally {
    key.free();
  }
  return checks;
}
