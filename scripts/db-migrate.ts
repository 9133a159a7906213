/**
 * `npm run db:migrate` — applies pending migrations offline (no engine download).
 * Reads DATABASE_URL like the app does.
 */
import { formatConfigProblems, loadConfig } from "../src/config.js";
import { applyMigrations } from "../src/db/schema-engine.js";

const result = loadConfig(process.env);
if (!result.ok) {
  console.error(formatConfigProblems(result.problems));
  process.exit(1);
}
const applied = await applyMigrations(result.config.databaseUrl);
console.log(
  applied.length === 0
    ? "Cơ sở dữ liệu đã ở phiên bản mới nhất."
    : `Đã áp dụng ${applied.length} migration: ${applied.join(", ")}`,
);
