import { expect } from "vitest";
import { type Db, Prisma } from "../../src/db/client.js";

/** A write to make fail: by model and operation, or by the text of a raw statement. */
export interface WriteFault {
  /** e.g. "AuditLog"; with `operation`, or alone for any write to that model. */
  model?: string;
  /** e.g. "create", "createMany", "update". */
  operation?: string;
  /** A raw statement whose SQL matches, e.g. /INSERT INTO "OutboxMessage"/. */
  sql?: RegExp;
  /** Fail the n-th matching write (1 = the first); the earlier ones go through. */
  nth?: number;
}

/** Thrown in place of the chosen write: a crash in the middle of an action. */
export class InjectedFault extends Error {
  constructor(what: string) {
    super(`injected fault: ${what}`);
    this.name = "InjectedFault";
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
]);

/**
 * A client on the same database whose chosen write throws (inside transactions too), to show
 * that an action interrupted half-way leaves nothing of itself behind. `failed()` says how many
 * times the fault fired, so a test can check it really hit the action.
 */
export function failingWrites(db: Db, fault: WriteFault): Db & { failed(): number } {
  let seen = 0;
  let fired = 0;
  const hit = (what: string) => {
    seen += 1;
    if (seen !== (fault.nth ?? 1)) return;
    fired += 1;
    throw new InjectedFault(what);
  };
  const rawSql = (args: unknown): string => {
    if (args && typeof args === "object" && "strings" in args) return (args as Prisma.Sql).strings.join("?");
    if (Array.isArray(args)) {
      const first = args[0];
      if (first && typeof first === "object" && "strings" in first)
        return (first as Prisma.Sql).strings.join("?");
      if (Array.isArray(first)) return first.join("?");
      return String(first);
    }
    return String(args);
  };
  const onRaw = async ({ args, query }: { args: unknown; query: (args: never) => Promise<unknown> }) => {
    const sql = rawSql(args);
    if (fault.sql?.test(sql)) hit(sql);
    return query(args as never);
  };
  const extended = db.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const matches =
            fault.sql === undefined &&
            WRITES.has(operation) &&
            (fault.model === undefined || fault.model === model) &&
            (fault.operation === undefined || fault.operation === operation);
          if (matches) hit(`${model}.${operation}`);
          return query(args);
        },
      },
      $executeRaw: onRaw,
      $executeRawUnsafe: onRaw,
      $queryRaw: onRaw,
      $queryRawUnsafe: onRaw,
    },
  });
  return Object.assign(extended as unknown as Db, { failed: () => fired });
}

/** Every row of every table, in a stable order: what "nothing changed" is compared against. */
export async function snapshotDatabase(db: Db): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ];
    if (!delegate) continue;
    const rows = await delegate.findMany();
    tables[model] = rows
      .map((row) =>
        JSON.stringify(row, (_key, value) =>
          typeof value === "bigint"
            ? `${value}n`
            : value instanceof Uint8Array
              ? Buffer.from(value).toString("hex")
              : value,
        ),
      )
      .sort();
  }
  return tables;
}

/**
 * Runs an action on a client whose chosen write fails, expects the action to fail with that
 * fault, and checks that the database is exactly as before: nothing of the action is left.
 */
export async function expectNothingLeft(
  db: Db,
  fault: WriteFault,
  action: (failing: Db) => Promise<unknown>,
): Promise<void> {
  const before = await snapshotDatabase(db);
  const failing = failingWrites(db, fault);
  await expect(action(failing)).rejects.toBeInstanceOf(InjectedFault);
  expect(failing.failed()).toBe(1);
  expect(await snapshotDatabase(db)).toEqual(before);
}
