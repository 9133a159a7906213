import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessRequestStatusSchema,
  courseAnswerSchema,
  outboxStatusSchema,
  parseEnum,
  ticketStatusSchema,
} from "../../src/domain/enums.js";
import { listChangeBatches } from "../../src/domain/imports/list-change-batches.js";
import { htmlMessage, parseOutboxPayload } from "../../src/domain/outbox/enqueue-message.js";
import { findBroadcastUnreachable } from "../../src/domain/outbox/find-broadcast-unreachable.js";
import { listMyCourses } from "../../src/domain/training/list-my-courses.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createPublishedCourse, personId } from "./training/course-fixture.js";

const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let temp: TempDb;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

describe("Rules in the database", () => {
  describe("status columns are typed, stored JSON is parsed once when read", () => {
    it("one enum per status column: a stored value is one of them, or the caller's fallback — never taken as known", () => {
      expect(parseEnum(accessRequestStatusSchema, "pending", null)).toBe("pending");
      expect(parseEnum(accessRequestStatusSchema, "Pending", null)).toBeNull();
      expect(parseEnum(ticketStatusSchema, "answered", "open")).toBe("answered");
      expect(parseEnum(outboxStatusSchema, undefined, "pending")).toBe("pending");
      expect(courseAnswerSchema.options).toEqual(["yes", "no", "waitlist"]);
    });

    it("a course answer the code does not know is shown as no answer, not passed on as one", async () => {
      const an = await personId(temp.db, "Nguyễn Văn An");
      const courseId = await createPublishedCourse(temp.db, {
        now: clock.now(),
        startsAt: "2026-11-25T08:00:00+07:00",
        endsAt: "2026-11-25T11:30:00+07:00",
      });
      await temp.db.courseRsvp.create({
        data: { courseId, personId: an, answer: "maybe", answeredAt: clock.now() },
      });
      const listed = await listMyCourses(temp.db, clock, an, { skip: 0, take: 10 });
      expect(listed.courses.find((course) => course.id === courseId)?.answer).toBeNull();
      await temp.db.courseRsvp.updateMany({ where: { courseId, personId: an }, data: { answer: "yes" } });
      const again = await listMyCourses(temp.db, clock, an, { skip: 0, take: 10 });
      expect(again.courses.find((course) => course.id === courseId)?.answer).toBe("yes");
    });

    it("a broadcast's list of the unreachable is read entry by entry: a broken entry is skipped, not trusted", async () => {
      const [em, lan] = [await personId(temp.db, "Hoàng Văn Em"), await personId(temp.db, "Ngô Thị Lan")];
      const unit = await temp.db.unit.findUniqueOrThrow({ where: { code: "42" } });
      const broadcast = await temp.db.broadcast.create({
        data: {
          senderId: em,
          unitId: unit.id,
          text: "Thông báo",
          audience: { units: [unit.id], roles: ["hamlet_head"] },
          queuedUnreachable: [
            { personId: "ba" },
            { personId: lan, reach: "never_connected" },
            7,
            { reach: "blocked" },
          ],
        },
      });
      const found = await findBroadcastUnreachable(temp.db, broadcast.id, 10);
      expect(found).toEqual({
        total: 1,
        people: [
          { personId: lan, fullName: "Ngô Thị Lan", phone: "+84912000022", reason: "never_connected" },
        ],
      });
    });

    it("an outbox payload is read with its schema", () => {
      expect(parseOutboxPayload(htmlMessage("Chào"))).toEqual(htmlMessage("Chào"));
      expect(parseOutboxPayload({ method: "sendSticker", params: {} })).toBeNull();
      expect(parseOutboxPayload("sendMessage")).toBeNull();
    });

    it("a change batch of a kind this version does not know is left out of the list, not mistaken for an import", async () => {
      await temp.db.changeBatch.create({
        data: { kind: "roster.merge", via: "cli", createdAt: clock.now(), changed: 3 },
      });
      const known = await temp.db.changeBatch.create({
        data: { kind: "roster.import", via: "cli", createdAt: clock.now(), changed: 2 },
      });
      const listed = await listChangeBatches(temp.db, clock, {});
      expect(listed.map((batch) => [batch.id, batch.kind])).toEqual([[known.id, "roster.import"]]);
    });
  });
});
