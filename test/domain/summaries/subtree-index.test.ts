import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../../src/db/client.js";
import { dialectOf } from "../../../src/db/dialect.js";
import { listPendingAccessRequests } from "../../../src/domain/access/decide-access-request.js";
import { listOpenTickets } from "../../../src/domain/faq/questions.js";
import { searchPeople } from "../../../src/domain/people/search-people.js";
import { computeSummary } from "../../../src/domain/summaries/compute-summary.js";
import { windowByKey } from "../../../src/domain/summaries/summary-period.js";
import { summarizeScope } from "../../../src/domain/units/summarize-scope.js";
import { subtreeRange } from "../../../src/domain/units/unit-path.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { storeForms, TZ } from "./summary-fixture.js";

let temp: TempDb;
let logged: Db;
const statements: { query: string; params: unknown[] }[] = [];

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  await storeForms(temp.db);
  if (dialectOf(temp.db) === "postgresql") {
    // PostgreSQL plans from statistics: give it other provinces' hamlets, heads and reports, so
    // that reaching one province's few units by anything but the path index costs — as it does
    // in a national database, where starting from "all reports of the week" would read millions.
    await temp.db.$executeRawUnsafe(`
      INSERT INTO "Unit" ("code", "name", "level", "path", "depth", "updatedAt")
      SELECT 'bulk-' || i, 'Thôn ' || i, 'hamlet', '/900000/' || i || '/', 1, now() FROM generate_series(1, 5000) AS i`);
    await temp.db.$executeRawUnsafe(`
      INSERT INTO "Person" ("fullName", "role", "unitId", "updatedAt")
      SELECT 'Trưởng thôn ' || u."id", 'hamlet_head', u."id", now() FROM "Unit" u WHERE u."code" LIKE 'bulk-%'`);
    await temp.db.$executeRawUnsafe(`
      INSERT INTO "Report" ("formId", "formKey", "periodKey", "unitId", "personId", "status", "answers", "submittedAt", "updatedAt")
      SELECT f."id", f."key", k."key", p."unitId", p."id", 'submitted', '{}'::jsonb, TIMESTAMP '2026-11-25 03:00:00', now()
      FROM "Person" p JOIN "Unit" u ON u."id" = p."unitId" AND u."code" LIKE 'bulk-%'
      CROSS JOIN "ReportForm" f CROSS JOIN (VALUES ('2026-W48'), ('2026-W47'), ('2026-11')) AS k("key")`);
    await temp.db.$executeRawUnsafe("ANALYZE");
  }
  logged = createDb(temp.url, { onQuery: ({ sql, params }) => statements.push({ query: sql, params }) });
});
afterAll(async () => {
  await logged.$disconnect();
  await temp.cleanup();
});

