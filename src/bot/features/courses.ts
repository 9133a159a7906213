import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { setBroadcastProgressMessage } from "../../domain/outbox/queue-broadcast.js";
import { parseVietnameseNumber } from "../../domain/reports/parse-input.js";
import { CHANNEL_TRAITS, type Role } from "../../domain/roles.js";
import { AUDIENCE_ROLES } from "../../domain/training/authorize-audience.js";
import { cancelCourse } from "../../domain/training/cancel-course.js";
import { countAudienceReach } from "../../domain/training/count-audience-reach.js";
import { type CourseChange, editCourse } from "../../domain/training/edit-course.js";
import { listAudienceUnits } from "../../domain/training/list-audience-units.js";
import { loadCourseForChange } from "../../domain/training/load-course-for-change.js";
import { checkCourseTimes, parseCourseTime } from "../../domain/training/parse-course-time.js";
import { DEFAULT_REMINDER_PLAN, type ReminderPlan } from "../../domain/training/plan-course-sends.js";
import {
  COURSE_CAPACITY_MAX,
  COURSE_CONTENT_MAX,
  COURSE_TITLE_MAX,
  COURSE_VENUE_MAX,
  type CourseDraft,
  publishCourse,
} from "../../domain/training/publish-course.js";
import {
  courseNoticeButtons,
  formatCourseInstant,
  renderCourseNotice,
} from "../../domain/training/render-course-notice.js";
import type { Locale } from "../../i18n/translator.js";
import { sanitizeText, visibleLength } from "../../shared/text.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, conversationNow, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";

export const CREATE_COURSE_ID = "createCourse";
export const EDIT_COURSE_ID = "editCourse";
export const CANCEL_COURSE_ID = "cancelCourse";

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
type T = (key: string, args?: Record<string, string | number>) => string;

/** Free text of at most `max` characters (not empty, not invisible). */
function parseLimitedText(t: T, max: number) {
  return (text: string): Parsed<string> => {
    const value = sanitizeText(text).trim();
    if (visibleLength(value) === 0) return { ok: false, error: t("course-text-empty") };
    const length = [...value].length;
    if (length > max) return { ok: false, error: t("course-text-too-long", { length, max }) };
    return { ok: true, value };
  };
}

function parseCapacity(t: T) {
  return (text: string): Parsed<number> => {
    const value = parseVietnameseNumber(text);
    if (value === null || !Number.isInteger(value) || value < 1 || value > COURSE_CAPACITY_MAX) {
      return { ok: false, error: t("course-capacity-invalid", { max: COURSE_CAPACITY_MAX }) };
    }
    return { ok: true, value };
  };
}

/**
 * A typed start, end or deadline read against the clock: each failure says what was wrong
 * (unreadable, no hour, past, too far, before the start, too long) with an example.
 */
function parseInstant(
  t: T,
  input: {
    now: Date;
    timeZone: string;
    locale: Locale;
    defaultDay?: Date;
    check: (at: Date) => string | null;
  },
) {
  return (text: string): Parsed<Date> => {
    const read = parseCourseTime(text, {
      now: input.now,
      timeZone: input.timeZone,
      ...(input.defaultDay ? { defaultDay: input.defaultDay } : {}),
    });
    if (!read.ok) return { ok: false, error: t(`course-time-${read.reason}`) };
    const problem = input.check(read.at);
    return problem ? { ok: false, error: problem } : { ok: true, value: read.at };
  };
}

function timeError(t: T, reason: string, args: Record<string, string> = {}): string {
  return t(`course-time-${reason}`, args);
}

/**
 * The audience of a course or an announcement: units of the actor's scope (all of it, or one
 * or several units just below it) × roles. `null` = cancelled.
 */
/**
 * Start, then end, of a course, each checked against the clock as it is typed (a past start,
 * an end before the start… are refused with the reason and asked again). `null` when the
 * person left the task.
 */
