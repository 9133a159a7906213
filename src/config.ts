import cron from "node-cron";
import { z } from "zod";
import type { SendPolicy, TemplateConfig } from "./domain/outbox/route-delivery.js";
import { isLoopbackHost } from "./shared/loopback.js";

/**
 * The whole configuration, read once from the environment by {@link loadConfig} in the
 * composition root. Nothing else reads `process.env`, so importing any module in a test needs
 * no environment at all.
 */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const booleanFlag = (defaultValue: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
        error: "phải là true hoặc false",
      })
      .default(defaultValue ? "true" : "false")
      .transform((value) => ["1", "true", "yes", "on"].includes(value)),
  );

/** A PostgreSQL URL the `pg` driver can open: a host and a database name. */
function isPostgresqlUrl(text: string): boolean {
  if (!/^postgres(ql)?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return url.hostname !== "" && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/** A database URL fit for a message: any password replaced by ***. */
function withoutPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
}

/** The shared password that guards a simulator opened to the network. */
const MIN_SIMULATOR_PASSWORD = 12;

const nonNegativeNumber = (defaultValue: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: "phải là một số" }).min(0, { error: "không được âm" }).default(defaultValue),
  );

/** ZALO_TEMPLATES: per kind of message, an approved template id and where each field comes from. */
const templatesSchema = z.preprocess(
  (value) => {
    const text = emptyToUndefined(value);
    if (text === undefined) return {};
    try {
      return JSON.parse(String(text));
    } catch {
      return value;
    }
  },
  z.partialRecord(
    z.enum(["notification", "broadcast", "reminder", "summary"]),
    z.object({
      templateId: z.string().min(1),
      fields: z.record(z.string().min(1), z.enum(["name", "text", "date"])),
    }),
    {
      error:
        'phải là JSON, ví dụ {"reminder":{"templateId":"123","fields":{"ten":"name","noi_dung":"text"}}} ' +
        "(loại tin: notification, broadcast, reminder, summary; giá trị trường: name, text, date)",
    },
  ),
);

/** An http(s) address without its trailing slash, when given. */
const optionalUrl = () =>
  z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, error: "phải là một URL http(s)://" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  );

/** An id Zalo gives as a string of digits (app id, OA id). */
const zaloNumericId = (what: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{5,25}$/, { error: `chỉ gồm chữ số (${what})` })
      .optional(),
  );

/** A key copied from Zalo's console (App Secret, OA Secret Key): one word, no spaces. */
const zaloSecret = () =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\S{8,256}$/, {
        error: "8–256 ký tự, không có dấu cách (chép nguyên từ trang quản lý của Zalo)",
      })
      .optional(),
  );

/** What the bot calls itself on a Zalo OA unless ZALO_OA_NAME says otherwise. */
export const DEFAULT_ZALO_OA_NAME = "Trợ lý Giảm nghèo";

/** The variables that, with ZALO_DIALECT=oa, make the app talk to a real Official Account. */
const ZALO_OA_REQUIRED = [
  "ZALO_OA_APP_ID",
  "ZALO_OA_APP_SECRET",
  "ZALO_OA_ID",
  "ZALO_OA_WEBHOOK_SECRET",
] as const;

/** A TCP port; 0 picks any free one. */
const port = (defaultValue: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "phải là một số" })
      .int({ error: "phải là số nguyên" })
      .min(0, { error: "phải từ 0 đến 65535 (0 = cổng trống bất kỳ)" })
      .max(65535, { error: "phải từ 0 đến 65535 (0 = cổng trống bất kỳ)" })
      .default(defaultValue),
  );

/**
 * Updates (one chat each) an instance handles at once, by webhook or by polling
 * (`UPDATE_CONCURRENCY`). More would not go faster — the work is CPU and one database — but each
 * update in flight holds its chat's state, queries and replies in memory: 200 at once took about
 * 90 MB more at the peak than 16 to 32 did, for the same throughput (bench:updates --in-flight).
 */
export const DEFAULT_UPDATE_CONCURRENCY = 16;

