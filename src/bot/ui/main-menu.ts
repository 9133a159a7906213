import { InlineKeyboard } from "grammy";
import { type Action, canPerform } from "../../domain/access/permissions.js";
import type { Standing } from "../../domain/people/resolve-identity.js";
import { foldText, matchTypedChoice } from "../../shared/fold.js";
import { type BotContext, channelTraits } from "../context.js";

/**
 * The main menu is a list of entries, each shown only to those allowed to use it. A feature
 * adds its entry here; its handler answers the callback data (and the typed label).
 */
export interface MenuEntry {
  /** Callback data, short and self-describing ("m:faq"). */
  data: string;
  labelKey: string;
  /** Required permission; `undefined` = everyone. */
  action?: Action;
  /** Shown only to people who stand so (see `Standing`); `undefined` = whoever may act. */
  shownTo?: readonly Standing[];
  /** Usable (from a button elsewhere, or typed) by more people than it is shown to. */
  usableBy?: readonly Standing[];
  /** The label on messengers that lack what `labelKey` names (no phone button on Zalo). */
  labelKeyWithoutPhone?: string;
}

/** The label of an entry on this bot's messenger. */
export function entryLabelKey(ctx: BotContext, entry: MenuEntry): string {
  if (entry.labelKeyWithoutPhone && !channelTraits(ctx.deps).sharesVerifiedPhone) {
    return entry.labelKeyWithoutPhone;
  }
  return entry.labelKey;
}

export const MENU_ENTRIES: MenuEntry[] = [
  { data: "m:rp", labelKey: "menu-reports", action: "report.submit" },
  { data: "m:myrp", labelKey: "menu-my-reports", action: "report.submit" },
  { data: "m:myc", labelKey: "menu-my-courses", action: "profile.view" },
  { data: "m:crs", labelKey: "menu-courses", action: "course.manage" },
  // Everyone not linked is first asked to verify: the phone is what tells an officer on the
  // roster from a stranger.
  // Without a phone button (Zalo) the same entry asks for an activation code.
  {
    data: "m:verify",
    labelKey: "onboard-button",
    shownTo: ["unverified"],
    labelKeyWithoutPhone: "act-menu-button",
  },
  { data: "m:faq", labelKey: "menu-faq", action: "faq.read" },
  { data: "m:rps", labelKey: "menu-report-status", action: "report.review" },
  { data: "m:sum", labelKey: "menu-summary-demand", action: "summary.receive" },
  // Offered to strangers (verified phone not on the roster); someone who declines to verify
  // reaches it from the "Bỏ qua" answer.
  {
    data: "m:req",
    labelKey: "menu-request-access",
    action: "access.request",
    shownTo: ["stranger"],
    usableBy: ["stranger", "unverified"],
  },
  { data: "m:tk", labelKey: "menu-tickets", action: "faq.answer" },
  { data: "m:acc", labelKey: "menu-access-requests", action: "access.decide" },
  { data: "m:units", labelKey: "menu-units", action: "units.overview" },
  { data: "m:sms", labelKey: "menu-summary-subscriptions", action: "summary.receive" },
  { data: "m:ppl", labelKey: "menu-people", action: "person.relink" },
  { data: "m:codes", labelKey: "menu-activation-codes", action: "activation.generate" },
  { data: "m:undo", labelKey: "menu-undo-imports", action: "roster.import" },
  { data: "m:inv", labelKey: "menu-invite", action: "invite.create" },
  { data: "m:ann", labelKey: "menu-announce", action: "broadcast.send" },
  { data: "m:rv", labelKey: "menu-review", action: "faq.verify" },
  { data: "m:cr", labelKey: "menu-content-review", action: "faq.review_content" },
  { data: "m:me", labelKey: "menu-profile", action: "profile.view" },
  { data: "m:lang", labelKey: "menu-language" },
  { data: "m:help", labelKey: "menu-help" },
];

/** The way home, as a menu entry: its button and its typed words ("menu", "menu chính"). */
export const HOME_ENTRY: MenuEntry = { data: "m:home", labelKey: "button-menu" };

function permitted(ctx: BotContext, entry: MenuEntry, standings: readonly Standing[] | undefined): boolean {
  if (standings && !standings.includes(ctx.identity.standing)) return false;
  return entry.action === undefined || canPerform(ctx.identity.person, entry.action);
}

export function visibleMenuEntries(ctx: BotContext): MenuEntry[] {
  return MENU_ENTRIES.filter((entry) => permitted(ctx, entry, entry.shownTo));
}

/** May this person open the entry (shown to them, or reachable from another screen)? */
export function mayOpenMenuEntry(ctx: BotContext, data: string): boolean {
  if (data === HOME_ENTRY.data) return true;
  const entry = MENU_ENTRIES.find((e) => e.data === data);
  return entry !== undefined && permitted(ctx, entry, entry.usableBy ?? entry.shownTo);
}

export function mainMenuKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const entry of visibleMenuEntries(ctx))
    keyboard.text(ctx.t(entryLabelKey(ctx, entry)), entry.data).row();
  return keyboard;
}

/** Words that open the main menu when typed: "menu", "menu chính", the home button's label. */
function isHomeWord(ctx: BotContext, text: string): boolean {
  const folded = foldText(text);
  return folded === "menu" || folded === foldText(ctx.t(HOME_ENTRY.labelKey));
}

/**
 * The menu entry whose label the person typed, if any (the label arrives as text where buttons
 * are text, or when people type it), including "menu" for the main menu itself.
 */
export function menuEntryForText(ctx: BotContext, text: string): MenuEntry | undefined {
  const trimmed = text.trim();
  // A bare number is ambiguous outside a list the person is looking at; only labels count here.
  if (/^\d+$/.test(trimmed) || trimmed.startsWith("/")) return undefined;
  if (isHomeWord(ctx, trimmed)) return HOME_ENTRY;
  const entries = MENU_ENTRIES.filter((entry) => mayOpenMenuEntry(ctx, entry.data));
  return matchTypedChoice(
    trimmed,
    entries.map((entry) => ({ label: ctx.t(entryLabelKey(ctx, entry)), value: entry })),
  );
}

/** A keyboard with just the way home. */
export function homeKeyboard(t: (key: string) => string): InlineKeyboard {
  return new InlineKeyboard().text(t("button-menu"), "m:home");
}
