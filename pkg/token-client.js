// TokenClient: the I/O edge over the sans-IO core. It builds token requests and parses
// responses with the wasm functions (every OAuth rule lives there, and so does the store-key
// derivation), and adds only what needs I/O and time: fetch, retries with backoff, a cache (in
// memory or a caller's store such as Workers KV, optionally encrypted), refresh ahead of
// expiry, and one request in flight for any number of callers.
import {
  parseTokenResponse,
  clientStoreIdentity,
  clientSecretCredentialId,
  tokenRecordVersion,
  tokenTimingDefaults,
  tokenLeaseTiming,
  ownTokenRecord,
  servableTokenRecord,
  tokenRecordTtl,
  refreshTokenLifetime,
  heldTokenRefreshAt,
  tokenLineage,
  nextTokenLineage,
  sameGrant,
  adoptsRefreshToken,
  signingKeyCredentialId,
  responseBytesLimit,
  checkTokenClientOptions,
  refuseClientCredentialsInBrowser,
  clientAuthCredential,
  unnamedClientAuthMethod,
  SigningKey,
  clientAssertion,
  assertionOptions,
  assertionClockOffset,
  dpopProof,
  dpopBoundCredentialId,
} from "./dist/healthauth.js";
import { readCapped } from "./body.js";
// The builders of oauth.js: they add the DPoP proof (`dpop`) to the request the core builds.
import { assertionMethod, clientCredentialsRequest, refreshRequest } from "./oauth.js";
import { HealthAuthError } from "./errors.js";

/** The error for a token response over `max` bytes (checked while the body streams in). */
const tooLarge = (max) => (size) =>
  new HealthAuthError(
    "ERR_INPUT_TOO_LARGE",
    `token response is over the ${max}-byte limit (at least ${size} bytes): refused while reading; raise maxResponseBytes only if this token endpoint legitimately sends more`,
  );

// The rules of the cache are the core's (`oauth::cache`): which stored record is ours and may
// be served, when a held token is due for refresh, each record's TTL, the refresh-token
// lineage. This file keeps the I/O: the store, encryption, single-flight, retries.

/** The version of the encryption envelope (the record inside has the core's version). */
const ENVELOPE_VERSION = 2;
/** Access tokens this client invalidated, never taken back from the store. */
const MAX_REVOKED = 32;
/** Additional authenticated data of an encrypted entry: this label and the store key. */
const AAD_LABEL = "healthauth:token-entry:v2:";

function invalid(name, expected) {
  return new HealthAuthError("ERR_INVALID_ARGUMENT", `\`${name}\` must be ${expected}`);
}

function reauthenticationRequired() {
  return new HealthAuthError(
    "ERR_REAUTHENTICATION_REQUIRED",
    "this TokenClient holds a user's token that has expired (or whose refresh token the server " +
      "refused), and no refresh token to renew it: send the user through the authorization flow " +
      "again and build a new TokenClient from the new token (a user's client never falls back to " +
      "client_credentials, which would act as the application instead of the user)",
  );
}

