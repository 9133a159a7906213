import { z } from "zod";
import type { Db } from "../../db/client.js";
import { dialectOf, jsonValue } from "../../db/dialect.js";
import type { OutboxKind, OutboxStatus } from "../enums.js";

/** Bot API methods the outbox may send; everything proactive is one of these. */
export const OUTBOX_METHODS = ["sendMessage", "sendPhoto", "sendDocument"] as const;
export type OutboxMethod = (typeof OUTBOX_METHODS)[number];

export type { OutboxKind } from "../enums.js";

export interface OutboxPayload {
  method: OutboxMethod;
  /** Bot API parameters except `chat_id`, which comes from the row. */
  params: Record<string, unknown>;
}

/** An outbox row's stored payload, as written by {@link enqueueMessage} and `queueBroadcast`. */
export const outboxPayloadSchema = z.object({
  method: z.enum(OUTBOX_METHODS),
  params: z.record(z.string(), z.unknown()),
});

/** The payload of an outbox row read back, or `null` when it is not one (written by hand, or broken). */
export function parseOutboxPayload(stored: unknown): OutboxPayload | null {
  const parsed = outboxPayloadSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
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

type OutboxWriter = Pick<Db, "$executeRaw" | "channelAccount">;

/**
 * Queues one message for a person: ONE notice, on the messenger they used last (the account
 * with the latest `lastSeenAt`, kept in order by identity), skipping accounts that blocked the
 * bot — someone on Telegram and Zalo is told once, where they are. The idempotency key is per
 * person, so enqueueing the same logical message twice — a retried job, a second instance, or
 * after the person moved to the other messenger — queues it once. Returns how many rows were
 * new (0 or 1; 0 also when the person has no reachable account).
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
    /** The person whose action sends it: told if it cannot go. */
    senderId?: number;
  },
): Promise<number> {
  const account = await findAccountUsedLast(db, input.personId);
  if (!account) return 0;
  const created = await enqueueMessage(db, {
    kind: input.kind,
    personId: input.personId,
    channel: account.channel,
    chatId: account.chatId,
    payload: input.payload,
    idempotencyKey: `${input.idempotencyKey}:p${input.personId}`,
    now: input.now,
    ...(input.notBefore ? { notBefore: input.notBefore } : {}),
    ...(input.ref ? { ref: input.ref } : {}),
    ...(input.senderId === undefined ? {} : { senderId: input.senderId }),
  });
  return created ? 1 : 0;
}

/**
 * The person's reachable account they wrote from last: latest `lastSeenAt` first (never seen
 * last), then the latest linked. `null` when every account blocked the bot or there is none.
 */
export async function findAccountUsedLast(
  db: Pick<Db, "channelAccount">,
  personId: number,
): Promise<{ id: number; channel: string; chatId: string } | null> {
  return db.channelAccount.findFirst({
    where: { personId, blockedAt: null },
    orderBy: [
      { lastSeenAt: { sort: "desc", nulls: "last" } },
      { linkedAt: { sort: "desc", nulls: "last" } },
      { id: "desc" },
    ],
    select: { id: true, channel: true, chatId: true },
  });
}

/**
 * Queues one message to one chat; `false` when this idempotency key was queued before. One
 * statement that inserts the row or, when the key is taken, does nothing (`ON CONFLICT DO
 * NOTHING`, the same on SQLite and PostgreSQL): no duplicate-key error is raised and caught,
 * because an error aborts a PostgreSQL transaction, and the caller's transaction — the action
 * whose notice this is, its audit entry, its other rows — must go on and commit together.
 */
export async function enqueueMessage(
  db: Pick<Db, "$executeRaw">,
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
    /** The person whose action sends it: told if it cannot go. */
    senderId?: number;
  },
): Promise<boolean> {
  const payload = jsonValue(JSON.stringify(input.payload), dialectOf(db));
  const inserted = await db.$executeRaw`
    INSERT INTO "OutboxMessage" ("kind", "personId", "channel", "chatId", "payload", "idempotencyKey",
      "status", "attempts", "nextAttemptAt", "createdAt", "ref", "senderId")
    VALUES (${input.kind}, ${input.personId ?? null}, ${input.channel}, ${input.chatId}, ${payload},
      ${input.idempotencyKey}, ${"pending" satisfies OutboxStatus}, 0, ${input.notBefore ?? input.now},
      ${input.now}, ${input.ref ?? null}, ${input.senderId ?? null})
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
  return inserted > 0;
}
