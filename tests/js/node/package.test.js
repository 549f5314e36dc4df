// The packed package: what npm ships and how each runtime condition resolves.
import { test } from "node:test";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import assert from "node:assert/strict";
import ts from "typescript";
import * as node from "healthauth";

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(require.resolve("healthauth/package.json"), "utf8"));

test("package: exports list types first and one entry per runtime", () => {
  const conditions = Object.keys(manifest.exports["."]);
  const expected = ["types", "workerd", "deno", "bun", "node", "browser", "default"];
  if (conditions.join() !== expected.join()) throw new Error(`conditions ${conditions}`);
  if (manifest.type !== "module") throw new Error("not an ES module package");
});

test("package: the browser and workerd entries export exactly what the node entry does", async () => {
  const dir = require.resolve("healthauth/package.json").replace(/package\.json$/, "");
  const entries = manifest.exports["."];
  const browser = await import(pathToFileURL(dir + entries.browser).href);
  const names = (module) => Object.keys(module).sort().join(",");
  assert.equal(names(browser), names(node));
  // The workerd entry imports the .wasm as a module, which Node cannot: read its export list.
  assert.equal(bundleExports(readFileSync(dir + entries.workerd, "utf8")), names(node));
});

/** The names a bundled entry exports, from esbuild's closing `export { a, b as c }`. */
function bundleExports(source) {
  return [...source.matchAll(/^export \{([^}]*)\};?$/gm)]
    .flatMap((m) => m[1].split(","))
    .map((item) => item.trim().split(/\s+as\s+/).pop())
    .filter(Boolean)
    .sort()
    .join(",");
}
// ---- the declarations against the running package ------------------------------------------
// index.d.ts re-exports the generated declarations of the wasm exports and declares the JS-only
// ones; these tests fail when either side gains, loses or renames an export without the other.

const packageDir = dirname(require.resolve("healthauth/package.json"));

/** The package's declarations, read by the TypeScript compiler as a consumer would. */
function declarations() {
  const index = join(packageDir, manifest.types);
  const program = ts.createProgram([index], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
    types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const checker = program.getTypeChecker();
  const exports = new Map();
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)))) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    exports.set(symbol.name, target);
  }
  const message = (d) => ts.flattenDiagnosticMessageText(d.messageText, "\n");
  return { checker, exports, errors: diagnostics.map(message) };
}

const declared = declarations();
const isValue = (symbol) => (symbol.flags & ts.SymbolFlags.Value) !== 0;
const declaredValues = [...declared.exports].filter(([, s]) => isValue(s)).map(([name]) => name).sort();

test("types: the declarations compile without errors", () => {
  assert.deepEqual(declared.errors, []);
});

test("types: every runtime export is declared, and every declared value exists at run time", () => {
  const runtime = Object.keys(node).sort();
  assert.deepEqual(
    runtime.filter((name) => !declaredValues.includes(name)),
    [],
    "exported by the package but not declared in its types",
  );
  assert.deepEqual(
    declaredValues.filter((name) => !runtime.includes(name)),
    [],
    "declared in the types but not exported by the package",
  );
  for (const name of declaredValues) {
    const symbol = declared.exports.get(name);
    const kind = symbol.flags & ts.SymbolFlags.Class ? "function" : symbol.flags & ts.SymbolFlags.Function ? "function" : undefined;
    if (kind) assert.equal(typeof node[name], kind, `${name} is declared as a ${kind}`);
  }
});

test("types: the internal wasm exports stay out of the package's declarations", async () => {
  // What pkg/*.js imports from the glue besides the public surface.
  const glue = await import(pathToFileURL(join(packageDir, "dist/healthauth.js")).href);
  const internal = Object.keys(glue).filter((name) => !name.startsWith("__") && !(name in node));
  assert.ok(internal.includes("clientStoreIdentity") && internal.includes("responseBytesLimit"), internal.join());
  assert.deepEqual(internal.filter((name) => declared.exports.has(name)), []);
});

