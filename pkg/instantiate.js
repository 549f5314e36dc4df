// The one way every entry that takes the .wasm from its caller (`init(input)`) turns it into an
// instance: from a URL, a Request or Response, bytes, or an already compiled WebAssembly.Module.
// Every failure is a coded ERR_WASM_LOAD_FAILED, the platform's own error as its `cause`.
import { HealthAuthError } from "./errors.js";
import { imports } from "./load.js";

/** A failed fetch or compile of the .wasm, as a coded error. */
function loadFailed(reason, cause) {
  const error = new HealthAuthError(
    "ERR_WASM_LOAD_FAILED",
    `healthauth: loading the .wasm failed (${reason}): serve dist/healthauth_bg.wasm with the package, or pass init() its URL, bytes or a compiled WebAssembly.Module (README: Serving the .wasm)`,
    { reason },
  );
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** The instance of the module `input` holds or points to. */
export async function instantiate(input) {
  try {
    return await compile(input);
  } catch (error) {
    throw error instanceof HealthAuthError ? error : loadFailed(error?.name ?? "an error", error);
  }
}

async function compile(input) {
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
