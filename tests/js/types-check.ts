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
// The .wasm as a module (esbuild's file or binary loader): typed as what init() takes.
import wasm from "healthauth/healthauth_bg.wasm";
await init(wasm);
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
  decodeJwt,
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
  type DecodedJwt,
  type DecodeJwtOptions,
} from "healthauth";

const key: SigningKey = SigningKey.generate("ES384", { kid: "k1" });
const alg: string = key.alg;
const published: Jwks = jwks([key, key.verifyingKey()]);
const assertion: string = clientAssertion(key, { clientId: "c", audience: "https://x.example/token" });
const verified: VerifiedJwt = verifyJwt(signJwt(key, { exp: 1 }), published, { audience: "a", leewaySeconds: 5 });
const decodeOptions: DecodeJwtOptions = { maxTokenBytes: 4096 };
const decoded: DecodedJwt = decodeJwt(assertion, decodeOptions);
void decoded.claims.iss;
// @ts-expect-error: decodeJwt's only option is maxTokenBytes
decodeJwt(assertion, { audience: "a" });
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
// A WebCrypto key, as each host types it (dom, Node's types, Workers' abstract class).
const aesKey = await crypto.subtle.importKey("raw", new Uint8Array(32), "AES-GCM", false, ["encrypt", "decrypt"]);
new TokenClient({ tokenEndpoint: "https://x.example/token", clientSecret: "s", store: { get: async () => null, put: async () => {} }, encryptionKey: aesKey });
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

// ---- Every export, once; each options type refuses a misspelt option and a wrong type --------
import {
  signWebhook,
  redoxVerification,
  authorizationUrl,
  parseCallback,
  codeExchangeRequest,
  refreshRequest,
  parseTokenResponse,
  updoxAuth,
  parseApiKey,
  ipAllowed,
  redox,
  telesoft,
  digitail,
  type HealthAuthErrorDetails,
  type CreatePkceOptions,
  type Algorithm,
  type Jwk,
  type KeyImportOptions,
  type SecretImportOptions,
  type GenerateKeyOptions,
  type VerifyJwtOptions,
  type ClientAssertionOptions,
  type WebhookScheme,
  type WebhookPayload,
  type WebhookHeaders,
  type WebhookSchemeOptions,
  type VerifyWebhookOptions,
  type VerifiedWebhook,
  type SignWebhookOptions,
  type RedoxVerificationInput,
  type RedoxVerificationOptions,
  type AuthorizationUrlOptions,
  type CallbackResult,
  type ParseCallbackOptions,
  type ClientAuthMethod,
  type TokenEndpointAuth,
  type SigningKeyAuth,
  type ClientAuth,
  type WithSigningKey,
  type TokenRequestClientOptions,
  type CodeExchangeRequestOptions,
  type RefreshRequestOptions,
  type ClientCredentialsRequestOptions,
  type TokenHttpRequest,
  type TokenResponse,
  type ParseTokenResponseOptions,
  type UpdoxAuthOptions,
  type UpdoxAuthObject,
  type ParseApiKeyOptions,
  type ParsedApiKey,
  type ProviderPreset,
  type RedoxPresetOptions,
  type DigitailPresetOptions,
  type SmartPresetOptions,
  type MemoryReplayStoreOptions,
  type VerifyWebhookRequestOptions,
  type VerifiedWebhookRequest,
  type AssertionCallbackAuth,
  type TokenStore,
  type TokenClientOptions,
} from "healthauth";

const endpoint = "https://x.example/token";

// pkce
const pkceOptions: CreatePkceOptions = { length: 43 };
createPkce(pkceOptions);
const bytes: string = randomState();
const detail: HealthAuthErrorDetails["ERR_RANDOM_LENGTH"] = { requested: 8, min: 16, max: 256 };
void [bytes, detail];

