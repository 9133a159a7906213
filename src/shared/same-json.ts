/**
 * Whether two JSON values are the same, whatever the order of their objects' keys. PostgreSQL's
 * `jsonb` (Prisma's `Json` there) does not keep the order in which keys were written — it returns
 * them sorted by length, then bytes — so a value read back from the database is compared with
 * the one written by content, never by `JSON.stringify` text.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  // Keys whose value is undefined are not JSON: JSON.stringify drops them, and so does this.
  const entries = (value: object) => Object.entries(value).filter(([, v]) => v !== undefined);
  const left = entries(a);
  const right = new Map(entries(b));
  return (
    left.length === right.size &&
    left.every(([key, value]) => right.has(key) && sameJson(value, right.get(key)))
  );
}
