import { type Db, Prisma } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { yieldToEventLoop } from "../../shared/event-loop.js";
import { type AuditEntry, recordAudit, recordAudits } from "../audit/record-audit.js";
import { applyHeadChoice } from "../people/apply-head-choice.js";
import { chunks, type ImportActor, inWriteTransaction, loadImporter } from "./import-plan.js";
import {
  type HeadConflictRow,
  type HeadDecisions,
  type PersonFields,
  type PhoneConflictRow,
  type PhoneDecisions,
  planRosterImport,
  type RosterImportOptions,
  type RosterImportPlan,
  type RosterRowPlan,
  resolveHeadDecisions,
  undecidedPhoneConflicts,
} from "./plan-roster-import.js";
import type { TableFile } from "./read-table-file.js";
import { undoChangeBatch } from "./undo-change-batch.js";

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
    }
  | { ok: false; reason: "phones_undecided"; plan: RosterImportPlan; undecided: PhoneConflictRow[] }
  /** Someone changed a person of the file while it was written: what was written is undone. */
  | { ok: false; reason: "changed_meanwhile"; plan: RosterImportPlan }
  /** The person importing may not (any more): nothing is read or written. */
  | { ok: false; reason: "not_allowed" };

/** How far a commit has got: rows written of those that change something. */
export interface ImportProgress {
  written: number;
  total: number;
}

/**
 * The import could not finish (the database failed or stayed locked). `rolledBack`: what it had
 * written was undone, so nothing changed; otherwise batch `batchId` holds the rows written so
 * far and can be undone by hand.
 */
export class ImportInterruptedError extends Error {
  constructor(
    readonly batchId: number | null,
    readonly written: number,
    readonly rolledBack: boolean,
    options: { cause: unknown },
  ) {
    super(`roster import interrupted after ${written} rows (batch ${batchId ?? "none"})`, options);
    this.name = "ImportInterruptedError";
  }
}

/** Rows written per transaction: each holds the database for a few dozen milliseconds. */
const CREATES_PER_SLICE = 500;
const UPDATES_PER_SLICE = 200;

/**
 * How long an import being written counts as alive after its last slice. A crash leaves its
 * batch behind; once this has passed, the next import, deactivation or undo rolls it back
 * (roll-back-interrupted-imports.ts).
 */
export const IMPORT_LEASE_MS = 5 * 60_000;

/** A person of the file changed between the plan and its slice. */
class ChangedMeanwhile extends Error {}

/**
 * Imports a roster all-or-nothing, without holding the database for long: the plan is made
 * (reading only), then written in slices of a few hundred rows, each its own short transaction
 * with its audit entries, all in one change batch (so the import is undone as a whole). Other
 * writers — the bot's chats, another process — get their turn between slices. Each slice checks
 * that the people it changes are still as planned; if anything fails part-way, what was written
 * is undone with the undo machinery, and the outcome says so: all or nothing stays true.
 *
 * Audited as a `person.create` per new person, a `person.update` with before/after per changed
 * person and a closing `roster.import` entry. An import never deactivates the people the file
 * leaves out (deactivate-missing-people.ts). Rows that would give a hamlet a second head need a
 * decision each (or one "keep both" for all); replacing deactivates the current head. Rows whose
 * phone belongs to someone under another name need the importer's word that it is the same
 * person, renamed.
 */
