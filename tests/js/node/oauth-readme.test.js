// The README's "Backend services", "Authorization code + PKCE" and "Provider presets" snippets run as written
// against the packed package (they only touch the network inside functions they do not call).
import { test } from "node:test";
import { existsSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// tests/js/node in the repo, or target/js-consumer/tests/node when run from the packed package.
const candidates = ["../../../README.md", "../../../../README.md"].map((p) => new URL(p, import.meta.url));
const readme = candidates.find((u) => existsSync(u));

function snippets(section) {
  const text = readFileSync(readme, "utf8");
  const start = text.indexOf(`## ${section}`);
  const end = text.indexOf("\n## ", start + 3);
  const body = text.slice(start, end === -1 ? undefined : end);
  return [...body.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

for (const section of ["Backend services (Redox, SMART)", "Authorization code + PKCE", "Provider presets"]) {
  test(`readme: the "${section}" snippets run`, () => {
    if (!readme) throw new Error("README.md not found next to the repository's tests");
    const blocks = snippets(section);
    if (blocks.length === 0) throw new Error(`no js snippet under ${section}`);
    blocks.forEach((code, i) => {
      const file = new URL(`./.readme-snippet-${i}.mjs`, import.meta.url);
      writeFileSync(file, code);
      try {
        execFileSync(process.execPath, [fileURLToPath(file)], { stdio: "pipe", timeout: 30_000 });
      } catch (e) {
        throw new Error(`snippet ${i} of ${section} failed: ${e.stderr}`);
      } finally {
        rmSync(file, { force: true });
      }
    });
  });
}
