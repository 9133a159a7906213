import { Composer, InlineKeyboard, InputFile } from "grammy";
import { CHANNEL_TRAITS } from "../../domain/roles.js";
import { exportQuizResults } from "../../domain/training/export-quiz-results.js";
import { findAttendedQuiz } from "../../domain/training/find-attended-quiz.js";
import { loadManagedCourse } from "../../domain/training/load-managed-course.js";
import { findQuiz, loadQuizzes } from "../../domain/training/load-quizzes.js";
import { quizResults } from "../../domain/training/quiz-results.js";
import { recordQuizAnswer } from "../../domain/training/record-quiz-answer.js";
import { renderQuizQuestion } from "../../domain/training/render-quiz-question.js";
import { setCourseQuiz } from "../../domain/training/set-course-quiz.js";
import { html, joinHtml, trustedHtml, wholeText } from "../../shared/html.js";
import { shortenLabel } from "../../shared/text.js";
import { formatNumber } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { plainTranslator, respond } from "../ui/respond.js";

/** Rows of (label, data) as an inline keyboard. */
function keyboardOf(rows: [string, string][][]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const row of rows) {
    for (const [label, data] of row) keyboard.text(label, data);
    keyboard.row();
  }
  return keyboard;
}

/**
 * The quiz after a course. Attendees answer question by question (`cqz:<course>:<question>:
 * <choice>`, on Zalo the choice's number): each answer is stored and the next question comes as
 * a new message; at the end "✏️ Sửa câu trả lời" starts again (answers are replaced). The
 * trainer sees the results per question (`cqr:<id>`) and downloads them (`cqr:<id>:x`).
 */
