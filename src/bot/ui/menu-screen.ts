import { findPendingAccessRequest } from "../../domain/access/submit-access-request.js";
import { type AccessContact, findAccessContacts } from "../../domain/people/find-access-contacts.js";
import { findOpenDrafts } from "../../domain/reports/report-store.js";
import { describeUnit } from "../../domain/units/describe-unit.js";
import type { TranslationArgs } from "../../i18n/translator.js";
import { type Html, html, trustedHtml } from "../../shared/html.js";
import { type BotContext, channelTraits } from "../context.js";
import { mainMenuKeyboard } from "./main-menu.js";
import { respond } from "./respond.js";

/** "Thôn 3, Xã Lâm Trung Thủy" — the unit and its parent, how people name where they work. */
export function unitLabel(names: string[]): string {
  return names.slice(0, 2).join(", ");
}

type Translate = (key: string, args?: TranslationArgs) => string;

/**
 * "Trần Thị Bình (Cán bộ xã) hoặc Hoàng Văn Em (Quản trị viên)": whom someone whose access was
 * turned off can turn to, by name, in bold.
 */
export function formatContacts(t: Translate, contacts: AccessContact[]): Html {
  if (contacts.length === 0) return trustedHtml(t("access-contact-none"));
  const names = contacts
    .slice(0, 3)
    .map((contact) =>
      t("access-contact", { name: html`<b>${contact.fullName}</b>`, role: t(`role-${contact.role}`) }),
    );
  return trustedHtml(names.join(t("access-contact-or")));
}

/**
 * "Your access was turned off; contact …" for a deactivated person: plain text for an alert,
 * or HTML for a message.
 */
export async function accessOffNotice(ctx: BotContext, asHtml = false): Promise<string> {
  const contacts = await findAccessContacts(ctx.deps.db, ctx.identity.accountId);
  if (asHtml) return ctx.t("access-off", { contacts: formatContacts(ctx.t, contacts) });
  const plain: Translate = (key, args) => ctx.deps.translator.plain(ctx.locale, key, args);
  const names = contacts
    .slice(0, 3)
    .map((contact) =>
      plain("access-contact", { name: contact.fullName, role: plain(`role-${contact.role}`) }),
    );
  const list = names.length > 0 ? names.join(plain("access-contact-or")) : plain("access-contact-none");
  return plain("access-off", { contacts: list });
}

/**
 * The greeting above the main menu, by where the person stands: who you are here; that your
 * access was turned off and whom to contact; to verify by phone first; or, for strangers, what
 * they can do and whether their access request is pending.
 */
export async function menuGreeting(ctx: BotContext): Promise<string> {
  const person = ctx.identity.person;
  if (person) {
    const [chain, drafts] = await Promise.all([
      describeUnit(ctx.deps.db, person.unitId),
      findOpenDrafts(ctx.deps.db, person.id),
    ]);
    const welcome = ctx.t("welcome-member", {
      name: person.fullName,
      role: ctx.t(`role-${person.role}`),
      unit: chain ? unitLabel(chain.names) : person.unitName,
    });
    // Someone coming back to an unfinished (or returned) report is told at once.
    const open = drafts.map((draft) =>
      ctx.t(draft.status === "returned" ? "rp-open-returned" : "rp-open-draft", {
        form: draft.title,
      }),
    );
    return [welcome, ...open].join("\n\n");
  }
  if (ctx.identity.standing === "inactive") {
    const contacts = await findAccessContacts(ctx.deps.db, ctx.identity.accountId);
    return ctx.t("welcome-inactive", { contacts: formatContacts(ctx.t, contacts) });
  }
  const pending = await findPendingAccessRequest(ctx.deps.db, ctx.identity.accountId);
  if (pending) return ctx.t("welcome-stranger-pending", { unit: pending.unitLabel });
  if (ctx.identity.standing === "stranger") return ctx.t("welcome-stranger");
  // Where no phone can be shared (Zalo), an activation code is the way in.
  return ctx.t(
    channelTraits(ctx.deps).sharesVerifiedPhone ? "welcome-unverified" : "welcome-unverified-code",
  );
}

/** The main menu screen: greeting, prompt and the buttons this person may use. */
export async function showMainMenu(ctx: BotContext, options: { fresh?: boolean } = {}): Promise<void> {
  const text = `${await menuGreeting(ctx)}\n\n${ctx.t("menu-prompt")}`;
  if (options.fresh) {
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: mainMenuKeyboard(ctx) });
  } else {
    await respond(ctx, text, mainMenuKeyboard(ctx));
  }
}

/** After a task was stopped (/cancel, or "hủy" typed): say so, and the way on is the menu. */
export async function confirmCancelled(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t("cancel-done"), { reply_markup: { remove_keyboard: true } });
  await showMainMenu(ctx, { fresh: true });
}