async function askCourseTimes(
  s: ReturnType<typeof createSteps>,
  input: {
    now: Date;
    timeZone: string;
    locale: Locale;
    startQuestion: string;
    endKey: string;
    /** The day a start typed as an hour only ("14h") falls on (the course's day when editing). */
    startDay?: Date;
  },
): Promise<{ startsAt: Date; endsAt: Date } | null> {
  const { t } = s;
  const { now, timeZone, locale } = input;
  const startAnswer = await s.askInput(
    input.startQuestion,
    parseInstant(t, {
      now,
      timeZone,
      locale,
      ...(input.startDay ? { defaultDay: input.startDay } : {}),
      check: (at) => {
        const checked = checkCourseTimes({ startsAt: at }, now);
        return checked.ok
          ? null
          : timeError(t, checked.reason, { now: formatCourseInstant(now, locale, timeZone) });
      },
    }),
  );
  if (startAnswer.kind !== "value") return null;
  const startsAt = startAnswer.value;
  const endAnswer = await s.askInput(
    t(input.endKey, { start: formatCourseInstant(startsAt, locale, timeZone) }),
    parseInstant(t, {
      now,
      timeZone,
      locale,
      defaultDay: startsAt,
      check: (at) => {
        const checked = checkCourseTimes({ startsAt, endsAt: at }, now);
        return checked.ok
          ? null
          : timeError(t, checked.reason, { start: formatCourseInstant(startsAt, locale, timeZone) });
      },
    }),
  );
  if (endAnswer.kind !== "value") return null;
  return { startsAt, endsAt: endAnswer.value };
}

export async function askAudience(
  s: ReturnType<typeof createSteps>,
  conversation: TaskConversation,
  deps: BotDeps,
  rootId: number,
  keys: { units: string; roles: string } = { units: "course-ask-units", roles: "course-ask-roles" },
): Promise<{ unitIds: number[]; roles: Role[] } | null> {
  const { t, plain } = s;
  const units = await conversation.external(() =>
    listAudienceUnits(deps.db, rootId).then((rows) =>
      rows.map((unit) => ({
        id: unit.id,
        label: unit.whole ? plain("course-unit-whole", { unit: unit.name }) : unit.name,
      })),
    ),
  );
  const unitIds = await s.chooseMany(
    t(keys.units),
    units.map((unit) => ({ label: unit.label, value: unit.id })),
    { doneLabel: plain("course-done"), noneKey: "course-units-none" },
  );
  if (!unitIds) return null;
  const roles = await s.chooseMany(
    t(keys.roles),
    AUDIENCE_ROLES.map((role) => ({ label: plain(`role-${role}`), value: role })),
    { doneLabel: plain("course-done"), noneKey: "course-roles-none" },
  );
  if (!roles) return null;
  // The whole scope includes every unit below it.
  return { unitIds: unitIds.includes(rootId) ? [rootId] : unitIds, roles };
}

/** The reminder plans offered: the default, one of its two, none. */
const REMINDER_CHOICES: { key: string; plan: ReminderPlan }[] = [
  { key: "course-reminders-default", plan: DEFAULT_REMINDER_PLAN },
  { key: "course-reminders-day", plan: [{ daysBefore: 1, at: "08:00" }] },
  { key: "course-reminders-hours", plan: [{ minutesBefore: 120 }] },
  { key: "course-reminders-none", plan: [] },
];

/**
 * Courses (issue 12, item 1 and its edits): a trainer (or an admin) creates a course in one
 * guided conversation — title, content, venue, time, audience within their scope, places,
 * answer deadline, reminders — sees the notice exactly as recipients will, with how many it
 * reaches, and publishes it; later they change one field or cancel it, and only the people who
 * said they would come are told.
 */
