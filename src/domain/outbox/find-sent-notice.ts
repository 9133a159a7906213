import type { Db } from "../../db/client.js";
import type { Channel } from "../roles.js";

export interface SentNotice {
  id: number;
  kind: string;
  /** What the notice is about ("ticket:12"), when replies to it mean something. */
  ref: string | null;
}

/**
 * The outbox message a chat message is, if the bot sent it as a notice (a reminder, a question
 * for an officer, an access request…): a reply to it is about that notice, whatever else the
 * person was doing. Chat and message ids are only unique within a messenger, hence the channel.
 */
export async function findSentNotice(
  db: Db,
  input: { channel: Channel; chatId: string; messageId: number; refPrefix?: string },
): Promise<SentNotice | null> {
  return db.outboxMessage.findFirst({
    where: {
      channel: input.channel,
      chatId: input.chatId,
      sentMessageId: String(input.messageId),
      ...(input.refPrefix === undefined ? {} : { ref: { startsWith: input.refPrefix } }),
    },
    select: { id: true, kind: true, ref: true },
  });
}
