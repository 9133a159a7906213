import { findPendingAccessRequest } from "../../domain/access/submit-access-request.js";
import { findOpenDrafts } from "../../domain/reports/report-store.js";
import { describeUnit } from "../../domain/units/describe-unit.js";
import { escapeHtml } from "../../shared/html.js";
import type { BotContext } from "../context.js";
import { mainMenuKeyboard } from "./main-menu.js";
import { respond } from "./respond.js";

/** "Thôn 3, Xã Lâm Trung Thủy" — the unit and its parent, how people name where they work. */
export function unitLabel(names: string[]): string {
  return names.slice(0, 2).join(", ");
}

/** The greeting above the main menu: who you are here, or what a stranger can do. */
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
        form: escapeHtml(draft.title),
      }),
    );
    return [welcome, ...open].join("\n\n");
  }
  const pending = await findPendingAccessRequest(ctx.deps.db, ctx.identity.accountId);
  return pending
    ? ctx.t("welcome-stranger-pending", { unit: escapeHtml(pending.unitLabel) })
    : ctx.t("welcome-stranger");
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
