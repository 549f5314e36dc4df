// The shared suite inside workerd again, with the `nodejs_compat` flag most Workers projects set
// (Node's built-in modules and `process` appear, which changes what the package's code sees).
// A probe Worker importing `node:buffer` beside healthauth shows the flag is really on.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { startWorker, suiteInWorkerd } from "./workerd-runner.js";

const options = { compatibilityFlags: ["nodejs_compat"] };

const probe = await startWorker(fileURLToPath(new URL("./workerd-nodejs-compat.worker.js", import.meta.url)), options);
after(probe.dispose);
const answer = await (await probe.mf.dispatchFetch("http://localhost/")).json();

test("workerd-nodejs-compat: node:buffer and process are there, and healthauth works beside them", () => {
  assert.deepEqual(answer, { buffer: "function", process: "object", method: "S256" });
});

await suiteInWorkerd("workerd-nodejs-compat", options);
