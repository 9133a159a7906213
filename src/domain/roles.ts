import { z } from "zod";

/** The five roles of the roster. A person has exactly one. */
export const ROLES = ["hamlet_head", "commune_officer", "trainer", "supervisor", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Unit levels, top-down. Districts only appear in data from before 1 July 2025. */
export const UNIT_LEVELS = ["province", "district", "commune", "hamlet"] as const;
export const unitLevelSchema = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof unitLevelSchema>;

export const PERSON_STATUSES = ["active", "inactive"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const CHANNELS = ["telegram", "zalo"] as const;
export type Channel = (typeof CHANNELS)[number];

export function isRole(value: unknown): value is Role {
  return roleSchema.safeParse(value).success;
}
