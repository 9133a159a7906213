import { Composer, InlineKeyboard, InputFile } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { buildCourseSheet } from "../../domain/training/build-course-sheet.js";
import { type AnswerCounts, courseCounts } from "../../domain/training/course-counts.js";
import { describeCourseTime } from "../../domain/training/describe-course-time.js";
import { listManagedCourses } from "../../domain/training/list-managed-courses.js";
import { listNotAnswered, type NotAnsweredPerson } from "../../domain/training/list-not-answered.js";
import { nudgeNotAnswered } from "../../domain/training/nudge-not-answered.js";
import { isLocale } from "../../i18n/translator.js";
import { trustedHtml } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { shortenLabel } from "../../shared/text.js";
import { formatDate, formatNumber } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { plainTranslator, respond } from "../ui/respond.js";

const COURSES_PAGE = 6;
/** People per page of "Chưa trả lời": a page stays well under Zalo's 2,000 characters. */
export const NOT_ANSWERED_PAGE = 15;
/** At most this many people to call are named after a nudge (the rest are in the list and Excel). */
const CALL_LIST_MAX = 15;

/**
 * The trainer's view: "/khoahoc" (📚 Khóa học) lists their courses; a course's screen shows the
 * live answers by unit, who has not answered (with phones within scope), a nudge to them and
 * the Excel list — and the buttons of editing, cancelling, attendance and the quiz, which their
 * own features answer.
 */
export function courseScreenFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("khoahoc", (ctx) => showManagedCourses(ctx, 0));
  feature.callbackQuery(/^crp:(\d{1,3})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showManagedCourses(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^crv:(\d{1,9})$/, async (ctx) => {
    if (!(await showCourseScreen(ctx, Number(ctx.match[1])))) return;
  });
  feature.callbackQuery(/^crl:(\d{1,9})(?::(\d{1,4}))?$/, async (ctx) => {
    const person = ctx.identity.person;
    const courseId = Number(ctx.match[1]);
    const page = Number(ctx.match[2] ?? 0);
    const result = person
      ? await listNotAnswered(ctx.deps.db, person.id, courseId, {
          skip: page * NOT_ANSWERED_PAGE,
          take: NOT_ANSWERED_PAGE,
        })
      : ({ ok: false, reason: "not_allowed" } as const);
    if (!result.ok) {
      await refuse(ctx, result.reason);
      return;
    }
    await ctx.answerCallbackQuery();
    const pages = Math.max(1, Math.ceil(result.total / NOT_ANSWERED_PAGE));
    const lines =
      result.total === 0
        ? [ctx.t("crl-nobody", { title: result.course.title })]
        : [
            ctx.t("crl-title", { title: result.course.title, count: result.total, page: page + 1, pages }),
            ...result.people.map((p) => personLine(ctx, p)),
          ];
    const plain = plainTranslator(ctx);
    const keyboard = new InlineKeyboard();
    if (page > 0) keyboard.text(plain("button-prev"), `crl:${courseId}:${page - 1}`);
    if (page < pages - 1) keyboard.text(plain("button-next"), `crl:${courseId}:${page + 1}`);
    keyboard.row();
    if (result.total > 0) keyboard.text(plain("crv-button-nudge"), `crm:${courseId}`).row();
    keyboard.text(plain("crv-button-back"), `crv:${courseId}`).text(plain("button-menu"), "m:home");
    await respond(ctx, lines.join("\n"), keyboard);
  });
  feature.callbackQuery(/^crm:(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const courseId = Number(ctx.match[1]);
    const result = person
      ? await nudgeNotAnswered(ctx.deps.db, ctx.deps.clock, ctx.deps.translator, person.id, {
          courseId,
          timeZone: ctx.deps.timeZone,
        })
      : ({ ok: false, reason: "not_allowed" } as const);
    if (!result.ok) {
      await refuse(ctx, result.reason);
      return;
    }
    await ctx.answerCallbackQuery();
    const lines = [
      result.reminded > 0
        ? ctx.t("crm-nudged", { count: result.reminded })
        : result.alreadyReminded > 0
          ? ctx.t("crm-nudged-already", { count: result.alreadyReminded })
          : ctx.t("crm-nudged-nobody"),
    ];
    if (result.reminded > 0 && result.alreadyReminded > 0)
      lines.push(ctx.t("crm-nudged-also-already", { count: result.alreadyReminded }));
    if (result.unreachable.length > 0) {
      lines.push(ctx.t("crm-call", { count: result.unreachable.length }));
      lines.push(...result.unreachable.slice(0, CALL_LIST_MAX).map((p) => personLine(ctx, p)));
      if (result.unreachable.length > CALL_LIST_MAX)
        lines.push(ctx.t("crm-call-more", { count: result.unreachable.length - CALL_LIST_MAX }));
    }
    const plain = plainTranslator(ctx);
    await ctx.reply(lines.join("\n"), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(plain("crv-button-back"), `crv:${courseId}`)
        .row()
        .text(plain("button-menu"), "m:home"),
    });
  });
  feature.callbackQuery(/^crx:(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const exported = person
      ? await buildCourseSheet(ctx.deps.db, ctx.deps.clock, ctx.deps.translator, person.id, {
          courseId: Number(ctx.match[1]),
          locale: isLocale(ctx.locale) ? ctx.locale : "vi",
          timeZone: ctx.deps.timeZone,
        })
      : ({ ok: false, reason: "not_allowed" } as const);
    if (!exported.ok) {
      await refuse(ctx, exported.reason);
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.replyWithDocument(new InputFile(exported.data, exported.fileName), {
      caption: plainTranslator(ctx)("crx-exported", { count: exported.rows, title: exported.title }),
    });
  });

  return feature;
}

