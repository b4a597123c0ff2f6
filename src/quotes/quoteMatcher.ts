import SearchableMap from 'minisearch/SearchableMap';
import { runToEnd } from '../cooperative.js';
import { allowedTypos, compareWords, type QuoteWord, quoteWords, WordMatch } from './quoteWords.js';

/** How a quote matched: the query as a phrase, all its words, or all its words allowing typos. */
export type QuoteMatchKind = 'phrase' | 'all-words' | 'fuzzy';

export interface RankedQuote {
  /** Position of the quote in the texts the matcher was built from. */
  readonly index: number;
  readonly match: QuoteMatchKind;
}

export interface MatcherOptions {
  /** Words of a query beyond this many are ignored. */
  readonly maxQueryWords: number;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = { maxQueryWords: 40 };

/** Words added to the radix tree between two yields of treeSteps. */
const WORDS_PER_STEP = 1000;

const KIND_ORDER: Record<QuoteMatchKind, number> = { phrase: 0, 'all-words': 1, fuzzy: 2 };

/** A match with what decides its rank; quotes of two matchers rank together by {@link compareScored}. */
export interface ScoredQuote extends RankedQuote {
  readonly whole: boolean;
  readonly quality: number;
  readonly length: number;
}
type Scored = ScoredQuote;

/** A quote sharing `count` query words, for {@link QuoteMatcher.closestCounted}. */
export interface CountedQuote {
  readonly index: number;
  readonly count: number;
  readonly length: number;
}

/** What a quote search needs: ranked matches, and the closest quotes when nothing matches. */
export interface QuoteMatching {
  rank(query: string, among?: ReadonlySet<number>): RankedQuote[];
  closest(query: string, among: ReadonlySet<number> | undefined, limit: number): number[];
}

/**
 * Finds quotes by their words: case, accents, quotation marks, punctuation and British or American
 * spelling never matter; the last word may be unfinished; typos are tolerated in longer words.
 */
export class QuoteMatcher implements QuoteMatching {
  private quotes: readonly (readonly QuoteWord[])[];
  // Each word's quotes, in ascending order: quotes are indexed in order, so a list is a set here
  // (half the time of a Set per word when a refresh indexes the quotes of 10,000 articles).
  private readonly byNorm = new Map<string, number[]>();
  private readonly byStem = new Map<string, number[]>();
  private readonly options: MatcherOptions;

  /** An empty matcher; {@link QuoteMatcher.steps} makes one over quotes' words. */
  private constructor(options: Partial<MatcherOptions> = {}) {
    this.options = { ...DEFAULT_MATCHER_OPTIONS, ...options };
    this.quotes = [];
  }

  /**
   * A matcher over quotes whose words are already read, indexed a quote per step: a bot refreshing
   * its library runs the steps in slices (see runInSlices), and at 10,000 articles indexing every
   * quote at once held the event loop for over half a second.
   */
  static *steps(
    analysed: readonly (readonly QuoteWord[])[],
    options: Partial<MatcherOptions> = {},
  ): Generator<void, QuoteMatcher> {
    const matcher = new QuoteMatcher(options);
    matcher.quotes = analysed;
    for (const [index, words] of analysed.entries()) {
      matcher.index(words, index);
      yield;
    }
    return matcher;
  }

  private index(words: readonly QuoteWord[], index: number): void {
    for (const word of words) {
      addTo(this.byNorm, word.norm, index);
      addTo(this.byStem, word.stem, index);
    }
  }

  /**
   * Quotes containing every content word of the query (stop words count only in a phrase), best
   * first: the exact phrase (a quote that is nothing but the phrase first), then all the words, then
   * all the words with typos; ties go to more exact words, then to shorter quotes.
   */
  rank(query: string, among?: ReadonlySet<number>): RankedQuote[] {
    return this.rankScored(query, among).map(({ index, match }) => ({ index, match }));
  }

  /** {@link QuoteMatcher.rank} with what decides each rank. */
  rankScored(query: string, among?: ReadonlySet<number>): ScoredQuote[] {
    const words = quoteWords(query).slice(0, this.options.maxQueryWords);
    const required = requiredWords(words);
    if (required.length === 0) return [];
    const scored: Scored[] = [];
    for (const index of this.candidates(words, required, among)) {
      const quote = this.quotes[index] ?? [];
      const result = score(words, required, quote);
      if (result) scored.push({ index, length: quote.length, ...result });
    }
    return scored.sort(compareScored);
  }

  /** Up to `limit` quotes sharing the most query words, for when nothing matches them all. */
  closest(query: string, among: ReadonlySet<number> | undefined, limit: number): number[] {
    return this.closestCounted(query, among, limit).map(({ index }) => index);
  }

  /** {@link QuoteMatcher.closest} with the number of query words each quote shares. */
  closestCounted(query: string, among: ReadonlySet<number> | undefined, limit: number): CountedQuote[] {
    const words = quoteWords(query).slice(0, this.options.maxQueryWords);
    const counts = new Map<number, number>();
    for (const word of requiredWords(words)) {
      for (const index of this.wordCandidates(word, word === words.at(-1))) {
        if (!among || among.has(index)) counts.set(index, (counts.get(index) ?? 0) + 1);
      }
    }
    return [...counts]
      .map(([index, count]) => ({ index, count, length: this.length(index) }))
      .sort(compareCounted)
      .slice(0, limit);
  }

