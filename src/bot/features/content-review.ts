import { Composer, InlineKeyboard } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { addFaqPhrasing } from "../../domain/faq/add-faq-phrasing.js";
import {
  buildContentReport,
  type ContentAction,
  type ContentReport,
} from "../../domain/faq/editors-report/build-content-report.js";
import { listContentFiles } from "../../domain/faq/editors-report/list-content-files.js";
import { PROMOTED_KEY_PREFIX } from "../../domain/faq/import-faq-content.js";
import { shortenLabel } from "../../shared/text.js";
import { formatDate, formatNumber } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { plainTranslator, respond } from "../ui/respond.js";

/** The periods offered, in days. */
export const REVIEW_PERIODS = [7, 30, 90] as const;
const DEFAULT_DAYS = 30;
/** Items per page: short messages (Zalo's 2,000 characters) and a few action buttons. */
const PAGE_SIZE = 4;
const LABEL_MAX = 60;
const QUOTE_MAX = 100;
const DAY_MS = 24 * 60 * 60_000;

type Section = "f" | "q" | "t" | "r";
const SECTIONS: readonly Section[] = ["f", "q", "t", "r"];

/**
 * Callback data of the editors' report (one codec for the `cr:` prefix): `cr:s:<days>` the
 * overview of a period, `cr:l:<days>:<section>:<page>` a section's page (f 👎 answers, q unsure
 * questions, t tickets, r entries past review), `cr:a:<days>:<questionId>` the entries a
 * question group may be added to, `cr:ap:<days>:<questionId>:<entryId>` adding it, `cr:e:<entryId>`
 * where to edit an entry. Promoting a ticket's answer is the tickets' own `tk:p:<id>`; a
 * promoted answer is reviewed on `rv:l:0`.
 */
export const contentReviewData = {
  overview: (days: number) => `cr:s:${days}`,
  section: (days: number, section: Section, page = 0) => `cr:l:${days}:${section}:${page}`,
  chooseEntry: (days: number, questionId: number) => `cr:a:${days}:${questionId}`,
  addPhrasing: (days: number, questionId: number, entryId: number) =>
    `cr:ap:${days}:${questionId}:${entryId}`,
  edit: (entryId: number) => `cr:e:${entryId}`,
};

const isPeriod = (days: number) => (REVIEW_PERIODS as readonly number[]).includes(days);

/**
 * "📈 Nội dung cần xem lại" (/noidung) for trainers and admins: what the policy answers lack,
 * from what people asked and said in the last 7, 30 or 90 days — 👎 answers, questions the bot
 * was unsure of (grouped when they ask the same thing), "Hỏi cán bộ" questions, entries past
 * their review date — each with the button that fixes it. Stateless buttons, checked again by
 * the domain at every press; on Zalo they are numbered choices typed as numbers.
 */
export function contentReviewFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("noidung", (ctx) => openContentReview(ctx));
  feature.callbackQuery(/^cr:s:(\d{1,3})$/, (ctx) => showOverview(ctx, Number(ctx.match[1])));
  feature.callbackQuery(/^cr:l:(\d{1,3}):([fqtr]):(\d{1,4})$/, (ctx) =>
    showSection(ctx, Number(ctx.match[1]), ctx.match[2] as Section, Number(ctx.match[3])),
  );
  feature.callbackQuery(/^cr:a:(\d{1,3}):(\d{1,9})$/, (ctx) =>
    chooseEntry(ctx, Number(ctx.match[1]), Number(ctx.match[2])),
  );
  feature.callbackQuery(/^cr:ap:(\d{1,3}):(\d{1,9}):(\d{1,9})$/, (ctx) =>
    addPhrasing(ctx, Number(ctx.match[1]), Number(ctx.match[2]), Number(ctx.match[3])),
  );
  feature.callbackQuery(/^cr:e:(\d{1,9})$/, (ctx) => showWhereToEdit(ctx, Number(ctx.match[1])));
  return feature;
}

/** The menu entry and the command: the last 30 days, with the other periods one press away. */
export async function openContentReview(ctx: BotContext): Promise<void> {
  await showOverview(ctx, DEFAULT_DAYS);
}

/** A press of this feature's own buttons (the menu's arrives already answered, as do commands). */
const isOwnPress = (ctx: BotContext) => ctx.callbackQuery?.data?.startsWith("cr:") === true;

async function refuse(ctx: BotContext, key: "not-allowed" | "stale-button-alert"): Promise<void> {
  if (isOwnPress(ctx)) await ctx.answerCallbackQuery({ text: plainTranslator(ctx)(key), show_alert: true });
  else await respond(ctx, ctx.t(key === "not-allowed" ? key : "stale-button"), homeKeyboard(ctx.t));
}

