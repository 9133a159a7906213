import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { MigrateInput, MigrateMessage } from "./migrate-process.js";
import { type ApplyMigrationsOptions, DatabaseBusyError, findPendingMigrations } from "./schema-engine.js";

/**
 * `applyMigrations` for a process that goes on to serve. The schema engine is WebAssembly: its
 * compiled code and heap (30–60 MB) stay in a process once loaded — in a worker thread too, which
 * V8 does not give back when the thread ends — so it runs in a short-lived child process, and
 * the serving process keeps none of it. When nothing is pending (every start but the first after
 * an upgrade) no child is started: the check reads `_prisma_migrations` through the ordinary
 * driver.
 *
 * Same outcome as `applyMigrations`: the names applied, a {@link DatabaseBusyError} when another
 * process kept the database locked, any other failure rethrown with the child's message.
 */
export async function applyMigrationsInChildProcess(
  databaseUrl: string,
  options: Omit<ApplyMigrationsOptions, "migrationsDir"> = {},
): Promise<string[]> {
  // A locked database: the child waits for it, as applyMigrations does.
  const pending = await findPendingMigrations(databaseUrl, undefined, options.busyTimeoutMs).catch(
    () => null,
  );
  if (pending !== null && pending.length === 0) return [];
  const input: MigrateInput = {
    databaseUrl,
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
  };
  // Compiled (dist/), the child runs compiled too; from the TypeScript sources (tests,
  // `npm run dev`) it runs the source through tsx, like its parent.
  const source = import.meta.url.endsWith(".ts");
  const child = fork(
    fileURLToPath(new URL(`./migrate-process.${source ? "ts" : "js"}`, import.meta.url)),
    [JSON.stringify(input)],
    { execArgv: source ? ["--import", "tsx"] : [], stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  return new Promise<string[]>((resolve, reject) => {
    let outcome: MigrateMessage | undefined;
    child.on("message", (message: MigrateMessage) => {
      if (message.kind === "wait") options.onWait?.({ vi: message.vi, en: message.en });
      else outcome = message;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (outcome?.kind === "done") resolve(outcome.applied);
      else if (outcome?.kind === "busy") {
        const busy = new DatabaseBusyError(databaseUrl, outcome.pending, 0, new Error(outcome.cause));
        reject(Object.assign(busy, { message: outcome.message, vi: outcome.vi }));
      } else if (outcome?.kind === "failed") {
        const error = new Error(outcome.message);
        error.name = outcome.name;
        if (outcome.stack) error.stack = outcome.stack;
        reject(error);
      } else
        reject(new Error(`the migration process ended (${signal ?? `exit code ${code}`}) without an answer`));
    });
  });
}
