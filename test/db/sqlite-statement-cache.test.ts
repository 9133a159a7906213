import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { cacheStatements, type SqliteConnection } from "../../src/db/sqlite-statement-cache.js";
import { createTempDb, TEST_DIALECT } from "../helpers/temp-db.js";

/** better-sqlite3 itself (it ships no types; the adapter brings its own copy of them). */
const Database = createRequire(import.meta.url)("better-sqlite3") as new (
  path: string,
) => {
  prepare(sql: string): { run(): unknown };
};

/** The calls the adapter makes: prepare, bind the arguments, then run or read raw rows. */
interface Bound {
  reader: boolean;
  columns(): { name: string }[];
  run(): { changes: number };
  raw(): { all(): unknown[][] };
}
const bind = (connection: SqliteConnection, sql: string, args: unknown[]) =>
  (connection.prepare(sql) as { bind(args: unknown[]): Bound }).bind(args);

/** A connection whose original `prepare` counts its calls. */
function countingConnection() {
  const connection = new Database(":memory:");
  let prepared = 0;
  const original = connection.prepare.bind(connection);
  Object.defineProperty(connection, "prepare", {
    value: (sql: string) => {
      prepared += 1;
      return original(sql);
    },
    configurable: true,
    writable: true,
  });
  cacheStatements(connection);
  return { connection, prepared: () => prepared };
}

describe("SQLite statement cache", () => {
  it("prepares a statement once and runs it with each call's own arguments", () => {
    const { connection, prepared } = countingConnection();
    connection.prepare("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)").run();
    const insert = "INSERT INTO t (id, name) VALUES (?, ?)";
    expect(bind(connection, insert, [1, "Thôn Một"]).run().changes).toBe(1);
    expect(bind(connection, insert, [2, "Thôn Hai"]).run().changes).toBe(1);
    const select = "SELECT id, name FROM t WHERE id >= ? ORDER BY id";
    const all = bind(connection, select, [1]);
    expect(all.reader).toBe(true);
    expect(all.columns().map((column) => column.name)).toEqual(["id", "name"]);
    expect(all.raw().all()).toEqual([
      [1, "Thôn Một"],
      [2, "Thôn Hai"],
    ]);
    expect(bind(connection, select, [2]).raw().all()).toEqual([[2, "Thôn Hai"]]);
    expect(bind(connection, insert, [3, "Thôn Ba"]).reader).toBe(false);
    // CREATE, INSERT and SELECT: three preparations for seven statements run.
    expect(prepared()).toBe(3);
  });

  it("keeps a bounded number of statements, dropping the least recently used", () => {
    const { connection, prepared } = countingConnection();
    const first = "SELECT 0";
    bind(connection, first, []).raw().all();
    for (let i = 1; i < 500; i++) bind(connection, `SELECT ${i}`, []).raw().all();
    bind(connection, first, []).raw().all(); // still cached, now the most recent
    expect(prepared()).toBe(500);
    bind(connection, "SELECT 500", []).raw().all(); // drops "SELECT 1", the least recent
    bind(connection, first, []).raw().all();
    expect(prepared()).toBe(501);
    bind(connection, "SELECT 1", []).raw().all();
    expect(prepared()).toBe(502);
  });

  it("lets errors through: bad SQL when prepared, a broken constraint when run", () => {
    const { connection } = countingConnection();
    connection.prepare("CREATE TABLE t (id INTEGER PRIMARY KEY)").run();
    expect(() => bind(connection, "SELEC 1", [])).toThrow(/syntax error/);
    bind(connection, "INSERT INTO t (id) VALUES (?)", [1]).run();
    expect(() => bind(connection, "INSERT INTO t (id) VALUES (?)", [1]).run()).toThrow(/UNIQUE/);
    expect(bind(connection, "INSERT INTO t (id) VALUES (?)", [2]).run().changes).toBe(1);
  });

  it.skipIf(TEST_DIALECT !== "sqlite")(
    "is what the app's SQLite client runs on: repeated queries, transactions and unique violations behave",
    async () => {
      const temp = await createTempDb();
      try {
        const unit = { code: "T-1", name: "Thôn thử", level: "hamlet", path: "/77/", depth: 0 };
        await temp.db.unit.create({ data: unit });
        for (let i = 0; i < 3; i++) {
          expect(await temp.db.unit.findUnique({ where: { code: "T-1" } })).toMatchObject({
            name: "Thôn thử",
          });
        }
        await expect(temp.db.unit.create({ data: unit })).rejects.toMatchObject({ code: "P2002" });
        await expect(
          temp.db.$transaction(async (tx) => {
            await tx.unit.create({ data: { ...unit, code: "T-2", path: "/78/" } });
            throw new Error("rolled back");
          }),
        ).rejects.toThrow("rolled back");
        expect(await temp.db.unit.count({ where: { code: { in: ["T-1", "T-2"] } } })).toBe(1);
      } finally {
        await temp.cleanup();
      }
    },
  );
});
