import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeDiscord, type InteractionResponse, startFakeDiscord } from '../test/fakeDiscord/index.js';
import { type BotProcess, startBotProcess } from './botProcess.js';
import { generateCorpusFiles, type SourceText, writeCorpus } from './generateCorpus.js';
import {
  type InteractionKind,
  type QuoteCommandShape,
  quoteCommandShape,
  sendMixed,
  sendRefresh,
} from './interactionMix.js';
import type { BenchQuestions } from './questions.js';
import { type LatencySummary, median, medianSummary, summarize } from './stats.js';

/** Discord's limit from INTERACTION_CREATE to the first callback. */
const DEADLINE_MS = 3_000;
/** After the deadline, time for late callback attempts to show up as rejections. */
const SETTLE_MS = 2_000;
const REFRESH_TIMEOUT_MS = 180_000;

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
  /** The refresh and gateway-drop phases: 50/s for this long, the event a quarter of the way in. */
  readonly eventRate: number;
  readonly eventSeconds: number;
  readonly log: (line: string) => void;
}

/** What one phase measured; a phase's latency counts callbacks that Discord accepted. */
export interface PhaseFigures {
  readonly rate: number;
  readonly sent: number;
  readonly latency: LatencySummary;
  /** No accepted callback within 3 s (late, or never). Target: 0. */
  readonly over3s: number;
  /** Never answered at all: no callback, not even a late one. */
  readonly lost: number;
  /** Interactions that got an error reply, or a request Discord refused (e.g. a callback too late). */
  readonly errors: number;
  /** Error lines the bot logged meanwhile. */
  readonly botErrorLines: number;
  readonly botEventLoopP99Ms: number;
  readonly botEventLoopMaxMs: number;
  readonly driverEventLoopP99Ms: number;
  readonly rssBeforeMB: number;
  readonly rssAfterMB: number;
}

export interface RefreshFigures extends PhaseFigures {
  /** From the refresh command to its "Corpus refreshed" edit. */
  readonly refreshMs: number;
  readonly refreshApplied: boolean;
  /** Interactions sent while the refresh ran. */
  readonly during: LatencySummary;
  readonly duringSent: number;
  readonly duringOver3s: number;
}

export interface DropFigures extends PhaseFigures {
  /** From killing the socket to the fake sending RESUMED. */
  readonly resumeMs: number;
  /** Interactions sent from the drop until the resume. */
  readonly duringSent: number;
}

export interface LoadResult {
  readonly corpusSize: number;
  readonly quoteCommand: QuoteCommandShape;
  readonly startupMs: number;
  readonly rssAtStartMB: number;
  readonly rssAtEndMB: number;
  readonly sequential: PhaseFigures;
  readonly steady: readonly PhaseFigures[];
  readonly refresh: RefreshFigures;
  readonly drop: DropFigures;
  /** A few of the bot's error log lines, for the report. */
  readonly errorSamples: readonly string[];
}

interface Outcome {
  readonly kind: InteractionKind;
  readonly id: string;
  readonly sentAt: number;
  /** ms to the accepted callback, or null. */
  latencyMs: number | null;
  errorReply: boolean;
}

interface Context {
  readonly fake: FakeDiscord;
  readonly bot: BotProcess;
  readonly options: LoadOptions;
  readonly shape: QuoteCommandShape;
  /** Mix position, so that consecutive phases continue through the question set. */
  next: number;
}

/**
 * The bot under load: the real bot in a child process, the fake Discord and this driver in the
 * parent, all on 127.0.0.1. Steady phases at each rate (repeated, medians), then a corpus refresh
 * and a gateway drop during load.
 */
