import { z } from "zod";

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

const nonNegativeNumber = (defaultValue: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: "phải là một số" }).min(0, { error: "không được âm" }).default(defaultValue),
  );

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
  BOT_API_ROOT: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, error: "phải là một URL http(s)://" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  ),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("file:./data/app.db")
      .refine((url) => /^file:.+/.test(url), {
        error: (issue) => `chỉ hỗ trợ SQLite, dạng file:./data/app.db (nhận được "${String(issue.input)}")`,
      }),
  ),
  HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "phải là một số" })
      .int({ error: "phải là số nguyên" })
      .min(0, { error: "phải từ 0 đến 65535 (0 = cổng trống bất kỳ)" })
      .max(65535, { error: "phải từ 0 đến 65535 (0 = cổng trống bất kỳ)" })
      .default(8080),
  ),
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
  SIMULATOR_FLOOD_PER_CHAT: nonNegativeNumber(0),
  SIMULATOR_FLOOD_GLOBAL: nonNegativeNumber(0),
});

export interface AppConfig {
  /** Real Telegram (or another Bot API server) when set; the local simulator otherwise. */
  botToken: string | undefined;
  /** Bot API root; `undefined` means "Telegram" with a token, "the simulator" without. */
  botApiRoot: string | undefined;
  databaseUrl: string;
  host: string;
  port: number;
  timeZone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  defaultLocale: "vi" | "en";
  seedDemoData: boolean;
  /** Open questions unanswered this many days go one level up (and again after as many more). */
  faqEscalationDays: number;
  simulator: {
    /** Messages per second allowed per chat before 429 (0 = no limit). */
    floodPerChat: number;
    /** Messages per second allowed in total before 429 (0 = no limit). */
    floodGlobal: number;
  };
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

/** Validates an environment; every problem is reported, not just the first. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".") || "(môi trường)";
      return `${name}: ${issue.message}`;
    });
    return { ok: false, problems };
  }
  const e = parsed.data;
  if (e.BOT_API_ROOT && !e.BOT_TOKEN) {
    return {
      ok: false,
      problems: ["BOT_API_ROOT: chỉ dùng cùng BOT_TOKEN (không có token thì bot chạy với trình giả lập)"],
    };
  }
  return {
    ok: true,
    config: {
      botToken: e.BOT_TOKEN,
      botApiRoot: e.BOT_API_ROOT,
      databaseUrl: e.DATABASE_URL,
      host: e.HOST,
      port: e.PORT,
      timeZone: e.TZ,
      logLevel: e.LOG_LEVEL,
      defaultLocale: e.DEFAULT_LOCALE,
      seedDemoData: e.SEED_DEMO_DATA,
      faqEscalationDays: e.FAQ_ESCALATION_DAYS,
      simulator: {
        floodPerChat: e.SIMULATOR_FLOOD_PER_CHAT,
        floodGlobal: e.SIMULATOR_FLOOD_GLOBAL,
      },
    },
  };
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
