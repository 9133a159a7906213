import type { Clock } from "../shared/clock.js";
import { type Db, Prisma } from "./client.js";
import { chatLeaseNameSql } from "./leases.js";

/**
 * The bot's record of updates (`ProcessedUpdate`), which makes handling survive crashes:
 *
 * - the poller records each batch it receives, with the payload, *before* its next
 *   `getUpdates` confirms the batch to Telegram (which then never sends it again);
 * - after an update has been handled, its `handledAt` mark is written; the chat's conversation
 *   state saved by it names it in the same statement (or, when the state is removed, the removal
 *   and the mark commit together), so state and mark never disagree;
 * - an update received by a run that died before marking it is handled again by the next run
 *   (the effects of handling are idempotent: state from the database, idempotency keys), and
 *   an update already marked is dropped when Telegram delivers it again.
 *
 * In webhook mode (several instances behind a load balancer) the same table is the durable
 * inbound queue: the instance Telegram delivered an update to stores it with its chat
 * ({@link storeWebhookUpdate}) and answers at once; whichever instance holds the chat's lease
 * handles the chat's waiting updates oldest first ({@link findWaitingChats},
 * {@link nextWaitingUpdate}, {@link startHandling}; see `bot/update-processor.ts`).
 *
 * Plain SQL (portable to PostgreSQL): these statements run on every update.
 */

/** Enough of an update to record it; the payload is kept as JSON. */
export interface ReceivedUpdate {
  update_id: number;
}

/** Records a batch of received updates as held by `runId`; ones already recorded stay as they are. */
export async function recordReceivedUpdates(
  db: Db,
  clock: Clock,
  botId: string,
  runId: string,
  updates: readonly ReceivedUpdate[],
): Promise<void> {
  if (updates.length === 0) return;
  const now = clock.now();
  const rows = updates.map(
    (update) =>
      Prisma.sql`(${botId}, ${BigInt(update.update_id)}, ${now}, ${JSON.stringify(update)}, ${runId}, ${chatKeyOf(update)})`,
  );
  await db.$executeRaw`
    INSERT INTO "ProcessedUpdate" ("botId", "updateId", "processedAt", "payload", "receivedBy", "chatKey")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT DO NOTHING`;
}

/**
 * The chat an update belongs to, as the bot orders updates (`sequentialize` in create-bot.ts):
 * the chat's id, else the sender's; an update with neither is a chat of its own.
 */
export function chatKeyOf(update: ReceivedUpdate): string {
  for (const [field, value] of Object.entries(update)) {
    if (field === "update_id" || typeof value !== "object" || value === null) continue;
    const part = value as {
      chat?: { id?: unknown };
      message?: { chat?: { id?: unknown } };
      from?: { id?: unknown };
      user?: { id?: unknown };
    };
    const id = part.chat?.id ?? part.message?.chat?.id ?? part.from?.id ?? part.user?.id;
    if (typeof id === "number" || typeof id === "string") return String(id);
  }
  return `update:${update.update_id}`;
}

/**
 * Webhook mode: stores an update delivered to this instance, to be handled by whichever
 * instance holds its chat. An update recorded before (Telegram delivered it again, perhaps to
 * another instance) is left as it is: `"duplicate"`. Zalo's translator stores the updates it
 * makes the same way, in one transaction with marking the Zalo event translated (`db` may be a
 * transaction's client).
 */
export async function storeWebhookUpdate(
  db: Pick<Db, "$executeRaw">,
  clock: Clock,
  input: { botId: string; update: ReceivedUpdate },
): Promise<"stored" | "duplicate"> {
  const { botId, update } = input;
  const chatKey = chatKeyOf(update);
  const stored = await db.$executeRaw`
    INSERT INTO "ProcessedUpdate" ("botId", "updateId", "processedAt", "payload", "chatKey")
    VALUES (${botId}, ${BigInt(update.update_id)}, ${clock.now()}, ${JSON.stringify(update)}, ${chatKey})
    ON CONFLICT DO NOTHING`;
  return stored > 0 ? "stored" : "duplicate";
}

/**
 * Webhook mode: chats with updates waiting, the chat of the oldest waiting update first, leaving
 * out chats another instance is handling (their lease has not expired).
 */
export async function findWaitingChats(
  db: Db,
  input: { botId: string; now: Date; limit: number },
): Promise<string[]> {
  const { botId, now, limit } = input;
  const rows = await db.$queryRaw<{ chatKey: string }[]>`
    SELECT p."chatKey" AS "chatKey", MIN(p."updateId") AS "first" FROM "ProcessedUpdate" p
    WHERE p."botId" = ${botId} AND p."handledAt" IS NULL AND p."chatKey" IS NOT NULL AND p."payload" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "Lease" l
        WHERE l."name" = ${chatLeaseNameSql(Prisma.sql`p."botId"`, Prisma.sql`p."chatKey"`)} AND l."expiresAt" > ${now})
    GROUP BY p."chatKey"
    ORDER BY "first"
    LIMIT ${limit}`;
  return rows.map((row) => row.chatKey);
}

/** An update waiting in the webhook queue. */
export interface WaitingUpdate {
  updateId: number;
  payload: unknown;
  /** When it was stored. */
  receivedAt: Date;
}

