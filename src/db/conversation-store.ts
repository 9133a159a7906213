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
 * Conversation state in the database, so that a conversation begun before a restart (or on
 * another instance) continues where it stopped.
 *
 * Read and written on every update of a chat in a conversation, hence plain SQL (portable to
 * PostgreSQL): a model query costs two to three times as much in Prisma's client, and the
 * upsert would read the whole state back.
 */
export function createConversationStore<V>(db: Db, clock: Clock): ConversationStore<V> {
  const write = async (key: string, state: V, updateId: bigint | null) => {
    const value = JSON.stringify(state);
    const updatedAt = clock.now();
    await db.$executeRaw`
      INSERT INTO "ConversationState" ("key", "value", "updateId", "updatedAt") VALUES (${key}, ${value}, ${updateId}, ${updatedAt})
      ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updateId" = excluded."updateId", "updatedAt" = excluded."updatedAt"`;
  };
  const deleteStatement = (key: string) =>
    db.$executeRaw`DELETE FROM "ConversationState" WHERE "key" = ${key}`;
  return {
    async read(key) {
      const rows = await db.$queryRaw<{ value: string }[]>`
        SELECT "value" FROM "ConversationState" WHERE "key" = ${key}`;
      const row = rows[0];
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
