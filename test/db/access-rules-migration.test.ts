import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.js";
import { applyMigrations, MIGRATIONS_DIR } from "../../src/db/schema-engine.js";

const dir = mkdtempSync(join(tmpdir(), "tlgn-access-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MIGRATION = readdirSync(MIGRATIONS_DIR).find((name) => name.endsWith("_access_rules"));

describe("Rules in the database", () => {
  it("the access_rules migration keeps existing rows within the new unique keys (the newest of duplicates)", async () => {
    if (!MIGRATION) throw new Error("no access_rules migration");
    // A database as it was before the migration, holding what the old code let through.
    const before = join(dir, "migrations");
    cpSync(MIGRATIONS_DIR, before, { recursive: true });
    const later = readdirSync(before).filter((name) => name >= MIGRATION);
    for (const name of later) rmSync(join(before, name), { recursive: true });
    const url = `file:${join(dir, "old.db")}`;
    await applyMigrations(url, { migrationsDir: before });
    const db = createDb(url);
    const sql = (text: string) => db.$executeRawUnsafe(text);
    await sql(`INSERT INTO "Unit" ("id", "code", "name", "level", "path", "depth", "updatedAt")
      VALUES (1, '42', 'Tỉnh', 'province', '/1/', 0, '2026-11-01T00:00:00.000Z')`);
    await sql(`INSERT INTO "ChannelAccount" ("id", "channel", "externalId", "chatId", "updatedAt")
      VALUES (1, 'telegram', '1', '1', '2026-11-01T00:00:00.000Z'), (2, 'telegram', '2', '2', '2026-11-01T00:00:00.000Z')`);
    // Account 1 asked three times (two still pending), account 2 once.
    await sql(`INSERT INTO "AccessRequest" ("id", "accountId", "fullName", "unitId", "role", "status", "createdAt", "updatedAt") VALUES
      (1, 1, 'A', 1, 'hamlet_head', 'pending', '2026-11-01T01:00:00.000Z', '2026-11-01T01:00:00.000Z'),
      (2, 1, 'A', 1, 'hamlet_head', 'pending', '2026-11-02T01:00:00.000Z', '2026-11-02T01:00:00.000Z'),
      (3, 1, 'A', 1, 'hamlet_head', 'rejected', '2026-10-01T01:00:00.000Z', '2026-10-01T01:00:00.000Z'),
      (4, 2, 'B', 1, 'hamlet_head', 'pending', '2026-11-01T01:00:00.000Z', '2026-11-01T01:00:00.000Z')`);
    // Two open tickets for one question at one place, one for another question, one answered.
    await sql(`INSERT INTO "QuestionTicket" ("id", "text", "normalized", "unitId", "status", "createdAt", "updatedAt") VALUES
      (1, 'Hỏi?', 'hoi', 1, 'open', '2026-11-01T01:00:00.000Z', '2026-11-01T01:00:00.000Z'),
      (2, 'Hỏi?', 'hoi', 1, 'open', '2026-11-03T01:00:00.000Z', '2026-11-03T01:00:00.000Z'),
      (3, 'Khác?', 'khac', 1, 'open', '2026-11-01T01:00:00.000Z', '2026-11-01T01:00:00.000Z'),
      (4, 'Hỏi?', 'hoi', 1, 'answered', '2026-10-01T01:00:00.000Z', '2026-10-01T01:00:00.000Z')`);
    await sql(`INSERT INTO "Question" ("id", "accountId", "text", "createdAt") VALUES
      (1, 1, 'Hỏi?', '2026-11-01T01:00:00.000Z')`);
    // Two opinions on one answer to a question, two from the topic list (no question).
    await sql(`INSERT INTO "FaqEntry" ("id", "key", "topics", "title", "phrasings", "answer", "source", "contentHash", "updatedAt")
      VALUES (1, 'k', '[]', 't', '[]', 'a', 's', 'h', '2026-11-01T00:00:00.000Z')`);
    await sql(`INSERT INTO "AnswerFeedback" ("id", "questionId", "entryId", "helpful", "createdAt") VALUES
      (1, 1, 1, 1, '2026-11-01T01:00:00.000Z'), (2, 1, 1, 0, '2026-11-01T02:00:00.000Z'),
      (3, NULL, 1, 1, '2026-11-01T01:00:00.000Z'), (4, NULL, 1, 1, '2026-11-01T01:00:00.000Z')`);

    cpSync(join(MIGRATIONS_DIR, MIGRATION), join(before, MIGRATION), { recursive: true });
    expect(await applyMigrations(url, { migrationsDir: before })).toEqual([MIGRATION]);

    const requests = await db.accessRequest.findMany({ orderBy: { id: "asc" } });
    expect(requests.map((r) => [r.id, r.status, r.pendingKey])).toEqual([
      [1, "withdrawn", null],
      [2, "pending", "1"],
      [3, "rejected", null],
      [4, "pending", "2"],
    ]);
    const tickets = await db.questionTicket.findMany({ orderBy: { id: "asc" } });
    expect(tickets.map((t) => [t.id, t.status, t.openKey])).toEqual([
      [1, "open", null],
      [2, "open", "1:0:hoi"],
      [3, "open", "1:0:khac"],
      [4, "answered", null],
    ]);
    const feedback = await db.answerFeedback.findMany({ orderBy: { id: "asc" } });
    expect(feedback.map((f) => [f.id, f.questionId, f.helpful])).toEqual([
      [2, 1, false],
      [3, null, true],
      [4, null, true],
    ]);
    await db.$disconnect();
  });
});
