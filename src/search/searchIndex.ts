import MiniSearch from 'minisearch';
import { runInSlices, runToEnd } from '../cooperative.js';
import type { Article } from '../corpus/article.js';
import type { SynonymGroup } from '../corpus/synonyms.js';
import type { LazyJson } from '../jsonPieces.js';
import { analyze, analyzeWord, tokenize } from './analyzer.js';
import {
  articleSentences,
  type ChunkOptions,
  DEFAULT_CHUNK_OPTIONS,
  type Passage,
  type Sentence,
  windowCount,
  windowsContaining,
} from './chunk.js';
import { CommonTermPostings } from './commonTermPostings.js';
import { lazyMiniSearchJson } from './miniSearchJson.js';
import { SentenceTerms, SentenceTermsBuilder } from './sentenceTerms.js';
import { SynonymExpander } from './synonymExpander.js';
import { Vocabulary } from './vocabulary.js';

export interface SearchOptions {
  /** Query terms at least this long also match index terms they are a prefix of ("spoke" → "spoken"). */
  readonly prefixMinLength: number;
  /** Query terms at least this long that the corpus lacks also match index terms one edit away ("soverign"). */
  readonly fuzzyMinLength: number;
  /** …and at least this long, two edits away ("Zelensky" → "Zelenskyy", whose stems differ by two). */
  readonly twoEditsMinLength: number;
  /** Weight of the title relative to the text. */
  readonly titleBoost: number;
  /** BM25 parameters: term saturation k, length normalisation b, frequency floor d. */
  readonly bm25: { readonly k: number; readonly b: number; readonly d: number };
  /**
   * A search reads at most about this many sentence postings: the question's rarest terms first,
   * commoner ones while they fit. Common words decide little and cost the most in a large corpus;
   * they still count when the candidates are re-ranked.
   */
  readonly maxPostings: number;
  /**
   * Terms in more sentences than this keep their postings in packed arrays instead of MiniSearch
   * (see CommonTermPostings): a tenth of the memory for most of the postings of a large corpus.
   */
  readonly commonTermMinimum: number;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  prefixMinLength: 4,
  fuzzyMinLength: 6,
  twoEditsMinLength: 8,
  titleBoost: 0.5,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  maxPostings: 1200,
  commonTermMinimum: 100,
};

/** Index terms reached only through prefix or typo matching count for less than the question's own. */
export const EXPANSION_WEIGHT = 0.4;

/** Windows a search returns unless asked for another number. */
const DEFAULT_SEARCH_LIMIT = 100;

/** Query terms whose prefix and typo matches are remembered (the index never changes). */
const EXPANSION_CACHE_SIZE = 10_000;

/** The longest ending a query term may have beyond an index term it extends. */
const MAX_ENDING = 3;

export interface IndexSettings {
  readonly chunk?: ChunkOptions;
  readonly search?: SearchOptions;
  /** Equivalent phrase groups from the corpus's synonyms file. */
  readonly synonyms?: readonly SynonymGroup[];
  /** Called after each article is split into sentences and indexed. */
  readonly onProgress?: (done: number, total: number) => void;
}

// MiniSearch indexes each sentence once, as its analysed terms joined by spaces: the analyzer runs
// once per sentence at build time, and never again for scoring.
const SENTENCE_INDEX = {
  fields: ['terms'],
  tokenize: (terms: string) => terms.split(' '),
  processTerm: (term: string) => term,
};
const TITLE_INDEX = {
  fields: ['title'],
  tokenize: (text: string) => tokenize(text).map((token) => token.word),
  processTerm: (word: string) => analyzeWord(word),
};
/** How queries of already analysed index terms are read. */
const AS_INDEX_TERMS = { tokenize: (term: string) => [term], processTerm: (term: string) => term };

/** A built index as plain data; sentences are kept as offsets (their text comes from the articles). */
export interface IndexSnapshot {
  readonly options: SearchOptions;
  readonly chunk: ChunkOptions;
  readonly synonyms: readonly SynonymGroup[];
  readonly sentences: readonly (readonly [string, readonly (readonly [number, number, number])[]])[];
  readonly vocabulary: ReturnType<Vocabulary['toJSON']>;
  readonly terms: ReturnType<SentenceTerms['toJSON']>;
  /** MiniSearch's JSON form; produced lazily by {@link SearchIndex.toSnapshot} (see lazyMiniSearchJson). */
  readonly miniSearch: ReturnType<MiniSearch['toJSON']> | LazyJson;
  readonly averageSentenceTerms: number;
}

