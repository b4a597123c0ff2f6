import { analyzeWord } from '../search/analyzer.js';
import type { Searchable } from '../search/searchable.js';
import { buildExcerpt } from './buildExcerpt.js';
import { isTitleLike, titleTermsOfArticle } from './titleTerms.js';
import type { Excerpt } from './types.js';

// "What's the article about?", "tldr", "summary pls": a question that names no subject but asks for
// the gist. A news story's opening is its own summary (the lead), so that is the answer, cited as
// any passage is, rather than "add what it is about".

// Words that ask for the gist, not name a subject: "what is it about", "tldr", "summary pls", "what
// happened", "what's going on", "what's new", "latest news", "what articles do you have", "eli5". A question
// of these alone asks for the lead; beside a subject they are left to the search as any word is
// ("summary of the syria stuff", "latest on kursk").
const ASKS_GIST =
  /\b(about|tl\s*;?\s*dr|summar(?:y|ies|ise|ize|ised|ized)|gist|recap|overview|(?:main|key) points?|in short|in a nutshell|what(?:'|’)?s? (?:happened|happening|going on|new)|latest|newest|what (?:articles|stories|news) (?:do you have|are there|have you got)|eli5|explain)\b/iu;
const GIST_TERMS: ReadonlySet<string> = new Set(
  [
    'summary',
    'summaries',
    'summarise',
    'summarize',
    'gist',
    'recap',
    'overview',
    'main',
    'key',
    'point',
    'points',
    'short',
    'nutshell',
    'new',
    'latest',
    'newest',
    'news',
    'eli5',
    'explain',
    // "TL;DR" is read as two words.
    'tl',
    'dr',
  ].map((word) => analyzeWord(word) ?? word),
);

// Questions about the article as a thing, not its story: who wrote it, when and where it was published,
// where to read it. Answered from the article's record (its file's front matter) with its opening.
const ASKS_RECORD =
  /\b(who (?:wrote|writes|authored|reported)|written by|author|byline|published|posted|publish(?:ed)? date|how old is (?:this|it|the)|(?:what|which) (?:outlet|site|paper|newspaper|publication|publisher)|publisher|where (?:is|was) (?:this|it) (?:from|published)|source|link|url)\b/iu;
const RECORD_TERMS: ReadonlySet<string> = new Set(
  [
    'wrote',
    'write',
    'writes',
    'written',
    'authored',
    'author',
    'byline',
    'reported',
    'published',
    'posted',
    'publish',
    'date',
    'old',
    'outlet',
    'site',
    'paper',
    'newspaper',
    'publication',
    'publisher',
    'source',
    'link',
    'url',
    'original',
  ].map((word) => analyzeWord(word) ?? word),
);

/**
 * Whether a question asks who wrote the articles, when or where they were published, or where to
 * read them, and names nothing else: "who wrote this", "when was it published", "link?". "Who
 * wrote the book" names a book: it is an ordinary question.
 */
export function asksForRecord(question: string, terms: Iterable<string>): boolean {
  if (!ASKS_RECORD.test(question)) return false;
  for (const term of terms) if (!RECORD_TERMS.has(term)) return false;
  return true;
}

/** Whether a question asks what the articles are about and names nothing else (its index terms given). */
export function asksForGist(question: string, terms: Iterable<string>): boolean {
  if (!ASKS_GIST.test(question)) return false;
  for (const term of terms) if (!GIST_TERMS.has(term)) return false;
  return true;
}

/**
 * The opening of each article, newest first (the page from `offset`): its first sentences after any
 * that mostly repeat the title (the citation shows the title), as many as fit in `maxChars`.
 */
export function leadExcerpts(
  index: Searchable,
  offset: number,
  limit: number,
  maxChars: number,
): { excerpts: Excerpt[]; total: number } {
  const articles = [...index.articles.values()].sort(
    (a, b) => b.published.localeCompare(a.published) || a.title.localeCompare(b.title),
  );
  const excerpts: Excerpt[] = [];
  for (const article of articles.slice(offset, offset + limit)) {
    const sentences = index.sentences.get(article.id) ?? [];
    const title = titleTermsOfArticle(article);
    let first = 0;
    while (first < sentences.length - 1 && isTitleLike(index.sentenceTerms(article.id, first), title))
      first++;
    // Whole paragraphs while they fit: a lead cut mid-quote leaves the quote open.
    let last = first;
    let length = sentences[first]?.text.length ?? 0;
    for (let next = first + 1; next < sentences.length; next++) {
      length += 1 + (sentences[next]?.text.length ?? 0);
      if (length > maxChars) break;
      if (sentences[next + 1]?.paragraph !== sentences[next]?.paragraph) last = next;
    }
    if (sentences.length > 0)
      excerpts.push({
        ...buildExcerpt(article, sentences, { first, last }, new Set(), 0, maxChars),
        match: 'direct',
      });
  }
  return { excerpts, total: articles.length };
}
