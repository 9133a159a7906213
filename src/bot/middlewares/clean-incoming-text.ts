import type { MiddlewareFn } from "grammy";
import type { User } from "grammy/types";
import { sanitizeText, sanitizeTextWithEntities } from "../../shared/text.js";
import type { BotContext } from "../context.js";

/**
 * The one place the bot reads text from outside cleans it first (see `sanitizeText`): a
 * message's text and caption (their formatting moved along), the sender's and a shared
 * contact's names, a document's file name. Everything after — conversations, which store the
 * update and replay it, answers saved to drafts, questions, names on access requests — sees
 * NFC text without NUL or other control characters, so nothing stored can break a message
 * that shows it later.
 */
export function cleanIncomingText(): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const message = ctx.update.message;
    if (message) {
      if (message.text !== undefined) {
        const clean = sanitizeTextWithEntities(message.text, message.entities);
        message.text = clean.text;
        if (clean.entities) message.entities = clean.entities;
      }
      if (message.caption !== undefined) {
        const clean = sanitizeTextWithEntities(message.caption, message.caption_entities);
        message.caption = clean.text;
        if (clean.entities) message.caption_entities = clean.entities;
      }
      if (message.contact) {
        message.contact.first_name = sanitizeText(message.contact.first_name);
        if (message.contact.last_name !== undefined)
          message.contact.last_name = sanitizeText(message.contact.last_name);
      }
      if (message.document?.file_name !== undefined)
        message.document.file_name = sanitizeText(message.document.file_name);
      cleanUser(message.from);
    }
    cleanUser(ctx.update.callback_query?.from);
    return next();
  };
}

function cleanUser(user: User | undefined): void {
  if (!user) return;
  user.first_name = sanitizeText(user.first_name);
  if (user.last_name !== undefined) user.last_name = sanitizeText(user.last_name);
}
