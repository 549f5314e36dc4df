// The `healthauth` command line, run as users run it: the bin of the packed, installed tarball
// (and, for the acceptance, `npx healthauth` in a fresh folder holding only the
// tarball). Every command, its --json shape, its exit codes (0 done, 1 refused, 2 usage), its
// errors as `CODE: message`, and that no secret reaches stdout or stderr. `token` runs against
// oidc-provider on loopback; results are cross-checked with jose and node:crypto.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { createHash, createHmac, createPrivateKey, createPublicKey } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as jose from "jose";
import * as ha from "healthauth";
import { startOidcServer } from "./oidc-server.js";

const CONSUMER = fileURLToPath(new URL("../../", import.meta.url)); // target/js-consumer
const BIN = join(CONSUMER, "node_modules/.bin/healthauth");
const dir = mkdtempSync(join(tmpdir(), "healthauth-cli-"));
const file = (name) => join(dir, name);

/** Runs the CLI; resolves with `{ code, stdout, stderr }` whatever the exit code. */
function cli(args, { input, env, cwd = dir, command = BIN } = {}) {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { cwd, env: { ...process.env, HEALTHAUTH_SECRET: "", ...env }, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
    child.stdin.end(input ?? "");
  });
}

/** A run that must succeed: its stdout (parsed with --json). */
async function ok(args, options) {
  const run = await cli(args, options);
  assert.equal(run.code, 0, `healthauth ${args.join(" ")}: ${run.stderr}`);
  return args.includes("--json") ? JSON.parse(run.stdout) : run.stdout;
}

/** A run that must fail with `exit` and an error line `CODE: message`. */
async function fails(args, exit, code, options) {
  const run = await cli(args, options);
  assert.equal(run.code, exit, `healthauth ${args.join(" ")} exit code; stderr: ${run.stderr}`);
  assert.match(run.stderr, new RegExp(`^${code}: \\S.*\\n$`), `healthauth ${args.join(" ")} stderr`);
  assert.equal(run.stdout, "", "nothing on stdout after a failure");
  return run;
}

let server;
let backendKey;
let es384Jwks;

