import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answer } from '../answer/answer.js';
import { formatProblem } from '../corpus/article.js';
import { buildEngine } from '../engine.js';
import { ANSI_STYLE, answerToJson, PLAIN_STYLE, renderAnswer } from './renderAnswer.js';

const USAGE = `Usage: npm run ask -- [--json] [--limit N] [--corpus DIR] "question"
       npm run --silent ask -- --json -     (one question per line on stdin, one JSON object per line out)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string', default: '3' },
      corpus: { type: 'string', default: process.env.CORPUS_DIR ?? 'corpus' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const limit = Number(values.limit);
  if (values.help || positionals.length === 0 || !Number.isInteger(limit) || limit < 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const engine = await buildEngine(values.corpus);
  for (const problem of engine.corpus.problems) console.error(`warning: ${formatProblem(problem)}`);

  const ask = (question: string) => answer(engine.index, question, { limit });
  if (values.json && positionals.length === 1 && positionals[0] === '-') {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (line.trim() === '') continue;
      process.stdout.write(`${JSON.stringify(answerToJson(ask(line)))}\n`);
    }
    return 0;
  }
  const result = ask(positionals.join(' '));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(answerToJson(result))}\n`);
  } else {
    process.stdout.write(renderAnswer(result, process.stdout.isTTY ? ANSI_STYLE : PLAIN_STYLE));
  }
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`ask: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
