import type { Locale, Translator } from "../../../i18n/translator.js";
import { formatDate } from "../../../shared/time.js";
import type { LegalRef } from "../content/faq-file.js";
import type { LegalDocumentInfo, LegalRegistry } from "./legal-registry.js";

const DAY = 86_400_000;

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
  const t = (key: string, args?: Record<string, string>) => translator.plain(locale, key, args);
  const date = (day: Date) => formatDate(day, locale, timeZone);
  const doc = registry.get(ref.doc);
  const name = (d: LegalDocumentInfo) => t("faq-legal-doc", { kind: d.kind, number: d.number });
  let cited = doc
    ? doc.issuedOn
      ? t("faq-legal-doc-issued", { kind: doc.kind, number: doc.number, issued: date(doc.issuedOn) })
      : name(doc)
    : ref.doc;
  if (ref.cite) cited = t("faq-legal-cite", { doc: cited, cite: ref.cite });
  return t("faq-legal-line", { doc: cited, status: statusOf(doc, registry, t, date, name) });
}

function statusOf(
  doc: LegalDocumentInfo | undefined,
  registry: LegalRegistry,
  t: (key: string, args?: Record<string, string>) => string,
  date: (day: Date) => string,
  name: (d: LegalDocumentInfo) => string,
): string {
  // The registry's `ended` is the last day in force: it is no longer in force from the day after.
  const dayAfter = (day: Date) => date(new Date(day.getTime() + DAY));
  switch (doc?.status) {
    case "in_force":
      return t("faq-legal-in-force");
    case "amended": {
      const by = doc.amendedBy.flatMap((key) => {
        const other = registry.get(key);
        return other ? [name(other)] : [];
      });
      return by.length > 0 ? t("faq-legal-amended-by", { by: by.join(", ") }) : t("faq-legal-amended");
    }
    case "replaced": {
      const other = doc.replacedBy ? registry.get(doc.replacedBy) : undefined;
      const from = other?.effectiveFrom
        ? date(other.effectiveFrom)
        : doc.endedOn
          ? dayAfter(doc.endedOn)
          : null;
      if (!other) return t("faq-legal-replaced");
      return from
        ? t("faq-legal-replaced-by-from", { by: name(other), from })
        : t("faq-legal-replaced-by", { by: name(other) });
    }
    case "expired":
      return doc.endedOn
        ? t("faq-legal-expired-from", { from: dayAfter(doc.endedOn) })
        : t("faq-legal-expired");
    default:
      return t("faq-legal-unknown");
  }
}