// jose
const algorithm: Algorithm = "EdDSA";
const importOptions: KeyImportOptions = { alg: "RS256", kid: "k", dangerouslyAllowBrowser: false };
// @ts-expect-error: misspelt option
SigningKey.fromPem("pem", { algo: "RS256" });
// @ts-expect-error: kid is a string
VerifyingKey.fromPem("pem", { kid: 1 });
const secretOptions: SecretImportOptions = { alg: "HS256" };
const hmac: SigningKey = SigningKey.fromSecret(new Uint8Array(32), secretOptions);
// @ts-expect-error: misspelt option
SigningKey.fromSecret("secret", { alg: "HS256", kidd: "k" });
// @ts-expect-error: an HMAC secret takes an HMAC algorithm
SigningKey.fromSecret("secret", { alg: "RS256" });
// @ts-expect-error: an HMAC secret needs its algorithm
SigningKey.fromSecret("secret");
const generateOptions: GenerateKeyOptions = { kid: "k", modulusLength: 2048 };
const rsa: SigningKey = SigningKey.generate("RS256", generateOptions);
// @ts-expect-error: misspelt option
SigningKey.generate("RS256", { modulusLenght: 2048 });
// @ts-expect-error: the modulus length is a number
SigningKey.generate("RS256", { modulusLength: "2048" });
const privateJwk: Jwk = rsa.exportPrivateJwk();
const fromJwk: SigningKey = SigningKey.fromJwk(privateJwk, importOptions);
const thumbprint: string = fromJwk.thumbprint();
const verifying: VerifyingKey = VerifyingKey.fromJwk(JSON.stringify(rsa.publicJwk()));
const verifyingAlg: Algorithm | undefined = verifying.alg;
const verifyingJwk: Jwk = verifying.toJwk();
void [verifying.thumbprint(), verifying.kid, fromJwk.kid];
const jwt: string = signJwt(hmac, { sub: "s" }, { typ: "JWT" });
const verifyOptions: VerifyJwtOptions = { algorithms: ["HS256"], issuer: "i", requireExp: false, maxJwksBytes: 1 };
verifyJwt(jwt, hmac, verifyOptions);
// @ts-expect-error: misspelt option
verifyJwt(jwt, hmac, { audiance: "a" });
// @ts-expect-error: `none` is not an accepted algorithm
verifyJwt(jwt, hmac, { algorithms: ["none"] });
const assertionOptions: ClientAssertionOptions = { clientId: "c", audience: endpoint, lifetimeSeconds: 60, jku: "https://x.example/jwks" };
clientAssertion(rsa, assertionOptions);
// @ts-expect-error: misspelt option
clientAssertion(rsa, { clientId: "c", audience: endpoint, lifetime: 60 });
// @ts-expect-error: the lifetime is a number
clientAssertion(rsa, { clientId: "c", audience: endpoint, lifetimeSeconds: "60" });
void [algorithm, thumbprint, verifyingAlg, verifyingJwk];

// webhook
const scheme: WebhookScheme = "standard";
const payload: WebhookPayload = new ArrayBuffer(2);
const headers: WebhookHeaders = new Headers({ "webhook-id": "msg_1" });
const schemeOptions: WebhookSchemeOptions = { scheme: "hmac-hex", header: "x-sig", prefix: "sha256=", hash: "sha512", secrets: ["a", "b"] };
// @ts-expect-error: misspelt option
const misspeltScheme: WebhookSchemeOptions = { scheme: "github", secrt: "s" };
// @ts-expect-error: no such scheme
const wrongScheme: WebhookSchemeOptions = { scheme: "gitlab" };
const verifyWebhookOptions: VerifyWebhookOptions = { ...schemeOptions, payload, headers, toleranceSeconds: 60, now: 1, maxPayloadBytes: 10 };
const webhook: VerifiedWebhook = verifyWebhook(verifyWebhookOptions);
// @ts-expect-error: misspelt option
verifyWebhook({ scheme, payload, headers, secret: "s", tolerance: 60 });
// @ts-expect-error: a parsed body is not a payload
verifyWebhook({ scheme, payload: { parsed: true }, headers, secret: "s" });
const signOptions: SignWebhookOptions = { scheme: "stripe", payload: "{}", secret: "s", timestamp: 1, id: "msg_1" };
const signed: Record<string, string> = signWebhook(signOptions);
// @ts-expect-error: misspelt option
signWebhook({ scheme, payload, secret: "s", timestmp: 1 });
// @ts-expect-error: the timestamp is a number
signWebhook({ scheme, payload, secret: "s", timestamp: "1" });
const redoxInput: RedoxVerificationInput = new URLSearchParams("challenge=c&verification-token=t");
const redoxOptions: RedoxVerificationOptions = { headers: { "verification-token": "t" }, maxBytes: 100 };
const redoxChallenge: string = redoxVerification(redoxInput, ["t", "u"], redoxOptions);
redoxVerification(new URL("https://x.example/?challenge=c"), "t");
// @ts-expect-error: misspelt option
redoxVerification("body", "t", { maxByte: 100 });
// @ts-expect-error: the cap is a number
redoxVerification("body", "t", { maxBytes: "100" });
void [misspeltScheme, wrongScheme, webhook, signed, redoxChallenge];

