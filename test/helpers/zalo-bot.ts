import { Api, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { pino } from "pino";
import type { BotContext, BotDeps } from "../../src/bot/context.js";
import { createBot } from "../../src/bot/create-bot.js";
import { createZaloChannel, type ZaloChannel } from "../../src/channels/zalo/channel.js";
import type { Db } from "../../src/db/client.js";
import { createConversationStore } from "../../src/db/conversation-store.js";
import { createFaqSearch } from "../../src/domain/faq/faq-search.js";
import { createFormCatalog } from "../../src/domain/reports/form-catalog.js";
import { createTranslator } from "../../src/i18n/translator.js";
import type { Clock } from "../../src/shared/clock.js";
import { createFakeZalo, type FakeZalo, hex20, zaloText } from "../channels/zalo/fake-zalo.js";

/** The real bot behind the real Zalo transport, talking to a fake Zalo Bot Platform. */
export interface ZaloBot {
  zalo: FakeZalo;
  channel: ZaloChannel;
  /** The Bot API as the bot sees it on Zalo (the transport's client). */
  api: Api;
  bot: Bot<BotContext>;
  /** Someone types on Zalo: the update(s) the transport passes on, taken off the queue, not handled. */
  typed(zaloId: string, text: string): Promise<Update[]>;
  /** Someone types on Zalo and the bot handles what the transport passes on (the first update). */
  type(zaloId: string, text: string): Promise<Update | undefined>;
  /** A new Zalo chat linked to a roster person (as an activation code would have linked it). */
  linkPerson(personId: number): Promise<{ zaloId: string; chatId: number }>;
  stop(): Promise<void>;
}

export async function startZaloBot(db: Db, clock: Clock): Promise<ZaloBot> {
  const logger = pino({ level: "silent" });
  const zalo = createFakeZalo();
  const channel = createZaloChannel({
    db,
    clock,
    logger,
    token: zalo.token,
    apiRoot: zalo.root,
    webhookSecret: "webhook-secret-123",
    publicBaseUrl: "https://app.example.vn",
    fetch: zalo.fetch,
  });
  const api = new Api("zalo", { apiRoot: "http://zalo.invalid", fetch: channel.fetch });
  const deps: BotDeps = {
    channel: "zalo",
    db,
    clock,
    translator: createTranslator("vi"),
    logger,
    timeZone: "Asia/Ho_Chi_Minh",
    defaultLocale: "vi",
    conversationStorage: createConversationStore(db, clock),
    faq: createFaqSearch(db),
    forms: createFormCatalog(db),
  };
  const bot = createBot("zalo-token", deps, { apiRoot: "http://zalo.invalid", fetch: channel.fetch });
  await bot.init();

  async function typed(zaloId: string, text: string): Promise<Update[]> {
    await channel.ingest(zaloText(zaloId, text));
    const updates = await api.getUpdates({ timeout: 0 });
    const last = updates.at(-1);
    if (last) await api.getUpdates({ offset: last.update_id + 1, timeout: 0 });
    return updates;
  }

  return {
    zalo,
    channel,
    api,
    bot,
    typed,
    async type(zaloId, text) {
      const updates = await typed(zaloId, text);
      for (const update of updates) await bot.handleUpdate(update);
      return updates[0];
    },
    async linkPerson(personId) {
      const zaloId = hex20();
      const first = (await typed(zaloId, "chào"))[0]?.message;
      if (!first?.from) throw new Error("no first update");
      await db.channelAccount.upsert({
        where: { channel_externalId: { channel: "zalo", externalId: String(first.from.id) } },
        create: {
          channel: "zalo",
          externalId: String(first.from.id),
          chatId: String(first.chat.id),
          personId,
          linkedAt: clock.now(),
        },
        update: { personId, linkedAt: clock.now() },
      });
      return { zaloId, chatId: first.chat.id };
    },
    stop: () => channel.stop(),
  };
}

/** The number a typed menu shows for the option matching `label`. */
export function numberOf(text: string | undefined, label: RegExp): string {
  const line = (text ?? "").split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
  if (!line) throw new Error(`no option ${label} in: ${text}`);
  return line.slice(0, line.indexOf("."));
}
