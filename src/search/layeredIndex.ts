import type { Article } from '../corpus/article.js';
import { bm25Idf } from './bm25.js';
import type { Sentence } from './chunk.js';
import { LayeredMap } from './layeredMap.js';
import type { Alternative, Searchable } from './searchable.js';
import {
  DEFAULT_SEARCH_LIMIT,
  type LibraryStats,
  type PassageHit,
  type SearchIndex,
  type SearchResults,
} from './searchIndex.js';
import type { SearchOptions } from './searchOptions.js';
import type { SynonymExpander } from './synonymExpander.js';

/**
 * A server's library: the shared index (built once, never copied) with the server's hidden articles
 * left out, plus a small index of the server's own articles. Both parts score with the sentence
 * statistics of the two together, so a passage ranks the same as it would in one index of all of it.
 */
export class LayeredIndex implements Searchable, LibraryStats {
  readonly articles: ReadonlyMap<string, Article>;
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;

  constructor(
    private readonly shared: SearchIndex,
    private readonly own: SearchIndex,
    private readonly hidden: ReadonlySet<string>,
  ) {
    this.articles = new LayeredMap(shared.articles, own.articles, hidden);
    this.sentences = new LayeredMap(shared.sentences, own.sentences, hidden);
    this.knows = (term) => shared.hasTerm(term) || own.hasTerm(term);
  }

  /** Whether either part has the exact term: neither part then looks for typos of it. */
  private readonly knows: (term: string) => boolean;

  hasTerm(term: string): boolean {
    return this.knows(term);
  }

  get options(): SearchOptions {
    return this.shared.options;
  }

  get synonyms(): SynonymExpander {
    return this.shared.synonyms;
  }

  get sentenceCount(): number {
    return this.shared.sentenceCount + this.own.sentenceCount;
  }

  get averageSentenceTerms(): number {
    const total = this.sentenceCount;
    if (this.own.sentenceCount === 0 || total === 0) return this.shared.averageSentenceTerms;
    return (
      (this.shared.averageSentenceTerms * this.shared.sentenceCount +
        this.own.averageSentenceTerms * this.own.sentenceCount) /
      total
    );
  }

  get passageCount(): number {
    return this.shared.passageCount + this.own.passageCount;
  }

  termFrequency(term: string): number {
    return this.shared.termFrequency(term) + this.own.termFrequency(term);
  }

  search(
    question: string,
    limit = DEFAULT_SEARCH_LIMIT,
    { alternatives = [] }: { readonly alternatives?: readonly Alternative[] } = {},
  ): SearchResults {
    const scope = { stats: this, knows: this.knows, alternatives };
    const fromShared = this.shared.search(question, limit, { ...scope, exclude: this.hidden });
    const fromOwn = this.own.search(question, limit, scope);
    const passages: PassageHit[] = [...fromShared.passages, ...fromOwn.passages]
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    const termWeights = new Map(fromShared.termWeights);
    for (const [term, weight] of fromOwn.termWeights)
      termWeights.set(term, Math.max(weight, termWeights.get(term) ?? 0));
    return { passages, termWeights };
  }

  sentenceTerms(articleId: string, i: number): string[] {
    if (this.own.articles.has(articleId)) return this.own.sentenceTerms(articleId, i);
    return this.hidden.has(articleId) ? [] : this.shared.sentenceTerms(articleId, i);
  }

  sentenceFrequenciesIn(articleId: string, terms: Iterable<string>): Map<string, number> {
    if (this.own.articles.has(articleId)) return this.own.sentenceFrequenciesIn(articleId, terms);
    return this.hidden.has(articleId) ? new Map() : this.shared.sentenceFrequenciesIn(articleId, terms);
  }

  relatedTerms(term: string): string[] {
    return [
      ...new Set([...this.shared.relatedTerms(term, this.knows), ...this.own.relatedTerms(term, this.knows)]),
    ];
  }

  termsFor(term: string): string[] {
    return [...new Set([...this.shared.termsFor(term, this.knows), ...this.own.termsFor(term, this.knows)])];
  }

  termsNear(term: string, distance: number, sameFirstLetter = false): [string, number][] {
    const counts = new Map(this.shared.termsNear(term, distance, sameFirstLetter));
    for (const [near, count] of this.own.termsNear(term, distance, sameFirstLetter))
      counts.set(near, (counts.get(near) ?? 0) + count);
    return [...counts];
  }

  sentenceFrequencyOf(term: string): number {
    return this.shared.sentenceFrequencyOf(term, this.knows) + this.own.sentenceFrequencyOf(term, this.knows);
  }

  idf(term: string): number {
    return bm25Idf(this.sentenceCount, this.sentenceFrequencyOf(term));
  }

  only(articleId: string): Searchable | undefined {
    if (this.own.articles.has(articleId)) return this.own.only(articleId);
    return this.hidden.has(articleId) ? undefined : this.shared.only(articleId);
  }
}
