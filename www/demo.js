// The demo page: the package's browser entry, as a browser bundle of healthauth would load it.
// Every rule shown (algorithms, claims, presets, webhook schemes, PKCE grammar) is the core's:
// this file only reads inputs, calls the package and shows what it returned or threw.
import init, {
  HealthAuthError,
  SigningKey,
  VerifyingKey,
  authorizationUrl,
  clientAssertion,
  createPkce,
  decodeJwt,
  digitail,
  jwks,
  pkceChallenge,
  randomState,
  redox,
  signJwt,
  signWebhook,
  smart,
  telesoft,
  verifyJwt,
  verifyWebhook,
  TokenClient,
} from "/pkg/browser.js";

const $ = (id) => document.getElementById(id);
const pretty = (value) => JSON.stringify(value, null, 2);
/** An options object as JavaScript source: `{ audience: "x", lifetimeSeconds: 300 }`. */
const source = (object) => {
  const entries = Object.entries(object).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return entries.length ? `{ ${entries.join(", ")} }` : "{}";
};
const describe = (error) => (error instanceof HealthAuthError ? `${error.code}: ${error.message}` : String(error?.message ?? error));

/** Shows a status line: ok (green), error (red) or neutral. */
function status(element, text, kind) {
  element.textContent = text;
  element.classList.toggle("ok", kind === "ok");
  element.classList.toggle("error", kind === "error");
}

/** A list of checks, each "pass" or its error code and message. */
function showChecks(list, checks) {
  list.replaceChildren(
    ...checks.map(({ name, error }) => {
      const item = document.createElement("li");
      const mark = document.createElement("span");
      mark.className = error ? "badge error" : "badge ok";
      mark.textContent = error ? "fail" : "pass";
      const text = document.createElement("span");
      text.textContent = error ? ` ${name}: ${describe(error)}` : ` ${name}`;
      item.append(mark, text);
      item.dataset.pass = String(!error);
      return item;
    }),
  );
}
const check = (name, run) => {
  try {
    run();
    return { name };
  } catch (error) {
    return { name, error };
  }
};

// ---- copy buttons -------------------------------------------------------------------------

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const text = $(button.dataset.copy).textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    // No clipboard permission: select the text so that Ctrl-C copies it.
    getSelection().selectAllChildren($(button.dataset.copy));
    button.textContent = "Selected: press Ctrl-C";
  }
  setTimeout(() => (button.textContent = button.dataset.copy === "install-line" ? "Copy" : "Copy code"), 2000);
});

// ---- the login flow (server side; this page only shows its steps) ---------------------------

function showSteps(steps) {
  $("flow-steps").replaceChildren(
    ...steps.map((step) => {
      const item = document.createElement("li");
      item.dataset.step = step.step;
      const title = document.createElement("h3");
      title.textContent = step.title;
      const body = document.createElement("pre");
      body.className = step.error ? "out error" : "out";
      body.textContent = step.error ? `${step.error.code}: ${step.error.message}` : pretty(step.data);
      item.append(title, body);
      return item;
    }),
  );
}

let loginSteps = []; // kept on screen when the backend steps follow

async function loadFlow() {
  const { issuer, steps } = await (await fetch("/api/flow")).json();
  $("issuer").textContent = issuer;
  loginSteps = steps;
  showSteps(steps);
  const failed = steps.find((step) => step.error);
  if (failed) status($("flow-status"), `Refused: ${failed.error.code}`, "error");
  else if (steps.some((step) => step.step === "id-token")) status($("flow-status"), "Logged in: the ID token is verified.", "ok");
}

async function runBackend() {
  const button = $("backend");
  button.disabled = true;
  status($("flow-status"), "Requesting a backend-services token…");
  try {
    const answer = await (await fetch("/api/backend", { method: "POST" })).json();
    if (answer.error) {
      showSteps([...loginSteps, { step: "error", title: "Refused", error: answer.error }]);
      status($("flow-status"), `Refused: ${answer.error.code}`, "error");
    } else {
      showSteps([...loginSteps, ...answer.steps]);
      status($("flow-status"), "Backend token issued and bound to the DPoP key; the FHIR call was accepted.", "ok");
    }
  } catch (error) {
    showSteps(loginSteps);
    status($("flow-status"), `The demo server did not answer: ${describe(error)}`, "error");
  } finally {
    button.disabled = false;
  }
}

// ---- JWT debugger -------------------------------------------------------------------------

const TIME_CLAIMS = new Set(["exp", "iat", "nbf", "auth_time"]);

