import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import { describeInvite } from "../../domain/access/describe-invite.js";
import { checkInvite, createInvite, redeemInvite } from "../../domain/access/invites.js";
import { GRANTABLE_ROLES, ROLE_UNIT_LEVELS } from "../../domain/access/permissions.js";
import type { HeadChoice } from "../../domain/people/apply-head-choice.js";
import { findAccessContacts } from "../../domain/people/find-access-contacts.js";
import { type ActiveHead, findActiveHeads, HEAD_ROLE } from "../../domain/people/find-active-heads.js";
import { CHANNEL_TRAITS, type Role } from "../../domain/roles.js";
import { describeUnit } from "../../domain/units/describe-unit.js";
import { html } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { formatDate } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, normalizeName, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { formatContacts } from "../ui/menu-screen.js";
import { respond } from "../ui/respond.js";
import { askHeadChoice, headWarning } from "./access-decisions.js";

export const CREATE_INVITE_ID = "createInvite";
export const ACCEPT_INVITE_ID = "acceptInvite";

const USES = [1, 5, 20, 100];
const VALID_DAYS = [1, 7, 30];

/**
 * Invite links: admins, supervisors and commune officers make a link for a role and a unit in
 * their scope (single- or N-use, with an expiry); whoever opens it verifies their phone and is
 * bound to that role and unit. Tokens are random, stored hashed, and guessing is rate-limited.
 * A hamlet head's link for a hamlet that has a head asks its creator, not whoever opens it,
 * what becomes of the current head; that is carried out when the invite is accepted.
 */
export function invitesFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildCreateInvite(deps), { id: CREATE_INVITE_ID }));
  feature.use(createConversation(buildAcceptInvite(deps), { id: ACCEPT_INVITE_ID }));

  // "/start <token>" (t.me/<bot>?start=<token>); plain /start is handled earlier.
  feature.command("start", async (ctx, next) => {
    const token = ctx.match.trim();
    if (token === "") return next();
    const check = await checkInvite(ctx.deps.db, ctx.deps.clock, {
      token,
      accountId: ctx.identity.accountId,
    });
    if (!check.ok) {
      const key = check.reason === "rate_limited" ? "inv-rate-limited" : "inv-invalid";
      await ctx.reply(ctx.t(key), { reply_markup: homeKeyboard(ctx.t) });
      return;
    }
    if (ctx.identity.person) {
      await ctx.reply(ctx.t("inv-already-member"), { reply_markup: homeKeyboard(ctx.t) });
      return;
    }
    await ctx.conversation.enter(ACCEPT_INVITE_ID, check.inviteId);
  });
  return feature;
}

export async function enterCreateInvite(ctx: BotContext): Promise<void> {
  await ctx.conversation.enter(CREATE_INVITE_ID);
}

