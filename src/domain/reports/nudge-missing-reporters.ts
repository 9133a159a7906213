import type { Db } from "../../db/client.js";
import { transactionWithRetry } from "../../db/transaction-with-retry.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { formatDate } from "../../shared/time.js";
import { loadActor } from "../access/load-actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { FormDefinition } from "./form-definition.js";
import type { ReportPeriod } from "./periods.js";
import { type RemindResult, remindMissing } from "./review.js";

export type NudgeResult = ({ ok: true } & RemindResult) | { ok: false; reason: "not_allowed" };

/**
 * "🔔 Nhắc các thôn chưa báo cáo": a reviewer reminds the people of the units in their scope
 * that have not reported for the period — once a day per reviewer (pressing again the same day
 * queues nothing new). Only people the bot can reach are messaged; the others come back by
 * name and phone, so the reviewer can call them. The reminders and the audit entry are one
 * transaction; `remindMissing` checks the reviewer as they stand now.
 */
export async function nudgeMissingReporters(
  db: Db,
  clock: Clock,
  translator: Translator,
  actorId: number,
  input: { form: FormDefinition; period: ReportPeriod; timeZone: string },
): Promise<NudgeResult> {
  const now = clock.now();
  const today = formatDate(now, "vi", input.timeZone);
  return transactionWithRetry(db, async (tx): Promise<NudgeResult> => {
    const result = await remindMissing(tx, clock, translator, {
      form: input.form,
      period: input.period,
      key: `nudge:${input.form.key}:${input.period.key}:${today}:by${actorId}`,
      by: { actorId },
    });
    if (!result.ok) return result;
    const actor = await loadActor(tx, actorId);
    await recordAudit(tx, {
      at: now,
      actorId,
      action: "report.nudge",
      targetType: "ReportForm",
      targetId: input.form.key,
      unitId: actor?.unitId ?? null,
      details: {
        periodKey: input.period.key,
        queued: result.queued,
        reminded: result.reminded,
        unreachable: result.unreachable.map((person) => person.personId ?? 0),
      },
    });
    return result;
  });
}
