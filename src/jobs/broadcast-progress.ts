import { type Api, GrammyError } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { enqueueForPerson, htmlMessage } from "../domain/outbox/enqueue-message.js";
import { findBroadcastDeliveries } from "../domain/outbox/find-broadcast-deliveries.js";
import {
  findBroadcastUnreachable,
  type UnreachableReason,
} from "../domain/outbox/find-broadcast-unreachable.js";
import { CHANNEL_TRAITS, isChannel } from "../domain/roles.js";
import { isLocale, type Locale, type Translator } from "../i18n/translator.js";
import type { Clock } from "../shared/clock.js";
import { trustedHtml } from "../shared/html.js";
import { formatPhoneForDisplay } from "../shared/phone.js";

/** People named in a final report; the rest are counted ("… và 12 người khác"). */
export const REPORT_NAMES = 15;

const REASON_KEYS: Record<UnreachableReason, string> = {
  never_connected: "broadcast-report-never-connected",
  blocked: "broadcast-report-blocked",
  failed: "broadcast-report-failed",
  never_wrote: "broadcast-report-never-wrote",
  quota: "broadcast-report-quota",
  paid_off: "broadcast-report-paid-off",
  window_closed: "broadcast-report-window-closed",
  no_phone: "broadcast-report-no-phone",
};

export interface BroadcastProgress {
  /** Edits the progress messages that are due (at most one edit per `progressEveryMs` each). */
  editDue(): Promise<void>;
  /**
   * When nothing of the broadcast is left to send: marks it done (once, whichever instance gets
   * there first), turns the progress message into the summary and queues the sender's report.
   */
  finishIfDone(broadcastId: number): Promise<void>;
}

/**
 * The sender's view of a broadcast: one progress message, edited as delivery proceeds where the
 * messenger edits messages ("Đã gửi 1.234/13.800 · 12 không liên lạc được · còn khoảng 8 phút"),
 * and one final report through the outbox naming whom it did not reach. On a messenger without
 * edits (Zalo) only the report is sent: every message there costs quota.
 */
