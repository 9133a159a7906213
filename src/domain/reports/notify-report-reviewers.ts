import type { Db } from "../../db/client.js";
import { isLocale, type Locale, type TranslationArgs, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { escapeHtml, wholeText } from "../../shared/html.js";
import { sameJson } from "../../shared/same-json.js";
import { shortenLabel } from "../../shared/text.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import { reachOf, type Unreachable } from "../outbox/reach-of.js";
import { pathIds } from "../units/unit-path.js";
import type { FormDefinition } from "./form-definition.js";
import { type Answers, formatAnswer, summaryLabel, urgentFields, visibleFields } from "./form-engine.js";

/** Who was told about a sent report at once, and who could not be (to be called instead). */
export interface ReviewerNotice {
  urgent: boolean;
  reached: string[];
  unreachable: Unreachable[];
}

/** A notice lists answers; a long one is cut (the full report is one tap away). */
const ANSWER_PREVIEW = 300;
const NOTICE_LIMIT = 3500;

type NoticeDb = Pick<Db, "unit" | "person" | "$executeRaw" | "channelAccount">;

/**
 * An urgent report (one of the form's `urgentWhen` conditions holds) or a corrected one is
 * sent at once to the commune officers of the report's commune — the administrators when the
 * commune has none — with a button that opens it. Meant to run in the submission's
 * transaction: one outbox row per reachable account, keyed by the revision, so a retried
 * submission never notifies twice. Returns null when the report is neither urgent nor
 * corrected.
 */
export async function notifyReportReviewers(
  db: NoticeDb,
  clock: Clock,
  translator: Translator,
  input: {
    reportId: number;
    revisionId: number;
    form: FormDefinition;
    answers: Answers;
    /** What the reviewer saw before the correction (null for a first submission). */
    previous: Answers | null;
    unit: { name: string; path: string };
    author: { id: number; fullName: string };
  },
): Promise<ReviewerNotice | null> {
  const urgent = urgentFields(input.form, input.answers).length > 0;
  const corrected = input.previous !== null;
  if (!urgent && !corrected) return null;

  const recipients = await reviewersOf(db, input.unit.path, input.author.id);
  const notice: ReviewerNotice = { urgent, reached: [], unreachable: [] };
  for (const person of recipients) {
    const reach = reachOf(person.accounts);
    if (reach !== "reachable") {
      notice.unreachable.push({ personId: person.id, fullName: person.fullName, phone: person.phone, reach });
      continue;
    }
    const locale: Locale = isLocale(person.locale) ? person.locale : "vi";
    const t = (key: string, args?: TranslationArgs) => translator.t(locale, key, args);
    await enqueueForPerson(db, {
      kind: "notification",
      personId: person.id,
      idempotencyKey: `report:${input.reportId}:rev${input.revisionId}:p${person.id}`,
      now: clock.now(),
      payload: htmlMessage(noticeText(t, locale, { ...input, urgent }), [
        [[t("rp-button-view"), `rp:vw:${input.reportId}`]],
      ]),
    });
    notice.reached.push(person.fullName);
  }
  return notice;
}

/** The commune officers of the unit's commune (or the administrators), not the author. */
async function reviewersOf(db: NoticeDb, unitPath: string, authorId: number) {
  const select = {
    id: true,
    fullName: true,
    phone: true,
    locale: true,
    accounts: { select: { blockedAt: true } },
  } as const;
  const chain = await db.unit.findMany({ where: { id: { in: pathIds(unitPath) } } });
  const commune = chain.find((unit) => unit.level === "commune");
  if (commune) {
    const officers = await db.person.findMany({
      where: { status: "active", role: "commune_officer", unitId: commune.id, id: { not: authorId } },
      select,
      orderBy: { id: "asc" },
    });
    if (officers.length > 0) return officers;
  }
  return db.person.findMany({
    where: { status: "active", role: "admin", id: { not: authorId } },
    select,
    orderBy: { id: "asc" },
  });
}

function noticeText(
  t: (key: string, args?: TranslationArgs) => string,
  locale: Locale,
  input: {
    form: FormDefinition;
    answers: Answers;
    previous: Answers | null;
    unit: { name: string };
    author: { fullName: string };
    urgent: boolean;
  },
): string {
  const { form, answers, previous } = input;
  const args = {
    form: form.title,
    unit: input.unit.name,
    person: input.author.fullName,
    corrected: previous ? "yes" : "no",
  };
  const head = t(input.urgent ? "rp-notice-urgent" : "rp-notice-corrected", args);
  const answer = (key: string, value: Answers[string] | undefined) => {
    const field = form.fields.find((f) => f.key === key);
    return wholeText(field ? shortenLabel(formatAnswer(field, value, locale), ANSWER_PREVIEW) : "");
  };
  const lines: string[] = [];
  for (const field of visibleFields(form, answers)) {
    const value = answers[field.key];
    const label = escapeHtml(summaryLabel(field.label));
    if (previous === null || input.urgent) {
      // Urgent: everything, the officer may have to act on any of it.
      lines.push(`• ${label} <b>${answer(field.key, value)}</b>`);
    } else if (!sameJson(previous[field.key] ?? null, value ?? null)) {
      // Corrected: what changed, and what it was.
      lines.push(
        `• ${label} <b>${answer(field.key, value)}</b> ${t("rp-notice-was", { value: answer(field.key, previous[field.key]) })}`,
      );
    }
  }
  if (previous !== null && !input.urgent && lines.length === 0) lines.push(t("rp-notice-unchanged"));
  const kept: string[] = [];
  let length = head.length;
  for (const line of lines) {
    if (length + line.length + 1 > NOTICE_LIMIT) {
      kept.push(t("rp-notice-more"));
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return [head, ...kept].join("\n");
}
