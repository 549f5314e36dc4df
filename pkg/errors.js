/**
 * The one error class every healthauth call throws. The wasm glue imports this file by
 * its path, so Node, Workers, Deno, Bun and browsers all throw instances of this class.
 */
export class HealthAuthError extends Error {
  /**
   * @param {string} code a stable `ERR_…` code
   * @param {string} message what went wrong and how to fix it (never contains secrets)
   * @param {Record<string, string | number>} [details] the error's fields (error-codes.d.ts)
   */
  constructor(code, message, details = {}) {
    super(message);
    this.name = "HealthAuthError";
    this.code = code;
    this.details = details;
    // The provider's answer on OAuth errors, where callers look for it first.
    if (details.error !== undefined) this.error = details.error;
    if (details.description !== undefined) this.errorDescription = details.description;
    if (details.status !== undefined) this.status = details.status;
  }
}
