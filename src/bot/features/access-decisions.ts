import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard } from "grammy";
import {
  type DecideResult,
  decideAccessRequest,
  listPendingAccessRequests,
} from "../../domain/access/decide-access-request.js";
import { decisionButtons } from "../../domain/access/notify-access-request.js";
import { type Action, canPerform } from "../../domain/access/permissions.js";
import { viewAccessRequest } from "../../domain/access/view-access-request.js";
import { checkMoveTarget, type HeadChoice } from "../../domain/people/apply-head-choice.js";
import type { ActiveHead } from "../../domain/people/find-active-heads.js";
import type { PersonView } from "../../domain/people/resolve-identity.js";
import { describeUnit } from "../../domain/units/describe-unit.js";
import { trustedHtml } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { shortenLabel } from "../../shared/text.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { plainTranslator, respond } from "../ui/respond.js";
import { personShortcut } from "./people.js";

const PAGE_SIZE = 6;
export const DECIDE_ACCESS_ID = "decideAccess";

/**
 * Commune officers (and administrators) decide access requests: from the notification's
 * buttons or from "📝 Yêu cầu truy cập" in their menu. The requester is told the outcome.
 */
export function accessDecisionsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(/^acc:p:(\d{1,4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showPendingRequests(ctx, Number(ctx.match[1]));
  });

  feature.callbackQuery(/^acc:v:(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const id = Number(ctx.match[1]);
    const view = person
      ? await viewAccessRequest(ctx.deps.db, ctx.deps.translator, person.id, id, ctx.locale)
      : null;
    if (!view?.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const buttons = decisionButtons(ctx.deps.translator, ctx.locale, id);
    const keyboard = InlineKeyboard.from(buttons.inline_keyboard).row().text(ctx.t("button-back"), "acc:p:0");
    await respond(ctx, view.pending ? view.text : `${view.text}\n\n${decidedText(ctx, null)}`, keyboard);
  });

  feature.callbackQuery(/^acc:([ar]):(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    if (!person) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    const decision = ctx.match[1] === "a" ? "approve" : "reject";
    const id = Number(ctx.match[2]);
    const { db, translator, clock } = ctx.deps;
    const result = await decideAccessRequest(db, clock, translator, person.id, id, decision);
    if (!result.ok && result.reason === "unit_has_head") {
      // The hamlet has a head: the officer decides about them in a short guided step.
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(DECIDE_ACCESS_ID, id);
      return;
    }
    // The request as the officer may see it now (its card heads every outcome below).
    const view = await viewAccessRequest(db, translator, person.id, id, ctx.locale);
    const card = view.ok ? `${view.text}\n\n` : "";
    if (!result.ok && (result.reason === "person_inactive" || result.reason === "roster_mismatch")) {
      // The roster says otherwise: why, and the deliberate way (people management) if any.
      await ctx.answerCallbackQuery();
      const phone = view.ok ? view.phone : null;
      await respond(ctx, `${card}${refusalText(ctx.t, result, phone)}`, refusalKeyboard(ctx.t, result, id));
      return;
    }
    if (!result.ok) {
      await ctx.answerCallbackQuery({ text: failureText(plainTranslator(ctx), result), show_alert: true });
      if (result.reason === "already_decided" && view.ok)
        await respond(ctx, `${card}${failureText(ctx.t, result)}`);
      return;
    }
    await ctx.answerCallbackQuery();
    const name = view.ok ? view.fullName : "";
    let outcome = ctx.t(decision === "approve" ? "acc-approved" : "acc-rejected", { name });
    // The requester blocked the bot: the decision did not reach them; the decider can call.
    if (!result.told) outcome += `\n${ctx.t("acc-requester-unreachable", { name })}`;
    await respond(ctx, `${card}${outcome}`, new InlineKeyboard().text(ctx.t("button-back"), "acc:p:0"));
  });

  return feature;
}

/** "📝 Yêu cầu truy cập": pending requests in the person's scope. */
export async function showPendingRequests(ctx: BotContext, page = 0): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "access.decide")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const [count, requests] = await listPendingAccessRequests(ctx.deps.db, person.id, {
    skip: page * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const keyboard = new InlineKeyboard();
  for (const request of requests) {
    const unit = [request.unit.name, request.unit.parent?.name].filter(Boolean).join(", ");
    keyboard.text(shortenLabel(`${request.fullName} · ${unit}`), `acc:v:${request.id}`).row();
  }
  if (page > 0) keyboard.text(ctx.t("button-prev"), `acc:p:${page - 1}`);
  if ((page + 1) * PAGE_SIZE < count) keyboard.text(ctx.t("button-next"), `acc:p:${page + 1}`);
  keyboard.row().text(ctx.t("button-menu"), "m:home");
  await respond(ctx, count === 0 ? ctx.t("acc-list-empty") : ctx.t("acc-list-title", { count }), keyboard);
}

type Translate = BotContext["t"];

function decidedText(ctx: { t: Translate }, by: string | null): string {
  return ctx.t("acc-already-decided", { by: by ?? "none" });
}

function failureText(t: Translate, result: Extract<DecideResult, { ok: false }>): string {
  switch (result.reason) {
    case "already_decided":
      return decidedText({ t }, "decidedBy" in result ? result.decidedBy : null);
    case "not_found":
      return t("acc-not-found");
    case "out_of_scope":
      return t("acc-out-of-scope");
    case "role_not_grantable":
    case "unit_level_mismatch":
      return t("acc-cannot-grant");
    case "phone_taken":
      return t("acc-phone-taken");
    case "already_member":
      return t("acc-already-member");
    case "unit_not_found":
    case "target_has_head":
    case "same_unit":
      return t(`head-failed-${result.reason}`);
    default:
      return t("not-allowed");
  }
}

type RosterRefusal = Extract<DecideResult, { reason: "person_inactive" | "roster_mismatch" }>;

/**
 * "Chưa duyệt: số … thuộc Phạm Thị Dung (Lãnh đạo — Tỉnh Hà Tĩnh), người đã bị ngừng hoạt
 * động…": an approval never reactivates anyone or changes a roster entry; this says so, names
 * the entry only to an approver whose scope covers it, and points to people management.
 */
function refusalText(t: Translate, result: RosterRefusal, phone: string | null): string {
  const holder = result.holder
    ? trustedHtml(
        t("acc-holder", {
          name: result.holder.fullName,
          role: t(`role-${result.holder.role}`),
          unit: result.holder.unitName,
        }),
      )
    : t("acc-holder-hidden");
  const way = result.mayManage && result.holder ? "manage" : "ask-admin";
  return [
    t(`acc-refused-${result.reason}`, { phone: phone ? formatPhoneForDisplay(phone) : "", holder }),
    t(`acc-refused-${result.reason}-${way}`),
  ].join("\n");
}

/** The record in people management (for whoever may change it), reject, back to the list. */
function refusalKeyboard(t: Translate, result: RosterRefusal, requestId: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (result.mayManage && result.holder) {
    const name = result.holder.fullName;
    keyboard.text(t("acc-button-open-person", { name }), personShortcut(result.holder.id)).row();
  }
  return keyboard.text(t("acc-button-reject"), `acc:r:${requestId}`).row().text(t("button-back"), "acc:p:0");
}

/** The guided approval of a hamlet head for a hamlet that already has one. */
export function accessDecisionConversations(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation(buildDecideAccess(deps), { id: DECIDE_ACCESS_ID }));
  return composer;
}

