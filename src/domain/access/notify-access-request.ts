import type { Prisma } from "../../db/client.js";
import { isLocale, type Locale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { enqueueForPerson, enqueueMessage } from "../outbox/enqueue-message.js";
import { describeUnit } from "../units/describe-unit.js";
import { findApprovers } from "./find-approvers.js";

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : "vi");

/** The client or the transaction an access request is read (and its notices written) with. */
type Tx = Prisma.TransactionClient;

/** The request as approvers read it, in their language (it must exist). */
export async function describeAccessRequest(
  db: Tx,
  translator: Translator,
  requestId: number,
  locale: Locale,
) {
  const request = await db.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { account: true },
  });
  const chain = await describeUnit(db, request.unitId);
  const verified = request.phone !== null && request.phone === request.account.verifiedPhone;
  const t = (key: string, args?: Parameters<Translator["t"]>[2]) => translator.t(locale, key, args);
  return {
    request,
    text: t("acc-card", {
      name: request.fullName,
      phone: request.phone ? formatPhoneForDisplay(request.phone) : t("profile-no-phone"),
      verified: t(verified ? "acc-phone-verified" : "acc-phone-declared"),
      role: t(`role-${request.role}`),
      unit: chain ? chain.names.slice(0, 3).join(", ") : "",
    }),
  };
}

/** Approve / reject buttons of a request, as plain Bot API markup (no grammY in the domain). */
export function decisionButtons(translator: Translator, locale: Locale, requestId: number) {
  return {
    inline_keyboard: [
      [
        { text: translator.t(locale, "acc-button-approve"), callback_data: `acc:a:${requestId}` },
        { text: translator.t(locale, "acc-button-reject"), callback_data: `acc:r:${requestId}` },
      ],
    ],
  };
}

/**
 * Sends a new request to everyone who may decide it (through the outbox), inside the caller's
 * transaction (the one that files the request). Returns how many were queued.
 */
export async function notifyApprovers(
  db: Tx,
  translator: Translator,
  clock: Clock,
  requestId: number,
): Promise<number> {
  const request = await db.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { unit: true },
  });
  const approvers = await findApprovers(db, request.unit.path);
  let queued = 0;
  for (const approver of approvers) {
    const locale = localeOf(approver.locale);
    const { text } = await describeAccessRequest(db, translator, requestId, locale);
    queued += await enqueueForPerson(db, {
      kind: "notification",
      personId: approver.id,
      idempotencyKey: `access-request:${requestId}:approver:${approver.id}`,
      now: clock.now(),
      payload: {
        method: "sendMessage",
        params: {
          text: `${translator.t(locale, "acc-new")}\n${text}`,
          parse_mode: "HTML",
          reply_markup: decisionButtons(translator, locale, requestId),
        },
      },
    });
  }
  return queued;
}

/**
 * Tells the requester the outcome, in their language, on the account they asked from, inside
 * the caller's transaction (the one that decides the request). Returns false when nothing could
 * be queued — the account blocked the bot — so the decider can call.
 */
export async function notifyRequester(
  db: Tx,
  translator: Translator,
  clock: Clock,
  requestId: number,
): Promise<boolean> {
  const request = await db.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { account: { include: { person: true } } },
  });
  if (request.status === "pending" || request.account.blockedAt !== null) return false;
  const locale = localeOf(request.account.person?.locale ?? request.account.locale);
  const approved = request.status === "approved";
  const chain = await describeUnit(db, request.unitId);
  const text = approved
    ? translator.t(locale, "acc-approved-requester", {
        role: translator.t(locale, `role-${request.role}`),
        unit: chain ? chain.names.slice(0, 2).join(", ") : "",
      })
    : translator.t(locale, "acc-rejected-requester");
  return enqueueMessage(db, {
    kind: "notification",
    personId: request.account.personId,
    channel: request.account.channel,
    chatId: request.account.chatId,
    idempotencyKey: `access-request:${requestId}:decision`,
    now: clock.now(),
    payload: {
      method: "sendMessage",
      params: {
        text,
        parse_mode: "HTML",
        reply_markup: {
          inline_keyboard: [[{ text: translator.t(locale, "button-menu"), callback_data: "m:home" }]],
        },
      },
    },
  });
}
