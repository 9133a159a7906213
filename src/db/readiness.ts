import type { Db } from "./client.js";

/** Whether this instance can serve (`/readyz`), and if not why. */
export type Readiness = { ok: true } | { ok: false; reason: string };

/** A database that has not answered within this is reported as not answering. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Whether the database is reachable and has every migration this code expects applied
 * (`_prisma_migrations`, the table Prisma's migrations record themselves in, on either
 * database) — what `/readyz` reports to the load balancer. During an upgrade an instance of
 * the new code is not ready until the new migrations are in.
 */
export async function checkReadiness(db: Db, expectedMigrations: readonly string[]): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), CHECK_TIMEOUT_MS);
  });
  try {
    const rows = await Promise.race([
      db.$queryRaw<{ name: string }[]>`
        SELECT "migration_name" AS "name" FROM "_prisma_migrations"
        WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
      timeout,
    ]);
    if (rows === "timeout")
      return { ok: false, reason: `database did not answer within ${CHECK_TIMEOUT_MS / 1000} s` };
    const applied = new Set(rows.map((row) => row.name));
    const missing = expectedMigrations.filter((name) => !applied.has(name));
    if (missing.length > 0) return { ok: false, reason: `migrations not applied: ${missing.join(", ")}` };
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}
