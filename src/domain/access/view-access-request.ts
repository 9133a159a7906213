import type { Db } from "../../db/client.js";
import type { Locale, Translator } from "../../i18n/translator.js";
import type { AccessRequestStatus } from "../enums.js";
import { loadActor } from "./load-actor.js";
import { describeAccessRequest } from "./notify-access-request.js";
import { authorize, type Denial } from "./permissions.js";

export type ViewAccessRequestResult =
  | {
      ok: true;
      /** The request's card as approvers read it ("acc-card"), in `locale`. */
      text: string;
      pending: boolean;
      fullName: string;
      phone: string | null;
      unitId: number;
    }
  | { ok: false; reason: Denial | "not_found" };

/**
 * An access request as someone who may decide it sees it: the viewer is read as they stand now
 * and must be allowed to decide requests of the request's unit (`access.decide` in scope);
 * anyone else learns nothing about it (not even that it exists).
 */
export async function viewAccessRequest(
  db: Db,
  translator: Translator,
  actorId: number,
  requestId: number,
  locale: Locale,
): Promise<ViewAccessRequestResult> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "access.decide").ok) return { ok: false, reason: "not_allowed" };
  const found = await db.accessRequest.findUnique({
    where: { id: requestId },
    select: { unit: { select: { path: true } } },
  });
  if (!found) return { ok: false, reason: "not_found" };
  const allowed = authorize(actor, "access.decide", { unitPath: found.unit.path });
  if (!allowed.ok) return allowed;
  const { request, text } = await describeAccessRequest(db, translator, requestId, locale);
  return {
    ok: true,
    text,
    pending: request.status === ("pending" satisfies AccessRequestStatus),
    fullName: request.fullName,
    phone: request.phone,
    unitId: request.unitId,
  };
}
