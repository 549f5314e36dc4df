// Browsers: the module is fetched and compiled asynchronously, so callers `await init()` once.
// Until then every call throws ERR_NOT_INITIALIZED (load.js), not a cryptic TypeError.
import { instantiate } from "./instantiate.js";
import { start } from "./load.js";

export * from "./api.js";

let loading;

/**
 * Loads the WebAssembly module. Safe to call many times; concurrent calls share one load.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [input]
 *   where to load the module from (defaults to the .wasm file next to this package; a bundler
 *   that does not copy it, such as esbuild, passes its URL or bytes: README, Serving the .wasm)
 */
export default function init(input) {
  loading ??= instantiate(input ?? new URL("./dist/healthauth_bg.wasm", import.meta.url)).then(start, (error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
