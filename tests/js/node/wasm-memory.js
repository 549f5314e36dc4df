// The package's own wasm instance, for tests that inspect its linear memory (bounded growth
// after hostile inputs, secrets gone after a call). Not a test file itself.
//
// The glue module is imported by its file URL, which is the module the package's entry already
// initialised: `initSync` then returns that instance's exports instead of creating another.
import "healthauth";

const glueUrl = new URL("./dist/healthauth.js", import.meta.resolve("healthauth"));
const glue = await import(glueUrl.href);
const exports = glue.initSync({ module: new Uint8Array(0) });

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
