/**
 * `npm start`: reads the configuration, then starts everything (see app.ts). Without
 * BOT_TOKEN the bot runs against the local simulator and the chat page is printed.
 *
 * Exit codes (README "Operations"): 0 stopped by a signal, 1 could not start or an unexpected
 * fault, 3 token refused, 4 database locked while migrations were pending, 5 another process
 * already polls with this token.
 */
import { existsSync } from "node:fs";
import { type App, StartupError, startApp } from "./app.js";
import { formatConfigProblems, loadConfig } from "./config.js";
import { EXIT_CODES } from "./exit-codes.js";
import { createLogger } from "./logger.js";

if (existsSync(".env")) process.loadEnvFile(".env");

const result = loadConfig(process.env);
if (!result.ok) {
  console.error(formatConfigProblems(result.problems));
  process.exit(EXIT_CODES.failed);
}
const config = result.config;
const logger = createLogger(config.logLevel);

// A stray rejection is a bug to log, not a reason to stop serving everyone.
process.on("unhandledRejection", (reason) => {
  logger.error({ err: reason }, "unhandled promise rejection");
});

// Signals are heard from the start: Ctrl+C while start-up waits for the Bot API stops cleanly.
let app: App | undefined;
const starting = new AbortController();
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(EXIT_CODES.failed), 10_000);
  force.unref();
  if (!app) {
    starting.abort(new Error(`${signal} during start-up`));
    return; // start-up cleans up and exits below
  }
  try {
    await app.stop();
    process.exit(EXIT_CODES.stopped);
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    process.exit(EXIT_CODES.failed);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

try {
  // Progress goes to the console (stderr), next to the banner: the first start takes a while.
  app = await startApp(config, logger, {
    progress: (message) => console.error(`  ${message}`),
    notice: (message) => console.error(`  ${message}`),
    signal: starting.signal,
  });
} catch (error) {
  if (starting.signal.aborted) process.exit(EXIT_CODES.stopped);
  if (error instanceof StartupError) {
    logger.fatal({ err: error.cause, exitCode: error.exit.exitCode }, error.exit.en);
    console.error(`Không khởi động được: ${error.exit.vi} (mã thoát ${error.exit.exitCode})`);
    process.exit(error.exit.exitCode);
  }
  logger.fatal({ err: error }, "start-up failed");
  console.error(`Không khởi động được: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(EXIT_CODES.failed);
}

if (starting.signal.aborted) {
  // The signal came while start-up was busy with something it could not interrupt.
  await app.stop();
  process.exit(EXIT_CODES.stopped);
}

// The app stops by itself only when it cannot go on (token refused, a second poller).
void app.stopped.then((exit) => {
  console.error(`Bot đã dừng: ${exit.vi} (mã thoát ${exit.exitCode})`);
  process.exit(exit.exitCode);
});

if (app.chatUrl) {
  const zaloName = app.zaloDialect === "oa" ? "Zalo OA" : "Zalo";
  const pageUrl = app.chatUrl.replace("//127.0.0.1", "//localhost");
  console.error(
    [
      "",
      `  Trợ lý Giảm nghèo đang chạy với trình giả lập Telegram và ${zaloName} (không cần token, không cần mạng).`,
      `  Mở ${pageUrl} trong trình duyệt, chọn một người dùng (trên Telegram hoặc ${zaloName}) và gõ /start${
        app.zaloDialect === "oa" ? " (trên Zalo OA: bấm ➕ Quan tâm)" : ""
      }.`,
      app.simulator?.remote
        ? `  ⚠️ Đang mở cho các máy khác trong mạng (HOST=${config.host}, SIMULATOR_ALLOW_REMOTE=true): trang chat hỏi mật khẩu SIMULATOR_PASSWORD. Chỉ dùng dữ liệu thử.`
        : "  Trình giả lập chỉ mở trên máy này (công cụ thử nghiệm, không dùng cho dữ liệu thật).",
      "  Nhấn Ctrl+C để dừng.",
      "",
    ].join("\n"),
  );
}
