import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeDiscord, InteractionResponse } from '../test/fakeDiscord/index.js';
import type { BotProcess } from './botProcess.js';
import { type InteractionKind, type QuoteCommandShape, sendMixed, sendRefresh } from './interactionMix.js';
import type { BenchQuestions } from './questions.js';
import { type LatencySummary, median, medianSummary, summarize } from './stats.js';

/** Discord's limit from INTERACTION_CREATE to the first callback. */
export const DEADLINE_MS = 3_000;
/**
 * After a phase, how long the bot may take to get round to every interaction (answering late counts
 * as over 3 s; never answering, as lost). It also keeps one phase's backlog out of the next.
 */
const DRAIN_TIMEOUT_MS = 180_000;
const DRAIN_POLL_MS = 100;
/** The bot counts as quiet after this long without a REST call or a log line. */
const QUIET_MS = 500;
const SETTLE_TIMEOUT_MS = 60_000;

/** What a phase needs: the fake, the bot, the questions, and where the mix has got to. */
export interface PhaseContext {
  readonly fake: FakeDiscord;
  readonly bot: BotProcess;
  readonly questions: BenchQuestions;
  readonly shape: QuoteCommandShape;
  /** Mix position, so that consecutive phases continue through the question set. */
  next: number;
}

/** What one phase measured; latency counts the callbacks Discord accepted. */
export interface PhaseFigures {
  readonly rate: number;
  readonly sent: number;
  readonly latency: LatencySummary;
  /** No accepted callback within 3 s (late, or never). Target: 0. */
  readonly over3s: number;
  /** Never answered at all, not even late, within the drain timeout. */
  readonly lost: number;
  /** Interactions that got an error reply, or had a request Discord refused (e.g. a late callback). */
  readonly errors: number;
  /** Error lines the bot logged meanwhile. */
  readonly botErrorLines: number;
  /** Interactions the bot got round to (in time or not) per second, from the first send to its last answer. */
  readonly servedPerSecond: number;
  readonly botEventLoopP99Ms: number;
  readonly botEventLoopMaxMs: number;
  readonly driverEventLoopP99Ms: number;
  readonly rssBeforeMB: number;
  readonly rssAfterMB: number;
}

export interface Outcome {
  readonly kind: InteractionKind;
  readonly id: string;
  /** performance.now() when the fake dispatched it. */
  readonly sentAt: number;
  /** ms to the accepted callback, or null. */
  latencyMs: number | null;
  errorReply: boolean;
}

/** Dispatches the next interaction of the mix (or a refresh) and records it. */
export function send(context: PhaseContext, outcomes: Outcome[], refresh = false): Outcome {
  const sentAt = performance.now();
  const { kind, sent } = refresh
    ? sendRefresh(context.fake)
    : sendMixed(context.fake, context.questions, context.shape, context.next++);
  const outcome: Outcome = { kind, id: sent.id, sentAt, latencyMs: null, errorReply: false };
  outcomes.push(outcome);
  return outcome;
}

/** Resolves when Discord accepts the interaction's callback (recording the latency), or after the deadline. */
export function awaitCallback(
  context: PhaseContext,
  outcome: Outcome,
): Promise<InteractionResponse | undefined> {
  return context.fake.waitForResponse(outcome.id, { kind: 'callback', timeoutMs: DEADLINE_MS + 500 }).then(
    (response) => {
      outcome.latencyMs = performance.now() - outcome.sentAt;
      outcome.errorReply = String(response.data.content ?? '').includes('Something went wrong');
      return response;
    },
    () => undefined,
  );
}

/**
 * BENCH_LOAD_LOG=FILE: each phase's interactions as a JSON line (rate; per interaction the time it
 * was sent on the driver's clock, its kind and its latency, ms), to see when the slow ones came.
 */
function logOutcomes(file: string, rate: number, outcomes: readonly Outcome[]): void {
  const rounded = (ms: number | null) => (ms === null ? null : Math.round(ms * 10) / 10);
  const sent = outcomes.map((outcome) => [rounded(outcome.sentAt), outcome.kind, rounded(outcome.latencyMs)]);
  appendFileSync(file, `${JSON.stringify({ rate, sent })}\n`);
}

/**
 * Runs `drive`, waits until the bot has answered (or refused) everything it was sent, and measures
 * the phase: latencies, failures, the bot's event loop and memory, the driver's event loop.
 */
