import type { LatencySummary } from './stats.js';

// Number formatting for the report: '–' wherever a figure is missing.

export const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
export const fixed = (value: unknown, digits: number) => (isNumber(value) ? value.toFixed(digits) : '–');
export const ms = (value: unknown) =>
  isNumber(value) ? (value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2)) : '–';
export const seconds = (value: unknown) =>
  isNumber(value) ? (value / 1000).toFixed(value >= 10_000 ? 1 : 2) : '–';
/** A ratio with two decimals, or two significant digits when it is below 0.1 (0.0027×, not 0.00×). */
export const times = (value: number) =>
  isNumber(value) ? `${value >= 0.1 || value === 0 ? value.toFixed(2) : value.toPrecision(2)}×` : '–';
export const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
export const count = (value: number) => (isNumber(value) ? Math.round(value).toLocaleString('en-US') : '–');
export const triple = (summary: LatencySummary | null | undefined) =>
  summary ? `${ms(summary.p50)} / ${ms(summary.p95)} / ${ms(summary.p99)}` : '–';

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
