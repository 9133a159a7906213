import { autoRetry } from "@grammyjs/auto-retry";
import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Api, Bot, Composer, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { markAccountReachability } from "../domain/people/mark-account-reachability.js";
import type { BotContext, BotDeps } from "./context.js";
import { stampTask, taskStopped, taskStorage } from "./conversations/task-stamp.js";
import { conversationKey } from "./conversations/tasks.js";
import { accessDecisionConversations, accessDecisionsFeature } from "./features/access-decisions.js";
import { accessRequestFeature } from "./features/access-request.js";
import { accountFeature } from "./features/account.js";
import { activationFeature } from "./features/activation.js";
import { activationCodesFeature } from "./features/activation-codes.js";
import { announcementsFeature } from "./features/announcements.js";
import { attendanceFeature } from "./features/attendance.js";
import { contentReviewFeature } from "./features/content-review.js";
import { courseAnswerConversations, courseAnswersFeature } from "./features/course-answers.js";
import { courseQuizFeature } from "./features/course-quiz.js";
import { courseScreenFeature } from "./features/course-screen.js";
import { coursesFeature } from "./features/courses.js";
import { faqConversations, faqFeature } from "./features/faq.js";
import { importConversations, importsFeature } from "./features/imports.js";
import { invitesFeature } from "./features/invites.js";
import { menuFeature } from "./features/menu.js";
import { firstContactPrompt, onboardingFeature } from "./features/onboarding.js";
import { peopleFeature } from "./features/people.js";
import { reportFormConversations } from "./features/report-form.js";
import { reportConversations, reportsFeature } from "./features/reports.js";
import { startFeature } from "./features/start.js";
import { summaryDemandFeature } from "./features/summary-demand.js";
import {
  summarySubscriptionConversations,
  summarySubscriptionsFeature,
} from "./features/summary-subscriptions.js";
import { unhandledFeature } from "./features/unhandled.js";
import { createFloodWait } from "./flood-wait.js";
import { acceptLateCallbackAnswers } from "./late-callback-answers.js";
import { attachIdentity } from "./middlewares/attach-identity.js";
import { cleanIncomingText } from "./middlewares/clean-incoming-text.js";
import { guardConversations } from "./middlewares/conversation-guard.js";
import { errorBoundary } from "./middlewares/error-boundary.js";
import { leaveTaskForOtherFeature, taskOutdated } from "./middlewares/leave-task.js";
import { skipProcessedUpdates } from "./middlewares/skip-processed-updates.js";

export interface CreateBotOptions {
  /** Skips `getMe` (tests). */
  botInfo?: UserFromGetMe;
  /** Any Bot API server: the simulator, a self-hosted one; Telegram when absent. */
  apiRoot?: string;
  /** Replaces `fetch` for every Bot API call (tests capture calls this way). */
  fetch?: typeof fetch;
  /** A conversation step taking longer than this is treated as hung (see conversation-guard). */
  conversationStepTimeoutMs?: number;
  /** The longest one reply waits out flood limits in all (see flood-wait.ts). */
  maxFloodWaitSeconds?: number;
  /**
   * How long an admin's chat waits for a roster import to be written before the outcome is sent
   * as a message instead (default: two thirds of the step timeout).
   */
  importOutcomeWaitMs?: number;
}

/**
 * A Bot API client without auto-retry, for the outbox worker: it handles 429 and failures
 * itself (persistently), instead of sleeping inside one request.
 */
