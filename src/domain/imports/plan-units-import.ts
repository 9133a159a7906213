import { z } from "zod";
import type { Db } from "../../db/client.js";
import { roleFitsLevel } from "../access/permissions.js";
import { isRole, type UnitLevel } from "../roles.js";
import {
  countRows,
  describeChange,
  firstOccurrences,
  type ImportPlanSummary,
  type ImportRowResult,
  parseCells,
  type RowError,
} from "./import-plan.js";
import { cleanText, LEVEL_LABELS, levelRank, parseUnitLevel, ROLE_LABELS } from "./import-vocabulary.js";
import type { ColumnSpec, TableFile } from "./read-table-file.js";

/** The columns of a unit list. */
export const UNIT_COLUMNS: readonly ColumnSpec[] = [
  { id: "code", label: "Mã đơn vị", aliases: ["Mã", "Mã ĐV", "Code", "Unit code"], required: true },
  { id: "name", label: "Tên đơn vị", aliases: ["Tên", "Name"], required: true },
  { id: "level", label: "Cấp", aliases: ["Cấp đơn vị", "Cấp hành chính", "Level"], required: true },
  {
    id: "parentCode",
    label: "Mã đơn vị cấp trên",
    aliases: ["Mã đơn vị cha", "Mã cấp trên", "Đơn vị cấp trên", "Parent code", "Parent"],
    required: true,
  },
];

const CODE_PATTERN = /^[A-Za-z0-9._-]+$/;
const CODE_RULE = "chỉ được có chữ cái không dấu, chữ số và các dấu - _ .";
const LEVEL_LIST = "Tỉnh, Huyện, Xã/Phường/Thị trấn, Thôn/Tổ dân phố";

function codeProblem(text: string): string | null {
  if (!CODE_PATTERN.test(text)) return `Mã “${text}” ${CODE_RULE}`;
  return text.length > 50 ? "Mã dài quá 50 ký tự" : null;
}

const unitCode = z.string().transform((raw, ctx) => {
  const text = cleanText(raw);
  const problem = text === "" ? "Chưa ghi mã đơn vị" : codeProblem(text);
  if (problem === null) return text;
  ctx.addIssue({ code: "custom", message: problem });
  return z.NEVER;
});

/** Empty means "no parent" (a province); the rule that others need one is checked later. */
const parentUnitCode = z.string().transform((raw, ctx) => {
  const text = cleanText(raw);
  if (text === "") return null;
  const problem = codeProblem(text);
  if (problem === null) return text;
  ctx.addIssue({ code: "custom", message: problem });
  return z.NEVER;
});

const unitCells = {
  code: unitCode,
  name: z
    .string()
    .transform(cleanText)
    .pipe(
      z.string().min(1, { error: "Chưa ghi tên đơn vị" }).max(100, { error: "Tên đơn vị dài quá 100 ký tự" }),
    ),
  level: z.string().transform((raw, ctx) => {
    const text = cleanText(raw);
    const level = parseUnitLevel(text);
    if (level) return level;
    ctx.addIssue({
      code: "custom",
      message:
        text === ""
          ? `Chưa ghi cấp (${LEVEL_LIST})`
          : `Không có cấp “${text}”; dùng một trong: ${LEVEL_LIST}`,
    });
    return z.NEVER;
  }),
  parentCode: parentUnitCode,
};

export interface UnitValues {
  code: string;
  name: string;
  level: UnitLevel;
  /** `null` for a root (a province). */
  parentCode: string | null;
}

/** Fields of a unit compared and audited. */
export interface UnitFields {
  name: string;
  level: string;
  parentCode: string | null;
  active: boolean;
}

export interface UnitRowPlan extends ImportRowResult {
  values?: UnitValues;
  /** The existing unit with this code. */
  unitId?: number;
  before?: Partial<UnitFields>;
  after?: Partial<UnitFields>;
}

export interface UnitsImportPlan extends ImportPlanSummary {
  kind: "units";
  rows: UnitRowPlan[];
}

type UnitsReader = Pick<Db, "unit" | "person">;
interface KnownUnit {
  id: number;
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  active: boolean;
}
interface ParsedRow {
  rowNumber: number;
  values: Partial<UnitValues>;
  errors: RowError[];
}

