import type { Article } from '../corpus/article.js';
import { analyze } from '../search/analyzer.js';

// An article's title as index terms, made once per article.
const titleTermsOf = new WeakMap<Article, ReadonlySet<string>>();

export function titleTermsOfArticle(article: Article): ReadonlySet<string> {
  let terms = titleTermsOf.get(article);
  if (!terms) {
    terms = new Set(analyze(article.title));
    titleTermsOf.set(article, terms);
  }
  return terms;
}

// A sentence that mostly repeats the title: the headline again, a sub-headline, a Brown story's lead.
const TITLE_LIKE_SHARE = 0.5;

/** Whether at least half of a sentence's terms are its article's title's. */
export function isTitleLike(terms: readonly string[], titleTerms: ReadonlySet<string>): boolean {
  let inTitle = 0;
  for (const term of terms) if (titleTerms.has(term)) inTitle++;
  return terms.length > 0 && inTitle / terms.length >= TITLE_LIKE_SHARE;
}
