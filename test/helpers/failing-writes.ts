import type { Db } from "../../src/db/client.js";

/** The error a {@link failNthWrite} client throws: a crash in the middle of an action. */
export class InjectedCrash extends Error {
  constructor(readonly write: string) {
    super(`injected crash at ${write}`);
    this.name = "InjectedCrash";
  }
}

const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
  "$executeRaw",
  "$executeRawUnsafe",
]);

/**
 * A client on the same database whose `n`-th write (1-based; model writes and raw statements,
 * inside transactions too) throws {@link InjectedCrash} instead of running — as if the process
 * died there. `writes()` counts the writes attempted so far, the failed one included.
 */
export function failNthWrite(db: Db, n: number): { db: Db; writes(): number } {
  let count = 0;
  const failing = db.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (WRITES.has(operation)) {
          count += 1;
          if (count === n) throw new InjectedCrash(`${model ?? ""}.${operation}`.replace(/^\./, ""));
        }
        return query(args);
      },
    },
  });
  return { db: failing as unknown as Db, writes: () => count };
}

/**
 * Runs `action` with its 1st, 2nd, 3rd … write failing, until a run passes without reaching the
 * failing write; after each crash checks with `unchanged` that nothing of the action is left.
 * Returns how many writes the whole action made and the outcome of the run that went through.
 */
export async function crashAtEveryWrite<T>(
  db: Db,
  action: (db: Db) => Promise<T>,
  unchanged: (crash: InjectedCrash) => Promise<void>,
): Promise<{ writes: number; result: T }> {
  for (let n = 1; n < 1000; n++) {
    const failing = failNthWrite(db, n);
    try {
      const result = await action(failing.db);
      return { writes: failing.writes(), result };
    } catch (error) {
      if (!(error instanceof InjectedCrash)) throw error;
      await unchanged(error);
    }
  }
  throw new Error("the action never finished");
}
