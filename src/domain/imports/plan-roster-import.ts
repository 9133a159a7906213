import { z } from "zod";
import type { Db } from "../../db/client.js";
import { yieldToEventLoop } from "../../shared/event-loop.js";
import { formatPhoneForDisplay, normalizePhone } from "../../shared/phone.js";
import { type Actor, isInScope, roleFitsLevel } from "../access/permissions.js";
import { HEAD_ROLE, isActiveHead } from "../people/find-active-heads.js";
import { ROLES, type Role } from "../roles.js";
import {
  countRows,
  describeChange,
  firstOccurrences,
  type ImportPlanSummary,
  type ImportRowResult,
  type ImportTotals,
  parseCells,
  type RowError,
} from "./import-plan.js";
import {
  cleanText,
  parseRole,
  quoteCell,
  ROLE_LABELS,
  readPhoneCell,
  roleLevelMismatchMessage,
  sameName,
} from "./import-vocabulary.js";
import type { ColumnSpec, TableFile } from "./read-table-file.js";
import {
  buildUnitIndex,
  resolveUnitReference,
  type UnitIndex,
  type UnitRecord,
  unitLabel,
} from "./resolve-unit-reference.js";

/** The columns of a roster file and the header names officers use for them. */
export const ROSTER_COLUMNS: readonly ColumnSpec[] = [
  {
    id: "fullName",
    label: "Họ và tên",
    aliases: ["Họ tên", "Tên", "Họ và tên cán bộ", "Full name", "Name"],
    required: true,
  },
  {
    id: "phone",
    label: "Số điện thoại",
    aliases: [
      "SĐT",
      "Số ĐT",
      "Điện thoại",
      "Điện thoại di động",
      "Di động",
      "Phone",
      "Phone number",
      "Mobile",
    ],
    required: true,
  },
  { id: "role", label: "Vai trò", aliases: ["Chức năng", "Role"], required: true },
  {
    id: "unit",
    label: "Đơn vị",
    aliases: ["Mã đơn vị", "Đơn vị công tác", "Unit", "Unit code", "Unit path"],
    required: true,
  },
  { id: "email", label: "Email", aliases: ["E-mail", "Thư điện tử"], required: false },
  { id: "title", label: "Chức vụ", aliases: ["Chức danh", "Title"], required: false },
];

const ROLE_LIST = ROLES.map((role) => ROLE_LABELS[role]).join(", ");

/** One schema per cell; messages say what is wrong with the value as written. */
const rosterCells = {
  fullName: z
    .string()
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, { error: "Chưa ghi họ tên" })
        .max(100, { error: (issue) => `Họ tên dài ${String(issue.input).length} ký tự, tối đa 100` }),
    ),
  phone: z.string().transform((raw, ctx) => {
    const cell = readPhoneCell(cleanText(raw));
    if ("rounded" in cell) {
      ctx.addIssue({
        code: "custom",
        message:
          `“${cell.rounded}” là số đã bị Excel làm tròn (mất chữ số cuối). Hãy định dạng cột số điện thoại ` +
          "là Văn bản (Text), gõ lại số rồi lưu tệp",
      });
      return z.NEVER;
    }
    const text = cell.text;
    const phone = text === "" ? null : normalizePhone(text);
    if (phone) return phone;
    ctx.addIssue({
      code: "custom",
      message:
        text === ""
          ? "Chưa ghi số điện thoại"
          : `“${quoteCell(text)}” không phải số điện thoại Việt Nam hợp lệ (ví dụ 0912 345 678)`,
    });
    return z.NEVER;
  }),
  role: z.string().transform((raw, ctx) => {
    const text = cleanText(raw);
    const role = parseRole(text);
    if (role) return role;
    ctx.addIssue({
      code: "custom",
      message:
        text === ""
          ? `Chưa ghi vai trò (${ROLE_LIST})`
          : `Không có vai trò “${quoteCell(text)}”; dùng một trong: ${ROLE_LIST}`,
    });
    return z.NEVER;
  }),
  unit: z
    .string()
    .transform(cleanText)
    .pipe(z.string().min(1, { error: "Chưa ghi đơn vị (mã đơn vị hoặc đường dẫn Tỉnh / Xã / Thôn)" })),
  email: z.string().transform((raw, ctx) => {
    const text = cleanText(raw);
    if (text === "") return null;
    if (z.email().safeParse(text).success) return text;
    ctx.addIssue({ code: "custom", message: `Email “${quoteCell(text)}” không hợp lệ` });
    return z.NEVER;
  }),
  title: z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(200, { error: "Chức vụ dài quá 200 ký tự" }))
    .transform((text) => (text === "" ? null : text)),
};

