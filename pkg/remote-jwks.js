// RemoteJwks: an issuer's JWK set fetched from its jwks_uri, cached, and fetched again when it
// is stale or a token names a kid it does not hold (key rotation). The rules (is the held set
// fresh, may it be fetched now given the last attempt and the cooldown, what a shared store's
// record must be) are the core's (`jose::jwks_cache`); this file adds the I/O: fetch with a
// timeout and a size cap, one fetch in flight for any number of callers, the optional store.
import {
  jwksCachePolicy,
  jwksCacheDecision,
  jwksStoreKey,
  jwksRecordVersion,
  ownJwksRecord,
  checkRemoteJwks,
  verifyJwtWithJwks,
  verifyIdTokenWithJwks,
  checkRemoteJwksOptions,
} from "./dist/healthauth.js";
import { readCapped } from "./body.js";
import { HealthAuthError } from "./errors.js";

function invalid(name, expected) {
  return new HealthAuthError("ERR_INVALID_ARGUMENT", `\`${name}\` must be ${expected}`);
}

function unavailable(last) {
  return new HealthAuthError(
    "ERR_JWKS_UNAVAILABLE",
    `the JWK set could not be fetched (last: ${last}): check its URL (the issuer's jwks_uri) and ` +
      "that it answers 200 with a JWK set; a failed fetch is retried after the cooldown",
    { last },
  );
}

const tooLarge = (max) => (size) =>
  new HealthAuthError(
    "ERR_INPUT_TOO_LARGE",
    `the JWK set is over the ${max}-byte limit (at least ${size} bytes): refused while reading`,
    { input: "JWK set", size, max },
  );

export class RemoteJwks {
  #url;
  #fetch;
  #store;
  #storeKey;
  #policy;
  #rules;
  #timeoutMs;
  #now;
  /** The held JWK set (JSON text), when and what was last tried, and the fetch in flight. */
  #jwks;
  #fetchedAt;
  #attemptedAt;
  #last = "no attempt";
  #generation = 0;
  #inflight;

