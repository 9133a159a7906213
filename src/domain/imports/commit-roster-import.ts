import type { Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { chunks, IMPORT_TRANSACTION_OPTIONS, type ImportActor } from "./import-plan.js";
import {
  type PersonFields,
  planRosterImport,
  type RosterImportOptions,
  type RosterImportPlan,
} from "./plan-roster-import.js";
import type { TableFile } from "./read-table-file.js";

export type CommitRosterImportResult =
  | {
      ok: true;
      plan: RosterImportPlan;
      created: number;
      updated: number;
      unchanged: number;
      deactivated: number;
    }
  | { ok: false; reason: "has_errors"; plan: RosterImportPlan };

/**
 * Imports a roster all-or-nothing: the plan is made again inside one transaction (the database
 * may have changed since the dry run), a file with any bad row changes nothing, and every
 * change is audited in the same transaction — one `roster.import` entry, a `person.update`
 * with before/after per changed person, a `person.deactivate` per person dropped.
 */
export async function commitRosterImport(
  db: Db,
  clock: Clock,
  table: TableFile,
  options: RosterImportOptions & { actor: ImportActor },
): Promise<CommitRosterImportResult> {
  return db.$transaction(async (tx) => {
    const plan = await planRosterImport(tx, table, options);
    if (plan.totals.error > 0) return { ok: false, reason: "has_errors", plan };
    const actorId = options.actor.personId;
    const context = { fileName: table.fileName, via: options.actor.via };

    const creates = plan.rows.flatMap((row) => (row.status === "create" && row.values ? [row.values] : []));
    if (creates.length > 0) {
      await tx.person.createMany({
        data: creates.map((values) => ({
          fullName: values.fullName,
          phone: values.phone,
          role: values.role,
          unitId: values.unitId,
          email: values.email ?? null,
          title: values.title ?? null,
        })),
      });
    }

    const updates = plan.rows.filter((row) => row.status === "update");
    const unitCodes = await unitCodesOf(
      tx,
      updates.flatMap((row) => [row.before?.unitId, row.after?.unitId]),
    );
    for (const row of updates) {
      if (row.personId === undefined || !row.after || !row.before) continue;
      await tx.person.update({ where: { id: row.personId }, data: row.after });
      await recordAudit(tx, {
        at: clock.now(),
        actorId,
        action: "person.update",
        targetType: "Person",
        targetId: row.personId,
        unitId: row.values?.unitId ?? null,
        details: {
          before: withUnitCode(row.before, unitCodes),
          after: withUnitCode(row.after, unitCodes),
          row: row.rowNumber,
          ...context,
        },
      });
    }

    for (const ids of chunks(plan.toDeactivate.map((person) => person.personId))) {
      await tx.person.updateMany({ where: { id: { in: ids } }, data: { status: "inactive" } });
    }
    for (const person of plan.toDeactivate) {
      await recordAudit(tx, {
        at: clock.now(),
        actorId,
        action: "person.deactivate",
        targetType: "Person",
        targetId: person.personId,
        unitId: person.unitId,
        details: { fullName: person.fullName, reason: "not_in_roster_file", ...context },
      });
    }

    const counts = {
      created: creates.length,
      updated: updates.length,
      unchanged: plan.totals.unchanged,
      deactivated: plan.toDeactivate.length,
    };
    await recordAudit(tx, {
      at: clock.now(),
      actorId,
      action: "roster.import",
      targetType: "File",
      targetId: table.fileName,
      details: {
        rows: plan.totals.rows,
        ...counts,
        deactivateMissing: Boolean(options.deactivateMissing),
        ...context,
      },
    });
    return { ok: true, plan, ...counts };
  }, IMPORT_TRANSACTION_OPTIONS);
}

async function unitCodesOf(tx: Prisma.TransactionClient, ids: (number | undefined)[]) {
  const codes = new Map<number, string>();
  for (const wanted of chunks([...new Set(ids.filter((id): id is number => id !== undefined))])) {
    const units = await tx.unit.findMany({ where: { id: { in: wanted } }, select: { id: true, code: true } });
    for (const unit of units) codes.set(unit.id, unit.code);
  }
  return codes;
}

/** Unit ids mean little in a log a person reads: the code goes next to the id. */
function withUnitCode(fields: Partial<PersonFields>, codes: Map<number, string>) {
  return fields.unitId === undefined ? fields : { ...fields, unitCode: codes.get(fields.unitId) ?? null };
}