/**
 * The dry run of a unit list: rows are keyed by code; a parent may be in the database or
 * anywhere in the same file. Checks what would break the tree — unknown parents, duplicate
 * codes, cycles (also through units already in the database), a level not below its parent's,
 * a level change that would strand child units or people whose role no longer fits.
 */
export async function planUnitsImport(db: UnitsReader, table: TableFile): Promise<UnitsImportPlan> {
  const [units, people] = await Promise.all([
    db.unit.findMany({
      select: {
        id: true,
        code: true,
        name: true,
        level: true,
        active: true,
        parent: { select: { code: true } },
      },
    }),
    db.person.groupBy({ by: ["unitId", "role"], where: { status: "active" }, _count: { _all: true } }),
  ]);
  const known = new Map<string, KnownUnit>(
    units.map((u) => [u.code, { ...u, parentCode: u.parent?.code ?? null }]),
  );
  const header = (id: keyof UnitValues) => table.columns[id] ?? id;

  const firstRowOfCode = firstOccurrences<string>();
  const parsed: ParsedRow[] = table.rows.map((row) => {
    const { values, errors } = parseCells(unitCells, row.cells, table.columns);
    if (values.code) {
      const first = firstRowOfCode(values.code, row.rowNumber);
      if (first !== undefined) {
        errors.push({ column: header("code"), message: `Mã “${values.code}” trùng với dòng ${first}` });
      }
    }
    return { rowNumber: row.rowNumber, values, errors };
  });
  const inFile = new Map<string, ParsedRow>();
  for (const row of parsed)
    if (row.values.code && !inFile.has(row.values.code)) inFile.set(row.values.code, row);

  const tree = finalTree(known, inFile);
  const rows = parsed.map((row) => {
    const { values, errors } = row;
    if (values.code && values.level && values.parentCode !== undefined) {
      errors.push(
        ...checkPlacement(values as UnitValues, tree).map((message) => ({
          column: header(message.column),
          message: message.message,
        })),
      );
      const existing = known.get(values.code);
      if (existing && existing.level !== values.level) {
        errors.push(
          ...checkLevelChange(existing, values.level, tree, people).map((message) => ({
            column: header("level"),
            message,
          })),
        );
      }
    }
    return compare(row, known);
  });
  return { kind: "units", fileName: table.fileName, rows, totals: countRows(rows) };
}

/** The tree after the import: a unit's level and parent come from the file when it is there. */
interface FinalTree {
  parentOf(code: string): string | null | undefined;
  levelOf(code: string): string | undefined;
  nameOf(code: string): string | undefined;
  childrenOf(code: string): string[];
}

function finalTree(known: Map<string, KnownUnit>, inFile: Map<string, ParsedRow>): FinalTree {
  const parentOf = (code: string) => {
    const row = inFile.get(code);
    return row ? row.values.parentCode : known.get(code)?.parentCode;
  };
  const children = new Map<string, string[]>();
  for (const code of new Set([...known.keys(), ...inFile.keys()])) {
    const parent = parentOf(code);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), code]);
  }
  return {
    parentOf,
    levelOf: (code) => inFile.get(code)?.values.level ?? known.get(code)?.level,
    nameOf: (code) => inFile.get(code)?.values.name ?? known.get(code)?.name,
    childrenOf: (code) => children.get(code) ?? [],
  };
}

function checkPlacement(
  values: UnitValues,
  tree: FinalTree,
): { column: "parentCode" | "level"; message: string }[] {
  const { code, parentCode, level } = values;
  if (parentCode === null) {
    return level === "province"
      ? []
      : [
          {
            column: "parentCode",
            message: "Chưa ghi mã đơn vị cấp trên (chỉ cấp tỉnh mới không có cấp trên)",
          },
        ];
  }
  if (parentCode === code) {
    return [{ column: "parentCode", message: "Đơn vị không thể là cấp trên của chính nó" }];
  }
  const parentLevel = tree.levelOf(parentCode);
  if (parentLevel === undefined) {
    return [
      {
        column: "parentCode",
        message: `Không tìm thấy đơn vị cấp trên có mã “${parentCode}” (trong tệp hay trong dữ liệu hiện có)`,
      },
    ];
  }
  const cycle = cycleThrough(code, tree);
  if (cycle) return [{ column: "parentCode", message: `Vòng lặp cấp trên: ${cycle.join(" → ")}` }];
  if (levelRank(level) <= levelRank(parentLevel)) {
    return [
      {
        column: "level",
        message:
          `Đơn vị cấp ${levelLabel(level)} không thể trực thuộc “${tree.nameOf(parentCode)}” ` +
          `(cấp ${levelLabel(parentLevel)}): cấp của đơn vị phải thấp hơn cấp trên`,
      },
    ];
  }
  return [];
}

