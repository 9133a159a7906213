import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { dialectOf } from "../../src/db/dialect.js";
import { findPendingMigrations } from "../../src/db/schema-engine.js";
import { adminQuery } from "../helpers/postgres-cluster.js";
import { createTempDb, createTestDatabase, TEST_DIALECT } from "../helpers/temp-db.js";

describe("The whole test suite runs on both databases", () => {
  it("a temp database is of the kind TEST_DATABASE asks for, migrated, and reopen() is another client on the same data", async () => {
    expect(TEST_DIALECT).toBe(process.env.TEST_DATABASE?.startsWith("postgres") ? "postgresql" : "sqlite");
    const temp = await createTempDb();
    try {
      expect(dialectOf(temp.db)).toBe(TEST_DIALECT);
      expect(temp.url.startsWith(TEST_DIALECT === "postgresql" ? "postgresql://" : "file:")).toBe(true);
      expect(await findPendingMigrations(temp.url)).toEqual([]);
      const other = temp.reopen();
      await temp.db.unit.create({
        data: { code: "T-1", name: "Thôn thử", level: "hamlet", path: "/77/", depth: 0 },
      });
      expect(await other.unit.findUnique({ where: { code: "T-1" } })).toMatchObject({ name: "Thôn thử" });
    } finally {
      await temp.cleanup();
    }
    if (TEST_DIALECT === "sqlite") expect(existsSync(temp.url.replace(/^file:/, ""))).toBe(false);
    else {
      const provided = inject("testDatabase");
      if (provided.dialect !== "postgresql") throw new Error("expected a PostgreSQL run");
      const name = new URL(temp.url).pathname.slice(1);
      // Dropped: creating it again succeeds.
      await adminQuery(provided.serverUrl, `CREATE DATABASE "${name}"`);
      await adminQuery(provided.serverUrl, `DROP DATABASE "${name}"`);
    }
  });

  it("two temp databases do not share rows", async () => {
    const [a, b] = await Promise.all([createTempDb(), createTempDb()]);
    try {
      await a.db.unit.create({ data: { code: "ONLY-A", name: "A", level: "hamlet", path: "/1/", depth: 0 } });
      expect(await b.db.unit.count({ where: { code: "ONLY-A" } })).toBe(0);
    } finally {
      await Promise.all([a.cleanup(), b.cleanup()]);
    }
  });

  it("dropping a PostgreSQL test database waits for connections that are closing, and ends only one left open", async (context) => {
    if (TEST_DIALECT !== "postgresql") context.skip("PostgreSQL only: how a test database is dropped there");
    const connect = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      const errors: string[] = [];
      client.on("error", (error: Error & { code?: string }) => {
        errors.push(error.code ?? error.message);
      });
      await client.connect();
      return { client, errors };
    };
    // A connection still closing when the drop starts (as a pool's are after its end() resolved)
    // is waited for, not terminated.
    const closing = await createTestDatabase();
    const late = await connect(closing.url);
    const ended = new Promise((resolve) => setTimeout(resolve, 300)).then(() => late.client.end());
    await closing.drop();
    await ended;
    expect(late.errors).toEqual([]);
    // A connection nobody closes is terminated after the grace period, and the drop completes.
    const leaked = await createTestDatabase();
    const open = await connect(leaked.url);
    await leaked.drop();
    await expect.poll(() => open.errors[0]).toBe("57P01");
  });

  it("CI runs the suite on SQLite and then on PostgreSQL at another wall clock, installing PostgreSQL when it is missing", () => {
    const ci = readFileSync(".ci/run", "utf8");
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts["test:postgres"]).toMatch(/^TEST_DATABASE=postgresql vitest run\b/);
    expect(ci).toMatch(/apt-get install[^\n]*\bpostgresql\b/);
    const sqlite = ci.indexOf("\nnpm test\n");
    const postgres = ci.search(/\nTEST_WALL_CLOCK=\S+ npm run test:postgres\n/);
    expect(sqlite).toBeGreaterThan(0);
    expect(postgres).toBeGreaterThan(sqlite);
    // Not at the SQLite run's wall clock (wall-clock.mjs's default, in 2031).
    expect(ci.slice(postgres)).toMatch(/^\nTEST_WALL_CLOCK=2024-/);
  });
});
