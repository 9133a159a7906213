import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { packagePath } from "../../shared/package-root.js";
import { parseQuizDefinition, type QuizDefinition } from "./quiz-definition.js";

/** The feedback/quiz files sent after courses (`content/quizzes/<key>.yaml`). */
export const QUIZZES_DIR = packagePath("content", "quizzes");

const QUIZ_FILE = /^(?<key>[^.]+)\.ya?ml$/;

/**
 * Loads every quiz file of `dir`: each named after its key; a file with errors contributes its
 * errors only. Sorted by key.
 */
export function loadQuizzes(dir: string = QUIZZES_DIR): { quizzes: QuizDefinition[]; errors: string[] } {
  const quizzes: QuizDefinition[] = [];
  const errors: string[] = [];
  if (!existsSync(dir)) return { quizzes, errors };
  for (const name of readdirSync(dir).sort()) {
    const match = QUIZ_FILE.exec(name);
    if (!match) continue;
    const { quiz, errors: fileErrors } = parseQuizText(readFileSync(join(dir, name), "utf8"), name);
    errors.push(...fileErrors);
    if (!quiz) continue;
    if (quiz.key !== match.groups?.key) {
      errors.push(`${name}: key "${quiz.key}" phải trùng tên tệp (${quiz.key}.yaml)`);
      continue;
    }
    quizzes.push(quiz);
  }
  return { quizzes, errors };
}

export function parseQuizText(text: string, file: string): { quiz?: QuizDefinition; errors: string[] } {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return {
      errors: [`${file}: YAML không hợp lệ: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  return parseQuizDefinition(data, file);
}

/** One quiz by key, or `null` when there is no valid file for it. */
export function findQuiz(key: string, dir: string = QUIZZES_DIR): QuizDefinition | null {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) return null;
  const path = [join(dir, `${key}.yaml`), join(dir, `${key}.yml`)].find((file) => existsSync(file));
  if (!path) return null;
  const { quiz } = parseQuizText(readFileSync(path, "utf8"), path);
  return quiz?.key === key ? quiz : null;
}