/** The statements logged while `work` ran that select units by a range of paths. */
async function subtreeStatements(work: () => Promise<unknown>) {
  const from = statements.length;
  await work();
  return statements.slice(from).filter((s) => /[`"]path[`"]\s*>=/.test(s.query));
}

interface Plan {
  /** The plan as the database prints it, for the failure message. */
  text: string;
  usesPathIndex: boolean;
  /** Tables (or their aliases) read whole. */
  fullScans: string[];
}

/**
 * How the database runs a statement. SQLite: EXPLAIN QUERY PLAN, whose planner has no statistics
 * and follows the written join order (see orderedJoin). PostgreSQL: EXPLAIN on a database with
 * other provinces' units and reports (see beforeAll), planned from statistics; a full read there
 * is any scan of Unit or Report without an index condition (a sequential scan, or a whole index
 * walked), since the planner may also reach a few units by their primary key from another
 * selective index (a form's reports of a week), which reads no subtree at all.
 */
async function explain(db: Db, statement: { query: string; params: unknown[] }): Promise<Plan> {
  if (dialectOf(db) === "sqlite") {
    const rows = await db.$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN ${statement.query}`,
      ...statement.params,
    );
    const details = rows.map((row) => row.detail);
    // SQLite names a table by its alias in plans ("SCAN u"): full scans of Unit or Report by any name.
    const names = new Set(["Unit", "Report"]);
    for (const match of statement.query.matchAll(
      /[`"](Unit|Report)[`"]\s+(?:AS\s+)?[`"]?([a-z][a-z0-9]*)\b/g,
    ))
      if (match[2] && !["ON", "WHERE", "JOIN"].includes(match[2].toUpperCase())) names.add(match[2]);
    return {
      text: details.join("\n"),
      usesPathIndex: details.some((d) => /USING (COVERING )?INDEX "?Unit_path_idx"?/.test(d)),
      fullScans: details
        .map((d) =>
          /^SCAN (\S+)/
            .exec(d)?.[1]
            ?.replaceAll('"', "")
            .replace(/^main\./, ""),
        )
        .filter((scanned): scanned is string => scanned !== undefined && names.has(scanned)),
    };
  }
  const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
    `EXPLAIN (FORMAT JSON) ${statement.query}`,
    ...statement.params,
  );
  const nodes: Record<string, unknown>[] = [];
  const walk = (node: Record<string, unknown>) => {
    nodes.push(node);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  const plan = row?.["QUERY PLAN"] as { Plan: Record<string, unknown> }[];
  for (const top of plan) walk(top.Plan);
  const reads = (node: Record<string, unknown>) =>
    node["Relation Name"] === "Unit" || node["Relation Name"] === "Report";
  return {
    text: JSON.stringify(plan),
    usesPathIndex: nodes.some((node) => node["Index Name"] === "Unit_path_idx"),
    fullScans: nodes
      .filter((node) => reads(node) && /Scan$/.test(String(node["Node Type"])))
      // A bitmap heap scan's condition is on its bitmap index scan child, which is checked itself.
      .filter((node) => node["Node Type"] !== "Bitmap Heap Scan" && node["Index Cond"] === undefined)
      .map((node) => `${String(node["Relation Name"])} ${String(node.Alias)} (${String(node["Node Type"])})`),
  };
}

describe("Subtree queries use an index", () => {
  it("a subtree is a range of paths: the unit and everything under it, nothing beside it", () => {
    const range = subtreeRange("/1/5/");
    expect(range).toEqual({ gte: "/1/5/", lt: "/1/50" });
    const inside = (path: string) => path >= range.gte && path < range.lt;
    expect(["/1/5/", "/1/5/23/", "/1/5/23/99/", "/1/5/9/"].every(inside)).toBe(true);
    expect(["/1/", "/1/4/", "/1/50/", "/1/51/7/", "/1/6/", "/15/", "/2/5/"].some(inside)).toBe(false);
  });

  it("every statement of a province's summary reaches units by the path index, with no full scan of Unit or Report", async () => {
    const window = windowByKey("weekly", "2026-W48", TZ);
    if (!window) throw new Error("no window");
    const province = await temp.db.unit.findFirstOrThrow({ where: { level: "province" } });
    let summary: Awaited<ReturnType<typeof computeSummary>> = null;
    const subtree = await subtreeStatements(async () => {
      summary = await computeSummary(logged, {
        rootUnitId: province.id,
        window,
        now: new Date(window.end.getTime() + 1),
        timeZone: TZ,
      });
    });
    expect((summary as Awaited<ReturnType<typeof computeSummary>>)?.forms.length).toBeGreaterThan(0);
    // Per periodic form: rows, totals, the same for the previous period, expected, missing, trend;
    // then returned, urgent, questions (2), courses and trained this year (2).
    expect(subtree.length).toBeGreaterThanOrEqual(10);
    const plans: string[] = [];
    let byPath = 0;
    for (const statement of subtree) {
      const plan = await explain(temp.db, statement);
      plans.push(plan.text);
      // PostgreSQL estimates a range bounded by another row's path (u against c) at a ninth of
      // the table, so it may hash the few listed units' parents (`p`, a lookup by id) rather than
      // look each up: a read of Unit, not of the subtree. The subtree and the reports never.
      const fullScans = plan.fullScans.filter((scan) => !/^Unit p /.test(scan));
      expect(fullScans, `${statement.query}\n${plan.text}`).toEqual([]);
      // SQLite follows the written order, from the subtree's units; PostgreSQL chooses by cost.
      if (dialectOf(temp.db) === "sqlite")
        expect(plan.usesPathIndex, `${statement.query}\n${plan.text}`).toBe(true);
      if (plan.usesPathIndex) byPath += 1;
    }
    expect(plans.length).toBe(subtree.length);
    expect(byPath).toBeGreaterThanOrEqual(subtree.length / 2);
    if (process.env.SHOW_PLANS)
      console.log(subtree.map((s, i) => `${s.query.slice(0, 200)}\n  => ${plans[i]}`).join("\n\n"));
  });
});

describe("Subtree queries use an index on both", () => {
  it("no model query selects a subtree by a path prefix (LIKE 'prefix%', which scans the whole Unit table)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith(".ts") && /\bpath:\s*\{\s*startsWith\b/.test(readFileSync(path, "utf8")))
          offenders.push(path);
      }
    };
    for (const dir of ["src/domain", "src/bot", "src/jobs", "src/db"]) walk(dir);
    expect(offenders, "use subtreeRange(path) from src/domain/units/unit-path.ts").toEqual([]);
  });

  it("the subtree lists of the people, access-request, question and scope screens reach units by the path index", async () => {
    const admin = await temp.db.person.findFirstOrThrow({
      where: { role: "admin" },
      include: { unit: true },
    });
    const subtree = await subtreeStatements(async () => {
      await summarizeScope(logged, admin.id);
      expect(await searchPeople(logged, admin.id, "Bình")).not.toBeNull();
      await listPendingAccessRequests(logged, admin.id, { skip: 0, take: 10 });
      await listOpenTickets(logged, admin.id, { skip: 0, take: 10 });
    });
    // Scope: units by level, people by role, linked people; then people; requests (2); tickets (2).
    expect(subtree.length).toBeGreaterThanOrEqual(8);
    let unitsOnly = 0;
    for (const statement of subtree) {
      const plan = await explain(temp.db, statement);
      // Never the whole Unit table. Joined to a few rows found by their own index (the pending
      // requests), the database may look their units up by id and check the path there.
      expect(plan.fullScans, `${statement.query}\n${plan.text}`).toEqual([]);
      if (/\bJOIN\b/i.test(statement.query)) continue;
      unitsOnly += 1;
      expect(plan.usesPathIndex, `${statement.query}\n${plan.text}`).toBe(true);
    }
    expect(unitsOnly).toBeGreaterThanOrEqual(1);
  });
});
