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
