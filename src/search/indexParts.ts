import type MiniSearch from 'minisearch';
import { runToEnd } from '../cooperative.js';
import type { Article } from '../corpus/article.js';
import type { SynonymGroup } from '../corpus/synonyms.js';
import { analyze, analyzeWord, tokenize } from './analyzer.js';
import { bm25TermFrequency } from './bm25.js';
import { articleSentences, type ChunkOptions, DEFAULT_CHUNK_OPTIONS, type Sentence } from './chunk.js';
import { CommonTermPostings } from './commonTermPostings.js';
import { sentenceMiniSearch, titleAnalysis, titleMiniSearch } from './miniSearchFromTerms.js';
import { type PackedMiniSearch, unpackMiniSearch } from './packedMiniSearch.js';
import { DEFAULT_SEARCH_OPTIONS, type SearchOptions } from './searchOptions.js';
import { SentenceTerms, SentenceTermsBuilder } from './sentenceTerms.js';
import { Vocabulary } from './vocabulary.js';

// The parts a SearchIndex is made of: built from articles step by step, or restored from a snapshot.

export interface IndexSettings {
  readonly chunk?: ChunkOptions;
  readonly search?: SearchOptions;
  /** Equivalent phrase groups from the corpus's synonyms file. */
  readonly synonyms?: readonly SynonymGroup[];
  /** Called after each article is split into sentences and indexed. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The index this build replaces: its unchanged articles' term ids are taken over, not made again. */
  readonly previous?: ReusableTerms;
}

/**
 * What a build can take over from the index it replaces: each article's sentences and their term
 * ids (by that index's vocabulary), for the articles that are the very same objects now (a refresh
 * parses an unchanged file to the same Article).
 */
export interface ReusableTerms {
  readonly articles: ReadonlyMap<string, Article>;
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  readonly firstSentence: ReadonlyMap<string, number>;
  readonly vocabulary: Vocabulary;
  readonly terms: SentenceTerms;
}

// MiniSearch indexes each sentence once, as its analysed terms joined by spaces: the analyzer runs
// once per sentence at build time, and never again for scoring.
export const SENTENCE_INDEX = {
  fields: ['terms'],
  tokenize: (terms: string) => terms.split(' '),
  processTerm: (term: string) => term,
};
export const TITLE_INDEX = {
  fields: ['title'],
  tokenize: (text: string) => tokenize(text).map((token) => token.word),
  processTerm: (word: string) => analyzeWord(word),
};

/** A built index as plain data; sentences are kept as offsets (their text comes from the articles). */
export interface IndexSnapshot {
  readonly options: SearchOptions;
  readonly chunk: ChunkOptions;
  readonly synonyms: readonly SynonymGroup[];
  readonly sentences: readonly (readonly [string, readonly (readonly [number, number, number])[]])[];
  readonly vocabulary: ReturnType<Vocabulary['toJSON']>;
  readonly terms: ReturnType<SentenceTerms['toJSON']>;
  /** The sentences' MiniSearch (their terms but the common ones), packed (see packedMiniSearch.ts). */
  readonly miniSearch: PackedMiniSearch;
  /** The titles' MiniSearch, packed. */
  readonly titles: PackedMiniSearch;
  readonly averageSentenceTerms: number;
}

