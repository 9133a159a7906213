import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import { generateActivationCodes } from "../../domain/access/generate-activation-codes.js";
import {
  canPerform,
  GRANTABLE_ROLES,
  ROLE_UNIT_LEVELS,
  roleFitsLevel,
} from "../../domain/access/permissions.js";
import type { HeadChoice } from "../../domain/people/apply-head-choice.js";
import { loadPersonCard } from "../../domain/people/load-person-card.js";
import {
  changePhone,
  changeRole,
  type ManageResult,
  moveToUnit,
  setPersonStatus,
  unlinkAccount,
} from "../../domain/people/manage-person.js";
import { searchPeople } from "../../domain/people/search-people.js";
import { CHANNEL_TRAITS, CHANNELS, isChannel } from "../../domain/roles.js";
import { describeUnit } from "../../domain/units/describe-unit.js";
import { trustedHtml } from "../../shared/html.js";
import { formatPhoneForDisplay, normalizePhone } from "../../shared/phone.js";
import { formatDate } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";
import { askHeadChoice, headWarning } from "./access-decisions.js";

export const MANAGE_PEOPLE_ID = "managePeople";

type Action = "code" | "unlink" | "phone" | "role" | "unit" | "deactivate" | "reactivate" | "search" | "done";

/**
 * "👥 Quản lý cán bộ": find a person in one's scope by name or phone, then — as permitted —
 * unlink their messenger account (new phone / new Telegram account; they re-link by sharing
 * their phone), correct their phone, change role or unit, deactivate or reactivate them.
 * Every change is checked by the authorization module and audited by the services. A new role
 * that belongs at another level of unit (a hamlet head promoted to commune officer) asks for
 * the unit in the same flow; making someone the head of a hamlet that has one asks what
 * becomes of the current head.
 */
export function peopleFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildManagePeople(deps), { id: MANAGE_PEOPLE_ID }));
  // A person's record opened from elsewhere (an approval the roster refused): the deliberate
  // way to reactivate someone or change their role or unit.
  feature.callbackQuery(/^pp:(\d{1,9})$/, async (ctx) => {
    if (!canPerform(ctx.identity.person, "person.relink")) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(MANAGE_PEOPLE_ID, Number(ctx.match[1]));
  });
  return feature;
}

/** Callback data of a button that opens a person's record in people management. */
export function personShortcut(personId: number): string {
  return `pp:${personId}`;
}

