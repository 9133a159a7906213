import { randomInt } from "node:crypto";
import { CODE_ALPHABET } from "../access/activation-code.js";

/**
 * Check-in codes: what a trainer reads aloud in the room and participants type. Five
 * characters from the activation codes' alphabet (no 0/O, 1/I), always a letter and a digit,
 * so it is easy to say and type and no Vietnamese word is taken for one; activation codes are
 * eight characters, so the two never meet.
 */
export const CHECK_IN_CODE_LENGTH = 5;
/** Check-in opens this long before the course starts (people arrive early). */
export const CHECK_IN_OPENS_BEFORE_MS = 30 * 60_000;
/** Wrong check-in codes an account may type per hour. */
export const CHECK_IN_ATTEMPTS_PER_HOUR = 5;

export function newCheckInCode(): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < CHECK_IN_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (/\d/.test(code) && /[A-Z]/.test(code)) return code;
  }
}

/**
 * The canonical check-in code in what someone typed (any case, spaces ignored), or `null` when
 * it is not shaped like one.
 */
export function readCheckInCode(typed: string): string | null {
  const compact = typed.normalize("NFC").trim().toUpperCase().replace(/\s/g, "");
  if (compact.length !== CHECK_IN_CODE_LENGTH) return null;
  for (const char of compact) if (!CODE_ALPHABET.includes(char)) return null;
  return /\d/.test(compact) && /[A-Z]/.test(compact) ? compact : null;
}

/** Check-in is possible from a little before the start until the end. */
export function checkInWindow(course: { startsAt: Date; endsAt: Date }): { opens: Date; closes: Date } {
  return { opens: new Date(course.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS), closes: course.endsAt };
}
