import type { Db, Prisma } from "../../db/client.js";
import { isUniqueViolation } from "../../db/unique-violation.js";
import { isLocale, type Locale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { foldText } from "../../shared/fold.js";
import { escapeHtml, html, wholeText } from "../../shared/html.js";
import { formatDate } from "../../shared/time.js";
import { loadActor } from "../access/load-actor.js";
import { type Actor, authorize } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import type { FaqEntryStatus, TicketStatus } from "../enums.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { enqueueForPerson, enqueueMessage } from "../outbox/enqueue-message.js";
import type { Unreachable } from "../outbox/reach-of.js";
import { pathIds, subtreeRange } from "../units/unit-path.js";
import { PROMOTED_KEY_PREFIX } from "./import-faq-content.js";
import type { SearchConfidence } from "./search-outcome-of.js";

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : "vi");
type Tx = Prisma.TransactionClient;
const DAY_MS = 24 * 60 * 60_000;
export const MAX_ANSWER_LENGTH = 3000;

/** Records a free-text question and what the bot answered (for feedback and the human loop). */
export async function recordQuestion(
  db: Pick<Tx, "question">,
  clock: Clock,
  input: {
    accountId: number;
    personId: number | null;
    text: string;
    matchedEntryId: number | null;
    score: number | null;
    /** How sure the search was ({@link searchOutcomeOf}); the editors' report lists low and none. */
    confidence?: SearchConfidence;
    /** Entry ids offered, best first. */
    candidates?: number[];
  },
): Promise<number> {
  const question = await db.question.create({
    data: { ...input, text: input.text.slice(0, 1000), createdAt: clock.now() },
  });
  return question.id;
}

/**
 * The unit a question is handed to: the asker's commune (questions from a hamlet go to its
 * commune officers); people above commune level, and strangers, go to the top of the tree.
 */
async function ticketUnitFor(db: Tx, personUnitId: number | null): Promise<{ id: number; path: string }> {
  if (personUnitId !== null) {
    const unit = await db.unit.findUnique({ where: { id: personUnitId } });
    if (unit) {
      const chain = await db.unit.findMany({ where: { id: { in: pathIds(unit.path) } } });
      const commune = chain.find((u) => u.level === "commune");
      if (commune) return { id: commune.id, path: commune.path };
      const root = chain.find((u) => u.depth === 0) ?? unit;
      return { id: root.id, path: root.path };
    }
  }
  const root = await db.unit.findFirstOrThrow({
    where: { parentId: null, active: true },
    orderBy: { id: "asc" },
  });
  return { id: root.id, path: root.path };
}

export type AskOfficerResult =
  | { ok: true; ticketId: number; joined: boolean; notified: number }
  | { ok: false; reason: "not_found" | "already_asked" };

/**
 * The `openKey` of an open ticket: one open ticket per question (folded text), unit and
 * assignee, kept by the database (a unique column, cleared when the ticket is answered).
 */
export function ticketOpenKey(unitId: number, assigneeId: number | null, normalized: string): string {
  return `${unitId}:${assigneeId ?? 0}:${normalized}`;
}

/**
 * "Hỏi cán bộ": hands a question to people. The same open question from the same commune joins
 * the existing ticket (everyone who asked gets the answer); a new ticket notifies the commune
 * officers of that commune (the administrators when there are none). The ticket, the question's
 * link to it and the notices are one transaction. Two people asking the same question at the
 * same moment open one ticket: the second's duplicate `openKey` rolls its attempt back, and
 * asked again it joins the first's ticket.
 */
export async function askOfficer(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: AskOfficerInput,
): Promise<AskOfficerResult> {
  try {
    return await retryOnOpenTicket(() =>
      inWriteTransaction(db, (tx) => askOfficerInTransaction(tx, clock, translator, input)),
    );
  } catch (error) {
    if (error instanceof QuestionAlreadyAsked) return { ok: false, reason: "already_asked" };
    throw error;
  }
}

