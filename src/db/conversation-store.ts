import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Db } from "./client.js";

/**
 * Conversation state in the database, so that a conversation begun before a restart (or on
 * another instance) continues where it stopped.
 */
export function createConversationStore<S>(db: Db): VersionedStateStorage<string, S> {
  return {
    async read(key) {
      const row = await db.conversationState.findUnique({ where: { key } });
      return row ? (JSON.parse(row.value) as VersionedState<S>) : undefined;
    },
    async write(key, state) {
      const value = JSON.stringify(state);
      await db.conversationState.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
    async delete(key) {
      await db.conversationState.deleteMany({ where: { key } });
    },
  };
}
