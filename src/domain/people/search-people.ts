import type { Db } from "../../db/client.js";
import { foldText } from "../../shared/fold.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import { subtreeRange } from "../units/unit-path.js";

export interface PersonSummary {
  id: number;
  fullName: string;
  phone: string | null;
  role: string;
  status: string;
  unitName: string;
}

/**
 * People in the actor's scope whose name contains every word typed (diacritics optional) or
 * whose phone contains the digits typed — for someone who may manage people, as they stand now
 * (`null` otherwise). Names are matched in memory: a province has ~14,000 officers, a few
 * hundred kilobytes of names.
 */
export async function searchPeople(
  db: Db,
  actorId: number,
  query: string,
  limit = 8,
): Promise<PersonSummary[] | null> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "person.relink").ok) return null;
  const digits = query.replace(/\D/g, "");
  const words = foldText(query).split(" ").filter(Boolean);
  if (words.length === 0 && digits.length < 3) return [];
  const people = await db.person.findMany({
    where: { unit: { path: subtreeRange(actor.unitPath) } },
    select: {
      id: true,
      fullName: true,
      phone: true,
      role: true,
      status: true,
      unit: { select: { name: true } },
    },
    orderBy: { fullName: "asc" },
  });
  const national = digits.startsWith("84") ? digits.slice(2) : digits.replace(/^0/, "");
  const matches = people.filter((person) => {
    if (digits.length >= 3 && digits.length === query.replace(/[\s.+()-]/g, "").length) {
      return person.phone?.includes(national) ?? false;
    }
    const name = foldText(person.fullName);
    return words.every((word) => name.includes(word));
  });
  return matches.slice(0, limit).map((person) => ({
    id: person.id,
    fullName: person.fullName,
    phone: person.phone,
    role: person.role,
    status: person.status,
    unitName: person.unit.name,
  }));
}
