// Webhooks against independent implementations, from the packed package imported by name:
// standardwebhooks (npm), @octokit/webhooks-methods, and hand-written node:crypto for Telesoft,
// Stripe and Standard Webhooks v1a (Ed25519).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, generateKeyPairSync, sign as edSign, verify as edVerify } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { sign as octokitSign, verify as octokitVerify } from "@octokit/webhooks-methods";
import { verifyWebhook, signWebhook, verifyWebhookRequest, HealthAuthError } from "healthauth";

const RAW = '{\n  "event": "appointment.created",\n  "data": { "id": "apt_1", "patient": "Zoë" }\n}';
const RAW_BYTES = Buffer.from(RAW, "utf8");

function code(fn) {
  try {
    fn();
    return "ok";
  } catch (e) {
    assert.ok(e instanceof HealthAuthError, String(e));
    return e.code;
  }
}

test("telesoft: node:crypto HMAC over the raw bytes verifies; the re-serialized body fails", () => {
  const secret = "telesoft_whsecret_0123456789";
  const signature = createHmac("sha256", secret).update(RAW_BYTES).digest("hex");
  const headers = { "telesoft-signature": signature };
  assert.equal(verifyWebhook({ scheme: "telesoft", payload: RAW_BYTES, headers, secret }).scheme, "telesoft");
  // The seed's example: verifying JSON.stringify(req.body) after express.json() parsed it.
  const reserialized = JSON.stringify(JSON.parse(RAW));
  assert.equal(code(() => verifyWebhook({ scheme: "telesoft", payload: reserialized, headers, secret })), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
  assert.throws(() => verifyWebhook({ scheme: "telesoft", payload: JSON.parse(RAW), headers, secret }), (e) => e.code === "ERR_WEBHOOK_PAYLOAD_NOT_RAW" && /raw request body/.test(e.message));
  // And the other way: what signWebhook sets is what node:crypto computes.
  assert.equal(signWebhook({ scheme: "telesoft", payload: RAW_BYTES, secret })["telesoft-signature"], signature);
});

test("standard: messages signed by the standardwebhooks package verify; 301 s old is refused", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const wh = new Webhook(secret);
  const id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
  const nowDate = new Date();
  const now = Math.floor(nowDate.getTime() / 1000);
  const headers = { "webhook-id": id, "webhook-timestamp": String(now), "webhook-signature": wh.sign(id, nowDate, RAW) };
  const r = verifyWebhook({ scheme: "standard", payload: RAW_BYTES, headers, secret });
  assert.equal(r.id, id);
  assert.equal(r.timestamp, now);
  const old = new Date((now - 301) * 1000);
  const oldHeaders = { "webhook-id": id, "webhook-timestamp": String(now - 301), "webhook-signature": wh.sign(id, old, RAW) };
  assert.equal(code(() => verifyWebhook({ scheme: "standard", payload: RAW_BYTES, headers: oldHeaders, secret })), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
  assert.equal(code(() => verifyWebhook({ scheme: "standard", payload: RAW_BYTES, headers: oldHeaders, secret, now: now - 1 })), "ok");
  // The reverse: headers from signWebhook verify in standardwebhooks.
  const ours = signWebhook({ scheme: "standard", payload: RAW_BYTES, secret });
  assert.deepEqual(wh.verify(RAW, ours), JSON.parse(RAW));
  // Rotation: a header with an old and a new signature, verified with either secret.
  const previous = "whsec_" + Buffer.from("previous-secret-24-bytes!").toString("base64");
  const both = signWebhook({ scheme: "standard", payload: RAW, secrets: [previous, secret], id, timestamp: now });
  assert.equal(both["webhook-signature"].split(" ").length, 2);
  assert.deepEqual(wh.verify(RAW, both), JSON.parse(RAW));
  assert.equal(verifyWebhook({ scheme: "standard", payload: RAW, headers: both, secret: previous }).id, id);
  // Tampered for standardwebhooks too (the peer agrees).
  assert.throws(() => wh.verify(RAW + " ", ours));
  assert.equal(code(() => verifyWebhook({ scheme: "standard", payload: RAW + " ", headers: ours, secret })), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
});

test("standard v1a: node:crypto Ed25519 signatures verify, and ours verify in node:crypto", () => {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const pub = publicKey.export({ format: "jwk" });
  const priv = privateKey.export({ format: "jwk" });
  const whpk = "whpk_" + Buffer.from(pub.x, "base64url").toString("base64");
  const whsk = "whsk_" + Buffer.from(priv.d, "base64url").toString("base64");
  const id = "msg_ed25519";
  const now = 1_700_000_000;
  const message = Buffer.concat([Buffer.from(`${id}.${now}.`), RAW_BYTES]);
  const sig = edSign(null, message, privateKey).toString("base64");
  const headers = { "webhook-id": id, "webhook-timestamp": String(now), "webhook-signature": `v1a,${sig}` };
  assert.equal(verifyWebhook({ scheme: "standard", payload: RAW_BYTES, headers, secret: whpk, now }).id, id);
  const ours = signWebhook({ scheme: "standard", payload: RAW_BYTES, secret: whsk, id, timestamp: now });
  assert.ok(edVerify(null, message, publicKey, Buffer.from(ours["webhook-signature"].slice(4), "base64")));
  assert.equal(ours["webhook-signature"], `v1a,${sig}`, "Ed25519 is deterministic: same signature");
  assert.equal(code(() => verifyWebhook({ scheme: "standard", payload: RAW_BYTES, headers, secret: whpk, now: now + 301 })), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
});

test("github: @octokit/webhooks-methods signatures verify here, and ours verify there", async () => {
  const secret = "It's a Secret to Everybody";
  const signature = await octokitSign(secret, RAW);
  assert.equal(verifyWebhook({ scheme: "github", payload: RAW_BYTES, headers: { "X-Hub-Signature-256": signature }, secret }).scheme, "github");
  const ours = signWebhook({ scheme: "github", payload: RAW_BYTES, secret })["x-hub-signature-256"];
  assert.equal(ours, signature);
  assert.equal(await octokitVerify(secret, RAW, ours), true);
  // GitHub's documented example (docs.github.com, "Validating webhook deliveries").
  assert.equal(
    signWebhook({ scheme: "github", payload: "Hello, World!", secret })["x-hub-signature-256"],
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
  );
});

test("stripe: the reference algorithm (node:crypto) verifies here, and ours matches it", () => {
  const secret = "whsec_test_0123456789abcdef";
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${RAW}`, "utf8").digest("hex");
  const header = `t=${t},v1=${v1},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39`;
  const r = verifyWebhook({ scheme: "stripe", payload: RAW_BYTES, headers: { "Stripe-Signature": header }, secret });
  assert.equal(r.timestamp, t);
  assert.equal(signWebhook({ scheme: "stripe", payload: RAW, secret, timestamp: t })["stripe-signature"], `t=${t},v1=${v1}`);
  const old = createHmac("sha256", secret).update(`${t - 301}.${RAW}`, "utf8").digest("hex");
  assert.equal(code(() => verifyWebhook({ scheme: "stripe", payload: RAW_BYTES, headers: { "stripe-signature": `t=${t - 301},v1=${old}` }, secret })), "ERR_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE");
});

test("verifyWebhookRequest: a Worker-style handler over a Fetch Request", async () => {
  const secret = "telesoft_whsecret_0123456789";
  const signature = createHmac("sha256", secret).update(RAW_BYTES).digest("hex");
  const request = new Request("https://example.com/webhooks/telesoft", {
    method: "POST",
    headers: { "content-type": "application/json", "Telesoft-Signature": signature },
    body: RAW_BYTES,
  });
  const { json } = await verifyWebhookRequest(request, { scheme: "telesoft", secret });
  assert.equal(json().data.patient, "Zoë");
});
