import type { Db } from "../../db/client.js";
import { validOn } from "./faq-validity.js";

export interface FaqListPage {
  entries: { id: number; title: string }[];
  page: number;
  pageCount: number;
}

/** A page of the entries in force on `on`, by title; strangers see public entries only. */
export async function listFaqEntries(
  db: Db,
  options: { on: Date; publicOnly: boolean; page: number; pageSize: number },
): Promise<FaqListPage> {
  const where = { ...validOn(options.on), ...(options.publicOnly ? { public: true } : {}) };
  const total = await db.faqEntry.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / options.pageSize));
  const page = Math.min(Math.max(0, options.page), pageCount - 1);
  const entries = await db.faqEntry.findMany({
    where,
    orderBy: [{ title: "asc" }],
    skip: page * options.pageSize,
    take: options.pageSize,
    select: { id: true, title: true },
  });
  return { entries, page, pageCount };
}