/** Thrown when another attempt handed the question over meanwhile, so that this one's ticket is rolled back. */
export class QuestionAlreadyAsked extends Error {}

export interface AskOfficerInput {
  questionId: number;
  accountId: number;
  /**
   * Hands the question to one person instead of the commune officers — a course's trainer for
   * "Hỏi thêm" — with the unit whose scope the ticket belongs to (the course's unit).
   */
  assignTo?: { personId: number; unitId: number };
}

/**
 * Runs an attempt to open (or join) a ticket once more when another ticket for the same
 * question opened meanwhile (its `openKey` taken): the second attempt joins it.
 */
export async function retryOnOpenTicket<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error, ["openKey"])) throw error;
    return attempt();
  }
}

/** {@link askOfficer} inside the caller's transaction (a course question records it in the same one). */
export async function askOfficerInTransaction(
  tx: Tx,
  clock: Clock,
  translator: Translator,
  input: AskOfficerInput,
): Promise<AskOfficerResult> {
  const question = await tx.question.findUnique({
    where: { id: input.questionId },
    include: { person: true },
  });
  if (!question || question.accountId !== input.accountId) return { ok: false, reason: "not_found" };
  if (question.ticketId !== null) return { ok: false, reason: "already_asked" };
  const unit = input.assignTo
    ? { id: input.assignTo.unitId }
    : await ticketUnitFor(tx, question.person?.status === "active" ? question.person.unitId : null);
  const assigneeId = input.assignTo?.personId ?? null;
  const normalized = foldText(question.text);
  const openKey = ticketOpenKey(unit.id, assigneeId, normalized);
  const open = await tx.questionTicket.findUnique({ where: { openKey } });
  const ticket =
    open ??
    (await tx.questionTicket.create({
      data: {
        text: question.text,
        normalized,
        unitId: unit.id,
        assigneeId,
        status: "open" satisfies TicketStatus,
        openKey,
        createdAt: clock.now(),
      },
    }));
  // Only a question not handed over yet (a double tap on another instance finds it taken).
  const claimed = await tx.question.updateMany({
    where: { id: question.id, ticketId: null },
    data: { ticketId: ticket.id },
  });
  if (claimed.count === 0) throw new QuestionAlreadyAsked();
  const notified = open ? 0 : await notifyAnswerers(tx, clock, translator, ticket.id, 0);
  return { ok: true, ticketId: ticket.id, joined: open !== null, notified };
}

/**
 * Who is asked at each level: 0 = the ticket's assignee when it has one (a course's trainer),
 * else the commune officers of the ticket's unit (admins if none); 1 = trainers above it;
 * 2 = administrators.
 */
async function answerersAt(db: Tx, unitPath: string, level: number, assigneeId: number | null = null) {
  const ancestors = pathIds(unitPath);
  const active = { status: "active" };
  if (level === 0 && assigneeId !== null) {
    const assignee = await db.person.findMany({ where: { ...active, id: assigneeId } });
    if (assignee.length > 0) return assignee;
  }
  if (level === 0) {
    const officers = await db.person.findMany({
      where: { ...active, role: "commune_officer", unitId: { in: ancestors } },
    });
    if (officers.length > 0) return officers;
    return db.person.findMany({ where: { ...active, role: "admin" } });
  }
  if (level === 1) {
    return db.person.findMany({ where: { ...active, role: "trainer", unitId: { in: ancestors } } });
  }
  return db.person.findMany({ where: { ...active, role: "admin" } });
}

