import type { Clock } from "../../../shared/clock.js";
import { normalizePhone } from "../../../shared/phone.js";
import {
  OA_BLOCKED,
  OA_OUTSIDE_WINDOW,
  ZaloApiError,
  type ZaloBotInfo,
  type ZaloClient,
  ZaloNetworkError,
  type ZaloSent,
} from "../zalo-client.js";
import { OaApiError, type OaClient, OaNetworkError } from "./oa-client.js";

/** The most buttons an OA message carries (docs/zalo.md §3). */
export const OA_MAX_BUTTONS = 5;
/** Button titles longer than this are cut (Zalo's limit is unconfirmed: 20 in one integration, 100 in notes). */
export const OA_BUTTON_TITLE_MAX = 100;

/**
 * The OA's upload limits (docs/zalo.md §3, from one integration's uploader — UNCONFIRMED on a
 * live OA): images jpg/png up to 1 MB, files up to 5 MB. Bigger files are not sent up at all
 * (zalo-fetch.ts links them instead); file types are left to Zalo (PDF, DOC, DOCX and perhaps
 * CSV per the sources): a refused type falls back the same way.
 */
export const OA_MAX_IMAGE_BYTES = 1024 * 1024;
export const OA_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** PNG or JPEG by the file's first bytes (the name grammY sends may be anything, or nothing). */
function imageType(bytes: Uint8Array): { extension: "png" | "jpg"; contentType: string } | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return { extension: "png", contentType: "image/png" };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { extension: "jpg", contentType: "image/jpeg" };
  return undefined;
}

/** An OA button the transport adds to a text: its tap comes back as `payload`, shown in the chat. */
export interface OaButton {
  title: string;
  payload: string;
}

/**
 * Seconds until the OA's rate-limit window is over: the limit counts requests per minute
 * (4,000 per app, docs/zalo.md §3) and its answer has no reset time (only `X-RateLimit-Limit`
 * and `X-RateLimit-Remain`), so until the next minute of the clock, at least 1 s. Whether Zalo's
 * minute is the clock's or a sliding one is UNCONFIRMED: a retry that comes too early gets -32
 * and waits again.
 */
function rateLimitWait(now: Date): number {
  return Math.max(1, 60 - Math.floor((now.getTime() % 60_000) / 1000));
}

/**
 * OA error codes as the Bot Platform's (which zalo-fetch.ts turns into the Bot API's):
 * a token still refused after a refresh → 401; not a follower, blocked, banned or inactive →
 * 403 with Telegram's "blocked" words (the outbox marks the person blocked); outside the
 * messaging window (-230 no interaction in 7 days, -232 interaction expired) → 403 "outside the
 * messaging window" (the outbox reports the person, without marking them blocked); the rate
 * limit (-32) → 429 with the seconds to wait (flood-wait and the outbox retry after it, unlike
 * the Bot Platform's quota 429); -100 and server errors → 502 (retried); the night ban (-234)
 * and the rest → 400 with Zalo's code in the description (not retried).
 */
function botPlatformError(method: string, error: OaApiError, now: Date): ZaloApiError {
  const code = error.errorCode;
  const description = `Zalo OA error ${code} ${error.description}`.trim();
  if (code === -216 || code === -220) return new ZaloApiError(method, 401, description);
  if (code === -213 || code === -217 || code === -227)
    return new ZaloApiError(method, 403, `${OA_BLOCKED} (${description})`);
  if (code === -230 || code === -232)
    return new ZaloApiError(method, 403, `${OA_OUTSIDE_WINDOW} (${description})`);
  if (code === -32) return new ZaloApiError(method, 429, description, { retryAfter: rateLimitWait(now) });
  if (code === -100) return new ZaloApiError(method, 502, description);
  return new ZaloApiError(method, 400, description);
}

/**
 * An upload's error: a token still refused → 401, the rate limit → 429 and -100 → 502 as for
 * sends (the send is tried again later); any other refusal → 400, on which zalo-fetch.ts sends
 * the file as a link instead.
 */
function uploadError(method: string, error: OaApiError, now: Date): ZaloApiError {
  const code = error.errorCode;
  if (code === -216 || code === -220 || code === -32 || code === -100)
    return botPlatformError(method, error, now);
  return new ZaloApiError(method, 400, `Zalo OA refused the upload: ${code} ${error.description}`.trim());
}

/**
 * ZNS's refusals in words for the sender's log and the outbox row (Zalo's own table,
 * zalo.cloud/zns/guidelines/handle-error-code, for -100 to -112; -133 per docs/zalo.md §4).
 * Other codes — the account's balance, daily quotas — keep Zalo's own message.
 */
