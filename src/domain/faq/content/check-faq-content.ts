import { DEFAULT_TIME_ZONE, formatDate } from "../../../shared/time.js";
import type { LegalRegistry } from "../legal/legal-registry.js";
import { foldSyllables } from "../search/vietnamese-text.js";
import { type FaqContentEntry, TOPIC_ID } from "./faq-file.js";

export interface UnverifiedEntry {
  key: string;
  file: string;
  /** The entry's `unverified:` justifications (empty: none given, which is an error). */
  reasons: string[];
}

export interface FaqContentCheck {
  /** Content that must not be imported as it is. */
  errors: string[];
  /** Content to look at (a review date passed, no legal basis); printed, not blocking. */
  warnings: string[];
  /** Entries whose text still says something is not verified, with why. */
  unverified: UnverifiedEntry[];
}

/** Every usual way of saying a fact is not verified yet, folded (no diacritics, lower case). */
const SAYS_UNVERIFIED = /\bchua (?:duoc )?(?:xac nhan|xac minh|doi chieu|kiem chung|ro)\b/;
/** A cited document that is no longer in force is acknowledged in so many words. */
const SAYS_ENDED = /\b(?:het hieu luc|da ket thuc|khong con ap dung)\b/;
/** An entry about an ended programme or period is worded as history. */
const WORDED_AS_HISTORY = /\b(?:da ket thuc|da hoan thanh|da het hieu luc|truoc day)\b/;
const LOCAL_FOLDER = /^local\//;

/** "188/2025/NĐ-CP" → "188/2025": how a text mentions a document whatever its suffix. */
function numberCore(number: string): string {
  return /^\s*(\d+\/\d{4})/.exec(number)?.[1] ?? number;
}

/**
 * The editors' rules for content that officers can trust, beyond what each file's schema checks:
 * every cited document is in the registry; an answer citing a document that was replaced or
 * expired says so (or is history); an answer about an ended programme is worded as history and
 * points to entries that exist; local entries sit under local/ with their area and only they
 * have one; every "chưa xác nhận" (and its synonyms) is justified by a topic's open item. A
 * review date passed as of `today` and an answer without legal basis are warnings.
 */
export function checkFaqContent(
  entries: readonly FaqContentEntry[],
  registry: LegalRegistry,
  options: { today: Date },
): FaqContentCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const unverified: UnverifiedEntry[] = [];
  const keys = new Set(entries.map((entry) => entry.key));
  for (const entry of entries) {
    const where = entry.file;
    const text = foldSyllables([entry.answer, entry.details ?? "", entry.source].join("\n"));
    const answer = foldSyllables(entry.answer);
    const isHistory = entry.endedOn !== null;

    if (entry.legalBasis.length === 0) warnings.push(`${where}: chưa có căn cứ pháp lý (legal:)`);
    for (const ref of entry.legalBasis) {
      const doc = registry.get(ref.doc);
      if (!doc) {
        errors.push(
          `${where}: legal: văn bản "${ref.doc}" không có trong danh mục content/legal/documents.yaml`,
        );
        continue;
      }
      if (doc.status === "replaced" && !isHistory) {
        const by = doc.replacedBy ? registry.get(doc.replacedBy) : undefined;
        const core = by ? numberCore(by.number) : null;
        if (!core || !text.includes(foldSyllables(core)))
          errors.push(
            `${where}: dẫn ${doc.kind} ${doc.number} đã được thay thế bởi ${by ? `${by.kind} ${by.number}` : "văn bản khác"}` +
              ` nhưng câu trả lời không nhắc ${core ?? "văn bản thay thế"} (hoặc ghi history:)`,
          );
      }
      if (doc.status === "expired" && !isHistory && !SAYS_ENDED.test(text))
        errors.push(
          `${where}: dẫn ${doc.kind} ${doc.number} đã hết hiệu lực nhưng câu trả lời không nói "hết hiệu lực",` +
            ` "đã kết thúc" hay "không còn áp dụng" (hoặc ghi history:)`,
        );
    }

    if (entry.reviewBy && entry.reviewBy.getTime() < options.today.getTime())
      warnings.push(
        `${where}: đã quá hạn rà soát (review_by ${formatDate(entry.reviewBy, "vi", DEFAULT_TIME_ZONE)})`,
      );

    const underLocal = LOCAL_FOLDER.test(where);
    if (underLocal && entry.areaCode === null)
      errors.push(`${where}: mục địa phương chưa có area (mã đơn vị)`);
    if (!underLocal && entry.areaCode !== null)
      errors.push(`${where}: có area "${entry.areaCode}" nhưng không nằm trong content/faq/local/`);

    for (const key of entry.replacedBy)
      if (!keys.has(key)) errors.push(`${where}: history.now: không có mục "${key}"`);
    if (isHistory && !WORDED_AS_HISTORY.test(answer))
      errors.push(
        `${where}: mục đã kết thúc (history:) phải viết như chuyện đã qua — "đã kết thúc", "đã hoàn thành",` +
          ` "đã hết hiệu lực" hoặc "trước đây"`,
      );

    for (const reason of entry.unverified) {
      const topic = /^([^\s:]+?)[\s:]/.exec(reason)?.[1] ?? "";
      if (!TOPIC_ID.test(topic))
        errors.push(`${where}: unverified: "${reason}" phải bắt đầu bằng mã chủ đề (vd. "T4.5 ⏳: …")`);
    }
    if (SAYS_UNVERIFIED.test(text)) {
      unverified.push({ key: entry.key, file: where, reasons: entry.unverified });
      if (entry.unverified.length === 0)
        errors.push(`${where}: còn ghi "chưa xác nhận" (hoặc tương tự) nhưng không có lý do (unverified:)`);
    } else if (entry.unverified.length > 0)
      warnings.push(
        `${where}: có unverified: nhưng câu trả lời không còn ghi "chưa xác nhận" — bỏ dòng đó đi`,
      );
  }
  return { errors, warnings, unverified };
}
