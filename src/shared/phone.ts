/**
 * Vietnamese phone numbers arrive as "+84 912 345 678", "84912345678", "0912.345.678",
 * "(091) 234-5678"… The roster is keyed by one canonical form: E.164, "+84" and 9 digits.
 *
 * @example normalizePhone("0912.345.678") // => "+84912345678"
 * @returns the canonical number, or `null` when the input is not a Vietnamese mobile/landline number.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let national: string;
  if (compact.startsWith("+84")) national = compact.slice(3);
  else if (compact.startsWith("0084")) national = compact.slice(4);
  else if (compact.startsWith("0")) national = compact.slice(1);
  else if (compact.startsWith("84") && (compact.length === 11 || compact.length === 12))
    national = compact.slice(2);
  else if (compact.startsWith("+")) return null;
  else national = compact;
  // "+84 0912…" happens when people add the country code to the local form.
  if (national.startsWith("0")) national = national.slice(1);
  // Since 2018: mobiles have 9 digits after the country code (3x, 5x, 7x, 8x, 9x), landlines 10
  // (area codes 2xx).
  if (!/^[35789]\d{8}$/.test(national) && !/^2\d{9}$/.test(national)) return null;
  return `+84${national}`;
}

/** "+84912345678" → "0912 345 678", the way officers write numbers. */
export function formatPhoneForDisplay(e164: string): string {
  const national = e164.startsWith("+84") ? `0${e164.slice(3)}` : e164;
  return national
    .replace(/^(0[35789]\d{2})(\d{3})(\d{3})$/, "$1 $2 $3")
    .replace(/^(02\d{2})(\d{4})(\d{3})$/, "$1 $2 $3");
}