function buildDecideAccess(deps: BotDeps) {
  return async function decideAccess(conversation: TaskConversation, ctx: Context, requestId: number) {
    const start = await captureStart(conversation);
    const actor = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "ahd",
      busyKey: "acc-head-busy",
      locale: start.locale,
    });
    const { t } = s;
    if (!actor) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const back = new InlineKeyboard().text(t("button-back"), "acc:p:0").text(t("button-menu"), "m:home");
    let choice: HeadChoice | undefined;
    for (;;) {
      const heads = choice;
      const step = await conversation.external(async () => {
        const result = await decideAccessRequest(
          deps.db,
          deps.clock,
          deps.translator,
          actor.id,
          requestId,
          "approve",
          heads ? { heads } : {},
        );
        const view = await viewAccessRequest(deps.db, deps.translator, actor.id, requestId, start.locale);
        if (!view.ok) return { result, text: "", fullName: "", unitName: "", phone: null };
        const unitId = result.ok || result.reason !== "unit_has_head" ? view.unitId : result.unitId;
        const chain = await describeUnit(deps.db, unitId);
        return {
          result,
          text: view.text,
          fullName: view.fullName,
          unitName: chain?.names.slice(0, 2).join(", ") ?? "",
          phone: view.phone,
        };
      });
      const { result } = step;
      if (result.ok) {
        let done = t("acc-approved", { name: step.fullName });
        // The requester blocked the bot: the decision did not reach them; the decider can call.
        if (!result.told) done += `\n${t("acc-requester-unreachable", { name: step.fullName })}`;
        await ctx.reply(`${step.text}\n\n${done}`, { parse_mode: "HTML", reply_markup: back });
        return;
      }
      if (result.reason === "person_inactive" || result.reason === "roster_mismatch") {
        await ctx.reply(`${step.text}\n\n${refusalText(t, result, step.phone)}`, {
          parse_mode: "HTML",
          reply_markup: refusalKeyboard(t, result, requestId),
        });
        return;
      }
      if (result.reason !== "unit_has_head") {
        await ctx.reply(`${step.text}\n\n${failureText(t, result)}`, {
          parse_mode: "HTML",
          reply_markup: back,
        });
        return;
      }
      const picked = await askHeadChoice(s, conversation, deps, {
        actor,
        action: "access.decide",
        unitId: result.unitId,
        heads: result.heads,
        intro: `${step.text}\n\n${headWarning(t, { unitName: step.unitName, heads: result.heads, newcomer: step.fullName })}`,
      });
      if (!picked) {
        await ctx.reply(t("acc-head-cancelled"), { reply_markup: back });
        return;
      }
      choice = picked;
    }
  };
}

