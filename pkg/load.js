// One glue module (wasm-bindgen's bundler-style glue, dist/healthauth.js) serves every runtime:
// each entry compiles the .wasm its own way and hands the instance to `start`. Until then the
// glue's wasm is a proxy whose every use throws ERR_NOT_INITIALIZED, so no export needs a
// wrapper of its own.
import * as glue from "./dist/healthauth.js";
import { HealthAuthError } from "./errors.js";

// The module name under which the .wasm imports its glue functions.
const GLUE_MODULE = "./healthauth_bg.js";

let exports;

glue.__wbg_set_wasm(
  new Proxy(
    {},
    {
      get() {
        throw new HealthAuthError(
          "ERR_NOT_INITIALIZED",
          "healthauth: call `await init()` once before using it in a browser",
        );
      },
    },
  ),
);

/** The import object the .wasm is instantiated with. */
export function imports() {
  return { [GLUE_MODULE]: glue };
}

/** Makes `instance` the module every export calls into. */
export function start(instance) {
  exports = instance.exports;
  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
}

/** The running instance's exports (its memory, for tests); undefined before `start`. */
export function wasmExports() {
  return exports;
}
