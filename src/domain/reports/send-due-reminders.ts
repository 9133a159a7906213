import type { Db, Prisma } from "../../db/client.js";
import { transactionWithRetry } from "../../db/transaction-with-retry.js";
import { isLocale, type TranslationArgs, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import type { FormCatalog } from "./form-catalog.js";
import type { FormDefinition } from "./form-definition.js";
import { periodAt, type ReportPeriod, reminderDue } from "./periods.js";
import { remindMissing, reportingStatus } from "./review.js";
import { formatReportingStatus } from "./status-message.js";

/**
 * A reminder run writes one outbox row per person reminded: many, in a province. Its
 * transaction may take longer than a person's action.
 */
const REMINDER_TRANSACTION_OPTIONS = { timeout: 120_000 } as const;

/**
 * The daily reminder run: for each periodic form whose reminder (days before or after the
 * deadline) falls on today, remind the people of every unit that has not reported — and only
 * them. Each reminder slot is sent once per person, whatever runs it again. A form's reminders
 * and the officers' lists of who is missing are one transaction: a run that fails leaves none
 * of them, and the next run sends them all.
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
    queued += await transactionWithRetry(
      db,
      async (tx) => {
        const reminded = await remindMissing(tx, clock, translator, {
          form: form.definition,
          period,
          key: `reminder:${form.definition.key}:${period.key}:${offset}`,
          by: "schedule",
        });
        let count = reminded.ok ? reminded.queued : 0;
        // From the deadline day on, each commune officer gets who is still missing in their commune.
        if (offset >= 0) {
          count += await tellOfficers(tx, clock, translator, {
            form: form.definition,
            period,
            timeZone,
            key: `officer-status:${form.definition.key}:${period.key}:${offset}`,
          });
        }
        return count;
      },
      REMINDER_TRANSACTION_OPTIONS,
    );
  }
  return queued;
}

async function tellOfficers(
  tx: Prisma.TransactionClient,
  clock: Clock,
  translator: Translator,
  input: { form: FormDefinition; period: ReportPeriod; timeZone: string; key: string },
): Promise<number> {
  const officers = await tx.person.findMany({
    where: { role: "commune_officer", status: "active", unit: { level: "commune", active: true } },
    select: { id: true, locale: true },
  });
  let queued = 0;
  for (const officer of officers) {
    const found = await reportingStatus(tx, officer.id, input.form, input.period.key);
    if (!found.ok || found.status.total === 0) continue;
    const locale = isLocale(officer.locale) ? officer.locale : "vi";
    const t = (key: string, args?: TranslationArgs) => translator.t(locale, key, args);
    const { text, missing } = formatReportingStatus(t, {
      form: input.form,
      period: input.period,
      status: found.status,
      withParent: false,
      locale,
      timeZone: input.timeZone,
    });
    if (missing === 0) continue;
    const formKey = input.form.key;
    queued += await enqueueForPerson(tx, {
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
