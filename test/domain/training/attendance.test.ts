import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readActivationCode } from "../../../src/domain/access/activation-code.js";
import { checkIn } from "../../../src/domain/training/check-in.js";
import { newCheckInCode, readCheckInCode } from "../../../src/domain/training/check-in-code.js";
import { listAttendance } from "../../../src/domain/training/list-attendance.js";
import { markAttendance } from "../../../src/domain/training/mark-attendance.js";
import { openCheckIn } from "../../../src/domain/training/open-check-in.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { answer, createPublishedCourse, linkHamletHeads, personId } from "./course-fixture.js";

let temp: TempDb;
let courseId: number;
const ids: Record<string, number> = {};
const accounts: Record<string, number> = {};
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  await linkHamletHeads(temp.db);
  courseId = await createPublishedCourse(temp.db, {
    now: clock.now(),
    startsAt: "2026-11-25T08:00:00+07:00",
    endsAt: "2026-11-25T11:30:00+07:00",
  });
  for (const name of [
    "Nguyễn Văn An",
    "Ngô Thị Lan",
    "Võ Văn Giang",
    "Đinh Văn Minh",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Hoàng Văn Em",
    "Phạm Thị Dung",
  ]) {
    ids[name] = await personId(temp.db, name);
    const account = await temp.db.channelAccount.findFirst({ where: { personId: ids[name] } });
    if (account) accounts[name] = account.id;
  }
  await answer(temp.db, courseId, "Nguyễn Văn An", "yes", clock.now());
  await answer(temp.db, courseId, "Ngô Thị Lan", "yes", clock.now());
  await answer(temp.db, courseId, "Võ Văn Giang", "no", clock.now());
});
afterAll(() => temp.cleanup());

const trainer = () => ids["Lê Văn Cường"] as number;
const typed = (name: string, code: string) =>
  checkIn(temp.db, clock, { personId: ids[name] as number, accountId: accounts[name] as number, code });

