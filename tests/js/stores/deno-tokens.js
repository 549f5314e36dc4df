// One Deno process of the Deno KV token test: opens the shared KV file and asks for the access
// token `count` times at once, at the agreed instant; prints the tokens it got as JSON. Not a
// test file itself.
import { TokenClient, denoKvStore } from "healthauth";

const { kvPath, tokenEndpoint, count, startAt } = JSON.parse(Deno.args[0]);
const kv = await Deno.openKv(kvPath);
const tokens = new TokenClient({ tokenEndpoint, clientId: "deno-kv-test", clientSecret: "deno-kv-secret", store: denoKvStore(kv), retries: 0 });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const seen = await Promise.all(Array.from({ length: count }, () => tokens.getAccessToken()));
kv.close();
console.log(JSON.stringify([...new Set(seen)]));
