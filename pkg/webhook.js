// verifyWebhookRequest: the I/O edge of webhook verification. It reads the raw body of a Fetch
// `Request` once, hands the bytes to the synchronous wasm `verifyWebhook`, and optionally refuses
// replays through a store (`seen`). Everything cryptographic happens in wasm.
import {
  verifyWebhook,
  webhookPayloadBytesLimit,
  checkMemoryReplayStoreOptions,
  checkVerifyWebhookRequestOptions,
} from "./dist/healthauth.js";
import { HealthAuthError } from "./errors.js";
import { announcedLength, readCapped } from "./body.js";

const MEMORY_STORE_MAX_ENTRIES = 100_000;

/**
 * An in-memory replay store for one process or isolate. It keeps every id until its TTL has
 * passed and never forgets a live one: past `maxEntries` live ids it refuses new deliveries
 * (`ERR_WEBHOOK_REPLAY_STORE_FULL`) instead, because forgetting an id early would let a captured
 * delivery replay. Its `claim` is atomic within the isolate. Share an atomic store across
 * processes (`redisStore`, `durableObjectStore`, `denoKvStore`), or when the traffic needs more.
 */
class MemoryReplayStore {
  #maxEntries;
  #entries = new Map(); // key -> expiry (ms); insertion order
  #liveUntil = 0; // no held id expires before this (ms): until then a full sweep frees nothing

  constructor(maxEntries) {
    this.#maxEntries = maxEntries;
  }

  has(key) {
    const expiry = this.#entries.get(key);
    if (expiry === undefined) return false;
    if (expiry <= Date.now()) {
      this.#entries.delete(key);
      return false;
    }
    return true;
  }

  /** Records `key` unless it is held already: true for the first caller only. */
  claim(key, ttlSeconds) {
    if (this.has(key)) return false;
    this.put(key, ttlSeconds);
    return true;
  }

  put(key, ttlSeconds) {
    const now = Date.now();
    const expiry = now + ttlSeconds * 1000;
    const held = this.#entries.get(key);
    if (held === undefined) {
      this.#makeRoom(now);
      this.#liveUntil = Math.min(this.#liveUntil, expiry);
    }
    this.#entries.set(key, Math.max(expiry, held ?? 0));
  }

