import type { IncomingMessage } from "node:http";

export interface UploadedFile {
  data: Buffer;
  mimeType: string;
  fileName: string | undefined;
}

/**
 * Bot API parameters arrive in the query string, as JSON, urlencoded or multipart form data
 * (grammY uses JSON, and multipart when it uploads a file). In forms, objects such as
 * `reply_markup` are JSON strings. This gives one view over all of them.
 */
export class BotApiParams {
  constructor(
    private readonly values: Record<string, unknown>,
    private readonly files: Map<string, UploadedFile>,
  ) {}

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    return typeof value === "string" ? value : String(value);
  }

  number(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    const number = typeof value === "number" ? value : Number(value);
    return Number.isFinite(number) ? number : Number.NaN;
  }

  boolean(name: string): boolean {
    const value = this.values[name];
    return value === true || value === "true" || value === "1";
  }

  /** An object parameter, given as JSON text in forms or as an object in JSON bodies. */
  object<T>(name: string): T | undefined | "invalid" {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value as T;
    try {
      return JSON.parse(value) as T;
    } catch {
      return "invalid";
    }
  }

  /**
   * An input file parameter: an upload (directly under the name, or "attach://<part>"), or a
   * string (file_id or URL) the caller resolves.
   */
  file(name: string): UploadedFile | string | undefined {
    const direct = this.files.get(name);
    if (direct) return direct;
    const value = this.string(name);
    if (value?.startsWith("attach://")) return this.files.get(value.slice("attach://".length));
    return value;
  }
}

const MAX_BODY_BYTES = 50 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RequestTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export class RequestTooLarge extends Error {
  constructor() {
    super("Request Entity Too Large");
  }
}

export class MalformedRequest extends Error {}

export async function parseBotApiParams(request: IncomingMessage, url: URL): Promise<BotApiParams> {
  const values: Record<string, unknown> = Object.fromEntries(url.searchParams.entries());
  const files = new Map<string, UploadedFile>();
  if (request.method !== "POST") return new BotApiParams(values, files);

  const body = await readBody(request);
  const type = request.headers["content-type"] ?? "";
  if (body.length === 0) return new BotApiParams(values, files);

  if (type.startsWith("application/json")) {
    try {
      Object.assign(values, JSON.parse(body.toString("utf8")));
    } catch {
      throw new MalformedRequest("can't parse JSON object");
    }
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    Object.assign(values, Object.fromEntries(new URLSearchParams(body.toString("utf8")).entries()));
  } else if (type.startsWith("multipart/form-data")) {
    for (const part of parseMultipart(body, type)) {
      if (part.fileName === undefined) values[part.name] = part.data.toString("utf8");
      else {
        files.set(part.name, {
          data: part.data,
          mimeType: part.contentType || "application/octet-stream",
          fileName: part.fileName || undefined,
        });
      }
    }
  }
  return new BotApiParams(values, files);
}

export interface MultipartPart {
  name: string;
  fileName: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

/**
 * Splits a multipart/form-data body into its parts. Node's own parser (undici's `formData()`)
 * only accepts `form-data; name="…"; filename="…"` spelled exactly so, and rejects what grammY
 * sends — `content-disposition:form-data;name="…";filename=x.png`, no spaces and the filename
 * unquoted — which Telegram accepts. This one takes both.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const malformed = () => new MalformedRequest("can't parse multipart/form-data");
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw malformed();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter may open the body, without the CRLF before it.
  let position = body.indexOf(delimiter.subarray(2));
  if (position < 0) throw malformed();
  position += delimiter.length - 2;
  const parts: MultipartPart[] = [];
  for (;;) {
    if (body.subarray(position, position + 2).toString("latin1") === "--") return parts;
    const start = body.indexOf("\r\n", position);
    const end = start < 0 ? -1 : body.indexOf(delimiter, start);
    if (end < 0) throw malformed();
    const part = body.subarray(start + 2, end);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) throw malformed();
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = new Map<string, string>();
    for (const param of (headers.get("content-disposition") ?? "").matchAll(
      /;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g,
    )) {
      const key = (param[1] ?? "").toLowerCase();
      disposition.set(key, param[2]?.replace(/\\(.)/g, "$1") ?? (param[3] ?? "").trim());
    }
    const name = disposition.get("name");
    if (name !== undefined) {
      parts.push({
        name,
        fileName: disposition.get("filename"),
        contentType: headers.get("content-type"),
        data: part.subarray(headerEnd + 4),
      });
    }
    position = end + delimiter.length;
  }
}
