import { type Db, Prisma } from "../../db/client.js";
import { isUniqueViolation } from "../../db/unique-violation.js";
import type { Clock } from "../../shared/clock.js";
import { loadActor } from "../access/load-actor.js";
import { canPerform, isInScope } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import type { FaqEntryStatus } from "../enums.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { resolveAreas } from "./faq-search.js";
import { PROMOTED_KEY_PREFIX } from "./import-faq-content.js";
import { loadReviewableEntry } from "./review/load-reviewable-entry.js";

export interface RecordedFeedback {
  feedbackId: number;
  /** The question the opinion is about: the asker's own (another account's question id is dropped). */
  questionId: number | null;
}

/**
 * 👍/👎 on an answer. For an answer to the asker's own question, one opinion per question and
 * entry, kept by the database (a unique key): a second tap changes it, two taps at once leave
 * one. For an answer opened from the topic list (or to someone else's question), each tap is kept.
 */
export async function recordFeedback(
  db: Db,
  clock: Clock,
  input: {
    entryId: number;
    questionId: number | null;
    /** The account tapping: only its own question counts as one. */
    accountId: number;
    personId: number | null;
    helpful: boolean;
  },
): Promise<RecordedFeedback> {
  const own =
    input.questionId === null
      ? null
      : await db.question.findFirst({
          where: { id: input.questionId, accountId: input.accountId },
          select: { id: true },
        });
  const row = { entryId: input.entryId, personId: input.personId, helpful: input.helpful };
  if (!own) {
    const created = await db.answerFeedback.create({
      data: { ...row, questionId: null, createdAt: clock.now() },
    });
    return { feedbackId: created.id, questionId: null };
  }
  const where = { questionId_entryId: { questionId: own.id, entryId: input.entryId } };
  try {
    const saved = await db.answerFeedback.upsert({
      where,
      create: { ...row, questionId: own.id, createdAt: clock.now() },
      update: { helpful: input.helpful },
    });
    return { feedbackId: saved.id, questionId: own.id };
  } catch (error) {
    // Two taps at once: the other one created it; this one changes it.
    if (!isUniqueViolation(error)) throw error;
    const saved = await db.answerFeedback.update({ where, data: { helpful: input.helpful } });
    return { feedbackId: saved.id, questionId: own.id };
  }
}

export async function addFeedbackComment(db: Db, feedbackId: number, comment: string): Promise<void> {
  await db.answerFeedback.update({
    where: { id: feedbackId },
    data: { comment: comment.trim().slice(0, 1000) },
  });
}

/**
 * Answers promoted from officers, waiting for review, that this reviewer may review (their
 * reach within the reviewer's subtree; administrators: all), oldest first. The reviewer is read
 * as they stand now. The waiting entries
 * are few, so their areas are resolved here rather than joined.
 */
export async function listEntriesToReview(db: Db, actorId: number, options: { skip: number; take: number }) {
  const actor = await loadActor(db, actorId);
  if (!actor || !canPerform(actor, "faq.verify")) return [0, []] as const;
  const waiting = await db.faqEntry.findMany({
    where: { status: "needs_review" satisfies FaqEntryStatus, key: { startsWith: PROMOTED_KEY_PREFIX } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const areas = await resolveAreas(
    db,
    waiting.map((entry) => entry.areaCode),
  );
  const mine = waiting.filter((entry) => {
    if (actor.role === "admin") return true;
    const area = entry.areaCode ? areas.get(entry.areaCode) : undefined;
    return area !== undefined && isInScope(actor, area.path);
  });
  return [mine.length, mine.slice(options.skip, options.skip + options.take)] as const;
}

export type ReviewPromotedEntryResult =
  | { ok: true }
  | { ok: false; reason: "not_allowed" | "out_of_scope" | "not_found" };

/**
 * A reviewer approves a promoted answer — it is then served to everyone within its reach, no
 * longer only to those who asked — or drops it (retired). The reviewer is read as they stand
 * now, in the transaction that changes the entry and records `faq.verify` / `faq.reject`.
 */
export async function reviewPromotedEntry(
  db: Db,
  clock: Clock,
  actorId: number,
  entryId: number,
  approve: boolean,
): Promise<ReviewPromotedEntryResult> {
  return inWriteTransaction(db, async (tx): Promise<ReviewPromotedEntryResult> => {
    const loaded = await loadReviewableEntry(tx, actorId, entryId);
    if (!loaded.ok) return loaded;
    // Only an entry still waiting: two reviewers deciding at once decide it once.
    const decided = await tx.faqEntry.updateMany({
      where: { id: entryId, status: "needs_review" satisfies FaqEntryStatus },
      data: approve
        ? { status: "verified" satisfies FaqEntryStatus, audience: Prisma.DbNull }
        : { status: "retired" satisfies FaqEntryStatus },
    });
    if (decided.count === 0) return { ok: false, reason: "not_found" };
    await recordAudit(tx, {
      at: clock.now(),
      actorId,
      action: approve ? "faq.verify" : "faq.reject",
      targetType: "FaqEntry",
      targetId: loaded.entry.key,
      unitId: loaded.area?.id ?? null,
      ...(approve ? { details: { approved: true, reach: loaded.entry.areaCode } } : {}),
    });
    return { ok: true };
  });
}
