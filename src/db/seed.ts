import { childPath } from "../domain/units/unit-path.js";
import type { Clock } from "../shared/clock.js";
import type { Db } from "./client.js";
import { DEMO_PEOPLE, DEMO_UNITS } from "./demo-data.js";
import { SEED_TRANSACTION, seedDemoReports } from "./demo-reports.js";

export type SeedResult = { seeded: false } | { seeded: true; units: number; people: number; reports: number };

/**
 * Fills an empty database with the demo province so that a first `npm start` can be tried in
 * every role (the policy Q&A comes from `content/faq`, imported separately), with reports of
 * the last weeks dated from `clock` (`demo-reports.ts`) so that summaries have figures. Does
 * nothing when any unit exists: real data is never touched.
 */
export async function seedDemoData(
  db: Db,
  clock: Clock,
  options: { timeZone?: string } = {},
): Promise<SeedResult> {
  const seeded = await seedDemoRoster(db, clock);
  if (!seeded.seeded) return seeded;
  const reports = await seedDemoReports(db, clock, options.timeZone ?? "Asia/Ho_Chi_Minh");
  return { ...seeded, reports };
}

/**
 * The demo province and its roster alone, without reports: for tests that build the reports
 * they are about themselves. Does nothing when any unit exists.
 */
export async function seedDemoRoster(
  db: Db,
  clock: Clock,
): Promise<{ seeded: false } | { seeded: true; units: number; people: number }> {
  return db.$transaction(async (tx) => {
    if ((await tx.unit.count()) > 0) return { seeded: false };

    const units = new Map<string, { id: number; path: string; depth: number }>();
    for (const demo of DEMO_UNITS) {
      const parent = demo.parentCode ? units.get(demo.parentCode) : undefined;
      if (demo.parentCode && !parent) throw new Error(`Demo unit ${demo.code}: parent not listed first`);
      const created = await tx.unit.create({
        data: {
          code: demo.code,
          name: demo.name,
          level: demo.level,
          parentId: parent?.id ?? null,
          path: "",
          depth: parent ? parent.depth + 1 : 0,
        },
      });
      const path = childPath(parent?.path ?? null, created.id);
      await tx.unit.update({ where: { id: created.id }, data: { path } });
      units.set(demo.code, { id: created.id, path, depth: created.depth });
    }

    for (const demo of DEMO_PEOPLE) {
      const unit = units.get(demo.unitCode);
      if (!unit) throw new Error(`Demo person ${demo.fullName}: unknown unit ${demo.unitCode}`);
      await tx.person.create({
        data: {
          fullName: demo.fullName,
          phone: demo.phone,
          role: demo.role,
          title: demo.title ?? null,
          unitId: unit.id,
          accounts: demo.telegramId
            ? {
                create: {
                  channel: "telegram",
                  externalId: String(demo.telegramId),
                  chatId: String(demo.telegramId),
                  displayName: demo.fullName,
                  linkedAt: clock.now(),
                },
              }
            : undefined,
        },
      });
    }

    return {
      seeded: true,
      units: DEMO_UNITS.length,
      people: DEMO_PEOPLE.length,
    };
  }, SEED_TRANSACTION);
}
