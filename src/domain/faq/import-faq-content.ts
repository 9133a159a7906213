import { createHash } from "node:crypto";
import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import type { FaqContentEntry } from "./content/faq-file.js";
import type { LegalDocumentInfo, LegalRegistry } from "./legal/legal-registry.js";

/** Keys of entries promoted from officers' answers; content files never own them. */
export const PROMOTED_KEY_PREFIX = "cb-";

export interface FaqImportResult {
  created: string[];
  updated: string[];
  unchanged: number;
  /** Content entries no longer in the files: kept for history, no longer served. */
  retired: string[];
  /** Legal documents of the registry created or changed (removed ones are kept: entries cite them). */
  legal: { created: string[]; updated: string[] };
  /** Local entries whose area code names no unit: imported, but served to nobody. */
  unknownAreas: { key: string; areaCode: string }[];
}

function hashOf(entry: FaqContentEntry): string {
  const { file: _file, unverified: _unverified, ...content } = entry;
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

function legalHashOf(doc: LegalDocumentInfo): string {
  return createHash("sha256").update(JSON.stringify(doc)).digest("hex");
}

/**
 * Loads the content files into the database: new entries are created, changed ones updated
 * (by content hash), removed ones retired. The legal registry goes in with them, in the same
 * transaction and audit entry: documents created or updated by content hash, none deleted
 * (an answer once shown may cite one). Idempotent: the same files again change nothing.
 */
export async function importFaqContent(
  db: Db,
  clock: Clock,
  entries: readonly FaqContentEntry[],
  registry: LegalRegistry,
  actor: { personId: number | null; via: "cli" | "start" },
): Promise<FaqImportResult> {
  return db.$transaction(
    async (tx) => {
      const existing = new Map((await tx.faqEntry.findMany()).map((row) => [row.key, row]));
      const result: FaqImportResult = {
        created: [],
        updated: [],
        unchanged: 0,
        retired: [],
        legal: { created: [], updated: [] },
        unknownAreas: [],
      };
      const documents = new Map((await tx.legalDocument.findMany()).map((row) => [row.key, row]));
      for (const doc of registry.values()) {
        const contentHash = legalHashOf(doc);
        const data: Prisma.LegalDocumentCreateInput = {
          key: doc.key,
          number: doc.number,
          kind: doc.kind,
          title: doc.title,
          issuedOn: doc.issuedOn,
          effectiveFrom: doc.effectiveFrom,
          status: doc.status,
          replacedBy: doc.replacedBy,
          amendedBy: doc.amendedBy.length > 0 ? doc.amendedBy : Prisma.DbNull,
          endedOn: doc.endedOn,
          note: doc.note,
          contentHash,
        };
        const row = documents.get(doc.key);
        if (!row) {
          await tx.legalDocument.create({ data });
          result.legal.created.push(doc.key);
        } else if (row.contentHash !== contentHash) {
          await tx.legalDocument.update({ where: { id: row.id }, data });
          result.legal.updated.push(doc.key);
        }
      }
      for (const entry of entries) {
        const contentHash = hashOf(entry);
        const data: Prisma.FaqEntryCreateInput = {
          key: entry.key,
          topics: entry.topics,
          title: entry.title,
          phrasings: entry.phrasings,
          keywords: entry.keywords,
          answer: entry.answer,
          details: entry.details,
          source: entry.source,
          validFrom: entry.validFrom,
          validTo: entry.validTo,
          status: entry.status,
          public: entry.public,
          legalBasis:
            entry.legalBasis.length > 0 ? entry.legalBasis.map((ref) => ({ ...ref })) : Prisma.DbNull,
          reviewBy: entry.reviewBy,
          endedOn: entry.endedOn,
          replacedBy: entry.replacedBy.length > 0 ? entry.replacedBy : Prisma.DbNull,
          areaCode: entry.areaCode,
          contentHash,
        };
        const row = existing.get(entry.key);
        if (!row) {
          await tx.faqEntry.create({ data });
          result.created.push(entry.key);
        } else if (row.contentHash !== contentHash) {
          await tx.faqEntry.update({ where: { id: row.id }, data });
          result.updated.push(entry.key);
        } else result.unchanged += 1;
      }
      const areaCodes = [...new Set(entries.flatMap((entry) => (entry.areaCode ? [entry.areaCode] : [])))];
      const known = new Set(
        (await tx.unit.findMany({ where: { code: { in: areaCodes } }, select: { code: true } })).map(
          (unit) => unit.code,
        ),
      );
      for (const entry of entries) {
        if (entry.areaCode && !known.has(entry.areaCode))
          result.unknownAreas.push({ key: entry.key, areaCode: entry.areaCode });
      }
      const inFiles = new Set(entries.map((entry) => entry.key));
      for (const row of existing.values()) {
        if (inFiles.has(row.key) || row.key.startsWith(PROMOTED_KEY_PREFIX) || row.status === "retired")
          continue;
        await tx.faqEntry.update({ where: { id: row.id }, data: { status: "retired" } });
        result.retired.push(row.key);
      }
      const legalChanged = result.legal.created.length + result.legal.updated.length;
      if (result.created.length + result.updated.length + result.retired.length + legalChanged > 0) {
        await recordAudit(tx, {
          at: clock.now(),
          actorId: actor.personId,
          action: "faq.import",
          details: {
            via: actor.via,
            created: result.created.length,
            updated: result.updated.length,
            retired: result.retired,
            unchanged: result.unchanged,
            legalCreated: result.legal.created.length,
            legalUpdated: result.legal.updated,
          },
        });
      }
      return result;
    },
    { timeout: 60_000 },
  );
}