async function notifyAnswerers(
  db: Tx,
  clock: Clock,
  translator: Translator,
  ticketId: number,
  level: number,
) {
  const ticket = await db.questionTicket.findUniqueOrThrow({
    where: { id: ticketId },
    include: { unit: true, questions: { include: { person: { include: { unit: true } } } } },
  });
  const asker = ticket.questions[0]?.person;
  let queued = 0;
  for (const person of await answerersAt(db, ticket.unit.path, level, ticket.assigneeId)) {
    const locale = localeOf(person.locale);
    const t = (key: string, args?: Parameters<Translator["t"]>[2]) => translator.t(locale, key, args);
    const who = asker
      ? html`${asker.fullName} (${t(`role-${asker.role}`)}, ${asker.unit.name})`
      : t("tk-stranger");
    queued += await enqueueForPerson(db, {
      kind: "notification",
      personId: person.id,
      idempotencyKey: `ticket:${ticketId}:level${level}:p${person.id}`,
      now: clock.now(),
      ref: `ticket:${ticketId}`,
      payload: {
        method: "sendMessage",
        params: {
          text: t(level === 0 ? "tk-new" : "tk-escalated", {
            who,
            question: wholeText(ticket.text),
            days: level,
          }),
          parse_mode: "HTML",
          reply_markup: {
            inline_keyboard: [[{ text: t("tk-button-answer"), callback_data: `tk:r:${ticketId}` }]],
          },
        },
      },
    });
  }
  return queued;
}

export type AnswerTicketResult =
  | {
      ok: true;
      /** Askers the answer was sent to (the bot can reach them). */
      notified: number;
      /** Askers who blocked the bot: not messaged, named so the officer can call them. */
      unreachable: Unreachable[];
    }
  | {
      ok: false;
      reason:
        | "not_found"
        | "already_answered"
        | "not_allowed"
        | "out_of_scope"
        | "role_not_grantable"
        | "unit_level_mismatch";
    };

/** Whether this person may answer this ticket: the role, and the ticket's unit in their subtree. */
export async function mayAnswerTicket(
  db: Pick<Db | Prisma.TransactionClient, "questionTicket">,
  actor: Actor | null,
  ticketId: number,
) {
  if (!actor || !authorize(actor, "faq.answer").ok)
    return { ok: false as const, reason: "not_allowed" as const };
  const ticket = await db.questionTicket.findUnique({ where: { id: ticketId }, include: { unit: true } });
  if (!ticket) return { ok: false as const, reason: "not_found" as const };
  const decision = authorize(actor, "faq.answer", { unitPath: ticket.unit.path });
  if (!decision.ok) return decision;
  return { ok: true as const, ticket };
}

/**
 * A ticket as the person who would answer it sees it before answering: they are read as they
 * stand now and must be allowed to answer tickets of its unit.
 */
export async function loadTicketToAnswer(
  db: Db,
  actorId: number,
  ticketId: number,
): Promise<
  | { ok: true; ticket: { id: number; text: string; open: boolean } }
  | {
      ok: false;
      reason: "not_found" | "not_allowed" | "out_of_scope" | "role_not_grantable" | "unit_level_mismatch";
    }
> {
  const allowed = await mayAnswerTicket(db, await loadActor(db, actorId), ticketId);
  if (!allowed.ok) return allowed;
  const { ticket } = allowed;
  return {
    ok: true,
    ticket: { id: ticket.id, text: ticket.text, open: ticket.status === ("open" satisfies TicketStatus) },
  };
}

/**
 * An officer's answer: the ticket is closed once (a second answer is refused) and every
 * person who asked the same question gets the answer, through the outbox — except askers who
 * blocked the bot, who are returned by name (and phone, when known) instead of being counted.
 * The officer is read as they stand now, in the transaction that closes the ticket, queues the
 * answers and writes the audit entry.
 */