/** A person's fields an import sets; email and title only when the file has those columns. */
export interface RosterPersonValues {
  fullName: string;
  phone: string;
  role: Role;
  unitId: number;
  email?: string | null;
  title?: string | null;
}

/** Fields of a person compared and audited ("before"/"after" hold only the changed ones). */
export interface PersonFields {
  fullName: string;
  role: string;
  unitId: number;
  email: string | null;
  title: string | null;
  status: string;
}

export interface RosterRowPlan extends ImportRowResult {
  /** The validated row, when it has no errors. */
  values?: RosterPersonValues;
  /** The existing person with this phone (updates and unchanged rows). */
  personId?: number;
  before?: Partial<PersonFields>;
  after?: Partial<PersonFields>;
}

/** An active person the file does not list (an import never deactivates them by itself). */
export interface MissingPerson {
  personId: number;
  fullName: string;
  phone: string | null;
  role: Role;
  unitId: number;
  unitName: string;
}

/**
 * A row that would give a hamlet another head. The import needs a decision for it: replace
 * the current head(s) who are not in the file (they are deactivated) or keep both.
 */
export interface HeadConflictRow {
  rowNumber: number;
  fullName: string;
  unitId: number;
  unitName: string;
  /** Active heads of the unit the file does not mention: what "replace" deactivates. */
  replaceable: { personId: number; fullName: string }[];
  /** Rows of the file that also make someone head of this unit (before this one). */
  otherRows: { rowNumber: number; fullName: string }[];
}

/**
 * A row whose phone number belongs to someone on the roster under another name: the same person
 * renamed, or a number that now belongs to someone else (numbers are reassigned). Importing it
 * renames — and maybe moves — that person, so it needs the importer's word that they are one.
 */
export interface PhoneConflictRow {
  rowNumber: number;
  phone: string;
  /** The name in the file. */
  fullName: string;
  /** Who has the number now. */
  personId: number;
  currentName: string;
  currentRole: Role;
  currentUnitName: string;
}

export interface RosterImportPlan extends ImportPlanSummary {
  kind: "roster";
  rows: RosterRowPlan[];
  totals: ImportTotals & { secondHeads: number; missing: number; phoneConflicts: number };
  headConflicts: HeadConflictRow[];
  phoneConflicts: PhoneConflictRow[];
  missing: MissingPerson[];
}

export interface RosterImportOptions {
  /**
   * Who looks at the plan: the people missing from the file are counted within their unit
   * (all units when absent), never counting the person themselves.
   */
  viewer?: Actor & { id: number };
}

type RosterReader = Pick<Db, "unit" | "person">;
type ExistingPerson = PersonFields & { id: number; phone: string | null };

/**
 * The dry run of a roster import: what each row would do (create, update, nothing) or what is
 * wrong with it, without writing anything. People are keyed by normalised phone, so importing
 * the same file twice finds nothing to change. The commit re-runs this inside its transaction.
 */
