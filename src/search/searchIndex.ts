import type MiniSearch from 'minisearch';
import { runInSlices, runToEnd } from '../cooperative.js';
import type { Article } from '../corpus/article.js';
import type { SynonymGroup } from '../corpus/synonyms.js';
import { analyze } from './analyzer.js';
import { bm25Idf, bm25TermFrequency } from './bm25.js';
import { type ChunkOptions, type Passage, type Sentence, windowCount, windowsContaining } from './chunk.js';
import type { CommonTermPostings } from './commonTermPostings.js';
import {
  buildParts,
  type IndexParts,
  type IndexSettings,
  type IndexSnapshot,
  restoreParts,
} from './indexParts.js';
import { lazyMiniSearchJson } from './miniSearchJson.js';
import type { SearchOptions } from './searchOptions.js';
import type { SentenceTerms } from './sentenceTerms.js';
import { SynonymExpander } from './synonymExpander.js';
import { TermExpander } from './termExpander.js';
import { Vocabulary } from './vocabulary.js';

export type { IndexSettings, IndexSnapshot } from './indexParts.js';
export { DEFAULT_SEARCH_OPTIONS, EXPANSION_WEIGHT, type SearchOptions } from './searchOptions.js';

/** Windows a search returns unless asked for another number. */
export const DEFAULT_SEARCH_LIMIT = 100;

/** How queries of already analysed index terms are read. */
const AS_INDEX_TERMS = { tokenize: (term: string) => [term], processTerm: (term: string) => term };

/** A window of sentences that matched a search. */
export interface PassageHit {
  readonly passage: Passage;
  /** The window's sentences' BM25 scores summed, plus its article title's. */
  readonly score: number;
  /** The article title's share of the score. */
  readonly titleScore: number;
}

/** What a search covers when its index is one part of a larger library (see LayeredIndex). */
export interface SearchScope {
  /** Sentence statistics of the whole library: term weights (idf) then match its other parts'. */
  readonly stats?: LibraryStats;
  /** Articles to leave out (shared articles a server hid). */
  readonly exclude?: ReadonlySet<string>;
  /** Whether the whole library has this exact term (then it is taken as meant, never typo-matched). */
  readonly knows?: (term: string) => boolean;
}

/** How many sentences a library has, and how many of them use an index term. */
export interface LibraryStats {
  readonly sentenceCount: number;
  termFrequency(term: string): number;
}

export interface SearchResults {
  /** Matching windows, best first. */
  readonly passages: readonly PassageHit[];
  /** Every index term the query stands for (its own terms, related terms, prefix and typo matches), with its weight. */
  readonly termWeights: ReadonlyMap<string, number>;
}

/**
 * The searchable corpus: every story sentence indexed once in MiniSearch (BM25 over sentences), the
 * overlapping sentence windows scored from their sentences' hits, titles in a small index of their
 * own, and each sentence's analysed terms kept as ids for re-ranking.
 */
export class SearchIndex {
  readonly articles: ReadonlyMap<string, Article>;
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  readonly options: SearchOptions;
  readonly chunkOptions: ChunkOptions;
  /** Mean number of analysed terms in a sentence, for sentence-level BM25. */
  readonly averageSentenceTerms: number;
  /** Overlapping sentence windows over all articles: the passages an answer is cut from. */
  readonly passageCount: number;
  readonly synonyms: SynonymExpander;

  private readonly synonymGroups: readonly SynonymGroup[];
  private readonly vocabulary: Vocabulary;
  private readonly terms: SentenceTerms;
  private readonly miniSearch: MiniSearch;
  private readonly common: CommonTermPostings;
  private readonly titles: MiniSearch;
  /** Article ids in the order their sentences are numbered; `firstSentence` maps back. */
  private readonly articleIds: readonly string[];
  private readonly firstSentence: ReadonlyMap<string, number>;
  /** Sentence number → position of its article in `articleIds`. */
  private readonly sentenceArticle: Uint32Array;
  private readonly expander: TermExpander;

