import { Composer } from "grammy";
import { describe, expect, it, vi } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { guardConversations } from "../../src/bot/middlewares/conversation-guard.js";

const ctx = {} as BotContext;

describe("guardConversations", () => {
  it("releases a chat whose conversation step never settles (grammyjs/conversations#155)", async () => {
    const onHang = vi.fn(async () => {});
    const hanging = new Composer<BotContext>((_ctx) => new Promise<void>(() => {}));
    const guard = guardConversations(hanging, { timeoutMs: 50, onHang });
    await guard(ctx, async () => {});
    expect(onHang).toHaveBeenCalledTimes(1);
  });

  it("does not time handlers after the update passed through the conversations", async () => {
    const onHang = vi.fn(async () => {});
    const passThrough = new Composer<BotContext>((_ctx, next) => next());
    const guard = guardConversations(passThrough, { timeoutMs: 20, onHang });
    let finished = false;
    await guard(ctx, async () => {
      await new Promise((resolve) => setTimeout(resolve, 80));
      finished = true;
    });
    expect(finished).toBe(true);
    expect(onHang).not.toHaveBeenCalled();
  });
});
