import type { Db } from "../../../db/client.js";
import type { Clock } from "../../../shared/clock.js";
import { foldText } from "../../../shared/fold.js";
import { loadActor } from "../../access/load-actor.js";
import { authorize } from "../../access/permissions.js";
import { subtreeRange } from "../../units/unit-path.js";
import { loadDictionary } from "../faq-search.js";
import { PROMOTED_KEY_PREFIX } from "../import-faq-content.js";
import type { Expansions } from "../search/vietnamese-text.js";
import { groupSimilarQuestions } from "./group-similar-questions.js";
import { listContentFiles } from "./list-content-files.js";

const DAY_MS = 24 * 60 * 60_000;
/** Comments kept per entry (latest first) and examples per question group. */
export const MAX_COMMENTS = 3;
export const MAX_EXAMPLES = 3;
/** Candidate entries offered per question group ("➕ Thêm làm cách hỏi" → which entry). */
export const MAX_GROUP_CANDIDATES = 4;
/** At most this many questions of a period are grouped (the latest). */
const MAX_QUESTIONS = 5000;

export interface ReportEntry {
  id: number;
  key: string;
  title: string;
}

/**
 * What fixes an item: a question group's wording added to one of its candidate entries; a
 * ticket's answer promoted (`promoteTicket`); a content file edited; a promoted answer (`cb-…`)
 * reviewed in the bot.
 */
export type ContentAction =
  | { kind: "add_phrasing"; questionId: number; entries: ReportEntry[] }
  | { kind: "promote_answer"; ticketId: number }
  | { kind: "edit_file"; entryId: number; file: string }
  | { kind: "review_promoted"; entryId: number }
  | { kind: "none" };

export interface FeedbackItem {
  entry: ReportEntry;
  down: number;
  up: number;
  /** Comments left with a 👎, latest first, at most {@link MAX_COMMENTS}. */
  comments: { text: string; at: Date }[];
  action: ContentAction;
}

export interface QuestionGroup {
  /** Questions in the group (the same question in different words). */
  count: number;
  /** Every question of the group, latest first (a button names one of them). */
  memberIds: number[];
  /** Up to {@link MAX_EXAMPLES} different wordings, latest first. */
  examples: { id: number; text: string; at: Date }[];
  /** How many of them found nothing at all (the rest were offered likely entries). */
  unanswered: number;
  /**
   * The entry one of its wordings has since been added to as a phrasing (the group is fixed:
   * listed last, without an action); null while it is not.
   */
  addedTo: ReportEntry | null;
  /** The entry most often offered first for them; null when nothing was ever offered. */
  candidate: ReportEntry | null;
  latestAt: Date;
  action: ContentAction;
}

export interface TicketItem {
  id: number;
  text: string;
  unitName: string;
  createdAt: Date;
  /** Whole days since it was asked. */
  ageDays: number;
  /** How many people asked it. */
  askers: number;
  answer: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  action: ContentAction;
}

export interface OverdueItem {
  entry: ReportEntry;
  reviewBy: Date;
  /** The content file for file entries; null for promoted answers. */
  file: string | null;
  action: ContentAction;
}

export interface ContentReport {
  since: Date;
  until: Date;
  feedback: FeedbackItem[];
  questions: QuestionGroup[];
  /** Questions counted in {@link questions} (all groups). */
  questionCount: number;
  openTickets: TicketItem[];
  answeredTickets: TicketItem[];
  overdue: OverdueItem[];
}

export type BuildContentReportResult =
  | { ok: true; report: ContentReport }
  | { ok: false; reason: "not_allowed" };

let dictionary: Expansions | undefined;

/**
 * The editors' report for the time since `since`: 👎 answers with their comments, questions the
 * search answered with low confidence or not at all (grouped when they ask the same thing),
 * "Hỏi cán bộ" tickets still open or answered but not promoted, and entries past their review
 * date — each with the action that fixes it. Admins see everything; trainers what people and
 * units of their subtree asked and said (entries past review are for every editor).
 */