/** The built parts of an index; {@link SearchIndex} wraps them. */
export interface IndexParts {
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

/** An article's sentences and each one's analysed terms, joined by spaces (terms have none). */
interface SentenceAnalysis {
  readonly sentences: Sentence[];
  readonly terms: readonly string[];
}

// Each article's sentence analysis, kept while the article is: a refresh parses an unchanged file to
// the very same Article (see parseCorpusInSlices), so only the articles that changed are split and
// analysed again (most of an index build). Joined terms take a fifth of the memory of arrays.
const sentenceAnalyses = new WeakMap<Article, SentenceAnalysis>();

function analyseSentences(article: Article): SentenceAnalysis {
  const sentences = articleSentences(article);
  return { sentences, terms: sentences.map((sentence) => analyze(sentence.text).join(' ')) };
}

/**
 * Keeps, for the next build, the sentence analysis a restored index already holds (its sentences and
 * their terms, made by this engine version's analyzer): after a start from a snapshot, the next
 * refresh then splits and analyses only the articles that changed (their titles too). A step per
 * article.
 */
export function* keepAnalysesSteps(index: {
  readonly articles: ReadonlyMap<string, Article>;
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  sentenceTerms(articleId: string, i: number): string[];
}): Generator<void, void> {
  for (const [id, article] of index.articles) {
    titleAnalysis(article, TITLE_INDEX);
    const sentences = index.sentences.get(id);
    if (!sentences || sentenceAnalyses.has(article)) continue;
    sentenceAnalyses.set(article, {
      sentences: [...sentences],
      terms: sentences.map((_, i) => index.sentenceTerms(id, i).join(' ')),
    });
    yield;
  }
}

// Sentences interned between two points where the caller may let other work run.
const SENTENCES_PER_STEP = 64;

/** Builds the parts step by step; every yield is a point where the caller may let other work run. */
export function* buildParts(
  articles: readonly Article[],
  settings: IndexSettings,
): Generator<void, IndexParts> {
  const options = settings.search ?? DEFAULT_SEARCH_OPTIONS;
  const sentences = new Map<string, readonly Sentence[]>();
  const vocabulary = new Vocabulary();
  const builder = new SentenceTermsBuilder();
  // The last sentence each term was counted in (by term id): a sentence counts once per term, with
  // no set made per sentence.
  const lastSentence: number[] = [];
  let n = 0;
  const count = (ids: readonly number[]) => {
    for (const id of ids)
      if (lastSentence[id] !== n) {
        lastSentence[id] = n;
        vocabulary.countSentence(id);
      }
    builder.add(ids);
    n++;
  };
  // The previous index's term ids turned into this one's, each on first meeting it: terms are then
  // numbered in the order a build from scratch meets them, and looked up once each, not per use.
  const { previous } = settings;
  const translated = new Int32Array(previous?.vocabulary.size ?? 0).fill(-1);
  for (const [index, article] of articles.entries()) {
    const first =
      previous?.articles.get(article.id) === article ? previous.firstSentence.get(article.id) : undefined;
    const reused = first === undefined ? undefined : previous?.sentences.get(article.id);
    if (previous && first !== undefined && reused) {
      sentences.set(article.id, reused);
      for (let i = 0; i < reused.length; i++) {
        const ids = Array.from(previous.terms.of(first + i), (old) => {
          let id = translated[old] ?? -1;
          if (id < 0) translated[old] = id = vocabulary.intern(previous.vocabulary.word(old));
          return id;
        });
        count(ids);
        if (n % SENTENCES_PER_STEP === 0) yield;
      }
      settings.onProgress?.(index + 1, articles.length);
      continue;
    }
    const kept = sentenceAnalyses.get(article);
    const analysed = kept ?? analyseSentences(article);
    sentenceAnalyses.set(article, analysed);
    sentences.set(article.id, analysed.sentences);
    // An article analysed now is a step of its own (milliseconds, where interning is microseconds).
    if (!kept) yield;
    for (const terms of analysed.terms) {
      count(terms === '' ? [] : terms.split(' ').map((term) => vocabulary.intern(term)));
      if (n % SENTENCES_PER_STEP === 0) yield;
    }
    settings.onProgress?.(index + 1, articles.length);
  }
  const terms = builder.build();
  // Only now are the frequencies known: the commonest terms go to packed arrays, the rest to MiniSearch.
  const commonIds = vocabulary.commonTerms(options.commonTermMinimum);
  const miniSearch = yield* sentenceMiniSearch(terms, vocabulary, commonIds, SENTENCE_INDEX);
  const averageSentenceTerms = Math.max(1, terms.termCount / Math.max(1, terms.sentenceCount));
  const common = yield* CommonTermPostings.build(terms, commonIds, (count, length) =>
    bm25TermFrequency(count, length, averageSentenceTerms, options.bm25),
  );
  const titles = yield* titleMiniSearch(articles, TITLE_INDEX);
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
    averageSentenceTerms,
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

export function restoreParts(articles: ReadonlyMap<string, Article>, saved: IndexSnapshot): IndexParts {
  const vocabulary = new Vocabulary(saved.vocabulary.words, saved.vocabulary.frequency);
  const terms = SentenceTerms.fromJSON(saved.terms);
  const titles = unpackMiniSearch(saved.titles, TITLE_INDEX);
  return {
    titles,
    options: saved.options,
    chunk: saved.chunk,
    synonyms: saved.synonyms,
    sentences: restoreSentences(articles, saved.sentences),
    vocabulary,
    terms,
    common: runToEnd(
      CommonTermPostings.build(
        terms,
        vocabulary.commonTerms(saved.options.commonTermMinimum),
        (count, length) => bm25TermFrequency(count, length, saved.averageSentenceTerms, saved.options.bm25),
      ),
    ),
    miniSearch: unpackMiniSearch(saved.miniSearch, SENTENCE_INDEX),
    averageSentenceTerms: saved.averageSentenceTerms,
  };
}
