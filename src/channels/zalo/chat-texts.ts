import type { Db } from "../../db/client.js";
import { isLocale, type Locale, type TranslationArgs, type Translator } from "../../i18n/translator.js";
import type { MenuTexts } from "./typed-menu.js";

/** The adapter's own words to a chat, in its person's language. */
export interface ChatTexts {
  locale: Locale;
  say(key: string, args?: TranslationArgs): string;
  menu: MenuTexts;
}

/**
 * The language of a Zalo chat: its person's, else the one the account chose, else the default.
 * The account is found as the bot knows it: channel "zalo", the mapped integer id.
 */
export async function chatTexts(
  db: Db,
  translator: Translator,
  defaultLocale: Locale,
  telegramId: number,
): Promise<ChatTexts> {
  const account = await db.channelAccount.findUnique({
    where: { channel_externalId: { channel: "zalo", externalId: String(telegramId) } },
    select: { locale: true, person: { select: { locale: true } } },
  });
  const wanted = account?.person?.locale ?? account?.locale;
  const locale = isLocale(wanted) ? wanted : defaultLocale;
  const say = (key: string, args?: TranslationArgs) => translator.plain(locale, key, args);
  return {
    locale,
    say,
    menu: {
      hint: say("zalo-choice-hint"),
      alsoType: (labels) => say("zalo-choice-also", { labels }),
      contact: say("zalo-choice-contact"),
      location: say("zalo-choice-location"),
    },
  };
}
