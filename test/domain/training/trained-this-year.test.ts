import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../../../src/domain/access/load-actor.js";
import { trainedThisYear } from "../../../src/domain/training/trained-this-year.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { createPublishedCourse, personId } from "./course-fixture.js";

let temp: TempDb;
const TZ = "Asia/Ho_Chi_Minh";
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

async function attended(courseId: number, name: string) {
  await temp.db.courseAttendance.create({
    data: { courseId, personId: await personId(temp.db, name), method: "list", checkedInAt: clock.now() },
  });
}

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  // 2026 (local): An and Lan attended; An attended a second course too (counted once).
  const a = await createPublishedCourse(temp.db, {
    now: clock.now(),
    startsAt: "2026-03-10T08:00:00+07:00",
    endsAt: "2026-03-10T11:00:00+07:00",
  });
  const b = await createPublishedCourse(temp.db, {
    now: clock.now(),
    startsAt: "2026-11-25T08:00:00+07:00",
    endsAt: "2026-11-25T11:00:00+07:00",
  });
  // Starts at 00:30 on 1/1/2027 in Vietnam — still 2026 in UTC: a 2027 course.
  const c = await createPublishedCourse(temp.db, {
    now: clock.now(),
    startsAt: "2027-01-01T00:30:00+07:00",
    endsAt: "2027-01-01T03:00:00+07:00",
  });
  const cancelled = await createPublishedCourse(temp.db, {
    now: clock.now(),
    startsAt: "2026-06-01T08:00:00+07:00",
    endsAt: "2026-06-01T11:00:00+07:00",
    status: "cancelled",
  });
  await attended(a, "Nguyễn Văn An");
  await attended(b, "Nguyễn Văn An");
  await attended(b, "Ngô Thị Lan");
  await attended(b, "Trần Thị Bình");
  await attended(c, "Võ Văn Giang");
  await attended(cancelled, "Đinh Văn Minh");
  // The trainer ticked himself: trainers are not among those to train.
  await attended(b, "Lê Văn Cường");
});
afterAll(() => temp.cleanup());

const actor = async (name: string) => loadActor(temp.db, await personId(temp.db, name));

describe("Attendance and quiz", () => {
  it("trained this year: officers to train in scope, and those who attended a course of that local year", async () => {
    // Province: 5 hamlet heads + 3 commune officers + 1 supervisor = 9 officers.
    expect(await trainedThisYear(temp.db, await actor("Phạm Thị Dung"), 2026, TZ)).toEqual({
      ok: true,
      officers: 9,
      trained: 3,
    });
    expect(await trainedThisYear(temp.db, await actor("Phạm Thị Dung"), 2027, TZ)).toEqual({
      ok: true,
      officers: 9,
      trained: 1,
    });
    // A commune officer's commune: 3 hamlet heads + herself; An and she were trained in 2026.
    expect(await trainedThisYear(temp.db, await actor("Trần Thị Bình"), 2026, TZ)).toEqual({
      ok: true,
      officers: 4,
      trained: 2,
    });
    expect(await trainedThisYear(temp.db, await actor("Nguyễn Văn An"), 2026, TZ)).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(await trainedThisYear(temp.db, null, 2026, TZ)).toEqual({ ok: false, reason: "not_allowed" });
  });
});
