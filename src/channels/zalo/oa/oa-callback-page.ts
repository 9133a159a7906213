import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Where Zalo's consent sends the OA's admin (`ZALO_OA_REDIRECT_URI`, the console's "Official
 * Account Callback Url" = `<PUBLIC_BASE_URL>/zalo-oa/callback`): a page saying to copy the
 * address into `npm run zalo:oa-auth`, which alone holds the PKCE verifier that makes the code
 * usable. The page reads nothing from the address and stores nothing; no referrer leaks it.
 */
export function oaCallbackPage(request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET" }).end();
    return;
  }
  response.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cấp quyền Zalo OA</title>' +
      '<body style="font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.5">' +
      "<h1>Đã cấp quyền cho ứng dụng</h1>" +
      "<p>Chép <b>toàn bộ địa chỉ</b> trên thanh địa chỉ của trình duyệt (có <code>code=…</code>) " +
      "và dán vào cửa sổ đang chạy <code>npm run zalo:oa-auth</code>. Mã chỉ dùng được trong 10 phút.</p>" +
      '<p lang="en">Copy the whole address from the address bar into the terminal running ' +
      "<code>npm run zalo:oa-auth</code> (the code is valid for 10 minutes).</p></body></html>",
  );
}
