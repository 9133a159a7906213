import { foldText, matchTypedChoice } from "../../shared/fold.js";

/** One button of a keyboard, as Zalo people choose it: by its number or its label. */
export interface MenuOption {
  /** The number shown before it; none for navigation ("◀ Quay lại"), chosen by label only. */
  number?: number;
  label: string;
  /** Inline button: the callback data the bot gets. Reply-keyboard button: sent as its label. */
  callbackData?: string;
}

/** The chat's current menu: what a typed number or label means now. */
export interface TypedMenu {
  /** The bot's message (its integer id) the buttons belonged to. */
  messageId: number;
  /** Its date (seconds) and plain text, for the callback query's `message`. */
  date: number;
  text: string;
  kind: "inline" | "reply";
  options: MenuOption[];
  oneTime?: boolean;
}

/** What a keyboard turns into on Zalo: choices, lines for the buttons that are not choices. */
export interface RenderedKeyboard {
  kind: "inline" | "reply";
  options: MenuOption[];
  /** URL buttons ("label: url"), and what to type instead of a contact or location button. */
  notes: ("contact" | "location" | { label: string; url: string })[];
  oneTime: boolean;
}

interface AnyButton {
  text?: string;
  callback_data?: string;
  url?: string;
  request_contact?: boolean;
  request_location?: boolean;
}

/** "1. Tiến độ…": a label the bot numbered itself (the choices of a question, not its navigation). */
const OWN_NUMBER = /^\s*(\d{1,3})\.\s+/;

/**
 * Reads a Bot API `reply_markup`. Buttons the bot numbered itself keep their numbers and the
 * others (◀ Quay lại, ⏭ Bỏ qua…) are chosen by label only; otherwise every button is numbered
 * in order — except navigation whose callback data has a `nav` part (`rp:7:nav:skip`): a
 * keyboard of navigation only stands beside a question that wants typed text or numbers, so a
 * typed number there is an answer, never a button. `"remove"` for `remove_keyboard`.
 */
export function readKeyboard(markup: unknown): RenderedKeyboard | "remove" | undefined {
  if (!markup || typeof markup !== "object") return undefined;
  const value = markup as {
    inline_keyboard?: AnyButton[][];
    keyboard?: (AnyButton | string)[][];
    remove_keyboard?: boolean;
    one_time_keyboard?: boolean;
  };
  if (value.remove_keyboard) return "remove";
  const kind = value.inline_keyboard ? "inline" : value.keyboard ? "reply" : undefined;
  if (!kind) return undefined;
  const rows = (value.inline_keyboard ?? value.keyboard ?? []) as (AnyButton | string)[][];
  const buttons = rows.flat().map((button) => (typeof button === "string" ? { text: button } : button));
  const notes: RenderedKeyboard["notes"] = [];
  const choices: AnyButton[] = [];
  for (const button of buttons) {
    if (button.url) notes.push({ label: button.text ?? "", url: button.url });
    else if (button.request_contact) notes.push("contact");
    else if (button.request_location) notes.push("location");
    else if (kind === "reply" || button.callback_data !== undefined) choices.push(button);
  }
  const ownNumbers = choices.some((button) => OWN_NUMBER.test(button.text ?? ""));
  const isNav = (button: AnyButton) => (button.callback_data ?? "").split(":").includes("nav");
  let next = 1;
  const options = choices.map((button): MenuOption => {
    const label = button.text ?? "";
    const own = OWN_NUMBER.exec(label);
    const number = ownNumbers ? (own ? Number(own[1]) : undefined) : isNav(button) ? undefined : next++;
    return {
      label,
      ...(number === undefined ? {} : { number }),
      ...(kind === "inline" && button.callback_data !== undefined
        ? { callbackData: button.callback_data }
        : {}),
    };
  });
  return { kind, options, notes, oneTime: value.one_time_keyboard === true };
}

/** The texts the menu lines need, in the person's language. */
export interface MenuTexts {
  /** "Trả lời bằng số (hoặc gõ tên lựa chọn)." */
  hint: string;
  /** "Hoặc gõ: ◀ Quay lại · ⏭ Bỏ qua" */
  alsoType(labels: string): string;
  contact: string;
  location: string;
}

/**
 * The keyboard as lines under the text: "1. …" per numbered choice (a label the bot numbered
 * is shown as it is), the label-only buttons on one line, URL buttons as "label: url", what
 * to type for contact/location buttons, and the hint when there are numbers.
 */
export function renderMenu(keyboard: Pick<RenderedKeyboard, "options" | "notes">, texts: MenuTexts): string {
  const lines: string[] = [];
  for (const option of keyboard.options) {
    if (option.number === undefined) continue;
    lines.push(OWN_NUMBER.test(option.label) ? option.label.trim() : `${option.number}. ${option.label}`);
  }
  const byLabel = keyboard.options.filter((option) => option.number === undefined).map((o) => o.label);
  if (byLabel.length > 0) lines.push(texts.alsoType(byLabel.join(" · ")));
  for (const note of keyboard.notes) {
    if (note === "contact") lines.push(texts.contact);
    else if (note === "location") lines.push(texts.location);
    else lines.push(`${note.label}: ${note.url}`);
  }
  if (keyboard.options.some((option) => option.number !== undefined)) lines.push(texts.hint);
  return lines.join("\n");
}

