import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildEngine, type Engine, prepareForRefresh } from '../src/engine.js';

// `npm run bench:refresh -- --corpus DIR`: how long a refresh takes when one article changed, in one
// process (the bot's refresh path: buildEngine with the engine serving), in three cases: after a
// build from scratch; right after a start from the snapshot; and after such a start once the bot
// has prepared for refreshes in the background (prepareForRefresh, as the bot does). One article
// file gets a paragraph appended and is put back afterwards.

const { values } = parseArgs({ options: { corpus: { type: 'string' } } });
if (!values.corpus) {
  console.error('Usage: npm run bench:refresh -- --corpus DIR   (make one with npm run bench:corpus)');
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

let started = performance.now();
const built = await buildEngine(dir, { snapshot: true });
console.log(
  `start: ${seconds(started)} (${built.corpus.articles.length} articles, ${built.source === 'snapshot' ? 'from the snapshot' : 'built, snapshot saved'})`,
);
const name = (await readdir(dir)).filter((file) => file.endsWith('.md')).sort()[0] ?? '';
const path = join(dir, name);
console.log(`the article changed: ${name}`);

started = performance.now();
const scratch = await buildEngine(dir);
console.log(`build from scratch: ${seconds(started)}`);
await refreshes('after a build', scratch, path);

// A start from the snapshot, as the bot's: nothing of the build above is reused (new articles).
started = performance.now();
const restored = await buildEngine(dir, { snapshot: true });
console.log(`start from the snapshot: ${seconds(started)}`);
await refreshes('right after a start from the snapshot', restored, path);

const again = await buildEngine(dir, { snapshot: true });
started = performance.now();
const prepared = await prepareForRefresh(dir, again);
console.log(`prepare for refreshes (in the background in the bot): ${seconds(started)}`);
await refreshes('after a start from the snapshot and preparing', prepared, path);
