import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  EngineFigures,
  EngineName,
  EngineTask,
  QuoteFigures,
  StartupFigures,
  WorkerResult,
  WorkerTask,
} from './engineWorker.js';
import { generateCorpusFiles, type SourceText, writeCorpus } from './generateCorpus.js';
import { runJsonWorker } from './jsonWorker.js';
import { type LatencySummary, median, medianSummary, summarize } from './stats.js';

const WORKER = fileURLToPath(new URL('./engineWorker.ts', import.meta.url));
export const ENGINES: readonly EngineName[] = ['excerpt', 'minisearch', 'lunr'];

export interface EngineBenchOptions {
  readonly sizes: readonly number[];
  /** Fresh processes per engine and size; figures are their medians. */
  readonly repetitions: number;
  readonly rounds: number;
  /** Time for the timed passes of one latency measurement (at least one full pass runs). */
  readonly budgetMs: number;
  readonly seed: number;
  /** For writing each size's corpus to a folder, to start the engine from it as the bot does. */
  readonly source: SourceText;
  readonly seedDir: string;
  readonly questionPaths: WorkerTask['questionPaths'];
  readonly withQuotes: boolean;
  readonly log: (line: string) => void;
}

export interface SizeResult {
  readonly size: number;
  readonly engines: Readonly<Record<EngineName, EngineFigures>>;
  /** The quote index's figures, or why there are none. */
  readonly quotes: QuoteFigures | { readonly unavailable: string };
  /** Start-up of the whole engine from its corpus folder: rebuilt, and from the snapshot. */
  readonly startup: StartupResult | { readonly unavailable: string };
}

export interface StartupResult {
  readonly rebuildMs: number;
  readonly snapshotMs: number;
  readonly snapshotBytes: number;
  /** Heap with the whole engine held, after a rebuild. */
  readonly heapMB: number;
}

/** Runs one worker process and returns the JSON line it prints. */
export function runWorker(task: WorkerTask): Promise<WorkerResult> {
  return runJsonWorker<WorkerResult>(WORKER, task, `${task.kind} at ${task.size} articles`);
}

/**
 * Every engine at every size, each repetition in fresh processes, engines interleaved so that a busy
 * moment on the machine hits all of them alike. Figures are medians over the repetitions.
 */
export async function runEngineBench(options: EngineBenchOptions): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const runs = new Map<EngineName, EngineFigures[]>(ENGINES.map((engine) => [engine, []]));
    const quoteRuns: QuoteFigures[] = [];
    let quoteError: string | undefined;
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      const task: Omit<EngineTask, 'kind'> = {
        size,
        seed: options.seed,
        rounds: options.rounds,
        budgetMs: options.budgetMs,
        seedDir: options.seedDir,
        questionPaths: options.questionPaths,
      };
      for (const engine of ENGINES) {
        options.log(`engine: ${engine} at ${size} articles, run ${repetition + 1}/${options.repetitions}`);
        const figures = await runWorker({ ...task, kind: engine }).then(
          (result) => result as EngineFigures,
          (error: unknown) => failedFigures(engine, size, error),
        );
        options.log(
          figures.failure
            ? `engine: ${engine} failed: ${figures.failure}`
            : `engine:   build ${(figures.buildMs / 1000).toFixed(2)} s, heap ${figures.heap.totalMB.toFixed(0)} MB, ` +
                `p50/p95/p99 ${describe(figures.latency)} ms`,
        );
        runs.get(engine)?.push(figures);
      }
      if (options.withQuotes && quoteError === undefined) {
        options.log(`engine: quotes at ${size} articles, run ${repetition + 1}/${options.repetitions}`);
        try {
          const quotes = (await runWorker({ ...task, kind: 'quotes' })) as QuoteFigures;
          options.log(
            `engine:   ${quotes.quotes} quotes, build ${(quotes.buildMs / 1000).toFixed(2)} s, ` +
              `search p50/p95/p99 ${describe(quotes.search)} ms`,
          );
          quoteRuns.push(quotes);
        } catch (error) {
          quoteError = error instanceof Error ? error.message : String(error);
          options.log(`engine: quote index unavailable: ${quoteError}`);
        }
      }
    }
    const engines = Object.fromEntries(
      ENGINES.map((engine) => [engine, medianEngine(runs.get(engine) ?? [])]),
    ) as Record<EngineName, EngineFigures>;
    const quotes =
      quoteRuns.length > 0
        ? medianQuotes(quoteRuns)
        : { unavailable: quoteError ?? (options.withQuotes ? 'no runs' : 'not measured (--no-quotes)') };
    results.push({ size, engines, quotes, startup: await runStartup(options, size) });
  }
  return results;
}

