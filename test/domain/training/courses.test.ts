import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cancelCourse } from "../../../src/domain/training/cancel-course.js";
import { editCourse } from "../../../src/domain/training/edit-course.js";
import { DEFAULT_REMINDER_PLAN } from "../../../src/domain/training/plan-course-sends.js";
import { type CourseDraft, publishCourse } from "../../../src/domain/training/publish-course.js";
import { createTranslator, type Translator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

let temp: TempDb;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const translator = createTranslator("vi");
const TZ = "Asia/Ho_Chi_Minh";
const ids: Record<string, number> = {};

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  for (const person of await temp.db.person.findMany()) ids[person.fullName] = person.id;
  for (const unit of await temp.db.unit.findMany()) ids[unit.name] = unit.id;
  // Everyone in Lâm Trung Thủy can be written to (Giang and Hoa connect on Zalo).
  for (const [name, chat] of [
    ["Võ Văn Giang", "z11"],
    ["Đặng Thị Hoa", "z12"],
  ] as const) {
    await temp.db.channelAccount.create({
      data: {
        channel: "zalo",
        externalId: chat,
        chatId: chat,
        personId: ids[name] ?? 0,
        linkedAt: clock.now(),
      },
    });
  }
});
afterAll(() => temp.cleanup());
beforeEach(() => clock.set("2026-11-22T09:00:00+07:00"));

const draft = (over: Partial<CourseDraft> = {}): CourseDraft => ({
  title: "Tập huấn rà soát",
  content: "Chấm điểm hộ nghèo",
  venue: "Hội trường xã",
  venueLatitude: null,
  venueLongitude: null,
  startsAt: new Date("2026-12-15T08:00:00+07:00"),
  endsAt: new Date("2026-12-15T11:30:00+07:00"),
  capacity: null,
  rsvpDeadline: null,
  reminders: DEFAULT_REMINDER_PLAN,
  ...over,
});
const id = (name: string) => ids[name] ?? 0;
const ltt = () => ({ unitIds: [id("Xã Lâm Trung Thủy")], roles: ["hamlet_head"] });

