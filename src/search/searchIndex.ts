import MiniSearch, { type SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Article } from '../corpus/article.js';
import type { SynonymGroup } from '../corpus/synonyms.js';
import { analyze, analyzeWord, tokenize } from './analyzer.js';
import {
  articleSentences,
  type Chunk,
  type ChunkOptions,
  chunkArticle,
  DEFAULT_CHUNK_OPTIONS,
  type Sentence,
} from './chunk.js';
import { SynonymExpander } from './synonymExpander.js';

export interface SearchOptions {
  /** Query terms at least this long also match index terms they are a prefix of ("spoke" → "spoken"). */
  readonly prefixMinLength: number;
  /** Query terms at least this long also match index terms one edit away ("soverign"). */
  readonly fuzzyMinLength: number;
  /** Weight of the title field relative to the text. */
  readonly titleBoost: number;
  /** BM25 parameters: term saturation k, length normalisation b, frequency floor d. */
  readonly bm25: { readonly k: number; readonly b: number; readonly d: number };
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  prefixMinLength: 4,
  fuzzyMinLength: 6,
  titleBoost: 0.5,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
};

/** The longest ending a query term may have beyond an index term it extends. */
const MAX_ENDING = 3;

export interface IndexSettings {
  readonly chunk?: ChunkOptions;
  readonly search?: SearchOptions;
  /** Equivalent phrase groups from the corpus's synonyms file. */
  readonly synonyms?: readonly SynonymGroup[];
  /** Called after each article is split into sentences and chunks. */
  readonly onProgress?: (done: number, total: number) => void;
}

interface ChunkDocument {
  readonly id: number;
  readonly text: string;
  readonly title: string;
}

const MINISEARCH_OPTIONS = {
  fields: ['text', 'title'],
  tokenize: (text: string) => tokenize(text).map((token) => token.word),
  processTerm: (word: string) => analyzeWord(word),
};

