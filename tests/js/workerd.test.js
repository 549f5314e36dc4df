// The shared suite inside workerd (Cloudflare's runtime, through Miniflare; no network).
// The Worker is bundled the way wrangler does it: esbuild with the `workerd` condition,
// the .wasm kept as a separate module that workerd compiles (Workers forbid runtime compiles);
// then healthauth/lite in the same workerd.
import { suiteInWorkerd } from "./workerd-runner.js";

await suiteInWorkerd("workerd", {}, { lite: true });