export async function openManagePeople(ctx: BotContext): Promise<void> {
  if (!canPerform(ctx.identity.person, "person.relink")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  await ctx.conversation.enter(MANAGE_PEOPLE_ID);
}

function buildManagePeople(deps: BotDeps) {
  return async function managePeople(conversation: TaskConversation, ctx: Context, openPersonId?: number) {
    const start = await captureStart(conversation);
    const actor = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "pm",
      busyKey: "pm-busy",
      locale: start.locale,
    });
    const { t } = s;
    if (!actor || !canPerform(actor, "person.relink")) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const cancel = { label: t("button-cancel"), value: "cancel" as const };
    /** The outcome of a change; `null` = the person cancelled it half-way. */
    const say = (result: ManageResult | null, okKey: string, args?: Record<string, string>) => {
      const text = result === null ? "pm-change-cancelled" : result.ok ? okKey : `pm-failed-${result.reason}`;
      return ctx.reply(t(text, args), { parse_mode: "HTML" });
    };
    /** Runs a change; when it would give a hamlet a second head, asks about the current one. */
    const withHeads = async (
      who: string,
      change: (heads: HeadChoice | undefined) => Promise<ManageResult>,
    ): Promise<ManageResult | null> => {
      let heads: HeadChoice | undefined;
      for (;;) {
        const chosen = heads;
        const result = await conversation.external(() => change(chosen));
        if (result.ok || result.reason !== "unit_has_head") return result;
        const unitName = await conversation.external(async () => {
          const chain = await describeUnit(deps.db, result.unitId);
          return chain?.names.slice(0, 2).join(", ") ?? "";
        });
        const picked = await askHeadChoice(s, conversation, deps, {
          actor,
          action: "person.manage",
          unitId: result.unitId,
          heads: result.heads,
          intro: headWarning(t, { unitName, heads: result.heads, newcomer: who }),
        });
        if (!picked) return null;
        heads = picked;
      }
    };

    let question = t("pm-ask");
    // Opened at a person's record (a shortcut from another screen), else by searching.
    let opening = openPersonId;
    for (;;) {
      let picked: number | "search" | "cancel";
      if (opening !== undefined) {
        picked = opening;
        opening = undefined;
      } else {
        // 1. Find the person (in the manager's scope as it is now).
        const query = await s.askText(
          question,
          (text) => (text.trim().length >= 2 && text.trim().length <= 100 ? text.trim() : undefined),
          "pm-too-short",
        );
        const found = await conversation.external(() => searchPeople(deps.db, actor.id, query));
        if (found === null) {
          await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
          return;
        }
        if (found.length === 0) {
          question = t("pm-none", { query });
          continue;
        }
        question = t("pm-ask");
        picked = await s.choose<number | "search" | "cancel">(
          t("pm-results", { count: found.length }),
          found.map((p) => ({
            label: `${p.fullName} · ${t(`role-${p.role}`)} · ${p.unitName}${p.status === "active" ? "" : ` (${t("pm-inactive")})`}`,
            value: p.id,
          })),
          [{ label: t("pm-search-again"), value: "search" }, cancel],
        );
      }
      if (picked === "cancel") break;
      if (picked === "search") continue;
      const personId = picked;

      // 2. Act on them until done.
      let next: Action = "search";
      do {
        const loaded = await conversation.external(() => loadPersonCard(deps.db, actor.id, personId));
        if (!loaded.ok) {
          await ctx.reply(t(`pm-failed-${loaded.reason}`), {
            reply_markup: homeKeyboard(t),
          });
          return;
        }
        const card = loaded.card;
        const manage = canPerform(actor, "person.manage");
        const actions: { label: string; value: Action }[] = [];
        // For messengers without a phone button (Zalo), read out over the phone.
        if (card.status === "active" && canPerform(actor, "activation.generate")) {
          actions.push({ label: t("pm-action-code"), value: "code" });
        }
        const linkedOn = card.accounts.map((a) =>
          isChannel(a.channel) ? CHANNEL_TRAITS[a.channel].name : a.channel,
        );
        if (card.linked) {
          actions.push({ label: t("pm-action-unlink", { channels: linkedOn.join(", ") }), value: "unlink" });
        }
        actions.push({ label: t("pm-action-phone"), value: "phone" });
        if (manage) {
          actions.push(
            { label: t("pm-action-role"), value: "role" },
            { label: t("pm-action-unit"), value: "unit" },
          );
          actions.push(
            card.status === "active"
              ? { label: t("pm-action-deactivate"), value: "deactivate" }
              : { label: t("pm-action-reactivate"), value: "reactivate" },
          );
        }
        next = await s.choose<Action>(
          t("pm-card", {
            name: card.fullName,
            role: t(`role-${card.role}`),
            unit: card.unitLabel,
            phone: card.phone ? formatPhoneForDisplay(card.phone) : t("profile-no-phone"),
            status: t(card.status === "active" ? "pm-status-active" : "pm-status-inactive"),
            accounts: trustedHtml(
              CHANNELS.map((channel) => {
                const account = card.accounts.find((a) => a.channel === channel);
                const state = account
                  ? account.blocked
                    ? "pm-telegram-blocked"
                    : "pm-telegram-linked"
                  : "pm-telegram-none";
                return t("pm-account-line", { channel: CHANNEL_TRAITS[channel].name, state: t(state) });
              }).join("\n"),
            ),
          }),
          actions,
          [
            { label: t("pm-search-again"), value: "search" },
            { label: t("pm-done"), value: "done" },
          ],
        );
        const person = card;
        if (next === "code") {
          const issued = await conversation.external(async () => {
            const result = await generateActivationCodes(deps.db, deps.clock, actor.id, {
              personIds: [person.id],
            });
            if (!result.ok) return result;
            const [one] = result.codes;
            return one ? { ok: true as const, code: one.code, expiresAt: one.expiresAt.toISOString() } : null;
          });
          if (issued === null) continue;
          if (!issued.ok) await ctx.reply(t(`pm-failed-${issued.reason}`), { parse_mode: "HTML" });
          else {
            await ctx.reply(
              t("pm-code-issued", {
                name: person.fullName,
                code: issued.code,
                until: formatDate(new Date(issued.expiresAt), start.locale, deps.timeZone),
              }),
              { parse_mode: "HTML" },
            );
          }
        } else if (next === "unlink") {
          const ok = await s.choose(
            t("pm-confirm-unlink", { name: person.fullName, channels: linkedOn.join(", ") }),
            [],
            [
              { label: t("pm-yes"), value: true },
              { label: t("button-cancel"), value: false },
            ],
          );
          if (ok)
            await say(
              await conversation.external(() => unlinkAccount(deps.db, deps.clock, actor.id, person.id)),
              "pm-unlinked",
            );
        } else if (next === "phone") {
          const phone = await s.askText(
            t("pm-ask-phone"),
            (text) => normalizePhone(text) ?? undefined,
            "phone-invalid",
          );
          await say(
            await conversation.external(() => changePhone(deps.db, deps.clock, actor.id, person.id, phone)),
            "pm-phone-changed",
          );
        } else if (next === "role") {
          // Any role the actor may grant; one that belongs at another level comes with its unit.
          const roles = GRANTABLE_ROLES[actor.role].filter((r) => r !== person.role);
          if (roles.length === 0) {
            await ctx.reply(t("pm-no-roles"));
            continue;
          }
          const role = await s.choose(t("pm-choose-role"), s.roleChoices(roles), [cancel]);
          if (role === "cancel") continue;
          const needsUnit = !roleFitsLevel(role, person.unitLevel);
          const unit = !needsUnit
            ? null
            : await s.chooseUnit({
                rootId: actor.unitId,
                targets: [...ROLE_UNIT_LEVELS[role]],
                question: () =>
                  t("pm-choose-unit-for-role", {
                    name: person.fullName,
                    role: t(`role-${role}`),
                  }),
              });
          if (needsUnit && !unit) {
            await say(null, "");
            continue;
          }
          const result = await withHeads(person.fullName, (heads) =>
            changeRole(deps.db, deps.clock, actor.id, person.id, role, {
              ...(unit ? { unitId: unit.id } : {}),
              ...(heads ? { heads } : {}),
            }),
          );
          await say(result, unit ? "pm-role-unit-changed" : "pm-role-changed", {
            role: t(`role-${role}`),
            unit: unit?.name ?? "",
          });
        } else if (next === "unit") {
          const unit = await s.chooseUnit({
            rootId: actor.unitId,
            targets: [...ROLE_UNIT_LEVELS[card.role]],
            question: () => t("pm-choose-unit"),
          });
          if (unit) {
            await say(
              await withHeads(person.fullName, (heads) =>
                moveToUnit(deps.db, deps.clock, actor.id, person.id, unit.id, heads ? { heads } : {}),
              ),
              "pm-unit-changed",
            );
          }
        } else if (next === "deactivate" || next === "reactivate") {
          const status = next === "deactivate" ? "inactive" : "active";
          const ok = await s.choose(
            t(`pm-confirm-${next}`, { name: person.fullName }),
            [],
            [
              { label: t("pm-yes"), value: true },
              { label: t("button-cancel"), value: false },
            ],
          );
          if (ok) {
            const result = await conversation.external(() =>
              setPersonStatus(deps.db, deps.clock, actor.id, person.id, status),
            );
            await say(result, next === "deactivate" ? "pm-deactivated" : "pm-reactivated");
          }
        }
      } while (next !== "search" && next !== "done");
      if (next === "done") break;
    }
    await ctx.reply(t("pm-finished"), { reply_markup: homeKeyboard(t) });
  };
}