const envSchema = z.object({
  BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{3,}:[A-Za-z0-9_-]{20,}$/, {
        error: "không đúng dạng token của BotFather (123456789:AA…)",
      })
      .optional(),
  ),
  BOT_API_ROOT: optionalUrl(),
  BOT_MODE: z.preprocess(
    emptyToUndefined,
    z
      .enum(["polling", "webhook"], {
        error:
          "phải là polling (một tiến trình, mặc định) hoặc webhook (nhiều tiến trình sau bộ cân bằng tải)",
      })
      .default("polling"),
  ),
  WEBHOOK_URL: optionalUrl(),
  WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, {
        error: "16–256 ký tự, chỉ gồm chữ, số, _ và - (English: 16–256 letters, digits, _ or -)",
      })
      .optional(),
  ),
  ZALO_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{3,}:[A-Za-z0-9_-]{10,}$/, {
        error: "không đúng dạng token của Zalo Bot Manager (1234567890123456789:AbC…)",
      })
      .optional(),
  ),
  ZALO_API_ROOT: optionalUrl(),
  ZALO_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,256}$/, { error: "8–256 ký tự, chỉ gồm chữ, số, _ và -" })
      .optional(),
  ),
  ZALO_POLLING: booleanFlag(false),
  ZALO_OA_APP_ID: zaloNumericId("App ID của ứng dụng trên developers.zalo.me"),
  ZALO_OA_APP_SECRET: zaloSecret(),
  ZALO_OA_ID: zaloNumericId("OA ID của Official Account"),
  ZALO_OA_NAME: z.preprocess(
    emptyToUndefined,
    z.string().trim().max(100, { error: "tối đa 100 ký tự" }).default(DEFAULT_ZALO_OA_NAME),
  ),
  ZALO_OA_WEBHOOK_SECRET: zaloSecret(),
  ZALO_OA_WEBHOOK_MAC_FIRST_TERM: z.preprocess(
    emptyToUndefined,
    z.enum(["app_id", "oa_id"], { error: "phải là app_id (mặc định) hoặc oa_id" }).default("app_id"),
  ),
  ZALO_OA_API_ROOT: optionalUrl(),
  ZALO_OA_OAUTH_ROOT: optionalUrl(),
  ZALO_OA_BUSINESS_API_ROOT: optionalUrl(),
  PUBLIC_BASE_URL: optionalUrl(),
  HTTP_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
  HTTP_PORT: port(8081),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("file:./data/app.db")
      .refine((url) => /^file:.+/.test(url) || isPostgresqlUrl(url), {
        error: (issue) =>
          "SQLite (file:./data/app.db) hoặc PostgreSQL (postgresql://người-dùng:mật-khẩu@máy-chủ:5432/tên-csdl) " +
          `(nhận được "${withoutPassword(String(issue.input))}")`,
      }),
  ),
  HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
  PORT: port(8080),
  TZ: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("Asia/Ho_Chi_Minh")
      .refine(isValidTimeZone, { error: "không phải múi giờ IANA hợp lệ (ví dụ Asia/Ho_Chi_Minh)" }),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(LOG_LEVELS, { error: `phải là một trong: ${LOG_LEVELS.join(", ")}` }).default("info"),
  ),
  DEFAULT_LOCALE: z.preprocess(
    emptyToUndefined,
    z.enum(["vi", "en"], { error: "phải là vi hoặc en" }).default("vi"),
  ),
  SEED_DEMO_DATA: booleanFlag(true),
  FAQ_ESCALATION_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "phải là một số" })
      .int({ error: "phải là số nguyên" })
      .min(1, { error: "ít nhất 1 ngày" })
      .default(3),
  ),
  COURSE_SENDS_CRON: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => cron.validate(value), { error: "không phải biểu thức cron hợp lệ" })
      .default("* * * * *"),
  ),
  SUMMARY_CRON: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => cron.validate(value), { error: "không phải biểu thức cron hợp lệ" })
      .default("* * * * *"),
  ),
  OUTBOX_RATE: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "phải là một số" })
      .positive({ error: "phải lớn hơn 0" })
      .max(1000, { error: "tối đa 1000 tin/giây" })
      .default(25),
  ),
  UPDATE_CONCURRENCY: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "phải là một số" })
      .int({ error: "phải là số nguyên" })
      .min(1, { error: "ít nhất 1" })
      .max(500, { error: "tối đa 500" })
      .default(DEFAULT_UPDATE_CONCURRENCY),
  ),
  OUTBOX_PROGRESS_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: "phải là một số" }).min(1, { error: "ít nhất 1 giây" }).default(3),
  ),
  ZALO_DIALECT: z.preprocess(
    emptyToUndefined,
    z
      .enum(["bot", "oa"], { error: "phải là bot (Zalo Bot Platform) hoặc oa (Official Account)" })
      .default("bot"),
  ),
  ZALO_PAID_MESSAGES: booleanFlag(false),
  ZALO_PAID_COST_VND: nonNegativeNumber(55),
  ZALO_TEMPLATES: templatesSchema,
  ZALO_TEMPLATE_COST_VND: nonNegativeNumber(300),
  ZALO_MONTHLY_QUOTA: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: "phải là một số" }).int({ error: "phải là số nguyên" }).min(1).default(3000),
  ),
  SIMULATOR_FLOOD_PER_CHAT: nonNegativeNumber(0),
  SIMULATOR_FLOOD_GLOBAL: nonNegativeNumber(0),
  SIMULATOR_ALLOW_REMOTE: booleanFlag(false),
  SIMULATOR_PASSWORD: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .min(MIN_SIMULATOR_PASSWORD, {
        error: `phải có ít nhất ${MIN_SIMULATOR_PASSWORD} ký tự (English: at least ${MIN_SIMULATOR_PASSWORD} characters)`,
      })
      .optional(),
  ),
});

