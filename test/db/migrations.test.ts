import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.js";
import { applyMigrations, diffDatabaseToSchema } from "../../src/db/schema-engine.js";
import { seedDemoData } from "../../src/db/seed.js";
import { createFakeClock } from "../helpers/fake-clock.js";

const dir = mkdtempSync(join(tmpdir(), "tlgn-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("offline migrations", () => {
  const url = `file:${join(dir, "fresh.db")}`;

  it("apply to an empty database, then report nothing pending", async () => {
    const first = await applyMigrations(url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("the committed migrations produce exactly prisma/schema.prisma (no forgotten migration)", async () => {
    const sql = await diffDatabaseToSchema(url);
    expect(sql.replace(/^--.*$/gm, "").trim()).toBe("");
  });

  it("record themselves in _prisma_migrations like the Prisma CLI", async () => {
    const db = createDb(url);
    const rows = await db.$queryRawUnsafe<{ migration_name: string; finished_at: unknown }[]>(
      "SELECT migration_name, finished_at FROM _prisma_migrations",
    );
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    await db.$disconnect();
  });
});

describe("demo seed", () => {
  it("fills an empty database once and never touches one with data", async () => {
    const url = `file:${join(dir, "seed.db")}`;
    await applyMigrations(url);
    const db = createDb(url);
    const first = await seedDemoData(db, createFakeClock());
    expect(first).toMatchObject({ seeded: true, units: 11 });
    expect(await seedDemoData(db, createFakeClock())).toEqual({ seeded: false });
    const hamlet = await db.unit.findUniqueOrThrow({
      where: { code: "42-LTT-03" },
      include: { parent: true },
    });
    expect(hamlet.path).toBe(`${hamlet.parent?.path}${hamlet.id}/`);
    expect(hamlet.depth).toBe(2);
    await db.$disconnect();
  });
});
