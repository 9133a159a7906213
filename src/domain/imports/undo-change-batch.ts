import { z } from "zod";
import { type Db, Prisma } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { type AuditEntry, recordAudit, recordAudits } from "../audit/record-audit.js";
import { type ChangedPerson, notifySuperiors } from "../people/notify-superiors.js";
import { chunks, type ImportActor, inWriteTransaction, loadImporter } from "./import-plan.js";
import { type ChangeBatchSummary, listChangeBatches, UNDO_WINDOW_MS } from "./list-change-batches.js";

/** The fields a batch may have changed, in the order a report names them. */
const FIELDS = ["fullName", "role", "unitId", "email", "title", "status"] as const;
type Field = (typeof FIELDS)[number];
type Values = Partial<Record<Field, string | number | null>>;

/**
 * Everything that points at a person. A person the batch created is removed only when nothing
 * does (nobody linked an account, reported, was audited…); the type makes a new relation of
 * `Person` a compile error here until it is counted too.
 */
const PERSON_REFERENCES: { [K in keyof Required<Prisma.PersonCountOutputTypeSelect>]: true } = {
  accounts: true,
  invitesCreated: true,
  accessDecisions: true,
  questions: true,
  ticketsAnswered: true,
  ticketsAssigned: true,
  feedback: true,
  reports: true,
  reportRevisions: true,
  coursesCreated: true,
  rsvps: true,
  attendance: true,
  quizAnswers: true,
  broadcasts: true,
  outboxMessages: true,
  summarySubscriptions: true,
  auditEntries: true,
  changeBatches: true,
  // A code handed out for them (to read over the phone or print) counts as use: kept, deactivated.
  activationCodes: true,
  activationCodesMade: true,
};

/** Someone the undo could not fully put back, and why. */
export interface UndoConflict {
  personId: number;
  fullName: string;
  /**
   * changed: the fields changed again since the batch (left as they are now);
   * kept: created by the batch but used or changed since, so deactivated instead of removed;
   * gone: no longer in the roster.
   */
  kind: "changed" | "kept" | "gone";
  fields: { field: Field; before: unknown; after: unknown; now: unknown }[];
}

export type UndoResult =
  | {
      ok: true;
      undoBatchId: number;
      batch: ChangeBatchSummary;
      /** New people removed again, or deactivated when they had been used since. */
      removed: number;
      deactivated: number;
      /** People put back as they were before (changed fields restored, reactivated). */
      restored: number;
      conflicts: UndoConflict[];
      /** Names of the units the conflicts mention (unit fields hold ids). */
      unitNames: Record<number, string>;
      /** Superiors told about people reactivated (undoing a deactivation). */
      superiors: number;
      reachable: number;
    }
  | { ok: false; reason: "not_found" | "not_allowed" | "not_undoable" | "already_undone" | "in_progress" }
  | { ok: false; reason: "too_old"; batch: ChangeBatchSummary };

/**
 * Undoes an import or a deactivation of missing people as a whole, from its audit entries,
 * within {@link UNDO_WINDOW_MS} of it (by the injected clock): people it created are removed
 * (deactivated if used or changed since), fields it changed are put back, people it deactivated
 * are reactivated. A field changed again since is left alone and reported per person. The undo
 * is a batch of its own, audited in the same transaction; the database refuses a second undo
 * of the same batch (unique `undoOfId`).
 */
export async function undoChangeBatch(
  db: Db,
  clock: Clock,
  translator: Translator,
  batchId: number,
  options: {
    /** The admin doing it in the bot (read as they stand now), or the command line. */
    actor: ImportActor;
    /** Why, when it is not a person's decision: an import failed or was cut off part-way. */
    reason?: "import_failed" | "import_interrupted";
  },
): Promise<UndoResult> {
  try {
    return await inWriteTransaction(db, async (tx) => {
      const importer = await loadImporter(tx, options.actor, "roster.import");
      if (!importer.ok) return importer;
      return undoInTransaction(tx, clock, translator, batchId, { ...options, person: importer.person });
    });
  } catch (error) {
    // Two undos of one batch at once: the second meets the unique undoOfId.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "already_undone" };
    }
    throw error;
  }
}