/** The key to verify with: PEM text imported as a VerifyingKey, JWK or JWKS text as is. */
function keyFrom(text, alg) {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return VerifyingKey.fromPem(trimmed, alg ? { alg } : {});
  return trimmed;
}

function debugJwt() {
  const token = $("jwt-input").value.trim();
  const keyText = $("jwt-key").value;
  const alg = $("jwt-alg").value;
  const audience = $("jwt-aud").value.trim();
  const issuer = $("jwt-iss").value.trim();
  $("jwt-header").textContent = "";
  $("jwt-claims").replaceChildren();
  $("jwt-header").classList.remove("error");
  let claims;
  try {
    // Decoded for display only (the checks below are verifyJwt's).
    const decoded = decodeJwt(token);
    $("jwt-header").textContent = pretty(decoded.header);
    claims = decoded.claims;
    $("jwt-claims").replaceChildren(
      ...Object.entries(claims).map(([name, value]) => {
        const row = document.createElement("tr");
        const [th, td] = [document.createElement("th"), document.createElement("td")];
        th.scope = "row";
        th.textContent = name;
        td.textContent = typeof value === "string" ? value : JSON.stringify(value);
        if (TIME_CLAIMS.has(name) && Number.isFinite(value)) td.textContent += `  (${new Date(value * 1000).toISOString().replace(".000", "")})`;
        row.append(th, td);
        return row;
      }),
    );
  } catch (error) {
    $("jwt-header").textContent = token ? `Not a readable JWT: ${error.code}: ${error.message}` : "";
    if (token) $("jwt-header").classList.add("error");
  }
  const options = {};
  if (alg) options.algorithms = [alg];
  if (audience) options.audience = audience;
  if (issuer) options.issuer = issuer;
  $("jwt-code").textContent = [
    `import { verifyJwt${keyText.trim().startsWith("-----BEGIN") ? ", VerifyingKey" : ""} } from "healthauth";`,
    "",
    keyText.trim().startsWith("-----BEGIN") ? `const key = VerifyingKey.fromPem(pem${alg ? `, { alg: "${alg}" }` : ""});` : "const key = jwksText; // a JWK or a JWKS, object or JSON",
    `const { header, claims } = verifyJwt(token, key, ${source(options)});`,
  ].join("\n");
  if (!token || !keyText.trim()) {
    showChecks($("jwt-checks"), []);
    return;
  }
  let key;
  try {
    key = keyFrom(keyText, alg);
  } catch (error) {
    showChecks($("jwt-checks"), [{ name: "key", error }]);
    return;
  }
  // Each check alone, then all of them: the signature at the token's own time, then the clock.
  const at = Number.isFinite(claims?.iat) ? claims.iat : Number.isFinite(claims?.nbf) ? claims.nbf : undefined;
  const base = { ...(alg ? { algorithms: [alg] } : {}), requireExp: false, ...(at !== undefined ? { now: at } : {}) };
  const checks = [check("signature and algorithm", () => verifyJwt(token, key, base))];
  checks.push(check("exp, nbf and iat against this clock (exp required)", () => verifyJwt(token, key, { ...(alg ? { algorithms: [alg] } : {}) })));
  if (audience) checks.push(check(`aud includes ${audience}`, () => verifyJwt(token, key, { ...base, audience })));
  if (issuer) checks.push(check(`iss is ${issuer}`, () => verifyJwt(token, key, { ...base, issuer })));
  checks.push(check("all checks together (verifyJwt)", () => verifyJwt(token, key, options)));
  showChecks($("jwt-checks"), checks);
  key?.free?.();
}

function sampleJwt() {
  const key = SigningKey.generate("ES256");
  const now = Math.floor(Date.now() / 1000);
  $("jwt-input").value = signJwt(key, { iss: "https://issuer.example", sub: "patient-42", aud: "my-app", iat: now, exp: now + 600 });
  $("jwt-key").value = pretty(jwks([key]));
  $("jwt-aud").value = "my-app";
  $("jwt-iss").value = "https://issuer.example";
  $("jwt-alg").value = "";
  key.free();
  debugJwt();
}

// ---- key workbench ------------------------------------------------------------------------

let workbenchKey; // the key the assertion builder signs with

function showKey(key, code) {
  workbenchKey?.free();
  workbenchKey = key;
  $("key-jwks").textContent = pretty(jwks([key]));
  $("key-thumbprint").textContent = key.thumbprint();
  $("key-code").textContent = code;
  buildAssertion();
}