/** "⚠️ Thôn 2, Xã … đã có trưởng thôn: Đặng Thị Hoa. Nguyễn Thị Mới sẽ là trưởng thôn thứ hai." */
export function headWarning(
  t: Translate,
  input: { unitName: string; heads: readonly ActiveHead[]; newcomer: string | null },
): string {
  return t("head-warning", {
    unit: input.unitName,
    heads: input.heads.map((head) => head.fullName).join(", "),
    count: input.heads.length,
    newcomer: input.newcomer ?? "none",
  });
}

/**
 * Asks what becomes of a hamlet's current head(s) when someone else becomes its head: replace
 * them — deactivate, or (one head) move to another hamlet the actor may staff — or keep both.
 * Buttons, and their numbers or labels typed. `null` = cancelled.
 */
export async function askHeadChoice(
  s: ReturnType<typeof createSteps>,
  conversation: TaskConversation,
  deps: BotDeps,
  question: {
    actor: PersonView;
    action: Action;
    unitId: number;
    heads: readonly ActiveHead[];
    /** The warning above the options, saying who would become the second head where. */
    intro: string;
  },
): Promise<HeadChoice | null> {
  const { t } = s;
  const names = question.heads.map((head) => head.fullName).join(", ");
  const personIds = question.heads.map((head) => head.id);
  let note = "";
  for (;;) {
    type Pick = "deactivate" | "move" | "keep" | "cancel";
    const options: { label: string; value: Pick }[] = [
      { label: s.plain("head-replace-deactivate", { names }), value: "deactivate" },
    ];
    if (question.heads.length === 1)
      options.push({ label: s.plain("head-replace-move", { names }), value: "move" });
    options.push({ label: t("head-keep-both"), value: "keep" });
    const pick = await s.choose<Pick>(`${note}${question.intro}\n${t("head-question")}`, options, [
      { label: t("button-cancel"), value: "cancel" },
    ]);
    note = "";
    if (pick === "cancel") return null;
    if (pick === "keep") return { kind: "keep_both", personIds };
    if (pick === "deactivate") return { kind: "deactivate", personIds };
    const unit = await s.chooseUnit({
      rootId: question.actor.unitId,
      targets: ["hamlet"],
      question: () => t("head-move-where", { name: names }),
    });
    if (!unit) continue;
    const check = await conversation.external(() =>
      checkMoveTarget(deps.db, question.actor, question.action, {
        fromUnitId: question.unitId,
        unitId: unit.id,
      }),
    );
    if (check.ok) return { kind: "move", personIds, unitId: unit.id };
    note = `${t(`head-failed-${check.reason}`)}\n\n`;
  }
}
