import type { Db } from "../../db/client.js";
import { validOn } from "./faq-validity.js";

/**
 * One entry, if it is in force on `on` and visible to the asker. An old button pointing to an
 * entry that has since expired gets `null`, so the bot can say the answer changed.
 */
export function getFaqEntry(db: Db, id: number, options: { on: Date; publicOnly: boolean }) {
  return db.faqEntry.findFirst({
    where: { id, ...validOn(options.on), ...(options.publicOnly ? { public: true } : {}) },
  });
}
