// The README's "Serving the .wasm" snippets built by each bundler, as a user would, and run:
// Vite 8, webpack 5 and esbuild's browser builds in headless Chromium (Debian's, through
// playwright-core), esbuild's Node builds (ESM and CommonJS) in Node. Each build's entry is the
// README snippet followed by the small app in app.js (PKCE, a webhook, an ES384 JWT), so the
// test fails when either the snippet or the bundled package stops working.
// Run from the consumer's tests folder (target/js-consumer/tests), where "healthauth" is the
// packed package.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");

/** The fenced blocks of one language in the README's "Serving the .wasm" section. */
function blocks(language) {
  const start = readme.indexOf("### Serving the .wasm");
  assert.notEqual(start, -1, "README has no Serving the .wasm section");
  const section = readme.slice(start, readme.indexOf("\n### ", start + 4));
  return [...section.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}
const [autoSnippet, esbuildSnippet] = blocks("js");
const esbuildCommands = blocks("sh").flatMap((block) => block.split("\n")).filter((line) => line.startsWith("npx esbuild "));

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const EXPECTED = { pkce: true, webhook: true, es384: true };

// The snippet, then the app reporting its checks once init() (the snippet's, shared) has loaded.
const browserReport = (initArgs) =>
  `\nimport { run } from "./app.js";\n` +
  `init(${initArgs}).then(run).then((r) => (window.__results = r), (e) => (window.__results = { error: e.code + ": " + e.message }));\n`;
const nodeReport = (initArgs) =>
  `\nimport { run } from "./app.js";\n` +
  `init(${initArgs}).then(run).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e.code + ": " + e.message); process.exitCode = 1; });\n`;

/** A fresh project folder under the consumer's tests (so "healthauth" resolves to the tarball). */
function project(name, main) {
  const dir = join(here, `work-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.js"), main);
  copyFileSync(join(here, "app.js"), join(dir, "app.js"));
  copyFileSync(join(here, "index.html"), join(dir, "index.html"));
  return dir;
}

/** Runs one of the README's esbuild command lines in `dir` with the installed esbuild. */
function esbuild(dir, line) {
  const bin = join(dirname(require.resolve("esbuild/package.json")), "bin", "esbuild");
  execFileSync(bin, line.split(/\s+/).slice(2), { cwd: dir, stdio: "pipe" });
}

// ---- the browser builds, served on 127.0.0.1 and loaded in Chromium ---------------------------

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
let server, browser;
const roots = new Map(); // URL prefix -> folder served under it

before(async () => {
  server = createServer(async (req, res) => {
    const [, prefix, ...rest] = decodeURIComponent(new URL(req.url, "http://x").pathname).split("/");
    const root = roots.get(prefix);
    const file = root && normalize(join(root, ...rest));
    try {
      if (!file || !file.startsWith(root + sep)) throw new Error("outside");
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});
after(async () => {
  await browser?.close();
  server?.close();
  for (const name of ["vite", "vite-dev", "webpack", "esbuild-browser", "esbuild-node"]) rmSync(join(here, `work-${name}`), { recursive: true, force: true });
});

/** Loads `dist/index.html` of a build in Chromium; the app's checks and the snippet's log. */
async function inChromium(name, dist) {
  roots.set(name, dist);
  await pageChecks(`http://127.0.0.1:${server.address().port}/${name}/index.html`);
}

/** Opens `url` in Chromium and checks the app's results and the snippet's log. */
async function pageChecks(url) {
  const page = await browser.newPage();
  const errors = [];
  const logs = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => logs.push(m.text()));
  page.on("requestfailed", (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.url()}: HTTP ${r.status()}`));
  await page.goto(url);
  await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 30_000 }).catch((error) => {
    throw new Error(`${error.message}\npage errors: ${errors.join("\n")}\nconsole: ${logs.join("\n")}`);
  });
  const results = await page.evaluate(() => window.__results);
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(results, EXPECTED);
  assert.ok(logs.some((line) => CHALLENGE.test(line)), `the snippet logged no challenge: ${logs}`);
}

test("vite-chromium: a Vite build of the README snippet and the app runs in Chromium", async () => {
  const dir = project("vite", autoSnippet + browserReport(""));
  const { build } = await import("vite");
  await build({ root: dir, configFile: false, logLevel: "warn", base: "./", build: { outDir: join(dir, "dist") } });
  await inChromium("vite", join(dir, "dist"));
});

test("vite-chromium: the Vite dev server serves the README snippet and the app to Chromium", async () => {
  const dir = project("vite-dev", autoSnippet + browserReport(""));
  const { createServer: createViteServer } = await import("vite");
  const vite = await createViteServer({ root: dir, configFile: false, logLevel: "warn", server: { host: "127.0.0.1", port: 0, strictPort: false } });
  try {
    await vite.listen();
    await pageChecks(vite.resolvedUrls.local[0]);
  } finally {
    await vite.close();
  }
});

test("webpack-chromium: a webpack build of the README snippet and the app runs in Chromium", async () => {
  const dir = project("webpack", autoSnippet + browserReport(""));
  const { default: webpack } = await import("webpack");
  const stats = await new Promise((resolve, reject) =>
    webpack(
      { mode: "production", context: dir, entry: "./main.js", output: { path: join(dir, "dist"), filename: "main.js" } },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  // webpack's output is a classic script.
  writeFileSync(join(dir, "dist", "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace(' type="module"', ""));
  await inChromium("webpack", join(dir, "dist"));
});

test("esbuild-chromium: the README's esbuild browser command builds the snippet and the app for Chromium", async () => {
  const line = esbuildCommands.find((l) => !l.includes("--platform=node"));
  assert.ok(line, "README has no esbuild browser command");
  const dir = project("esbuild-browser", esbuildSnippet + browserReport("wasm"));
  esbuild(dir, line);
  copyFileSync(join(dir, "index.html"), join(dir, "dist", "index.html"));
  await inChromium("esbuild", join(dir, "dist"));
});

test("esbuild-node: the README's esbuild Node commands (ESM and CommonJS) build bundles that run in Node", () => {
  const lines = esbuildCommands.filter((l) => l.includes("--platform=node"));
  assert.deepEqual(lines.map((l) => l.match(/--format=(\w+)/)[1]).sort(), ["cjs", "esm"]);
  const dir = project("esbuild-node", esbuildSnippet + nodeReport("wasm"));
  for (const line of lines) {
    esbuild(dir, line);
    const outfile = join(dir, line.match(/--outfile=(\S+)/)[1]);
    // Run from elsewhere: the bundle must not depend on the package folder being next to it.
    const output = execFileSync(process.execPath, [outfile], { cwd: "/", encoding: "utf8", stdio: "pipe" }).trim().split("\n");
    assert.match(output[0], CHALLENGE, `${line}: the snippet's output`);
    assert.deepEqual(JSON.parse(output.at(-1)), EXPECTED, line);
  }
});

test("esbuild-node: a Node bundle without the .wasm says so with ERR_NOT_INITIALIZED, from calls and from init()", () => {
  const dir = project(
    "esbuild-node",
    `import init, { createPkce } from "healthauth";\n` +
      `try { createPkce(); } catch (e) { console.log(e.code); }\n` +
      `init().catch((e) => console.log(e.code, /--loader:\\.wasm=binary/.test(e.message)));\n`,
  );
  for (const format of ["esm", "cjs"]) {
    const outfile = `dist/bare.${format === "esm" ? "mjs" : "cjs"}`;
    esbuild(dir, `npx esbuild main.js --bundle --platform=node --format=${format} --outfile=${outfile}`);
    const output = execFileSync(process.execPath, [join(dir, outfile)], { cwd: "/", encoding: "utf8", stdio: "pipe" });
    assert.deepEqual(output.trim().split("\n"), ["ERR_NOT_INITIALIZED", "ERR_NOT_INITIALIZED true"], format);
  }
});
