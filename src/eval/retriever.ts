import MiniSearch from 'minisearch';
import { answer } from '../answer/answer.js';
import type { KnownPerson } from '../answer/roleNames.js';
import type { Article } from '../corpus/article.js';
import { QuoteIndex } from '../quotes/quoteIndex.js';
import { articleSentences, chunkArticle } from '../search/chunk.js';
import type { Searchable } from '../search/searchable.js';

/** A passage as the evaluation sees it: where it is and what it says. */
export interface RetrievedPassage {
  readonly articleId: string;
  readonly paragraphs: readonly number[];
  readonly text: string;
}

export interface Retrieval {
  readonly answered: boolean;
  /** How an answered question was answered: the passages answer it, or are only the closest ones. */
  readonly match?: 'direct' | 'related';
  readonly passages: readonly RetrievedPassage[];
}

export type Retriever = (question: string, k: number) => Retrieval;

/** The people the articles name, as the bot's quote index finds them: found on first use, once. */
export function peopleOf(articles: readonly Article[]): () => readonly KnownPerson[] {
  let people: readonly KnownPerson[] | undefined;
  return () => {
    people ??= new QuoteIndex(articles).speakers();
    return people;
  };
}

/** Excerpt's engine, exactly as the bot and the CLI call it (with the library's people, as they pass them). */
export function engineRetriever(
  index: Searchable,
  people: () => readonly KnownPerson[] = () => [],
): Retriever {
  return (question, k) => {
    const result = answer(index, question, { limit: k, people });
    return {
      answered: result.answered,
      ...(result.match === undefined ? {} : { match: result.match }),
      passages: result.excerpts,
    };
  };
}

/**
 * The baseline: plain MiniSearch with default options over non-overlapping 3-sentence windows
 * (same sentence splitter), returning whole windows. It never abstains when anything matches.
 */
export function baselineRetriever(articles: readonly Article[]): Retriever {
  const windows = articles.flatMap((article) => {
    const sentences = articleSentences(article);
    return chunkArticle(article.id, sentences, 0, { windowSize: 3, stride: 3 }).map((chunk) => ({
      articleId: article.id,
      paragraphs: [...new Set(sentences.slice(chunk.first, chunk.last + 1).map((s) => s.paragraph))],
      text: chunk.text,
    }));
  });
  const miniSearch = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  miniSearch.addAll(windows.map((window, id) => ({ id, text: window.text })));
  return (question, k) => {
    const passages = miniSearch
      .search(question)
      .slice(0, k)
      .flatMap((result) => windows[result.id as number] ?? []);
    return { answered: passages.length > 0, passages };
  };
}
