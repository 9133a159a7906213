import { childPath } from "../domain/units/unit-path.js";
import type { Clock } from "../shared/clock.js";
import type { Db } from "./client.js";
import { DEMO_PEOPLE, DEMO_UNITS } from "./demo-data.js";

export type SeedResult = { seeded: false } | { seeded: true; units: number; people: number };

/**
 * Fills an empty database with the demo province so that a first `npm start` can be tried in
 * every role (the policy Q&A comes from `content/faq`, imported separately). Does nothing when
 * any unit exists: real data is never touched.
 */
export async function seedDemoData(db: Db, clock: Clock): Promise<SeedResult> {
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
  });
}
