import type { Prisma } from "../../db/client.js";

/** Entries in force on a date: the poverty standard changes on 1 January 2027. */
export function validOn(date: Date): Prisma.FaqEntryWhereInput {
  return {
    AND: [
      { OR: [{ validFrom: null }, { validFrom: { lte: date } }] },
      { OR: [{ validTo: null }, { validTo: { gte: date } }] },
    ],
  };
}
