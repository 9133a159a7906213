import type { Db } from "../../db/client.js";
import { type DraftSummary, SUMMARY_INCLUDE, toSummary } from "./report-store.js";

/**
 * One of the person's own reports (any status), as the report screens show it; null when there
 * is no such report or it is someone else's — the same answer, so that an id in a button tells
 * nothing about other people's reports.
 */
export async function loadOwnReport(
  db: Db,
  personId: number,
  reportId: number,
): Promise<DraftSummary | null> {
  const row = await db.report.findFirst({ where: { id: reportId, personId }, include: SUMMARY_INCLUDE });
  return row ? toSummary(row) : null;
}
