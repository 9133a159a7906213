import type { Conversation } from "@grammyjs/conversations";
import { type Context, GrammyError, InlineKeyboard, Keyboard } from "grammy";
import { CHANNEL_TRAITS, type Role } from "../../domain/roles.js";
import { findUnit } from "../../domain/units/find-unit.js";
import { listChildUnits } from "../../domain/units/list-child-units.js";
import type { Locale, TranslationArgs } from "../../i18n/translator.js";
import { foldText, matchTypedChoice } from "../../shared/fold.js";
import { normalizePhone } from "../../shared/phone.js";
import { shortenLabel } from "../../shared/text.js";
import type { BotContext, BotDeps } from "../context.js";
import { confirmCancelled } from "../ui/menu-screen.js";
import { loopScreens } from "./screen-loop.js";
import { TASK_BUTTON_PREFIXES } from "./tasks.js";

export type TaskConversation = Conversation<BotContext, Context>;

export interface Choice<T> {
  label: string;
  value: T;
}

export interface UnitNode {
  id: number;
  name: string;
  level: string;
  path: string;
}

/** A message the bot sent with a question: where it is, and what it said. */
export interface PromptMessage {
  chatId: number;
  messageId: number;
  text: string;
}

/** A draft left untouched this long is dropped (and the person told) on their next message. */
export const DRAFT_LIFETIME_MS = 60 * 60_000;
const UNITS_PER_PAGE = 8;
const LEVEL_RANK: Record<string, number> = { province: 0, district: 1, commune: 2, hamlet: 3 };

/**
 * "Now" inside a conversation, from the injected clock. The value is recorded like any other
 * external call, so a replay sees the time of the original step (never the wall clock).
 */
export async function conversationNow(
  conversation: TaskConversation,
  deps: Pick<BotDeps, "clock">,
): Promise<number> {
  return conversation.external(() => deps.clock.now().getTime());
}

/**
 * What a conversation knows about its person, captured once when it starts. Only ids: what the
 * person may do is read again where it is done (domain functions load the actor by id in their
 * own transaction), and a change of their rights ends the conversation (see `task-stamp.ts`).
 */
export interface TaskStart {
  locale: Locale;
  accountId: number;
  fromId: number;
  /** The roster entry, when the person is a member; `null` for strangers and the deactivated. */
  personId: number | null;
}

/**
 * "Hủy" typed to stop a task. With its diacritics it always means that; typed without them
 * ("huy", also a given name) or in English only where it is not an answer to the question.
 */
function cancelWord(text: string): "sure" | "maybe" | null {
  const lower = text.normalize("NFC").trim().toLowerCase();
  if (lower === "hủy" || lower === "huỷ") return "sure";
  const folded = foldText(text);
  return folded === "huy" || folded === "cancel" ? "maybe" : null;
}

/** The count a label starts with ("20 người" → "20"); not a time or date ("09:00 22/11"). */
function leadingCount(label: string): string | undefined {
  return /^(\d+)(?![\d:.,/])/.exec(label.trim())?.[1];
}

/**
 * Choices that are all counts ("1 người", "5 người") are shown without "1." in front, and a
 * typed number is the count; any other list is numbered.
 */
function numberedLabels(choices: Choice<unknown>[]): boolean {
  const counts = choices.map((choice) => leadingCount(choice.label));
  return !(counts.every((count) => count !== undefined) && new Set(counts).size === counts.length);
}

/**
 * The choice the person typed: the number shown on its button, or its label (loosely). When
 * labels start with numbers and are shown unnumbered, a typed number is that leading number.
 */
function typedChoice<T>(typed: string, choices: Choice<T>[], numbered: boolean): Choice<T> | undefined {
  const trimmed = typed.trim();
  if (!numbered && /^\d+$/.test(trimmed)) {
    return choices.find((choice) => leadingCount(choice.label) === trimmed);
  }
  return matchTypedChoice(
    trimmed,
    choices.map((choice) => ({ label: choice.label, value: choice })),
  );
}

