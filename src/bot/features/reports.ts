import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard, InputFile } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import type { FormDefinition } from "../../domain/reports/form-definition.js";
import { type Answers, summaryLabel, summaryLines, urgentFields } from "../../domain/reports/form-engine.js";
import { loadOwnReport } from "../../domain/reports/load-own-report.js";
import { loadReportForReview } from "../../domain/reports/load-report-for-review.js";
import { nudgeMissingReporters } from "../../domain/reports/nudge-missing-reporters.js";
import { periodAt, previousPeriod, type ReportPeriod } from "../../domain/reports/periods.js";
import { isOpenReportStatus, ReportStatus } from "../../domain/reports/report-enums.js";
import {
  findOpenDrafts,
  findSubmitted,
  listMyReports,
  type StoredForm,
  startDraft,
} from "../../domain/reports/report-store.js";
import {
  exportReports,
  listReportsInScope,
  reportingStatus,
  returnForCorrection,
} from "../../domain/reports/review.js";
import { formatReportingStatus, reporterName } from "../../domain/reports/status-message.js";
import { foldText } from "../../shared/fold.js";
import { escapeHtml, html } from "../../shared/html.js";
import { shortenLabel } from "../../shared/text.js";
import { formatDate } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";
import { DISCARD_DRAFT_ID, FILL_REPORT_ID } from "./report-form.js";

export const RETURN_REPORT_ID = "returnReport";
/** Typed to stop asking for a correction, where free text is expected. */
const CANCEL_WORDS = new Set(["huy", "cancel"]);
const CANCELLED = "::cancel";
const PAGE_SIZE = 8;
/** Longest button label in the report screens (longer ones end in "…"). */
const LABEL_MAX = 60;

const STATUS_KEYS: Record<ReportStatus, string> = {
  draft: "rp-status-draft",
  submitted: "rp-status-submitted",
  returned: "rp-status-returned",
  accepted: "rp-status-accepted",
};

/** Forms this person reports on (role and the level of their unit). */
async function formsFor(ctx: BotContext): Promise<StoredForm[]> {
  const person = ctx.identity.person;
  if (!person) return [];
  return (await ctx.deps.forms.latest()).filter(
    (form) =>
      (form.definition.audience.roles as string[]).includes(person.role) &&
      (form.definition.audience.unitLevels as string[]).includes(person.unitLevel),
  );
}

/**
 * Field reports: hamlet heads start or continue a report ("📝 Gửi báo cáo", /baocao) and see
 * their own ("🗂 Báo cáo của tôi"); commune officers and those above see who has reported,
 * nudge the missing ones, open reports, send one back for correction, and export to Excel.
 */
