// The public surface, listed once. Entries initialise the wasm module, then re-export this.
export {
  createPkce,
  pkceChallenge,
  verifyPkce,
  randomState,
} from "./dist/healthauth.js";
export { HealthAuthError } from "./errors.js";