export async function planRosterImport(
  db: RosterReader,
  table: TableFile,
  options: RosterImportOptions = {},
): Promise<RosterImportPlan> {
  const [units, people] = await Promise.all([
    db.unit.findMany({
      select: { id: true, code: true, name: true, level: true, parentId: true, path: true, active: true },
    }),
    db.person.findMany({
      select: {
        id: true,
        fullName: true,
        phone: true,
        role: true,
        unitId: true,
        email: true,
        title: true,
        status: true,
      },
      orderBy: { id: "asc" },
    }),
  ]);
  const index = buildUnitIndex(units);
  const byPhone = new Map(people.filter((p) => p.phone !== null).map((p) => [p.phone, p]));
  const firstRowOfPhone = firstOccurrences<string>();
  const phonesInFile = new Set<string>();

  const rows: RosterRowPlan[] = [];
  for (const [i, row] of table.rows.entries()) {
    // Thousands of rows: let other chats' updates in now and then.
    if (i > 0 && i % PLAN_SLICE === 0) await yieldToEventLoop();
    const { values, errors } = parseCells(rosterCells, row.cells, table.columns);
    const unitColumn = table.columns.unit ?? "Đơn vị";
    let unit: UnitRecord | undefined;
    if (values.unit !== undefined) {
      const found = resolveUnitReference(index, values.unit);
      if (found.ok) unit = found.unit;
      else errors.push({ column: unitColumn, message: found.message });
    }
    if (unit && values.role && !roleFitsLevel(values.role, unit.level)) {
      errors.push({ column: unitColumn, message: roleLevelMismatchMessage(values.role, unit) });
    }
    if (values.phone) {
      phonesInFile.add(values.phone);
      const first = firstRowOfPhone(values.phone, row.rowNumber);
      if (first !== undefined) {
        errors.push({
          column: table.columns.phone ?? "Số điện thoại",
          message: `${formatPhoneForDisplay(values.phone)} trùng với dòng ${first}`,
        });
      }
    }
    if (errors.length > 0 || !unit || !values.fullName || !values.phone || !values.role) {
      rows.push({ rowNumber: row.rowNumber, status: "error", errors: sortErrors(errors, table) });
      continue;
    }
    const person: RosterPersonValues = {
      fullName: values.fullName,
      phone: values.phone,
      role: values.role,
      unitId: unit.id,
      ...(values.email !== undefined ? { email: values.email } : {}),
      ...(values.title !== undefined ? { title: values.title } : {}),
    };
    rows.push(compareWithExisting(row.rowNumber, person, byPhone.get(person.phone), index));
  }

  // Administrators are never "missing": a roster without them must not lock the province out
  // of its own system. They are managed one by one in the bot.
  const viewer = options.viewer;
  const missing = people
    .filter(
      (p) =>
        p.status === "active" &&
        p.role !== "admin" &&
        p.id !== viewer?.id &&
        (p.phone === null || !phonesInFile.has(p.phone)) &&
        (!viewer || isInScope(viewer, unitPath(index, p.unitId))),
    )
    .map((p) => ({
      personId: p.id,
      fullName: p.fullName,
      phone: p.phone,
      role: p.role as Role,
      unitId: p.unitId,
      unitName: unitName(index, p.unitId),
    }))
    // Read by unit, then name: an officer checks their commune's people together.
    .sort((a, b) => a.unitName.localeCompare(b.unitName, "vi") || a.fullName.localeCompare(b.fullName, "vi"));
  const headConflicts = findHeadConflicts(rows, people, index);
  const byId = new Map(people.map((person) => [person.id, person]));
  const phoneConflicts = rows.flatMap((row): PhoneConflictRow[] => {
    const current = row.personId === undefined ? undefined : byId.get(row.personId);
    if (!current || !row.values || sameName(current.fullName, row.values.fullName)) return [];
    return [
      {
        rowNumber: row.rowNumber,
        phone: row.values.phone,
        fullName: row.values.fullName,
        personId: current.id,
        currentName: current.fullName,
        currentRole: current.role as Role,
        currentUnitName: unitName(index, current.unitId),
      },
    ];
  });
  return {
    kind: "roster",
    fileName: table.fileName,
    rows,
    totals: {
      ...countRows(rows),
      secondHeads: headConflicts.length,
      missing: missing.length,
      phoneConflicts: phoneConflicts.length,
    },
    headConflicts,
    phoneConflicts,
    missing,
  };
}

