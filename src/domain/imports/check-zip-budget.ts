import { promisify } from "node:util";
import { inflateRaw } from "node:zlib";

const inflate = promisify(inflateRaw);

export type ZipBudgetResult =
  | { ok: true; inflatedBytes: number }
  | { ok: false; reason: "not_zip" | "corrupt" }
  | { ok: false; reason: "too_large"; inflatedBytes: number };

/** More entries than any workbook has: a sign of a crafted archive. */
const MAX_ENTRIES = 10_000;

/**
 * Checks, before any spreadsheet library sees it, that a ZIP archive (an .xlsx is one) inflates
 * to at most `maxInflatedBytes` — an 8 MB workbook can hold 650,000 rows, which takes a reader
 * gigabytes and minutes. The sizes the archive declares are summed first (a cheap refusal), then
 * every entry is really inflated with that size as its ceiling (off the main thread), so an
 * archive that lies about its sizes is caught too. Nothing is kept.
 */
export async function checkZipBudget(data: Buffer, maxInflatedBytes: number): Promise<ZipBudgetResult> {
  const entries = readCentralDirectory(data);
  if (entries === "not_zip") return { ok: false, reason: "not_zip" };
  if (entries === "too_large")
    return { ok: false, reason: "too_large", inflatedBytes: Number.POSITIVE_INFINITY };
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > maxInflatedBytes) return { ok: false, reason: "too_large", inflatedBytes: declared };
  for (const entry of entries) {
    if (entry.size === 0) continue;
    const start = dataStart(data, entry.localHeader);
    if (start === null || start + entry.compressedSize > data.length) return { ok: false, reason: "corrupt" };
    const packed = data.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) return { ok: false, reason: "corrupt" };
      continue;
    }
    if (entry.method !== 8) return { ok: false, reason: "corrupt" };
    try {
      const inflated = await inflate(packed, { maxOutputLength: entry.size });
      if (inflated.length !== entry.size) return { ok: false, reason: "corrupt" };
    } catch (error) {
      // More than it declared: a crafted archive; anything else: a broken one.
      const code = (error as NodeJS.ErrnoException).code;
      return code === "ERR_BUFFER_TOO_LARGE"
        ? { ok: false, reason: "too_large", inflatedBytes: Number.POSITIVE_INFINITY }
        : { ok: false, reason: "corrupt" };
    }
  }
  return { ok: true, inflatedBytes: declared };
}

interface ZipEntry {
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/** The entries the central directory lists; ZIP64 archives (over 4 GB) count as too large. */
function readCentralDirectory(data: Buffer): ZipEntry[] | "not_zip" | "too_large" {
  const end = findEndOfCentralDirectory(data);
  if (end === null) return "not_zip";
  const count = data.readUInt16LE(end + 10);
  const offset = data.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff || count > MAX_ENTRIES) return "too_large";
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return "not_zip";
    const compressedSize = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    if (compressedSize === 0xffffffff || size === 0xffffffff) return "too_large";
    entries.push({
      method: data.readUInt16LE(at + 10),
      compressedSize,
      size,
      localHeader: data.readUInt32LE(at + 42),
    });
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return entries;
}

/** The "end of central directory" record: 22 bytes plus a comment of up to 64 KB, at the end. */
function findEndOfCentralDirectory(data: Buffer): number | null {
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= lowest; at--) {
    if (data.readUInt32LE(at) === 0x06054b50) return at;
  }
  return null;
}

/** Where an entry's compressed bytes start, after its local header. */
function dataStart(data: Buffer, localHeader: number): number | null {
  if (localHeader + 30 > data.length || data.readUInt32LE(localHeader) !== 0x04034b50) return null;
  return localHeader + 30 + data.readUInt16LE(localHeader + 26) + data.readUInt16LE(localHeader + 28);
}