async function loadReport(ctx: BotContext, days: number): Promise<ContentReport | null> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "faq.review_content")) {
    await refuse(ctx, "not-allowed");
    return null;
  }
  if (!isPeriod(days)) {
    await refuse(ctx, "stale-button-alert");
    return null;
  }
  const since = new Date(ctx.deps.clock.now().getTime() - days * DAY_MS);
  const result = await buildContentReport(ctx.deps.db, ctx.deps.clock, person.id, { since });
  if (!result.ok) {
    await refuse(ctx, "not-allowed");
    return null;
  }
  return result.report;
}

const count = (ctx: BotContext, n: number) => formatNumber(n, ctx.locale);
const quote = (text: string) => shortenLabel(text.replace(/\s+/g, " ").trim(), QUOTE_MAX);

async function showOverview(ctx: BotContext, days: number): Promise<void> {
  const report = await loadReport(ctx, days);
  if (!report) return;
  if (isOwnPress(ctx)) await ctx.answerCallbackQuery();
  const t = ctx.t;
  const tickets = report.openTickets.length + report.answeredTickets.length;
  const lines = [
    t("cr-head", { days, since: formatDate(report.since, ctx.locale, ctx.deps.timeZone) }),
    t("cr-count-feedback", { count: count(ctx, report.feedback.length) }),
    t("cr-count-questions", {
      groups: count(ctx, report.questions.length),
      count: count(ctx, report.questionCount),
    }),
    t("cr-count-tickets", {
      open: count(ctx, report.openTickets.length),
      answered: count(ctx, report.answeredTickets.length),
    }),
    t("cr-count-overdue", { count: count(ctx, report.overdue.length) }),
  ];
  const sizes: Record<Section, number> = {
    f: report.feedback.length,
    q: report.questions.length,
    t: tickets,
    r: report.overdue.length,
  };
  const empty = SECTIONS.every((section) => sizes[section] === 0);
  if (empty) lines.push("", t("cr-nothing"));
  const keyboard = new InlineKeyboard();
  for (const section of SECTIONS) {
    if (sizes[section] === 0) continue;
    keyboard
      .text(plainTranslator(ctx)(`cr-button-${section}`), contentReviewData.section(days, section))
      .row();
  }
  for (const period of REVIEW_PERIODS) {
    const label = plainTranslator(ctx)("cr-button-period", { days: period });
    keyboard.text(period === days ? `• ${label}` : label, contentReviewData.overview(period));
  }
  keyboard.row().text(t("button-menu"), "m:home");
  await respond(ctx, lines.join("\n"), keyboard);
}

async function showSection(ctx: BotContext, days: number, section: Section, page: number): Promise<void> {
  const report = await loadReport(ctx, days);
  if (!report) return;
  await ctx.answerCallbackQuery();
  const plain = plainTranslator(ctx);
  const date = (d: Date) => formatDate(d, ctx.locale, ctx.deps.timeZone);
  const items = sectionItems(ctx, report, section, date);
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const keyboard = new InlineKeyboard();
  const blocks = shown.map((item, i) => {
    const n = current * PAGE_SIZE + i + 1;
    const button = actionButton(ctx, item.action, days, n);
    if (button) keyboard.text(button.label, button.data).row();
    return `<b>(${n})</b> ${item.text}`;
  });
  if (current > 0) keyboard.text(plain("button-prev"), contentReviewData.section(days, section, current - 1));
  if (current + 1 < pages)
    keyboard.text(plain("button-next"), contentReviewData.section(days, section, current + 1));
  keyboard
    .row()
    .text(plain("cr-button-back"), contentReviewData.overview(days))
    .text(ctx.t("button-menu"), "m:home");
  const head = ctx.t(`cr-section-${section}`, {
    days,
    count: count(ctx, items.length),
    page: current + 1,
    pages,
  });
  const text =
    items.length === 0 ? `${head}\n\n${ctx.t("cr-section-empty")}` : `${head}\n\n${blocks.join("\n\n")}`;
  await respond(ctx, text, keyboard);
}

interface Item {
  text: string;
  action: ContentAction;
}