/**
 * The building blocks every guided conversation uses: asking for text, a choice (buttons or
 * typed number/label), the person's own phone, a unit down the tree. They share the rules of
 * the house: answered questions show the answer and lose their buttons, pickers turn their
 * pages in place, stale buttons are refused, "hủy" stops the task, commands mid-task get a
 * hint, drafts expire with a message, and all side effects go through `conversation.external`.
 *
 * @param prefix short callback-data prefix of the conversation ("ar", "inv", …), listed in
 *   `TASK_BUTTON_PREFIXES`
 * @param busyKey locale key saying what is in progress ("Bạn đang …")
 */
export function createSteps(
  conversation: TaskConversation,
  ctx: Context,
  deps: BotDeps,
  options: {
    prefix: string;
    busyKey: string;
    locale: Locale;
    expiredKey?: string;
    /** Makes button data unique to this run, so buttons of an earlier visit are stale too. */
    session?: string;
  },
) {
  if (!TASK_BUTTON_PREFIXES.includes(options.prefix)) {
    throw new Error(`conversation button prefix "${options.prefix}" is not listed in TASK_BUTTON_PREFIXES`);
  }
  const taskPrefix = options.prefix;
  const t = (key: string, args?: TranslationArgs) => deps.translator.t(options.locale, key, args);
  /** A translation as plain text: for button labels (choices), which are never HTML. */
  const plain = (key: string, args?: TranslationArgs) => deps.translator.plain(options.locale, key, args);
  // Every prompt with buttons gets a number; buttons of earlier prompts are then stale.
  let prompt = 0;
  const session = options.session ? `${options.session}.` : "";
  const dataPattern = new RegExp(`^${options.prefix}:${session.replace(".", "\\.")}(\\d+):(n?)(\\d+)$`);

  /** The next update, unless the draft sat untouched too long. */
  const nextUpdate = async (): Promise<Context> => {
    const before = await conversationNow(conversation, deps);
    const next = await conversation.wait();
    const after = await conversationNow(conversation, deps);
    if (after - before > DRAFT_LIFETIME_MS) {
      await next.reply(t(options.expiredKey ?? "task-expired"), {
        parse_mode: "HTML",
        reply_markup: { remove_keyboard: true },
      });
      // Let the message be handled as if nothing had been in progress.
      await conversation.halt({ next: true });
    }
    return next;
  };

  /** Tells a person who does something else mid-task what is expected. */
  const redirect = async (next: Context, hintKey: string) => {
    if (next.callbackQuery) {
      // Buttons of other features leave the task before it sees them (leave-task.ts): what
      // reaches it is one of its own earlier prompts, or of an earlier task.
      await next.answerCallbackQuery({ text: t("stale-button-alert"), show_alert: true });
      return;
    }
    const text = next.message?.text;
    await next.reply(t(text?.startsWith("/") ? options.busyKey : hintKey));
  };

  /** Stops the task at the person's word: the same as /cancel. */
  const cancelTask = async (): Promise<never> => {
    await conversation.external((outer: BotContext) => confirmCancelled(outer));
    return conversation.halt();
  };

  /**
   * Edits a prompt the bot sent; `false` when that is impossible (too old, deleted, a messenger
   * without edits). Done outside the replay engine: a refused edit must not break the task.
   */
  const editPrompt = (message: PromptMessage, text: string, keyboard?: InlineKeyboard): Promise<boolean> =>
    conversation.external(async (outer: BotContext) => {
      try {
        await outer.api.editMessageText(message.chatId, message.messageId, text, {
          parse_mode: "HTML",
          ...(keyboard ? { reply_markup: keyboard } : {}),
        });
        return true;
      } catch (error) {
        if (error instanceof GrammyError && error.description.includes("message is not modified"))
          return true;
        deps.logger.debug({ err: error }, "could not edit a prompt");
        return false;
      }
    });

  /** The question, its answer shown under it and its buttons gone: it has been answered. */
  // Where messages cannot be edited (Zalo) the person's own reply already shows the answer: an
  // edit there would be one more message of the monthly quota.
  const markAnswered = async (message: PromptMessage, label: string) =>
    CHANNEL_TRAITS[deps.channel].editsMessages
      ? editPrompt(message, `${message.text}\n${t("task-chosen", { choice: label })}`)
      : true;

  /**
   * Shows a question with buttons — a new message, or in place of `replace` (a picker turning
   * a page) — and waits for one of them, tapped or typed. `keepOpen` answers leave the prompt as
   * it is (the caller shows the next page in it); any other answer marks it answered.
   */
  const ask = async <T>(
    text: string,
    choices: Choice<T>[],
    nav: Choice<T>[],
    replace: PromptMessage | null,
    keepOpen: (value: T) => boolean,
  ): Promise<{ value: T; prompt: PromptMessage }> => {
    prompt += 1;
    const id = prompt;
    const numbered = numberedLabels(choices);
    const keyboard = new InlineKeyboard();
    choices.forEach((choice, i) => {
      const label = numbered ? `${i + 1}. ${choice.label}` : choice.label;
      keyboard.text(shortenLabel(label), `${options.prefix}:${session}${id}:${i}`).row();
    });
    nav.forEach((choice, i) => {
      keyboard.text(shortenLabel(choice.label), `${options.prefix}:${session}${id}:n${i}`);
    });
    const shown: PromptMessage =
      replace && (await editPrompt(replace, text, keyboard))
        ? { ...replace, text }
        : await ctx
            .reply(text, { parse_mode: "HTML", reply_markup: keyboard })
            .then((sent) => ({ chatId: sent.chat.id, messageId: sent.message_id, text }));
    const done = async (chosen: Choice<T>) => {
      if (!keepOpen(chosen.value)) await markAnswered(shown, chosen.label);
      return { value: chosen.value, prompt: shown };
    };
    // A wrong answer is replied to and the question waits again from here: the replay log
    // keeps none of the tries (see screen-loop.ts).
    const waiting = conversation.checkpoint();
    const next = await nextUpdate();
    const data = next.callbackQuery?.data;
    const match = data ? dataPattern.exec(data) : null;
    if (match && Number(match[1]) === id) {
      const chosen = match[2] ? nav[Number(match[3])] : choices[Number(match[3])];
      if (chosen) {
        await next.answerCallbackQuery();
        return done(chosen);
      }
    }
    const typed = next.message?.text;
    if (typed && !typed.startsWith("/")) {
      const chosen =
        typedChoice(typed, choices, numbered) ??
        (/^\d+$/.test(typed.trim()) ? undefined : typedChoice(typed, nav, true));
      if (chosen) return done(chosen);
      if (cancelWord(typed)) await cancelTask();
    }
    await redirect(next, "task-use-buttons");
    return conversation.rewind(waiting);
  };

  /** Buttons for the options (numbered, so they can be typed) and for navigation. */
  const choose = async <T>(text: string, choices: Choice<T>[], nav: Choice<T>[]): Promise<T> =>
    (await ask(text, choices, nav, null, () => false)).value;

  /** Free text, validated: `parse` returns the value or `undefined` (then `invalidKey` is said). */
  const askText = async <T>(question: string, parse: (text: string) => T | undefined, invalidKey: string) => {
    await ctx.reply(question, { parse_mode: "HTML", reply_markup: { remove_keyboard: true } });
    // A wrong answer is replied to and the question waits again from here: the replay log
    // keeps none of the tries (see screen-loop.ts).
    const waiting = conversation.checkpoint();
    const next = await nextUpdate();
    const text = next.message?.text;
    if (text === undefined || text.startsWith("/")) {
      await redirect(next, "task-text-expected");
      return conversation.rewind(waiting);
    }
    const stop = cancelWord(text);
    if (stop === "sure") await cancelTask();
    const value = parse(text);
    if (value !== undefined) return value;
    if (stop === "maybe") await cancelTask();
    await next.reply(t(invalidKey));
    return conversation.rewind(waiting);
  };

  /**
   * The person's phone: one tap on "share my number" (verified by the messenger, so it can link
   * the roster entry) or typed (then only self-declared). Someone else's contact is refused.
   */
  const askOwnPhone = async (
    question: string,
    fromId: number,
  ): Promise<{ phone: string; verified: boolean }> => {
    await ctx.reply(question, {
      parse_mode: "HTML",
      reply_markup: new Keyboard().requestContact(t("phone-button")).resized().oneTime(),
    });
    // A wrong answer is replied to and the question waits again from here: the replay log
    // keeps none of the tries (see screen-loop.ts).
    const waiting = conversation.checkpoint();
    const next = await nextUpdate();
    const contact = next.message?.contact;
    const text = next.message?.text;
    let phone: string | null = null;
    let verified = false;
    if (contact) {
      if (contact.user_id !== fromId) {
        await next.reply(t("phone-not-own"));
        return conversation.rewind(waiting);
      }
      phone = normalizePhone(contact.phone_number);
      verified = true;
    } else if (text !== undefined && !text.startsWith("/")) {
      if (cancelWord(text)) await cancelTask();
      phone = normalizePhone(text);
    } else {
      await redirect(next, "phone-invalid");
      return conversation.rewind(waiting);
    }
    if (phone) return { phone, verified };
    await next.reply(t("phone-invalid"));
    return conversation.rewind(waiting);
  };

  /**
   * Walks down the unit tree from `rootId` (or the top) until a unit of one of `targets` is
   * chosen. Units deeper than the targets are not offered. Pages, going down and going back
   * happen in the one message; the chosen unit is shown under the question. `null` = cancelled
   * or nothing to pick.
   */
  const chooseUnit = async (input: {
    rootId: number | null;
    targets: string[];
    question: (current: UnitNode | null) => string;
  }): Promise<UnitNode | null> => {
    const deepest = Math.max(...input.targets.map((level) => LEVEL_RANK[level] ?? 0));
    const root: UnitNode | null = input.rootId
      ? await conversation.external(() => findUnit(deps.db, input.rootId ?? 0))
      : null;
    // Where the picker stands between two taps: kept in the task's memo, not the replay log.
    interface Picker {
      top: UnitNode | null;
      trail: UnitNode[];
      page: number;
      shown: PromptMessage | null;
      notice: string | null;
      prompt: number;
    }
    const first: Picker = { top: root, trail: [], page: 0, shown: null, notice: null, prompt };
    return loopScreens<Picker, UnitNode | null>(conversation, `${taskPrefix}:unit`, first, async (at) => {
      const { trail } = at;
      let { top, page, notice } = at;
      prompt = Math.max(prompt, at.prompt);
      type Step = { pick: UnitNode } | { enter: UnitNode } | "prev" | "next" | "back" | "cancel";
      const choices: Choice<Step>[] = [];
      for (;;) {
        const current: UnitNode | null = trail.at(-1) ?? top;
        const parentId = current?.id ?? null;
        const children: UnitNode[] = await conversation.external(() =>
          listChildUnits(deps.db, parentId).then((rows) =>
            rows
              .filter((row) => (LEVEL_RANK[row.level] ?? 9) <= deepest)
              .map(({ id, name, level, path }) => ({ id, name, level, path })),
          ),
        );
        const only = children[0];
        const canPickCurrent = current !== null && input.targets.includes(current.level);
        if (
          trail.length === 0 &&
          !canPickCurrent &&
          children.length === 1 &&
          only &&
          !input.targets.includes(only.level)
        ) {
          // A single unit to step into (one province): nothing to choose here.
          top = only;
          continue;
        }
        if (current && canPickCurrent) choices.push({ label: current.name, value: { pick: current } });
        for (const child of children) {
          choices.push({
            label: child.name,
            value: input.targets.includes(child.level) ? { pick: child } : { enter: child },
          });
        }
        if (choices.length > 0) break;
        if (trail.length === 0) {
          if (at.shown) await editPrompt(at.shown, `${at.shown.text}\n${t("unit-none")}`);
          else await ctx.reply(t("unit-none"));
          return { done: null };
        }
        // Nothing below this unit: back up one level and say so on the same message.
        trail.pop();
        page = 0;
        notice = t("unit-none");
      }
      const current: UnitNode | null = trail.at(-1) ?? top;
      const pages = Math.ceil(choices.length / UNITS_PER_PAGE);
      page = Math.min(page, pages - 1);
      const visible = choices.slice(page * UNITS_PER_PAGE, (page + 1) * UNITS_PER_PAGE);
      const nav: Choice<Step>[] = [];
      if (page > 0) nav.push({ label: t("button-prev"), value: "prev" });
      if (page < pages - 1) nav.push({ label: t("button-next"), value: "next" });
      if (trail.length > 0) nav.push({ label: t("button-back"), value: "back" });
      nav.push({ label: t("button-cancel"), value: "cancel" });
      const lines = [input.question(current)];
      if (pages > 1) lines.push(t("unit-page", { page: page + 1, pages }));
      if (notice) lines.unshift(notice);
      const answer: { value: Step; prompt: PromptMessage } = await ask<Step>(
        lines.join("\n"),
        visible,
        nav,
        at.shown,
        (step) => (typeof step === "string" ? step !== "cancel" : "enter" in step),
      );
      const step = answer.value;
      if (step === "cancel") return { done: null };
      if (typeof step !== "string" && "pick" in step) return { done: step.pick };
      const next: Picker = { top, trail, page, shown: answer.prompt, notice: null, prompt };
      if (step === "prev") next.page -= 1;
      else if (step === "next") next.page += 1;
      else if (step === "back") {
        next.trail.pop();
        next.page = 0;
      } else {
        next.trail.push(step.enter);
        next.page = 0;
      }
      return { next };
    });
  };

  /**
   * Typed input checked by `parse` (each refusal says its own reason, and nothing is lost: the
   * question stays open), with optional buttons for answers that are not typed ("Không giới
   * hạn", "Bỏ qua") and, where the messenger has them, a shared location or a photo/document.
   */
  const askInput = async <T, C = never>(
    question: string,
    parse: (text: string) => { ok: true; value: T } | { ok: false; error: string },
    input: { nav?: Choice<C>[]; acceptLocation?: boolean; acceptFile?: boolean } = {},
  ): Promise<
    | { kind: "value"; value: T }
    | { kind: "choice"; choice: C }
    | { kind: "location"; latitude: number; longitude: number }
    | { kind: "file"; method: "sendPhoto" | "sendDocument"; fileId: string; name?: string; caption: string }
  > => {
    const nav = input.nav ?? [];
    prompt += 1;
    const id = prompt;
    const keyboard = new InlineKeyboard();
    // "nav" in the data: beside a question wanting typed text these buttons are not numbered on
    // messengers without buttons, so a typed number stays an answer (see zalo/typed-menu.ts).
    const navData = (i: number) => `${options.prefix}:${session}${id}:nav:${i}`;
    nav.forEach((choice, i) => {
      keyboard.text(shortenLabel(choice.label), navData(i));
    });
    const sent = await ctx.reply(question, {
      parse_mode: "HTML",
      reply_markup: nav.length > 0 ? keyboard : { remove_keyboard: true },
    });
    const shown: PromptMessage = { chatId: sent.chat.id, messageId: sent.message_id, text: question };
    // A wrong answer is replied to and the question waits again from here: the replay log
    // keeps none of the tries (see screen-loop.ts).
    const waiting = conversation.checkpoint();
    const next = await nextUpdate();
    const data = next.callbackQuery?.data;
    const tapped = nav.find((_, i) => data === navData(i));
    if (tapped) {
      await next.answerCallbackQuery();
      await markAnswered(shown, tapped.label);
      return { kind: "choice", choice: tapped.value };
    }
    const location = next.message?.location;
    if (location && input.acceptLocation) {
      return { kind: "location", latitude: location.latitude, longitude: location.longitude };
    }
    const message = next.message;
    if (input.acceptFile && (message?.photo || message?.document)) {
      const photo = message.photo?.at(-1);
      const caption = message.caption ?? "";
      if (photo) return { kind: "file", method: "sendPhoto", fileId: photo.file_id, caption };
      if (message.document) {
        return {
          kind: "file",
          method: "sendDocument",
          fileId: message.document.file_id,
          ...(message.document.file_name ? { name: message.document.file_name } : {}),
          caption,
        };
      }
    }
    const text = message?.text;
    if (text === undefined || text.startsWith("/")) {
      await redirect(next, "task-text-expected");
      return conversation.rewind(waiting);
    }
    const stop = cancelWord(text);
    if (stop === "sure") await cancelTask();
    const typedNav = /^\d+$/.test(text.trim()) ? undefined : typedChoice(text, nav, true);
    if (typedNav) return { kind: "choice", choice: typedNav.value };
    const parsed = parse(text);
    if (parsed.ok) return { kind: "value", value: parsed.value };
    if (stop === "maybe") await cancelTask();
    await next.reply(parsed.error, { parse_mode: "HTML" });
    return conversation.rewind(waiting);
  };

  /**
   * Several of a list, ticked one by one (tapped or typed) in one message, a page of eight at a
   * time, then "Xong". The chosen ones are named in the text too, so a messenger that shows no
   * edited buttons (Zalo shows each change as a new message) still says what is ticked.
   * `null` = cancelled.
   */
  const chooseMany = async <T>(
    question: string,
    choices: Choice<T>[],
    options: { doneLabel: string; noneKey: string; initial?: readonly number[] },
  ): Promise<T[] | null> => {
    const pages = Math.max(1, Math.ceil(choices.length / UNITS_PER_PAGE));
    type Step = number | "done" | "cancel" | "prev" | "next";
    // Where the list stands between two taps: kept in the task's memo, not the replay log.
    interface Ticks {
      selected: number[];
      page: number;
      shown: PromptMessage | null;
      notice: string | null;
      prompt: number;
    }
    const initial: Ticks = {
      selected: [...(options.initial ?? [])],
      page: 0,
      shown: null,
      notice: null,
      prompt,
    };
    return loopScreens<Ticks, T[] | null>(conversation, `${taskPrefix}:many`, initial, async (at) => {
      prompt = Math.max(prompt, at.prompt);
      const { page, notice } = at;
      const selected = new Set<number>(at.selected);
      const picked = [...selected].sort((a, b) => a - b);
      const lines = [question];
      if (pages > 1) lines.push(t("unit-page", { page: page + 1, pages }));
      if (picked.length > 0) {
        lines.push(t("task-selected", { list: picked.map((i) => choices[i]?.label ?? "").join(", ") }));
      }
      if (notice) lines.push(notice);
      const first = page * UNITS_PER_PAGE;
      const nav: Choice<Step>[] = [];
      if (page > 0) nav.push({ label: t("button-prev"), value: "prev" });
      if (page < pages - 1) nav.push({ label: t("button-next"), value: "next" });
      nav.push({ label: options.doneLabel, value: "done" }, { label: t("button-cancel"), value: "cancel" });
      const answer: { value: Step; prompt: PromptMessage } = await ask<Step>(
        lines.join("\n"),
        choices.slice(first, first + UNITS_PER_PAGE).map((choice, i) => ({
          label: `${selected.has(first + i) ? "✅ " : ""}${choice.label}`,
          value: first + i,
        })),
        nav,
        at.shown,
        (step) => step !== "cancel" && (step !== "done" || selected.size === 0),
      );
      const step = answer.value;
      if (step === "cancel") return { done: null };
      const next: Ticks = { selected: picked, page, shown: answer.prompt, notice: null, prompt };
      if (step === "prev") next.page -= 1;
      else if (step === "next") next.page += 1;
      else if (step === "done") {
        if (selected.size > 0) return { done: picked.map((i) => choices[i]?.value as T) };
        next.notice = t(options.noneKey);
      } else if (selected.has(step)) next.selected = picked.filter((i) => i !== step);
      else next.selected = [...picked, step].sort((a, b) => a - b);
      return { next };
    });
  };

  const roleChoices = (roles: readonly Role[]) =>
    roles.map((role) => ({ label: t(`role-${role}`), value: role }));

  return {
    t,
    plain,
    nextUpdate,
    redirect,
    choose,
    askText,
    askInput,
    chooseMany,
    askOwnPhone,
    chooseUnit,
    roleChoices,
  };
}

/** Reads what a conversation needs from the outside context, once (recorded for replays). */
export function captureStart(conversation: TaskConversation): Promise<TaskStart> {
  return conversation.external((outer: BotContext) => ({
    locale: outer.locale,
    accountId: outer.identity.accountId,
    fromId: outer.from?.id ?? 0,
    personId: outer.identity.person?.id ?? null,
  }));
}

/** Collapses spaces; accepts letters (any script), spaces, dots, apostrophes and hyphens. */
export function normalizeName(text: string): string | undefined {
  const name = text.normalize("NFC").replace(/\s+/g, " ").trim();
  if (name.length < 2 || name.length > 80) return undefined;
  return /^\p{L}[\p{L}\p{M} .'-]*$/u.test(name) ? name : undefined;
}
