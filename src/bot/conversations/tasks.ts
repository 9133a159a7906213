import { CHANNELS, type Channel } from "../../domain/roles.js";

/**
 * The guided conversations ("tasks") of the bot, by conversation id: how to name each one to
 * the person, what to say when another feature takes over, and the callback-data prefixes
 * their buttons carry. One table, so that /help, leaving a task and recognising a task's own
 * buttons agree.
 */
export interface TaskInfo {
  /** Locale key naming the task in a sentence ("xin quyền truy cập"). */
  nameKey: string;
  /**
   * What leaving it for another feature means for what was typed so far:
   * `kept` (saved as it went, e.g. a report draft), `dropped` (nothing is stored until the
   * end, e.g. an access request), `done` (each step took effect on its own).
   */
  onLeave: "kept" | "dropped" | "done";
}

export const TASKS: Record<string, TaskInfo> = {
  accessRequest: { nameKey: "ar-task", onLeave: "dropped" },
  createInvite: { nameKey: "inv-task", onLeave: "dropped" },
  acceptInvite: { nameKey: "ia-task", onLeave: "dropped" },
  managePeople: { nameKey: "pm-task", onLeave: "done" },
  activateAccount: { nameKey: "act-task", onLeave: "dropped" },
  issueCodes: { nameKey: "ac-task", onLeave: "dropped" },
  rosterImport: { nameKey: "imp-task", onLeave: "dropped" },
  undoBatches: { nameKey: "undo-task", onLeave: "dropped" },
  decideAccess: { nameKey: "acc-head-task", onLeave: "dropped" },
  faqFeedback: { nameKey: "faq-feedback-task", onLeave: "done" },
  answerTicket: { nameKey: "tk-task", onLeave: "dropped" },
  reviewEntry: { nameKey: "rve-task", onLeave: "dropped" },
  fillReport: { nameKey: "rp-task", onLeave: "kept" },
  discardDraft: { nameKey: "rp-discard-task", onLeave: "kept" },
  returnReport: { nameKey: "task-return-report", onLeave: "dropped" },
  courseDeclineReason: { nameKey: "cra-reason-task", onLeave: "done" },
  courseQuestion: { nameKey: "cra-question-task", onLeave: "dropped" },
  createCourse: { nameKey: "course-task", onLeave: "dropped" },
  editCourse: { nameKey: "course-edit-task", onLeave: "dropped" },
  cancelCourse: { nameKey: "course-cancel-task", onLeave: "dropped" },
  sendAnnouncement: { nameKey: "ann-task", onLeave: "dropped" },
  subscribeSummary: { nameKey: "sms-task", onLeave: "dropped" },
};

/**
 * Callback-data prefixes of conversation buttons (`createSteps({ prefix })`). A button with one
 * of these belongs to a task — the open one, or an earlier one and then it is stale — never to
 * "another feature".
 */
export const TASK_BUTTON_PREFIXES: readonly string[] = [
  "ar",
  "inv",
  "ia",
  "pm",
  "act",
  "acg",
  "fbc",
  "tka",
  "rve",
  "rpf",
  "rpr",
  "rpd",
  "imp",
  "undo",
  "ahd",
  "crr",
  "crq",
  "crs",
  "crd",
  "crz",
  "ann",
  "sma",
];

/** Locale key of the one line saying that the open task was left for something else. */
export function leftTaskKey(id: string): string {
  const onLeave = TASKS[id]?.onLeave ?? "done";
  return onLeave === "kept" ? "task-left-kept" : onLeave === "dropped" ? "task-left-dropped" : "task-left";
}

export function taskNameKey(id: string): string {
  return TASKS[id]?.nameKey ?? "task-unnamed";
}

/**
 * Key of a chat's conversation state in storage. Chat ids are unique only within a messenger
 * (Zalo's are integers the adapter maps), so other channels' keys carry their name; the first
 * channel keeps the keys it had before there were two, so tasks in progress survive.
 */
export function conversationKey(channel: Channel, chatId: number | string): string {
  return channel === CHANNELS[0] ? `conv:${chatId}` : `conv:${channel}:${chatId}`;
}
