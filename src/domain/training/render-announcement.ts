import type { Locale, Translator } from "../../i18n/translator.js";
import type { OutboxPayload } from "../outbox/enqueue-message.js";

/** A file sent with an announcement: a Telegram file id, re-sent as it is. */
export interface AnnouncementAttachment {
  method: "sendPhoto" | "sendDocument";
  file: string;
  name?: string;
}

/** Longest announcement text alone, and with a file (Telegram captions hold 1,024 characters). */
export const ANNOUNCEMENT_TEXT_MAX = 3000;
export const ANNOUNCEMENT_CAPTION_MAX = 900;

/** The announcement's text as recipients read it: who sends it, then what they wrote. */
export function renderAnnouncementText(
  translator: Translator,
  locale: Locale,
  input: { senderName: string; text: string },
): string {
  return translator.t(locale, "announcement-text", { sender: input.senderName, text: input.text });
}

/**
 * The message an announcement is, for one recipient: text, or the photo or document with the
 * text as its caption. `withoutFile` is the same announcement where the file cannot travel
 * (a Telegram file id means nothing on Zalo): the text, and a line saying a file was left out.
 */
export function renderAnnouncement(
  translator: Translator,
  locale: Locale,
  input: { senderName: string; text: string; attachment: AnnouncementAttachment | null },
): { payload: OutboxPayload; withoutFile: OutboxPayload } {
  const text = renderAnnouncementText(translator, locale, input);
  const plain: OutboxPayload = { method: "sendMessage", params: { text, parse_mode: "HTML" } };
  if (!input.attachment) return { payload: plain, withoutFile: plain };
  const field = input.attachment.method === "sendPhoto" ? "photo" : "document";
  return {
    payload: {
      method: input.attachment.method,
      params: { [field]: input.attachment.file, caption: text, parse_mode: "HTML" },
    },
    withoutFile: {
      method: "sendMessage",
      params: {
        text: `${text}\n\n${translator.t(locale, `announcement-file-left-out-${field}`)}`,
        parse_mode: "HTML",
      },
    },
  };
}
