import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InputFile } from "grammy";
import { buildActivationSheet } from "../../domain/access/build-activation-sheet.js";
import { generateActivationCodes } from "../../domain/access/generate-activation-codes.js";
import { listPeopleToActivate } from "../../domain/access/list-people-to-activate.js";
import { canPerform } from "../../domain/access/permissions.js";
import { CHANNEL_TRAITS, CHANNELS } from "../../domain/roles.js";
import { formatDate } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";

export const ISSUE_CODES_ID = "issueCodes";

/** The messenger codes are handed out for: the one that cannot share a phone (Zalo). */
const CODE_CHANNEL = CHANNELS.find((channel) => !CHANNEL_TRAITS[channel].sharesVerifiedPhone) ?? CHANNELS[0];

/**
 * "🔑 Cấp mã kích hoạt" for admins and commune officers: codes for everyone in their scope not
 * yet on Zalo, or for one unit, as an Excel sheet to print (name, role, unit, phone, code,
 * expiry, and how to use it). One person's code is issued from their card in people
 * management instead, to read out over the phone.
 */
export function activationCodesFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildIssueCodes(deps), { id: ISSUE_CODES_ID }));
  return feature;
}

export async function openIssueCodes(ctx: BotContext): Promise<void> {
  if (!canPerform(ctx.identity.person, "activation.generate")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  await ctx.conversation.enter(ISSUE_CODES_ID);
}

function buildIssueCodes(deps: BotDeps) {
  return async function issueCodes(conversation: TaskConversation, ctx: Context) {
    const start = await captureStart(conversation);
    const actor = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "acg",
      busyKey: "ac-busy",
      locale: start.locale,
    });
    const { t } = s;
    if (!actor || !canPerform(actor, "activation.generate")) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const channel = CHANNEL_TRAITS[CODE_CHANNEL].name;
    const cancelled = () => ctx.reply(t("ac-cancelled"), { reply_markup: homeKeyboard(t) });
    const everyone = await conversation.external(() =>
      listPeopleToActivate(deps.db, actor.id, { channel: CODE_CHANNEL }),
    );
    if (everyone === null) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    // Below a commune there is nothing to split by: an officer's scope is one commune.
    const byUnit = actor.unitLevel !== "commune" && actor.unitLevel !== "hamlet";
    const scope = await s.choose<"all" | "unit" | "cancel">(
      t("ac-ask-scope"),
      [
        { label: t("ac-scope-all", { channel, count: everyone.length }), value: "all" },
        ...(byUnit ? [{ label: t("ac-scope-unit"), value: "unit" as const }] : []),
      ],
      [{ label: t("button-cancel"), value: "cancel" }],
    );
    if (scope === "cancel") return void (await cancelled());
    let people = everyone;
    if (scope === "unit") {
      const unit = await s.chooseUnit({
        rootId: actor.unitId,
        targets: ["district", "commune"],
        question: () => t("ac-choose-unit"),
      });
      if (!unit) return void (await cancelled());
      const inUnit = await conversation.external(() =>
        listPeopleToActivate(deps.db, actor.id, { channel: CODE_CHANNEL, unitId: unit.id }),
      );
      if (inUnit === null) {
        await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
        return;
      }
      people = inUnit;
    }
    if (people.length === 0) {
      await ctx.reply(t("ac-none", { channel }), { reply_markup: homeKeyboard(t) });
      return;
    }
    const go = await s.choose(
      t("ac-confirm", { count: people.length }),
      [{ label: t("ac-yes"), value: true }],
      [{ label: t("button-cancel"), value: false }],
    );
    if (!go) return void (await cancelled());
    // Codes are made, put on the sheet and sent in one step: they exist nowhere else.
    const sent = await conversation.external(async (outer: BotContext) => {
      const result = await generateActivationCodes(deps.db, deps.clock, actor.id, { personIds: people });
      if (!result.ok) return { ok: false as const, reason: result.reason };
      const sheet = await buildActivationSheet(result.codes, {
        translator: deps.translator,
        locale: start.locale,
        timeZone: deps.timeZone,
      });
      // "ma-kich-hoat-2026-11-22.xlsx": the day it was made, in local time.
      const day = new Intl.DateTimeFormat("en-CA", { timeZone: deps.timeZone }).format(deps.clock.now());
      await outer.replyWithDocument(new InputFile(sheet, `${t("ac-file-name")}-${day}.xlsx`));
      const until = result.codes[0]?.expiresAt ?? deps.clock.now();
      return { ok: true as const, count: result.codes.length, until: until.toISOString() };
    });
    if (!sent.ok) {
      await ctx.reply(t(`pm-failed-${sent.reason}`), { reply_markup: homeKeyboard(t) });
      return;
    }
    await ctx.reply(
      t("ac-sent", {
        count: sent.count,
        until: formatDate(new Date(sent.until), start.locale, deps.timeZone),
      }),
      { parse_mode: "HTML", reply_markup: homeKeyboard(t) },
    );
  };
}
