// discover and smartBackend: the I/O of server discovery. Which URLs to try and in what order,
// how each document is parsed, checked and normalized, and what a backend-services server must
// advertise are the core's (`discovery`, `providers::smart_backend`); this file fetches, with
// a timeout and a size cap, and moves to the next URL when one answers nothing usable.
import {
  discoveryUrls,
  parseDiscoveryDocument,
  smartBackendPreset,
  responseBytesLimit,
  checkDiscoverOptions,
} from "./dist/healthauth.js";
import { readCapped } from "./body.js";
import { HealthAuthError } from "./errors.js";

function invalid(name, expected) {
  return new HealthAuthError("ERR_INVALID_ARGUMENT", `\`${name}\` must be ${expected}`);
}

function checkOptions(call, options) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw invalid(call, "called with an options object");
  }
  checkDiscoverOptions(call, options); // ERR_UNKNOWN_OPTION, in the core
  const { fetch: fetchFn, timeoutMs = 10_000, maxBytes = responseBytesLimit() } = options;
  if (fetchFn !== undefined && typeof fetchFn !== "function") throw invalid("fetch", "a function");
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0) throw invalid("timeoutMs", "a non-negative integer");
  if (!Number.isInteger(maxBytes) || maxBytes < 0) throw invalid("maxBytes", "a non-negative integer");
  return { fetch: fetchFn ?? ((input, init) => globalThis.fetch(input, init)), timeoutMs, maxBytes };
}

const tooLarge = (max) => (size) =>
  new HealthAuthError(
    "ERR_INPUT_TOO_LARGE",
    `the discovery document is over the ${max}-byte limit (at least ${size} bytes): refused while reading; raise maxBytes only if this server legitimately sends more`,
    { input: "discovery document", size, max },
  );

/**
 * The body of a 200 answer as text, or `{ miss }` saying why this URL gave none (a network
 * error, another status). Oversized bodies throw ERR_INPUT_TOO_LARGE.
 */
async function fetchDocument(url, { fetch: fetchFn, timeoutMs, maxBytes }) {
  const init = { method: "GET", headers: { accept: "application/json" } };
  if (timeoutMs > 0 && typeof AbortSignal?.timeout === "function") init.signal = AbortSignal.timeout(timeoutMs);
  let response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    return { miss: `network error (${error?.name ?? "Error"})` };
  }
  if (response.status !== 200) {
    await response.body?.cancel?.().catch(() => {});
    return { miss: `HTTP ${response.status}` };
  }
  try {
    return { text: new TextDecoder().decode(await readCapped(response, maxBytes, tooLarge(maxBytes))) };
  } catch (error) {
    if (error instanceof HealthAuthError) throw error;
    return { miss: `network error while reading the body (${error?.name ?? "Error"})` };
  }
}

/** A body that is not a JSON object: the server answers something else at that URL. */
function notJsonObject(text) {
  try {
    const value = JSON.parse(text);
    return value === null || typeof value !== "object" || Array.isArray(value);
  } catch {
    return true;
  }
}

/**
 * Tries the URLs of `discoveryUrls(url)` in order, and parses the first document found with
 * `parse(candidate, text)`. A URL that answers no JSON object is skipped; a document that is
 * one and is refused (an issuer mismatch, PKCE plain only, a non-https endpoint) throws its
 * code at once: it is the server's document, and a later URL would hide the problem.
 */
async function firstDocument(url, io, parse) {
  const candidates = discoveryUrls(url); // ERR_URL_INVALID for a URL that cannot be one
  let last = "no URL to try";
  for (const candidate of candidates) {
    const got = await fetchDocument(candidate.url, io);
    if (got.miss !== undefined) {
      last = `${got.miss} from ${candidate.url}`;
      continue;
    }
    if (notJsonObject(got.text)) {
      last = `no JSON object from ${candidate.url}`;
      continue;
    }
    return parse(candidate, got.text, io.maxBytes);
  }
  throw new HealthAuthError(
    "ERR_DISCOVERY_UNAVAILABLE",
    `no discovery document was found at the ${candidates.length} well-known URLs tried (last: ${last}): ` +
      "pass the FHIR base URL, the issuer, or the full well-known URL of the server",
    { tried: candidates.length, last },
  );
}

/**
 * Discovers a server from a FHIR base, an issuer or a well-known URL: tries
 * `.well-known/smart-configuration`, then `openid-configuration`, then
 * `oauth-authorization-server`, and returns the first valid document, normalized, with `kind`.
 * @param {string} url
 * @param {{ fetch?: typeof fetch, timeoutMs?: number, maxBytes?: number }} [options]
 */
export async function discover(url, options = {}) {
  const io = checkOptions("discover", options);
  return firstDocument(url, io, parseDiscoveryDocument);
}

/**
 * The SMART Backend Services preset (for `TokenClient`'s `provider`) of the server at
 * `fhirBaseUrl`, from its discovery document: refused (ERR_DISCOVERY_UNSUPPORTED) unless it
 * advertises `client-confidential-asymmetric` or `private_key_jwt`, with RS384 or ES384.
 * @param {{ fhirBaseUrl: string, fetch?: typeof fetch, timeoutMs?: number, maxBytes?: number }} options
 */
export async function smartBackend(options) {
  const io = checkOptions("smartBackend", options);
  if (typeof options.fhirBaseUrl !== "string") throw invalid("fhirBaseUrl", "the FHIR server's base URL, a string");
  return Object.freeze(await firstDocument(options.fhirBaseUrl, io, smartBackendPreset));
}
