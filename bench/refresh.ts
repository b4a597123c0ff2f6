import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildEngine, type Engine, prepareForRefresh } from '../src/engine.js';

// `npm run bench:refresh -- --corpus DIR`: how long a refresh takes when one article changed, in one
// process (the bot's refresh path: buildEngine with the engine serving), in three cases: after a
// build from scratch; right after a start from the snapshot; and after such a start once the bot
// has prepared for refreshes in the background (prepareForRefresh, as the bot does). One article
// file gets a paragraph appended and is put back afterwards.

const USAGE = 'Usage: npm run bench:refresh -- --corpus DIR   (make one with npm run bench:corpus)';
const { values } = parseArgs({
  options: { corpus: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.corpus) {
  console.error(USAGE);
  process.exit(2);
}
const dir = values.corpus;
const seconds = (started: number) => `${((performance.now() - started) / 1000).toFixed(2)} s`;

/** Times a refresh of `serving` with one article changed, and the refresh after it with none. */
async function refreshes(label: string, serving: Engine, path: string): Promise<void> {
  const original = await readFile(path);
  try {
    await writeFile(path, `${original.toString('utf8').trimEnd()}\n\nA paragraph added to time a refresh.\n`);
    let started = performance.now();
    const next = await buildEngine(dir, { previous: serving });
    console.log(`${label}: refresh, one article changed: ${seconds(started)}`);
    started = performance.now();
    await buildEngine(dir, { previous: next });
    console.log(`${label}: refresh, nothing changed: ${seconds(started)}`);
  } finally {
    await writeFile(path, original);
  }
}

// Each case in a function of its own, so that only its engines are in memory while it is timed (as
// in the bot, which serves one engine and builds the next): engines of earlier cases kept alive made
// the later cases' collections slower (4.0 s instead of 2.8 s for the last one).
const name = await firstArticle();
const path = join(dir, name);

async function firstArticle(): Promise<string> {
  const started = performance.now();
  const built = await buildEngine(dir, { snapshot: true });
  console.log(
    `start: ${seconds(started)} (${built.corpus.articles.length} articles, ${built.source === 'snapshot' ? 'from the snapshot' : 'built, snapshot saved'})`,
  );
  const first = (await readdir(dir)).filter((file) => file.endsWith('.md')).sort()[0] ?? '';
  console.log(`the article changed: ${first}`);
  return first;
}

async function afterBuild(): Promise<void> {
  const started = performance.now();
  const scratch = await buildEngine(dir);
  console.log(`build from scratch: ${seconds(started)}`);
  await refreshes('after a build', scratch, path);
}

// A start from the snapshot, as the bot's: nothing of the build above is reused (new articles).
async function afterStart(): Promise<void> {
  const started = performance.now();
  const restored = await buildEngine(dir, { snapshot: true });
  console.log(`start from the snapshot: ${seconds(started)}`);
  await refreshes('right after a start from the snapshot', restored, path);
}

async function afterPreparing(): Promise<void> {
  const again = await buildEngine(dir, { snapshot: true });
  const started = performance.now();
  const prepared = await prepareForRefresh(dir, again);
  console.log(`prepare for refreshes (in the background in the bot): ${seconds(started)}`);
  await refreshes('after a start from the snapshot and preparing', prepared, path);
}

for (const run of [afterBuild, afterStart, afterPreparing]) {
  await run();
  // With --expose-gc (bench:refresh sets it): the case's engines are gone before the next is timed.
  (globalThis as { gc?: () => void }).gc?.();
}