export async function runLoadBench(options: LoadOptions): Promise<LoadResult> {
  const fake = await startFakeDiscord({ waitTimeoutMs: 10_000, heartbeatIntervalMs: 41_250 });
  const corpusDir = await mkdtemp(join(tmpdir(), 'excerpt-bench-corpus-'));
  let bot: BotProcess | undefined;
  try {
    const files = generateCorpusFiles(options.source, { size: options.corpusSize, seed: options.seed });
    await writeCorpus(corpusDir, files, options.source.seedDir);
    options.log(`load: starting the bot on ${files.length} articles`);
    const started = performance.now();
    bot = await startBotProcess(fake, corpusDir);
    const startupMs = performance.now() - started;
    const context: Context = { fake, bot, options, shape: quoteCommandShape(), next: 0 };
    const rssAtStartMB = await bot.rssMB();
    // Untimed: the first interactions pay for JIT compilation, lazy imports and new connections.
    options.log('load: warming up');
    await runSequential(context);

    const sequentialRuns: PhaseFigures[] = [];
    const steadyRuns = new Map<number, PhaseFigures[]>(options.rates.map((rate) => [rate, []]));
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      options.log(`load: one at a time, run ${repetition + 1}/${options.repetitions}`);
      sequentialRuns.push(await runSequential(context));
      for (const rate of options.rates) {
        options.log(`load: ${rate}/s for ${options.seconds} s, run ${repetition + 1}/${options.repetitions}`);
        steadyRuns.get(rate)?.push(await runSteady(context, rate, options.seconds));
      }
    }
    const refreshRuns: RefreshFigures[] = [];
    const dropRuns: DropFigures[] = [];
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      options.log(
        `load: refresh during ${options.eventRate}/s, run ${repetition + 1}/${options.repetitions}`,
      );
      refreshRuns.push(await runRefresh(context, corpusDir, repetition));
      options.log(
        `load: gateway drop during ${options.eventRate}/s, run ${repetition + 1}/${options.repetitions}`,
      );
      dropRuns.push(await runDrop(context));
    }
    return {
      corpusSize: files.length,
      quoteCommand: context.shape,
      startupMs,
      rssAtStartMB,
      rssAtEndMB: await bot.rssMB(),
      sequential: medianPhase(sequentialRuns),
      steady: options.rates.map((rate) => medianPhase(steadyRuns.get(rate) ?? [])),
      refresh: {
        ...medianPhase(refreshRuns),
        refreshMs: median(refreshRuns.map((run) => run.refreshMs)),
        refreshApplied: refreshRuns.every((run) => run.refreshApplied),
        during: medianSummary(refreshRuns.map((run) => run.during)),
        duringSent: median(refreshRuns.map((run) => run.duringSent)),
        duringOver3s: Math.max(...refreshRuns.map((run) => run.duringOver3s)),
      },
      drop: {
        ...medianPhase(dropRuns),
        resumeMs: median(dropRuns.map((run) => run.resumeMs)),
        duringSent: median(dropRuns.map((run) => run.duringSent)),
      },
      errorSamples: [...new Set(bot.logs.errors)].slice(0, 5),
    };
  } finally {
    await bot?.stop();
    await fake.close();
    await rm(corpusDir, { recursive: true, force: true });
  }
}

/** Sends one interaction of the mix and records when Discord accepted its callback. */
function send(context: Context, outcomes: Outcome[], refresh = false): Outcome {
  const sentAt = performance.now();
  const { kind, sent } = refresh
    ? sendRefresh(context.fake)
    : sendMixed(context.fake, context.options.questions, context.shape, context.next++);
  const outcome: Outcome = { kind, id: sent.id, sentAt, latencyMs: null, errorReply: false };
  outcomes.push(outcome);
  return outcome;
}

function awaitCallback(context: Context, outcome: Outcome): Promise<InteractionResponse | undefined> {
  return context.fake.waitForResponse(outcome.id, { kind: 'callback', timeoutMs: DEADLINE_MS + 500 }).then(
    (response) => {
      outcome.latencyMs = performance.now() - outcome.sentAt;
      outcome.errorReply = String(response.data.content ?? '').includes('Something went wrong');
      return response;
    },
    () => undefined,
  );
}