/** A sentence that matched: its BM25 against the terms read, and which of them it contains. */
interface SentenceHit {
  readonly score: number;
  readonly terms: readonly string[];
}

/** A window of sentences that matched a search. */
export interface PassageHit {
  readonly passage: Passage;
  /** The window's sentences' BM25 scores summed, plus its article title's. */
  readonly score: number;
  /** The article title's share of the score. */
  readonly titleScore: number;
  /** Index terms of the window that matched the query. */
  readonly terms: readonly string[];
}

export interface SearchResults {
  /** Matching windows, best first. */
  readonly passages: readonly PassageHit[];
  /** Every index term the query stands for (its own terms, related terms, prefix and typo matches), with its weight. */
  readonly termWeights: ReadonlyMap<string, number>;
}

/** The built parts of an index; {@link SearchIndex} wraps them. */
interface IndexParts {
  readonly options: SearchOptions;
  readonly chunk: ChunkOptions;
  readonly synonyms: readonly SynonymGroup[];
  /** Sentences by article, in the order they are numbered across the corpus. */
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  readonly vocabulary: Vocabulary;
  readonly terms: SentenceTerms;
  readonly miniSearch: MiniSearch;
  readonly common: CommonTermPostings;
  /** Article titles by the position of the article in `sentences`. */
  readonly titles: MiniSearch;
  readonly averageSentenceTerms: number;
}

/** Builds the parts step by step; every yield is a point where the caller may let other work run. */
function* buildParts(articles: readonly Article[], settings: IndexSettings): Generator<void, IndexParts> {
  const options = settings.search ?? DEFAULT_SEARCH_OPTIONS;
  const sentences = new Map<string, Sentence[]>();
  const vocabulary = new Vocabulary();
  const builder = new SentenceTermsBuilder();
  for (const [index, article] of articles.entries()) {
    const list = articleSentences(article);
    sentences.set(article.id, list);
    for (const sentence of list) {
      const ids = analyze(sentence.text).map((term) => vocabulary.intern(term));
      for (const id of new Set(ids)) vocabulary.countSentence(id);
      builder.add(ids);
      yield;
    }
    settings.onProgress?.(index + 1, articles.length);
  }
  const terms = builder.build();
  // Only now are the frequencies known: the commonest terms go to packed arrays, the rest to MiniSearch.
  const commonIds = vocabulary.commonTerms(options.commonTermMinimum);
  const miniSearch = new MiniSearch(SENTENCE_INDEX);
  for (let n = 0; n < terms.sentenceCount; n++) {
    const words = Array.from(terms.of(n))
      .filter((id) => !commonIds.has(id))
      .map((id) => vocabulary.word(id));
    if (words.length > 0) miniSearch.add({ id: n, terms: words.join(' ') });
    yield;
  }
  const common = yield* CommonTermPostings.build(terms, commonIds);
  const titles = new MiniSearch(TITLE_INDEX);
  for (const [ordinal, article] of articles.entries()) {
    titles.add({ id: ordinal, title: article.title });
    yield;
  }
  return {
    options,
    chunk: settings.chunk ?? DEFAULT_CHUNK_OPTIONS,
    synonyms: settings.synonyms ?? [],
    sentences,
    vocabulary,
    terms,
    miniSearch,
    common,
    titles,
    averageSentenceTerms: Math.max(1, terms.termCount / Math.max(1, terms.sentenceCount)),
  };
}

function restoreSentences(
  articles: ReadonlyMap<string, Article>,
  saved: IndexSnapshot['sentences'],
): Map<string, Sentence[]> {
  const sentences = new Map<string, Sentence[]>();
  for (const [id, spans] of saved) {
    const paragraphs = new Map(
      articles.get(id)?.paragraphs.map((paragraph) => [paragraph.number, paragraph.text]),
    );
    sentences.set(
      id,
      spans.map(([paragraph, start, end]) => ({
        paragraph,
        start,
        end,
        text: (paragraphs.get(paragraph) ?? '').slice(start, end),
      })),
    );
  }
  return sentences;
}

