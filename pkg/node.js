// Node (import and require), Deno and Bun: compile the module synchronously at import time,
// so every function is usable straight away.
import { readFileSync } from "node:fs";
import { imports, start } from "./load.js";

const module = new WebAssembly.Module(readFileSync(new URL("./dist/healthauth_bg.wasm", import.meta.url)));
start(new WebAssembly.Instance(module, imports()));

export * from "./api.js";

/** Already initialised here; kept so that code shared with browsers can always `await init()`. */
export default async function init() {}