async function publish(over: Partial<CourseDraft> = {}, actor = "Lê Văn Cường", t: Translator = translator) {
  const result = await publishCourse(temp.db, clock, t, {
    actorId: id(actor),
    draft: draft(over),
    audience: ltt(),
    timeZone: TZ,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.courseId;
}

async function answer(courseId: number, name: string, value: "yes" | "no" | "waitlist") {
  await temp.db.courseRsvp.create({
    data: { courseId, personId: id(name), answer: value, answeredAt: clock.now() },
  });
}

const outboxFor = (courseId: number, kind: string) =>
  temp.db.outboxMessage.findMany({
    where: { broadcast: { courseId, kind } },
    select: { personId: true, payload: true },
    orderBy: { personId: "asc" },
  });

describe("Courses", () => {
  it("publishing writes the course, its audience, its planned sends, one notice per person and the audit entry", async () => {
    const courseId = await publish();
    const course = await temp.db.course.findUniqueOrThrow({
      where: { id: courseId },
      include: { sends: true, audiences: true },
    });
    expect(course.status).toBe("published");
    expect(course.unitId).toBe(id("Tỉnh Hà Tĩnh"));
    expect(course.sends.map((s) => [s.kind, s.dueAt.toISOString()]).sort()).toEqual([
      ["reminder", "2026-12-14T01:00:00.000Z"],
      ["reminder", "2026-12-14T23:00:00.000Z"],
    ]);
    const rows = await outboxFor(courseId, "course_notice");
    expect(rows.map((r) => r.personId)).toEqual(
      [id("Nguyễn Văn An"), id("Võ Văn Giang"), id("Đặng Thị Hoa")].sort((a, b) => a - b),
    );
    expect(
      await temp.db.auditLog.count({ where: { action: "course.publish", targetId: String(courseId) } }),
    ).toBe(1);
  });

  it("an audience unit outside the actor's scope is refused even when forged, and nothing is written", async () => {
    const tap = await temp.db.person.create({
      data: { fullName: "Trương Văn Tập", role: "trainer", unitId: id("Xã Đức Thọ"), phone: "+84912000098" },
    });
    const before = await temp.db.course.count();
    for (const unitIds of [[id("Xã Lâm Trung Thủy")], [id("Xã Đức Thọ"), id("Thôn 3")], [999_999]]) {
      const result = await publishCourse(temp.db, clock, translator, {
        actorId: tap.id,
        draft: draft(),
        audience: { unitIds, roles: ["hamlet_head"] },
        timeZone: TZ,
      });
      expect(result).toEqual({ ok: false, reason: "out_of_scope" });
    }
    const own = await publishCourse(temp.db, clock, translator, {
      actorId: tap.id,
      draft: draft(),
      audience: { unitIds: [id("Thôn Yên Trung")], roles: ["hamlet_head"] },
      timeZone: TZ,
    });
    expect(own.ok).toBe(true);
    expect(await temp.db.course.count()).toBe(before + 1);
    // A hamlet head may not publish at all.
    const head = await publishCourse(temp.db, clock, translator, {
      actorId: id("Nguyễn Văn An"),
      draft: draft(),
      audience: ltt(),
      timeZone: TZ,
    });
    expect(head).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("times are checked against the injected clock: past, end before start, deadline after start", async () => {
    const at = (over: Partial<CourseDraft>) =>
      publishCourse(temp.db, clock, translator, {
        actorId: id("Lê Văn Cường"),
        draft: draft(over),
        audience: ltt(),
        timeZone: TZ,
      });
    expect(await at({ startsAt: new Date("2026-11-22T08:00:00+07:00") })).toEqual({
      ok: false,
      reason: "past",
    });
    expect(await at({ endsAt: new Date("2026-12-15T07:00:00+07:00") })).toEqual({
      ok: false,
      reason: "end_before_start",
    });
    expect(await at({ rsvpDeadline: new Date("2026-12-16T07:00:00+07:00") })).toEqual({
      ok: false,
      reason: "deadline_after_start",
    });
  });

  it("is one transaction: a failure while queueing the notices leaves no course, no sends, no audit entry", async () => {
    await temp.db.person.update({ where: { id: id("Đặng Thị Hoa") }, data: { locale: "en" } });
    const failing: Translator = {
      ...translator,
      t: (locale, key, args) => {
        if (locale === "en") throw new Error("boom");
        return translator.t(locale, key, args);
      },
    };
    const counts = async () => [
      await temp.db.course.count(),
      await temp.db.courseSend.count(),
      await temp.db.auditLog.count(),
      await temp.db.broadcast.count(),
    ];
    const before = await counts();
    await expect(publish({}, "Lê Văn Cường", failing)).rejects.toThrow("boom");
    expect(await counts()).toEqual(before);
    await temp.db.person.update({ where: { id: id("Đặng Thị Hoa") }, data: { locale: "vi" } });
  });

  it("an edit replans the sends and tells only those who said yes or wait for a place, saying what changed", async () => {
    const courseId = await publish();
    await answer(courseId, "Nguyễn Văn An", "yes");
    await answer(courseId, "Võ Văn Giang", "no");
    await answer(courseId, "Đặng Thị Hoa", "waitlist");
    const result = await editCourse(temp.db, clock, translator, {
      actorId: id("Lê Văn Cường"),
      courseId,
      change: {
        field: "time",
        startsAt: new Date("2026-12-16T14:00:00+07:00"),
        endsAt: new Date("2026-12-16T16:00:00+07:00"),
      },
      timeZone: TZ,
    });
    expect(result).toMatchObject({ ok: true, revision: 2, told: 2 });
    const rows = await outboxFor(courseId, "course_change");
    expect(rows.map((r) => r.personId).sort()).toEqual([id("Nguyễn Văn An"), id("Đặng Thị Hoa")].sort());
    const text = (rows[0]?.payload as { params: { text: string } } | undefined)?.params.text;
    expect(text).toContain("Thời gian: <s>08:00–11:30 15/12/2026</s> → <b>14:00–16:00 16/12/2026</b>");
    const sends = await temp.db.courseSend.findMany({ where: { courseId, status: "pending" } });
    expect(sends.map((s) => s.dueAt.toISOString()).sort()).toEqual([
      "2026-12-15T01:00:00.000Z",
      "2026-12-16T05:00:00.000Z",
    ]);
    expect(
      await temp.db.auditLog.count({ where: { action: "course.edit", targetId: String(courseId) } }),
    ).toBe(1);
    // The same value again changes nothing and tells nobody.
    const again = await editCourse(temp.db, clock, translator, {
      actorId: id("Lê Văn Cường"),
      courseId,
      change: {
        field: "time",
        startsAt: new Date("2026-12-16T14:00:00+07:00"),
        endsAt: new Date("2026-12-16T16:00:00+07:00"),
      },
      timeZone: TZ,
    });
    expect(again).toEqual({ ok: false, reason: "unchanged" });
    expect(await outboxFor(courseId, "course_change")).toHaveLength(2);
  });

  it("only the creator or an admin whose scope holds the course may edit or cancel", async () => {
    const courseId = await publish();
    const change = { field: "venue" as const, venue: "Nhà văn hóa thôn 3" };
    for (const name of ["Phạm Thị Dung", "Trần Thị Bình", "Trương Văn Tập"]) {
      const edit = await editCourse(temp.db, clock, translator, {
        actorId: id(name),
        courseId,
        change,
        timeZone: TZ,
      });
      expect(edit).toEqual({ ok: false, reason: "not_allowed" });
      const cancel = await cancelCourse(temp.db, clock, translator, {
        actorId: id(name),
        courseId,
        reason: null,
        timeZone: TZ,
      });
      expect(cancel).toEqual({ ok: false, reason: "not_allowed" });
    }
    const admin = await editCourse(temp.db, clock, translator, {
      actorId: id("Hoàng Văn Em"),
      courseId,
      change,
      timeZone: TZ,
    });
    expect(admin.ok).toBe(true);
  });

  it("cancelling skips the planned sends and tells the yes and waitlist people, with the reason; a decliner hears nothing", async () => {
    const courseId = await publish({ rsvpDeadline: new Date("2026-12-12T17:00:00+07:00") });
    await answer(courseId, "Nguyễn Văn An", "no");
    await answer(courseId, "Đặng Thị Hoa", "yes");
    const result = await cancelCourse(temp.db, clock, translator, {
      actorId: id("Lê Văn Cường"),
      courseId,
      reason: "Trùng lịch họp tỉnh",
      timeZone: TZ,
    });
    expect(result).toMatchObject({ ok: true, told: 1 });
    const course = await temp.db.course.findUniqueOrThrow({
      where: { id: courseId },
      include: { sends: true },
    });
    expect(course).toMatchObject({ status: "cancelled", cancelReason: "Trùng lịch họp tỉnh" });
    expect(course.cancelledAt?.toISOString()).toBe(clock.now().toISOString());
    expect(course.sends.map((s) => s.status)).toEqual(["skipped", "skipped", "skipped"]);
    const rows = await outboxFor(courseId, "course_cancel");
    expect(rows.map((r) => r.personId)).toEqual([id("Đặng Thị Hoa")]);
    expect((rows[0]?.payload as { params: { text: string } } | undefined)?.params.text).toContain(
      "Lý do: Trùng lịch họp tỉnh",
    );
    // A cancelled course is neither cancelled again nor edited: nobody gets anything more.
    expect(
      await cancelCourse(temp.db, clock, translator, {
        actorId: id("Lê Văn Cường"),
        courseId,
        reason: null,
        timeZone: TZ,
      }),
    ).toEqual({
      ok: false,
      reason: "not_published",
    });
    expect(
      await editCourse(temp.db, clock, translator, {
        actorId: id("Lê Văn Cường"),
        courseId,
        change: { field: "venue", venue: "Khác" },
        timeZone: TZ,
      }),
    ).toEqual({ ok: false, reason: "not_published" });
    expect(
      await temp.db.outboxMessage.count({
        where: { broadcast: { courseId, kind: { not: "course_notice" } } },
      }),
    ).toBe(1);
  });

  it("a course that was never published gets no change and no cancellation notices", async () => {
    const course = await temp.db.course.create({
      data: {
        title: "Nháp",
        startsAt: new Date("2026-12-20T08:00:00+07:00"),
        endsAt: new Date("2026-12-20T10:00:00+07:00"),
        unitId: id("Tỉnh Hà Tĩnh"),
        createdById: id("Lê Văn Cường"),
      },
    });
    await answer(course.id, "Nguyễn Văn An", "yes");
    const edit = await editCourse(temp.db, clock, translator, {
      actorId: id("Lê Văn Cường"),
      courseId: course.id,
      change: { field: "venue", venue: "Hội trường" },
      timeZone: TZ,
    });
    expect(edit).toEqual({ ok: false, reason: "not_published" });
    const cancel = await cancelCourse(temp.db, clock, translator, {
      actorId: id("Lê Văn Cường"),
      courseId: course.id,
      reason: null,
      timeZone: TZ,
    });
    expect(cancel).toEqual({ ok: false, reason: "not_published" });
    expect(await temp.db.broadcast.count({ where: { courseId: course.id } })).toBe(0);
  });
});
