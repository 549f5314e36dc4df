// healthauth/workers: the Durable Object behind durableObjectStore, for Cloudflare Workers.
export { durableObjectStore } from "./index.js";
import type { GlobalInstance } from "./dist/healthauth.js";

// The host's Fetch types where the project declares them (Workers types, `dom`), else the shape
// this class uses, so that the declarations check without host types too.
type FetchRequest = GlobalInstance<"Request", { readonly url: string; json(): Promise<unknown> }>;
type FetchResponse = GlobalInstance<"Response", { readonly status: number; json(): Promise<unknown> }>;

/**
 * A Durable Object holding one store key for {@link durableObjectStore}: its claim, lease and
 * value, each with an expiry (an alarm deletes expired ones). Export it from your Worker and
 * bind it as `HEALTHAUTH_STORE`.
 */
export declare class HealthAuthStore {
  constructor(state: { storage: unknown }, env?: unknown);
  /** `POST /claim|acquire|release|get|put` with a JSON body; answers `{ result }`. */
  fetch(request: FetchRequest): Promise<FetchResponse>;
  /** Deletes expired entries. */
  alarm(): Promise<void>;
}
