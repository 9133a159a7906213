import type { Db } from "../../db/client.js";

export interface SentNotice {
  id: number;
  kind: string;
  /** What the notice is about ("ticket:12"), when replies to it mean something. */
  ref: string | null;
}

/**
 * The outbox message a chat message is, if the bot sent it as a notice (a reminder, a question
 * for an officer, an access request…): a reply to it is about that notice, whatever else the
 * person was doing.
 */
export async function findSentNotice(
  db: Db,
  input: { chatId: string; messageId: number },
): Promise<SentNotice | null> {
  return db.outboxMessage.findFirst({
    where: { chatId: input.chatId, sentMessageId: String(input.messageId) },
    select: { id: true, kind: true, ref: true },
  });
}