function buildCreateInvite(deps: BotDeps) {
  return async function createInviteTask(conversation: TaskConversation, ctx: Context) {
    const start = await captureStart(conversation);
    const actor = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "inv",
      busyKey: "inv-busy",
      locale: start.locale,
    });
    const { t } = s;
    const cancel = { label: t("button-cancel"), value: "cancel" as const };
    const cancelled = () => ctx.reply(t("inv-cancelled"), { reply_markup: homeKeyboard(t) });
    const grantable = actor ? GRANTABLE_ROLES[actor.role] : [];
    if (!actor || grantable.length === 0) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }

    const role = await s.choose<Role | "cancel">(t("inv-role"), s.roleChoices(grantable), [cancel]);
    if (role === "cancel") return void (await cancelled());
    const unit = await s.chooseUnit({
      rootId: actor.unitId,
      targets: [...ROLE_UNIT_LEVELS[role]],
      question: () => t("inv-unit", { role: t(`role-${role}`) }),
    });
    if (!unit) return void (await cancelled());
    const unitLabel = await conversation.external(async () => {
      const chain = await describeUnit(deps.db, unit.id);
      return chain?.names.slice(0, 2).join(", ") ?? unit.name;
    });
    // A hamlet that has a head: its creator decides now, since whoever opens the link cannot.
    const askHeads = (unitId: number, current: ActiveHead[]) =>
      askHeadChoice(s, conversation, deps, {
        actor,
        action: "invite.create",
        unitId,
        heads: current,
        intro: `${headWarning(t, { unitName: unitLabel, heads: current, newcomer: null })}\n${t("inv-head-when")}`,
      });
    let heads: HeadChoice | undefined;
    if (role === HEAD_ROLE) {
      const current = await conversation.external(() => findActiveHeads(deps.db, unit.id));
      if (current.length > 0) {
        const picked = await askHeads(unit.id, current);
        if (!picked) return void (await cancelled());
        heads = picked;
      }
    }
    const maxUses = await s.choose<number | "cancel">(
      t("inv-uses"),
      USES.map((n) => ({ label: t("inv-uses-option", { n }), value: n })),
      [cancel],
    );
    if (maxUses === "cancel") return void (await cancelled());
    const validDays = await s.choose<number | "cancel">(
      t("inv-days"),
      VALID_DAYS.map((n) => ({ label: t("inv-days-option", { n }), value: n })),
      [cancel],
    );
    if (validDays === "cancel") return void (await cancelled());

    const create = (choice: HeadChoice | undefined) =>
      conversation.external(async () => {
        const created = await createInvite(deps.db, deps.clock, actor.id, {
          role,
          unitId: unit.id,
          maxUses,
          validDays,
          ...(choice ? { heads: choice } : {}),
        });
        return created.ok ? { ...created, expiresAt: created.expiresAt.toISOString() } : created;
      });
    let result = await create(heads);
    // Someone became the hamlet's head meanwhile: ask again about them.
    while (!result.ok && result.reason === "unit_has_head") {
      const picked = await askHeads(result.unitId, result.heads);
      if (!picked) return void (await cancelled());
      heads = picked;
      result = await create(heads);
    }
    if (!result.ok) {
      await ctx.reply(t("inv-not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const decided = heads;
    const link = `https://t.me/${ctx.me.username}?start=${result.token}`;
    await ctx.reply(
      t("inv-created", {
        role: t(`role-${role}`),
        unit: unitLabel,
        uses: maxUses,
        until: formatDate(new Date(result.expiresAt), start.locale, deps.timeZone),
        link,
      }) + (decided ? `\n${t(`inv-head-${decided.kind}`)}` : ""),
      { parse_mode: "HTML", reply_markup: homeKeyboard(t), link_preview_options: { is_disabled: true } },
    );
  };
}

function buildAcceptInvite(deps: BotDeps) {
  return async function acceptInviteTask(conversation: TaskConversation, ctx: Context, inviteId: number) {
    const start = await captureStart(conversation);
    const invite = await conversation.external(() => describeInvite(deps.db, inviteId));
    const s = createSteps(conversation, ctx, deps, {
      prefix: "ia",
      busyKey: "ia-busy",
      locale: start.locale,
    });
    const { t } = s;
    if (!invite) {
      await ctx.reply(t("inv-invalid"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const fullName = await s.askText(
      t("ia-intro", { role: t(`role-${invite.role}`), unit: invite.unitLabel }),
      normalizeName,
      "ar-name-invalid",
    );
    // The phone must be verified (the contact button): it may match an existing roster entry.
    let phone = await s.askOwnPhone(t("ia-phone"), start.fromId);
    while (!phone.verified) phone = await s.askOwnPhone(t("ia-phone-verify"), start.fromId);
    const verifiedPhone = phone.phone;
    const result = await conversation.external(() =>
      redeemInvite(deps.db, deps.clock, deps.translator, {
        inviteId,
        accountId: start.accountId,
        fullName,
        phone: verifiedPhone,
      }),
    );
    const done = { parse_mode: "HTML", reply_markup: { remove_keyboard: true } } as const;
    const shown = formatPhoneForDisplay(verifiedPhone);
    if (result.ok) {
      await ctx.reply(t("ia-welcome", { role: t(`role-${invite.role}`), unit: invite.unitLabel }), done);
      await ctx.reply(t("ia-open-menu"), { reply_markup: homeKeyboard(t) });
    } else if (result.reason === "already_member") {
      await ctx.reply(t("inv-already-member"), done);
    } else if (result.reason === "linked_to_other_account" || result.reason === "inactive") {
      // Whom to ask instead: a link neither takes over an account nor turns access back on (the
      // invite's creator is told about the latter too).
      const contacts = await conversation.external(() =>
        findAccessContacts(deps.db, start.accountId, { phone: verifiedPhone }),
      );
      const key = result.reason === "inactive" ? "ia-refused-inactive" : "onboard-linked-elsewhere";
      await ctx.reply(
        t(key, {
          phone: shown,
          contacts: formatContacts(t, contacts),
          channel: CHANNEL_TRAITS[deps.channel].name,
        }),
        done,
      );
    } else if (result.reason === "roster_mismatch") {
      const { holder } = result;
      const holderUnit = await conversation.external(async () => {
        const chain = await describeUnit(deps.db, holder.unitId);
        return chain?.names.slice(0, 2).join(", ") ?? holder.unitName;
      });
      await ctx.reply(
        t("ia-refused-roster", {
          phone: shown,
          role: t(`role-${holder.role}`),
          unit: holderUnit,
          inviteRole: t(`role-${invite.role}`),
          inviteUnit: invite.unitLabel,
          inviter: html`<b>${result.inviter}</b>`,
        }),
        done,
      );
    } else {
      await ctx.reply(t("inv-invalid"), done);
    }
  };
}

/** "🔗 Tạo lời mời" from the menu. */
export async function openCreateInvite(ctx: BotContext): Promise<void> {
  if (!ctx.identity.person) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  await enterCreateInvite(ctx);
}
