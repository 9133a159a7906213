/**
 * Units by name in Vietnamese alphabetical order (Đ after D, "Thôn 10" after "Thôn 9"), then by
 * id — the same on every database: SQLite compares bytes and PostgreSQL its collation, so lists
 * people see are sorted here (a unit's children are few).
 */
const UNIT_NAME_ORDER = new Intl.Collator("vi", { numeric: true });

export function byUnitName(a: { name: string; id: number }, b: { name: string; id: number }): number {
  return UNIT_NAME_ORDER.compare(a.name, b.name) || a.id - b.id;
}
