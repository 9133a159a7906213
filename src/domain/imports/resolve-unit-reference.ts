import { foldText } from "../../shared/fold.js";
import { pathIds } from "../units/unit-path.js";
import { levelRank } from "./import-vocabulary.js";

/** The columns of a unit the importers need, loaded once per import. */
export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
  path: string;
  active: boolean;
}

export interface UnitIndex {
  byId: Map<number, UnitRecord>;
  byCode: Map<string, UnitRecord>;
  byLowerCode: Map<string, UnitRecord[]>;
  byNameKey: Map<string, UnitRecord[]>;
  /** Each unit's name key, computed once (folding is the costly part of a 5,000-row plan). */
  keyOf: Map<number, string>;
}

export type UnitReference = { ok: true; unit: UnitRecord } | { ok: false; message: string };

/**
 * Leading words that only say a unit's level. People write "Lâm Trung Thủy", "Xã Lâm Trung
 * Thủy" or "xa Lam Trung Thuy" for the same commune, so names are compared without them.
 * "Thôn" and "Tổ dân phố" stay: "Thôn 1" and "Tổ dân phố 1" are different units.
 */
const LEVEL_WORDS = [
  "thanh pho",
  "thi tran",
  "thi xa",
  "dac khu",
  "phuong",
  "huyen",
  "tinh",
  "quan",
  "xa",
  "tp",
  "tx",
]
  .map((word) => `${word} `)
  .sort((a, b) => b.length - a.length);

/** The key names are compared by: folded, without a leading level word. */
export function unitNameKey(name: string): string {
  const folded = foldText(name);
  const word = LEVEL_WORDS.find((prefix) => folded.startsWith(prefix) && folded.length > prefix.length);
  return word ? folded.slice(word.length) : folded;
}

export function buildUnitIndex(units: readonly UnitRecord[]): UnitIndex {
  const index: UnitIndex = {
    byId: new Map(),
    byCode: new Map(),
    byLowerCode: new Map(),
    byNameKey: new Map(),
    keyOf: new Map(),
  };
  const push = <K>(map: Map<K, UnitRecord[]>, key: K, unit: UnitRecord) => {
    const list = map.get(key);
    if (list) list.push(unit);
    else map.set(key, [unit]);
  };
  for (const unit of units) {
    index.byId.set(unit.id, unit);
    index.byCode.set(unit.code, unit);
    push(index.byLowerCode, unit.code.toLowerCase(), unit);
    const key = unitNameKey(unit.name);
    index.keyOf.set(unit.id, key);
    push(index.byNameKey, key, unit);
  }
  return index;
}

/**
 * Finds the unit a roster row means: by code ("42-LTT-03"), or by a path of names from the top
 * down ("Hà Tĩnh / Đức Thọ / Lâm Trung Thủy / Thôn 3"). The path rule:
 *
 * 1. The last segment is the unit's name (leading level words such as "Xã" are ignored on both
 *    sides; "Thôn …"/"Tổ dân phố …" are compared whole).
 * 2. The earlier segments must name the unit's ancestors, in order. Ancestors may be left out
 *    ("Lâm Trung Thủy / Thôn 3" without the province; a district the file does not mention).
 * 3. A segment that names none of the unit's ancestors — typically a district abolished in
 *    2025 — is skipped, but only if (a) it is not the segment right above the name, which must
 *    match, and (b) it does not name an existing unit of a higher level than the matched
 *    segment below it (a province or district that exists elsewhere is a contradiction, not an
 *    abolished unit).
 * 4. When several units qualify, the ones matching the most segments win; a tie is ambiguous.
 */
