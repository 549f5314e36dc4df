// Node (import and require), Deno and Bun: compile the module synchronously at import time,
// so every function is usable straight away.
import { readFileSync } from "node:fs";
import { initSync } from "./dist/healthauth.js";

initSync({ module: readFileSync(new URL("./dist/healthauth_bg.wasm", import.meta.url)) });

export * from "./api.js";

/** Already initialised here; kept so that code shared with browsers can always `await init()`. */
export default async function init() {}
