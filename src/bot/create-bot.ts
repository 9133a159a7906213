import { autoRetry } from "@grammyjs/auto-retry";
import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Api, Bot, Composer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { markAccountReachability } from "../domain/people/mark-account-reachability.js";
import type { BotContext, BotDeps } from "./context.js";
import { conversationKey } from "./conversations/tasks.js";
import { accessDecisionConversations, accessDecisionsFeature } from "./features/access-decisions.js";
import { accessRequestFeature } from "./features/access-request.js";
import { accountFeature } from "./features/account.js";
import { faqConversations, faqFeature } from "./features/faq.js";
import { importConversations, importsFeature } from "./features/imports.js";
import { invitesFeature } from "./features/invites.js";
import { menuFeature } from "./features/menu.js";
import { firstContactPrompt, onboardingFeature } from "./features/onboarding.js";
import { peopleFeature } from "./features/people.js";
import { reportFormConversations } from "./features/report-form.js";
import { reportConversations, reportsFeature } from "./features/reports.js";
import { startFeature } from "./features/start.js";
import { unhandledFeature } from "./features/unhandled.js";
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

/** Updates the bot asks for; the rest are not delivered at all. */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/**
 * Version of the stored conversation state. Raise it when a change to the conversations (or
 * their shared steps) would make one begun before the change replay differently: such state is
 * then dropped, and its person told (see `taskOutdated`), instead of replaying wrongly.
 * 2: answered questions are edited, pickers turn pages in place.
 */
export const CONVERSATION_STATE_VERSION = 2;

/**
 * Builds the bot from explicit dependencies; connects to nothing until it is started or
 * handed an update. The middleware order is the bot's contract:
 * per-chat ordering → error boundary → text cleaning → blocked/unblocked → de-duplication →
 * identity → conversations → first-contact prompt → global commands → leaving a task for
 * another feature → tasks → features → catch-all.
 */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: {
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
  // Ordinary replies wait out a 429 and retry; bulk sending goes through the outbox instead.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  bot.catch((error) => {
    deps.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "unhandled bot error");
  });

  const stepTimeoutMs = options.conversationStepTimeoutMs ?? 30_000;
  // One chat's updates are handled one after another, different chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(errorBoundary(deps.logger, deps.translator));
  bot.use(cleanIncomingText());
  bot.on("my_chat_member", async (ctx) => {
    if (ctx.chat.type !== "private") return;
    const status = ctx.myChatMember.new_chat_member.status;
    await markAccountReachability(
      deps.db,
      deps.clock,
      { channel: "telegram", externalId: String(ctx.myChatMember.from.id) },
      status === "kicked",
    );
  });
  bot.use(skipProcessedUpdates(deps.db, deps.clock, deps.logger));
  bot.use(attachIdentity(deps));
  bot.use(
    conversations<BotContext, BotContext>({
      storage: {
        type: "context",
        version: CONVERSATION_STATE_VERSION,
        adapter: {
          async read(ctx) {
            if (!ctx.chat) return undefined;
            const state = await deps.conversationStorage.read(conversationKey(ctx.chat.id));
            // The plugin ignores state of another version; the person is told below.
            if (state && state.version[1] !== CONVERSATION_STATE_VERSION) ctx.taskOutdated = true;
            return state;
          },
          write: (ctx, state) =>
            ctx.chat ? deps.conversationStorage.write(conversationKey(ctx.chat.id), state) : undefined,
          delete: (ctx) =>
            ctx.chat ? deps.conversationStorage.delete(conversationKey(ctx.chat.id)) : undefined,
        },
      },
    }),
  );
  bot.use(taskOutdated(deps));
  bot.use(firstContactPrompt());
  bot.use(startFeature());
  bot.use(leaveTaskForOtherFeature());
  bot.use(
    guardConversations(
      new Composer<BotContext>(
        accessRequestFeature(deps),
        invitesFeature(deps),
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
      ),
      {
        timeoutMs: stepTimeoutMs,
        async onHang(ctx) {
          deps.logger.error({ updateId: ctx.update.update_id }, "conversation step hung; state cleared");
          if (ctx.chat) await deps.conversationStorage.delete(conversationKey(ctx.chat.id));
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
  bot.use(faqFeature());
  bot.use(unhandledFeature());
  return bot;
}
