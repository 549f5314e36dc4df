// Stores shared by several processes, for `verifyWebhookRequest({ seen })` (replay protection)
// and `TokenClient({ store })` (one token request across processes). The contract:
//   claim(key, ttlSeconds) → Promise<boolean>      true for the first caller only, atomically
//   acquire(key, ttlSeconds) → Promise<lease|null> a lease held by one caller at a time
//   release(key, lease) → Promise<void>            frees it, if that lease still holds it
//   get(key) → Promise<string|null>, put(key, value, { expirationTtl }) → Promise<void>
// Each adapter only maps these onto its store's own atomic operation; the keys and TTLs come
// from the core (replay keys and TTLs with the verify result, lease timing in oauth::cache).
// A store that fails throws ERR_STORE_UNAVAILABLE: a replay is never accepted unchecked.
import { HealthAuthError } from "./errors.js";

function unavailable(store, error) {
  // The error's name only: a store's own message may quote the key or the command.
  if (error?.code === "ERR_STORE_UNAVAILABLE") return error;
  return new HealthAuthError(
    "ERR_STORE_UNAVAILABLE",
    `the ${store} store failed or could not be reached (${error?.name ?? "Error"}), so nothing was checked or recorded: retry once it is back (a webhook provider redelivers a refused delivery)`,
    { store },
  );
}

function invalid(message) {
  return new HealthAuthError("ERR_INVALID_ARGUMENT", message);
}

/** A random lease value: only the holder that set it can release it. */
function leaseToken() {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function checkPrefix(name, options, allowed) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw invalid(`${name}: the second argument is an options object ({ ${allowed.join(", ")} })`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new HealthAuthError("ERR_UNKNOWN_OPTION", `${name}: unknown option (the options are ${allowed.join(", ")})`);
    }
  }
}

function checkTtl(ttlSeconds) {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) throw invalid("a store TTL must be a positive whole number of seconds");
}

// ---- Redis -----------------------------------------------------------------------------------

// Deletes the lease only if it still holds the caller's value (a lease that expired and was
// taken by another caller is left alone).
const RELEASE_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/**
 * A store over Redis, atomic: `claim` is `SET key 1 NX EX ttl`, a lease is `SET NX PX` with a
 * random value released by a compare-and-delete script, `get`/`put` are `GET` and `SET … EX`.
 * Takes a connected client of the `redis` package (node-redis v4/v5) or of `ioredis`. Keys are
 * `prefix` + `claim:`/`lease:`/`value:` + the key. Any Redis failure throws
 * ERR_STORE_UNAVAILABLE; give node-redis `disableOfflineQueue: true` (ioredis
 * `enableOfflineQueue: false`) so that calls fail at once while Redis is down instead of waiting.
 * @param {object} client
 * @param {{ prefix?: string }} [options]
 */
export function redisStore(client, options = {}) {
  checkPrefix("redisStore", options, ["prefix"]);
  const { prefix = "healthauth:" } = options;
  if (typeof prefix !== "string") throw invalid("redisStore: `prefix` must be a string");
  let send;
  if (typeof client?.call === "function") {
    send = (args) => client.call(...args); // ioredis
  } else if (typeof client?.sendCommand === "function") {
    send = (args) => client.sendCommand(args); // node-redis v4/v5
  } else {
    throw invalid("redisStore: pass a connected client of the `redis` (node-redis) or `ioredis` package");
  }
  const command = async (args) => {
    try {
      return await send(args);
    } catch (error) {
      throw unavailable("redis", error);
    }
  };
  return {
    async claim(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      return (await command(["SET", `${prefix}claim:${key}`, "1", "NX", "EX", String(ttlSeconds)])) === "OK";
    },
    async acquire(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      const lease = leaseToken();
      const set = await command(["SET", `${prefix}lease:${key}`, lease, "NX", "PX", String(ttlSeconds * 1000)]);
      return set === "OK" ? lease : null;
    },
    async release(key, lease) {
      await command(["EVAL", RELEASE_SCRIPT, "1", `${prefix}lease:${key}`, String(lease)]);
    },
    async get(key) {
      const value = await command(["GET", `${prefix}value:${key}`]);
      return value ?? null;
    },
    async put(key, value, putOptions = {}) {
      const ttl = putOptions?.expirationTtl;
      const args = ["SET", `${prefix}value:${key}`, String(value)];
      if (ttl !== undefined) {
        checkTtl(ttl);
        args.push("EX", String(ttl));
      }
      await command(args);
    },
  };
}

// ---- Deno KV ---------------------------------------------------------------------------------

/** Attempts at one Deno KV operation before ERR_STORE_UNAVAILABLE (I/O only: lock contention). */
const KV_ATTEMPTS = 5;