test("types: the classes declare their members (methods, accessors, statics) and nothing more", () => {
  const { checker } = declared;
  const ownNames = (object, skip) =>
    Object.getOwnPropertyNames(object).filter((name) => !skip.includes(name) && !name.startsWith("__"));
  for (const name of declaredValues) {
    const symbol = declared.exports.get(name);
    if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
    const cls = node[name];
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const statics = checker.getTypeOfSymbol(symbol);
    const members = (type) => new Map(checker.getPropertiesOfType(type).filter((m) => !m.name.startsWith("__@")).map((m) => [m.name, m]));
    const declaredInstance = members(instance);
    const declaredStatic = members(statics);
    declaredStatic.delete("prototype");
    for (const member of ownNames(cls.prototype, ["constructor"])) {
      assert.ok(declaredInstance.has(member), `${name}.prototype.${member} is not declared`);
    }
    for (const member of ownNames(cls, ["length", "name", "prototype"])) {
      assert.ok(declaredStatic.has(member), `static ${name}.${member} is not declared`);
    }
    for (const [member, m] of declaredInstance) {
      if (m.flags & ts.SymbolFlags.Method) assert.equal(typeof cls.prototype[member], "function", `${name}#${member}`);
    }
    for (const [member, m] of declaredStatic) {
      if (m.flags & ts.SymbolFlags.Method) assert.equal(typeof cls[member], "function", `${name}.${member}`);
    }
    if (cls.prototype.free) {
      assert.ok(declaredInstance.has("free"), `${name}#free`);
      assert.equal(typeof cls.prototype[Symbol.dispose], "function", `${name}#[Symbol.dispose]`);
      const dispose = checker.getPropertiesOfType(instance).some((m) => m.name.startsWith("__@dispose"));
      assert.ok(dispose, `${name} declares [Symbol.dispose]()`);
    }
  }
});

