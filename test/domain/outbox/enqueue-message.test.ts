import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.js";
import { inWriteTransaction } from "../../../src/domain/imports/import-plan.js";
import { enqueueForPerson, enqueueMessage, htmlMessage } from "../../../src/domain/outbox/enqueue-message.js";
import { concurrentClients } from "../../helpers/concurrent-clients.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const clock = createFakeClock();
let temp: TempDb;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

/**
 * A client that records every statement that failed, inside transactions too: on PostgreSQL a
 * failed statement aborts the whole transaction, so an action may not rely on catching one.
 */
function recordingFailures(db: Db): { db: Db; failures: string[] } {
  const failures: string[] = [];
  const note = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      throw error;
    }
  };
  const extended = db.$extends({
    query: {
      $allModels: {
        $allOperations: ({ model, operation, args, query }) =>
          note(`${model}.${operation}`, () => query(args)),
      },
      $executeRaw: ({ args, query }) => note("$executeRaw", () => query(args)),
    },
  });
  return { db: extended as unknown as Db, failures };
}

describe("One transaction per user action", () => {
  describe("the outbox queues insert-or-ignore by idempotency key", () => {
    const row = (key: string) => ({
      kind: "notification" as const,
      personId: null,
      channel: "telegram",
      chatId: "710000002",
      payload: htmlMessage("Xin chào"),
      idempotencyKey: key,
      now: clock.now(),
    });

    it("a key queued before is reported and ignored without a failed statement in the transaction", async () => {
      const { db, failures } = recordingFailures(temp.db);
      const outcome = await db.$transaction(async (tx) => {
        const first = await enqueueMessage(tx, row("test:once"));
        const second = await enqueueMessage(tx, { ...row("test:once"), payload: htmlMessage("Lần hai") });
        // The transaction goes on after the duplicate: a later write still commits with it.
        await tx.auditLog.create({ data: { action: "test.after_duplicate", createdAt: clock.now() } });
        return { first, second };
      });
      expect(outcome).toEqual({ first: true, second: false });
      expect(failures).toEqual([]);
      const rows = await temp.db.outboxMessage.findMany({ where: { idempotencyKey: "test:once" } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        status: "pending",
        attempts: 0,
        payload: htmlMessage("Xin chào"),
        createdAt: clock.now(),
        nextAttemptAt: clock.now(),
      });
      expect(await temp.db.auditLog.count({ where: { action: "test.after_duplicate" } })).toBe(1);
    });

    it("enqueueForPerson counts only the new row, and a later time is kept as the row's due time", async () => {
      const bình = await temp.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
      const later = new Date(clock.now().getTime() + 60 * 60_000);
      const input = {
        kind: "reminder" as const,
        personId: bình.id,
        payload: htmlMessage("Nhắc việc"),
        idempotencyKey: "test:person",
        now: clock.now(),
        notBefore: later,
        ref: "course:1",
        senderId: bình.id,
      };
      expect(await enqueueForPerson(temp.db, input)).toBe(1);
      expect(await enqueueForPerson(temp.db, input)).toBe(0);
      const row = await temp.db.outboxMessage.findUniqueOrThrow({
        where: { idempotencyKey: `test:person:p${bình.id}` },
      });
      expect(row).toMatchObject({
        kind: "reminder",
        personId: bình.id,
        chatId: "710000002",
        ref: "course:1",
        senderId: bình.id,
        nextAttemptAt: later,
      });
    });

    it("two instances queueing the same key at once queue it once", async () => {
      const { clients, close } = concurrentClients(temp);
      const results = await Promise.all(
        clients.map((db) => inWriteTransaction(db, (tx) => enqueueMessage(tx, row("test:race")))),
      );
      await close();
      expect(results.sort()).toEqual([false, true]);
      expect(await temp.db.outboxMessage.count({ where: { idempotencyKey: "test:race" } })).toBe(1);
    });
  });
});
