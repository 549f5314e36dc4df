#!/usr/bin/env node
// `npx healthauth <command>`: the package from a shell. Every command converts its arguments,
// calls the package and prints the result; the rules (algorithms, lifetimes, preset policy,
// verification) are the core's. Exit codes: 0 done, 1 refused by the library (the error's code
// and message on stderr), 2 a usage mistake (the same form, ERR_INVALID_ARGUMENT or
// ERR_UNKNOWN_OPTION).
import { parseArgs } from "node:util";
import { readFileSync, writeFileSync, chmodSync } from "node:fs";
import { createPrivateKey } from "node:crypto";
import * as ha from "./node.js";
import { assertionAuth } from "./oauth.js";

const { HealthAuthError, SigningKey, VerifyingKey } = ha;

/** A mistake in the command line itself: exit code 2. */
class UsageError extends HealthAuthError {}

const usage = (message) => new UsageError("ERR_INVALID_ARGUMENT", message);

const SECRET_HELP = `The secret is read from, in order: --secret-file FILE, the HEALTHAUTH_SECRET environment
variable, --secret VALUE (visible to other users in the process list: prefer the first two).
It is never printed.`;

const COMMON = { json: { type: "boolean" }, help: { type: "boolean", short: "h" } };

const COMMANDS = {
  keygen: {
    summary: "generate a signing key: the private key to a file (0600), the public JWKS to stdout",
    usage: "healthauth keygen --alg ALG --out key.pem [--kid KID] [--bits 2048] [--json]",
    help: `ALG: ES256, ES384, EdDSA, RS256, RS384, RS512, PS256, PS384, PS512 (what your provider
accepts: Redox and SMART take ES384 or RS384).
--out FILE   writes the private key as PKCS#8 PEM with mode 0600; an existing file is never
             overwritten. --out - prints the PEM on stdout (the JWKS then goes to stderr).
             Without --out nothing is generated: a private key is not printed by accident.
--kid KID    the key id (default: the RFC 7638 thumbprint).
--bits N     RSA modulus size (default 2048).
Register the printed JWKS (or its URL) with the provider; keep key.pem secret.`,
    options: { alg: { type: "string" }, kid: { type: "string" }, out: { type: "string", short: "o" }, bits: { type: "string" } },
    run: keygen,
  },
  jwks: {
    summary: "the public JWKS of key files (PEM or JWK, private or public)",
    usage: "healthauth jwks KEY_FILE... [--alg ALG] [--json]",
    help: `Prints { "keys": [...] } with each key's public half, kid and alg: what a provider fetches
from your JWKS URL. RSA keys need --alg (a PEM does not say which RSA algorithm).`,
    options: { alg: { type: "string" } },
    positionals: "1+",
    run: jwksCommand,
  },
  thumbprint: {
    summary: "the RFC 7638 thumbprint of a key (its default kid)",
    usage: "healthauth thumbprint KEY_FILE [--alg ALG] [--json]",
    help: "RSA keys need --alg.",
    options: { alg: { type: "string" } },
    positionals: "1",
    run: thumbprint,
  },
  assert: {
    summary: "sign an RFC 7523 client assertion (private_key_jwt)",
    usage: "healthauth assert --client-id ID (--aud TOKEN_URL | --provider redox|smart) --key key.pem [--kid KID] [--alg ALG] [--json]",
    help: `--provider redox   the Redox preset: its token endpoint as audience, its algorithms, a kid
--provider smart    SMART Backend Services: --aud TOKEN_URL, or --fhir-base-url URL to discover it
--aud URL           the token endpoint (the assertion's aud); overrides the preset's
--kid KID           the key id to put in the header (default: the key's thumbprint)
Prints the assertion (a JWT, valid for minutes: treat it as a credential); details on stderr.`,
    options: {
      "client-id": { type: "string" },
      aud: { type: "string" },
      provider: { type: "string" },
      "fhir-base-url": { type: "string" },
      key: { type: "string" },
      kid: { type: "string" },
      alg: { type: "string" },
      jku: { type: "string" },
    },
    run: assert,
  },
  token: {
    summary: "get an access token with a signed assertion (client_credentials), over the network",
    usage:
      "healthauth token --provider redox|smart --client-id ID --key key.pem [--scope S] [--fhir-base-url URL] [--token-endpoint URL] [--json]",
    help: `--provider redox       Redox's token endpoint and rules
--provider smart       SMART Backend Services: the token endpoint is discovered from
                       --fhir-base-url (its .well-known/smart-configuration)
--token-endpoint URL   send the request to this URL instead (any OAuth server)
--scope S              space-separated scopes (SMART: system/*.rs ...)
--kid, --alg           as for assert
Prints the access token on stdout (it is the credential you asked for), its type, expiry and
scope on stderr; --json prints them all as one object. The key and the assertion are never printed.`,
    options: {
      provider: { type: "string" },
      "client-id": { type: "string" },
      key: { type: "string" },
      kid: { type: "string" },
      alg: { type: "string" },
      scope: { type: "string" },
      "fhir-base-url": { type: "string" },
      "token-endpoint": { type: "string" },
    },
    run: token,
  },
  decode: {
    summary: "show a JWT's header and claims WITHOUT verifying it",
    usage: "healthauth decode JWT|- [--json]",
    help: `Reads the JWT from the argument, or from stdin with - . Times (iat, exp, nbf, auth_time) are
shown as dates. Nothing is checked: use \`healthauth verify\` to trust a token.`,
    positionals: "1",
    run: decode,
  },
  verify: {
    summary: "verify a JWT's signature and claims against a JWKS file or URL, or a key",
    usage: "healthauth verify JWT|- --jwks FILE|URL [--aud AUD] [--iss ISS] [--alg ALG]... [--json]",
    help: `--jwks FILE|URL  a JWKS, a public JWK or a public PEM key; an https URL is fetched
--aud, --iss     the audience and issuer the token must name
--alg ALG        an accepted algorithm (repeatable; default: the keys' own)
--leeway SECONDS clock skew tolerated on exp, nbf and iat
Exit code 1 with the reason's code when the token is refused.`,
    options: {
      jwks: { type: "string" },
      aud: { type: "string" },
      iss: { type: "string" },
      alg: { type: "string", multiple: true },
      leeway: { type: "string" },
    },
    positionals: "1",
    run: verify,
  },
  webhook: {
    summary: "sign or verify a webhook body read from stdin",
    usage:
      "healthauth webhook sign|verify --scheme SCHEME (--secret-file FILE | HEALTHAUTH_SECRET=… | --secret S) [--header NAME:VALUE]... < body",
    help: `SCHEME: telesoft, hmac-hex, github, stripe, standard, redox.
sign    prints the headers to send with the body (NAME: VALUE lines); not for redox, whose
        header is the secret itself
verify  checks the body against the received headers (--header, repeatable); exit 1 if refused
--signature-header NAME, --prefix P, --hash sha256|sha384|sha512   hmac-hex only
--id ID, --timestamp SECONDS   sign: Standard Webhooks id, signed timestamp
--tolerance SECONDS            verify: accepted clock distance (default 300)
The body is read as raw bytes: verify what you received, byte for byte.
${SECRET_HELP}`,
    options: {
      scheme: { type: "string" },
      secret: { type: "string" },
      "secret-file": { type: "string" },
      header: { type: "string", multiple: true },
      "signature-header": { type: "string" },
      prefix: { type: "string" },
      hash: { type: "string" },
      id: { type: "string" },
      timestamp: { type: "string" },
      tolerance: { type: "string" },
    },
    positionals: "1",
    run: webhook,
  },
  pkce: {
    summary: "a PKCE verifier and its S256 challenge, and a state",
    usage: "healthauth pkce [--verifier V] [--length N] [--json]",
    help: `Without --verifier: a fresh verifier (43 to 128 characters, default 64), its challenge and
a random state. With --verifier: the challenge of that verifier.`,
    options: { verifier: { type: "string" }, length: { type: "string" } },
    run: pkce,
  },
};

