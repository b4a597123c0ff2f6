import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildEngine } from '../src/engine.js';

// `npm run bench:refresh -- --corpus DIR`: how long a refresh takes when one article changed, beside a
// build from scratch, in one process (the bot's refresh path: buildEngine with the engine serving).
// One article file gets a paragraph appended and is put back afterwards.
const { values } = parseArgs({ options: { corpus: { type: 'string' } } });
if (!values.corpus) {
  console.error('Usage: npm run bench:refresh -- --corpus DIR   (make one with npm run bench:corpus)');
  process.exit(2);
}
const dir = values.corpus;
const seconds = (started: number) => `${((performance.now() - started) / 1000).toFixed(2)} s`;

let started = performance.now();
const first = await buildEngine(dir);
console.log(`build from scratch: ${seconds(started)} (${first.corpus.articles.length} articles)`);
const name = (await readdir(dir)).filter((file) => file.endsWith('.md')).sort()[0] ?? '';
const path = join(dir, name);
const original = await readFile(path);
try {
  await writeFile(path, `${original.toString('utf8').trimEnd()}\n\nA paragraph added to time a refresh.\n`);
  started = performance.now();
  const next = await buildEngine(dir, { previous: first });
  console.log(`refresh, one article changed (${name}): ${seconds(started)}`);
  started = performance.now();
  await buildEngine(dir, { previous: next });
  console.log(`refresh, nothing changed: ${seconds(started)}`);
} finally {
  await writeFile(path, original);
}
