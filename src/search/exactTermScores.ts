import type MiniSearch from 'minisearch';
import { type Bm25Parameters, bm25Idf, bm25TermFrequency } from './bm25.js';
import { checkedInternals } from './miniSearchInternals.js';
import { packedDocuments, unreadSlice } from './packedMiniSearch.js';
import type { QuestionCoverage } from './questionCoverage.js';
import type { SearchScratch } from './windowScores.js';

/**
 * Scores the documents of a one-field MiniSearch of integer ids for an OR search of exact terms
 * (no prefix, no typos), into `scratch`, as `miniSearch.search({ combineWith: 'OR', queries: terms },
 * { boostTerm })` scores them: for each document, its terms' `boost × (idf × tf part)` summed in
 * the terms' order, times how many of the terms it has. The same numbers, without the map of
 * results, term lists and match objects MiniSearch makes for each document: that was a quarter of
 * answer()'s time (a profile over XQuAD's questions at 1,000 articles). `scratch` must be empty.
 *
 * With `coverage`, the terms' scores are only summed, and each document records which of the
 * question's words it matched instead: the windows they make up are weighed by that (see
 * QuestionCoverage). `scratch` may then hold other terms' scores already.
 */
export function addExactTermScores(
  miniSearch: MiniSearch,
  terms: readonly string[],
  boostOf: (term: string) => number,
  bm25: Bm25Parameters,
  scratch: SearchScratch,
  coverage?: QuestionCoverage,
): void {
  const internals = checkedInternals(miniSearch);
  const documentCount = internals._documentCount;
  const averageLength = internals._avgFieldLength[0] ?? 0;
  const packed = packedDocuments(miniSearch);
  const idOf = packed
    ? (shortId: number) => packed.documentIds[shortId] ?? 0
    : (shortId: number) => internals._documentIds.get(shortId) as number;
  const lengthOf = packed
    ? (shortId: number) => packed.lengths[shortId] ?? 0
    : (shortId: number) => internals._fieldLength.get(shortId)?.[0] ?? 0;
  const { sentence, touched, matched } = scratch;
  let word = 0;
  const add = coverage
    ? (shortId: number, count: number, boost: number, idf: number) =>
        scratch.add(
          idOf(shortId),
          boost * (idf * bm25TermFrequency(count, lengthOf(shortId), averageLength, bm25)),
          word,
        )
    : (shortId: number, count: number, boost: number, idf: number) => {
        const n = idOf(shortId);
        const score = boost * (idf * bm25TermFrequency(count, lengthOf(shortId), averageLength, bm25));
        if (matched[n] === 0) {
          touched.push(n);
          sentence[n] = score;
        } else sentence[n] = (sentence[n] ?? 0) + score;
        matched[n] = (matched[n] ?? 0) + 1;
      };
  for (const term of terms) {
    const data = internals._index.get(term);
    if (!data) continue;
    const boost = boostOf(term);
    word = coverage?.bitOf(term) ?? 0;
    const slice = unreadSlice(data);
    if (slice) {
      // A restored term nothing has read yet: straight from the packed arrays, making no map.
      const { postings, counts } = slice.packed;
      const idf = bm25Idf(documentCount, slice.to - slice.from);
      for (let i = slice.from; i < slice.to; i++) add(postings[i] ?? 0, counts[i] ?? 0, boost, idf);
    } else {
      const postings = data.get(0);
      if (!postings) continue;
      const idf = bm25Idf(documentCount, postings.size);
      for (const [shortId, count] of postings) add(shortId, count, boost, idf);
    }
  }
  if (coverage) return;
  for (const n of touched) {
    sentence[n] = (sentence[n] ?? 0) * (matched[n] ?? 0);
    matched[n] = 0;
  }
}
