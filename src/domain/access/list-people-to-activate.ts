import type { Db } from "../../db/client.js";
import type { Channel } from "../roles.js";
import { subtreeRange } from "../units/unit-path.js";
import { loadActor } from "./load-actor.js";
import { authorize, GRANTABLE_ROLES } from "./permissions.js";

/**
 * The people an actor may hand activation codes to who have no account on `channel` yet:
 * active, in the actor's scope (or under `unitId`, itself in scope), of a role the actor may
 * grant. `null` when the actor may not hand out codes (or the unit is not theirs).
 */
export async function listPeopleToActivate(
  db: Db,
  actorId: number,
  input: { channel: Channel; unitId?: number },
): Promise<number[] | null> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "activation.generate").ok) return null;
  let path = actor.unitPath;
  if (input.unitId !== undefined) {
    const unit = await db.unit.findUnique({ where: { id: input.unitId } });
    if (!unit || !authorize(actor, "activation.generate", { unitPath: unit.path }).ok) return null;
    path = unit.path;
  }
  const people = await db.person.findMany({
    where: {
      status: "active",
      role: { in: [...GRANTABLE_ROLES[actor.role]] },
      unit: { path: subtreeRange(path) },
      accounts: { none: { channel: input.channel } },
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return people.map((person) => person.id);
}