test("types: every option a declared signature takes is one the call accepts", async () => {
  const { checker } = declared;
  const key = node.SigningKey.generate("ES256");
  const hmac = node.SigningKey.fromSecret(new Uint8Array(32), { alg: "HS256" });
  const request = () => new Request("https://x.example/hook", { method: "POST", body: "{}" });
  const endpoint = "https://x.example/token";
  const held = new node.WebhookVerifier({ scheme: "telesoft", secret: "s" });
  // [the declared call, the position of its options, a call that passes them]. The call may fail
  // for another reason (required options missing), never with ERR_UNKNOWN_OPTION for an option
  // its declaration names.
  const calls = [
    ["createPkce", 0, (o) => node.createPkce(o)],
    ["SigningKey.fromPem", 1, (o) => node.SigningKey.fromPem("", o)],
    ["SigningKey.fromJwk", 1, (o) => node.SigningKey.fromJwk("{}", o)],
    ["SigningKey.fromSecret", 1, (o) => node.SigningKey.fromSecret("", o)],
    ["SigningKey.generate", 1, (o) => node.SigningKey.generate("ES256", o)],
    ["VerifyingKey.fromPem", 1, (o) => node.VerifyingKey.fromPem("", o)],
    ["VerifyingKey.fromJwk", 1, (o) => node.VerifyingKey.fromJwk("{}", o)],
    ["verifyJwt", 2, (o) => node.verifyJwt("", key, o)],
    ["decodeJwt", 1, (o) => node.decodeJwt("", o)],
    ["clientAssertion", 1, (o) => node.clientAssertion(key, o)],
    ["verifyWebhook", 0, (o) => node.verifyWebhook(o)],
    ["new WebhookVerifier", 0, (o) => new node.WebhookVerifier(o)],
    // An instance method's options, by their declared type.
    ["WebhookVerifierVerifyOptions", undefined, (o) => held.verify("{}", { "telesoft-signature": "00" }, o)],
    ["signWebhook", 0, (o) => node.signWebhook(o)],
    ["redoxVerification", 2, (o) => node.redoxVerification("", "t", o)],
    ["authorizationUrl", 0, (o) => node.authorizationUrl(o)],
    ["parseCallback", 1, (o) => node.parseCallback("", o)],
    ["codeExchangeRequest", 0, (o) => node.codeExchangeRequest(o)],
    ["refreshRequest", 0, (o) => node.refreshRequest(o)],
    ["clientCredentialsRequest", 0, (o) => node.clientCredentialsRequest(o)],
    ["parseTokenResponse", 2, (o) => node.parseTokenResponse(200, "", o)],
    ["parseIntrospectionResponse", 2, (o) => node.parseIntrospectionResponse(200, "{}", o)],
    ["parsePushedAuthorizationResponse", 2, (o) => node.parsePushedAuthorizationResponse(201, "{}", o)],
    ["parseRevocationResponse", 2, (o) => node.parseRevocationResponse(200, "", o)],
    ["updoxAuth", 0, (o) => node.updoxAuth(o)],
    ["parseApiKey", 1, (o) => node.parseApiKey("", o)],
    ["redox", 0, (o) => node.redox(o)],
    ["digitail", 0, (o) => node.digitail(o)],
    ["smart", 0, (o) => node.smart(o)],
    ["parseSmartConfiguration", 1, (o) => node.parseSmartConfiguration("{}", o)],
    ["parseOpenIdConfiguration", 1, (o) => node.parseOpenIdConfiguration("{}", o)],
    ["verifyIdToken", 2, (o) => node.verifyIdToken("", key, o)],
    ["dpopProof", 1, (o) => node.dpopProof(key, o)],
    ["verifyDpopProof", 1, (o) => node.verifyDpopProof("", o)],
    ["pushedAuthorizationRequest", 0, (o) => node.pushedAuthorizationRequest(o)],
    ["revocationRequest", 0, (o) => node.revocationRequest(o)],
    ["introspectionRequest", 0, (o) => node.introspectionRequest(o)],
    // The `dpop` option's members, by their declared type.
    ["DpopRequestOptions", undefined, (o) => node.clientCredentialsRequest({ tokenEndpoint: endpoint, clientId: "c", clientSecret: "s", dpop: { ...o, key: o.key ?? key } })],
    ["new TokenClient", 0, (o) => new node.TokenClient(o)],
    ["new RemoteJwks", 1, (o) => new node.RemoteJwks("http://127.0.0.1:1/jwks", o)],
    ["discover", 1, (o) => node.discover("http://127.0.0.1:1", o)],
    ["smartBackend", 0, (o) => node.smartBackend(o)],
    ["memoryReplayStore", 0, (o) => node.memoryReplayStore(o)],
    // The store adapters take their client first; nothing is sent at construction.
    ["redisStore", 1, (o) => node.redisStore({ sendCommand: async () => null }, o)],
    ["denoKvStore", 1, (o) => node.denoKvStore({ get: async () => ({ value: null, versionstamp: null }), set: async () => ({}), atomic: () => ({}) }, o)],
    ["verifyWebhookRequest", 1, (o) => node.verifyWebhookRequest(request(), o)],
    // A union member: the builders' `clientAuth` with a signing key.
    ["SigningKeyAuth", undefined, (o) => node.clientCredentialsRequest({ tokenEndpoint: endpoint, clientId: "c", clientAuth: { ...o, signingKey: o.signingKey ?? hmac } })],
  ];
  const optionsType = (path, index) => {
    if (index === undefined) return checker.getDeclaredTypeOfSymbol(declared.exports.get(path));
    const [head, member] = path.replace(/^new /, "").split(".");
    let type = checker.getTypeOfSymbol(declared.exports.get(head));
    if (member) type = checker.getTypeOfSymbol(type.getProperty(member));
    const signatures = path.startsWith("new ") ? type.getConstructSignatures() : type.getCallSignatures();
    assert.equal(signatures.length, 1, `${path} has one signature`);
    return checker.getNonNullableType(checker.getTypeOfSymbol(signatures[0].getParameters()[index]));
  };
  const outcome = async (call, options) => {
    try {
      await call(options);
      return "ok";
    } catch (error) {
      assert.ok(error instanceof node.HealthAuthError, `${error}`);
      return error.code;
    }
  };
  const tested = [];
  for (const [path, index, call] of calls) {
    const type = optionsType(path, index);
    tested.push(checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));
    const options = checker.getPropertiesOfType(type).map((m) => m.name);
    assert.ok(options.length > 0, path);
    for (const option of options) {
      const code = await outcome(call, { [option]: undefined });
      assert.notEqual(code, "ERR_UNKNOWN_OPTION", `${path}: option \`${option}\` is declared but refused`);
    }
    assert.equal(await outcome(call, { notAnOption: 1 }), "ERR_UNKNOWN_OPTION", `${path} refuses unknown options`);
  }
  // Every exported options type is among those tested (bases through the types extending them).
  const untested = [...declared.exports]
    .filter(([name, s]) => !isValue(s) && /Options$/.test(name))
    .map(([name]) => name)
    .filter((name) => !["WebhookSchemeOptions", "TokenRequestClientOptions", "EndpointClientOptions"].includes(name))
    .filter((name) => !tested.some((type) => new RegExp(`\\b${name}\\b`).test(type)));
  assert.deepEqual(untested, [], "options types no call here takes");
  key.free();
  hmac.free();
});

