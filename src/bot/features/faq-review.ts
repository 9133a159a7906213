import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { toIndexedEntry } from "../../domain/faq/faq-search.js";
import { listEntriesToReview, reviewPromotedEntry } from "../../domain/faq/feedback.js";
import { MAX_ANSWER_LENGTH } from "../../domain/faq/questions.js";
import {
  checkPromotedEntryPatch,
  editPromotedEntry,
  MAX_PHRASINGS,
  type PatchProblem,
  type PromotedEntryPatch,
} from "../../domain/faq/review/edit-promoted-entry.js";
import { listLegalDocuments } from "../../domain/faq/review/list-legal-documents.js";
import { listReachOptions } from "../../domain/faq/review/list-reach-options.js";
import { loadReviewableEntry } from "../../domain/faq/review/load-reviewable-entry.js";
import { reviewEntryContext } from "../../domain/faq/review/review-entry-context.js";
import {
  MAX_CITE_LENGTH,
  setPromotedEntryLegalBasis,
} from "../../domain/faq/review/set-promoted-entry-legal-basis.js";
import { setPromotedEntryReach } from "../../domain/faq/review/set-promoted-entry-reach.js";
import { escapeHtml, trustedHtml, wholeText } from "../../shared/html.js";
import { formatNumber } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { type Choice, captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";
import { answerText } from "./faq.js";

export const REVIEW_ENTRY_ID = "reviewEntry";
const LEGAL_PAGE = 8;
type EditField = "title" | "answer" | "phrasings" | "legal";
const FIELD_CODES: Record<string, EditField> = { t: "title", a: "answer", p: "phrasings", g: "legal" };
/** What each refused edit says (the text asked for stays open). */
const PROBLEM_KEYS: Record<PatchProblem, string> = {
  title_length: "rv-problem-title-length",
  answer_empty: "rv-problem-answer-empty",
  answer_too_long: "rv-problem-answer-too-long",
  phrasings_empty: "rv-problem-phrasings-empty",
  phrasing_length: "rv-problem-phrasing-length",
  too_many_phrasings: "rv-problem-too-many-phrasings",
};

/**
 * "📋 Duyệt câu trả lời mới": answers promoted from officers, one at a time, previewed exactly
 * as they will be served, with their reach and legal basis. A reviewer (an administrator, or a
 * trainer for answers within their unit) edits the title, the answer and the phrasings, picks
 * the reach and the legal basis, then approves or drops it. Every choice is a button that can
 * also be typed (Zalo), and text edits happen in a conversation (/huy stops it).
 */
export function faqReviewFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(/^rv:l:(\d{1,3})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showReviewList(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^rv:v:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showReviewList(ctx, 0, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^rv:e([tapg]):(\d{1,9})$/, async (ctx) => {
    const entryId = Number(ctx.match[2]);
    if (!(await mayReview(ctx, entryId))) return;
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(REVIEW_ENTRY_ID, entryId, FIELD_CODES[ctx.match[1] ?? "t"] ?? "title");
  });
  feature.callbackQuery(/^rv:r:(\d{1,9})$/, async (ctx) => {
    const entryId = Number(ctx.match[1]);
    const person = ctx.identity.person;
    const options = person ? await listReachOptions(ctx.deps.db, person.id, entryId) : null;
    if (!options) {
      await ctx.answerCallbackQuery({ text: ctx.t("stale-button-alert"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    for (const unit of options) keyboard.text(unit.name, `rv:rs:${entryId}:${unit.id}`).row();
    keyboard.text(ctx.t("button-back"), `rv:v:${entryId}`);
    await respond(ctx, ctx.t("rv-reach-ask"), keyboard);
  });
  feature.callbackQuery(/^rv:rs:(\d{1,9}):(\d{1,9})$/, async (ctx) => {
    const entryId = Number(ctx.match[1]);
    const person = ctx.identity.person;
    const result = person
      ? await setPromotedEntryReach(ctx.deps.db, ctx.deps.clock, person.id, entryId, Number(ctx.match[2]))
      : ({ ok: false, reason: "not_allowed" } as const);
    if (!result.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t(refusalKey(result.reason)), show_alert: true });
      return;
    }
    await ctx.deps.faq.reload();
    await ctx.answerCallbackQuery({ text: ctx.t("rv-reach-set", { unit: result.unitName }) });
    await showReviewList(ctx, 0, entryId);
  });
  feature.callbackQuery(/^rv:(ok|x):(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const approve = ctx.match[1] === "ok";
    const result = person
      ? await reviewPromotedEntry(ctx.deps.db, ctx.deps.clock, person.id, Number(ctx.match[2]), approve)
      : ({ ok: false, reason: "not_allowed" } as const);
    if (!result.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t(refusalKey(result.reason)), show_alert: true });
      return;
    }
    await ctx.deps.faq.reload();
    await ctx.answerCallbackQuery({ text: ctx.t(approve ? "rv-verified" : "rv-rejected") });
    // A new message: the decision stays visible above the next entry (and Zalo cannot edit).
    await ctx.reply(ctx.t(approve ? "rv-verified" : "rv-rejected"));
    await showReviewList(ctx, 0, undefined, true);
  });
  return feature;
}

/** The conversation of this feature (text edits and the legal basis). */
export function faqReviewConversations(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation(buildReviewEntry(deps), { id: REVIEW_ENTRY_ID }));
  return composer;
}

function refusalKey(reason: string): string {
  return reason === "not_allowed" || reason === "out_of_scope" ? "not-allowed" : "rv-gone";
}

async function mayReview(ctx: BotContext, entryId: number): Promise<boolean> {
  const person = ctx.identity.person;
  const loaded = person ? await loadReviewableEntry(ctx.deps.db, person.id, entryId) : null;
  if (loaded?.ok) return true;
  const reason = loaded ? loaded.reason : "not_allowed";
  await ctx.answerCallbackQuery({ text: ctx.t(refusalKey(reason)), show_alert: true });
  return false;
}

/**
 * One promoted answer to review: the one with id `entryId` when it is still waiting (and in the
 * reviewer's scope), else the one at `page`. `fresh`: a new message rather than an edit.
 */
export async function showReviewList(
  ctx: BotContext,
  page = 0,
  entryId?: number,
  fresh = false,
): Promise<void> {
  const person = ctx.identity.person;
  const show = (text: string, keyboard: InlineKeyboard) =>
    fresh
      ? ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard }).then(() => undefined)
      : respond(ctx, text, keyboard);
  if (!person || !canPerform(person, "faq.verify")) {
    await show(ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const [count, all] = await listEntriesToReview(ctx.deps.db, person.id, { skip: 0, take: 1000 });
  const wanted = entryId === undefined ? -1 : all.findIndex((entry) => entry.id === entryId);
  const current = wanted >= 0 ? wanted : Math.min(Math.max(0, page), Math.max(0, count - 1));
  const row = all[current];
  if (!row) {
    await show(ctx.t("rv-list-empty"), homeKeyboard(ctx.t));
    return;
  }
  const indexed = toIndexedEntry(row);
  const { area, registry } = await reviewEntryContext(ctx.deps.db, indexed);
  const entry = { ...indexed, areaPath: area?.path ?? null, areaName: area?.name ?? null };
  const askers = Array.isArray(row.audience) ? row.audience.length : 0;
  const lines = [
    ctx.t("rv-list-title", { count, index: current + 1 }),
    ctx.t("rv-waiting-for", { count: askers }),
    "",
    await answerText(ctx, entry, false, registry),
    "",
    ctx.t("rv-reach", { unit: area?.name ?? row.areaCode ?? ctx.t("rv-reach-national") }),
    // The preview above shows the legal basis as it will be served; "none" is said here.
    ...(entry.legalBasis.length === 0 ? [ctx.t("rv-legal", { legal: ctx.t("rv-legal-none") })] : []),
    ctx.t("rv-phrasings", {
      phrasings: trustedHtml(entry.phrasings.map((phrasing) => `• ${escapeHtml(phrasing)}`).join("\n")),
    }),
  ];
  const id = row.id;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("rv-button-title"), `rv:et:${id}`)
    .text(ctx.t("rv-button-answer"), `rv:ea:${id}`)
    .row()
    .text(ctx.t("rv-button-phrasings"), `rv:ep:${id}`)
    .text(ctx.t("rv-button-reach"), `rv:r:${id}`)
    .row()
    .text(ctx.t("rv-button-legal"), `rv:eg:${id}`)
    .row()
    .text(ctx.t("rv-button-verify"), `rv:ok:${id}`)
    .text(ctx.t("rv-button-reject"), `rv:x:${id}`)
    .row();
  if (current > 0) keyboard.text(ctx.t("button-prev"), `rv:l:${current - 1}`);
  if (current + 1 < count) keyboard.text(ctx.t("button-next"), `rv:l:${current + 1}`);
  keyboard.row().text(ctx.t("button-menu"), "m:home");
  await show(lines.join("\n"), keyboard);
}

