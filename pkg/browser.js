// Browsers: the module is fetched and compiled asynchronously, so callers `await init()` once.
// Until then every function throws ERR_NOT_INITIALIZED instead of a cryptic TypeError.
import initWasm from "./dist/healthauth.js";
import * as api from "./api.js";
import { HealthAuthError } from "./errors.js";

let ready = false;
let loading;

/**
 * Loads the WebAssembly module. Safe to call many times; concurrent calls share one load.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [input]
 *   where to load the module from (defaults to the .wasm file next to this package)
 */
export default function init(input) {
  if (ready) return Promise.resolve();
  loading ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      ready = true;
    },
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

function guard(fn) {
  return function (...args) {
    if (!ready) {
      throw new HealthAuthError(
        "ERR_NOT_INITIALIZED",
        "healthauth: call `await init()` once before using it in a browser",
      );
    }
    return fn.apply(this, args);
  };
}

export const createPkce = guard(api.createPkce);
export const pkceChallenge = guard(api.pkceChallenge);
export const verifyPkce = guard(api.verifyPkce);
export const randomState = guard(api.randomState);
// ---- jose ----

// ---- webhook ----

// ---- oauth and providers ----
export const authorizationUrl = guard(api.authorizationUrl);
export const parseCallback = guard(api.parseCallback);
export const codeExchangeRequest = guard(api.codeExchangeRequest);
export const refreshRequest = guard(api.refreshRequest);
export const clientCredentialsRequest = guard(api.clientCredentialsRequest);
export const parseTokenResponse = guard(api.parseTokenResponse);
export const updoxAuth = guard(api.updoxAuth);
export const parseApiKey = guard(api.parseApiKey);
export const ipAllowed = guard(api.ipAllowed);
export const redox = guard(api.redox);
export const telesoft = guard(api.telesoft);
export const digitail = guard(api.digitail);
export const smart = guard(api.smart);
// `guard` wraps functions; a class needs `new`, so TokenClient gets a subclass that checks first.
export const TokenClient = guardClass(api.TokenClient);
function guardClass(Class) {
  const check = guard(() => {});
  const Guarded = class extends Class {
    constructor(...args) {
      check();
      super(...args);
    }
  };
  Object.defineProperty(Guarded, "name", { value: Class.name });
  return Guarded;
}
// ---- end of guarded exports ----
export { HealthAuthError };
