import type { Db } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import type { ImportActor } from "./import-plan.js";
import { undoChangeBatch } from "./undo-change-batch.js";

/**
 * Keeps "all or nothing" true across crashes. A roster import is written in slices; a process
 * killed between two leaves a batch that was never completed, whose lease (extended by every
 * slice) then runs out. Such batches are undone here — the rows they wrote removed or put back,
 * recorded as an undo with reason "import_interrupted" — and their lease cleared. Called before
 * an import, a deactivation or an undo starts, from the bot and the command line alike.
 *
 * @returns the ids of the batches rolled back
 */
export async function rollBackInterruptedImports(
  db: Db,
  clock: Clock,
  translator: Translator,
  actor: ImportActor,
): Promise<number[]> {
  const stale = await db.changeBatch.findMany({
    where: { kind: "roster.import", leaseUntil: { lt: clock.now() }, undoneBy: null },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const rolledBack: number[] = [];
  for (const { id } of stale) {
    const undone = await undoChangeBatch(db, clock, translator, id, { actor, reason: "import_interrupted" });
    // Too old to undo, or undone meanwhile: nothing more to do for it either way.
    await db.changeBatch.update({ where: { id }, data: { leaseUntil: null } });
    if (undone.ok) rolledBack.push(id);
  }
  return rolledBack;
}
