import type { Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { childPath } from "../units/unit-path.js";
import { type ImportActor, inWriteTransaction, loadImporter } from "./import-plan.js";
import { planUnitsImport, type UnitRowPlan, type UnitsImportPlan } from "./plan-units-import.js";
import type { TableFile } from "./read-table-file.js";

export type CommitUnitsImportResult =
  | {
      ok: true;
      plan: UnitsImportPlan;
      created: number;
      updated: number;
      unchanged: number;
      pathsRewritten: number;
    }
  | { ok: false; reason: "has_errors"; plan: UnitsImportPlan }
  /** The person importing may not (any more): nothing is read or written. */
  | { ok: false; reason: "not_allowed" };

/**
 * Imports a unit list all-or-nothing in one transaction. Parents are written before their
 * children (the file may list them in any order); afterwards the materialised paths and depths
 * are recomputed, so re-parenting a commune moves its whole subtree. Audited as one
 * `units.import` entry plus a `unit.update` with before/after per changed unit.
 */
export async function commitUnitsImport(
  db: Db,
  clock: Clock,
  table: TableFile,
  options: { actor: ImportActor },
): Promise<CommitUnitsImportResult> {
  return inWriteTransaction(db, async (tx): Promise<CommitUnitsImportResult> => {
    const importer = await loadImporter(tx, options.actor, "units.import");
    if (!importer.ok) return importer;
    const plan = await planUnitsImport(tx, table);
    if (plan.totals.error > 0) return { ok: false, reason: "has_errors", plan };
    const actorId = options.actor.personId;
    const context = { fileName: table.fileName, via: options.actor.via };

    const existing = await tx.unit.findMany({ select: { id: true, code: true } });
    const idByCode = new Map(existing.map((unit) => [unit.code, unit.id]));
    const parentIdOf = (code: string | null) => (code === null ? null : (idByCode.get(code) ?? null));

    const changed = parentsFirst(
      plan.rows.filter((row) => row.status === "create" || row.status === "update"),
    );
    for (const row of changed) {
      const values = row.values;
      if (!values) continue;
      if (row.status === "create") {
        const unit = await tx.unit.create({
          data: {
            code: values.code,
            name: values.name,
            level: values.level,
            parentId: parentIdOf(values.parentCode),
            // Filled in below, once every parent has its id and final path.
            path: "",
            depth: 0,
          },
        });
        idByCode.set(values.code, unit.id);
      } else if (row.unitId !== undefined && row.after) {
        const { parentCode, ...fields } = row.after;
        await tx.unit.update({
          where: { id: row.unitId },
          data: { ...fields, ...(parentCode !== undefined ? { parentId: parentIdOf(parentCode) } : {}) },
        });
        await recordAudit(tx, {
          at: clock.now(),
          actorId,
          action: "unit.update",
          targetType: "Unit",
          targetId: row.unitId,
          unitId: row.unitId,
          details: {
            code: values.code,
            before: row.before ?? {},
            after: row.after,
            row: row.rowNumber,
            ...context,
          },
        });
      }
    }
    const pathsRewritten = changed.length > 0 ? await recomputePaths(tx) : 0;

    const counts = {
      created: plan.totals.create,
      updated: plan.totals.update,
      unchanged: plan.totals.unchanged,
    };
    await recordAudit(tx, {
      at: clock.now(),
      actorId,
      action: "units.import",
      targetType: "File",
      targetId: table.fileName,
      details: { rows: plan.totals.rows, ...counts, pathsRewritten, ...context },
    });
    return { ok: true, plan, ...counts, pathsRewritten };
  });
}

/** Rows ordered so that a parent listed in the file comes before its children. */
function parentsFirst(rows: UnitRowPlan[]): UnitRowPlan[] {
  const byCode = new Map(rows.flatMap((row) => (row.values ? [[row.values.code, row] as const] : [])));
  const depth = new Map<string, number>();
  const depthOf = (code: string): number => {
    const known = depth.get(code);
    if (known !== undefined) return known;
    const parent = byCode.get(code)?.values?.parentCode;
    // The plan has rejected cycles, so this recursion ends.
    const value = parent && byCode.has(parent) ? depthOf(parent) + 1 : 0;
    depth.set(code, value);
    return value;
  };
  return [...rows].sort((a, b) => depthOf(a.values?.code ?? "") - depthOf(b.values?.code ?? ""));
}

/**
 * Recomputes every unit's materialised path and depth from the parent links and writes the
 * ones that differ (new units, moved subtrees). Returns how many were rewritten.
 */
async function recomputePaths(tx: Prisma.TransactionClient): Promise<number> {
  const units = await tx.unit.findMany({ select: { id: true, parentId: true, path: true, depth: true } });
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const computed = new Map<number, { path: string; depth: number }>();
  const placeOf = (id: number): { path: string; depth: number } => {
    const done = computed.get(id);
    if (done) return done;
    const parentId = byId.get(id)?.parentId ?? null;
    const parent = parentId === null ? null : placeOf(parentId);
    const place = { path: childPath(parent?.path ?? null, id), depth: parent ? parent.depth + 1 : 0 };
    computed.set(id, place);
    return place;
  };
  let rewritten = 0;
  for (const unit of units) {
    const place = placeOf(unit.id);
    if (place.path === unit.path && place.depth === unit.depth) continue;
    await tx.unit.update({ where: { id: unit.id }, data: place });
    rewritten++;
  }
  return rewritten;
}
