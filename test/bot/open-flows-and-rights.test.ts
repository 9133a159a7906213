import type { User } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decideAccessRequest } from "../../src/domain/access/decide-access-request.js";
import { createInvite } from "../../src/domain/access/invites.js";
import { submitAccessRequest } from "../../src/domain/access/submit-access-request.js";
import { reviewPromotedEntry } from "../../src/domain/faq/feedback.js";
import { answerTicket, promoteTicket } from "../../src/domain/faq/questions.js";
import { loadPersonCard } from "../../src/domain/people/load-person-card.js";
import {
  changePhone,
  changeRole,
  moveToUnit,
  setPersonStatus,
  unlinkAccount,
} from "../../src/domain/people/manage-person.js";
import { searchPeople } from "../../src/domain/people/search-people.js";
import { nudgeMissingReporters } from "../../src/domain/reports/nudge-missing-reporters.js";
import { periodAt } from "../../src/domain/reports/periods.js";
import { exportReports, returnForCorrection } from "../../src/domain/reports/review.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, document, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const START = "2026-11-22T09:00:00+07:00";
const clock = createFakeClock(START);
const officer = USERS.communeOfficer; // Trần Thị Bình, commune officer of Xã Lâm Trung Thủy
const admin = USERS.admin; // Hoàng Văn Em, administrator of the province
const an = USERS.hamletHead; // Nguyễn Văn An, head of Thôn 3
const UNANSWERABLE = "Nhà văn hóa thôn bị dột mái thì xin kinh phí sửa ở đâu?";

type Change = "deactivated" | "demoted" | "moved";

/** Who acts in the flows, and what each change makes of them. */
const ACTORS: Record<
  string,
  { phone: string; role: string; unit: string; demoted?: [string, string]; moved?: string }
> = {
  [officer.id]: {
    phone: "+84912000002",
    role: "commune_officer",
    unit: "42-LTT",
    demoted: ["hamlet_head", "42-LTT-03"],
    moved: "42-DT",
  },
  [admin.id]: { phone: "+84912000005", role: "admin", unit: "42", demoted: ["supervisor", "42"] },
  [an.id]: { phone: "+84912000001", role: "hamlet_head", unit: "42-LTT-03", moved: "42-LTT-01" },
};

const unitId = async (code: string) => (await temp.db.unit.findUniqueOrThrow({ where: { code } })).id;
const person = (phone: string) =>
  temp.db.person.findUniqueOrThrow({ where: { phone }, include: { accounts: true, unit: true } });
const alertOf = () => t.recent().find((c) => c.method === "answerCallbackQuery")?.payload.text;

/** What an administrator does to the actor while their task is open. */
async function change(user: User, how: Change): Promise<void> {
  const actor = ACTORS[user.id];
  if (!actor) throw new Error(`no actor ${user.id}`);
  if (how === "deactivated") {
    await temp.db.person.update({ where: { phone: actor.phone }, data: { status: "inactive" } });
  } else if (how === "demoted" && actor.demoted) {
    const [role, unit] = actor.demoted;
    await temp.db.person.update({
      where: { phone: actor.phone },
      data: { role, unitId: await unitId(unit) },
    });
  } else if (how === "moved" && actor.moved) {
    await temp.db.person.update({
      where: { phone: actor.phone },
      data: { unitId: await unitId(actor.moved) },
    });
  } else throw new Error(`${how} does not apply to ${user.id}`);
}

/** Everyone as the demo roster has them, and no task open anywhere. */
async function restore(): Promise<void> {
  for (const actor of Object.values(ACTORS)) {
    await temp.db.person.update({
      where: { phone: actor.phone },
      data: { status: "active", role: actor.role, unitId: await unitId(actor.unit) },
    });
  }
  await temp.db.conversationState.deleteMany();
  clock.set(START);
}

const roster = [
  "Họ và tên,Số điện thoại,Vai trò,Đơn vị",
  "Quách Văn Mới,0913 555 001,Trưởng thôn,42-TS-01",
].join("\n");

interface Flow {
  name: string;
  user: User;
  changes: Change[];
  /** Drives the task to its last step; returns that step (which would make the change). */
  begin(): Promise<() => Promise<void>>;
  /** Nothing privileged happened. */
  unchanged(): Promise<void>;
}