describe("Attendance and quiz", () => {
  describe("check-in codes", () => {
    it("are short, unambiguous, and never taken for an activation code or a word", () => {
      for (let i = 0; i < 200; i++) {
        const code = newCheckInCode();
        expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}$/);
        expect(readCheckInCode(code.toLowerCase())).toBe(code);
        expect(readActivationCode(code)).toBeNull();
      }
      expect(readCheckInCode(" k7m 2p ")).toBe("K7M2P");
      expect(readCheckInCode("TRUNG")).toBeNull();
      expect(readCheckInCode("12345")).toBeNull();
      expect(readCheckInCode("ABCD-EF23")).toBeNull();
      expect(readCheckInCode("K0M2P")).toBeNull();
    });
  });

  describe("opening check-in", () => {
    it("is refused outside the course's hours and to people who do not run the course", async () => {
      clock.set("2026-11-25T07:29:00+07:00");
      expect(await openCheckIn(temp.db, clock, { actorId: trainer(), courseId })).toMatchObject({
        ok: false,
        reason: "too_early",
        opens: new Date("2026-11-25T07:30:00+07:00"),
      });
      clock.set("2026-11-25T07:45:00+07:00");
      for (const name of ["Nguyễn Văn An", "Phạm Thị Dung", "Trần Thị Bình"]) {
        expect(await openCheckIn(temp.db, clock, { actorId: ids[name] as number, courseId })).toEqual({
          ok: false,
          reason: "not_allowed",
        });
      }
      expect(await openCheckIn(temp.db, clock, { actorId: trainer(), courseId: 99999 })).toEqual({
        ok: false,
        reason: "not_found",
      });
      expect(await temp.db.course.findUniqueOrThrow({ where: { id: courseId } })).toMatchObject({
        checkInCode: null,
      });
    });

    it("gives a code from a little before the start, the same one when asked again, audited", async () => {
      clock.set("2026-11-25T07:45:00+07:00");
      const opened = await openCheckIn(temp.db, clock, { actorId: trainer(), courseId });
      if (!opened.ok) throw new Error(opened.reason);
      expect(readCheckInCode(opened.code)).toBe(opened.code);
      expect(opened).toMatchObject({ alreadyOpen: false, present: 0, expected: 2 });
      const again = await openCheckIn(temp.db, clock, { actorId: ids["Hoàng Văn Em"] as number, courseId });
      expect(again).toMatchObject({ ok: true, code: opened.code, alreadyOpen: true });
      expect(
        await temp.db.auditLog.count({
          where: { action: "course.check_in_open", targetId: String(courseId) },
        }),
      ).toBe(1);
    });
  });

  describe("typing the code", () => {
    it("records attendance once; twice says when; wrong codes are limited; late is refused", async () => {
      const course = await temp.db.course.findUniqueOrThrow({ where: { id: courseId } });
      const code = course.checkInCode as string;
      clock.set("2026-11-25T08:05:00+07:00");
      expect(await typed("Nguyễn Văn An", code)).toMatchObject({ ok: true, at: clock.now() });
      const first = clock.now();
      clock.set("2026-11-25T08:20:00+07:00");
      expect(await typed("Nguyễn Văn An", code)).toMatchObject({ ok: false, reason: "already", at: first });
      // Said "Không" but came anyway: welcome.
      expect(await typed("Võ Văn Giang", code)).toMatchObject({ ok: true });
      // Not in the audience (a commune officer): politely refused.
      expect(await typed("Trần Thị Bình", code)).toMatchObject({ ok: false, reason: "not_in_audience" });
      expect(
        await temp.db.courseAttendance.findMany({
          where: { courseId },
          select: { personId: true, method: true },
        }),
      ).toEqual([
        { personId: ids["Nguyễn Văn An"], method: "code" },
        { personId: ids["Võ Văn Giang"], method: "code" },
      ]);

      const wrong = code === "ABC23" ? "ABC24" : "ABC23";
      for (let i = 0; i < 5; i++)
        expect(await typed("Ngô Thị Lan", wrong)).toEqual({ ok: false, reason: "wrong_code" });
      expect(await typed("Ngô Thị Lan", code)).toEqual({ ok: false, reason: "too_many_attempts" });
      clock.advance(61 * 60_000);
      expect(await typed("Ngô Thị Lan", code)).toMatchObject({ ok: true });

      clock.set("2026-11-25T11:30:00+07:00");
      expect(await typed("Đinh Văn Minh", code)).toMatchObject({
        ok: false,
        reason: "ended",
        endedAt: new Date("2026-11-25T11:30:00+07:00"),
      });
      expect(await openCheckIn(temp.db, clock, { actorId: trainer(), courseId })).toMatchObject({
        ok: false,
        reason: "ended",
      });
    });
  });

  describe("the trainer's list", () => {
    it("ticks and unticks those who said yes, by the trainer only, audited", async () => {
      clock.set("2026-11-25T12:00:00+07:00");
      const list = await listAttendance(temp.db, { actorId: trainer(), courseId, page: 0 });
      if (!list.ok) throw new Error(list.reason);
      expect(list.people.map((p) => [p.fullName, p.present])).toEqual([
        ["Võ Văn Giang", true],
        ["Nguyễn Văn An", true],
        ["Ngô Thị Lan", true],
      ]);
      await temp.db.courseAttendance.deleteMany({ where: { personId: ids["Ngô Thị Lan"] } });
      const lan = ids["Ngô Thị Lan"] as number;
      expect(
        await markAttendance(temp.db, clock, { actorId: trainer(), courseId, personId: lan }),
      ).toMatchObject({
        ok: true,
        present: true,
      });
      expect(await temp.db.courseAttendance.findFirst({ where: { courseId, personId: lan } })).toMatchObject({
        method: "list",
        markedById: trainer(),
      });
      expect(
        await markAttendance(temp.db, clock, { actorId: trainer(), courseId, personId: lan }),
      ).toMatchObject({
        ok: true,
        present: false,
      });
      expect(
        await markAttendance(temp.db, clock, {
          actorId: trainer(),
          courseId,
          personId: ids["Đinh Văn Minh"] as number,
        }),
      ).toEqual({ ok: false, reason: "not_listed" });
      expect(
        await markAttendance(temp.db, clock, {
          actorId: ids["Nguyễn Văn An"] as number,
          courseId,
          personId: lan,
        }),
      ).toEqual({ ok: false, reason: "not_allowed" });
      expect(
        await temp.db.auditLog.findMany({
          where: { action: { startsWith: "course.attendance" } },
          select: { action: true },
        }),
      ).toEqual([{ action: "course.attendance_mark" }, { action: "course.attendance_unmark" }]);
    });
  });
});
