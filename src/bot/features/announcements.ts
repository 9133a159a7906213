import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { setBroadcastProgressMessage } from "../../domain/outbox/queue-broadcast.js";
import { CHANNEL_TRAITS } from "../../domain/roles.js";
import { countAudienceReach } from "../../domain/training/count-audience-reach.js";
import {
  ANNOUNCEMENT_CAPTION_MAX,
  ANNOUNCEMENT_TEXT_MAX,
  type AnnouncementAttachment,
  renderAnnouncementText,
} from "../../domain/training/render-announcement.js";
import { sendAnnouncement } from "../../domain/training/send-announcement.js";
import { sanitizeText, visibleLength } from "../../shared/text.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { askAudience } from "./courses.js";

export const SEND_ANNOUNCEMENT_ID = "sendAnnouncement";

/**
 * Announcements (issue 12, item 6): a trainer or an admin writes a free text — with a photo or
 * a document where the messenger passes files on — picks an audience within their scope, sees
 * the announcement exactly as recipients will and how many it reaches, and confirms; the
 * outbox delivers it.
 */
export function announcementsFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildSendAnnouncement(deps), { id: SEND_ANNOUNCEMENT_ID }));
  feature.command("thongbao", (ctx) => openSendAnnouncement(ctx));
  return feature;
}

/** "📣 Gửi thông báo" and /thongbao. */
export async function openSendAnnouncement(ctx: BotContext): Promise<void> {
  if (!canPerform(ctx.identity.person, "broadcast.send")) {
    await ctx.reply(ctx.t("not-allowed"), { reply_markup: homeKeyboard(ctx.t) });
    return;
  }
  await ctx.conversation.enter(SEND_ANNOUNCEMENT_ID);
}

function buildSendAnnouncement(deps: BotDeps) {
  return async function sendAnnouncementTask(conversation: TaskConversation, ctx: Context) {
    const start = await captureStart(conversation);
    const actor = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "ann",
      busyKey: "ann-busy",
      locale: start.locale,
    });
    const { t, plain } = s;
    const cancelled = () => ctx.reply(t("ann-cancelled"), { reply_markup: homeKeyboard(t) });
    if (!actor || !canPerform(actor, "broadcast.send")) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const withFiles = CHANNEL_TRAITS[deps.channel].forwardsFiles;
    const checkText = (max: number) => (typed: string) => {
      const value = sanitizeText(typed).trim();
      const length = [...value].length;
      if (visibleLength(value) === 0) return { ok: false as const, error: t("course-text-empty") };
      if (length > max) return { ok: false as const, error: t("course-text-too-long", { length, max }) };
      return { ok: true as const, value };
    };

    let text: string | null = null;
    let attachment: AnnouncementAttachment | null = null;
    let question = t(withFiles ? "ann-ask-text" : "ann-ask-text-only", { max: ANNOUNCEMENT_TEXT_MAX });
    while (text === null) {
      const max: number = attachment ? ANNOUNCEMENT_CAPTION_MAX : ANNOUNCEMENT_TEXT_MAX;
      const answer = await s.askInput(question, checkText(max), { acceptFile: true });
      if (answer.kind === "value") text = answer.value;
      else if (answer.kind === "file") {
        if (!withFiles) {
          question = t("ann-files-not-here");
          continue;
        }
        attachment = {
          method: answer.method,
          file: answer.fileId,
          ...(answer.name ? { name: answer.name } : {}),
        };
        const caption = checkText(ANNOUNCEMENT_CAPTION_MAX)(answer.caption);
        if (caption.ok) text = caption.value;
        else if (answer.caption.trim() === "")
          question = t("ann-ask-caption", { max: ANNOUNCEMENT_CAPTION_MAX });
        else question = `${caption.error}\n${t("ann-ask-caption", { max: ANNOUNCEMENT_CAPTION_MAX })}`;
      }
    }
    const audience = await askAudience(s, conversation, deps, actor.unitId, {
      units: "ann-ask-units",
      roles: "ann-ask-roles",
    });
    if (!audience) return void (await cancelled());
    const reach = await conversation.external(() => countAudienceReach(deps.db, audience, actor.id));

    // Exactly as recipients get it (in the sender's language).
    const shown = renderAnnouncementText(deps.translator, start.locale, { senderName: actor.fullName, text });
    if (attachment?.method === "sendPhoto") {
      await ctx.replyWithPhoto(attachment.file, { caption: shown, parse_mode: "HTML" });
    } else if (attachment?.method === "sendDocument") {
      await ctx.replyWithDocument(attachment.file, { caption: shown, parse_mode: "HTML" });
    } else {
      await ctx.reply(shown, { parse_mode: "HTML" });
    }
    const decision = await s.choose(
      [
        t("ann-preview-head"),
        t("course-preview-reach", { total: reach.total, unreachable: reach.unreachable }),
        t("ann-preview-confirm"),
      ].join("\n"),
      [{ label: plain("ann-send"), value: "send" as const }],
      [{ label: plain("button-cancel"), value: "cancel" as const }],
    );
    if (decision === "cancel") return void (await cancelled());
    const message = text;
    const file = attachment;
    const result = await conversation.external(() =>
      sendAnnouncement(deps.db, deps.clock, deps.translator, {
        actorId: actor.id,
        text: message,
        attachment: file,
        audience,
      }),
    );
    if (!result.ok) {
      const key = result.reason === "invalid_text" ? "ann-refused-text" : `course-refused-${result.reason}`;
      await ctx.reply(t(key), { reply_markup: homeKeyboard(t) });
      return;
    }
    const progress = await ctx.reply(
      t("ann-queued", { queued: result.queued, unreachable: result.unreachable }),
      {
        parse_mode: "HTML",
        reply_markup: homeKeyboard(t),
      },
    );
    await conversation.external(() =>
      setBroadcastProgressMessage(
        deps.db,
        result.broadcastId,
        { channel: deps.channel, chatId: String(progress.chat.id), messageId: String(progress.message_id) },
        deps.clock.now(),
      ),
    );
  };
}
