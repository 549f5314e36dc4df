// Cloudflare Workers (workerd): Workers forbid compiling wasm from bytes, so the module is
// imported statically (the bundler turns it into a compiled WebAssembly.Module).
import wasm from "./dist/healthauth_bg.wasm";
import { imports, start } from "./load.js";

start(new WebAssembly.Instance(wasm, imports()));

export * from "./api.js";

/** Already initialised here; kept so that code shared with browsers can always `await init()`. */
export default async function init() {}
