import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { CHANNEL_TRAITS } from "../../domain/roles.js";
import {
  type AnswerCourseResult,
  answerCourse,
  MAX_REASON_LENGTH,
} from "../../domain/training/answer-course.js";
import type { CourseAnswer } from "../../domain/training/answer-deadline.js";
import { askAboutCourse, MAX_COURSE_QUESTION_LENGTH } from "../../domain/training/ask-about-course.js";
import { describeCourseTime } from "../../domain/training/describe-course-time.js";
import { findAudienceCourse } from "../../domain/training/find-audience-course.js";
import { listMyCourses } from "../../domain/training/list-my-courses.js";
import { foldText, matchTypedChoice } from "../../shared/fold.js";
import { formatDateTime } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { plainTranslator, respond } from "../ui/respond.js";

export const DECLINE_REASON_ID = "courseDeclineReason";
export const COURSE_QUESTION_ID = "courseQuestion";
const MY_COURSES_PAGE = 3;
/** Common reasons offered after "Không tham gia" (locale keys); anything else can be typed. */
const REASON_KEYS = ["cra-reason-busy", "cra-reason-family", "cra-reason-clash"] as const;

type Translate = (key: string, args?: Record<string, string | number>) => string;

/** The buttons under a course's answer: the other answers, to change it, and "Hỏi thêm". */
export function answerButtons(t: Translate, courseId: number, current: CourseAnswer | null): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (current !== "yes" && current !== "waitlist") keyboard.text(t("cra-button-yes"), `cra:y:${courseId}`);
  if (current !== "no") keyboard.text(t("cra-button-no"), `cra:n:${courseId}`);
  return keyboard.row().text(t("cra-button-ask"), `cra:q:${courseId}`);
}

/**
 * Answers to course notices — "Tham gia", "Không tham gia" (then an optional reason), "Hỏi
 * thêm" (a question to the trainer) — from the notice's buttons, which on Zalo are typed
 * numbers; and "📅 Khóa học của tôi", a person's upcoming courses with their answers.
 */
export function courseAnswersFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(/^cra:([ynq]):(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const courseId = Number(ctx.match[2]);
    const plain = plainTranslator(ctx);
    if (!person) {
      await ctx.answerCallbackQuery({ text: plain("not-allowed"), show_alert: true });
      return;
    }
    if (ctx.match[1] === "q") {
      const found = await findAudienceCourse(ctx.deps.db, person.id, courseId);
      if (!found.ok) {
        await ctx.answerCallbackQuery({
          text: plain(found.reason === "not_in_audience" ? "cra-not-in-audience" : "cra-not-open"),
          show_alert: true,
        });
        return;
      }
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(COURSE_QUESTION_ID, courseId);
      return;
    }
    const result = await answerCourse(ctx.deps.db, ctx.deps.clock, ctx.deps.translator, person.id, {
      courseId,
      answer: ctx.match[1] === "y" ? "yes" : "no",
      timeZone: ctx.deps.timeZone,
    });
    if (!result.ok) {
      await ctx.answerCallbackQuery({ text: refusalText(ctx, result), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await markNotice(ctx, result.course.id, result.answer);
    if (result.answer === "no") {
      await ctx.conversation.enter(DECLINE_REASON_ID, result.course.id);
      return;
    }
    await ctx.reply(answeredText(ctx, result), {
      parse_mode: "HTML",
      reply_markup: answerButtons(plain, result.course.id, result.answer),
    });
  });

  feature.callbackQuery(/^crs:p:(\d{1,3})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMyCourses(ctx, Number(ctx.match[1]));
  });

  return feature;
}

export function courseAnswerConversations(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation(buildDeclineReason(deps), { id: DECLINE_REASON_ID }));
  composer.use(createConversation(buildCourseQuestion(deps), { id: COURSE_QUESTION_ID }));
  return composer;
}

function refusalText(ctx: BotContext, result: Extract<AnswerCourseResult, { ok: false }>): string {
  const plain = plainTranslator(ctx);
  switch (result.reason) {
    case "closed":
      return plain("cra-closed", {
        deadline: formatDateTime(result.deadline ?? ctx.deps.clock.now(), ctx.locale, ctx.deps.timeZone),
      });
    case "not_in_audience":
      return plain("cra-not-in-audience");
    default:
      return plain("cra-not-open");
  }
}

function answeredText(ctx: BotContext, result: Extract<AnswerCourseResult, { ok: true }>): string {
  const args = {
    title: result.course.title,
    time: describeCourseTime(result.course, ctx.locale, ctx.deps.timeZone),
    deadline: formatDateTime(result.course.deadline, ctx.locale, ctx.deps.timeZone),
  };
  if (result.answer === "waitlist") return ctx.t("cra-waitlist", { ...args, position: result.position ?? 1 });
  return ctx.t(result.answer === "yes" ? "cra-yes" : "cra-no", args);
}

