import { type Conversation, createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard, Keyboard } from "grammy";
import { findPendingAccessRequest, submitAccessRequest } from "../../domain/access/submit-access-request.js";
import type { Role } from "../../domain/roles.js";
import { describeUnit } from "../../domain/units/describe-unit.js";
import { listChildUnits } from "../../domain/units/list-child-units.js";
import type { Locale, TranslationArgs } from "../../i18n/translator.js";
import { matchTypedChoice } from "../../shared/fold.js";
import { escapeHtml } from "../../shared/html.js";
import { formatPhoneForDisplay, normalizePhone } from "../../shared/phone.js";
import type { BotContext, BotDeps } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";

export const ACCESS_REQUEST_ID = "accessRequest";

/** A draft left untouched this long is dropped (and the person told) on their next message. */
const DRAFT_LIFETIME_MS = 60 * 60_000;
const UNITS_PER_PAGE = 8;
const REQUESTABLE_ROLES: Role[] = ["hamlet_head", "commune_officer", "trainer"];
const LEVEL_RANK: Record<string, number> = { province: 0, district: 1, commune: 2, hamlet: 3 };
const TARGET_LEVELS: Record<string, string[]> = {
  hamlet_head: ["hamlet"],
  commune_officer: ["commune"],
  trainer: ["province", "commune"],
};

type AccessConversation = Conversation<BotContext, Context>;
interface Choice<T> {
  label: string;
  value: T;
}
interface UnitNode {
  id: number;
  name: string;
  level: string;
}

/**
 * "Xin quyền truy cập": a stranger gives name, phone (one tap), job and unit (buttons down the
 * unit tree), checks a summary and sends the request to the officers who approve access.
 * State is stored after every step, so a restart or another instance carries on.
 */
export function accessRequestFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildAccessRequest(deps), { id: ACCESS_REQUEST_ID }));
  return feature;
}

export async function enterAccessRequest(ctx: BotContext): Promise<void> {
  await ctx.conversation.enter(ACCESS_REQUEST_ID);
}