export async function answerTicket(
  db: Db,
  clock: Clock,
  translator: Translator,
  actorId: number,
  input: { ticketId: number; answer: string },
): Promise<AnswerTicketResult> {
  return inWriteTransaction(db, async (tx): Promise<AnswerTicketResult> => {
    const actor = await loadActor(tx, actorId);
    const allowed = await mayAnswerTicket(tx, actor, input.ticketId);
    if (!allowed.ok || !actor) return allowed.ok ? { ok: false, reason: "not_allowed" } : allowed;
    const answer = input.answer.trim().slice(0, MAX_ANSWER_LENGTH);
    // Answered, the ticket no longer collects new askers (its `openKey` is freed).
    const updated = await tx.questionTicket.updateMany({
      where: { id: input.ticketId, status: "open" satisfies TicketStatus },
      data: {
        status: "answered" satisfies TicketStatus,
        openKey: null,
        answer,
        answeredById: actor.id,
        answeredAt: clock.now(),
      },
    });
    if (updated.count === 0) return { ok: false, reason: "already_answered" };
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: "faq.answer",
      targetType: "QuestionTicket",
      targetId: input.ticketId,
      unitId: allowed.ticket.unitId,
    });
    const ticket = await tx.questionTicket.findUniqueOrThrow({
      where: { id: input.ticketId },
      include: {
        questions: { include: { account: { include: { person: true } } } },
        answeredBy: { include: { unit: true } },
      },
    });
    let notified = 0;
    const unreachable: Unreachable[] = [];
    const seen = new Set<number>();
    for (const question of ticket.questions) {
      if (seen.has(question.accountId)) continue;
      seen.add(question.accountId);
      const account = question.account;
      if (account.blockedAt !== null) {
        unreachable.push({
          personId: account.personId,
          fullName: account.person?.fullName ?? account.displayName ?? account.username ?? "",
          phone: account.person?.phone ?? account.verifiedPhone,
          reach: "blocked",
        });
        continue;
      }
      const locale = localeOf(account.person?.locale ?? account.locale);
      const by = ticket.answeredBy;
      const sent = await enqueueMessage(tx, {
        kind: "notification",
        personId: account.personId,
        channel: account.channel,
        chatId: account.chatId,
        idempotencyKey: `ticket:${ticket.id}:answer:a${account.id}`,
        now: clock.now(),
        ref: `ticket:${ticket.id}`,
        senderId: actor.id,
        payload: {
          method: "sendMessage",
          params: {
            text: translator.t(locale, "tk-answer-for-asker", {
              question: wholeText(question.text),
              answer: wholeText(answer),
              by: by
                ? html`${by.fullName}, ${translator.t(locale, `role-${by.role}`)} — ${by.unit.name}`
                : "",
            }),
            parse_mode: "HTML",
          },
        },
      });
      if (sent) notified += 1;
    }
    return { ok: true, notified, unreachable };
  });
}

/** The source of a promoted answer: who answered stays in the audit log, not in the answer. */
export const PROMOTED_SOURCE = "Câu trả lời của cán bộ địa phương";

/**
 * Turns an answered question into a new FAQ entry waiting for review (`needs_review`). Until a
 * reviewer approves it, it answers only the people who asked the ticket (`audience`); its reach
 * is the ticket's unit (the commune) unless the reviewer widens it. Its source names no person:
 * who answered and who promoted are in the audit log (`faq.answer`, `faq.promote`).
 */
export async function promoteTicket(
  db: Db,
  clock: Clock,
  actorId: number,
  ticketId: number,
  timeZone: string,
): Promise<PromoteTicketResult> {
  try {
    return await inWriteTransaction(db, (tx) => promoteInTransaction(tx, clock, actorId, ticketId, timeZone));
  } catch (error) {
    // Promoted at the same moment by someone else: the entry's key (one per ticket) is taken.
    if (isUniqueViolation(error, ["key"])) return { ok: false, reason: "already_promoted" };
    throw error;
  }
}

export type PromoteTicketResult =
  | { ok: true; key: string }
  | { ok: false; reason: "not_found" | "not_answered" | "already_promoted" | "not_allowed" };

