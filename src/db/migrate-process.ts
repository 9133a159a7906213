/**
 * The child process of {@link applyMigrationsInChildProcess}: applies the pending migrations with
 * the WebAssembly schema engine, reports back over IPC, and ends — taking the engine's memory
 * with it. Its input is one JSON argument.
 */
import { applyMigrations, DatabaseBusyError } from "./schema-engine.js";

export interface MigrateInput {
  databaseUrl: string;
  maxWaitMs?: number;
  retryDelayMs?: number;
  busyTimeoutMs?: number;
}

export type MigrateMessage =
  | { kind: "wait"; vi: string; en: string }
  | { kind: "done"; applied: string[] }
  | { kind: "busy"; pending: string[]; message: string; vi: string; cause: string }
  | { kind: "failed"; name: string; message: string; stack: string | undefined };

const send = process.send?.bind(process);
if (!send)
  throw new Error("migrate-process runs only as a child process (see apply-migrations-in-child-process.ts)");
const say = (message: MigrateMessage) =>
  new Promise<void>((resolve) => send(message, undefined, {}, () => resolve()));

const input = JSON.parse(process.argv[2] ?? "{}") as MigrateInput;
try {
  const applied = await applyMigrations(input.databaseUrl, {
    onWait: (message) => void say({ kind: "wait", ...message }),
    ...(input.maxWaitMs === undefined ? {} : { maxWaitMs: input.maxWaitMs }),
    ...(input.retryDelayMs === undefined ? {} : { retryDelayMs: input.retryDelayMs }),
    ...(input.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: input.busyTimeoutMs }),
  });
  await say({ kind: "done", applied });
} catch (error) {
  if (error instanceof DatabaseBusyError) {
    await say({
      kind: "busy",
      pending: error.pending,
      message: error.message,
      vi: error.vi,
      cause: String(error.cause),
    });
  } else {
    const e = error instanceof Error ? error : new Error(String(error));
    await say({ kind: "failed", name: e.name, message: e.message, stack: e.stack });
  }
}
process.exit(0);
