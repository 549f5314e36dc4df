// One Node process of the multi-process store tests (started with child_process.fork): it
// connects to the shared Redis, says "ready", and on "go" runs its job at the agreed instant,
// then reports what it saw. Not a test file itself.
import { createClient } from "redis";
import { Redis } from "ioredis";
import { TokenClient, redisStore, verifyWebhookRequest } from "healthauth";

const { job, redisUrl, client: kind = "redis" } = JSON.parse(process.argv[2]);

let client;
if (kind === "ioredis") {
  client = new Redis(redisUrl, { enableOfflineQueue: false, lazyConnect: true });
  await client.connect();
} else {
  client = createClient({ url: redisUrl, disableOfflineQueue: true });
  client.on("error", () => {}); // reported through the calls that fail
  await client.connect();
}
const store = redisStore(client);

const jobs = {
  /** `calls` concurrent getAccessToken(), spread evenly over `spreadMs`: the tokens seen. */
  async tokens({ tokenEndpoint, calls, spreadMs }) {
    const tokens = new TokenClient({ tokenEndpoint, clientId: "store-test", clientSecret: "store-test-secret", store, retries: 0 });
    const seen = await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        if (spreadMs > 0) await new Promise((resolve) => setTimeout(resolve, (i * spreadMs) / calls));
        return tokens.getAccessToken();
      }),
    );
    return { tokens: [...new Set(seen)].sort() };
  },
  /** The same signed delivery `count` times at once: how many were accepted, refused as replays, or failed otherwise. */
  async webhooks({ delivery, secret, count }) {
    const outcomes = await Promise.all(
      Array.from({ length: count }, () =>
        verifyWebhookRequest(new Request("https://hooks.example/in", { method: "POST", headers: delivery.headers, body: delivery.body }), {
          scheme: "standard",
          secret,
          seen: store,
        }).then(
          () => "accepted",
          (error) => error.code ?? String(error),
        ),
      ),
    );
    const counts = {};
    for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
    return counts;
  },
};

process.on("message", async ({ startAt }) => {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  let result;
  try {
    result = { ok: await jobs[job.name](job) };
  } catch (error) {
    result = { error: `${error?.code ?? ""} ${error?.stack ?? error}` };
  }
  process.send(result, async () => {
    await client.quit();
    process.disconnect();
  });
});
process.send("ready");