// oauth and providers
const urlOptions: AuthorizationUrlOptions = { clientId: "c", redirectUri: "https://app.example/cb", state: "s", scope: ["a", "b"], codeChallenge: "x", extraParams: { prompt: "login" }, provider: telesoft() };
const url: string = authorizationUrl(urlOptions);
// @ts-expect-error: misspelt option
authorizationUrl({ clientId: "c", redirectUrl: "https://app.example/cb", state: "s" });
// @ts-expect-error: scopes are strings
authorizationUrl({ clientId: "c", redirectUri: "https://app.example/cb", state: "s", scope: 1 });
const callbackOptions: ParseCallbackOptions = { expectedState: "s", expectedIssuer: "https://x.example", maxBytes: 100 };
const callback: CallbackResult = parseCallback(url, callbackOptions);
// @ts-expect-error: misspelt option
parseCallback(url, { expectedState: "s", expectedIssur: "i" });
// @ts-expect-error: the state is a string
parseCallback(url, { expectedState: 1 });
const methodName: ClientAuthMethod = "client_secret_json";
const endpointAuth: TokenEndpointAuth = { method: "client_secret_post", secret: "s" };
const keyAuth: SigningKeyAuth = { signingKey: rsa, jku: "https://x.example/jwks" };
const auths: ClientAuth[] = [endpointAuth, keyAuth, { method: "private_key_jwt", assertion: "a.b.c" }, { method: "none" }];
// @ts-expect-error: misspelt option
clientCredentialsRequest({ tokenEndpoint: endpoint, clientId: "c", clientAuth: { signingKey: rsa, jwku: "x" } });
// @ts-expect-error: a signing key is a SigningKey
clientCredentialsRequest({ tokenEndpoint: endpoint, clientId: "c", clientAuth: { signingKey: "pem" } });
const clientOptions: TokenRequestClientOptions = { tokenEndpoint: endpoint, clientId: "c", clientAuth: endpointAuth, dangerouslyAllowBrowser: true };
// @ts-expect-error: misspelt option
const misspeltClient: TokenRequestClientOptions = { tokenEndPoint: endpoint };
// @ts-expect-error: no such method
const wrongClient: TokenRequestClientOptions = { tokenEndpoint: endpoint, clientAuth: { method: "basic" } };
const codeOptions: CodeExchangeRequestOptions = { ...clientOptions, code: "c", redirectUri: "https://app.example/cb", codeVerifier: "v" };
const exchange: TokenHttpRequest = codeExchangeRequest(codeOptions);
const signedExchange: WithSigningKey<CodeExchangeRequestOptions> = { tokenEndpoint: endpoint, clientId: "c", code: "c", redirectUri: "https://app.example/cb", signingKey: rsa };
codeExchangeRequest(signedExchange);
// @ts-expect-error: misspelt option
codeExchangeRequest({ tokenEndpoint: endpoint, code: "c", redirectUri: "https://app.example/cb", codeVerifer: "v" });
// @ts-expect-error: the code is a string
codeExchangeRequest({ tokenEndpoint: endpoint, code: 1, redirectUri: "https://app.example/cb" });
// @ts-expect-error: a signing key is a SigningKey
codeExchangeRequest({ tokenEndpoint: endpoint, code: "c", redirectUri: "https://app.example/cb", signingKey: "pem" });
const refreshOptions: RefreshRequestOptions = { ...clientOptions, refreshToken: "r", scope: "a" };
refreshRequest(refreshOptions);
// @ts-expect-error: misspelt option
refreshRequest({ tokenEndpoint: endpoint, refreshToken: "r", scopes: "a" });
// @ts-expect-error: the refresh token is a string
refreshRequest({ tokenEndpoint: endpoint, refreshToken: 1 });
const credentialsOptions: ClientCredentialsRequestOptions = { ...clientOptions, scope: ["a"] };
clientCredentialsRequest(credentialsOptions);
// @ts-expect-error: misspelt option
clientCredentialsRequest({ tokenEndpoint: endpoint, clientSecret: "s", scopes: "a" });
// @ts-expect-error: scopes are strings
clientCredentialsRequest({ tokenEndpoint: endpoint, clientSecret: "s", scope: 1 });
const tokenOptions: ParseTokenResponseOptions = { now: 1, refreshSkewSeconds: 5, defaultLifetimeSeconds: 60, maxBytes: 100 };
const token: TokenResponse = parseTokenResponse(200, "{}", tokenOptions);
// @ts-expect-error: misspelt option
parseTokenResponse(200, "{}", { refreshSkew: 5 });
// @ts-expect-error: the time is a number
parseTokenResponse(200, "{}", { now: "1" });
const updoxOptions: UpdoxAuthOptions = { applicationId: "a", applicationPassword: "p", accountId: "x", userId: "u" };
const updox: UpdoxAuthObject = updoxAuth(updoxOptions);
// @ts-expect-error: misspelt option
updoxAuth({ applicationId: "a", applicationPasword: "p" });
// @ts-expect-error: the user id is a string
updoxAuth({ loginId: "l", loginPassword: "p", userId: 1 });
const apiKeyOptions: ParseApiKeyOptions = { dangerouslyAllowBrowser: true };
const apiKey: ParsedApiKey = parseApiKey("ts_test_x", apiKeyOptions);
// @ts-expect-error: misspelt option
parseApiKey("ts_test_x", { dangerouslyAllowBrowsers: true });
// @ts-expect-error: a boolean
parseApiKey("ts_test_x", { dangerouslyAllowBrowser: "yes" });
const allowed: boolean = ipAllowed("10.0.0.1", ["10.0.0.0/8"]);
const redoxOptionsPreset: RedoxPresetOptions = { region: "us" };
const presets: ProviderPreset[] = [redox(redoxOptionsPreset), redox(), telesoft()];
const algorithms: Algorithm[] = presets[0]!.assertionAlgorithms;
// @ts-expect-error: misspelt option
redox({ regoin: "us" });
// @ts-expect-error: no such region
redox({ region: "eu" });
// @ts-expect-error: telesoft takes no options
telesoft({ region: "us" });
const digitailOptions: DigitailPresetOptions = { baseUrl: "https://x.example" };
presets.push(digitail(digitailOptions));
// @ts-expect-error: misspelt option
digitail({ baseUrl: "https://x.example", baseURL: "https://x.example" });
// @ts-expect-error: the base URL is a string
digitail({ baseUrl: 1 });
const smartOptions: SmartPresetOptions = { tokenEndpoint: endpoint };
presets.push(smart(smartOptions));
// @ts-expect-error: misspelt option
smart({ tokenEndpoint: endpoint, fhirBaseUrl: "https://x.example" });
// @ts-expect-error: the endpoint is a string
smart({ tokenEndpoint: 1 });
void [methodName, auths, misspeltClient, wrongClient, exchange, token, updox, apiKey, allowed, algorithms, callback];