export interface AppConfig {
  /** Real Telegram (or another Bot API server) when set; the local simulator otherwise. */
  botToken: string | undefined;
  /** Bot API root; `undefined` means "Telegram" with a token, "the simulator" without. */
  botApiRoot: string | undefined;
  /**
   * How Telegram's updates arrive (`BOT_MODE`): long polling — one instance per token — or a
   * webhook, which any number of instances behind a load balancer serve. Webhook: the public
   * address Telegram posts to (`WEBHOOK_URL`, forwarded to `<HTTP_HOST:HTTP_PORT>/telegram/webhook`)
   * and the secret it sends back (`WEBHOOK_SECRET`); both required with a token, and in
   * simulator mode made up (the app's own server, a random secret) when not given.
   */
  telegramUpdates:
    | { mode: "polling" }
    | { mode: "webhook"; url: string | undefined; secret: string | undefined };
  /**
   * The Zalo bot, when configured: a Bot Platform bot (`ZALO_BOT_TOKEN`) or an Official Account
   * (`ZALO_DIALECT=oa` with `ZALO_OA_*`) — one Zalo dialect per instance. Without any of them
   * (and no BOT_TOKEN) both channels run against the simulator, Zalo in `sendPolicy.zaloDialect`.
   */
  zalo: ZaloBotPlatformConfig | ZaloOaConfig | undefined;
  /** The bot's name on a Zalo Official Account (real or simulated): `ZALO_OA_NAME`. */
  zaloOaName: string;
  /**
   * The app's own HTTP server (Zalo's webhook at /zalo/webhook or /zalo-oa/webhook, file links at
   * /files/…): where it
   * listens, and the address Zalo and people's phones reach it by.
   */
  http: { host: string; port: number; publicBaseUrl: string | undefined };
  databaseUrl: string;
  host: string;
  port: number;
  timeZone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  defaultLocale: "vi" | "en";
  seedDemoData: boolean;
  /** Open questions unanswered this many days go one level up (and again after as many more). */
  faqEscalationDays: number;
  /** How often course reminders, answer nudges and quizzes are looked for (cron, local time). */
  courseSendsCron: string;
  /** How often the supervisor summaries that have come due are sent (`SUMMARY_CRON`). */
  summaryCron: string;
  /**
   * Updates this instance handles at once (`UPDATE_CONCURRENCY`, default 16), each chat's still
   * in order: by polling and by webhook alike. Beyond a few dozen, more only costs memory.
   */
  updateConcurrency: number;
  outbox: {
    /** Messages per second per messenger, all instances together (Telegram allows about 30). */
    perSecond: number;
    /** Least time between two edits of a sender's progress message, in milliseconds. */
    progressEveryMs: number;
  };
  /** How the outbox reaches each person on a metered messenger (Zalo); see route-delivery.ts. */
  sendPolicy: SendPolicy;
  simulator: {
    /** Messages per second allowed per chat before 429 (0 = no limit). */
    floodPerChat: number;
    /** Messages per second allowed in total before 429 (0 = no limit). */
    floodGlobal: number;
    /** A HOST other than this machine was asked for on purpose (SIMULATOR_ALLOW_REMOTE). */
    allowRemote: boolean;
    /** HTTP Basic password for the chat page, its API and files (required with allowRemote). */
    password: string | undefined;
  };
}

