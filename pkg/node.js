// Node (import and require), Deno and Bun: compile the module synchronously at import time,
// so every function is usable straight away.
import { readFileSync } from "node:fs";
import { HealthAuthError } from "./errors.js";
import { instantiate } from "./instantiate.js";
import { imports, start } from "./load.js";

let loading = readBesideThisFile();

/**
 * The .wasm shipped beside this file, started; undefined when this file was bundled (esbuild,
 * webpack for Node): then the .wasm is not beside the bundle (ENOENT) or a CommonJS bundle has
 * no `import.meta.url` (ERR_INVALID_URL), and `init(bytes)` loads it instead.
 */
function readBesideThisFile() {
  let bytes;
  try {
    bytes = readFileSync(new URL("./dist/healthauth_bg.wasm", import.meta.url));
  } catch (error) {
    if (error?.code === "ENOENT" || error?.code === "ERR_INVALID_URL") return undefined;
    throw error;
  }
  start(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports()));
  return Promise.resolve();
}

/**
 * Already initialised when the package is installed (kept so that code shared with browsers can
 * always `await init()`); in a bundle, loads the module from `input` (its bytes, a compiled
 * WebAssembly.Module, or a Response): README, Serving the .wasm.
 */
export default function init(input) {
  if (loading) return loading;
  if (input === undefined) {
    return Promise.reject(
      new HealthAuthError(
        "ERR_NOT_INITIALIZED",
        "healthauth: this bundle does not hold the .wasm beside it: pass init() its bytes (esbuild: --loader:.wasm=binary, import from \"healthauth/healthauth_bg.wasm\")",
      ),
    );
  }
  loading = instantiate(input).then(start, (error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export * from "./api.js";
