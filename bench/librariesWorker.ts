import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { answer } from '../src/answer/answer.js';
import type { Article } from '../src/corpus/article.js';
import type { Engine } from '../src/engine.js';
import { EngineStore } from '../src/engineStore.js';
import { evaluateAnswerable } from '../src/eval/evaluate.js';
import { engineRetriever } from '../src/eval/retriever.js';
import { loadXquad } from '../src/eval/xquad.js';
import { Libraries } from '../src/library/libraries.js';
import { QuoteIndex } from '../src/quotes/quoteIndex.js';
import type { Searchable } from '../src/search/searchable.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { LibraryStore } from '../src/store/libraryStore.js';
import {
  type CorpusFile,
  createRandom,
  generateCorpusFiles,
  loadSourceText,
  parseCorpusFiles,
  type SourceText,
} from './generateCorpus.js';
import { loadBenchQuestions, type QuestionPaths } from './questions.js';
import { type LatencySummary, summarize } from './stats.js';

// One measurement of server libraries in a fresh process
// (`node --expose-gc --import tsx bench/librariesWorker.ts '<task>'`). Prints one JSON line.

export interface LibrariesTask {
  /** `single`: every article in one index (the baseline); `servers`: the shared library plus each server's own. */
  readonly kind: 'single' | 'servers' | 'add';
  readonly shared: number;
  readonly servers: number;
  readonly perServer: number;
  readonly samples: number;
  readonly seedDir: string;
  readonly xquad: string | undefined;
  readonly questionPaths: QuestionPaths;
}

export interface LibrariesFigures {
  readonly kind: LibrariesTask['kind'];
  readonly articles: number;
  readonly buildMs: number;
  /** heapUsed + arrayBuffers after a full collection, with the indexes built and held, MB. */
  readonly memoryMB: number;
  /** The same with every quote index built too (every server has used /quote), MB. */
  readonly memoryWithQuotesMB: number;
  readonly answer: LatencySummary;
  /** XQuAD questions (answers in the shared library) asked on random servers (or the single index). */
  readonly xquadHitAt1: number | null;
  readonly xquadQuestions: number;
  /** servers: the first answer for a server whose library was dropped from memory. */
  readonly coldAnswer?: LatencySummary;
  /** add: one article added to a server, fetch included, until its view serves it. */
  readonly add?: LatencySummary;
  /** add: answers asked on another server while articles were added. */
  readonly answerDuringAdd?: LatencySummary;
  readonly eventLoopMaxMs?: number;
  /** add: rebuilding one index of all the articles plus one (today's way), index only. */
  readonly singleRebuildMs?: number;
}

const MB = 1024 * 1024;

/**
 * heapUsed + arrayBuffers after full collections. Several, with turns of the event loop between
 * them: promises and slices of finished builds are only unreachable once their callbacks have run,
 * and one collection right after a build left up to 170 MB of such garbage counted (two runs of the
 * same code measured 441 and 609 MB).
 */
async function memoryMB(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc?.();
  }
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / MB;
}

/** Shared articles: the real ones (seed, XQuAD) then generated; server articles: generated with another seed. */
function corpusFiles(source: SourceText, task: LibrariesTask): { shared: CorpusFile[]; own: CorpusFile[][] } {
  const shared = generateCorpusFiles(source, { size: task.shared, seed: 1 });
  const realCount = source.articles.length;
  const own = generateCorpusFiles(source, {
    size: realCount + task.servers * task.perServer + 10,
    seed: 2,
  }).slice(realCount);
  return {
    shared,
    own: Array.from({ length: task.servers }, (_, server) =>
      own.slice(server * task.perServer, (server + 1) * task.perServer),
    ),
  };
}

async function engineOf(articles: readonly Article[], source: SourceText): Promise<Engine> {
  const started = performance.now();
  const index = await SearchIndex.create(articles, { synonyms: source.synonyms });
  const quotes = await QuoteIndex.create(articles);
  return {
    corpus: {
      articles,
      problems: [],
      furnitureRules: source.rules,
      synonyms: source.synonyms,
      fingerprint: 'bench',
    },
    index,
    quotes,
    builtAt: new Date(),
    buildMs: performance.now() - started,
    source: 'built',
  };
}

const guildId = (server: number) => String(100_000_000_000_000_000n + BigInt(server));

function stored(file: CorpusFile) {
  const id = file.name.replace(/\.md$/, '');
  return {
    articleId: id,
    title: id,
    url: `https://bench.example/${id}`,
    canonicalUrl: `bench.example/${id}`,
    bodyHash: id,
    markdown: file.text,
  };
}