// the JS-only items: the replay store, verifyWebhookRequest, TokenClient
const storeOptions: MemoryReplayStoreOptions = { maxEntries: 10 };
memoryReplayStore(storeOptions);
// @ts-expect-error: misspelt option
memoryReplayStore({ maxEntry: 10 });
const requestOptions: VerifyWebhookRequestOptions = { scheme: "stripe", secrets: ["s"], toleranceSeconds: 10, seen: true };
const verifiedRequest: Promise<VerifiedWebhookRequest> = verifyWebhookRequest(new Request("https://x.example/hook"), requestOptions);
// @ts-expect-error: misspelt option
verifyWebhookRequest(new Request("https://x.example/hook"), { scheme, secret: "s", seem: true });
// @ts-expect-error: the payload is read from the request
verifyWebhookRequest(new Request("https://x.example/hook"), { scheme, secret: "s", payload: "{}" });
// @ts-expect-error: a store or true
verifyWebhookRequest(new Request("https://x.example/hook"), { scheme, secret: "s", seen: "yes" });
const assertionCallback: AssertionCallbackAuth = { method: "private_key_jwt", assertion: ({ clientId }) => clientId };
const tokenStore: TokenStore = { get: async () => null, put: async (_key, _value, options) => void options?.expirationTtl };
const clientOptionsFull: TokenClientOptions = { tokenEndpoint: endpoint, clientId: "c", clientAuth: assertionCallback, store: tokenStore, storeKey: "k", fetch: (input, init) => fetch(input, init), now: () => 1 };
const tokenClient = new TokenClient(clientOptionsFull);
const details: Promise<{ accessToken: string; refreshAt: number }> = tokenClient.getToken();
const invalidated: Promise<void> = tokenClient.invalidate();
// @ts-expect-error: misspelt option
new TokenClient({ tokenEndpoint: endpoint, clientSecret: "s", retry: 1 });
// @ts-expect-error: the retry count is a number
new TokenClient({ tokenEndpoint: endpoint, clientSecret: "s", retries: "1" });
rsa.free();
hmac[Symbol.dispose]();
void [verifiedRequest, details, invalidated];
// The held webhook verifier.
import { WebhookVerifier, type WebhookVerifierOptions, type WebhookVerifierVerifyOptions } from "healthauth";