/** Webhook mode: the chat's oldest update not handled yet (call it while holding the chat's lease). */
export async function nextWaitingUpdate(
  db: Db,
  input: { botId: string; chatKey: string },
): Promise<WaitingUpdate | undefined> {
  const rows = await db.$queryRaw<
    { updateId: bigint | number; payload: string; processedAt: Date | string }[]
  >`
    SELECT "updateId", "payload", "processedAt" FROM "ProcessedUpdate"
    WHERE "botId" = ${input.botId} AND "chatKey" = ${input.chatKey} AND "handledAt" IS NULL AND "payload" IS NOT NULL
    ORDER BY "updateId"
    LIMIT 1`;
  const row = rows[0];
  if (!row) return undefined;
  return {
    updateId: Number(row.updateId),
    payload: JSON.parse(row.payload) as unknown,
    receivedAt: new Date(row.processedAt),
  };
}

/**
 * Webhook mode: `runId` begins handling the update. A run that began it before never finished
 * (it died, or the handling failed before the mark): this is a replay, counted. Returns the
 * replays so far, or `undefined` when it has been handled meanwhile.
 */
export async function startHandling(
  db: Db,
  input: { botId: string; updateId: number; runId: string },
): Promise<number | undefined> {
  const rows = await db.$queryRaw<{ replays: bigint | number }[]>`
    UPDATE "ProcessedUpdate"
    SET "replays" = "replays" + (CASE WHEN "receivedBy" IS NULL THEN 0 ELSE 1 END), "receivedBy" = ${input.runId}
    WHERE "botId" = ${input.botId} AND "updateId" = ${BigInt(input.updateId)} AND "handledAt" IS NULL
    RETURNING "replays"`;
  const row = rows[0];
  return row ? Number(row.replays) : undefined;
}

/**
 * Whether this update has been handled already (a repeat delivery is then dropped): marked
 * handled, or — when its chat's conversation state (`stateKey`) was saved by it — applied to
 * the state already (the process died between saving the state and marking the update).
 */
export async function isUpdateHandled(
  db: Db,
  botId: string,
  updateId: number,
  stateKey?: string,
): Promise<boolean> {
  const id = BigInt(updateId);
  const rows = await db.$queryRaw<{ handled: number }[]>`
    SELECT 1 AS "handled" FROM "ProcessedUpdate"
    WHERE "botId" = ${botId} AND "updateId" = ${id} AND "handledAt" IS NOT NULL
    UNION ALL
    SELECT 1 AS "handled" FROM "ConversationState" WHERE "key" = ${stateKey ?? ""} AND "updateId" = ${id}`;
  return rows.length > 0;
}

/**
 * The statement that marks an update handled (and forgets its payload). Not yet run: the caller
 * runs it alone or in one transaction with the state change the handling produced.
 */
export function markUpdateHandled(
  db: Db,
  clock: Clock,
  botId: string,
  updateId: number,
): Prisma.PrismaPromise<number> {
  const now = clock.now();
  return db.$executeRaw`
    INSERT INTO "ProcessedUpdate" ("botId", "updateId", "processedAt", "handledAt") VALUES (${botId}, ${BigInt(updateId)}, ${now}, ${now})
    ON CONFLICT ("botId", "updateId") DO UPDATE SET "handledAt" = excluded."handledAt", "payload" = NULL`;
}

/** An update handled again this many times after its run died is given up (it may be what kills it). */
export const MAX_REPLAYS = 2;

export interface ClaimedUpdates {
  /** To be handled again, oldest first. */
  updates: unknown[];
  /** Given up (marked handled without handling): received before `since`, or already replayed {@link MAX_REPLAYS} times. */
  abandoned: number[];
}

/**
 * Takes over the unhandled updates that the runs in `deadRuns` (or runs no longer in
 * `InstanceRun`) received, to handle them again: each row moves to `runId` in one statement,
 * so of several live runs only one gets it. Rows
 * older than `since` (the person has long moved on) or replayed too often are marked handled
 * instead and returned as abandoned.
 */
export async function claimUnhandledUpdates(
  db: Db,
  clock: Clock,
  botId: string,
  deadRuns: readonly string[],
  runId: string,
  since: Date,
): Promise<ClaimedUpdates> {
  // The dead runs, and runs nobody knows any more (forgotten, or from before runs were kept).
  const heldByDead = Prisma.sql`"botId" = ${botId} AND "handledAt" IS NULL AND (
    ${deadRuns.length > 0 ? Prisma.sql`"receivedBy" IN (${Prisma.join(deadRuns)}) OR` : Prisma.empty}
    "receivedBy" IS NULL OR "receivedBy" NOT IN (SELECT "id" FROM "InstanceRun"))`;
  const now = clock.now();
  const given = await db.$queryRaw<{ updateId: bigint | number }[]>`
    UPDATE "ProcessedUpdate" SET "handledAt" = ${now}, "payload" = NULL
    WHERE ${heldByDead}
      AND ("payload" IS NULL OR "processedAt" < ${since} OR "replays" >= ${MAX_REPLAYS})
    RETURNING "updateId"`;
  const claimed = await db.$queryRaw<{ updateId: bigint | number; payload: string }[]>`
    UPDATE "ProcessedUpdate" SET "receivedBy" = ${runId}, "replays" = "replays" + 1
    WHERE ${heldByDead}
    RETURNING "updateId", "payload"`;
  const updates = claimed
    .map((row) => ({ id: Number(row.updateId), payload: JSON.parse(row.payload) as unknown }))
    .sort((a, b) => a.id - b.id);
  const abandoned = given.map((row) => Number(row.updateId)).sort((a, b) => a - b);
  return { updates: updates.map((update) => update.payload), abandoned };
}
