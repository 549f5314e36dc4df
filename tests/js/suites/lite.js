// healthauth/lite in every runtime: the shared suite (with the shared case files) against the
// lite entry. The tests that need what lite leaves out (RSA, ECDSA and Ed25519 keys, PEM/DER
// keys, Standard Webhooks v1a) are skipped BY NAME from the list below, reported as skipped by
// each harness, and a name that no longer exists fails; then each left-out capability is shown
// to throw ERR_NOT_IN_LITE with a message naming the full entry.
import { suite } from "./index.js";
import { equal, ok, throwsCode } from "./assert.js";

/** Tests of the shared suite that need an asymmetric algorithm, by name. */
export const NEEDS_ASYMMETRIC = [
  "jose: keys sign and verify for every fast algorithm, by key, JWK and JWKS",
  "jose: RS384 generation, signing and JWK export (timed)",
  "jose: clientAssertion follows RFC 7523 and SMART Backend Services",
  "jose: strict verification: none, confusion, tampering, claims",
  "jose: audit finding 7: an empty audience list is refused, not read as any audience",
  "jose: audit finding 12: hostile alg, kid and crit names are echoed printable and bounded",
  "jose: algorithm confusion: an HS256 token keyed with the RSA public key is refused",
  "jose: keys are opaque handles until exportPrivateJwk",
  "jose: bad keys and inputs get codes, and the instance keeps working",
  "jose: WebCrypto verifies what healthauth signs, and the reverse (ES256, ES384, RS384, HS384)",
  "jose: a freed, twice-freed or never-made handle throws ERR_HANDLE_FREED, and the instance keeps working",
  "webhook: standard v1a: WebCrypto Ed25519 signatures verify, and signWebhook's verify in WebCrypto",
  "webhook: WebhookVerifier: accepts and refuses exactly what verifyWebhook does, for every scheme",
  "limits: hostile inputs of 5, 16 and 64 MiB are refused with a code at every entry, and the instance keeps working",
  // Their keys and handles are ES256 (the same core messages; lite's own refusals are below).
  "mistakes: each export's classic mistakes throw the right code and name the real mistake",
  "mistakes: every export, static and instance member, fed bad arguments, throws only coded HealthAuthErrors",
  "cases: jose: RFC 7515 A.2 RS256 token verifies with the public JWK",
  "cases: jose: RFC 7515 A.2 with algorithms [RS256]",
  "cases: jose: RFC 7515 A.2 with an RSA JWK that names no algorithm",
  "cases: jose: RFC 7515 A.2 under algorithms [RS384]",
  "cases: jose: RFC 7515 A.2 with one bit of the signature changed",
  "cases: jose: RFC 7515 A.3 ES256 token verifies with the public JWK",
  "cases: jose: RFC 7515 A.3 ES256 token verifies with the private JWK's public half",
  "cases: jose: RFC 7515 A.3 with the payload changed",
  "cases: jose: RFC 8037 A.4 Ed25519 signature verifies, but its payload is not a claims set",
  "cases: jose: RFC 8037 A.4 with one bit of the signature changed",
  "cases: jose: ES256 token verifies with every claim checked",
  "cases: jose: audience given as one string",
  "cases: jose: wrong audience",
  "cases: jose: wrong issuer",
  "cases: jose: wrong subject",
  "cases: jose: expired: now equals exp",
  "cases: jose: expired by one second, within one second of leeway",
  "cases: jose: not yet valid: nbf in the future",
  "cases: jose: nbf in the future, within the leeway",
  "cases: jose: maxAgeSeconds exceeded",
  "cases: jose: maxAgeSeconds respected",
  "cases: jose: bad signature: one bit changed",
  "cases: jose: tampered payload",
  "cases: jose: signature of another P-256 key",
  "cases: jose: ES256 token against a P-384 key",
  "cases: jose: algorithms list without the token's algorithm",
  "cases: jose: unsigned token: alg none",
  "cases: jose: unsigned token: alg none, the original signature kept",
  "cases: jose: unsigned token: alg None (any case)",
  "cases: jose: unsigned token: alg None (any case), the original signature kept",
  "cases: jose: unsigned token: alg NONE with a kid",
  "cases: jose: unsigned token: alg NONE with a kid, the original signature kept",
  "cases: jose: algorithm confusion: HS256 keyed with the RSA public JWK, against that JWK",
  "cases: jose: algorithm confusion: HS256 allowed, but the key is RSA",
  "cases: jose: algorithm confusion: algorithms [HS256] with a key bound to RS256",
  "cases: jose: unknown crit extension",
  "cases: jose: crit b64 (unencoded payload) is not understood",
  "cases: jose: crit that is not an array",
  "cases: jose: missing exp",
  "cases: jose: exp as a string",
  "cases: jose: nbf as a string",
  "cases: jose: iat in the future",
  "cases: jose: aud as a number",
  "cases: jose: missing exp accepted with requireExp false",
  "cases: jose: maxAgeSeconds without iat",
  "cases: jose: typ compared without case and application/ prefix",
  "cases: jose: typ not the expected one",
  "cases: jose: malformed: two parts",
  "cases: jose: malformed: four parts",
  "cases: jose: malformed: empty string",
  "cases: jose: malformed: header not base64url",
  "cases: jose: malformed: header with base64 padding",
  "cases: jose: malformed: header not JSON",
  "cases: jose: malformed: header a JSON array",
  "cases: jose: malformed: header without alg",
  "cases: jose: malformed: alg not a string",
  "cases: jose: malformed: payload not base64url",
  "cases: jose: malformed: signature not base64url",
  "cases: jose: malformed: payload a JSON array",
  "cases: jose: unsupported algorithm HS1024",
  "cases: jose: JWKS: the token's kid selects the key",
  "cases: jose: JWKS: kid not found",
  "cases: jose: JWKS: the only key with the kid is for encryption",
  "cases: jose: JWKS: empty",
  "cases: jose: JWKS: a token without kid tries every key",
  "cases: jose: one JWK: the token's kid is not consulted",
  "cases: jose: a JWK with a point off the curve",
  "cases: jose: an RSA JWK under 2048 bits",
  "cases: jose: RS256 (PKCS#1 v1.5 is deterministic), kid is the RFC 7638 thumbprint",
  "cases: jose: RS384 (PKCS#1 v1.5 is deterministic), kid is the RFC 7638 thumbprint",
  "cases: jose: ES256 (RFC 6979 deterministic ECDSA)",
  "cases: jose: ES384 (RFC 6979 deterministic ECDSA)",
  "cases: jose: EdDSA (Ed25519 is deterministic)",
  "cases: jose: EdDSA with a kid of the caller's",
  "cases: jose: ES256 from a SEC1 PEM with an EC PARAMETERS block",
  "cases: jose: the PEM-signed token verifies with the SPKI PEM",
  "cases: jose: the PEM-signed token verifies with the private PEM's public half",
  "cases: jose: signJwt refuses a crit header",
  "cases: jose: signJwt refuses an unencoded payload (b64 false)",
  "cases: jose: signJwt refuses a header alg other than the key's",
  "cases: jose: signJwt accepts a header alg equal to the key's",
  "cases: jose: an RSA JWK without alg",
  "cases: jose: a P-256 key asked to sign ES384",
  "cases: jose: a private JWK whose public part belongs to another key",
  "cases: jose: an RSA key of 1024 bits",
  "cases: jose: an encrypted PKCS#8 PEM",
  "cases: jose: a public PEM cannot sign",
  "cases: jose: text that is not a PEM",
  "cases: jose: ES384 client assertion (Redox, SMART Backend Services)",
  "cases: jose: RS384 client assertion",
  "cases: jose: EdDSA client assertion with jku and a 60-second lifetime",
  "cases: jose: a loopback http audience is allowed",
  "cases: jose: client assertion: lifetime over 300 seconds",
  "cases: jose: client assertion: lifetime 0",
  "cases: jose: client assertion: empty clientId",
  "cases: jose: client assertion: http audience",
  "cases: jose: client assertion: audience with a fragment",
  "cases: jose: client assertion: jku over http",
  "cases: jose: client assertion: empty jti",
  "cases: jose: client assertion: jti of 257 characters",
  "cases: jose: RFC 7638 section 3.1 example",
  "cases: jose: RFC 8037 A.3 Ed25519 public key",
  "cases: jose: RFC 8037 A.3 from the private key",
  "cases: jose: P-256 key of RFC 7515 A.3",
  "cases: jose: P-384 key",
  "cases: jose: P-256 key from a SPKI PEM",
  "cases: jose: RSA key of RFC 7515 A.2",
  "cases: jose: public JWK of the RFC 8037 private key",
  "cases: jose: public JWK keeps the caller's kid",
  "cases: jose: public JWK of an RSA key bound to RS384",
  "cases: jose: public JWK of a public key",
  "cases: jose: public JWK of a SEC1 PEM",
  "cases: jose: JWKS of two keys",
  "cases: jose: JWKS with a duplicate kid",
  "cases: jose: JWKS with the same key twice",
  "cases: jose: JWKS with an HMAC secret",
  "cases: webhook: standard v1a: sign with a whsk_ seed (Ed25519 is deterministic)",
  "cases: webhook: standard v1a: sign with a 64-byte whsk_ (seed and public key)",
  "cases: webhook: standard v1a: a 64-byte whsk_ whose public half is another key's",
  "cases: webhook: standard v1a: verify with the whpk_ public key",
  "cases: webhook: standard v1a: a v1 and a v1a signature, a whsec_ and a whpk_ secret",
  "cases: webhook: standard v1a: the body changed",
  "cases: webhook: standard v1a: 301 s late",
  "cases: webhook: standard v1a: a whpk_ key of 31 bytes",
  "cases: dpop: RFC 9449 6.1: the jkt of the example key",
  "cases: dpop: RFC 9449 example proof at the token endpoint",
  "cases: dpop: bound to the example key's jkt",
  "cases: dpop: bound to another jkt",
  "cases: dpop: RFC example refused: another method",
  "cases: dpop: RFC example refused: methods are case-sensitive",
  "cases: dpop: RFC example refused: another URL",
  "cases: dpop: RFC example refused: another host",
  "cases: dpop: RFC example refused: stale: iat 301 s old (300 s allowed)",
  "cases: dpop: RFC example refused: stale under a shorter maximum age",
  "cases: dpop: RFC example refused: iat in the future beyond 60 s",
  "cases: dpop: RFC example refused: iat in the future beyond a smaller leeway",
  "cases: dpop: RFC example refused: the server requires a nonce",
  "cases: dpop: RFC example refused: an access token the proof has no ath for",
  "cases: dpop: RFC example accepted: scheme and host case, default port",
  "cases: dpop: RFC example accepted: query and fragment ignored",
  "cases: dpop: RFC example accepted: dot segments",
  "cases: dpop: RFC example at the edge of the 300 s window",
  "cases: dpop: RFC example with a changed signature",
  "cases: dpop: ES256 proof at a resource server, with ath",
  "cases: dpop: EdDSA proof with the server's nonce",
  "cases: dpop: EdDSA proof with a previous nonce",
  "cases: dpop: ES256 proof sent with another access token",
  "cases: dpop: refused: a private key in the jwk header",
  "cases: dpop: refused: no jwk header",
  "cases: dpop: refused: no jti",
  "cases: dpop: refused: no htm",
  "cases: dpop: refused: no iat",
  "cases: dpop: refused: the jwk header is another key than the signer's",
  "cases: dpop: ES256 proof for the token endpoint (the RFC example's claims, with a fixed key)",
  "cases: dpop: query and fragment are left out of htu",
  "cases: dpop: EdDSA proof for a resource request: ath and nonce",
  "cases: dpop: the key's kid stays out of the proof (the jwk identifies it)",
  "cases: dpop: refused: htu over plain http",
  "cases: dpop: refused: htm empty",
  "cases: dpop: refused: a nonce with a space",
  "cases: oauth-endpoints: with a DPoP proof for the PAR endpoint",
  "cases: oauth-endpoints: SMART backend services with a DPoP proof carrying the server's nonce",
  "cases: oauth-endpoints: refresh with an EdDSA DPoP proof (query left out of htu)",
  "cases: oidc: EdDSA ID token from a JWKS, with nonce and fhirUser",
  "cases: oidc: ES256 ID token with at_hash of the access token",
  "cases: oidc: EdDSA at_hash is the left half of SHA-512",
  "cases: oidc: at_hash of another access token",
  "cases: oidc: no at_hash with an access token: optional in the code flow",
  "cases: oidc: wrong nonce",
  "cases: oidc: nonce sent, none in the token",
  "cases: oidc: no nonce expected: the token's is not checked",
  "cases: oidc: wrong audience (another client)",
  "cases: oidc: wrong issuer",
  "cases: oidc: several audiences without azp",
  "cases: oidc: several audiences with azp = client",
  "cases: oidc: azp naming another client",
  "cases: oidc: expired (exp past)",
  "cases: oidc: expired, within the leeway",
  "cases: oidc: issued in the future",
  "cases: oidc: no iat",
  "cases: oidc: no sub",
  "cases: oidc: auth_time within max_age",
  "cases: oidc: auth_time older than max_age",
  "cases: oidc: max_age without auth_time",
  "cases: oidc: signed by another key (kid ed-1 names the Ed25519 key, signature by the P-256 key)",
  "cases: oidc: a kid the JWKS does not have",
  "cases: oidc: ES256 not in the allowed algorithms",
  "cases: oidc: one JWK instead of a set",
];

