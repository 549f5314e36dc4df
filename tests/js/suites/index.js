// Every runtime runs every suite: suite(ha, platform) -> [{ name, fn }]. `cases` runs the shared
// case files (tests/cases/*.json) that Rust and the component hosts run too.
// `ha` is the healthauth module the runner imported by name; `platform` holds the runtime's own
// crypto to cross-check against: { sha256(text) -> Promise<Uint8Array> }.
import { pkceSuite } from "./pkce.js";
import { joseSuite } from "./jose.js";
import { webhookSuite } from "./webhook.js";
import { oauthSuite } from "./oauth.js";
import { limitsSuite } from "./limits.js";
import { casesSuite } from "./cases.js";
import { mistakesSuite } from "./mistakes.js";

/** The platform crypto of runtimes without node:crypto (workerd, Deno, Bun, browsers). */
export const webPlatform = {
  sha256: async (text) => new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))),
};

export function suite(ha, platform) {
  return [
    ...pkceSuite(ha, platform),
    ...joseSuite(ha, platform),
    ...webhookSuite(ha, platform),
    ...oauthSuite(ha, platform),
    ...limitsSuite(ha),
    ...casesSuite(ha),
    ...mistakesSuite(ha),
  ];
}