/** A built index as plain data: sentences and chunks by offsets (their text comes from the articles). */
export interface IndexSnapshot {
  readonly options: SearchOptions;
  readonly synonyms: readonly SynonymGroup[];
  readonly sentences: readonly (readonly [string, readonly (readonly [number, number, number])[]])[];
  readonly chunks: readonly (readonly [string, number, number])[];
  readonly miniSearch: ReturnType<MiniSearch['toJSON']>;
  readonly frequency: readonly (readonly [string, number])[];
  readonly sentenceTotal: number;
  readonly averageSentenceTerms: number;
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

function restoreChunks(
  sentences: ReadonlyMap<string, readonly Sentence[]>,
  saved: IndexSnapshot['chunks'],
): Chunk[] {
  return saved.map(([articleId, first, last], id) => {
    const run = sentences.get(articleId)?.slice(first, last + 1) ?? [];
    return {
      id,
      articleId,
      first,
      last,
      paragraphs: { first: run[0]?.paragraph ?? 0, last: run.at(-1)?.paragraph ?? 0 },
      text: run.map((sentence) => sentence.text).join(' '),
    };
  });
}

export interface ChunkHit {
  readonly chunk: Chunk;
  readonly score: number;
  /** Index terms of the chunk that matched the query (after prefix and fuzzy expansion). */
  readonly terms: readonly string[];
}

/** The built parts of an index; {@link SearchIndex} wraps them. */
interface IndexParts {
  readonly options: SearchOptions;
  readonly synonyms: readonly SynonymGroup[];
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  readonly chunks: readonly Chunk[];
  readonly miniSearch: MiniSearch<ChunkDocument>;
  readonly sentenceFrequency: SearchableMap<number>;
  readonly sentenceTotal: number;
  readonly averageSentenceTerms: number;
}

// Work between two yields of the build: small enough to keep the event loop responsive (~10 ms).
const SLICE = 200;

/** Builds the parts step by step; every yield is a point where the caller may let other work run. */
function* buildParts(articles: readonly Article[], settings: IndexSettings): Generator<void, IndexParts> {
  const chunkOptions = settings.chunk ?? DEFAULT_CHUNK_OPTIONS;
  const sentences = new Map<string, Sentence[]>();
  const chunks: Chunk[] = [];
  for (const [index, article] of articles.entries()) {
    const list = articleSentences(article);
    sentences.set(article.id, list);
    chunks.push(...chunkArticle(article.id, list, chunks.length, chunkOptions));
    settings.onProgress?.(index + 1, articles.length);
    if (index % 20 === 19) yield;
  }
  const titles = new Map(articles.map((article) => [article.id, article.title]));
  const miniSearch = new MiniSearch<ChunkDocument>(MINISEARCH_OPTIONS);
  for (const [index, chunk] of chunks.entries()) {
    miniSearch.add({ id: chunk.id, text: chunk.text, title: titles.get(chunk.articleId) ?? '' });
    if (index % SLICE === SLICE - 1) yield;
  }
  const sentenceFrequency = new SearchableMap<number>();
  let termCount = 0;
  let sentenceCount = 0;
  for (const list of sentences.values()) {
    for (const sentence of list) {
      const terms = analyze(sentence.text);
      termCount += terms.length;
      sentenceCount++;
      for (const term of new Set(terms)) sentenceFrequency.update(term, (count = 0) => count + 1);
      if (sentenceCount % SLICE === 0) yield;
    }
  }
  return {
    options: settings.search ?? DEFAULT_SEARCH_OPTIONS,
    synonyms: settings.synonyms ?? [],
    sentences,
    chunks,
    miniSearch,
    sentenceFrequency,
    sentenceTotal: sentenceCount,
    averageSentenceTerms: sentenceCount === 0 ? 1 : Math.max(1, termCount / sentenceCount),
  };
}

function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function restoreParts(articles: ReadonlyMap<string, Article>, saved: IndexSnapshot): IndexParts {
  const sentences = restoreSentences(articles, saved.sentences);
  return {
    options: saved.options,
    synonyms: saved.synonyms,
    sentences,
    chunks: restoreChunks(sentences, saved.chunks),
    miniSearch: MiniSearch.loadJS(saved.miniSearch, MINISEARCH_OPTIONS),
    sentenceFrequency: SearchableMap.from(saved.frequency as [string, number][]) as SearchableMap<number>,
    sentenceTotal: saved.sentenceTotal,
    averageSentenceTerms: saved.averageSentenceTerms,
  };
}

/** The state one index needs: the articles, their sentences and chunks, MiniSearch and a vocabulary. */
export class SearchIndex {
  readonly articles: ReadonlyMap<string, Article>;
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  readonly chunks: readonly Chunk[];
  readonly options: SearchOptions;
  private readonly miniSearch: MiniSearch<ChunkDocument>;
  /** Analysed term → number of sentences containing it; also answers prefix and fuzzy look-ups. */
  private readonly sentenceFrequency: SearchableMap<number>;
  private readonly synonymGroups: readonly SynonymGroup[];
  private readonly sentenceTotal: number;
  /** Mean number of analysed terms in a sentence, for sentence-level BM25. */
  readonly averageSentenceTerms: number;

  readonly synonyms: SynonymExpander;

  /**
   * Builds the index synchronously (tests, evaluation, CLI), or restores it from a snapshot.
   * A bot that must keep answering while it builds uses {@link SearchIndex.create}.
   */
  constructor(
    articles: readonly Article[],
    settings: IndexSettings = {},
    restored?: IndexSnapshot | IndexParts,
  ) {
    this.options = restored?.options ?? settings.search ?? DEFAULT_SEARCH_OPTIONS;
    this.synonymGroups = restored?.synonyms ?? settings.synonyms ?? [];
    this.synonyms = new SynonymExpander(this.synonymGroups);
    this.articles = new Map(articles.map((article) => [article.id, article]));
    let parts: IndexParts;
    if (restored === undefined) parts = runToEnd(buildParts(articles, settings));
    else if ('sentenceFrequency' in restored) parts = restored;
    else parts = restoreParts(this.articles, restored);
    this.sentences = parts.sentences;
    this.chunks = parts.chunks;
    this.miniSearch = parts.miniSearch;
    this.sentenceFrequency = parts.sentenceFrequency;
    this.sentenceTotal = parts.sentenceTotal;
    this.averageSentenceTerms = parts.averageSentenceTerms;
  }