export function coursesFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildCreateCourse(deps), { id: CREATE_COURSE_ID }));
  feature.use(createConversation(buildEditCourse(deps), { id: EDIT_COURSE_ID }));
  feature.use(createConversation(buildCancelCourse(deps), { id: CANCEL_COURSE_ID }));

  feature.command("taokhoahoc", (ctx) => openCreateCourse(ctx));
  feature.callbackQuery("crn", async (ctx) => {
    await ctx.answerCallbackQuery();
    await openCreateCourse(ctx);
  });
  feature.callbackQuery(/^(cre|crc):(\d+)$/, async (ctx) => {
    const [, action, id] = ctx.match;
    const courseId = Number(id);
    const refusal = await courseChangeRefusal(ctx, courseId);
    if (refusal) {
      await ctx.answerCallbackQuery({ text: refusal, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(action === "cre" ? EDIT_COURSE_ID : CANCEL_COURSE_ID, courseId);
  });
  return feature;
}

/** Why this person cannot change the course now (an alert), or `null`. */
async function courseChangeRefusal(ctx: BotContext, courseId: number): Promise<string | null> {
  const person = ctx.identity.person;
  const plain = (key: string) => ctx.deps.translator.plain(ctx.locale, key);
  if (!person) return plain("not-allowed");
  const loaded = await loadCourseForChange(ctx.deps.db, person.id, courseId);
  if (loaded.ok) return null;
  return plain(
    loaded.reason === "not_found" || loaded.reason === "not_allowed"
      ? "not-allowed"
      : `course-status-${loaded.reason}`,
  );
}

/** "➕ Tạo khóa học" and /taokhoahoc. */
export async function openCreateCourse(ctx: BotContext): Promise<void> {
  if (!canPerform(ctx.identity.person, "course.manage")) {
    await ctx.reply(ctx.t("not-allowed"), { reply_markup: homeKeyboard(ctx.t) });
    return;
  }
  await ctx.conversation.enter(CREATE_COURSE_ID);
}

function buildCreateCourse(deps: BotDeps) {
  return async function createCourseTask(conversation: TaskConversation, ctx: Context) {
    const start = await captureStart(conversation);
    const actor = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "crs",
      busyKey: "course-busy",
      locale: start.locale,
    });
    const { t, plain } = s;
    const cancelled = () => ctx.reply(t("course-cancelled"), { reply_markup: homeKeyboard(t) });
    if (!actor || !canPerform(actor, "course.manage")) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const traits = CHANNEL_TRAITS[deps.channel];
    const tz = deps.timeZone;
    const locale = start.locale;

    const title = await s.askInput(t("course-ask-title"), parseLimitedText(t, COURSE_TITLE_MAX));
    if (title.kind !== "value") return;
    const content = await s.askInput(t("course-ask-content"), parseLimitedText(t, COURSE_CONTENT_MAX), {
      nav: [{ label: plain("course-skip"), value: "skip" as const }],
    });
    let venueLatitude: number | null = null;
    let venueLongitude: number | null = null;
    let venue: string | null = null;
    let venueQuestion = t(traits.sharesLocation ? "course-ask-venue-location" : "course-ask-venue");
    while (venue === null) {
      const answer = await s.askInput(venueQuestion, parseLimitedText(t, COURSE_VENUE_MAX), {
        acceptLocation: traits.sharesLocation,
      });
      if (answer.kind === "location") {
        venueLatitude = answer.latitude;
        venueLongitude = answer.longitude;
        venueQuestion = t("course-ask-venue-name");
      } else if (answer.kind === "value") venue = answer.value;
    }

    const now = new Date(await conversationNow(conversation, deps));
    const times = await askCourseTimes(s, {
      now,
      timeZone: tz,
      locale,
      startQuestion: t("course-ask-start"),
      endKey: "course-ask-end",
    });
    if (!times) return;
    const { startsAt, endsAt } = times;

    const audience = await askAudience(s, conversation, deps, actor.unitId);
    if (!audience) return void (await cancelled());

    const capacity = await s.askInput(t("course-ask-capacity"), parseCapacity(t), {
      nav: [{ label: plain("course-no-limit"), value: null }],
    });
    const deadline = await s.askInput(
      t("course-ask-deadline", { start: formatCourseInstant(startsAt, locale, tz) }),
      parseInstant(t, {
        now,
        timeZone: tz,
        locale,
        defaultDay: startsAt,
        check: (at) =>
          at > startsAt
            ? t("course-deadline-after-start")
            : at <= now
              ? timeError(t, "past", { now: formatCourseInstant(now, locale, tz) })
              : null,
      }),
      { nav: [{ label: plain("course-no-deadline"), value: null }] },
    );
    const reminders = await s.choose(
      t("course-ask-reminders"),
      REMINDER_CHOICES.map((choice) => ({ label: plain(choice.key), value: choice.plan })),
      [],
    );

    const draft: CourseDraft = {
      title: title.value,
      content: content.kind === "value" ? content.value : null,
      venue,
      venueLatitude,
      venueLongitude,
      startsAt,
      endsAt,
      capacity: capacity.kind === "value" ? capacity.value : null,
      rsvpDeadline: deadline.kind === "value" ? deadline.value : null,
      reminders,
    };
    const reach = await conversation.external(() => countAudienceReach(deps.db, audience, actor.id));
    // The notice exactly as recipients get it; its answer buttons are named below, not shown
    // as buttons that would act here.
    await ctx.reply(renderCourseNotice(deps.translator, locale, draft, tz), { parse_mode: "HTML" });
    const buttons = courseNoticeButtons(deps.translator, locale, 0)
      .flat()
      .map(([label]) => `[${label}]`)
      .join(" ");
    const decision = await s.choose(
      [
        t("course-preview-buttons", { buttons }),
        t("course-preview-reach", { total: reach.total, unreachable: reach.unreachable }),
        t("course-preview-confirm"),
      ].join("\n"),
      [{ label: plain("course-publish"), value: "publish" as const }],
      [{ label: plain("button-cancel"), value: "cancel" as const }],
    );
    if (decision === "cancel") return void (await cancelled());
    const result = await conversation.external(() =>
      publishCourse(deps.db, deps.clock, deps.translator, {
        actorId: actor.id,
        draft,
        audience,
        timeZone: tz,
      }),
    );
    if (!result.ok) {
      const key =
        result.reason === "out_of_scope" ||
        result.reason === "not_allowed" ||
        result.reason === "empty_audience"
          ? `course-refused-${result.reason}`
          : "course-refused-times";
      await ctx.reply(t(key), { reply_markup: homeKeyboard(t) });
      return;
    }
    const progress = await ctx.reply(
      t("course-published", {
        title: draft.title,
        total: result.queued + result.unreachable,
        queued: result.queued,
        unreachable: result.unreachable,
      }),
      { parse_mode: "HTML", reply_markup: homeKeyboard(t) },
    );
    await conversation.external(() =>
      setBroadcastProgressMessage(
        deps.db,
        result.broadcastId,
        { channel: deps.channel, chatId: String(progress.chat.id), messageId: String(progress.message_id) },
        deps.clock.now(),
      ),
    );
  };
}

