import type { MessageEntity, Update } from "grammy/types";
import { imageSize } from "./image-size.js";
import type { SimulatorStore, ViewMessage } from "./simulator-store.js";

/** What a simulated person does in their chat; each becomes an update for the bot. */
export class UserActionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_USER_TEXT = 4096;

export class SimulatedUsers {
  constructor(private readonly store: SimulatorStore) {}

  /** Sends text, optionally as a reply to an earlier message of the chat. */
  sendText(chatId: number, text: string, replyTo?: number): ViewMessage {
    const chat = this.requireChat(chatId);
    const replied = replyTo === undefined ? undefined : this.store.findMessage(chatId, replyTo);
    if (replyTo !== undefined && !replied)
      throw new UserActionError(404, "Tin nhắn được trả lời không còn nữa");
    if (text.trim() === "") throw new UserActionError(400, "Tin nhắn trống");
    if (text.length > MAX_USER_TEXT) throw new UserActionError(400, "Tin nhắn dài quá 4.096 ký tự");
    this.unblockOnWrite(chatId);
    const entities = commandEntities(text);
    const message = this.store.addMessage(chatId, false, {
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(replied ? { reply_to_message: stripView(replied) } : {}),
    } as never);
    this.hideOneTimeKeyboard(chatId, chat.replyKeyboard?.one_time_keyboard === true);
    this.store.pushUpdate({ message: stripView(message) });
    return message;
  }

  pressButton(chatId: number, messageId: number, data: string): void {
    const chat = this.requireChat(chatId);
    const message = this.store.findMessage(chatId, messageId);
    if (!message) throw new UserActionError(404, "Tin nhắn không còn nữa");
    const exists = message.reply_markup?.inline_keyboard
      .flat()
      .some((button) => "callback_data" in button && button.callback_data === data);
    if (!exists) throw new UserActionError(400, "Tin nhắn này không có nút đó");
    this.unblockOnWrite(chatId);
    this.store.pushUpdate({
      callback_query: {
        id: this.store.newCallbackQueryId(chatId),
        from: this.store.telegramUser(chat.user),
        message: stripView(message),
        chat_instance: String(chatId),
        data,
      },
    });
  }

  shareContact(chatId: number): ViewMessage {
    const chat = this.requireChat(chatId);
    this.unblockOnWrite(chatId);
    const message = this.store.addMessage(chatId, false, {
      contact: {
        phone_number: chat.user.phoneNumber.replace(/^\+/, ""),
        first_name: chat.user.firstName,
        ...(chat.user.lastName ? { last_name: chat.user.lastName } : {}),
        user_id: chat.user.id,
      },
    });
    this.hideOneTimeKeyboard(chatId, chat.replyKeyboard?.one_time_keyboard === true);
    this.store.pushUpdate({ message: stripView(message) });
    return message;
  }

  /** Shares a contact card of someone else (to test that the bot refuses it). */
  shareForeignContact(chatId: number, phoneNumber: string, firstName: string): ViewMessage {
    this.requireChat(chatId);
    const message = this.store.addMessage(chatId, false, {
      contact: { phone_number: phoneNumber, first_name: firstName },
    });
    this.store.pushUpdate({ message: stripView(message) });
    return message;
  }

  sendLocation(chatId: number, latitude: number, longitude: number): ViewMessage {
    this.requireChat(chatId);
    if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
      throw new UserActionError(400, "Tọa độ không hợp lệ");
    }
    this.unblockOnWrite(chatId);
    const message = this.store.addMessage(chatId, false, { location: { latitude, longitude } });
    this.store.pushUpdate({ message: stripView(message) });
    return message;
  }

  sendPhoto(chatId: number, data: Buffer, mimeType: string, caption?: string): ViewMessage {
    this.requireChat(chatId);
    const { width, height } = imageSize(data);
    if (width === 0) throw new UserActionError(400, "Không đọc được ảnh (chỉ nhận PNG hoặc JPEG)");
    this.unblockOnWrite(chatId);
    const file = this.store.storeFile(data, mimeType, "photos");
    const message = this.store.addMessage(chatId, false, {
      photo: [
        { file_id: file.fileId, file_unique_id: file.fileUniqueId, width, height, file_size: data.length },
      ],
      ...(caption ? { caption } : {}),
    });
    this.store.pushUpdate({ message: stripView(message) });
    return message;
  }

  sendDocument(chatId: number, data: Buffer, mimeType: string, fileName: string): ViewMessage {
    this.requireChat(chatId);
    if (data.length === 0) throw new UserActionError(400, "Tệp trống");
    this.unblockOnWrite(chatId);
    const file = this.store.storeFile(data, mimeType, "documents", fileName);
    const message = this.store.addMessage(chatId, false, {
      document: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_name: fileName,
        mime_type: mimeType,
        file_size: data.length,
      },
    });
    this.store.pushUpdate({ message: stripView(message) });
    return message;
  }

  private requireChat(chatId: number) {
    const chat = this.store.chat(chatId);
    if (!chat) throw new UserActionError(404, "Không có người dùng này");
    return chat;
  }

  /** Writing to a bot you blocked unblocks it, as in Telegram's "Restart" button. */
  private unblockOnWrite(chatId: number): void {
    if (this.store.chat(chatId)?.user.blocked) this.store.setBlocked(chatId, false);
  }

  private hideOneTimeKeyboard(chatId: number, oneTime: boolean): void {
    if (oneTime) this.store.setReplyKeyboard(chatId, null);
  }
}

/** "/start abc" → a bot_command entity over "/start", as Telegram marks commands. */
function commandEntities(text: string): MessageEntity[] {
  const match = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{1,64})?/.exec(text);
  return match ? [{ type: "bot_command", offset: 0, length: match[0].length }] : [];
}

/** The update carries the Bot API message, without the page's extra fields. */
function stripView(message: ViewMessage): NonNullable<Update["message"]> {
  const { outgoing: _outgoing, fileUrl: _fileUrl, ...plain } = message;
  return plain as NonNullable<Update["message"]>;
}
