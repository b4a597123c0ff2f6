import { stat } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { answer } from '../src/answer/answer.js';
import type { Article } from '../src/corpus/article.js';
import { buildEngine } from '../src/engine.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { snapshotPath } from '../src/snapshot.js';
import { generateCorpusFiles, loadSourceText, parseCorpusFiles, type SourceText } from './generateCorpus.js';
import { buildPeer, makeWindows, type PeerName } from './peers.js';
import { type BenchQuestions, loadBenchQuestions, type QuestionPaths } from './questions.js';
import { type LatencySummary, summarize } from './stats.js';

// One measurement in a fresh process (`node --expose-gc --import tsx bench/engineWorker.ts '<task>'`),
// so that one engine's heap, JIT state and caches never distort another's. Prints one JSON line.

export type EngineName = 'excerpt' | PeerName;

interface TaskBase {
  readonly size: number;
  readonly seed: number;
  readonly seedDir: string;
  readonly questionPaths: QuestionPaths;
}

/** Build one engine from generated articles in memory and time it on the question set. */
export interface EngineTask extends TaskBase {
  readonly kind: EngineName | 'quotes';
  /** Timed passes over the question set (after an untimed warm-up), stopping early past `budgetMs`. */
  readonly rounds: number;
  /** At least one full timed pass runs, however long it takes. */
  readonly budgetMs: number;
}

/**
 * Start the engine as the bot does (`buildEngine` on a corpus folder): `save` builds and writes the
 * snapshot, `rebuild` ignores it, `snapshot` starts from it.
 */
export interface StartupTask extends TaskBase {
  readonly kind: 'startup';
  readonly mode: 'save' | 'rebuild' | 'snapshot';
  readonly corpusDir: string;
}

export type WorkerTask = EngineTask | StartupTask;

/** Heap after a full collection: the index's own share, and the whole process's. */
export interface HeapFigures {
  /** heapUsed after build minus heapUsed before it (articles already loaded), MB. */
  readonly indexMB: number;
  /** heapUsed after build, everything included (articles, code, index), MB. */
  readonly totalMB: number;
  readonly rssMB: number;
}

export interface EngineFigures {
  readonly kind: EngineName;
  readonly size: number;
  readonly articles: number;
  readonly chunks: number;
  /** Articles in memory → searchable index. Peers: windows + indexing. */
  readonly buildMs: number;
  /** Splitting sentences and making the windows (part of buildMs; measured for the peers only). */
  readonly windowsMs: number;
  /** Parsing the article files (what loading the corpus adds besides disk reads); Excerpt only. */
  readonly parseMs: number;
  readonly heap: HeapFigures;
  /** Excerpt: answer() as the bot calls it. Peers: their search, top 3 windows. */
  readonly latency: LatencySummary;
  /** Excerpt only: the index search inside answer(), without re-ranking and excerpts. */
  readonly searchLatency: LatencySummary | null;
  /** Set when the worker failed (e.g. ran out of memory): every figure is then NaN. */
  readonly failure?: string;
}

export interface StartupFigures {
  readonly kind: 'startup';
  readonly mode: StartupTask['mode'];
  /** `buildEngine` from call to a ready engine (files read from disk; quotes included when the engine has them). */
  readonly ms: number;
  /** How the engine got ready: 'built' or 'snapshot'. */
  readonly source: string;
  /** Size of the snapshot file after this start-up; NaN when there is none. */
  readonly snapshotBytes: number;
  /** Heap after a full GC with the whole engine held, as the bot holds it (articles, index, quotes). */
  readonly heapMB: number;
}

export interface QuoteFigures {
  readonly kind: 'quotes';
  readonly size: number;
  readonly quotes: number;
  readonly buildMs: number;
  readonly heap: HeapFigures;
  readonly search: LatencySummary;
  readonly autocomplete: LatencySummary;
  /** Plain MiniSearch (defaults) over the same quote texts: its build and its search. */
  readonly baselineBuildMs: number;
  readonly baselineSearch: LatencySummary;
}

export type WorkerResult = EngineFigures | QuoteFigures | StartupFigures;

const MB = 1024 * 1024;
const PAGE_SIZE = 3;

function collect(): void {
  if (!globalThis.gc) throw new Error('bench: run the worker with --expose-gc');
  globalThis.gc();
  globalThis.gc();
}

function heapNow(): number {
  return process.memoryUsage().heapUsed / MB;
}

/** Builds with heap measured around it; the result stays reachable until the figures are taken. */
function measureBuild<T>(build: () => T): { built: T; ms: number; heap: HeapFigures } {
  collect();
  const before = heapNow();
  const started = performance.now();
  const built = build();
  const ms = performance.now() - started;
  collect();
  const total = heapNow();
  return {
    built,
    ms,
    heap: { indexMB: total - before, totalMB: total, rssMB: process.memoryUsage().rss / MB },
  };
}

const WARM_UP_QUERIES = 5;
/** Samples taken however long they take, so that a slow engine still gets a meaningful p95. */
const MIN_SAMPLES = 60;

/**
 * Per-call latency in ms: an untimed warm-up, then up to `rounds` passes over the queries, stopping
 * once the budget is spent and at least MIN_SAMPLES were taken (the question set is in a shuffled
 * order, so any prefix of it is a fair sample).
 */