function restoreParts(articles: ReadonlyMap<string, Article>, saved: IndexSnapshot): IndexParts {
  const vocabulary = new Vocabulary(saved.vocabulary.words, saved.vocabulary.frequency);
  const terms = SentenceTerms.fromJSON(saved.terms);
  const titles = new MiniSearch(TITLE_INDEX);
  titles.addAll(
    saved.sentences.map(([id], ordinal) => ({ id: ordinal, title: articles.get(id)?.title ?? '' })),
  );
  return {
    titles,
    options: saved.options,
    chunk: saved.chunk,
    synonyms: saved.synonyms,
    sentences: restoreSentences(articles, saved.sentences),
    vocabulary,
    terms,
    common: runToEnd(
      CommonTermPostings.build(terms, vocabulary.commonTerms(saved.options.commonTermMinimum)),
    ),
    miniSearch: MiniSearch.loadJS(saved.miniSearch as ReturnType<MiniSearch['toJSON']>, SENTENCE_INDEX),
    averageSentenceTerms: saved.averageSentenceTerms,
  };
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
  private readonly expansions = new Map<string, readonly (readonly [string, number])[]>();

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
  search(question: string, limit = DEFAULT_SEARCH_LIMIT): SearchResults {
    const termWeights = this.termWeights(analyze(question));
    const searchOptions = {
      ...AS_INDEX_TERMS,
      prefix: false,
      fuzzy: false,
      bm25: this.options.bm25,
      boostTerm: (term: string) => termWeights.get(term) ?? 1,
    };
    const read = this.withinBudget(termWeights);
    const inMiniSearch = read.filter((term) => !this.isCommon(term));
    const sentenceHits = new Map<number, SentenceHit>();
    if (inMiniSearch.length > 0) {
      for (const hit of this.miniSearch.search({ combineWith: 'OR', queries: inMiniSearch }, searchOptions))
        sentenceHits.set(hit.id as number, { score: hit.score, terms: hit.terms });
    }
    for (const term of read.filter((candidate) => this.isCommon(candidate)))
      this.addCommonTermHits(term, termWeights.get(term) ?? 1, sentenceHits);
    const titleScores = new Map<number, number>();
    if (termWeights.size > 0) {
      const titleQuery = { combineWith: 'OR' as const, queries: [...termWeights.keys()] };
      for (const hit of this.titles.search(titleQuery, searchOptions))
        titleScores.set(hit.id as number, this.options.titleBoost * hit.score);
    }
    return { passages: this.windowsOf(sentenceHits, titleScores, limit), termWeights };
  }

  /** Sums sentence hits into the windows that contain them; the best `limit` windows, best first. */
  private windowsOf(
    hits: ReadonlyMap<number, SentenceHit>,
    titleScores: ReadonlyMap<number, number>,
    limit: number,
  ): PassageHit[] {
    // Windows are keyed by the corpus-wide number of their first sentence.
    const scores = new Map<number, number>();
    for (const [number, hit] of hits) {
      const ordinal = this.sentenceArticle[number] ?? 0;
      const articleId = this.articleIds[ordinal] ?? '';
      const first = this.firstSentence.get(articleId) ?? 0;
      const count = this.sentences.get(articleId)?.length ?? 0;
      for (const [start] of windowsContaining(number - first, count, this.chunkOptions)) {
        const key = first + start;
        scores.set(key, (scores.get(key) ?? titleScores.get(ordinal) ?? 0) + hit.score);
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
      const terms = new Set<string>();
      for (let number = key; number <= offset + last; number++)
        for (const term of hits.get(number)?.terms ?? []) terms.add(term);
      const paragraphs = { first: list[first]?.paragraph ?? 0, last: list[last]?.paragraph ?? 0 };
      return {
        passage: { articleId, first, last, paragraphs },
        score,
        titleScore: titleScores.get(ordinal) ?? 0,
        terms: [...terms],
      };
    });
  }

  private isCommon(term: string): boolean {
    const id = this.vocabulary.idOf(term);
    return id !== undefined && this.common.has(id);
  }

  /** BM25 (as MiniSearch computes it) of the sentences containing a common term, added to `hits`. */
  private addCommonTermHits(term: string, weight: number, hits: Map<number, SentenceHit>): void {
    const id = this.vocabulary.idOf(term);
    if (id === undefined) return;
    const { k, b, d } = this.options.bm25;
    const total = this.terms.sentenceCount;
    const frequency = this.vocabulary.frequencyOf(term);
    const idf = Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
    for (const number of this.common.sentencesWith(id)) {
      const ids = this.terms.of(number);
      let count = 0;
      for (const other of ids) if (other === id) count++;
      const norm = k * (1 - b + (b * ids.length) / this.averageSentenceTerms);
      const score = weight * idf * (d + (count * (k + 1)) / (count + norm));
      const hit = hits.get(number);
      hits.set(
        number,
        hit ? { score: hit.score + score, terms: [...hit.terms, term] } : { score, terms: [term] },
      );
    }
  }

  /**
   * The index terms the query terms stand for, each with its weight: the terms themselves and their
   * related terms count fully, prefix and typo matches less.
   */
  private termWeights(queryTerms: readonly string[]): Map<string, number> {
    const weights = new Map<string, number>();
    const add = (term: string, weight: number) => weights.set(term, Math.max(weight, weights.get(term) ?? 0));
    for (const term of queryTerms) {
      add(term, 1);
      for (const related of this.relatedTerms(term)) add(related, 1);
      for (const [other] of this.expansionsOf(term)) add(other, EXPANSION_WEIGHT);
    }
    return weights;
  }

  /**
   * Index terms the query term matches by prefix ("spoke" → "spoken") or, when the corpus lacks it,
   * within one or two edits ("soverign"), with their sentence frequencies. Cached: a question asks for them several times,
   * and typo look-ups walk the vocabulary tree.
   */
  private expansionsOf(term: string): readonly (readonly [string, number])[] {
    const cached = this.expansions.get(term);
    if (cached) return cached;
    const { prefixMinLength, fuzzyMinLength } = this.options;
    const found = [
      ...(term.length >= prefixMinLength ? this.vocabulary.withPrefix(term) : []),
      // Typo look-ups only for words the corpus lacks: a word it has is taken as meant.
      ...(term.length >= fuzzyMinLength && !this.vocabulary.has(term)
        ? this.vocabulary.withinEdits(term, term.length >= this.options.twoEditsMinLength ? 2 : 1)
        : []),
    ];
    if (this.expansions.size >= EXPANSION_CACHE_SIZE) this.expansions.clear();
    this.expansions.set(term, found);
    return found;
  }

  /** The terms worth reading: rarest first, while their postings fit in the budget (the rarest always). */
  private withinBudget(weights: ReadonlyMap<string, number>): string[] {
    const present = [...weights.keys()]
      .map((term) => [term, this.vocabulary.frequencyOf(term)] as const)
      .filter(([, frequency]) => frequency > 0)
      .sort((a, b) => a[1] - b[1]);
    const read: string[] = [];
    let postings = 0;
    for (const [term, frequency] of present) {
      if (read.length > 0 && postings + frequency > this.options.maxPostings) continue;
      read.push(term);
      postings += frequency;
    }
    return read;
  }

  /**
   * Index terms a query term stands for beyond prefix and typo matching, when the index lacks the
   * term itself: a shorter term it extends ("eastern" → "east") or the two parts of a compound
   * ("frontline" → "front", "line").
   */
  relatedTerms(term: string): string[] {
    if (this.vocabulary.has(term) || !/^\p{L}+$/u.test(term)) return [];
    // A shorter term plus a short ending ("east" + "ern"); longer leftovers are other words ("news" + "lett…").
    for (let length = term.length - 1; length >= Math.max(4, term.length - MAX_ENDING); length--) {
      const stem = term.slice(0, length);
      if (this.vocabulary.has(stem)) return [stem];
    }
    for (let split = 3; split <= term.length - 3; split++) {
      const parts = [term.slice(0, split), term.slice(split)];
      if (parts.every((part) => this.vocabulary.has(part))) return parts;
    }
    return [];
  }

  /**
   * How many sentences contain the query term, counting the index terms it expands to (prefix, typo,
   * related terms). Zero means the corpus never uses the word.
   */
  sentenceFrequencyOf(term: string): number {
    let frequency = this.vocabulary.frequencyOf(term);
    for (const [, count] of this.expansionsOf(term)) frequency = Math.max(frequency, count);
    if (frequency === 0) {
      // A shorter term or the parts of a compound: as many sentences as the rarest of them.
      const related = this.relatedTerms(term).map((other) => this.vocabulary.frequencyOf(other));
      if (related.length > 0) frequency = Math.min(...related);
    }
    return frequency;
  }

  /** Inverse document frequency over sentences (BM25's form); a term in no sentence gets the highest value. */
  idf(term: string): number {
    const n = this.terms.sentenceCount;
    const df = this.sentenceFrequencyOf(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
