import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord } from '../test/fakeDiscord/index.js';
import { type BotProcess, startBotProcess } from './botProcess.js';
import { generateCorpusFiles, type SourceText, writeCorpus } from './generateCorpus.js';
import { type QuoteCommandShape, quoteCommandShape } from './interactionMix.js';
import {
  type DropFigures,
  type EventPhaseOptions,
  medianDrop,
  medianRefresh,
  type RefreshFigures,
  runDrop,
  runRefresh,
} from './loadEvents.js';
import { medianPhase, type PhaseContext, type PhaseFigures, runSequential, runSteady } from './loadPhases.js';
import type { BenchQuestions } from './questions.js';

export interface LoadOptions {
  readonly source: SourceText;
  readonly questions: BenchQuestions;
  readonly corpusSize: number;
  readonly seed: number;
  /** Interactions per second of each steady phase. */
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly repetitions: number;
  /** Interactions sent one at a time (each after the previous callback): the no-load baseline. */
  readonly sequentialCount: number;
  /** The refresh and gateway-drop phases: `eventRate` for `eventSeconds`, the event a quarter of the way in. */
  readonly eventRate: number;
  readonly eventSeconds: number;
  readonly log: (line: string) => void;
}

export interface LoadResult {
  readonly corpusSize: number;
  readonly quoteCommand: QuoteCommandShape;
  /** From spawning the bot to its IDENTIFY (building the index included). */
  readonly startupMs: number;
  readonly rssAtStartMB: number;
  readonly rssAtEndMB: number;
  readonly sequential: PhaseFigures;
  readonly steady: readonly PhaseFigures[];
  readonly refresh: RefreshFigures;
  readonly drop: DropFigures;
  /** A few distinct error log lines of the bot, for the report. */
  readonly errorSamples: readonly string[];
}

/**
 * The bot under load: the real bot in a child process, the fake Discord and this driver in the
 * parent, all on 127.0.0.1. After an untimed warm-up: the one-at-a-time baseline and each rate,
 * repeated; then a corpus refresh and a gateway drop during load, repeated. Figures are medians.
 */
export async function runLoadBench(options: LoadOptions): Promise<LoadResult> {
  const fake = await startFakeDiscord({ waitTimeoutMs: 10_000 });
  const corpusDir = await mkdtemp(join(tmpdir(), 'excerpt-bench-corpus-'));
  let bot: BotProcess | undefined;
  try {
    const files = generateCorpusFiles(options.source, { size: options.corpusSize, seed: options.seed });
    await writeCorpus(corpusDir, files, options.source.seedDir);
    options.log(`load: starting the bot on ${files.length} articles`);
    const started = performance.now();
    bot = await startBotProcess(fake, corpusDir);
    const startupMs = performance.now() - started;
    const context: PhaseContext = {
      fake,
      bot,
      questions: options.questions,
      shape: quoteCommandShape(),
      next: 0,
    };
    const rssAtStartMB = await bot.rssMB();
    // Untimed: the first interactions pay for JIT compilation, lazy imports and new connections.
    options.log('load: warming up');
    await runSequential(context, options.sequentialCount);

    const { repetitions, log } = options;
    const sequentialRuns: PhaseFigures[] = [];
    const steadyRuns = new Map<number, PhaseFigures[]>(options.rates.map((rate) => [rate, []]));
    for (let repetition = 1; repetition <= repetitions; repetition++) {
      log(`load: one at a time, run ${repetition}/${repetitions}`);
      sequentialRuns.push(await runSequential(context, options.sequentialCount));
      for (const rate of options.rates) {
        log(`load: ${rate}/s for ${options.seconds} s, run ${repetition}/${repetitions}`);
        const figures = await runSteady(context, rate, options.seconds);
        log(
          `load:   p99 ${figures.latency.p99.toFixed(1)} ms, over 3 s ${figures.over3s}, lost ${figures.lost}`,
        );
        steadyRuns.get(rate)?.push(figures);
      }
    }
    const events: EventPhaseOptions = {
      rate: options.eventRate,
      seconds: options.eventSeconds,
      corpusDir,
      source: options.source,
      corpusSize: files.length,
      seed: options.seed,
    };
    const refreshRuns: RefreshFigures[] = [];
    const dropRuns: DropFigures[] = [];
    for (let repetition = 1; repetition <= repetitions; repetition++) {
      log(`load: refresh during ${options.eventRate}/s, run ${repetition}/${repetitions}`);
      const refresh = await runRefresh(context, events, repetition - 1);
      log(`load:   refreshed in ${(refresh.refreshMs / 1000).toFixed(1)} s, over 3 s ${refresh.over3s}`);
      refreshRuns.push(refresh);
      log(`load: gateway drop during ${options.eventRate}/s, run ${repetition}/${repetitions}`);
      const drop = await runDrop(context, events);
      log(`load:   resumed in ${drop.resumeMs.toFixed(0)} ms, lost ${drop.lost}`);
      dropRuns.push(drop);
    }
    return {
      corpusSize: files.length,
      quoteCommand: context.shape,
      startupMs,
      rssAtStartMB,
      rssAtEndMB: await bot.rssMB(),
      sequential: medianPhase(sequentialRuns),
      steady: options.rates.map((rate) => medianPhase(steadyRuns.get(rate) ?? [])),
      refresh: medianRefresh(refreshRuns, medianPhase(refreshRuns)),
      drop: medianDrop(dropRuns, medianPhase(dropRuns)),
      errorSamples: [...new Set(bot.logs.errors)].slice(0, 5),
    };
  } finally {
    await bot?.stop();
    await fake.close();
    await rm(corpusDir, { recursive: true, force: true });
  }
}