function keyError(error, code) {
  workbenchKey?.free();
  workbenchKey = undefined;
  $("key-jwks").textContent = "";
  $("key-thumbprint").textContent = "";
  $("key-code").textContent = code;
  status($("key-status"), describe(error), "error");
  buildAssertion();
}

function generateKey() {
  const alg = $("key-alg").value;
  const code = `import { SigningKey, jwks } from "healthauth";\n\nconst key = SigningKey.generate("${alg}");\nconst published = jwks([key]); // register this JWKS\nkey.thumbprint(); // RFC 7638`;
  try {
    showKey(SigningKey.generate(alg), code);
    status($("key-status"), `Generated an ${alg} key pair.`, "ok");
  } catch (error) {
    keyError(error, code);
  }
}

function importKey() {
  const text = $("key-import").value.trim();
  const alg = $("key-import-alg").value;
  // Which import to call (the core reads the key and says what is wrong with it).
  const pem = text.startsWith("-----BEGIN");
  const isPublic = pem ? /BEGIN (PUBLIC KEY|CERTIFICATE|RSA PUBLIC KEY)/.test(text) : !/"d"\s*:/.test(text);
  const Kind = isPublic ? VerifyingKey : SigningKey;
  const method = pem ? "fromPem" : "fromJwk";
  const options = { ...(alg ? { alg } : {}), ...(isPublic ? {} : { dangerouslyAllowBrowser: true }) };
  const name = isPublic ? "VerifyingKey" : "SigningKey";
  // On a server the key needs no opt-in; this page passes dangerouslyAllowBrowser for private keys.
  const code = `import { ${name}, jwks } from "healthauth";\n\nconst key = ${name}.${method}(${pem ? "pem" : "jwk"}${alg ? `, { alg: "${alg}" }` : ""});\nconst published = jwks([key]);\nkey.thumbprint();`;
  try {
    showKey(Kind[method](text, options), code);
    status($("key-status"), `Imported a ${isPublic ? "public key (it verifies; it cannot sign assertions)" : "private key"}.`, "ok");
  } catch (error) {
    keyError(error, code);
  }
}

// ---- client assertion builder --------------------------------------------------------------

const ENDPOINTS = {
  redox: "https://api.redoxengine.com/v2/auth/token",
  smart: "https://ehr.example/oauth2/token",
  epic: "https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token",
};
const presetOf = (name, tokenEndpoint) => (name === "redox" ? redox() : smart({ tokenEndpoint }));
const PROVIDER_NAMES = { redox: "Redox", smart: "SMART Backend Services", epic: "Epic" };

function buildAssertion() {
  const name = $("as-provider").value;
  const clientId = $("as-client").value;
  const audience = $("as-endpoint").value;
  const lifetimeSeconds = Number($("as-lifetime").value);
  const jku = $("as-jku").value.trim();
  const options = { clientId, audience, lifetimeSeconds, ...(jku ? { jku } : {}) };
  $("as-code").textContent = [
    `import { clientAssertion, TokenClient, ${name === "redox" ? "redox" : "smart"} } from "healthauth";`,
    "",
    `const assertion = clientAssertion(key, ${source(options)});`,
    `// the preset's rules, checked when the client is made:`,
    `new TokenClient({ provider: ${name === "redox" ? "redox()" : `smart({ tokenEndpoint: ${JSON.stringify(audience)} })`}, clientId: ${JSON.stringify(clientId)}, signingKey: key });`,
  ].join("\n");
  $("as-output").textContent = "";
  $("as-output").classList.remove("error");
  if (!workbenchKey) {
    $("as-output").textContent = "No key: generate or import a private key in the key workbench.";
    $("as-output").classList.add("error");
    showChecks($("as-lint"), []);
    return;
  }
  let preset;
  const lint = [];
  const label = PROVIDER_NAMES[name];
  lint.push(check(`preset ${name === "redox" ? "redox()" : "smart({ tokenEndpoint })"}`, () => (preset = presetOf(name, audience))));
  let assertion;
  lint.push(check("signed (clientAssertion: lifetime 1 to 300 s, the key signs)", () => (assertion = clientAssertion(workbenchKey, options))));
  if (preset) {
    const rules = `algorithms ${preset.assertionAlgorithms.join("/")}, kid ${preset.kidRequired ? "required" : "optional"}`;
    lint.push(check(`key accepted by ${label} (${rules})`, () => new TokenClient({ provider: preset, clientId, signingKey: workbenchKey, dangerouslyAllowBrowser: true })));
    if (assertion) {
      const verifyOptions = { audience: preset.tokenEndpoint, issuer: clientId, subject: clientId };
      lint.push(check(`verifies with the JWKS; aud is the preset's token endpoint, iss = sub = client id`, () => verifyJwt(assertion, jwks([workbenchKey]), verifyOptions)));
    }
  }
  if (assertion) $("as-output").textContent = `${assertion}\n\n${pretty(decodeJwt(assertion))}`;
  showChecks($("as-lint"), lint);
}

