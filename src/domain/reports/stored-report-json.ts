import { z } from "zod";
import { type FormDefinition, parseFormDefinition } from "./form-definition.js";
import type { Answers } from "./form-engine.js";
import type { AnswerValue } from "./parse-input.js";

/**
 * The JSON columns of the reports area, parsed where they are read — a report's answers, the
 * fields a reviewer returned, a stored form definition — so that a row that does not hold what
 * the code expects fails there, saying which row, instead of somewhere later through a blind cast.
 */

const answerValueSchema: z.ZodType<AnswerValue> = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.strictObject({ fileIds: z.array(z.string()) }),
  z.strictObject({ latitude: z.number(), longitude: z.number() }),
  z.null(),
]);

/** A report's (or revision's) answers: field key → answer; `null` = skipped. */
export const answersSchema: z.ZodType<Answers> = z.record(z.string(), answerValueSchema);

/** The fields a reviewer marked for correction. */
export const returnedFieldsSchema = z.array(z.string());

/** A stored value that is not what its column holds: a broken row, named by `where`. */
export class StoredJsonError extends Error {
  constructor(where: string, problems: string) {
    super(`${where} does not hold what the code expects: ${problems}`);
    this.name = "StoredJsonError";
  }
}

/** Answers as stored (a draft not yet answered may hold `{}`; a missing value reads as `{}`). */
export function parseStoredAnswers(value: unknown, where: string): Answers {
  if (value === null || value === undefined) return {};
  const parsed = answersSchema.safeParse(value);
  if (!parsed.success) throw new StoredJsonError(where, z.prettifyError(parsed.error));
  return parsed.data;
}

/** `Report.returnedFields`: null when the report is not waiting for a correction. */
export function parseReturnedFields(value: unknown, where: string): string[] | null {
  if (value === null || value === undefined) return null;
  const parsed = returnedFieldsSchema.safeParse(value);
  if (!parsed.success) throw new StoredJsonError(where, z.prettifyError(parsed.error));
  return parsed.data;
}

/**
 * A form version as stored in `ReportForm.definition`: validated by the same rules as a form
 * file (it was stored from one), its defaults already filled in.
 */
export function parseStoredForm(value: unknown, where: string): FormDefinition {
  const { form, errors } = parseFormDefinition(value, where);
  if (!form) throw new StoredJsonError(where, errors.join("; "));
  return form;
}
