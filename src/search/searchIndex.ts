import type MiniSearch from 'minisearch';
import { runInSlices, runToEnd } from '../cooperative.js';
import type { Article } from '../corpus/article.js';
import type { SynonymGroup } from '../corpus/synonyms.js';
import { analyze } from './analyzer.js';
import { bm25Idf } from './bm25.js';
import { type ChunkOptions, type Passage, type Sentence, shapeOf, windowCount } from './chunk.js';
import type { CommonTermPostings } from './commonTermPostings.js';
import { addExactTermScores } from './exactTermScores.js';
import {
  buildParts,
  type IndexParts,
  type IndexSettings,
  type IndexSnapshot,
  type ReusableTerms,
  restoreParts,
} from './indexParts.js';
import { packMiniSearchSteps } from './packedMiniSearch.js';
import { QuestionCoverage } from './questionCoverage.js';
import type { Alternative } from './searchable.js';
import type { SearchOptions } from './searchOptions.js';
import type { SentenceTerms } from './sentenceTerms.js';
import { SynonymExpander } from './synonymExpander.js';
import { TermExpander } from './termExpander.js';
import { type SentencePlacement, topThreeSentenceWindows, topWindowsOfAnyShape } from './topWindows.js';
import { Vocabulary } from './vocabulary.js';
import { SearchScratch, type TopWindows } from './windowScores.js';

// Articles whose sentence spans are listed between two points where a saving bot answers others.
const ARTICLES_PER_STEP = 1_000;

export type { IndexSettings, IndexSnapshot } from './indexParts.js';
export { DEFAULT_SEARCH_OPTIONS, EXPANSION_WEIGHT, type SearchOptions } from './searchOptions.js';

/** One-article indexes kept for {@link SearchIndex.only} (a few kilobytes to a megabyte each). */
const MAX_SINGLE_ARTICLE_INDEXES = 32;

/** Windows a search returns unless asked for another number. */
export const DEFAULT_SEARCH_LIMIT = 100;

