// healthauth/workers: the Durable Object behind `durableObjectStore`. Export it from your
// Worker and bind it (wrangler.toml: [[durable_objects.bindings]] name = "HEALTHAUTH_STORE",
// class_name = "HealthAuthStore", plus a migration with new_sqlite_classes = ["HealthAuthStore"]).
export { durableObjectStore } from "./stores.js";

/**
 * A Durable Object holding one store key (`durableObjectStore` names one object per key): its
 * claim, its lease and its value, each with an expiry. A Durable Object runs one request at a
 * time and holds other events while its storage is read or written, so a read followed by a
 * write here is atomic. An alarm at the earliest expiry deletes what has expired.
 */
export class HealthAuthStore {
  #storage;

  /** @param {{ storage: object }} state the Durable Object state */
  constructor(state) {
    this.#storage = state.storage;
  }

  /** `POST /claim|acquire|release|get|put` with a JSON body; answers `{ result }`. */
  async fetch(request) {
    const operation = new URL(request.url).pathname.slice(1);
    let body;
    try {
      body = await request.json();
    } catch {
      return new Response("a JSON body is expected", { status: 400 });
    }
    const now = Date.now();
    const live = async (name) => {
      const entry = await this.#storage.get(name);
      return entry !== undefined && entry.expiresAt > now ? entry : undefined;
    };
    const ttlMs = Number.isSafeInteger(body.ttlSeconds) && body.ttlSeconds > 0 ? body.ttlSeconds * 1000 : undefined;
    let result;
    switch (operation) {
      case "claim":
      case "acquire": {
        if (ttlMs === undefined) return new Response("ttlSeconds must be a positive integer", { status: 400 });
        const name = operation === "claim" ? "claim" : "lease";
        result = (await live(name)) === undefined;
        if (result) await this.#set(name, { lease: body.lease, expiresAt: now + ttlMs });
        break;
      }
      case "release": {
        const held = await live("lease");
        if (held !== undefined && held.lease === body.lease) await this.#storage.delete("lease");
        result = null;
        break;
      }
      case "get":
        result = (await live("value"))?.value ?? null;
        break;
      case "put":
        if (typeof body.value !== "string") return new Response("value must be a string", { status: 400 });
        await this.#set("value", { value: body.value, expiresAt: ttlMs === undefined ? Number.MAX_SAFE_INTEGER : now + ttlMs });
        result = null;
        break;
      default:
        return new Response("unknown operation", { status: 404 });
    }
    return Response.json({ result });
  }

  /** Stores an entry and makes sure an alarm comes by its expiry. */
  async #set(name, entry) {
    await this.#storage.put(name, entry);
    if (entry.expiresAt === Number.MAX_SAFE_INTEGER) return;
    const alarm = await this.#storage.getAlarm();
    if (alarm === null || alarm > entry.expiresAt) await this.#storage.setAlarm(entry.expiresAt);
  }

  /** Deletes the expired entries; comes back for the next expiry. */
  async alarm() {
    const now = Date.now();
    let next = Infinity;
    for (const [name, entry] of await this.#storage.list()) {
      if (entry?.expiresAt <= now) await this.#storage.delete(name);
      else if (entry?.expiresAt < Number.MAX_SAFE_INTEGER) next = Math.min(next, entry.expiresAt);
    }
    if (next !== Infinity) await this.#storage.setAlarm(next);
  }
}
