import { Prisma } from "./client.js";

/**
 * Whether `error` is a unique-constraint violation (Prisma's P2002) — on a constraint covering
 * all of `fields` when they are given. A rule the database enforces ("one pending request per
 * account") answers a second, concurrent attempt with this error: the caller turns it into the
 * same "already done" outcome its own check gives, after the transaction has rolled back (an
 * error aborts a PostgreSQL transaction, so it is never caught inside one to carry on).
 *
 * The violated columns are read where the driver adapters put them (`constraint.fields`, or the
 * index name, which Prisma builds from the model and field names), and where Prisma's own
 * engines did (`meta.target`).
 */
export function isUniqueViolation(error: unknown, fields?: readonly string[]): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (!fields || fields.length === 0) return true;
  const named = violatedNames(error.meta);
  return fields.every((field) => named.some((name) => name === field || name.includes(`_${field}_`)));
}

function violatedNames(meta: Record<string, unknown> | undefined): string[] {
  const names: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === "string") names.push(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === "string") names.push(item);
  };
  add(meta?.target);
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: unknown } } | undefined)?.cause;
  const constraint = cause?.constraint as { fields?: unknown; index?: unknown } | undefined;
  add(constraint?.fields);
  // An index name such as "AccessRequest_pendingKey_key": matched by `_<field>_`.
  add(constraint?.index);
  return names;
}
