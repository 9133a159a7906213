import { setTimeout as sleep } from "node:timers/promises";
import { type Db, isDatabaseBusy, Prisma } from "./client.js";

/**
 * Limits of one user action's transaction. Generous, so that a slow disk or a writer holding
 * SQLite's lock for a while (another instance, an import) never cuts an action in the middle.
 */
export const ACTION_TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

/** How long to wait before each further attempt (with jitter), and so how many there are. */
const RETRY_DELAYS_MS = [10, 50, 200, 500, 1_000, 2_000];

/**
 * Runs one action in one transaction — every write of it, its audit entry and its outbox rows
 * commit together or not at all — and runs it again from the start when the database could not
 * order it with a concurrent one: SQLite refuses a transaction's write when another connection
 * committed since it began reading (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out) or
 * held the lock too long; PostgreSQL reports a write conflict or a deadlock (P2034). The next
 * attempt reads what the other one committed, so its checks see it ("already sent"). `work` must
 * only use the transaction client: a failed attempt left nothing behind.
 *
 * A unique constraint's refusal (P2002) is not retried: it is the answer (see
 * `isUniqueViolation`), caught by the caller outside the transaction.
 */
export async function transactionWithRetry<T>(
  db: Db,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  options: { maxWait?: number; timeout?: number } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(work, { ...ACTION_TRANSACTION_OPTIONS, ...options });
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isSerializationFailure(error)) throw error;
      await sleep(delay * (0.5 + Math.random()));
    }
  }
}

/** The database could not run the transaction alongside another one; trying again can work. */
export function isSerializationFailure(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  return isDatabaseBusy(error);
}