  private length(index: number): number {
    return this.quotes[index]?.length ?? 0;
  }

  private candidates(
    words: readonly QuoteWord[],
    required: readonly QuoteWord[],
    among?: ReadonlySet<number>,
  ) {
    let found: Set<number> | undefined;
    for (const word of required) {
      const matches = this.wordCandidates(word, word === words.at(-1));
      found = found ? new Set([...found].filter((index) => matches.has(index))) : matches;
      if (found.size === 0) break;
    }
    return [...(found ?? [])].filter((index) => !among || among.has(index));
  }

  /** Quotes with a word matching this one exactly, by stem, as a prefix (when typed last) or with typos. */
  private wordCandidates(word: QuoteWord, last: boolean): Set<number> {
    const found = new Set([
      ...(this.byNorm.get(word.norm) ?? []),
      ...(word.content ? (this.byStem.get(word.stem) ?? []) : []),
    ]);
    const typos = allowedTypos(word.norm.length);
    const prefix = last && word.norm.length >= 2;
    if (typos === 0 && !prefix) return found;
    // What compareWords accepts beyond an exact match, looked up instead of compared with every word.
    const add = (norm: string) => {
      for (const index of this.byNorm.get(norm) ?? []) found.add(index);
    };
    if (word.content) add(word.stem);
    const norms = this.norms();
    if (prefix) for (const norm of norms.atPrefix(word.norm).keys()) add(norm);
    // Levenshtein distance, as compareWords counts typos, walked in the words' radix tree instead of
    // computed against every word of a similar length (8% of the bot's CPU at 200 interactions/s).
    if (typos > 0) for (const norm of norms.fuzzyGet(word.norm, typos).keys()) add(norm);
    return found;
  }

  private normTree: SearchableMap<true> | undefined;

  /** The quotes' words as a radix tree (for prefixes and typos), made on the first such search. */
  private norms(): SearchableMap<true> {
    if (!this.normTree) runToEnd(this.treeSteps());
    return this.normTree ?? new SearchableMap<true>();
  }

  /**
   * Makes the radix tree of the quotes' words in steps, if it is not made yet (see
   * QuoteIndex.prepareMatcher): about 0.1 s at 10,000 articles in one go.
   */
  *treeSteps(): Generator<void, void> {
    if (this.normTree) return;
    const tree = new SearchableMap<true>();
    let count = 0;
    for (const norm of this.byNorm.keys()) {
      tree.set(norm, true);
      if (++count % WORDS_PER_STEP === 0) yield;
    }
    this.normTree ??= tree;
  }
}

/** The words every match must contain: the content words, or all words when there are none. */
function requiredWords(words: readonly QuoteWord[]): QuoteWord[] {
  const content = words.filter((word) => word.content);
  return content.length > 0 ? content : [...words];
}

function score(words: readonly QuoteWord[], required: readonly QuoteWord[], quote: readonly QuoteWord[]) {
  if (containsPhrase(words, quote)) {
    return {
      match: 'phrase' as const,
      whole: words.length === quote.length,
      quality: words.length * WordMatch.Exact,
    };
  }
  let worst: number = WordMatch.Exact;
  let quality = 0;
  for (const word of required) {
    const last = word === words.at(-1);
    const best = Math.max(WordMatch.None, ...quote.map((candidate) => compareWords(word, candidate, last)));
    worst = Math.min(worst, best);
    quality += best;
  }
  if (worst === WordMatch.None) return undefined;
  return {
    match: worst >= WordMatch.Stem ? ('all-words' as const) : ('fuzzy' as const),
    whole: false,
    quality,
  };
}

function containsPhrase(words: readonly QuoteWord[], quote: readonly QuoteWord[]): boolean {
  const lastIndex = words.length - 1;
  for (let start = 0; start + words.length <= quote.length; start++) {
    const matches = words.every((word, offset) => {
      const candidate = quote[start + offset]?.norm ?? '';
      return (
        candidate === word.norm ||
        (offset === lastIndex && word.norm.length >= 2 && candidate.startsWith(word.norm))
      );
    });
    if (matches) return true;
  }
  return false;
}

/** Most shared words first, then shorter quotes. */
export function compareCounted(a: CountedQuote, b: CountedQuote): number {
  return b.count - a.count || a.length - b.length || a.index - b.index;
}

/** Phrase before all words before typos, a whole-quote phrase first, then quality, then shorter. */
export function compareScored(a: Scored, b: Scored): number {
  return (
    KIND_ORDER[a.match] - KIND_ORDER[b.match] ||
    Number(b.whole) - Number(a.whole) ||
    b.quality - a.quality ||
    a.length - b.length ||
    a.index - b.index
  );
}

/** Adds `index` to the key's quotes, once: indexes come in ascending order. */
function addTo(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}
