import type { Db } from "../../db/client.js";
import { isLocale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { visibleLength } from "../../shared/text.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { queueBroadcast } from "../outbox/queue-broadcast.js";
import { CHANNEL_TRAITS, CHANNELS } from "../roles.js";
import { type AudienceDenial, authorizeAudience } from "./authorize-audience.js";
import { type Audience, audienceWhere } from "./course-audience.js";
import {
  ANNOUNCEMENT_CAPTION_MAX,
  ANNOUNCEMENT_TEXT_MAX,
  type AnnouncementAttachment,
  renderAnnouncement,
} from "./render-announcement.js";

/** Messengers a file a person sent cannot be passed on to (a Telegram file id is no Zalo file). */
const WITHOUT_FILES = CHANNELS.filter((channel) => !CHANNEL_TRAITS[channel].forwardsFiles);

export type SendAnnouncementResult =
  | { ok: true; broadcastId: number; queued: number; unreachable: number }
  | { ok: false; reason: AudienceDenial | "invalid_text" };

/** Is this text fit to announce (with a file: fit for a caption)? */
export function announcementTextFits(text: string, withFile: boolean): boolean {
  const length = [...text].length;
  return visibleLength(text) > 0 && length <= (withFile ? ANNOUNCEMENT_CAPTION_MAX : ANNOUNCEMENT_TEXT_MAX);
}

/**
 * Queues an announcement in one transaction: an `announcement` broadcast with one outbox row per
 * reachable person of the audience (units in the sender's scope × roles — checked here, whatever
 * the caller offered; the sender left out), each in the person's language, a photo or document
 * re-sent with the text as its caption (as text with a note where the file cannot go), and the
 * audit entry.
 */
export async function sendAnnouncement(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { actorId: number; text: string; attachment: AnnouncementAttachment | null; audience: Audience },
): Promise<SendAnnouncementResult> {
  const now = clock.now();
  const text = input.text.trim();
  if (!announcementTextFits(text, input.attachment !== null)) return { ok: false, reason: "invalid_text" };
  return inWriteTransaction(db, async (tx): Promise<SendAnnouncementResult> => {
    const allowed = await authorizeAudience(tx, input.actorId, "broadcast.send", input.audience);
    if (!allowed.ok) return allowed;
    const { actor } = allowed;
    const unitIds = [...new Set(input.audience.unitIds)];
    const roles = [...new Set(input.audience.roles)];
    const people = await tx.person.findMany({
      where: { AND: [await audienceWhere(tx, { unitIds, roles }), { id: { not: actor.id } }] },
      select: { id: true, locale: true },
      orderBy: { id: "asc" },
    });
    const recipients = people.map((person) => {
      const locale = isLocale(person.locale) ? person.locale : "vi";
      const message = renderAnnouncement(translator, locale, {
        senderName: actor.fullName,
        text,
        attachment: input.attachment,
      });
      return {
        personId: person.id,
        payload: message.payload,
        payloadByChannel: Object.fromEntries(WITHOUT_FILES.map((channel) => [channel, message.withoutFile])),
      };
    });
    const queued = await queueBroadcast(tx, {
      kind: "announcement",
      senderId: actor.id,
      unitId: actor.unitId,
      text,
      ...(input.attachment ? { attachment: input.attachment } : {}),
      audience: { units: unitIds, roles },
      recipients,
      now,
    });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "broadcast.send",
      targetType: "broadcast",
      targetId: queued.broadcastId,
      unitId: actor.unitId,
      details: {
        units: unitIds,
        roles,
        recipients: recipients.length,
        attachment: input.attachment?.method ?? null,
      },
    });
    return {
      ok: true,
      broadcastId: queued.broadcastId,
      queued: queued.queued,
      unreachable: queued.unreachable.length,
    };
  });
}
