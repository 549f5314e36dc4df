// healthauth/lite has the same surface as healthauth (same names, same error codes); what it
// lacks (RSA, ECDSA, Ed25519 keys, PEM/DER keys, Standard Webhooks v1a) throws
// `HealthAuthError` with code `ERR_NOT_IN_LITE`, whose message names the full entry.
export * from "../index.js";
export { default } from "../index.js";