  /**
   * @param {string} url the issuer's `jwks_uri` (https, or http on loopback)
   * @param {object} [options] see index.d.ts (`RemoteJwksOptions`): `fetch`, `store` (`get`/`put`,
   *   such as a Workers KV namespace, to share the set across isolates), `cacheMaxAgeSeconds`
   *   (600), `cooldownSeconds` (30), `timeoutMs` (10 000), `now` (Unix seconds)
   */
  constructor(url, options = {}) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw invalid("RemoteJwks", "constructed with an options object");
    }
    checkRemoteJwksOptions(options); // ERR_UNKNOWN_OPTION, in the core
    const { fetch: fetchFn, store, timeoutMs = 10_000, now, cacheMaxAgeSeconds, cooldownSeconds } = options;
    // The core checks the URL when it names the store record, and the policy's numbers.
    if (typeof url !== "string") throw invalid("url", "the JWK set's URL, a string");
    this.#storeKey = jwksStoreKey(url);
    this.#policy = jwksCachePolicy({ cacheMaxAgeSeconds, cooldownSeconds });
    this.#rules = { cacheMaxAgeSeconds: this.#policy.cacheMaxAgeSeconds, cooldownSeconds: this.#policy.cooldownSeconds };
    if (fetchFn !== undefined && typeof fetchFn !== "function") throw invalid("fetch", "a function");
    if (store !== undefined && (typeof store?.get !== "function" || typeof store?.put !== "function")) {
      throw invalid("store", "an object with get(key) and put(key, value) (such as a Workers KV namespace)");
    }
    if (!Number.isInteger(timeoutMs) || timeoutMs < 0) throw invalid("timeoutMs", "a non-negative integer");
    if (now !== undefined && typeof now !== "function") throw invalid("now", "a function returning Unix seconds");
    this.#url = url;
    this.#fetch = fetchFn ?? ((input, init) => globalThis.fetch(input, init));
    this.#store = store;
    this.#timeoutMs = timeoutMs;
    this.#now = now ?? (() => Date.now() / 1000);
  }

  /** The JWK set's URL. */
  get url() {
    return this.#url;
  }

  /**
   * `verifyJwt(token, jwks, options)` with this issuer's keys; a token whose `kid` the held set
   * lacks makes one fetch (at most one per cooldown, shared by concurrent callers).
   */
  verifyJwt(token, options) {
    return this.#verify((jwks) => verifyJwtWithJwks(token, jwks, options));
  }

  /** `verifyIdToken(idToken, jwks, options)` with this issuer's keys, as {@link verifyJwt}. */
  verifyIdToken(idToken, options) {
    return this.#verify((jwks) => verifyIdTokenWithJwks(idToken, jwks, options));
  }

  /** The held JWK set as an object (fetched first if there is none or it is stale). */
  async jwks() {
    await this.#ensure(false);
    return JSON.parse(this.#jwks);
  }

  async #verify(run) {
    await this.#ensure(false);
    const generation = this.#generation;
    try {
      return run(this.#jwks);
    } catch (error) {
      if (error?.code !== "ERR_JWT_KEY_NOT_FOUND") throw error;
      await this.#ensure(true);
      // Nothing new arrived (cooldown, or the fetch failed): the first answer stands.
      if (this.#generation === generation) throw error;
      return run(this.#jwks);
    }
  }

  /** Makes the held set what the core's policy asks for: used, adopted from the store, or fetched. */
  async #ensure(unknownKid) {
    if (this.#inflight === undefined && this.#decide(unknownKid) !== "use" && this.#store !== undefined) {
      await this.#adoptStored();
    }
    // Callers who arrive while a fetch is in flight wait for it rather than deciding again.
    if (this.#inflight !== undefined) return this.#inflight;
    const decision = this.#decide(unknownKid);
    if (decision === "use") return undefined;
    if (decision === "unavailable") throw unavailable(this.#last);
    this.#inflight = this.#fetchSet().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  #decide(unknownKid) {
    return jwksCacheDecision(this.#rules, this.#fetchedAt, this.#attemptedAt, this.#now(), unknownKid);
  }

  /** Takes a newer set (or a later attempt) another isolate left in the store. */
  async #adoptStored() {
    let record;
    try {
      const text = await this.#store.get(this.#storeKey);
      record = typeof text === "string" ? JSON.parse(text) : text;
    } catch {
      return; // an unreadable store is a miss
    }
    if (!ownJwksRecord(record, this.#url)) return;
    if (Number.isFinite(record.attemptedAt) && !(record.attemptedAt <= this.#attemptedAt)) {
      this.#attemptedAt = record.attemptedAt;
    }
    if (typeof record.jwks !== "string" || !Number.isFinite(record.fetchedAt)) return;
    if (this.#fetchedAt !== undefined && record.fetchedAt <= this.#fetchedAt) return;
    try {
      checkRemoteJwks(record.jwks);
    } catch {
      return; // a planted or broken record is a miss
    }
    this.#jwks = record.jwks;
    this.#fetchedAt = record.fetchedAt;
    this.#generation++;
  }

  /** One fetch of the set; on failure the held set (if any) stays, and the attempt counts. */
  async #fetchSet() {
    const attemptedAt = this.#now();
    this.#attemptedAt = attemptedAt;
    const init = { method: "GET", headers: { accept: "application/jwk-set+json, application/json" } };
    if (this.#timeoutMs > 0 && typeof AbortSignal?.timeout === "function") init.signal = AbortSignal.timeout(this.#timeoutMs);
    let failure;
    try {
      const fetchFn = this.#fetch;
      const response = await fetchFn(this.#url, init);
      if (response.status !== 200) {
        failure = `HTTP ${response.status}`;
        await response.body?.cancel?.().catch(() => {});
      } else {
        const max = this.#policy.maxBytes;
        const text = new TextDecoder().decode(await readCapped(response, max, tooLarge(max)));
        checkRemoteJwks(text); // ERR_KEY_FORMAT: not a set of public keys
        this.#jwks = text;
        this.#fetchedAt = attemptedAt;
        this.#generation++;
      }
    } catch (error) {
      failure = error instanceof HealthAuthError ? error.code : `network error (${error?.name ?? "Error"})`;
    }
    if (failure !== undefined) this.#last = failure;
    if (this.#store !== undefined) {
      const record = { v: jwksRecordVersion(), url: this.#url, attemptedAt, fetchedAt: this.#fetchedAt, jwks: this.#jwks };
      try {
        await this.#store.put(this.#storeKey, JSON.stringify(record), { expirationTtl: this.#policy.recordTtlSeconds });
      } catch {
        // A failing store must not fail the verification: the set is in hand.
      }
    }
    if (this.#jwks === undefined) throw unavailable(this.#last);
  }
}
