// JOSE: keys, JWS/JWT, client assertions, JWKS.
// eslint-disable-next-line no-unused-vars
import { ok, equal, throwsCode } from "./assert.js";

export function joseSuite(ha, platform) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `jose: ${name}`, fn });
  void [test, ok, equal, throwsCode, ha, platform];
  return tests;
}
