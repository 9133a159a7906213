import { ZaloApiError, type ZaloClient } from "./zalo-client.js";

/**
 * Points Zalo's webhook at `url` with `secret`, unless it already points there: Zalo limits
 * setWebhook calls per day, so a restart must not spend one. Zalo never returns the secret, so
 * a changed secret with an unchanged URL goes unnoticed here (README: after changing
 * ZALO_WEBHOOK_SECRET, set the webhook once with the new one). Returns whether it was set now.
 */
export async function ensureWebhook(client: ZaloClient, url: string, secret: string): Promise<boolean> {
  const current = await client.call<{ url?: string }>("getWebhookInfo").catch((error: unknown) => {
    // A bot that never had a webhook answers 404.
    if (error instanceof ZaloApiError && error.errorCode === 404) return { url: "" };
    throw error;
  });
  if (current.url === url) return false;
  await client.call("setWebhook", { url, secret_token: secret });
  return true;
}
