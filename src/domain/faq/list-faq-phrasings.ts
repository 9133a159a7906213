import type { Db } from "../../db/client.js";
import { listContentFiles } from "./editors-report/list-content-files.js";

export interface EntryPhrasings {
  key: string;
  title: string;
  /** The content file to paste them into (`phrasings:`); null for promoted answers. */
  file: string | null;
  phrasings: { text: string; addedAt: Date; addedBy: string | null }[];
}

/**
 * Phrasings editors added in the bot, by entry (in key order, each entry's oldest first), with
 * the content file each belongs in: the files stay the source of truth, so these are meant to
 * be copied into them.
 */
export async function listFaqPhrasings(
  db: Db,
  contentFiles: ReadonlyMap<string, string> = listContentFiles(),
): Promise<EntryPhrasings[]> {
  const rows = await db.faqPhrasing.findMany({
    include: { entry: { select: { key: true, title: true } } },
    orderBy: [{ entryId: "asc" }, { id: "asc" }],
  });
  const people = new Map(
    (
      await db.person.findMany({
        where: { id: { in: rows.flatMap((row) => (row.addedById === null ? [] : [row.addedById])) } },
        select: { id: true, fullName: true },
      })
    ).map((person) => [person.id, person.fullName]),
  );
  const byKey = new Map<string, EntryPhrasings>();
  for (const row of rows) {
    const entry = byKey.get(row.entry.key) ?? {
      key: row.entry.key,
      title: row.entry.title,
      file: contentFiles.get(row.entry.key) ?? null,
      phrasings: [],
    };
    entry.phrasings.push({
      text: row.text,
      addedAt: row.createdAt,
      addedBy: row.addedById === null ? null : (people.get(row.addedById) ?? null),
    });
    byKey.set(row.entry.key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}
