import { randomBytes } from "node:crypto";
import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, GrammyError, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { FormDefinition, FormField } from "../../domain/reports/form-definition.js";
import {
  type Answers,
  crossCheckErrors,
  formatAnswer,
  isVisible,
  missingRequired,
  nextField,
  progressOf,
  pruneHidden,
  summaryLabel,
  summaryLines,
  visibleFields,
} from "../../domain/reports/form-engine.js";
import { loadOwnReport } from "../../domain/reports/load-own-report.js";
import {
  type AnswerValue,
  finishMultiChoice,
  finishPhotos,
  parseAnswer,
  type UserInput,
} from "../../domain/reports/parse-input.js";
import { periodAt } from "../../domain/reports/periods.js";
import { isOpenReportStatus, ReportStatus } from "../../domain/reports/report-enums.js";
import { discardDraft, saveAnswers, submitReport } from "../../domain/reports/report-store.js";
import { CHANNEL_TRAITS } from "../../domain/roles.js";
import { foldText } from "../../shared/fold.js";
import { escapeHtml, joinHtml, trustedHtml, wholeText } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { shortenLabel } from "../../shared/text.js";
import type { BotContext, BotDeps } from "../context.js";
import { loopScreens, type ScreenOutcome } from "../conversations/screen-loop.js";
import { captureStart, conversationNow, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";

export const FILL_REPORT_ID = "fillReport";
export const DISCARD_DRAFT_ID = "discardDraft";
const PREFIX = "rpf";
/** Longest label of a question offered in "✏️ Sửa một câu" (longer ones end in "…"). */
const EDIT_LABEL_MAX = 50;

type Nav = "back" | "skip" | "later" | "cancel" | "done";

/** How one question ended: an answer, a navigation, or "change the other question" after a failed check. */
type Step =
  | { kind: "answer"; value: AnswerValue }
  | { kind: "nav"; nav: Nav }
  | { kind: "fix"; value: AnswerValue; other: string };

/**
 * Words typed instead of tapping a navigation button (a Zalo gateway delivers taps as text, and
 * people type them anyway), after lower-casing and removing diacritics.
 */
const NAV_WORDS: Record<string, Nav> = {
  huy: "cancel",
  cancel: "cancel",
  "bo qua": "skip",
  skip: "skip",
  "quay lai": "back",
  back: "back",
  "de sau": "later",
  later: "later",
  xong: "done",
  done: "done",
};

/** Typed instead of "✏️ Sửa câu kia" after a check between two answers failed. */
const FIX_WORDS = new Set(["sua", "sua cau kia", "fix"]);

const NAVS: readonly string[] = ["back", "skip", "later", "cancel", "done"];
const isNav = (value: string): value is Nav => NAVS.includes(value);

function navWord(text: string): Nav | undefined {
  return NAV_WORDS[foldText(text)];
}

/**
 * One conversation walks any report form: the steps come from the form definition (data),
 * pinned to the version the draft started with, so changing a form file never breaks a draft
 * in progress. Every answer is saved to the draft at once — a restart, a timeout or "Để sau"
 * loses nothing, and the person is offered to continue. A report sent back for correction
 * reopens only the fields the reviewer marked.
 */
export function reportFormConversations(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation(buildFillReport(deps), { id: FILL_REPORT_ID }));
  composer.use(createConversation(buildDiscardDraft(deps), { id: DISCARD_DRAFT_ID }));
  return composer;
}

/**
 * "🗑 Bỏ nháp" asks first: the answers of a draft are gone once it is discarded. A small
 * conversation, so the choice can be typed as its number or word too.
 */
