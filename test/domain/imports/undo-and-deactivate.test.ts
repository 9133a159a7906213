import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitRosterImport } from "../../../src/domain/imports/commit-roster-import.js";
import { deactivateMissingPeople } from "../../../src/domain/imports/deactivate-missing-people.js";
import type { ImportActor } from "../../../src/domain/imports/import-plan.js";
import { listChangeBatches } from "../../../src/domain/imports/list-change-batches.js";
import { planRosterImport } from "../../../src/domain/imports/plan-roster-import.js";
import { undoChangeBatch } from "../../../src/domain/imports/undo-change-batch.js";
import { changeRole } from "../../../src/domain/people/manage-person.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { type RosterRecord, rosterTable } from "./import-fixtures.js";

const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const translator = createTranslator("vi");
const cli: ImportActor = { personId: null, via: "cli" };
const DAY = 24 * 60 * 60_000;

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

const person = (phone: string) =>
  temp.db.person.findUniqueOrThrow({ where: { phone }, include: { unit: true } });
async function admin() {
  const found = await temp.db.person.findFirstOrThrow({
    where: { fullName: "Hoàng Văn Em" },
    include: { unit: true },
  });
  return {
    id: found.id,
    fullName: found.fullName,
    role: "admin" as const,
    status: found.status,
    unitPath: found.unit.path,
  };
}

/** The demo roster as a file (everyone but the administrator), with changes. */
async function demoRecords(): Promise<RosterRecord[]> {
  const people = await temp.db.person.findMany({
    where: { role: { not: "admin" } },
    include: { unit: true },
    orderBy: { id: "asc" },
  });
  const roles: Record<string, string> = {
    hamlet_head: "Trưởng thôn",
    commune_officer: "Cán bộ xã",
    trainer: "Giảng viên",
    supervisor: "Lãnh đạo",
  };
  return people.map((p) => ({
    fullName: p.fullName,
    phone: p.phone ?? "",
    role: roles[p.role] ?? p.role,
    unit: p.unit.code,
    title: p.title ?? "",
  }));
}

describe("undoing an import as a whole, from its audit entries", () => {
  let batchId = 0;

  it("an import is one batch: creates, updates, who did it", async () => {
    const records = await demoRecords();
    const an = records.find((r) => r.fullName === "Nguyễn Văn An");
    const giang = records.find((r) => r.fullName === "Võ Văn Giang");
    if (!an || !giang) throw new Error("demo data changed");
    an.title = "Trưởng thôn Thôn 3";
    giang.title = "Trưởng thôn Thôn 1";
    records.push(
      { fullName: "Lê Thị Uyên", phone: "0915123404", role: "Trưởng thôn", unit: "42-TS-01", title: "" },
      { fullName: "Hồ Văn Vinh", phone: "0915123405", role: "Trưởng thôn", unit: "42-TS-02", title: "" },
    );
    const result = await commitRosterImport(temp.db, clock, translator, rosterTable(records, "dot-1.csv"), {
      actor: cli,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ created: 2, updated: 2 });
    batchId = result.batchId;
    const [batch] = await listChangeBatches(temp.db, clock, { id: batchId });
    expect(batch).toMatchObject({
      kind: "roster.import",
      created: 2,
      updated: 2,
      fileName: "dot-1.csv",
      undoneAt: null,
    });
  });

  it("undo restores what is as the import left it, and reports per person what changed again since", async () => {
    clock.advance(2 * DAY);
    // Since the import: Giang's title was corrected by hand; Vinh (new) was made a commune officer.
    const giang = await person("+84912000011");
    await temp.db.person.update({ where: { id: giang.id }, data: { title: "Trưởng thôn (sửa tay)" } });
    const vinh = await person("+84915123405");
    const ts = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-TS" } });
    expect(
      await changeRole(temp.db, clock, (await admin()).id, vinh.id, "commune_officer", { unitId: ts.id }),
    ).toEqual({
      ok: true,
    });

    const result = await undoChangeBatch(temp.db, clock, translator, batchId, { actor: cli });
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ removed: 1, deactivated: 1, restored: 1 });
    // Uyên (new, untouched) is gone; Vinh (new, changed since) is kept but deactivated.
    expect(await temp.db.person.findUnique({ where: { phone: "+84915123404" } })).toBeNull();
    expect(await person("+84915123405")).toMatchObject({ status: "inactive", role: "commune_officer" });
    // An's title is back; Giang's is left as corrected, and reported.
    expect((await person("+84912000001")).title).toBe("Trưởng thôn");
    expect((await person("+84912000011")).title).toBe("Trưởng thôn (sửa tay)");
    expect(result.conflicts).toEqual(
      expect.arrayContaining([
        {
          personId: giang.id,
          fullName: "Võ Văn Giang",
          kind: "changed",
          fields: [
            { field: "title", before: null, after: "Trưởng thôn Thôn 1", now: "Trưởng thôn (sửa tay)" },
          ],
        },
        expect.objectContaining({ personId: vinh.id, kind: "kept" }),
      ]),
    );
    const audit = await temp.db.auditLog.findFirstOrThrow({ where: { action: "batch.undo" } });
    expect(audit).toMatchObject({
      targetType: "ChangeBatch",
      targetId: String(batchId),
      batchId: result.undoBatchId,
    });
    expect(
      await temp.db.auditLog.count({ where: { batchId: result.undoBatchId, action: "person.delete" } }),
    ).toBe(1);
  });

  it("cannot be applied twice, and an undo cannot be undone", async () => {
    expect(await undoChangeBatch(temp.db, clock, translator, batchId, { actor: cli })).toEqual({
      ok: false,
      reason: "already_undone",
    });
    const undo = await temp.db.changeBatch.findFirstOrThrow({ where: { undoOfId: batchId } });
    expect(await undoChangeBatch(temp.db, clock, translator, undo.id, { actor: cli })).toEqual({
      ok: false,
      reason: "not_undoable",
    });
    // The database itself refuses a second undo of the same batch.
    await expect(
      temp.db.changeBatch.create({
        data: { kind: "undo", undoOfId: batchId, via: "cli", createdAt: clock.now() },
      }),
    ).rejects.toThrow();
    const [batch] = await listChangeBatches(temp.db, clock, { id: batchId });
    expect(batch?.undoneAt).toEqual(clock.now());
  });

  it("is possible for 7 days, measured with the injected clock", async () => {
    const records = await demoRecords();
    records.push({ fullName: "Cao Văn Yên", phone: "0915123407", role: "Giảng viên", unit: "42", title: "" });
    const result = await commitRosterImport(temp.db, clock, translator, rosterTable(records, "dot-2.csv"), {
      actor: cli,
    });
    if (!result.ok) throw new Error(result.reason);
    clock.advance(7 * DAY + 60_000);
    expect(await undoChangeBatch(temp.db, clock, translator, result.batchId, { actor: cli })).toMatchObject({
      ok: false,
      reason: "too_old",
    });
    expect(await listChangeBatches(temp.db, clock, { undoableOnly: true })).toEqual([]);
    expect(await temp.db.person.count({ where: { phone: "+84915123407" } })).toBe(1);
  });

  it("only administrators undo", async () => {
    const officer = await temp.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
    expect(
      await undoChangeBatch(temp.db, clock, translator, batchId, {
        actor: { personId: officer.id, via: "bot" },
      }),
    ).toEqual({ ok: false, reason: "not_allowed" });
  });
});

