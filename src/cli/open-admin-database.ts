import { createDb, type Db, tuneSqlite } from "../db/client.js";
import { applyMigrations, findPendingMigrations } from "../db/schema-engine.js";

export type OpenAdminDatabaseResult =
  | { ok: true; db: Db; applied: string[] }
  | { ok: false; message: string };

/**
 * Opens the database for an admin command, applying pending migrations first like start-up
 * does — but only when there are any. Prisma's schema engine puts SQLite in exclusive locking
 * mode, which it cannot get while the bot has the database open, and imports are normally run
 * while the bot keeps serving.
 */
export async function openAdminDatabase(databaseUrl: string): Promise<OpenAdminDatabaseResult> {
  const db = createDb(databaseUrl);
  let applied: string[] = [];
  if ((await findPendingMigrations(databaseUrl)).length > 0) {
    await db.$disconnect();
    try {
      applied = await applyMigrations(databaseUrl);
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
      return {
        ok: false,
        message:
          "Không cập nhật được cấu trúc cơ sở dữ liệu (migration). Nếu bot đang chạy trên cùng cơ sở dữ liệu, " +
          `hãy dừng bot rồi chạy lại lệnh này. Chi tiết: ${reason}`,
      };
    }
  }
  await tuneSqlite(db);
  return { ok: true, db, applied };
}
