/**
 * `healthauth/healthauth_bg.wasm`: the WebAssembly module itself, for bundlers that do not copy
 * it next to the bundle (esbuild). What the import gives depends on the loader (a URL with
 * `--loader:.wasm=file`, the bytes with `binary`, a compiled module in Workers); `init()` takes
 * each of them.
 */
import type init from "./index.js";

declare const wasm: NonNullable<Parameters<typeof init>[0]>;
export default wasm;
