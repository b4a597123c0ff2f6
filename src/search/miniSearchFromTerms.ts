import type MiniSearch from 'minisearch';
import type { Article } from '../corpus/article.js';
import { packedIndexSteps } from './packedMiniSearch.js';
import type { SentenceTerms } from './sentenceTerms.js';
import type { Vocabulary } from './vocabulary.js';

// How many sentences or documents between two points where the caller may let other work run.
// At 10,000 articles the longest step of a refresh is then under 30 ms.
const SENTENCES_PER_STEP = 1_000;
const DOCUMENTS_PER_STEP = 2_000;

/**
 * MiniSearch's index of every sentence's terms but the common ones (`leaveOut`, kept in packed
 * postings instead), made straight from the packed terms: the very index that adding each sentence
 * as `{ id: n, terms: "its terms joined by spaces" }` to `new MiniSearch(options)` makes (the tests
 * compare the two), in a fraction of the time. Adding looked every occurrence of every term up in
 * MiniSearch's radix tree, and was most of a refresh at 10,000 articles. Here the postings are
 * counted into packed arrays in two passes over the terms (how many per term, then where), and the
 * index reads from them (see packedIndex): no map is made for a term until a search reads it. In
 * steps.
 */
export function* sentenceMiniSearch(
  terms: SentenceTerms,
  vocabulary: Vocabulary,
  leaveOut: ReadonlyMap<number, unknown>,
  options: ConstructorParameters<typeof MiniSearch>[0],
): Generator<void, MiniSearch> {
  const left = new Uint8Array(vocabulary.size);
  for (const id of leaveOut.keys()) left[id] = 1;
  // By short id (the order sentences are added in): the sentence's number and its length.
  const documentIds: number[] = [];
  const lengths: number[] = [];
  // By term id: how many sentences use it; the terms in the order they are first met (adding's order).
  const sentencesWith = new Int32Array(vocabulary.size);
  const order: number[] = [];
  // The last document each term was counted in: distinct terms without a set per sentence.
  const lastDocument = new Int32Array(vocabulary.size).fill(-1);
  let averageLength = 0;
  for (let n = 0; n < terms.sentenceCount; n++) {
    if (n % SENTENCES_PER_STEP === SENTENCES_PER_STEP - 1) yield;
    let shortId = -1;
    let distinct = 0;
    for (const id of terms.of(n)) {
      if (left[id] === 1) continue;
      if (shortId < 0) {
        shortId = documentIds.length;
        documentIds.push(n);
      }
      if (lastDocument[id] === shortId) continue;
      if ((sentencesWith[id] ?? 0) === 0) order.push(id);
      lastDocument[id] = shortId;
      sentencesWith[id] = (sentencesWith[id] ?? 0) + 1;
      distinct++;
    }
    if (shortId < 0) continue;
    // As MiniSearch's add() counts it: the distinct terms, and the running mean in the same order.
    lengths.push(distinct);
    averageLength = (averageLength * shortId + distinct) / (shortId + 1);
  }
  // Each term's postings side by side, in the order its terms were first met.
  const starts = new Uint32Array(order.length + 1);
  const next = new Int32Array(vocabulary.size);
  for (const [k, id] of order.entries()) {
    next[id] = starts[k] ?? 0;
    starts[k + 1] = (starts[k] ?? 0) + (sentencesWith[id] ?? 0);
  }
  const total = starts[order.length] ?? 0;
  const postings = new Int32Array(total);
  const counts = new Int32Array(total);
  lastDocument.fill(-1);
  for (const [shortId, n] of documentIds.entries()) {
    if (shortId % SENTENCES_PER_STEP === SENTENCES_PER_STEP - 1) yield;
    for (const id of terms.of(n)) {
      if (left[id] === 1) continue;
      const at = next[id] ?? 0;
      if (lastDocument[id] === shortId) counts[at - 1] = (counts[at - 1] ?? 0) + 1;
      else {
        lastDocument[id] = shortId;
        postings[at] = shortId;
        counts[at] = 1;
        next[id] = at + 1;
      }
    }
  }
  yield;
  return yield* packedIndexSteps(options, {
    field: 'terms',
    averageLength,
    terms: order.map((id) => vocabulary.word(id)),
    starts,
    arrays: {
      documentIds: Int32Array.from(documentIds),
      lengths: Int32Array.from(lengths),
      postings,
      counts,
    },
  });
}

/**
 * The titles' index: what adding `{ id: ordinal, title }` for each article to `new MiniSearch(options)`
 * makes (`options` tokenize and analyse a title: TITLE_INDEX), each title analysed once while its
 * article is kept (a refresh analysed all 10,000 titles again: 0.19 s).
 */
export function* titleMiniSearch(
  articles: readonly Article[],
  options: ConstructorParameters<typeof MiniSearch>[0] & {
    tokenize: (text: string) => string[];
    processTerm: (term: string) => string | null | undefined;
  },
): Generator<void, MiniSearch> {
  const documentIds: number[] = [];
  const lengths: number[] = [];
  const postings = new Map<string, Map<number, number>>();
  let averageLength = 0;
  for (const [ordinal, article] of articles.entries()) {
    const analysed = titleAnalysis(article, options);
    documentIds.push(ordinal);
    lengths.push(analysed.distinct);
    averageLength = (averageLength * ordinal + analysed.distinct) / (ordinal + 1);
    for (const term of analysed.terms) {
      const termPostings = postings.get(term) ?? new Map<number, number>();
      postings.set(term, termPostings);
      termPostings.set(ordinal, (termPostings.get(ordinal) ?? 0) + 1);
    }
    if (ordinal % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
  }
  // Packed as the sentences' index is: each term's postings side by side, terms in the order met.
  const starts = new Uint32Array(postings.size + 1);
  for (const [k, termPostings] of [...postings.values()].entries())
    starts[k + 1] = (starts[k] ?? 0) + termPostings.size;
  const total = starts[postings.size] ?? 0;
  const shortIds = new Int32Array(total);
  const counts = new Int32Array(total);
  let at = 0;
  for (const termPostings of postings.values())
    for (const [ordinal, count] of termPostings) {
      shortIds[at] = ordinal;
      counts[at] = count;
      at++;
    }
  yield;
  return yield* packedIndexSteps(options, {
    field: 'title',
    averageLength,
    terms: [...postings.keys()],
    starts,
    arrays: {
      documentIds: Int32Array.from(documentIds),
      lengths: Int32Array.from(lengths),
      postings: shortIds,
      counts,
    },
  });
}

// Each title's terms in order and its distinct words (what MiniSearch's add() counts as its length).
interface TitleAnalysis {
  readonly terms: readonly string[];
  readonly distinct: number;
}
const titleAnalyses = new WeakMap<Article, TitleAnalysis>();

/** The article's title analysed by `options` (TITLE_INDEX's), kept while the article is. */
export function titleAnalysis(
  article: Article,
  options: { tokenize: (text: string) => string[]; processTerm: (term: string) => string | null | undefined },
): TitleAnalysis {
  let analysed = titleAnalyses.get(article);
  if (!analysed) {
    const tokens = options.tokenize(article.title);
    const terms = tokens.map((token) => options.processTerm(token)).filter((term) => !!term) as string[];
    analysed = { terms, distinct: new Set(tokens).size };
    titleAnalyses.set(article, analysed);
  }
  return analysed;
}