/** The fields of a course one can change after publishing. */
const EDIT_FIELDS = ["time", "venue", "content", "capacity", "deadline"] as const;

function buildEditCourse(deps: BotDeps) {
  return async function editCourseTask(conversation: TaskConversation, ctx: Context, courseId: number) {
    const start = await captureStart(conversation);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "crd",
      busyKey: "course-edit-busy",
      locale: start.locale,
    });
    const { t, plain } = s;
    const locale = start.locale;
    const tz = deps.timeZone;
    const personId = start.personId;
    if (personId === null) return void (await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) }));
    const loaded = await conversation.external(() => loadCourseForChange(deps.db, personId, courseId));
    if (!loaded.ok) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const { course } = loaded;
    const field = await s.choose(
      t("course-edit-which", { title: course.title }),
      EDIT_FIELDS.map((name) => ({ label: plain(`course-field-${name}`), value: name })),
      [{ label: plain("button-cancel"), value: "cancel" as const }],
    );
    if (field === "cancel")
      return void (await ctx.reply(t("course-edit-cancelled"), { reply_markup: homeKeyboard(t) }));
    const now = new Date(await conversationNow(conversation, deps));
    const oldStart = new Date(course.startsAt);
    let change: CourseChange | null = null;
    if (field === "time") {
      const times = await askCourseTimes(s, {
        now,
        timeZone: tz,
        locale,
        startQuestion: t("course-edit-ask-start"),
        endKey: "course-edit-ask-end",
        startDay: oldStart,
      });
      if (!times) return;
      change = { field: "time", ...times };
    } else if (field === "venue") {
      const answer = await s.askInput(t("course-edit-ask-venue"), parseLimitedText(t, COURSE_VENUE_MAX));
      if (answer.kind === "value") change = { field: "venue", venue: answer.value };
    } else if (field === "content") {
      const answer = await s.askInput(t("course-ask-content-edit"), parseLimitedText(t, COURSE_CONTENT_MAX));
      if (answer.kind === "value") change = { field: "content", content: answer.value };
    } else if (field === "capacity") {
      const answer = await s.askInput(t("course-edit-ask-capacity"), parseCapacity(t), {
        nav: [{ label: plain("course-no-limit"), value: null }],
      });
      change = { field: "capacity", capacity: answer.kind === "value" ? answer.value : null };
    } else {
      const answer = await s.askInput(
        t("course-ask-deadline", { start: formatCourseInstant(oldStart, locale, tz) }),
        parseInstant(t, {
          now,
          timeZone: tz,
          locale,
          defaultDay: oldStart,
          check: (at) =>
            at > oldStart
              ? t("course-deadline-after-start")
              : at <= now
                ? timeError(t, "past", { now: formatCourseInstant(now, locale, tz) })
                : null,
        }),
        { nav: [{ label: plain("course-no-deadline"), value: null }] },
      );
      change = { field: "deadline", rsvpDeadline: answer.kind === "value" ? answer.value : null };
    }
    if (!change) return;
    const decided = change;
    const result = await conversation.external(() =>
      editCourse(deps.db, deps.clock, deps.translator, {
        actorId: personId,
        courseId,
        change: decided,
        timeZone: tz,
      }),
    );
    if (!result.ok) {
      await ctx.reply(t(`course-edit-refused-${result.reason}`), { reply_markup: homeKeyboard(t) });
      return;
    }
    await ctx.reply(t("course-edited", { title: course.title, told: result.told }), {
      parse_mode: "HTML",
      reply_markup: homeKeyboard(t),
    });
  };
}