describe("deactivating the people missing from a file", () => {
  it("never the acting administrator; each superior gets one notice listing their people; undo reactivates", async () => {
    const em = await admin();
    const second = await temp.db.person.create({
      data: {
        fullName: "Quản Trị Hai",
        phone: "+84912000099",
        role: "admin",
        unitId: (await temp.db.unit.findUniqueOrThrow({ where: { code: "42" } })).id,
      },
    });
    await temp.db.channelAccount.create({
      data: { channel: "telegram", externalId: "710000777", chatId: "710000777", personId: second.id },
    });
    // Everyone active but three Lâm Trung Thủy hamlet heads and the Đức Thọ commune officer.
    const left = ["Nguyễn Văn An", "Võ Văn Giang", "Đặng Thị Hoa", "Bùi Văn Khánh"];
    const records = (await demoRecords()).filter((r) => !left.includes(r.fullName));
    const table = rosterTable(records, "day-du.csv");

    const plan = await planRosterImport(temp.db, table, { viewer: em });
    expect(plan.missing.map((p) => p.fullName).sort()).toEqual([...left].sort());
    const result = await deactivateMissingPeople(temp.db, clock, translator, table, {
      actor: { personId: em.id, via: "bot" },
      confirmCount: 4,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ superiors: 2, reachable: 2 });
    expect(await temp.db.person.count({ where: { fullName: { in: left }, status: "active" } })).toBe(0);
    expect((await temp.db.person.findUniqueOrThrow({ where: { id: em.id } })).status).toBe("active");

    // One notice per superior: Trần Thị Bình for her three hamlet heads; the other administrator
    // for the commune officer (nobody is above him in the commune); nothing to the actor.
    const notices = await temp.db.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: `batch:${result.batchId}:` } },
    });
    const bình = await temp.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
    expect(notices.map((n) => n.personId).sort()).toEqual([bình.id, second.id].sort());
    const text = (id: number) => {
      const payload = notices.find((n) => n.personId === id)?.payload as
        | { params?: { text?: string } }
        | undefined;
      return String(payload?.params?.text);
    };
    expect(text(bình.id)).toMatch(/Hoàng Văn Em đã ngừng kích hoạt 3 người/);
    expect(text(bình.id)).toMatch(/Nguyễn Văn An — Trưởng thôn, Thôn 3, Xã Lâm Trung Thủy/);
    expect(text(bình.id)).toMatch(/Đặng Thị Hoa/);
    expect(text(bình.id)).not.toMatch(/Bùi Văn Khánh/);
    expect(text(second.id)).toMatch(/Bùi Văn Khánh — Cán bộ xã, Xã Đức Thọ/);

    const undone = await undoChangeBatch(temp.db, clock, translator, result.batchId, {
      actor: { personId: em.id, via: "bot" },
    });
    expect(undone).toMatchObject({ ok: true, restored: 4, conflicts: [], superiors: 2 });
    expect(await temp.db.person.count({ where: { fullName: { in: left }, status: "active" } })).toBe(4);
  });
});