export function resolveUnitReference(index: UnitIndex, text: string): UnitReference {
  const trimmed = text.trim();
  const byCode = index.byCode.get(trimmed) ?? onlyOne(index.byLowerCode.get(trimmed.toLowerCase()));
  if (byCode) {
    return byCode.active ? { ok: true, unit: byCode } : { ok: false, message: inactive(trimmed) };
  }

  const segments = trimmed
    .split("/")
    .map((segment) => segment.trim())
    .filter((segment) => segment !== "");
  const last = segments.at(-1);
  if (last === undefined) return { ok: false, message: "Chưa ghi đơn vị" };
  const above = segments.slice(0, -1);
  const aboveKeys = above.map(unitNameKey);
  const scored = (index.byNameKey.get(unitNameKey(last)) ?? [])
    .map((unit) => ({ unit, score: matchAncestors(index, aboveKeys, ancestorsOf(index, unit)) }))
    .filter((entry) => entry.score !== null);
  if (scored.length === 0) {
    return {
      ok: false,
      message:
        above.length === 0
          ? `Không tìm thấy đơn vị có mã hoặc tên “${last}”`
          : `Không tìm thấy đơn vị “${last}” thuộc “${above.join(" / ")}”`,
    };
  }
  const active = scored.filter((entry) => entry.unit.active);
  if (active.length === 0) return { ok: false, message: inactive(trimmed) };
  const best = Math.max(...active.map((entry) => entry.score ?? 0));
  const winners = active.filter((entry) => entry.score === best).map((entry) => entry.unit);
  const [winner] = winners;
  if (winner && winners.length === 1) return { ok: true, unit: winner };
  const examples = winners.slice(0, 3).map((unit) => `${unitLabel(index, unit)} — mã ${unit.code}`);
  return {
    ok: false,
    message:
      `Đơn vị “${trimmed}” không rõ ràng (${winners.length} đơn vị khớp: ${examples.join("; ")}` +
      `${winners.length > 3 ? "; …" : ""}), hãy dùng mã đơn vị`,
  };
}

/** Ancestors of a unit, root first. */
function ancestorsOf(index: UnitIndex, unit: UnitRecord): UnitRecord[] {
  return pathIds(unit.path)
    .filter((id) => id !== unit.id)
    .map((id) => index.byId.get(id))
    .filter((ancestor): ancestor is UnitRecord => ancestor !== undefined);
}

/**
 * How many of the segments above the name match the ancestors (rules 2–3), or `null` when the
 * unit does not fit the path. Works bottom-up; paths are a handful of segments long.
 */
function matchAncestors(index: UnitIndex, keys: readonly string[], ancestors: readonly UnitRecord[]) {
  const skippable = (key: string, rankBelow: number) =>
    !(index.byNameKey.get(key) ?? []).some((unit) => levelRank(unit.level) < rankBelow);

  const best = (segment: number, ancestor: number, rankBelow: number, mustMatch: boolean): number | null => {
    if (segment < 0) return 0;
    const key = keys[segment] ?? "";
    let result: number | null = null;
    for (let candidate = ancestor; candidate >= 0; candidate--) {
      const unit = ancestors[candidate];
      if (!unit || index.keyOf.get(unit.id) !== key) continue;
      const rest = best(segment - 1, candidate - 1, levelRank(unit.level), false);
      if (rest !== null) result = Math.max(result ?? 0, rest + 1);
    }
    if (!mustMatch && skippable(key, rankBelow)) {
      const rest = best(segment - 1, ancestor, rankBelow, false);
      if (rest !== null) result = Math.max(result ?? 0, rest);
    }
    return result;
  };
  return best(keys.length - 1, ancestors.length - 1, Number.POSITIVE_INFINITY, true);
}

function onlyOne(units: UnitRecord[] | undefined): UnitRecord | undefined {
  return units?.length === 1 ? units[0] : undefined;
}

function inactive(text: string): string {
  return `Đơn vị “${text}” đã ngừng hoạt động`;
}

/** "Thôn 1, Xã Lâm Trung Thủy": the unit with its parent, as people name it. */
export function unitLabel(index: UnitIndex, unit: UnitRecord): string {
  const parent = unit.parentId === null ? undefined : index.byId.get(unit.parentId);
  return parent ? `${unit.name}, ${parent.name}` : unit.name;
}