/**
 * Shows the answer on the notice itself, where messages can be edited: its buttons become the
 * ones that change the answer, the chosen one marked. A messenger without edits (Zalo) would
 * spend a message on it; there the reply that follows says it.
 */
async function markNotice(ctx: BotContext, courseId: number, answer: CourseAnswer): Promise<void> {
  const message = ctx.callbackQuery?.message;
  if (!message || !CHANNEL_TRAITS[ctx.deps.channel].editsMessages) return;
  const plain = plainTranslator(ctx);
  const mark = (key: string, chosen: boolean) => (chosen ? `✔️ ${plain(key)}` : plain(key));
  const keyboard = new InlineKeyboard()
    .text(mark("cra-button-yes", answer === "yes" || answer === "waitlist"), `cra:y:${courseId}`)
    .text(mark("cra-button-no", answer === "no"), `cra:n:${courseId}`)
    .row()
    .text(plain("cra-button-ask"), `cra:q:${courseId}`);
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: keyboard });
  } catch (error) {
    ctx.deps.logger.debug({ err: error }, "could not mark the course notice");
  }
}

/**
 * After "Không tham gia": one optional question — a common reason (button or its number), any
 * reason typed, or "Bỏ qua". The "no" is already recorded; the reason is added to it.
 */
function buildDeclineReason(deps: BotDeps) {
  return async function declineReasonTask(conversation: TaskConversation, ctx: Context, courseId: number) {
    const start = await captureStart(conversation);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "crr",
      busyKey: "cra-busy",
      locale: start.locale,
    });
    const { t, plain } = s;
    // Dates do not survive the replay log (it keeps JSON): the time is formatted inside.
    const course = await conversation.external(async () => {
      if (start.personId === null) return null;
      const found = await findAudienceCourse(deps.db, start.personId, courseId);
      return found.ok
        ? { title: found.course.title, time: describeCourseTime(found.course, start.locale, deps.timeZone) }
        : null;
    });
    if (!course || start.personId === null) return;
    const personId = start.personId;
    const choices = [...REASON_KEYS.map((key) => plain(key)), plain("cra-reason-skip")];
    const keyboard = new InlineKeyboard();
    choices.forEach((label, i) => {
      keyboard.text(`${i + 1}. ${label}`, `crr:${courseId}:${i}`).row();
    });
    const question = t("cra-no-ask-reason", { title: course.title, time: course.time });
    const prompt = await ctx.reply(question, { parse_mode: "HTML", reply_markup: keyboard });
    let reason: string | null = null;
    let shown = "";
    for (;;) {
      const next = await s.nextUpdate();
      const data = next.callbackQuery?.data;
      const pressed = data ? new RegExp(`^crr:${courseId}:(\\d)$`).exec(data) : null;
      if (pressed) {
        await next.answerCallbackQuery();
        const index = Number(pressed[1]);
        if (index >= choices.length) continue;
        reason = index < REASON_KEYS.length ? (choices[index] ?? null) : null;
        shown = choices[index] ?? "";
        break;
      }
      const text = next.message?.text?.trim();
      if (text && !text.startsWith("/")) {
        // "huy" / "cancel" (without diacritics; "hủy" stops the task before it gets here): no reason.
        const skip = ["huy", "cancel"].includes(foldText(text)) ? choices.length - 1 : undefined;
        const picked =
          skip ??
          matchTypedChoice(
            text,
            choices.map((label, i) => ({ label, value: i })),
          );
        if (picked !== undefined) {
          reason = picked < REASON_KEYS.length ? (choices[picked] ?? null) : null;
          shown = choices[picked] ?? "";
          break;
        }
        if (text.length > MAX_REASON_LENGTH) {
          await next.reply(t("cra-reason-too-long"));
          continue;
        }
        reason = text;
        shown = text;
        break;
      }
      await s.redirect(next, "cra-reason-hint");
    }
    // Answered: the question shows the answer and loses its buttons, where messages can be
    // edited (on Zalo the person's own message already shows it, and an edit costs a message).
    if (CHANNEL_TRAITS[deps.channel].editsMessages) {
      await conversation.external(async (outer: BotContext) => {
        try {
          await outer.api.editMessageText(
            prompt.chat.id,
            prompt.message_id,
            `${question}\n${t("task-chosen", { choice: shown })}`,
            { parse_mode: "HTML" },
          );
        } catch (error) {
          deps.logger.debug({ err: error }, "could not mark the reason question answered");
        }
      });
    }
    if (reason === null) {
      await ctx.reply(t("cra-no-skipped"), {
        parse_mode: "HTML",
        reply_markup: answerButtons(plain, courseId, "no"),
      });
      return;
    }
    const saved = await conversation.external(() =>
      answerCourse(deps.db, deps.clock, deps.translator, personId, {
        courseId,
        answer: "no",
        reason,
        timeZone: deps.timeZone,
      }).then((result) => (result.ok ? "ok" : result.reason)),
    );
    const savedKey =
      saved === "ok" ? "cra-no-reason-saved" : saved === "closed" ? "cra-closed-reason" : "cra-not-open";
    await ctx.reply(t(savedKey), {
      parse_mode: "HTML",
      reply_markup: answerButtons(plain, courseId, "no"),
    });
  };
}

