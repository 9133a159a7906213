import type { Logger } from "pino";
import type { Db } from "../../../db/client.js";
import { createTranslator, type Locale, type Translator } from "../../../i18n/translator.js";
import type { Clock } from "../../../shared/clock.js";
import { DEFAULT_TIME_ZONE } from "../../../shared/time.js";
import type { ZaloChannel } from "../channel.js";
import { createFilesHandler, removeExpiredFiles } from "../hosted-files.js";
import { createInbound, type Inbound } from "../inbound.js";
import type { ZaloClient } from "../zalo-client.js";
import { createZaloFetch } from "../zalo-fetch.js";
import { createOaBotClient, OA_MAX_BUTTONS } from "./oa-bot-client.js";
import { createOaClient } from "./oa-client.js";
import { createOaTokens } from "./oa-tokens.js";
import { createOaWebhookHandler } from "./oa-webhook.js";

export interface ZaloOaChannelOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The Official Account's id (its tokens are stored under it by `npm run zalo:oa-auth`). */
  oaId: string;
  /** The OA's name, the bot's `first_name`. */
  oaName: string;
  appId: string;
  appSecret: string;
  /** The secret of `X-ZEvent-Signature` (the OA Secret Key per two sources; the App Secret per one). */
  webhookSecret: string;
  /** The first term of the signature: the app id (default) or, per one source, the OA id. */
  webhookMacFirstTerm?: string;
  publicBaseUrl: string;
  /**
   * The picture above the phone form (`request_user_info` needs one): a public http(s) URL Zalo
   * fetches, e.g. the app's `<publicBaseUrl>/zalo-oa/form.png` (oa-form-image.ts).
   */
  userInfoImageUrl?: string;
  /** `https://openapi.zalo.me` and `https://oauth.zaloapp.com` unless replaced (the simulator's fake). */
  apiRoot?: string;
  oauthRoot?: string;
  /**
   * ZNS's host for template messages, `https://business.openapi.zalo.me` unless replaced (the
   * simulator's fake answers at `<simulator>/zalo-oa/business`).
   */
  businessApiRoot?: string;
  translator?: Translator;
  defaultLocale?: Locale;
  timeZone?: string;
  fetch?: typeof fetch;
}

/**
 * A Zalo Official Account as a transport for the unchanged grammY bot: the second dialect of
 * part 1's Zalo transport. The inbound queue, the id map, typed menus, the outbound translation
 * and hosted files are part 1's; only the client (the OA API with its tokens, behind the Bot
 * Platform's method names), the signed webhook and the buttons (≤ 5, as `oa.query.show`) and
 * phone form are the OA's. The OA has no polling and its webhook is set in Zalo's console, so
 * `startPoller` and `ensureWebhook` do nothing.
 */
export function createZaloOaChannel(options: ZaloOaChannelOptions): ZaloChannel {
  const { db, clock, logger } = options;
  const translator = options.translator ?? createTranslator(options.defaultLocale ?? "vi");
  const defaultLocale = options.defaultLocale ?? "vi";
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  const tokens = createOaTokens({
    db,
    clock,
    logger,
    oaId: options.oaId,
    appId: options.appId,
    appSecret: options.appSecret,
    ...(options.oauthRoot ? { oauthRoot: options.oauthRoot } : {}),
    ...fetchOption,
  });
  const oa = createOaClient({
    tokens,
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    ...(options.businessApiRoot ? { businessApiRoot: options.businessApiRoot } : {}),
    ...fetchOption,
  });
  const client = withUserInfoImage(
    createOaBotClient({ oa, clock, oaId: options.oaId, oaName: options.oaName }),
    options.userInfoImageUrl,
  );
  let zaloFetch: typeof fetch | undefined;
  const botUser = async () => {
    const response = await (zaloFetch as typeof fetch)("http://zalo.invalid/bot/getMe", { method: "POST" });
    const body = (await response.json()) as {
      ok: boolean;
      result: { id: number; is_bot: true; first_name: string };
    };
    if (!body.ok) throw new Error("zalo oa: getMe failed");
    return body.result;
  };
  const inbound: Inbound = createInbound({ db, clock, logger, client, translator, defaultLocale, botUser });
  zaloFetch = createZaloFetch({
    db,
    clock,
    logger,
    client,
    inbound,
    translator,
    defaultLocale,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    publicBaseUrl: options.publicBaseUrl,
    botName: options.oaName,
    buttons: { max: OA_MAX_BUTTONS },
    requestUserInfo: true,
    templates: true,
    uploads: true,
  });
  return {
    fetch: zaloFetch,
    webhookHandler: createOaWebhookHandler({
      inbound,
      logger,
      secret: options.webhookSecret,
      firstTerm: options.webhookMacFirstTerm ?? options.appId,
    }),
    filesHandler: createFilesHandler(db, clock),
    ingest: (event) => inbound.ingest(event),
    startTranslator: (translatorOptions) => inbound.startTranslator(translatorOptions),
    startPoller() {
      logger.warn("zalo oa: an Official Account has no polling; events come through the webhook");
    },
    ensureWebhook: async () => false,
    removeExpiredFiles: () => removeExpiredFiles(db, clock),
    async stop() {
      await inbound.close();
    },
  };
}

/** The phone form's picture added to every `requestUserInfo` that has none. */
function withUserInfoImage(client: ZaloClient, imageUrl: string | undefined): ZaloClient {
  if (!imageUrl) return client;
  return {
    call: (method, params = {}) =>
      client.call(
        method,
        method === "requestUserInfo" && params.image_url === undefined
          ? { ...params, image_url: imageUrl }
          : params,
      ),
  };
}
