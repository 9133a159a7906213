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
    // The WHATWG Request in Node parses multipart bodies; no extra dependency needed.
    const form = await new Request("http://simulator.local/", {
      method: "POST",
      headers: { "content-type": type },
      body,
    })
      .formData()
      .catch(() => {
        throw new MalformedRequest("can't parse multipart/form-data");
      });
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") values[name] = value;
      else {
        files.set(name, {
          data: Buffer.from(await value.arrayBuffer()),
          mimeType: value.type || "application/octet-stream",
          fileName: value.name || undefined,
        });
      }
    }
  }
  return new BotApiParams(values, files);
}
