import {
  completeOaAuthorisation,
  oaConsentUrl,
  readAuthorisationReply,
  startOaAuthorisation,
} from "../channels/zalo/oa/oa-authorise.js";
import type { Clock } from "../shared/clock.js";
import { openAdminDatabase } from "./open-admin-database.js";

export interface ZaloOaAuthIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads one line the operator types (the address Zalo redirected to, or the code). */
  ask(question: string): Promise<string>;
  clock: Clock;
  fetch?: typeof fetch;
}

const REASONS = {
  empty: "Chưa dán gì.",
  state_mismatch: "Địa chỉ này không thuộc lần cấp quyền vừa rồi (state khác) — hãy mở lại liên kết ở trên.",
  no_code: "Trong địa chỉ không có code.",
} as const;

/**
 * `npm run zalo:oa-auth`: the OA's first authorisation. Prints the consent address (PKCE), reads
 * the address Zalo redirected to (or the bare code), exchanges the code for the first token
 * pair and stores it; from then on the app refreshes the pair itself. Run it again when the
 * app reports that the refresh token was refused. Returns the exit code.
 */
export async function runZaloOaAuth(env: NodeJS.ProcessEnv, io: ZaloOaAuthIo): Promise<number> {
  const appId = env.ZALO_OA_APP_ID?.trim();
  const appSecret = env.ZALO_OA_APP_SECRET?.trim();
  const redirectUri = env.ZALO_OA_REDIRECT_URI?.trim();
  const missing = [
    ["ZALO_OA_APP_ID", appId],
    ["ZALO_OA_APP_SECRET", appSecret],
    ["ZALO_OA_REDIRECT_URI", redirectUri],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (!appId || !appSecret || !redirectUri) {
    io.err(
      `Thiếu cấu hình: ${missing.join(", ")} (trong .env). Xem README, "Kết nối Zalo Official Account".`,
    );
    return 2;
  }
  const oauthRoot = env.ZALO_OA_OAUTH_ROOT?.trim() || undefined;
  const start = startOaAuthorisation();
  io.out("1. Quản trị viên của OA mở địa chỉ sau, đăng nhập Zalo và bấm Cho phép:");
  io.out(`   ${oaConsentUrl({ appId, redirectUri, start, ...(oauthRoot ? { oauthRoot } : {}) })}`);
  io.out("2. Zalo chuyển tới địa chỉ callback (có ?code=…&oa_id=…). Mã chỉ dùng được trong 10 phút.");
  const reply = readAuthorisationReply(
    await io.ask("Dán địa chỉ đó (hoặc chỉ mã code) rồi bấm Enter: "),
    start.state,
  );
  if (!reply.ok) {
    io.err(REASONS[reply.reason]);
    return 1;
  }
  const oaId = reply.oaId ?? env.ZALO_OA_ID?.trim();
  if (!oaId) {
    io.err("Không biết OA nào: hãy dán cả địa chỉ (có oa_id), hoặc đặt ZALO_OA_ID.");
    return 1;
  }
  const opened = await openAdminDatabase(env.DATABASE_URL?.trim() || "file:./data/app.db");
  if (!opened.ok) {
    io.err(opened.message);
    return 1;
  }
  try {
    const result = await completeOaAuthorisation(opened.db, io.clock, {
      appId,
      appSecret,
      oaId,
      code: reply.code,
      codeVerifier: start.codeVerifier,
      ...(oauthRoot ? { oauthRoot } : {}),
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
    if (!result.ok) {
      io.err(`Zalo không cấp token: ${result.error}. Mã đã hết hạn hoặc đã dùng? Hãy chạy lại lệnh.`);
      return 1;
    }
    io.out(`Đã lưu token cho OA ${oaId}. Ứng dụng tự gia hạn token từ nay.`);
    if (!env.ZALO_OA_ID?.trim()) io.out(`Đặt ZALO_OA_ID=${oaId} trong .env.`);
    return 0;
  } finally {
    await opened.db.$disconnect();
  }
}
