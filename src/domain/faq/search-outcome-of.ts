import type { SearchConfidence } from "../enums.js";
import type { FaqAnswer } from "./search/faq-index.js";

/** How sure the search was about a question: the editors' report lists "low" and "none". */
export type { SearchConfidence } from "../enums.js";

/**
 * What the bot did with a question, as the editors' report needs it: "high" when a confident
 * answer was shown, "low" when only likely entries were offered, "none" when nothing matched;
 * and the entries it showed or offered, best first (the confident answers, then the likely
 * ones), without repeats — the same entries the bot puts on its buttons.
 */
export function searchOutcomeOf(answer: FaqAnswer): {
  confidence: SearchConfidence;
  candidates: number[];
} {
  const confident = answer.periods.filter((period) => period.confidence === "high" && period.hits[0]);
  const candidates: number[] = [];
  const add = (id: number | undefined) => {
    if (id !== undefined && !candidates.includes(id)) candidates.push(id);
  };
  for (const period of confident) add(period.hits[0]?.entry.id);
  for (const period of answer.periods) {
    if (confident.includes(period)) continue;
    for (const hit of period.hits) add(hit.entry.id);
  }
  const confidence = confident.length > 0 ? "high" : candidates.length > 0 ? "low" : "none";
  return { confidence, candidates };
}
