import { parseArgs } from 'node:util';
import { Charset, Encoder, Index } from 'flexsearch';
import EnglishPreset from 'flexsearch/lang/en';
import MiniSearch from 'minisearch';
import { eng as englishStopWords } from 'stopword';
import { prepareServing } from '../src/answer/prepareAnswering.js';
import { runToEnd } from '../src/cooperative.js';
import type { Article } from '../src/corpus/article.js';
import { readySteps } from '../src/engineStore.js';
import { evaluateAnswerable } from '../src/eval/evaluate.js';
import type { Retriever } from '../src/eval/retriever.js';
import { engineRetriever } from '../src/eval/retriever.js';
import { loadXquad } from '../src/eval/xquad.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { brownArticles } from './brownCorpus.js';
import { createRandom } from './generateCorpus.js';
import { buildLunr, makeWindows, type PeerIndex, peerRetriever, windowPassage } from './peers.js';
import { percentile } from './stats.js';

// `npm run bench:quality`: retrieval quality and speed measured together at each corpus size, on the
// same corpus: XQuAD's 48 articles (whose 1,190 questions are asked) among Brown Corpus distractors
// (bench/brownCorpus.ts). Excerpt's answer() as the bot calls it and its search alone; over
// Excerpt's own windows, MiniSearch with defaults and with English stop words (its documented
// processTerm), FlexSearch with its English preset and lunr with its default English pipeline.
// Every system gets the same questions, the same warm-up and one timed call per question. Excerpt
// is made ready as the bot makes it: its word lists and models loaded once at start (not counted in
// any system's memory), and each index's look-ups made after it is built (counted in its build time).

const USAGE =
  'Usage: npm run bench:quality -- [--sizes 48,1000,10000] [--xquad PATH] [--seed N] [--skip "minisearch, defaults"]';
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '48,1000,10000' },
    xquad: { type: 'string', default: '../shared/data/xquad-en/xquad.en.json' },
    seed: { type: 'string', default: '1' },
    // Systems to leave out by name (plain MiniSearch takes about a second a question at 10,000 articles).
    skip: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const WARM_UP = 50;
// Passages on a page of /ask: Excerpt is asked for no more (hit@1 and hit@3 are read from it); the
// evaluation asks every system for five, which the peers return at no extra cost.
const PAGE_SIZE = 3;
// Built afresh, so that it looks words up as cold as the answer's row did; its build and memory are
// that row's (analysing the text again, a second build in one process reuses what the first cached).
const SEARCH_ONLY = 'excerpt, search only';
prepareServing();
const xquad = await loadXquad(values.xquad);
const sizes = values.sizes.split(',').map(Number);

interface Row {
  readonly size: number;
  readonly system: string;
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly p50: number;
  readonly p99: number;
  /** Undefined for Excerpt's search alone: the same index as its answer's row (built again, fresh). */
  readonly buildSeconds: number | undefined;
  /** Heap plus memory outside it (typed arrays) that the build added and the search keeps; MB. */
  readonly memoryMB: number | undefined;
}

/**
 * Heap plus external memory (typed arrays, buffers) after full collections, in MB; undefined unless
 * Node runs with --expose-gc (npm run bench:quality does). The articles are already in memory
 * before every build, so the difference is what a system adds to answer: its index and whatever text
 * it keeps (the peers keep each window's text; Excerpt keeps offsets into the articles, plus each
 * article's analysed terms for the next refresh).
 */
function memoryMB(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 2 ** 20;
}

/** Times each call of the retriever (after a warm-up on the same questions) while it is evaluated. */
function timed(
  retriever: Retriever,
  questions: readonly string[],
): { retriever: Retriever; times: number[] } {
  for (const question of questions.slice(0, WARM_UP)) retriever(question, 3);
  const times: number[] = [];
  return {
    times,
    retriever: (question, k) => {
      const started = performance.now();
      const result = retriever(question, k);
      times.push(performance.now() - started);
      return result;
    },
  };
}

/**
 * Excerpt's search alone, measured as the peers are: its best windows, whole, best first, without
 * the answer's re-ranking, excerpts or judgement. What the search costs and finds, beside what the
 * whole answer costs and finds.
 */
function searchOnlyRetriever(index: SearchIndex): Retriever {
  return (question, k) => {
    const passages = index
      .search(question, k)
      .passages.map(({ passage: { articleId, first, last } }) =>
        windowPassage(articleId, (index.sentences.get(articleId) ?? []).slice(first, last + 1)),
      );
    return { answered: passages.length > 0, passages };
  };
}

/** Excerpt's index as the bot serves it: built, then its look-ups made (see readySteps). */
function readyIndex(articles: readonly Article[]): SearchIndex {
  const index = new SearchIndex(articles);
  runToEnd(readySteps(index));
  return index;
}