/** Rows planned between two turns of the event loop. */
const PLAN_SLICE = 500;

/**
 * Rows that would give a hamlet another head, in file order. The heads a hamlet keeps — active
 * heads the file does not mention, and those the file lists there again — come first; each row
 * making someone new its head then conflicts with them and with the earlier new ones.
 */
function findHeadConflicts(
  rows: readonly RosterRowPlan[],
  people: readonly ExistingPerson[],
  index: UnitIndex,
): HeadConflictRow[] {
  const inFile = new Set(rows.flatMap((row) => (row.personId !== undefined ? [row.personId] : [])));
  const staying = new Map<number, { personId: number; fullName: string }[]>();
  for (const person of people) {
    if (!isActiveHead(person) || inFile.has(person.id)) continue;
    staying.set(person.unitId, [
      ...(staying.get(person.unitId) ?? []),
      { personId: person.id, fullName: person.fullName },
    ]);
  }
  const byId = new Map(people.map((person) => [person.id, person]));
  const headRows = rows.filter((row) => row.status !== "error" && row.values?.role === HEAD_ROLE);
  const isNewHead = (row: RosterRowPlan) => {
    const existing = row.personId === undefined ? undefined : byId.get(row.personId);
    return !existing || !isActiveHead(existing) || existing.unitId !== row.values?.unitId;
  };
  const kept = new Map<number, { rowNumber: number; fullName: string }[]>();
  for (const row of headRows) {
    if (isNewHead(row) || !row.values) continue;
    const unitId = row.values.unitId;
    kept.set(unitId, [
      ...(kept.get(unitId) ?? []),
      { rowNumber: row.rowNumber, fullName: row.values.fullName },
    ]);
  }
  const conflicts: HeadConflictRow[] = [];
  for (const row of headRows) {
    if (!isNewHead(row) || !row.values) continue;
    const unitId = row.values.unitId;
    const replaceable = staying.get(unitId) ?? [];
    const otherRows = kept.get(unitId) ?? [];
    if (replaceable.length > 0 || otherRows.length > 0) {
      conflicts.push({
        rowNumber: row.rowNumber,
        fullName: row.values.fullName,
        unitId,
        unitName: unitName(index, unitId),
        replaceable,
        otherRows,
      });
    }
    // Later rows for the same hamlet come after this one.
    kept.set(unitId, [...otherRows, { rowNumber: row.rowNumber, fullName: row.values.fullName }]);
  }
  return conflicts;
}

/** What the importer decided about rows that add a head: replace (by row number) or keep both. */
export interface HeadDecisions {
  /** Keep both for every conflicting row not listed in `replaceRows`. */
  keepBoth?: boolean;
  /** Rows whose hamlet's current heads (those not in the file) are deactivated. */
  replaceRows?: readonly number[];
}

export type ResolvedHeadDecisions =
  | { ok: true; replace: HeadConflictRow[]; keep: HeadConflictRow[] }
  | { ok: false; undecided: HeadConflictRow[]; cannotReplace: HeadConflictRow[] };

