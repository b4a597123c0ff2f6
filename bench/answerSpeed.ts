import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { answer } from '../src/answer/answer.js';
import { prepareAnswering } from '../src/answer/prepareAnswering.js';
import { buildEngine } from '../src/engine.js';
import { loadXquad } from '../src/eval/xquad.js';
import { percentile } from './stats.js';

// `npm run bench:answers -- --corpus DIR [--xquad FILE] [--rounds N]`: answer() and the index search
// inside it, in one process on a corpus's snapshot (made on the first run), over XQuAD's questions,
// after one untimed round. Prints p50 and p99 and a hash of every answer, so that two versions of
// the code can be shown to answer the same (for A/B runs; bench:quality compares with peers).

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    xquad: { type: 'string', default: '../shared/data/xquad-en/xquad.en.json' },
    rounds: { type: 'string', default: '3' },
  },
});
if (!values.corpus) {
  console.error('Usage: npm run bench:answers -- --corpus DIR [--xquad FILE] [--rounds N]');
  process.exit(2);
}
const { index } = await buildEngine(values.corpus, { snapshot: true });
prepareAnswering();
const questions = (await loadXquad(values.xquad)).cases.map((c) => c.question);
const hash = createHash('sha256');
for (const question of questions) hash.update(JSON.stringify(answer(index, question, { limit: 3 })));
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
const answers = timed((question) => answer(index, question, { limit: 3 }));
const searches = timed((question) => index.search(question, 20));
const ms = (times: number[], p: number) => percentile(times, p).toFixed(2);
console.log(
  `${questions.length} questions × ${values.rounds}: answer() p50 ${ms(answers, 50)} ms, p99 ${ms(answers, 99)} ms; ` +
    `search p50 ${ms(searches, 50)} ms, p99 ${ms(searches, 99)} ms; answers ${hash.digest('hex').slice(0, 12)}`,
);
