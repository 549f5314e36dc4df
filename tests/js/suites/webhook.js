// Webhooks: every scheme, sign and verify, cross-checked against the runtime's own WebCrypto
// (HMAC-SHA256/512, Ed25519), in every runtime.
import { ok, equal, throwsCode, rejectsCode } from "./assert.js";

const enc = new TextEncoder();
const NOW = 1_700_000_000;
const RAW = '{ "event": "appointment.created",\n  "data": { "id": "apt_1", "note": "caf\u00e9" } }';
const SECRET = "telesoft-webhook-secret-1234";
const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
const unb64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
};

async function hmac(hash, key, data) {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, data));
}


function codeOf(ha, fn) {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (!(e instanceof ha.HealthAuthError)) throw e;
    return e.code;
  }
}

function flip(text, index) {
  const c = text.charCodeAt(index) ^ 1;
  return text.slice(0, index) + String.fromCharCode(c) + text.slice(index + 1);
}

export function webhookSuite(ha, platform) {
  const tests = [];
  const test = (name, fn) => tests.push({ name: `webhook: ${name}`, fn });
  void platform;

  test("exports the documented names", () => {
    for (const name of ["verifyWebhook", "signWebhook", "verifyWebhookRequest", "redoxVerification"]) {
      equal(typeof ha[name], "function", name);
    }
  });

  test("telesoft: a WebCrypto HMAC over the raw bytes verifies; the re-serialized body does not", async () => {
    const body = enc.encode(RAW);
    const signature = hex(await hmac("SHA-256", enc.encode(SECRET), body));
    const headers = { "Telesoft-Signature": signature };
    const r = ha.verifyWebhook({ scheme: "telesoft", payload: body, headers, secret: SECRET });
    equal(r.scheme, "telesoft");
    equal(ha.verifyWebhook({ scheme: "telesoft", payload: RAW, headers, secret: SECRET }).scheme, "telesoft");
    equal(ha.verifyWebhook({ scheme: "telesoft", payload: body.buffer, headers, secret: SECRET }).scheme, "telesoft");
    // The seed's own example: JSON.stringify(JSON.parse(body)).
    const reserialized = JSON.stringify(JSON.parse(RAW));
    let error;
    try {
      ha.verifyWebhook({ scheme: "telesoft", payload: reserialized, headers, secret: SECRET });
    } catch (e) {
      error = e;
    }
    equal(error?.code, "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    ok(/raw request body/.test(error.message) && /JSON\.stringify/.test(error.message), error.message);
    ok(!error.message.includes(SECRET) && !error.message.includes(signature), "message leaks");
    // A parsed object is refused with its own code and an explanation.
    for (const payload of [JSON.parse(RAW), undefined, null, 42, [1, 2]]) {
      throwsCode(ha, () => ha.verifyWebhook({ scheme: "telesoft", payload, headers, secret: SECRET }), "ERR_WEBHOOK_PAYLOAD_NOT_RAW", SECRET);
    }
    try {
      ha.verifyWebhook({ scheme: "telesoft", payload: JSON.parse(RAW), headers, secret: SECRET });
    } catch (e) {
      ok(/raw request body/.test(e.message) && /Uint8Array/.test(e.message), e.message);
    }
  });

  test("github: sha256=<hex> from WebCrypto verifies, from a Headers object too", async () => {
    const body = enc.encode(RAW);
    const secret = "It's a Secret to Everybody";
    const value = "sha256=" + hex(await hmac("SHA-256", enc.encode(secret), body));
    const headers = new Headers({ "X-Hub-Signature-256": value, "content-type": "application/json" });
    equal(ha.verifyWebhook({ scheme: "github", payload: body, headers, secret }).scheme, "github");
    equal(ha.signWebhook({ scheme: "github", payload: body, secret })["x-hub-signature-256"], value);
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "github", payload: body, headers: { "x-hub-signature-256": value.slice(7) }, secret }), "ERR_WEBHOOK_HEADER_MALFORMED");
  });

  test("stripe: t=,v1= from WebCrypto verifies within the tolerance", async () => {
    const body = enc.encode(RAW);
    const secret = "whsec_stripe_test_secret";
    const v1 = hex(await hmac("SHA-256", enc.encode(secret), concat(enc.encode(`${NOW}.`), body)));
    const headers = { "stripe-signature": `t=${NOW},v1=${v1},v0=00` };
    const r = ha.verifyWebhook({ scheme: "stripe", payload: body, headers, secret, now: NOW });
    equal(r.timestamp, NOW);
    // The replay key names what was signed (timestamp and body digest), not which signature
    // matched: during a secret roll, dropping one of two v1 signatures must not look new. It
    // starts with the scheme and a digest of the secret (audit finding 9).
    const digest = hex(new Uint8Array(await crypto.subtle.digest("SHA-256", body)));
    ok(/^stripe:[0-9a-f]{32}:/.test(r.replayKey), r.replayKey);
    ok(r.replayKey.endsWith(`:${NOW}.${digest}`), r.replayKey);
    ok(!r.replayKey.includes(secret), "the replay key contains the secret");
    const rolled = { "stripe-signature": `t=${NOW},v1=${"0".repeat(64)},v1=${v1}` };
    equal(ha.verifyWebhook({ scheme: "stripe", payload: body, headers: rolled, secret, now: NOW }).replayKey, r.replayKey);
    equal(ha.signWebhook({ scheme: "stripe", payload: body, secret, timestamp: NOW })["stripe-signature"], `t=${NOW},v1=${v1}`);
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "stripe", payload: body, headers, secret, now: NOW + 301 }), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
  });

  test("standard v1: WebCrypto HMAC verifies; 301 s old is refused; signWebhook matches", async () => {
    const body = enc.encode(RAW);
    const key = unb64(WHSEC.slice(6));
    const id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    const sig = b64(await hmac("SHA-256", key, concat(enc.encode(`${id}.${NOW}.`), body)));
    const headers = { "webhook-id": id, "webhook-timestamp": String(NOW), "webhook-signature": `v1,${sig}` };
    const r = ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: WHSEC, now: NOW });
    equal(r.id, id);
    equal(r.timestamp, NOW);
    const signed = ha.signWebhook({ scheme: "standard", payload: body, secret: WHSEC, id, timestamp: NOW });
    equal(JSON.stringify(signed), JSON.stringify(headers));
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: WHSEC, now: NOW + 301 }), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: WHSEC, now: NOW - 301 }), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
    equal(ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: WHSEC, now: NOW + 301, toleranceSeconds: 301 }).id, id);
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: WHSEC, now: NOW + 11, toleranceSeconds: 10 }), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
    // Without `now`, the JS clock is used: a signature made now verifies, one from NOW does not.
    const fresh = ha.signWebhook({ scheme: "standard", payload: body, secret: WHSEC });
    ok(fresh["webhook-id"].startsWith("msg_"));
    ok(Math.abs(Number(fresh["webhook-timestamp"]) - Date.now() / 1000) < 5);
    equal(ha.verifyWebhook({ scheme: "standard", payload: body, headers: fresh, secret: WHSEC }).scheme, "standard");
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: WHSEC }), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
  });

  test("standard v1a: WebCrypto Ed25519 signatures verify, and signWebhook's verify in WebCrypto", async () => {
    const body = enc.encode(RAW);
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
    const publicRaw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    const whpk = "whpk_" + b64(publicRaw);
    const id = "msg_v1a";
    const message = concat(enc.encode(`${id}.${NOW}.`), body);
    const sig = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, message));
    const headers = { "webhook-id": id, "webhook-timestamp": String(NOW), "webhook-signature": `v1,AAAA v1a,${b64(sig)}` };
    equal(ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: whpk, now: NOW }).id, id);
    equal(ha.verifyWebhook({ scheme: "standard", payload: body, headers, secrets: [WHSEC, whpk], now: NOW }).id, id);
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: WHSEC, now: NOW }), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "standard", payload: enc.encode(RAW + " "), headers, secret: whpk, now: NOW }), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    // The reverse: the PKCS#8 seed (last 32 bytes) as whsk_, signed here, verified by WebCrypto.
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    const whsk = "whsk_" + b64(pkcs8.slice(-32));
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "standard", payload: body, headers, secret: whsk, now: NOW }), "ERR_WEBHOOK_SECRET_INVALID", whsk);
    const signed = ha.signWebhook({ scheme: "standard", payload: body, secret: whsk, id, timestamp: NOW });
    ok(signed["webhook-signature"].startsWith("v1a,"));
    const ours = unb64(signed["webhook-signature"].slice(4));
    ok(await crypto.subtle.verify({ name: "Ed25519" }, pair.publicKey, ours, message), "WebCrypto verifies ours");
    throwsCode(ha, () => ha.signWebhook({ scheme: "standard", payload: body, secret: whpk }), "ERR_WEBHOOK_SECRET_INVALID");
  });

  test("signWebhook headers verify under WebCrypto for every HMAC scheme", async () => {
    const body = enc.encode(RAW);
    const t = ha.signWebhook({ scheme: "telesoft", payload: body, secret: SECRET });
    equal(t["telesoft-signature"], hex(await hmac("SHA-256", enc.encode(SECRET), body)));
    const h = ha.signWebhook({ scheme: "hmac-hex", header: "X-Signature", prefix: "sha512=", hash: "sha512", payload: body, secret: SECRET });
    equal(h["x-signature"], "sha512=" + hex(await hmac("SHA-512", enc.encode(SECRET), body)));
    const hv = { scheme: "hmac-hex", header: "X-Signature", prefix: "sha512=", hash: "sha512", payload: body, secret: SECRET };
    equal(ha.verifyWebhook({ ...hv, headers: h }).scheme, "hmac-hex");
    throwsCode(ha, () => ha.verifyWebhook({ ...hv, hash: "sha256", headers: h }), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    throwsCode(ha, () => ha.verifyWebhook({ ...hv, hash: "md5", headers: h }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.verifyWebhook({ ...hv, header: undefined, headers: h }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "telesoft", prefix: "x", payload: body, headers: t, secret: SECRET }), "ERR_INVALID_ARGUMENT");
  });

  test("tampering battery: every case returns its code and nothing else", () => {
    const body = RAW;
    const schemes = [
      ["telesoft", SECRET, "telesoft-signature"],
      ["github", SECRET, "x-hub-signature-256"],
      ["stripe", "whsec_stripe", "stripe-signature"],
      ["standard", WHSEC, "webhook-signature"],
    ];
    for (const [scheme, secret, sigHeader] of schemes) {
      const headers = ha.signWebhook({ scheme, payload: body, secret, id: "msg_1", timestamp: NOW });
      // Only schemes that sign a timestamp take `now` (the others refuse it: nothing to check).
      const timed = scheme === "stripe" || scheme === "standard";
      const at = (now) => (timed ? { now } : {});
      const code = (payload, h, now = NOW) => codeOf(ha, () => ha.verifyWebhook({ scheme, payload, headers: h, secret, ...at(now) }));
      const with_ = (name, value) => ({ ...headers, [name]: value });
      equal(code(body, headers), "ok", scheme);
      for (let i = 0; i < body.length; i += 7) {
        equal(code(flip(body, i), headers), "ERR_WEBHOOK_SIGNATURE_MISMATCH", `${scheme} body bit ${i}`);
      }
      const sig = headers[sigHeader];
      const end = sig.length - 3;
      equal(code(body, with_(sigHeader, flip(sig, end))), "ERR_WEBHOOK_SIGNATURE_MISMATCH", `${scheme} signature bit`);
      equal(code(body, with_(sigHeader, sig.slice(0, -2))), "ERR_WEBHOOK_SIGNATURE_MISMATCH", `${scheme} truncated`);
      const doubled = scheme === "standard" ? `v1,${sig.slice(3)}${sig.slice(3)}` : sig + sig.split("=").pop();
      equal(code(body, with_(sigHeader, doubled)), "ERR_WEBHOOK_SIGNATURE_MISMATCH", `${scheme} doubled`);
      equal(code("", headers), "ERR_WEBHOOK_SIGNATURE_MISMATCH", `${scheme} empty body`);
      const empty = ha.signWebhook({ scheme, payload: "", secret, id: "msg_1", timestamp: NOW });
      equal(code("", empty), "ok", `${scheme} signed empty body`);
      equal(code(body, {}), "ERR_WEBHOOK_SIGNATURE_MISSING", `${scheme} no headers`);
      const wrong = scheme === "standard" ? "whsec_c2VjcmV0" : secret + "x";
      equal(codeOf(ha, () => ha.verifyWebhook({ scheme, payload: body, headers, secret: wrong, ...at(NOW) })), "ERR_WEBHOOK_SIGNATURE_MISMATCH", `${scheme} wrong secret`);
      equal(codeOf(ha, () => ha.verifyWebhook({ scheme, payload: body, headers, secrets: [wrong, secret], ...at(NOW) })), "ok", `${scheme} rotation`);
      if (!timed) {
        throwsCode(ha, () => ha.verifyWebhook({ scheme, payload: body, headers, secret, toleranceSeconds: 60 }), "ERR_INVALID_ARGUMENT");
      }
      if (scheme === "standard") {
        equal(code(body, with_("webhook-id", flip("msg_1", 4))), "ERR_WEBHOOK_SIGNATURE_MISMATCH", "id bit");
        equal(code(body, with_("webhook-timestamp", flip(String(NOW), 9))), "ERR_WEBHOOK_SIGNATURE_MISMATCH", "timestamp bit");
        equal(code(body, with_("webhook-timestamp", "soon")), "ERR_WEBHOOK_HEADER_MALFORMED", "timestamp text");
        equal(code(body, with_("webhook-signature", "v1")), "ERR_WEBHOOK_HEADER_MALFORMED", "no comma");
      }
      if (scheme === "stripe") {
        equal(code(body, with_(sigHeader, sig.replace(`t=${NOW}`, `t=${NOW ^ 1}`))), "ERR_WEBHOOK_SIGNATURE_MISMATCH", "stripe t bit");
        equal(code(body, with_(sigHeader, sig.replace(`t=${NOW},`, ""))), "ERR_WEBHOOK_HEADER_MALFORMED", "stripe no t");
      }
      if (scheme === "stripe" || scheme === "standard") {
        equal(code(body, headers, NOW + 300), "ok", `${scheme} +300`);
        equal(code(body, headers, NOW - 300), "ok", `${scheme} -300`);
        equal(code(body, headers, NOW + 301), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE", `${scheme} +301`);
        equal(code(body, headers, NOW - 301), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE", `${scheme} -301`);
      }
    }
  });

  test("arguments: secrets, options, sizes and schemes are checked", () => {
    const payload = RAW;
    const headers = ha.signWebhook({ scheme: "telesoft", payload, secret: SECRET });
    const v = (extra) => () => ha.verifyWebhook({ scheme: "telesoft", payload, headers, secret: SECRET, ...extra });
    for (const secret of [` ${SECRET}`, `${SECRET}\n`, "", "whpk_AAAA"]) {
      throwsCode(ha, v({ secret }), "ERR_WEBHOOK_SECRET_INVALID", secret.trim() || undefined);
    }
    throwsCode(ha, v({ secret: undefined }), "ERR_WEBHOOK_SECRET_INVALID");
    throwsCode(ha, v({ secret: undefined, secrets: [] }), "ERR_WEBHOOK_SECRET_INVALID");
    throwsCode(ha, v({ secrets: [SECRET] }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, v({ secret: 42 }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, v({ secret: undefined, secrets: [SECRET, 1] }), "ERR_INVALID_ARGUMENT");
    for (const secret of ["whsec_not base64!", "whsk_AAAA", "whsec_", ` ${WHSEC}`]) {
      throwsCode(ha, () => ha.verifyWebhook({ scheme: "standard", payload, headers: {}, secret }), "ERR_WEBHOOK_SECRET_INVALID");
    }
    throwsCode(ha, v({ scheme: "svix" }), "ERR_WEBHOOK_SCHEME_UNKNOWN");
    throwsCode(ha, v({ scheme: undefined }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, v({ tolerance: 5 }), "ERR_UNKNOWN_OPTION");
    throwsCode(ha, v({ maxPayloadBytes: 10 }), "ERR_WEBHOOK_PAYLOAD_TOO_LARGE");
    throwsCode(ha, v({ toleranceSeconds: -1 }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, v({ now: "now" }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, v({ headers: "telesoft-signature: x" }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.verifyWebhook(), "ERR_INVALID_ARGUMENT");
    const big = "x".repeat((1 << 20) + 1);
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "telesoft", payload: big, headers, secret: SECRET }), "ERR_WEBHOOK_PAYLOAD_TOO_LARGE");
    equal(v({})().scheme, "telesoft");
    equal(ha.verifyWebhook({ scheme: "telesoft", payload, headers: { "TELESOFT-SIGNATURE": headers["telesoft-signature"] }, secret: SECRET }).scheme, "telesoft");
  });

  test("verifyWebhookRequest reads the raw body once and returns it", async () => {
    const secret = SECRET;
    const headers = ha.signWebhook({ scheme: "telesoft", payload: RAW, secret });
    const request = new Request("https://example.com/hook", { method: "POST", body: RAW, headers });
    const { body, text, json } = await ha.verifyWebhookRequest(request, { scheme: "telesoft", secret });
    ok(body instanceof Uint8Array);
    equal(text(), RAW);
    equal(json().data.note, "caf\u00e9");
    const tampered = new Request("https://example.com/hook", { method: "POST", body: RAW + " ", headers });
    await rejectsCode(ha, ha.verifyWebhookRequest(tampered, { scheme: "telesoft", secret }), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    const read = new Request("https://example.com/hook", { method: "POST", body: RAW, headers });
    await read.text();
    await rejectsCode(ha, ha.verifyWebhookRequest(read, { scheme: "telesoft", secret }), "ERR_INVALID_ARGUMENT");
    await rejectsCode(ha, ha.verifyWebhookRequest({}, { scheme: "telesoft", secret }), "ERR_INVALID_ARGUMENT");
    const big = new Request("https://example.com/hook", { method: "POST", body: RAW, headers });
    await rejectsCode(ha, ha.verifyWebhookRequest(big, { scheme: "telesoft", secret, maxPayloadBytes: 8 }), "ERR_WEBHOOK_PAYLOAD_TOO_LARGE");
    // The signature header is 64 hex digits: a 63-byte cap refuses it, a 64-byte one reads it.
    const capped = () => new Request("https://example.com/hook", { method: "POST", body: RAW, headers });
    await rejectsCode(ha, ha.verifyWebhookRequest(capped(), { scheme: "telesoft", secret, maxHeaderBytes: 63 }), "ERR_INPUT_TOO_LARGE");
    equal((await ha.verifyWebhookRequest(capped(), { scheme: "telesoft", secret, maxHeaderBytes: 64 })).text(), RAW);
    const payloadOpt = new Request("https://example.com/hook", { method: "POST", body: RAW, headers });
    await rejectsCode(ha, ha.verifyWebhookRequest(payloadOpt, { scheme: "telesoft", secret, payload: RAW }), "ERR_UNKNOWN_OPTION");
    // A correctly signed body that is not JSON: json() says so with a code, without quoting it.
    const plain = "patient=secret-value";
    const signed = ha.signWebhook({ scheme: "telesoft", payload: plain, secret });
    const notJson = await ha.verifyWebhookRequest(new Request("https://example.com/hook", { method: "POST", body: plain, headers: signed }), { scheme: "telesoft", secret });
    equal(notJson.text(), plain);
    throwsCode(ha, () => notJson.json(), "ERR_WEBHOOK_PAYLOAD_NOT_JSON", "secret-value");
  });

  test("verifyWebhookRequest refuses replays with an in-memory or custom async store", async () => {
    const make = (h) => new Request("https://example.com/hook", { method: "POST", body: RAW, headers: h });
    const now = Math.floor(Date.now() / 1000);
    const id = `msg_replay_${Math.random().toString(36).slice(2)}`;
    const headers = ha.signWebhook({ scheme: "standard", payload: RAW, secret: WHSEC, id, timestamp: now });
    const first = await ha.verifyWebhookRequest(make(headers), { scheme: "standard", secret: WHSEC, seen: true });
    equal(first.id, id);
    await rejectsCode(ha, ha.verifyWebhookRequest(make(headers), { scheme: "standard", secret: WHSEC, seen: true }), "ERR_WEBHOOK_REPLAYED");
    const map = new Map();
    const puts = [];
    const store = {
      async has(key) { return map.has(key); },
      async put(key, ttl) { puts.push(ttl); map.set(key, ttl); },
    };
    const stripe = ha.signWebhook({ scheme: "stripe", payload: RAW, secret: "whsec_s", timestamp: now });
    await ha.verifyWebhookRequest(make(stripe), { scheme: "stripe", secret: "whsec_s", seen: store });
    await rejectsCode(ha, ha.verifyWebhookRequest(make(stripe), { scheme: "stripe", secret: "whsec_s", seen: store }), "ERR_WEBHOOK_REPLAYED");
    ok(puts[0] >= 60, "ttl at least 60 s");
    const later = ha.signWebhook({ scheme: "stripe", payload: RAW, secret: "whsec_s", timestamp: now + 1 });
    await ha.verifyWebhookRequest(make(later), { scheme: "stripe", secret: "whsec_s", seen: store });
    const telesoft = ha.signWebhook({ scheme: "telesoft", payload: RAW, secret: SECRET });
    await rejectsCode(ha, ha.verifyWebhookRequest(make(telesoft), { scheme: "telesoft", secret: SECRET, seen: true }), "ERR_INVALID_ARGUMENT");
    await rejectsCode(ha, ha.verifyWebhookRequest(make(headers), { scheme: "standard", secret: WHSEC, seen: {} }), "ERR_INVALID_ARGUMENT");
  });

  test("audit finding 12: unknown schemes and option names are echoed printable and bounded", () => {
    const hostile = `svix\r\n2026-01-01 ERROR admin\u2028${"s".repeat(100)}`;
    const messageOf = (fn) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      throw new Error("nothing was thrown");
    };
    const scheme = messageOf(() => ha.verifyWebhook({ scheme: hostile, payload: RAW, headers: {}, secret: SECRET }));
    equal(scheme.code, "ERR_WEBHOOK_SCHEME_UNKNOWN");
    ok(scheme.message.includes(`\`svix??2026-01-01 ERROR admin?${"s".repeat(11)}...\``), scheme.message);
    const option = messageOf(() => ha.verifyWebhook({ scheme: "telesoft", payload: RAW, headers: {}, secret: SECRET, [hostile]: 1 }));
    equal(option.code, "ERR_UNKNOWN_OPTION");
    for (const e of [scheme, option]) {
      ok(!/[\r\n\u2028]/.test(e.message), `line break echoed: ${JSON.stringify(e.message)}`);
      ok(!e.message.includes("s".repeat(41)), "not bounded");
    }
    const header = messageOf(() =>
      ha.verifyWebhook({ scheme: "hmac-hex", header: `x-sig\n${"h".repeat(60)}`, payload: RAW, headers: {}, secret: SECRET }),
    );
    equal(header.code, "ERR_WEBHOOK_SIGNATURE_MISSING");
    ok(!header.message.includes("\n") && !header.message.includes("h".repeat(41)), header.message);
  });

  test("redox: verification-token header and both handshake shapes", () => {
    const token = "redox-verification-token-123";
    const challenge = "2e73f864-a0e9-4764-a7d5-91fe5836db22";
    equal(ha.verifyWebhook({ scheme: "redox", payload: "{}", headers: new Headers({ "verification-token": token }), secret: token }).scheme, "redox");
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "redox", payload: "{}", headers: { "verification-token": token + "x" }, secret: token }), "ERR_WEBHOOK_SIGNATURE_MISMATCH", token);
    throwsCode(ha, () => ha.verifyWebhook({ scheme: "redox", payload: "{}", headers: {}, secret: token }), "ERR_WEBHOOK_SIGNATURE_MISSING");
    equal(ha.signWebhook({ scheme: "redox", payload: "", secret: token })["verification-token"], token);
    const post = JSON.stringify({ "verification-token": token, challenge });
    equal(ha.redoxVerification(post, token), challenge);
    equal(ha.redoxVerification(enc.encode(post), [token]), challenge);
    equal(ha.redoxVerification(JSON.parse(post), token), challenge);
    equal(ha.redoxVerification({ verificationToken: token, challenge }, ["old", token]), challenge);
    const url = `https://example.com/redox?challenge=${challenge}&verification-token=${encodeURIComponent(token)}`;
    equal(ha.redoxVerification(url, token), challenge);
    equal(ha.redoxVerification(new URL(url), token), challenge);
    equal(ha.redoxVerification(new URL(url).searchParams, token), challenge);
    throwsCode(ha, () => ha.redoxVerification(post, "other-token"), "ERR_WEBHOOK_SIGNATURE_MISMATCH", token);
    throwsCode(ha, () => ha.redoxVerification(`?challenge=${challenge}`, token), "ERR_WEBHOOK_SIGNATURE_MISSING");
    throwsCode(ha, () => ha.redoxVerification({ "verification-token": token }, token), "ERR_WEBHOOK_HEADER_MALFORMED");
    throwsCode(ha, () => ha.redoxVerification("{not json", token), "ERR_WEBHOOK_HEADER_MALFORMED");
    throwsCode(ha, () => ha.redoxVerification(42, token), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.redoxVerification(post, undefined), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => ha.redoxVerification(post, []), "ERR_WEBHOOK_SECRET_INVALID");
  });

  test("thousands of bad calls leave the instance working", () => {
    for (let i = 0; i < 3000; i++) {
      try {
        switch (i % 5) {
          case 0: ha.verifyWebhook({ scheme: "standard", payload: "x".repeat(i % 50), headers: { "webhook-id": "a", "webhook-timestamp": String(i), "webhook-signature": "v1," + "A".repeat(i % 90) }, secret: WHSEC }); break;
          case 1: ha.verifyWebhook({ scheme: "stripe", payload: new Uint8Array(i % 64), headers: { "stripe-signature": "t=1,".repeat(i % 5) }, secret: "s" }); break;
          case 2: ha.verifyWebhook({ scheme: "telesoft", payload: { a: i }, headers: {}, secret: "s" }); break;
          case 3: ha.redoxVerification("?challenge=" + "%".repeat(i % 9), "t"); break;
          default: ha.signWebhook({ scheme: "standard", payload: "x", secret: "whsk_" + "A".repeat(i % 100) });
        }
      } catch (e) {
        if (!(e instanceof ha.HealthAuthError)) throw e;
      }
    }
    const h = ha.signWebhook({ scheme: "telesoft", payload: RAW, secret: SECRET });
    equal(ha.verifyWebhook({ scheme: "telesoft", payload: RAW, headers: h, secret: SECRET }).scheme, "telesoft");
  });

  // ---- the held verifier (WebhookVerifier) ------------------------------------------------
  // `dangerouslyAllowBrowser` so that the browser run checks behaviour; the browser page
  // checks the refusal itself.
  const HELD = { dangerouslyAllowBrowser: true };
  const outcome = (fn) => {
    try {
      return JSON.stringify(fn());
    } catch (e) {
      if (!(e instanceof ha.HealthAuthError)) throw e;
      return e.code;
    }
  };

  test("WebhookVerifier: exported, with free() and Symbol.dispose", () => {
    equal(typeof ha.WebhookVerifier, "function");
    const verifier = new ha.WebhookVerifier({ scheme: "telesoft", secret: SECRET, ...HELD });
    equal(verifier.scheme, "telesoft");
    equal(typeof verifier.free, "function");
    if (typeof Symbol.dispose === "symbol") equal(verifier[Symbol.dispose], verifier.free);
    const headers = ha.signWebhook({ scheme: "telesoft", payload: RAW, secret: SECRET, ...HELD });
    equal(verifier.verify(enc.encode(RAW), headers).scheme, "telesoft");
    verifier.free();
  });

  test("WebhookVerifier: accepts and refuses exactly what verifyWebhook does, for every scheme", async () => {
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
    const whsk = "whsk_" + b64(new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey)).slice(-32));
    const whpk = "whpk_" + b64(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
    const setups = [
      { scheme: "telesoft", secret: SECRET, other: SECRET + "x" },
      { scheme: "hmac-hex", header: "X-Signature", prefix: "sha512=", hash: "sha512", secret: SECRET, other: SECRET + "x" },
      { scheme: "github", secret: SECRET, other: SECRET + "x" },
      { scheme: "stripe", secret: "whsec_stripe", other: "whsec_other" },
      { scheme: "standard", secret: WHSEC, other: "whsec_c2VjcmV0" },
      { scheme: "standard", secret: whsk, verifyWith: whpk, other: WHSEC },
      { scheme: "redox", secret: "redox-token", other: "redox-other" },
    ];
    for (const { secret, other, verifyWith = secret, ...scheme } of setups) {
      const timed = scheme.scheme === "stripe" || scheme.scheme === "standard";
      const signed = ha.signWebhook({ ...scheme, payload: RAW, secret, id: "msg_held", timestamp: NOW, ...HELD });
      const both = ha.signWebhook({ ...scheme, payload: RAW, secrets: [other, secret], id: "msg_held", timestamp: NOW, ...HELD });
      const [name] = Object.keys(signed).filter((n) => n !== "webhook-id" && n !== "webhook-timestamp");
      const deliveries = [
        [enc.encode(RAW), signed],
        [RAW, signed],
        [enc.encode(RAW).buffer, both],
        [RAW + " ", signed],
        ["", signed],
        [RAW, { ...signed, [name]: flip(signed[name], signed[name].length - 3) }],
        [RAW, {}],
        [RAW, new Headers(signed)],
        [JSON.parse(RAW), signed],
      ];
      for (const secrets of [[verifyWith], [other, verifyWith], [other]]) {
        for (const tolerance of timed ? [undefined, 10] : [undefined]) {
          const options = { ...scheme, secrets, ...(tolerance === undefined ? {} : { toleranceSeconds: tolerance }) };
          const verifier = new ha.WebhookVerifier({ ...options, ...HELD });
          for (const [payload, headers] of deliveries) {
            for (const now of timed ? [NOW, NOW + 11, NOW - 301] : [undefined]) {
              const at = now === undefined ? undefined : { now };
              const held = outcome(() => verifier.verify(payload, headers, at));
              const once = outcome(() => ha.verifyWebhook({ ...options, payload, headers, ...(at ?? {}), ...HELD }));
              equal(held, once, `${scheme.scheme} with ${secrets.length} secret(s), tolerance ${tolerance}, now ${now}`);
            }
          }
          verifier.free();
        }
      }
    }
  });

  test("WebhookVerifier: secrets and options are refused at construction, per-call options checked", () => {
    const make = (options) => () => new ha.WebhookVerifier({ ...HELD, ...options });
    for (const secret of ["", ` ${SECRET}`, `${SECRET}\n`, "whpk_AAAA"]) {
      throwsCode(ha, make({ scheme: "telesoft", secret }), "ERR_WEBHOOK_SECRET_INVALID", secret.trim() || undefined);
    }
    throwsCode(ha, make({ scheme: "telesoft" }), "ERR_WEBHOOK_SECRET_INVALID");
    throwsCode(ha, make({ scheme: "telesoft", secrets: [] }), "ERR_WEBHOOK_SECRET_INVALID");
    throwsCode(ha, make({ scheme: "telesoft", secret: SECRET, secrets: [SECRET] }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, make({ scheme: "standard", secret: "whsk_AAAA" }), "ERR_WEBHOOK_SECRET_INVALID", "whsk_AAAA");
    throwsCode(ha, make({ scheme: "standard", secret: "whsec_not base64!" }), "ERR_WEBHOOK_SECRET_INVALID");
    throwsCode(ha, make({ scheme: "svix", secret: SECRET }), "ERR_WEBHOOK_SCHEME_UNKNOWN");
    throwsCode(ha, make({ secret: SECRET }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, make({ scheme: "hmac-hex", secret: SECRET }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, make({ scheme: "telesoft", prefix: "x", secret: SECRET }), "ERR_INVALID_ARGUMENT");
    // No signed timestamp, no tolerance (nor `now` at verify time).
    throwsCode(ha, make({ scheme: "telesoft", secret: SECRET, toleranceSeconds: 60 }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, make({ scheme: "standard", secret: WHSEC, toleranceSeconds: -1 }), "ERR_INVALID_ARGUMENT");
    // The payload, headers and `now` belong to each delivery.
    for (const option of ["payload", "headers", "now", "tolerance"]) {
      throwsCode(ha, make({ scheme: "telesoft", secret: SECRET, [option]: 1 }), "ERR_UNKNOWN_OPTION");
    }
    throwsCode(ha, () => new ha.WebhookVerifier(), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => new ha.WebhookVerifier("telesoft"), "ERR_INVALID_ARGUMENT");
    const telesoft = new ha.WebhookVerifier({ scheme: "telesoft", secret: SECRET, maxPayloadBytes: enc.encode(RAW).length, ...HELD });
    const headers = ha.signWebhook({ scheme: "telesoft", payload: RAW, secret: SECRET, ...HELD });
    equal(telesoft.verify(RAW, headers).scheme, "telesoft");
    throwsCode(ha, () => telesoft.verify(RAW + " ", headers), "ERR_WEBHOOK_PAYLOAD_TOO_LARGE");
    throwsCode(ha, () => telesoft.verify(RAW, headers, { now: NOW }), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => telesoft.verify(RAW, headers, { toleranceSeconds: 5 }), "ERR_UNKNOWN_OPTION");
    throwsCode(ha, () => telesoft.verify(RAW, "telesoft-signature: x"), "ERR_INVALID_ARGUMENT");
    throwsCode(ha, () => telesoft.verify(undefined, headers), "ERR_WEBHOOK_PAYLOAD_NOT_RAW");
    telesoft.free();
  });

  test("WebhookVerifier: a held Standard Webhooks verifier gives the one-shot replay keys, and the clock when no now", () => {
    const other = "whsec_c2VjcmV0";
    const verifier = new ha.WebhookVerifier({ scheme: "standard", secrets: [other, WHSEC], toleranceSeconds: 60, ...HELD });
    const signed = ha.signWebhook({ scheme: "standard", payload: RAW, secrets: [WHSEC, other], id: "msg_keys", timestamp: NOW, ...HELD });
    const held = verifier.verify(RAW, signed, { now: NOW + 60 });
    const once = ha.verifyWebhook({ scheme: "standard", payload: RAW, headers: signed, secrets: [other, WHSEC], toleranceSeconds: 60, now: NOW + 60, ...HELD });
    equal(JSON.stringify(held), JSON.stringify(once));
    equal(held.replayKeys.length, 2);
    equal(held.replayTtlSeconds, 121);
    throwsCode(ha, () => verifier.verify(RAW, signed, { now: NOW + 61 }), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
    // Without `now`, the runtime's clock: a delivery signed now verifies, the old one does not.
    const fresh = ha.signWebhook({ scheme: "standard", payload: RAW, secret: WHSEC, ...HELD });
    equal(verifier.verify(RAW, fresh).scheme, "standard");
    throwsCode(ha, () => verifier.verify(RAW, signed), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
    verifier.free();
  });

  test("WebhookVerifier: thousands of deliveries, good and bad, through one verifier", () => {
    const verifier = new ha.WebhookVerifier({ scheme: "github", secret: SECRET, ...HELD });
    const body = enc.encode(RAW);
    const headers = ha.signWebhook({ scheme: "github", payload: body, secret: SECRET, ...HELD });
    for (let i = 0; i < 3000; i++) {
      const good = i % 3 !== 0;
      equal(outcome(() => verifier.verify(good ? body : body.subarray(1), headers)), good ? '{"scheme":"github"}' : "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    }
    verifier.free();
  });

  return tests;
}
