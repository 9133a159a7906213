import { InputFile } from "grammy";
import type { Db } from "../db/client.js";

/** The Bot API parameters that carry a file (`photo` of sendPhoto, `document` of sendDocument). */
const FILE_PARAMS = ["photo", "document"] as const;

function generatedFileIdOf(value: unknown): number | null {
  if (typeof value !== "object" || value === null) return null;
  const id = (value as { generatedFileId?: unknown }).generatedFileId;
  return typeof id === "number" && Number.isInteger(id) ? id : null;
}

/** The ids of the generated files an outbox payload's parameters refer to. */
export function generatedFileIds(params: Record<string, unknown>): number[] {
  return FILE_PARAMS.map((name) => generatedFileIdOf(params[name])).filter((id): id is number => id !== null);
}

/**
 * An outbox payload's parameters with every `{ generatedFileId }` (a summary's chart or
 * workbook, stored by the sweep) replaced by an upload of the stored bytes under its file name;
 * `null` when a file is gone (expired and removed), so the row fails instead of retrying.
 * Parameters without one are returned as they are.
 */
export async function resolveGeneratedFiles(
  db: Pick<Db, "generatedFile">,
  params: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  const resolved: Record<string, unknown> = { ...params };
  for (const name of FILE_PARAMS) {
    const id = generatedFileIdOf(params[name]);
    if (id === null) continue;
    const file = await db.generatedFile.findUnique({
      where: { id },
      select: { fileName: true, bytes: true },
    });
    if (!file) return null;
    resolved[name] = new InputFile(file.bytes, file.fileName);
  }
  return resolved;
}
