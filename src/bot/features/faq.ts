import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { addFeedbackComment, recordFeedback } from "../../domain/faq/feedback.js";
import { legalRefArgs } from "../../domain/faq/legal/describe-legal-ref.js";
import type { LegalRegistry } from "../../domain/faq/legal/legal-registry.js";
import {
  answerTicket,
  askOfficer,
  listOpenTickets,
  loadTicketToAnswer,
  MAX_ANSWER_LENGTH,
  promoteTicket,
  recordQuestion,
} from "../../domain/faq/questions.js";
import {
  type FaqAnswer,
  type IndexedEntry,
  type PeriodAnswer,
  servedTo,
  type Viewer,
  validityOn,
} from "../../domain/faq/search/faq-index.js";
import {
  instantOf,
  type ResolvedTime,
  type TimeHeading,
  timeHeading,
  todayOf,
} from "../../domain/faq/search/question-date.js";
import { searchOutcomeOf } from "../../domain/faq/search-outcome-of.js";
import { findSentNotice } from "../../domain/outbox/find-sent-notice.js";
import { type LocalDate, localDateParts, zonedInstant } from "../../domain/reports/periods.js";
import type { TranslationArgs } from "../../i18n/translator.js";
import { trustedHtml, wholeText } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { shortenLabel } from "../../shared/text.js";
import { formatDate } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";
import { faqReviewConversations, faqReviewFeature } from "./faq-review.js";

export { showReviewList } from "./faq-review.js";

const TOPIC_GROUPS = ["T1", "T2", "T3", "T4", "T5", "T6", "G"] as const;
const PAGE_SIZE = 6;
const MAX_LABEL = 60;
const MAX_QUESTION = 500;
export const FEEDBACK_ID = "faqFeedback";
export const ANSWER_TICKET_ID = "answerTicket";

const truncate = (text: string) => shortenLabel(text, MAX_LABEL);

/**
 * The policy Q&A: any free text is a question; a confident match is answered with its source
 * and period (👍/👎, "Xem thêm", "Hỏi cán bộ"); otherwise the likely entries are offered with
 * "Hỏi cán bộ". Questions handed to people are answered by commune officers (reply or button),
 * and the answer reaches everyone who asked; a good answer can become an FAQ entry once an
 * administrator approves it. Topics can be browsed.
 */
