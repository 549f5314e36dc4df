// healthauth/workers: the Durable Object behind durableObjectStore, for Cloudflare Workers.
export { durableObjectStore } from "./index.js";

/**
 * A Durable Object holding one store key for {@link durableObjectStore}: its claim, lease and
 * value, each with an expiry (an alarm deletes expired ones). Export it from your Worker and
 * bind it as `HEALTHAUTH_STORE`.
 */
export declare class HealthAuthStore {
  constructor(state: { storage: unknown }, env?: unknown);
  /** `POST /claim|acquire|release|get|put` with a JSON body; answers `{ result }`. */
  fetch(request: Request): Promise<Response>;
  /** Deletes expired entries. */
  alarm(): Promise<void>;
}