async function undoInTransaction(
  tx: Prisma.TransactionClient,
  clock: Clock,
  translator: Translator,
  batchId: number,
  options: { actor: ImportActor; person?: { fullName: string } | null; reason?: string },
): Promise<UndoResult> {
  const [batch] = await listChangeBatches(tx, clock, { id: batchId });
  if (!batch) return { ok: false, reason: "not_found" };
  if (batch.kind === "undo") return { ok: false, reason: "not_undoable" };
  if (batch.undoneAt) return { ok: false, reason: "already_undone" };
  const at = clock.now();
  // An import still being written (in slices) is undone by the import itself if it fails.
  const lease = await tx.changeBatch.findUnique({ where: { id: batch.id }, select: { leaseUntil: true } });
  if (lease?.leaseUntil && lease.leaseUntil > at && options.reason !== "import_failed")
    return { ok: false, reason: "in_progress" };
  if (at.getTime() > batch.undoableUntil.getTime()) return { ok: false, reason: "too_old", batch };

  const actorId = options.actor.personId;
  const undo = await tx.changeBatch.create({
    data: {
      kind: "undo",
      undoOfId: batch.id,
      actorId,
      via: options.actor.via,
      fileName: batch.fileName,
      createdAt: at,
    },
  });
  const entries = await tx.auditLog.findMany({
    where: { batchId: batch.id, targetType: "Person" },
    orderBy: { id: "asc" },
  });
  const changes = netChanges(entries);
  const people = await tx.person.findMany({
    where: { id: { in: [...changes.keys()] } },
    include: { _count: { select: PERSON_REFERENCES } },
  });
  const byId = new Map(people.map((found) => [found.id, found]));

  const audits: AuditEntry[] = [];
  const inUndo = { at, actorId, batchId: undo.id, targetType: "Person" } as const;
  const reason = { reason: "undo", undoOf: batch.id };
  const conflicts: UndoConflict[] = [];
  const reactivated: number[] = [];
  const unused: number[] = [];
  let removed = 0;
  let deactivated = 0;
  let restored = 0;

  for (const [personId, change] of changes) {
    const current = byId.get(personId);
    if (!current) {
      if (!change.created) conflicts.push({ personId, fullName: change.fullName, kind: "gone", fields: [] });
      continue;
    }
    const differing = FIELDS.filter(
      (field) => field in change.after && !same(current[field], change.after[field]),
    ).map((field) => ({
      field,
      before: change.before[field] ?? null,
      after: change.after[field],
      now: current[field],
    }));

    if (change.created) {
      const used = Object.values(current._count).some((count) => count > 0);
      if (!used && differing.length === 0) {
        unused.push(personId);
        removed++;
        audits.push({
          ...inUndo,
          action: "person.delete",
          targetId: personId,
          unitId: current.unitId,
          details: { fullName: current.fullName, phone: current.phone, ...reason },
        });
        continue;
      }
      conflicts.push({ personId, fullName: current.fullName, kind: "kept", fields: differing });
      if (current.status === "active") {
        await tx.person.update({ where: { id: personId }, data: { status: "inactive" } });
        deactivated++;
        audits.push({
          ...inUndo,
          action: "person.deactivate",
          targetId: personId,
          unitId: current.unitId,
          details: {
            fullName: current.fullName,
            before: { status: "active" },
            after: { status: "inactive" },
            ...reason,
          },
        });
      }
      continue;
    }

    // Put back each field still as the batch left it; leave (and report) the ones changed since.
    const back: Values = {};
    const now: Values = {};
    for (const field of FIELDS) {
      if (!(field in change.after) || same(current[field], change.before[field])) continue;
      if (same(current[field], change.after[field])) {
        back[field] = change.before[field] ?? null;
        now[field] = current[field];
      }
    }
    const stale = differing.filter(({ field }) => !same(current[field], change.before[field]));
    if (stale.length > 0)
      conflicts.push({ personId, fullName: current.fullName, kind: "changed", fields: stale });
    if (Object.keys(back).length === 0) continue;
    await tx.person.update({ where: { id: personId }, data: back as Prisma.PersonUpdateInput });
    restored++;
    const onlyStatus = Object.keys(back).length === 1 && back.status !== undefined;
    if (back.status === "active") reactivated.push(personId);
    audits.push({
      ...inUndo,
      action: onlyStatus
        ? back.status === "active"
          ? "person.reactivate"
          : "person.deactivate"
        : "person.update",
      targetId: personId,
      unitId: current.unitId,
      details: { fullName: current.fullName, before: now, after: back, ...reason },
    });
  }
  // New people nothing points at are removed in a few statements (an import may add thousands).
  for (const ids of chunks(unused)) await tx.person.deleteMany({ where: { id: { in: ids } } });
  await recordAudits(tx, audits);

  const told = await notifySuperiors(tx, translator, clock, {
    batchId: undo.id,
    change: "reactivated",
    actor: { id: actorId, fullName: options.person?.fullName ?? null },
    fileName: batch.fileName,
    people: await describePeople(tx, reactivated),
  });
  await tx.changeBatch.update({
    where: { id: undo.id },
    data: { changed: removed + deactivated + restored },
  });
  await recordAudit(tx, {
    at,
    actorId,
    action: "batch.undo",
    targetType: "ChangeBatch",
    targetId: batch.id,
    batchId: undo.id,
    details: {
      undoOf: batch.id,
      kind: batch.kind,
      removed,
      deactivated,
      restored,
      ...told,
      ...(options.reason ? { reason: options.reason } : {}),
      conflicts: conflicts.map(({ personId, kind, fields }) => ({
        personId,
        kind,
        fields: fields.map((field) => field.field),
      })),
      via: options.actor.via,
    },
  });
  const unitIds = conflicts.flatMap(({ fields }) =>
    fields
      .filter(({ field }) => field === "unitId")
      .flatMap(({ before, after, now }) => [before, after, now]),
  );
  const units = await tx.unit.findMany({
    where: { id: { in: unitIds.filter((id): id is number => typeof id === "number") } },
    select: { id: true, name: true },
  });
  const unitNames = Object.fromEntries(units.map((unit) => [unit.id, unit.name]));
  return {
    ok: true,
    undoBatchId: undo.id,
    batch,
    removed,
    deactivated,
    restored,
    conflicts,
    unitNames,
    ...told,
  };
}

