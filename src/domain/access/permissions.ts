import type { Role } from "../roles.js";

/**
 * What each role may do, by action. Unit scope is checked separately by {@link isInScope}:
 * a person acts only on their own unit's subtree.
 *
 * "public" actions are open to people who are not on the roster (or are deactivated).
 */
export const ACTIONS = {
  "faq.read": "public",
  "access.request": "public",
  "profile.view": ["hamlet_head", "commune_officer", "trainer", "supervisor", "admin"],
  "units.overview": ["commune_officer", "supervisor", "admin"],
  "access.decide": ["commune_officer", "admin"],
  "faq.answer": ["commune_officer", "trainer", "admin"],
  "report.submit": ["hamlet_head"],
  "report.review": ["commune_officer", "supervisor", "admin"],
  "course.manage": ["trainer", "admin"],
  "broadcast.send": ["trainer", "admin"],
  "summary.receive": ["supervisor", "admin"],
  "roster.manage": ["admin"],
  "audit.read": ["admin"],
} as const satisfies Record<string, "public" | readonly Role[]>;

export type Action = keyof typeof ACTIONS;

/** The part of a person the access rules look at. `null` = not registered / deactivated. */
export interface Actor {
  role: Role;
  status: string;
  unitPath: string;
}

/** May this actor (or a stranger, `null`) perform the action at all? */
export function canPerform(actor: Actor | null, action: Action): boolean {
  const rule: "public" | readonly Role[] = ACTIONS[action];
  if (rule === "public") return true;
  if (actor?.status !== "active") return false;
  return rule.includes(actor.role);
}

/** Is the unit with materialised path `unitPath` inside the actor's subtree? */
export function isInScope(actor: Actor, unitPath: string): boolean {
  return unitPath.startsWith(actor.unitPath);
}

/** Role and scope together: the one question every privileged entry point asks. */
export function mayActOn(actor: Actor | null, action: Action, unitPath: string): boolean {
  if (!canPerform(actor, action)) return false;
  const rule: "public" | readonly Role[] = ACTIONS[action];
  if (rule === "public") return true;
  return actor !== null && isInScope(actor, unitPath);
}
