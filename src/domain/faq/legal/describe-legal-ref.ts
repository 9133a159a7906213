import type { Locale, Translator } from "../../../i18n/translator.js";
import { formatDate } from "../../../shared/time.js";
import type { LegalRef } from "../content/faq-file.js";
import type { LegalDocumentInfo, LegalRegistry } from "./legal-registry.js";

const DAY = 86_400_000;
/** Fluent selectors' value for "not known" (no date, no article, no other document). */
const NONE = "none";

/**
 * One line of an answer's legal basis, as plain text: the document, the article cited and its
 * status today from the registry — "Nghị định 188/2025/NĐ-CP ngày 15/08/2025, Điều 22 khoản 1 —
 * đang có hiệu lực", "… — đã được thay thế bởi Nghị định 188/2025/NĐ-CP từ 15/08/2025", "… —
 * tình trạng hiệu lực chưa xác minh". A key missing from the registry (content:check refuses it)
 * is shown as it is, marked unverified, rather than hidden.
 */
export function describeLegalRef(
  ref: LegalRef,
  registry: LegalRegistry,
  translator: Translator,
  locale: Locale,
  timeZone: string,
): string {
  return translator.plain(locale, "faq-legal-line", legalRefArgs(ref, registry, locale, timeZone));
}

/** The arguments of the `faq-legal-line` / `faq-legal-item` messages for one reference. */
export function legalRefArgs(
  ref: LegalRef,
  registry: LegalRegistry,
  locale: Locale,
  timeZone: string,
): Record<string, string> {
  const date = (day: Date | null) => (day ? formatDate(day, locale, timeZone) : NONE);
  // The registry's `ended` is the last day in force: it is no longer in force from the day after.
  const dayAfter = (day: Date | null) => date(day ? new Date(day.getTime() + DAY) : null);
  // Kind and number are the document's own words, the same in every language.
  const name = (doc: LegalDocumentInfo | undefined) => (doc ? `${doc.kind} ${doc.number}` : NONE);
  const doc = registry.get(ref.doc);
  const args = {
    doc: doc ? name(doc) : ref.doc,
    issued: date(doc?.issuedOn ?? null),
    cite: ref.cite ?? NONE,
  };
  switch (doc?.status) {
    case "in_force":
      return { ...args, status: "in_force" };
    case "amended": {
      const by = doc.amendedBy.flatMap((key) => (registry.has(key) ? [name(registry.get(key))] : []));
      return { ...args, status: "amended", by: by.length > 0 ? by.join(", ") : NONE };
    }
    case "replaced": {
      const other = doc.replacedBy ? registry.get(doc.replacedBy) : undefined;
      const from = other?.effectiveFrom ? date(other.effectiveFrom) : dayAfter(doc.endedOn);
      return { ...args, status: "replaced", by: name(other), from };
    }
    case "expired":
      return { ...args, status: "expired", from: dayAfter(doc.endedOn) };
    default:
      return { ...args, status: "unknown" };
  }
}