function measureLatency<Q>(
  queries: readonly Q[],
  task: EngineTask,
  run: (query: Q) => unknown,
): LatencySummary {
  for (const query of queries.slice(0, WARM_UP_QUERIES)) run(query);
  const samples: number[] = [];
  const started = performance.now();
  for (let round = 0; round < task.rounds; round++) {
    for (const query of queries) {
      if (samples.length >= MIN_SAMPLES && performance.now() - started > task.budgetMs) {
        return summarize(samples);
      }
      const before = performance.now();
      run(query);
      samples.push(performance.now() - before);
    }
  }
  return summarize(samples);
}

/** Starts the engine from the corpus folder as the bot does, and sizes the snapshot left behind. */
async function measureStartup(task: StartupTask): Promise<StartupFigures> {
  const started = performance.now();
  const engine = await buildEngine(task.corpusDir, { snapshot: task.mode !== 'rebuild' });
  const ms = performance.now() - started;
  const bytes = await stat(snapshotPath(task.corpusDir)).then(
    (file) => file.size,
    () => Number.NaN,
  );
  collect();
  const heapMB = heapNow();
  return { kind: 'startup', mode: task.mode, ms, source: engine.source, snapshotBytes: bytes, heapMB };
}

function measureExcerpt(
  task: EngineTask,
  source: SourceText,
  articles: readonly Article[],
  parseMs: number,
  questions: BenchQuestions,
): EngineFigures {
  const {
    built: index,
    ms,
    heap,
  } = measureBuild(() => new SearchIndex(articles, { synonyms: source.synonyms }));
  return {
    kind: 'excerpt',
    size: task.size,
    articles: articles.length,
    chunks: index.passageCount,
    buildMs: ms,
    windowsMs: Number.NaN,
    parseMs,
    heap,
    latency: measureLatency(questions.questions, task, (question) =>
      answer(index, question, { limit: PAGE_SIZE }),
    ),
    searchLatency: measureLatency(questions.questions, task, (question) => index.search(question)),
  };
}

function measurePeer(
  task: EngineTask,
  name: PeerName,
  articles: readonly Article[],
  questions: BenchQuestions,
): EngineFigures {
  const { built, ms, heap } = measureBuild(() => {
    const started = performance.now();
    const windows = makeWindows(articles);
    const windowsMs = performance.now() - started;
    return { windows, windowsMs, index: buildPeer(name, windows.chunks) };
  });
  const { windows, windowsMs, index } = built;
  return {
    kind: name,
    size: task.size,
    articles: articles.length,
    chunks: windows.chunks.length,
    buildMs: ms,
    windowsMs,
    parseMs: Number.NaN,
    heap,
    latency: measureLatency(questions.questions, task, (question) =>
      index
        .search(question)
        .slice(0, PAGE_SIZE)
        .map((id) => windows.chunks[id]?.text),
    ),
    searchLatency: null,
  };
}

async function measureQuotes(
  task: EngineTask,
  articles: readonly Article[],
  questions: BenchQuestions,
): Promise<QuoteFigures> {
  const { QuoteIndex } = await import('../src/quotes/quoteIndex.js');
  const { built: quotes, ms, heap } = measureBuild(() => new QuoteIndex(articles));
  const search = measureLatency(questions.quoteQueries, task, (query) => quotes.searchQuotes(query));
  const autocomplete = measureLatency(questions.partials, task, (partial) =>
    partial.speaker ? quotes.autocompleteSpeakers(partial.value) : quotes.autocompleteQuotes(partial.value),
  );
  const started = performance.now();
  const baseline = new MiniSearch<{ id: number; text: string; speaker: string }>({
    fields: ['text', 'speaker'],
  });
  baseline.addAll(quotes.quotes.map((quote, id) => ({ id, text: quote.text, speaker: quote.speaker })));
  const baselineBuildMs = performance.now() - started;
  const baselineSearch = measureLatency(questions.quoteQueries, task, (query) =>
    baseline.search([query.speaker, query.text].filter(Boolean).join(' ')).slice(0, 10),
  );
  return {
    kind: 'quotes',
    size: task.size,
    quotes: quotes.quotes.length,
    buildMs: ms,
    heap,
    search,
    autocomplete,
    baselineBuildMs,
    baselineSearch,
  };
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '') as WorkerTask;
  if (task.kind === 'startup') {
    process.stdout.write(`${JSON.stringify(await measureStartup(task))}\n`);
    return;
  }
  const source = await loadSourceText(task.seedDir, task.questionPaths.xquad);
  const questions = await loadBenchQuestions(task.questionPaths);
  let files: ReturnType<typeof generateCorpusFiles> | null = generateCorpusFiles(source, {
    size: task.size,
    seed: task.seed,
  });
  const started = performance.now();
  const articles = parseCorpusFiles(files, source.rules);
  const parseMs = performance.now() - started;
  files = null;
  const result: WorkerResult =
    task.kind === 'quotes'
      ? await measureQuotes(task, articles, questions)
      : task.kind === 'excerpt'
        ? measureExcerpt(task, source, articles, parseMs, questions)
        : measurePeer(task, task.kind, articles, questions);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