export type MenuReply =
  | { kind: "option"; option: MenuOption }
  | { kind: "unknown_number"; number: number }
  | { kind: "text" };

/**
 * What a typed reply means for the chat's current menu: the number of a choice, a label
 * exactly as written (an OA button's tap sends it back, "1. ✅ Gửi báo cáo" included) or with
 * case, diacritics, emoji and a bracketed remark aside, or a unique beginning of one label
 * (at least three letters); a number the menu does not show is `unknown_number`. Anything
 * else is text for the bot — a question, a command, an answer. A number when no choice is
 * numbered (no menu, or only navigation beside a question) is an answer, so it is text too.
 */
export function matchMenuReply(typed: string, menu: TypedMenu | undefined): MenuReply {
  const trimmed = typed.trim();
  if (!menu || trimmed.startsWith("/")) return { kind: "text" };
  const numbered = menu.options.filter((option) => option.number !== undefined);
  if (/^\d{1,3}$/.test(trimmed)) {
    if (numbered.length === 0) return { kind: "text" };
    const option = numbered.find((o) => o.number === Number(trimmed));
    return option ? { kind: "option", option } : { kind: "unknown_number", number: Number(trimmed) };
  }
  // "2." or "2)" typed as shown.
  const shownNumber = /^(\d{1,3})\s*[.)]$/.exec(trimmed);
  if (shownNumber && numbered.length > 0) {
    const option = numbered.find((o) => o.number === Number(shownNumber[1]));
    return option ? { kind: "option", option } : { kind: "unknown_number", number: Number(shownNumber[1]) };
  }
  // A label exactly as the bot wrote it, its own number and all: an OA button's tap.
  const exact = menu.options.find((option) => option.label.trim() === trimmed);
  if (exact) return { kind: "option", option: exact };
  const byLabel = matchTypedChoice(
    trimmed,
    menu.options.map((option) => ({ label: option.label.replace(OWN_NUMBER, ""), value: option })),
  );
  if (byLabel) return { kind: "option", option: byLabel };
  const folded = foldText(trimmed);
  if (folded.length >= 3) {
    const starting = menu.options.filter((option) =>
      foldText(option.label.replace(OWN_NUMBER, "")).startsWith(folded),
    );
    if (starting.length === 1 && starting[0]) return { kind: "option", option: starting[0] };
  }
  return { kind: "text" };
}

/**
 * A chat's menus, as Telegram shows them at once: the most recent inline keyboard (on a
 * message) and the reply keyboard (under the text box) — each replaced by the next of its kind
 * and removed as on Telegram (`remove_keyboard` removes only the reply keyboard). `seq` says
 * which came last.
 */
export interface MenuState {
  inline?: TypedMenu & { seq: number };
  reply?: TypedMenu & { seq: number };
  seq: number;
  /**
   * When the bot last removed the reply keyboard: it asks for typed input, so until the next
   * menu a number is an answer (the older inline menu is still chosen by label).
   */
  answerSeq?: number;
}

export function readMenuState(json: string | null | undefined): MenuState {
  if (!json) return { seq: 0 };
  const parsed = JSON.parse(json) as MenuState;
  return typeof parsed.seq === "number" ? parsed : { seq: 0 };
}

/** The state with `menu` as the newest of its kind. */
export function withMenu(state: MenuState, menu: TypedMenu): MenuState {
  const seq = state.seq + 1;
  return { ...state, seq, [menu.kind]: { ...menu, seq } };
}

/** The state without the reply keyboard (`"reply"`) or without the inline menu of these messages. */
export function withoutMenu(state: MenuState, what: "reply" | number[]): MenuState {
  if (what === "reply") {
    const { reply: _reply, ...rest } = state;
    return { ...rest, seq: state.seq + 1, answerSeq: state.seq + 1 };
  }
  if (state.inline && what.includes(state.inline.messageId)) {
    const { inline: _inline, ...rest } = state;
    return rest;
  }
  return state;
}

export type MenusReply =
  | { kind: "option"; option: MenuOption; menu: TypedMenu }
  | { kind: "unknown_number"; number: number; menu: TypedMenu }
  | { kind: "text" };

/**
 * A typed reply against the chat's menus, newest first: the newest decides whether a number is
 * a choice at all (beside a question wanting a number it is the answer); a number or label the
 * newest lacks may still be the other menu's, which is on the person's screen too.
 */
export function matchMenus(typed: string, state: MenuState): MenusReply {
  const menus = [state.inline, state.reply]
    .filter((menu): menu is TypedMenu & { seq: number } => menu !== undefined)
    .sort((a, b) => b.seq - a.seq);
  const newest = menus[0];
  if (!newest) return { kind: "text" };
  const isNumber = /^\d{1,3}[.)]?$/.test(typed.trim());
  if (isNumber && (state.answerSeq ?? 0) > newest.seq) return { kind: "text" };
  let unknown: { number: number; menu: TypedMenu } | undefined;
  for (const menu of menus) {
    const reply = matchMenuReply(typed, menu);
    if (reply.kind === "option") return { ...reply, menu };
    if (menu === newest && reply.kind === "text" && isNumber) return { kind: "text" };
    if (reply.kind === "unknown_number") unknown ??= { number: reply.number, menu };
  }
  return unknown ? { kind: "unknown_number", ...unknown } : { kind: "text" };
}
