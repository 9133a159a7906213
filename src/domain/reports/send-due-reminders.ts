import type { Db } from "../../db/client.js";
import { isLocale, type TranslationArgs, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import type { FormCatalog } from "./form-catalog.js";
import type { FormDefinition } from "./form-definition.js";
import { periodAt, type ReportPeriod, reminderDue } from "./periods.js";
import { remindMissing, reportingStatus } from "./review.js";
import { formatReportingStatus } from "./status-message.js";

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
    const reminded = await remindMissing(db, clock, translator, {
      form: form.definition,
      period,
      status,
      key: `reminder:${form.definition.key}:${period.key}:${offset}`,
    });
    queued += reminded.queued;
    // From the deadline day on, each commune officer gets who is still missing in their commune.
    if (offset >= 0) {
      queued += await tellOfficers(db, clock, translator, {
        form: form.definition,
        period,
        timeZone,
        key: `officer-status:${form.definition.key}:${period.key}:${offset}`,
      });
    }
  }
  return queued;
}

async function tellOfficers(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { form: FormDefinition; period: ReportPeriod; timeZone: string; key: string },
): Promise<number> {
  const officers = await db.person.findMany({
    where: { role: "commune_officer", status: "active", unit: { level: "commune", active: true } },
    select: { id: true, role: true, status: true, locale: true, unit: { select: { path: true } } },
  });
  let queued = 0;
  for (const officer of officers) {
    const actor = { role: "commune_officer" as const, status: officer.status, unitPath: officer.unit.path };
    const status = await reportingStatus(db, actor, input.form, input.period.key);
    if (status.total === 0) continue;
    const locale = isLocale(officer.locale) ? officer.locale : "vi";
    const t = (key: string, args?: TranslationArgs) => translator.t(locale, key, args);
    const { text, missing } = formatReportingStatus(t, {
      form: input.form,
      period: input.period,
      status,
      withParent: false,
      locale,
      timeZone: input.timeZone,
    });
    if (missing === 0) continue;
    const formKey = input.form.key;
    queued += await enqueueForPerson(db, {
      kind: "reminder",
      personId: officer.id,
      idempotencyKey: `${input.key}:p${officer.id}`,
      now: clock.now(),
      payload: htmlMessage(text, [
        [[t("rp-button-nudge"), `rp:ng:${formKey}:0`]],
        [[t("rp-button-open-status"), `rp:st:${formKey}:0`]],
      ]),
    });
  }
  return queued;
}
