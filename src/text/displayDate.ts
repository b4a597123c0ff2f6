// One formatter: toLocaleDateString builds a new one on every call, which under load cost a quarter
// of what the search behind the answer did (measured with npm run bench's BENCH_CPU_PROF).
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "19 December 2024" from an ISO date. */
export function displayDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : LONG_DATE.format(date);
}