export function faqFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("faq", (ctx) => showTopics(ctx));
  feature.callbackQuery(/^faq:t:(G|T[1-6]):(\d{1,3})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showTopic(ctx, ctx.match[1] ?? "T1", Number(ctx.match[2]));
  });
  // faq:e (answer) and faq:m (answer with details): entry, question (0: none), asked time.
  feature.callbackQuery(/^faq:([em]):(\d{1,9})(?::(\d{1,9}))?(?::([n\d-]{1,17}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showEntry(ctx, Number(ctx.match[2]), ctx.match[3] ? Number(ctx.match[3]) || null : null, {
      fresh: false,
      details: ctx.match[1] === "m",
      asked: ctx.match[4] ? decodeAsked(ctx.match[4]) : null,
    });
  });

  feature.callbackQuery(/^fb:([ud]):(\d{1,9}):(\d{1,9})$/, async (ctx) => {
    const helpful = ctx.match[1] === "u";
    const entryId = Number(ctx.match[2]);
    const recorded = await recordFeedback(ctx.deps.db, ctx.deps.clock, {
      entryId,
      questionId: Number(ctx.match[3]) || null,
      accountId: ctx.identity.accountId,
      personId: ctx.identity.person?.id ?? null,
      helpful,
    });
    await ctx.answerCallbackQuery({ text: ctx.t("faq-thanks") });
    if (!helpful) await ctx.conversation.enter(FEEDBACK_ID, recorded.feedbackId, recorded.questionId ?? 0);
  });

  feature.callbackQuery(/^q:a:(\d{1,9})$/, async (ctx) => {
    const result = await askOfficer(ctx.deps.db, ctx.deps.clock, ctx.deps.translator, {
      questionId: Number(ctx.match[1]),
      accountId: ctx.identity.accountId,
    });
    if (!result.ok) {
      await ctx.answerCallbackQuery({
        text: ctx.t(result.reason === "already_asked" ? "tk-already-asked" : "stale-button-alert"),
        show_alert: true,
      });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(result.joined ? "tk-joined" : "tk-asked"), { reply_markup: homeKeyboard(ctx.t) });
  });

  // Officers: answer (button or a reply to the notification), list, promote.
  feature.callbackQuery(/^tk:r:(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const check = person ? await loadTicketToAnswer(ctx.deps.db, person.id, Number(ctx.match[1])) : null;
    if (!check?.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    if (!check.ticket.open) {
      await ctx.answerCallbackQuery({ text: ctx.t("tk-already-answered"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(ANSWER_TICKET_ID, check.ticket.id);
  });
  feature.callbackQuery(/^tk:l:(\d{1,3})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showOpenTickets(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^tk:p:(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    if (!person) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    const result = await promoteTicket(
      ctx.deps.db,
      ctx.deps.clock,
      person.id,
      Number(ctx.match[1]),
      ctx.deps.timeZone,
    );
    const key = result.ok
      ? "tk-promoted"
      : result.reason === "already_promoted"
        ? "tk-already-promoted"
        : "not-allowed";
    await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
  });
  feature.on("message:text", async (ctx, next) => {
    const repliedTo = ctx.message.reply_to_message?.message_id;
    const person = ctx.identity.person;
    if (repliedTo === undefined || !person) return next();
    const notice = await findSentNotice(ctx.deps.db, {
      channel: ctx.deps.channel,
      chatId: String(ctx.chat.id),
      messageId: repliedTo,
      refPrefix: "ticket:",
    });
    if (!notice?.ref) return next();
    const answer = ctx.message.text.trim();
    if (answer === "" || answer.length > MAX_ANSWER_LENGTH) {
      await ctx.reply(ctx.t("tk-answer-empty"));
      return;
    }
    const result = await answerTicket(ctx.deps.db, ctx.deps.clock, ctx.deps.translator, person.id, {
      ticketId: Number(notice.ref.slice("ticket:".length)),
      answer,
    });
    await replyAnswerOutcome(ctx, result, Number(notice.ref.slice("ticket:".length)));
  });

  // Reviewers: edit and approve answers promoted to the FAQ (faq-review.ts).
  feature.use(faqReviewFeature());

  // Anything typed that nothing else took is a question.
  feature.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    await answerQuestion(ctx, ctx.message.text);
  });

  return feature;
}

/** The conversations of this feature (installed inside the conversation guard). */
export function faqConversations(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation(buildFeedback(deps), { id: FEEDBACK_ID }));
  composer.use(createConversation(buildAnswerTicket(deps), { id: ANSWER_TICKET_ID }));
  composer.use(faqReviewConversations(deps));
  return composer;
}

export async function showTopics(ctx: BotContext): Promise<void> {
  const keyboard = new InlineKeyboard();
  for (const group of TOPIC_GROUPS) keyboard.text(ctx.t(`faq-topic-${group}`), `faq:t:${group}:0`).row();
  keyboard.text(ctx.t("button-menu"), "m:home");
  await respond(ctx, ctx.t("faq-topics-title"), keyboard);
}

async function showTopic(ctx: BotContext, group: string, page: number): Promise<void> {
  const now = ctx.deps.clock.now();
  const entries = await ctx.deps.faq.list({
    on: now,
    publicOnly: ctx.identity.person === null,
    viewer: viewerOf(ctx),
    topicPrefix: group,
    upcoming: true,
  });
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const keyboard = new InlineKeyboard();
  for (const entry of entries.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE)) {
    // An entry not yet in force opens as of the day it comes into force ("Từ 01/01/2027:").
    const from = entry.validFrom && validityOn(entry, now) === "upcoming" ? entry.validFrom : null;
    const date = from ? localDateParts(from, ctx.deps.timeZone) : null;
    const asked = date ? `:0:${encodeAsked({ time: { kind: "day", date }, through: null })}` : "";
    keyboard.text(truncate(entry.title), `faq:e:${entry.id}${asked}`).row();
  }
  if (current > 0) keyboard.text(ctx.t("button-prev"), `faq:t:${group}:${current - 1}`);
  if (current < pages - 1) keyboard.text(ctx.t("button-next"), `faq:t:${group}:${current + 1}`);
  keyboard.row().text(ctx.t("faq-button-topics"), "m:faq").text(ctx.t("button-menu"), "m:home");
  const text =
    entries.length === 0
      ? ctx.t("faq-list-empty")
      : ctx.t("faq-topic-list", { topic: ctx.t(`faq-topic-${group}`), page: current + 1, pages });
  await respond(ctx, text, keyboard);
}

/** Answers a free-text question from the knowledge base, or offers the way to a person. */
export async function answerQuestion(ctx: BotContext, text: string): Promise<void> {
  if (text.length > MAX_QUESTION) {
    await ctx.reply(ctx.t("faq-too-long"));
    return;
  }
  if (!(await ctx.deps.faq.hasWords(text))) {
    await ctx.reply(ctx.t("faq-empty-question"), { parse_mode: "HTML", reply_markup: homeKeyboard(ctx.t) });
    return;
  }
  const person = ctx.identity.person;
  const answer = await ctx.deps.faq.ask(text, {
    now: ctx.deps.clock.now(),
    timeZone: ctx.deps.timeZone,
    publicOnly: person === null,
    viewer: viewerOf(ctx),
    limit: 3,
  });
  const confident = answer.periods.filter((period) => period.confidence === "high" && period.hits[0]);
  const unsure = answer.periods.filter((period) => !confident.includes(period));
  const best = confident[0]?.hits[0] ?? answer.periods[0]?.hits[0];
  const questionId = await recordQuestion(ctx.deps.db, ctx.deps.clock, {
    accountId: ctx.identity.accountId,
    personId: person?.id ?? null,
    text,
    matchedEntryId: confident[0]?.hits[0]?.entry.id ?? null,
    score: best?.score ?? null,
    ...searchOutcomeOf(answer),
  });
  // One answer per period the question spans ("năm nay và năm sau": today's and next year's),
  // then the likely entries for the periods without a confident answer.
  for (const [i, period] of confident.entries()) {
    const entry = period.hits[0]?.entry;
    if (!entry) continue;
    await showEntry(ctx, entry.id, questionId, {
      fresh: true,
      asked: askedFor(answer, period, entry),
      navigation: unsure.length === 0 && i === confident.length - 1,
    });
  }
  if (unsure.length === 0) return;
  const keyboard = new InlineKeyboard();
  const offered = new Set<number>();
  for (const period of unsure) {
    for (const hit of period.hits) {
      if (offered.has(hit.entry.id)) continue;
      offered.add(hit.entry.id);
      const asked = askedFor(answer, period, hit.entry);
      const data = `faq:e:${hit.entry.id}:${questionId}${asked ? `:${encodeAsked(asked)}` : ""}`;
      keyboard.text(truncate(hit.entry.title), data).row();
    }
  }
  keyboard.text(ctx.t("faq-button-ask"), `q:a:${questionId}`).row();
  keyboard.text(ctx.t("faq-button-topics"), "m:faq").text(ctx.t("button-menu"), "m:home");
  const when = answer.dated
    ? unsure.map((period) => describeAsked(ctx, period)).join(ctx.t("faq-when-and"))
    : null;
  const key =
    offered.size > 0 ? (when ? "faq-maybe-when" : "faq-maybe") : when ? "faq-none-when" : "faq-none";
  await ctx.reply(ctx.t(key, { when: when ?? "" }), { parse_mode: "HTML", reply_markup: keyboard });
}

/** The time an answer is for: where the question asked, and the last asked time it also answers. */
interface Asked {
  time: ResolvedTime;
  through: ResolvedTime | null;
}

/**
 * An answer names the time it is for when the question named one and it matters: the entry is
 * bound to a period, or the question spans several periods. An entry that holds at any time
 * needs no "Từ 01/01/2027:" in front of it.
 */
function askedFor(answer: FaqAnswer, period: PeriodAnswer, entry: IndexedEntry): Asked | null {
  if (!answer.dated) return null;
  const bound = entry.validFrom !== null || entry.validTo !== null;
  return bound || answer.periods.length > 1 ? { time: period.time, through: period.through } : null;
}

// Asked times in callback data: "n" (now), "2027" (a year) or "20270701" (a day), and "-<last>"
// when the same answer holds through a later asked time ("2027-2030").
function encodeAsked(asked: Asked): string {
  const one = (time: ResolvedTime) =>
    time.kind === "now"
      ? "n"
      : time.kind === "year"
        ? String(time.year)
        : `${time.date.year}${pad(time.date.month)}${pad(time.date.day)}`;
  return asked.through ? `${one(asked.time)}-${one(asked.through)}` : one(asked.time);
}

function decodeAsked(token: string): Asked | null {
  const one = (part: string | undefined): ResolvedTime | null => {
    if (part === "n") return { kind: "now" };
    if (part && /^\d{4}$/.test(part)) return { kind: "year", year: Number(part) };
    const day = part ? /^(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.exec(part) : null;
    if (!day) return null;
    return { kind: "day", date: { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) } };
  };
  const [from, to] = token.split("-");
  const time = one(from);
  if (!time) return null;
  return { time, through: to === undefined ? null : one(to) };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "từ 01/01/2027", "năm 2025", "năm 2022–2025", "ngày 01/07/2025", "hiện nay". */
function describeAsked(ctx: BotContext, asked: Asked): string {
  const today = todayOf(ctx.deps.clock.now(), ctx.deps.timeZone);
  const heading: TimeHeading = timeHeading(asked.time, asked.through, today);
  const day = (date: LocalDate) =>
    formatDate(zonedInstant(date, "12:00", ctx.deps.timeZone), ctx.locale, ctx.deps.timeZone);
  switch (heading.kind) {
    case "now":
      return ctx.t("faq-when-now");
    case "from":
      return ctx.t("faq-when-from", { date: day(heading.date) });
    case "year":
      return ctx.t("faq-when-year", { year: String(heading.year) });
    case "years":
      return ctx.t("faq-when-years", { from: String(heading.from), to: String(heading.to) });
    case "day":
      return ctx.t("faq-when-day", { date: day(heading.date) });
  }
}

/**
 * The entry's period as it stands today: "Đang áp dụng" only when it applies today, "Áp dụng
 * từ …" before and "Đã hết hiệu lực" after. An entry about a programme or period that ended is
 * history: "Đã kết thúc ngày …", never "Đang áp dụng".
 */
function periodOf(ctx: BotContext, entry: IndexedEntry): string {
  const date = (d: Date) => formatDate(d, ctx.locale, ctx.deps.timeZone);
  if (entry.endedOn) return ctx.t("faq-history-ended", { date: date(entry.endedOn) });
  const from = entry.validFrom ? date(entry.validFrom) : "";
  const to = entry.validTo ? date(entry.validTo) : "";
  const line = (key: string, args: TranslationArgs = {}) =>
    ctx.t("faq-period-line", { period: ctx.t(key, args) });
  switch (validityOn(entry, ctx.deps.clock.now())) {
    case "upcoming":
      return line(to ? "faq-period-upcoming-between" : "faq-period-upcoming", { from, to });
    case "expired":
      return line(from ? "faq-period-expired-between" : "faq-period-expired", { from, to });
    case "in_force":
      if (from && to) return line("faq-period-current-between", { from, to });
      if (to) return line("faq-period-current-until", { to });
      if (from) return line("faq-period-current-from", { from });
      return line("faq-period-always");
  }
}

/**
 * "⚖️ Căn cứ pháp lý:" with one line per document from the registry (when the entry has a legal
 * basis), then "📄 Nguồn: …", where the answer was read.
 */
async function citationOf(ctx: BotContext, entry: IndexedEntry, known?: LegalRegistry): Promise<string> {
  const source = ctx.t("faq-answer-source", { source: wholeText(entry.source) });
  if (entry.legalBasis.length === 0) return source;
  const registry = known ?? (await ctx.deps.faq.legalDocuments());
  const lines = entry.legalBasis.map((ref) =>
    ctx.t("faq-legal-item", legalRefArgs(ref, registry, ctx.locale, ctx.deps.timeZone)),
  );
  return `${ctx.t("faq-legal-basis", { lines: trustedHtml(lines.join("\n")) })}\n${source}`;
}

/**
 * Shows an answer. `asked`: the time the question asked about — the entry must be in force then
 * (not necessarily today) and the answer starts with it ("Từ 01/01/2027:"). Without it the entry
 * must be in force today: an old button to an answer that no longer applies says so.
 * `navigation: false` leaves out "Hỏi cán bộ", topics and menu (a later message has them).
 */
async function showEntry(
  ctx: BotContext,
  entryId: number,
  questionId: number | null,
  options: { fresh: boolean; details?: boolean; asked?: Asked | null; navigation?: boolean },
): Promise<void> {
  const entry = await ctx.deps.faq.entry(entryId);
  const asked = options.asked ?? null;
  const now = ctx.deps.clock.now();
  const at = asked ? instantOf(asked.time, now, ctx.deps.timeZone) : now;
  // A forwarded or old button to an entry of another area, or to an answer waiting for approval
  // the person did not ask, is refused like one to an answer that no longer applies.
  const shown =
    entry !== undefined &&
    servedTo(entry, ctx.identity.person === null, viewerOf(ctx)) &&
    validityOn(entry, at) === "in_force";
  if (!entry || !shown) {
    await ctx.reply(ctx.t("faq-entry-gone"), {
      reply_markup: new InlineKeyboard().text(ctx.t("faq-button-topics"), "m:faq"),
    });
    return;
  }
  const showDetails = options.details === true && entry.details !== null;
  const body = await answerText(ctx, entry, showDetails);
  const heading = asked ? ctx.t("faq-asked-heading", { when: capitalize(describeAsked(ctx, asked)) }) : null;
  const text = heading ? `${heading}\n${body}` : body;
  const q = questionId ?? 0;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("faq-button-helpful"), `fb:u:${entry.id}:${q}`)
    .text(ctx.t("faq-button-not-helpful"), `fb:d:${entry.id}:${q}`)
    .row();
  // History: what applies now, each a button to its answer (a typed number on Zalo).
  for (const key of entry.replacedBy) {
    const now = await ctx.deps.faq.entryByKey(key);
    if (now?.status !== "verified" || (ctx.identity.person === null && !now.public)) continue;
    if (validityOn(now, ctx.deps.clock.now()) !== "in_force") continue;
    const label = ctx.deps.translator.plain(ctx.locale, "faq-history-now-button", { title: now.title });
    keyboard.text(truncate(label), `faq:e:${now.id}:${q}`).row();
  }
  if (entry.details && !showDetails) {
    const more = `faq:m:${entry.id}:${q}${asked ? `:${encodeAsked(asked)}` : ""}`;
    keyboard.text(ctx.t("faq-button-more"), more).row();
  }
  if (options.navigation !== false) {
    if (questionId) keyboard.text(ctx.t("faq-button-ask"), `q:a:${questionId}`).row();
    keyboard.text(ctx.t("faq-button-topics"), "m:faq").text(ctx.t("button-menu"), "m:home");
  }
  if (options.fresh) await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  else await respond(ctx, text, keyboard);
}

/**
 * An entry as it is served: title, answer (and details), source, period, and for a local entry
 * where it applies. The review screen previews promoted answers with it.
 */
/**
 * An answer's text as served: title, answer (and details), legal basis, source, period, area.
 * `registry`: documents read just now (the review screen), else the index's copy.
 */
export async function answerText(
  ctx: BotContext,
  entry: IndexedEntry,
  showDetails = false,
  registry?: LegalRegistry,
): Promise<string> {
  const body = ctx.t(showDetails ? "faq-answer-details" : "faq-answer", {
    title: entry.title,
    // Answers are vetted content with their own formatting (<b>, <i>); titles and sources are plain.
    answer: trustedHtml(entry.answer),
    details: trustedHtml(entry.details ?? ""),
    cited: trustedHtml(await citationOf(ctx, entry, registry)),
    period: trustedHtml(periodOf(ctx, entry)),
  });
  return entry.areaName ? `${body}\n${ctx.t("faq-area", { area: entry.areaName })}` : body;
}

/** Who is asking, for the index: the person and their unit; strangers see national content. */
export function viewerOf(ctx: BotContext): Viewer {
  const person = ctx.identity.person;
  return { personId: person?.id ?? null, unitPath: person?.unitPath ?? null };
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** "💬 Câu hỏi chờ trả lời": open questions in the officer's scope. */
export async function showOpenTickets(ctx: BotContext, page = 0): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "faq.answer")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const [count, tickets] = await listOpenTickets(ctx.deps.db, person.id, {
    skip: page * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const keyboard = new InlineKeyboard();
  for (const ticket of tickets) keyboard.text(`✍️ ${truncate(ticket.text)}`, `tk:r:${ticket.id}`).row();
  if (page > 0) keyboard.text(ctx.t("button-prev"), `tk:l:${page - 1}`);
  if ((page + 1) * PAGE_SIZE < count) keyboard.text(ctx.t("button-next"), `tk:l:${page + 1}`);
  keyboard.row().text(ctx.t("button-menu"), "m:home");
  await respond(ctx, count === 0 ? ctx.t("tk-list-empty") : ctx.t("tk-list-title", { count }), keyboard);
}

async function replyAnswerOutcome(
  ctx: Context,
  result: Awaited<ReturnType<typeof answerTicket>>,
  ticketId: number,
  t: (key: string, args?: TranslationArgs) => string = (ctx as BotContext).t,
): Promise<void> {
  if (result.ok) {
    // Only askers the bot can reach count as sent; the others are named, to be called.
    const lines = [t("tk-sent", { count: result.notified })];
    if (result.unreachable.length > 0) {
      const people = result.unreachable.map((person) =>
        t("rp-person-unreachable", {
          name: person.fullName || t("tk-stranger"),
          reach: person.reach,
          phone: person.phone ? formatPhoneForDisplay(person.phone) : t("rp-no-phone"),
        }),
      );
      lines.push(
        t("tk-unreachable", { count: result.unreachable.length, people: trustedHtml(people.join(", ")) }),
      );
    }
    await ctx.reply(lines.join("\n"), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(t("tk-button-promote"), `tk:p:${ticketId}`)
        .row()
        .text(t("button-menu"), "m:home"),
    });
    return;
  }
  const key =
    result.reason === "already_answered"
      ? "tk-already-answered"
      : result.reason === "not_found"
        ? "tk-not-found"
        : "not-allowed";
  await ctx.reply(t(key));
}

function buildFeedback(deps: BotDeps) {
  return async function faqFeedback(
    conversation: TaskConversation,
    ctx: Context,
    feedbackId: number,
    questionId: number,
  ) {
    const start = await captureStart(conversation);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "fbc",
      busyKey: "faq-feedback-busy",
      locale: start.locale,
    });
    const { t } = s;
    await ctx.reply(t("faq-feedback-ask"), {
      reply_markup: new InlineKeyboard().text(t("faq-feedback-skip"), "fbc:skip"),
    });
    for (;;) {
      const next = await s.nextUpdate();
      if (next.callbackQuery?.data === "fbc:skip") {
        await next.answerCallbackQuery();
        break;
      }
      const text = next.message?.text;
      if (text !== undefined && !text.startsWith("/")) {
        await conversation.external(() => addFeedbackComment(deps.db, feedbackId, text));
        break;
      }
      await s.redirect(next, "faq-feedback-busy");
    }
    const keyboard = new InlineKeyboard();
    if (questionId) keyboard.text(t("faq-button-ask"), `q:a:${questionId}`).row();
    keyboard.text(t("button-menu"), "m:home");
    await ctx.reply(t("faq-feedback-saved"), { parse_mode: "HTML", reply_markup: keyboard });
  };
}