interface NetChange {
  created: boolean;
  fullName: string;
  before: Values;
  after: Values;
}

/** An audit entry's details as imports, deactivations and undos write them (before/after per field). */
const changeDetailsSchema = z.object({
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  fullName: z.unknown().optional(),
});

/** One net change per person: the first "before" and the last "after" of each field. */
function netChanges(entries: readonly { action: string; targetId: string | null; details: unknown }[]) {
  const changes = new Map<number, NetChange>();
  for (const entry of entries) {
    const personId = Number(entry.targetId);
    const details = changeDetailsSchema.safeParse(entry.details).data ?? {};
    if (!Number.isInteger(personId) || !isValues(details.after)) continue;
    const change = changes.get(personId) ?? {
      created: false,
      fullName: typeof details.fullName === "string" ? details.fullName : "",
      before: {},
      after: {},
    };
    if (entry.action === "person.create") change.created = true;
    const before = isValues(details.before) ? details.before : {};
    for (const field of FIELDS) {
      if (!(field in details.after)) continue;
      if (!(field in change.after) && !change.created) change.before[field] = before[field] ?? null;
      change.after[field] = details.after[field] ?? null;
    }
    if (change.fullName === "" && typeof change.after.fullName === "string")
      change.fullName = change.after.fullName;
    changes.set(personId, change);
  }
  return changes;
}

function isValues(value: unknown): value is Values {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/** Name, role and "unit, parent" of people, for their superiors' notice. */
async function describePeople(
  tx: Prisma.TransactionClient,
  ids: readonly number[],
): Promise<ChangedPerson[]> {
  if (ids.length === 0) return [];
  const people = await tx.person.findMany({
    where: { id: { in: [...ids] } },
    select: {
      id: true,
      fullName: true,
      role: true,
      unitId: true,
      unit: { select: { name: true, parent: { select: { name: true } } } },
    },
  });
  return people.map((found) => ({
    id: found.id,
    fullName: found.fullName,
    role: found.role,
    unitId: found.unitId,
    unitName: [found.unit.name, found.unit.parent?.name].filter(Boolean).join(", "),
  }));
}