function buildCancelCourse(deps: BotDeps) {
  return async function cancelCourseTask(conversation: TaskConversation, ctx: Context, courseId: number) {
    const start = await captureStart(conversation);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "crz",
      busyKey: "course-cancel-busy",
      locale: start.locale,
    });
    const { t, plain } = s;
    const personId = start.personId;
    if (personId === null) return void (await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) }));
    const loaded = await conversation.external(() => loadCourseForChange(deps.db, personId, courseId));
    if (!loaded.ok) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const { course } = loaded;
    const reason = await s.askInput(
      t("course-cancel-ask-reason", { title: course.title }),
      parseLimitedText(t, 300),
      { nav: [{ label: plain("course-cancel-no-reason"), value: null }] },
    );
    const confirmed = await s.choose(
      t("course-cancel-confirm", { title: course.title, committed: course.committed }),
      [{ label: plain("course-cancel-yes"), value: true }],
      [{ label: plain("course-cancel-keep"), value: false }],
    );
    if (!confirmed) return void (await ctx.reply(t("course-cancel-kept"), { reply_markup: homeKeyboard(t) }));
    const result = await conversation.external(() =>
      cancelCourse(deps.db, deps.clock, deps.translator, {
        actorId: personId,
        courseId,
        reason: reason.kind === "value" ? reason.value : null,
        timeZone: deps.timeZone,
      }),
    );
    if (!result.ok) {
      await ctx.reply(t(`course-cancel-refused-${result.reason}`), { reply_markup: homeKeyboard(t) });
      return;
    }
    await ctx.reply(t("course-cancelled-done", { title: course.title, told: result.told }), {
      parse_mode: "HTML",
      reply_markup: homeKeyboard(t),
    });
  };
}
