import type { Db, Prisma } from "../../db/client.js";
import { isUniqueViolation } from "../../db/unique-violation.js";
import type { Clock } from "../../shared/clock.js";
import { foldText } from "../../shared/fold.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { questionInScope } from "./editors-report/question-in-scope.js";

/** The longest phrasing kept (a question is at most 500 characters in the bot; phrasings are short). */
export const MAX_PHRASING_LENGTH = 300;

export type AddFaqPhrasingResult =
  | { ok: true; added: boolean; entryKey: string; entryTitle: string; text: string }
  | { ok: false; reason: "not_allowed" | "not_found" | "empty" | "too_long" };

/**
 * "➕ Thêm làm cách hỏi": an editor adds a question's wording to an entry, so the search answers
 * it with confidence next time. Either the text itself, or a question asked in the bot (by id;
 * its asker must be in the editor's scope). One phrasing per entry and folded text: a wording
 * the entry already has (added before, or in its content file) is `added: false`, not an error.
 * The phrasing, the entry's `updatedAt` (every instance's index reloads on it) and the audit
 * entry `faq.phrasing` are written in one transaction. The database keeps the rule (a unique
 * key on entry and folded text): two editors adding the same wording at once add it once, and
 * the other's duplicate key is the "already there" answer.
 */
export async function addFaqPhrasing(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { entryId: number; text: string } | { entryId: number; questionId: number },
): Promise<AddFaqPhrasingResult> {
  const attempt = () => inWriteTransaction(db, (tx) => addInTransaction(tx, clock, actorId, input));
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error, ["entryId", "normalized"])) throw error;
    // Added meanwhile by someone else: asked again, the entry has it (`added: false`).
    return attempt();
  }
}

async function addInTransaction(
  tx: Prisma.TransactionClient,
  clock: Clock,
  actorId: number,
  input: { entryId: number; text: string } | { entryId: number; questionId: number },
): Promise<AddFaqPhrasingResult> {
  const actor = await loadActor(tx, actorId);
  if (!actor || !authorize(actor, "faq.review_content").ok) return { ok: false, reason: "not_allowed" };
  let raw: string;
  if ("questionId" in input) {
    const question = await tx.question.findUnique({
      where: { id: input.questionId },
      include: { person: { include: { unit: true } } },
    });
    if (!question || !questionInScope(actor, question.person?.unit.path ?? null))
      return { ok: false, reason: "not_found" };
    raw = question.text;
  } else raw = input.text;
  const text = raw.replace(/\s+/g, " ").trim();
  const normalized = foldText(text);
  if (normalized === "") return { ok: false, reason: "empty" };
  if (text.length > MAX_PHRASING_LENGTH) return { ok: false, reason: "too_long" };
  const entry = await tx.faqEntry.findUnique({ where: { id: input.entryId } });
  if (!entry || entry.status === "retired") return { ok: false, reason: "not_found" };
  const result = { ok: true as const, entryKey: entry.key, entryTitle: entry.title, text };
  const own = Array.isArray(entry.phrasings) ? entry.phrasings.map(String) : [];
  if (own.some((phrasing) => foldText(phrasing) === normalized)) return { ...result, added: false };
  const existing = await tx.faqPhrasing.findUnique({
    where: { entryId_normalized: { entryId: entry.id, normalized } },
  });
  if (existing) return { ...result, added: false };
  const now = clock.now();
  await tx.faqPhrasing.create({
    data: { entryId: entry.id, text, normalized, addedById: actor.id, createdAt: now },
  });
  // Later than whatever stamped it before (the importer's rows carry the wall clock).
  const stamp = new Date(Math.max(now.getTime(), entry.updatedAt.getTime() + 1));
  await tx.faqEntry.update({ where: { id: entry.id }, data: { updatedAt: stamp } });
  await recordAudit(tx, {
    at: now,
    actorId: actor.id,
    action: "faq.phrasing",
    targetType: "FaqEntry",
    targetId: entry.key,
    details: { text },
  });
  return { ...result, added: true };
}