/** Following the parents from `code` leads back to it: the codes on the way, or `null`. */
function cycleThrough(code: string, tree: FinalTree): string[] | null {
  const seen = new Set<string>([code]);
  const chain = [code];
  let current = tree.parentOf(code);
  while (current) {
    chain.push(current);
    if (current === code) return chain;
    if (seen.has(current)) return null; // a cycle above this unit: its own rows report it
    seen.add(current);
    current = tree.parentOf(current);
  }
  return null;
}

/** Changing an existing unit's level must not put it at or below its children, nor misplace people. */
function checkLevelChange(
  existing: KnownUnit,
  level: UnitLevel,
  tree: FinalTree,
  people: { unitId: number; role: string; _count: { _all: number } }[],
): string[] {
  const problems: string[] = [];
  const blocking = tree
    .childrenOf(existing.code)
    .filter((child) => levelRank(tree.levelOf(child) ?? "") <= levelRank(level));
  const [first] = blocking;
  if (first !== undefined) {
    problems.push(
      `Không thể đổi sang cấp ${levelLabel(level)}: “${tree.nameOf(first)}” (mã ${first}) ` +
        `trực thuộc đơn vị này có cấp ${levelLabel(tree.levelOf(first) ?? "")}` +
        (blocking.length > 1 ? ` (và ${blocking.length - 1} đơn vị khác)` : ""),
    );
  }
  const misfits = people.filter(
    (group) => group.unitId === existing.id && isRole(group.role) && !roleFitsLevel(group.role, level),
  );
  const [misfit] = misfits;
  if (misfit && isRole(misfit.role)) {
    const count = misfits.reduce((sum, group) => sum + group._count._all, 0);
    problems.push(
      `Không thể đổi sang cấp ${levelLabel(level)}: ${count} người của đơn vị có vai trò không hợp ` +
        `với cấp này (ví dụ ${ROLE_LABELS[misfit.role]}); hãy chuyển họ sang đơn vị khác trước`,
    );
  }
  return problems;
}

function compare(row: ParsedRow, known: Map<string, KnownUnit>): UnitRowPlan {
  const { rowNumber, values, errors } = row;
  if (errors.length > 0 || !values.code || !values.name || !values.level || values.parentCode === undefined) {
    return { rowNumber, status: "error", errors };
  }
  const wanted: UnitValues = {
    code: values.code,
    name: values.name,
    level: values.level,
    parentCode: values.parentCode,
  };
  const label = `${wanted.name} (${wanted.code})`;
  const existing = known.get(wanted.code);
  if (!existing) return { rowNumber, status: "create", label, errors: [], values: wanted };
  const before: Partial<UnitFields> = {};
  const after: Partial<UnitFields> = {};
  const changes: string[] = [];
  if (existing.name !== wanted.name) {
    before.name = existing.name;
    after.name = wanted.name;
    changes.push(describeChange("tên", existing.name, wanted.name));
  }
  if (existing.level !== wanted.level) {
    before.level = existing.level;
    after.level = wanted.level;
    changes.push(describeChange("cấp", levelLabel(existing.level), levelLabel(wanted.level)));
  }
  if (existing.parentCode !== wanted.parentCode) {
    before.parentCode = existing.parentCode;
    after.parentCode = wanted.parentCode;
    changes.push(
      describeChange("cấp trên", codeLabel(existing.parentCode, known), codeLabel(wanted.parentCode, known)),
    );
  }
  if (!existing.active) {
    before.active = false;
    after.active = true;
    changes.push(describeChange("trạng thái", "đã ngừng hoạt động", "hoạt động trở lại"));
  }
  const base = { rowNumber, label, errors: [], values: wanted, unitId: existing.id };
  return changes.length === 0
    ? { ...base, status: "unchanged" }
    : { ...base, status: "update", changes, before, after };
}

function levelLabel(level: string): string {
  return LEVEL_LABELS[level as UnitLevel] ?? level;
}

function codeLabel(code: string | null, known: Map<string, KnownUnit>): string | null {
  if (code === null) return null;
  const unit = known.get(code);
  return unit ? `${unit.name} (${code})` : code;
}
