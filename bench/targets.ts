import type { SizeResult } from './engineBench.js';
import { count, fixed, isNumber, ms, seconds, times } from './format.js';
import type { BenchResult } from './report.js';
import { ratio } from './stats.js';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly verdict: 'met' | 'missed' | 'pending';
}

function startupCheck(largest: SizeResult, at: string): TargetCheck {
  const target = 'start-up from snapshot ≥ 5× faster than a rebuild';
  if ('unavailable' in largest.startup)
    return { target, measured: largest.startup.unavailable, verdict: 'pending' };
  const { rebuildMs, snapshotMs } = largest.startup;
  const speedUp = ratio(rebuildMs, snapshotMs);
  return {
    target,
    measured: `${times(speedUp)} (${seconds(snapshotMs)} s vs ${seconds(rebuildMs)} s) ${at}`,
    verdict: speedUp >= 5 ? 'met' : 'missed',
  };
}

/** Judged on the whole engine as the bot holds it (articles, index, quotes) when it was measured. */
function heapCheck(largest: SizeResult, at: string): TargetCheck {
  const { indexMB, totalMB } = largest.engines.excerpt.heap;
  const whole = 'unavailable' in largest.startup ? Number.NaN : largest.startup.heapMB;
  const judged = isNumber(whole) ? whole : totalMB;
  const parts = `articles and search index ${fixed(totalMB, 0)} MB, of which the index ${fixed(indexMB, 0)} MB`;
  return {
    target: 'heap ≤ 300 MB',
    measured: `${fixed(judged, 0)} MB ${at} (${isNumber(whole) ? 'whole engine with quotes; ' : ''}${parts})`,
    verdict: judged <= 300 ? 'met' : 'missed',
  };
}

/** Issue 12's targets for server libraries. */
function librariesChecks(result: BenchResult): TargetCheck[] {
  const libraries = result.libraries;
  if (!libraries) return [];
  const { add, servers, single } = libraries;
  const judge = (ok: boolean): TargetCheck['verdict'] => (ok ? 'met' : 'missed');
  const memoryRatio = ratio(servers.memoryWithQuotesMB, single.memoryWithQuotesMB);
  const slowestAdd = add.add?.max ?? Number.NaN;
  return [
    {
      target: `one article added to a server over ${count(add.articles)} shared ≤ 500 ms`,
      measured: `max ${ms(slowestAdd)} ms of ${count(add.add?.count ?? 0)} (p50 ${ms(add.add?.p50)} ms); answers meanwhile max ${ms(add.answerDuringAdd?.max)} ms`,
      verdict: judge(slowestAdd <= 500),
    },
    {
      target: 'server libraries: answer p99 ≤ 10 ms',
      measured: `${ms(servers.answer.p99)} ms (one index of the same articles: ${ms(single.answer.p99)} ms)`,
      verdict: judge(servers.answer.p99 <= 10),
    },
    {
      target: 'server libraries: memory ≤ 1.5× one index of the same articles',
      measured: `${times(memoryRatio)} (${fixed(servers.memoryWithQuotesMB, 0)} MB vs ${fixed(single.memoryWithQuotesMB, 0)} MB, with quotes)`,
      verdict: judge(memoryRatio <= 1.5),
    },
    {
      target: 'first answer after a server library was dropped ≤ 100 ms',
      measured: `p99 ${ms(servers.coldAnswer?.p99)} ms (p50 ${ms(servers.coldAnswer?.p50)} ms)`,
      verdict: judge((servers.coldAnswer?.p99 ?? Number.NaN) <= 100),
    },
  ];
}

/** The targets, judged on the largest corpus measured. */
export function checkTargets(result: BenchResult): TargetCheck[] {
  const largest = result.engine.at(-1);
  const checks: TargetCheck[] = [];
  const judge = (ok: boolean): TargetCheck['verdict'] => (ok ? 'met' : 'missed');
  if (largest) {
    const { excerpt, minisearch } = largest.engines;
    const at = `at ${count(largest.size)} articles`;
    const buildRatio = ratio(excerpt.buildMs, minisearch.buildMs);
    checks.push(
      {
        target: 'answer() p99 ≤ 10 ms',
        measured: `${ms(excerpt.latency.p99)} ms ${at}`,
        verdict: judge(excerpt.latency.p99 <= 10),
      },
      {
        target: 'build ≤ 2× plain MiniSearch',
        measured: `${times(buildRatio)} (${seconds(excerpt.buildMs)} s vs ${seconds(minisearch.buildMs)} s, windows included) ${at}`,
        verdict: judge(buildRatio <= 2),
      },
      startupCheck(largest, at),
      heapCheck(largest, at),
    );
  }
  if (result.load) {
    const { steady, refresh, drop } = result.load;
    const over = steady.reduce((sum, figures) => sum + figures.over3s, 0);
    checks.push(
      {
        target: 'no interaction over 3 s under load',
        measured: steady.map((figures) => `${figures.rate}/s: ${count(figures.over3s)}`).join(', '),
        verdict: judge(over === 0),
      },
      {
        target: 'refresh during load: no failed interaction',
        measured: `${count(refresh.over3s)} over 3 s, ${count(refresh.errors)} errors, ${refresh.refreshApplied ? 'applied' : 'not applied'}`,
        verdict: judge(refresh.over3s === 0 && refresh.errors === 0 && refresh.refreshApplied),
      },
      {
        target: 'gateway drop: 0 lost',
        measured: `${count(drop.lost)} lost, resumed in ${ms(drop.resumeMs)} ms`,
        verdict: judge(drop.lost === 0),
      },
    );
  }
  checks.push(...librariesChecks(result));
  return checks;
}
