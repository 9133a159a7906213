import { Composer, InlineKeyboard } from "grammy";
import {
  type DecideResult,
  decideAccessRequest,
  listPendingAccessRequests,
} from "../../domain/access/decide-access-request.js";
import {
  decisionButtons,
  describeAccessRequest,
  notifyRequester,
} from "../../domain/access/notify-access-request.js";
import { authorize, canPerform } from "../../domain/access/permissions.js";
import { escapeHtml } from "../../shared/html.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";

const PAGE_SIZE = 6;

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
    const request = await ctx.deps.db.accessRequest.findUnique({ where: { id }, include: { unit: true } });
    if (!person || !request || !authorize(person, "access.decide", { unitPath: request.unit.path }).ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const { text } = await describeAccessRequest(ctx.deps.db, ctx.deps.translator, id, ctx.locale);
    const buttons = decisionButtons(ctx.deps.translator, ctx.locale, id);
    const keyboard = InlineKeyboard.from(buttons.inline_keyboard).row().text(ctx.t("button-back"), "acc:p:0");
    await respond(
      ctx,
      request.status === "pending" ? text : `${text}\n\n${decidedText(ctx, null)}`,
      keyboard,
    );
  });

  feature.callbackQuery(/^acc:([ar]):(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    if (!person) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    const decision = ctx.match[1] === "a" ? "approve" : "reject";
    const id = Number(ctx.match[2]);
    const result = await decideAccessRequest(ctx.deps.db, ctx.deps.clock, person, id, decision);
    if (!result.ok) {
      await ctx.answerCallbackQuery({ text: failureText(ctx, result), show_alert: true });
      if (result.reason === "already_decided") {
        const { text } = await describeAccessRequest(ctx.deps.db, ctx.deps.translator, id, ctx.locale);
        await respond(ctx, `${text}\n\n${failureText(ctx, result)}`);
      }
      return;
    }
    const told = await notifyRequester(ctx.deps.db, ctx.deps.translator, ctx.deps.clock, id);
    await ctx.answerCallbackQuery();
    const { request, text } = await describeAccessRequest(ctx.deps.db, ctx.deps.translator, id, ctx.locale);
    let outcome = ctx.t(decision === "approve" ? "acc-approved" : "acc-rejected", {
      name: escapeHtml(request.fullName),
    });
    // The requester blocked the bot: the decision did not reach them; the decider can call.
    if (!told) outcome += `\n${ctx.t("acc-requester-unreachable", { name: escapeHtml(request.fullName) })}`;
    await respond(ctx, `${text}\n\n${outcome}`, new InlineKeyboard().text(ctx.t("button-back"), "acc:p:0"));
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
  const [count, requests] = await listPendingAccessRequests(ctx.deps.db, person, {
    skip: page * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const keyboard = new InlineKeyboard();
  for (const request of requests) {
    const unit = [request.unit.name, request.unit.parent?.name].filter(Boolean).join(", ");
    keyboard.text(`${request.fullName} · ${unit}`, `acc:v:${request.id}`).row();
  }
  if (page > 0) keyboard.text(ctx.t("button-prev"), `acc:p:${page - 1}`);
  if ((page + 1) * PAGE_SIZE < count) keyboard.text(ctx.t("button-next"), `acc:p:${page + 1}`);
  keyboard.row().text(ctx.t("button-menu"), "m:home");
  await respond(ctx, count === 0 ? ctx.t("acc-list-empty") : ctx.t("acc-list-title", { count }), keyboard);
}

function decidedText(ctx: BotContext, by: string | null): string {
  return ctx.t("acc-already-decided", { by: by ?? "none" });
}

function failureText(ctx: BotContext, result: Extract<DecideResult, { ok: false }>): string {
  switch (result.reason) {
    case "already_decided":
      return decidedText(ctx, "decidedBy" in result ? result.decidedBy : null);
    case "not_found":
      return ctx.t("acc-not-found");
    case "out_of_scope":
      return ctx.t("acc-out-of-scope");
    case "role_not_grantable":
    case "unit_level_mismatch":
      return ctx.t("acc-cannot-grant");
    case "phone_taken":
      return ctx.t("acc-phone-taken");
    default:
      return ctx.t("not-allowed");
  }
}
