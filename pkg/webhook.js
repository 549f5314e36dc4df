// verifyWebhookRequest: the I/O edge of webhook verification. It reads the raw body of a Fetch
// `Request` once, hands the bytes to the synchronous wasm `verifyWebhook`, and optionally refuses
// replays through a store (`seen`). Everything cryptographic happens in wasm.
import { verifyWebhook } from "./dist/healthauth.js";
import { HealthAuthError } from "./errors.js";

const DEFAULT_TOLERANCE_SECONDS = 300;
const DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;
const MEMORY_STORE_MAX_ENTRIES = 10000;

/**
 * A bounded in-memory replay store: ids expire after their TTL, and the oldest are dropped once
 * `maxEntries` are held. It protects one process or isolate; share a store (Workers KV, Redis)
 * across several.
 */
class MemoryReplayStore {
  constructor(maxEntries = MEMORY_STORE_MAX_ENTRIES) {
    this.maxEntries = maxEntries;
    this.entries = new Map(); // id -> expiry (ms); insertion order is age order
  }

  has(id) {
    const expiry = this.entries.get(id);
    if (expiry === undefined) return false;
    if (expiry <= Date.now()) {
      this.entries.delete(id);
      return false;
    }
    return true;
  }

  put(id, ttlSeconds) {
    const now = Date.now();
    this.entries.delete(id);
    this.entries.set(id, now + ttlSeconds * 1000);
    for (const [key, expiry] of this.entries) {
      if (this.entries.size <= this.maxEntries && expiry > now) break;
      this.entries.delete(key);
    }
  }
}

let defaultStore;
// Ids being checked and recorded right now, per store: a second delivery of the same id that
// arrives while the first is between `has` and `put` (an await apart) is a replay too.
const recording = new WeakMap();

function invalid(message) {
  return new HealthAuthError("ERR_INVALID_ARGUMENT", message);
}

function replayStore(seen) {
  if (seen === true) return (defaultStore ??= new MemoryReplayStore());
  if (seen && typeof seen.has === "function" && typeof seen.put === "function") return seen;
  throw invalid(
    "verifyWebhookRequest: `seen` must be true (an in-memory store) or an object with has(id) and put(id, ttlSeconds)",
  );
}

function contentLength(request) {
  const value = request.headers && typeof request.headers.get === "function"
    ? request.headers.get("content-length")
    : null;
  const n = value === null ? NaN : Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The body's bytes, refusing (and no longer reading) a body larger than `max`. */
async function readCapped(request, max) {
  if (!request.body || typeof request.body.getReader !== "function") {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > max) throw tooLarge(bytes.byteLength, max);
    return bytes;
  }
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(`more than ${max}`, max);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
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
  const { seen, ...verifyOptions } = options;
  const store = seen === undefined || seen === false ? undefined : replayStore(seen);
  // Refuse an announced oversized body before reading it; the wasm check covers the rest.
  const max = verifyOptions.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const announced = contentLength(request);
  if (typeof max === "number" && announced !== undefined && announced > max) {
    throw tooLarge(announced, max);
  }
  if (request.bodyUsed) {
    throw invalid(
      "verifyWebhookRequest: the request body was already read; call verifyWebhookRequest first, or pass the raw bytes to verifyWebhook",
    );
  }
  const body = await readCapped(request, typeof max === "number" ? max : DEFAULT_MAX_PAYLOAD_BYTES);
  const result = verifyWebhook({ ...verifyOptions, payload: body, headers: request.headers });
  if (store) {
    if (result.replayKey === undefined) {
      throw invalid(
        `verifyWebhookRequest: scheme "${result.scheme}" signs no id or timestamp, so replays cannot be told apart; \`seen\` works with "standard" and "stripe"`,
      );
    }
    const key = `${result.scheme}:${result.replayKey}`;
    let pending = recording.get(store);
    if (!pending) recording.set(store, (pending = new Set()));
    const replayed = () =>
      new HealthAuthError(
        "ERR_WEBHOOK_REPLAYED",
        `${result.scheme} webhook was already received once (same id): refusing the replay`,
      );
    // Checked and claimed with no await in between, so concurrent deliveries in this isolate
    // cannot both pass; the store then carries the id to later requests and other isolates.
    if (pending.has(key)) throw replayed();
    pending.add(key);
    try {
      if (await store.has(key)) throw replayed();
      // Remember it for as long as its timestamp stays acceptable (both directions), at least
      // 60 s (the shortest TTL Workers KV accepts).
      const tolerance = verifyOptions.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
      await store.put(key, Math.max(60, 2 * tolerance + 1));
    } finally {
      pending.delete(key);
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