const MAIN_HELP = `healthauth: keys, assertions, tokens, JWTs, webhooks and PKCE for health APIs.

Usage: healthauth <command> [options]    healthauth <command> --help

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`)
  .join("\n")}

Every command takes --json (one JSON object on stdout, for scripts). Exit codes: 0 done,
1 refused (CODE: message on stderr), 2 a usage mistake.`;

// ---- output -----------------------------------------------------------------------------------

const out = (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
const note = (text) => process.stderr.write(`${text}\n`);
const json = (value) => out(JSON.stringify(value, null, 2));

/** A Unix time as an ISO date and its distance from now. */
function readableTime(seconds) {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return String(seconds);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return String(seconds);
  const delta = Math.round(seconds - Date.now() / 1000);
  const span = Math.abs(delta) < 120 ? `${Math.abs(delta)} s` : Math.abs(delta) < 7200 ? `${Math.round(Math.abs(delta) / 60)} min` : `${Math.round(Math.abs(delta) / 3600)} h`;
  return `${date.toISOString()} (${delta >= 0 ? `in ${span}` : `${span} ago`})`;
}

const TIME_CLAIMS = ["iat", "exp", "nbf", "auth_time"];

function claimLines(claims) {
  return Object.entries(claims).map(([name, value]) =>
    TIME_CLAIMS.includes(name) ? `  ${name}: ${value}  ${readableTime(value)}` : `  ${name}: ${JSON.stringify(value)}`,
  );
}

// ---- inputs -----------------------------------------------------------------------------------

function readText(path, what) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw usage(`cannot read ${what} ${JSON.stringify(path)}: ${error.code ?? error.message}`);
  }
}

async function readStdin(what) {
  if (process.stdin.isTTY) throw usage(`${what} is read from stdin: pipe it in (for example \`< body.json\`)`);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

