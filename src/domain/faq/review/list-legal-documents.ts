import type { Db } from "../../../db/client.js";

/**
 * The legal registry a reviewer picks a basis from: the newest first, documents without a date
 * of issue last (said explicitly: SQLite sorts NULL lowest, PostgreSQL highest).
 */
export function listLegalDocuments(db: Pick<Db, "legalDocument">, options: { skip: number; take: number }) {
  return Promise.all([
    db.legalDocument.count(),
    db.legalDocument.findMany({
      orderBy: [{ issuedOn: { sort: "desc", nulls: "last" } }, { number: "asc" }],
      skip: options.skip,
      take: options.take,
      select: { id: true, key: true, number: true, kind: true, title: true, status: true },
    }),
  ]);
}
