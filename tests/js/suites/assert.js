// Assertions that work in every runtime (no node:assert in browsers).

export class AssertionError extends Error {}

export function ok(value, message) {
  if (!value) throw new AssertionError(message ?? "expected a truthy value");
}

export function equal(actual, expected, message) {
  if (actual !== expected) {
    throw new AssertionError(
      `${message ?? "not equal"}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`,
    );
  }
}

export function throwsCode(ha, fn, code, secret) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  ok(error, `expected ${code}, nothing was thrown`);
  ok(error instanceof ha.HealthAuthError, `expected a HealthAuthError, got ${error}`);
  ok(error instanceof Error, "HealthAuthError must be an Error");
  equal(error.name, "HealthAuthError", "error name");
  equal(error.code, code, "error code");
  ok(error.message.length > 0, "error message is empty");
  if (secret !== undefined) ok(!error.message.includes(secret), "error message echoes the input");
}

/** Awaits `promise` and checks it rejected with a HealthAuthError carrying `code`. */
export async function rejectsCode(ha, promise, code) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  ok(error, `expected ${code}, nothing was thrown`);
  ok(error instanceof ha.HealthAuthError, `expected a HealthAuthError, got ${error}`);
  equal(error.code, code, "error code");
  return error;
}

export function base64url(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