export function courseQuizFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(/^cqz:(\d{1,9}):([a-z0-9_]{1,16}):([a-z0-9_]{1,16})$/, async (ctx) => {
    const person = ctx.identity.person;
    const courseId = Number(ctx.match[1]);
    const recorded = person
      ? await recordQuizAnswer(ctx.deps.db, ctx.deps.clock, {
          personId: person.id,
          courseId,
          question: ctx.match[2] ?? "",
          choice: ctx.match[3] ?? "",
        })
      : ({ ok: false, reason: "not_attended" } as const);
    if (!recorded.ok) {
      const key = recorded.reason === "not_attended" ? "quiz-not-attended" : "stale-button-alert";
      await ctx.answerCallbackQuery({ text: plainTranslator(ctx)(key), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    // On Telegram the answered question loses its buttons; on Zalo (no edits) the typed number
    // already shows the answer.
    if (CHANNEL_TRAITS[ctx.deps.channel].editsMessages && ctx.callbackQuery.message) {
      await ctx.editMessageReplyMarkup().catch(() => undefined);
    }
    const locale = ctx.locale;
    const noted = ctx.t("quiz-noted", { choice: recorded.chosen[locale] });
    if (recorded.next !== null) {
      const question = renderQuizQuestion(ctx.deps.translator, locale, {
        quiz: recorded.quiz,
        courseId,
        index: recorded.next,
      });
      await ctx.reply(`${noted}\n\n${question.text}`, {
        parse_mode: "HTML",
        reply_markup: keyboardOf(question.rows),
      });
      return;
    }
    await ctx.reply(`${noted}\n\n${ctx.t("quiz-done", { title: recorded.quiz.title[locale] })}`, {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(plainTranslator(ctx)("quiz-button-again"), `cqz:${courseId}:again`)
        .row()
        .text(plainTranslator(ctx)("button-menu"), "m:home"),
    });
  });

  // "✏️ Sửa câu trả lời": the first question again.
  feature.callbackQuery(/^cqz:(\d{1,9}):again$/, async (ctx) => {
    const courseId = Number(ctx.match[1]);
    const person = ctx.identity.person;
    const quiz = person ? await findAttendedQuiz(ctx.deps.db, person.id, courseId) : null;
    if (!quiz) {
      await ctx.answerCallbackQuery({ text: plainTranslator(ctx)("stale-button-alert"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const question = renderQuizQuestion(ctx.deps.translator, ctx.locale, { quiz, courseId, index: 0 });
    await ctx.reply(question.text, { parse_mode: "HTML", reply_markup: keyboardOf(question.rows) });
  });

  // Which questions go out when the course ends (from the trainer's course screen).
  feature.callbackQuery(/^cqs:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showQuizChoice(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^cqs:(\d{1,9}):([a-z0-9-]{1,40})$/, async (ctx) => {
    const person = ctx.identity.person;
    const courseId = Number(ctx.match[1]);
    const key = ctx.match[2] === "-" ? null : (ctx.match[2] ?? null);
    const set = person
      ? await setCourseQuiz(ctx.deps.db, ctx.deps.clock, {
          actorId: person.id,
          courseId,
          quizKey: key,
          timeZone: ctx.deps.timeZone,
        })
      : ({ ok: false, reason: "not_allowed" } as const);
    await ctx.answerCallbackQuery();
    if (!set.ok) {
      const reason =
        set.reason === "closed" || set.reason === "unknown_quiz" ? `quiz-set-${set.reason}` : "not-allowed";
      await respond(ctx, ctx.t(reason), homeKeyboard(ctx.t));
      return;
    }
    const quiz = set.quizKey ? findQuiz(set.quizKey) : null;
    await respond(
      ctx,
      quiz ? ctx.t("quiz-set", { title: quiz.title[ctx.locale] }) : ctx.t("quiz-set-none"),
      homeKeyboard(ctx.t),
    );
  });

  feature.callbackQuery(/^cqr:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showResults(ctx, Number(ctx.match[1]));
  });

  feature.callbackQuery(/^cqr:(\d{1,9}):x$/, async (ctx) => {
    const person = ctx.identity.person;
    const exported = person
      ? await exportQuizResults(ctx.deps.db, ctx.deps.clock, {
          actorId: person.id,
          courseId: Number(ctx.match[1]),
          translator: ctx.deps.translator,
          locale: ctx.locale,
          timeZone: ctx.deps.timeZone,
        })
      : null;
    if (!exported?.ok) {
      await ctx.answerCallbackQuery({ text: plainTranslator(ctx)("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.replyWithDocument(new InputFile(exported.data, exported.fileName), {
      caption: ctx.t("quiz-exported", { respondents: exported.respondents }),
    });
  });
  return feature;
}

async function showResults(ctx: BotContext, courseId: number): Promise<void> {
  const person = ctx.identity.person;
  const results = person ? await quizResults(ctx.deps.db, { actorId: person.id, courseId }) : null;
  if (!results?.ok) {
    const key =
      results?.reason === "no_quiz"
        ? "quiz-none"
        : results?.reason === "not_found"
          ? "att-course-not-found"
          : "not-allowed";
    await respond(ctx, ctx.t(key), homeKeyboard(ctx.t));
    return;
  }
  const locale = ctx.locale;
  const number = (value: number) => formatNumber(value, locale);
  const blocks = results.questions.map((question, i) => {
    const lines = [html`<b>${i + 1}. ${wholeText(question.text[locale])}</b>`];
    for (const choice of question.choices) {
      lines.push(
        trustedHtml(
          ctx.t("quiz-result-choice", {
            choice: choice[locale],
            count: choice.count,
            percent: number(choice.percent),
          }),
        ),
      );
    }
    if (question.average !== null)
      lines.push(trustedHtml(ctx.t("quiz-result-average", { average: number(question.average) })));
    if (question.correctPercent !== null) {
      lines.push(trustedHtml(ctx.t("quiz-result-correct", { percent: number(question.correctPercent) })));
    }
    return joinHtml(lines);
  });
  const head = ctx.t("quiz-results", {
    title: results.course.title,
    respondents: results.respondents,
    attendees: results.attendees,
  });
  const text = joinHtml([trustedHtml(head), ...blocks], "\n\n").value;
  const t = plainTranslator(ctx);
  await respond(
    ctx,
    text,
    new InlineKeyboard()
      .text(t("quiz-button-refresh"), `cqr:${courseId}`)
      .row()
      .text(t("quiz-button-export"), `cqr:${courseId}:x`)
      .row()
      .text(t("button-menu"), "m:home"),
  );
}

/** The quiz files to choose from, the current one marked, and "no questions". */
async function showQuizChoice(ctx: BotContext, courseId: number): Promise<void> {
  const person = ctx.identity.person;
  const loaded = person ? await loadManagedCourse(ctx.deps.db, person.id, courseId) : null;
  if (!loaded?.ok) {
    await respond(
      ctx,
      ctx.t(loaded?.reason === "not_found" ? "att-course-not-found" : "not-allowed"),
      homeKeyboard(ctx.t),
    );
    return;
  }
  const t = plainTranslator(ctx);
  const current = loaded.course.quizKey;
  const keyboard = new InlineKeyboard();
  for (const quiz of loadQuizzes().quizzes) {
    const mark = quiz.key === current ? "✓ " : "";
    keyboard.text(shortenLabel(`${mark}${quiz.title[ctx.locale]}`), `cqs:${courseId}:${quiz.key}`).row();
  }
  keyboard.text(`${current === null ? "✓ " : ""}${t("quiz-button-none")}`, `cqs:${courseId}:-`).row();
  keyboard.text(t("button-menu"), "m:home");
  await respond(ctx, ctx.t("quiz-choose", { title: loaded.course.title }), keyboard);
}
