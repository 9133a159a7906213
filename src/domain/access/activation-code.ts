import { createHash, randomInt } from "node:crypto";

/**
 * Activation codes: what links a messenger account to a roster entry where the messenger cannot
 * share a verified phone (the Zalo Bot Platform). A code is read out over the phone or printed,
 * so it is short and unambiguous — 8 characters from 32 that cannot be mistaken for one another
 * (no 0/O, 1/I), shown as "ABCD-EFGH" — and still unguessable: 32⁸ ≈ 1,1 × 10¹² codes against
 * a few thousand valid ones and 5 wrong tries an hour per account. Only a hash is stored.
 */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 8;

/** Codes an admin or commune officer hands out are valid this long by default. */
export const ACTIVATION_CODE_DAYS = 30;
/** A code a linked person makes to link their other messenger ("Liên kết Zalo"). */
export const LINK_CODE_MINUTES = 15;
/** Wrong, expired, used or withdrawn codes an account may send per hour before it is refused. */
export const CODE_ATTEMPTS_PER_HOUR = 5;

/**
 * A new random code in its canonical form (8 characters, no dash). It always holds a digit, so
 * that typed without its dash it still cannot be taken for a word (see {@link readActivationCode}).
 */
export function newActivationCode(): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (/\d/.test(code)) return code;
  }
}

/** "ABCD-EFGH", as people see and print it. */
export function formatActivationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The canonical code in what someone typed — any case, with or without the dash or spaces —
 * or `null` when it is not shaped like one. Letters that look like a digit of the alphabet
 * are not guessed at: the alphabet has none of them, so such a text is simply not a code.
 */
export function readActivationCode(typed: string): string | null {
  const compact = typed.normalize("NFC").trim().toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== CODE_LENGTH) return null;
  for (const char of compact) if (!CODE_ALPHABET.includes(char)) return null;
  // "ABCD-EFGH" is clearly a code; 8 characters alone could be a word unless a digit is among
  // them (every code has one).
  const dashed = /^[A-Za-z0-9]{4}[\s-]+[A-Za-z0-9]{4}$/.test(typed.trim());
  return dashed || /\d/.test(compact) ? compact : null;
}

export function hashActivationCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}
