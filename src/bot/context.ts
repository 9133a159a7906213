import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { ConversationStore } from "../db/conversation-store.js";
import type { FaqSearch } from "../domain/faq/faq-search.js";
import type { Identity } from "../domain/people/resolve-identity.js";
import type { FormCatalog } from "../domain/reports/form-catalog.js";
import { CHANNEL_TRAITS, type Channel, type ChannelTraits } from "../domain/roles.js";
import type { Locale, TranslationArgs, Translator } from "../i18n/translator.js";
import type { Clock } from "../shared/clock.js";
import type { StoredConversations, TaskStamp, TaskStop } from "./conversations/task-stamp.js";

/** Everything the bot needs from outside, passed explicitly to {@link createBot}. */
export interface BotDeps {
  /**
   * The messenger this bot instance serves: accounts it sees and links are of this channel.
   * Several instances (Telegram, Zalo) share one database, scheduler and outbox.
   */
  channel: Channel;
  /**
   * What this instance's messenger can do, when its dialect differs from the channel's usual
   * {@link CHANNEL_TRAITS} (a Zalo Official Account shares verified phones): read through
   * {@link channelTraits}.
   */
  traits?: ChannelTraits;
  db: Db;
  clock: Clock;
  translator: Translator;
  logger: Logger;
  timeZone: string;
  /** The report forms offered (latest version of each form file). */
  forms: FormCatalog;
  /** The policy Q&A search (in-memory index over the FAQ table). */
  faq: FaqSearch;
  defaultLocale: Locale;
  /**
   * Where conversation state lives (the database in production), with its task stamp; its
   * writes commit with the update's handled mark.
   */
  conversationStorage: ConversationStore<StoredConversations>;
}

/** What this bot's messenger can do: its dialect's traits, else its channel's. */
export function channelTraits(deps: Pick<BotDeps, "channel" | "traits">): ChannelTraits {
  return deps.traits ?? CHANNEL_TRAITS[deps.channel];
}

/** What our middleware adds to every update's context. */
export interface AppFlavor {
  deps: BotDeps;
  /** The account and (if registered and active) the person behind the update. */
  identity: Identity;
  locale: Locale;
  t(key: string, args?: TranslationArgs): string;
  /** The chat's stored conversation is of an older version of the bot (see create-bot.ts). */
  taskOutdated?: boolean;
  /** When the chat's open task began and for whom (see conversations/task-stamp.ts). */
  taskStamp?: TaskStamp;
  /** The chat's open task was ended before this update: its person's rights changed, or its age. */
  taskStopped?: { reason: TaskStop; task: string };
  /**
   * Values the open task keeps beside its replay log, stored with it (see `screen-loop.ts`):
   * where a loop of screens stands, so that its finished rounds need not stay in the log.
   */
  taskMemo?: Record<string, unknown>;
}

export type BotContext = ConversationFlavor<Context & AppFlavor>;
