// Browsers: the module is fetched and compiled asynchronously, so callers `await init()` once.
// Until then every call throws ERR_NOT_INITIALIZED (load.js), not a cryptic TypeError.
import { imports, start } from "./load.js";
import { HealthAuthError } from "./errors.js";

export * from "./api.js";

let loading;

/** A failed fetch or compile of the .wasm, as a coded error (the platform's own as `cause`). */
function loadFailed(what, cause) {
  const error = new HealthAuthError(
    "ERR_WASM_LOAD_FAILED",
    `healthauth: loading the .wasm failed (${what}): serve dist/healthauth_bg.wasm with the package, or pass init() its URL, bytes or a compiled WebAssembly.Module`,
    { reason: what },
  );
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** The compiled module's instance, from a URL, a Response, bytes or a WebAssembly.Module. */
async function instantiate(input) {
  if (input instanceof WebAssembly.Module) return WebAssembly.instantiate(input, imports());
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    return (await WebAssembly.instantiate(input, imports())).instance;
  }
  const response = input instanceof Response ? input : await fetch(input);
  if (!response.ok) throw loadFailed(`HTTP ${response.status}`);
  if (typeof WebAssembly.instantiateStreaming === "function") {
    try {
      return (await WebAssembly.instantiateStreaming(response.clone(), imports())).instance;
    } catch (error) {
      // A server sending the wrong content type: compile from the bytes instead.
      if (response.headers.get("content-type") === "application/wasm") throw error;
    }
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports())).instance;
}

/**
 * Loads the WebAssembly module. Safe to call many times; concurrent calls share one load.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [input]
 *   where to load the module from (defaults to the .wasm file next to this package)
 */
export default function init(input) {
  loading ??= instantiate(input ?? new URL("./dist/healthauth_bg.wasm", import.meta.url)).then(start, (error) => {
    loading = undefined;
    throw error instanceof HealthAuthError ? error : loadFailed(error?.name ?? "an error", error);
  });
  return loading;
}
