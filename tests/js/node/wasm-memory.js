// The package's own wasm instance, for tests that inspect its linear memory (bounded growth
// after hostile inputs, secrets gone after a call). Not a test file itself.
//
// The package's own loader is imported by its file URL: the same module the entry already ran,
// so `wasmExports()` is that instance's.
import "healthauth";

const loader = await import(new URL("./load.js", import.meta.resolve("healthauth")).href);
const exports = loader.wasmExports();

/** The instance's linear memory (a live view: read `.buffer` after each call). */
export const memory = exports.memory;

/** The current size of the wasm memory in bytes. */
export function memoryBytes() {
  return memory.buffer.byteLength;
}

/** Whether `needle` (a string or bytes) occurs anywhere in the wasm memory right now. */
export function memoryContains(needle) {
  const bytes = typeof needle === "string" ? new TextEncoder().encode(needle) : needle;
  return Buffer.from(memory.buffer).indexOf(Buffer.from(bytes)) !== -1;
}