const heldOptions: WebhookVerifierOptions = { scheme: "standard", secrets: ["whsec_a", "whsec_b"], toleranceSeconds: 60 };
const held = new WebhookVerifier(heldOptions);
const heldScheme: "standard" | "telesoft" | "hmac-hex" | "github" | "stripe" | "redox" = held.scheme;
const atTime: WebhookVerifierVerifyOptions = { now: 1 };
const heldResult: VerifiedWebhook = held.verify(new Uint8Array(), new Headers(), atTime);
// @ts-expect-error: misspelt option
held.verify("{}", {}, { nowe: 1 });
// @ts-expect-error: now is a number
held.verify("{}", {}, { now: "1" });
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
// Stores shared by processes (stores.js) and the Durable Object (healthauth/workers).
import {
  redisStore,
  denoKvStore,
  durableObjectStore,
  type AtomicStore,
  type ClaimStore,
  type RedisClientLike,
  type RedisStoreOptions,
  type DenoKvLike,
  type DenoKvStoreOptions,
  type DurableObjectNamespaceLike,
} from "healthauth";
import { HealthAuthStore, durableObjectStore as fromWorkers } from "healthauth/workers";

const nodeRedis: RedisClientLike = { sendCommand: async (_args: string[]) => "OK" };
const ioredis: RedisClientLike = { call: async (_command: string, ..._args: string[]) => "OK" };
const redisOptions: RedisStoreOptions = { prefix: "app:" };
const atomic: AtomicStore = redisStore(nodeRedis, redisOptions);
redisStore(ioredis);
const claimed: Promise<boolean> = atomic.claim("k", 60);
const lease: Promise<string | null> = atomic.acquire("k", 30);
const claimOnly: ClaimStore = { claim: (_key: string, _ttl: number) => true };
verifyWebhookRequest(new Request("https://x.example/"), { scheme: "standard", secret: "whsec_a", seen: claimOnly });
verifyWebhookRequest(new Request("https://x.example/"), { scheme: "standard", secret: "whsec_a", seen: atomic });
new TokenClient({ tokenEndpoint: "https://x.example/token", clientId: "c", clientSecret: "s", store: atomic });
const kvLike: DenoKvLike = { get: async () => ({ value: null, versionstamp: null }), set: async () => ({}), atomic: () => ({}) };
const kvOptions: DenoKvStoreOptions = { prefix: ["app", 1] };
denoKvStore(kvLike, kvOptions);
const namespace: DurableObjectNamespaceLike = {
  idFromName: (name: string) => name,
  get: (_id: unknown) => ({ fetch: async () => new Response("{}") }),
};
const viaWorkers: AtomicStore = fromWorkers(namespace);
durableObjectStore(namespace);
const storeObject = new HealthAuthStore({ storage: {} });
const answer: Promise<Response> = storeObject.fetch(new Request("https://healthauth-store/claim"));
// @ts-expect-error: misspelt option
redisStore(nodeRedis, { prefx: "app:" });
// @ts-expect-error: not a Redis client
redisStore({ get: async () => null });
void [claimed, lease, viaWorkers, answer];
// Discovery, backend services, the remote JWK set, DPoP in TokenClient (the JS-only items of issue 10).
import {
  discover,
  smartBackend,
  RemoteJwks,
  type DiscoverOptions,
  type SmartBackendOptions,
  type RemoteJwksOptions,
  type ResourceRequest,
} from "healthauth";