const REASON = "needs RSA/ECDSA/Ed25519, not in healthauth/lite";

// Public test keys from the RFCs (RFC 7515 A.3 P-256, RFC 8037 A.1 Ed25519); lite refuses them
// by their `kty`/`crv` before reading the key members.
const P256_JWK = {
  kty: "EC",
  crv: "P-256",
  x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
  y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
  d: "jpsQnnGQmL-YBIffH1136cLvcVw2_PyWc2rtSsYjSkI",
};
const ED25519_JWK = {
  kty: "OKP",
  crv: "Ed25519",
  x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
};
const RSA_JWK = { kty: "RSA", n: "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl", e: "AQAB" };
// {"alg":"RS256"}.{}.signature: parses, so verification reaches the algorithm.
const RS256_TOKEN = "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl";
const RFC9449_PROOF =
  "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
const PEM = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";

function notInLite(ha, fn) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  throwsCode(ha, () => {
    if (error) throw error;
  }, "ERR_NOT_IN_LITE");
  ok(error.message.includes('import from "healthauth"'), `the message names the full entry: ${error.message}`);
}

function refusals(ha) {
  const test = (name, fn) => ({ name: `lite: ${name}`, fn });
  return [
    test("the skip list names only tests that exist", () => {}),
    test("generating an RSA, ECDSA or Ed25519 key throws ERR_NOT_IN_LITE", () => {
      for (const alg of ["RS256", "RS384", "PS256", "ES256", "ES384", "EdDSA"]) {
        notInLite(ha, () => ha.SigningKey.generate(alg));
      }
      // HMAC keys are all here.
      const key = ha.SigningKey.generate("HS384");
      equal(key.alg, "HS384");
      key.free();
    }),
    test("PEM keys throw ERR_NOT_IN_LITE (signing and verifying)", () => {
      notInLite(ha, () => ha.SigningKey.fromPem(PEM));
      notInLite(ha, () => ha.VerifyingKey.fromPem(PEM));
    }),
    test("RSA, EC and OKP JWKs throw ERR_NOT_IN_LITE; oct JWKs import", () => {
      for (const jwk of [P256_JWK, ED25519_JWK]) {
        notInLite(ha, () => ha.SigningKey.fromJwk(jwk));
        const { d, ...pub } = jwk;
        notInLite(ha, () => ha.VerifyingKey.fromJwk(pub));
      }
      notInLite(ha, () => ha.VerifyingKey.fromJwk(RSA_JWK, { alg: "RS256" }));
      const oct = ha.VerifyingKey.fromJwk({ kty: "oct", k: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0", alg: "HS256" });
      equal(oct.alg, "HS256");
      oct.free();
    }),
    test("an RS256 token throws ERR_NOT_IN_LITE (HMAC key, JWK set, with and without an allow-list)", () => {
      const key = ha.SigningKey.fromSecret("s".repeat(32), { alg: "HS256" });
      try {
        notInLite(ha, () => ha.verifyJwt(RS256_TOKEN, key, { algorithms: ["RS256"], now: 1_700_000_000 }));
        notInLite(ha, () => ha.verifyJwt(RS256_TOKEN, { keys: [RSA_JWK] }, { algorithms: ["RS256"], now: 1_700_000_000 }));
        notInLite(ha, () => ha.verifyJwt(RS256_TOKEN, key, { now: 1_700_000_000 }));
      } finally {
        key.free();
      }
    }),
    test("DPoP proofs and RS/ES/EdDSA ID tokens throw ERR_NOT_IN_LITE", () => {
      // RFC 9449 section 4.1's example proof (ES256).
      notInLite(ha, () => ha.verifyDpopProof(RFC9449_PROOF, { htm: "POST", htu: "https://server.example.com/token", now: 1_562_262_616 }));
      const options = { issuer: "https://issuer.example", clientId: "client", now: 1_700_000_000, dangerouslyAllowBrowser: true };
      notInLite(ha, () => ha.verifyIdToken(RS256_TOKEN, { keys: [RSA_JWK] }, options));
      const key = ha.SigningKey.fromSecret("s".repeat(32), { alg: "HS256", dangerouslyAllowBrowser: true });
      try {
        notInLite(ha, () => ha.verifyIdToken(RS256_TOKEN, key, options));
      } finally {
        key.free();
      }
    }),
    test("Standard Webhooks v1a keys (whpk_, whsk_) throw ERR_NOT_IN_LITE; v1 (whsec_) works", () => {
      const seed = "whsk_" + "A".repeat(43) + "=";
      const whpk = "whpk_" + "A".repeat(43) + "=";
      notInLite(ha, () => ha.signWebhook({ scheme: "standard", payload: "x", secret: seed, timestamp: 1_700_000_000 }));
      const headers = { "webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": "v1a,AAAA" };
      notInLite(ha, () => ha.verifyWebhook({ scheme: "standard", payload: "x", headers, secret: whpk, now: 1_700_000_000 }));
      notInLite(ha, () => new ha.WebhookVerifier({ scheme: "standard", secret: whpk }));
      const whsec = "whsec_" + "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
      const signed = ha.signWebhook({ scheme: "standard", payload: "x", secret: whsec, id: "msg_1", timestamp: 1_700_000_000 });
      equal(ha.verifyWebhook({ scheme: "standard", payload: "x", headers: signed, secret: whsec, now: 1_700_000_000 }).id, "msg_1");
    }),
    // What lite keeps of the skipped shared tests, with HMAC keys.
    test("HS256/384/512 sign and verify by key and by oct JWK; tampering, none, expiry, weak secrets and another key are refused", () => {
      const ALLOW = { dangerouslyAllowBrowser: true };
      for (const alg of ["HS256", "HS384", "HS512"]) {
        const key = ha.SigningKey.generate(alg);
        equal(key.alg, alg);
        const token = ha.signJwt(key, { sub: "patient-app", exp: 1_800_000_060 });
        equal(ha.verifyJwt(token, key, { now: 1_800_000_000 }).claims.sub, "patient-app");
        const jwk = key.exportPrivateJwk();
        equal(jwk.kty, "oct");
        equal(ha.verifyJwt(token, jwk, { now: 1_800_000_000, ...ALLOW }).claims.sub, "patient-app");
        throwsCode(ha, () => key.publicJwk(), "ERR_KEY_SYMMETRIC");
        const [h, p, sig] = token.split(".");
        const flipped = sig.slice(0, 10) + (sig[10] === "A" ? "B" : "A") + sig.slice(11);
        throwsCode(ha, () => ha.verifyJwt(`${h}.${p}.${flipped}`, key, { now: 1_800_000_000 }), "ERR_JWT_SIGNATURE_INVALID");
        throwsCode(ha, () => ha.verifyJwt(`eyJhbGciOiJub25lIn0.${p}.`, key, { now: 1_800_000_000 }), "ERR_JWT_ALG_NOT_ALLOWED");
        throwsCode(ha, () => ha.verifyJwt(token, key, { now: 1_800_000_061 }), "ERR_JWT_EXPIRED");
        key.free();
      }
      const a = ha.SigningKey.generate("HS256");
      const b = ha.SigningKey.generate("HS256");
      throwsCode(ha, () => ha.verifyJwt(ha.signJwt(a, { sub: "x" }), b, { requireExp: false }), "ERR_JWT_SIGNATURE_INVALID");
      throwsCode(ha, () => ha.SigningKey.fromSecret("short", { alg: "HS256", ...ALLOW }), "ERR_KEY_TOO_WEAK");
      a.free();
      b.free();
    }),
    test("freed HMAC keys and WebhookVerifiers throw ERR_HANDLE_FREED, and the instance keeps working", () => {
      const key = ha.SigningKey.generate("HS384");
      key.free();
      throwsCode(ha, () => key.alg, "ERR_HANDLE_FREED");
      throwsCode(ha, () => ha.signJwt(key, { sub: "x" }), "ERR_HANDLE_FREED");
      throwsCode(ha, () => key.free(), "ERR_HANDLE_FREED");
      throwsCode(ha, () => Object.create(ha.SigningKey.prototype).alg, "ERR_HANDLE_FREED");
      const verifier = new ha.WebhookVerifier({ scheme: "telesoft", secret: "telesoft-webhook-secret-1234", dangerouslyAllowBrowser: true });
      verifier.free();
      throwsCode(ha, () => verifier.verify("{}", { "telesoft-signature": "00" }), "ERR_HANDLE_FREED");
      const again = ha.SigningKey.generate("HS256");
      equal(ha.signJwt(again, { sub: "y" }).split(".").length, 3);
      again.free();
    }),
    test("WebhookVerifier accepts and refuses what verifyWebhook does, for every HMAC scheme", () => {
      const ALLOW = { dangerouslyAllowBrowser: true };
      const raw = '{"event":"lab.result","id":42}';
      const setups = [
        { scheme: "telesoft", secret: "telesoft-webhook-secret-1234" },
        { scheme: "hmac-hex", header: "X-Signature", prefix: "sha512=", hash: "sha512", secret: "hmac-hex-secret" },
        { scheme: "github", secret: "github-secret" },
        { scheme: "stripe", secret: "whsec_stripe" },
        { scheme: "standard", secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=" },
        { scheme: "redox", secret: "redox-token" },
      ];
      const outcome = (fn) => {
        try {
          const r = fn();
          return `ok ${r.scheme} ${r.id ?? ""} ${r.replayKey ?? ""}`;
        } catch (e) {
          return e.code ?? String(e);
        }
      };
      for (const { secret, ...scheme } of setups) {
        const signed = ha.signWebhook({ ...scheme, payload: raw, secret, id: "msg_1", timestamp: 1_800_000_000, ...ALLOW });
        const timed = scheme.scheme === "stripe" || scheme.scheme === "standard";
        const verifier = new ha.WebhookVerifier({ ...scheme, secret, ...ALLOW });
        let accepted = 0;
        for (const payload of [raw, raw + " ", ""]) {
          for (const headers of [signed, {}]) {
            const at = timed ? { now: 1_800_000_000 } : undefined;
            const held = outcome(() => verifier.verify(payload, headers, at));
            const once = outcome(() => ha.verifyWebhook({ ...scheme, secret, payload, headers, ...(at ?? {}), ...ALLOW }));
            equal(held, once, `${scheme.scheme}: held and one-shot differ`);
            if (held.startsWith("ok")) accepted++;
          }
        }
        ok(accepted >= 1, `${scheme.scheme}: the signed delivery verifies`);
        verifier.free();
      }
    }),
    test("hostile sizes are refused with a code before any work", () => {
      const ALLOW = { dangerouslyAllowBrowser: true };
      const big = "a".repeat(5 * 1024 * 1024);
      const key = ha.SigningKey.generate("HS256");
      throwsCode(ha, () => ha.verifyJwt(big, key, { now: 1 }), "ERR_JWT_TOO_LARGE");
      throwsCode(ha, () => ha.verifyWebhook({ scheme: "telesoft", secret: "s", payload: big, headers: { "telesoft-signature": "00" }, ...ALLOW }), "ERR_WEBHOOK_PAYLOAD_TOO_LARGE");
      equal(ha.createPkce().method, "S256");
      key.free();
    }),
  ];
}

/**
 * The lite suite: `[{ name, fn, skip? }]`. Entries with `skip` (the reason) are the shared
 * tests lite cannot run; harnesses report them as skipped and do not call `fn`.
 */
export function liteSuite(ha, platform) {
  const all = suite(ha, platform);
  const names = new Set(all.map((t) => t.name));
  const stale = NEEDS_ASYMMETRIC.filter((name) => !names.has(name));
  const skipped = new Set(NEEDS_ASYMMETRIC);
  const own = refusals(ha);
  own[0].fn = () => {
    if (stale.length) throw new Error(`NEEDS_ASYMMETRIC names tests that no longer exist: ${stale.join("; ")}`);
  };
  return [
    ...all.map((t) => (skipped.has(t.name) ? { ...t, skip: REASON } : t)),
    ...own,
  ];
}
