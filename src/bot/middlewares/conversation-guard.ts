import { Composer, type Middleware, type MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

export interface ConversationGuardOptions {
  /** How long a conversation may take to handle one update before it is considered hung. */
  timeoutMs: number;
  /** Clears the chat's conversation state and tells the person; called once per hung update. */
  onHang(ctx: BotContext): Promise<void>;
  /** The step is waiting for something known (a flood limit): give it more time. */
  isWaiting?(ctx: BotContext): boolean;
}

/**
 * Protects the chat from a known upstream bug (grammyjs/conversations#155): when a Bot API
 * call inside a conversation fails with something other than an `HttpError`, the replay never
 * settles. With per-chat sequential processing the chat would then stay silent until restart.
 * Updates that pass through the conversations to later handlers are not timed.
 */
export function guardConversations(
  conversations: Middleware<BotContext>,
  options: ConversationGuardOptions,
): MiddlewareFn<BotContext> {
  const inner = new Composer<BotContext>(conversations).middleware();
  return async (ctx, next) => {
    let passedOn = false;
    let timer: NodeJS.Timeout | undefined;
    const run = Promise.resolve(
      inner(ctx, () => {
        passedOn = true;
        return next();
      }),
    );
    const hung = new Promise<"hung">((resolve) => {
      // Downstream handlers may legitimately take long; only the conversation part is timed.
      const check = () => {
        if (passedOn) return;
        if (options.isWaiting?.(ctx)) timer = setTimeout(check, options.timeoutMs);
        else resolve("hung");
      };
      timer = setTimeout(check, options.timeoutMs);
    });
    try {
      const outcome = await Promise.race([run.then(() => "done" as const), hung]);
      if (outcome === "hung") await options.onHang(ctx);
    } finally {
      clearTimeout(timer);
    }
  };
}
