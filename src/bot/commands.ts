import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { type Action, canPerform } from "../domain/access/permissions.js";
import type { PersonView } from "../domain/people/resolve-identity.js";
import { LOCALES, type Locale, type Translator } from "../i18n/translator.js";

/** Commands shown in Telegram's "/" menu; each is listed only for those who may use it. */
const COMMANDS: { command: string; descriptionKey: string; action?: Action; membersOnly?: boolean }[] = [
  { command: "start", descriptionKey: "command-start" },
  { command: "baocao", descriptionKey: "command-baocao", action: "report.submit" },
  { command: "khoahoc", descriptionKey: "command-khoahoc", action: "course.manage" },
  { command: "faq", descriptionKey: "command-faq", action: "faq.read" },
  { command: "units", descriptionKey: "command-units", action: "units.overview" },
  { command: "tonghop", descriptionKey: "command-tonghop", action: "summary.receive" },
  { command: "nhantonghop", descriptionKey: "command-nhantonghop", action: "summary.receive" },
  { command: "taokhoahoc", descriptionKey: "command-taokhoahoc", action: "course.manage" },
  { command: "thongbao", descriptionKey: "command-thongbao", action: "broadcast.send" },
  { command: "noidung", descriptionKey: "command-noidung", action: "faq.review_content" },
  { command: "me", descriptionKey: "command-me", action: "profile.view", membersOnly: true },
  { command: "language", descriptionKey: "command-language" },
  { command: "help", descriptionKey: "command-help" },
  { command: "cancel", descriptionKey: "command-cancel" },
];

export function commandsFor(person: PersonView | null, locale: Locale, translator: Translator): BotCommand[] {
  return COMMANDS.filter((c) => (c.action ? canPerform(person, c.action) : true))
    .filter((c) => !c.membersOnly || person !== null)
    .map((c) => ({ command: c.command, description: translator.t(locale, c.descriptionKey) }));
}

/** Default list for every private chat (what strangers see), in each locale. */
export async function setDefaultCommands(api: Api, translator: Translator, defaultLocale: Locale) {
  await api.setMyCommands(commandsFor(null, defaultLocale, translator), {
    scope: { type: "all_private_chats" },
  });
  for (const locale of LOCALES.filter((l) => l !== defaultLocale)) {
    await api.setMyCommands(commandsFor(null, locale, translator), {
      scope: { type: "all_private_chats" },
      language_code: locale,
    });
  }
}

/** The person's own list, scoped to their chat, in their language. */
export async function setChatCommands(
  api: Api,
  chatId: number,
  person: PersonView | null,
  locale: Locale,
  translator: Translator,
) {
  await api.setMyCommands(commandsFor(person, locale, translator), {
    scope: { type: "chat", chat_id: chatId },
  });
}

/** Names of the commands of the "/" menu ("start", "baocao", …), whoever may use them. */
export function commandNames(): string[] {
  return COMMANDS.map((c) => c.command);
}
