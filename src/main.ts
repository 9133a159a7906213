/**
 * `npm start`: reads the configuration, then starts everything (see app.ts). Without
 * BOT_TOKEN the bot runs against the local simulator and the chat page is printed.
 */
import { existsSync } from "node:fs";
import { startApp } from "./app.js";
import { formatConfigProblems, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

if (existsSync(".env")) process.loadEnvFile(".env");

const result = loadConfig(process.env);
if (!result.ok) {
  console.error(formatConfigProblems(result.problems));
  process.exit(1);
}
const config = result.config;
const logger = createLogger(config.logLevel);

let app: Awaited<ReturnType<typeof startApp>>;
try {
  // Progress goes to the console (stderr), next to the banner: the first start takes a while.
  app = await startApp(config, logger, { progress: (message) => console.error(`  ${message}`) });
} catch (error) {
  logger.fatal({ err: error }, "start-up failed");
  console.error(`Không khởi động được: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

if (app.chatUrl) {
  const pageUrl = app.chatUrl.replace("//127.0.0.1", "//localhost");
  console.error(
    [
      "",
      "  Trợ lý Giảm nghèo đang chạy với trình giả lập Telegram (không cần token, không cần mạng).",
      `  Mở ${pageUrl} trong trình duyệt, chọn một người dùng và gõ /start.`,
      app.simulator?.remote
        ? `  ⚠️ Đang mở cho các máy khác trong mạng (HOST=${config.host}, SIMULATOR_ALLOW_REMOTE=true): trang chat hỏi mật khẩu SIMULATOR_PASSWORD. Chỉ dùng dữ liệu thử.`
        : "  Trình giả lập chỉ mở trên máy này (công cụ thử nghiệm, không dùng cho dữ liệu thật).",
      "  Nhấn Ctrl+C để dừng.",
      "",
    ].join("\n"),
  );
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