async function refuse(ctx: BotContext, reason: string): Promise<void> {
  const key =
    reason === "closed"
      ? "crm-closed"
      : reason === "not_published"
        ? "crm-not-published"
        : reason === "not_found"
          ? "crv-not-found"
          : "not-allowed";
  await ctx.answerCallbackQuery({ text: plainTranslator(ctx)(key), show_alert: true });
}

/**
 * "• Nguyễn Văn A — Thôn 1 — 0912 345 678" (📵 when the bot cannot reach them). A bullet, not a
 * number: on Zalo the numbers under a message are the choices to type.
 */
function personLine(ctx: BotContext, person: NotAnsweredPerson): string {
  const phone = person.phone ? formatPhoneForDisplay(person.phone) : plainTranslator(ctx)("crl-no-phone");
  return ctx.t(person.reach === "reachable" ? "crl-person" : "crl-person-unreachable", {
    name: person.fullName,
    unit: person.unitName,
    phone,
  });
}

/** "/khoahoc", 📚 Khóa học: the courses this trainer manages, upcoming first, a page at a time. */
export async function showManagedCourses(ctx: BotContext, page: number): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "course.manage")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const result = await listManagedCourses(ctx.deps.db, ctx.deps.clock, person.id, {
    skip: page * COURSES_PAGE,
    take: COURSES_PAGE,
  });
  if (!result.ok) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const plain = plainTranslator(ctx);
  const pages = Math.max(1, Math.ceil(result.total / COURSES_PAGE));
  const keyboard = new InlineKeyboard();
  result.courses.forEach((course, i) => {
    const n = page * COURSES_PAGE + i + 1;
    const when = formatDate(course.startsAt, ctx.locale, ctx.deps.timeZone);
    const status = course.status === "published" ? "" : ` · ${plain(`crv-status-${course.status}`)}`;
    keyboard.text(shortenLabel(`${n}. ${when} ${course.title}${status}`), `crv:${course.id}`).row();
  });
  if (page > 0) keyboard.text(plain("button-prev"), `crp:${page - 1}`);
  if (page < pages - 1) keyboard.text(plain("button-next"), `crp:${page + 1}`);
  keyboard.row().text(plain("crv-button-new"), "crn").row().text(plain("button-menu"), "m:home");
  const text =
    result.total === 0
      ? ctx.t("crv-list-empty")
      : ctx.t("crv-list-title", { count: result.total, page: page + 1, pages });
  await respond(ctx, text, keyboard);
}

/** The course screen (`crv:<id>`): counts by unit and the trainer's actions. */
async function showCourseScreen(ctx: BotContext, courseId: number): Promise<boolean> {
  const person = ctx.identity.person;
  const result = person
    ? await courseCounts(ctx.deps.db, person.id, courseId)
    : ({ ok: false, reason: "not_allowed" } as const);
  if (!result.ok) {
    await refuse(ctx, result.reason);
    return false;
  }
  await ctx.answerCallbackQuery();
  const { course, rows, totals } = result;
  const n = (value: number) => formatNumber(value, ctx.locale);
  const countsLine = (counts: AnswerCounts) =>
    ctx.t("crv-counts", {
      yes: n(counts.yes),
      no: n(counts.no),
      waitlist: n(counts.waitlist),
      none: n(counts.none),
      unreachable: n(counts.unreachable),
      total: n(counts.total),
    });
  const lines = [
    ctx.t("crv-heading", {
      title: course.title,
      time: describeCourseTime(course, ctx.locale, ctx.deps.timeZone),
      status: ctx.t(`crv-status-${course.status}`),
      capacity: course.capacity === null ? "—" : n(course.capacity),
    }),
    "",
    ...rows.map((row) =>
      ctx.t("crv-unit-line", { unit: row.unitName, counts: trustedHtml(countsLine(row)) }),
    ),
  ];
  if (rows.length !== 1) lines.push(ctx.t("crv-total-line", { counts: trustedHtml(countsLine(totals)) }));
  lines.push("", ctx.t("crv-legend"));
  const plain = plainTranslator(ctx);
  const keyboard = new InlineKeyboard()
    .text(plain("crv-button-refresh"), `crv:${courseId}`)
    .text(plain("crv-button-not-answered"), `crl:${courseId}`)
    .row()
    .text(plain("crv-button-nudge"), `crm:${courseId}`)
    .text(plain("crv-button-excel"), `crx:${courseId}`)
    .row()
    .text(plain("crv-button-edit"), `cre:${courseId}`)
    .text(plain("crv-button-cancel"), `crc:${courseId}`)
    .row()
    .text(plain("crv-button-checkin"), `ckn:${courseId}`)
    .text(plain("crv-button-checklist"), `ckl:${courseId}`)
    .row()
    .text(plain("crv-button-quiz"), `cqr:${courseId}`)
    .row()
    .text(plain("crv-button-list"), "crp:0")
    .text(plain("button-menu"), "m:home");
  await respond(ctx, lines.join("\n"), keyboard);
  return true;
}
