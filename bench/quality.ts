import { existsSync } from 'node:fs';
import { evaluateAnswerable } from '../src/eval/evaluate.js';
import type { RankingMetrics } from '../src/eval/metrics.js';
import { baselineRetriever, engineRetriever } from '../src/eval/retriever.js';
import { loadXquad } from '../src/eval/xquad.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { buildLunr, buildMiniSearch, makeWindows, peerRetriever } from './peers.js';

export interface QualityRow {
  readonly system: string;
  readonly metrics: RankingMetrics;
}

/**
 * Retrieval quality on XQuAD English, measured as `npm run eval` does (a hit is a passage from the
 * answer's paragraph containing the answer span): Excerpt, and the peers over Excerpt's own windows.
 * `npm run eval`'s baseline (non-overlapping windows) is listed too, to tie these figures to the README.
 * `every` > 1 takes every n-th question only (for --quick). Undefined when the file is absent.
 */
export async function measureXquadQuality(path: string, every = 1): Promise<QualityRow[] | undefined> {
  if (!existsSync(path)) return undefined;
  const xquad = await loadXquad(path);
  const cases = xquad.cases.filter((_, index) => index % every === 0);
  const index = new SearchIndex(xquad.articles);
  const windows = makeWindows(xquad.articles);
  const systems = [
    ['excerpt', engineRetriever(index)],
    ['minisearch', peerRetriever(buildMiniSearch(windows.chunks), windows)],
    ['lunr', peerRetriever(buildLunr(windows.chunks), windows)],
    ['minisearch, npm run eval baseline', baselineRetriever(xquad.articles)],
  ] as const;
  return systems.map(([system, retriever]) => ({
    system,
    metrics: evaluateAnswerable(retriever, cases).metrics,
  }));
}
