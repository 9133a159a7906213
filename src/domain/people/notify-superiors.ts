import type { Prisma } from "../../db/client.js";
import { isLocale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { trustedHtml } from "../../shared/html.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import { pathIds } from "../units/unit-path.js";

/** A person whose access changed, as their superiors read it. */
export interface ChangedPerson {
  id: number;
  fullName: string;
  role: string;
  unitId: number;
  /** "Thôn 3, Xã Lâm Trung Thủy". */
  unitName: string;
}

/** Names listed in one notice; the rest are counted ("… và 12 người khác"). */
const MAX_LISTED = 25;

/**
 * Tells the superiors of people whose access was switched off (or back on) in one batch: the
 * active commune officers above each person, or — for people with none above them (commune
 * officers, province staff) or whose officers are in the batch themselves — the administrators.
 * One message per superior listing everyone of theirs, through the outbox, inside the caller's
 * transaction; nobody is told about their own batch (the actor sees the result already).
 * Returns how many superiors there were, and how many of them the bot can reach (the others
 * have never opened it or have blocked it).
 */
export async function notifySuperiors(
  tx: Pick<Prisma.TransactionClient, "person" | "unit" | "$executeRaw" | "channelAccount">,
  translator: Translator,
  clock: Clock,
  input: {
    batchId: number;
    change: "deactivated" | "reactivated";
    actor: { id: number | null; fullName: string | null };
    fileName: string | null;
    people: readonly ChangedPerson[];
  },
): Promise<{ superiors: number; reachable: number }> {
  if (input.people.length === 0) return { superiors: 0, reachable: 0 };
  const excluded = new Set(input.people.map((person) => person.id));
  if (input.actor.id !== null) excluded.add(input.actor.id);
  const [units, officers, admins] = await Promise.all([
    tx.unit.findMany({
      where: { id: { in: [...new Set(input.people.map((person) => person.unitId))] } },
      select: { id: true, path: true },
    }),
    tx.person.findMany({
      where: { role: "commune_officer", status: "active" },
      select: { id: true, unitId: true, locale: true },
    }),
    tx.person.findMany({ where: { role: "admin", status: "active" }, select: { id: true, locale: true } }),
  ]);
  const pathOf = new Map(units.map((unit) => [unit.id, unit.path]));
  const officersByUnit = new Map<number, { id: number; locale: string }[]>();
  for (const officer of officers) {
    if (excluded.has(officer.id)) continue;
    officersByUnit.set(officer.unitId, [...(officersByUnit.get(officer.unitId) ?? []), officer]);
  }
  const fallback = admins.filter((admin) => !excluded.has(admin.id));

  const recipients = new Map<number, { locale: string; people: ChangedPerson[] }>();
  for (const person of input.people) {
    // Strictly above: a commune officer's peers at the same commune are not their superiors.
    const above = pathIds(pathOf.get(person.unitId) ?? "").filter((id) => id !== person.unitId);
    const superiors = above.flatMap((id) => officersByUnit.get(id) ?? []);
    for (const superior of superiors.length > 0 ? superiors : fallback) {
      const entry = recipients.get(superior.id) ?? { locale: superior.locale, people: [] };
      entry.people.push(person);
      recipients.set(superior.id, entry);
    }
  }

  const now = clock.now();
  let reachable = 0;
  for (const [personId, { locale: stored, people }] of recipients) {
    const locale = isLocale(stored) ? stored : "vi";
    const t = (key: string, args?: Parameters<Translator["t"]>[2]) => translator.t(locale, key, args);
    const sorted = [...people].sort(
      (a, b) => a.unitName.localeCompare(b.unitName, "vi") || a.fullName.localeCompare(b.fullName, "vi"),
    );
    const lines = sorted.slice(0, MAX_LISTED).map((person) =>
      t("notice-person-line", {
        name: person.fullName,
        role: t(`role-${person.role}`),
        unit: person.unitName,
      }),
    );
    if (sorted.length > MAX_LISTED) lines.push(t("notice-more", { count: sorted.length - MAX_LISTED }));
    const text = t(input.change === "deactivated" ? "notice-deactivated" : "notice-reactivated", {
      actor: input.actor.fullName || t("notice-actor-cli"),
      count: people.length,
      file: input.fileName ?? "",
      list: trustedHtml(lines.join("\n")),
    });
    const queued = await enqueueForPerson(tx, {
      kind: "notification",
      personId,
      payload: htmlMessage(text),
      idempotencyKey: `batch:${input.batchId}:superior:${personId}`,
      now,
    });
    if (queued > 0) reachable += 1;
  }
  return { superiors: recipients.size, reachable };
}