export async function measured(
  context: PhaseContext,
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
  const startedAt = Date.now();
  const outcomes: Outcome[] = [];
  await drive(outcomes);
  const answeredAt = await drain(fake, outcomes, rejectionsBefore);
  if (process.env.BENCH_LOAD_LOG) logOutcomes(process.env.BENCH_LOAD_LOG, rate, outcomes);
  await settle(context);
  driverLoop.disable();
  const botLoop = await bot.probe(true);
  const refused = new Set(
    fake.rejections.slice(rejectionsBefore).map((rejection) => rejection.interactionId),
  );
  const late = outcomes.filter((outcome) => outcome.latencyMs === null || outcome.latencyMs > DEADLINE_MS);
  const lastAnswer = Math.max(...answeredAt.values());
  const figures: PhaseFigures = {
    rate,
    sent: outcomes.length,
    latency: latencyOf(outcomes),
    over3s: late.length,
    lost: outcomes.filter((outcome) => !answeredAt.has(outcome.id)).length,
    errors: outcomes.filter((outcome) => outcome.errorReply || refused.has(outcome.id)).length,
    botErrorLines: bot.logs.errors.length - errorLinesBefore,
    servedPerSecond: (answeredAt.size * 1000) / Math.max(1, lastAnswer - startedAt),
    botEventLoopP99Ms: botLoop.eventLoopP99Ms,
    botEventLoopMaxMs: botLoop.eventLoopMaxMs,
    driverEventLoopP99Ms: driverLoop.percentile(99) / 1e6,
    rssBeforeMB,
    rssAfterMB: await bot.rssMB(),
  };
  return { figures, outcomes };
}

/**
 * Waits until every interaction has a first answer from the bot, accepted or refused, or the drain
 * timeout passes. Returns when each was first answered (Date.now() time, as the fake records it).
 */
async function drain(
  fake: FakeDiscord,
  outcomes: readonly Outcome[],
  rejectionsBefore: number,
): Promise<Map<string, number>> {
  const answeredAt = new Map<string, number>();
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  let seenRejections = rejectionsBefore;
  for (;;) {
    for (const rejection of fake.rejections.slice(seenRejections)) {
      const id = rejection.interactionId;
      if (id !== undefined && !answeredAt.has(id)) answeredAt.set(id, rejection.at);
    }
    seenRejections = fake.rejections.length;
    for (const outcome of outcomes) {
      const first = fake.responsesFor(outcome.id)[0];
      if (first && !answeredAt.has(outcome.id)) answeredAt.set(outcome.id, first.at);
    }
    const waiting = outcomes.some((outcome) => !answeredAt.has(outcome.id));
    if (!waiting || performance.now() > deadline) return answeredAt;
    await sleep(DRAIN_POLL_MS);
  }
}

/**
 * Waits until the bot has gone quiet: no REST call and no error line for a while. A late answer is
 * followed by an error log and an apology that fails too; they belong to this phase, not the next.
 */
async function settle(context: PhaseContext): Promise<void> {
  const deadline = performance.now() + SETTLE_TIMEOUT_MS;
  let last = '';
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    const now = `${context.fake.calls.length}:${context.bot.logs.errors.length}:${context.bot.logs.warnings.length}`;
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= QUIET_MS) {
      return;
    }
    await sleep(DRAIN_POLL_MS);
  }
}

export function latencyOf(outcomes: readonly Outcome[]): LatencySummary {
  return summarize(outcomes.flatMap((outcome) => (outcome.latencyMs === null ? [] : [outcome.latencyMs])));
}

/** Something to do at a moment of a phase (a refresh, a dropped connection). */
export interface PhaseEvent {
  readonly atMs: number;
  readonly run: () => void;
}

/** Sends at `rate` per second for `seconds` (catching up in bursts if the driver falls behind). */
export async function sendAtRate(
  context: PhaseContext,
  outcomes: Outcome[],
  rate: number,
  seconds: number,
  events: readonly PhaseEvent[] = [],
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

/** The no-load baseline: each interaction sent after the previous one's callback. */
export async function runSequential(context: PhaseContext, count: number): Promise<PhaseFigures> {
  const { figures } = await measured(context, 0, async (outcomes) => {
    for (let i = 0; i < count; i++) await awaitCallback(context, send(context, outcomes));
  });
  return figures;
}

export async function runSteady(context: PhaseContext, rate: number, seconds: number): Promise<PhaseFigures> {
  return (await measured(context, rate, (outcomes) => sendAtRate(context, outcomes, rate, seconds))).figures;
}

/** Medians over repeated runs of a phase; failures are not averaged away: the worst run counts. */
export function medianPhase(runs: readonly PhaseFigures[]): PhaseFigures {
  const first = runs[0];
  if (!first) throw new Error('bench: no load runs to summarise');
  const of = (pick: (run: PhaseFigures) => number) => median(runs.map(pick));
  const worst = (pick: (run: PhaseFigures) => number) => Math.max(...runs.map(pick));
  return {
    rate: first.rate,
    sent: of((run) => run.sent),
    latency: medianSummary(runs.map((run) => run.latency)),
    over3s: worst((run) => run.over3s),
    lost: worst((run) => run.lost),
    errors: worst((run) => run.errors),
    botErrorLines: worst((run) => run.botErrorLines),
    servedPerSecond: of((run) => run.servedPerSecond),
    botEventLoopP99Ms: of((run) => run.botEventLoopP99Ms),
    botEventLoopMaxMs: of((run) => run.botEventLoopMaxMs),
    driverEventLoopP99Ms: of((run) => run.driverEventLoopP99Ms),
    rssBeforeMB: of((run) => run.rssBeforeMB),
    rssAfterMB: of((run) => run.rssAfterMB),
  };
}