function miniSearchPeer(chunks: ReturnType<typeof makeWindows>['chunks'], stopWords: boolean): PeerIndex {
  const stop = new Set(englishStopWords);
  const miniSearch = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    // MiniSearch's documented way to drop stop words: processTerm returns null for them.
    ...(stopWords
      ? { processTerm: (term: string) => (stop.has(term.toLowerCase()) ? null : term.toLowerCase()) }
      : {}),
  });
  miniSearch.addAll(chunks.map((chunk) => ({ id: chunk.id, text: chunk.text })));
  return { search: (question) => miniSearch.search(question).map((result) => result.id as number) };
}

/**
 * FlexSearch 0.8 as its README recommends for English text: the default charset with the English
 * language preset (stop words, stemmer, contractions). `suggest` returns windows that match some of
 * the question's words, as the other systems do, instead of only those matching all of them.
 */
function flexSearchPeer(chunks: ReturnType<typeof makeWindows>['chunks']): PeerIndex {
  const index = new Index({ encoder: new Encoder(Charset.Default).assign(EnglishPreset) });
  for (const chunk of chunks) index.add(chunk.id, chunk.text);
  return { search: (question) => index.search(question, { limit: 10, suggest: true }) as number[] };
}

const rows: Row[] = [];
for (const size of sizes) {
  const articles: Article[] = [
    ...xquad.articles,
    ...brownArticles(Math.max(0, size - xquad.articles.length), createRandom(Number(values.seed))),
  ];
  const questions = xquad.cases.map((testCase) => testCase.question);
  const systems: [string, () => Retriever][] = [
    [
      'excerpt',
      () => {
        const retriever = engineRetriever(readyIndex(articles));
        // The bot's page: /ask shows three passages, and makes and judges only those.
        return (question, k) => retriever(question, Math.min(k, PAGE_SIZE));
      },
    ],
    [SEARCH_ONLY, () => searchOnlyRetriever(readyIndex(articles))],
    [
      'minisearch, defaults',
      () => {
        const windows = makeWindows(articles);
        return peerRetriever(miniSearchPeer(windows.chunks, false), windows);
      },
    ],
    [
      'minisearch, English stop words',
      () => {
        const windows = makeWindows(articles);
        return peerRetriever(miniSearchPeer(windows.chunks, true), windows);
      },
    ],
    [
      'flexsearch, English preset',
      () => {
        const windows = makeWindows(articles);
        return peerRetriever(flexSearchPeer(windows.chunks), windows);
      },
    ],
    [
      'lunr, defaults',
      () => {
        const windows = makeWindows(articles);
        return peerRetriever(buildLunr(windows.chunks), windows);
      },
    ],
  ];
  for (const [system, build] of systems.filter(([name]) => !values.skip.includes(name))) {
    const before = memoryMB();
    const started = performance.now();
    const built = build();
    const buildSeconds = (performance.now() - started) / 1000;
    const after = memoryMB();
    const memory = before === undefined || after === undefined ? undefined : after - before;
    const { retriever, times } = timed(built, questions);
    const { metrics } = evaluateAnswerable(retriever, xquad.cases);
    const sorted = [...times].sort((a, b) => a - b);
    rows.push({
      size: articles.length,
      system,
      hitAt1: metrics.hitAt1,
      hitAt3: metrics.hitAt3,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      ...(system === SEARCH_ONLY
        ? { buildSeconds: undefined, memoryMB: undefined }
        : { buildSeconds, memoryMB: memory }),
    });
    console.error(`${articles.length} articles, ${system}: done`);
  }
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
console.log(
  `XQuAD's 1,190 questions among Brown Corpus distractors (seed ${values.seed}); node ${process.version}.`,
);
console.log(
  '| articles | system | hit@1 | hit@3 | p50 ms | p99 ms | p50 vs MiniSearch + stop words | build s | memory MB | memory vs MiniSearch + stop words |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const peer = rows.find(
    (other) => other.size === row.size && other.system === 'minisearch, English stop words',
  );
  const ratio = peer && peer.p50 > 0 ? `${(row.p50 / peer.p50).toFixed(2)}×` : '–';
  const memory = row.memoryMB === undefined ? '–' : row.memoryMB.toFixed(1);
  const memoryRatio =
    row.memoryMB !== undefined && peer?.memoryMB ? `${(row.memoryMB / peer.memoryMB).toFixed(2)}×` : '–';
  console.log(
    `| ${row.size.toLocaleString('en-GB')} | ${row.system} | ${pct(row.hitAt1)} | ${pct(row.hitAt3)} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${ratio} | ${row.buildSeconds?.toFixed(1) ?? '–'} | ${memory} | ${memoryRatio} |`,
  );
}