/** Measures a phase: runs `drive` between probes of the bot's memory and event loop. */
async function measured(
  context: Context,
  rate: number,
  drive: (outcomes: Outcome[]) => Promise<void>,
): Promise<{ figures: PhaseFigures; outcomes: Outcome[] }> {
  const { fake, bot } = context;
  const driverLoop = monitorEventLoopDelay({ resolution: 5 });
  const errorLinesBefore = bot.logs.errors.length;
  const rejectionsBefore = fake.rejections.length;
  const rssBeforeMB = await bot.rssMB();
  await bot.probe(true);
  driverLoop.enable();
  const outcomes: Outcome[] = [];
  await drive(outcomes);
  // Callbacks Discord refused (too late) show up as rejections a moment after the deadline.
  if (outcomes.some((outcome) => outcome.latencyMs === null)) await sleep(SETTLE_MS);
  driverLoop.disable();
  const botLoop = await bot.probe(true);
  const ids = new Set(outcomes.map((outcome) => outcome.id));
  const rejected = fake.rejections
    .slice(rejectionsBefore)
    .filter((r) => r.interactionId && ids.has(r.interactionId));
  const attempted = new Set(rejected.map((r) => r.interactionId));
  const missing = outcomes.filter((outcome) => outcome.latencyMs === null);
  const figures: PhaseFigures = {
    rate,
    sent: outcomes.length,
    latency: latencyOf(outcomes),
    over3s: missing.length + outcomes.filter((o) => (o.latencyMs ?? 0) > DEADLINE_MS).length,
    lost: missing.filter(
      (outcome) => !attempted.has(outcome.id) && fake.responsesFor(outcome.id).length === 0,
    ).length,
    errors: outcomes.filter((outcome) => outcome.errorReply || attempted.has(outcome.id)).length,
    botErrorLines: bot.logs.errors.length - errorLinesBefore,
    botEventLoopP99Ms: botLoop.eventLoopP99Ms,
    botEventLoopMaxMs: botLoop.eventLoopMaxMs,
    driverEventLoopP99Ms: driverLoop.percentile(99) / 1e6,
    rssBeforeMB,
    rssAfterMB: await bot.rssMB(),
  };
  return { figures, outcomes };
}

function latencyOf(outcomes: readonly Outcome[]): LatencySummary {
  return summarize(outcomes.flatMap((outcome) => (outcome.latencyMs === null ? [] : [outcome.latencyMs])));
}

/** Sends at `rate` per second for `seconds` (catching up in bursts if the driver falls behind). */
async function sendAtRate(
  context: Context,
  outcomes: Outcome[],
  rate: number,
  seconds: number,
  events: readonly { atMs: number; run: () => void }[] = [],
): Promise<void> {
  const total = Math.round(rate * seconds);
  const pending: Promise<unknown>[] = [];
  const queue = [...events].sort((a, b) => a.atMs - b.atMs);
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const elapsed = performance.now() - start;
    while (queue[0] && queue[0].atMs <= elapsed) queue.shift()?.run();
    const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
    for (; sent < due; sent++) pending.push(awaitCallback(context, send(context, outcomes)));
    await sleep(Math.max(0, (sent * 1000) / rate - (performance.now() - start)));
  }
  for (const event of queue) event.run();
  await Promise.all(pending);
}

async function runSequential(context: Context): Promise<PhaseFigures> {
  const { figures } = await measured(context, 0, async (outcomes) => {
    for (let i = 0; i < context.options.sequentialCount; i++)
      await awaitCallback(context, send(context, outcomes));
  });
  return figures;
}

async function runSteady(context: Context, rate: number, seconds: number): Promise<PhaseFigures> {
  return (await measured(context, rate, (outcomes) => sendAtRate(context, outcomes, rate, seconds))).figures;
}

