import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createDb, Prisma, postgresqlConfig } from "../../src/db/client.js";
import {
  dialectForUrl,
  dialectOf,
  isDatabaseBusy,
  jsonFlag,
  jsonNumber,
  tuneSqlite,
  writeLockStatement,
} from "../../src/db/dialect.js";
import { checkMigrations, type MigrationFolders, writeMigrations } from "../../src/db/migration-folders.js";
import { derivePostgresqlSchema } from "../../src/db/postgresql-schema.js";
import { saveAnswers } from "../../src/domain/reports/report-store.js";
import { sameJson } from "../../src/shared/same-json.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, TEST_DIALECT, type TempDb } from "../helpers/temp-db.js";

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

describe("DATABASE_URL=postgresql://… selects it", () => {
  it("the configuration takes a PostgreSQL URL, and never repeats a password it refuses", () => {
    const url = "postgresql://tlgn:bí-mật@db.tinh.gov.vn:5432/tro_ly?schema=tlgn";
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({ ok: true, config: { databaseUrl: url } });
    expect(loadConfig({ DATABASE_URL: "postgres://u@localhost/db" }).ok).toBe(true);
    const refused = loadConfig({ DATABASE_URL: "mysql://tlgn:secret123@db/tro_ly" });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems[0]).toMatch(/^DATABASE_URL: .*PostgreSQL.*mysql:\/\/tlgn:\*\*\*@db\/tro_ly/);
    expect(refused.problems.join()).not.toContain("secret123");
    // A PostgreSQL URL without a database name is not one the driver can open.
    expect(loadConfig({ DATABASE_URL: "postgresql://db.tinh.gov.vn" }).ok).toBe(false);
  });

  it("createDb picks the PostgreSQL client and the pg adapter by the URL's scheme, connecting to nothing yet", async () => {
    expect(dialectForUrl("postgresql://x@h/db")).toBe("postgresql");
    expect(dialectForUrl("postgres://x@h/db")).toBe("postgresql");
    expect(dialectForUrl("file:./data/app.db")).toBe("sqlite");
    // Nobody listens on port 1: creating the client must not connect.
    const db = createDb("postgresql://nobody@127.0.0.1:1/none");
    expect(dialectOf(db)).toBe("postgresql");
    await db.$disconnect();
    const sqlite = createDb(`file:${join(mkdtempSync(join(tmpdir(), "tlgn-dialect-")), "x.db")}`);
    expect(dialectOf(sqlite)).toBe("sqlite");
    await sqlite.$disconnect();
  });

  it("Prisma's URL parameters become pool settings and the schema, not text sent to the server", () => {
    const { config, schema } = postgresqlConfig(
      "postgresql://tlgn:pw@db:5432/tro_ly?schema=tinh_42&connection_limit=4&pool_timeout=20&sslmode=require",
    );
    expect(schema).toBe("tinh_42");
    expect(config.max).toBe(4);
    expect(config.connectionTimeoutMillis).toBe(20_000);
    expect(config.options).toBe('-c search_path="tinh_42"');
    expect(config.connectionString).toBe("postgresql://tlgn:pw@db:5432/tro_ly?sslmode=require");
    expect(postgresqlConfig("postgresql://db/tro_ly").config.max).toBe(10);
  });

  it("the suite's database is served by the client of its dialect, through the model API and in transactions", async () => {
    expect(dialectOf(temp.db)).toBe(TEST_DIALECT);
    const unit = await temp.db.unit.findFirstOrThrow({ where: { level: "province" } });
    const inTransaction = await temp.db.$transaction(async (tx) => {
      expect(dialectOf(tx)).toBe(TEST_DIALECT);
      return tx.unit.findUniqueOrThrow({ where: { id: unit.id } });
    });
    expect(inTransaction).toEqual(unit);
    expect(unit.createdAt).toBeInstanceOf(Date);
  });

  it("the PostgreSQL schema is derived from the one source schema: provider and client folder differ, nothing else", () => {
    const source = readFileSync("prisma/schema.prisma", "utf8");
    const derived = derivePostgresqlSchema(source);
    expect(derived).toMatch(/datasource db \{\s*provider = "postgresql"/);
    expect(derived).toMatch(/output\s+= "\.\.\/prisma-pg"/);
    const strip = (text: string) =>
      text
        .replace(/^\/\/ DERIVED.*\n/, "")
        .replace(/provider = "(sqlite|postgresql)"/, "")
        .replace(/output\s+= "[^"]*"/, "");
    expect(strip(derived)).toBe(strip(source));
    expect(() => derivePostgresqlSchema(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(
      /expected one datasource with provider "sqlite"/,
    );
  });
});

describe("A dialect module holds the few statements that differ", () => {
  it("a form's answers saved by the one-statement hot path come back as the JSON they were (a jsonb cast on PostgreSQL)", async () => {
    const hamlet = await temp.db.unit.findFirstOrThrow({ where: { level: "hamlet" } });
    const person = await temp.db.person.findFirstOrThrow({ where: { unitId: hamlet.id } });
    const form = await temp.db.reportForm.create({
      data: { key: "dialect-test", version: 1, title: "x", definition: { fields: [] } },
    });
    const report = await temp.db.report.create({
      data: {
        formId: form.id,
        formKey: form.key,
        unitId: hamlet.id,
        personId: person.id,
        periodKey: "2026-W48",
        answers: {},
      },
    });
    const answers = { households: 12, note: 'Hộ ông Tư — "cận nghèo"', urgent: true, when: "2026-11-20" };
    await saveAnswers(temp.db, createFakeClock(), report.id, answers);
    const saved = await temp.db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(saved.answers).toEqual(answers);

    // The JSON paths the summaries read, the same way on both databases.
    const answersColumn = Prisma.sql`r."answers"`;
    const [row] = await temp.db.$queryRaw<{ n: unknown; flag: unknown; text: unknown; missing: unknown }[]>(
      Prisma.sql`SELECT ${jsonNumber(answersColumn, "households", dialectOf(temp.db))} AS "n",
        ${jsonFlag(answersColumn, "urgent", dialectOf(temp.db))} AS "flag",
        ${jsonNumber(answersColumn, "note", dialectOf(temp.db))} AS "text",
        ${jsonNumber(answersColumn, "absent", dialectOf(temp.db))} AS "missing"
        FROM "Report" r WHERE r."id" = ${report.id}`,
    );
    expect(Number(row?.n)).toBe(12);
    expect(Number(row?.flag)).toBe(1);
    expect(row?.text).toBeNull();
    expect(row?.missing).toBeNull();
  });

  it("JSON read back is compared by content: PostgreSQL's jsonb does not keep the order of an object's keys", async () => {
    const definition = {
      version: 1,
      key: "thu-tu",
      title: "Thứ tự",
      fields: [{ label: "Số hộ", key: "households" }],
    };
    const form = await temp.db.reportForm.create({
      data: { key: definition.key, version: 1, title: definition.title, definition },
    });
    const stored = (await temp.db.reportForm.findUniqueOrThrow({ where: { id: form.id } })).definition;
    if (TEST_DIALECT === "postgresql") expect(JSON.stringify(stored)).not.toBe(JSON.stringify(definition));
    expect(sameJson(stored, definition)).toBe(true);
    expect(sameJson(stored, { ...definition, title: "Khác" })).toBe(false);
    expect(sameJson({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });

  it("SQLite's connection settings are applied on SQLite only; a writer's first statement works on both", async () => {
    await tuneSqlite(temp.db);
    if (TEST_DIALECT === "sqlite") {
      const [mode] = await temp.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(mode?.journal_mode).toBe("wal");
    }
    const count = await temp.db.$transaction(async (tx) => {
      const statement = writeLockStatement(dialectOf(tx));
      if (statement) await tx.$executeRawUnsafe(statement);
      return tx.changeBatch.count();
    });
    expect(count).toBe(0);
  });

  it("errors that mean another connection was in the way are told apart from the rest", async () => {
    const conflict = new Prisma.PrismaClientKnownRequestError(
      "Transaction failed due to a write conflict or a deadlock. Please retry your transaction",
      { code: "P2034", clientVersion: "7" },
    );
    expect(isDatabaseBusy(conflict)).toBe(true);
    expect(isDatabaseBusy(new Error("could not serialize access due to concurrent update"))).toBe(true);
    expect(isDatabaseBusy(new Error("database is locked"))).toBe(true);
    const duplicate = new Prisma.PrismaClientKnownRequestError("Unique constraint failed", {
      code: "P2002",
      clientVersion: "7",
    });
    expect(isDatabaseBusy(duplicate)).toBe(false);
    if (TEST_DIALECT !== "postgresql") return;

    // A real serialization failure: two serializable transactions read what the other writes.
    const other = temp.reopen();
    const [a, b] = await Promise.all([
      temp.db.unit.create({ data: { code: "SER-A", name: "A", level: "hamlet", path: "/9001/", depth: 0 } }),
      temp.db.unit.create({ data: { code: "SER-B", name: "B", level: "hamlet", path: "/9002/", depth: 0 } }),
    ]);
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => {
      let reads = 0;
      release = () => {
        reads += 1;
        if (reads === 2) resolve();
      };
    });
    const swap = (client: typeof temp.db, read: number, write: number) =>
      client.$transaction(
        async (tx) => {
          await tx.unit.findUniqueOrThrow({ where: { id: read } });
          release();
          await bothRead;
          await tx.unit.update({ where: { id: write }, data: { name: "changed" } });
        },
        { isolationLevel: "Serializable" },
      );
    const results = await Promise.allSettled([swap(temp.db, a.id, b.id), swap(other, b.id, a.id)]);
    const failed = results.filter((result) => result.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(isDatabaseBusy((failed[0] as PromiseRejectedResult).reason)).toBe(true);
  });
});

// Each check migrates a scratch SQLite database and runs the schema engine: seconds, not milliseconds.
describe("Migrations for both kept in step by a check (npm run db:check fails when they drift)", {
  timeout: 120_000,
}, () => {
  let dir: string;
  let folders: MigrationFolders;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tlgn-drift-"));
    cpSync("prisma", join(dir, "prisma"), { recursive: true });
    folders = {
      schemaPath: join(dir, "prisma/schema.prisma"),
      sqliteDir: join(dir, "prisma/migrations"),
      postgresqlDir: join(dir, "prisma/migrations-postgresql"),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const addToUnit = (line: string) => {
    const schema = readFileSync(folders.schemaPath, "utf8");
    writeFileSync(folders.schemaPath, schema.replace("model Unit {\n", `model Unit {\n  ${line}\n`));
  };

  it("the committed folders produce the schema, each for its database", async () => {
    expect(await checkMigrations()).toEqual([]);
  });

  it("a schema change without migrations is a drift on both databases; `npm run db:check` exits 1 and says what is missing", async () => {
    addToUnit("nickname String?");
    const drifts = await checkMigrations(folders);
    expect(drifts.map((d) => [d.dialect, d.problem])).toEqual([
      ["sqlite", "the migrations do not produce the schema"],
      ["postgresql", "the migrations do not produce the schema"],
    ]);
    expect(drifts[0]?.sql).toMatch(/ALTER TABLE "Unit" ADD COLUMN "nickname" TEXT/);
    expect(drifts[1]?.sql).toMatch(/ALTER TABLE "Unit" ADD COLUMN\s+"nickname" TEXT/);

    const check = spawnSync(resolve("node_modules/.bin/tsx"), [resolve("scripts/db-check.ts")], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/prisma\/migrations \(sqlite\): the migrations do not produce the schema/);
    expect(check.stderr).toMatch(
      /prisma\/migrations-postgresql \(postgresql\): the migrations do not produce/,
    );
    expect(check.stderr).toMatch(/npm run db:migration -- <name>/);
  });

  it("`npm run db:migration` writes both migrations, after which the check passes", async () => {
    const result = await writeMigrations("unit_nickname", "20990101000000", folders);
    expect(result.written.map((w) => w.dialect)).toEqual(["sqlite", "postgresql"]);
    const sql = (folder: string) =>
      readFileSync(join(folder, "20990101000000_unit_nickname/migration.sql"), "utf8");
    expect(sql(folders.sqliteDir)).toMatch(/"nickname" TEXT/);
    expect(sql(folders.postgresqlDir)).toMatch(/"nickname" TEXT/);
    expect(await checkMigrations(folders)).toEqual([]);
  });

  it("a merged SQLite-only migration (another branch's) is a PostgreSQL drift; the same command writes only PostgreSQL's and names the data statements to port", async () => {
    addToUnit("shortName String?");
    const other = join(folders.sqliteDir, "20990102000000_unit_short_name");
    cpSync(join(folders.sqliteDir, "20990101000000_unit_nickname"), other, { recursive: true });
    writeFileSync(
      join(other, "migration.sql"),
      'ALTER TABLE "Unit" ADD COLUMN "shortName" TEXT;\nUPDATE "Unit" SET "shortName" = "name";\n',
    );
    expect((await checkMigrations(folders)).map((d) => d.dialect)).toEqual(["postgresql"]);

    const result = await writeMigrations("after_merge", "20990103000000", folders);
    expect(result.written.map((w) => w.dialect)).toEqual(["postgresql"]);
    expect(result.unportedData).toEqual([
      { migration: "20990102000000_unit_short_name", statements: ['UPDATE "Unit" SET "shortName" = "name"'] },
    ]);
    expect(await checkMigrations(folders)).toEqual([]);
  });
});