const discoverOptions: DiscoverOptions = { timeoutMs: 1000, maxBytes: 65536 };
const discovered: Promise<DiscoveryMetadata> = discover("https://ehr.example/fhir", discoverOptions);
const backendOptions: SmartBackendOptions = { fhirBaseUrl: "https://ehr.example/fhir" };
const backend: Promise<ProviderPreset> = smartBackend(backendOptions);
// @ts-expect-error: smartBackend needs the FHIR base
smartBackend({});
const remoteOptions: RemoteJwksOptions = { cacheMaxAgeSeconds: 600, cooldownSeconds: 30, store: tokenStore, now: () => 1 };
const remote = new RemoteJwks("https://issuer.example/jwks", remoteOptions);
const remoteUrl: string = remote.url;
const remoteVerified: Promise<VerifiedJwt> = remote.verifyJwt("t", { issuer: "https://issuer.example" });
// @ts-expect-error: misspelt option
new RemoteJwks("https://issuer.example/jwks", { cooldown: 5 });
const resource: ResourceRequest = { method: "GET", url: "https://fhir.example/Patient" };
const dpopClient = new TokenClient({ tokenEndpoint: endpoint, clientId: "c", signingKey: key, dpop: key });
const resourceHeaders: Promise<{ authorization: string; dpop?: string }> = dpopClient.authHeaders(resource);
const remoteIdToken: Promise<VerifiedIdToken> = remote.verifyIdToken("t", { issuer: "https://issuer.example", clientId: "c", nonce: "n" });
void [discovered, backend, remoteUrl, remoteVerified, resourceHeaders, remoteIdToken];

// SMART on FHIR, OpenID Connect, DPoP, PAR, revocation and introspection (issue 10).
import {
  parseSmartConfiguration,
  parseOpenIdConfiguration,
  discoveryUrls,
  parseScopes,
  scopesSatisfy,
  missingScopes,
  verifyIdToken,
  dpopProof,
  verifyDpopProof,
  pushedAuthorizationRequest,
  parsePushedAuthorizationResponse,
  revocationRequest,
  introspectionRequest,
  parseRevocationResponse,
  parseIntrospectionResponse,
  type DiscoveryMetadata,
  type DiscoveryWarning,
  type DiscoveryUrl,
  type ParseSmartConfigurationOptions,
  type ParseOpenIdConfigurationOptions,
  type ParseResponseOptions,
  type SmartScope,
  type VerifyIdTokenOptions,
  type VerifiedIdToken,
  type DpopProofOptions,
  type VerifyDpopProofOptions,
  type VerifiedDpopProof,
  type DpopRequestOptions,
  type EndpointClientOptions,
  type PushedAuthorizationRequestOptions,
  type PushedAuthorizationResponse,
  type TokenEndpointRequestOptions,
  type Introspection,
  type LaunchContext,
  type PushedAuthorizationUrlOptions,
} from "healthauth";

