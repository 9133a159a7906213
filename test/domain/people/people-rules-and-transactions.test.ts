import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.js";
import { commitRosterImport } from "../../../src/domain/imports/commit-roster-import.js";
import { commitUnitsImport } from "../../../src/domain/imports/commit-units-import.js";
import { deactivateMissingPeople } from "../../../src/domain/imports/deactivate-missing-people.js";
import type { ImportActor } from "../../../src/domain/imports/import-plan.js";
import { undoChangeBatch } from "../../../src/domain/imports/undo-change-batch.js";
import { linkAccountByPhone } from "../../../src/domain/people/link-account-by-phone.js";
import {
  changePhone,
  changeRole,
  setPersonStatus,
  unlinkAccount,
} from "../../../src/domain/people/manage-person.js";
import { createUnit } from "../../../src/domain/units/create-unit.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { concurrentClients } from "../../helpers/concurrent-clients.js";
import { expectNothingLeft } from "../../helpers/fail-writes.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { type RosterRecord, rosterTable, unitsTable } from "../imports/import-fixtures.js";

const clock = createFakeClock();
const translator = createTranslator();
let temp: TempDb;
let em: number;
let nextExternalId = 770_000_000;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  em = await personId("Hoàng Văn Em");
});
afterAll(() => temp.cleanup());

async function personId(fullName: string): Promise<number> {
  return (await temp.db.person.findFirstOrThrow({ where: { fullName } })).id;
}

async function twice<T>(action: (db: Db, index: number) => Promise<T>): Promise<T[]> {
  const { clients, close } = concurrentClients(temp);
  try {
    return await Promise.all(clients.map((db, index) => action(db, index)));
  } finally {
    await close();
  }
}

/** The demo roster as a file, without `leaveOut` (everyone else as they are). */
async function rosterWithout(leaveOut: string[]): Promise<RosterRecord[]> {
  const people = await temp.db.person.findMany({
    where: { role: { not: "admin" }, status: "active", fullName: { notIn: leaveOut } },
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

describe("Rules in the database", () => {
  it("one account per person and messenger: two new phones sharing one roster number at once, one is linked", async () => {
    const accounts = [] as number[];
    for (let i = 0; i < 2; i++) {
      nextExternalId += 1;
      const id = String(nextExternalId);
      accounts.push(
        (await temp.db.channelAccount.create({ data: { channel: "telegram", externalId: id, chatId: id } }))
          .id,
      );
    }
    // Lý Thị Nga is on the roster without an account.
    const results = await twice((db, index) =>
      linkAccountByPhone(db, clock, { accountId: accounts[index] ?? 0, phone: "+84912000031" }),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "linked_to_other_account" }]);
    const nga = await personId("Lý Thị Nga");
    expect(await temp.db.channelAccount.count({ where: { personId: nga } })).toBe(1);
  });

  it("one phone per person: two managers giving two people one number at once, one is refused", async () => {
    const [giang, hoa] = [await personId("Võ Văn Giang"), await personId("Đặng Thị Hoa")];
    const results = await twice((db, index) =>
      changePhone(db, clock, em, index === 0 ? giang : hoa, "+84988777666"),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "phone_taken" }]);
  });
});

describe("One transaction per user action", () => {
  it("deactivating a person: a failed audit entry leaves them active", async () => {
    const minh = await personId("Đinh Văn Minh");
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
      setPersonStatus(db, clock, em, minh, "inactive"),
    );
  });

  it("making someone the head of a hamlet in place of its head: a failed audit of the replaced head changes nobody", async () => {
    const giang = await personId("Võ Văn Giang");
    const hoa = await personId("Đặng Thị Hoa");
    const thôn2 = (await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT-02" } })).id;
    // Giang moves to Thôn 2, whose head (Hoa) is deactivated: the role change and her
    // deactivation are one change.
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "createMany" }, (db) =>
      changeRole(db, clock, em, giang, "hamlet_head", {
        unitId: thôn2,
        heads: { kind: "deactivate", personIds: [hoa] },
      }),
    );
  });

  it("unlinking a person's accounts: a failed audit entry leaves them linked", async () => {
    const an = await personId("Nguyễn Văn An");
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
      unlinkAccount(db, clock, em, an),
    );
  });

  it("deactivating the people a roster file leaves out: a failed notice to their superiors deactivates nobody", async () => {
    const table = rosterTable(await rosterWithout(["Võ Văn Giang"]), "thieu.csv");
    const actor: ImportActor = { personId: em, via: "bot" };
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      deactivateMissingPeople(db, clock, translator, table, { actor, confirmCount: 1 }),
    );
    const done = await deactivateMissingPeople(temp.db, clock, translator, table, { actor, confirmCount: 1 });
    if (!done.ok) throw new Error(done.reason);
    // Undoing it: a failed notice undoes nothing; two undos at once undo it once.
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      undoChangeBatch(db, clock, translator, done.batchId, { actor }),
    );
    const results = await twice((db) => undoChangeBatch(db, clock, translator, done.batchId, { actor }));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already_undone" }]);
  });

  it("a unit list import: a failed audit entry leaves the units as they were", async () => {
    const table = unitsTable(
      [{ code: "42-TS-03", name: "Tổ dân phố 3", level: "Thôn", parentCode: "42-TS" }],
      "don-vi-moi.csv",
    );
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
      commitUnitsImport(db, clock, table, { actor: { personId: em, via: "bot" } }),
    );
  });

  it("creating a unit: a failed second write (its path) leaves no unit", async () => {
    const commune = (await temp.db.unit.findUniqueOrThrow({ where: { code: "42-TS" } })).id;
    await expectNothingLeft(temp.db, { model: "Unit", operation: "update" }, (db) =>
      createUnit(db, { code: "42-TS-09", name: "Tổ dân phố 9", level: "hamlet", parentId: commune }),
    );
  });

  it("domain functions own their permission checks: imports by someone who may not import are refused", async () => {
    const bình = await personId("Trần Thị Bình");
    const table = rosterTable(await rosterWithout([]), "binh.csv");
    const actor: ImportActor = { personId: bình, via: "bot" };
    expect(await commitRosterImport(temp.db, clock, translator, table, { actor })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(await commitUnitsImport(temp.db, clock, unitsTable([], "rong.csv"), { actor })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(
      await deactivateMissingPeople(temp.db, clock, translator, table, { actor, confirmCount: 0 }),
    ).toEqual({
      ok: false,
      reason: "not_allowed",
    });
  });
});
