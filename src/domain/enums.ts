import { z } from "zod";
import { deliveryModeSchema } from "./roles.js";

/**
 * The status and kind columns of access, people, training, the policy Q&A and the outbox: one
 * zod enum per column, the TypeScript type derived from it. The columns are plain strings (the
 * same schema serves SQLite and PostgreSQL), so a value read from the database is parsed with
 * these (`parseEnum`) rather than cast, and a value written is one of them by its type.
 * Roles, unit levels and channels are in roles.ts.
 */

/** AccessRequest.status: a stranger's request, until an officer decides it. */
export const accessRequestStatusSchema = z.enum(["pending", "approved", "rejected", "withdrawn"]);
export type AccessRequestStatus = z.infer<typeof accessRequestStatusSchema>;

/** Course.status. */
export const courseStatusSchema = z.enum(["draft", "published", "cancelled", "finished"]);
export type CourseStatus = z.infer<typeof courseStatusSchema>;

/** CourseRsvp.answer: "Tham gia", "Không tham gia", or waiting for a place. */
export const courseAnswerSchema = z.enum(["yes", "no", "waitlist"]);
export type CourseAnswer = z.infer<typeof courseAnswerSchema>;

/** CourseAttendance.method: the participant typed the code, or the trainer ticked the name. */
export const attendanceMethodSchema = z.enum(["code", "list"]);
export type AttendanceMethod = z.infer<typeof attendanceMethodSchema>;

/** CourseSend.kind and CourseSend.status: a course's planned sends. */
export const courseSendKindSchema = z.enum(["reminder", "rsvp_nudge", "quiz"]);
export type CourseSendKind = z.infer<typeof courseSendKindSchema>;
export const courseSendStatusSchema = z.enum(["pending", "sending", "done", "skipped"]);
export type CourseSendStatus = z.infer<typeof courseSendStatusSchema>;

/** QuestionTicket.status: a question handed to people ("Hỏi cán bộ"). */
export const ticketStatusSchema = z.enum(["open", "answered", "closed"]);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** Question.confidence: how sure the search was. */
export const searchConfidenceSchema = z.enum(["high", "low", "none"]);
export type SearchConfidence = z.infer<typeof searchConfidenceSchema>;

/** FaqEntry.status: served as fact, waiting for review (promoted answers), or dropped. */
export const faqEntryStatusSchema = z.enum(["verified", "needs_review", "retired"]);
export type FaqEntryStatus = z.infer<typeof faqEntryStatusSchema>;

/** Broadcast.kind and Broadcast.status. */
export const broadcastKindSchema = z.enum([
  "announcement",
  "course_notice",
  "course_change",
  "course_cancel",
]);
export type BroadcastKind = z.infer<typeof broadcastKindSchema>;
export const broadcastStatusSchema = z.enum(["draft", "queued", "sending", "done", "cancelled"]);
export type BroadcastStatus = z.infer<typeof broadcastStatusSchema>;

/** OutboxMessage.kind, OutboxMessage.status and OutboxMessage.deliveryMode. */
export const outboxKindSchema = z.enum(["notification", "broadcast", "reminder", "summary"]);
export type OutboxKind = z.infer<typeof outboxKindSchema>;
export const outboxStatusSchema = z.enum(["pending", "sending", "sent", "failed", "unreachable"]);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;
/** How the send policy routed a row when it was claimed (defined with the channels, roles.ts). */
export { deliveryModeSchema };
export type DeliveryMode = z.infer<typeof deliveryModeSchema>;

/** ChangeBatch.kind and ChangeBatch.via: changes to people made together. */
export const changeBatchKindSchema = z.enum(["roster.import", "roster.deactivate_missing", "undo"]);
export type ChangeBatchKind = z.infer<typeof changeBatchKindSchema>;
export const changeBatchViaSchema = z.enum(["cli", "bot"]);
export type ChangeBatchVia = z.infer<typeof changeBatchViaSchema>;

/**
 * A value read from a status or kind column, as its enum; `fallback` when the stored text is not
 * one of them (a row written by a newer version, or by hand), so a stray value is never mistaken
 * for a known one.
 */
export function parseEnum<T extends string, F>(
  schema: z.ZodEnum<{ [K in T]: K }>,
  value: unknown,
  fallback: F,
): T | F {
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as T) : fallback;
}