let requestSeq = 0;
/** A pending hamlet-head request for Thôn 2 (which has a head), as a stranger would file it. */
async function pendingRequest(): Promise<number> {
  requestSeq += 1;
  const externalId = String(840000000 + requestSeq);
  const account = await temp.db.channelAccount.create({
    data: { channel: "telegram", externalId, chatId: externalId },
  });
  const filed = await submitAccessRequest(temp.db, clock, t.deps.translator, {
    accountId: account.id,
    fullName: `Người Xin ${requestSeq}`,
    phone: null,
    unitId: await unitId("42-LTT-02"),
    role: "hamlet_head",
  });
  if (!filed.ok) throw new Error("not filed");
  return filed.requestId;
}

let requestId = 0;
let ticketId = 0;
let reportId = 0;
let batchId = 0;
const invites = () => temp.db.invite.count();

const FLOWS: Flow[] = [
  {
    name: "creating an invite",
    user: officer,
    changes: ["deactivated", "demoted", "moved"],
    async begin() {
      await t.handle(callback(officer, "m:inv"));
      await t.handle(callback(officer, t.button("Cán bộ xã")));
      await t.handle(callback(officer, t.button("Xã Lâm Trung Thủy")));
      await t.handle(callback(officer, t.button("100 người")));
      const last = t.button("30 ngày");
      return () => t.handle(callback(officer, last));
    },
    async unchanged() {
      expect(await invites()).toBe(0);
    },
  },
  {
    name: "changing a hamlet head's roster phone",
    user: officer,
    changes: ["deactivated", "demoted", "moved"],
    async begin() {
      await t.handle(callback(officer, "m:ppl"));
      await t.handle(textMessage(officer, "nguyen van an"));
      await t.handle(callback(officer, t.button("Nguyễn Văn An")));
      await t.handle(callback(officer, t.button("Sửa số điện thoại")));
      expect(t.lastText()).toMatch(/Gõ số điện thoại mới/);
      return () => t.handle(textMessage(officer, "0988 777 666"));
    },
    async unchanged() {
      expect((await person("+84912000001")).phone).toBe("+84912000001");
      expect(await temp.db.person.count({ where: { phone: "+84988777666" } })).toBe(0);
    },
  },
  {
    name: "unlinking a hamlet head's Telegram",
    user: officer,
    changes: ["deactivated", "demoted", "moved"],
    async begin() {
      await t.handle(callback(officer, "m:ppl"));
      await t.handle(textMessage(officer, "nguyen van an"));
      await t.handle(callback(officer, t.button("Nguyễn Văn An")));
      await t.handle(callback(officer, t.button("Gỡ kết nối Telegram")));
      const yes = t.button("Đồng ý");
      return () => t.handle(callback(officer, yes));
    },
    async unchanged() {
      expect((await person("+84912000001")).accounts.map((a) => a.externalId)).toEqual([String(an.id)]);
    },
  },
  {
    name: "approving a hamlet head where the hamlet has one",
    user: officer,
    changes: ["deactivated", "demoted", "moved"],
    async begin() {
      requestId = await pendingRequest();
      await t.handle(callback(officer, `acc:a:${requestId}`));
      expect(t.lastText()).toMatch(/đã có trưởng thôn: Đặng Thị Hoa/);
      const keep = t.button("Giữ cả hai");
      return () => t.handle(callback(officer, keep));
    },
    async unchanged() {
      expect((await temp.db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe(
        "pending",
      );
    },
  },
  {
    name: "answering a question handed to officers",
    user: officer,
    changes: ["deactivated", "demoted", "moved"],
    async begin() {
      await t.handle(callback(officer, `tk:r:${ticketId}`));
      await t.handle(textMessage(officer, "Thôn lập dự toán, gửi UBND xã."));
      const send = t.button("Gửi");
      return () => t.handle(callback(officer, send));
    },
    async unchanged() {
      expect(await temp.db.questionTicket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({
        status: "open",
        answer: null,
      });
    },
  },
  {
    name: "returning a report for correction",
    user: officer,
    changes: ["deactivated", "demoted", "moved"],
    async begin() {
      await t.handle(callback(officer, `rp:rt:${reportId}`));
      await t.handle(textMessage(officer, "1"));
      await t.handle(callback(officer, t.button("Xong")));
      expect(t.lastText()).toMatch(/Gõ nhận xét/);
      return () => t.handle(textMessage(officer, "Số hộ chưa khớp với danh sách."));
    },
    async unchanged() {
      expect((await temp.db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("submitted");
    },
  },
  {
    name: "changing someone's role",
    user: admin,
    changes: ["deactivated", "demoted"],
    async begin() {
      await t.handle(callback(admin, "m:ppl"));
      await t.handle(textMessage(admin, "Bùi Văn Khánh"));
      await t.handle(callback(admin, t.button("Bùi Văn Khánh")));
      await t.handle(callback(admin, t.button("Đổi vai trò")));
      const trainer = t.button("Giảng viên");
      return () => t.handle(callback(admin, trainer));
    },
    async unchanged() {
      expect((await person("+84912000021")).role).toBe("commune_officer");
    },
  },
  {
    name: "moving someone to another unit",
    user: admin,
    changes: ["deactivated", "demoted"],
    async begin() {
      await t.handle(callback(admin, "m:ppl"));
      await t.handle(textMessage(admin, "Bùi Văn Khánh"));
      await t.handle(callback(admin, t.button("Bùi Văn Khánh")));
      await t.handle(callback(admin, t.button("Chuyển đơn vị")));
      const ts = t.button("Phường Thành Sen");
      return () => t.handle(callback(admin, ts));
    },
    async unchanged() {
      expect((await person("+84912000021")).unit.code).toBe("42-DT");
    },
  },
  {
    name: "deactivating someone",
    user: admin,
    changes: ["deactivated", "demoted"],
    async begin() {
      await t.handle(callback(admin, "m:ppl"));
      await t.handle(textMessage(admin, "Bùi Văn Khánh"));
      await t.handle(callback(admin, t.button("Bùi Văn Khánh")));
      await t.handle(callback(admin, t.button("Ngừng hoạt động")));
      const yes = t.button("Đồng ý");
      return () => t.handle(callback(admin, yes));
    },
    async unchanged() {
      expect((await person("+84912000021")).status).toBe("active");
    },
  },
  {
    name: "confirming a roster import",
    user: admin,
    changes: ["deactivated", "demoted"],
    async begin() {
      t.putFile("new-head", Buffer.from(roster));
      await t.handle(document(admin, "new-head", "danh-sach-moi.csv"));
      const go = t.button("✅ Nhập");
      return () => t.handle(callback(admin, go));
    },
    async unchanged() {
      expect(await temp.db.person.count({ where: { phone: "+84913555001" } })).toBe(0);
    },
  },
  {
    name: "undoing an import",
    user: admin,
    changes: ["deactivated", "demoted"],
    async begin() {
      await t.handle(callback(admin, "m:undo"));
      await t.handle(textMessage(admin, "1"));
      const undo = t.button("Hoàn tác");
      return () => t.handle(callback(admin, undo));
    },
    async unchanged() {
      expect(await temp.db.changeBatch.count({ where: { undoOfId: batchId } })).toBe(0);
      expect(await temp.db.person.count({ where: { phone: "+84913555002" } })).toBe(1);
    },
  },
  {
    name: "filling in a report",
    user: an,
    changes: ["deactivated", "moved"],
    async begin() {
      await t.handle(callback(an, "rp:new:incident"));
      await t.handle(textMessage(an, "1"));
      expect(t.lastText()).toMatch(/xảy ra ngày nào/);
      return () => t.handle(textMessage(an, "hôm nay"));
    },
    async unchanged() {
      const drafts = await temp.db.report.findMany({ where: { status: "draft" } });
      expect(drafts).toHaveLength(1);
      // The answer given before the change is kept; the one after it was not taken.
      expect(Object.keys(drafts[0]?.answers as object)).toHaveLength(1);
      await temp.db.report.deleteMany({ where: { status: "draft" } });
    },
  },
];

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
  // A question for the officers, a submitted report to review, an import that can be undone.
  await t.handle(textMessage(an, UNANSWERABLE));
  await t.handle(callback(an, t.button("Hỏi cán bộ")));
  ticketId = (await temp.db.questionTicket.findFirstOrThrow()).id;
  await t.handle(command(an, "baocao"));
  await t.handle(callback(an, "rp:new:review-progress"));
  for (const answer of ["120", "25", "100", "18", "22", "7"]) await t.handle(textMessage(an, answer));
  await t.handle(callback(an, t.button("Không")));
  await t.handle(callback(an, t.button("Bỏ qua")));
  await t.handle(callback(an, t.button("Gửi báo cáo")));
  reportId = (await temp.db.report.findFirstOrThrow({ where: { status: "submitted" } })).id;
  t.putFile(
    "undoable",
    Buffer.from("Họ và tên,Số điện thoại,Vai trò,Đơn vị\nLưu Thị Hai,0913 555 002,Trưởng thôn,42-TS-02"),
  );
  await t.handle(document(admin, "undoable", "them-mot-nguoi.csv"));
  await t.handle(callback(admin, t.button("✅ Nhập")));
  await t.handle(callback(admin, t.button("Xong")));
  batchId = (await temp.db.changeBatch.findFirstOrThrow()).id;
  await restore();
});
afterAll(() => temp.cleanup());

describe("An open flow never outlives the person's rights", () => {
  afterEach(restore);

  for (const flow of FLOWS) {
    for (const how of flow.changes) {
      it(`${flow.name}: the actor ${how} mid-way is told, and nothing happens`, async () => {
        t.clear();
        const finish = await flow.begin();
        await change(flow.user, how);
        t.clear();
        await finish();
        expect(t.texts()[0]).toMatch(
          /^⛔ Vai trò, đơn vị hoặc quyền truy cập của bạn vừa thay đổi, nên việc đang làm dở \(.+\) đã dừng/,
        );
        // Then the menu as they now stand: the access-off notice, or their new role's menu.
        expect(t.lastText()).toMatch(how === "deactivated" ? /đã bị tắt/ : /Chọn việc cần làm/);
        await flow.unchanged();
        // The task is gone: its old buttons are stale, nothing is waiting for the next message.
        expect(await temp.db.conversationState.count()).toBe(0);
      });
    }
  }

  it("a task open longer than a day ends with a message, however busy it was", async () => {
    t.clear();
    await t.handle(callback(officer, "m:inv"));
    const role = t.button("Trưởng thôn");
    let stopped = "";
    for (let step = 0; step < 40 && stopped === ""; step++) {
      clock.advance(50 * 60_000); // within the hour a draft may sit untouched
      t.clear();
      await t.handle(textMessage(officer, "chưa biết"));
      const text = t.texts()[0] ?? "";
      if (/đã dừng/.test(text)) stopped = text;
      else expect(text).toMatch(/chọn một nút/);
    }
    expect(stopped).toBe(
      "⌛ Việc đang làm dở (tạo lời mời) đã mở quá 24 giờ nên đã dừng, chưa thực hiện thêm gì. Khi cần, hãy bắt đầu lại từ menu.",
    );
    t.clear();
    await t.handle(callback(officer, role));
    expect(alertOf()).toMatch(/Nút đã cũ/);
    expect(await invites()).toBe(0);
  });

  it("a report draft open longer than a day is stopped too, and the draft is kept", async () => {
    t.clear();
    await t.handle(callback(an, "rp:new:incident"));
    await t.handle(textMessage(an, "1"));
    // Kept busy for more than a day, a step every 50 minutes.
    for (let step = 0; step < 28; step++) {
      clock.advance(50 * 60_000);
      await t.handle(textMessage(an, "chưa nhớ"));
      expect(t.lastText()).toMatch(/xảy ra ngày nào|ngày/);
    }
    clock.advance(50 * 60_000); // 24 h 10 min since it began
    t.clear();
    await t.handle(textMessage(an, "hôm nay"));
    expect(t.texts()[0]).toBe(
      "⌛ Việc đang làm dở (làm báo cáo) đã mở quá 24 giờ nên đã dừng; các câu đã trả lời vẫn được lưu nháp, bạn mở lại từ menu.",
    );
    const draft = await temp.db.report.findFirstOrThrow({ where: { status: "draft" } });
    expect(Object.keys(draft.answers as object)).toEqual(["kind"]);
    await temp.db.report.deleteMany({ where: { status: "draft" } });
  });

  it("privileged buttons pressed after a demotion do nothing", async () => {
    const pending = await pendingRequest();
    await change(officer, "demoted");
    for (const data of [
      `acc:a:${pending}`,
      "rp:ng:review-progress:0",
      "rp:xl:review-progress:0",
      `tk:r:${ticketId}`,
    ]) {
      t.clear();
      await t.handle(callback(officer, data));
      expect(alertOf()).toMatch(/không có quyền/);
    }
    expect((await temp.db.accessRequest.findUniqueOrThrow({ where: { id: pending } })).status).toBe(
      "pending",
    );
    expect(
      await temp.db.auditLog.count({ where: { action: { in: ["report.nudge", "report.export"] } } }),
    ).toBe(0);
  });

  it("a stale picture of an actor can never act: every privileged action reads the actor where it acts", async () => {
    const bình = await person("+84912000002");
    const em = await person("+84912000005");
    const khánh = await person("+84912000021");
    const stale = await pendingRequest();
    const form = await t.deps.forms.byKey("review-progress");
    if (!form) throw new Error("no review-progress form");
    const period = periodAt(form.definition.period, clock.now(), "Asia/Ho_Chi_Minh");
    if (!period) throw new Error("no period");
    const refused = { ok: false, reason: "not_allowed" };
    const audited = () => temp.db.auditLog.count({ where: { actorId: { in: [bình.id, em.id] } } });
    const auditedBefore = await audited();
    await temp.db.person.updateMany({
      where: { id: { in: [bình.id, em.id] } },
      data: { status: "inactive" },
    });
    const hamlet = await unitId("42-LTT-01");
    expect(
      await createInvite(temp.db, clock, bình.id, {
        role: "hamlet_head",
        unitId: hamlet,
        maxUses: 1,
        validDays: 1,
      }),
    ).toEqual(refused);
    expect(await decideAccessRequest(temp.db, clock, t.deps.translator, bình.id, stale, "reject")).toEqual(
      refused,
    );
    expect(await changePhone(temp.db, clock, bình.id, khánh.id, "+84988000111")).toEqual(refused);
    expect(await unlinkAccount(temp.db, clock, bình.id, (await person("+84912000001")).id)).toEqual(refused);
    expect(await changeRole(temp.db, clock, em.id, khánh.id, "trainer")).toEqual(refused);
    expect(await moveToUnit(temp.db, clock, em.id, khánh.id, await unitId("42-TS"))).toEqual(refused);
    expect(await setPersonStatus(temp.db, clock, em.id, khánh.id, "inactive")).toEqual(refused);
    expect(await searchPeople(temp.db, bình.id, "Nguyễn Văn An")).toBeNull();
    expect(await loadPersonCard(temp.db, bình.id, khánh.id)).toEqual(refused);
    expect(await answerTicket(temp.db, clock, t.deps.translator, bình.id, { ticketId, answer: "…" })).toEqual(
      refused,
    );
    expect(await promoteTicket(temp.db, clock, bình.id, ticketId, "Asia/Ho_Chi_Minh")).toEqual(refused);
    expect(await reviewPromotedEntry(temp.db, clock, em.id, 1, true)).toEqual(refused);
    expect(
      await returnForCorrection(temp.db, clock, t.deps.translator, bình.id, {
        reportId,
        fields: ["x"],
        comment: "xxx",
      }),
    ).toEqual(refused);
    const input = { form: form.definition, period, timeZone: "Asia/Ho_Chi_Minh" };
    expect(await nudgeMissingReporters(temp.db, clock, t.deps.translator, bình.id, input)).toEqual(refused);
    expect(
      await exportReports(temp.db, clock, bình.id, {
        ...input,
        periodKey: period.key,
        periodLabel: period.label,
      }),
    ).toEqual(refused);
    expect(await audited()).toBe(auditedBefore);
    expect((await person("+84912000021")).status).toBe("active");
  });
});
