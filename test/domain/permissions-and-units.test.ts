import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, canPerform, isInScope, mayActOn } from "../../src/domain/access/permissions.js";
import { createUnit } from "../../src/domain/units/create-unit.js";
import { describeUnit } from "../../src/domain/units/describe-unit.js";
import { summarizeScope } from "../../src/domain/units/summarize-scope.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

const commune: Actor = { role: "commune_officer", status: "active", unitPath: "/1/2/" };

describe("permissions", () => {
  it("public actions are open to strangers, others need an active person of the right role", () => {
    expect(canPerform(null, "faq.read")).toBe(true);
    expect(canPerform(null, "profile.view")).toBe(false);
    expect(canPerform(commune, "access.decide")).toBe(true);
    expect(canPerform({ ...commune, status: "inactive" }, "access.decide")).toBe(false);
    expect(canPerform({ ...commune, role: "hamlet_head" }, "access.decide")).toBe(false);
  });

  it("scope is the unit's subtree, and ids that share a prefix are not confused", () => {
    expect(isInScope(commune, "/1/2/")).toBe(true);
    expect(isInScope(commune, "/1/2/7/")).toBe(true);
    expect(isInScope(commune, "/1/3/")).toBe(false);
    expect(isInScope(commune, "/1/23/")).toBe(false);
    expect(mayActOn(commune, "access.decide", "/1/3/8/")).toBe(false);
    expect(mayActOn(commune, "access.decide", "/1/2/8/")).toBe(true);
  });
});

describe("unit tree of any depth", () => {
  let temp: TempDb;
  beforeAll(async () => {
    temp = await createTempDb();
  });
  afterAll(() => temp.cleanup());

  it("works with older data that has districts between province and commune", async () => {
    const province = await createUnit(temp.db, {
      code: "P",
      name: "Tỉnh A",
      level: "province",
      parentId: null,
    });
    const district = await createUnit(temp.db, {
      code: "D",
      name: "Huyện B",
      level: "district",
      parentId: province.id,
    });
    const commune = await createUnit(temp.db, {
      code: "C",
      name: "Xã C",
      level: "commune",
      parentId: district.id,
    });
    const hamlet = await createUnit(temp.db, {
      code: "H",
      name: "Thôn D",
      level: "hamlet",
      parentId: commune.id,
    });
    expect(hamlet.depth).toBe(3);
    expect(hamlet.path).toBe(`/${province.id}/${district.id}/${commune.id}/${hamlet.id}/`);
    expect((await describeUnit(temp.db, hamlet.id))?.names).toEqual(["Thôn D", "Xã C", "Huyện B", "Tỉnh A"]);
    await temp.db.person.create({ data: { fullName: "X", role: "hamlet_head", unitId: hamlet.id } });
    const head = await temp.db.person.create({
      data: { fullName: "Y", role: "supervisor", unitId: province.id, status: "inactive" },
    });
    // The overview is the actor's own: someone deactivated (or a hamlet head) gets none.
    expect(await summarizeScope(temp.db, head.id)).toBeNull();
    await temp.db.person.update({ where: { id: head.id }, data: { status: "active" } });
    const summary = await summarizeScope(temp.db, head.id);
    if (!summary) throw new Error("no overview");
    expect(summary.unitsByLevel).toEqual({ district: 1, commune: 1, hamlet: 1 });
    expect(summary.peopleByRole.hamlet_head).toBe(1);
    expect(summary.peopleByRole.supervisor).toBe(1);
    expect(summary.linkedPeople).toBe(0);
  });
});
