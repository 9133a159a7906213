import type { Clock } from "../shared/clock.js";
import type { Db } from "./client.js";

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
export function createConversationStore<V>(db: Db, clock: Clock): KeyValueStore<V> {
  return {
    async read(key) {
      const rows = await db.$queryRaw<{ value: string }[]>`
        SELECT "value" FROM "ConversationState" WHERE "key" = ${key}`;
      const row = rows[0];
      return row ? (JSON.parse(row.value) as V) : undefined;
    },
    async write(key, state) {
      const value = JSON.stringify(state);
      const updatedAt = clock.now();
      await db.$executeRaw`
        INSERT INTO "ConversationState" ("key", "value", "updatedAt") VALUES (${key}, ${value}, ${updatedAt})
        ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`;
    },
    async delete(key) {
      await db.conversationState.deleteMany({ where: { key } });
    },
  };
}
