// OAuth flows and provider helpers (sans-IO parts).
// eslint-disable-next-line no-unused-vars
import { ok, equal, throwsCode } from "./assert.js";

export function oauthSuite(ha, platform) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `oauth: ${name}`, fn });
  void [test, ok, equal, throwsCode, ha, platform];
  return tests;
}
