import MiniSearch, { type SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Article } from '../corpus/article.js';
import { analyze, analyzeWord, tokenize } from './analyzer.js';
import {
  articleSentences,
  type Chunk,
  type ChunkOptions,
  chunkArticle,
  DEFAULT_CHUNK_OPTIONS,
  type Sentence,
} from './chunk.js';

export interface SearchOptions {
  /** Query terms at least this long also match index terms they are a prefix of ("spoke" → "spoken"). */
  readonly prefixMinLength: number;
  /** Query terms at least this long also match index terms one edit away ("soverign"). */
  readonly fuzzyMinLength: number;
  /** Weight of the title field relative to the text. */
  readonly titleBoost: number;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  prefixMinLength: 4,
  fuzzyMinLength: 6,
  titleBoost: 0.5,
};

export interface ChunkHit {
  readonly chunk: Chunk;
  readonly score: number;
  /** Index terms of the chunk that matched the query (after prefix and fuzzy expansion). */
  readonly terms: readonly string[];
}

/** The state one index needs: the articles, their sentences and chunks, MiniSearch and a vocabulary. */
export class SearchIndex {
  readonly articles: ReadonlyMap<string, Article>;
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  readonly chunks: readonly Chunk[];
  readonly options: SearchOptions;
  private readonly miniSearch: MiniSearch<{ id: number; text: string; title: string }>;
  /** Analysed term → number of chunks containing it; also answers prefix and fuzzy look-ups. */
  private readonly chunkFrequency = new SearchableMap<number>();

  constructor(
    articles: readonly Article[],
    chunkOptions: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
    options: SearchOptions = DEFAULT_SEARCH_OPTIONS,
  ) {
    this.options = options;
    this.articles = new Map(articles.map((article) => [article.id, article]));
    const sentences = new Map<string, Sentence[]>();
    const chunks: Chunk[] = [];
    for (const article of articles) {
      const list = articleSentences(article);
      sentences.set(article.id, list);
      chunks.push(...chunkArticle(article.id, list, chunks.length, chunkOptions));
    }
    this.sentences = sentences;
    this.chunks = chunks;
    this.miniSearch = new MiniSearch({
      fields: ['text', 'title'],
      tokenize: (text) => tokenize(text).map((token) => token.word),
      processTerm: (word) => analyzeWord(word),
    });
    this.miniSearch.addAll(
      chunks.map((chunk) => ({ id: chunk.id, text: chunk.text, title: this.titleOf(chunk) })),
    );
    for (const chunk of chunks) {
      for (const term of new Set(analyze(chunk.text))) {
        this.chunkFrequency.update(term, (count = 0) => count + 1);
      }
    }
  }

  /** Chunks matching any query term, best first (BM25 over text and title). */
  search(question: string): ChunkHit[] {
    const { prefixMinLength, fuzzyMinLength, titleBoost } = this.options;
    const results: SearchResult[] = this.miniSearch.search(question, {
      boost: { title: titleBoost },
      prefix: (term) => term.length >= prefixMinLength,
      fuzzy: (term) => (term.length >= fuzzyMinLength ? 1 : false),
      combineWith: 'OR',
    });
    return results.flatMap((result) => {
      const chunk = this.chunks[result.id as number];
      return chunk ? [{ chunk, score: result.score, terms: result.terms }] : [];
    });
  }

  /**
   * How many chunks contain the query term, counting the index terms it expands to (prefix, fuzzy).
   * Zero means the corpus never uses the word.
   */
  chunkFrequencyOf(term: string): number {
    let frequency = this.chunkFrequency.get(term) ?? 0;
    if (term.length >= this.options.prefixMinLength) {
      this.chunkFrequency.atPrefix(term).forEach((_key, count) => {
        frequency = Math.max(frequency, count);
      });
    }
    if (term.length >= this.options.fuzzyMinLength) {
      for (const [count] of this.chunkFrequency.fuzzyGet(term, 1).values())
        frequency = Math.max(frequency, count);
    }
    return frequency;
  }

  /** Inverse document frequency over chunks (BM25's form); a term in no chunk gets the highest value. */
  idf(term: string): number {
    const n = this.chunks.length;
    const df = this.chunkFrequencyOf(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private titleOf(chunk: Chunk): string {
    return this.articles.get(chunk.articleId)?.title ?? '';
  }
}
