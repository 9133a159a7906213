import { foldText } from "../../../shared/fold.js";
import { type Expansions, searchTerms } from "../search/vietnamese-text.js";

/**
 * Two questions are "the same question in different words" when the words they share are at
 * least this share of the words either has (Jaccard over folded search words, abbreviations
 * expanded, stopwords dropped). 0,5 joins "hộ nghèo được hỗ trợ BHYT bao nhiêu" and "ho ngheo
 * duoc ho tro bao hiem y te may phan tram" and keeps "hộ nghèo được vay vốn bao nhiêu" apart
 * (test/domain/faq/editors-report.test.ts).
 */
export const SAME_QUESTION_THRESHOLD = 0.5;

/**
 * A word shared by more than this many group leaders says nothing about which question it is
 * ("hộ", "nghèo"): it is not used to find candidates (it still counts in the overlap), which
 * keeps grouping close to linear for thousands of questions.
 */
const MAX_POSTINGS = 64;

export interface GroupableQuestion {
  id: number;
  text: string;
}

/**
 * Groups questions that ask the same thing. Leader clustering: questions are taken in the
 * order given (the caller's: latest first); each joins the first group whose first question
 * (its leader) it overlaps by {@link SAME_QUESTION_THRESHOLD}, or starts a group. Leaders are
 * found through an index of their rarer words, so each question is compared with a few
 * leaders, not all. Questions with no search words at all (only stopwords) group by their
 * folded text.
 */
export function groupSimilarQuestions<T extends GroupableQuestion>(
  questions: readonly T[],
  expansions?: Expansions,
): T[][] {
  const groups: { leader: Set<string>; members: T[] }[] = [];
  const byWord = new Map<string, number[]>();
  const byText = new Map<string, number>();
  for (const question of questions) {
    const words = new Set(searchTerms(question.text, expansions, { bigrams: false }));
    if (words.size === 0) {
      const key = foldText(question.text);
      const found = byText.get(key);
      if (found !== undefined) groups[found]?.members.push(question);
      else {
        byText.set(key, groups.length);
        groups.push({ leader: words, members: [question] });
      }
      continue;
    }
    const seen = new Set<number>();
    let best = -1;
    let bestScore = 0;
    for (const word of words) {
      for (const g of byWord.get(word) ?? []) {
        if (seen.has(g)) continue;
        seen.add(g);
        const score = jaccard(words, groups[g]?.leader ?? new Set());
        if (score > bestScore || (score === bestScore && g < best)) {
          best = g;
          bestScore = score;
        }
      }
    }
    if (best >= 0 && bestScore >= SAME_QUESTION_THRESHOLD) {
      groups[best]?.members.push(question);
      continue;
    }
    const index = groups.length;
    groups.push({ leader: words, members: [question] });
    for (const word of words) {
      const postings = byWord.get(word) ?? [];
      if (postings.length >= MAX_POSTINGS) continue;
      postings.push(index);
      byWord.set(word, postings);
    }
  }
  return groups.map((group) => group.members);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
