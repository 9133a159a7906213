import type { Update } from "grammy/types";
import type { Db } from "../../src/db/client.js";
import type { TestBot } from "./test-bot.js";
import { callback, command, type TestUser, textMessage } from "./updates.js";

/**
 * Drives one person through the bot the way they would on the phone: each step clears the
 * captured calls first, so `button()` finds the buttons of the bot's latest answer.
 */
export function createDriver(t: TestBot, user: TestUser) {
  const send = async (update: Update) => {
    t.clear();
    await t.handle(update);
    return t.texts();
  };
  return {
    user,
    send,
    say: (text: string) => send(textMessage(user, text)),
    command: (name: string, payload?: string) => send(command(user, name, payload)),
    /** Presses the newest button (sent to this person) whose label contains `label`. */
    tap: (label: string) => send(callback(user, buttonData(t, user, label))),
    press: (data: string) => send(callback(user, data)),
    /** What the bot said last (text of the newest message). */
    last: () => t.lastText(),
    /** The toast/alert text of the last answered button press, if any. */
    alert: () => {
      const call = t.recent().find((c) => c.method === "answerCallbackQuery");
      return call?.payload.text as string | undefined;
    },
  };
}

function buttonData(t: TestBot, user: TestUser, label: string): string {
  for (const call of [...t.calls].reverse()) {
    if (String(call.payload.chat_id) !== String(user.id)) continue;
    const markup = call.payload.reply_markup as
      | { inline_keyboard?: { text: string; callback_data?: string }[][] }
      | undefined;
    const found = markup?.inline_keyboard?.flat().find((b) => b.text.includes(label));
    if (found?.callback_data) return found.callback_data;
  }
  throw new Error(`no button "${label}" was sent to ${user.id}`);
}

export type Driver = ReturnType<typeof createDriver>;

/** Gives a roster person a Telegram account, as if they had shared their phone. */
export async function linkTelegram(db: Db, phone: string, user: TestUser): Promise<void> {
  const person = await db.person.findUniqueOrThrow({ where: { phone } });
  await db.channelAccount.upsert({
    where: { channel_externalId: { channel: "telegram", externalId: String(user.id) } },
    create: {
      channel: "telegram",
      externalId: String(user.id),
      chatId: String(user.id),
      personId: person.id,
      displayName: user.first_name,
      verifiedPhone: phone,
    },
    update: { personId: person.id },
  });
}

/** A Telegram user who is not one of the demo users. */
export function telegramUser(id: number, firstName: string): TestUser {
  return { id, is_bot: false, first_name: firstName, language_code: "vi" };
}
