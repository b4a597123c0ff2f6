/** Percentiles, medians and ratios for benchmark samples. Plain functions, no timing of their own. */

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** The value below which `p` percent of the samples fall (nearest-rank on sorted samples); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/**
 * The middle value (mean of the two middle values for an even count) of the numbers among `values`
 * (NaN, and null from JSON, are left out); NaN when there are none.
 */
export function median(values: readonly (number | null)[]): number {
  const sorted = values
    .filter((value): value is number => typeof value === 'number' && !Number.isNaN(value))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** p50/p95/p99/max/mean of latency samples in milliseconds. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
  };
}

/** Field-by-field median of several runs' summaries. */
export function medianSummary(runs: readonly LatencySummary[]): LatencySummary {
  const field = (key: keyof LatencySummary) => median(runs.map((run) => run[key]));
  return {
    count: field('count'),
    p50: field('p50'),
    p95: field('p95'),
    p99: field('p99'),
    max: field('max'),
    mean: field('mean'),
  };
}

/** Field-by-field median of several runs' numeric records (the keys of the first run). */
export function medianRecord<T extends Record<string, number>>(runs: readonly T[]): T {
  const first = runs[0];
  if (!first) throw new Error('bench: medianRecord needs at least one run');
  const result: Record<string, number> = {};
  for (const key of Object.keys(first)) result[key] = median(runs.map((run) => run[key] ?? Number.NaN));
  return result as T;
}

/** ours / theirs, or NaN when either is missing or theirs is 0. */
export function ratio(ours: number, theirs: number): number {
  return Number.isFinite(ours) && Number.isFinite(theirs) && theirs !== 0 ? ours / theirs : Number.NaN;
}
