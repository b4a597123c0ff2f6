import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildEngine } from '../engine.js';
import { evaluateQuotes, type QuoteFixture } from '../quotes/evaluateQuotes.js';
import { SearchIndex } from '../search/searchIndex.js';
import { type AbstentionMetrics, evaluateAbstention, evaluateAnswerable } from './evaluate.js';
import type { RankingMetrics } from './metrics.js';
import { baselineRetriever, engineRetriever } from './retriever.js';
import { loadSeedSet } from './seedSet.js';
import { loadXquad } from './xquad.js';

// `npm run eval`: retrieval quality of the engine beside plain MiniSearch, measured in the same run.
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env.CORPUS_DIR ?? 'corpus' },
    seed: { type: 'string', default: 'test/fixtures/seed-questions.json' },
    quotes: { type: 'string', default: 'test/fixtures/seed-quotes.json' },
    xquad: { type: 'string', default: '../shared/data/xquad-en/xquad.en.json' },
    misses: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

interface Row {
  readonly set: string;
  readonly system: string;
  readonly ranking: RankingMetrics;
  readonly abstention?: AbstentionMetrics;
}

const rows: Row[] = [];
const misses: string[] = [];

const engine = await buildEngine(values.corpus);
const seed = await loadSeedSet(values.seed);
for (const [system, retriever] of [
  ['excerpt', engineRetriever(engine.index)],
  ['minisearch-defaults', baselineRetriever(engine.corpus.articles)],
] as const) {
  const { metrics, outcomes } = evaluateAnswerable(retriever, seed.answerable);
  rows.push({
    set: 'seed',
    system,
    ranking: metrics,
    abstention: evaluateAbstention(retriever, seed.unanswerable),
  });
  if (system === 'excerpt') {
    for (const outcome of outcomes)
      if (outcome.rank !== 1) misses.push(`seed rank ${outcome.rank}: ${outcome.question}`);
    for (const question of rows.at(-1)?.abstention?.answered ?? [])
      misses.push(`seed answered unanswerable: ${question}`);
  }
}

const quoteFixture = JSON.parse(await readFile(values.quotes, 'utf8')) as QuoteFixture;
const quoteEvaluation = evaluateQuotes(engine.quotes, quoteFixture);

if (existsSync(values.xquad)) {
  const xquad = await loadXquad(values.xquad);
  const index = new SearchIndex(xquad.articles);
  for (const [system, retriever] of [
    ['excerpt', engineRetriever(index)],
    ['minisearch-defaults', baselineRetriever(xquad.articles)],
  ] as const) {
    const { metrics, outcomes } = evaluateAnswerable(retriever, xquad.cases);
    rows.push({ set: 'xquad-en', system, ranking: metrics });
    if (system === 'excerpt' && values.misses) {
      for (const outcome of outcomes)
        if (outcome.rank !== 1) misses.push(`xquad rank ${outcome.rank}: ${outcome.question}`);
    }
  }
} else {
  console.error(`XQuAD not found at ${values.xquad}: skipped (pass --xquad PATH).`);
}

if (values.json) {
  const { failures: _failures, ...quotes } = quoteEvaluation;
  console.log(JSON.stringify({ rows, quotes }, null, 2));
} else {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.table(
    rows.map(({ set, system, ranking, abstention }) => ({
      set,
      system,
      questions: ranking.questions,
      'hit@1': pct(ranking.hitAt1),
      'hit@3': pct(ranking.hitAt3),
      'hit@5': pct(ranking.hitAt5),
      MRR: ranking.mrr.toFixed(3),
      refused: ranking.refused,
      abstention: abstention ? `${pct(abstention.accuracy)} of ${abstention.questions}` : '-',
      'excerpt chars': Math.round(ranking.meanExcerptChars),
    })),
  );
  const q = quoteEvaluation;
  console.log(
    `Quotes (seed): ${q.found} of ${q.expected} found, extraction recall ${pct(q.extractionRecall)}, precision ${pct(q.extractionPrecision)}, attribution ${pct(q.attributionAccuracy)}; quote search hit@1 ${pct(q.searchHitAt1)} on ${q.searchQueries} queries with typos and spelling variants.`,
  );
  for (const failure of q.failures) console.log(`quote miss: ${failure}`);
  if (values.misses || misses.some((miss) => miss.startsWith('seed'))) {
    for (const miss of values.misses ? misses : misses.filter((m) => m.startsWith('seed'))) console.log(miss);
  }
}
