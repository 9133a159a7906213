import { InlineKeyboard } from "grammy";
import { type Action, canPerform } from "../../domain/access/permissions.js";
import { matchTypedChoice } from "../../shared/fold.js";
import type { BotContext } from "../context.js";

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
  /** Shown only to people who are not registered. */
  strangersOnly?: boolean;
}

export const MENU_ENTRIES: MenuEntry[] = [
  { data: "m:rp", labelKey: "menu-reports", action: "report.submit" },
  { data: "m:myrp", labelKey: "menu-my-reports", action: "report.submit" },
  { data: "m:faq", labelKey: "menu-faq", action: "faq.read" },
  { data: "m:rps", labelKey: "menu-report-status", action: "report.review" },
  { data: "m:req", labelKey: "menu-request-access", action: "access.request", strangersOnly: true },
  { data: "m:tk", labelKey: "menu-tickets", action: "faq.answer" },
  { data: "m:acc", labelKey: "menu-access-requests", action: "access.decide" },
  { data: "m:units", labelKey: "menu-units", action: "units.overview" },
  { data: "m:ppl", labelKey: "menu-people", action: "person.relink" },
  { data: "m:undo", labelKey: "menu-undo-imports", action: "roster.import" },
  { data: "m:inv", labelKey: "menu-invite", action: "invite.create" },
  { data: "m:rv", labelKey: "menu-review", action: "faq.verify" },
  { data: "m:me", labelKey: "menu-profile", action: "profile.view" },
  { data: "m:lang", labelKey: "menu-language" },
  { data: "m:help", labelKey: "menu-help" },
];

export function visibleMenuEntries(ctx: BotContext): MenuEntry[] {
  const person = ctx.identity.person;
  return MENU_ENTRIES.filter((entry) => {
    if (entry.strangersOnly && person) return false;
    return entry.action === undefined || canPerform(person, entry.action);
  });
}

export function mainMenuKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const entry of visibleMenuEntries(ctx)) keyboard.text(ctx.t(entry.labelKey), entry.data).row();
  return keyboard;
}

/** The menu entry whose label (or number) the person typed, if any. */
export function menuEntryForText(ctx: BotContext, text: string): MenuEntry | undefined {
  const entries = visibleMenuEntries(ctx);
  const trimmed = text.trim();
  // A bare number is ambiguous outside a list the person is looking at; only labels count here.
  if (/^\d+$/.test(trimmed)) return undefined;
  return matchTypedChoice(
    trimmed,
    entries.map((entry) => ({ label: ctx.t(entry.labelKey), value: entry })),
  );
}

/** A keyboard with just the way home. */
export function homeKeyboard(t: (key: string) => string): InlineKeyboard {
  return new InlineKeyboard().text(t("button-menu"), "m:home");
}
