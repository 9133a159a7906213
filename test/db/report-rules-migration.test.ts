import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.js";
import { applyMigrations, MIGRATIONS_DIR } from "../../src/db/schema-engine.js";
import { seedDemoRoster } from "../../src/db/seed.js";
import { FORMS_DIR, loadForms } from "../../src/domain/reports/load-forms.js";
import { syncForms } from "../../src/domain/reports/report-store.js";
import { createFakeClock } from "../helpers/fake-clock.js";

const dir = mkdtempSync(join(tmpdir(), "tlgn-report-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RULES = readdirSync(MIGRATIONS_DIR).find((name) => name.endsWith("_report_rules"));

describe("Rules in the database", () => {
  it("the report_rules migration back-fills form and slot keys of the reports there are, and keeps one open draft per person and form", async () => {
    if (!RULES) throw new Error("no report_rules migration");
    // A database as it stood before: every migration up to report_rules.
    const before = join(dir, "before");
    cpSync(MIGRATIONS_DIR, before, { recursive: true });
    for (const name of readdirSync(before))
      if (name >= RULES && name !== "migration_lock.toml") rmSync(join(before, name), { recursive: true });
    const url = `file:${join(dir, "old.db")}`;
    await applyMigrations(url, { migrationsDir: before });
    const db = createDb(url);
    try {
      await seedDemoRoster(db, createFakeClock());
      const { forms } = loadForms(FORMS_DIR);
      const { latest } = await syncForms(db, forms);
      const formId = (key: string) => latest.get(key)?.id ?? 0;
      const person = async (phone: string) => db.person.findUniqueOrThrow({ where: { phone } });
      const an = await person("+84912000001");
      const giang = await person("+84912000011");
      const at = (iso: string) => new Date(iso);
      // The old table has no formKey: rows go in as the old code wrote them.
      const insert = (row: {
        formId: number;
        periodKey: string;
        unitId: number;
        personId: number;
        status: string;
        submittedAt: Date | null;
        updatedAt: Date;
      }) =>
        db.$queryRaw<{ id: number }[]>`
          INSERT INTO "Report" ("formId", "periodKey", "unitId", "personId", "status", "answers", "submittedAt", "createdAt", "updatedAt")
          VALUES (${row.formId}, ${row.periodKey}, ${row.unitId}, ${row.personId}, ${row.status}, '{}',
                  ${row.submittedAt}, ${row.updatedAt}, ${row.updatedAt})
          RETURNING "id"`.then((rows) => rows[0]?.id ?? 0);
      const review = formId("review-progress");
      const incident = formId("incident");
      // Thôn 3 sent week 47 twice (the old check-then-write let it through); the later one counts.
      const early = await insert({
        formId: review,
        periodKey: "2026-W47",
        unitId: an.unitId,
        personId: an.id,
        status: "submitted",
        submittedAt: at("2026-11-19T02:00:00Z"),
        updatedAt: at("2026-11-19T02:00:00Z"),
      });
      const late = await insert({
        formId: review,
        periodKey: "2026-W47",
        unitId: an.unitId,
        personId: an.id,
        status: "accepted",
        submittedAt: at("2026-11-19T03:00:00Z"),
        updatedAt: at("2026-11-19T03:00:00Z"),
      });
      const returned = await insert({
        formId: review,
        periodKey: "2026-W47",
        unitId: giang.unitId,
        personId: giang.id,
        status: "returned",
        submittedAt: at("2026-11-19T04:00:00Z"),
        updatedAt: at("2026-11-20T01:00:00Z"),
      });
      const sentIncident = await insert({
        formId: incident,
        periodKey: "adhoc-1795000000000",
        unitId: an.unitId,
        personId: an.id,
        status: "submitted",
        submittedAt: at("2026-11-19T05:00:00Z"),
        updatedAt: at("2026-11-19T05:00:00Z"),
      });
      // An had two drafts of the weekly review open (and one incident draft).
      const olderDraft = await insert({
        formId: review,
        periodKey: "2026-W48",
        unitId: an.unitId,
        personId: an.id,
        status: "draft",
        submittedAt: null,
        updatedAt: at("2026-11-23T01:00:00Z"),
      });
      const newerDraft = await insert({
        formId: review,
        periodKey: "2026-W48",
        unitId: an.unitId,
        personId: an.id,
        status: "draft",
        submittedAt: null,
        updatedAt: at("2026-11-24T01:00:00Z"),
      });
      const incidentDraft = await insert({
        formId: incident,
        periodKey: "adhoc-1795100000000",
        unitId: an.unitId,
        personId: an.id,
        status: "draft",
        submittedAt: null,
        updatedAt: at("2026-11-22T01:00:00Z"),
      });
      await db.$disconnect();

      // report_rules first, then whatever came after it.
      expect((await applyMigrations(url))[0]).toBe(RULES);
      const after = createDb(url);
      try {
        const rows = await after.report.findMany({
          select: { id: true, formKey: true, openDraftKey: true, sentSlotKey: true },
          orderBy: { id: "asc" },
        });
        expect(rows).toEqual([
          { id: early, formKey: "review-progress", openDraftKey: null, sentSlotKey: null },
          {
            id: late,
            formKey: "review-progress",
            openDraftKey: null,
            sentSlotKey: `review-progress:2026-W47:${an.unitId}`,
          },
          {
            id: returned,
            formKey: "review-progress",
            openDraftKey: null,
            sentSlotKey: `review-progress:2026-W47:${giang.unitId}`,
          },
          { id: sentIncident, formKey: "incident", openDraftKey: null, sentSlotKey: null },
          {
            id: newerDraft,
            formKey: "review-progress",
            openDraftKey: `${an.id}:review-progress`,
            sentSlotKey: null,
          },
          { id: incidentDraft, formKey: "incident", openDraftKey: `${an.id}:incident`, sentSlotKey: null },
        ]);
        expect(rows.some((row) => row.id === olderDraft)).toBe(false);
      } finally {
        await after.$disconnect();
      }
    } finally {
      await db.$disconnect();
    }
  }, 180_000);
});
