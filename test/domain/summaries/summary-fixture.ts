import type { Db } from "../../../src/db/client.js";
import { FORMS_DIR, loadForms } from "../../../src/domain/reports/load-forms.js";
import { syncForms } from "../../../src/domain/reports/report-store.js";
import { childPath } from "../../../src/domain/units/unit-path.js";

export const TZ = "Asia/Ho_Chi_Minh";

/** A unit under `parent` (or a root), its path set from its id. */
export async function addUnit(
  db: Db,
  name: string,
  level: string,
  parent: { id: number; path: string } | null,
  active = true,
): Promise<{ id: number; path: string; name: string }> {
  const created = await db.unit.create({
    data: {
      code: `t-${name}-${Math.random().toString(36).slice(2, 8)}`,
      name,
      level,
      parentId: parent?.id ?? null,
      path: "pending",
      depth: parent ? parent.path.split("/").filter(Boolean).length : 0,
      active,
    },
  });
  const path = childPath(parent?.path ?? null, created.id);
  await db.unit.update({ where: { id: created.id }, data: { path } });
  return { id: created.id, path, name };
}

/** The repository's forms stored (every version), by key and version: "incident v2" → id. */
export async function storeForms(db: Db): Promise<Map<string, number>> {
  const { forms, errors } = loadForms(FORMS_DIR);
  if (errors.length > 0) throw new Error(errors.join("\n"));
  await syncForms(db, forms);
  const rows = await db.reportForm.findMany({ select: { id: true, key: true, version: true } });
  return new Map(rows.map((row) => [`${row.key} v${row.version}`, row.id]));
}

export async function addPerson(
  db: Db,
  fullName: string,
  role: string,
  unitId: number,
  status = "active",
): Promise<number> {
  const person = await db.person.create({ data: { fullName, role, unitId, status } });
  return person.id;
}

export async function addReport(
  db: Db,
  input: {
    formId: number;
    periodKey: string;
    unitId: number;
    personId: number;
    status: string;
    answers: Record<string, unknown>;
    submittedAt?: string | null;
    urgent?: boolean;
  },
): Promise<number> {
  const form = await db.reportForm.findUniqueOrThrow({ where: { id: input.formId }, select: { key: true } });
  const report = await db.report.create({
    data: {
      formId: input.formId,
      formKey: form.key,
      periodKey: input.periodKey,
      unitId: input.unitId,
      personId: input.personId,
      status: input.status,
      answers: input.answers as never,
      submittedAt: input.submittedAt ? new Date(input.submittedAt) : null,
      urgent: input.urgent ?? false,
    },
  });
  return report.id;
}