export async function commitRosterImport(
  db: Db,
  clock: Clock,
  translator: Translator,
  table: TableFile,
  options: RosterImportOptions & {
    actor: ImportActor;
    heads?: HeadDecisions;
    phones?: PhoneDecisions;
    onProgress?: (progress: ImportProgress) => void;
  },
): Promise<CommitRosterImportResult> {
  const importer = await loadImporter(db, options.actor, "roster.import");
  if (!importer.ok) return importer;
  const plan = await planRosterImport(db, table, options);
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
  const undecidedPhones = undecidedPhoneConflicts(plan.phoneConflicts, options.phones);
  if (undecidedPhones.length > 0)
    return { ok: false, reason: "phones_undecided", plan, undecided: undecidedPhones };

  const at = clock.now();
  const actorId = options.actor.personId;
  const context = { fileName: table.fileName, via: options.actor.via };
  const creates = plan.rows.filter((row) => row.status === "create" && row.values);
  const updates = plan.rows.filter((row) => row.status === "update");
  const total = creates.length + updates.length;
  const unitCodes = await unitCodesOf(
    db,
    plan.rows.flatMap((row) => [row.before?.unitId, row.after?.unitId, row.values?.unitId]),
  );
  let batchId: number | null = null;
  let written = 0;

  /**
   * The batch comes with the first slice, so a failure before it leaves nothing at all; each
   * slice extends its lease (the last one clears it: the import is complete).
   */
  const batchIn = async (tx: Prisma.TransactionClient): Promise<number> => {
    const leaseUntil = new Date(clock.now().getTime() + IMPORT_LEASE_MS);
    if (batchId !== null) {
      await tx.changeBatch.update({ where: { id: batchId }, data: { leaseUntil } });
      return batchId;
    }
    const batch = await tx.changeBatch.create({
      data: {
        kind: "roster.import",
        actorId,
        via: options.actor.via,
        fileName: table.fileName,
        createdAt: at,
        leaseUntil,
      },
    });
    return batch.id;
  };
  const slices: ((tx: Prisma.TransactionClient, batch: number) => Promise<number>)[] = [
    ...chunks(creates, CREATES_PER_SLICE).map(
      (part) => (tx: Prisma.TransactionClient, batch: number) =>
        createPeople(tx, part, { at, actorId, batch, context, unitCodes }),
    ),
    ...chunks(updates, UPDATES_PER_SLICE).map(
      (part) => (tx: Prisma.TransactionClient, batch: number) =>
        updatePeople(tx, part, { at, actorId, batch, context, unitCodes }),
    ),
  ];

  try {
    for (const slice of slices) {
      const done = await inWriteTransaction(db, async (tx) => {
        const batch = await batchIn(tx);
        return { batch, count: await slice(tx, batch) };
      });
      batchId = done.batch;
      written += done.count;
      options.onProgress?.({ written, total });
      // Between slices the bot's own chats get the event loop (and the database).
      await yieldToEventLoop();
    }
    const finished = await inWriteTransaction(db, async (tx) => {
      const batch = await batchIn(tx);
      // Two rows replacing the same head deactivate them once: the second finds them inactive.
      let replacedHeads = 0;
      for (const conflict of heads.replace) {
        const replaced = await applyHeadChoice(tx, clock, {
          actorId,
          unitId: conflict.unitId,
          choice: { kind: "deactivate", personIds: conflict.replaceable.map((head) => head.personId) },
          batchId: batch,
          details: { row: conflict.rowNumber, newHead: conflict.fullName, ...context },
        });
        replacedHeads += replaced.length;
      }
      const counts = {
        created: creates.length,
        updated: updates.length,
        unchanged: plan.totals.unchanged,
        replacedHeads,
      };
      await tx.changeBatch.update({
        where: { id: batch },
        data: { changed: counts.created + counts.updated + replacedHeads, leaseUntil: null },
      });
      await recordAudit(tx, {
        at,
        actorId,
        action: "roster.import",
        targetType: "File",
        targetId: table.fileName,
        batchId: batch,
        details: {
          rows: plan.totals.rows,
          ...counts,
          ...(heads.keep.length > 0
            ? { keptSecondHeads: heads.keep.map((conflict) => conflict.rowNumber) }
            : {}),
          ...(heads.replace.length > 0
            ? { replacedHeadRows: heads.replace.map((conflict) => conflict.rowNumber) }
            : {}),
          ...(plan.phoneConflicts.length > 0
            ? { renamedRows: plan.phoneConflicts.map((conflict) => conflict.rowNumber) }
            : {}),
          batch,
          ...context,
        },
      });
      return { batch, counts };
    });
    return { ok: true, plan, batchId: finished.batch, ...finished.counts };
  } catch (error) {
    const meanwhile =
      error instanceof ChangedMeanwhile ||
      (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002");
    if (batchId === null) {
      if (meanwhile) return { ok: false, reason: "changed_meanwhile", plan };
      throw new ImportInterruptedError(null, 0, true, { cause: error });
    }
    const failed = batchId;
    const rolledBack = await undoChangeBatch(db, clock, translator, failed, {
      actor: options.actor,
      reason: "import_failed",
    }).then(
      (undone) => undone.ok,
      () => false,
    );
    // Undone, it is over; not undone, it stays open so that the next import rolls it back.
    if (rolledBack) {
      await db.changeBatch
        .update({ where: { id: failed }, data: { leaseUntil: null } })
        .catch(() => undefined);
    }
    if (meanwhile && rolledBack) return { ok: false, reason: "changed_meanwhile", plan };
    throw new ImportInterruptedError(batchId, written, rolledBack, { cause: error });
  }
}

interface SliceContext {
  at: Date;
  actorId: number | null;
  batch: number;
  context: { fileName: string; via: string };
  unitCodes: Map<number, string>;
}

/** New people of one slice, in a statement, with their audit entries. */
async function createPeople(
  tx: Prisma.TransactionClient,
  rows: readonly RosterRowPlan[],
  slice: SliceContext,
): Promise<number> {
  const values = rows.flatMap((row) => (row.values ? [{ row: row.rowNumber, values: row.values }] : []));
  const created = await tx.person.createManyAndReturn({
    data: values.map(({ values: person }) => ({
      fullName: person.fullName,
      phone: person.phone,
      role: person.role,
      unitId: person.unitId,
      email: person.email ?? null,
      title: person.title ?? null,
      createdAt: slice.at,
    })),
    select: { id: true, phone: true },
  });
  const idByPhone = new Map(created.map((person) => [person.phone, person.id]));
  await recordAudits(
    tx,
    values.map(
      ({ row, values: person }): AuditEntry => ({
        at: slice.at,
        actorId: slice.actorId,
        batchId: slice.batch,
        targetType: "Person",
        action: "person.create",
        targetId: idByPhone.get(person.phone) ?? "",
        unitId: person.unitId,
        details: {
          after: withUnitCode(
            {
              fullName: person.fullName,
              role: person.role,
              unitId: person.unitId,
              email: person.email ?? null,
              title: person.title ?? null,
              status: "active",
            },
            slice.unitCodes,
          ),
          phone: person.phone,
          row,
          ...slice.context,
        },
      }),
    ),
  );
  return values.length;
}

/**
 * Changed people of one slice. Each update applies only if the person is still as planned (the
 * fields it changes hold their old values): someone who edited them meanwhile wins, and the
 * import stops instead of overwriting that edit.
 */
async function updatePeople(
  tx: Prisma.TransactionClient,
  rows: readonly RosterRowPlan[],
  slice: SliceContext,
): Promise<number> {
  const audits: AuditEntry[] = [];
  for (const row of rows) {
    if (row.personId === undefined || !row.after || !row.before) continue;
    const still = await tx.person.updateMany({
      where: { id: row.personId, ...(row.before as Prisma.PersonWhereInput) },
      data: row.after,
    });
    if (still.count !== 1) throw new ChangedMeanwhile(`person ${row.personId} changed since the plan`);
    audits.push({
      at: slice.at,
      actorId: slice.actorId,
      batchId: slice.batch,
      targetType: "Person",
      action: "person.update",
      targetId: row.personId,
      unitId: row.values?.unitId ?? null,
      details: {
        before: withUnitCode(row.before, slice.unitCodes),
        after: withUnitCode(row.after, slice.unitCodes),
        row: row.rowNumber,
        ...slice.context,
      },
    });
  }
  await recordAudits(tx, audits);
  return rows.length;
}

async function unitCodesOf(db: Db, ids: (number | undefined)[]) {
  const codes = new Map<number, string>();
  for (const wanted of chunks([...new Set(ids.filter((id): id is number => id !== undefined))])) {
    const units = await db.unit.findMany({ where: { id: { in: wanted } }, select: { id: true, code: true } });
    for (const unit of units) codes.set(unit.id, unit.code);
  }
  return codes;
}

/** Unit ids mean little in a log a person reads: the code goes next to the id. */
function withUnitCode(fields: Partial<PersonFields>, codes: Map<number, string>) {
  return fields.unitId === undefined ? fields : { ...fields, unitCode: codes.get(fields.unitId) ?? null };
}