  /** Builds the index in slices, yielding to the event loop between them so other work keeps being served. */
  static async create(articles: readonly Article[], settings: IndexSettings = {}): Promise<SearchIndex> {
    const steps = buildParts(articles, settings);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return new SearchIndex(articles, settings, step.value);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Everything but the articles, as plain JSON-able data, for {@link SearchIndex} to restore. */
  toSnapshot(): IndexSnapshot {
    return {
      options: this.options,
      synonyms: this.synonymGroups,
      sentences: [...this.sentences].map(([id, list]) => [
        id,
        list.map((s) => [s.paragraph, s.start, s.end]),
      ]),
      chunks: this.chunks.map((chunk) => [chunk.articleId, chunk.first, chunk.last]),
      miniSearch: this.miniSearch.toJSON(),
      frequency: [...this.sentenceFrequency.entries()],
      sentenceTotal: this.sentenceTotal,
      averageSentenceTerms: this.averageSentenceTerms,
    };
  }

  /** Chunks matching any query term, best first (BM25 over text and title). */
  search(question: string): ChunkHit[] {
    const { prefixMinLength, fuzzyMinLength, titleBoost, bm25 } = this.options;
    const related = [...new Set(analyze(question).flatMap((term) => this.relatedTerms(term)))];
    const results: SearchResult[] = this.miniSearch.search(
      {
        combineWith: 'OR',
        queries: [
          question,
          // Related terms are index terms already: search them as they are.
          { queries: related, processTerm: (term: string) => term, prefix: false, fuzzy: false },
        ],
      },
      {
        boost: { title: titleBoost },
        bm25,
        prefix: (term) => term.length >= prefixMinLength,
        fuzzy: (term) => (term.length >= fuzzyMinLength ? 1 : false),
      },
    );
    return results.flatMap((result) => {
      const chunk = this.chunks[result.id as number];
      return chunk ? [{ chunk, score: result.score, terms: result.terms }] : [];
    });
  }

  /**
   * Index terms a query term stands for beyond MiniSearch's prefix and fuzzy matching, when the index
   * lacks the term itself: a shorter term it extends ("eastern" → "east") or the two parts of a
   * compound ("frontline" → "front", "line").
   */
  relatedTerms(term: string): string[] {
    if (this.sentenceFrequency.has(term) || !/^\p{L}+$/u.test(term)) return [];
    // A shorter term plus a short ending ("east" + "ern"); longer leftovers are other words ("news" + "lett…").
    for (let length = term.length - 1; length >= Math.max(4, term.length - MAX_ENDING); length--) {
      const stem = term.slice(0, length);
      if (this.sentenceFrequency.has(stem)) return [stem];
    }
    for (let split = 3; split <= term.length - 3; split++) {
      const parts = [term.slice(0, split), term.slice(split)];
      if (parts.every((part) => this.sentenceFrequency.has(part))) return parts;
    }
    return [];
  }

  /**
   * How many sentences contain the query term, counting the index terms it expands to (prefix, fuzzy,
   * related terms).
   * Zero means the corpus never uses the word.
   */
  sentenceFrequencyOf(term: string): number {
    let frequency = this.sentenceFrequency.get(term) ?? 0;
    if (term.length >= this.options.prefixMinLength) {
      this.sentenceFrequency.atPrefix(term).forEach((_key, count) => {
        frequency = Math.max(frequency, count);
      });
    }
    if (term.length >= this.options.fuzzyMinLength) {
      for (const [count] of this.sentenceFrequency.fuzzyGet(term, 1).values())
        frequency = Math.max(frequency, count);
    }
    if (frequency === 0) {
      // A shorter term or the parts of a compound: as many sentences as the rarest of them.
      const related = this.relatedTerms(term).map((other) => this.sentenceFrequency.get(other) ?? 0);
      if (related.length > 0) frequency = Math.min(...related);
    }
    return frequency;
  }

  /** Inverse document frequency over sentences (BM25's form); a term in no sentence gets the highest value. */
  idf(term: string): number {
    const n = this.sentenceTotal;
    const df = this.sentenceFrequencyOf(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
