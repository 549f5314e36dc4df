/**
 * The one error class every healthauth call throws. The wasm glue imports this file by
 * its path, so Node, Workers, Deno, Bun and browsers all throw instances of this class.
 */
export class HealthAuthError extends Error {
  /**
   * @param {string} code a stable `ERR_…` code
   * @param {string} message what went wrong and how to fix it (never contains secrets)
   */
  constructor(code, message) {
    super(message);
    this.name = "HealthAuthError";
    this.code = code;
  }
}