function integer(value, name) {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw usage(`--${name} takes a whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}

function required(values, name, hint = "") {
  if (values[name] === undefined) throw usage(`--${name} is required${hint}`);
  return values[name];
}

/** A key file: PEM or JWK; the PEM label or the JWK's `d` says private or public. */
function readKey(path, { alg, kid, priv } = {}) {
  const text = readText(path, "key file");
  const options = { alg, kid };
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) {
    const isPrivate = /"d"\s*:/.test(trimmed);
    if (priv && !isPrivate) throw usage(`${path} is a public key: a signature needs the private key`);
    return isPrivate ? SigningKey.fromJwk(trimmed, options) : VerifyingKey.fromJwk(trimmed, options);
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return SigningKey.fromPem(text, options);
  if (priv) throw usage(`${path} holds no private key: a signature needs the private key (PKCS#8, PKCS#1 or SEC1 PEM, or a private JWK)`);
  return VerifyingKey.fromPem(text, options);
}

/** The webhook secret, from the sources --help names; never printed. */
function webhookSecret(values) {
  if (values["secret-file"] !== undefined) return readText(values["secret-file"], "secret file").replace(/\r?\n$/, "");
  if (process.env.HEALTHAUTH_SECRET) return process.env.HEALTHAUTH_SECRET;
  if (values.secret !== undefined) return values.secret;
  throw usage("a secret is required: --secret-file FILE, the HEALTHAUTH_SECRET environment variable, or --secret");
}

/** The provider preset named by --provider (SMART's discovered from the FHIR base URL). */
async function providerPreset(values, endpoint) {
  switch (values.provider) {
    case undefined:
      return undefined;
    case "redox":
      return ha.redox();
    case "smart":
      if (values["fhir-base-url"] !== undefined) return ha.smartBackend({ fhirBaseUrl: values["fhir-base-url"] });
      if (endpoint !== undefined) return ha.smart({ tokenEndpoint: endpoint });
      throw usage("--provider smart needs --fhir-base-url URL (discovery) or the token endpoint URL");
    default:
      throw usage(`--provider takes redox or smart, not ${JSON.stringify(values.provider)}`);
  }
}

// ---- commands ---------------------------------------------------------------------------------

async function keygen({ values }) {
  const alg = required(values, "alg", " (ES384, ES256, EdDSA, RS384, ...)");
  const target = values.out;
  if (target === undefined) {
    throw usage("keygen writes a private key: give --out key.pem (written with mode 0600), or --out - to print it on stdout");
  }
  const modulusLength = integer(values.bits, "bits");
  const key = SigningKey.generate(alg, { kid: values.kid, ...(modulusLength === undefined ? {} : { modulusLength }) });
  try {
    // PKCS#8 PEM is what keys are exchanged and stored as; node:crypto writes it from the JWK.
    const pem = createPrivateKey({ key: key.exportPrivateJwk(), format: "jwk" }).export({ type: "pkcs8", format: "pem" });
    const set = ha.jwks([key]);
    const summary = { alg: key.alg, kid: key.kid, thumbprint: key.thumbprint(), jwks: set };
    if (target === "-") {
      if (values.json) return json({ ...summary, privateKeyPem: pem });
      out(pem);
      note(JSON.stringify(set, null, 2));
      return;
    }
    try {
      writeFileSync(target, pem, { mode: 0o600, flag: "wx" }); // never replaces an existing key
      chmodSync(target, 0o600); // whatever the umask
    } catch (error) {
      if (error.code === "EEXIST") throw usage(`${target} exists: keygen never overwrites a key; remove it or choose another --out`);
      throw usage(`cannot write ${JSON.stringify(target)}: ${error.code ?? error.message}`);
    }
    if (values.json) return json({ ...summary, file: target });
    out(JSON.stringify(set, null, 2));
    note(`wrote the ${key.alg} private key to ${target} (mode 0600, kid ${key.kid}); above: the public JWKS to register`);
  } finally {
    key.free();
  }
}

function jwksCommand({ values, positionals }) {
  const keys = positionals.map((path) => readKey(path, { alg: values.alg }));
  try {
    json(ha.jwks(keys));
  } finally {
    for (const key of keys) key.free();
  }
}

function thumbprint({ values, positionals }) {
  const key = readKey(positionals[0], { alg: values.alg });
  try {
    const result = { thumbprint: key.thumbprint(), alg: key.alg, kid: key.kid };
    if (values.json) return json(result);
    out(result.thumbprint);
  } finally {
    key.free();
  }
}

async function assert({ values }) {
  const clientId = required(values, "client-id");
  const keyFile = required(values, "key", ": the private key file that signs the assertion");
  if (values.provider === undefined && values.aud === undefined) throw usage("give --aud TOKEN_URL or --provider redox|smart");
  const provider = await providerPreset(values, values.aud);
  const key = readKey(keyFile, { alg: values.alg, kid: values.kid, priv: true });
  try {
    const tokenEndpoint = values.aud ?? provider.tokenEndpoint;
    // With a preset, the package checks the key against its rules (algorithms, kid, lifetime).
    const made = assertionAuth(key, { clientId, tokenEndpoint, jku: values.jku, provider });
    const { header, claims } = ha.decodeJwt(made.assertion);
    if (values.json) return json({ assertion: made.assertion, header, claims, tokenEndpoint });
    out(made.assertion);
    note(`client assertion for ${clientId}: aud ${claims.aud}, ${header.alg}, kid ${header.kid}, expires ${readableTime(claims.exp)}`);
  } finally {
    key.free();
  }
}

async function token({ values }) {
  const clientId = required(values, "client-id");
  const keyFile = required(values, "key", ": the private key registered with the provider");
  if (values.provider === undefined && values["token-endpoint"] === undefined) {
    throw usage("give --provider redox|smart, or --token-endpoint URL");
  }
  const provider = await providerPreset(values, values["token-endpoint"]);
  const key = readKey(keyFile, { alg: values.alg, kid: values.kid, priv: true });
  try {
    const client = new ha.TokenClient({
      provider,
      tokenEndpoint: values["token-endpoint"],
      clientId,
      signingKey: key,
      scope: values.scope,
    });
    const result = await client.getToken();
    const shown = { accessToken: result.accessToken, tokenType: result.tokenType, expiresAt: result.expiresAt, scope: result.scope };
    if (values.json) return json(shown);
    out(result.accessToken);
    note(`${result.tokenType} token, expires ${result.expiresAt === undefined ? "(not said)" : readableTime(result.expiresAt)}, scope ${result.scope ?? "(not said)"}`);
  } finally {
    key.free();
  }
}

async function jwtArgument(positionals) {
  const jwt = positionals[0] === "-" ? new TextDecoder().decode(await readStdin("the JWT")) : positionals[0];
  return jwt.trim();
}

async function decode({ values, positionals }) {
  const { header, claims } = ha.decodeJwt(await jwtArgument(positionals));
  if (values.json) {
    const times = Object.fromEntries(TIME_CLAIMS.filter((n) => typeof claims[n] === "number").map((n) => [n, new Date(claims[n] * 1000).toISOString()]));
    return json({ verified: false, header, claims, times });
  }
  out(["NOT VERIFIED: decoded only; run `healthauth verify` to check the signature and claims.", "header:", ...claimLines(header), "claims:", ...claimLines(claims)].join("\n"));
}

async function verify({ values, positionals }) {
  const jwt = await jwtArgument(positionals);
  const source = required(values, "jwks", ": a JWKS file or URL, a public JWK or a public PEM key");
  const leeway = integer(values.leeway, "leeway");
  const options = {
    ...(values.aud === undefined ? {} : { audience: values.aud }),
    ...(values.iss === undefined ? {} : { issuer: values.iss }),
    ...(values.alg === undefined ? {} : { algorithms: values.alg }),
    ...(leeway === undefined ? {} : { leewaySeconds: leeway }),
  };
  let result;
  if (/^https?:\/\//i.test(source)) {
    result = await new ha.RemoteJwks(source).verifyJwt(jwt, options);
  } else {
    const text = readText(source, "JWKS file");
    if (/-----BEGIN /.test(text)) {
      const key = VerifyingKey.fromPem(text, { alg: values.alg?.[0] });
      try {
        result = ha.verifyJwt(jwt, key, options);
      } finally {
        key.free();
      }
    } else {
      result = ha.verifyJwt(jwt, text, options);
    }
  }
  if (values.json) return json({ verified: true, header: result.header, claims: result.claims });
  out(["VERIFIED: signature and claims are valid.", "header:", ...claimLines(result.header), "claims:", ...claimLines(result.claims)].join("\n"));
}

async function webhook({ values, positionals }) {
  const action = positionals[0];
  if (action !== "sign" && action !== "verify") throw usage(`webhook takes sign or verify, not ${JSON.stringify(action)}`);
  const scheme = required(values, "scheme", " (telesoft, hmac-hex, github, stripe, standard, redox)");
  const secret = webhookSecret(values);
  const schemeOptions = {
    scheme,
    secret,
    ...(values["signature-header"] === undefined ? {} : { header: values["signature-header"] }),
    ...(values.prefix === undefined ? {} : { prefix: values.prefix }),
    ...(values.hash === undefined ? {} : { hash: values.hash }),
  };
  if (action === "sign" && scheme === "redox") {
    // Redox signs nothing: its header is the shared token itself, and secrets are never printed.
    throw usage("Redox deliveries carry the shared token itself in `verification-token` (nothing is signed), and healthauth never prints a secret: send the token you configured as that header");
  }
  const payload = await readStdin("the body");
  if (action === "sign") {
    const timestamp = integer(values.timestamp, "timestamp");
    const headers = ha.signWebhook({
      ...schemeOptions,
      payload,
      ...(values.id === undefined ? {} : { id: values.id }),
      ...(timestamp === undefined ? {} : { timestamp }),
    });
    if (values.json) return json({ headers });
    out(Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join("\n"));
    return;
  }
  const headers = {};
  for (const line of values.header ?? []) {
    const i = line.indexOf(":");
    if (i <= 0) throw usage(`--header takes NAME:VALUE, not ${JSON.stringify(line)}`);
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const tolerance = integer(values.tolerance, "tolerance");
  const result = ha.verifyWebhook({ ...schemeOptions, payload, headers, ...(tolerance === undefined ? {} : { toleranceSeconds: tolerance }) });
  const shown = { verified: true, scheme: result.scheme, id: result.id, timestamp: result.timestamp };
  if (values.json) return json(shown);
  out(`VERIFIED: a valid ${result.scheme} webhook${result.id ? `, id ${result.id}` : ""}${result.timestamp ? `, signed ${readableTime(result.timestamp)}` : ""}`);
}

function pkce({ values }) {
  if (values.verifier !== undefined) {
    const result = { codeChallenge: ha.pkceChallenge(values.verifier), codeChallengeMethod: "S256" };
    if (values.json) return json(result);
    return out(`code_challenge: ${result.codeChallenge}\ncode_challenge_method: S256`);
  }
  const length = integer(values.length, "length");
  const pair = ha.createPkce(length === undefined ? undefined : { length });
  const result = { codeVerifier: pair.verifier, codeChallenge: pair.challenge, codeChallengeMethod: pair.method ?? "S256", state: ha.randomState() };
  if (values.json) return json(result);
  out(
    `code_verifier: ${result.codeVerifier}\ncode_challenge: ${result.codeChallenge}\ncode_challenge_method: ${result.codeChallengeMethod}\nstate: ${result.state}`,
  );
}

// ---- main -------------------------------------------------------------------------------------

function commandHelp(name) {
  const c = COMMANDS[name];
  return `${c.summary}\n\nUsage: ${c.usage}\n\n${c.help}\n--json       one JSON object on stdout\n--help       this text`;
}

async function main(argv) {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") return out(MAIN_HELP);
  if (name === "help") {
    if (rest[0] === undefined) return out(MAIN_HELP);
    if (!Object.hasOwn(COMMANDS, rest[0])) throw usage(`no command ${JSON.stringify(rest[0])}; run healthauth --help`);
    return out(commandHelp(rest[0]));
  }
  if (!Object.hasOwn(COMMANDS, name)) throw usage(`no command ${JSON.stringify(name)}; run healthauth --help`);
  const command = COMMANDS[name];
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    const code = error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? "ERR_UNKNOWN_OPTION" : "ERR_INVALID_ARGUMENT";
    throw new UsageError(code, `${error.message.split("\n")[0]}; run healthauth ${name} --help`);
  }
  if (parsed.values.help) return out(commandHelp(name));
  const count = parsed.positionals.length;
  const expected = command.positionals;
  if ((expected === undefined && count > 0) || (expected === "1" && count !== 1) || (expected === "1+" && count < 1)) {
    throw usage(`wrong arguments; usage: ${command.usage}`);
  }
  await command.run(parsed);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const code = error?.code && String(error.code).startsWith("ERR_") ? error.code : "ERR_INVALID_ARGUMENT";
  process.stderr.write(`${code}: ${error?.message ?? String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
