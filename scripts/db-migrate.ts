/**
 * `npm run db:migrate` — applies pending migrations offline (no engine download): those of
 * prisma/migrations on SQLite, of prisma/migrations-postgresql on PostgreSQL, chosen by
 * DATABASE_URL as the app does. Exit codes as `npm start`'s: 0 done (or nothing to do),
 * 1 failed, 4 another process kept the database locked.
 */

import { formatConfigProblems, loadConfig } from "../src/config.js";
import { applyMigrations, DatabaseBusyError } from "../src/db/schema-engine.js";
import { EXIT_CODES } from "../src/exit-codes.js";

const result = loadConfig(process.env);
if (!result.ok) {
  console.error(formatConfigProblems(result.problems));
  process.exit(EXIT_CODES.failed);
}
try {
  const applied = await applyMigrations(result.config.databaseUrl, {
    onWait: (message) => console.error(message.vi),
  });
  console.log(
    applied.length === 0
      ? "Cơ sở dữ liệu đã ở phiên bản mới nhất."
      : `Đã áp dụng ${applied.length} migration: ${applied.join(", ")}`,
  );
} catch (error) {
  if (error instanceof DatabaseBusyError) {
    console.error(error.vi);
    process.exit(EXIT_CODES.databaseBusy);
  }
  throw error;
}
