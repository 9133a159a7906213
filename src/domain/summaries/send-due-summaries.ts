import { type Db, Prisma } from "../../db/client.js";
import { isLocale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { canPerform, isInScope } from "../access/permissions.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { findAccountUsedLast, htmlMessage, type OutboxPayload } from "../outbox/enqueue-message.js";
import { CHANNEL_TRAITS, isChannel, isRole } from "../roles.js";
import { type ComposeSummaryInput, composeSummary } from "./compose-summary.js";
import { isSummaryCadence, latestSlot, windowForSlot } from "./summary-period.js";

/** A summary due this long ago or less goes out as usual; later, it is marked late. */
export const SUMMARY_GRACE_MS = 15 * 60_000;
/** Charts and workbooks are kept this long for the outbox (then housekeeping removes them). */
export const GENERATED_FILE_LIFETIME_MS = 30 * 24 * 60 * 60_000;
/** Subscriptions read per page: a province's worth never sits in memory at once. */
const PAGE = 100;

/** What the sweep needs of a composed summary (`composeSummary`'s `ComposedSummary`); tests pass a small one. */
export interface ComposedParts {
  texts: string[];
  chart: { fileName: string; bytes: Buffer } | null;
  workbook: { fileName: string; bytes: Buffer };
}

export type ComposeSummaryFn = (
  db: Db,
  translator: Translator,
  input: ComposeSummaryInput,
) => Promise<ComposedParts | null>;

export interface SummariesSwept {
  /** Summaries queued by this sweep. */
  sent: number;
  /** Of them, sent more than the grace period after their slot (the app was down). */
  late: number;
  /** Due but not sent: the person gone, no longer allowed, the unit out of scope, nobody to reach. */
  skipped: number;
  /** Subscriptions whose summary could not be made this time (tried again at the next sweep). */
  failed: { subscriptionId: number; error: string }[];
}

interface Candidate {
  id: number;
  personId: number;
  unitId: number;
  cadence: string;
  localTime: string;
  weekday: number | null;
  monthDay: number | null;
  sendFrom: Date;
}

/**
 * The summaries sweep (every minute): for each active subscription, the latest slot of its
 * schedule — if at or after `sendFrom` and not sent yet for its window — is composed (outside any
 * transaction: it reads a lot) and queued in ONE transaction: the `SummarySent` row, whose unique
 * (subscription, period) makes a racing sweep or a second instance drop its copy, the chart and
 * workbook as `GeneratedFile` rows and the outbox rows — texts, then chart, then workbook, to the
 * chat the person used last, keys `summary:<subscriptionId>:<periodKey>:<part>`. Only the latest
 * slot is caught up: after three weeks down, one late summary, not three. Nothing goes to a
 * person deactivated, no longer allowed to receive summaries, or whose unit left their scope.
 */
export async function sendDueSummaries(
  db: Db,
  clock: Clock,
  translator: Translator,
  options: { timeZone: string; graceMs?: number; compose?: ComposeSummaryFn },
): Promise<SummariesSwept> {
  const graceMs = options.graceMs ?? SUMMARY_GRACE_MS;
  const compose = options.compose ?? composeSummary;
  const swept: SummariesSwept = { sent: 0, late: 0, skipped: 0, failed: [] };
  let after = 0;
  for (;;) {
    const page: Candidate[] = await db.summarySubscription.findMany({
      where: { active: true, id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: {
        id: true,
        personId: true,
        unitId: true,
        cadence: true,
        localTime: true,
        weekday: true,
        monthDay: true,
        sendFrom: true,
      },
    });
    for (const subscription of page) {
      let outcome: Awaited<ReturnType<typeof sendOne>>;
      try {
        outcome = await sendOne(db, clock, translator, subscription, {
          timeZone: options.timeZone,
          graceMs,
          compose,
        });
      } catch (error) {
        // One summary that cannot be made (a broken form, a rendering error) holds up no other;
        // nothing was recorded for it, so the next sweep tries again.
        swept.failed.push({
          subscriptionId: subscription.id,
          error: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      if (outcome === "sent" || outcome === "late") swept.sent += 1;
      if (outcome === "late") swept.late += 1;
      if (outcome === "skipped") swept.skipped += 1;
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return swept;
    after = last.id;
  }
}

async function sendOne(
  db: Db,
  clock: Clock,
  translator: Translator,
  subscription: Candidate,
  options: { timeZone: string; graceMs: number; compose: ComposeSummaryFn },
): Promise<"sent" | "late" | "skipped" | "not_due"> {
  const now = clock.now();
  if (!isSummaryCadence(subscription.cadence)) return "skipped";
  const schedule = {
    cadence: subscription.cadence,
    localTime: subscription.localTime,
    weekday: subscription.weekday,
    monthDay: subscription.monthDay,
  };
  const slot = latestSlot(schedule, now, options.timeZone);
  if (!slot || slot.getTime() < subscription.sendFrom.getTime()) return "not_due";
  const window = windowForSlot(subscription.cadence, slot, options.timeZone);
  const done = await db.summarySent.count({
    where: { subscriptionId: subscription.id, periodKey: window.key },
  });
  if (done > 0) return "not_due";

  const person = await db.person.findUnique({
    where: { id: subscription.personId },
    select: { id: true, role: true, status: true, locale: true, unit: { select: { path: true } } },
  });
  const unit = await db.unit.findUnique({
    where: { id: subscription.unitId },
    select: { path: true, active: true },
  });
  if (!person || !isRole(person.role) || !unit?.active) return "skipped";
  const actor = { role: person.role, status: person.status, unitPath: person.unit.path };
  if (!canPerform(actor, "summary.receive") || !isInScope(actor, unit.path)) return "skipped";
  const account = await findAccountUsedLast(db, person.id);
  if (!account || !isChannel(account.channel)) return "skipped";

  const late = now.getTime() - slot.getTime() > options.graceMs;
  const composed = await options.compose(db, translator, {
    rootUnitId: subscription.unitId,
    window,
    now,
    timeZone: options.timeZone,
    locale: isLocale(person.locale) ? person.locale : "vi",
    maxTextLength: CHANNEL_TRAITS[account.channel].maxTextLength,
    late,
  });
  if (!composed) return "skipped";

  const key = (part: string) => `summary:${subscription.id}:${window.key}:${part}`;
  const queued = await inWriteTransaction(db, async (tx) => {
    let sentId: number;
    try {
      const sent = await tx.summarySent.create({
        data: { subscriptionId: subscription.id, periodKey: window.key, dueAt: slot, late, createdAt: now },
        select: { id: true },
      });
      sentId = sent.id;
    } catch (error) {
      // Another sweep (an overlapping run, another instance) queued this one: nothing to do.
      // A subscription deleted meanwhile (P2003) has nobody to send to either.
      if (
        error instanceof Prisma.PrismaClientKnownRequestError &&
        (error.code === "P2002" || error.code === "P2003")
      )
        return false;
      throw error;
    }
    const expiresAt = new Date(now.getTime() + GENERATED_FILE_LIFETIME_MS);
    const parts: { part: string; payload: OutboxPayload }[] = composed.texts.map((text, index) => ({
      part: `t${index + 1}`,
      payload: htmlMessage(text),
    }));
    if (composed.chart) {
      const file = await tx.generatedFile.create({
        data: {
          kind: "summary_chart",
          fileName: composed.chart.fileName,
          mimeType: "image/png",
          bytes: new Uint8Array(composed.chart.bytes),
          createdAt: now,
          expiresAt,
        },
        select: { id: true },
      });
      parts.push({
        part: "chart",
        payload: { method: "sendPhoto", params: { photo: { generatedFileId: file.id } } },
      });
    }
    const workbook = await tx.generatedFile.create({
      data: {
        kind: "summary_workbook",
        fileName: composed.workbook.fileName,
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes: new Uint8Array(composed.workbook.bytes),
        createdAt: now,
        expiresAt,
      },
      select: { id: true },
    });
    parts.push({
      part: "workbook",
      payload: { method: "sendDocument", params: { document: { generatedFileId: workbook.id } } },
    });
    let firstOutboxId: number | null = null;
    for (const { part, payload } of parts) {
      // Created one after another, so the chat's rows go out in this order.
      const row = await tx.outboxMessage.create({
        data: {
          kind: "summary",
          personId: person.id,
          channel: account.channel,
          chatId: account.chatId,
          payload: payload as unknown as Prisma.InputJsonValue,
          idempotencyKey: key(part),
          createdAt: now,
          nextAttemptAt: now,
          ref: `summary:${subscription.id}:${window.key}`,
        },
        select: { id: true },
      });
      firstOutboxId ??= row.id;
    }
    await tx.summarySent.update({ where: { id: sentId }, data: { outboxId: firstOutboxId } });
    return true;
  });
  if (!queued) return "not_due";
  return late ? "late" : "sent";
}
