// Compiled by tsc (types.test.js): the published declarations describe the real surface.
import init, {
  createPkce,
  pkceChallenge,
  verifyPkce,
  randomState,
  HealthAuthError,
  type HealthAuthErrorCode,
  type PkcePair,
} from "healthauth";

await init();
const pair: PkcePair = createPkce({ length: 64 });
const method: "S256" = pair.method;
const challenge: string = pkceChallenge(pair.verifier);
const matches: boolean = verifyPkce(pair.verifier, challenge);
const state: string = randomState(32);

try {
  pkceChallenge("short");
} catch (e) {
  if (e instanceof HealthAuthError) {
    const code: HealthAuthErrorCode = e.code;
    const details: object = e.details;
    const provider: string | undefined = e.error;
    const description: string | undefined = e.errorDescription;
    const status: number | undefined = e.status;
    void [code, details, provider, description, status];
  }
}
const verifierLength: HealthAuthError<"ERR_PKCE_VERIFIER_LENGTH"> = new HealthAuthError("ERR_PKCE_VERIFIER_LENGTH", "m", { length: 42 });
const length: number = verifierLength.details.length;
// @ts-expect-error: details are typed by code
new HealthAuthError("ERR_PKCE_VERIFIER_LENGTH", "m", { position: 1 });
void length;

// @ts-expect-error: length is a number
createPkce({ length: "64" });
// @ts-expect-error: unknown options are refused
createPkce({ lenght: 64 });
// @ts-expect-error: the verifier is a string
pkceChallenge(42);
// @ts-expect-error: codes are a closed union
const wrong: HealthAuthErrorCode = "ERR_NOPE";

void [method, matches, state, wrong];

// JOSE, webhooks and OAuth: the declarations accept real usage.
import {
  SigningKey,
  VerifyingKey,
  signJwt,
  verifyJwt,
  clientAssertion,
  jwks,
  clientCredentialsRequest,
  TokenClient,
  smart,
  verifyWebhook,
  verifyWebhookRequest,
  memoryReplayStore,
  type WebhookReplayStore,
  type Jwks,
  type VerifiedJwt,
} from "healthauth";

const key: SigningKey = SigningKey.generate("ES384", { kid: "k1" });
const alg: string = key.alg;
const published: Jwks = jwks([key, key.verifyingKey()]);
const assertion: string = clientAssertion(key, { clientId: "c", audience: "https://x.example/token" });
const verified: VerifiedJwt = verifyJwt(signJwt(key, { exp: 1 }), published, { audience: "a", leewaySeconds: 5 });
const request = clientCredentialsRequest({ tokenEndpoint: "https://x.example/token", clientId: "c", signingKey: key });
const httpMethod: "POST" = request.method;
const client = new TokenClient({ provider: smart({ tokenEndpoint: "https://x.example/token" }), clientId: "c", signingKey: key });
const pending: Promise<string> = client.getAccessToken();
const sealed = new TokenClient({
  tokenEndpoint: "https://x.example/token",
  clientId: "c",
  clientSecret: "s",
  store: { get: async () => null, put: async () => {} },
  encryptionKey: new Uint8Array(32),
  refreshTokenLifetimeSeconds: 86_400,
});
const redirected: HealthAuthErrorCode = "ERR_TOKEN_ENDPOINT_REDIRECTED";
const reauth: HealthAuthErrorCode = "ERR_REAUTHENTICATION_REQUIRED";
// @ts-expect-error: an encryption key is bytes, text or a CryptoKey
new TokenClient({ tokenEndpoint: "https://x.example/token", clientSecret: "s", encryptionKey: 32 });
const hook = verifyWebhook({ scheme: "telesoft", payload: new Uint8Array(), headers: {}, secret: "s" });
const replayKeys: string[] | undefined = hook.replayKeys;
const replayTtl: number | undefined = hook.replayTtlSeconds;
const store: WebhookReplayStore = memoryReplayStore({ maxEntries: 10 });
const delivered = verifyWebhookRequest(new Request("https://x.example/hook"), { scheme: "standard", secret: "s", seen: store });
// @ts-expect-error: the bound is a number
memoryReplayStore({ maxEntries: "10" });
VerifyingKey.fromJwk(key.publicJwk()).free();
{
  // Explicit resource management: the key is freed (and zeroized) at the end of the block.
  using scoped = SigningKey.generate("ES384");
  using publicKey = scoped.verifyingKey();
  void publicKey.kid;
}
// @ts-expect-error: `none` is not an algorithm
SigningKey.generate("none");
// @ts-expect-error: a client assertion needs an audience
clientAssertion(key, { clientId: "c" });

void [alg, assertion, verified, httpMethod, pending, hook, sealed, redirected, reauth, replayKeys, replayTtl, delivered];

// The held webhook verifier.
import { WebhookVerifier, type VerifiedWebhook, type WebhookVerifierOptions } from "healthauth";

const heldOptions: WebhookVerifierOptions = { scheme: "standard", secrets: ["whsec_a", "whsec_b"], toleranceSeconds: 60 };
const held = new WebhookVerifier(heldOptions);
const heldScheme: "standard" | "telesoft" | "hmac-hex" | "github" | "stripe" | "redox" = held.scheme;
const heldResult: VerifiedWebhook = held.verify(new Uint8Array(), new Headers(), { now: 1 });
{
  using scopedVerifier = new WebhookVerifier({ scheme: "telesoft", secret: "s" });
  scopedVerifier.verify("{}", { "telesoft-signature": "00" });
}
// @ts-expect-error: the payload is raw bytes or text, never a parsed object
held.verify({ event: "x" }, {});
// @ts-expect-error: a verifier takes no payload of its own
new WebhookVerifier({ scheme: "telesoft", secret: "s", payload: "{}" });
held.free();
void [heldScheme, heldResult];