const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

function buildReviewEntry(deps: BotDeps) {
  return async function reviewEntryTask(
    conversation: TaskConversation,
    ctx: Context,
    entryId: number,
    field: EditField,
  ) {
    const start = await captureStart(conversation);
    const actorId = start.personId;
    const s = createSteps(conversation, ctx, deps, {
      prefix: "rve",
      busyKey: "rve-busy",
      locale: start.locale,
    });
    const { t, plain } = s;
    const current = await conversation.external(async () => {
      if (actorId === null) return null;
      const loaded = await loadReviewableEntry(deps.db, actorId, entryId);
      return loaded.ok
        ? { title: loaded.entry.title, answer: loaded.entry.answer, phrasings: list(loaded.entry.phrasings) }
        : null;
    });
    if (actorId === null || !current) {
      await ctx.reply(t("rv-gone"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const backToEntry = () =>
      conversation.external(async (outer: BotContext) => {
        await outer.deps.faq.reload();
        await showReviewList(outer, 0, entryId, true);
      });
    const cancel: Choice<"cancel">[] = [{ label: plain("button-cancel"), value: "cancel" }];

    if (field === "legal") {
      const chosen = await chooseDocument();
      if (chosen === "cancel") return cancelled();
      let cite: string | undefined;
      if (chosen !== "none") {
        const typed = await s.askInput(
          t("rv-ask-cite", { document: chosen.label }),
          (text) => {
            const value = text.replace(/\s+/g, " ").trim();
            if (value.length < 2) return { ok: false, error: t("rv-cite-short") };
            if (value.length > MAX_CITE_LENGTH)
              return { ok: false, error: t("rv-cite-long", { max: MAX_CITE_LENGTH }) };
            return { ok: true, value };
          },
          {
            nav: [
              { label: plain("rv-button-no-cite"), value: "skip" as const },
              { label: plain("button-cancel"), value: "cancel" as const },
            ],
          },
        );
        if (typed.kind === "choice" && typed.choice === "cancel") return cancelled();
        if (typed.kind === "value") cite = typed.value;
      }
      const result = await conversation.external(() =>
        setPromotedEntryLegalBasis(
          deps.db,
          deps.clock,
          actorId,
          entryId,
          chosen === "none" ? null : { documentKey: chosen.key, ...(cite ? { cite } : {}) },
        ),
      );
      if (!result.ok) {
        await ctx.reply(t(refusalKey(result.reason)));
        return;
      }
      await ctx.reply(t("rv-legal-saved"));
      await backToEntry();
      return;
    }

    const questions: Record<Exclude<EditField, "legal">, string> = {
      title: t("rv-ask-title", { title: wholeText(current.title) }),
      answer: t("rv-ask-answer", {
        answer: trustedHtml(current.answer),
        max: formatNumber(MAX_ANSWER_LENGTH, start.locale),
      }),
      phrasings: t("rv-ask-phrasings", {
        phrasings: wholeText(current.phrasings.join("\n")),
        max: MAX_PHRASINGS,
      }),
    };
    const patchOf = (text: string): PromotedEntryPatch =>
      field === "title"
        ? { title: text }
        : field === "answer"
          ? { answer: text }
          : { phrasings: text.split(/\r?\n/) };
    const typed = await s.askInput(
      questions[field],
      (text) => {
        const checked = checkPromotedEntryPatch(patchOf(text));
        return checked.ok
          ? { ok: true, value: patchOf(text) }
          : {
              ok: false,
              error: t(PROBLEM_KEYS[checked.reason], {
                max: formatNumber(MAX_ANSWER_LENGTH, start.locale),
                count: MAX_PHRASINGS,
              }),
            };
      },
      { nav: cancel },
    );
    if (typed.kind !== "value") return cancelled();
    const result = await conversation.external(() =>
      editPromotedEntry(deps.db, deps.clock, actorId, entryId, typed.value),
    );
    if (!result.ok) {
      const reason = result.reason;
      await ctx.reply(
        t(
          reason === "not_allowed" || reason === "out_of_scope" || reason === "not_found"
            ? refusalKey(reason)
            : PROBLEM_KEYS[reason],
          { max: formatNumber(MAX_ANSWER_LENGTH, start.locale), count: MAX_PHRASINGS },
        ),
      );
      return;
    }
    await ctx.reply(t(result.changed.length > 0 ? "rv-edit-saved" : "rv-edit-unchanged"));
    await backToEntry();

    async function cancelled() {
      await ctx.reply(t("rv-edit-cancelled"));
      await backToEntry();
    }

    /** A document of the registry, page by page; "none" for no legal basis. */
    async function chooseDocument(): Promise<{ key: string; label: string } | "none" | "cancel"> {
      let page = 0;
      for (;;) {
        const [count, documents] = await conversation.external(() =>
          listLegalDocuments(deps.db, { skip: page * LEGAL_PAGE, take: LEGAL_PAGE }),
        );
        type Pick = { key: string; label: string } | "none" | "cancel" | "prev" | "next";
        const choices: Choice<Pick>[] = documents.map((document) => {
          const label = `${document.number} — ${document.title}`;
          return { label, value: { key: document.key, label: `${document.kind} ${document.number}` } };
        });
        const nav: Choice<Pick>[] = [];
        if (page > 0) nav.push({ label: plain("button-prev"), value: "prev" });
        if ((page + 1) * LEGAL_PAGE < count) nav.push({ label: plain("button-next"), value: "next" });
        nav.push({ label: plain("rv-button-no-legal"), value: "none" });
        nav.push({ label: plain("button-cancel"), value: "cancel" });
        const question =
          count === 0
            ? t("rv-ask-legal-empty")
            : t("rv-ask-legal", { page: page + 1, pages: Math.ceil(count / LEGAL_PAGE) });
        const chosen = await s.choose<Pick>(question, choices, nav);
        if (chosen === "prev") page -= 1;
        else if (chosen === "next") page += 1;
        else return chosen;
      }
    }
  };
}
