/** One event from Zalo (webhook body or getUpdates result), as far as the adapter reads it. */
export interface ZaloEvent {
  event_name: string;
  message: {
    message_id: string;
    date?: number;
    chat: { id: string; chat_type?: string };
    from?: { id: string; display_name?: string; is_bot?: boolean };
    text?: string;
    caption?: string;
    photo_url?: string;
    photo?: string;
    sticker?: string;
    url?: string;
    voice_url?: string;
    /** OA dialect (`oa/oa-events.ts`): a file the person sent (`message.file.received`). */
    file?: { url: string; name?: string; size?: number };
    /** OA dialect: a location the person sent (`message.location.received`). */
    location?: { latitude: number; longitude: number };
    /** OA dialect: the person's own details from `request_user_info` (`message.contact.received`). */
    contact?: { phone_number: string; first_name?: string };
  };
}

/**
 * The event in a webhook body or `getUpdates` result — bare (`{event_name, message}`, what
 * Zalo sends) or in the documented `{ok, result}` envelope — or `undefined` when it is not one.
 */
export function readZaloEvent(body: unknown): ZaloEvent | undefined {
  if (!body || typeof body !== "object") return undefined;
  const value = body as { ok?: unknown; result?: unknown };
  const event = (
    value.ok === true && value.result && typeof value.result === "object" ? value.result : body
  ) as {
    event_name?: unknown;
    message?: unknown;
  };
  if (typeof event.event_name !== "string" || !event.message || typeof event.message !== "object") {
    return undefined;
  }
  const message = event.message as Partial<ZaloEvent["message"]>;
  if (typeof message.message_id !== "string" || message.message_id === "") return undefined;
  if (!message.chat || typeof message.chat !== "object" || typeof message.chat.id !== "string")
    return undefined;
  return event as ZaloEvent;
}

/** Marks a message the Zalo transport could not carry (a file, a location, a protected sender). */
export const UNSUPPORTED_ON_ZALO = "zalo_unsupported";

/** Whether a message is one Zalo delivered without its content (see {@link UNSUPPORTED_ON_ZALO}). */
export function isUnsupportedOnZalo(message: object | undefined): boolean {
  return message !== undefined && UNSUPPORTED_ON_ZALO in message;
}
