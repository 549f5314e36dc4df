// What every JS host's case runner shares (the runtimes' suite and the jco component runner):
// reading a case's inputs, and comparing `expect.ok` with a result (objects as a subset,
// everything else exactly).
import { AssertionError } from "./assert.js";

/** A malformed case, or an op or input a host cannot express: always a failure. */
export class CaseError extends AssertionError {}

export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/** `expect.ok`: objects as a subset (each expected member present and deep-equal), else exact. */
export function matches(expected, actual) {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    return (
      actual !== null &&
      typeof actual === "object" &&
      !Array.isArray(actual) &&
      Object.keys(expected).every((k) => Object.hasOwn(actual, k) && deepEqual(expected[k], actual[k]))
    );
  }
  return deepEqual(expected, actual);
}

// ---- reading inputs -----------------------------------------------------------------------

export function only(input, names) {
  for (const key of Object.keys(input)) {
    if (!names.includes(key)) throw new CaseError(`input \`${key}\` is not taken by this op`);
  }
  return input;
}

export function fixed(input, names) {
  for (const name of names) {
    if (input[name] === undefined) throw new CaseError(`a time-dependent or random case must give \`${name}\``);
  }
}

/** `{ utf8 }` or `{ base64 }` as bytes; `undefined` for anything else. */
export function bytesOf(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || typeof value[keys[0]] !== "string") return undefined;
  if (keys[0] === "utf8") return new TextEncoder().encode(value.utf8);
  if (keys[0] === "base64") return Uint8Array.from(atob(value.base64), (c) => c.charCodeAt(0));
  return undefined;
}

export function keySpec(spec) {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) throw new CaseError("a key must be an object");
  only(spec, ["jwk", "jwks", "pem", "secret", "alg", "kid"]);
  if (["jwk", "jwks", "pem", "secret"].filter((k) => k in spec).length !== 1) {
    throw new CaseError("a key has exactly one of jwk, jwks, pem, secret");
  }
  return spec;
}

export function isPrivate(spec) {
  return (
    "secret" in spec ||
    (spec.jwk !== undefined && ("d" in spec.jwk || "k" in spec.jwk)) ||
    (typeof spec.pem === "string" && spec.pem.includes("PRIVATE KEY-----"))
  );
}