/**
 * The engine started as the bot starts it, each time in a fresh process: once to build and save the
 * snapshot, then rebuilds and starts from the snapshot, alternating.
 */
async function runStartup(options: EngineBenchOptions, size: number): Promise<SizeResult['startup']> {
  const corpusDir = await mkdtemp(join(tmpdir(), 'excerpt-bench-startup-'));
  try {
    await writeCorpus(
      corpusDir,
      generateCorpusFiles(options.source, { size, seed: options.seed }),
      options.seedDir,
    );
    const base = {
      size,
      seed: options.seed,
      seedDir: options.seedDir,
      questionPaths: options.questionPaths,
      corpusDir,
    };
    const run = async (mode: 'save' | 'rebuild' | 'snapshot') => {
      options.log(`engine: start-up (${mode}) at ${size} articles`);
      const figures = (await runWorker({ ...base, kind: 'startup', mode })) as StartupFigures;
      options.log(`engine:   ${(figures.ms / 1000).toFixed(2)} s from ${figures.source}`);
      return figures;
    };
    const saved = await run('save');
    if (!Number.isFinite(saved.snapshotBytes)) return { unavailable: 'the engine wrote no snapshot' };
    const rebuilds: StartupFigures[] = [];
    const restores: StartupFigures[] = [];
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      rebuilds.push(await run('rebuild'));
      const restored = await run('snapshot');
      if (restored.source !== 'snapshot')
        return { unavailable: `the snapshot was not used (${restored.source})` };
      restores.push(restored);
    }
    return {
      rebuildMs: medianOf(rebuilds, (figures) => figures.ms),
      snapshotMs: medianOf(restores, (figures) => figures.ms),
      snapshotBytes: saved.snapshotBytes,
      heapMB: medianOf(rebuilds, (figures) => figures.heapMB),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    options.log(`engine: start-up not measured: ${reason}`);
    return { unavailable: reason };
  } finally {
    await rm(corpusDir, { recursive: true, force: true });
  }
}

const describe = (summary: LatencySummary) =>
  `${[summary.p50, summary.p95, summary.p99].map((value) => value.toFixed(2)).join('/')} (${summary.count} samples)`;

const medianOf = <T>(runs: readonly T[], pick: (run: T) => number) => median(runs.map(pick));

const NO_LATENCY = summarize([]);

/** A run that failed: its reason, and NaN for every figure. */
function failedFigures(kind: EngineName, size: number, error: unknown): EngineFigures {
  return {
    kind,
    size,
    articles: size,
    chunks: Number.NaN,
    buildMs: Number.NaN,
    windowsMs: Number.NaN,
    parseMs: Number.NaN,
    heap: { indexMB: Number.NaN, totalMB: Number.NaN, rssMB: Number.NaN },
    latency: NO_LATENCY,
    searchLatency: null,
    failure: error instanceof Error ? error.message : String(error),
  };
}

/** Medians over the runs that succeeded; a failure is kept when every run failed. */
function medianEngine(all: readonly EngineFigures[]): EngineFigures {
  const runs = all.filter((run) => !run.failure);
  const first = runs[0];
  if (!first) return all[0] ?? failedFigures('excerpt', 0, 'no runs');
  const searchRuns = runs.flatMap((run) => (run.searchLatency ? [run.searchLatency] : []));
  return {
    ...first,
    buildMs: medianOf(runs, (run) => run.buildMs),
    windowsMs: medianOf(runs, (run) => run.windowsMs),
    parseMs: medianOf(runs, (run) => run.parseMs),
    heap: {
      indexMB: medianOf(runs, (run) => run.heap.indexMB),
      totalMB: medianOf(runs, (run) => run.heap.totalMB),
      rssMB: medianOf(runs, (run) => run.heap.rssMB),
    },
    latency: medianSummary(runs.map((run) => run.latency)),
    searchLatency: searchRuns.length > 0 ? medianSummary(searchRuns) : null,
  };
}

function medianQuotes(runs: readonly QuoteFigures[]): QuoteFigures {
  const first = runs[0];
  if (!first) throw new Error('bench: no quote runs to summarise');
  const summary = (pick: (run: QuoteFigures) => LatencySummary) => medianSummary(runs.map(pick));
  return {
    ...first,
    buildMs: medianOf(runs, (run) => run.buildMs),
    heap: {
      indexMB: medianOf(runs, (run) => run.heap.indexMB),
      totalMB: medianOf(runs, (run) => run.heap.totalMB),
      rssMB: medianOf(runs, (run) => run.heap.rssMB),
    },
    search: summary((run) => run.search),
    autocomplete: summary((run) => run.autocomplete),
    baselineBuildMs: medianOf(runs, (run) => run.baselineBuildMs),
    baselineSearch: summary((run) => run.baselineSearch),
  };
}
