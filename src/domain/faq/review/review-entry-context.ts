import type { Db } from "../../../db/client.js";
import type { LegalRegistry } from "../legal/legal-registry.js";
import { legalRegistryFromRows } from "../legal/legal-registry-from-rows.js";

/**
 * What the review screen needs besides the entry: its area unit (name and path, to preview the
 * answer as the people of that area will see it) and the registry rows of the documents it
 * cites, read now — an editor's new legal basis shows at once, before the index reloads.
 */
export async function reviewEntryContext(
  db: Db,
  entry: { areaCode: string | null; legalBasis: readonly { doc: string }[] },
): Promise<{ area: { name: string; path: string } | null; registry: LegalRegistry }> {
  const [area, documents] = await Promise.all([
    entry.areaCode
      ? db.unit.findUnique({ where: { code: entry.areaCode }, select: { name: true, path: true } })
      : null,
    db.legalDocument.findMany({ where: { key: { in: entry.legalBasis.map((ref) => ref.doc) } } }),
  ]);
  return { area, registry: legalRegistryFromRows(documents) };
}