test("package: healthauth/lite has the same conditions, names and types as the main entry", async () => {
  const lite = manifest.exports["./lite"];
  assert.deepEqual(Object.keys(lite), Object.keys(manifest.exports["."]));
  for (const [condition, path] of Object.entries(manifest.exports["."])) {
    assert.equal(lite[condition], path.replace("./", "./lite/"), condition);
  }
  for (const entry of ["./lite/node.bundle.js", "./lite/workerd.bundle.js", "./lite/load.js"]) {
    assert.ok(manifest.sideEffects.includes(entry), `sideEffects lists ${entry}`);
  }
  const dir = require.resolve("healthauth/package.json").replace(/package\.json$/, "");
  const names = (module) => Object.keys(module).sort().join(",");
  const liteNode = await import("healthauth/lite");
  const liteBrowser = await import(pathToFileURL(dir + lite.browser).href);
  assert.equal(names(liteNode), names(node));
  assert.equal(names(liteBrowser), names(node));
  // The lite entries are the shared ones, beside the lite glue: same source, own wasm instance.
  for (const file of ["api.js", "jose.js", "oauth.js", "webhook.js", "token-client.js", "load.js", "node.js", "workerd.js", "browser.js"]) {
    assert.equal(readFileSync(dir + "lite/" + file, "utf8"), readFileSync(dir + file, "utf8"), file);
  }
  assert.match(readFileSync(dir + "lite/index.d.ts", "utf8"), /export \* from "\.\.\/index\.js";/);
});

test("package: the tarball holds exactly the shipped files, the README and both licences", () => {
  const dir = require.resolve("healthauth/package.json").replace(/package\.json$/, "");
  const listed = [];
  const walk = (sub) => {
    for (const entry of readdirSync(dir + sub, { withFileTypes: true })) {
      const path = sub + entry.name;
      if (entry.isDirectory()) walk(path + "/");
      else listed.push(path);
    }
  };
  walk("");
  const expected = ["package.json", ...manifest.files];
  assert.deepEqual(listed.sort(), expected.sort());
  for (const file of ["README.md", "LICENSE-MIT", "LICENSE-APACHE"]) assert.ok(listed.includes(file), file);
  assert.equal(manifest.license, "MIT OR Apache-2.0");
});
