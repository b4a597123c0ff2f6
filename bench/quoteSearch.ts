import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildEngine } from '../src/engine.js';
import { DEFAULT_QUESTION_PATHS, loadBenchQuestions } from './questions.js';

// `npm run bench:quotes -- --corpus DIR [--rounds N]`: /quote's search and autocomplete in one
// process, on a corpus's snapshot (made on the first run): the bench's quote searches, and the first
// half of each as an autocomplete, after one untimed round. Prints each round's time and a hash of
// every result, so that two versions of the code can be shown to answer the same.

const { values } = parseArgs({
  options: { corpus: { type: 'string' }, rounds: { type: 'string', default: '5' } },
});
if (!values.corpus) {
  console.error(
    'Usage: npm run bench:quotes -- --corpus DIR [--rounds N]   (a corpus: npm run bench:corpus)',
  );
  process.exit(2);
}
const { quotes } = await buildEngine(values.corpus, { snapshot: true });
const searches = (await loadBenchQuestions(DEFAULT_QUESTION_PATHS)).quoteQueries;
const partials = searches.flatMap((query) =>
  query.text ? [query.text.slice(0, Math.max(3, Math.floor(query.text.length / 2)))] : [],
);
let started = performance.now();
quotes.searchQuotes({ text: 'sovereing contry' });
const first = performance.now() - started;
const runAll = () => [
  ...searches.map((query) => JSON.stringify(quotes.searchQuotes(query))),
  ...partials.map((partial) => JSON.stringify(quotes.autocompleteQuotes(partial))),
];
runAll(); // warm-up
const rounds: number[] = [];
const hash = createHash('sha256');
for (let round = 0; round < Number(values.rounds); round++) {
  started = performance.now();
  const results = runAll();
  rounds.push(performance.now() - started);
  if (round === 0) hash.update(results.join('\n'));
}
const sorted = [...rounds].sort((a, b) => a - b);
console.log(
  `${quotes.listQuotes().length} quotes; first search with typos ${first.toFixed(1)} ms; ` +
    `${searches.length} searches + ${partials.length} autocompletes a round: ` +
    `${rounds.map((ms) => ms.toFixed(1)).join(', ')} ms (median ${sorted[sorted.length >> 1]?.toFixed(1)}); ` +
    `results ${hash.digest('hex').slice(0, 12)}`,
);
