// The Worker of the Durable Object test: it exports healthauth's HealthAuthStore and verifies
// webhooks with the store over it. Bundled and run in workerd by durable-object.test.js.
import { verifyWebhookRequest, TokenClient } from "healthauth";
import { HealthAuthStore, durableObjectStore } from "healthauth/workers";

export { HealthAuthStore };

export default {
  async fetch(request, env) {
    const store = durableObjectStore(env.HEALTHAUTH_STORE);
    const path = new URL(request.url).pathname;
    try {
      if (path === "/webhook") {
        await verifyWebhookRequest(request, { scheme: "standard", secret: env.WEBHOOK_SECRET, seen: store });
        return new Response("accepted");
      }
      if (path === "/token") {
        const tokens = new TokenClient({ tokenEndpoint: env.TOKEN_ENDPOINT, clientId: "do-test", clientSecret: "do-test-secret", store, retries: 0 });
        return new Response(await tokens.getAccessToken());
      }
      return new Response("not found", { status: 404 });
    } catch (error) {
      return new Response(error.code ?? String(error), { status: 409 });
    }
  },
};
