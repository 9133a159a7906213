import { createHash } from "node:crypto";
import type { Clock } from "../shared/clock.js";
import type { Db } from "./client.js";

/**
 * What this app last registered as a bot's webhook, as a fingerprint (SHA-256 of the address,
 * the secret and the update kinds): Telegram's `getWebhookInfo` shows the address but never the
 * secret, so a changed `WEBHOOK_SECRET` is noticed only by comparing with this. Kept as one
 * key/value row (`ConversationState`, key `webhook:<bot id>`); when housekeeping has removed
 * it (idle 30 days) the webhook is simply set once more.
 */
export function webhookFingerprint(input: {
  url: string;
  secret: string;
  allowedUpdates: readonly string[];
}) {
  return createHash("sha256")
    .update(JSON.stringify([input.url, input.secret, [...input.allowedUpdates].sort()]))
    .digest("hex");
}

const keyOf = (botId: string) => `webhook:${botId}`;

export async function readWebhookFingerprint(db: Db, botId: string): Promise<string | undefined> {
  const row = await db.conversationState.findUnique({
    where: { key: keyOf(botId) },
    select: { value: true },
  });
  return row?.value;
}

export async function saveWebhookFingerprint(db: Db, clock: Clock, botId: string, fingerprint: string) {
  const key = keyOf(botId);
  const now = clock.now();
  await db.conversationState.upsert({
    where: { key },
    create: { key, value: fingerprint, updatedAt: now },
    update: { value: fingerprint, updatedAt: now },
  });
}
