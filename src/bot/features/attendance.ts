import { Composer, InlineKeyboard } from "grammy";
import { checkIn } from "../../domain/training/check-in.js";
import { readCheckInCode } from "../../domain/training/check-in-code.js";
import { formatClockTime } from "../../domain/training/course-time.js";
import { listAttendance } from "../../domain/training/list-attendance.js";
import { markAttendance } from "../../domain/training/mark-attendance.js";
import { openCheckIn } from "../../domain/training/open-check-in.js";
import { shortenLabel } from "../../shared/text.js";
import { formatDateTime } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { plainTranslator, respond } from "../ui/respond.js";

/**
 * Attendance. From the trainer's course screen, "✅ Điểm danh" (`ckn:<id>`) opens check-in and
 * shows the code to read aloud; participants type it in the chat (any time no task is open);
 * "📋 Điểm danh theo danh sách" (`ckl:<id>`) lists those who said "Tham gia", a page at a time,
 * and a tap on a name (on Zalo: its number) marks them present or absent.
 */
export function attendanceFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(/^ckn:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showCheckIn(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^ckl:(\d{1,9})(?::(\d{1,4}))?(?::(\d{1,9}))?$/, async (ctx) => {
    const courseId = Number(ctx.match[1]);
    const page = Number(ctx.match[2] ?? 0);
    const personId = ctx.match[3] === undefined ? undefined : Number(ctx.match[3]);
    const person = ctx.identity.person;
    if (personId !== undefined && person) {
      const marked = await markAttendance(ctx.deps.db, ctx.deps.clock, {
        actorId: person.id,
        courseId,
        personId,
      });
      if (!marked.ok) {
        const text =
          marked.reason === "too_early"
            ? plainTranslator(ctx)("att-list-too-early", {
                opens: formatDateTime(marked.opens, ctx.locale, ctx.deps.timeZone),
              })
            : plainTranslator(ctx)(marked.reason === "not_listed" ? "att-not-listed" : "att-unavailable");
        await ctx.answerCallbackQuery({ text, show_alert: true });
        if (marked.reason !== "not_listed") return;
      } else {
        await ctx.answerCallbackQuery({
          text: plainTranslator(ctx)(marked.present ? "att-marked-present" : "att-marked-absent", {
            name: marked.fullName,
          }),
        });
      }
    } else {
      await ctx.answerCallbackQuery();
    }
    await showList(ctx, courseId, page);
  });

  // A check-in code typed in the chat, before the policy Q&A takes free text.
  feature.on("message:text", async (ctx, next) => {
    const person = ctx.identity.person;
    if (!person || Object.keys(ctx.conversation.active()).length > 0) return next();
    const code = readCheckInCode(ctx.message.text);
    if (code === null) return next();
    const result = await checkIn(ctx.deps.db, ctx.deps.clock, {
      personId: person.id,
      accountId: ctx.identity.accountId,
      code,
    });
    const when = (date: Date) => formatDateTime(date, ctx.locale, ctx.deps.timeZone);
    let text: string;
    if (result.ok) text = ctx.t("att-checked-in", { title: result.course.title, at: when(result.at) });
    else if (result.reason === "wrong_code") text = ctx.t("att-wrong-code", { code });
    else if (result.reason === "too_many_attempts") text = ctx.t("att-too-many-attempts");
    else if (result.reason === "ended")
      text = ctx.t("att-late", { title: result.course.title, end: when(result.endedAt) });
    else if (result.reason === "too_early")
      text = ctx.t("att-early", { title: result.course.title, opens: when(result.opens) });
    else if (result.reason === "already")
      text = ctx.t("att-already", { title: result.course.title, at: when(result.at) });
    else text = ctx.t("att-not-in-audience", { title: result.course.title });
    await ctx.reply(text, { parse_mode: "HTML" });
  });
  return feature;
}

/** The check-in screen: the code to read aloud, until when, and how many are in. */
async function showCheckIn(ctx: BotContext, courseId: number): Promise<void> {
  const person = ctx.identity.person;
  if (!person) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const result = await openCheckIn(ctx.deps.db, ctx.deps.clock, { actorId: person.id, courseId });
  const when = (date: Date) => formatDateTime(date, ctx.locale, ctx.deps.timeZone);
  const t = plainTranslator(ctx);
  if (!result.ok) {
    if (result.reason === "too_early") {
      await respond(ctx, ctx.t("att-open-too-early", { opens: when(result.opens) }), homeKeyboard(ctx.t));
    } else if (result.reason === "ended") {
      await respond(
        ctx,
        ctx.t("att-open-ended", { end: when(result.endedAt) }),
        new InlineKeyboard()
          .text(t("att-button-list"), `ckl:${courseId}`)
          .row()
          .text(t("button-menu"), "m:home"),
      );
    } else if (result.reason === "not_published") {
      await respond(ctx, ctx.t("att-not-published"), homeKeyboard(ctx.t));
    } else if (result.reason === "not_found") {
      await respond(ctx, ctx.t("att-course-not-found"), homeKeyboard(ctx.t));
    } else {
      await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    }
    return;
  }
  const text = ctx.t("att-open", {
    title: result.course.title,
    code: result.code,
    end: formatClockTime(result.course.endsAt, ctx.locale, ctx.deps.timeZone),
    present: result.present,
    expected: result.expected,
  });
  const keyboard = new InlineKeyboard()
    .text(t("att-button-refresh"), `ckn:${courseId}`)
    .row()
    .text(t("att-button-list"), `ckl:${courseId}`)
    .row()
    .text(t("button-menu"), "m:home");
  await respond(ctx, text, keyboard);
}

/** One page of the names to tick; a tap toggles. */
async function showList(ctx: BotContext, courseId: number, page: number): Promise<void> {
  const person = ctx.identity.person;
  const list = person ? await listAttendance(ctx.deps.db, { actorId: person.id, courseId, page }) : null;
  if (!list?.ok) {
    const key = list?.reason === "not_found" ? "att-course-not-found" : "not-allowed";
    await respond(ctx, ctx.t(key), homeKeyboard(ctx.t));
    return;
  }
  const t = plainTranslator(ctx);
  const keyboard = new InlineKeyboard();
  for (const entry of list.people) {
    const label = `${entry.present ? "✅" : "⬜"} ${entry.fullName} — ${entry.unitName}`;
    keyboard.text(shortenLabel(label), `ckl:${courseId}:${list.page}:${entry.id}`).row();
  }
  if (list.pages > 1) {
    if (list.page > 0) keyboard.text(t("button-prev"), `ckl:${courseId}:${list.page - 1}`);
    if (list.page < list.pages - 1) keyboard.text(t("button-next"), `ckl:${courseId}:${list.page + 1}`);
    keyboard.row();
  }
  keyboard.text(t("att-button-code"), `ckn:${courseId}`).text(t("button-menu"), "m:home");
  const text =
    list.total === 0
      ? ctx.t("att-list-empty", { title: list.course.title })
      : ctx.t("att-list", {
          title: list.course.title,
          present: list.present,
          total: list.total,
          page: list.page + 1,
          pages: list.pages,
        });
  await respond(ctx, text, keyboard);
}
