import { type Actor, isInScope } from "../../access/permissions.js";

/**
 * Whether an editor may see what someone asked or said: an admin sees everything (strangers'
 * questions too); anyone else only what people of their subtree asked.
 */
export function questionInScope(actor: Actor, askerUnitPath: string | null): boolean {
  if (actor.role === "admin") return true;
  return askerUnitPath !== null && isInScope(actor, askerUnitPath);
}
