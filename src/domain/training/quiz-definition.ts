import { z } from "zod";
import { formatIssuePath } from "../reports/form-definition.js";

/** Text in both languages the bot speaks. */
const bilingual = z.strictObject({
  vi: z.string().trim().min(1, { error: "cần nội dung tiếng Việt" }).max(300),
  en: z.string().trim().min(1, { error: "cần nội dung tiếng Anh" }).max(300),
});

/** Keys travel in callback data (`cqz:<course>:<question>:<choice>`): short and plain. */
const shortKey = z
  .string()
  .regex(/^[a-z0-9_]{1,16}$/, { error: "khóa chỉ gồm chữ thường không dấu, số, dấu _ (tối đa 16 ký tự)" });

const choiceSchema = z.strictObject({
  value: shortKey,
  vi: z.string().trim().min(1).max(60),
  en: z.string().trim().min(1).max(60),
});

const questionSchema = z
  .strictObject({
    key: shortKey,
    text: bilingual,
    /** 2–6 choices; or `rating: true` for a 1–5 scale. */
    choices: z
      .array(choiceSchema)
      .min(2, { error: "cần từ 2 lựa chọn" })
      .max(6, { error: "tối đa 6 lựa chọn" })
      .optional(),
    rating: z.literal(true).optional(),
    /** The right choice, for a quiz question (feedback questions have none). */
    correct: shortKey.optional(),
  })
  .superRefine((question, ctx) => {
    if ((question.choices === undefined) === (question.rating === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "mỗi câu có đúng một trong hai: choices (2–6 lựa chọn) hoặc rating: true (thang 1–5)",
      });
    }
    if (question.choices) {
      const values = question.choices.map((choice) => choice.value);
      if (new Set(values).size !== values.length) {
        ctx.addIssue({ code: "custom", path: ["choices"], message: "giá trị lựa chọn bị trùng" });
      }
      if (question.correct !== undefined && !values.includes(question.correct)) {
        ctx.addIssue({
          code: "custom",
          path: ["correct"],
          message: `"${question.correct}" không phải một lựa chọn (${values.join(", ")})`,
        });
      }
    }
    if (question.rating && question.correct !== undefined) {
      ctx.addIssue({ code: "custom", path: ["correct"], message: "câu chấm điểm 1–5 không có đáp án đúng" });
    }
  });

export const quizDefinitionSchema = z.strictObject({
  key: z
    .string()
    .max(40)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "key chỉ gồm chữ thường không dấu, số và dấu -" }),
  title: bilingual,
  intro: bilingual.optional(),
  questions: z
    .array(questionSchema)
    .min(3, { error: "cần từ 3 đến 5 câu hỏi" })
    .max(5, { error: "cần từ 3 đến 5 câu hỏi" })
    .refine((questions) => new Set(questions.map((q) => q.key)).size === questions.length, {
      error: "khóa câu hỏi bị trùng",
    }),
});

export type QuizDefinition = z.infer<typeof quizDefinitionSchema>;
export type QuizQuestion = QuizDefinition["questions"][number];

/** The answers a question takes: its choices' values, or "1".."5" for a rating. */
export function questionChoices(question: QuizQuestion): { value: string; vi: string; en: string }[] {
  if (question.choices) return question.choices;
  return ["1", "2", "3", "4", "5"].map((value) => ({ value, vi: value, en: value }));
}

/**
 * Validates a parsed quiz file: the quiz, or every problem as `<file>: <path>: <message>`
 * (Vietnamese, like the report forms' check).
 */
export function parseQuizDefinition(
  data: unknown,
  file: string,
): { quiz?: QuizDefinition; errors: string[] } {
  const parsed = quizDefinitionSchema.safeParse(data);
  if (parsed.success) return { quiz: parsed.data, errors: [] };
  return {
    errors: parsed.error.issues.map((issue) => `${file}: ${formatIssuePath(issue.path)}: ${issue.message}`),
  };
}
