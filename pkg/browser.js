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

// A class whose constructor and static methods wait for init(). (Loading a private key or
// secret in a browser is refused inside wasm itself, unless `dangerouslyAllowBrowser: true`.)
function guardClass(cls) {
  const ready = guard(() => {});
  return new Proxy(cls, {
    construct(target, args, newTarget) {
      ready();
      return Reflect.construct(target, args, newTarget);
    },
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      // Only the class's own static methods (fromPem, …); `instanceof` and the rest pass through.
      if (typeof property !== "string" || !Object.hasOwn(target, property) || typeof value !== "function") {
        return value;
      }
      return guard((...args) => value.apply(target, args));
    },
  });
}

export const createPkce = guard(api.createPkce);
export const pkceChallenge = guard(api.pkceChallenge);
export const verifyPkce = guard(api.verifyPkce);
export const randomState = guard(api.randomState);
// ---- jose ----
// Importing private keys into a page exposes them to every script on it: the wasm loaders
// refuse unless the caller opts in (generating a throwaway key for a demo is allowed).
export const SigningKey = guardClass(api.SigningKey);
export const VerifyingKey = guardClass(api.VerifyingKey);
export const signJwt = guard(api.signJwt);
export const clientAssertion = guard(api.clientAssertion);
export const verifyJwt = guard(api.verifyJwt);
export const jwks = guard(api.jwks);

// ---- webhook ----
export const verifyWebhook = guard(api.verifyWebhook);
export const signWebhook = guard(api.signWebhook);
export const redoxVerification = guard(api.redoxVerification);
export const verifyWebhookRequest = guard(api.verifyWebhookRequest);
export const memoryReplayStore = guard(api.memoryReplayStore);
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
// TokenClient refuses client secrets and private keys in a browser itself (token-client.js).
export const TokenClient = guardClass(api.TokenClient);
// ---- end of guarded exports ----
export { HealthAuthError };
