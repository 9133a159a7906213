import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { courseCounts } from "../../../src/domain/training/course-counts.js";
import { listNotAnswered } from "../../../src/domain/training/list-not-answered.js";
import { insertCourse, personIdByPhone } from "../../helpers/course-fixture.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

let temp: TempDb;
beforeEach(async () => {
  temp = await createTempDb({ seed: true });
});
afterEach(() => temp.cleanup());

describe("The trainer's view", () => {
  it("phones only within the viewer's scope: a trainer moved to one commune sees the other's people without them", async () => {
    const courseId = await insertCourse(temp.db, {
      audience: [
        { unitCode: "42-LTT", role: "hamlet_head" },
        { unitCode: "42-DT", role: "hamlet_head" },
      ],
      startsAt: "2026-11-28T08:00:00+07:00",
    });
    const cuong = await personIdByPhone(temp.db, "+84912000003");
    const before = await listNotAnswered(temp.db, cuong, courseId, { skip: 0, take: 50 });
    expect(before.ok && before.people.every((p) => p.phone !== null)).toBe(true);
    const ducTho = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-DT" } });
    await temp.db.person.update({ where: { id: cuong }, data: { unitId: ducTho.id } });
    const after = await listNotAnswered(temp.db, cuong, courseId, { skip: 0, take: 50 });
    if (!after.ok) throw new Error(after.reason);
    const phoneOf = (name: string) => after.people.find((p) => p.fullName === name)?.phone;
    expect(phoneOf("Ngô Thị Lan")).toBe("+84912000022");
    expect(phoneOf("Nguyễn Văn An")).toBeNull();
    expect(after.total).toBe(5);
  });

  it("counts come from the database whatever the audience size, and a deactivated person drops out", async () => {
    const courseId = await insertCourse(temp.db, {
      audience: [{ unitCode: "42", role: "hamlet_head" }],
      startsAt: "2026-11-28T08:00:00+07:00",
    });
    const admin = await personIdByPhone(temp.db, "+84912000005");
    const counts = await courseCounts(temp.db, admin, courseId);
    if (!counts.ok) throw new Error(counts.reason);
    // A province-wide audience is counted by commune; Phường Thành Sen has no hamlet heads.
    expect(counts.rows.map((r) => [r.unitName, r.total])).toEqual([
      ["Xã Đức Thọ", 2],
      ["Xã Lâm Trung Thủy", 3],
    ]);
    await temp.db.person.update({
      where: { id: await personIdByPhone(temp.db, "+84912000011") },
      data: { status: "inactive" },
    });
    const again = await courseCounts(temp.db, admin, courseId);
    expect(again.ok && again.totals.total).toBe(4);
  });
});
