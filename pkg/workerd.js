// Cloudflare Workers (workerd): Workers forbid compiling wasm from bytes, so the module is
// imported statically (the bundler turns it into a compiled WebAssembly.Module).
import wasm from "./dist/healthauth_bg.wasm";
import { initSync } from "./dist/healthauth.js";

initSync({ module: wasm });

export * from "./api.js";

/** Already initialised here; kept so that code shared with browsers can always `await init()`. */
export default async function init() {}
