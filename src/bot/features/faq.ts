import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import {
  addFeedbackComment,
  listEntriesToReview,
  recordFeedback,
  reviewPromotedEntry,
} from "../../domain/faq/feedback.js";
import {
  answerTicket,
  askOfficer,
  listOpenTickets,
  MAX_ANSWER_LENGTH,
  mayAnswerTicket,
  promoteTicket,
  recordQuestion,
} from "../../domain/faq/questions.js";
import type { IndexedEntry } from "../../domain/faq/search/faq-index.js";
import { escapeHtml } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { formatDate } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";

const TOPIC_GROUPS = ["T1", "T2", "T3", "T4", "T5", "T6", "G"] as const;
const PAGE_SIZE = 6;
const MAX_LABEL = 60;
const MAX_QUESTION = 500;
export const FEEDBACK_ID = "faqFeedback";
export const ANSWER_TICKET_ID = "answerTicket";

const truncate = (text: string) =>
  text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1).trimEnd()}…`;

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
  feature.callbackQuery(/^faq:e:(\d{1,9})(?::(\d{1,9}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showEntry(ctx, Number(ctx.match[1]), ctx.match[2] ? Number(ctx.match[2]) : null, { fresh: false });
  });
  feature.callbackQuery(/^faq:m:(\d{1,9})(?::(\d{1,9}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showEntry(ctx, Number(ctx.match[1]), ctx.match[2] ? Number(ctx.match[2]) : null, {
      fresh: false,
      details: true,
    });
  });

  feature.callbackQuery(/^fb:([ud]):(\d{1,9}):(\d{1,9})$/, async (ctx) => {
    const helpful = ctx.match[1] === "u";
    const entryId = Number(ctx.match[2]);
    const questionId = Number(ctx.match[3]) || null;
    const question = questionId ? await ctx.deps.db.question.findUnique({ where: { id: questionId } }) : null;
    const ownQuestion = question?.accountId === ctx.identity.accountId ? questionId : null;
    const feedbackId = await recordFeedback(ctx.deps.db, ctx.deps.clock, {
      entryId,
      questionId: ownQuestion,
      personId: ctx.identity.person?.id ?? null,
      helpful,
    });
    await ctx.answerCallbackQuery({ text: ctx.t("faq-thanks") });
    if (!helpful) await ctx.conversation.enter(FEEDBACK_ID, feedbackId, ownQuestion ?? 0);
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
    const check = person ? await mayAnswerTicket(ctx.deps.db, person, Number(ctx.match[1])) : null;
    if (!check?.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    if (check.ticket.status !== "open") {
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
      person,
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
    const notice = await ctx.deps.db.outboxMessage.findFirst({
      where: {
        chatId: String(ctx.chat.id),
        sentMessageId: String(repliedTo),
        ref: { startsWith: "ticket:" },
      },
    });
    if (!notice?.ref) return next();
    const answer = ctx.message.text.trim();
    if (answer === "" || answer.length > MAX_ANSWER_LENGTH) {
      await ctx.reply(ctx.t("tk-answer-empty"));
      return;
    }
    const result = await answerTicket(ctx.deps.db, ctx.deps.clock, ctx.deps.translator, person, {
      ticketId: Number(notice.ref.slice("ticket:".length)),
      answer,
    });
    await replyAnswerOutcome(ctx, result, Number(notice.ref.slice("ticket:".length)));
  });

  // Administrators: approve answers promoted to the FAQ.
  feature.callbackQuery(/^rv:l:(\d{1,3})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showReviewList(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^rv:(ok|x):(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const approve = ctx.match[1] === "ok";
    const result = person
      ? await reviewPromotedEntry(ctx.deps.db, ctx.deps.clock, person, Number(ctx.match[2]), approve)
      : ({ ok: false, reason: "not_allowed" } as const);
    if (!result.ok) {
      await ctx.answerCallbackQuery({
        text: ctx.t(result.reason === "not_allowed" ? "not-allowed" : "stale-button-alert"),
        show_alert: true,
      });
      return;
    }
    await ctx.deps.faq.reload();
    await ctx.answerCallbackQuery({ text: ctx.t(approve ? "rv-verified" : "rv-rejected") });
    await showReviewList(ctx, 0);
  });

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
  return composer;
}

export async function showTopics(ctx: BotContext): Promise<void> {
  const keyboard = new InlineKeyboard();
  for (const group of TOPIC_GROUPS) keyboard.text(ctx.t(`faq-topic-${group}`), `faq:t:${group}:0`).row();
  keyboard.text(ctx.t("button-menu"), "m:home");
  await respond(ctx, ctx.t("faq-topics-title"), keyboard);
}

async function showTopic(ctx: BotContext, group: string, page: number): Promise<void> {
  const entries = await ctx.deps.faq.list({
    on: ctx.deps.clock.now(),
    publicOnly: ctx.identity.person === null,
    topicPrefix: group,
  });
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const keyboard = new InlineKeyboard();
  for (const entry of entries.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE)) {
    keyboard.text(truncate(entry.title), `faq:e:${entry.id}`).row();
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
  const result = await ctx.deps.faq.query(text, {
    on: ctx.deps.clock.now(),
    publicOnly: person === null,
    limit: 3,
  });
  const top = result.hits[0];
  const questionId = await recordQuestion(ctx.deps.db, ctx.deps.clock, {
    accountId: ctx.identity.accountId,
    personId: person?.id ?? null,
    text,
    matchedEntryId: result.confidence === "high" && top ? top.entry.id : null,
    score: top?.score ?? null,
  });
  if (result.confidence === "high" && top) {
    await showEntry(ctx, top.entry.id, questionId, { fresh: true });
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const hit of result.hits)
    keyboard.text(truncate(hit.entry.title), `faq:e:${hit.entry.id}:${questionId}`).row();
  keyboard.text(ctx.t("faq-button-ask"), `q:a:${questionId}`).row();
  keyboard.text(ctx.t("faq-button-topics"), "m:faq").text(ctx.t("button-menu"), "m:home");
  await ctx.reply(ctx.t(result.hits.length > 0 ? "faq-maybe" : "faq-none"), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
}

function periodOf(ctx: BotContext, entry: IndexedEntry): string {
  const date = (d: Date) => formatDate(d, ctx.locale, ctx.deps.timeZone);
  if (entry.validFrom && entry.validTo) {
    return ctx.t("faq-period-between", { from: date(entry.validFrom), to: date(entry.validTo) });
  }
  if (entry.validTo) return ctx.t("faq-period-until", { to: date(entry.validTo) });
  if (entry.validFrom) return ctx.t("faq-period-from", { from: date(entry.validFrom) });
  return ctx.t("faq-period-always");
}

async function showEntry(
  ctx: BotContext,
  entryId: number,
  questionId: number | null,
  options: { fresh: boolean; details?: boolean },
): Promise<void> {
  const entry = await ctx.deps.faq.entry(entryId);
  const at = ctx.deps.clock.now().getTime();
  const inForce =
    entry !== undefined &&
    entry.status === "verified" &&
    (ctx.identity.person !== null || entry.public) &&
    (entry.validFrom === null || entry.validFrom.getTime() <= at) &&
    (entry.validTo === null || entry.validTo.getTime() >= at);
  if (!entry || !inForce) {
    await ctx.reply(ctx.t("faq-entry-gone"), {
      reply_markup: new InlineKeyboard().text(ctx.t("faq-button-topics"), "m:faq"),
    });
    return;
  }
  const showDetails = options.details === true && entry.details !== null;
  const text = ctx.t(showDetails ? "faq-answer-details" : "faq-answer", {
    title: escapeHtml(entry.title),
    // Answers are vetted content with their own formatting (<b>, <i>); titles and sources are plain.
    answer: entry.answer,
    details: entry.details ?? "",
    source: escapeHtml(entry.source),
    period: periodOf(ctx, entry),
  });
  const q = questionId ?? 0;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("faq-button-helpful"), `fb:u:${entry.id}:${q}`)
    .text(ctx.t("faq-button-not-helpful"), `fb:d:${entry.id}:${q}`)
    .row();
  if (entry.details && !showDetails) keyboard.text(ctx.t("faq-button-more"), `faq:m:${entry.id}:${q}`).row();
  if (questionId) keyboard.text(ctx.t("faq-button-ask"), `q:a:${questionId}`).row();
  keyboard.text(ctx.t("faq-button-topics"), "m:faq").text(ctx.t("button-menu"), "m:home");
  if (options.fresh) await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  else await respond(ctx, text, keyboard);
}

/** "💬 Câu hỏi chờ trả lời": open questions in the officer's scope. */
export async function showOpenTickets(ctx: BotContext, page = 0): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "faq.answer")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const [count, tickets] = await listOpenTickets(ctx.deps.db, person, {
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

/** "📋 Duyệt câu trả lời mới" for administrators. */
export async function showReviewList(ctx: BotContext, page = 0): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "faq.verify")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const [count, entries] = await listEntriesToReview(ctx.deps.db, { skip: page, take: 1 });
  const entry = entries[0];
  if (!entry) {
    await respond(ctx, ctx.t("rv-list-empty"), homeKeyboard(ctx.t));
    return;
  }
  const keyboard = new InlineKeyboard()
    .text(ctx.t("rv-button-verify"), `rv:ok:${entry.id}`)
    .row()
    .text(ctx.t("rv-button-reject"), `rv:x:${entry.id}`)
    .row();
  if (page > 0) keyboard.text(ctx.t("button-prev"), `rv:l:${page - 1}`);
  if (page + 1 < count) keyboard.text(ctx.t("button-next"), `rv:l:${page + 1}`);
  keyboard.row().text(ctx.t("button-menu"), "m:home");
  const text = `${ctx.t("rv-list-title", { count })}\n\n<b>${escapeHtml(entry.title)}</b>\n${entry.answer}\n\n📄 <i>${escapeHtml(entry.source)}</i>`;
  await respond(ctx, text, keyboard);
}

async function replyAnswerOutcome(
  ctx: Context,
  result: Awaited<ReturnType<typeof answerTicket>>,
  ticketId: number,
  t: (key: string, args?: Record<string, string | number>) => string = (ctx as BotContext).t,
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
      lines.push(t("tk-unreachable", { count: result.unreachable.length, people: people.join(", ") }));
    }
    await ctx.reply(lines.join("\n"), {
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
    const actor = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "tka",
      busyKey: "tk-busy",
      locale: start.locale,
    });
    const { t } = s;
    const ticket = await conversation.external(() =>
      deps.db.questionTicket.findUnique({ where: { id: ticketId } }),
    );
    if (!actor || !ticket) {
      await ctx.reply(t("tk-not-found"));
      return;
    }
    const answer = await s.askText(
      t("tk-ask-answer", { question: escapeHtml(ticket.text) }),
      (text) => (text.trim() !== "" && text.length <= MAX_ANSWER_LENGTH ? text.trim() : undefined),
      "tk-answer-empty",
    );
    const send = await s.choose<"send" | "cancel">(
      t("tk-confirm", { answer: escapeHtml(answer) }),
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
      answerTicket(deps.db, deps.clock, deps.translator, actor, { ticketId, answer }),
    );
    await replyAnswerOutcome(ctx, result, ticketId, t);
  };
}