async function xquadHitAt1(
  task: LibrariesTask,
  pickIndex: () => Promise<Searchable>,
): Promise<{ hit: number | null; count: number }> {
  if (!task.xquad) return { hit: null, count: 0 };
  const cases = (await loadXquad(task.xquad)).cases.filter((_, i) => i % 5 === 0);
  let hits = 0;
  for (const testCase of cases) {
    const index = await pickIndex();
    const { metrics } = evaluateAnswerable(engineRetriever(index), [testCase]);
    hits += metrics.hitAt1;
  }
  return { hit: hits / cases.length, count: cases.length };
}

async function run(task: LibrariesTask): Promise<LibrariesFigures> {
  const source = await loadSourceText(task.seedDir, task.xquad);
  const { questions } = await loadBenchQuestions(task.questionPaths);
  const files = corpusFiles(source, task);
  const random = createRandom(11);
  const pickQuestion = () => questions[Math.floor(random() * questions.length)] ?? '';

  // Memory counts from here: the article files' text is held alike by both kinds; everything made
  // from it (parsed articles, indexes, quotes, server views) is counted.
  const before = await memoryMB();
  if (task.kind === 'single') {
    const articles = parseCorpusFiles([...files.shared, ...files.own.flat()], source.rules);
    let started = performance.now();
    const index = await SearchIndex.create(articles, { synonyms: source.synonyms });
    let buildMs = performance.now() - started;
    for (let i = 0; i < 200; i++) answer(index, pickQuestion()); // warm-up, and the look-up tree built
    const memory = (await memoryMB()) - before;
    started = performance.now();
    const quotes = await QuoteIndex.create(articles);
    buildMs += performance.now() - started;
    const memoryWithQuotes = (await memoryMB()) - before;
    const engine = { index, quotes, buildMs };
    const samples: number[] = [];
    for (let i = 0; i < task.samples; i++) {
      const question = pickQuestion();
      const started = performance.now();
      answer(engine.index, question);
      samples.push(performance.now() - started);
    }
    const quality = await xquadHitAt1(task, async () => engine.index);
    return {
      kind: 'single',
      articles: articles.length,
      buildMs: engine.buildMs,
      memoryMB: memory,
      memoryWithQuotesMB: memoryWithQuotes,
      answer: summarize(samples),
      xquadHitAt1: quality.hit,
      xquadQuestions: quality.count,
    };
  }

  const dir = await mkdtemp(join(tmpdir(), 'excerpt-libraries-bench-'));
  try {
    const store = await LibraryStore.open(join(dir, 'bench.sqlite'));
    const actor = { userId: 'bench' };
    const sharedArticles = parseCorpusFiles(files.shared, source.rules);
    const engine = await engineOf(sharedArticles, source);
    const shared = EngineStore.serving(engine, dir);

    if (task.kind === 'add') return await runAdd(task, files, store, shared, engine, pickQuestion, source);

    for (const [server, own] of files.own.entries())
      for (const file of own) await store.addArticle(guildId(server), stored(file), actor);
    const warm = await measureWarm(task, shared, store, engine.buildMs, before, pickQuestion, random);

    // A bot that keeps a tenth of the servers in memory (the all-in-memory views above released):
    // after the cache is full, each server asked for the first time is rebuilt from the database.
    const cacheSize = Math.max(1, Math.floor(task.servers / 10));
    const cold = new Libraries(shared, store, { maxCachedServers: cacheSize });
    for (let server = 0; server < cacheSize; server++)
      answer((await cold.view(guildId(server))).index, pickQuestion());
    const coldSamples: number[] = [];
    for (let server = cacheSize; server < Math.min(task.servers, cacheSize + 200); server++) {
      const question = pickQuestion();
      const started = performance.now();
      answer((await cold.view(guildId(server))).index, question);
      coldSamples.push(performance.now() - started);
    }
    await store.close();
    return {
      kind: 'servers',
      articles: sharedArticles.length + task.servers * task.perServer,
      ...warm,
      coldAnswer: summarize(coldSamples),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every server's view in memory: build time, memory, latency on random servers, XQuAD. */
async function measureWarm(
  task: LibrariesTask,
  shared: EngineStore,
  store: LibraryStore,
  sharedBuildMs: number,
  before: number,
  pickQuestion: () => string,
  random: () => number,
): Promise<
  Pick<
    LibrariesFigures,
    'buildMs' | 'memoryMB' | 'memoryWithQuotesMB' | 'answer' | 'xquadHitAt1' | 'xquadQuestions'
  >
> {
  const libraries = new Libraries(shared, store, { maxCachedServers: task.servers });
  const started = performance.now();
  for (let server = 0; server < task.servers; server++) await libraries.view(guildId(server));
  const buildMs = sharedBuildMs + performance.now() - started;
  const pickServer = () => guildId(Math.floor(random() * task.servers));
  for (let i = 0; i < 200; i++) answer((await libraries.view(pickServer())).index, pickQuestion());
  const memory = (await memoryMB()) - before;
  for (let server = 0; server < task.servers; server++)
    await (await libraries.view(guildId(server))).quotes();
  const memoryWithQuotes = (await memoryMB()) - before;

  const samples: number[] = [];
  for (let i = 0; i < task.samples; i++) {
    const question = pickQuestion();
    const server = pickServer();
    const started = performance.now();
    answer((await libraries.view(server)).index, question);
    samples.push(performance.now() - started);
  }
  const quality = await xquadHitAt1(task, async () => (await libraries.view(pickServer())).index);

  return {
    buildMs,
    memoryMB: memory,
    memoryWithQuotesMB: memoryWithQuotes,
    answer: summarize(samples),
    xquadHitAt1: quality.hit,
    xquadQuestions: quality.count,
  };
}

/** Adds one article at a time to servers that have `perServer - 1`, while another server keeps being answered. */
async function runAdd(
  task: LibrariesTask,
  files: { own: CorpusFile[][] },
  store: LibraryStore,
  shared: EngineStore,
  engine: Engine,
  pickQuestion: () => string,
  source: SourceText,
): Promise<LibrariesFigures> {
  const actor = { userId: 'bench' };
  const adds = Math.min(10, task.servers - 2);
  const pages = new Map<string, string>();
  for (let server = 0; server < adds; server++) {
    const own = files.own[server] ?? [];
    for (const file of own.slice(0, -1)) await store.addArticle(guildId(server), stored(file), actor);
    const last = parseCorpusFiles(own.slice(-1), source.rules)[0];
    if (last) pages.set(`/${server}`, articlePage(last));
  }
  const site = createServer((request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(pages.get(request.url ?? '') ?? '');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const libraries = new Libraries(shared, store);
  const asked = guildId(task.servers - 1);
  await libraries.view(asked);
  for (let server = 0; server < adds; server++) await libraries.view(guildId(server));
  // Warm-up: one add first (page extraction and the spelling list load on first use).
  const spare = task.servers - 2;
  const spareFile = parseCorpusFiles((files.own[spare] ?? []).slice(0, 1), source.rules)[0];
  if (spareFile) pages.set(`/${spare}`, articlePage(spareFile));

  await libraries.addToServer(guildId(spare), `${base}/${spare}`, actor, { allowPrivateAddresses: true });
  for (let i = 0; i < 200; i++) answer((await libraries.view(asked)).index, pickQuestion());

  // A question every millisecond on another server while the adds run.
  const answered: number[] = [];
  let adding = true;
  const asking = (async () => {
    while (adding) {
      const started = performance.now();
      answer((await libraries.view(asked)).index, pickQuestion());
      answered.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const addSamples: number[] = [];
  for (let server = 0; server < adds; server++) {
    const started = performance.now();
    await libraries.addToServer(guildId(server), `${base}/${server}`, actor, { allowPrivateAddresses: true });
    addSamples.push(performance.now() - started);
  }
  loop.disable();
  adding = false;
  await asking;
  site.close();

  // Today's way: one index of every article, rebuilt with the new one (index only, quotes not counted).
  const all = [...engine.corpus.articles, ...parseCorpusFiles(files.own[0] ?? [], source.rules)];
  const rebuildStarted = performance.now();
  await SearchIndex.create(all, { synonyms: source.synonyms });
  const singleRebuildMs = performance.now() - rebuildStarted;
  await store.close();
  return {
    kind: 'add',
    articles: engine.corpus.articles.length,
    buildMs: engine.buildMs,
    memoryMB: await memoryMB(),
    memoryWithQuotesMB: await memoryMB(),
    answer: summarize(answered),
    xquadHitAt1: null,
    xquadQuestions: 0,
    add: summarize(addSamples),
    answerDuringAdd: summarize(answered),
    eventLoopMaxMs: loop.max / 1e6,
    singleRebuildMs,
  };
}

/** A plain news page for an article, as /library add would fetch it. */
function articlePage(article: Article): string {
  const asHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = article.paragraphs.map((paragraph) => `<p>${asHtml(paragraph.text)}</p>`).join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${asHtml(article.title)}</title>
<meta property="og:title" content="${asHtml(article.title)}"><meta property="og:site_name" content="${asHtml(article.publisher)}">
<meta property="article:published_time" content="${article.published}T08:00:00Z"></head>
<body><article><h1>${asHtml(article.title)}</h1>${body}</article></body></html>`;
}

const task = JSON.parse(process.argv[2] ?? '{}') as LibrariesTask;
process.stdout.write(`${JSON.stringify(await run(task))}\n`);
