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

// A handle (key, verifier) whose memory was freed, or an object healthauth did not make, has no
// `__wbg_ptr` of its own: reading it, which every method and every call taking the handle does
// first, throws a coded error instead of wasm-bindgen's "null pointer passed to rust".
for (const cls of [glue.SigningKey, glue.VerifyingKey, glue.WebhookVerifier]) {
  Object.defineProperty(cls.prototype, "__wbg_ptr", {
    configurable: true,
    get() {
      throw new HealthAuthError(
        "ERR_HANDLE_FREED",
        `this ${cls.name} was freed (free() or a \`using\` block ended), or was not made by healthauth: create it again`,
      );
    },
    set(ptr) {
      Object.defineProperty(this, "__wbg_ptr", { value: ptr, writable: true, configurable: true });
    },
  });
  const destroy = cls.prototype.__destroy_into_raw;
  cls.prototype.__destroy_into_raw = function () {
    const ptr = destroy.call(this);
    delete this.__wbg_ptr; // back to the throwing accessor above
    return ptr;
  };
}

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
