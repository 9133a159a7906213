import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, sqliteFileUrl } from "../../../src/db/client.js";
import { computeSummary } from "../../../src/domain/summaries/compute-summary.js";
import { windowByKey } from "../../../src/domain/summaries/summary-period.js";
import { subtreeRange } from "../../../src/domain/units/unit-path.js";
import { PrismaClient } from "../../../src/generated/prisma/client.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { storeForms, TZ } from "./summary-fixture.js";

let temp: TempDb;
let logged: Db;
const statements: { query: string; params: unknown[] }[] = [];

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  await storeForms(temp.db);
  const client = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: sqliteFileUrl(temp.url) }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (event) => {
    statements.push({ query: event.query, params: JSON.parse(event.params) as unknown[] });
  });
  logged = client as unknown as Db;
});
afterAll(async () => {
  await logged.$disconnect();
  await temp.cleanup();
});

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
    const summary = await computeSummary(logged, {
      rootUnitId: province.id,
      window,
      now: new Date(window.end.getTime() + 1),
      timeZone: TZ,
    });
    expect(summary?.forms.length).toBeGreaterThan(0);
    const subtree = statements.filter((s) => /[`"]path[`"]\s*>=/.test(s.query));
    // Per periodic form: rows, totals, the same for the previous period, expected, missing, trend;
    // then returned, urgent, questions (2), courses and trained this year (2).
    expect(subtree.length).toBeGreaterThanOrEqual(10);
    const plans: string[] = [];
    for (const statement of subtree) {
      const rows = await temp.db.$queryRawUnsafe<{ detail: string }[]>(
        `EXPLAIN QUERY PLAN ${statement.query}`,
        ...statement.params,
      );
      const details = rows.map((row) => row.detail);
      plans.push(details.join(" | "));
      // SQLite names a table by its alias in plans ("SCAN u"): full scans of Unit or Report by any name.
      const names = new Set(["Unit", "Report"]);
      for (const match of statement.query.matchAll(
        /[`"](Unit|Report)[`"]\s+(?:AS\s+)?[`"]?([a-z][a-z0-9]*)\b/g,
      ))
        if (match[2] && !["ON", "WHERE", "JOIN"].includes(match[2].toUpperCase())) names.add(match[2]);
      const fullScans = details.filter((d) => {
        const scanned = /^SCAN (\S+)/.exec(d)?.[1]?.replaceAll('"', "");
        return scanned !== undefined && names.has(scanned);
      });
      expect(fullScans, `${statement.query}\n${details.join("\n")}`).toEqual([]);
      expect(
        details.some((d) => /USING (COVERING )?INDEX "?Unit_path_idx"?/.test(d)),
        `${statement.query}\n${details.join("\n")}`,
      ).toBe(true);
    }
    expect(plans.length).toBe(subtree.length);
    if (process.env.SHOW_PLANS)
      console.log(subtree.map((s, i) => `${s.query.slice(0, 200)}\n  => ${plans[i]}`).join("\n\n"));
  });
});
