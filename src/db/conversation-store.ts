import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Clock } from "../shared/clock.js";
import type { Db, Prisma } from "./client.js";

/**
 * Conversation state storage that can also hand out its writes as statements not yet run, so
 * that the bot commits a chat's new state in one transaction with the update's handled mark
 * (see `skip-processed-updates.ts`).
 */
export interface ConversationStore<S> extends VersionedStateStorage<string, S> {
  writeStatement(key: string, state: VersionedState<S>): Prisma.PrismaPromise<number>;
  deleteStatement(key: string): Prisma.PrismaPromise<number>;
}

/**
 * Conversation state in the database, so that a conversation begun before a restart (or on
 * another instance) continues where it stopped.
 *
 * Read and written on every update of a chat in a conversation, hence plain SQL (portable to
 * PostgreSQL): a model query costs two to three times as much in Prisma's client, and the
 * upsert would read the whole state back.
 */
export function createConversationStore<S>(db: Db, clock: Clock): ConversationStore<S> {
  const writeStatement = (key: string, state: VersionedState<S>) => {
    const value = JSON.stringify(state);
    const updatedAt = clock.now();
    return db.$executeRaw`
      INSERT INTO "ConversationState" ("key", "value", "updatedAt") VALUES (${key}, ${value}, ${updatedAt})
      ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`;
  };
  const deleteStatement = (key: string) =>
    db.$executeRaw`DELETE FROM "ConversationState" WHERE "key" = ${key}`;
  return {
    async read(key) {
      const rows = await db.$queryRaw<{ value: string }[]>`
        SELECT "value" FROM "ConversationState" WHERE "key" = ${key}`;
      const row = rows[0];
      return row ? (JSON.parse(row.value) as VersionedState<S>) : undefined;
    },
    async write(key, state) {
      await writeStatement(key, state);
    },
    async delete(key) {
      await deleteStatement(key);
    },
    writeStatement,
    deleteStatement,
  };
}
