import { articleToken } from '../library/findArticle.js';
import { suggestArticles } from '../library/suggestArticles.js';
import type { Searchable } from '../search/searchable.js';

/** How often /ask's article suggestions put the article a question is about first, or in the first three. */
export interface SuggestionResult {
  readonly questions: number;
  readonly first: number;
  readonly topThree: number;
}

/**
 * /ask article's autocomplete for each question, with nothing of a title typed yet: where the article
 * the questions are about stands among the suggestions (the articles with passages for the question
 * first, as the command orders them).
 */
export function evaluateSuggestions(
  index: Searchable,
  questions: readonly string[],
  articleId: string,
): SuggestionResult {
  const wanted = articleToken(articleId);
  let first = 0;
  let topThree = 0;
  for (const question of questions) {
    const at = suggestArticles(index, index.articles.values(), '', question).findIndex(
      (choice) => choice.value === wanted,
    );
    if (at === 0) first++;
    if (at >= 0 && at < 3) topThree++;
  }
  return { questions: questions.length, first, topThree };
}
