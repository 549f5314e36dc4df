// A Worker that runs the shared suite inside workerd and answers with the results as JSON.
// It imports `healthauth` by name; the bundler resolves it through the package's `workerd` export.
// `/lite` runs the lite suite against `healthauth/lite` (its `workerd` export) instead.
import * as ha from "healthauth";
import * as lite from "healthauth/lite";
import { suite, webPlatform as platform } from "./suites/index.js";
import { liteSuite } from "./suites/lite.js";

export default {
  async fetch(request) {
    const tests = new URL(request.url).pathname === "/lite" ? liteSuite(lite, platform) : suite(ha, platform);
    const results = [];
    for (const { name, fn, skip } of tests) {
      if (skip) {
        results.push({ name, ok: true, skip });
        continue;
      }
      try {
        await fn();
        results.push({ name, ok: true });
      } catch (error) {
        results.push({ name, ok: false, error: String(error && error.stack ? error.stack : error) });
      }
    }
    return Response.json(results);
  },
};
