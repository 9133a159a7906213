import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { packagePath } from "../../../shared/package-root.js";

/** The registry of legal documents the FAQ cites (data, edited with the content). */
export const LEGAL_REGISTRY_FILE = packagePath("content", "legal", "documents.yaml");

/** "unknown": the document's status has not been verified. */
export const LEGAL_STATUSES = ["in_force", "amended", "replaced", "expired", "unknown"] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "phải là ngày dạng YYYY-MM-DD" }));

const documentSchema = z
  .object({
    number: z.string().min(3).max(60),
    kind: z.string().min(2).max(40),
    title: z.string().min(3).max(300),
    issued: isoDate.optional(),
    effective: isoDate.optional(),
    status: z.enum(LEGAL_STATUSES, { error: `phải là một trong ${LEGAL_STATUSES.join(", ")}` }),
    amended_by: z.array(z.string().regex(KEY)).default([]),
    ended: isoDate.optional(),
    replaced_by: z.string().regex(KEY).optional(),
    note: z.string().min(3).max(300).optional(),
  })
  .strict()
  .refine((doc) => doc.status !== "replaced" || doc.replaced_by !== undefined, {
    error: "văn bản đã bị thay thế (status: replaced) phải có replaced_by",
    path: ["replaced_by"],
  });

export const legalRegistrySchema = z
  .object({
    documents: z
      .record(
        z.string().regex(KEY, { error: "mã văn bản chỉ gồm chữ thường không dấu, số và dấu -" }),
        documentSchema,
      )
      .default({}),
  })
  .strict();

/** One document of the registry; days are the start of that day, Vietnam time. */
export interface LegalDocumentInfo {
  key: string;
  /** Official number, e.g. "188/2025/NĐ-CP". */
  number: string;
  kind: string;
  title: string;
  issuedOn: Date | null;
  effectiveFrom: Date | null;
  status: LegalStatus;
  replacedBy: string | null;
  amendedBy: string[];
  /** Last day in force. */
  endedOn: Date | null;
  note: string | null;
}

/** Documents by key. */
export type LegalRegistry = ReadonlyMap<string, LegalDocumentInfo>;

const dayStart = (day: string | undefined) => (day ? new Date(`${day}T00:00:00.000+07:00`) : null);

/**
 * Parses the registry file: every document's fields, `replaced_by` required for a replaced
 * document, and every `replaced_by` / `amended_by` key must be a document of the file.
 */
export function parseLegalRegistry(
  text: string,
  file = "documents.yaml",
): { registry: LegalRegistry; errors: string[] } {
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    return {
      registry: new Map(),
      errors: [`${file}: YAML không hợp lệ: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  const parsed = legalRegistrySchema.safeParse(data);
  if (!parsed.success) {
    return {
      registry: new Map(),
      errors: parsed.error.issues.map(
        (issue) => `${file}: ${issue.path.join(".") || "(đầu tệp)"}: ${issue.message}`,
      ),
    };
  }
  const registry = new Map<string, LegalDocumentInfo>();
  const errors: string[] = [];
  const documents = parsed.data.documents;
  for (const [key, doc] of Object.entries(documents)) {
    if (doc.replaced_by !== undefined && !(doc.replaced_by in documents))
      errors.push(
        `${file}: documents.${key}.replaced_by: không có văn bản "${doc.replaced_by}" trong danh mục`,
      );
    if (doc.replaced_by === key)
      errors.push(`${file}: documents.${key}.replaced_by: văn bản không thể thay thế chính nó`);
    for (const other of doc.amended_by)
      if (!(other in documents))
        errors.push(`${file}: documents.${key}.amended_by: không có văn bản "${other}" trong danh mục`);
    registry.set(key, {
      key,
      number: doc.number,
      kind: doc.kind,
      title: doc.title,
      issuedOn: dayStart(doc.issued),
      effectiveFrom: dayStart(doc.effective),
      status: doc.status,
      replacedBy: doc.replaced_by ?? null,
      amendedBy: doc.amended_by,
      endedOn: dayStart(doc.ended),
      note: doc.note ?? null,
    });
  }
  return errors.length > 0 ? { registry: new Map(), errors } : { registry, errors: [] };
}

/** Reads the registry file ({@link LEGAL_REGISTRY_FILE} by default). */
export function loadLegalRegistry(path = LEGAL_REGISTRY_FILE): { registry: LegalRegistry; errors: string[] } {
  if (!existsSync(path))
    return { registry: new Map(), errors: [`${path}: không có tệp danh mục văn bản pháp luật`] };
  return parseLegalRegistry(readFileSync(path, "utf8"), path.split("/").slice(-2).join("/"));
}