  /** Evicts expired ids only; throws when every held id is still live. */
  #makeRoom(now) {
    // Oldest first: with one TTL, insertion order is expiry order, so this is O(1) amortized.
    for (const [key, expiry] of this.#entries) {
      if (expiry > now) break;
      this.#entries.delete(key);
    }
    if (this.#entries.size < this.#maxEntries) return;
    // Mixed TTLs can leave expired ids behind a live one: sweep them all, at most once per
    // expiry of the earliest live id.
    if (now >= this.#liveUntil) {
      let earliest = Infinity;
      for (const [key, expiry] of this.#entries) {
        if (expiry <= now) this.#entries.delete(key);
        else earliest = Math.min(earliest, expiry);
      }
      this.#liveUntil = earliest;
      if (this.#entries.size < this.#maxEntries) return;
    }
    throw new HealthAuthError(
      "ERR_WEBHOOK_REPLAY_STORE_FULL",
      `the in-memory webhook replay store holds ${this.#maxEntries} ids that are all still within their TTL, so this delivery is refused rather than forgetting one (which would let it replay): pass a shared store as \`seen\` (Workers KV, Redis), or raise the bound with memoryReplayStore({ maxEntries })`,
      { maxEntries: this.#maxEntries },
    );
  }
}

/**
 * A new in-memory replay store for `verifyWebhookRequest`'s `seen` option (`seen: true` uses
 * one shared default with `maxEntries` 100,000).
 * @param {{ maxEntries?: number }} [options]
 */
export function memoryReplayStore(options) {
  checkMemoryReplayStoreOptions(options); // an object of known options (or none), in wasm
  const { maxEntries = MEMORY_STORE_MAX_ENTRIES } = options ?? {};
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw invalid("memoryReplayStore: `maxEntries` must be a positive integer");
  }
  return new MemoryReplayStore(maxEntries);
}

let defaultStore;
// Ids being checked and recorded right now, per store: a second delivery of the same id that
// arrives while the first is between `has` and `put` (an await apart) is a replay too.
const recording = new WeakMap();

function invalid(message) {
  return new HealthAuthError("ERR_INVALID_ARGUMENT", message);
}

function replayStore(seen) {
  if (seen === true) return (defaultStore ??= new MemoryReplayStore(MEMORY_STORE_MAX_ENTRIES));
  if (seen && typeof seen.claim === "function") return seen;
  if (seen && typeof seen.has === "function" && typeof seen.put === "function") return seen;
  throw invalid(
    "verifyWebhookRequest: `seen` must be true (an in-memory store), an atomic store with claim(id, ttlSeconds) (redisStore, durableObjectStore, denoKvStore), or an object with has(id) and put(id, ttlSeconds)",
  );
}

function tooLarge(size, max) {
  return new HealthAuthError(
    "ERR_WEBHOOK_PAYLOAD_TOO_LARGE",
    `webhook payload is ${size} bytes, over the ${max}-byte cap (raise maxPayloadBytes if this provider sends larger bodies)`,
  );
}

/**
 * Reads the raw body of a Fetch `Request`, verifies it with `verifyWebhook`, refuses replays when
 * `seen` is given, and returns the body.
 * @param {Request} request
 * @param {object} options the `verifyWebhook` options without `payload`/`headers`, plus `seen`
 * @returns {Promise<{ body: Uint8Array, text(): string, json(): any, scheme: string, id?: string, timestamp?: number }>}
 */
export async function verifyWebhookRequest(request, options) {
  if (!request || typeof request.arrayBuffer !== "function" || !request.headers) {
    throw invalid("verifyWebhookRequest: the first argument must be a Fetch Request");
  }
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw invalid("verifyWebhookRequest: called with an options object ({ scheme, secret, ... })");
  }
  for (const key of ["payload", "headers"]) {
    if (key in options) {
      throw new HealthAuthError(
        "ERR_UNKNOWN_OPTION",
        `verifyWebhookRequest: option \`${key}\` is read from the request itself`,
      );
    }
  }
  checkVerifyWebhookRequestOptions(options); // named after this call, with its did-you-mean
  const { seen, ...verifyOptions } = options;
  const store = seen === undefined || seen === false ? undefined : replayStore(seen);
  // Refuse an announced oversized body before reading it; the wasm check covers the rest.
  const max = verifyOptions.maxPayloadBytes ?? webhookPayloadBytesLimit();
  const announced = announcedLength(request);
  if (typeof max === "number" && announced !== undefined && announced > max) {
    throw tooLarge(announced, max);
  }
  if (request.bodyUsed) {
    throw invalid(
      "verifyWebhookRequest: the request body was already read; call verifyWebhookRequest first, or pass the raw bytes to verifyWebhook",
    );
  }
  const cap = typeof max === "number" ? max : webhookPayloadBytesLimit();
  const body = await readCapped(request, cap, (size) => tooLarge(size, cap));
  const result = verifyWebhook({ ...verifyOptions, payload: body, headers: request.headers });
  if (store) {
    if (result.replayKey === undefined) {
      throw invalid(
        `verifyWebhookRequest: scheme "${result.scheme}" signs no id or timestamp, so replays cannot be told apart; \`seen\` works with "standard" and "stripe"`,
      );
    }
    // The core names the delivery (scheme, a digest of the secret that verified it, the id)
    // and says how long to remember it; this only does the store I/O. During a secret
    // rotation a delivery has one key per secret that verified it: all are checked and kept.
    const keys = result.replayKeys;
    let pending = recording.get(store);
    if (!pending) recording.set(store, (pending = new Set()));
    const replayed = () =>
      new HealthAuthError(
        "ERR_WEBHOOK_REPLAYED",
        `${result.scheme} webhook was already received once (same id): refusing the replay`,
      );
    // Checked and claimed with no await in between, so concurrent deliveries in this isolate
    // cannot both pass; the store then carries the keys to later requests and other isolates.
    if (keys.some((key) => pending.has(key))) throw replayed();
    for (const key of keys) pending.add(key);
    try {
      if (typeof store.claim === "function") {
        // Atomic in the store: of any number of deliveries, in any process, one claims each key.
        // Every key is claimed (a rotation replay may carry one signature only); a store that
        // fails throws its coded error, and nothing is accepted unchecked.
        let first = true;
        for (const key of keys) if (!(await store.claim(key, result.replayTtlSeconds))) first = false;
        if (!first) throw replayed();
      } else {
        // Best effort across isolates: the check and the write are two calls.
        for (const key of keys) if (await store.has(key)) throw replayed();
        for (const key of keys) await store.put(key, result.replayTtlSeconds);
      }
    } finally {
      for (const key of keys) pending.delete(key);
    }
  }
  let text;
  const out = {
    body,
    scheme: result.scheme,
    text() {
      text ??= new TextDecoder().decode(body);
      return text;
    },
    json() {
      return JSON.parse(out.text());
    },
  };
  if (result.id !== undefined) out.id = result.id;
  if (result.timestamp !== undefined) out.timestamp = result.timestamp;
  return out;
}
