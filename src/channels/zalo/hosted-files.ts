import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";

/** How long a hosted file's link works (Zalo fetches photos at once; documents are read later). */
export const HOSTED_FILE_TTL_MS = 7 * 24 * 3600_000;

export interface HostedFile {
  url: string;
  expiresAt: Date;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A file name safe in a URL path and a header: no slashes, no control characters. */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[\p{Cc}/\\"]+/gu, "_").trim();
  return cleaned === "" ? "tep" : cleaned.slice(0, 120);
}

const TYPE_OF_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** The type a file was sent with, else the one its name says (grammY sends none). */
export function contentTypeOf(fileName: string, given?: string): string {
  if (given && given !== "application/octet-stream") return given;
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return TYPE_OF_EXTENSION[extension] ?? "application/octet-stream";
}

/**
 * Keeps a file the bot sent and returns its link: `${publicBaseUrl}/files/<token>/<name>`, the
 * token 32 random bytes (only its hash is stored), working until `expiresAt`.
 */
export async function hostFile(
  db: Db,
  clock: Clock,
  file: { data: Uint8Array; fileName: string; contentType: string },
  publicBaseUrl: string,
  ttlMs = HOSTED_FILE_TTL_MS,
): Promise<HostedFile> {
  const token = randomBytes(32).toString("base64url");
  const fileName = safeFileName(file.fileName);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.zaloHostedFile.create({
    data: {
      tokenHash: hashToken(token),
      fileName,
      contentType: contentTypeOf(fileName, file.contentType),
      data: Buffer.from(file.data),
      createdAt: now,
      expiresAt,
    },
  });
  return {
    url: `${publicBaseUrl.replace(/\/+$/, "")}/files/${token}/${encodeURIComponent(fileName)}`,
    expiresAt,
  };
}

/** Removes the files whose links have expired. */
export async function removeExpiredFiles(db: Db, clock: Clock): Promise<number> {
  const removed = await db.zaloHostedFile.deleteMany({ where: { expiresAt: { lt: clock.now() } } });
  return removed.count;
}

/**
 * Serves `/files/<token>/<name>` (GET/HEAD): the file with its type while its link lasts, 404
 * otherwise (unknown, expired, or any other path). Pictures inline, other files as downloads,
 * under a sandboxing CSP so a hosted HTML file cannot run in the app's origin.
 */
export function createFilesHandler(db: Db, clock: Clock) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const notFound = () => {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
    };
    const match = /^\/files\/([A-Za-z0-9_-]{43})\/[^/?#]*(?:\?.*)?$/.exec(request.url ?? "");
    if (!match?.[1] || (request.method !== "GET" && request.method !== "HEAD")) return notFound();
    const file = await db.zaloHostedFile.findUnique({ where: { tokenHash: hashToken(match[1]) } });
    if (!file || file.expiresAt.getTime() <= clock.now().getTime()) return notFound();
    const inline = /^image\/(png|jpeg|gif|webp)$/.test(file.contentType);
    response.writeHead(200, {
      "content-type": file.contentType,
      "content-length": String(file.data.length),
      "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
    });
    response.end(request.method === "HEAD" ? undefined : Buffer.from(file.data));
  };
}
