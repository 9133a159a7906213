import type { Db } from "../../db/client.js";
import type { Channel } from "../roles.js";

/**
 * Records that the person blocked (or unblocked) the bot, so proactive sending skips them and
 * supervisors can see who cannot be reached.
 */
export async function markAccountReachability(
  db: Db,
  clock: { now(): Date },
  account: { channel: Channel; externalId: string },
  blocked: boolean,
): Promise<void> {
  await db.channelAccount.updateMany({
    where: { channel: account.channel, externalId: account.externalId },
    data: { blockedAt: blocked ? clock.now() : null },
  });
}
