import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import { findPendingAccessRequest, submitAccessRequest } from "../../domain/access/submit-access-request.js";
import { findAccessContacts } from "../../domain/people/find-access-contacts.js";
import { findVerifiedPhone } from "../../domain/people/find-verified-phone.js";
import { linkAccountByPhone } from "../../domain/people/link-account-by-phone.js";
import type { Role } from "../../domain/roles.js";
import { describeUnit } from "../../domain/units/describe-unit.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, normalizeName, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { accessOffNotice, formatContacts } from "../ui/menu-screen.js";
import { respond } from "../ui/respond.js";
import { describeLinkFailure } from "./onboarding.js";

export const ACCESS_REQUEST_ID = "accessRequest";

const REQUESTABLE_ROLES: Role[] = ["hamlet_head", "commune_officer", "trainer"];
const TARGET_LEVELS: Record<string, string[]> = {
  hamlet_head: ["hamlet"],
  commune_officer: ["commune"],
  trainer: ["province", "commune"],
};

/**
 * "Xin quyền truy cập": a stranger gives name, phone (one tap), job and unit (buttons down the
 * unit tree), checks a summary and sends the request to the commune officers of that commune
 * (or the administrators). A verified phone that is on the roster links the account at once
 * instead. State is stored after every step, so a restart or another instance carries on.
 */
export function accessRequestFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildAccessRequest(deps), { id: ACCESS_REQUEST_ID }));
  return feature;
}

/**
 * Opens the request — for strangers and for the unlinked who will not verify. Someone whose
 * access was turned off is told whom to contact instead (a new request would not help).
 */
export async function enterAccessRequest(ctx: BotContext): Promise<void> {
  if (ctx.identity.standing === "inactive") {
    await respond(ctx, await accessOffNotice(ctx, true), homeKeyboard(ctx.t));
    return;
  }
  await ctx.conversation.enter(ACCESS_REQUEST_ID);
}

function buildAccessRequest(deps: BotDeps) {
  return async function accessRequest(conversation: TaskConversation, ctx: Context) {
    const start = await captureStart(conversation);
    const known = await conversation.external(async (outer: BotContext) => {
      const [pending, verifiedPhone] = await Promise.all([
        outer.identity.person ? null : findPendingAccessRequest(deps.db, outer.identity.accountId),
        findVerifiedPhone(deps.db, outer.identity.accountId),
      ]);
      return {
        isMember: outer.identity.person !== null,
        pendingUnit: pending?.unitLabel ?? null,
        verifiedPhone,
      };
    });
    const s = createSteps(conversation, ctx, deps, {
      prefix: "ar",
      busyKey: "ar-busy",
      locale: start.locale,
    });
    const { t } = s;
    const home = homeKeyboard(t);

    if (known.isMember) {
      await ctx.reply(t("ar-already-member"), { reply_markup: home });
      return;
    }
    if (known.pendingUnit) {
      await ctx.reply(t("ar-already-pending", { unit: known.pendingUnit }), {
        parse_mode: "HTML",
        reply_markup: home,
      });
      return;
    }

    const cancelChoice = { label: t("button-cancel"), value: "cancel" as const };
    const cancelled = () => ctx.reply(t("ar-cancelled"), { reply_markup: home });
    const restart = conversation.checkpoint();

    // 1. Name
    const fullName = await s.askText(t("ar-intro"), normalizeName, "ar-name-invalid");

    // 2. Phone: already verified on this account, or shared now (then maybe on the roster).
    let phone = known.verifiedPhone;
    if (phone) {
      await ctx.reply(t("ar-phone-known", { phone: formatPhoneForDisplay(phone) }));
    } else {
      const answer = await s.askOwnPhone(t("ar-phone"), start.fromId);
      phone = answer.phone;
      await ctx.reply(t("ar-phone-received", { phone: formatPhoneForDisplay(phone) }), {
        reply_markup: { remove_keyboard: true },
      });
      if (answer.verified) {
        const verifiedPhone = phone;
        const linked = await conversation.external(() =>
          linkAccountByPhone(deps.db, deps.clock, { accountId: start.accountId, phone: verifiedPhone }),
        );
        if (linked.ok) {
          await ctx.reply(t("onboard-linked-short"), { reply_markup: home });
          return;
        }
        if (linked.reason !== "not_on_roster") {
          const contacts = await conversation.external(() =>
            findAccessContacts(deps.db, start.accountId, { phone: verifiedPhone }),
          );
          await ctx.reply(
            describeLinkFailure(t, linked.reason, verifiedPhone, formatContacts(t, contacts), deps.channel),
            {
              parse_mode: "HTML",
              reply_markup: home,
            },
          );
          return;
        }
      }
    }

    // 3. Job
    const role = await s.choose<Role | "cancel">(t("ar-role"), s.roleChoices(REQUESTABLE_ROLES), [
      cancelChoice,
    ]);
    if (role === "cancel") return void (await cancelled());

    // 4. Unit, walking down the tree until a unit of the right level is chosen.
    const unit = await s.chooseUnit({
      rootId: null,
      targets: TARGET_LEVELS[role] ?? ["commune"],
      question: (current) =>
        role === "hamlet_head" && current?.level === "commune"
          ? t("ar-unit-hamlet", { commune: current.name })
          : role === "trainer"
            ? t("ar-unit-trainer")
            : t("ar-unit-commune"),
    });
    if (!unit) return void (await cancelled());

    // 5. Summary, then send.
    const chain = await conversation.external(() => describeUnit(deps.db, unit.id));
    const unitLabel = chain ? chain.names.slice(0, 2).join(", ") : unit.name;
    const decision = await s.choose<"send" | "restart" | "cancel">(
      t("ar-confirm", {
        name: fullName,
        phone: formatPhoneForDisplay(phone),
        role: t(`role-${role}`),
        unit: unitLabel,
      }),
      [],
      [
        { label: t("ar-button-send"), value: "send" },
        { label: t("ar-button-restart"), value: "restart" },
        cancelChoice,
      ],
    );
    if (decision === "cancel") return void (await cancelled());
    if (decision === "restart") await conversation.rewind(restart);

    const request = { fullName, phone, role, unitId: unit.id };
    // The request and its notices to the approvers are one step of the domain (one transaction).
    const result = await conversation.external(() =>
      submitAccessRequest(deps.db, deps.clock, deps.translator, { accountId: start.accountId, ...request }),
    );
    if (result.ok) await ctx.reply(t("ar-sent"), { reply_markup: home });
    else if (result.reason === "already_pending") {
      await ctx.reply(t("ar-already-pending", { unit: unitLabel }), {
        parse_mode: "HTML",
        reply_markup: home,
      });
    } else if (result.reason === "already_member")
      await ctx.reply(t("ar-already-member"), { reply_markup: home });
    else if (result.reason === "inactive") {
      const notice = await conversation.external((outer: BotContext) => accessOffNotice(outer, true));
      await ctx.reply(notice, { parse_mode: "HTML", reply_markup: home });
    } else await ctx.reply(t("ar-unit-gone"), { reply_markup: home });
  };
}
