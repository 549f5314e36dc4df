// A Worker that runs the shared suite inside workerd and answers with the results as JSON.
// It imports `healthauth` by name; the bundler resolves it through the package's `workerd` export.
import * as ha from "healthauth";
import { suite, webPlatform as platform } from "./suites/index.js";

export default {
  async fetch() {
    const results = [];
    for (const { name, fn } of suite(ha, platform)) {
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