async function runRefresh(context: Context, corpusDir: string, repetition: number): Promise<RefreshFigures> {
  const { eventRate, eventSeconds, source, corpusSize, seed } = context.options;
  // One more article each time (the generator's next one), so the refresh has something to apply.
  const extra = generateCorpusFiles(source, { size: corpusSize + repetition + 1, seed }).at(-1);
  if (extra) await writeFile(join(corpusDir, extra.name), extra.text);
  let refresh:
    | { outcome: Outcome; done: Promise<{ edit: InteractionResponse; at: number } | undefined> }
    | undefined;
  const { figures, outcomes } = await measured(context, eventRate, async (all) => {
    await sendAtRate(context, all, eventRate, eventSeconds, [
      {
        atMs: (eventSeconds * 1000) / 4,
        run: () => {
          const outcome = send(context, [], true);
          void awaitCallback(context, outcome);
          const done = context.fake
            .waitForResponse(outcome.id, { kind: 'edit', timeoutMs: REFRESH_TIMEOUT_MS })
            .then(
              (edit) => ({ edit, at: performance.now() }),
              () => undefined,
            );
          refresh = { outcome, done };
        },
      },
    ]);
    await refresh?.done;
  });
  const finished = await refresh?.done;
  const from = refresh?.outcome.sentAt ?? Number.NaN;
  const refreshMs = finished ? finished.at - from : Number.NaN;
  const during = outcomes.filter((outcome) => outcome.sentAt >= from && outcome.sentAt <= from + refreshMs);
  const embeds = (finished?.edit.data.embeds ?? []) as { title?: string }[];
  return {
    ...figures,
    over3s: figures.over3s + (refresh?.outcome.latencyMs === null ? 1 : 0),
    refreshMs,
    refreshApplied: embeds.some((embed) => embed.title === 'Corpus refreshed'),
    during: latencyOf(during),
    duringSent: during.length,
    duringOver3s: during.filter((outcome) => outcome.latencyMs === null || outcome.latencyMs > DEADLINE_MS)
      .length,
  };
}

async function runDrop(context: Context): Promise<DropFigures> {
  const { eventRate, eventSeconds } = context.options;
  let dropped: { at: number; resumed: Promise<number> } | undefined;
  const { figures, outcomes } = await measured(context, eventRate, async (all) => {
    await sendAtRate(context, all, eventRate, eventSeconds, [
      {
        atMs: (eventSeconds * 1000) / 4,
        run: () => {
          const at = performance.now();
          const resumed = context.fake.dropConnection({ timeoutMs: 60_000 }).then(
            () => performance.now() - at,
            () => Number.NaN,
          );
          dropped = { at, resumed };
        },
      },
    ]);
    await dropped?.resumed;
  });
  const resumeMs = (await dropped?.resumed) ?? Number.NaN;
  const from = dropped?.at ?? Number.POSITIVE_INFINITY;
  return {
    ...figures,
    resumeMs,
    duringSent: outcomes.filter((outcome) => outcome.sentAt >= from && outcome.sentAt <= from + resumeMs)
      .length,
  };
}

function medianPhase(runs: readonly PhaseFigures[]): PhaseFigures {
  const first = runs[0];
  if (!first) throw new Error('bench: no load runs to summarise');
  const of = (pick: (run: PhaseFigures) => number) => median(runs.map(pick));
  return {
    rate: first.rate,
    sent: of((run) => run.sent),
    latency: medianSummary(runs.map((run) => run.latency)),
    // Failures are not averaged away: the worst run counts.
    over3s: Math.max(...runs.map((run) => run.over3s)),
    lost: Math.max(...runs.map((run) => run.lost)),
    errors: Math.max(...runs.map((run) => run.errors)),
    botErrorLines: Math.max(...runs.map((run) => run.botErrorLines)),
    botEventLoopP99Ms: of((run) => run.botEventLoopP99Ms),
    botEventLoopMaxMs: of((run) => run.botEventLoopMaxMs),
    driverEventLoopP99Ms: of((run) => run.driverEventLoopP99Ms),
    rssBeforeMB: of((run) => run.rssBeforeMB),
    rssAfterMB: of((run) => run.rssAfterMB),
  };
}
