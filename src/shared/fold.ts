/**
 * Folds Vietnamese text for loose comparison: NFC/NFD-agnostic, case-insensitive, without
 * diacritics (đ → d), emoji and punctuation removed, spaces collapsed.
 *
 * @example foldText("📚 Hỏi đáp chính sách") // => "hoi dap chinh sach"
 */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Like {@link foldText} but keeps punctuation (":", "/", "."), for reading times and dates:
 * "7 Giờ 30  chiều" → "7 gio 30 chieu", "17:00" stays.
 */
export function foldKeepingPunctuation(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Which of the offered choices did the person type? Accepts the 1-based number shown next to
 * the buttons or the button's label (loosely), so every button choice can also be typed —
 * needed for messengers whose buttons arrive as text.
 */
export function matchTypedChoice<T>(text: string, options: { label: string; value: T }[]): T | undefined {
  const trimmed = text.trim();
  if (/^\d{1,3}$/.test(trimmed)) return options[Number(trimmed) - 1]?.value;
  const folded = foldText(trimmed);
  if (folded === "") return undefined;
  const exact = options.find((option) => foldText(option.label) === folded);
  if (exact) return exact.value;
  // The words of a label before its remark: "👥 Giữ cả hai (có phó trưởng thôn)" ← "giữ cả hai".
  const short = options.filter((option) => foldText(option.label.replace(/\s*\(.*$/su, "")) === folded);
  return short.length === 1 ? short[0]?.value : undefined;
}
