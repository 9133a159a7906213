import { foldText } from "../../shared/fold.js";
import { sanitizeText, shortenLabel } from "../../shared/text.js";
import { ROLE_UNIT_LEVELS } from "../access/permissions.js";
import { ROLES, type Role, UNIT_LEVELS, type UnitLevel } from "../roles.js";

/**
 * The words people write in roster and unit files, mapped to the ids the database stores.
 * Files come from many offices, so every value is matched folded (no case, no diacritics) and
 * the ids themselves are accepted too.
 */

/** Role names as the roster and the bot say them (same as `role-*` in common.ftl). */
export const ROLE_LABELS: Record<Role, string> = {
  hamlet_head: "Trưởng thôn",
  commune_officer: "Cán bộ xã",
  trainer: "Giảng viên",
  supervisor: "Lãnh đạo",
  admin: "Quản trị viên",
};

const ROLE_ALIASES: Record<Role, readonly string[]> = {
  hamlet_head: [
    "Trưởng thôn",
    "Trưởng tổ dân phố",
    "Tổ trưởng tổ dân phố",
    "Trưởng ấp",
    "Trưởng bản",
    "Trưởng xóm",
  ],
  commune_officer: [
    "Cán bộ xã",
    "Công chức VH-XH",
    "Công chức văn hóa - xã hội",
    "Cán bộ xã / công chức VH-XH",
    "Cán bộ phường",
  ],
  trainer: ["Giảng viên", "Tập huấn viên"],
  supervisor: ["Lãnh đạo", "Lãnh đạo, giám sát"],
  admin: ["Quản trị viên", "Quản trị", "Quản trị hệ thống", "Administrator"],
};

const ROLE_BY_FOLDED = new Map<string, Role>(
  ROLES.flatMap((role) => [role, ...ROLE_ALIASES[role]].map((name) => [foldText(name), role] as const)),
);

/** "Trưởng thôn", "truong thon", "hamlet_head" → "hamlet_head"; anything else → undefined. */
export function parseRole(text: string): Role | undefined {
  return ROLE_BY_FOLDED.get(foldText(text));
}

/** Level names for messages: "Trưởng thôn phải thuộc một thôn/tổ dân phố". */
export const LEVEL_LABELS: Record<UnitLevel, string> = {
  province: "tỉnh",
  district: "huyện",
  commune: "xã/phường",
  hamlet: "thôn/tổ dân phố",
};

const LEVEL_ALIASES: Record<UnitLevel, readonly string[]> = {
  province: ["Tỉnh", "Thành phố trực thuộc trung ương", "Cấp tỉnh"],
  district: ["Huyện", "Quận", "Thị xã", "Thành phố thuộc tỉnh", "Cấp huyện"],
  commune: ["Xã", "Phường", "Thị trấn", "Đặc khu", "Xã/Phường", "Xã/Phường/Thị trấn", "Cấp xã"],
  hamlet: ["Thôn", "Tổ dân phố", "Ấp", "Bản", "Xóm", "Khóm", "Khối", "Buôn", "Thôn/Tổ dân phố", "Cấp thôn"],
};

const LEVEL_BY_FOLDED = new Map<string, UnitLevel>(
  UNIT_LEVELS.flatMap((level) =>
    [level, ...LEVEL_ALIASES[level]].map((name) => [foldText(name), level] as const),
  ),
);

/** "Xã", "Phường", "commune" → "commune"; anything else → undefined. */
export function parseUnitLevel(text: string): UnitLevel | undefined {
  return LEVEL_BY_FOLDED.get(foldText(text));
}

/** Top-down rank of a level: a child unit must rank strictly below its parent. */
export function levelRank(level: string): number {
  return (UNIT_LEVELS as readonly string[]).indexOf(level);
}

/**
 * Why a role does not belong at a unit, said precisely:
 * "Trưởng thôn phải thuộc một thôn/tổ dân phố, còn “Xã Đức Thọ” là xã/phường".
 */
export function roleLevelMismatchMessage(role: Role, unit: { name: string; level: string }): string {
  const allowed = ROLE_UNIT_LEVELS[role].map((level) => LEVEL_LABELS[level]);
  const list =
    allowed.length === 1 ? allowed.join("") : `${allowed.slice(0, -1).join(", ")} hoặc ${allowed.at(-1)}`;
  const level = LEVEL_LABELS[unit.level as UnitLevel] ?? unit.level;
  return `${ROLE_LABELS[role]} phải thuộc một ${list}, còn “${unit.name}” là ${level}`;
}

/**
 * A cell as the import compares and stores it: cleaned like any text from outside (NFC — files
 * mix NFC and NFD —, no control characters or direction overrides), inner whitespace collapsed,
 * trimmed.
 */
export function cleanText(text: string): string {
  return sanitizeText(text).replace(/\s+/g, " ").trim();
}

/** A value from the file quoted in a message: recognisable, never a page long. */
export function quoteCell(text: string): string {
  return shortenLabel(text, 60);
}

/**
 * Two spellings of one name: the same letters once case, diacritics, spacing and punctuation
 * are set aside ("Nguyễn Văn Ánh" and "NGUYEN VAN ANH"). Anything else is another name.
 */
export function sameName(a: string, b: string): boolean {
  return foldText(a).replace(/\s/g, "") === foldText(b).replace(/\s/g, "");
}

/**
 * A phone cell as spreadsheets leave it. A number typed into a cell lost its leading 0 (which
 * `normalizePhone` puts back); one that went through another program can come back as
 * "912345678.0" or "9,12345678E+08" — the digits are all there, so they are taken. When the
 * notation has fewer digits than the number ("9,12346E+08": Excel rounded it), the number is
 * lost: `rounded`, to be explained.
 *
 * @example readPhoneCell("9.12345678E8") // => { text: "912345678" }
 */
export function readPhoneCell(text: string): { text: string } | { rounded: string } {
  const decimal = /^(\d{8,12})[.,]0+$/.exec(text);
  if (decimal?.[1]) return { text: decimal[1] };
  const scientific = /^(\d)(?:[.,](\d+))?[eE]\+?(\d{1,2})$/.exec(text);
  if (!scientific) return { text };
  const digits = `${scientific[1]}${scientific[2] ?? ""}`;
  const exponent = Number(scientific[3]);
  // Not an integer at all, or too short to be a phone number: leave it to the usual message.
  if (digits.length - 1 > exponent || exponent < 7) return { text };
  if (digits.length - 1 < exponent) return { rounded: text };
  return { text: digits };
}
