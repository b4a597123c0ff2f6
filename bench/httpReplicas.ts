import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadXquad } from '../src/eval/xquad.js';
import { renderArticleFile } from '../src/ingest/articleFile.js';
import { freePort } from '../test/bot/botProcess.js';
import { applicationKeys } from '../test/fakeDiscord/signing.js';
import { findPostgresPrograms, startTestPostgres, type TestPostgres } from '../test/postgres/server.js';
import { brownArticles } from './brownCorpus.js';
import { createRandom } from './generateCorpus.js';
import { summarize } from './stats.js';

// `npm run bench:replicas`: /ask over HTTP (INTERACTIONS=http) served by one process, then by
// WORKERS=2 (Node's cluster module sharing the port), on the same corpus, with the same signed
// requests, at rising numbers of requests in flight (closed loop: each client sends its next request
// when the previous is answered). The answer is the HTTP response itself, so its latency is the ack's.
// With --postgres, each is run again with the store on a throwaway local PostgreSQL server with its
// default durability (DATABASE_URL) instead of SQLite: the cooldown's write per /ask goes over a socket.
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '1,2,4,8,16' },
    workers: { type: 'string', default: '1,2' },
    xquad: { type: 'string', default: '../shared/data/xquad-en/xquad.en.json' },
    postgres: { type: 'boolean', default: false },
    // node: the requests are sent by this process (fetch); wrk: by Debian's wrk, a C load generator
    // that takes far less of the shared cores, replaying 2,000 requests signed beforehand.
    driver: { type: 'string', default: 'node' },
  },
});
let postgres: TestPostgres | undefined;
if (values.postgres) {
  const bin = findPostgresPrograms();
  if (!bin) throw new Error('--postgres: PostgreSQL is not installed (Debian’s postgresql package)');
  postgres = await startTestPostgres(bin, { durable: true });
}
type Store = 'SQLite' | 'PostgreSQL';
const stores: Store[] = postgres ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
const seconds = Number(values.seconds);
const levels = values.concurrency.split(',').map(Number);
const xquad = await loadXquad(values.xquad);
const questions = xquad.cases.map((testCase) => testCase.question);

const keys = applicationKeys();

const corpusDir = await mkdtemp(join(tmpdir(), 'excerpt-replicas-corpus-'));
const size = Number(values.size);
for (const article of [
  ...xquad.articles,
  ...brownArticles(Math.max(0, size - xquad.articles.length), createRandom(1)),
].slice(0, size))
  await writeFile(
    join(corpusDir, `${article.id.replace(/[^\w.-]+/gu, '_')}.md`),
    renderArticleFile(
      article,
      article.paragraphs.map((paragraph) => paragraph.text),
    ),
  );

let sent = 0;
/** One signed /ask, as Discord would POST it. */
function signedAsk(): { body: string; headers: Record<string, string> } {
  const n = sent++;
  const body = JSON.stringify({
    id: String(1_000_000 + n),
    type: 2,
    token: `token-${n}`,
    application_id: '100000000000000001',
    user: { id: String(300_000_000_000_000_000n + BigInt(n % 1000)) },
    data: {
      name: 'ask',
      type: 1,
      options: [{ name: 'question', type: 3, value: questions[n % questions.length] }],
    },
  });
  return { body, headers: keys.headers(body) };
}

/** One signed /ask; resolves with the milliseconds to the response. */
async function ask(port: number): Promise<number> {
  const { body, headers } = signedAsk();
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/interactions`, {
    method: 'POST',
    headers,
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the endpoint answered ${response.status}`);
  return performance.now() - started;
}

/**
 * One level driven by wrk: `connections` keep-alive connections, each sending its next request when
 * answered, for `seconds`; every request signed beforehand (Discord's signatures are valid for five
 * minutes), so wrk only replays them. Non-200 answers fail the run.
 */