export function createBroadcastProgress(options: {
  db: Db;
  apis: Partial<Record<string, Api>>;
  logger: Logger;
  clock: Clock;
  translator?: Translator;
  /** The configured rate, for the first estimate before any message went. */
  perSecond: number;
  progressEveryMs: number;
  /**
   * Waits until an edit of this chat may go: a send slot of the channel's shared pace (an edit
   * counts like a message) and the chat's own gap since its last message or edit.
   */
  takeSlot(channel: string, chatId: string): Promise<void>;
  /** A 429 answered to an edit: every send of the channel waits, as for a message. */
  onFlood(channel: string, retryAfterSeconds: number): Promise<void>;
}): BroadcastProgress {
  const { db, apis, logger, clock, translator } = options;
  const editable = Object.keys(apis).filter(
    (channel) => apis[channel] !== undefined && isChannel(channel) && CHANNEL_TRAITS[channel].editsMessages,
  );

  type Counts = {
    id: number;
    senderId: number;
    total: number;
    sent: number;
    failed: number;
    unreachable: number;
    queuedAt: Date | null;
    createdAt: Date;
    queuedUnreachable: unknown;
  };

  async function localeOf(personId: number): Promise<Locale> {
    const person = await db.person.findUnique({ where: { id: personId }, select: { locale: true } });
    return isLocale(person?.locale) ? person.locale : "vi";
  }

  function progressText(locale: Locale, b: Counts): string {
    if (!translator) return "";
    const queuedUnreachable = Array.isArray(b.queuedUnreachable) ? b.queuedUnreachable.length : 0;
    const processed = b.sent + b.failed + b.unreachable - queuedUnreachable;
    const remaining = Math.max(0, b.total - b.sent - b.failed - b.unreachable);
    const elapsedSeconds = (clock.now().getTime() - (b.queuedAt ?? b.createdAt).getTime()) / 1000;
    const rate = processed > 0 && elapsedSeconds > 0 ? processed / elapsedSeconds : options.perSecond;
    const seconds = remaining / rate;
    return translator.t(locale, "broadcast-progress", {
      sent: b.sent,
      total: b.total,
      unreachable: b.unreachable + b.failed,
      minutes: seconds < 60 ? 0 : Math.round(seconds / 60),
    });
  }

  async function edit(
    b: { progressChannel: string | null; progressChatId: string | null; progressMessageId: string | null },
    text: string,
  ) {
    const api = b.progressChannel ? apis[b.progressChannel] : undefined;
    if (!api || !b.progressChatId || !b.progressMessageId || !editable.includes(b.progressChannel ?? ""))
      return;
    try {
      await options.takeSlot(b.progressChannel ?? "", b.progressChatId);
      await api.editMessageText(b.progressChatId, Number(b.progressMessageId), text, { parse_mode: "HTML" });
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 429 && error.parameters.retry_after) {
        await options.onFlood(b.progressChannel ?? "", error.parameters.retry_after);
      }
      // Unchanged, deleted by the sender, too old to edit: the report still comes.
      logger.debug({ err: error }, "progress message not edited");
    }
  }

  const select = {
    id: true,
    senderId: true,
    total: true,
    sent: true,
    failed: true,
    unreachable: true,
    queuedAt: true,
    createdAt: true,
    queuedUnreachable: true,
    text: true,
    progressChannel: true,
    progressChatId: true,
    progressMessageId: true,
  } as const;

  return {
    async editDue() {
      if (!translator || editable.length === 0) return;
      const now = clock.now();
      const due = {
        status: "sending",
        progressMessageId: { not: null },
        progressChannel: { in: editable },
        OR: [
          { progressAt: null },
          { progressAt: { lte: new Date(now.getTime() - options.progressEveryMs) } },
        ],
      };
      const broadcasts = await db.broadcast.findMany({ where: due, select, take: 10 });
      for (const b of broadcasts) {
        // Taken with the time of the edit: one instance edits, and not again too soon.
        const mine = await db.broadcast.updateMany({
          where: { id: b.id, ...due },
          data: { progressAt: now },
        });
        if (mine.count === 0) continue;
        await edit(b, progressText(await localeOf(b.senderId), b));
      }
    },

    async finishIfDone(broadcastId) {
      const open = await db.outboxMessage.count({
        where: { broadcastId, status: { in: ["pending", "sending"] } },
      });
      if (open > 0) return;
      const now = clock.now();
      const finished = await db.$transaction(async (tx) => {
        const done = await tx.broadcast.updateMany({
          where: { id: broadcastId, status: { in: ["queued", "sending"] } },
          data: { status: "done", finishedAt: now },
        });
        if (done.count === 0 || !translator) return null;
        const b = await tx.broadcast.findUniqueOrThrow({ where: { id: broadcastId }, select });
        const locale = await localeOf(b.senderId);
        const missed = await findBroadcastUnreachable(tx, broadcastId, REPORT_NAMES);
        const lines = missed.people.map((person) =>
          translator.t(locale, "broadcast-report-line", {
            name: person.fullName,
            phone: person.phone
              ? trustedHtml(
                  translator.t(locale, "broadcast-report-phone", {
                    phone: formatPhoneForDisplay(person.phone),
                  }),
                )
              : "",
            reason: translator.t(locale, REASON_KEYS[person.reason]),
          }),
        );
        if (missed.total > missed.people.length) {
          lines.push(
            translator.t(locale, "broadcast-report-more", { count: missed.total - missed.people.length }),
          );
        }
        const delivered = await findBroadcastDeliveries(tx, broadcastId, REPORT_NAMES);
        const how = (mode: string, cost: number) =>
          mode === "zalo_free"
            ? translator.t(locale, "broadcast-report-how-zalo-free")
            : mode === "zalo_paid"
              ? translator.t(locale, "broadcast-report-how-zalo-paid", { cost })
              : mode === "template"
                ? translator.t(locale, "broadcast-report-how-template", { cost })
                : translator.t(locale, "broadcast-report-how-free", {
                    channel: isChannel(mode) ? CHANNEL_TRAITS[mode].name : mode,
                  });
        const howLines =
          delivered.total === 0
            ? []
            : [
                translator.t(locale, "broadcast-report-how"),
                ...delivered.people.map((person) =>
                  translator.t(locale, "broadcast-report-how-line", {
                    name: person.fullName,
                    how: how(person.mode, person.costVnd),
                  }),
                ),
                ...(delivered.total > delivered.people.length
                  ? [
                      translator.t(locale, "broadcast-report-more", {
                        count: delivered.total - delivered.people.length,
                      }),
                    ]
                  : []),
                translator.t(locale, "broadcast-report-modes", {
                  modes: Object.entries(delivered.byMode)
                    .map(([mode, { count, costVnd }]) =>
                      translator.t(locale, "broadcast-report-mode-count", {
                        how: how(mode, Math.round(costVnd / count)),
                        count,
                      }),
                    )
                    .join(" · "),
                }),
                delivered.costVnd > 0
                  ? translator.t(locale, "broadcast-report-cost", { cost: delivered.costVnd })
                  : translator.t(locale, "broadcast-report-cost-none"),
              ];
        const report = [
          translator.t(locale, "broadcast-report-title", { text: b.text, sent: b.sent, total: b.total }),
          ...(howLines.length > 0 ? [howLines.join("\n")] : []),
          missed.total === 0
            ? translator.t(locale, "broadcast-report-all-reached")
            : [translator.t(locale, "broadcast-report-unreachable", { count: missed.total }), ...lines].join(
                "\n",
              ),
        ].join("\n\n");
        await enqueueForPerson(tx, {
          kind: "notification",
          personId: b.senderId,
          idempotencyKey: `broadcast:${broadcastId}:report`,
          now,
          payload: htmlMessage(report),
        });
        return {
          b,
          summary: translator.t(locale, "broadcast-done", {
            sent: b.sent,
            total: b.total,
            unreachable: missed.total,
          }),
        };
      });
      if (finished) await edit(finished.b, finished.summary);
    },
  };
}
