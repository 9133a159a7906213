import type { Message, Update, User } from "grammy/types";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";

/** Telegram users of the demo roster, by role, plus one stranger. */
const byId = (id: number): User => {
  const demo = DEMO_SIMULATOR_USERS.find((user) => user.id === id);
  if (!demo) throw new Error(`no demo user ${id}`);
  return {
    id: demo.id,
    is_bot: false,
    first_name: demo.firstName,
    ...(demo.lastName ? { last_name: demo.lastName } : {}),
    language_code: "vi",
  };
};

export const USERS = {
  hamletHead: byId(710000001),
  communeOfficer: byId(710000002),
  trainer: byId(710000003),
  supervisor: byId(710000004),
  admin: byId(710000005),
  unlinked: byId(710000011),
  /** A hamlet head of the second commune (Xã Đức Thọ), on the roster but not linked. */
  unlinkedSecondCommune: byId(710000022),
  stranger: byId(710000099),
} as const;

export type TestUser = User;

let nextUpdateId = 1;
let nextMessageId = 1000;
const now = () => Math.floor(Date.now() / 1000);

function privateChat(user: User) {
  return {
    id: user.id,
    type: "private" as const,
    first_name: user.first_name,
    ...(user.last_name ? { last_name: user.last_name } : {}),
  };
}

function messageUpdate(user: User, content: Partial<Message>): Update {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: now(),
      chat: privateChat(user),
      from: user,
      ...content,
    } as Update["message"],
  } as Update;
}

export function textMessage(user: User, text: string): Update {
  return messageUpdate(user, { text });
}

/** "/start abc" with the bot_command entity Telegram adds. */
export function command(user: User, name: string, payload?: string): Update {
  const text = payload ? `/${name} ${payload}` : `/${name}`;
  return messageUpdate(user, {
    text,
    entities: [{ type: "bot_command", offset: 0, length: name.length + 1 }],
  });
}

/** A button press on a bot message (the message is a minimal stand-in unless given). */
export function callback(user: User, data: string, messageId = 1): Update {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cq-${nextUpdateId}`,
      from: user,
      chat_instance: String(user.id),
      data,
      message: {
        message_id: messageId,
        date: now(),
        chat: privateChat(user),
        from: { id: 7000000001, is_bot: true, first_name: "Trợ lý Giảm nghèo" },
        text: "…",
      },
    },
  } as Update;
}

/** A shared contact; `ownerId` differs from the sender (or is `null`) for someone else's card. */
export function contact(user: User, phoneNumber: string, ownerId: number | null = user.id): Update {
  return messageUpdate(user, {
    contact: {
      phone_number: phoneNumber,
      first_name: user.first_name,
      ...(ownerId !== null ? { user_id: ownerId } : {}),
    },
  });
}

export function photo(user: User, caption?: string, fileId = "AgACphoto"): Update {
  return messageUpdate(user, {
    photo: [{ file_id: fileId, file_unique_id: `u-${fileId}`, width: 800, height: 600, file_size: 42000 }],
    ...(caption ? { caption } : {}),
  });
}

export function document(user: User, fileId: string, fileName: string, fileSize = 1000): Update {
  return messageUpdate(user, {
    document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, file_size: fileSize },
  });
}

export function location(user: User, latitude: number, longitude: number): Update {
  return messageUpdate(user, { location: { latitude, longitude } });
}

export function sticker(user: User): Update {
  return messageUpdate(user, {
    sticker: {
      file_id: "CAACsticker",
      file_unique_id: "st",
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
    },
  });
}

/** The same update delivered again (Telegram re-delivery). */
export function redelivered(update: Update): Update {
  return structuredClone(update);
}

export function blockedBot(user: User, blocked: boolean): Update {
  const bot = { id: 7000000001, is_bot: true, first_name: "Trợ lý Giảm nghèo" };
  const member = { user: bot, status: "member" as const };
  const kicked = { user: bot, status: "kicked" as const, until_date: 0 };
  return {
    update_id: nextUpdateId++,
    my_chat_member: {
      chat: privateChat(user),
      from: user,
      date: now(),
      old_chat_member: blocked ? member : kicked,
      new_chat_member: blocked ? kicked : member,
    },
  } as Update;
}
