/** The answers a person can give to a course notice; "waitlist" is what a full course makes of "yes". */
export type { CourseAnswer } from "../enums.js";

/** Until when answers can be given or changed: the RSVP deadline, else the start. */
export function answerDeadline(course: { rsvpDeadline: Date | null; startsAt: Date }): Date {
  return course.rsvpDeadline ?? course.startsAt;
}
