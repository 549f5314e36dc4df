// The one way every entry that takes the .wasm from its caller (`init(input)`) turns it into an
// instance: from a URL, a Request or Response, bytes, or an already compiled WebAssembly.Module.
import { HealthAuthError } from "./errors.js";
import { imports } from "./load.js";

/** The instance of the module `input` holds or points to. */
export async function instantiate(input) {
  if (input instanceof WebAssembly.Module) return WebAssembly.instantiate(input, imports());
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    return (await WebAssembly.instantiate(input, imports())).instance;
  }
  const response = input instanceof Response ? input : await fetch(input);
  if (!response.ok) {
    throw new HealthAuthError(
      "ERR_NOT_INITIALIZED",
      `healthauth: loading the .wasm from ${response.url || "the given Response"} failed (HTTP ${response.status}): serve healthauth_bg.wasm there, or pass init() its bytes or URL (README: Serving the .wasm)`,
    );
  }
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
