/**
 * Units form a tree stored with a materialised path of ids, e.g. "/1/5/23/" for hamlet 23 in
 * commune 5 of province 1. "Everything under U" is then a range on the indexed path
 * (`subtreeRange`), one indexed query on SQLite and PostgreSQL alike, whatever the depth (older
 * data has districts).
 */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** Ids on the path from the root to the unit, root first. */
export function pathIds(path: string): number[] {
  return path
    .split("/")
    .filter((part) => part !== "")
    .map(Number);
}

/**
 * The paths of a unit and everything under it as a range, `gte <= path < lt`: "/1/5/" covers
 * "/1/5/" up to (not including) "/1/50" — '0' is the character after '/', so "/1/5/…" is inside
 * and "/1/50/" or "/1/6/" outside. A range uses the path index on SQLite and PostgreSQL alike,
 * where `LIKE '/1/5/%'` may scan the whole table (case-insensitive LIKE, collations).
 */
export function subtreeRange(path: string): { gte: string; lt: string } {
  const open = path.endsWith("/") ? path.slice(0, -1) : path;
  return { gte: open.length === 0 ? "/" : `${open}/`, lt: `${open}0` };
}