const ZNS_REFUSALS: Record<number, string> = {
  [-108]: "the phone number is not valid",
  [-109]: "the template id is not valid (see ZALO_TEMPLATES)",
  [-111]: "the template data is empty",
  [-112]: "the template data does not fit the template (see the fields in ZALO_TEMPLATES)",
  [-133]: "this template is not sent between 22:00 and 06:00",
};

/**
 * A ZNS error as the Bot Platform's: a token still refused → 401; the rate limit → 429; -100
 * "unknown error, try again later" → 502 (retried); any other refusal (template, data, phone,
 * quota, balance) → 400 saying what Zalo refused, so the outbox marks the row failed with a
 * reason a person can act on.
 */
function znsError(method: string, error: OaApiError, now: Date): ZaloApiError {
  const code = error.errorCode;
  const zalo = `${code} ${error.description}`.trim();
  if (code === -216 || code === -220 || code === -124)
    return new ZaloApiError(method, 401, `Zalo ZNS error ${zalo}`);
  if (code === -32)
    return new ZaloApiError(method, 429, `Zalo ZNS error ${zalo}`, { retryAfter: rateLimitWait(now) });
  if (code === -100) return new ZaloApiError(method, 502, `Zalo ZNS error ${zalo}`);
  const words = ZNS_REFUSALS[code];
  return new ZaloApiError(
    method,
    400,
    `Zalo ZNS refused the template message: ${words ? `${words} (${zalo})` : zalo}`,
  );
}

/**
 * A roster number (`+84912345678`, `0912 345 678`) in the form ZNS takes, `84912345678`; null
 * when it is no Vietnamese number.
 */
export function znsPhone(phone: string): string | null {
  const e164 = normalizePhone(phone);
  return e164 === null ? null : e164.slice(1);
}

/**
 * The OA API behind part 1's Bot Platform client interface, so the whole transport
 * (zalo-fetch.ts: splitting, typed menus, hosted files, the id map) serves an Official Account
 * unchanged: `sendMessage` → `/v3.0/oa/message/cs` (with up to five `oa.query.show` buttons when
 * zalo-fetch passes `buttons`), `sendPhoto` → the media template (by `attachment_id` after
 * `uploadImage`, else by URL) with the caption as text, `uploadFile` + `sendFile` → the file
 * message with its token, `request_user_info` → the form whose answer (`user_submit_info`) carries the phone,
 * `sendTemplate` → a ZNS template message to a phone number (ZNS's host, the same token);
 * `sendChatAction` does nothing (the OA has none); `getMe` is the configured OA.
 */