export function createOutboxApi(
  token: string,
  options: Pick<CreateBotOptions, "apiRoot" | "fetch"> = {},
): Api {
  return new Api(token, {
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/**
 * Calls that report their own failures instead of being retried quietly: polling (the poller
 * says what is wrong and backs off, src/bot/polling.ts) and start-up (which must say within
 * seconds that the Bot API cannot be reached, not hang in a retry loop).
 */
const SELF_RETRYING_METHODS = new Set(["getUpdates", "getMe", "deleteWebhook"]);

/** Updates the bot asks for; the rest are not delivered at all. */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/**
 * Version of the stored conversation state. Raise it when a change to the conversations (or
 * their shared steps) would make one begun before the change replay differently: such state is
 * then dropped, and its person told (see `taskOutdated`), instead of replaying wrongly.
 * 2: answered questions are edited, pickers turn pages in place.
 * 3: tasks capture their person's id and act through it; state carries the task's stamp.
 * 4: loops keep where they stand in the task's memo and rewind (conversations/screen-loop.ts).
 */
export const CONVERSATION_STATE_VERSION = 4;

/**
 * Builds the bot from explicit dependencies; connects to nothing until it is started or
 * handed an update. The middleware order is the bot's contract:
 * per-chat ordering → error boundary → once-only handling → text cleaning → blocked/unblocked →
 * identity → conversations (a task its person's rights or age have outlived is ended here) →
 * first-contact prompt → global commands → leaving a task for another feature → tasks →
 * features → catch-all.
 */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  // Replies — inside conversations too — wait out 429s for as long as it takes (within a cap),
  // and a press handled late is not failed by its expired acknowledgement; bulk sending goes
  // through the outbox instead.
  const floodWait = createFloodWait(
    acceptLateCallbackAnswers(options.fetch ?? globalThis.fetch, deps.logger),
    {
      logger: deps.logger,
      ...(options.maxFloodWaitSeconds === undefined ? {} : { maxWaitSeconds: options.maxFloodWaitSeconds }),
    },
  );
  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: {
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      fetch: floodWait.fetch,
    },
  });
  // Outside conversations, server errors and network failures are retried too. 429s have been
  // waited out in fetch already: one that still arrives here is given up for good (no delay).
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 0 });
  const retryReplies: Transformer = (prev, method, payload, signal) =>
    SELF_RETRYING_METHODS.has(method) ? prev(method, payload, signal) : retry(prev, method, payload, signal);
  bot.api.config.use(retryReplies);
  bot.catch((error) => {
    deps.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "unhandled bot error");
  });

  const stepTimeoutMs = options.conversationStepTimeoutMs ?? 30_000;
  // One chat's updates are handled one after another, different chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(errorBoundary(deps.logger, deps.translator));
  // Before anything that changes state: every kind of update is handled once and marked.
  bot.use(skipProcessedUpdates(deps.db, deps.clock, deps.logger, deps.channel));
  bot.use(cleanIncomingText());
  bot.on("my_chat_member", async (ctx) => {
    if (ctx.chat.type !== "private") return;
    const status = ctx.myChatMember.new_chat_member.status;
    await markAccountReachability(
      deps.db,
      deps.clock,
      { channel: deps.channel, externalId: String(ctx.myChatMember.from.id) },
      status === "kicked",
    );
  });
  bot.use(attachIdentity(deps));
  bot.use(
    conversations<BotContext, BotContext>({
      storage: {
        type: "context",
        version: CONVERSATION_STATE_VERSION,
        // A task whose person's rights changed since it began, or that is a day old, is read as
        // no task (and `taskStopped` below says so): the conversation never replays it.
        adapter: taskStorage(deps, CONVERSATION_STATE_VERSION),
      },
      onEnter(_id, ctx) {
        ctx.taskStamp = stampTask(ctx.identity, deps.clock);
        ctx.taskMemo = {};
      },
    }),
  );
  bot.use(taskOutdated(deps));
  bot.use(taskStopped(deps));
  bot.use(firstContactPrompt());
  bot.use(startFeature());
  bot.use(leaveTaskForOtherFeature());
  bot.use(
    guardConversations(
      new Composer<BotContext>(
        accessRequestFeature(deps),
        invitesFeature(deps),
        activationFeature(deps),
        activationCodesFeature(deps),
        peopleFeature(deps),
        accessDecisionConversations(deps),
        importConversations(deps, {
          ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          outcomeWaitMs: options.importOutcomeWaitMs ?? Math.floor((stepTimeoutMs * 2) / 3),
        }),
        faqConversations(deps),
        reportFormConversations(deps),
        reportConversations(deps),
        courseAnswerConversations(deps),
        coursesFeature(deps),
        announcementsFeature(deps),
        summarySubscriptionConversations(deps),
      ),
      {
        timeoutMs: stepTimeoutMs,
        // A reply waiting out a flood limit is slow, not hung.
        isWaiting: (ctx) => (ctx.chat ? floodWait.isWaiting(ctx.chat.id) : false),
        async onHang(ctx) {
          deps.logger.error({ updateId: ctx.update.update_id }, "conversation step hung; state cleared");
          if (ctx.chat) await deps.conversationStorage.delete(conversationKey(deps.channel, ctx.chat.id));
          if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
          await ctx.reply(ctx.t("error-interrupted"), { reply_markup: { remove_keyboard: true } });
        },
      },
    ),
  );
  bot.use(menuFeature());
  bot.use(onboardingFeature());
  bot.use(accessDecisionsFeature());
  bot.use(importsFeature());
  bot.use(accountFeature());
  bot.use(reportsFeature());
  bot.use(summaryDemandFeature());
  bot.use(attendanceFeature());
  bot.use(courseQuizFeature());
  bot.use(courseAnswersFeature());
  bot.use(courseScreenFeature());
  bot.use(summarySubscriptionsFeature());
  bot.use(contentReviewFeature());
  bot.use(faqFeature());
  bot.use(unhandledFeature());
  return bot;
}
