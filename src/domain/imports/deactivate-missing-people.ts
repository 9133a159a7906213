import type { Db } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit, recordAudits } from "../audit/record-audit.js";
import { notifySuperiors } from "../people/notify-superiors.js";
import { chunks, type ImportActor, inWriteTransaction, loadImporter } from "./import-plan.js";
import { type MissingPerson, planRosterImport, type RosterImportPlan } from "./plan-roster-import.js";
import type { TableFile } from "./read-table-file.js";

export type DeactivateMissingResult =
  | {
      ok: true;
      batchId: number;
      deactivated: MissingPerson[];
      /** Superiors told through the outbox, and how many of them the bot can reach. */
      superiors: number;
      reachable: number;
    }
  | { ok: false; reason: "not_allowed" }
  | { ok: false; reason: "has_errors" | "nobody_missing"; plan: RosterImportPlan }
  /** The count confirmed is not the number of people missing now: nothing was changed. */
  | { ok: false; reason: "count_mismatch"; plan: RosterImportPlan; confirmed: number };

/**
 * The deliberate step after an import: deactivates the active people the roster file does not
 * list — never administrators, never the person doing it, only within their unit — once the
 * number of people has been confirmed (`confirmCount` must equal the number missing *now*, so a
 * list that changed since it was shown is not acted on). One transaction: the deactivations,
 * one audit entry each and one for the batch (which an undo reverts as a whole), and one notice
 * per superior of the people concerned, through the outbox.
 */
export async function deactivateMissingPeople(
  db: Db,
  clock: Clock,
  translator: Translator,
  table: TableFile,
  options: {
    /** The admin doing it in the bot (permission and scope, read as they stand now), or the command line. */
    actor: ImportActor;
    confirmCount: number;
  },
): Promise<DeactivateMissingResult> {
  return inWriteTransaction(db, async (tx): Promise<DeactivateMissingResult> => {
    const importer = await loadImporter(tx, options.actor, "roster.import");
    if (!importer.ok) return importer;
    const { person } = importer;
    const plan = await planRosterImport(tx, table, person ? { viewer: person } : {});
    if (plan.totals.error > 0) return { ok: false, reason: "has_errors", plan };
    if (plan.missing.length === 0) return { ok: false, reason: "nobody_missing", plan };
    if (plan.missing.length !== options.confirmCount) {
      return { ok: false, reason: "count_mismatch", plan, confirmed: options.confirmCount };
    }
    const at = clock.now();
    const actorId = options.actor.personId;
    const context = { fileName: table.fileName, via: options.actor.via };
    const batch = await tx.changeBatch.create({
      data: {
        kind: "roster.deactivate_missing",
        actorId,
        via: options.actor.via,
        fileName: table.fileName,
        changed: plan.missing.length,
        createdAt: at,
      },
    });
    for (const ids of chunks(plan.missing.map((missing) => missing.personId))) {
      await tx.person.updateMany({
        where: { id: { in: ids }, status: "active" },
        data: { status: "inactive" },
      });
    }
    await recordAudits(
      tx,
      plan.missing.map((missing) => ({
        at,
        actorId,
        action: "person.deactivate",
        targetType: "Person",
        targetId: missing.personId,
        unitId: missing.unitId,
        batchId: batch.id,
        details: {
          fullName: missing.fullName,
          before: { status: "active" },
          after: { status: "inactive" },
          reason: "not_in_roster_file",
          ...context,
        },
      })),
    );
    const told = await notifySuperiors(tx, translator, clock, {
      batchId: batch.id,
      change: "deactivated",
      actor: { id: actorId, fullName: person?.fullName ?? null },
      fileName: table.fileName,
      people: plan.missing.map((missing) => ({ ...missing, id: missing.personId })),
    });
    await recordAudit(tx, {
      at,
      actorId,
      action: "roster.deactivate_missing",
      targetType: "File",
      targetId: table.fileName,
      batchId: batch.id,
      details: { deactivated: plan.missing.length, ...told, batch: batch.id, ...context },
    });
    return { ok: true, batchId: batch.id, deactivated: plan.missing, ...told };
  });
}
