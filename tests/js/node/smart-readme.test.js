// The README's "SMART on FHIR" and "DPoP" snippets run as written against the packed package
// (they touch the network only inside functions they do not call; the loopback tests
// smart.test.js and oidc-e2e.test.js run the same calls against real servers).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// tests/js/node in the repo, or target/js-consumer/tests/node when run from the packed package.
const candidates = ["../../../README.md", "../../../../README.md"].map((p) => new URL(p, import.meta.url));
const readme = candidates.find((u) => existsSync(u));

function snippets(section) {
  const text = readFileSync(readme, "utf8");
  // The exact heading: "### SMART on FHIR, ..." of the Rust part is another section.
  const start = text.indexOf(`\n## ${section}\n`);
  assert.notEqual(start, -1, `no "## ${section}" section`);
  const end = text.indexOf("\n## ", start + 4);
  const body = text.slice(start, end === -1 ? undefined : end);
  return [...body.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const expected = {
  "SMART on FHIR": [/"context": "patient"|context: 'patient'/, /true/, /patient\/Observation\.rs/],
  DPoP: [/^true$/m],
};

for (const [section, outputs] of Object.entries(expected)) {
  test(`readme: the "${section}" snippets run`, () => {
    if (!readme) throw new Error("README.md not found next to the repository's tests");
    const blocks = snippets(section);
    assert.ok(blocks.length > 0, `no js snippet under ${section}`);
    let printed = "";
    blocks.forEach((code, i) => {
      const file = new URL(`./.readme-snippet-${section.replace(/\W/g, "")}-${i}.mjs`, import.meta.url);
      writeFileSync(file, code);
      try {
        printed += execFileSync(process.execPath, [fileURLToPath(file)], { stdio: "pipe", timeout: 30_000 }).toString();
      } catch (e) {
        throw new Error(`snippet ${i} of ${section} failed: ${e.stderr}`);
      } finally {
        rmSync(file, { force: true });
      }
    });
    // What the snippets print is what their comments say.
    for (const pattern of outputs) assert.match(printed, pattern);
  });
}
