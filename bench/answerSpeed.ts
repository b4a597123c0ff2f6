import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { answer } from '../src/answer/answer.js';
import { prepareAnswering } from '../src/answer/prepareAnswering.js';
import { buildEngine } from '../src/engine.js';
import { loadXquad } from '../src/eval/xquad.js';
import { percentile } from './stats.js';

// `npm run bench:answers -- --corpus DIR [--xquad FILE] [--rounds N] [--people]`: answer() and the
// index search inside it, in one process on a corpus's snapshot (made on the first run), over XQuAD's
// questions, after one untimed round. Prints p50 and p99 and a hash of every answer, so that two
// versions of the code can be shown to answer the same (for A/B runs; bench:quality compares with
// peers). --people: with the quote index's people, as the bot and the CLI answer.

const USAGE = 'Usage: npm run bench:answers -- --corpus DIR [--xquad FILE] [--rounds N] [--people]';
const { values } = (() => {
  try {
    return parseArgs({
      options: {
        corpus: { type: 'string' },
        xquad: { type: 'string', default: '../shared/data/xquad-en/xquad.en.json' },
        rounds: { type: 'string', default: '3' },
        people: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    // A mistyped option gets one line and the usage, not a stack trace.
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.corpus) {
  console.error(USAGE);
  process.exit(2);
}
const engine = await buildEngine(values.corpus, { snapshot: true });
const { index } = engine;
prepareAnswering();
const options = { limit: 3, ...(values.people ? { people: () => engine.quotes.speakers() } : {}) };
const questions = (await loadXquad(values.xquad)).cases.map((c) => c.question);
const hash = createHash('sha256');
for (const question of questions) hash.update(JSON.stringify(answer(index, question, options)));
const timed = (work: (question: string) => unknown): number[] => {
  const times: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++)
    for (const question of questions) {
      const started = performance.now();
      work(question);
      times.push(performance.now() - started);
    }
  return times.sort((a, b) => a - b);
};
const answers = timed((question) => answer(index, question, options));
const searches = timed((question) => index.search(question, 20));
const ms = (times: number[], p: number) => percentile(times, p).toFixed(2);
console.log(
  `${questions.length} questions × ${values.rounds}: answer() p50 ${ms(answers, 50)} ms, p99 ${ms(answers, 99)} ms; ` +
    `search p50 ${ms(searches, 50)} ms, p99 ${ms(searches, 99)} ms; answers ${hash.digest('hex').slice(0, 12)}` +
    (values.people ? ' (with the quote index’s people)' : ''),
);