  /**
   * Builds the index synchronously (tests, evaluation, CLI), or restores it from a snapshot.
   * A bot that must keep answering while it builds uses {@link SearchIndex.create}.
   */
  constructor(
    articles: readonly Article[],
    settings: IndexSettings = {},
    restored?: IndexSnapshot | IndexParts,
  ) {
    this.articles = new Map(articles.map((article) => [article.id, article]));
    let parts: IndexParts;
    if (restored === undefined) parts = runToEnd(buildParts(articles, settings));
    else if (restored.vocabulary instanceof Vocabulary) parts = restored as IndexParts;
    else parts = restoreParts(this.articles, restored as IndexSnapshot);
    this.options = parts.options;
    this.chunkOptions = parts.chunk;
    this.synonymGroups = parts.synonyms;
    this.synonyms = new SynonymExpander(parts.synonyms);
    this.sentences = parts.sentences;
    this.vocabulary = parts.vocabulary;
    this.terms = parts.terms;
    this.miniSearch = parts.miniSearch;
    this.common = parts.common;
    this.expander = new TermExpander(parts.vocabulary, parts.options);
    this.averageSentenceTerms = parts.averageSentenceTerms;

    this.articleIds = [...parts.sentences.keys()];
    const firstSentence = new Map<string, number>();
    this.sentenceArticle = new Uint32Array(this.terms.sentenceCount);
    let number = 0;
    let passages = 0;
    for (const [ordinal, id] of this.articleIds.entries()) {
      const count = parts.sentences.get(id)?.length ?? 0;
      firstSentence.set(id, number);
      this.sentenceArticle.fill(ordinal, number, number + count);
      number += count;
      passages += windowCount(count, this.chunkOptions);
    }
    this.firstSentence = firstSentence;
    this.passageCount = passages;
    this.titles = parts.titles;
  }

  /** Builds the index in slices, yielding to the event loop between them so other work keeps being served. */
  static async create(articles: readonly Article[], settings: IndexSettings = {}): Promise<SearchIndex> {
    return new SearchIndex(articles, settings, await runInSlices(buildParts(articles, settings)));
  }

  /**
   * Everything but the articles, to serialise (with jsonPieces or JSON.stringify) and restore with
   * {@link SearchIndex}; MiniSearch's part is produced only while it is serialised.
   */
  toSnapshot(): IndexSnapshot {
    return {
      options: this.options,
      chunk: this.chunkOptions,
      synonyms: this.synonymGroups,
      sentences: [...this.sentences].map(([id, list]) => [
        id,
        list.map((s) => [s.paragraph, s.start, s.end]),
      ]),
      vocabulary: this.vocabulary.toJSON(),
      terms: this.terms.toJSON(),
      miniSearch: lazyMiniSearchJson(this.miniSearch),
      averageSentenceTerms: this.averageSentenceTerms,
    };
  }

  /** The analysed terms of sentence `i` of the article, in order. */
  sentenceTerms(articleId: string, i: number): string[] {
    const first = this.firstSentence.get(articleId);
    if (first === undefined || i < 0 || i >= (this.sentences.get(articleId)?.length ?? 0)) return [];
    return Array.from(this.terms.of(first + i), (id) => this.vocabulary.word(id));
  }

  /**
   * Windows matching any query term, best first: BM25 of each sentence (MiniSearch), summed over the
   * windows that contain it, plus the title's.
   */
  search(question: string, limit = DEFAULT_SEARCH_LIMIT, scope: SearchScope = {}): SearchResults {
    const termWeights = this.expander.termWeights(analyze(question), scope.knows);
    const idfScale = (term: string) =>
      scope.stats ? this.idfIn(scope.stats, term) / this.idfIn(this, term) : 1;
    const searchOptions = {
      ...AS_INDEX_TERMS,
      prefix: false,
      fuzzy: false,
      bm25: this.options.bm25,
      boostTerm: (term: string) => (termWeights.get(term) ?? 1) * idfScale(term),
    };
    const read = this.expander.withinBudget(termWeights);
    const inMiniSearch = read.filter((term) => !this.isCommon(term));
    // Sentence number → its BM25 against the terms read.
    const sentenceScores = new Map<number, number>();
    if (inMiniSearch.length > 0) {
      for (const hit of this.miniSearch.search({ combineWith: 'OR', queries: inMiniSearch }, searchOptions))
        sentenceScores.set(hit.id as number, hit.score);
    }
    for (const term of read.filter((candidate) => this.isCommon(candidate)))
      this.addCommonTermHits(term, (termWeights.get(term) ?? 1) * idfScale(term), sentenceScores);
    const titleScores = new Map<number, number>();
    if (termWeights.size > 0) {
      const titleQuery = { combineWith: 'OR' as const, queries: [...termWeights.keys()] };
      for (const hit of this.titles.search(titleQuery, searchOptions))
        titleScores.set(hit.id as number, this.options.titleBoost * hit.score);
    }
    if (scope.exclude && scope.exclude.size > 0) this.dropExcluded(sentenceScores, scope.exclude);
    return { passages: this.windowsOf(sentenceScores, titleScores, limit), termWeights };
  }

  /** Sentences in this index, for sentence-level BM25. */
  get sentenceCount(): number {
    return this.terms.sentenceCount;
  }

  /** How many sentences use this exact index term. */
  termFrequency(term: string): number {
    return this.vocabulary.frequencyOf(term);
  }

