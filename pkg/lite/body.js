// The shared streaming helpers (no wasm state): one copy for both entries.
export * from "../body.js";
