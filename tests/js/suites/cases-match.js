// How a shared case's `expect.ok` is compared with a result, in every JS host (the runtimes'
// suite and the jco component runner): objects as a subset, everything else exactly.

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