/** Every conflicting row needs a decision; "replace" needs a current head outside the file. */
export function resolveHeadDecisions(
  conflicts: readonly HeadConflictRow[],
  decisions: HeadDecisions = {},
): ResolvedHeadDecisions {
  const replaceRows = new Set(decisions.replaceRows ?? []);
  const replace: HeadConflictRow[] = [];
  const keep: HeadConflictRow[] = [];
  const undecided: HeadConflictRow[] = [];
  const cannotReplace: HeadConflictRow[] = [];
  for (const conflict of conflicts) {
    if (replaceRows.has(conflict.rowNumber)) {
      if (conflict.replaceable.length > 0) replace.push(conflict);
      else cannotReplace.push(conflict);
    } else if (decisions.keepBoth) keep.push(conflict);
    else undecided.push(conflict);
  }
  return undecided.length > 0 || cannotReplace.length > 0
    ? { ok: false, undecided, cannotReplace }
    : { ok: true, replace, keep };
}

/** The importer's word on rows whose phone belongs to someone under another name. */
export interface PhoneDecisions {
  /** Rows that are the person who has the number, renamed (they are updated). */
  sameRows?: readonly number[];
  /** Every such row is. */
  allSame?: boolean;
}

/** The conflicting rows nobody vouched for (the import needs a word on each). */
export function undecidedPhoneConflicts(
  conflicts: readonly PhoneConflictRow[],
  decisions: PhoneDecisions = {},
): PhoneConflictRow[] {
  if (decisions.allSame) return [];
  const same = new Set(decisions.sameRows ?? []);
  return conflicts.filter((conflict) => !same.has(conflict.rowNumber));
}

/** Only real differences count: the same row imported again is "unchanged". */
function compareWithExisting(
  rowNumber: number,
  values: RosterPersonValues,
  existing: ExistingPerson | undefined,
  index: UnitIndex,
): RosterRowPlan {
  const label = values.fullName;
  if (!existing) return { rowNumber, status: "create", label, errors: [], values };
  const wanted: Partial<PersonFields> = {
    fullName: values.fullName,
    role: values.role,
    unitId: values.unitId,
    status: "active",
    ...(values.email !== undefined ? { email: values.email } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
  };
  const before: Partial<PersonFields> = {};
  const after: Partial<PersonFields> = {};
  const changes: string[] = [];
  for (const field of Object.keys(wanted) as (keyof PersonFields)[]) {
    const next = wanted[field];
    const current = existing[field];
    if (next === undefined || next === current) continue;
    Object.assign(before, { [field]: current });
    Object.assign(after, { [field]: next });
    changes.push(describeField(field, current, next, index));
  }
  const base = { rowNumber, label, errors: [], values, personId: existing.id };
  if (changes.length === 0) return { ...base, status: "unchanged" };
  return { ...base, status: "update", changes, before, after };
}

function describeField(
  field: keyof PersonFields,
  before: string | number | null,
  after: string | number | null,
  index: UnitIndex,
): string {
  switch (field) {
    case "fullName":
      return describeChange("họ tên", String(before), String(after));
    case "role":
      return describeChange("vai trò", roleLabel(before), roleLabel(after));
    case "unitId":
      return describeChange("đơn vị", unitName(index, Number(before)), unitName(index, Number(after)));
    case "email":
      return describeChange("email", before as string | null, after as string | null);
    case "title":
      return describeChange("chức vụ", before as string | null, after as string | null);
    case "status":
      return describeChange("trạng thái", "đã ngừng hoạt động", "hoạt động trở lại");
  }
}

function roleLabel(role: string | number | null): string {
  return ROLE_LABELS[role as Role] ?? String(role);
}

function unitName(index: UnitIndex, unitId: number): string {
  const unit = index.byId.get(unitId);
  return unit ? unitLabel(index, unit) : `#${unitId}`;
}

function unitPath(index: UnitIndex, unitId: number): string {
  return index.byId.get(unitId)?.path ?? "";
}

/** Errors in the order of the file's columns, so a report reads left to right. */
function sortErrors(errors: RowError[], table: TableFile): RowError[] {
  const position = (column: string) => table.headers.indexOf(column);
  return errors
    .map((error, order) => ({ error, order }))
    .sort((a, b) => position(a.error.column) - position(b.error.column) || a.order - b.order)
    .map(({ error }) => error);
}
