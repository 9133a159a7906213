import type { Role, UnitLevel } from "../roles.js";

/**
 * The one authorization module: which role may do what (by action), on which units (the
 * actor's own subtree), granting which roles. Every bot handler and every service entry point
 * asks {@link authorize}; menus and command lists are derived from {@link canPerform}.
 *
 * "public" actions are open to people who are not on the roster (or are deactivated).
 */
export const ACTIONS = {
  "faq.read": "public",
  "access.request": "public",
  "profile.view": ["hamlet_head", "commune_officer", "trainer", "supervisor", "admin"],
  "units.overview": ["commune_officer", "supervisor", "admin"],
  /** Approve or reject access requests for units in scope. */
  "access.decide": ["commune_officer", "admin"],
  /** Create invite links for roles the actor may grant, for units in scope. */
  "invite.create": ["commune_officer", "supervisor", "admin"],
  /** Look up people in scope and re-link their messenger account or phone. */
  "person.relink": ["commune_officer", "admin"],
  /**
   * Hand out activation codes (for messengers without a phone button) to people in scope whose
   * role the actor may grant: an admin for anyone, a commune officer for their commune.
   */
  "activation.generate": ["commune_officer", "admin"],
  /** Change a person's role or unit, deactivate or reactivate them. */
  "person.manage": ["admin"],
  "roster.import": ["admin"],
  "units.import": ["admin"],
  "audit.read": ["admin"],
  /** Answer questions handed to people ("Hỏi cán bộ") from units in scope. */
  "faq.answer": ["commune_officer", "trainer", "admin"],
  /**
   * Edit and approve answers promoted to the FAQ: an administrator anywhere, a trainer for
   * answers whose reach is within their unit's subtree.
   */
  "faq.verify": ["trainer", "admin"],
  /**
   * The editors' report (👎 answers, questions the search was unsure of, tickets, entries past
   * their review date) and adding a question's wording to an entry: admins for everything,
   * trainers for the people and units of their subtree.
   */
  "faq.review_content": ["trainer", "admin"],
  "report.submit": ["hamlet_head", "commune_officer"],
  "report.review": ["commune_officer", "supervisor", "admin"],
  "course.manage": ["trainer", "admin"],
  "broadcast.send": ["trainer", "admin"],
  /** Subscribe to and ask for summaries of units in scope (a commune officer: their commune). */
  "summary.receive": ["commune_officer", "supervisor", "admin"],
} as const satisfies Record<string, "public" | readonly Role[]>;

export type Action = keyof typeof ACTIONS;

/** The part of a person the access rules look at. `null` = not registered / deactivated. */
export interface Actor {
  role: Role;
  status: string;
  unitPath: string;
}

/** Which unit levels each role belongs to: a hamlet head heads a hamlet, and so on. */
export const ROLE_UNIT_LEVELS: Record<Role, readonly UnitLevel[]> = {
  hamlet_head: ["hamlet"],
  commune_officer: ["commune"],
  trainer: ["province", "district", "commune"],
  supervisor: ["province", "district", "commune"],
  admin: ["province"],
};

/** Roles each role may hand out (invites, approvals, role changes). */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  hamlet_head: [],
  commune_officer: ["hamlet_head", "commune_officer"],
  trainer: [],
  supervisor: ["hamlet_head", "commune_officer", "trainer", "supervisor"],
  admin: ["hamlet_head", "commune_officer", "trainer", "supervisor", "admin"],
};

export type Denial = "not_allowed" | "out_of_scope" | "role_not_grantable" | "unit_level_mismatch";
export type Decision = { ok: true } | { ok: false; reason: Denial };

/** What the action is done to: a unit (by path), and for grants the role and the unit's level. */
export interface Target {
  unitPath?: string;
  grantRole?: Role;
  unitLevel?: string;
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

/** Is `role` a role that belongs at a unit of `level`? */
export function roleFitsLevel(role: Role, level: string): boolean {
  return (ROLE_UNIT_LEVELS[role] as readonly string[]).includes(level);
}

/**
 * "May person P do action A on unit U (granting role R)?" — role, scope and grant rules in one
 * answer, with the reason when not.
 */
export function authorize(actor: Actor | null, action: Action, target: Target = {}): Decision {
  if (!canPerform(actor, action)) return { ok: false, reason: "not_allowed" };
  if (ACTIONS[action] === "public" || actor === null) return { ok: true };
  if (target.unitPath !== undefined && !isInScope(actor, target.unitPath)) {
    return { ok: false, reason: "out_of_scope" };
  }
  if (target.grantRole !== undefined) {
    if (!GRANTABLE_ROLES[actor.role].includes(target.grantRole))
      return { ok: false, reason: "role_not_grantable" };
    if (target.unitLevel !== undefined && !roleFitsLevel(target.grantRole, target.unitLevel)) {
      return { ok: false, reason: "unit_level_mismatch" };
    }
  }
  return { ok: true };
}

/** Role and scope together, as a yes/no. */
export function mayActOn(actor: Actor | null, action: Action, unitPath: string): boolean {
  return authorize(actor, action, { unitPath }).ok;
}
