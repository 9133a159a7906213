import {
  LEGAL_STATUSES,
  type LegalDocumentInfo,
  type LegalRegistry,
  type LegalStatus,
} from "./legal-registry.js";

/** The registry as the importer stored it (the `LegalDocument` table), for the bot at run time. */
export function legalRegistryFromRows(
  rows: readonly {
    key: string;
    number: string;
    kind: string;
    title: string;
    issuedOn: Date | null;
    effectiveFrom: Date | null;
    status: string;
    replacedBy: string | null;
    amendedBy: unknown;
    endedOn: Date | null;
    note: string | null;
  }[],
): LegalRegistry {
  const isStatus = (value: string): value is LegalStatus =>
    (LEGAL_STATUSES as readonly string[]).includes(value);
  return new Map(
    rows.map((row): [string, LegalDocumentInfo] => [
      row.key,
      {
        key: row.key,
        number: row.number,
        kind: row.kind,
        title: row.title,
        issuedOn: row.issuedOn,
        effectiveFrom: row.effectiveFrom,
        // A status this version does not know is shown as not verified rather than trusted.
        status: isStatus(row.status) ? row.status : "unknown",
        replacedBy: row.replacedBy,
        amendedBy: Array.isArray(row.amendedBy) ? row.amendedBy.map(String) : [],
        endedOn: row.endedOn,
        note: row.note,
      },
    ]),
  );
}