  private idfIn(stats: LibraryStats, term: string): number {
    return bm25Idf(stats.sentenceCount, stats.termFrequency(term));
  }

  private dropExcluded(sentenceScores: Map<number, number>, exclude: ReadonlySet<string>): void {
    for (const number of sentenceScores.keys()) {
      const articleId = this.articleIds[this.sentenceArticle[number] ?? 0] ?? '';
      if (exclude.has(articleId)) sentenceScores.delete(number);
    }
  }

  /** Sums sentence scores into the windows that contain them; the best `limit` windows, best first. */
  private windowsOf(
    sentenceScores: ReadonlyMap<number, number>,
    titleScores: ReadonlyMap<number, number>,
    limit: number,
  ): PassageHit[] {
    // Windows are keyed by the corpus-wide number of their first sentence.
    const scores = new Map<number, number>();
    for (const [number, sentenceScore] of sentenceScores) {
      const ordinal = this.sentenceArticle[number] ?? 0;
      const articleId = this.articleIds[ordinal] ?? '';
      const first = this.firstSentence.get(articleId) ?? 0;
      const count = this.sentences.get(articleId)?.length ?? 0;
      for (const [start] of windowsContaining(number - first, count, this.chunkOptions)) {
        const key = first + start;
        scores.set(key, (scores.get(key) ?? titleScores.get(ordinal) ?? 0) + sentenceScore);
      }
    }
    const keys = Float64Array.from(scores.keys());
    const values = Float64Array.from(scores.values());
    const order = Uint32Array.from(keys.keys())
      .sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0) || (keys[a] ?? 0) - (keys[b] ?? 0))
      .subarray(0, limit);
    return Array.from(order, (position) => {
      const key = keys[position] ?? 0;
      const score = values[position] ?? 0;
      const ordinal = this.sentenceArticle[key] ?? 0;
      const articleId = this.articleIds[ordinal] ?? '';
      const list = this.sentences.get(articleId) ?? [];
      const offset = this.firstSentence.get(articleId) ?? 0;
      const first = key - offset;
      const last = Math.min(list.length, first + this.chunkOptions.windowSize) - 1;
      const paragraphs = { first: list[first]?.paragraph ?? 0, last: list[last]?.paragraph ?? 0 };
      return {
        passage: { articleId, first, last, paragraphs },
        score,
        titleScore: titleScores.get(ordinal) ?? 0,
      };
    });
  }

  private isCommon(term: string): boolean {
    const id = this.vocabulary.idOf(term);
    return id !== undefined && this.common.has(id);
  }

  /** BM25 (as MiniSearch computes it) of the sentences containing a common term, added to `scores`. */
  private addCommonTermHits(term: string, weight: number, scores: Map<number, number>): void {
    const id = this.vocabulary.idOf(term);
    if (id === undefined) return;
    const idf = bm25Idf(this.terms.sentenceCount, this.vocabulary.frequencyOf(term));
    for (const number of this.common.sentencesWith(id)) {
      const ids = this.terms.of(number);
      let count = 0;
      for (const other of ids) if (other === id) count++;
      const tf = bm25TermFrequency(count, ids.length, this.averageSentenceTerms, this.options.bm25);
      scores.set(number, (scores.get(number) ?? 0) + weight * idf * tf);
    }
  }

  /**
   * Index terms a query term stands for beyond prefix and typo matching, when the index lacks it
   * (see TermExpander.relatedTerms).
   */
  relatedTerms(term: string): string[] {
    return this.expander.relatedTerms(term);
  }

  /** The index terms a query term stands for: itself, related terms, prefix and typo matches. */
  termsFor(term: string, knows?: (term: string) => boolean): string[] {
    return [...this.expander.termWeights([term], knows).keys()];
  }

  /** Whether this index has exactly this analysed term. */
  hasTerm(term: string): boolean {
    return this.vocabulary.has(term);
  }

  /**
   * Corpus terms at most `distance` edits from `term` (two swapped letters count as one), with the
   * number of sentences using each: the words a misspelt question word may have meant.
   */
  termsNear(term: string, distance: number): [string, number][] {
    return this.vocabulary.withinEdits(term, distance);
  }

  /** How many sentences use the query term or what it expands to; zero means the corpus never does. */
  sentenceFrequencyOf(term: string, knows?: (term: string) => boolean): number {
    return this.expander.sentenceFrequencyOf(term, knows);
  }

  /** Inverse document frequency over sentences (BM25's form); a term in no sentence gets the highest value. */
  idf(term: string): number {
    return bm25Idf(this.terms.sentenceCount, this.sentenceFrequencyOf(term));
  }
}