export function reportsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("baocao", (ctx) => openReports(ctx));
  feature.callbackQuery(/^rp:new:([a-z0-9-]{1,30})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await startNewReport(ctx, ctx.match[1] ?? "");
  });
  feature.callbackQuery(/^rp:(res|fix):(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const report = person ? await loadOwnReport(ctx.deps.db, person.id, Number(ctx.match[2])) : null;
    if (!report || !isOpenReportStatus(report.status)) {
      await ctx.answerCallbackQuery({ text: ctx.t("rp-nothing-to-continue"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(FILL_REPORT_ID, report.id);
  });
  // "🗑 Bỏ nháp" asks before anything is deleted.
  feature.callbackQuery(/^rp:dis:(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const id = Number(ctx.match[1]);
    const report = person ? await loadOwnReport(ctx.deps.db, person.id, id) : null;
    if (report?.status !== ReportStatus.draft) {
      await ctx.answerCallbackQuery({ text: ctx.t("rp-nothing-to-continue"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(DISCARD_DRAFT_ID, id);
  });

  // Officers.
  feature.callbackQuery(/^rp:st:([a-z0-9-]{1,30}):(\d{1,2})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showStatus(ctx, ctx.match[1] ?? "", Number(ctx.match[2]));
  });
  feature.callbackQuery(/^rp:ng:([a-z0-9-]{1,30}):(\d{1,2})$/, async (ctx) => {
    const person = ctx.identity.person;
    const found = await findPeriod(ctx, ctx.match[1] ?? "", Number(ctx.match[2]));
    const result =
      person && found
        ? await nudgeMissingReporters(ctx.deps.db, ctx.deps.clock, ctx.deps.translator, person.id, {
            form: found.form.definition,
            period: found.period,
            timeZone: ctx.deps.timeZone,
          })
        : null;
    if (!found || !result?.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    // Who was reminded, who had been already today, and whom to call: the bot cannot reach them.
    const lines = [
      result.reminded > 0
        ? ctx.t("rp-nudged", { count: result.reminded })
        : result.alreadyReminded > 0
          ? ctx.t("rp-nudged-already", { count: result.alreadyReminded })
          : ctx.t("rp-nudged-nobody"),
    ];
    if (result.reminded > 0 && result.alreadyReminded > 0)
      lines.push(ctx.t("rp-nudged-also-already", { count: result.alreadyReminded }));
    if (result.unreachable.length > 0) {
      lines.push(
        ctx.t("rp-nudge-call", { count: result.unreachable.length }),
        ...result.unreachable.map(
          (person) => html`• ${person.unitName} — ${reporterName(ctx.t, person)}`.value,
        ),
      );
    }
    await ctx.reply(lines.join("\n"), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(ctx.t("rp-button-open-status"), `rp:st:${found.form.definition.key}:${ctx.match[2]}`)
        .row()
        .text(ctx.t("button-menu"), "m:home"),
    });
  });
  feature.callbackQuery(/^rp:ls:([a-z0-9-]{1,30}):(\d{1,2}):(\d{1,3})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showReportList(ctx, ctx.match[1] ?? "", Number(ctx.match[2]), Number(ctx.match[3]));
  });
  feature.callbackQuery(/^rp:vw:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showReport(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^rp:rt:(\d{1,9})$/, async (ctx) => {
    const allowed = await mayReview(ctx, Number(ctx.match[1]));
    if (!allowed.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(RETURN_REPORT_ID, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^rp:xl:([a-z0-9-]{1,30}):(\d{1,2})$/, async (ctx) => {
    const person = ctx.identity.person;
    const found = await findPeriod(ctx, ctx.match[1] ?? "", Number(ctx.match[2]));
    if (!person || !found) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    const exported = await exportReports(ctx.deps.db, ctx.deps.clock, person.id, {
      form: found.form.definition,
      periodKey: found.period.key,
      periodLabel: found.period.label,
      timeZone: ctx.deps.timeZone,
    });
    if (!exported.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.replyWithDocument(new InputFile(exported.data, exported.fileName), {
      caption: ctx.t("rp-exported", { count: exported.rows, period: found.period.label }),
    });
  });

  return feature;
}

export function reportConversations(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation(buildReturnReport(deps), { id: RETURN_REPORT_ID }));
  return composer;
}

/** "📝 Gửi báo cáo" / /baocao: continue an unfinished report, or pick a form. */
export async function openReports(ctx: BotContext): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "report.submit")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const drafts = await findOpenDrafts(ctx.deps.db, person.id);
  const keyboard = new InlineKeyboard();
  const lines: string[] = [];
  for (const draft of drafts.slice(0, 3)) {
    const returned = draft.status === ReportStatus.returned;
    lines.push(ctx.t(returned ? "rp-open-returned" : "rp-open-draft", { form: draft.title }));
    keyboard.text(
      ctx.t(returned ? "rp-button-fix" : "rp-button-continue"),
      `rp:${returned ? "fix" : "res"}:${draft.id}`,
    );
    if (!returned) keyboard.text(ctx.t("rp-button-discard"), `rp:dis:${draft.id}`);
    keyboard.row();
  }
  const forms = await formsFor(ctx);
  const now = ctx.deps.clock.now();
  for (const form of forms) {
    if (drafts.some((d) => d.formKey === form.definition.key)) continue;
    const period = periodAt(form.definition.period, now, ctx.deps.timeZone);
    if (period && period.key !== "adhoc") {
      const sent = await findSubmitted(ctx.deps.db, form.definition.key, period.key, person.unitId);
      if (sent) {
        lines.push(
          ctx.t("rp-open-sent", {
            form: form.definition.title,
            period: period.label,
          }),
        );
        continue;
      }
    }
    keyboard.text(`📝 ${form.definition.title}`, `rp:new:${form.definition.key}`).row();
  }
  keyboard.text(ctx.t("menu-my-reports"), "m:myrp").row().text(ctx.t("button-menu"), "m:home");
  const head = forms.length === 0 ? ctx.t("rp-no-forms") : ctx.t("rp-choose-form");
  await respond(ctx, [head, ...lines].join("\n\n"), keyboard);
}

async function startNewReport(ctx: BotContext, formKey: string): Promise<void> {
  const person = ctx.identity.person;
  const form = (await formsFor(ctx)).find((f) => f.definition.key === formKey);
  if (!person || !form) {
    await ctx.reply(ctx.t("not-allowed"));
    return;
  }
  const now = ctx.deps.clock.now();
  const period = periodAt(form.definition.period, now, ctx.deps.timeZone);
  if (!period) {
    await ctx.reply(ctx.t("rp-out-of-season", { form: form.definition.title }), {
      parse_mode: "HTML",
      reply_markup: homeKeyboard(ctx.t),
    });
    return;
  }
  const started = await startDraft(ctx.deps.db, ctx.deps.clock, {
    personId: person.id,
    form,
    periodKey: period.key === "adhoc" ? `adhoc-${now.getTime()}` : period.key,
  });
  if (!started.ok && started.reason === "not_allowed") {
    await ctx.reply(ctx.t("not-allowed"), { reply_markup: homeKeyboard(ctx.t) });
    return;
  }
  if (!started.ok) {
    await ctx.reply(
      ctx.t("rp-already-submitted", {
        form: form.definition.title,
        period: period.label,
      }),
      {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("menu-my-reports"), "m:myrp")
          .row()
          .text(ctx.t("button-menu"), "m:home"),
      },
    );
    return;
  }
  await ctx.conversation.enter(FILL_REPORT_ID, started.draft.id);
}

/** "🗂 Báo cáo của tôi". */
export async function showMyReports(ctx: BotContext): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "report.submit")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const reports = await listMyReports(ctx.deps.db, person.id);
  const keyboard = new InlineKeyboard();
  const periodLabels = new Map<number, string>();
  for (const report of reports) {
    const stored = await ctx.deps.forms.byId(report.formId);
    const period = stored ? periodAt(stored.definition.period, report.createdAt, ctx.deps.timeZone) : null;
    const when = formatDate(report.updatedAt, ctx.locale, ctx.deps.timeZone);
    periodLabels.set(report.id, !period || period.key === "adhoc" ? when : period.label);
  }
  const lines = reports.map((report) => {
    if (report.status === ReportStatus.draft)
      keyboard.text(shortenLabel(`▶️ ${report.title}`, LABEL_MAX), `rp:res:${report.id}`).row();
    if (report.status === ReportStatus.returned)
      keyboard.text(shortenLabel(`✏️ ${report.title}`, LABEL_MAX), `rp:fix:${report.id}`).row();
    const period = periodLabels.get(report.id) ?? "";
    return `• ${escapeHtml(report.title)} — ${escapeHtml(period)}: ${ctx.t(STATUS_KEYS[report.status])}`;
  });
  keyboard.text(ctx.t("menu-reports"), "m:rp").row().text(ctx.t("button-menu"), "m:home");
  await respond(
    ctx,
    reports.length === 0 ? ctx.t("rp-mine-empty") : [ctx.t("rp-mine-title"), ...lines].join("\n"),
    keyboard,
  );
}

/** "📊 Tình hình báo cáo": pick a form (officers). */
export async function showReportForms(ctx: BotContext): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "report.review")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const form of await ctx.deps.forms.latest())
    keyboard.text(form.definition.title, `rp:st:${form.definition.key}:0`).row();
  keyboard.text(ctx.t("button-menu"), "m:home");
  await respond(ctx, ctx.t("rp-status-choose"), keyboard);
}

/** The form and its period `offset` periods back (0 = current); seasonal forms fall back to the last season. */
async function findPeriod(
  ctx: BotContext,
  formKey: string,
  offset: number,
): Promise<{ form: StoredForm; period: ReportPeriod } | null> {
  const form = await ctx.deps.forms.byKey(formKey);
  if (!form) return null;
  const spec = form.definition.period;
  let period = periodAt(spec, ctx.deps.clock.now(), ctx.deps.timeZone);
  if (!period && spec.type === "review_season") {
    const now = ctx.deps.clock.now();
    period = periodAt(spec, new Date(Date.UTC(now.getUTCFullYear() - 1, 10, 1)), ctx.deps.timeZone);
  }
  for (let i = 0; i < offset && period; i++) period = previousPeriod(spec, period, ctx.deps.timeZone);
  return period ? { form, period } : null;
}

async function showStatus(ctx: BotContext, formKey: string, offset: number): Promise<void> {
  const person = ctx.identity.person;
  const found = await findPeriod(ctx, formKey, offset);
  if (!person || !canPerform(person, "report.review") || !found) {
    await respond(ctx, ctx.t(found ? "not-allowed" : "rp-no-period"), homeKeyboard(ctx.t));
    return;
  }
  const { form, period } = found;
  const keyboard = new InlineKeyboard();
  if (period.key === "adhoc") {
    keyboard.text(ctx.t("rp-button-list"), `rp:ls:${formKey}:0:0`).row().text(ctx.t("button-menu"), "m:home");
    await respond(ctx, ctx.t("rp-adhoc-status", { form: form.definition.title }), keyboard);
    return;
  }
  const reporting = await reportingStatus(ctx.deps.db, person.id, form.definition, period.key);
  if (!reporting.ok) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const status = reporting.status;
  const { text, missing } = formatReportingStatus(ctx.t, {
    form: form.definition,
    period,
    status,
    withParent: person.unitLevel !== "commune",
    locale: ctx.locale,
    timeZone: ctx.deps.timeZone,
  });
  if (missing > 0) keyboard.text(ctx.t("rp-button-nudge"), `rp:ng:${formKey}:${offset}`).row();
  if (status.reported > 0) {
    keyboard
      .text(ctx.t("rp-button-list"), `rp:ls:${formKey}:${offset}:0`)
      .text(ctx.t("rp-button-export"), `rp:xl:${formKey}:${offset}`)
      .row();
  }
  if (offset < 12) keyboard.text(ctx.t("rp-button-previous-period"), `rp:st:${formKey}:${offset + 1}`);
  if (offset > 0) keyboard.text(ctx.t("rp-button-current-period"), `rp:st:${formKey}:0`);
  keyboard.row().text(ctx.t("button-menu"), "m:home");
  await respond(ctx, text, keyboard);
}

async function showReportList(ctx: BotContext, formKey: string, offset: number, page: number): Promise<void> {
  const person = ctx.identity.person;
  const found = await findPeriod(ctx, formKey, offset);
  if (!person || !canPerform(person, "report.review") || !found) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const listed = await listReportsInScope(ctx.deps.db, person.id, formKey, found.period.key);
  if (!listed.ok) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const all = listed.reports;
  const keyboard = new InlineKeyboard();
  for (const report of all.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
    const mark = report.status === ReportStatus.returned ? "✏️" : "✅";
    keyboard
      .text(
        shortenLabel(`${mark} ${report.unitName} · ${report.authorName}`, LABEL_MAX),
        `rp:vw:${report.id}`,
      )
      .row();
  }
  if (page > 0) keyboard.text(ctx.t("button-prev"), `rp:ls:${formKey}:${offset}:${page - 1}`);
  if ((page + 1) * PAGE_SIZE < all.length)
    keyboard.text(ctx.t("button-next"), `rp:ls:${formKey}:${offset}:${page + 1}`);
  keyboard
    .row()
    .text(ctx.t("button-back"), `rp:st:${formKey}:${offset}`)
    .text(ctx.t("button-menu"), "m:home");
  await respond(
    ctx,
    all.length === 0
      ? ctx.t("rp-list-empty", { form: found.form.definition.title })
      : ctx.t("rp-list-title", { form: found.form.definition.title, count: all.length }),
    keyboard,
  );
}

/** The report, when the person may review it (role and unit, as they stand now). */
function mayReview(ctx: BotContext, reportId: number) {
  const person = ctx.identity.person;
  if (!person) return Promise.resolve({ ok: false as const, reason: "not_allowed" as const });
  return loadReportForReview(ctx.deps.db, person.id, reportId);
}

async function showReport(ctx: BotContext, reportId: number): Promise<void> {
  const loaded = await mayReview(ctx, reportId);
  if (!loaded.ok) {
    await respond(
      ctx,
      ctx.t(loaded.reason === "not_found" ? "rp-not-found" : "not-allowed"),
      homeKeyboard(ctx.t),
    );
    return;
  }
  const report = loaded.report;
  const stored = await ctx.deps.forms.byId(report.formId);
  if (!stored) return;
  const form: FormDefinition = stored.definition;
  const lines = summaryLines(form, report.answers, ctx.locale).map(
    (line) => `• ${escapeHtml(summaryLabel(line.field.label))} <b>${escapeHtml(line.text)}</b>`,
  );
  const head = ctx.t("rp-view-head", {
    form: form.title,
    unit: report.unitName,
    person: report.authorName,
    status: ctx.t(STATUS_KEYS[report.status]),
  });
  const keyboard = new InlineKeyboard();
  if (report.status === ReportStatus.submitted)
    keyboard.text(ctx.t("rp-button-return"), `rp:rt:${report.id}`).row();
  keyboard.text(ctx.t("button-menu"), "m:home");
  const urgent = urgentFields(form, report.answers).length > 0;
  await respond(ctx, [...(urgent ? [ctx.t("rp-view-urgent")] : []), head, ...lines].join("\n"), keyboard);
  await sendAttachments(ctx, form, report.answers);
}

/** The photos and the place of a report, after its text, so the reviewer sees them. */
async function sendAttachments(ctx: BotContext, form: FormDefinition, answers: Answers): Promise<void> {
  for (const field of form.fields) {
    const value = answers[field.key];
    if (!value || typeof value !== "object") continue;
    if (field.type === "photo" && "fileIds" in value) {
      for (const [i, fileId] of value.fileIds.entries()) {
        await ctx.replyWithPhoto(fileId, i === 0 ? { caption: field.label.slice(0, 1000) } : {});
      }
    }
    if (field.type === "location" && "latitude" in value) {
      await ctx.replyWithLocation(value.latitude, value.longitude);
    }
  }
}

function buildReturnReport(deps: BotDeps) {
  return async function returnReport(conversation: TaskConversation, ctx: Context, reportId: number) {
    const start = await captureStart(conversation);
    const actorId = start.personId;
    const loaded = await conversation.external(async () => {
      if (actorId === null) return null;
      const found = await loadReportForReview(deps.db, actorId, reportId);
      const form = found.ok ? await deps.forms.byId(found.report.formId) : null;
      return found.ok && form ? { answers: found.report.answers, form: form.definition } : null;
    });
    const s = createSteps(conversation, ctx, deps, {
      prefix: "rpr",
      busyKey: "rp-return-busy",
      locale: start.locale,
    });
    const { t } = s;
    if (!loaded) {
      await ctx.reply(t("rp-not-found"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const lines = summaryLines(loaded.form, loaded.answers, start.locale);
    const chosen = new Set<string>();
    for (;;) {
      const pick = await s.choose<string>(
        t("rp-return-which", { count: chosen.size }),
        lines.map((line) => ({
          label: shortenLabel(`${chosen.has(line.field.key) ? "☑" : "☐"} ${line.field.label}`, LABEL_MAX),
          value: line.field.key,
        })),
        [
          ...(chosen.size > 0 ? [{ label: t("rp-button-done"), value: "::done" }] : []),
          { label: t("button-cancel"), value: "::cancel" },
        ],
      );
      if (pick === "::cancel") {
        await ctx.reply(t("rp-return-cancelled"), { reply_markup: homeKeyboard(t) });
        return;
      }
      if (pick === "::done") break;
      if (chosen.has(pick)) chosen.delete(pick);
      else chosen.add(pick);
    }
    // "hủy" here stops rather than becoming the comment.
    const comment = await s.askText(
      t("rp-return-comment"),
      (text) =>
        CANCEL_WORDS.has(foldText(text))
          ? CANCELLED
          : text.trim().length >= 3
            ? text.trim().slice(0, 1000)
            : undefined,
      "rp-return-comment-short",
    );
    if (comment === CANCELLED) {
      await ctx.reply(t("rp-return-cancelled"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const result = await conversation.external(async () => {
      if (actorId === null) return { ok: false as const, reason: "not_allowed" as const };
      return returnForCorrection(deps.db, deps.clock, deps.translator, actorId, {
        reportId,
        fields: [...chosen],
        comment,
      });
    });
    // "Đã gửi" only when the hamlet head can get it; otherwise whom to call.
    const text = !result.ok
      ? t(result.reason === "already_returned" ? "rp-return-already" : "rp-return-failed")
      : result.unreachable
        ? t("rp-returned-unreachable", {
            person: reporterName(t, result.unreachable),
          })
        : t("rp-returned");
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: homeKeyboard(t) });
  };
}