/** A Zalo Bot Platform bot (`ZALO_BOT_TOKEN`, `ZALO_DIALECT=bot`). */
export interface ZaloBotPlatformConfig {
  dialect: "bot";
  token: string;
  /** Zalo's Bot API root (default https://bot-api.zaloplatforms.com). */
  apiRoot: string | undefined;
  /** Sent back by Zalo on every webhook delivery; required unless polling. */
  webhookSecret: string | undefined;
  /** Poll getUpdates instead of a webhook (development only: Zalo may drop messages). */
  polling: boolean;
}

/**
 * A Zalo Official Account (`ZALO_DIALECT=oa` with `ZALO_OA_*`): the app of developers.zalo.me
 * that the OA authorised, and the secret that signs its webhook. Tokens are not configuration:
 * `npm run zalo:oa-auth` stores the first pair in the database and the app rotates it.
 */
export interface ZaloOaConfig {
  dialect: "oa";
  appId: string;
  appSecret: string;
  oaId: string;
  oaName: string;
  /** Ends the `X-ZEvent-Signature` hash: the OA Secret Key (or, per one source, the App Secret). */
  webhookSecret: string;
  /** Begins it: the app id (default) or, per one source, the OA id. Unconfirmed on a live OA. */
  webhookMacFirstTerm: "app_id" | "oa_id";
  /** `https://openapi.zalo.me` unless replaced. */
  apiRoot: string | undefined;
  /** `https://oauth.zaloapp.com` unless replaced. */
  oauthRoot: string | undefined;
  /** `https://business.openapi.zalo.me` (ZNS template messages) unless replaced. */
  businessApiRoot: string | undefined;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

/** Validates an environment; every problem is reported, not just the first. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = issue.path.join(".") || "(môi trường)";
        return `${name}: ${issue.message}`;
      });
  const noToken = emptyToUndefined(env.BOT_TOKEN) === undefined;
  const noZaloToken = emptyToUndefined(env.ZALO_BOT_TOKEN) === undefined;
  const oaDialect = envSchema.shape.ZALO_DIALECT.safeParse(env.ZALO_DIALECT).data === "oa";
  const realOa = oaDialect && ZALO_OA_REQUIRED.some((name) => emptyToUndefined(env[name]) !== undefined);
  if (noToken && envSchema.shape.BOT_API_ROOT.safeParse(env.BOT_API_ROOT).data) {
    problems.push("BOT_API_ROOT: chỉ dùng cùng BOT_TOKEN (không có token thì bot chạy với trình giả lập)");
  }
  if (noZaloToken && envSchema.shape.ZALO_API_ROOT.safeParse(env.ZALO_API_ROOT).data) {
    problems.push("ZALO_API_ROOT: chỉ dùng cùng ZALO_BOT_TOKEN");
  }
  for (const name of ["ZALO_OA_API_ROOT", "ZALO_OA_OAUTH_ROOT", "ZALO_OA_BUSINESS_API_ROOT"] as const) {
    if (!realOa && envSchema.shape[name].safeParse(env[name]).data) {
      problems.push(
        `${name}: chỉ dùng cùng ZALO_DIALECT=oa và ZALO_OA_APP_ID, ZALO_OA_APP_SECRET, ZALO_OA_ID`,
      );
    }
  }
  problems.push(...webhookProblems(env, noToken));
  if (!noZaloToken && oaDialect) {
    problems.push(
      "ZALO_BOT_TOKEN: là token của Zalo Bot Platform, nhưng ZALO_DIALECT=oa chọn Official Account — mỗi bản " +
        "chạy một loại Zalo. Bỏ ZALO_BOT_TOKEN (và điền ZALO_OA_…), hoặc đặt ZALO_DIALECT=bot. " +
        "(English: one Zalo dialect per instance: ZALO_BOT_TOKEN is the Bot Platform's, ZALO_DIALECT=oa the OA's.)",
    );
  } else if (!noZaloToken) problems.push(...zaloProblems(env));
  if (realOa) problems.push(...zaloOaProblems(env));
  if (noToken && noZaloToken && !realOa) problems.push(...simulatorAccessProblems(env));
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      botToken: e.BOT_TOKEN,
      botApiRoot: e.BOT_API_ROOT,
      telegramUpdates:
        e.BOT_MODE === "webhook"
          ? { mode: "webhook", url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET }
          : { mode: "polling" },
      zalo: e.ZALO_BOT_TOKEN
        ? {
            dialect: "bot",
            token: e.ZALO_BOT_TOKEN,
            apiRoot: e.ZALO_API_ROOT,
            webhookSecret: e.ZALO_WEBHOOK_SECRET,
            polling: e.ZALO_POLLING,
          }
        : realOa && e.ZALO_OA_APP_ID && e.ZALO_OA_APP_SECRET && e.ZALO_OA_ID && e.ZALO_OA_WEBHOOK_SECRET
          ? {
              dialect: "oa",
              appId: e.ZALO_OA_APP_ID,
              appSecret: e.ZALO_OA_APP_SECRET,
              oaId: e.ZALO_OA_ID,
              oaName: e.ZALO_OA_NAME,
              webhookSecret: e.ZALO_OA_WEBHOOK_SECRET,
              webhookMacFirstTerm: e.ZALO_OA_WEBHOOK_MAC_FIRST_TERM,
              apiRoot: e.ZALO_OA_API_ROOT,
              oauthRoot: e.ZALO_OA_OAUTH_ROOT,
              businessApiRoot: e.ZALO_OA_BUSINESS_API_ROOT,
            }
          : undefined,
      zaloOaName: e.ZALO_OA_NAME,
      http: { host: e.HTTP_HOST, port: e.HTTP_PORT, publicBaseUrl: e.PUBLIC_BASE_URL },
      databaseUrl: e.DATABASE_URL,
      host: e.HOST,
      port: e.PORT,
      timeZone: e.TZ,
      logLevel: e.LOG_LEVEL,
      defaultLocale: e.DEFAULT_LOCALE,
      seedDemoData: e.SEED_DEMO_DATA,
      faqEscalationDays: e.FAQ_ESCALATION_DAYS,
      courseSendsCron: e.COURSE_SENDS_CRON,
      summaryCron: e.SUMMARY_CRON,
      updateConcurrency: e.UPDATE_CONCURRENCY,
      outbox: { perSecond: e.OUTBOX_RATE, progressEveryMs: e.OUTBOX_PROGRESS_SECONDS * 1000 },
      sendPolicy: {
        zaloDialect: e.ZALO_DIALECT,
        zaloPaidAllowed: e.ZALO_PAID_MESSAGES,
        zaloPaidCostVnd: e.ZALO_PAID_COST_VND,
        templates: e.ZALO_TEMPLATES as SendPolicy["templates"] satisfies Record<string, TemplateConfig>,
        templateCostVnd: e.ZALO_TEMPLATE_COST_VND,
        zaloMonthlyQuota: e.ZALO_MONTHLY_QUOTA,
      },
      simulator: {
        floodPerChat: e.SIMULATOR_FLOOD_PER_CHAT,
        floodGlobal: e.SIMULATOR_FLOOD_GLOBAL,
        allowRemote: e.SIMULATOR_ALLOW_REMOTE,
        password: e.SIMULATOR_PASSWORD,
      },
    },
  };
}

/**
 * The simulator (started when there is no BOT_TOKEN) lets whoever reaches its page read every
 * person's phone number and act as anyone, the admin included: it listens only on this
 * machine unless the operator asks for more on purpose, and then only behind a shared
 * password. Read from the raw environment so that these problems join the others in one list.
 */
function simulatorAccessProblems(env: Record<string, string | undefined>): string[] {
  const host = envSchema.shape.HOST.safeParse(env.HOST).data;
  const allowRemote = envSchema.shape.SIMULATOR_ALLOW_REMOTE.safeParse(env.SIMULATOR_ALLOW_REMOTE).data;
  const problems: string[] = [];
  if (host !== undefined && !isLoopbackHost(host) && allowRemote === false) {
    problems.push(
      `HOST: ${host} mở trình giả lập cho cả mạng, nhưng trình giả lập chỉ dùng trên máy này: ai vào được ` +
        "trang chat sẽ xem được số điện thoại của mọi người và làm thay bất kỳ ai, kể cả quản trị viên. " +
        "Hãy dùng HOST=127.0.0.1, hoặc nếu thật sự cần cho máy khác vào thì đặt SIMULATOR_ALLOW_REMOTE=true " +
        `và SIMULATOR_PASSWORD=<mật khẩu dùng chung, ít nhất ${MIN_SIMULATOR_PASSWORD} ký tự>. ` +
        "(English: the simulator is a local tool; a HOST other than this machine needs " +
        "SIMULATOR_ALLOW_REMOTE=true and SIMULATOR_PASSWORD.)",
    );
  }
  if (allowRemote === true && emptyToUndefined(env.SIMULATOR_PASSWORD) === undefined) {
    problems.push(
      "SIMULATOR_PASSWORD: bắt buộc khi SIMULATOR_ALLOW_REMOTE=true — trang chat, API và tệp của trình " +
        `giả lập sẽ hỏi mật khẩu này (ít nhất ${MIN_SIMULATOR_PASSWORD} ký tự). ` +
        "(English: a shared password is required when remote access is allowed.)",
    );
  }
  return problems;
}

/**
 * Webhook mode needs the public address Telegram posts to and the secret it sends back — with a
 * token; the simulator makes both up when they are not given. Telegram itself posts only to
 * https. Either variable without webhook mode would be silently ignored: said instead.
 */
function webhookProblems(env: Record<string, string | undefined>, noToken: boolean): string[] {
  const mode = envSchema.shape.BOT_MODE.safeParse(env.BOT_MODE).data;
  const url = envSchema.shape.WEBHOOK_URL.safeParse(env.WEBHOOK_URL).data;
  const hasUrl = emptyToUndefined(env.WEBHOOK_URL) !== undefined;
  const hasSecret = emptyToUndefined(env.WEBHOOK_SECRET) !== undefined;
  const problems: string[] = [];
  if (mode === "polling") {
    if (hasUrl)
      problems.push("WEBHOOK_URL: chỉ dùng khi BOT_MODE=webhook (English: only with BOT_MODE=webhook)");
    if (hasSecret)
      problems.push("WEBHOOK_SECRET: chỉ dùng khi BOT_MODE=webhook (English: only with BOT_MODE=webhook)");
    return problems;
  }
  if (mode !== "webhook" || noToken) return problems;
  if (!hasUrl) {
    problems.push(
      "WEBHOOK_URL: bắt buộc khi BOT_MODE=webhook — địa chỉ https công khai mà Telegram gửi tin đến, thường là " +
        "https://<tên miền>/telegram/webhook; bộ proxy chuyển nó tới HTTP_HOST:HTTP_PORT/telegram/webhook. " +
        "(English: the public https address Telegram posts updates to, required with BOT_MODE=webhook.)",
    );
  } else if (
    url &&
    !url.startsWith("https://") &&
    envSchema.shape.BOT_API_ROOT.safeParse(env.BOT_API_ROOT).data === undefined
  ) {
    problems.push(
      "WEBHOOK_URL: Telegram chỉ gửi tin tới địa chỉ https:// (http chỉ dùng được với máy chủ Bot API riêng, BOT_API_ROOT). " +
        "(English: Telegram posts only to https addresses.)",
    );
  }
  if (!hasSecret) {
    problems.push(
      "WEBHOOK_SECRET: bắt buộc khi BOT_MODE=webhook — 16–256 ký tự chữ, số, _ hoặc -; Telegram gửi lại nó trong " +
        "tiêu đề X-Telegram-Bot-Api-Secret-Token và ứng dụng từ chối mọi yêu cầu không có nó. " +
        "(English: the secret Telegram sends back with every update, required with BOT_MODE=webhook.)",
    );
  }
  return problems;
}

/**
 * A Zalo bot needs an address Zalo's servers and people's phones reach (webhook, links to
 * pictures and Excel files), and a webhook secret unless it polls (development only).
 */
function zaloProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (emptyToUndefined(env.PUBLIC_BASE_URL) === undefined) {
    problems.push(
      "PUBLIC_BASE_URL: bắt buộc khi có ZALO_BOT_TOKEN — địa chỉ https công khai của ứng dụng, nơi Zalo gửi " +
        "tin đến (…/zalo/webhook) và lấy ảnh, tệp Excel (…/files/…). " +
        "(English: the app's public https address, required with ZALO_BOT_TOKEN.)",
    );
  }
  const polling = envSchema.shape.ZALO_POLLING.safeParse(env.ZALO_POLLING).data;
  if (polling === false && emptyToUndefined(env.ZALO_WEBHOOK_SECRET) === undefined) {
    problems.push(
      "ZALO_WEBHOOK_SECRET: bắt buộc khi dùng webhook (8–256 ký tự chữ, số, _ hoặc -); hoặc đặt ZALO_POLLING=true " +
        "khi thử nghiệm (Zalo có thể làm mất tin giữa hai lần hỏi). " +
        "(English: a webhook secret is required unless ZALO_POLLING=true.)",
    );
  }
  return problems;
}

