// One Deno process of the Deno KV test: opens the shared KV file and delivers one signed webhook
// `count` times at once, at the agreed instant; prints the outcomes as JSON. Not a test file itself.
import { denoKvStore, verifyWebhookRequest } from "healthauth";

const { kvPath, delivery, secret, count, startAt } = JSON.parse(Deno.args[0]);
const kv = await Deno.openKv(kvPath);
const store = denoKvStore(kv);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
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
kv.close();
console.log(JSON.stringify(counts));