/** A window of sentences that matched a search. */
export interface PassageHit {
  readonly passage: Passage;
  /** The window's sentences' BM25 scores summed, times how much of the question they cover, plus its article title's. */
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
  /** Words searched beside the question's, each at its weight. */
  readonly alternatives?: readonly Alternative[];
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
  /** A term id's word, made once (sentenceTerms runs for every sentence an answer weighs). */
  private readonly wordOf = (id: number) => this.vocabulary.word(id);
  private readonly terms: SentenceTerms;
  private readonly miniSearch: MiniSearch;
  private readonly common: CommonTermPostings;
  private readonly titles: MiniSearch;
  /** Article ids in the order their sentences are numbered; `firstSentence` maps back. */
  private readonly articleIds: readonly string[];
  private readonly firstSentence: ReadonlyMap<string, number>;
  /** Each sentence's article (its position in `articleIds`), each article's first sentence and length. */
  private readonly placement: SentencePlacement;
  /** Scratch arrays for searches, made on the first one (see SearchScratch). */
  private scratch: SearchScratch | undefined;
  /** The same for the titles' index: a score per article. */
  private titleScratch: SearchScratch | undefined;
  private readonly expander: TermExpander;
  /** Indexes of one article each, most recently used last (see only). */
  private readonly singles = new Map<string, SearchIndex>();

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
    const sentenceArticle = new Uint32Array(this.terms.sentenceCount);
    let number = 0;
    let passages = 0;
    for (const [ordinal, id] of this.articleIds.entries()) {
      const count = parts.sentences.get(id)?.length ?? 0;
      firstSentence.set(id, number);
      sentenceArticle.fill(ordinal, number, number + count);
      number += count;
      passages += windowCount(count, this.chunkOptions);
    }
    this.firstSentence = firstSentence;
    this.placement = {
      sentenceArticle,
      articleStart: Uint32Array.from(this.articleIds, (id) => firstSentence.get(id) ?? 0),
      articleLength: Uint32Array.from(this.articleIds, (id) => parts.sentences.get(id)?.length ?? 0),
    };
    this.passageCount = passages;
    this.titles = parts.titles;
  }

  /** Builds the index in slices, yielding to the event loop between them so other work keeps being served. */
  static async create(articles: readonly Article[], settings: IndexSettings = {}): Promise<SearchIndex> {
    return new SearchIndex(articles, settings, await runInSlices(buildParts(articles, settings)));
  }

  /**
   * Everything but the articles, to serialise (with jsonPieces or JSON.stringify) and restore with
   * {@link SearchIndex}; the two MiniSearch indexes packed (see packedMiniSearch.ts).
   */
  toSnapshot(): IndexSnapshot {
    return runToEnd(this.snapshotSteps());
  }

  /** What the next build of the index may take over from this one (see ReusableTerms). */
  reusableTerms(): ReusableTerms {
    const { articles, sentences, firstSentence, vocabulary, terms } = this;
    return { articles, sentences, firstSentence, vocabulary, terms };
  }

  /**
   * An index of one of this index's articles alone, with the same settings. Its sentences' terms are
   * taken over from this index, so it is built in about a millisecond for an article of 20
   * paragraphs; the last few are kept.
   */
  only(articleId: string): SearchIndex | undefined {
    const article = this.articles.get(articleId);
    if (!article) return undefined;
    let single = this.singles.get(articleId);
    if (single) this.singles.delete(articleId);
    else
      single =
        this.articles.size === 1
          ? this
          : new SearchIndex([article], {
              chunk: this.chunkOptions,
              search: this.options,
              synonyms: this.synonymGroups,
              previous: this.reusableTerms(),
            });
    this.singles.set(articleId, single);
    for (const oldest of this.singles.keys()) {
      if (this.singles.size <= MAX_SINGLE_ARTICLE_INDEXES) break;
      this.singles.delete(oldest);
    }
    return single;
  }

  /** {@link SearchIndex.toSnapshot} in steps: the bot saves its snapshot while it answers. */
  *snapshotSteps(): Generator<void, IndexSnapshot> {
    const miniSearch = yield* packMiniSearchSteps(this.miniSearch);
    const titles = yield* packMiniSearchSteps(this.titles);
    const sentences: [string, [number, number, number][]][] = [];
    for (const [id, list] of this.sentences) {
      sentences.push([id, list.map((s) => [s.paragraph, s.start, s.end])]);
      if (sentences.length % ARTICLES_PER_STEP === 0) yield;
    }
    yield;
    // About 20 ms at 10,000 articles (11 MB of base64): a step of its own.
    const terms = this.terms.toJSON();
    yield;
    return {
      options: this.options,
      chunk: this.chunkOptions,
      synonyms: this.synonymGroups,
      sentences,
      vocabulary: this.vocabulary.toJSON(),
      terms,
      miniSearch,
      titles,
      averageSentenceTerms: this.averageSentenceTerms,
    };
  }

  /** Makes, in steps, the look-ups a first typo search would otherwise make at once. */
  prepareLookupSteps(): Generator<void, void> {
    return this.vocabulary.lookupSteps();
  }

  /** The analysed terms of sentence `i` of the article, in order. */
  sentenceTerms(articleId: string, i: number): string[] {
    const first = this.firstSentence.get(articleId);
    if (first === undefined || i < 0 || i >= (this.sentences.get(articleId)?.length ?? 0)) return [];
    return this.terms.mapOf(first + i, this.wordOf);
  }

  sentenceFrequenciesIn(articleId: string, terms: Iterable<string>): Map<string, number> {
    const frequencies = new Map<string, number>();
    const first = this.firstSentence.get(articleId);
    if (first === undefined) return frequencies;
    const count = this.sentences.get(articleId)?.length ?? 0;
    const ids = new Map<string, number>();
    for (const term of terms) {
      const id = this.vocabulary.idOf(term);
      if (id !== undefined) ids.set(term, id);
    }
    const counts = this.terms.sentencesUsing(first, first + count, [...ids.values()]);
    [...ids.keys()].forEach((term, k) => {
      const frequency = counts[k] ?? 0;
      if (frequency > 0) frequencies.set(term, frequency);
    });
    return frequencies;
  }

  /**
   * The best `limit` windows matching any query term, best first: BM25 of each sentence, summed over
   * the windows that contain it, plus the title's. Every posting of every term is read, so the list is
   * exact: a budget of postings once made this fast at 10,000 articles by losing a third of the
   * answers. MaxScore pruning was tried instead and measured (BENCHMARKS.md): on realistic text it
   * could rarely prove a common word irrelevant and was no faster, so scoring is made cheap instead
   * (typed arrays, see SearchScratch).
   */
  search(question: string, limit = DEFAULT_SEARCH_LIMIT, scope: SearchScope = {}): SearchResults {
    const { weights: termWeights, wordOf } = this.expander.termWeights(
      analyze(question),
      scope.knows,
      (scope.alternatives ?? []).flatMap(({ words, weight }) =>
        analyze(words).map((term) => [term, weight] as const),
      ),
    );
    const coverage = new QuestionCoverage(termWeights, wordOf);
    const idfScale = (term: string) =>
      scope.stats ? this.idfIn(scope.stats, term) / this.idfIn(this, term) : 1;
    const weightOf = (term: string) => (termWeights.get(term) ?? 1) * idfScale(term);
    const present = [...termWeights.keys()].filter((term) => this.vocabulary.frequencyOf(term) > 0);
    const inMiniSearch = present.filter((term) => !this.isCommon(term));
    this.titleScratch ??= new SearchScratch(this.articleIds.length);
    const titleScratch = this.titleScratch;
    this.scratch ??= new SearchScratch(this.terms.sentenceCount);
    const scratch = this.scratch;
    try {
      addExactTermScores(this.titles, [...termWeights.keys()], weightOf, this.options.bm25, titleScratch);
      // Each article's title score, boosted, by ordinal: an array read for every window scored (a
      // map look-up there made the search a quarter slower at 10,000 articles: p50 0.62 against 0.46 ms,
      // medians of nine alternating runs).
      const titleScores = titleScratch.sentence;
      for (const ordinal of titleScratch.touched)
        titleScores[ordinal] = this.options.titleBoost * (titleScores[ordinal] ?? 0);
      addExactTermScores(this.miniSearch, inMiniSearch, weightOf, this.options.bm25, scratch, coverage);
      for (const term of present)
        if (this.isCommon(term)) this.addCommonTermHits(term, weightOf(term), scratch, coverage);
      if (scope.exclude && scope.exclude.size > 0) this.dropExcluded(scratch, scope.exclude);
      return { passages: this.topWindows(scratch, titleScores, coverage, limit), termWeights };
    } finally {
      titleScratch.clear();
      scratch.clear();
    }
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

  private dropExcluded(scratch: SearchScratch, exclude: ReadonlySet<string>): void {
    for (const n of scratch.touched) {
      const articleId = this.articleIds[this.placement.sentenceArticle[n] ?? 0] ?? '';
      if (exclude.has(articleId)) scratch.sentence[n] = 0;
    }
  }

  /**
   * The windows holding a scored sentence, each scored as its sentences' scores and its title's; the
   * best `limit`, best first.
   */
  private topWindows(
    scratch: SearchScratch,
    titleScores: Float64Array,
    coverage: QuestionCoverage,
    limit: number,
  ): PassageHit[] {
    const { size, stride } = shapeOf(this.chunkOptions);
    const top =
      size === 3 && stride === 1
        ? topThreeSentenceWindows(scratch, this.placement, titleScores, coverage, limit)
        : topWindowsOfAnyShape(scratch, this.placement, titleScores, coverage, limit, size, stride);
    return this.hitsOf(top, titleScores);
  }

  /** The windows kept, as passages with their scores, best first. */
  private hitsOf(top: TopWindows, titleScores: Float64Array): PassageHit[] {
    return top.keys.map((key, position) => {
      const ordinal = this.placement.sentenceArticle[key] ?? 0;
      const articleId = this.articleIds[ordinal] ?? '';
      const list = this.sentences.get(articleId) ?? [];
      const first = key - (this.placement.articleStart[ordinal] ?? 0);
      const last = Math.min(list.length, first + this.chunkOptions.windowSize) - 1;
      const paragraphs = { first: list[first]?.paragraph ?? 0, last: list[last]?.paragraph ?? 0 };
      return {
        passage: { articleId, first, last, paragraphs },
        score: top.scores[position] ?? 0,
        titleScore: titleScores[ordinal] ?? 0,
      };
    });
  }

  private isCommon(term: string): boolean {
    const id = this.vocabulary.idOf(term);
    return id !== undefined && this.common.has(id);
  }

  /** BM25 (as MiniSearch computes it) of the sentences containing a common term, added to their scores. */
  private addCommonTermHits(
    term: string,
    termWeight: number,
    scratch: SearchScratch,
    coverage: QuestionCoverage,
  ): void {
    const id = this.vocabulary.idOf(term);
    if (id === undefined) return;
    const weight = termWeight * this.idfIn(this, term);
    const numbers = this.common.sentencesWith(id);
    const tfs = this.common.frequenciesOf(id);
    const word = coverage.bitOf(term);
    for (let i = 0; i < numbers.length; i++) scratch.add(numbers[i] ?? 0, weight * (tfs[i] ?? 0), word);
  }

  /**
   * Index terms a query term stands for beyond prefix and typo matching, when the index lacks it
   * (see TermExpander.relatedTerms).
   */
  relatedTerms(term: string, knows?: (term: string) => boolean): string[] {
    return this.expander.relatedTerms(term, knows);
  }

  /** The index terms a query term stands for: itself, related terms, prefix and typo matches. */
  termsFor(term: string, knows?: (term: string) => boolean): string[] {
    return [...this.expander.termWeights([term], knows).weights.keys()];
  }

  /** Whether this index has exactly this analysed term. */
  hasTerm(term: string): boolean {
    return this.vocabulary.has(term);
  }

  /**
   * Corpus terms at most `distance` edits from `term` (two swapped letters count as one), with the
   * number of sentences using each: the words a misspelt question word may have meant (with
   * `sameFirstLetter`, only those starting as it does).
   */
  termsNear(term: string, distance: number, sameFirstLetter = false): [string, number][] {
    return this.vocabulary.withinEdits(term, distance, sameFirstLetter);
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
