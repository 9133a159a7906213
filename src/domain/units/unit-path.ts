/**
 * Units form a tree stored with a materialised path of ids, e.g. "/1/5/23/" for hamlet 23 in
 * commune 5 of province 1. "Everything under U" is then `path LIKE U.path || '%'`, one indexed
 * query on SQLite and PostgreSQL alike, whatever the depth (older data has districts).
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
