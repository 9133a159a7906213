import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { mayOpenMenuEntry, menuEntryForText } from "../ui/main-menu.js";
import { showMainMenu } from "../ui/menu-screen.js";
import { showPendingRequests } from "./access-decisions.js";
import { enterAccessRequest } from "./access-request.js";
import { showLanguageChoice, showProfile, showUnitsOverview } from "./account.js";
import { openIssueCodes } from "./activation-codes.js";
import { openSendAnnouncement } from "./announcements.js";
import { openContentReview } from "./content-review.js";
import { showMyCourses } from "./course-answers.js";
import { showManagedCourses } from "./course-screen.js";
import { showOpenTickets, showReviewList, showTopics } from "./faq.js";
import { openUndoBatches } from "./imports.js";
import { openCreateInvite } from "./invites.js";
import { showOnboardingPrompt } from "./onboarding.js";
import { openManagePeople } from "./people.js";
import { openReports, showMyReports, showReportForms } from "./reports.js";
import { showHelp, syncCommands } from "./start.js";
import { openSummaryDemand } from "./summary-demand.js";
import { showSummarySubscriptions } from "./summary-subscriptions.js";

/** What each main-menu entry opens, by its callback data. */
const OPEN: Record<string, (ctx: BotContext) => Promise<void>> = {
  "m:home": async (ctx) => {
    await showMainMenu(ctx);
    // Someone just approved or invited lands here first: give them their command list too.
    await syncCommands(ctx);
  },
  "m:acc": (ctx) => showPendingRequests(ctx, 0),
  "m:ppl": openManagePeople,
  "m:codes": openIssueCodes,
  "m:undo": openUndoBatches,
  "m:inv": openCreateInvite,
  "m:ann": openSendAnnouncement,
  "m:faq": showTopics,
  "m:tk": (ctx) => showOpenTickets(ctx, 0),
  "m:rp": openReports,
  "m:myrp": showMyReports,
  "m:myc": (ctx) => showMyCourses(ctx, 0),
  "m:crs": (ctx) => showManagedCourses(ctx, 0),
  "m:rps": showReportForms,
  "m:rv": (ctx) => showReviewList(ctx, 0),
  "m:cr": openContentReview,
  "m:req": enterAccessRequest,
  "m:verify": async (ctx) => {
    if (ctx.identity.standing === "unverified") await showOnboardingPrompt(ctx);
    else await showMainMenu(ctx);
  },
  "m:units": showUnitsOverview,
  "m:sum": openSummaryDemand,
  "m:sms": (ctx) => showSummarySubscriptions(ctx),
  "m:me": showProfile,
  "m:lang": showLanguageChoice,
  "m:help": showHelp,
};

/**
 * The main menu's buttons, and the same entries typed as words ("hỏi đáp chính sách", "menu"),
 * since on some messengers a button tap arrives as text. An entry the person may not use (an
 * old menu from before a role change) is refused.
 */
export function menuFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(/^m:[a-z]+$/, async (ctx) => {
    const data = ctx.callbackQuery.data;
    const open = OPEN[data];
    if (!open || !mayOpenMenuEntry(ctx, data)) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await open(ctx);
  });

  feature.on("message:text", async (ctx, next) => {
    const entry = menuEntryForText(ctx, ctx.message.text);
    const open = entry && OPEN[entry.data];
    if (!open) return next();
    await open(ctx);
  });

  return feature;
}