/**
 * A store over Deno KV (`await Deno.openKv()`), atomic: each change is an atomic operation
 * that checks the versionstamp it read (`kv.atomic().check(entry).set(…).commit()`), so of two
 * concurrent claims or acquires only one commits. Entries carry their expiry and `expireIn`
 * (Deno KV deletes expired keys late, so the expiry is also checked on read). Keys are
 * `[...prefix, "claim" | "lease" | "value", key]`. A KV failure throws ERR_STORE_UNAVAILABLE.
 * @param {object} kv a `Deno.Kv`
 * @param {{ prefix?: string[] }} [options]
 */
export function denoKvStore(kv, options = {}) {
  checkPrefix("denoKvStore", options, ["prefix"]);
  const { prefix = ["healthauth"] } = options;
  if (!Array.isArray(prefix)) throw invalid("denoKvStore: `prefix` must be an array of key parts");
  if (typeof kv?.atomic !== "function" || typeof kv?.get !== "function") {
    throw invalid("denoKvStore: pass a Deno.Kv (await Deno.openKv())");
  }
  // A local KV file shared by processes answers "database is locked" under contention: each
  // operation reads again and re-checks, so it is safe to run again after a short pause.
  const run = async (operation) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation();
      } catch (error) {
        if (attempt >= KV_ATTEMPTS) throw unavailable("deno-kv", error);
        await new Promise((resolve) => setTimeout(resolve, attempt * 10 * (0.5 + Math.random())));
      }
    }
  };
  const live = (entry) => entry.value !== null && typeof entry.value === "object" && entry.value.expiresAt > Date.now();
  // Sets `value` at `key` unless a live entry is there; true when this call's write committed.
  const setIfFree = (key, value, ttlMs) =>
    run(async () => {
      const entry = await kv.get(key);
      if (live(entry)) return false;
      const result = await kv
        .atomic()
        .check(entry)
        .set(key, { ...value, expiresAt: Date.now() + ttlMs }, { expireIn: ttlMs })
        .commit();
      return result.ok;
    });
  return {
    async claim(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      return setIfFree([...prefix, "claim", key], {}, ttlSeconds * 1000);
    },
    async acquire(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      const lease = leaseToken();
      return (await setIfFree([...prefix, "lease", key], { lease }, ttlSeconds * 1000)) ? lease : null;
    },
    async release(key, lease) {
      const at = [...prefix, "lease", key];
      await run(async () => {
        const entry = await kv.get(at);
        if (entry.value?.lease === lease) await kv.atomic().check(entry).delete(at).commit();
      });
    },
    async get(key) {
      const entry = await run(() => kv.get([...prefix, "value", key]));
      return live(entry) ? entry.value.value : null;
    },
    async put(key, value, putOptions = {}) {
      const ttl = putOptions?.expirationTtl;
      if (ttl !== undefined) checkTtl(ttl);
      const ttlMs = ttl === undefined ? undefined : ttl * 1000;
      const expiresAt = ttlMs === undefined ? Number.MAX_SAFE_INTEGER : Date.now() + ttlMs;
      await run(() => kv.set([...prefix, "value", key], { value: String(value), expiresAt }, ttlMs === undefined ? {} : { expireIn: ttlMs }));
    },
  };
}

// ---- Cloudflare Durable Objects --------------------------------------------------------------

/**
 * A store over the `HealthAuthStore` Durable Object (`healthauth/workers`), atomic: each key
 * lives in its own object (`idFromName(key)`), which handles one request at a time. Pass the
 * namespace bound to the class (`env.HEALTHAUTH_STORE`). A failure or an unexpected answer
 * throws ERR_STORE_UNAVAILABLE.
 * @param {object} namespace a `DurableObjectNamespace`
 */
export function durableObjectStore(namespace) {
  if (typeof namespace?.idFromName !== "function" || typeof namespace?.get !== "function") {
    throw invalid("durableObjectStore: pass the Durable Object namespace bound to HealthAuthStore (env.HEALTHAUTH_STORE)");
  }
  const call = async (operation, key, body) => {
    let answer;
    try {
      const stub = namespace.get(namespace.idFromName(String(key)));
      const response = await stub.fetch(`https://healthauth-store/${operation}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      answer = await response.json();
    } catch (error) {
      throw unavailable("durable-object", error);
    }
    return answer.result;
  };
  return {
    async claim(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      return (await call("claim", key, { ttlSeconds })) === true;
    },
    async acquire(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      const lease = leaseToken();
      return (await call("acquire", key, { ttlSeconds, lease })) === true ? lease : null;
    },
    async release(key, lease) {
      await call("release", key, { lease: String(lease) });
    },
    async get(key) {
      const value = await call("get", key, {});
      return typeof value === "string" ? value : null;
    },
    async put(key, value, putOptions = {}) {
      const ttl = putOptions?.expirationTtl;
      if (ttl !== undefined) checkTtl(ttl);
      await call("put", key, { value: String(value), ttlSeconds: ttl });
    },
  };
}