/**
 * A real Official Account needs the app's id and secret, the OA's id and the secret that signs
 * its webhook — all from developers.zalo.me — and the app's public address (the webhook Zalo
 * calls, the links to files).
 */
function zaloOaProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const what: Record<(typeof ZALO_OA_REQUIRED)[number], string> = {
    ZALO_OA_APP_ID: "App ID của ứng dụng trên developers.zalo.me",
    ZALO_OA_APP_SECRET: "Khóa bí mật của ứng dụng (App Secret)",
    ZALO_OA_ID: "OA ID của Official Account (npm run zalo:oa-auth in ra)",
    ZALO_OA_WEBHOOK_SECRET: "OA Secret Key trong trang Webhook của ứng dụng, dùng để kiểm tra chữ ký sự kiện",
  };
  for (const name of ZALO_OA_REQUIRED) {
    if (emptyToUndefined(env[name]) === undefined)
      problems.push(
        `${name}: bắt buộc khi kết nối Official Account (ZALO_DIALECT=oa) — ${what[name]}. ` +
          "(English: required for a Zalo Official Account.)",
      );
  }
  if (emptyToUndefined(env.PUBLIC_BASE_URL) === undefined) {
    problems.push(
      "PUBLIC_BASE_URL: bắt buộc khi kết nối Official Account — địa chỉ https công khai của ứng dụng, nơi Zalo " +
        "gửi sự kiện đến (…/zalo-oa/webhook) và lấy ảnh, tệp (…/files/…). " +
        "(English: the app's public https address, required for a Zalo Official Account.)",
    );
  }
  return problems;
}

/** One message an operator can act on, listing every problem. */
export function formatConfigProblems(problems: string[]): string {
  return [
    "Cấu hình không hợp lệ — hãy sửa các biến môi trường (hoặc tệp .env) sau rồi chạy lại:",
    ...problems.map((problem) => `  • ${problem}`),
    "Xem .env.example để biết ý nghĩa và giá trị mặc định của từng biến.",
  ].join("\n");
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
