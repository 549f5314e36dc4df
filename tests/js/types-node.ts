// Compiled by tsc with `"lib": ["es2022"]`, `"types": []` and `skipLibCheck: false`
// (tsconfig.node.json, types.test.js): the declarations check in a Node-only project without
// `dom` or @types/node too. Host types only `dom` declares (Headers, Request, Response, URL,
// CryptoKey, fetch) fall back to what healthauth reads of them.
import init, {
  SigningKey,
  signJwt,
  verifyJwt,
  jwks,
  signWebhook,
  verifyWebhook,
  verifyWebhookRequest,
  memoryReplayStore,
  redoxVerification,
  smart,
  TokenClient,
  HealthAuthError,
  type WebhookHeaders,
} from "healthauth";

await init();
await init(new Uint8Array(0));

const key = SigningKey.generate("ES256", { kid: "k1" });
const token: string = signJwt(key, { sub: "s", exp: 1 });
const { claims } = verifyJwt(token, jwks([key]), { requireExp: false, now: 0 });

const headers: WebhookHeaders = signWebhook({ scheme: "github", payload: "{}", secret: "s" });
verifyWebhook({ scheme: "github", payload: new Uint8Array(2), headers, secret: "s" });
verifyWebhook({ scheme: "github", payload: "{}", headers: { get: (_name: string) => null }, secret: "s" });
const challenge: string = redoxVerification('{"challenge":"c"}', "t", { headers: { "verification-token": "t" } });

const bodyless = { headers: { get: (_name: string) => null }, arrayBuffer: async () => new ArrayBuffer(0) };
const delivered = verifyWebhookRequest(bodyless, { scheme: "stripe", secret: "s", seen: memoryReplayStore() });

const client = new TokenClient({
  provider: smart({ tokenEndpoint: "https://x.example/token" }),
  clientId: "c",
  signingKey: key,
  encryptionKey: new Uint8Array(32),
  fetch: async (url, init) => ({
    status: init.method === "POST" && url.length > 0 ? 200 : 500,
    headers: { get: (_name: string) => null },
    arrayBuffer: async () => new ArrayBuffer(0),
  }),
});
const access: Promise<string> = client.getAccessToken();

try {
  key.free();
} catch (error) {
  if (error instanceof HealthAuthError) void error.code;
}
void [claims, challenge, delivered, access];