async function wrkLevel(
  port: number,
  connections: number,
): Promise<{ perSecond: number; p50: number; p99: number }> {
  const script = join(corpusDir, '..', `wrk-${process.pid}.lua`);
  const requests = Array.from({ length: 2000 }, () => signedAsk());
  const lua = [
    'local list = {',
    ...requests.map(
      ({ body, headers }) =>
        `{ body = [==[${body}]==], ts = "${headers['x-signature-timestamp']}", sig = "${headers['x-signature-ed25519']}" },`,
    ),
    '}',
    'local formatted = {}',
    'local i = 0',
    'init = function(args)',
    '  for k, r in ipairs(list) do',
    '    formatted[k] = wrk.format("POST", "/interactions", { ["content-type"] = "application/json", ["x-signature-timestamp"] = r.ts, ["x-signature-ed25519"] = r.sig }, r.body)',
    '  end',
    '  i = math.random(#formatted)',
    'end',
    'request = function() i = i % #formatted + 1; return formatted[i] end',
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status + e.connect + e.read + e.write + e.timeout))',
    'end',
  ].join('\n');
  await writeFile(script, lua);
  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      'wrk',
      [
        '-t',
        '1',
        '-c',
        String(connections),
        '-d',
        `${seconds}s`,
        '--timeout',
        '5s',
        '-s',
        script,
        `http://127.0.0.1:${port}/interactions`,
      ],
      (error, stdout) =>
        error
          ? reject(
              (error as { code?: string }).code === 'ENOENT'
                ? new Error('--driver wrk: wrk is not installed (Debian’s wrk package)')
                : error,
            )
          : resolve(stdout),
    ),
  );
  await rm(script, { force: true });
  const [count, durationUs, p50Us, p99Us, errors] = (
    /RESULT (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(output) ?? []
  )
    .slice(1)
    .map(Number);
  if (count === undefined || durationUs === undefined || p50Us === undefined || p99Us === undefined)
    throw new Error(`wrk said:\n${output}`);
  if (errors) throw new Error(`wrk: ${errors} requests failed or were not answered 200`);
  return { perSecond: count / (durationUs / 1e6), p50: p50Us / 1000, p99: p99Us / 1000 };
}

async function start(
  workers: number,
  store: Store,
): Promise<{ child: ChildProcess; port: number; dataDir: string }> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'excerpt-replicas-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      DISCORD_TOKEN: 'bench-token',
      DISCORD_CLIENT_ID: '100000000000000001',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: keys.publicHex,
      PORT: String(port),
      INTERACTIONS_HOST: '127.0.0.1',
      WORKERS: String(workers),
      CORPUS_DIR: corpusDir,
      DATA_DIR: dataDir,
      // Generous, so the cooldown never answers instead of the engine.
      COOLDOWN_USES: '1000000',
      LOG_LEVEL: 'warn',
      ...(store === 'PostgreSQL' && postgres ? { DATABASE_URL: postgres.url } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Ready when every worker answers: as many successful asks in a row as there are workers, twice.
  const deadline = Date.now() + 300_000;
  for (let streak = 0; streak < workers * 2; ) {
    if (Date.now() > deadline) throw new Error('the bot did not start');
    try {
      await ask(port);
      streak++;
    } catch {
      streak = 0;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return { child, port, dataDir };
}

interface Row {
  store: Store;
  workers: number;
  concurrency: number;
  perSecond: number;
  p50: number;
  p99: number;
}
const rows: Row[] = [];
for (const store of stores)
  for (const workers of values.workers.split(',').map(Number)) {
    const bot = await start(workers, store);
    for (let i = 0; i < 50; i++) await ask(bot.port); // warm-up
    // wrk's connections are each dealt to one worker: warm every worker up through as many as the
    // busiest level uses, for as long as a level lasts, before measuring.
    if (values.driver === 'wrk') await wrkLevel(bot.port, Math.max(...levels));
    for (const concurrency of levels) {
      if (values.driver === 'wrk') {
        const level = await wrkLevel(bot.port, concurrency);
        rows.push({ store, workers, concurrency, ...level });
        console.log(
          `${store}, workers ${workers}, ${concurrency} connections (wrk): ${level.perSecond.toFixed(1)}/s, p50 ${level.p50.toFixed(1)} ms, p99 ${level.p99.toFixed(1)} ms`,
        );
        continue;
      }
      const times: number[] = [];
      const stopAt = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < stopAt) times.push(await ask(bot.port));
        }),
      );
      const summary = summarize(times);
      rows.push({
        store,
        workers,
        concurrency,
        perSecond: times.length / seconds,
        p50: summary.p50,
        p99: summary.p99,
      });
      console.log(
        `${store}, workers ${workers}, ${concurrency} in flight: ${(times.length / seconds).toFixed(1)}/s, p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms`,
      );
    }
    bot.child.kill('SIGTERM');
    await new Promise((resolve) => bot.child.once('exit', resolve));
    await rm(bot.dataDir, { recursive: true, force: true });
  }
await rm(corpusDir, { recursive: true, force: true });
await postgres?.stop();

const best = (store: Store, workers: number) =>
  Math.max(
    0,
    ...rows
      .filter((row) => row.store === store && row.workers === workers && row.p99 <= 50)
      .map((row) => row.perSecond),
  );
const one = best('SQLite', 1);
console.log(
  `\nMost /ask per second with p99 ≤ 50 ms (${size} articles, ${seconds} s per level, the load generator on the same machine):`,
);
for (const store of stores)
  for (const workers of values.workers.split(',').map(Number)) {
    const most = best(store, workers);
    console.log(
      `  ${store}, ${workers === 1 ? 'one process' : `${workers} workers`}: ${most.toFixed(1)} (${one > 0 ? (most / one).toFixed(2) : '–'}× one process on SQLite)`,
    );
  }