/** "Hỏi thêm": the person types their question; it goes to the course's trainer. */
function buildCourseQuestion(deps: BotDeps) {
  return async function courseQuestionTask(conversation: TaskConversation, ctx: Context, courseId: number) {
    const start = await captureStart(conversation);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "crq",
      busyKey: "cra-busy",
      locale: start.locale,
    });
    const { t } = s;
    const course = await conversation.external(async () => {
      if (start.personId === null) return null;
      const found = await findAudienceCourse(deps.db, start.personId, courseId);
      return found.ok ? { title: found.course.title } : null;
    });
    if (!course || start.personId === null) return;
    const personId = start.personId;
    const text = await s.askText(
      t("cra-ask-question", { title: course.title }),
      (typed) => {
        const trimmed = typed.trim();
        return trimmed !== "" && trimmed.length <= MAX_COURSE_QUESTION_LENGTH ? trimmed : undefined;
      },
      "cra-question-invalid",
    );
    const result = await conversation.external(() =>
      askAboutCourse(deps.db, deps.clock, deps.translator, {
        personId,
        accountId: start.accountId,
        courseId,
        text,
      }),
    );
    await ctx.reply(result.ok ? t("cra-question-sent", { trainer: result.trainerName }) : t("cra-not-open"), {
      parse_mode: "HTML",
      reply_markup: homeKeyboard(t),
    });
  };
}

/** "📅 Khóa học của tôi": upcoming courses for the person, with their answer and buttons to give or change it. */
export async function showMyCourses(ctx: BotContext, page = 0): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "profile.view")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const plain = plainTranslator(ctx);
  const first = await listMyCourses(ctx.deps.db, ctx.deps.clock, person.id, {
    skip: page * MY_COURSES_PAGE,
    take: MY_COURSES_PAGE,
  });
  const pages = Math.max(1, Math.ceil(first.total / MY_COURSES_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const { total, courses } =
    current === page
      ? first
      : await listMyCourses(ctx.deps.db, ctx.deps.clock, person.id, {
          skip: current * MY_COURSES_PAGE,
          take: MY_COURSES_PAGE,
        });
  if (total === 0) {
    await respond(ctx, ctx.t("crs-my-empty"), homeKeyboard(ctx.t));
    return;
  }
  const keyboard = new InlineKeyboard();
  const lines = courses.map((course, i) => {
    const n = current * MY_COURSES_PAGE + i + 1;
    const answer = ctx.t(`crs-answer-${course.answer ?? "none"}`);
    const status = course.open
      ? ctx.t("crs-my-deadline", {
          deadline: formatDateTime(course.deadline, ctx.locale, ctx.deps.timeZone),
        })
      : ctx.t("crs-my-closed");
    if (course.open) {
      if (course.answer !== "yes" && course.answer !== "waitlist")
        keyboard.text(plain("crs-button-yes", { n }), `cra:y:${course.id}`);
      if (course.answer !== "no") keyboard.text(plain("crs-button-no", { n }), `cra:n:${course.id}`);
      keyboard.row();
    }
    keyboard.text(plain("crs-button-ask", { n }), `cra:q:${course.id}`).row();
    return ctx.t("crs-my-line", {
      n,
      title: course.title,
      time: describeCourseTime(course, ctx.locale, ctx.deps.timeZone),
      venue: course.venue ?? "—",
      answer,
      status,
    });
  });
  if (current > 0) keyboard.text(plain("button-prev"), `crs:p:${current - 1}`);
  if (current < pages - 1) keyboard.text(plain("button-next"), `crs:p:${current + 1}`);
  keyboard.row().text(plain("button-menu"), "m:home");
  const heading = ctx.t("crs-my-title", { count: total, page: current + 1, pages });
  await respond(ctx, [heading, ...lines].join("\n\n"), keyboard);
}