before(async () => {
  // The client's key is the one keygen writes: the server knows only the printed JWKS.
  const made = await ok(["keygen", "--alg", "ES384", "--out", "backend.pem", "--json"]);
  es384Jwks = made.jwks;
  backendKey = file("backend.pem");
  const client = (client_id) => ({
    client_id,
    token_endpoint_auth_method: "private_key_jwt",
    token_endpoint_auth_signing_alg: "ES384",
    jwks: es384Jwks,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
  });
  server = await startOidcServer([client("cli-backend"), client("cli-smart")]);
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("cli: --help lists every command, each command has --help, usage mistakes exit 2", async () => {
  const commands = ["keygen", "jwks", "thumbprint", "assert", "token", "decode", "verify", "webhook", "pkce"];
  const help = await ok(["--help"]);
  for (const name of commands) assert.match(help, new RegExp(`^  ${name} `, "m"), name);
  for (const name of commands) {
    const text = await ok([name, "--help"]);
    assert.match(text, new RegExp(`^Usage: healthauth ${name}`, "m"), name);
    assert.equal(await ok(["help", name]), text);
  }
  const webhookHelp = await ok(["webhook", "--help"]);
  assert.match(webhookHelp, /--secret-file/);
  assert.match(webhookHelp, /HEALTHAUTH_SECRET/);
  await fails(["frobnicate"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["pkce", "--colour"], 2, "ERR_UNKNOWN_OPTION");
  await fails(["thumbprint"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["decode", "a", "b"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["thumbprint", "no-such-file.pem"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["keygen", "--alg", "ES384", "--bits", "many", "--out", "x.pem"], 2, "ERR_INVALID_ARGUMENT");
});

test("cli acceptance: in a fresh folder with only the tarball, keygen then assert --provider redox verify with jose", async () => {
  const fresh = mkdtempSync(join(tmpdir(), "healthauth-fresh-"));
  try {
    const tarball = readdirSync(CONSUMER).find((name) => /^healthauth-.*\.tgz$/.test(name));
    writeFileSync(join(fresh, "package.json"), '{ "private": true }');
    await new Promise((resolve, reject) =>
      execFile("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", join(CONSUMER, tarball)], { cwd: fresh }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    assert.deepEqual(readdirSync(join(fresh, "node_modules")).filter((name) => !name.startsWith(".")), ["healthauth"], "nothing but the package");
    const npx = (args) => cli(["--offline", "healthauth", ...args], { cwd: fresh, command: "npx" });

    const keygen = await npx(["keygen", "--alg", "ES384", "--out", "k.pem"]);
    assert.equal(keygen.code, 0, keygen.stderr);
    assert.equal(statSync(join(fresh, "k.pem")).mode & 0o777, 0o600, "the private key is readable by its owner only");
    const printed = JSON.parse(keygen.stdout);
    assert.equal(printed.keys.length, 1);
    assert.equal(printed.keys[0].d, undefined, "the JWKS is public");
    assert.match(keygen.stderr, /k\.pem \(mode 0600/);

    const asserted = await npx(["assert", "--provider", "redox", "--client-id", "X", "--key", "k.pem"]);
    assert.equal(asserted.code, 0, asserted.stderr);
    const assertion = asserted.stdout.trim();
    const { payload, protectedHeader } = await jose.jwtVerify(assertion, jose.createLocalJWKSet(printed), {
      issuer: "X",
      subject: "X",
      audience: ha.redox().tokenEndpoint,
      algorithms: ["ES384"],
    });
    assert.equal(protectedHeader.kid, printed.keys[0].kid, "Redox requires the kid");
    assert.ok(payload.jti && payload.exp - payload.iat <= 300);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});

test("cli keygen: every algorithm family, --json shape, 0600, never overwrites, never prints a key by accident", async () => {
  for (const alg of ["ES256", "ES384", "EdDSA", "RS384", "PS256"]) {
    const name = `gen-${alg}.pem`;
    const result = await ok(["keygen", "--alg", alg, "--out", name, "--kid", `kid-${alg}`, "--json"]);
    assert.deepEqual(Object.keys(result).sort(), ["alg", "file", "jwks", "kid", "thumbprint"]);
    assert.equal(result.alg, alg);
    assert.equal(result.kid, `kid-${alg}`);
    assert.equal(result.file, name);
    assert.equal(statSync(file(name)).mode & 0o777, 0o600);
    const pem = readFileSync(file(name), "utf8");
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/, "PKCS#8");
    // The file's key is the JWKS's: node:crypto derives the same public key from it.
    const publicJwk = createPublicKey(createPrivateKey(pem)).export({ format: "jwk" });
    for (const member of ["n", "e", "x", "y"]) assert.equal(publicJwk[member], result.jwks.keys[0][member], `${alg} ${member}`);
    assert.equal(result.thumbprint, await jose.calculateJwkThumbprint(result.jwks.keys[0]));
    assert.equal(result.jwks.keys[0].d, undefined);
  }

  // An existing file is never replaced.
  const before = readFileSync(backendKey, "utf8");
  await fails(["keygen", "--alg", "ES384", "--out", "backend.pem"], 2, "ERR_INVALID_ARGUMENT");
  assert.equal(readFileSync(backendKey, "utf8"), before);
  // No --out: nothing generated, nothing printed.
  const refused = await fails(["keygen", "--alg", "ES384"], 2, "ERR_INVALID_ARGUMENT");
  assert.match(refused.stderr, /--out/);
  // --out -: the PEM on stdout on purpose, the JWKS on stderr.
  const piped = await cli(["keygen", "--alg", "EdDSA", "--out", "-"]);
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(createPrivateKey(piped.stdout).asymmetricKeyType, "ed25519");
  assert.equal(JSON.parse(piped.stderr).keys[0].crv, "Ed25519");
  await fails(["keygen", "--alg", "HS256", "--out", "h.pem"], 1, "ERR_\\w+");
  await fails(["keygen", "--alg", "none", "--out", "n.pem"], 1, "ERR_ALG_UNSUPPORTED");
  assert.ok(!existsSync(file("n.pem")));
});

test("cli jwks and thumbprint: PEM and JWK files, private and public; RSA needs --alg", async () => {
  const ecPublicPem = createPublicKey(readFileSync(backendKey)).export({ type: "spki", format: "pem" });
  writeFileSync(file("public.pem"), ecPublicPem);
  const edJwk = (await ok(["keygen", "--alg", "EdDSA", "--out", "ed.pem", "--json"])).jwks.keys[0];
  writeFileSync(file("ed.jwk"), JSON.stringify(edJwk));
  const set = await ok(["jwks", "gen-RS384.pem", "ed.jwk", "--alg", "RS384", "--json"]).catch(() => null);
  // One --alg applies to every file: an Ed25519 key is not RS384, and the core says so.
  assert.equal(set, null);
  const rsa = JSON.parse(await ok(["jwks", "gen-RS384.pem", "--alg", "RS384"]));
  assert.equal(rsa.keys[0].alg, "RS384");
  assert.equal(rsa.keys[0].d, undefined);
  const both = JSON.parse(await ok(["jwks", "backend.pem", "ed.jwk"]));
  assert.deepEqual(both.keys.map((k) => k.alg), ["ES384", "EdDSA"]);
  assert.deepEqual(both.keys[0], es384Jwks.keys[0]);
  const fromPublic = JSON.parse(await ok(["jwks", "public.pem"]));
  assert.equal(fromPublic.keys[0].x, es384Jwks.keys[0].x);
  await fails(["jwks", "gen-RS384.pem"], 1, "ERR_KEY_ALG_MISSING");

  const thumb = (await ok(["thumbprint", "backend.pem"])).trim();
  assert.equal(thumb, await jose.calculateJwkThumbprint(es384Jwks.keys[0]));
  assert.equal((await ok(["thumbprint", "public.pem"])).trim(), thumb, "the public half has the same thumbprint");
  const shaped = await ok(["thumbprint", "ed.jwk", "--json"]);
  assert.deepEqual(shaped, { thumbprint: await jose.calculateJwkThumbprint(edJwk), alg: "EdDSA", kid: edJwk.kid });
  writeFileSync(file("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  await fails(["thumbprint", "garbage.pem"], 1, "ERR_KEY_FORMAT");
});

test("cli assert: --aud and --provider, --kid, --json shape, refusals", async () => {
  const aud = "https://auth.example.com/token";
  const shaped = await ok(["assert", "--client-id", "c1", "--aud", aud, "--key", "backend.pem", "--kid", "k-1", "--json"]);
  assert.deepEqual(Object.keys(shaped).sort(), ["assertion", "claims", "header", "tokenEndpoint"]);
  assert.equal(shaped.tokenEndpoint, aud);
  assert.equal(shaped.header.kid, "k-1");
  // The header names the given kid, so the key is matched by hand rather than through the JWKS.
  const publicKey = await jose.importJWK(es384Jwks.keys[0], "ES384");
  const { payload } = await jose.jwtVerify(shaped.assertion, publicKey, { audience: aud, issuer: "c1", subject: "c1" });
  assert.deepEqual(payload, shaped.claims);
  // SMART with its token endpoint: the preset's algorithms (RS384, ES384) accept this key.
  const smart = await ok(["assert", "--provider", "smart", "--aud", aud, "--client-id", "c1", "--key", "backend.pem", "--json"]);
  assert.equal(smart.claims.aud, aud);
  // The Redox preset refuses an algorithm it does not accept (the core's rule).
  await fails(["assert", "--provider", "redox", "--client-id", "c1", "--key", "gen-PS256.pem", "--alg", "PS256"], 1, "ERR_\\w+");
  await fails(["assert", "--client-id", "c1", "--aud", aud, "--key", "public.pem"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["assert", "--client-id", "c1", "--key", "backend.pem"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["assert", "--aud", aud, "--key", "backend.pem"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["assert", "--provider", "smart", "--client-id", "c1", "--key", "backend.pem"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["assert", "--provider", "epik", "--client-id", "c1", "--key", "backend.pem"], 2, "ERR_INVALID_ARGUMENT");
  await fails(["assert", "--client-id", "c1", "--aud", "not a url", "--key", "backend.pem"], 1, "ERR_\\w+");
});

test("cli token: real requests to oidc-provider on loopback (--token-endpoint, --provider redox, --provider smart with discovery)", async () => {
  const endpoint = server.discovery.token_endpoint;
  const privateD = JSON.parse(JSON.stringify(createPrivateKey(readFileSync(backendKey)).export({ format: "jwk" }))).d;
  const seen = [];
  const count = server.requests.token;

  const plain = await cli(["token", "--token-endpoint", endpoint, "--client-id", "cli-backend", "--key", "backend.pem"]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^\S{20,}\n$/, "the access token alone on stdout");
  assert.match(plain.stderr, /^Bearer token, expires \d{4}-/);
  seen.push(plain);

  const redox = await cli(["token", "--provider", "redox", "--token-endpoint", endpoint, "--client-id", "cli-backend", "--key", "backend.pem", "--json"]);
  assert.equal(redox.code, 0, redox.stderr);
  const shaped = JSON.parse(redox.stdout);
  // scope is left out when the server names none (JSON drops undefined).
  assert.deepEqual(Object.keys(shaped).filter((k) => k !== "scope").sort(), ["accessToken", "expiresAt", "tokenType"]);
  assert.equal(shaped.tokenType, "Bearer");
  assert.ok(shaped.accessToken.length > 20 && shaped.expiresAt > Date.now() / 1000);
  seen.push(redox);

  // SMART Backend Services: the token endpoint comes from the server's discovery document.
  const smart = await cli(["token", "--provider", "smart", "--fhir-base-url", server.issuer, "--client-id", "cli-smart", "--key", "backend.pem", "--json"]);
  assert.equal(smart.code, 0, smart.stderr);
  assert.equal(JSON.parse(smart.stdout).tokenType, "Bearer");
  seen.push(smart);
  assert.equal(server.requests.token - count, 3, "three token requests reached the server");

  // Refused by the server: exit 1 with the provider's error code.
  const unknown = await fails(["token", "--token-endpoint", endpoint, "--client-id", "nobody", "--key", "backend.pem"], 1, "ERR_OAUTH_TOKEN_ERROR");
  seen.push(unknown);
  // A key the server does not know: its signature is refused.
  const other = await fails(["token", "--token-endpoint", endpoint, "--client-id", "cli-backend", "--key", "gen-ES384.pem"], 1, "ERR_OAUTH_TOKEN_ERROR");
  seen.push(other);
  await fails(["token", "--client-id", "cli-backend", "--key", "backend.pem"], 2, "ERR_INVALID_ARGUMENT");

  // Neither the private key nor an assertion is ever printed.
  for (const run of seen) {
    assert.ok(!`${run.stdout}${run.stderr}`.includes(privateD), "no private key material");
    assert.ok(!/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/.test(run.stderr), "no JWT on stderr");
  }
});

test("cli decode: header and claims with readable times, clearly NOT verified; stdin; malformed", async () => {
  const key = ha.SigningKey.generate("ES256", { kid: "d1" });
  const iat = 1_700_000_000;
  const jwt = ha.signJwt(key, { sub: "alice", iat, exp: iat + 3600, scope: "a b" });
  key.free();
  const human = await ok(["decode", jwt]);
  assert.match(human, /^NOT VERIFIED/);
  assert.match(human, /exp: 1700003600 {2}2023-11-14T23:13:20\.000Z \(\d+ h ago\)/);
  assert.match(human, /kid: "d1"/);
  assert.match(human, /sub: "alice"/);
  const shaped = await ok(["decode", "-", "--json"], { input: `${jwt}\n` });
  assert.deepEqual(shaped, {
    verified: false,
    header: { alg: "ES256", kid: "d1" },
    claims: { sub: "alice", iat, exp: iat + 3600, scope: "a b" },
    times: { iat: "2023-11-14T22:13:20.000Z", exp: "2023-11-14T23:13:20.000Z" },
  });
  await fails(["decode", "not-a-jwt"], 1, "ERR_JWT_MALFORMED");
  await fails(["decode", "e30.bm90IGpzb24.x"], 1, "ERR_JWT_MALFORMED");
});

test("cli verify: JWKS file, public PEM and JWKS URL; claims checked; refusals exit 1 with their code", async () => {
  writeFileSync(file("jwks.json"), JSON.stringify(es384Jwks));
  const signer = ha.SigningKey.fromPem(readFileSync(backendKey, "utf8"));
  const now = Math.floor(Date.now() / 1000);
  const jwt = ha.signJwt(signer, { iss: "https://issuer.example", aud: "api", sub: "s", iat: now, exp: now + 600 });
  const expired = ha.signJwt(signer, { iss: "https://issuer.example", aud: "api", iat: now - 7200, exp: now - 3600 });
  signer.free();

  const human = await ok(["verify", jwt, "--jwks", "jwks.json", "--aud", "api", "--iss", "https://issuer.example"]);
  assert.match(human, /^VERIFIED/);
  const shaped = await ok(["verify", "-", "--jwks", "public.pem", "--json"], { input: jwt });
  assert.deepEqual(Object.keys(shaped), ["verified", "header", "claims"]);
  assert.equal(shaped.verified, true);
  assert.equal(shaped.claims.sub, "s");

  // A JWKS URL (fetched by RemoteJwks).
  const jwksServer = createServer((req, res) => {
    res.writeHead(req.url === "/jwks" ? 200 : 404, { "content-type": "application/json" });
    res.end(req.url === "/jwks" ? JSON.stringify(es384Jwks) : "{}");
  });
  await new Promise((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${jwksServer.address().port}`;
  try {
    assert.equal((await ok(["verify", jwt, "--jwks", `${base}/jwks`, "--aud", "api", "--json"])).verified, true);
    await fails(["verify", jwt, "--jwks", `${base}/missing`], 1, "ERR_JWKS_UNAVAILABLE");
  } finally {
    await new Promise((resolve) => jwksServer.close(resolve));
  }

  await fails(["verify", jwt, "--jwks", "jwks.json", "--aud", "other"], 1, "ERR_JWT_CLAIM_INVALID");
  await fails(["verify", expired, "--jwks", "jwks.json"], 1, "ERR_JWT_EXPIRED");
  const [h, c, s] = jwt.split(".");
  const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(c, "base64url")), sub: "mallory" })).toString("base64url")}.${s}`;
  await fails(["verify", tampered, "--jwks", "jwks.json"], 1, "ERR_JWT_SIGNATURE_INVALID");
  await fails(["verify", jwt, "--jwks", "jwks.json", "--alg", "RS256"], 1, "ERR_JWT_ALG_NOT_ALLOWED");
  await fails(["verify", jwt], 2, "ERR_INVALID_ARGUMENT");
});

test("cli webhook: sign and verify for every scheme; the secret from a file, the environment or a flag, never printed", async () => {
  const secret = "cli-webhook-secret-0123456789abcdef";
  writeFileSync(file("secret.txt"), `${secret}\n`);
  const body = '{"event":  "lab.result",\n "id": 7}';
  const cases = [
    { scheme: "telesoft", extra: [] },
    { scheme: "hmac-hex", extra: ["--signature-header", "x-signature", "--prefix", "sha512=", "--hash", "sha512"] },
    { scheme: "github", extra: [] },
    { scheme: "stripe", extra: [] },
    { scheme: "standard", extra: ["--id", "msg_1"], secret: `whsec_${Buffer.from(secret).toString("base64")}` },
  ];
  const outputs = [];
  for (const { scheme, extra, secret: own } of cases) {
    const key = own ?? secret;
    const signed = await cli(["webhook", "sign", "--scheme", scheme, ...extra, "--json"], { input: body, env: { HEALTHAUTH_SECRET: key } });
    assert.equal(signed.code, 0, `${scheme}: ${signed.stderr}`);
    const { headers } = JSON.parse(signed.stdout);
    const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["--header", `${name}: ${value}`]);
    writeFileSync(file("key.txt"), key);
    const verified = await cli(["webhook", "verify", "--scheme", scheme, ...extra.filter((a, i) => a !== "--id" && extra[i - 1] !== "--id"), "--secret-file", "key.txt", ...headerArgs, "--json"], { input: body });
    assert.equal(verified.code, 0, `${scheme}: ${verified.stderr}`);
    assert.equal(JSON.parse(verified.stdout).scheme, scheme);
    const tampered = await cli(["webhook", "verify", "--scheme", scheme, ...extra.filter((a, i) => a !== "--id" && extra[i - 1] !== "--id"), "--secret", key, ...headerArgs], { input: `${body} ` });
    assert.equal(tampered.code, 1, `${scheme} tampered`);
    assert.match(tampered.stderr, /^ERR_WEBHOOK_SIGNATURE_MISMATCH: /);
    outputs.push(signed, verified, tampered);
    for (const run of [signed, verified, tampered]) assert.ok(!`${run.stdout}${run.stderr}`.includes(key), `${scheme}: the secret is never printed`);
  }
  // Cross-check: Telesoft's signature is the hex HMAC-SHA256 of the raw body.
  const telesoft = await ok(["webhook", "sign", "--scheme", "telesoft", "--secret-file", "secret.txt"], { input: body });
  assert.equal(telesoft, `telesoft-signature: ${createHmac("sha256", secret).update(body).digest("hex")}\n`);
  // Human verify output; the Redox verification token.
  assert.match(await ok(["webhook", "verify", "--scheme", "telesoft", "--header", `telesoft-signature:${telesoft.split(": ")[1].trim()}`], { input: body, env: { HEALTHAUTH_SECRET: secret } }), /^VERIFIED: a valid telesoft webhook/);
  await ok(["webhook", "verify", "--scheme", "redox", "--header", `verification-token: ${secret}`], { input: body, env: { HEALTHAUTH_SECRET: secret } });
  const redoxWrong = await fails(["webhook", "verify", "--scheme", "redox", "--header", "verification-token: wrong"], 1, "ERR_WEBHOOK_SIGNATURE_MISMATCH", { input: body, env: { HEALTHAUTH_SECRET: secret } });
  assert.ok(!redoxWrong.stderr.includes(secret));
  // Redox's header is the shared token itself: sign would print the secret, so it refuses.
  const redoxSign = await fails(["webhook", "sign", "--scheme", "redox"], 2, "ERR_INVALID_ARGUMENT", { input: body, env: { HEALTHAUTH_SECRET: secret } });
  assert.ok(!redoxSign.stderr.includes(secret));
  await fails(["webhook", "verify", "--scheme", "telesoft"], 1, "ERR_WEBHOOK_SIGNATURE_MISSING", { input: body, env: { HEALTHAUTH_SECRET: secret } });
  await fails(["webhook", "verify", "--scheme", "telesoft", "--header", "nocolon"], 2, "ERR_INVALID_ARGUMENT", { input: body, env: { HEALTHAUTH_SECRET: secret } });
  await fails(["webhook", "sign", "--scheme", "telesoft"], 2, "ERR_INVALID_ARGUMENT", { input: body });
  await fails(["webhook", "sign", "--scheme", "carrier-pigeon"], 1, "ERR_WEBHOOK_SCHEME_UNKNOWN", { input: body, env: { HEALTHAUTH_SECRET: secret } });
  await fails(["webhook", "publish", "--scheme", "telesoft"], 2, "ERR_INVALID_ARGUMENT", { input: body });
});

test("cli pkce: a fresh pair and state, a given verifier's challenge (cross-checked with node:crypto)", async () => {
  const pair = await ok(["pkce", "--json"]);
  assert.deepEqual(Object.keys(pair).sort(), ["codeChallenge", "codeChallengeMethod", "codeVerifier", "state"]);
  assert.equal(pair.codeVerifier.length, 64);
  assert.equal(pair.codeChallenge, createHash("sha256").update(pair.codeVerifier).digest("base64url"));
  assert.equal(pair.codeChallengeMethod, "S256");
  const short = await ok(["pkce", "--length", "43", "--json"]);
  assert.equal(short.codeVerifier.length, 43);
  const human = await ok(["pkce", "--verifier", pair.codeVerifier]);
  assert.equal(human, `code_challenge: ${pair.codeChallenge}\ncode_challenge_method: S256\n`);
  assert.match(await ok(["pkce"]), /^code_verifier: [\w.~-]{64}\ncode_challenge: [\w-]{43}\ncode_challenge_method: S256\nstate: \S+\n$/);
  await fails(["pkce", "--length", "42"], 1, "ERR_PKCE_VERIFIER_LENGTH");
  await fails(["pkce", "--verifier", "short"], 1, "ERR_PKCE_VERIFIER_LENGTH");
});

test("cli readme: the \"Command line\" section lists every command, and its example runs as written", async () => {
  // tests/js/node in the repository, or target/js-consumer/tests/node after `make consumer`.
  const readme = ["../../../README.md", "../../../../README.md"].map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u));
  const text = readFileSync(readme, "utf8");
  const start = text.indexOf("\n## Command line\n");
  assert.ok(start > 0, "README has a Command line section");
  const section = text.slice(start, text.indexOf("\n## ", start + 5));
  for (const name of ["keygen", "jwks", "thumbprint", "assert", "token", "decode", "verify", "webhook", "pkce"]) {
    assert.match(section, new RegExp(`^\\| \`${name}[ \`]`, "m"), `the table lists ${name}`);
  }
  assert.match(section, /\(examples\/worker\/README\.md\)/);
  const [script] = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  // Run inside the consumer folder, where npx finds the installed bin (and never the registry).
  const work = mkdtempSync(join(CONSUMER, "readme-cli-"));
  try {
    writeFileSync(join(work, "example.sh"), `set -euo pipefail\n${script}`);
    const run = await cli(["example.sh"], { cwd: work, command: "bash", env: { npm_config_offline: "true" } });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(statSync(join(work, "backend.pem")).mode & 0o777, 0o600);
    const set = JSON.parse(readFileSync(join(work, "jwks.json"), "utf8"));
    assert.equal(set.keys.length, 1);
    assert.match(run.stdout, /^NOT VERIFIED/m);
    assert.match(run.stdout, /^VERIFIED: signature and claims are valid\.$/m);
    const hex = createHmac("sha256", "your-webhook-secret").update('{"event":"diagnosis.completed"}').digest("hex");
    assert.match(run.stdout, new RegExp(`^telesoft-signature: ${hex}$`, "m"));
    assert.match(run.stdout, /"codeChallengeMethod": "S256"/);
    assert.ok(!`${run.stdout}${run.stderr}`.includes("your-webhook-secret"), "the secret is not echoed");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
