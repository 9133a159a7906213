import { type Db, Prisma } from "../../db/client.js";

/** Bot API methods the outbox may send; everything proactive is one of these. */
export const OUTBOX_METHODS = ["sendMessage", "sendPhoto", "sendDocument"] as const;
export type OutboxMethod = (typeof OUTBOX_METHODS)[number];

export type OutboxKind = "notification" | "broadcast" | "reminder" | "summary";

export interface OutboxPayload {
  method: OutboxMethod;
  /** Bot API parameters except `chat_id`, which comes from the row. */
  params: Record<string, unknown>;
}

/** An HTML text message with rows of inline buttons (label, callback data), ready for the outbox. */
export function htmlMessage(text: string, rows: [label: string, data: string][][] = []): OutboxPayload {
  const params: Record<string, unknown> = { text, parse_mode: "HTML" };
  if (rows.length > 0) {
    params.reply_markup = {
      inline_keyboard: rows.map((row) => row.map(([label, data]) => ({ text: label, callback_data: data }))),
    };
  }
  return { method: "sendMessage", params };
}

type OutboxWriter = Pick<Db, "outboxMessage" | "channelAccount">;

/**
 * Queues one message to every reachable account of a person. The idempotency key (plus the
 * account) is unique, so enqueueing the same logical message twice — a retried job, a second
 * instance — queues it once. Returns how many rows were new.
 */
export async function enqueueForPerson(
  db: OutboxWriter,
  input: {
    kind: OutboxKind;
    personId: number;
    payload: OutboxPayload;
    idempotencyKey: string;
    /** The clock's now: rows become due at `notBefore ?? now`. */
    now: Date;
    notBefore?: Date;
    ref?: string;
  },
): Promise<number> {
  const accounts = await db.channelAccount.findMany({
    where: { personId: input.personId, blockedAt: null },
    select: { id: true, channel: true, chatId: true },
  });
  let queued = 0;
  for (const account of accounts) {
    const created = await enqueueMessage(db, {
      kind: input.kind,
      personId: input.personId,
      channel: account.channel,
      chatId: account.chatId,
      payload: input.payload,
      idempotencyKey: `${input.idempotencyKey}:a${account.id}`,
      now: input.now,
      ...(input.notBefore ? { notBefore: input.notBefore } : {}),
      ...(input.ref ? { ref: input.ref } : {}),
    });
    if (created) queued += 1;
  }
  return queued;
}

/** Queues one message to one chat; `false` when this idempotency key was queued before. */
export async function enqueueMessage(
  db: Pick<Db, "outboxMessage">,
  input: {
    kind: OutboxKind;
    personId?: number | null;
    channel: string;
    chatId: string;
    payload: OutboxPayload;
    idempotencyKey: string;
    now: Date;
    notBefore?: Date;
    /** What the message is about ("ticket:12"): a reply to it can be matched back. */
    ref?: string;
  },
): Promise<boolean> {
  try {
    await db.outboxMessage.create({
      data: {
        kind: input.kind,
        personId: input.personId ?? null,
        channel: input.channel,
        chatId: input.chatId,
        payload: input.payload as unknown as Prisma.InputJsonValue,
        idempotencyKey: input.idempotencyKey,
        createdAt: input.now,
        ref: input.ref ?? null,
        nextAttemptAt: input.notBefore ?? input.now,
      },
    });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}
