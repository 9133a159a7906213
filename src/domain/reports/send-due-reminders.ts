import type { Db } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import type { FormCatalog } from "./form-catalog.js";
import { periodAt, reminderDue } from "./periods.js";
import { remindMissing, reportingStatus } from "./review.js";

/**
 * The daily reminder run: for each periodic form whose reminder (days before or after the
 * deadline) falls on today, remind the people of every unit that has not reported — and only
 * them. Each reminder slot is sent once per person, whatever runs it again.
 */
export async function sendDueReminders(
  db: Db,
  clock: Clock,
  translator: Translator,
  catalog: FormCatalog,
  timeZone: string,
): Promise<number> {
  const now = clock.now();
  let queued = 0;
  for (const form of await catalog.latest()) {
    const spec = form.definition.period;
    if (spec.type === "adhoc") continue;
    const period = periodAt(spec, now, timeZone);
    if (!period) continue;
    const offset = reminderDue(spec, period, now, timeZone);
    if (offset === null) continue;
    // The whole tree: the root's path is a prefix of every unit's path.
    const everywhere = { role: "admin" as const, status: "active", unitPath: "/" };
    const status = await reportingStatus(db, everywhere, form.definition, period.key);
    queued += await remindMissing(db, clock, translator, {
      form: form.definition,
      period,
      status,
      key: `reminder:${form.definition.key}:${period.key}:${offset}`,
    });
  }
  return queued;
}