export async function buildContentReport(
  db: Db,
  clock: Clock,
  /** The editor; `null` is the operator at the database's console (`npm run faq -- report`): everything. */
  actorId: number | null,
  options: {
    since: Date;
    expansions?: Expansions;
    /** Content file of each entry key ({@link listContentFiles}). */
    contentFiles?: ReadonlyMap<string, string>;
  },
): Promise<BuildContentReportResult> {
  const actor = actorId === null ? null : await loadActor(db, actorId);
  if (actorId !== null && (!actor || !authorize(actor, "faq.review_content").ok))
    return { ok: false, reason: "not_allowed" };
  const now = clock.now();
  const since = options.since;
  const period = { gte: since, lte: now };
  const everything = actor === null || actor.role === "admin";
  const subtree = actor?.unitPath ?? "";
  const personInScope = everything ? {} : { person: { unit: { path: subtreeRange(subtree) } } };
  const files = options.contentFiles ?? listContentFiles();
  dictionary ??= options.expansions ? undefined : loadDictionary();
  const expansions = options.expansions ?? dictionary;

  const entryAction = (entry: { id: number; key: string }): ContentAction => {
    if (entry.key.startsWith(PROMOTED_KEY_PREFIX)) return { kind: "review_promoted", entryId: entry.id };
    const file = files.get(entry.key);
    return file ? { kind: "edit_file", entryId: entry.id, file } : { kind: "none" };
  };
  const brief = (entry: { id: number; key: string; title: string }): ReportEntry => ({
    id: entry.id,
    key: entry.key,
    title: entry.title,
  });

  // 👎 / 👍 per entry.
  const votes = await db.answerFeedback.findMany({
    where: { createdAt: period, entryId: { not: null }, ...personInScope },
    select: { entryId: true, helpful: true, comment: true, createdAt: true, id: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const tally = new Map<number, { down: number; up: number; comments: { text: string; at: Date }[] }>();
  for (const vote of votes) {
    if (vote.entryId === null) continue;
    const row = tally.get(vote.entryId) ?? { down: 0, up: 0, comments: [] };
    if (vote.helpful) row.up += 1;
    else {
      row.down += 1;
      const comment = vote.comment?.trim();
      if (comment && row.comments.length < MAX_COMMENTS)
        row.comments.push({ text: comment, at: vote.createdAt });
    }
    tally.set(vote.entryId, row);
  }
  const disliked = [...tally].filter(([, row]) => row.down > 0).map(([id]) => id);
  const entriesById = new Map(
    (
      await db.faqEntry.findMany({
        where: { id: { in: disliked } },
        select: { id: true, key: true, title: true },
      })
    ).map((entry) => [entry.id, entry]),
  );
  const feedback: FeedbackItem[] = disliked
    .flatMap((id) => {
      const entry = entriesById.get(id);
      const row = tally.get(id);
      return entry && row ? [{ entry: brief(entry), ...row, action: entryAction(entry) }] : [];
    })
    .sort((a, b) => b.down - a.down || a.up - b.up || a.entry.id - b.entry.id);

  // Questions answered unsure or not at all, the same question in different words together.
  const asked = await db.question.findMany({
    where: { createdAt: period, confidence: { in: ["low", "none"] }, ...personInScope },
    select: { id: true, text: true, confidence: true, candidates: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_QUESTIONS,
  });
  const grouped = groupSimilarQuestions(asked, expansions);
  const candidateIds = new Set<number>();
  const firstCandidates = (candidates: unknown) =>
    Array.isArray(candidates) ? candidates.map(Number).filter(Number.isInteger) : [];
  for (const question of asked) for (const id of firstCandidates(question.candidates)) candidateIds.add(id);
  const candidateEntries = new Map(
    (
      await db.faqEntry.findMany({
        where: { id: { in: [...candidateIds] }, status: { not: "retired" } },
        select: { id: true, key: true, title: true },
      })
    ).map((entry) => [entry.id, entry]),
  );
  // Wordings already added to an entry ("➕ Thêm làm cách hỏi"): their groups are done.
  const added = new Map<string, { id: number; key: string; title: string }>();
  const folded = asked.map((question) => foldText(question.text));
  for (const row of await db.faqPhrasing.findMany({
    where: { normalized: { in: [...new Set(folded)] } },
    select: { normalized: true, entry: { select: { id: true, key: true, title: true } } },
    orderBy: { id: "asc" },
  }))
    if (!added.has(row.normalized)) added.set(row.normalized, row.entry);
  const questions: QuestionGroup[] = grouped.map((members) => {
    // Entries ranked by how often they came first, then by how often offered at all.
    const rank = new Map<number, { first: number; offered: number; order: number }>();
    for (const question of members) {
      firstCandidates(question.candidates)
        .filter((id) => candidateEntries.has(id))
        .forEach((id, position) => {
          const row = rank.get(id) ?? { first: 0, offered: 0, order: rank.size };
          if (position === 0) row.first += 1;
          row.offered += 1;
          rank.set(id, row);
        });
    }
    const ranked = [...rank]
      .sort(([, a], [, b]) => b.first - a.first || b.offered - a.offered || a.order - b.order)
      .flatMap(([id]) => {
        const entry = candidateEntries.get(id);
        return entry ? [brief(entry)] : [];
      });
    const examples: QuestionGroup["examples"] = [];
    const wordings = new Set<string>();
    for (const question of members) {
      const folded = foldText(question.text);
      if (wordings.has(folded)) continue;
      wordings.add(folded);
      examples.push({ id: question.id, text: question.text, at: question.createdAt });
      if (examples.length === MAX_EXAMPLES) break;
    }
    const latest = members[0] as (typeof members)[number];
    const fixedBy = members.map((question) => added.get(foldText(question.text))).find(Boolean) ?? null;
    return {
      addedTo: fixedBy ? brief(fixedBy) : null,
      count: members.length,
      memberIds: members.map((question) => question.id),
      examples,
      unanswered: members.filter((question) => question.confidence === "none").length,
      candidate: ranked[0] ?? null,
      latestAt: latest.createdAt,
      action:
        ranked.length > 0 && !fixedBy
          ? { kind: "add_phrasing", questionId: latest.id, entries: ranked.slice(0, MAX_GROUP_CANDIDATES) }
          : { kind: "none" },
    };
  });
  questions.sort(
    (a, b) =>
      Number(a.addedTo !== null) - Number(b.addedTo !== null) ||
      b.count - a.count ||
      b.latestAt.getTime() - a.latestAt.getTime(),
  );

  // "Hỏi cán bộ": open, and answered but not promoted.
  const ticketScope = everything ? {} : { unit: { path: subtreeRange(subtree) } };
  const tickets = await db.questionTicket.findMany({
    where: {
      ...ticketScope,
      OR: [
        { status: "open", createdAt: period },
        { status: "answered", promotedEntryKey: null, answeredAt: period },
      ],
    },
    include: {
      unit: { select: { name: true } },
      answeredBy: { select: { fullName: true } },
      _count: { select: { questions: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const ticketItem = (ticket: (typeof tickets)[number]): TicketItem => ({
    id: ticket.id,
    text: ticket.text,
    unitName: ticket.unit.name,
    createdAt: ticket.createdAt,
    ageDays: Math.max(0, Math.floor((now.getTime() - ticket.createdAt.getTime()) / DAY_MS)),
    askers: ticket._count.questions,
    answer: ticket.answer,
    answeredAt: ticket.answeredAt,
    answeredBy: ticket.answeredBy?.fullName ?? null,
    action: ticket.status === "answered" ? { kind: "promote_answer", ticketId: ticket.id } : { kind: "none" },
  });
  const openTickets = tickets.filter((ticket) => ticket.status === "open").map(ticketItem);
  const answeredTickets = tickets
    .filter((ticket) => ticket.status === "answered")
    .map(ticketItem)
    .sort((a, b) => (b.answeredAt?.getTime() ?? 0) - (a.answeredAt?.getTime() ?? 0));

  // Entries past their review date (content, not people: every editor sees them).
  const overdueRows = await db.faqEntry.findMany({
    where: { reviewBy: { lt: now }, status: { not: "retired" } },
    select: { id: true, key: true, title: true, reviewBy: true },
    orderBy: [{ reviewBy: "asc" }, { key: "asc" }],
  });
  const overdue: OverdueItem[] = overdueRows.map((entry) => {
    const action = entryAction(entry);
    return {
      entry: brief(entry),
      reviewBy: entry.reviewBy as Date,
      file: action.kind === "edit_file" ? action.file : null,
      action,
    };
  });

  return {
    ok: true,
    report: {
      since,
      until: now,
      feedback,
      questions,
      questionCount: asked.length,
      openTickets,
      answeredTickets,
      overdue,
    },
  };
}
