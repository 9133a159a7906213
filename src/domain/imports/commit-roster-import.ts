import type { Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { type AuditEntry, recordAudit, recordAudits } from "../audit/record-audit.js";
import { applyHeadChoice } from "../people/apply-head-choice.js";
import { chunks, IMPORT_TRANSACTION_OPTIONS, type ImportActor } from "./import-plan.js";
import {
  type HeadConflictRow,
  type HeadDecisions,
  type PersonFields,
  planRosterImport,
  type RosterImportOptions,
  type RosterImportPlan,
  resolveHeadDecisions,
} from "./plan-roster-import.js";
import type { TableFile } from "./read-table-file.js";

export type CommitRosterImportResult =
  | {
      ok: true;
      plan: RosterImportPlan;
      /** The change batch, for undoing the import as a whole. */
      batchId: number;
      created: number;
      updated: number;
      unchanged: number;
      /** Current hamlet heads deactivated because the importer chose to replace them. */
      replacedHeads: number;
    }
  | { ok: false; reason: "has_errors"; plan: RosterImportPlan }
  | {
      ok: false;
      reason: "heads_undecided";
      plan: RosterImportPlan;
      undecided: HeadConflictRow[];
      cannotReplace: HeadConflictRow[];
    };

/**
 * Imports a roster all-or-nothing: the plan is made again inside one transaction (the database
 * may have changed since the dry run), a file with any bad row changes nothing, and every
 * change is audited in the same transaction as one change batch — a `roster.import` entry, a
 * `person.create` per new person, a `person.update` with before/after per changed person — so
 * that the import can be undone as a whole (undo-change-batch.ts).
 *
 * An import never deactivates the people the file leaves out (that is its own, deliberate step:
 * deactivate-missing-people.ts). Rows that would give a hamlet a second head need a decision
 * each (or one "keep both" for all); replacing deactivates the current head, in the batch.
 */
export async function commitRosterImport(
  db: Db,
  clock: Clock,
  table: TableFile,
  options: RosterImportOptions & { actor: ImportActor; heads?: HeadDecisions },
): Promise<CommitRosterImportResult> {
  return db.$transaction(async (tx) => {
    const plan = await planRosterImport(tx, table, options);
    if (plan.totals.error > 0) return { ok: false, reason: "has_errors", plan };
    const heads = resolveHeadDecisions(plan.headConflicts, options.heads);
    if (!heads.ok) {
      return {
        ok: false,
        reason: "heads_undecided",
        plan,
        undecided: heads.undecided,
        cannotReplace: heads.cannotReplace,
      };
    }

    const at = clock.now();
    const actorId = options.actor.personId;
    const context = { fileName: table.fileName, via: options.actor.via };
    const batch = await tx.changeBatch.create({
      data: {
        kind: "roster.import",
        actorId,
        via: options.actor.via,
        fileName: table.fileName,
        createdAt: at,
      },
    });
    const inBatch = { at, actorId, batchId: batch.id, targetType: "Person" } as const;

    const creates = plan.rows.flatMap((row) =>
      row.status === "create" && row.values ? [{ row: row.rowNumber, values: row.values }] : [],
    );
    const created: { id: number; phone: string | null }[] = [];
    for (const part of chunks(creates)) {
      created.push(
        ...(await tx.person.createManyAndReturn({
          data: part.map(({ values }) => ({
            fullName: values.fullName,
            phone: values.phone,
            role: values.role,
            unitId: values.unitId,
            email: values.email ?? null,
            title: values.title ?? null,
            createdAt: at,
          })),
          select: { id: true, phone: true },
        })),
      );
    }
    const idByPhone = new Map(created.map((person) => [person.phone, person.id]));
    const unitCodes = await unitCodesOf(
      tx,
      plan.rows.flatMap((row) => [row.before?.unitId, row.after?.unitId, row.values?.unitId]),
    );
    const audits: AuditEntry[] = creates.map(({ row, values }) => ({
      ...inBatch,
      action: "person.create",
      targetId: idByPhone.get(values.phone) ?? "",
      unitId: values.unitId,
      details: {
        after: withUnitCode(
          {
            fullName: values.fullName,
            role: values.role,
            unitId: values.unitId,
            email: values.email ?? null,
            title: values.title ?? null,
            status: "active",
          },
          unitCodes,
        ),
        phone: values.phone,
        row,
        ...context,
      },
    }));

    const updates = plan.rows.filter((row) => row.status === "update");
    for (const row of updates) {
      if (row.personId === undefined || !row.after || !row.before) continue;
      await tx.person.update({ where: { id: row.personId }, data: row.after });
      audits.push({
        ...inBatch,
        action: "person.update",
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
    await recordAudits(tx, audits);

    // Two rows replacing the same head deactivate them once: the second finds them inactive.
    let replacedHeads = 0;
    for (const conflict of heads.replace) {
      const done = await applyHeadChoice(tx, clock, {
        actorId,
        unitId: conflict.unitId,
        choice: { kind: "deactivate", personIds: conflict.replaceable.map((head) => head.personId) },
        batchId: batch.id,
        details: { row: conflict.rowNumber, newHead: conflict.fullName, ...context },
      });
      replacedHeads += done.length;
    }

    const counts = {
      created: creates.length,
      updated: updates.length,
      unchanged: plan.totals.unchanged,
      replacedHeads,
    };
    await tx.changeBatch.update({
      where: { id: batch.id },
      data: { changed: counts.created + counts.updated + replacedHeads },
    });
    await recordAudit(tx, {
      at,
      actorId,
      action: "roster.import",
      targetType: "File",
      targetId: table.fileName,
      batchId: batch.id,
      details: {
        rows: plan.totals.rows,
        ...counts,
        ...(heads.keep.length > 0
          ? { keptSecondHeads: heads.keep.map((conflict) => conflict.rowNumber) }
          : {}),
        ...(heads.replace.length > 0
          ? { replacedHeadRows: heads.replace.map((conflict) => conflict.rowNumber) }
          : {}),
        batch: batch.id,
        ...context,
      },
    });
    return { ok: true, plan, batchId: batch.id, ...counts };
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
