import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InteractionResponse } from '../test/fakeDiscord/index.js';
import { type CorpusFile, generateCorpusFiles, type SourceText } from './generateCorpus.js';
import {
  awaitCallback,
  DEADLINE_MS,
  latencyOf,
  measured,
  type Outcome,
  type PhaseContext,
  type PhaseFigures,
  send,
  sendAtRate,
} from './loadPhases.js';
import { type LatencySummary, median, medianSummary } from './stats.js';

const REFRESH_TIMEOUT_MS = 300_000;
const RESUME_TIMEOUT_MS = 60_000;

export interface RefreshFigures extends PhaseFigures {
  /** From the refresh command to its final edit (the report, not a progress edit). */
  readonly refreshMs: number;
  readonly refreshApplied: boolean;
  /** Progress edits the bot sent while it rebuilt. */
  readonly progressEdits: number;
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

/** What the refresh and drop phases need besides the phase context. */
export interface EventPhaseOptions {
  readonly rate: number;
  readonly seconds: number;
  readonly corpusDir: string;
  readonly source: SourceText;
  readonly corpusSize: number;
  readonly seed: number;
}

const isProgress = (response: InteractionResponse) =>
  String(response.data.content ?? '').startsWith('Rebuilding the index');

/** The generator's next article after the corpus, a different one for each repetition. */
function extraArticle(options: EventPhaseOptions, repetition: number): CorpusFile | undefined {
  return generateCorpusFiles(options.source, {
    size: options.corpusSize + repetition + 1,
    seed: options.seed,
  }).at(-1);
}

/** Load at `rate`; one more article file appears, and a quarter of the way in a moderator runs /corpus refresh. */
export async function runRefresh(
  context: PhaseContext,
  options: EventPhaseOptions,
  repetition: number,
): Promise<RefreshFigures> {
  // One more article each time, so the refresh has something to apply.
  const extra = extraArticle(options, repetition);
  if (extra) await writeFile(join(options.corpusDir, extra.name), extra.text);
  let refresh:
    | { outcome: Outcome; done: Promise<{ edit: InteractionResponse; at: number } | undefined> }
    | undefined;
  const { figures, outcomes } = await measured(context, options.rate, async (all) => {
    const start = () => {
      const outcome = send(context, [], true);
      void awaitCallback(context, outcome);
      const done = context.fake
        .waitForResponse(outcome.id, {
          kind: 'edit',
          match: (response) => !isProgress(response),
          timeoutMs: REFRESH_TIMEOUT_MS,
        })
        .then(
          (edit) => ({ edit, at: performance.now() }),
          () => undefined,
        );
      refresh = { outcome, done };
    };
    await sendAtRate(context, all, options.rate, options.seconds, [
      { atMs: (options.seconds * 1000) / 4, run: start },
    ]);
    await refresh?.done;
  });
  const finished = await refresh?.done;
  const from = refresh?.outcome.sentAt ?? Number.NaN;
  const refreshMs = finished ? finished.at - from : Number.NaN;
  const during = outcomes.filter((outcome) => outcome.sentAt >= from && outcome.sentAt <= from + refreshMs);
  const embeds = (finished?.edit.data.embeds ?? []) as { title?: string }[];
  const responses = refresh ? context.fake.responsesFor(refresh.outcome.id) : [];
  return {
    ...figures,
    over3s: figures.over3s + (refresh?.outcome.latencyMs === null ? 1 : 0),
    refreshMs,
    refreshApplied: embeds.some((embed) => embed.title === 'Shared library refreshed'),
    progressEdits: responses.filter((response) => response.kind === 'edit' && isProgress(response)).length,
    during: latencyOf(during),
    duringSent: during.length,
    duringOver3s: during.filter((outcome) => outcome.latencyMs === null || outcome.latencyMs > DEADLINE_MS)
      .length,
  };
}

/** Load at `rate`; a quarter of the way in, the gateway socket dies without a close frame. */
export async function runDrop(context: PhaseContext, options: EventPhaseOptions): Promise<DropFigures> {
  let dropped: { at: number; resumed: Promise<number> } | undefined;
  const { figures, outcomes } = await measured(context, options.rate, async (all) => {
    const drop = () => {
      const at = performance.now();
      const resumed = context.fake.dropConnection({ timeoutMs: RESUME_TIMEOUT_MS }).then(
        () => performance.now() - at,
        () => Number.NaN,
      );
      dropped = { at, resumed };
    };
    await sendAtRate(context, all, options.rate, options.seconds, [
      { atMs: (options.seconds * 1000) / 4, run: drop },
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

/** Medians of repeated refresh phases (failures: the worst run). */
export function medianRefresh(runs: readonly RefreshFigures[], phase: PhaseFigures): RefreshFigures {
  return {
    ...phase,
    refreshMs: median(runs.map((run) => run.refreshMs)),
    refreshApplied: runs.every((run) => run.refreshApplied),
    progressEdits: median(runs.map((run) => run.progressEdits)),
    during: medianSummary(runs.map((run) => run.during)),
    duringSent: median(runs.map((run) => run.duringSent)),
    duringOver3s: Math.max(...runs.map((run) => run.duringOver3s)),
  };
}

/** Medians of repeated drop phases. */
export function medianDrop(runs: readonly DropFigures[], phase: PhaseFigures): DropFigures {
  return {
    ...phase,
    resumeMs: median(runs.map((run) => run.resumeMs)),
    duringSent: median(runs.map((run) => run.duringSent)),
  };
}
