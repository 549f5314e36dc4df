// Every JavaScript block of the README runs as written against the packed package, each in a
// fresh Node process (they only touch the network inside functions they do not call). The
// blocks of "Use from any component host" run against the component instead
// (tests/component/), and those of the stores section against real Redis, workerd and Deno
// (tests/js/stores/). The table of contents names every section.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// tests/js/node in the repo, or target/js-consumer/tests/node when run from the packed package.
const candidates = ["../../../README.md", "../../../../README.md"].map((p) => new URL(p, import.meta.url));
const readme = candidates.find((u) => existsSync(u));
const text = readme ? readFileSync(readme, "utf8") : "";

/** The README's `## ` sections: [{ heading, body }]. */
function sections() {
  const out = [];
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf("\n");
    out.push({ heading: part.slice(0, newline).trim(), body: part.slice(newline) });
  }
  return out;
}

/** GitHub's anchor for a heading. */
function anchor(heading) {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}

const RUN_ELSEWHERE = new Set([
  "Use from any component host",
  "Stores: replay protection and token single-flight across processes",
]);

test("readme: found, with JavaScript blocks in the sections this test runs", () => {
  assert.ok(readme, "README.md not found next to the repository's tests");
  const blocks = sections().filter((s) => !RUN_ELSEWHERE.has(s.heading)).flatMap((s) => [...s.body.matchAll(/```js\n/g)]);
  assert.ok(blocks.length >= 15, `only ${blocks.length} js blocks`);
});

test("readme: the table of contents links every section", () => {
  const contents = sections().find((s) => s.heading === "Contents");
  assert.ok(contents, "no ## Contents");
  for (const { heading } of sections()) {
    if (heading === "Contents") continue;
    assert.ok(contents.body.includes(`](#${anchor(heading)})`), `Contents lacks [${heading}](#${anchor(heading)})`);
  }
  for (const [, target] of contents.body.matchAll(/\]\(#([^)]+)\)/g)) {
    const headings = [...text.matchAll(/^#{2,3} (.+)$/gm)].map((m) => anchor(m[1]));
    assert.ok(headings.includes(target), `Contents links #${target}, which no heading has`);
  }
});

test("readme: no link leaves the repository", () => {
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)[^)]*\)/g)) {
    if (target.startsWith("#")) continue;
    assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("/") && !target.startsWith(".."), `link to ${target}: outside the repository`);
    assert.ok(existsSync(new URL(target.split("#")[0], readme)), `link to ${target}: no such file in the repository`);
  }
});

for (const { heading, body } of sections()) {
  if (RUN_ELSEWHERE.has(heading)) continue;
  const blocks = [...body.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (blocks.length === 0) continue;
  test(`readme: the "${heading}" snippets run`, () => {
    blocks.forEach((code, i) => {
      const file = new URL(`./.readme-snippet-${anchor(heading)}-${i}.mjs`, import.meta.url);
      writeFileSync(file, code);
      try {
        execFileSync(process.execPath, [fileURLToPath(file)], { stdio: "pipe", timeout: 30_000 });
      } catch (e) {
        throw new Error(`snippet ${i} of "${heading}" failed: ${e.stderr}`);
      } finally {
        rmSync(file, { force: true });
      }
    });
  });
}