export function createOaBotClient(options: {
  oa: OaClient;
  clock: Clock;
  oaId: string;
  /** The OA's name as the bot knows itself (`getMe.account_name`). */
  oaName: string;
}): ZaloClient {
  const { oa, clock } = options;

  /** Sends a file up (multipart field `file`) and returns the field of `data` Zalo answers with. */
  const upload = async (
    method: string,
    path: string,
    file: { bytes: Uint8Array; fileName: string; contentType: string },
    field: "attachment_id" | "token",
  ): Promise<string> => {
    let data: Record<string, unknown> | undefined;
    try {
      data = await oa.call<typeof data>(path, { upload: file });
    } catch (error) {
      if (error instanceof OaApiError) throw uploadError(method, error, clock.now());
      if (error instanceof OaNetworkError) throw new ZaloNetworkError(method, { cause: error });
      throw error;
    }
    const id = data?.[field];
    if (typeof id !== "string" || id === "")
      throw new ZaloApiError(method, 502, `Zalo OA upload: no ${field}`);
    return id;
  };

  const sendCs = async (
    method: string,
    userId: string,
    message: Record<string, unknown>,
  ): Promise<ZaloSent> => {
    let data: { message_id?: unknown; sent_time?: unknown } | undefined;
    try {
      data = await oa.call<typeof data>("/v3.0/oa/message/cs", {
        json: { recipient: { user_id: userId }, message },
      });
    } catch (error) {
      if (error instanceof OaApiError) throw botPlatformError(method, error, clock.now());
      if (error instanceof OaNetworkError) throw new ZaloNetworkError(method, { cause: error });
      throw error;
    }
    const sentAt = Number(data?.sent_time);
    return {
      message_id: typeof data?.message_id === "string" ? data.message_id : "",
      date: Number.isFinite(sentAt) && sentAt > 0 ? sentAt : clock.now().getTime(),
    };
  };

  return {
    async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const chatId = String(params.chat_id ?? "");
      switch (method) {
        case "getMe":
          return {
            id: options.oaId,
            account_name: options.oaName,
            account_type: "oa",
          } satisfies ZaloBotInfo as T;
        case "sendChatAction":
          return true as T;
        case "sendMessage": {
          const buttons = Array.isArray(params.buttons) ? (params.buttons as OaButton[]) : [];
          const message: Record<string, unknown> = { text: String(params.text ?? "") };
          if (buttons.length > 0)
            message.attachment = {
              type: "template",
              payload: {
                buttons: buttons.slice(0, OA_MAX_BUTTONS).map((button) => ({
                  title: button.title.slice(0, OA_BUTTON_TITLE_MAX),
                  type: "oa.query.show",
                  payload: button.payload,
                })),
              },
            };
          return (await sendCs(method, chatId, message)) as T;
        }
        case "sendPhoto": {
          const caption = typeof params.caption === "string" ? params.caption : "";
          // An uploaded image by its attachment_id, else by URL.
          const image =
            typeof params.attachment_id === "string"
              ? { media_type: "image", attachment_id: params.attachment_id }
              : { media_type: "image", url: String(params.photo) };
          return (await sendCs(method, chatId, {
            ...(caption ? { text: caption } : {}),
            attachment: { type: "template", payload: { template_type: "media", elements: [image] } },
          })) as T;
        }
        case "uploadImage": {
          const bytes = params.data instanceof Uint8Array ? params.data : new Uint8Array();
          const type = imageType(bytes);
          if (!type) throw new ZaloApiError(method, 400, "the OA uploads only PNG and JPEG images");
          if (bytes.length > OA_MAX_IMAGE_BYTES)
            throw new ZaloApiError(method, 400, "the OA uploads images up to 1 MB");
          const base = String(params.file_name ?? "anh").replace(/\.[A-Za-z0-9]+$/, "") || "anh";
          const attachmentId = await upload(
            method,
            "/v2.0/oa/upload/image",
            { bytes, fileName: `${base}.${type.extension}`, contentType: type.contentType },
            "attachment_id",
          );
          return { attachment_id: attachmentId } as T;
        }
        case "uploadFile": {
          const bytes = params.data instanceof Uint8Array ? params.data : new Uint8Array();
          if (bytes.length > OA_MAX_FILE_BYTES)
            throw new ZaloApiError(method, 400, "the OA uploads files up to 5 MB");
          const token = await upload(
            method,
            "/v2.0/oa/upload/file",
            {
              bytes,
              fileName: String(params.file_name ?? "tep"),
              contentType: String(params.content_type ?? "application/octet-stream"),
            },
            "token",
          );
          return { token } as T;
        }
        case "sendFile":
          // A file message has no caption (docs/zalo.md §3): zalo-fetch.ts sends it as a text after.
          return (await sendCs(method, chatId, {
            attachment: { type: "file", payload: { token: String(params.token ?? "") } },
          })) as T;
        case "sendTemplate": {
          const phone = znsPhone(String(params.phone ?? ""));
          if (phone === null)
            throw new ZaloApiError(method, 400, "Zalo ZNS: the phone number is not a Vietnamese number");
          let data: { msg_id?: unknown; sent_time?: unknown } | undefined;
          try {
            data = await oa.call<typeof data>(
              "/message/template",
              {
                json: {
                  phone,
                  template_id: String(params.template_id ?? ""),
                  template_data: params.template_data ?? {},
                  ...(typeof params.tracking_id === "string" ? { tracking_id: params.tracking_id } : {}),
                },
              },
              { host: "business" },
            );
          } catch (error) {
            if (error instanceof OaApiError) throw znsError(method, error, clock.now());
            if (error instanceof OaNetworkError) throw new ZaloNetworkError(method, { cause: error });
            throw error;
          }
          const sentAt = Number(data?.sent_time);
          return {
            message_id: typeof data?.msg_id === "string" ? data.msg_id : "",
            date: Number.isFinite(sentAt) && sentAt > 0 ? sentAt : clock.now().getTime(),
          } satisfies ZaloSent as T;
        }
        case "requestUserInfo":
          return (await sendCs(method, chatId, {
            attachment: {
              type: "template",
              payload: {
                template_type: "request_user_info",
                elements: [
                  {
                    title: String(params.title ?? ""),
                    subtitle: String(params.subtitle ?? ""),
                    ...(typeof params.image_url === "string" ? { image_url: params.image_url } : {}),
                  },
                ],
              },
            },
          })) as T;
        default:
          // Stickers by id, the Bot Platform's webhook and polling methods: not on an OA.
          throw new ZaloApiError(method, 400, `${method} is not available on a Zalo Official Account`);
      }
    },
  };
}
