// The malformed-input battery (suites/malformed.js) inside workerd (Miniflare, no network),
// bundled the way wrangler deploys a Worker.
import { test, after } from "node:test";
import { fileURLToPath } from "node:url";
import { startWorker } from "./workerd-runner.js";

const { mf, dispose } = await startWorker(fileURLToPath(new URL("./malformed-worker.js", import.meta.url)));
after(dispose);

const results = await (await mf.dispatchFetch("http://localhost/")).json();

test("workerd: the malformed battery ran", () => {
  if (!Array.isArray(results) || results.length < 2) throw new Error(`no results: ${JSON.stringify(results)}`);
});
for (const { name, ok, error } of results) {
  test(`workerd: ${name}`, () => {
    if (!ok) throw new Error(error);
  });
}