/** Each item of a section as a short block of message HTML, with its action. */
function sectionItems(
  ctx: BotContext,
  report: ContentReport,
  section: Section,
  date: (d: Date) => string,
): Item[] {
  const t = ctx.t;
  const where = (action: ContentAction) =>
    action.kind === "edit_file"
      ? `\n${t("cr-file", { file: action.file })}`
      : action.kind === "review_promoted"
        ? `\n${t("cr-promoted")}`
        : "";
  switch (section) {
    case "f":
      return report.feedback.map((item) => ({
        text:
          t("cr-feedback-item", {
            title: item.entry.title,
            down: count(ctx, item.down),
            up: count(ctx, item.up),
          }) +
          item.comments
            .map((c) => `\n${t("cr-comment", { text: quote(c.text), date: date(c.at) })}`)
            .join("") +
          where(item.action),
        action: item.action,
      }));
    case "q":
      return report.questions.map((group) => ({
        text: [
          t("cr-question-item", {
            count: count(ctx, group.count),
            unanswered: count(ctx, group.unanswered),
          }),
          ...group.examples.map((example) => t("cr-example", { text: quote(example.text) })),
          group.addedTo
            ? t("cr-added-to", { title: group.addedTo.title })
            : group.candidate
              ? t("cr-closest", { title: group.candidate.title })
              : t("cr-no-candidate"),
        ].join("\n"),
        action: group.action,
      }));
    case "t":
      return [
        ...report.openTickets.map((ticket) => ({
          text: t("cr-ticket-open", {
            text: quote(ticket.text),
            unit: ticket.unitName,
            days: ticket.ageDays,
            askers: count(ctx, ticket.askers),
          }),
          action: ticket.action,
        })),
        ...report.answeredTickets.map((ticket) => ({
          text: t("cr-ticket-answered", {
            text: quote(ticket.text),
            answer: quote(ticket.answer ?? ""),
            by: ticket.answeredBy ?? "",
            date: ticket.answeredAt ? date(ticket.answeredAt) : "",
          }),
          action: ticket.action,
        })),
      ];
    case "r":
      return report.overdue.map((item) => ({
        text:
          t("cr-overdue-item", { title: item.entry.title, date: date(item.reviewBy) }) + where(item.action),
        action: item.action,
      }));
  }
}

function actionButton(
  ctx: BotContext,
  action: ContentAction,
  days: number,
  n: number,
): { label: string; data: string } | null {
  const plain = plainTranslator(ctx);
  switch (action.kind) {
    case "add_phrasing":
      return {
        label: plain("cr-button-add", { n }),
        data: contentReviewData.chooseEntry(days, action.questionId),
      };
    case "promote_answer":
      return { label: plain("cr-button-promote", { n }), data: `tk:p:${action.ticketId}` };
    case "edit_file":
      return { label: plain("cr-button-edit", { n }), data: contentReviewData.edit(action.entryId) };
    case "review_promoted":
      return { label: plain("cr-button-review", { n }), data: "rv:l:0" };
    case "none":
      return null;
  }
}

/** "➕ Thêm làm cách hỏi": the group's candidate entries, best first. */
async function chooseEntry(ctx: BotContext, days: number, questionId: number): Promise<void> {
  const report = await loadReport(ctx, days);
  if (!report) return;
  const group = report.questions.find(
    (g) => g.action.kind === "add_phrasing" && g.memberIds.includes(questionId),
  );
  if (group?.action.kind !== "add_phrasing") return refuse(ctx, "stale-button-alert");
  await ctx.answerCallbackQuery();
  const example = group.examples.find((e) => e.id === questionId) ?? group.examples[0];
  const keyboard = new InlineKeyboard();
  for (const entry of group.action.entries)
    keyboard
      .text(shortenLabel(entry.title, LABEL_MAX), contentReviewData.addPhrasing(days, questionId, entry.id))
      .row();
  keyboard
    .text(plainTranslator(ctx)("cr-button-back"), contentReviewData.section(days, "q"))
    .text(ctx.t("button-menu"), "m:home");
  await respond(ctx, ctx.t("cr-choose-entry", { text: quote(example?.text ?? "") }), keyboard);
}

async function addPhrasing(
  ctx: BotContext,
  days: number,
  questionId: number,
  entryId: number,
): Promise<void> {
  const person = ctx.identity.person;
  if (!person) return refuse(ctx, "not-allowed");
  if (!isPeriod(days)) return refuse(ctx, "stale-button-alert");
  const result = await addFaqPhrasing(ctx.deps.db, ctx.deps.clock, person.id, { entryId, questionId });
  if (!result.ok) return refuse(ctx, result.reason === "not_allowed" ? "not-allowed" : "stale-button-alert");
  if (result.added) await ctx.deps.faq.reload();
  await ctx.answerCallbackQuery();
  const key = result.added ? "cr-phrasing-added" : "cr-phrasing-exists";
  await ctx.reply(ctx.t(key, { text: result.text, title: result.entryTitle }), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(plainTranslator(ctx)("cr-button-back"), contentReviewData.section(days, "q"))
      .text(ctx.t("button-menu"), "m:home"),
  });
}

/** "✏️ Sửa": where a content entry lives (its file), or the review screen for a promoted answer. */
async function showWhereToEdit(ctx: BotContext, entryId: number): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "faq.review_content")) return refuse(ctx, "not-allowed");
  const entry = await ctx.deps.faq.entry(entryId);
  const file = entry ? listContentFiles().get(entry.key) : undefined;
  if (!entry || (!file && !entry.key.startsWith(PROMOTED_KEY_PREFIX)))
    return refuse(ctx, "stale-button-alert");
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard();
  if (!file) keyboard.text(plainTranslator(ctx)("cr-button-open-review"), "rv:l:0").row();
  keyboard.text(ctx.t("button-menu"), "m:home");
  const text = file
    ? ctx.t("cr-edit-file", { title: entry.title, file })
    : ctx.t("cr-edit-promoted", { title: entry.title });
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}
