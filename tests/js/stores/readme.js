// The ```js snippets of the README's "Stores" section, which the store tests run. Not a test file itself.
import { existsSync, readFileSync } from "node:fs";

const SECTION = "## Stores: replay protection and token single-flight across processes";

/** The snippets in order: [0] Redis (Node), [1] the Worker with the Durable Object, [2] Deno KV. */
export function storeSnippets() {
  // tests/js/stores in the repo, or target/js-consumer/tests/stores from the packed package.
  const readme = ["../../../README.md", "../../../../README.md"].map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u));
  if (!readme) throw new Error("README.md not found next to the repository's tests");
  const text = readFileSync(readme, "utf8");
  const start = text.indexOf(SECTION);
  if (start === -1) throw new Error(`README.md has no "${SECTION}" section`);
  const end = text.indexOf("\n## ", start + 3);
  const blocks = [...text.slice(start, end).matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (blocks.length !== 3) throw new Error(`expected 3 js snippets in the Stores section, found ${blocks.length}`);
  return blocks;
}
