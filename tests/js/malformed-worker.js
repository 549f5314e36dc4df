// A Worker that runs the malformed-input battery (suites/malformed.js) inside workerd and
// answers with the results as JSON. It imports `healthauth` by name, like a deployed Worker.
import * as ha from "healthauth";
import { malformedSuite } from "./suites/malformed.js";

export default {
  async fetch() {
    const results = [];
    for (const { name, fn } of malformedSuite(ha)) {
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