function presetChanged() {
  $("as-endpoint").value = ENDPOINTS[$("as-provider").value];
  buildAssertion();
}

// ---- webhook lab --------------------------------------------------------------------------

const SECRETS = {
  telesoft: "telesoft-demo-secret-do-not-use",
  "hmac-hex": "hmac-demo-secret-do-not-use",
  github: "github-demo-secret-do-not-use",
  stripe: "whsec_stripe_demo_secret_do_not_use",
  standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  redox: "redox-demo-verification-token",
};
const schemeOptions = () => {
  const scheme = $("wh-scheme").value;
  // A demo secret in a page: real webhook secrets stay on servers, so browsers must opt in.
  return { scheme, secret: $("wh-secret").value, ...(scheme === "hmac-hex" ? { header: "x-signature", prefix: "sha256=" } : {}), dangerouslyAllowBrowser: true };
};

function signBody() {
  const options = schemeOptions();
  try {
    const headers = signWebhook({ ...options, payload: $("wh-body").value });
    $("wh-headers").value = pretty(headers);
  } catch (error) {
    $("wh-headers").value = "";
    clearTrap();
    status($("wh-result"), `Not signed: ${describe(error)}`, "error");
    showWebhookCode(options, "sign");
    return;
  }
  verifyBody();
}

function clearTrap() {
  for (const id of ["wh-raw", "wh-re"]) status($(id), "", undefined);
  $("wh-raw-body").textContent = "";
  $("wh-re-body").textContent = "";
}

function showWebhookCode(options, what) {
  const { dangerouslyAllowBrowser: _, secret: __, ...shown } = options;
  $("wh-code").textContent =
    what === "sign"
      ? `import { signWebhook } from "healthauth";\n\nconst headers = signWebhook(${source(shown).slice(0, -2)}, secret: process.env.WEBHOOK_SECRET, payload: rawBody });`
      : `import { verifyWebhook } from "healthauth";\n\n// rawBody: the bytes as received (express.raw(), await request.text()), never JSON.stringify(req.body)\nverifyWebhook(${source(shown).slice(0, -2)}, secret: process.env.WEBHOOK_SECRET, payload: rawBody, headers: req.headers });`;
}

/** Headers pasted as a JSON object, or as `name: value` lines (as logged or shown by curl -v). */
function readHeaders(text) {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("{")) return JSON.parse(trimmed || "{}");
  const headers = {};
  for (const line of trimmed.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 1) throw new Error("not a header line");
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function verifyBody() {
  const options = schemeOptions();
  showWebhookCode(options, "verify");
  clearTrap();
  let headers;
  try {
    headers = readHeaders($("wh-headers").value);
  } catch {
    status($("wh-result"), "The headers are neither a JSON object nor `name: value` lines: paste them as one of those.", "error");
    return;
  }
  const body = $("wh-body").value;
  const run = (payload) => verifyWebhook({ ...options, payload, headers });
  try {
    const verified = run(body);
    status($("wh-result"), `valid: the signature matches these exact bytes (${pretty(verified).replace(/\s+/g, " ")})`, "ok");
  } catch (error) {
    status($("wh-result"), describe(error), "error");
  }
  // The same delivery, verified from the raw bytes and from a re-serialized parse of them.
  $("wh-raw-body").textContent = body;
  const outcome = (element, payload) => {
    try {
      run(payload);
      status(element, "valid", "ok");
    } catch (error) {
      status(element, describe(error), "error");
    }
  };
  outcome($("wh-raw"), body);
  let reserialized;
  try {
    reserialized = JSON.stringify(JSON.parse(body));
  } catch {
    status($("wh-re"), "The body is not JSON, so there is nothing to re-serialize.", undefined);
    return;
  }
  $("wh-re-body").textContent = reserialized;
  outcome($("wh-re"), reserialized);
}

function schemeChanged() {
  $("wh-secret").value = SECRETS[$("wh-scheme").value];
  signBody();
}