const fhir = "https://ehr.example/fhir";
const smartConfigurationOptions: ParseSmartConfigurationOptions = { fhirBaseUrl: fhir };
const smartMetadata: DiscoveryMetadata = parseSmartConfiguration({ token_endpoint: "https://ehr.example/token" }, smartConfigurationOptions);
const openIdOptions: ParseOpenIdConfigurationOptions = { issuer: "https://ehr.example" };
const openIdMetadata: DiscoveryMetadata = parseOpenIdConfiguration("{}", openIdOptions);
const warnings: DiscoveryWarning[] = smartMetadata.warnings;
const tried: DiscoveryUrl[] = discoveryUrls(fhir);
// @ts-expect-error: the issuer is required
parseOpenIdConfiguration("{}", {});
const scopes: SmartScope[] = parseScopes("patient/Observation.rs launch openid");
const covered: boolean = scopesSatisfy(["patient/*.rs"], "patient/Observation.r");
const missing: string[] = missingScopes("patient/*.r", ["patient/Observation.c"]);
const dpopKey = SigningKey.generate("ES256");
const idOptions: VerifyIdTokenOptions = { issuer: "https://ehr.example", clientId: "app", nonce: "n", now: 1 };
const idToken: VerifiedIdToken = verifyIdToken("t", dpopKey, idOptions);
const fhirUser: string | undefined = idToken.fhirUser;
// @ts-expect-error: the client id is required
verifyIdToken("t", dpopKey, { issuer: "https://ehr.example" });
const proofOptions: DpopProofOptions = { htm: "POST", htu: endpoint, accessToken: "at", nonce: "n" };
const proof: string = dpopProof(dpopKey, proofOptions);
const verifyProofOptions: VerifyDpopProofOptions = { htm: "POST", htu: endpoint, jkt: "j", maxAgeSeconds: 60 };
const verifiedProof: VerifiedDpopProof = verifyDpopProof(proof, verifyProofOptions);
const dpopRequest: DpopRequestOptions = { key: dpopKey, nonce: "n" };
clientCredentialsRequest({ tokenEndpoint: endpoint, clientSecret: "s", dpop: dpopRequest });
const endpointClient: EndpointClientOptions = { endpoint: "https://ehr.example/par", clientId: "app", dpop: dpopRequest };
const parOptions: PushedAuthorizationRequestOptions = {
  ...endpointClient,
  redirectUri: "https://app.example/cb",
  state: "s",
  codeChallenge: "c",
  aud: fhir,
  launch: "xyz",
};
const par: TokenHttpRequest = pushedAuthorizationRequest(parOptions);
const pushed: PushedAuthorizationResponse = parsePushedAuthorizationResponse(201, "{}");
const parUrl: PushedAuthorizationUrlOptions = { authorizationEndpoint: "https://ehr.example/authorize", clientId: "app", requestUri: pushed.requestUri };
const afterPar: string = authorizationUrl(parUrl);
const revokeOptions: TokenEndpointRequestOptions = { endpoint: "https://ehr.example/revoke", token: "t", tokenTypeHint: "access_token" };
const revoke: TokenHttpRequest = revocationRequest({ ...revokeOptions, signingKey: dpopKey, clientId: "app" });
const introspect: TokenHttpRequest = introspectionRequest(revokeOptions);
const revoked: null = parseRevocationResponse(200, "");
const responseOptions: ParseResponseOptions = { maxBytes: 4096 };
const introspection: Introspection = parseIntrospectionResponse(200, "{}", responseOptions);
const context: LaunchContext | undefined = introspection.launchContext ?? parseTokenResponse(200, "{}").launchContext;
void [openIdMetadata, warnings, tried, scopes, covered, missing, fhirUser, verifiedProof, par, afterPar, revoke, introspect, revoked, context];