function buildAccessRequest(deps: BotDeps) {
  return async function accessRequest(conversation: AccessConversation, ctx: Context) {
    const start = await conversation.external(async (outer) => {
      const pending = outer.identity.person
        ? null
        : await findPendingAccessRequest(deps.db, outer.identity.accountId);
      return {
        locale: outer.locale,
        accountId: outer.identity.accountId,
        isMember: outer.identity.person !== null,
        pendingUnit: pending?.unitLabel ?? null,
      };
    });
    const t = (key: string, args?: TranslationArgs) => deps.translator.t(start.locale as Locale, key, args);

    if (start.isMember) {
      await ctx.reply(t("ar-already-member"));
      return;
    }
    if (start.pendingUnit) {
      await ctx.reply(t("ar-already-pending", { unit: escapeHtml(start.pendingUnit) }), {
        reply_markup: homeKeyboard(t),
      });
      return;
    }

    // Every prompt with buttons gets a number; buttons of earlier prompts are then stale.
    let prompt = 0;

    /** The next update, unless the draft sat untouched too long. */
    const nextUpdate = async (): Promise<Context> => {
      const before = await conversation.now();
      const next = await conversation.wait();
      const after = await conversation.now();
      if (after - before > DRAFT_LIFETIME_MS) {
        await next.reply(t("ar-expired"), {
          parse_mode: "HTML",
          reply_markup: { remove_keyboard: true },
        });
        // Let the message be handled as if no request had been in progress.
        await conversation.halt({ next: true });
      }
      return next;
    };

    /** Tells a person who does something else mid-request what is expected. */
    const redirect = async (next: Context, hintKey: string) => {
      if (next.callbackQuery) {
        const isOurs = next.callbackQuery.data?.startsWith("ar:") ?? false;
        await next.answerCallbackQuery({
          text: t(isOurs ? "stale-button-alert" : "ar-busy"),
          show_alert: !isOurs,
        });
        return;
      }
      const text = next.message?.text;
      await next.reply(t(text?.startsWith("/") ? "ar-busy" : hintKey));
    };

    const choose = async <T>(text: string, options: Choice<T>[], nav: Choice<T>[]): Promise<T> => {
      prompt += 1;
      const id = prompt;
      const keyboard = new InlineKeyboard();
      options.forEach((option, i) => {
        keyboard.text(`${i + 1}. ${option.label}`, `ar:${id}:${i}`).row();
      });
      nav.forEach((option, i) => {
        keyboard.text(option.label, `ar:${id}:n${i}`);
      });
      await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
      for (;;) {
        const next = await nextUpdate();
        const data = next.callbackQuery?.data;
        const match = data ? /^ar:(\d+):(n?)(\d+)$/.exec(data) : null;
        if (match && Number(match[1]) === id) {
          const chosen = match[2] ? nav[Number(match[3])] : options[Number(match[3])];
          if (chosen) {
            await next.answerCallbackQuery();
            return chosen.value;
          }
        }
        const typed = next.message?.text;
        if (typed && !typed.startsWith("/")) {
          const value =
            matchTypedChoice(typed, options) ??
            (/^\d+$/.test(typed.trim()) ? undefined : matchTypedChoice(typed, nav));
          if (value !== undefined) return value;
        }
        await redirect(next, "ar-use-buttons");
      }
    };

    const cancelChoice = { label: t("button-cancel"), value: "cancel" as const };
    const cancelled = async () => {
      await ctx.reply(t("ar-cancelled"), { reply_markup: { remove_keyboard: true } });
    };

    const restart = conversation.checkpoint();

    // 1. Name
    await ctx.reply(t("ar-intro"), { parse_mode: "HTML", reply_markup: { remove_keyboard: true } });
    let fullName: string | undefined;
    while (!fullName) {
      const next = await nextUpdate();
      const text = next.message?.text;
      if (text === undefined || text.startsWith("/")) {
        await redirect(next, "ar-text-expected");
        continue;
      }
      fullName = normalizeName(text);
      if (!fullName) await next.reply(t("ar-name-invalid"));
    }

    // 2. Phone: one tap on the contact button, or typed.
    await ctx.reply(t("ar-phone"), {
      parse_mode: "HTML",
      reply_markup: new Keyboard().requestContact(t("ar-phone-button")).resized().oneTime(),
    });
    let phone: string | undefined;
    while (!phone) {
      const next = await nextUpdate();
      const contact = next.message?.contact;
      const text = next.message?.text;
      if (contact) {
        if (contact.user_id !== next.from?.id) {
          await next.reply(t("ar-phone-not-own"));
          continue;
        }
        phone = normalizePhone(contact.phone_number) ?? undefined;
      } else if (text !== undefined && !text.startsWith("/")) {
        phone = normalizePhone(text) ?? undefined;
      } else {
        await redirect(next, "ar-phone-invalid");
        continue;
      }
      if (!phone) await next.reply(t("ar-phone-invalid"));
    }
    await ctx.reply(t("ar-phone-received", { phone: formatPhoneForDisplay(phone) }), {
      reply_markup: { remove_keyboard: true },
    });

    // 3. Job
    const role = await choose<Role | "cancel">(
      t("ar-role"),
      REQUESTABLE_ROLES.map((r) => ({ label: t(`role-${r}`), value: r })),
      [cancelChoice],
    );
    if (role === "cancel") return cancelled();

    // 4. Unit, walking down the tree until a unit of the right level is chosen.
    const targets = TARGET_LEVELS[role] ?? ["commune"];
    const deepest = Math.max(...targets.map((level) => LEVEL_RANK[level] ?? 0));
    // Units the person stepped into; `root` is a single top unit skipped automatically.
    const trail: UnitNode[] = [];
    let root: UnitNode | null = null;
    let page = 0;
    let unit: UnitNode | undefined;
    while (!unit) {
      const current: UnitNode | null = trail.at(-1) ?? root;
      const parentId = current?.id ?? null;
      const children: UnitNode[] = await conversation.external(() =>
        listChildUnits(deps.db, parentId).then((rows) =>
          rows
            .filter((row) => (LEVEL_RANK[row.level] ?? 9) <= deepest)
            .map(({ id, name, level }) => ({ id, name, level })),
        ),
      );
      const only = children[0];
      if (current === null && children.length === 1 && only && !targets.includes(only.level)) {
        // A single province: nothing to choose at the top.
        root = only;
        continue;
      }
      type Step = { pick: UnitNode } | { enter: UnitNode } | "prev" | "next" | "back" | "cancel";
      const options: Choice<Step>[] = [];
      if (current && targets.includes(current.level)) {
        options.push({ label: current.name, value: { pick: current } });
      }
      for (const child of children) {
        options.push({
          label: child.name,
          value: targets.includes(child.level) ? { pick: child } : { enter: child },
        });
      }
      if (options.length === 0) {
        await ctx.reply(t("ar-unit-empty"));
        if (trail.length === 0) return cancelled();
        trail.pop();
        page = 0;
        continue;
      }
      const pages = Math.ceil(options.length / UNITS_PER_PAGE);
      page = Math.min(page, pages - 1);
      const shown = options.slice(page * UNITS_PER_PAGE, (page + 1) * UNITS_PER_PAGE);
      const nav: Choice<Step>[] = [];
      if (page > 0) nav.push({ label: t("button-prev"), value: "prev" });
      if (page < pages - 1) nav.push({ label: t("button-next"), value: "next" });
      if (trail.length > 0) nav.push({ label: t("button-back"), value: "back" });
      nav.push({ label: t("button-cancel"), value: "cancel" });
      const question =
        role === "hamlet_head" && current?.level === "commune"
          ? t("ar-unit-hamlet", { commune: escapeHtml(current.name) })
          : role === "trainer"
            ? t("ar-unit-trainer")
            : t("ar-unit-commune");
      const step = await choose<Step>(question, shown, nav);
      if (step === "cancel") return cancelled();
      if (step === "prev") page -= 1;
      else if (step === "next") page += 1;
      else if (step === "back") {
        trail.pop();
        page = 0;
      } else if ("pick" in step) unit = step.pick;
      else {
        trail.push(step.enter);
        page = 0;
      }
    }

    // 5. Summary, then send.
    const chosenUnit = unit;
    const chain = await conversation.external(() => describeUnit(deps.db, chosenUnit.id));
    const decision = await choose<"send" | "restart" | "cancel">(
      t("ar-confirm", {
        name: escapeHtml(fullName),
        phone: formatPhoneForDisplay(phone),
        role: t(`role-${role}`),
        unit: escapeHtml(chain ? chain.names.slice(0, 2).join(", ") : unit.name),
      }),
      [],
      [
        { label: t("ar-button-send"), value: "send" },
        { label: t("ar-button-restart"), value: "restart" },
        cancelChoice,
      ],
    );
    if (decision === "cancel") return cancelled();
    if (decision === "restart") await conversation.rewind(restart);

    const request = { fullName, phone, role, unitId: unit.id };
    const result = await conversation.external(() =>
      submitAccessRequest(deps.db, { accountId: start.accountId, ...request }),
    );
    const home = homeKeyboard(t);
    if (result.ok) await ctx.reply(t("ar-sent"), { reply_markup: home });
    else if (result.reason === "already_pending") {
      await ctx.reply(t("ar-already-pending", { unit: unit.name }), { reply_markup: home });
    } else await ctx.reply(t("ar-unit-gone"), { reply_markup: home });
  };
}

/** Collapses spaces; accepts letters (any script), spaces, dots, apostrophes and hyphens. */
export function normalizeName(text: string): string | undefined {
  const name = text.normalize("NFC").replace(/\s+/g, " ").trim();
  if (name.length < 2 || name.length > 80) return undefined;
  return /^\p{L}[\p{L}\p{M} .'-]*$/u.test(name) ? name : undefined;
}