// ---- PKCE ---------------------------------------------------------------------------------

function showPair() {
  const name = $("pkce-provider").value;
  const preset = name === "digitail" ? digitail({ baseUrl: "https://clinic.example" }) : telesoft();
  const useChallenge = $("pkce-use").checked;
  const length = Number($("pkce-length").value);
  $("pkce-required").textContent = String(preset.pkceRequired);
  const clientId = "demo-client";
  const redirectUri = "https://app.example/callback";
  $("pkce-code").textContent = [
    `import { createPkce, randomState, authorizationUrl, ${name} } from "healthauth";`,
    "",
    `const { verifier, challenge } = createPkce({ length: ${length} }); // keep verifier server-side`,
    "const state = randomState();",
    `const url = authorizationUrl({ provider: ${name === "digitail" ? 'digitail({ baseUrl: "https://clinic.example" })' : "telesoft()"}, clientId: "${clientId}",`,
    `  redirectUri: "${redirectUri}",${preset.scopes.length ? ` scope: ${JSON.stringify(preset.scopes)},` : ""} state${useChallenge ? ", codeChallenge: challenge" : ""} });`,
  ].join("\n");
  for (const id of ["pkce-verifier", "pkce-challenge", "pkce-state", "pkce-url"]) $(id).textContent = "";
  try {
    const { verifier, challenge } = createPkce({ length });
    const state = randomState();
    const scope = preset.scopes.length ? { scope: preset.scopes } : {};
    const url = authorizationUrl({ provider: preset, clientId, redirectUri, ...scope, state, ...(useChallenge ? { codeChallenge: challenge } : {}) });
    $("pkce-verifier").textContent = verifier;
    $("pkce-challenge").textContent = challenge;
    $("pkce-state").textContent = state;
    $("pkce-url").textContent = url;
    $("pkce-length").removeAttribute("aria-invalid");
    status($("pkce-status"), `Built by authorizationUrl() with the ${name} preset.`, "ok");
  } catch (error) {
    if (error.code === "ERR_PKCE_VERIFIER_LENGTH") $("pkce-length").setAttribute("aria-invalid", "true");
    status($("pkce-status"), describe(error), "error");
  }
}

function checkVerifier() {
  try {
    status($("pkce-check-out"), `challenge: ${pkceChallenge($("pkce-check").value)}`, "ok");
  } catch (error) {
    status($("pkce-check-out"), describe(error), "error");
  }
}

// ---- start --------------------------------------------------------------------------------

const on = (id, event, handler) => $(id).addEventListener(event, handler);
on("backend", "click", runBackend);
loadFlow().catch((error) => status($("flow-status"), `The demo server did not answer: ${describe(error)}`, "error"));

try {
  await init();
} catch (error) {
  const banner = $("wasm-banner");
  banner.textContent = `healthauth's WebAssembly module could not be loaded (${describe(error)}): the panels below cannot run. Run "make pkg" (or "make demo"), then reload.`;
  banner.hidden = false;
  status($("status"), "WebAssembly failed to load.", "error");
  for (const control of document.querySelectorAll("main section:not(#flow) :is(button, input, select, textarea)")) control.disabled = true;
  throw error;
}
for (const id of ["jwt-input", "jwt-key", "jwt-aud", "jwt-iss"]) on(id, "input", debugJwt);
on("jwt-alg", "change", debugJwt);
on("jwt-sample", "click", sampleJwt);
on("key-generate", "click", generateKey);
on("key-import-button", "click", importKey);
on("key-bad", "click", () => {
  $("key-import").value = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----";
  importKey();
});
on("as-provider", "change", presetChanged);
for (const id of ["as-client", "as-endpoint", "as-lifetime", "as-jku"]) on(id, "input", buildAssertion);
on("wh-scheme", "change", schemeChanged);
on("wh-sign", "click", signBody);
for (const id of ["wh-body", "wh-headers", "wh-secret"]) on(id, "input", verifyBody);
on("pkce-generate", "click", showPair);
on("pkce-provider", "change", showPair);
on("pkce-use", "change", showPair);
on("pkce-length", "change", showPair);
on("pkce-check", "input", checkVerifier);

$("as-endpoint").value = ENDPOINTS.redox;
generateKey();
sampleJwt();
schemeChanged();
showPair();
checkVerifier();
status($("status"), "Ready: every result above was computed by healthauth's WebAssembly, in this page.", undefined);
document.body.dataset.ready = "true";