async function promoteInTransaction(
  tx: Tx,
  clock: Clock,
  actorId: number,
  ticketId: number,
  timeZone: string,
): Promise<PromoteTicketResult> {
  const allowed = await mayAnswerTicket(tx, await loadActor(tx, actorId), ticketId);
  if (!allowed.ok) return { ok: false, reason: allowed.reason === "not_found" ? "not_found" : "not_allowed" };
  const ticket = await tx.questionTicket.findUniqueOrThrow({
    where: { id: ticketId },
    include: { questions: true, unit: true },
  });
  if (ticket.status !== ("answered" satisfies TicketStatus) || !ticket.answer)
    return { ok: false, reason: "not_answered" };
  if (ticket.promotedEntryKey) return { ok: false, reason: "already_promoted" };
  // One entry per answer: the key is the ticket's, and FaqEntry.key is unique.
  const key = `${PROMOTED_KEY_PREFIX}${ticket.id}`;
  const answeredOn = formatDate(ticket.answeredAt ?? clock.now(), "vi", timeZone);
  const askers = [...new Set(ticket.questions.flatMap((q) => (q.personId === null ? [] : [q.personId])))];
  await tx.faqEntry.create({
    data: {
      key,
      topics: [],
      title: ticket.text.slice(0, 120),
      phrasings: [...new Set(ticket.questions.map((q) => q.text.slice(0, 160)))],
      keywords: [],
      answer: escapeHtml(ticket.answer),
      source: `${PROMOTED_SOURCE}, ngày ${answeredOn}`,
      status: "needs_review" satisfies FaqEntryStatus,
      contentHash: "promoted",
      areaCode: ticket.unit.code,
      audience: askers,
    },
  });
  await tx.questionTicket.update({ where: { id: ticket.id }, data: { promotedEntryKey: key } });
  await recordAudit(tx, {
    at: clock.now(),
    actorId,
    action: "faq.promote",
    targetType: "FaqEntry",
    targetId: key,
    unitId: ticket.unitId,
  });
  return { ok: true, key };
}

/**
 * Open questions in the actor's scope (their unit's subtree), oldest first: the actor is read
 * as they stand now, and someone who may not answer questions sees none.
 */
export async function listOpenTickets(db: Db, actorId: number, options: { skip: number; take: number }) {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "faq.answer").ok) return [0, []] as const;
  const where = { status: "open" satisfies TicketStatus, unit: { path: subtreeRange(actor.unitPath) } };
  return Promise.all([
    db.questionTicket.count({ where }),
    db.questionTicket.findMany({
      where,
      orderBy: { createdAt: "asc" },
      skip: options.skip,
      take: options.take,
      include: { _count: { select: { questions: true } } },
    }),
  ]);
}

/**
 * Open questions unanswered for `days` days per level are handed one level up (trainers,
 * then administrators). Run by the scheduler; each escalation happens once.
 */
export async function escalateOpenTickets(
  db: Db,
  clock: Clock,
  translator: Translator,
  days: number,
): Promise<number> {
  const now = clock.now().getTime();
  const open = await db.questionTicket.findMany({
    where: { status: "open" satisfies TicketStatus, escalationLevel: { lt: 2 } },
  });
  let escalated = 0;
  for (const ticket of open) {
    const dueAt = ticket.createdAt.getTime() + (ticket.escalationLevel + 1) * days * DAY_MS;
    if (dueAt > now) continue;
    const level = ticket.escalationLevel + 1;
    // The escalation and its notices commit together: a crash between them escalates nothing.
    const done = await inWriteTransaction(db, async (tx) => {
      const claimed = await tx.questionTicket.updateMany({
        where: {
          id: ticket.id,
          status: "open" satisfies TicketStatus,
          escalationLevel: ticket.escalationLevel,
        },
        data: { escalationLevel: level, escalatedAt: clock.now() },
      });
      if (claimed.count === 0) return false;
      await notifyAnswerers(tx, clock, translator, ticket.id, level);
      return true;
    });
    if (done) escalated += 1;
  }
  return escalated;
}
