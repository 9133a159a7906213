import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudits } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { isRole, type Role } from "../roles.js";
import { describeUnit } from "../units/describe-unit.js";
import {
  ACTIVATION_CODE_DAYS,
  formatActivationCode,
  hashActivationCode,
  newActivationCode,
} from "./activation-code.js";
import { loadActor } from "./load-actor.js";
import { authorize, type Denial } from "./permissions.js";

const DAY_MS = 24 * 60 * 60_000;

/** One code handed out: what goes on the sheet or is read out over the phone. */
export interface IssuedCode {
  personId: number;
  fullName: string;
  role: Role;
  unitId: number;
  /** "Thôn 3, Xã Lâm Trung Thủy": the unit and the one above it. */
  unitLabel: string;
  phone: string | null;
  /** "ABCD-EFGH": shown once, never stored. */
  code: string;
  expiresAt: Date;
}

export type GenerateCodesResult =
  | { ok: true; codes: IssuedCode[] }
  | { ok: false; reason: Denial | "not_found" | "inactive"; personId?: number };

/**
 * Makes one activation code per person — for people to link a messenger that cannot share a
 * verified phone — and withdraws each person's earlier unused code (the newest paper counts).
 * Allowed for people in the actor's scope whose role the actor may grant, as the actor stands
 * now (read in the transaction): an admin for anyone, a commune officer for their commune.
 * All or nothing: one person out of scope, unknown or deactivated refuses the whole request.
 * Audited per person (`activation.create`, never the code), in the same transaction.
 */
export async function generateActivationCodes(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { personIds: readonly number[]; validDays?: number },
): Promise<GenerateCodesResult> {
  const personIds = [...new Set(input.personIds)];
  return inWriteTransaction(db, async (tx): Promise<GenerateCodesResult> => {
    const actor = await loadActor(tx, actorId);
    if (!actor || !authorize(actor, "activation.generate").ok) return { ok: false, reason: "not_allowed" };
    const people = await tx.person.findMany({
      where: { id: { in: personIds } },
      select: {
        id: true,
        fullName: true,
        role: true,
        status: true,
        phone: true,
        unitId: true,
        unit: { select: { name: true, path: true } },
      },
      orderBy: [{ unit: { path: "asc" } }, { fullName: "asc" }],
    });
    if (people.length !== personIds.length) {
      const found = new Set(people.map((p) => p.id));
      return { ok: false, reason: "not_found", personId: personIds.find((id) => !found.has(id)) ?? 0 };
    }
    for (const person of people) {
      if (!isRole(person.role)) return { ok: false, reason: "not_found", personId: person.id };
      const allowed = authorize(actor, "activation.generate", {
        unitPath: person.unit.path,
        grantRole: person.role,
      });
      if (!allowed.ok) return { ...allowed, personId: person.id };
      if (person.status !== "active") return { ok: false, reason: "inactive", personId: person.id };
    }
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + (input.validDays ?? ACTIVATION_CODE_DAYS) * DAY_MS);
    await tx.activationCode.updateMany({
      where: { personId: { in: personIds }, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const labels = new Map<number, string>();
    for (const unitId of new Set(people.map((person) => person.unitId))) {
      const chain = await describeUnit(tx, unitId);
      labels.set(unitId, chain?.names.slice(0, 2).join(", ") ?? "");
    }
    // Every role was checked above; the guard narrows the stored text to a Role.
    const codes: IssuedCode[] = people.flatMap((person) =>
      isRole(person.role)
        ? [
            {
              personId: person.id,
              fullName: person.fullName,
              role: person.role,
              unitId: person.unitId,
              unitLabel: labels.get(person.unitId) || person.unit.name,
              phone: person.phone,
              code: newActivationCode(),
              expiresAt,
            },
          ]
        : [],
    );
    for (let start = 0; start < codes.length; start += 500) {
      await tx.activationCode.createMany({
        data: codes.slice(start, start + 500).map((issued) => ({
          codeHash: hashActivationCode(issued.code),
          personId: issued.personId,
          createdById: actor.id,
          createdAt: now,
          expiresAt,
        })),
      });
    }
    await recordAudits(
      tx,
      codes.map((issued) => ({
        at: now,
        actorId: actor.id,
        action: "activation.create",
        targetType: "Person",
        targetId: issued.personId,
        unitId: issued.unitId,
        details: { expiresAt: expiresAt.toISOString(), count: codes.length },
      })),
    );
    return {
      ok: true,
      codes: codes.map((issued) => ({ ...issued, code: formatActivationCode(issued.code) })),
    };
  });
}
