import { answer } from '../answer/answer.js';
import type { KnownPerson } from '../answer/roleNames.js';
import type { Article } from '../corpus/article.js';
import type { Searchable } from '../search/searchable.js';
import { articleChoices } from './findArticle.js';

// The passages whose articles are suggested first: a page or two of an answer.
const SUGGESTING_PASSAGES = 10;

/**
 * /ask article's suggestions: the question typed so far puts the articles that answer it first (in
 * a library of thousands, the one meant is then usually at the top before a letter of its title is
 * typed), then those whose title has what was typed (see articleChoices). The question is read as
 * /ask reads it, with the library's people (`people`, see answer()).
 */
export function suggestArticles(
  index: Searchable,
  articles: Iterable<Article>,
  typed: string,
  question: string,
  people: () => readonly KnownPerson[] = () => [],
): { name: string; value: string }[] {
  const answering =
    question.trim() === '' ? [] : answer(index, question, { limit: SUGGESTING_PASSAGES, people }).excerpts;
  return articleChoices(articles, typed, [...new Set(answering.map((excerpt) => excerpt.articleId))]);
}
