import './loadEnv.js';
import { createInterface } from 'node:readline';
import { answer } from '../answer/answer.js';
import { prepareAnswering } from '../answer/prepareAnswering.js';
import { formatProblem } from '../corpus/article.js';
import { buildEngine, type Engine } from '../engine.js';
import { findArticle } from '../library/findArticle.js';
import type { LibraryView } from '../library/libraries.js';
import { peopleFor } from '../library/peopleFor.js';
import { exitQuietlyWhenPipeCloses } from './closedPipe.js';
import { parseCliArgs, positiveIntegerOption } from './parseCliArgs.js';
import { ANSI_STYLE, answerToJson, PLAIN_STYLE, renderAnswer } from './renderAnswer.js';

// No one waits on a terminal the way Discord does: the server's quotes are awaited however long they take.
const CLI_WAIT_FOR_QUOTES_MS = 60_000;

const USAGE = `Usage: npm run ask -- [--json] [--limit N] [--corpus DIR] [--guild ID [--data DIR]] [--article NAME] "question"
       (--article: ask one article only, named by its id, its title or words only its title has)
       (--guild: answer from what that server sees: the shared library minus what it hid, plus its own)
       (a server's library is read from --data's SQLite file, or DATABASE_URL's PostgreSQL database)
       npm run --silent ask -- --json -     (one question per line on stdin, one JSON object per line out)`;

async function main(): Promise<number> {
  const { values, positionals } = parseCliArgs(
    {
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '3' },
        corpus: { type: 'string', default: process.env.CORPUS_DIR || 'corpus' },
        guild: { type: 'string' },
        article: { type: 'string' },
        data: { type: 'string', default: process.env.DATA_DIR || 'data' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    USAGE,
  );
  const limit = positiveIntegerOption('limit', values.limit, USAGE);
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  // The saved index when the corpus is unchanged (seconds instead of minutes for a large corpus);
  // otherwise built and saved for next time, as the bot does.
  const building = buildEngine(values.corpus, {
    snapshot: true,
    onSnapshotError: (error) => console.error(`warning: index snapshot not saved: ${String(error)}`),
  });
  // While the snapshot's file is read in another thread: the word lists every answer needs.
  prepareAnswering();
  const engine = await building;
  for (const problem of engine.corpus.problems) console.error(`warning: ${formatProblem(problem)}`);
  const server =
    values.guild === undefined
      ? undefined
      : await serverView(engine, values.corpus, values.data, values.guild);
  const library = server?.index ?? engine.index;
  const scope = values.article === undefined ? undefined : findArticle(library.articles, values.article);
  if (scope?.problem !== undefined) {
    console.error(
      `ask: ${scope.problem} Name it by its id (npm run corpus -- status lists them) or its title.`,
    );
    return 2;
  }
  const index = (scope?.article && library.only(scope.article.id)) ?? library;
  const asked = scope?.article ? { article: scope.article.title } : {};

  // How the library's articles describe people, so "Moscow's leader" is read as Putin: the shared
  // engine's, or (--guild) those of the server's own and shared articles, as the bot reads them.
  const sharedPeople = () => engine.quotes.speakers();
  const ask = async (question: string) =>
    answer(index, question, {
      limit,
      people: server ? await peopleFor(server, question, CLI_WAIT_FOR_QUOTES_MS) : sharedPeople,
    });
  if (values.json && positionals.length === 1 && positionals[0] === '-') {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (line.trim() === '') continue;
      process.stdout.write(`${JSON.stringify(answerToJson(await ask(line)))}\n`);
    }
    return 0;
  }
  const result = await ask(positionals.join(' '));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(answerToJson(result))}\n`);
  } else {
    process.stdout.write(renderAnswer(result, process.stdout.isTTY ? ANSI_STYLE : PLAIN_STYLE, asked));
  }
  return 0;
}

/** What the server sees, read from the bot's database (read-only use: nothing is changed). */
async function serverView(
  engine: Engine,
  corpusDir: string,
  dataDir: string,
  guildId: string,
): Promise<LibraryView> {
  // Loaded only for --guild: the database and library modules take half a second to load.
  const [{ openBotStore }, { Libraries }, { EngineStore }] = await Promise.all([
    import('./openStore.js'),
    import('../library/libraries.js'),
    import('../engineStore.js'),
  ]);
  const store = await openBotStore(dataDir);
  try {
    const view = await new Libraries(EngineStore.serving(engine, corpusDir), store).view(guildId);
    for (const problem of view.problems) console.error(`warning: ${formatProblem(problem)}`);
    return view;
  } finally {
    await store.close();
  }
}

exitQuietlyWhenPipeCloses();
process.exitCode = await main().catch((error: unknown) => {
  console.error(`ask: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
