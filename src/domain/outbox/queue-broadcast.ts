import type { Db, Prisma } from "../../db/client.js";
import type { BroadcastKind, BroadcastStatus, OutboxKind } from "../enums.js";
import type { OutboxPayload } from "./enqueue-message.js";
import { type Reach, reachOf } from "./reach-of.js";

type Tx = Pick<Db, "broadcast" | "outboxMessage" | "channelAccount">;

export interface BroadcastRecipient {
  personId: number;
  /** The message in the person's own locale. */
  payload: OutboxPayload;
  /** Another message where the person is reached on that channel (e.g. no Telegram file on Zalo). */
  payloadByChannel?: Partial<Record<string, OutboxPayload>>;
}

/**
 * Queues one message to each of many people as a `Broadcast`: one outbox row per reachable
 * person (on the account they used last, like {@link enqueueForPerson}), all with the
 * broadcast's id, in the caller's transaction. Everyone else is counted as unreachable with
 * the reason. Accounts are looked up in one query per chunk, rows written with `createMany`, so
 * thousands of recipients cost a few statements, not thousands.
 *
 * The delivery worker counts `sent` / `failed` / `unreachable` on the row as it goes and edits
 * the sender's progress message (`progress*`, set with {@link setBroadcastProgressMessage}).
 */
export async function queueBroadcast(
  db: Tx,
  input: {
    kind: BroadcastKind;
    /** Outbox kind of the rows (reminders are "reminder"). */
    outboxKind?: OutboxKind;
    senderId: number;
    unitId: number;
    courseId?: number;
    /** A short text describing it (the announcement text, the course title). */
    text: string;
    attachment?: { method: "sendPhoto" | "sendDocument"; file: string; name?: string };
    audience: { units: number[]; roles: string[] };
    recipients: readonly BroadcastRecipient[];
    now: Date;
    /** Reference carried by each row ("course:12"), for matching replies. */
    ref?: string;
  },
): Promise<{
  broadcastId: number;
  queued: number;
  unreachable: { personId: number; reach: Exclude<Reach, "reachable"> }[];
}> {
  const broadcast = await db.broadcast.create({
    data: {
      kind: input.kind,
      senderId: input.senderId,
      unitId: input.unitId,
      courseId: input.courseId ?? null,
      text: input.text,
      attachment: (input.attachment ?? undefined) as Prisma.InputJsonValue | undefined,
      audience: input.audience as unknown as Prisma.InputJsonValue,
      status: "queued" satisfies BroadcastStatus,
      total: input.recipients.length,
      createdAt: input.now,
      queuedAt: input.now,
    },
  });
  const unreachable: { personId: number; reach: Exclude<Reach, "reachable"> }[] = [];
  let queued = 0;
  const CHUNK = 500;
  for (let start = 0; start < input.recipients.length; start += CHUNK) {
    const chunk = input.recipients.slice(start, start + CHUNK);
    const accounts = await db.channelAccount.findMany({
      where: { personId: { in: chunk.map((r) => r.personId) } },
      select: {
        id: true,
        personId: true,
        channel: true,
        chatId: true,
        blockedAt: true,
        lastSeenAt: true,
        linkedAt: true,
      },
    });
    const byPerson = new Map<number, typeof accounts>();
    for (const account of accounts) {
      if (account.personId === null) continue;
      const list = byPerson.get(account.personId) ?? [];
      list.push(account);
      byPerson.set(account.personId, list);
    }
    const rows: Prisma.OutboxMessageCreateManyInput[] = [];
    for (const recipient of chunk) {
      const own = byPerson.get(recipient.personId) ?? [];
      const reach = reachOf(own);
      if (reach !== "reachable") {
        unreachable.push({ personId: recipient.personId, reach });
        continue;
      }
      const account = usedLast(own.filter((a) => a.blockedAt === null));
      rows.push({
        kind: input.outboxKind ?? "broadcast",
        broadcastId: broadcast.id,
        personId: recipient.personId,
        channel: account.channel,
        chatId: account.chatId,
        payload: (recipient.payloadByChannel?.[account.channel] ??
          recipient.payload) as unknown as Prisma.InputJsonValue,
        idempotencyKey: `broadcast:${broadcast.id}:p${recipient.personId}`,
        createdAt: input.now,
        nextAttemptAt: input.now,
        ref: input.ref ?? null,
        senderId: input.senderId,
      });
    }
    if (rows.length > 0) queued += (await db.outboxMessage.createMany({ data: rows })).count;
  }
  await db.broadcast.update({
    where: { id: broadcast.id },
    data: {
      unreachable: unreachable.length,
      queuedUnreachable: unreachable as unknown as Prisma.InputJsonValue,
      ...(queued === 0 ? { status: "done" satisfies BroadcastStatus, finishedAt: input.now } : {}),
    },
  });
  return { broadcastId: broadcast.id, queued, unreachable };
}

/** Where the sender's progress message is, so the worker can edit it as delivery proceeds. */
export async function setBroadcastProgressMessage(
  db: Pick<Db, "broadcast">,
  broadcastId: number,
  message: { channel: string; chatId: string; messageId: string },
  now: Date,
): Promise<void> {
  await db.broadcast.update({
    where: { id: broadcastId },
    data: {
      progressChannel: message.channel,
      progressChatId: message.chatId,
      progressMessageId: message.messageId,
      progressAt: now,
    },
  });
}

function usedLast<T extends { id: number; lastSeenAt: Date | null; linkedAt: Date | null }>(
  accounts: T[],
): T {
  const time = (d: Date | null) => (d === null ? -Infinity : d.getTime());
  return [...accounts].sort(
    (a, b) => time(b.lastSeenAt) - time(a.lastSeenAt) || time(b.linkedAt) - time(a.linkedAt) || b.id - a.id,
  )[0] as T;
}