/** The default store: a Map in this isolate, with the `get`/`put` shape of Workers KV. */
class MemoryStore {
  #values = new Map();
  async get(key) {
    return this.#values.get(key) ?? null;
  }
  async put(key, value) {
    this.#values.set(key, value);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function toBase64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Bytes from base64 or base64url text (padding optional), or undefined if it is neither. */
function fromBase64(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return undefined;
  const plain = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (plain.length % 4 === 1) return undefined;
  try {
    const binary = atob(plain + "=".repeat((4 - (plain.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * `encryptionKey` as a promise of an AES-GCM CryptoKey: 32 bytes (a Uint8Array or ArrayBuffer,
 * or base64/base64url text of them), or a CryptoKey for AES-GCM that may encrypt and decrypt.
 */
function encryptionKeyOption(value) {
  const expected =
    "32 random bytes (a Uint8Array, or the base64/base64url text of them) or an AES-GCM CryptoKey " +
    "usable for encrypt and decrypt";
  const subtle = globalThis.crypto?.subtle;
  if (typeof subtle?.encrypt !== "function" || typeof globalThis.crypto.getRandomValues !== "function") {
    throw new HealthAuthError(
      "ERR_INVALID_ARGUMENT",
      "`encryptionKey` needs WebCrypto (`crypto.subtle`), which this runtime does not provide",
    );
  }
  if (typeof CryptoKey === "function" && value instanceof CryptoKey) {
    const usages = value.usages ?? [];
    if (value.algorithm?.name !== "AES-GCM" || !usages.includes("encrypt") || !usages.includes("decrypt")) {
      throw invalid("encryptionKey", expected);
    }
    return Promise.resolve(value);
  }
  let bytes;
  if (typeof value === "string") bytes = fromBase64(value);
  else if (value instanceof Uint8Array) bytes = new Uint8Array(value);
  else if (value instanceof ArrayBuffer) bytes = new Uint8Array(value.slice(0));
  if (bytes?.length !== 32) {
    bytes?.fill(0);
    throw invalid("encryptionKey", expected);
  }
  const key = subtle.importKey("raw", bytes, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
  // Our copy of the key bytes is wiped once WebCrypto holds the key.
  const wipe = () => bytes.fill(0);
  key.then(wipe, wipe);
  return key;
}

export class TokenClient {
  #options;
  #auth;
  #fetch;
  #store;
  #key;
  #identity;
  #aad;
  #cipherKey;
  #now;
  #memo;
  #inflight;
  #epoch = 0;
  #revoked = [];
  #writes = Promise.resolve();
  #refreshToken;
  #lineage = [];
  #user;
  /** DPoP: the key every token request and resource request proves, and the server's nonce. */
  #dpop;
  #dpopNonce;
  /** Seconds added to the clock when signing assertions (the token endpoint's Date), and their lifetime. */
  #clockOffset = 0;
  #assertionLifetime;

  /**
   * @param {object} options see index.d.ts (`TokenClientOptions`); among them:
   *   - `store`, `storeKey`: a store shared with other clients (Workers KV, …). The default
   *     key is derived in the core from the token endpoint, client id, scope and an identity of
   *     the credential (key thumbprint or a keyed digest of the secret); `storeKey` is required
   *     with a shared store when the client has no `clientId`, when it signs with a
   *     `clientAuth.assertion` healthauth cannot identify, and for a user's tokens.
   *   - `encryptionKey`: encrypts every store entry with AES-GCM (WebCrypto): 32 random bytes as
   *     a Uint8Array or base64/base64url text, or an AES-GCM CryptoKey. Each write has a fresh
   *     96-bit IV; the store key is the additional data, so an entry moved to another key, or
   *     altered, fails to decrypt and is a cache miss.
   *   - `refreshTokenLifetimeSeconds`: how long a stored record with a refresh token lives (the
   *     store's TTL): default the preset's refresh lifetime, else 30 days.
   *
   * Every record is written with an `expirationTtl` of at least 60 s (Workers KV's minimum).
   * A user's client (built from `token` or `refreshToken`) never uses client_credentials: once
   * its token has expired without a refresh token, it throws ERR_REAUTHENTICATION_REQUIRED.
   * The token endpoint's redirects are never followed (ERR_TOKEN_ENDPOINT_REDIRECTED).
   * One refresh at a time per client, even across `invalidate()`. Across processes, a store
   * with a lease (`acquire`/`release`: redisStore, durableObjectStore, denoKvStore) lets one
   * caller fetch while the others wait for its token (bounded, then they fetch themselves); with
   * a plain `get`/`put` store (Workers KV) two processes may still fetch or refresh at once.
   */
  constructor(options) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw invalid("TokenClient", "constructed with an options object");
    }
    // Unknown options are refused by the core's option check, which also makes the echoed name safe.
    checkTokenClientOptions(options);
    const provider = options.provider;
    const tokenEndpoint = options.tokenEndpoint ?? provider?.tokenEndpoint;
    if (typeof tokenEndpoint !== "string") throw invalid("tokenEndpoint", "a string (or pass a provider preset)");
    if (options.clientId !== undefined && typeof options.clientId !== "string") throw invalid("clientId", "a string");
    if (options.clientSecret !== undefined && typeof options.clientSecret !== "string") {
      throw invalid("clientSecret", "a string");
    }
    let auth = options.clientAuth;
    const signingKey = options.signingKey ?? auth?.signingKey;
    if (signingKey !== undefined) {
      // A fresh assertion (new jti) for every token request, under the preset's rules, dated
      // by the clock corrected from the token endpoint's Date header.
      const jku = auth?.jku;
      auth = {
        method: assertionMethod(signingKey, provider), // checks the key against the preset now
        assertion: ({ now }) => {
          const made = assertionOptions({ clientId: options.clientId, tokenEndpoint, jku, provider });
          this.#assertionLifetime = made.lifetimeSeconds;
          return clientAssertion(signingKey, { ...made, now });
        },
      };
    } else if (auth === undefined) {
      // The preset's method for a secret, else client_secret_basic; none without a secret.
      auth = { method: unnamedClientAuthMethod(provider, options.clientSecret !== undefined) };
    }
    if (auth === null || typeof auth !== "object") throw invalid("clientAuth", "an object { method, secret?, assertion? }");
    // The core knows the methods and what each needs (ERR_INVALID_ARGUMENT for another name).
    const credential = clientAuthCredential(auth.method);
    const assertion = auth.assertion;
    if (credential === "assertion" && typeof assertion !== "function" && typeof assertion !== "string") {
      throw invalid("clientAuth.assertion", "a function returning a fresh signed assertion (or a string)");
    }
    const secretInHand = credential !== "none" || options.clientSecret !== undefined;
    if (secretInHand) refuseClientCredentialsInBrowser(options.dangerouslyAllowBrowser === true);
    if (credential === "none" && options.refreshToken === undefined && options.token?.refreshToken === undefined) {
      throw invalid("refreshToken", "given for a public client (clientAuth none): it cannot use client_credentials");
    }
    if (options.dpop !== undefined && !(options.dpop instanceof SigningKey)) {
      throw invalid("dpop", "a SigningKey with a private asymmetric key (such as SigningKey.generate(\"ES256\"))");
    }
    this.#dpop = options.dpop;
    const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    if (typeof fetchFn !== "function") throw invalid("fetch", "a function");
    const store = options.store ?? new MemoryStore();
    if (typeof store?.get !== "function" || typeof store?.put !== "function") {
      throw invalid("store", "an object with get(key) and put(key, value) (such as a Workers KV namespace)");
    }
    if (options.storeKey !== undefined && (typeof options.storeKey !== "string" || options.storeKey === "")) {
      throw invalid("storeKey", "a non-empty string");
    }
    const now = options.now ?? (() => Date.now() / 1000);
    if (typeof now !== "function") throw invalid("now", "a function returning Unix seconds");
    // A string or an array of scope tokens: the builders and the store key take either.
    const scope = options.scope;
    const timing = tokenTimingDefaults();
    this.#options = {
      tokenEndpoint,
      clientId: options.clientId ?? "",
      clientSecret: options.clientSecret,
      scope,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 250,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxResponseBytes: options.maxResponseBytes ?? responseBytesLimit(),
      refreshSkewSeconds: options.refreshSkewSeconds ?? timing.refreshSkewSeconds,
      defaultLifetimeSeconds: options.defaultLifetimeSeconds ?? timing.defaultLifetimeSeconds,
      // The option, else the preset's refresh lifetime, else 30 days.
      refreshTokenLifetimeSeconds: refreshTokenLifetime(options.refreshTokenLifetimeSeconds, provider),
      dangerouslyAllowBrowser: options.dangerouslyAllowBrowser === true,
    };
    for (const name of ["retries", "backoffMs", "timeoutMs", "maxResponseBytes", "refreshSkewSeconds", "defaultLifetimeSeconds", "refreshTokenLifetimeSeconds"]) {
      const v = this.#options[name];
      if (!Number.isInteger(v) || v < 0 || v > 86_400_000) throw invalid(name, "a non-negative integer");
    }
    this.#auth = auth;
    this.#fetch = fetchFn;
    this.#store = store;
    this.#now = now;
    this.#refreshToken = options.refreshToken ?? options.token?.refreshToken;
    if (this.#refreshToken !== undefined && typeof this.#refreshToken !== "string") throw invalid("refreshToken", "a string");
    // A token or refresh token given by the caller stands for a user (code flow): it is never
    // replaced by the application's own client_credentials token, and if it dies, the user
    // must log in again. A refresh token the server added to a client_credentials token can be
    // dropped.
    this.#user = options.refreshToken !== undefined || options.token !== undefined;

    // Who the cached tokens belong to: endpoint, client, scope and credential (core rule).
    const secret = auth.secret ?? options.clientSecret;
    let credentialId;
    if (signingKey !== undefined) credentialId = signingKeyCredentialId(signingKey);
    else if (secret !== undefined) credentialId = clientSecretCredentialId(secret);
    // A DPoP-bound token is usable only with its key: the core adds the key to the identity
    // (a client without a known credential keeps the core's shared-store checks).
    if (this.#dpop !== undefined && credentialId !== undefined) credentialId = dpopBoundCredentialId(credentialId, this.#dpop);
    // With a shared store and no storeKey, the core refuses a client whose derived key would
    // not tell its tokens apart: a user's client, no clientId, an assertion signed elsewhere.
    this.#identity = clientStoreIdentity({
      tokenEndpoint,
      clientId: this.#options.clientId,
      scope,
      credentialId,
      publicClient: credential === "none",
      user: this.#user,
      sharedWithoutKey: options.store !== undefined && options.storeKey === undefined,
    });
    this.#key = options.storeKey ?? this.#identity;
    if (options.encryptionKey !== undefined) {
      this.#cipherKey = encryptionKeyOption(options.encryptionKey);
      this.#aad = new TextEncoder().encode(AAD_LABEL + this.#key);
    }
    if (options.token !== undefined) {
      const { refreshSkewSeconds, defaultLifetimeSeconds } = this.#options;
      const refreshAt = heldTokenRefreshAt(options.token, this.#now(), refreshSkewSeconds, defaultLifetimeSeconds);
      const record = this.#record(options.token, refreshAt, this.#refreshToken, []);
      // A token already past its expiry is no token: fetch a new one on first use.
      if (!(record.expiresAt !== undefined && record.expiresAt <= this.#now())) this.#memo = record;
    }
  }

  /**
   * The access token: cached until its refresh time, then fetched again (with the refresh
   * token when there is one). Concurrent callers share one request.
   * @returns {Promise<string>}
   */
  async getAccessToken() {
    return (await this.getToken()).accessToken;
  }

  /**
   * Like {@link getAccessToken}, with the token's details.
   * @returns {Promise<{ accessToken: string, tokenType: string, expiresAt?: number, refreshAt: number, scope?: string }>}
   */
  getToken() {
    const memo = this.#memo;
    if (memo && this.#now() < memo.refreshAt) return Promise.resolve(this.#public(memo));
    return this.#join(this.#epoch).then((record) => this.#public(record));
  }

  /**
   * Forgets the cached token (for example after the API answered 401); the next call fetches
   * one. This client never takes an invalidated token back from the store, even from an
   * eventually consistent one (Workers KV) that still returns it; other isolates stop using
   * the token once the store propagates the change. A refresh already in flight is not
   * repeated in parallel: later callers wait for it, then refresh once more with the refresh
   * token it rotated, so that no refresh token is sent twice by this client.
   */
  async invalidate() {
    const memo = this.#memo;
    this.#memo = undefined;
    this.#epoch++;
    if (memo !== undefined) this.#revoke(memo.accessToken);
    // Keep the refresh token for the other isolates; drop the access token.
    await this.#write(() => this.#refreshToken === undefined ? {} : { refreshToken: this.#refreshToken, lineage: this.#lineage });
  }

  /**
   * The headers of a request to a resource server with the current token: `authorization`
   * (`DPoP <token>` with a `dpop` proof for this request when the token is DPoP-bound, else
   * `Bearer <token>`). `nonce` is the resource server's `DPoP-Nonce`, when it asked for one.
   * @param {{ method: string, url: string, nonce?: string }} request
   * @returns {Promise<{ authorization: string, dpop?: string }>}
   */
  async authHeaders(request) {
    if (request === null || typeof request !== "object") throw invalid("authHeaders", "called with { method, url }");
    const { method, url, nonce } = request;
    if (typeof method !== "string" || typeof url !== "string") throw invalid("authHeaders", "called with { method, url } (strings)");
    const token = await this.getToken();
    if (this.#dpop === undefined || String(token.tokenType).toLowerCase() !== "dpop") {
      return { authorization: `Bearer ${token.accessToken}` };
    }
    // The core checks htm and htu and binds the proof to the token (ath).
    const options = { htm: method, htu: url, accessToken: token.accessToken };
    if (nonce !== undefined) options.nonce = nonce;
    return { authorization: `DPoP ${token.accessToken}`, dpop: dpopProof(this.#dpop, options) };
  }

  #public(record) {
    const { accessToken, tokenType, expiresAt, refreshAt, scope } = record;
    return { accessToken, tokenType, expiresAt, refreshAt, scope };
  }

  /** A record of a token timed by the core (`refreshAt`), with its refresh token and lineage. */
  #record(token, refreshAt, refreshToken, lineage) {
    return {
      accessToken: token.accessToken,
      tokenType: token.tokenType ?? "Bearer",
      expiresAt: token.expiresAt,
      refreshAt,
      obtainedAt: this.#now(),
      scope: token.scope,
      refreshToken,
      lineage,
    };
  }

  #revoke(accessToken) {
    if (typeof accessToken !== "string" || this.#revoked.includes(accessToken)) return;
    this.#revoked.push(accessToken);
    if (this.#revoked.length > MAX_REVOKED) this.#revoked.shift();
  }

  /**
   * The token for a caller that arrived in `epoch`: the request in flight if it started in
   * that epoch or later; otherwise (it started before an `invalidate()`), wait for it to end
   * and then start the next one, which uses the refresh token it rotated.
   */
  #join(epoch) {
    const flight = this.#inflight;
    if (flight === undefined) return this.#start().promise;
    return flight.promise.then(
      (record) => (flight.epoch >= epoch ? record : this.#rejoin(epoch)),
      (error) => {
        if (flight.epoch >= epoch) throw error;
        return this.#rejoin(epoch);
      },
    );
  }

  #rejoin(epoch) {
    const memo = this.#memo;
    if (memo && this.#now() < memo.refreshAt) return memo;
    return this.#join(epoch);
  }

  #start() {
    const flight = { epoch: this.#epoch };
    this.#inflight = flight;
    flight.promise = this.#obtain(flight.epoch);
    // Registered first, so it runs before any waiter's continuation.
    const done = () => {
      if (this.#inflight === flight) this.#inflight = undefined;
    };
    flight.promise.then(done, done);
    return flight;
  }

  /**
   * Takes a record as this client's current one. A fetched record brings its refresh token; a
   * stored one brought its own through #adopt already.
   */
  #settle(epoch, record, fetched) {
    if (fetched) {
      this.#refreshToken = record.refreshToken;
      this.#lineage = record.lineage;
    }
    // A token from a request that started before invalidate() is not handed to later callers.
    if (epoch === this.#epoch) this.#memo = record;
    else this.#revoke(record.accessToken);
    return record;
  }

  async #obtain(epoch) {
    if (this.#user && this.#refreshToken === undefined) throw reauthenticationRequired();
    // Another isolate sharing the store may have fetched a token already.
    const stored = await this.#readStore();
    if (stored !== undefined) {
      this.#adopt(stored);
      if (this.#servable(stored)) return this.#settle(epoch, stored, false);
    }
    try {
      return await this.#fetchUnderLease(epoch);
    } catch (error) {
      // The endpoint is down but the cached token has not expired yet: keep using it.
      const memo = this.#memo;
      if (error?.code === "ERR_TOKEN_ENDPOINT_UNAVAILABLE" && memo?.expiresAt && this.#now() < memo.expiresAt) {
        return memo;
      }
      throw error;
    }
  }

  /**
   * Fetches a token and stores it. With a store that has a lease (`acquire`/`release`: the
   * atomic adapters), one caller across every process sharing the store fetches while the
   * others read the store for its token until the core's wait runs out (`tokenLeaseTiming`),
   * then fetch themselves; a store that fails is no lease. A plain `get`/`put` store (Workers
   * KV) gets no lease: processes that miss at once each fetch (best effort).
   */
  async #fetchUnderLease(epoch) {
    const store = this.#store;
    let lease = null;
    if (typeof store.acquire === "function" && typeof store.release === "function") {
      const { leaseSeconds, waitMs, pollMs } = tokenLeaseTiming();
      const deadline = Date.now() + waitMs;
      for (;;) {
        try {
          lease = (await store.acquire(this.#key, leaseSeconds)) ?? null;
        } catch {
          break;
        }
        // Holding the lease or still waiting, a token stored meanwhile (by the last holder) is taken.
        const stored = await this.#readStore();
        if (stored !== undefined) {
          this.#adopt(stored);
          if (this.#servable(stored)) {
            if (lease !== null) await this.#release(lease);
            return this.#settle(epoch, stored, false);
          }
        }
        if (lease !== null || Date.now() >= deadline) break;
        await sleep(pollMs);
      }
    }
    try {
      const record = await this.#fetchToken();
      this.#settle(epoch, record, true);
      await this.#write(() => record); // stored before the lease is released
      return record;
    } finally {
      if (lease !== null) await this.#release(lease);
    }
  }

  async #release(lease) {
    try {
      await this.#store.release(this.#key, lease);
    } catch {
      // It expires on its own.
    }
  }

  async #fetchToken() {
    const used = this.#refreshToken;
    if (used === undefined) {
      if (this.#user) throw reauthenticationRequired();
      return this.#request(undefined);
    }
    try {
      return await this.#request(used);
    } catch (error) {
      if (!(error?.code === "ERR_OAUTH_TOKEN_ERROR" && error.error === "invalid_grant")) throw error;
      // The refresh token is dead: forget it, here and in the store.
      if (this.#refreshToken === used) {
        this.#refreshToken = undefined;
        this.#lineage = [];
      }
      if (this.#user) {
        // Never falls back to client_credentials for a user's refresh token (another
        // principal); the user must log in again, and a new client must not find it either.
        this.#memo = undefined;
        await this.#write(() => ({}));
        throw error;
      }
      // A refresh token the server added to a client_credentials token: get a new token.
      return this.#request(undefined);
    }
  }

  /**
   * Takes a stored refresh token when it is newer than the one held: it was rotated from it
   * (by another client sharing the store), or this client, not a user's, holds none. A
   * caller's explicit refresh token is never replaced by an unrelated stored one.
   */
  #adopt(entry) {
    if (adoptsRefreshToken(this.#refreshToken, this.#user, entry)) {
      this.#refreshToken = entry.refreshToken;
      this.#lineage = tokenLineage(entry);
    }
  }

  /** Whether a stored entry may be served as it is: the core's rules, and this client's own state. */
  #servable(entry) {
    if (!servableTokenRecord(entry, this.#now())) return false;
    if (this.#revoked.includes(entry.accessToken)) return false;
    // A user's client serves only the token of its own grant (its refresh token or a rotation of it).
    if (this.#user) {
      const held = this.#refreshToken;
      if (held === undefined || !sameGrant(held, entry)) return false;
    }
    return true;
  }

  async #readStore() {
    await this.#writes; // read this client's own writes
    let value;
    try {
      value = await this.#store.get(this.#key);
    } catch {
      return undefined; // a failing store is a cache miss
    }
    if (value === null || value === undefined) return undefined;
    let entry;
    try {
      entry = typeof value === "string" ? JSON.parse(value) : value;
    } catch {
      return undefined;
    }
    if (entry === null || typeof entry !== "object") return undefined;
    if (this.#cipherKey !== undefined) entry = await this.#open(entry);
    else if ("ct" in entry) return undefined; // encrypted by a client with a key: not readable here
    if (entry === null || typeof entry !== "object") return undefined;
    // Another client's entry (another credential, scope, endpoint, or a clear entry planted
    // where an encrypted one belongs) is a miss.
    if (!ownTokenRecord(entry, this.#identity)) return undefined;
    return entry;
  }

  /**
   * Writes the record `make()` returns (called when the write's turn comes, so it sees the
   * latest state), with a TTL on every write: a token's remaining life, a refresh token's
   * lifetime, and never under 60 s. Writes leave in the order they were asked for.
   */
  #write(make) {
    const write = this.#writes.then(async () => {
      const record = make();
      const now = this.#now();
      const entry = { v: tokenRecordVersion(), id: this.#identity, ...record };
      if (entry.accessToken === undefined) entry.obtainedAt = now;
      const expirationTtl = tokenRecordTtl(record, now, this.#options.refreshTokenLifetimeSeconds);
      try {
        let text = JSON.stringify(entry);
        if (this.#cipherKey !== undefined) text = await this.#seal(text);
        await this.#store.put(this.#key, text, { expirationTtl });
      } catch {
        // A failing store (KV write limits, outage) must not fail the caller: the token is good.
      }
    });
    this.#writes = write;
    return write;
  }

  async #seal(text) {
    const key = await this.#cipherKey;
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const sealed = await globalThis.crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: this.#aad },
      key,
      new TextEncoder().encode(text),
    );
    return JSON.stringify({ v: ENVELOPE_VERSION, enc: "AES-GCM", iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(sealed)) });
  }

  /** The decrypted entry, or undefined when it is not ours: any failure is a cache miss. */
  async #open(envelope) {
    if (envelope.v !== ENVELOPE_VERSION || envelope.enc !== "AES-GCM") return undefined;
    const iv = fromBase64(envelope.iv);
    const sealed = fromBase64(envelope.ct);
    if (iv?.length !== 12 || sealed === undefined || sealed.length < 16) return undefined;
    try {
      const key = await this.#cipherKey;
      const plain = await globalThis.crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: this.#aad }, key, sealed);
      return JSON.parse(new TextDecoder().decode(plain));
    } catch {
      return undefined;
    }
  }

  async #buildRequest(refreshToken) {
    const o = this.#options;
    const clientAuth = { method: this.#auth.method };
    if (this.#auth.secret !== undefined) clientAuth.secret = this.#auth.secret;
    if (this.#auth.assertion !== undefined) {
      // A fresh assertion per request (new jti).
      const now = Math.floor(this.#now() + this.#clockOffset);
      clientAuth.assertion =
        typeof this.#auth.assertion === "function"
          ? await this.#auth.assertion({ tokenEndpoint: o.tokenEndpoint, clientId: o.clientId, now })
          : this.#auth.assertion;
    }
    const base = { tokenEndpoint: o.tokenEndpoint, clientId: o.clientId, clientAuth };
    // The constructor already applied the browser policy; the builders must not ask again.
    if (o.dangerouslyAllowBrowser) base.dangerouslyAllowBrowser = true;
    if (o.clientSecret !== undefined) base.clientSecret = o.clientSecret;
    if (o.scope !== undefined) base.scope = o.scope;
    if (this.#dpop !== undefined) {
      base.dpop = { key: this.#dpop };
      if (this.#dpopNonce !== undefined) base.dpop.nonce = this.#dpopNonce;
    }
    // The builders validate the endpoint (https, or http on loopback): credentials only ever
    // go to that URL, never to one a response names.
    return refreshToken !== undefined
      ? refreshRequest({ ...base, refreshToken })
      : clientCredentialsRequest(base);
  }

  /** One token request (with retries): the refresh grant with `refreshToken`, else client_credentials. */
  async #request(refreshToken) {
    const { retries, backoffMs, timeoutMs, maxResponseBytes, refreshSkewSeconds, defaultLifetimeSeconds } = this.#options;
    let last = "no attempt";
    // One immediate retry each for a DPoP nonce challenge and for a corrected assertion clock.
    let nonceRetried = false;
    let clockRetried = false;
    let again = false;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0 && !again) await sleep(backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      again = false;
      const request = await this.#buildRequest(refreshToken);
      // Never follow a redirect: it would re-post the credentials to wherever it points.
      const init = { method: request.method, headers: request.headers, body: request.body, redirect: "manual" };
      if (timeoutMs > 0 && typeof AbortSignal?.timeout === "function") init.signal = AbortSignal.timeout(timeoutMs);
      let response;
      try {
        const fetchFn = this.#fetch;
        response = await fetchFn(request.url, init);
      } catch (error) {
        last = `network error (${error?.name ?? "Error"})`;
        continue;
      }
      const status = response.status;
      const header = (name) => (typeof response.headers?.get === "function" ? response.headers.get(name) : null);
      // RFC 9449 section 8: the server's nonce, used from the next proof on.
      const nonce = header("dpop-nonce");
      const nonceChanged = nonce !== null && nonce !== "" && nonce !== this.#dpopNonce;
      if (nonce !== null && nonce !== "") this.#dpopNonce = nonce;
      // The core decides whether the local clock is too far off the server's for assertions.
      const offset = this.#clockOffset;
      if (this.#assertionLifetime !== undefined) {
        this.#clockOffset = assertionClockOffset(this.#now(), header("date"), this.#assertionLifetime, offset);
      }
      if (response.type === "opaqueredirect" || (status >= 300 && status < 400) || response.redirected === true) {
        try {
          await response.body?.cancel();
        } catch {
          // nothing to release
        }
        const how = response.redirected === true ? "was redirected (the `fetch` in use followed it)" : `answered with a redirect (HTTP ${status >= 300 ? status : "3xx"})`;
        throw new HealthAuthError(
          "ERR_TOKEN_ENDPOINT_REDIRECTED",
          `the token endpoint ${how}; healthauth never follows one, since it would send the client's ` +
            "credentials to another URL: set `tokenEndpoint` (or the provider preset) to the URL that issues tokens",
        );
      }
      if (status >= 500) {
        last = `HTTP ${status}`;
        try {
          await response.body?.cancel();
        } catch {
          // nothing to release
        }
        continue;
      }
      let text;
      try {
        // Capped while it streams: an oversized body is never buffered whole.
        text = new TextDecoder().decode(await readCapped(response, maxResponseBytes, tooLarge(maxResponseBytes)));
      } catch (error) {
        if (error instanceof HealthAuthError) throw error;
        last = `network error while reading the body (${error?.name ?? "Error"})`;
        continue;
      }
      // 4xx and malformed bodies throw here at once (ERR_OAUTH_TOKEN_ERROR with the provider's code).
      // The core times the token: refreshAt ahead of expiresAt, or after the default lifetime.
      let token;
      try {
        token = parseTokenResponse(status, text, {
          now: this.#now(),
          refreshSkewSeconds,
          defaultLifetimeSeconds,
          maxBytes: maxResponseBytes,
        });
      } catch (error) {
        if (error?.code === "ERR_OAUTH_TOKEN_ERROR") {
          // The server asked for a DPoP nonce and sent one: once, at once, with it.
          if (error.error === "use_dpop_nonce" && this.#dpop !== undefined && nonceChanged && !nonceRetried) {
            nonceRetried = again = true;
            attempt--;
            continue;
          }
          // The assertion was refused and the clock was just corrected: once, at once, re-signed.
          if (this.#clockOffset !== offset && !clockRetried) {
            clockRetried = again = true;
            attempt--;
            continue;
          }
        }
        throw error;
      }
      const next = token.refreshToken ?? refreshToken;
      let lineage = [];
      if (refreshToken !== undefined) {
        lineage = nextTokenLineage(this.#lineage, refreshToken, next);
      }
      // The core timed it (refreshAt, with the default lifetime when there is no expires_in).
      return this.#record(token, token.refreshAt, next, lineage);
    }
    throw new HealthAuthError(
      "ERR_TOKEN_ENDPOINT_UNAVAILABLE",
      `the token endpoint did not answer after ${retries + 1} attempts (last: ${last}); try again later`,
      { attempts: retries + 1, last },
    );
  }
}
