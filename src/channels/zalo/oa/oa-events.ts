import type { ZaloEvent } from "../zalo-events.js";

/**
 * What an OA webhook body is for the transport: an event in the shape part 1's inbound queue
 * stores ({@link ZaloEvent}, so the queue, ordering, de-duplication and typed choices are
 * shared), the OA's own send coming back (`oa_send_*`, dropped), or something the bot does not
 * act on (seen/received receipts, reactions, unfollow…).
 */
export type OaEventReading =
  | { kind: "event"; event: ZaloEvent }
  | { kind: "echo"; eventName: string }
  | { kind: "ignored"; eventName: string }
  | { kind: "invalid" };

interface OaAttachment {
  type?: unknown;
  payload?: {
    url?: unknown;
    id?: unknown;
    name?: unknown;
    size?: unknown;
    coordinates?: { latitude?: unknown; longitude?: unknown };
  };
}

const str = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;

/**
 * Reads an OA webhook body (docs/zalo.md §2: string ids, `timestamp` in ms as a string,
 * `message.msg_id`, `attachments[]`). Events without a message id of their own (`follow`,
 * `user_submit_info`) get one made of the event, the person and the timestamp, so a re-delivery
 * is still recognised.
 */
export function readOaEvent(body: unknown): OaEventReading {
  if (!body || typeof body !== "object") return { kind: "invalid" };
  const value = body as {
    event_name?: unknown;
    timestamp?: unknown;
    sender?: { id?: unknown };
    follower?: { id?: unknown };
    user_id?: unknown;
    message?: { msg_id?: unknown; text?: unknown; attachments?: unknown };
    info?: { name?: unknown; phone?: unknown };
  };
  const eventName = str(value.event_name);
  if (!eventName) return { kind: "invalid" };
  if (eventName.startsWith("oa_send_")) return { kind: "echo", eventName };
  const date = Number(value.timestamp);
  const at = Number.isFinite(date) && date > 0 ? date : undefined;

  const make = (
    kind: string,
    userId: string | undefined,
    messageId: string | undefined,
    fields: Partial<ZaloEvent["message"]>,
  ): OaEventReading => {
    if (!userId || !messageId) return { kind: "invalid" };
    return {
      kind: "event",
      event: {
        event_name: kind,
        message: {
          message_id: messageId,
          ...(at ? { date: at } : {}),
          chat: { id: userId, chat_type: "PRIVATE" },
          from: { id: userId, is_bot: false },
          ...fields,
        },
      },
    };
  };

  const sender = str(value.sender?.id);
  const msgId = str(value.message?.msg_id);
  const text = typeof value.message?.text === "string" ? value.message.text : undefined;
  const attachments = Array.isArray(value.message?.attachments)
    ? (value.message.attachments as OaAttachment[])
    : [];
  const first = attachments[0]?.payload ?? {};

  switch (eventName) {
    case "user_send_text":
      return make("message.text.received", sender, msgId, { text: text ?? "" });
    case "user_send_image":
    case "user_send_gif": {
      const url = str(first.url);
      if (!url) return { kind: "invalid" };
      return make("message.image.received", sender, msgId, {
        photo_url: url,
        ...(text?.trim() ? { caption: text } : {}),
      });
    }
    case "user_send_sticker":
      return make("message.sticker.received", sender, msgId, {
        sticker: str(first.id) ?? str(first.url) ?? "",
        ...(str(first.url) ? { url: str(first.url) } : {}),
      });
    case "user_send_file": {
      const url = str(first.url);
      if (!url) return { kind: "invalid" };
      const size = Number(first.size);
      return make("message.file.received", sender, msgId, {
        file: {
          url,
          ...(str(first.name) ? { name: str(first.name) } : {}),
          ...(Number.isFinite(size) && size > 0 ? { size } : {}),
        },
      });
    }
    case "user_send_location": {
      const latitude = Number(first.coordinates?.latitude);
      const longitude = Number(first.coordinates?.longitude);
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90)
        return { kind: "invalid" };
      return make("message.location.received", sender, msgId, { location: { latitude, longitude } });
    }
    case "follow": {
      // Following the OA is the person's "Start": the bot greets them as after /start.
      const follower = str(value.follower?.id) ?? str(value.user_id);
      return make("message.text.received", follower, `follow:${follower}:${value.timestamp}`, {
        text: "/start",
      });
    }
    case "user_submit_info": {
      const phone = str(value.info?.phone);
      if (!phone) return { kind: "invalid" };
      const name = str(value.info?.name);
      return make("message.contact.received", sender, `submit_info:${sender}:${value.timestamp}`, {
        contact: { phone_number: phone, ...(name ? { first_name: name } : {}) },
      });
    }
    default:
      if (eventName.startsWith("user_send_"))
        // Audio, video, links, business cards: carried as "not supported here" like part 1 does.
        return make(`message.${eventName.slice("user_send_".length)}.received`, sender, msgId, {});
      return { kind: "ignored", eventName };
  }
}