function buildDiscardDraft(deps: BotDeps) {
  return async function discardDraftTask(conversation: TaskConversation, ctx: Context, reportId: number) {
    const start = await captureStart(conversation);
    const draft = await conversation.external(async (outer: BotContext) => {
      const person = outer.identity.person;
      const report = person ? await loadOwnReport(deps.db, person.id, reportId) : null;
      if (report?.status !== ReportStatus.draft) return null;
      return { title: report.title, answered: Object.keys(report.answers).length };
    });
    const s = createSteps(conversation, ctx, deps, {
      prefix: "rpd",
      busyKey: "rp-discard-busy",
      locale: start.locale,
    });
    const { t } = s;
    if (!draft) {
      await ctx.reply(t("rp-nothing-to-continue"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const choice = await s.choose<"discard" | "keep">(
      t("rp-discard-confirm", { form: draft.title, count: draft.answered }),
      [
        { label: t("rp-button-discard-confirm"), value: "discard" },
        { label: t("rp-button-keep"), value: "keep" },
      ],
      [],
    );
    if (choice === "keep") {
      await ctx.reply(t("rp-discard-kept"), {
        reply_markup: new InlineKeyboard()
          .text(t("rp-button-continue"), `rp:res:${reportId}`)
          .row()
          .text(t("button-menu"), "m:home"),
      });
      return;
    }
    const discarded = await conversation.external((outer: BotContext) =>
      discardDraft(deps.db, reportId, outer.identity.person?.id ?? 0),
    );
    await ctx.reply(t(discarded ? "rp-discarded" : "rp-nothing-to-continue"), {
      reply_markup: new InlineKeyboard()
        .text(t("menu-reports"), "m:rp")
        .row()
        .text(t("button-menu"), "m:home"),
    });
  };
}

/** What the conversation needs from the draft, read once when it starts. */
interface Loaded {
  formId: number;
  form: FormDefinition;
  answers: Answers;
  correcting: boolean;
  returnedFields: string[];
  returnComment: string | null;
  periodLabel: string;
}

/** A question on screen, waiting for its answer. */
interface OpenQuestion {
  field: string;
  /** "<session>.<prompt number>", carried by its buttons. */
  promptId: string;
  messageId: number;
  /** Its first line ("Câu 3 · …"): it reads so, with the answer under it, once answered. */
  head: string;
  /** Options ticked so far (multiple choice) or photos received. */
  value?: AnswerValue;
  /** Warnings and "Đã nhận 2 ảnh" under it, removed once it is answered or left. */
  transient: number[];
  /** After a check between two answers failed: the other question, and the value given here. */
  fixOther: { other: string; value: AnswerValue } | null;
}

/**
 * Where the walk through a form stands between two updates: kept in the task's memo (JSON), not
 * in the conversation's replay log, which thus holds one round at a time (see screen-loop.ts).
 */
interface Walk {
  answers: Answers;
  /** In a correction: the questions to ask again, in order. */
  pendingCorrections: string[];
  /** Questions answered on this visit. */
  answeredNow: string[];
  /** Questions answered, each where it was last answered: "Quay lại" goes back along them. */
  history: string[];
  /** A question asked again (from the summary, "Quay lại", "Sửa câu kia"). */
  editing: string | null;
  /** The question being asked again was picked from the summary. */
  fromSummary: boolean;
  /** Number of the newest prompt: buttons of earlier ones are stale. */
  promptSeq: number;
  /** An answer that could not be shown under its question: shown above the next one. */
  unshownAnswer: string | null;
  open: OpenQuestion | null;
}

function buildFillReport(deps: BotDeps) {
  return async function fillReport(conversation: TaskConversation, ctx: Context, reportId: number) {
    const start = await captureStart(conversation);
    // The form definition stays out of the replay log, which is read, written and copied on every
    // update of the conversation: the log keeps the form's id, and loading takes the pinned version
    // from the catalog again (a stored version never changes; the catalog caches it).
    const loaded = await conversation.external<Loaded | null, Omit<Loaded, "form"> | null>({
      task: async (outer: BotContext) => {
        const person = outer.identity.person;
        const report = person ? await loadOwnReport(deps.db, person.id, reportId) : null;
        if (!report || !isOpenReportStatus(report.status)) return null;
        const form = await deps.forms.byId(report.formId);
        if (!form) return null;
        const period = periodAt(form.definition.period, report.createdAt, deps.timeZone);
        return {
          formId: form.id,
          form: form.definition,
          answers: report.answers,
          correcting: report.status === ReportStatus.returned,
          returnedFields: report.returnedFields ?? [],
          returnComment: report.returnComment,
          periodLabel: period?.label ?? "",
        };
      },
      beforeStore: (value) => {
        if (!value) return null;
        const { form: _form, ...rest } = value;
        return rest;
      },
      afterLoad: async (value) => {
        if (!value) return null;
        const form = await deps.forms.byId(value.formId);
        return form ? { ...value, form: form.definition } : null;
      },
    });
    // Buttons carry "<session>.<prompt number>": those of an earlier prompt, or of an earlier
    // visit to this draft, are recognisably stale.
    const session = await conversation.external(() => randomBytes(4).readUInt32BE(0).toString(36).slice(-5));
    const s = createSteps(conversation, ctx, deps, {
      prefix: PREFIX,
      busyKey: "rp-busy",
      locale: start.locale,
      expiredKey: "rp-expired",
      session,
    });
    const { t } = s;
    if (!loaded) {
      await ctx.reply(t("rp-not-found"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const form: FormDefinition = loaded.form;
    const save = (answers: Answers) =>
      conversation.external(() => saveAnswers(deps.db, deps.clock, reportId, answers));

    await ctx.reply(
      loaded.correcting
        ? t("rp-correct-intro", {
            form: form.title,
            comment: wholeText(loaded.returnComment ?? ""),
          })
        : t(Object.keys(loaded.answers).length > 0 ? "rp-resume-intro" : "rp-intro", {
            form: form.title,
            period: loaded.periodLabel,
          }),
      { parse_mode: "HTML" },
    );

    const chatId = ctx.chat?.id ?? 0;
    const fieldOf = (key: string | null) => form.fields.find((f) => f.key === key) ?? null;
    // "Quay lại" goes to the previous question, or back to the summary a field was picked from.
    const canGoBack = (walk: Walk) => walk.history.length > 0 || walk.fromSummary;

    /**
     * Edits (text or buttons) or deletes some of the bot's messages, in one external step (the
     * replay log stays short): a failed edit — a message too old, a messenger without edits — is
     * an outcome here, never an exception inside the conversation. Returns which ones worked.
     */
    type Touch =
      | { id: number; text: string }
      | { id: number; keyboard: InlineKeyboard | undefined }
      | { id: number; delete: true };
    const touch = (...changes: Touch[]): Promise<boolean[]> =>
      conversation.external(async (outer: BotContext) => {
        const done: boolean[] = [];
        for (const change of changes) {
          try {
            if ("delete" in change) await outer.api.deleteMessage(chatId, change.id);
            else if ("text" in change)
              await outer.api.editMessageText(chatId, change.id, change.text, { parse_mode: "HTML" });
            else
              await outer.api.editMessageReplyMarkup(
                chatId,
                change.id,
                change.keyboard ? { reply_markup: change.keyboard } : {},
              );
            done.push(true);
          } catch (error) {
            const unchanged =
              error instanceof GrammyError && error.description.includes("message is not modified");
            if (!unchanged) deps.logger.debug({ err: error, change }, "could not tidy a report message");
            done.push(unchanged);
          }
        }
        return done;
      });

    /** "Câu 7 · còn tối đa 5 câu." — or "Câu 1/2." among the questions being corrected. */
    const questionHead = (field: FormField, walk: Walk) => {
      const label = wholeText(field.label);
      const corrections = walk.pendingCorrections.filter((key) => {
        const f = fieldOf(key);
        return f !== null && isVisible(f, walk.answers);
      });
      if (loaded.correcting && corrections.includes(field.key)) {
        const index = corrections.indexOf(field.key) + 1;
        return t("rp-question-correct", { index, total: corrections.length, label });
      }
      const { index, left, certain } = progressOf(form, walk.answers, field);
      // Changing one answer from the summary: there is nothing "left" to count.
      if (walk.fromSummary) return t("rp-question-edit", { index, label });
      return t("rp-question", { index, left, certain: certain ? "yes" : "no", label });
    };

    /** Shows a question with its buttons; it is then open until answered or left. */
    const showQuestion = async (field: FormField, walk: Walk): Promise<OpenQuestion> => {
      const previous = walk.answers[field.key];
      const value: AnswerValue | undefined =
        field.type === "multi_choice" ? [] : field.type === "photo" ? { fileIds: [] } : undefined;
      const lines: string[] = [];
      if (walk.unshownAnswer) lines.push(walk.unshownAnswer);
      const head = questionHead(field, walk);
      lines.push(head);
      if (field.help) lines.push(`<i>${escapeHtml(field.help)}</i>`);
      if (previous !== undefined && previous !== null) {
        lines.push(t("rp-previous", { value: wholeText(formatAnswer(field, previous, start.locale)) }));
      }
      const promptId = `${session}.${walk.promptSeq}`;
      const prompt = await ctx.reply(lines.join("\n"), {
        parse_mode: "HTML",
        reply_markup: buildKeyboard(field, value, canGoBack(walk), promptId),
      });
      return {
        field: field.key,
        promptId,
        messageId: prompt.message_id,
        head,
        ...(value === undefined ? {} : { value }),
        transient: [],
        fixOther: null,
      };
    };

    /**
     * One update sent while a question is open: the question stays open (a refused answer, a
     * ticked option, a photo more — `open` says what it now shows), or it ends with a step.
     */
    const answerQuestion = async (
      next: Context,
      field: FormField,
      open: OpenQuestion,
      walk: Walk,
    ): Promise<{ open: OpenQuestion } | { step: Step; unshownAnswer: string | null }> => {
      const { promptId } = open;
      // Messages that stop applying once the question is answered or left: warnings, "Đã nhận 2 ảnh".
      const transient = [...open.transient];
      let value = open.value;
      // After a check between two answers failed: the other question, and the value given here.
      let fixOther = open.fixOther;
      const stay = () => ({
        open: { ...open, transient, ...(value === undefined ? {} : { value }), fixOther },
      });
      const warn = async (text: string, options: Parameters<Context["reply"]>[1] = {}) => {
        const sent: Message.TextMessage = await next.reply(text, options);
        transient.push(sent.message_id);
      };
      /**
       * The question is over: its buttons and warnings go, and it reads as the question and the
       * answer given (without the help, which may speak of buttons no longer there).
       */
      const close = async (step: Step) => {
        const cleared: Touch[] = transient.map((id) => ({ id, delete: true }));
        if (step.kind === "nav") {
          await touch(...cleared, { id: open.messageId, keyboard: undefined });
          return { step, unshownAnswer: null };
        }
        const shown =
          step.value === null
            ? t("rp-answered-skipped")
            : t("rp-answered", { value: wholeText(formatAnswer(field, step.value, start.locale)) });
        // Without edits (Zalo) the answer is shown on top of the next question instead: one
        // message per step, not two.
        if (!CHANNEL_TRAITS[deps.channel].editsMessages) {
          await touch(...cleared);
          return { step, unshownAnswer: shown };
        }
        const done = await touch({ id: open.messageId, text: `${open.head}\n${shown}` }, ...cleared);
        return { step, unshownAnswer: done[0] ? null : shown };
      };

      /** A navigation button or word: the step's result, or the question stays open. */
      const navigate = async (nav: Nav) => {
        if (nav === "done" && field.type === "multi_choice") {
          const finished = finishMultiChoice(field, (value as string[]) ?? []);
          if (finished.ok) return close({ kind: "answer", value: finished.value });
          await warn(`⚠️ ${finished.error}`);
          return stay();
        }
        if (nav === "done" && field.type === "photo") {
          const finished = finishPhotos(field, value as { fileIds: string[] });
          if (finished.ok) return close({ kind: "answer", value: finished.value });
          await warn(`⚠️ ${finished.error}`);
          return stay();
        }
        if (nav === "skip" && field.required) {
          await warn(t("rp-cannot-skip"), {
            reply_markup: navKeyboard(promptId, field, canGoBack(walk), false),
          });
          return stay();
        }
        if (nav === "back" && !canGoBack(walk)) {
          await warn(t("rp-first-question"));
          return stay();
        }
        if (nav === "done") return stay();
        if (nav === "skip") return close({ kind: "answer", value: null });
        return close({ kind: "nav", nav });
      };
      const fix = () => {
        const chosen = fixOther;
        if (!chosen) throw new Error("no check failed on this question");
        return close({ kind: "fix", value: chosen.value, other: chosen.other });
      };

      const data = next.callbackQuery?.data;
      let input: UserInput | undefined;
      if (data?.startsWith(`${PREFIX}:`)) {
        const [, promptIdOf, action, arg = ""] = data.split(":");
        const offered =
          action === "nav"
            ? isNav(arg)
            : action === "fix"
              ? fixOther?.other === arg
              : action === "c" && arg !== "";
        if (promptIdOf !== promptId || !offered) {
          await next.answerCallbackQuery({ text: t("stale-button-alert"), show_alert: true });
          return stay();
        }
        await next.answerCallbackQuery();
        if (action === "nav") return navigate(arg as Nav);
        if (action === "fix") return fix();
        if (action === "c") input = { kind: "choice", value: arg };
      } else if (next.callbackQuery) {
        await s.redirect(next, "task-use-buttons");
        return stay();
      }
      const message = next.message;
      if (!input && message) {
        if (message.text?.startsWith("/")) {
          await warn(t("rp-busy"), { parse_mode: "HTML" });
          return stay();
        }
        if (fixOther && message.text !== undefined && FIX_WORDS.has(foldText(message.text))) return fix();
        const typedNav = message.text !== undefined ? navWord(message.text) : undefined;
        if (typedNav && (typedNav !== "done" || field.type === "photo" || field.type === "multi_choice")) {
          return navigate(typedNav);
        }
        const photo = message.photo?.at(-1);
        if (message.text !== undefined) input = { kind: "text", text: message.text };
        else if (photo) input = { kind: "photo", fileId: photo.file_id };
        else if (message.location) {
          input = {
            kind: "location",
            latitude: message.location.latitude,
            longitude: message.location.longitude,
          };
        } else input = { kind: "other" };
      }
      if (!input) return stay();
      const parsed = parseAnswer(field, input, {
        today: new Date(await conversationNow(conversation, deps)),
        timeZone: deps.timeZone,
        ...(value !== undefined ? { previous: value } : {}),
      });
      if (!parsed.ok) {
        await warn(`⚠️ ${parsed.error}`);
        return stay();
      }
      if (field.type === "multi_choice" && input.kind === "choice") {
        // A tap toggles an option; the ticks are shown on the same message.
        value = parsed.value;
        await touch({
          id: open.messageId,
          keyboard: buildKeyboard(field, value, canGoBack(walk), promptId),
        });
        return stay();
      }
      if (field.type === "photo") {
        value = parsed.value;
        const count = (value as { fileIds: string[] }).fileIds.length;
        // One "Đã nhận N ảnh" at a time: the newest replaces the one before.
        const before = transient.splice(0);
        if (before.length > 0) await touch(...before.map((id): Touch => ({ id, delete: true })));
        await warn(t("rp-photo-received", { count }), {
          reply_markup: navKeyboard(promptId, field, canGoBack(walk), true),
        });
        return stay();
      }
      // Checks between answers ("thoát nghèo ≤ nghèo đầu kỳ") as soon as both are known.
      const broken = crossCheckErrors(form, { ...walk.answers, [field.key]: parsed.value }).find((e) =>
        e.fields.includes(field.key),
      );
      if (broken) {
        // The other answer may be the wrong one: it can be changed from here, whatever is being
        // asked (a correction reopens it even when the reviewer did not mark it).
        const otherKey = broken.fields.find((key) => key !== field.key);
        const other = otherKey ? fieldOf(otherKey) : null;
        fixOther = other ? { other: other.key, value: parsed.value } : null;
        const keyboard = other
          ? new InlineKeyboard().text(t("rp-button-fix-other"), `${PREFIX}:${promptId}:fix:${other.key}`)
          : undefined;
        await warn(
          other
            ? t("rp-check-failed", {
                message: wholeText(broken.message),
                other: wholeText(other.label),
              })
            : t("rp-check-failed-alone", { message: wholeText(broken.message) }),
          { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) },
        );
        return stay();
      }
      return close({ kind: "answer", value: parsed.value });
    };

    const buildKeyboard = (
      field: FormField,
      current: AnswerValue | undefined,
      canGoBack: boolean,
      promptId: string,
    ) => {
      const keyboard = new InlineKeyboard();
      const cb = (action: string, arg: string) => `${PREFIX}:${promptId}:${action}:${arg}`;
      if (field.type === "single_choice" || field.type === "multi_choice") {
        const chosen = new Set(Array.isArray(current) ? current : []);
        field.options?.forEach((option, i) => {
          const tick =
            field.type === "multi_choice" ? (chosen.has(option.value) ? "☑ " : "☐ ") : `${i + 1}. `;
          keyboard.text(`${tick}${option.label}`, cb("c", option.value)).row();
        });
        if (field.type === "multi_choice") keyboard.text(t("rp-button-done"), cb("nav", "done")).row();
      } else if (field.type === "yes_no") {
        keyboard.text(t("rp-yes"), cb("c", "yes")).text(t("rp-no"), cb("c", "no")).row();
      } else if (field.type === "photo") {
        keyboard.text(t("rp-button-done"), cb("nav", "done")).row();
      }
      if (!field.required) keyboard.text(t("rp-button-skip"), cb("nav", "skip"));
      if (canGoBack) keyboard.text(t("button-back"), cb("nav", "back"));
      if (!field.required || canGoBack) keyboard.row();
      keyboard
        .text(t("rp-button-later"), cb("nav", "later"))
        .text(t("rp-button-cancel"), cb("nav", "cancel"));
      return keyboard;
    };
    const navKeyboard = (promptId: string, field: FormField, canGoBack: boolean, done: boolean) => {
      const keyboard = new InlineKeyboard();
      const cb = (arg: string) => `${PREFIX}:${promptId}:nav:${arg}`;
      if (done) keyboard.text(t("rp-button-done"), cb("done")).row();
      if (!field.required) keyboard.text(t("rp-button-skip"), cb("skip"));
      if (canGoBack) keyboard.text(t("button-back"), cb("back"));
      if (!field.required || canGoBack) keyboard.row();
      keyboard.text(t("rp-button-later"), cb("later")).text(t("rp-button-cancel"), cb("cancel"));
      return keyboard;
    };

    const later = async (answers: Answers) => {
      await save(answers);
      await ctx.reply(t("rp-saved-for-later"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(t("menu-reports"), "m:rp")
          .row()
          .text(t("button-menu"), "m:home"),
      });
    };

    // "Hủy": the person stops; what they answered stays as a draft they can continue or discard.
    const cancel = async (answers: Answers) => {
      await save(answers);
      const keyboard = new InlineKeyboard();
      if (loaded.correcting) keyboard.text(t("rp-button-fix"), `rp:fix:${reportId}`);
      else
        keyboard
          .text(t("rp-button-continue"), `rp:res:${reportId}`)
          .text(t("rp-button-discard"), `rp:dis:${reportId}`);
      keyboard.row().text(t("button-menu"), "m:home");
      await ctx.reply(t(loaded.correcting ? "rp-cancelled-correction" : "rp-cancelled"), {
        parse_mode: "HTML",
        reply_markup: keyboard,
      });
    };

    /** The question a walk is at: asked again, the next correction, the next unanswered one. */
    const fieldToAsk = (walk: Walk): FormField | null =>
      walk.editing
        ? fieldOf(walk.editing)
        : loaded.correcting
          ? (walk.pendingCorrections
              .map((key) => fieldOf(key))
              .find(
                (f): f is FormField =>
                  f !== null && !walk.answeredNow.includes(f.key) && isVisible(f, walk.answers),
              ) ?? null)
          : nextField(form, walk.answers);

    /** The summary with its checks; "Gửi" submits, "Sửa một câu" goes back to one question. */
    const summary = async (walk: Walk): Promise<ScreenOutcome<Walk, void>> => {
      const { answers } = walk;
      // The summary's buttons carry the walk's prompt number too: an older summary's are stale.
      const screen = createSteps(conversation, ctx, deps, {
        prefix: PREFIX,
        busyKey: "rp-busy",
        locale: start.locale,
        expiredKey: "rp-expired",
        session: `${session}-${walk.promptSeq}`,
      });
      const after = { ...walk, promptSeq: walk.promptSeq + 1, unshownAnswer: null };
      const problems = [
        ...missingRequired(form, answers).map((f) => t("rp-missing", { label: wholeText(f.label) })),
        ...crossCheckErrors(form, answers).map((e) => escapeHtml(e.message)),
      ];
      const lines = summaryLines(form, answers, start.locale).map(
        (line) => `• ${escapeHtml(summaryLabel(line.field.label))} <b>${escapeHtml(line.text)}</b>`,
      );
      const text = [t("rp-summary", { form: form.title }), ...lines];
      if (problems.length > 0) text.push("", t("rp-problems"), ...problems.map((p) => `⚠️ ${p}`));
      const choices: { label: string; value: "send" | "edit" | "later" }[] = [];
      if (problems.length === 0) choices.push({ label: t("rp-button-send"), value: "send" });
      choices.push(
        { label: t("rp-button-edit"), value: "edit" },
        { label: t("rp-button-later"), value: "later" },
      );
      const decision = await screen.choose(text.join("\n"), choices, []);
      if (decision === "later") return { done: await later(answers) };
      if (decision === "edit") {
        const visible = summaryLines(form, answers, start.locale);
        const picked = await screen.choose<string | "cancel">(
          t("rp-edit-which"),
          visible.map((line) => ({
            label: shortenLabel(line.field.label, EDIT_LABEL_MAX),
            value: line.field.key,
          })),
          [{ label: t("button-back"), value: "cancel" }],
        );
        // The old answer stays until a new one is given ("Để sau", "Hủy" or "Quay lại" keep it).
        return { next: picked === "cancel" ? after : { ...after, editing: picked, fromSummary: true } };
      }
      // One key per press of "Gửi", taken from the update that carried it: a re-delivered
      // update — or the same one handled again after a crash, from the state before it —
      // submits nothing twice, while a later correction (another press) gets a key of its own.
      const submitToken = await conversation.external((outer: BotContext) => `u${outer.update.update_id}`);
      const finalAnswers = answers;
      const submitted = await conversation.external(async (outer: BotContext) =>
        submitReport(deps.db, deps.clock, deps.translator, {
          reportId,
          personId: outer.identity.person?.id ?? 0,
          answers: finalAnswers,
          submitKey: `report:${reportId}:${submitToken}`,
        }),
      );
      if (!submitted.ok) {
        // Someone else sent this unit's report for the period meanwhile (two people, one hamlet).
        const already = submitted.reason === "already_submitted";
        const keyboard = new InlineKeyboard();
        if (already) keyboard.text(t("menu-my-reports"), "m:myrp").row();
        keyboard.text(t("button-menu"), "m:home");
        await ctx.reply(
          already
            ? t("rp-already-submitted", {
                form: form.title,
                period: loaded.periodLabel,
              })
            : t(submitted.reason === "not_allowed" ? "not-allowed" : "rp-not-found"),
          { parse_mode: "HTML", reply_markup: keyboard },
        );
        return { done: undefined };
      }
      const done = [
        t(submitted.corrected ? "rp-corrected" : "rp-sent", {
          form: form.title,
          period: loaded.periodLabel,
        }),
      ];
      const notice = submitted.notice;
      if (notice) {
        // Whom the commune was told through the bot, and whom to call because it could not be.
        if (notice.reached.length > 0)
          done.push(
            t(notice.urgent ? "rp-urgent-told" : "rp-correction-told", {
              names: joinHtml(notice.reached, ", "),
            }),
          );
        if (notice.unreachable.length > 0)
          done.push(
            t("rp-reviewers-unreachable", {
              count: notice.unreachable.length,
              people: trustedHtml(
                notice.unreachable
                  .map((person) =>
                    t("rp-person-unreachable", {
                      name: person.fullName,
                      reach: person.reach,
                      phone: person.phone ? formatPhoneForDisplay(person.phone) : t("rp-no-phone"),
                    }),
                  )
                  .join(", "),
              ),
            }),
          );
        else if (notice.reached.length === 0) done.push(t("rp-reviewers-none"));
      }
      await ctx.reply(done.join("\n"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(t("menu-my-reports"), "m:myrp")
          .row()
          .text(t("button-menu"), "m:home"),
      });
      return { done: undefined };
    };

    // Walk the form one update at a time until nothing is left to ask, then the summary. Each
    // round (see screen-loop.ts) shows the question the walk is at unless it is already open,
    // waits for one update and returns where the walk then stands; the rounds before it leave
    // nothing in the replay log. `editing` is a field asked again: picked from the summary
    // ("Sửa"), the previous one ("Quay lại"), or the other side of a failed check ("Sửa câu kia").
    const firstWalk: Walk = {
      answers: { ...loaded.answers },
      // Fields still to ask in correction mode: the returned ones not yet answered again (and
      // any other the person chose to change after a failed check). Old answers stay until
      // replaced (leaving keeps them).
      pendingCorrections: loaded.correcting
        ? form.fields.filter((f) => loaded.returnedFields.includes(f.key)).map((f) => f.key)
        : [],
      answeredNow: [],
      // On a resumed draft, "Quay lại" reaches the questions answered on the earlier visit too.
      history: loaded.correcting
        ? []
        : visibleFields(form, loaded.answers)
            .filter((f) => loaded.answers[f.key] !== undefined)
            .map((f) => f.key),
      editing: null,
      fromSummary: false,
      promptSeq: 1000, // the summary's `choose` numbers its own prompts from 1
      unshownAnswer: null,
      open: null,
    };
    await loopScreens<Walk, void>(conversation, FILL_REPORT_ID, firstWalk, async (at) => {
      let walk = at;
      let field = walk.open ? fieldOf(walk.open.field) : fieldToAsk(walk);
      if (!field) return summary(walk);
      if (!walk.open) {
        const promptSeq = walk.promptSeq + 1;
        const open = await showQuestion(field, { ...walk, promptSeq });
        walk = { ...walk, promptSeq, unshownAnswer: null, open };
      }
      const open = walk.open as OpenQuestion;
      field = fieldOf(open.field) as FormField;
      const next = await s.nextUpdate();
      const handled = await answerQuestion(next, field, open, walk);
      if ("open" in handled) return { next: { ...walk, open: handled.open } };
      const { step } = handled;
      walk = { ...walk, open: null, unshownAnswer: handled.unshownAnswer };
      if (step.kind === "nav" && step.nav === "later") return { done: await later(walk.answers) };
      if (step.kind === "nav" && step.nav === "cancel") return { done: await cancel(walk.answers) };
      if (step.kind === "nav") {
        // "Quay lại".
        const history = [...walk.history];
        const editing = walk.fromSummary ? null : (history.pop() ?? null);
        return {
          next: {
            ...walk,
            history,
            editing,
            answeredNow: walk.answeredNow.filter((key) => key !== editing),
            fromSummary: false,
          },
        };
      }
      const answers = pruneHidden(form, { ...walk.answers, [field.key]: step.value });
      const answeredNow = [...walk.answeredNow.filter((key) => key !== field.key), field.key];
      walk = {
        ...walk,
        answers,
        // Each question once, where it was last answered: the walk stays as long as the form.
        history: [...walk.history.filter((key) => key !== field.key), field.key],
        answeredNow,
        editing: null,
        fromSummary: false,
      };
      if (step.kind === "fix") {
        // Asked next; in a correction it joins the questions being corrected, right after this one.
        const pendingCorrections = [...walk.pendingCorrections];
        if (loaded.correcting && !pendingCorrections.includes(step.other)) {
          pendingCorrections.splice(pendingCorrections.indexOf(field.key) + 1, 0, step.other);
        }
        walk = {
          ...walk,
          editing: step.other,
          answeredNow: walk.answeredNow.filter((key) => key !== step.other),
          pendingCorrections,
        };
      }
      await save(answers);
      return { next: walk };
    });
  };
}