function buildAnswerTicket(deps: BotDeps) {
  return async function answerTicketTask(conversation: TaskConversation, ctx: Context, ticketId: number) {
    const start = await captureStart(conversation);
    const actorId = start.personId;
    const s = createSteps(conversation, ctx, deps, {
      prefix: "tka",
      busyKey: "tk-busy",
      locale: start.locale,
    });
    const { t } = s;
    const loaded = await conversation.external(() =>
      actorId === null ? null : loadTicketToAnswer(deps.db, actorId, ticketId),
    );
    const ticket = loaded?.ok ? loaded.ticket : null;
    if (actorId === null || !ticket) {
      await ctx.reply(t("tk-not-found"));
      return;
    }
    const answer = await s.askText(
      t("tk-ask-answer", { question: wholeText(ticket.text) }),
      (text) => (text.trim() !== "" && text.length <= MAX_ANSWER_LENGTH ? text.trim() : undefined),
      "tk-answer-empty",
    );
    const send = await s.choose<"send" | "cancel">(
      t("tk-confirm", { answer: wholeText(answer) }),
      [],
      [
        { label: t("tk-button-send"), value: "send" },
        { label: t("button-cancel"), value: "cancel" },
      ],
    );
    if (send === "cancel") {
      await ctx.reply(t("tk-cancelled"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const result = await conversation.external(() =>
      answerTicket(deps.db, deps.clock, deps.translator, actorId, { ticketId, answer }),
    );
    await replyAnswerOutcome(ctx, result, ticketId, t);
  };
}
