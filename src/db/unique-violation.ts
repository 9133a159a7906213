import { Prisma } from "./client.js";

/**
 * Whether `error` is a unique constraint refusing a write (Prisma's P2002) — on `fields` when
 * given (every one of them part of the constraint). A rule the database enforces answers a race
 * this way: the loser's insert or update hits the constraint, and the caller turns it into the
 * same "already done" outcome its own check would have given.
 *
 * Through a driver adapter Prisma names the constraint in `meta.driverAdapterError.cause
 * .constraint` — by its fields (SQLite, PostgreSQL when it can tell) or by the index's name
 * (`Report_sentSlotKey_key`); without one, in `meta.target`. Each form is understood.
 *
 * On PostgreSQL the failed statement aborts the transaction it ran in: catch the error outside
 * `$transaction`, never inside it to carry on.
 */
export function isUniqueViolation(error: unknown, fields?: readonly string[]): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (!fields || fields.length === 0) return true;
  const named = constraintNames(error.meta);
  return fields.every((field) => named.some((name) => name === field || indexNames(name, field)));
}

/** The field names, or index name, the error's metadata gives for the constraint. */
function constraintNames(meta: Record<string, unknown> | undefined): string[] {
  const names: string[] = [];
  const target = meta?.target;
  if (Array.isArray(target)) names.push(...target.map(String));
  else if (typeof target === "string") names.push(target);
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: unknown } } | undefined)?.cause;
  const constraint = cause?.constraint as { fields?: unknown; index?: unknown } | undefined;
  if (Array.isArray(constraint?.fields)) names.push(...constraint.fields.map(String));
  if (typeof constraint?.index === "string") names.push(constraint.index);
  // SQLite names columns as "Table.column" in some messages.
  return names.map((name) => name.replace(/^.*\./, "").replace(/^"|"$/g, ""));
}

/** `Report_sentSlotKey_key` (Prisma's index naming) is an index on `sentSlotKey`. */
function indexNames(index: string, field: string): boolean {
  return index.split("_").includes(field);
}
