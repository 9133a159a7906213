import type { Clock } from "../shared/clock.js";
import type { Db, Prisma } from "./client.js";

/**
 * Conversation state storage that ties each change to the update that caused it, so that the
 * bot handles every update once (see `skip-processed-updates.ts`): a saved state carries its
 * update's id in the same statement; removing one is handed out as a statement not yet run,
 * for the caller to commit with the update's handled mark.
 */
export interface ConversationStore<V> extends KeyValueStore<V> {
  writeForUpdate(key: string, value: V, updateId: number): Promise<void>;
  deleteStatement(key: string): Prisma.PrismaPromise<number>;
}

/** Values stored whole under a key. */
export interface KeyValueStore<V> {
  read(key: string): Promise<V | undefined>;
  write(key: string, value: V): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * A write found the state changed since this process read it: another instance handled a
 * later update of the chat meanwhile (this one had lost the chat's lease, e.g. it stalled past
 * its expiry). The newer state stays; the update that tried to write fails and is answered with
 * the usual apology.
 */
export class StaleConversationState extends Error {
  constructor(readonly key: string) {
    super(`conversation state ${key} changed since it was read (another instance handled the chat)`);
    this.name = "StaleConversationState";
  }
}

/** Versions remembered between the read and the write of an update; older entries are dropped. */
const MAX_REMEMBERED = 10_000;

/**
 * Conversation state in the database, so that a conversation begun before a restart (or on
 * another instance) continues where it stopped.
 *
 * Every write is a compare-and-set on the row's `version`: the state is read at the start of
 * each update and written at its end, and the write names the version read (none: the row must
 * still be absent), so an instance that handled an old update late can never overwrite what
 * another instance saved meanwhile ({@link StaleConversationState}). Removals likewise remove
 * only the version read. The version read is kept per key in this store; one chat's updates run
 * one at a time in a process (`sequentialize` in create-bot.ts), so it is the version this
 * update read. A write whose read was forgotten (very many chats in between) is unconditional.
 *
 * Read and written on every update of a chat in a conversation, hence plain SQL (portable to
 * PostgreSQL): a model query costs two to three times as much in Prisma's client, and the
 * upsert would read the whole state back.
 */
export function createConversationStore<V>(db: Db, clock: Clock): ConversationStore<V> {
  /** Key → version read (`null`: there was no state). */
  const versions = new Map<string, number | null>();
  const remember = (key: string, version: number | null) => {
    versions.delete(key);
    versions.set(key, version);
    if (versions.size > MAX_REMEMBERED) {
      const oldest = versions.keys().next().value;
      if (oldest !== undefined) versions.delete(oldest);
    }
  };

  const write = async (key: string, state: V, updateId: bigint | null) => {
    const value = JSON.stringify(state);
    const updatedAt = clock.now();
    const expected = versions.get(key);
    let written: { version: number | bigint }[];
    if (expected === undefined) {
      written = await db.$queryRaw`
        INSERT INTO "ConversationState" ("key", "value", "updateId", "version", "updatedAt") VALUES (${key}, ${value}, ${updateId}, 1, ${updatedAt})
        ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updateId" = excluded."updateId",
          "version" = "ConversationState"."version" + 1, "updatedAt" = excluded."updatedAt"
        RETURNING "version"`;
    } else if (expected === null) {
      written = await db.$queryRaw`
        INSERT INTO "ConversationState" ("key", "value", "updateId", "version", "updatedAt") VALUES (${key}, ${value}, ${updateId}, 1, ${updatedAt})
        ON CONFLICT ("key") DO NOTHING
        RETURNING "version"`;
    } else {
      written = await db.$queryRaw`
        UPDATE "ConversationState" SET "value" = ${value}, "updateId" = ${updateId}, "version" = "version" + 1, "updatedAt" = ${updatedAt}
        WHERE "key" = ${key} AND "version" = ${expected}
        RETURNING "version"`;
    }
    const row = written[0];
    // The version read stays: until it reads afresh, this store can change nothing of the chat's.
    if (!row) throw new StaleConversationState(key);
    remember(key, Number(row.version));
  };
  const deleteStatement = (key: string) => {
    const expected = versions.get(key);
    remember(key, null);
    if (expected === undefined) return db.$executeRaw`DELETE FROM "ConversationState" WHERE "key" = ${key}`;
    // Nothing was there when read: whatever is there now is another instance's, and stays.
    if (expected === null)
      return db.$executeRaw`DELETE FROM "ConversationState" WHERE "key" = ${key} AND 1 = 0`;
    return db.$executeRaw`DELETE FROM "ConversationState" WHERE "key" = ${key} AND "version" = ${expected}`;
  };
  return {
    async read(key) {
      const rows = await db.$queryRaw<{ value: string; version: number | bigint }[]>`
        SELECT "value", "version" FROM "ConversationState" WHERE "key" = ${key}`;
      const row = rows[0];
      remember(key, row ? Number(row.version) : null);
      return row ? (JSON.parse(row.value) as V) : undefined;
    },
    write: (key, state) => write(key, state, null),
    writeForUpdate: (key, state, updateId) => write(key, state, BigInt(updateId)),
    async delete(key) {
      await deleteStatement(key);
    },
    deleteStatement,
  };
}
